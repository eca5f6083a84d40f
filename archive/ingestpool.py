"""Page analysis in worker processes, so that a crawl uses every core.

Decoding, extraction, normalisation and meeting rules cost ~25 ms of CPU a page; run on
Scrapy's reactor thread they capped a crawl at one core, and the downloads waited for them.
`AnalysisPool` sends `archive.ingest.analyse_page` (pure: bytes in, picklable `Analysis` out),
and the spider's reading of a page (crawler/pagereading.py), to a
`concurrent.futures.ProcessPoolExecutor` and hands the result back to the event loop,
where the one SQLite writer stores it. At most `max_pending` pages are in the workers at once;
callers beyond that wait (holding their page), and Scrapy's scraper stops feeding responses
while its items wait (`SCRAPER_SLOT_MAX_ACTIVE_SIZE`), so memory stays flat however fast the
downloads come in.

Workers are spawned (`spawn`): fresh interpreters that import the extractor once, so a worker
never inherits the reactor's threads and locks (as a plain fork of the crawl would). They are
children of the crawl and watch it: a crawl killed with SIGKILL leaves no worker behind (a fork
server, tried first, outlived such a crawl with its workers). A worker that dies (out of memory
on a monstrous page) breaks the pool: it is replaced, and the page is analysed in the main
process, so no page is lost to it.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from archive.ingest import Analysis, analyse_page

log = logging.getLogger(__name__)
T = TypeVar("T")


def default_workers() -> int:
    """One worker per core beyond the first: the main process downloads, parses listings and
    writes SQLite. On one core, none (analysis inline)."""
    return max(0, (os.cpu_count() or 1) - 1)


def _warm() -> int:
    import archive.extract
    import archive.meetings  # noqa: F401
    import crawler.pagereading  # noqa: F401

    return os.getpid()


def _worker_init(parent: int) -> None:
    # Ctrl-C is the crawl's to handle: a worker killed by it would break the pool mid-page
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker when the crawl that started it is gone (killed without a goodbye)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


class AnalysisPool:
    """`await pool.analyse(...)` → Analysis, in a worker process when there are workers."""

    def __init__(self, workers: int | None = None, max_pending: int | None = None) -> None:
        self.workers = default_workers() if workers is None else max(0, workers)
        self.max_pending = max_pending or max(2, 2 * self.workers)
        self.executor: ProcessPoolExecutor | None = None
        self.starting: asyncio.Future[ProcessPoolExecutor] | None = None
        self.slots: asyncio.Semaphore | None = None
        self.counts = {"remote": 0, "inline": 0, "restarts": 0}

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_init,
                                       initargs=(os.getpid(),))
        executor.submit(_warm).result()  # returns once a worker has imported the extractor
        return executor

    async def start(self) -> None:
        """Start the workers in a thread, off the event loop: a worker imports the extractor
        first, and waiting for it on the reactor thread stalled every download and timeout
        timer for seconds (a 1 s timeout then let a 2 s answer through)."""
        if not self.workers or self.executor is not None:
            return
        if self.starting is None:
            self.starting = asyncio.ensure_future(asyncio.to_thread(self._start))
        self.executor = await self.starting

    async def analyse(self, url: str, body: bytes, headers: Mapping[str, str] | None,
                      source: Any = None) -> Analysis:
        return await self.run(analyse_page, url, body, dict(headers or {}), source)

    async def run(self, function: Callable[..., T], *args: Any, counter: str = "") -> T:
        """`function(*args)` in a worker when there are workers (a pure, picklable function of
        picklable arguments: the page analysis, the spider's reading of a page), else here;
        counted in `counts` as `{counter}remote` or `{counter}inline`."""
        if not self.workers:
            self._count(counter + "inline")
            return function(*args)
        if self.slots is None:
            self.slots = asyncio.Semaphore(self.max_pending)
        async with self.slots:
            await self.start()
            assert self.executor is not None
            try:
                result = await asyncio.wrap_future(self.executor.submit(function, *args))
            except BrokenProcessPool:
                log.warning("an analysis worker died on or near %s; restarting the pool and "
                            "doing this work here", args[0] if args else function.__name__)
                self._restart()
            else:
                self._count(counter + "remote")
                return result
        self._count(counter + "inline")
        return function(*args)

    def _count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def _restart(self) -> None:
        self.counts["restarts"] += 1
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor, self.starting = None, None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor, self.starting = None, None
