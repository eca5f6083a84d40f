"""`make bench`: speed and memory of the hot paths, on pages this project wrote.

Speed goals live here, not in timed tests (a loaded CI machine must not fail the suite):
  - extraction of one article page  ≥ 100 pages/s on one core
  - ingest (decode + extract + store + meetings) ≥ 50 pages/s
  - a local crawl of the sample sites completes, and its pages/s is reported
  - peak memory (RSS) of the ingest loop stays under 300 MB
The numbers are printed as a table and written to data/bench.json; the command exits 1 when a
goal is missed, so a regression is visible.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOALS = {"extract_pages_per_s": 100.0, "ingest_pages_per_s": 50.0, "peak_rss_mb": 300.0}


def sample_pages() -> list[tuple[str, bytes]]:
    """Every demo article rendered as its site serves it, via the demo server in-process."""
    import urllib.request

    from demo.content import load_articles
    from demo.server import start_in_thread

    server, url = start_in_thread()
    try:
        pages = []
        for a in load_articles():
            with urllib.request.urlopen(url + a["path"], timeout=10) as resp:
                pages.append((url + a["path"], resp.read()))
        return pages
    finally:
        server.shutdown()


def bench_extract(pages: list[tuple[str, bytes]], rounds: int = 5) -> float:
    from archive.extract import extract_article

    texts = [(u, b.decode("utf-8")) for u, b in pages]
    start = time.perf_counter()
    for _ in range(rounds):
        for url, text in texts:
            extract_article(text, url)
    return rounds * len(texts) / (time.perf_counter() - start)


def bench_ingest(pages: list[tuple[str, bytes]], rounds: int = 3) -> float:
    from archive.ingest import ingest_page
    from archive.store import open_archive

    with tempfile.TemporaryDirectory() as tmp:
        db = open_archive(Path(tmp) / "bench.db")
        start = time.perf_counter()
        n = 0
        for r in range(rounds):
            for url, body in pages:
                ingest_page(db, url=f"{url}?r={r}", body=body,
                            headers={"Content-Type": "text/html; charset=utf-8"})
                n += 1
        return n / (time.perf_counter() - start)


def bench_crawl() -> float:
    from demo.server import start_subprocess

    proc, url = start_subprocess()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "archive", "crawl", "--sources",
                            str(ROOT / "sources" / "demo.toml"), "--db", f"{tmp}/a.db", "--local", "-q"],
                           env={**os.environ, "DEMO_URL": url}, check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
        with __import__("urllib.request").request.urlopen(f"{url}/_stats") as resp:
            total = json.loads(resp.read())["total"]
        return total / elapsed
    finally:
        proc.terminate()


def main() -> int:
    pages = sample_pages()
    results = {
        "pages": len(pages),
        "extract_pages_per_s": round(bench_extract(pages), 1),
        "ingest_pages_per_s": round(bench_ingest(pages), 1),
        "crawl_requests_per_s_incl_startup": round(bench_crawl(), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    failed = []
    for key, value in results.items():
        goal = GOALS.get(key)
        ok = goal is None or (value <= goal if key == "peak_rss_mb" else value >= goal)
        if not ok:
            failed.append(key)
        print(f"{key:<36} {value:>10}   goal {goal if goal is not None else '-':>6}  {'ok' if ok else 'MISSED'}")
    out = ROOT / "data" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
