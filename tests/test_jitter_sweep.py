"""scripts/jitter_sweep.py's report (the sweep itself is `make jitter`: an hour of crawls, not a
test): a run that lost an article, stored a non-article or a duplicate, or never finished is
named with its seed, and the exit code says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "jitter_sweep.py"


def run(site: str, seed: int, archived: int, **more) -> dict:
    return {"set": "blindX", "site": site, "route": "home", "seed": seed, "expected": 6, "archived": archived,
            "non_articles": [], "duplicates": [], "missing": [], "seconds": 1.0, **more}


def report(tmp_path: Path, runs: list[dict]) -> subprocess.CompletedProcess:
    out = tmp_path / "sweep.json"
    out.write_text(json.dumps({"jitter": 300, "seeds": [1, 2], "runs": runs}), encoding="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), "--report", str(out)], capture_output=True, text=True,
                          check=False, timeout=60)


def test_a_clean_sweep_exits_0_with_its_totals(tmp_path):
    done = report(tmp_path, [run("a", 1, 6), run("a", 2, 6)])
    assert done.returncode == 0, done.stderr
    assert "1 site x route pairs x 2 seeds (jitter 300 ms) = 2 crawls; articles 12/12; crawls with a loss 0" \
        in done.stdout


def test_a_loss_a_non_article_and_an_unfinished_run_are_named_with_their_seeds(tmp_path):
    done = report(tmp_path, [run("a", 1, 5, missing=["A02"]), run("a", 2, 6),
                             run("b", 1, 6, non_articles=["http://x/tag/1"]), run("c", 2, 0, error="timed out")])
    assert done.returncode == 1
    assert "crawls with a loss 1, with non-articles 1, with duplicates 0, unfinished 1" in done.stdout
    assert "blindX a (home): seeds 1" in done.stdout
    assert "blindX b (home): seeds 1" in done.stdout
    assert "blindX c (home): seeds 2" in done.stdout


def test_concurrency_is_n_requests_at_once_and_is_named_in_the_summary(tmp_path):
    """--concurrency N: the crawl's per-site limit N with AutoThrottle off (else it keeps about
    one request in flight); a sweep's file keeps N and the summary says it."""
    sys.path.insert(0, str(SCRIPT.parent))
    import jitter_sweep

    assert jitter_sweep.crawl_settings(None) == ()
    assert jitter_sweep.crawl_settings(8) == ("CONCURRENT_REQUESTS_PER_DOMAIN=8", "AUTOTHROTTLE_ENABLED=False")
    out = tmp_path / "sweep.json"
    out.write_text(json.dumps({"jitter": 1000, "concurrency": 8, "seeds": [1], "runs": [run("a", 1, 6)]}),
                   encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCRIPT), "--report", str(out)], capture_output=True, text=True,
                          check=False, timeout=60)
    assert "(jitter 1000 ms, 8 requests per site at once) = 1 crawls; articles 6/6" in done.stdout
