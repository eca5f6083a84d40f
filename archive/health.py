"""Per-source health from the crawl state (archive/crawls.py): what `thidua status` prints for
the cron owner.

The failures that matter most are the quiet ones: a site redesign leaves the crawl
"succeeding" (pages fetched, HTTP 200) while yielding no articles; a killed run leaves a
listing walked half-way, so older articles were never fetched although every later run
"succeeds". Both are flagged here until a run has put them right, not left to be noticed
months later.

Status never writes: a run still marked `running` whose lock is gone (the caller says so) is
reported as interrupted; the next crawl marks it so in the archive (crawls.open_run).
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from archive import crawls

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
    walks_complete: bool = False
    flags: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.flags and self.consecutive_failures == 0


def _stats(row: dict[str, Any]) -> dict[str, Any]:
    try:
        return json.loads(row.get("stats") or "{}")
    except ValueError:
        return {}


def _effective_status(row: dict[str, Any], alive: bool) -> str:
    """A `running` row of a run that is not alive any more is, in truth, interrupted."""
    if row["status"] == "running" and not alive:
        return "interrupted"
    return row["status"]


def source_health(db: Database, source_id: str, now: datetime | None = None, *,
                  lock_held: bool = False) -> SourceHealth:
    """`lock_held`: a crawl holds the archive's lock now, so runs marked running may be alive."""
    now = now or datetime.now(UTC)
    h = SourceHealth(source_id)
    if "status" in db["sources"].columns_dict:
        row = db.execute("select status from sources where id = ?", [source_id]).fetchone()
        h.site = (row[0] if row else None) or "active"
    runs = list(db.query(
        "select c.*, r.kind as run_kind from crawls c left join runs r using (run_id) "
        "where c.source_id = ? order by c.id desc limit 20", [source_id]))
    for r in runs:
        alive = lock_held or r.get("run_kind") not in crawls.LOCKED_KINDS
        r["status"] = _effective_status(r, alive)
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
        if r["status"] in BAD:
            h.consecutive_failures += 1
        elif r["status"] != "running":
            break
    ok = [r for r in runs if r["status"] in ("ok", "partial")]
    h.last_success = ok[0]["finished_at"] if ok else None
    if latest["status"] == "interrupted":
        h.flags.append("last run was interrupted (killed or stopped) before it finished")
    h.flags += _template_flags(runs)
    if latest["status"] == "failed":
        h.flags.append("last run failed: start URL unreachable or refused")
    walk_flags = _walk_flags(db, source_id, lock_held)
    h.walks_complete = not walk_flags
    h.flags += walk_flags
    return h


def _template_flags(runs: list[dict[str, Any]]) -> list[str]:
    """A changed template: listing pages without article links, or pages without articles."""
    latest, flags = runs[0], []
    st = _stats(latest)
    if st.get("listing/ok") and not st.get("listing/links"):
        flags.append("listing pages fetched but no article links found: template changed?")
    elif st.get("items") and not (st.get("new", 0) + st.get("updated", 0) + st.get("unchanged", 0)):
        flags.append("article pages fetched but no article extracted: template changed?")
    earlier = [_stats(r).get("listing/links", 0) for r in runs[1:] if r["status"] in ("ok", "partial")]
    if earlier and st.get("listing/ok"):
        typical = statistics.median(earlier)
        if typical >= 5 and st.get("listing/links", 0) < typical / 2:
            flags.append(f"article links dropped sharply ({st.get('listing/links', 0)} vs usual {typical:g})")
    return flags


def _walk_flags(db: Database, source_id: str, lock_held: bool) -> list[str]:
    """One flag per listing whose walk has not reached its end in a finished run."""
    flags = []
    for w in crawls.walk_states(db, source_id):
        head = w["progress"].get("head", {})
        running = w["run_id"] is not None and w["run_status"] == "running" and (
            lock_held or w.get("run_kind") not in crawls.LOCKED_KINDS)
        if w["run_id"] is not None and not running:
            flags.append(f"listing walk of {w['start_url']} was interrupted at page "
                         f"{head.get('page', 0)}: the next run walks it to the end")
        elif w["state"] == "capped":
            flags.append(f"listing walk of {w['start_url']} stopped at page {w['resume_page']} "
                         "(max_pages): older articles are not archived yet; the next run goes "
                         "on from there")
        elif w["state"] == "incomplete":
            flags.append(f"listing walk of {w['start_url']} did not reach its end (a listing "
                         "page failed): the next run walks it again")
        elif w["state"] is None and not running:
            flags.append(f"listing walk of {w['start_url']} has never been completed")
    return flags


def archive_health(db: Database, *, lock_held: bool = False) -> list[SourceHealth]:
    ids = [r[0] for r in db.execute("select id from sources order by id")]
    return [source_health(db, sid, lock_held=lock_held) for sid in ids]


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
