"""Per-source health from the `crawls` table: what `thidua status` prints for the cron owner.

The failure that matters most is the quiet one: a site redesign leaves the crawl "succeeding"
(pages fetched, HTTP 200) while yielding no articles. It is flagged here, not left to be
noticed months later.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

BAD = {"failed", "no-articles", "interrupted"}


@dataclass
class SourceHealth:
    source_id: str
    last_run: str | None = None
    last_status: str | None = None
    last_success: str | None = None
    articles_total: int = 0
    articles_30d: int = 0
    consecutive_failures: int = 0
    site: str = "active"  # the registry's status: active, frozen, gone
    flags: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.flags and self.consecutive_failures == 0


def _stats(row: dict[str, Any]) -> dict[str, Any]:
    try:
        return json.loads(row.get("stats") or "{}")
    except ValueError:
        return {}


def source_health(db: Database, source_id: str, now: datetime | None = None) -> SourceHealth:
    now = now or datetime.now(UTC)
    h = SourceHealth(source_id)
    if "status" in db["sources"].columns_dict:
        row = db.execute("select status from sources where id = ?", [source_id]).fetchone()
        h.site = (row[0] if row else None) or "active"
    runs = list(db.query("select * from crawls where source_id = ? order by id desc limit 20", [source_id]))
    h.articles_total = db.execute("select count(*) from articles where source_id = ?", [source_id]).fetchone()[0]
    since = (now - timedelta(days=30)).isoformat()
    h.articles_30d = db.execute(
        "select count(*) from articles where source_id = ? and first_seen_at >= ?", [source_id, since]
    ).fetchone()[0]
    if not runs:
        h.flags.append("never crawled")
        return h
    latest = runs[0]
    h.last_run, h.last_status = latest["started_at"], latest["status"]
    for r in runs:
        if r["status"] in BAD or r["status"] == "running" and r is not latest:
            h.consecutive_failures += 1
        elif r["status"] != "running":
            break
    ok = [r for r in runs if r["status"] in ("ok", "partial")]
    h.last_success = ok[0]["finished_at"] if ok else None
    st = _stats(latest)
    if latest["status"] == "running" and latest is runs[0] and latest.get("finished_at") is None:
        h.flags.append("last run did not finish (killed or still running)")
    if st.get("listing/ok") and not st.get("listing/links"):
        h.flags.append("listing pages fetched but no article links found: template changed?")
    elif st.get("items") and not (st.get("new", 0) + st.get("updated", 0) + st.get("unchanged", 0)):
        h.flags.append("article pages fetched but no article extracted: template changed?")
    earlier = [_stats(r).get("listing/links", 0) for r in runs[1:] if r["status"] in ("ok", "partial")]
    if earlier and st.get("listing/ok"):
        typical = statistics.median(earlier)
        if typical >= 5 and st.get("listing/links", 0) < typical / 2:
            h.flags.append(f"article links dropped sharply ({st.get('listing/links', 0)} vs usual {typical:g})")
    if latest["status"] == "failed":
        h.flags.append("last run failed: start URL unreachable or refused")
    return h


def archive_health(db: Database) -> list[SourceHealth]:
    ids = [r[0] for r in db.execute("select id from sources order by id")]
    return [source_health(db, sid) for sid in ids]


def format_health(rows: list[SourceHealth]) -> str:
    head = f"{'source':<30} {'site':<7} {'last run':<10} {'status':<12} {'last success':<20} {'30d':>5} {'total':>6} {'fails':>5}  flags"
    lines = [head, "-" * len(head)]
    for h in rows:
        lines.append(
            f"{h.source_id:<30} {h.site:<7} {(h.last_run or '-')[:10]:<10} {h.last_status or '-':<12} "
            f"{(h.last_success or '-')[:19]:<20} {h.articles_30d:>5} {h.articles_total:>6} "
            f"{h.consecutive_failures:>5}  {'; '.join(h.flags)}"
        )
    return "\n".join(lines)
