"""ArchivePipeline: every fetched article page goes through archive.ingest.

The CPU-heavy part (decode, extract, normalise, meetings: `archive.ingest.analyse_page`) runs
in worker processes (`archive.ingestpool`, `THIDUA_INGEST_WORKERS`, default one per core
beyond the first); the result is stored here, on the reactor thread, by the crawl's one SQLite
writer, one transaction per page. The spider shares the same workers (`analysis_pool`) to read
its pages (crawler/pagereading.py), so their bounded queue holds both.

The pipeline never raises DropItem for a bad page: ingest stores the raw page, records the
failure and the counters say how many; nothing disappears from the crawl without a trace.
"""

from __future__ import annotations

import logging
from typing import Any
from weakref import WeakKeyDictionary

from scrapy.crawler import Crawler
from scrapy.utils.asyncio import is_asyncio_available

from archive import ingest
from archive.crawls import outcome_counts
from archive.ingestpool import AnalysisPool
from crawler.extensions import CrawlRecorder

log = logging.getLogger(__name__)
_POOLS: WeakKeyDictionary[Crawler, AnalysisPool] = WeakKeyDictionary()


def analysis_pool(crawler: Crawler | None) -> AnalysisPool | None:
    """The crawl's analysis workers, which the spider shares to read its pages; None when the
    crawl has no ArchivePipeline (a distributed worker: the spider reads pages itself)."""
    return _POOLS.get(crawler) if crawler is not None else None


class ArchivePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        workers = crawler.settings.get("THIDUA_INGEST_WORKERS")
        self.pool = AnalysisPool(None if workers in (None, "") else int(workers),
                                 crawler.settings.getint("THIDUA_INGEST_PENDING") or None)
        _POOLS[crawler] = self.pool

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    @property
    def recorder(self) -> Any:
        return self.crawler.get_extension(CrawlRecorder)

    async def open_spider(self, spider: Any = None) -> None:
        if not is_asyncio_available():
            self.pool.workers = 0  # worker results come back through asyncio
        self.crawler.stats.set_value("thidua/ingest/workers", self.pool.workers)
        await self.pool.start()  # before the first request, and off the reactor thread

    def close_spider(self, spider: Any = None) -> None:
        self.pool.close()
        for key, n in self.pool.counts.items():
            self.crawler.stats.set_value(f"thidua/ingest/{key}", n)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        rec = self.recorder
        source_id = item["source_id"]
        # Scrapy ≥ 2.13 may call process_item(item) without the spider: ask the crawler.
        spider = spider or self.crawler.spider
        source = spider.sources_by_id.get(source_id)
        rec.count(source_id, "items")
        analysis = await self.pool.analyse(item["url"], item["body"], item["headers"], source)
        try:
            result = ingest.ingest_page(
                rec.db, url=item["url"], body=item["body"], status=item["status"],
                headers=item["headers"], source=source, crawl_id=rec.crawl_ids.get(source_id),
                fetched_at=item.get("fetched_at"), analysis=analysis,
            )
        except Exception as exc:  # the store itself failed: count it, keep crawling
            log.exception("could not archive %s", item["url"])
            rec.count(source_id, "failures")
            rec.count(source_id, "store/error")
            self.crawler.stats.inc_value("thidua/store/error")
            raise RuntimeError(f"archive write failed for {item['url']}: {exc}") from exc
        for key, n in outcome_counts(result.outcome, result.meetings).items():
            rec.count(source_id, key, n)
        return {"url": result.url, "outcome": result.outcome, "article_id": result.article_id}
