"""CrawlRecorder: the run's state in the archive (archive/crawls.py), with the numbers a cron
owner needs: one `crawls` row per run and source, the listing walks, the dead runs it finds.

It also owns the archive connection for the run (spider and pipeline find it with
`crawler.get_extension(SourceCounters)`), so there is one writer per crawl process.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Request, Response

from archive import crawls, store
from archive.crawls import WalkPlan


class SourceCounters:
    """Per-source counters under the names `crawls` and `thidua status` read, mirrored into
    Scrapy's stats as thidua/<key>, and the walk reports the spider makes. The base of
    CrawlRecorder (a local crawl) and of crawler.distributed.RedisWorker (a worker), so both
    count requests and responses alike; the spider and pipeline look this class up."""

    plans: dict[tuple[str, str], WalkPlan]

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.plans = {}

    def connect_counters(self) -> None:
        self.crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)
        self.crawler.signals.connect(self.response_received, signal=signals.response_received)
        self.crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

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

    def request_dropped(self, request: Request, spider: Any) -> None:
        """A redirect the scheduler refused as already seen: a redirect loop (A → B → A), or a
        redirect to a page this run fetched already. Either way the page asked for was not
        archived, and without this nothing would say so (no errback runs)."""
        chain = request.meta.get("redirect_urls")
        if not chain:
            return
        sid = request.meta.get("source_id")
        loop = request.url in chain
        self.count(sid, "redirect/loop" if loop else "redirect/seen")
        if loop:
            self.count(sid, "failures")
            route = " → ".join([*chain, request.url])
            spider.record_failure(url=chain[0], stage=f"fetch-{request.meta.get('thidua_kind', 'page')}",
                                  message=f"redirect loop: {route}", source_id=sid)

    def walk_reached(self, source_id: str, start_url: str, *, leg: str, page: int, url: str,
                     streak: int) -> None:
        raise NotImplementedError

    def walk_ended(self, source_id: str, start_url: str, *, leg: str, cause: str) -> None:
        raise NotImplementedError


class CrawlRecorder(SourceCounters):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.db = store.open_archive(crawler.settings.get("THIDUA_DB"))
        self.kind = crawler.settings.get("THIDUA_RUN_KIND") or "crawl"
        self.run: crawls.Run | None = None
        self.closed = False
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRecorder:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        ext.connect_counters()
        return ext

    @property
    def run_id(self) -> str | None:
        return self.run.run_id if self.run else None

    @property
    def crawl_ids(self) -> dict[str, int]:
        return self.run.crawl_ids if self.run else {}

    def spider_opened(self, spider: Any) -> None:
        sources = list(getattr(spider, "sources", []))
        for source in sources:
            store.save_source(self.db, source)
        # `thidua crawl` holds the archive's lock: runs still marked running are dead.
        self.run = crawls.open_run(self.db, [s.id for s in sources], kind=self.kind,
                                   run_id=self.crawler.settings.get("THIDUA_RUN_ID"))
        self.plans = crawls.plan_walks(self.db, self.run.run_id,
                                       [(s.id, u) for s in sources for u in s.start_urls])
        self.crawler.stats.set_value("thidua/run_id", self.run.run_id)

    def walk_reached(self, source_id: str, start_url: str, *, leg: str, page: int, url: str,
                     streak: int) -> None:
        if self.run:
            crawls.walk_reached(self.db, self.run.run_id, source_id, start_url, leg=leg,
                                page=page, url=url, streak=streak)

    def walk_ended(self, source_id: str, start_url: str, *, leg: str, cause: str) -> None:
        if self.run:
            crawls.walk_ended(self.db, self.run.run_id, source_id, start_url, leg=leg,
                              cause=cause)

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.close(reason)

    def close(self, reason: str) -> None:
        """Close the run once: at spider_closed, or after a stop that came before the spider
        could close (crawler.run calls it then, so no row is left `running`)."""
        if self.run is None or self.closed:
            return
        self.closed = True
        crawls.close_run(self.db, self.run.run_id, self.counts, reason=reason,
                         duration_s=round(time.monotonic() - self.started, 3))


class RegistryThrottle(AutoThrottle):
    """AutoThrottle that never goes below a host's registry `delay` (DOWNLOAD_SLOTS, built from
    the sources by crawler.middlewares.download_slots): AutoThrottle speeds up to DOWNLOAD_DELAY
    when a site answers fast, but a site that asked for a slower pace keeps it."""

    def _response_downloaded(self, response: Response, request: Request, spider: Any) -> None:
        super()._response_downloaded(response, request, spider)
        key, slot = self._get_slot(request, spider)
        floor = self.crawler.settings.getdict("DOWNLOAD_SLOTS").get(key or "", {}).get("delay")
        if slot is not None and floor is not None and slot.delay < float(floor):
            slot.delay = float(floor)


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
