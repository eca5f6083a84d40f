"""Extraction, ingest and crawl speed on the bundled sample sites (the figures `make bench`
printed before the suites existed). No peer yet: the crawl and ingest comparisons against bare
Scrapy and trafilatura belong here next."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from archive.benchmark.report import Figure
from archive.benchmark.runner import BenchContext

ROOT = Path(__file__).resolve().parents[2]


def sample_pages() -> list[tuple[str, bytes]]:
    """Every demo article rendered as its site serves it, via the demo server in-process."""
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


def bench_extract(pages: list[tuple[str, bytes]], rounds: int) -> float:
    from archive.extract import extract_article

    texts = [(u, b.decode("utf-8")) for u, b in pages]
    start = time.perf_counter()
    for _ in range(rounds):
        for url, text in texts:
            extract_article(text, url)
    return rounds * len(texts) / (time.perf_counter() - start)


def bench_ingest(pages: list[tuple[str, bytes]], rounds: int) -> float:
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
        elapsed = time.perf_counter() - start
        db.conn.close()
        return n / elapsed


def bench_crawl() -> float:
    from demo.server import start_subprocess

    proc, url = start_subprocess()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "archive", "crawl", "--sources",
                            str(ROOT / "sources" / "demo.toml"), "--db", f"{tmp}/a.db", "--local",
                            "-q"], env={**os.environ, "DEMO_URL": url}, check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
        with urllib.request.urlopen(f"{url}/_stats") as resp:
            total = json.loads(resp.read())["total"]
        return total / elapsed
    finally:
        proc.terminate()
        proc.wait()


def run(ctx: BenchContext) -> list[Figure]:
    pages = sample_pages()
    extract = bench_extract(pages, max(1, ctx.rounds))
    ingest = bench_ingest(pages, max(1, min(ctx.rounds, 3)))
    crawl = bench_crawl()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = f"{len(pages)} sample pages"
    return [
        Figure("pipeline", f"extraction, {n}", extract, "pages/s", goal="≥ 100", ok=extract >= 100),
        Figure("pipeline", f"ingest, {n}", ingest, "pages/s", goal="≥ 50", ok=ingest >= 50),
        Figure("pipeline", "crawl of the sample sites, incl. start-up", crawl, "requests/s"),
        Figure("pipeline", "peak RSS of the benchmark process", rss, "MiB", goal="≤ 300",
               ok=rss <= 300, note="not the crawl subprocess"),
    ]
