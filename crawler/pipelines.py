"""ArchivePipeline: every fetched article page goes through archive.ingest.

The pipeline never raises DropItem for a bad page: ingest stores the raw page, records the
failure and the counters say how many; nothing disappears from the crawl without a trace.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from archive import ingest
from archive.crawls import outcome_counts
from crawler.extensions import CrawlRecorder

log = logging.getLogger(__name__)


class ArchivePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    @property
    def recorder(self) -> Any:
        return self.crawler.get_extension(CrawlRecorder)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        rec = self.recorder
        source_id = item["source_id"]
        # Scrapy ≥ 2.13 may call process_item(item) without the spider: ask the crawler.
        spider = spider or self.crawler.spider
        source = spider.sources_by_id.get(source_id)
        rec.count(source_id, "items")
        try:
            result = ingest.ingest_page(
                rec.db, url=item["url"], body=item["body"], status=item["status"],
                headers=item["headers"], source=source, crawl_id=rec.crawl_ids.get(source_id),
                fetched_at=item.get("fetched_at"),
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
