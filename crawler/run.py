"""Run the registry spider in this process and report per-source outcomes.

The CLI calls this; Scrapy's reactor can start once per process, so tests run it through the
`thidua crawl` command in a subprocess, exactly as cron does.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Self

from archive.sources import Source
from archive.store import open_archive
from crawler.extensions import CrawlRecorder
from crawler.middlewares import download_slots

# 127.0.0.1 sample sites answer instantly; politeness delays would only slow the demo down.
LOCAL_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0.01,
    "AUTOTHROTTLE_MAX_DELAY": 0.5,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_TIMES": 1,
    "DOWNLOAD_TIMEOUT": 10,
}


def crawl_settings(db_path: str | Path, overrides: Mapping[str, Any] | None = None) -> Any:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("THIDUA_DB", str(db_path), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


class StartupStop:
    """Ctrl-C or SIGTERM while Scrapy starts (it imports and builds its components for a few
    seconds before it installs its own handlers) would raise KeyboardInterrupt inside a
    Twisted Deferred: a traceback on stderr and a crawl that "finished" with nothing. Until
    Scrapy takes over, a stop signal is only noted; once the engine runs and Scrapy's
    handlers are in place, it is delivered again, so Scrapy stops as on any Ctrl-C:
    gracefully, the run marked interrupted."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.asked: list[int] = []
        self.previous: dict[int, Any] = {}

    def note(self, signum: int, _frame: Any) -> None:
        self.asked.append(signum)

    def __enter__(self) -> Self:
        self.previous = {sig: signal.signal(sig, self.note) for sig in self.SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.previous.items():
            if signal.getsignal(sig) == self.note:
                signal.signal(sig, handler)

    def watch(self, crawler: Any) -> None:
        from scrapy import signals

        crawler.signals.connect(self._engine_started, signal=signals.engine_started, weak=False)

    def _engine_started(self) -> None:
        if self.asked:
            logging.getLogger(__name__).warning("stop asked during start-up: stopping")
            self._deliver()

    def _deliver(self) -> None:
        from twisted.internet import reactor

        if signal.getsignal(self.asked[0]) == self.note:  # Scrapy's handlers not in place yet
            reactor.callLater(0.1, self._deliver)
        else:
            os.kill(os.getpid(), self.asked[0])


def run_crawl(
    db_path: str | Path,
    sources: Sequence[Source],
    *,
    max_pages: int | None = None,
    since: str | None = None,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Crawl `sources` into the archive; returns {run_id, sources: [crawls rows], stats}."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.sources import SourcesSpider

    settings = {"LOG_INSTALL_ROOT_HANDLER": False, **(settings or {})}
    settings["DOWNLOAD_SLOTS"] = download_slots(sources, settings.get("DOWNLOAD_SLOTS"))
    with StartupStop() as startup:
        process = CrawlerProcess(crawl_settings(db_path, settings))
        crawler = process.create_crawler(SourcesSpider)
        startup.watch(crawler)
        process.crawl(crawler, sources=list(sources), max_pages=max_pages, since=since)
        process.start()
    try:
        recorder = crawler.get_extension(CrawlRecorder)
    except RuntimeError:  # stopped before the extensions were built: no run was opened
        recorder = None
    if recorder is not None:  # stopped before the spider could close: its rows say so
        recorder.close("shutdown")
        # the last connection to close checkpoints the WAL into the file: one left open at
        # exit leaves the newest pages in `archive.db-wal`, lost to whoever copies the file
        recorder.db.close()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    run_id = stats.get("thidua/run_id")
    db = open_archive(db_path)
    try:
        rows = list(db.query("select * from crawls where run_id = ? order by source_id", [run_id]))
    finally:
        db.close()
    return {"run_id": run_id, "sources": rows, "stats": stats,
            "finish_reason": stats.get("finish_reason")}
