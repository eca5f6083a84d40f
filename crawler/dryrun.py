"""`thidua crawl --dry-run`: what discovery finds on each source, per route, archiving nothing.

A real but small crawl into a throwaway archive: every listing route is read as a full crawl
would read it (robots.txt, sitemaps, feeds, the start pages and their pagination, links), while
only a few articles are fetched per source — enough for the page classifier to confirm the
site's article shapes. The report counts article links by the route that gave them and prints
sample URLs, so a new registry entry can be judged before its first real run.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from archive.sources import Source
from crawler.run import run_crawl

ROUTES = ("start", "pagination", "postback", "links", "sitemap", "feed", "load-more")
DRY_RUN_SETTINGS = {"THIDUA_SAMPLE_ARTICLES": 12, "THIDUA_DISCOVERY_PAGES": 60}


def dry_run(sources: Sequence[Source], *, max_pages: int | None = None, since: str | None = None,
            settings: Mapping[str, Any] | None = None) -> str:
    """Run the bounded crawl and return the report (one block per source)."""
    with tempfile.TemporaryDirectory(prefix="thidua-dry-run-") as tmp:
        result = run_crawl(Path(tmp) / "dry-run.db", sources, max_pages=max_pages, since=since,
                           settings={**DRY_RUN_SETTINGS, **(settings or {})})
    blocks = [report(row, result["stats"].get(f"thidua/samples/{row['source_id']}") or {})
              for row in result["sources"]]
    return "\n".join(blocks) + f"\n{len(blocks)} source(s) looked at; nothing was archived.\n"


def report(row: Mapping[str, Any], samples: Mapping[str, list[str]]) -> str:
    stats = json.loads(row.get("stats") or "{}")
    head = (f"{row['source_id']}: {row['status']}, {stats.get('requests', 0)} requests; "
            f"{stats.get('discovery/article', 0)} article pages confirmed, "
            f"{stats.get('discovery/listing', 0)} listing and {stats.get('discovery/other', 0)} "
            f"other pages read")
    lines = [head]
    lines.append(f"  {'route':<11} {'article links':>13} {'fetched':>8}")
    for route in ROUTES:
        found = stats.get(f"route/{route}/candidates", 0)
        fetched = stats.get(f"route/{route}/articles", 0)
        if found or fetched:
            lines.append(f"  {route:<11} {found:>13} {fetched:>8}")
    pagination = {k.split("/", 1)[1]: v for k, v in stats.items() if k.startswith("pagination/")}
    feeds = stats.get("feed/ok", 0)
    lines.append(f"  listing pages {stats.get('listing/pages', 0)}"
                 + (" (next pages by " + ", ".join(f"{k} {v}" for k, v in sorted(pagination.items())) + ")"
                    if pagination else "")
                 + f"; sitemaps and feeds read {feeds}; traps stopped {stats.get('listing/trap', 0)}"
                 + f"; links not followed {stats.get('dry-run/not-fetched', 0)} (dry run)")
    for route, urls in samples.items():
        for url in urls:
            lines.append(f"  sample [{route}] {url}")
    return "\n".join(lines)
