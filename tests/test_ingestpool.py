"""Analysis in worker processes (archive/ingestpool.py): same results as inline, bounded,
surviving a dead worker; and a real crawl that archives the same rows either way."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from archive.ingest import analyse_page
from archive.ingestpool import AnalysisPool

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "html").glob("generic-*.html"))
PAGES = [(f"https://portal.example.vn/tin/{i}.html", p.read_bytes())
         for i, p in enumerate(FIXTURES)]


def run_all(pool: AnalysisPool, pages=PAGES) -> list:
    async def main() -> list:
        return await asyncio.gather(*(pool.analyse(url, body, {}) for url, body in pages))

    try:
        return asyncio.run(main())
    finally:
        pool.close()


def test_workers_give_the_inline_results():
    inline = [analyse_page(url, body, {}) for url, body in PAGES]
    pool = AnalysisPool(workers=2)
    assert run_all(pool) == inline
    assert pool.counts == {"remote": len(PAGES), "inline": 0, "restarts": 0}


def test_pages_in_the_workers_are_bounded():
    pool = AnalysisPool(workers=1, max_pending=2)
    in_flight, peak = 0, 0

    async def main() -> None:
        nonlocal in_flight, peak
        await pool.start()
        submit = pool.executor.submit

        def counting_submit(*args, **kwargs):
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            future = submit(*args, **kwargs)

            def done(_):
                nonlocal in_flight
                in_flight -= 1

            future.add_done_callback(done)
            return future

        pool.executor.submit = counting_submit
        await asyncio.gather(*(pool.analyse(url, body, {}) for url, body in PAGES * 2))

    try:
        asyncio.run(main())
    finally:
        pool.close()
    assert pool.counts["remote"] == 2 * len(PAGES)
    assert peak == 2


def test_a_dead_worker_costs_no_page():
    pool = AnalysisPool(workers=1)

    async def main() -> list:
        first = await pool.analyse(*PAGES[0], {})
        for pid in list(pool.executor._processes):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while not pool.executor._broken and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        second = await pool.analyse(*PAGES[1], {})  # the pool is broken: analysed here
        third = await pool.analyse(*PAGES[2], {})  # and a new pool takes over
        return [first, second, third]

    try:
        results = asyncio.run(main())
    finally:
        pool.close()
    assert results == [analyse_page(url, body, {}) for url, body in PAGES[:3]]
    assert pool.counts == {"remote": 2, "inline": 1, "restarts": 1}


def test_no_workers_means_inline():
    pool = AnalysisPool(workers=0)
    assert run_all(pool, PAGES[:3]) == [analyse_page(u, b, {}) for u, b in PAGES[:3]]
    assert pool.counts["inline"] == 3 and pool.executor is None


@pytest.mark.crawl
def test_a_crawl_with_workers_archives_what_an_inline_crawl_does(tmp_path):
    from test_crawl import crawl

    from demo.server import start_subprocess

    proc, url = start_subprocess()
    try:
        tables = {}
        for workers in ("0", "2"):
            db, log = tmp_path / f"w{workers}.db", tmp_path / f"w{workers}.log"
            crawl(db, url, "-s", f"THIDUA_INGEST_WORKERS={workers}", "--log-file", str(log))
            stats = log.read_text(encoding="utf-8")
            remote = int(re.search(r"'thidua/ingest/remote': (\d+)", stats).group(1))
            items = int(re.search(r"'item_scraped_count': (\d+)", stats).group(1))
            assert remote == (items if workers == "2" else 0)
            conn = sqlite3.connect(db)
            tables[workers] = {
                "articles": conn.execute(
                    "select url, title, body, published_at, author from articles "
                    "order by url").fetchall(),
                "meetings": conn.execute(
                    "select a.url, m.kind, m.cluster_name, m.meeting_date from meetings m "
                    "join articles a on a.id = m.article_id order by 1, 2, 3").fetchall(),
            }
            conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    assert tables["0"]["articles"] and tables["0"] == tables["2"]


def test_workers_do_not_outlive_a_killed_crawl(tmp_path):
    """cron's timeout or the OOM killer may SIGKILL a crawl: its workers must go with it."""
    import subprocess
    import sys

    code = ("import asyncio, sys\n"
            "from archive.ingestpool import AnalysisPool\n"
            "pool = AnalysisPool(workers=2)\n"
            "asyncio.run(pool.start())\n"
            "print(' '.join(str(p) for p in pool.executor._processes), flush=True)\n"
            "sys.stdin.read()\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert workers  # started on demand: one after the warm-up
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 15
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in workers if Path(f"/proc/{p}").exists()
                 and "Z" not in Path(f"/proc/{p}/stat").read_text().split(")")[-1].split()[0]]
    assert not alive, f"workers {alive} outlived their crawl"
