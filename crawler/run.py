"""Run the registry spider in this process and report per-source outcomes.

The CLI calls this; Scrapy's reactor can start once per process, so tests run it through the
`thidua crawl` command in a subprocess, exactly as cron does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from archive.sources import Source
from archive.store import open_archive

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
    process = CrawlerProcess(crawl_settings(db_path, settings))
    crawler = process.create_crawler(SourcesSpider)
    process.crawl(crawler, sources=list(sources), max_pages=max_pages, since=since)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    run_id = stats.get("thidua/run_id")
    db = open_archive(db_path)
    rows = list(db.query("select * from crawls where run_id = ? order by source_id", [run_id]))
    return {"run_id": run_id, "sources": rows, "stats": stats,
            "finish_reason": stats.get("finish_reason")}
