"""A crawl killed with SIGKILL, again and again, loses nothing and duplicates nothing.

The site is big enough for the bug to show: 517 articles (the sample sites plus 160 older ones
each, 35 listing pages per site), and the kills come deep in the walk, when the incremental
stop ("pages full of known articles: the rest was archived before") would be wrong because the
run that archived them never finished. Three kills at random points of one crawl (one in each
third of the archive's growth, the last one late, when walks have reached their end but their
articles are still queued), then one rerun; three times over. At every step: the file is
sound, no article is twice in it, and `thidua status` flags every source that is missing
articles; after the rerun: nothing missing, nothing left `running`, status clean.

THIDUA_KILL_SEED=N replays one sequence of kill points (the failure message prints it).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from demo.server import SiteState, start_subprocess

pytestmark = pytest.mark.crawl
ROOT = Path(__file__).resolve().parent.parent
DEMO_SOURCES = ROOT / "sources" / "demo.toml"
BACKLOG = 160
REPEATS = 3
# one kill in each band of the archive's growth (fraction of all articles archived)
BANDS = ((0.10, 0.40), (0.40, 0.70), (0.70, 0.97))


def crawl_cmd(db: Path) -> list[str]:
    return [sys.executable, "-m", "archive", "crawl", "--sources", str(DEMO_SOURCES),
            "--db", str(db), "--local", "--quiet", "-s", "AUTOTHROTTLE_ENABLED=False"]


def count(db: Path, sql: str = "select count(*) from articles") -> int:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def expected_urls(base: str) -> dict[str, set[str]]:
    """source id → URL of every article the sites publish (the server's own ground truth)."""
    state = SiteState(BACKLOG)
    return {f"demo-{site}": {base + a["path"] for a in arts} for site, arts in state.articles.items()}


def archived(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db, timeout=30)
    try:
        out: dict[str, list[str]] = {}
        for sid, url in conn.execute("select source_id, url from articles"):
            out.setdefault(sid, []).append(url)
        return out
    finally:
        conn.close()


def status(db: Path) -> tuple[int, dict[str, dict]]:
    result = subprocess.run([sys.executable, "-m", "archive", "status", "--db", str(db), "--json"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, {h["source_id"]: h for h in json.loads(result.stdout)}


def kill_at(db: Path, base: str, target: int, where: str) -> int:
    """Start a crawl and SIGKILL it once `target` articles are archived; returns the count."""
    proc = subprocess.Popen(crawl_cmd(db), env={**os.environ, "DEMO_URL": base}, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 300
    n = 0
    try:
        while time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
            try:
                n = count(db) if db.exists() else 0
            except sqlite3.OperationalError:
                continue
            if n >= target:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, f"{where}: the crawl ended by itself ({n} archived): {err[-2000:]}"
    return n


def check_step(db: Path, truth: dict[str, set[str]], where: str, *, final: bool) -> None:
    assert count(db, "pragma integrity_check") == "ok", where
    got = archived(db)
    for sid, urls in got.items():
        assert len(urls) == len(set(urls)), f"{where}: {sid} has duplicated articles"
    missing = {sid: len(want - set(got.get(sid, []))) for sid, want in truth.items()}
    code, health = status(db)
    for sid, n in missing.items():
        if n:  # honest: a source that is missing articles is never reported healthy
            assert health[sid]["flags"], f"{where}: {sid} misses {n} articles, status says {health[sid]}"
    if final:
        assert missing == dict.fromkeys(truth, 0), f"{where}: articles lost {missing}"
        assert count(db, "select count(*) from crawls where status = 'running'") == 0, where
        assert count(db, "select count(*) from runs where status = 'running'") == 0, where
        assert code == 0 and not any(h["flags"] for h in health.values()), f"{where}: {health}"
    else:
        assert code == 1, f"{where}: status exit {code} after a killed run: {health}"


def test_three_kills_then_a_rerun_lose_nothing_three_times_over(tmp_path):
    seed = int(os.environ.get("THIDUA_KILL_SEED") or random.SystemRandom().randrange(10**6))
    rng = random.Random(seed)
    proc, base = start_subprocess(backlog=BACKLOG)
    try:
        truth = expected_urls(base)
        total = sum(len(u) for u in truth.values())
        assert total >= 500
        for repeat in range(REPEATS):
            db = tmp_path / f"archive-{repeat}.db"
            for k, (lo, hi) in enumerate(BANDS):
                target = int(total * rng.uniform(lo, hi))
                where = f"seed {seed}, repeat {repeat + 1}, kill {k + 1} at {target}"
                kill_at(db, base, target, where)
                check_step(db, truth, where, final=False)
            result = subprocess.run(crawl_cmd(db), env={**os.environ, "DEMO_URL": base},
                                    capture_output=True, text=True, cwd=ROOT, timeout=600,
                                    check=False)
            where = f"seed {seed}, repeat {repeat + 1}, rerun"
            assert result.returncode == 0, f"{where}: {result.stdout}\n{result.stderr[-3000:]}"
            check_step(db, truth, where, final=True)
    finally:
        proc.terminate()
        proc.wait(timeout=5)
