"""Which registered sources a crawl visits, given each one's life (`status` in the registry).

Since the 2025-07-01 merger many registered outlets belong to former provinces and publish
nothing new; some sites are gone altogether. Crawling them every night costs requests and
fills `thidua status` with failures nobody can fix, while their old pages are still in web
archives. So: `active` sources are crawled every run; `frozen` ones only when no crawl of
theirs succeeded in the last `frozen_every_days` days (a safety net in case the site comes
back to life or its last articles were missed); `gone` ones never (`thidua backfill` is their
only way in). A source named with `--source` is crawled whatever its status, except `gone`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archive.sources import Source

FROZEN_EVERY_DAYS = 90.0


@dataclass(frozen=True)
class Skipped:
    source: Source
    reason: str


def last_live_success(db_path: str | Path, source_ids: Sequence[str]) -> dict[str, str]:
    """source id → start time of its latest `ok`/`partial` live crawl (backfills excluded:
    a web archive answering says nothing about the site). Read-only; {} without an archive."""
    path = Path(db_path)
    if not path.exists() or not source_ids:
        return {}
    marks = ",".join("?" * len(source_ids))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            rows = conn.execute(
                f"select source_id, max(started_at) from crawls where source_id in ({marks}) "
                "and status in ('ok', 'partial') and coalesce(run_id, '') not like 'backfill-%' "
                "group by source_id", list(source_ids)).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:  # no crawls table yet: nothing was ever crawled
        return {}
    return {sid: started for sid, started in rows if started}


def crawl_plan(sources: Iterable[Source], db_path: str | Path, *, named: bool = False,
               frozen_every_days: float = FROZEN_EVERY_DAYS,
               now: datetime | None = None) -> tuple[list[Source], list[Skipped]]:
    """(sources to crawl, sources left out with the reason) for one `thidua crawl` run.

    `named`: the user listed the sources (`--source`), so frozen ones are crawled anyway.
    """
    sources = list(sources)
    now = now or datetime.now(UTC)
    cutoff = (now - timedelta(days=frozen_every_days)).isoformat(timespec="seconds")
    frozen = [s.id for s in sources if s.status == "frozen"]
    last = {} if named else last_live_success(db_path, frozen)
    crawl: list[Source] = []
    skipped: list[Skipped] = []
    for s in sources:
        if s.status == "gone":
            skipped.append(Skipped(s, f"gone (taken down): `thidua backfill --source {s.id}` "
                                      f"reads its pages from web archives"))
        elif s.status == "frozen" and not named and last.get(s.id, "") > cutoff:
            skipped.append(Skipped(s, f"frozen: crawled {last[s.id][:10]}, next after "
                                      f"{frozen_every_days:g} days"))
        else:
            crawl.append(s)
    return crawl, skipped
