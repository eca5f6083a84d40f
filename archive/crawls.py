"""What a crawl asks of the archive and what it records in `crawls`, in one place.

A crawl runs in one of two shapes: locally (crawler/: the spider reads the archive, the
`CrawlRecorder` extension writes the `crawls` rows) or distributed (archive/pagequeue.py: the
enqueue step exports the archive to Redis, the ingester writes the rows). Both must agree on
which URLs are already archived, which are due for a conditional re-check, which counters an
archived page adds and what a source's counters say about its run, or `thidua status` would
judge the same site differently by the way it was crawled. So both call these functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

# The counters that have a column of their own in `crawls` (all of them go into `stats`).
CRAWL_COLUMNS = ("requests", "responses", "items", "new", "updated", "unchanged", "failures",
                 "not_modified")

Validators = tuple[str | None, str | None]  # (ETag, Last-Modified) for a conditional GET


def archived_urls(db: Database, source_ids: Sequence[str], recheck_days: float = 0
                  ) -> Iterator[tuple[str, str, Validators | None]]:
    """(source id, URL, validators) of every archived article and successfully fetched page.

    The validators are given only for pages fetched more than `recheck_days` ago (a re-check
    is due: fetch again with If-None-Match / If-Modified-Since), else None.
    """
    cutoff = (datetime.now(UTC) - timedelta(days=recheck_days)).isoformat(timespec="seconds") \
        if recheck_days > 0 else None
    marks = ",".join("?" * len(source_ids)) or "''"
    yield from ((sid, url, None) for sid, url in db.execute(
        f"select source_id, url from articles where source_id in ({marks})", list(source_ids)))
    for sid, url, fetched_at, etag, modified in db.execute(
        "select source_id, url, fetched_at, etag, last_modified from pages "
        f"where source_id in ({marks}) and status between 200 and 299", list(source_ids)
    ):
        due = bool(cutoff and fetched_at and fetched_at < cutoff)
        yield sid, url, ((etag, modified) if due else None)


def outcome_counts(outcome: str, meetings: int = 0) -> dict[str, int]:
    """The per-source counters one archived page adds (see archive.ingest.IngestResult)."""
    if outcome in ("failed", "not-article"):
        return {"failures": 1, f"article/{outcome}": 1}
    return {outcome: 1, "meetings": meetings}


def crawl_status(counts: Mapping[str, int], reason: str = "finished") -> str:
    """failed: the site could not be read at all; interrupted: the run was cut short;
    partial: some pages failed; ok: everything fetched was archived or known."""
    if reason != "finished":
        return "interrupted"
    if not counts.get("listing/ok") and not counts.get("feed/ok"):
        return "failed"
    if sum(counts.get(k, 0) for k in ("new", "updated", "unchanged", "known")) == 0:
        return "no-articles"
    if counts.get("failures"):
        return "partial"
    return "ok"


def finished_crawl(counts: Mapping[str, int], *, finished_at: str, duration_s: float,
                   reason: str = "finished") -> dict[str, Any]:
    """The update that closes one `crawls` row (run × source) from its counters."""
    return {
        "finished_at": finished_at, "status": crawl_status(counts, reason),
        **{k: counts.get(k, 0) for k in CRAWL_COLUMNS}, "duration_s": duration_s,
        "stats": json.dumps(dict(sorted(counts.items())), ensure_ascii=False),
    }
