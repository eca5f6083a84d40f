"""CrawlRecorder: one `crawls` row per run and source, with the numbers a cron owner needs.

It also owns the archive connection for the run (spider and pipeline share it through
`crawler.thidua`), so there is one writer per crawl process.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter, defaultdict
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from archive import store
from archive.crawls import finished_crawl


class SourceCounters:
    """Per-source counters under the names `crawls` and `thidua status` read, mirrored into
    Scrapy's stats as thidua/<key>. The base of CrawlRecorder (a local crawl) and of
    crawler.distributed.RedisWorker (a worker), so both count requests and responses alike."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)

    def connect_counters(self) -> None:
        self.crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)
        self.crawler.signals.connect(self.response_received, signal=signals.response_received)

    def count(self, source_id: str | None, key: str, n: int = 1) -> None:
        self.counts[source_id or "?"][key] += n
        self.crawler.stats.inc_value(f"thidua/{key}", n)

    def request_scheduled(self, request: Request, spider: Any) -> None:
        self.count(request.meta.get("source_id"), "requests")

    def response_received(self, response: Response, request: Request, spider: Any) -> None:
        sid = request.meta.get("source_id")
        self.count(sid, "responses")
        self.count(sid, f"status/{response.status}")
        if request.meta.get("thidua_kind") == "listing" and 200 <= response.status < 300:
            self.count(sid, "listing/ok")


class CrawlRecorder(SourceCounters):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.db = store.open_archive(crawler.settings.get("THIDUA_DB"))
        self.run_id = crawler.settings.get("THIDUA_RUN_ID") or uuid.uuid4().hex[:12]
        self.crawl_ids: dict[str, int] = {}
        self.started = time.monotonic()
        self.started_at = store.now_iso()
        crawler.thidua = self  # type: ignore[attr-defined]

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRecorder:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        ext.connect_counters()
        return ext

    def spider_opened(self, spider: Any) -> None:
        for source in getattr(spider, "sources", []):
            store.save_source(self.db, source)
            with self.db.conn:
                self.crawl_ids[source.id] = int(self.db["crawls"].insert({
                    "run_id": self.run_id, "source_id": source.id, "started_at": self.started_at,
                    "status": "running",
                }).last_pk)

    def spider_closed(self, spider: Any, reason: str) -> None:
        duration = round(time.monotonic() - self.started, 3)
        finished = store.now_iso()
        with self.db.conn:
            for sid, crawl_id in self.crawl_ids.items():
                self.db["crawls"].update(crawl_id, finished_crawl(
                    self.counts.get(sid, Counter()), finished_at=finished, duration_s=duration,
                    reason=reason))
        self.crawler.stats.set_value("thidua/run_id", self.run_id)


class ProgressLine:
    """One self-overwriting status line on a terminal; nothing at all under cron.

    Enabled by THIDUA_PROGRESS (the CLI sets it when stderr is a terminal and --quiet is off).
    """

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLine:
        from scrapy.exceptions import NotConfigured

        if not crawler.settings.getbool("THIDUA_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler, crawler.settings.getfloat("THIDUA_PROGRESS_INTERVAL", 1.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        from twisted.internet import task

        self.task = task.LoopingCall(self.show)
        self.task.start(self.interval, now=True)

    def show(self, end: str = "\r") -> None:
        import sys

        s = self.crawler.stats
        line = (f"  pages {s.get_value('response_received_count', 0)}  "
                f"new {s.get_value('thidua/new', 0)}  updated {s.get_value('thidua/updated', 0)}  "
                f"known {s.get_value('thidua/known', 0)}  failures {s.get_value('thidua/failures', 0)}")
        sys.stderr.write(line.ljust(79) + end)
        sys.stderr.flush()

    def spider_closed(self, spider: Any) -> None:
        if self.task and self.task.running:
            self.task.stop()
        self.show(end="\n")
