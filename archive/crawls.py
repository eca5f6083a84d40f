"""A crawl's state, in one place: runs, their `crawls` rows, listing-walk progress, and what
the archive already holds.

A crawl runs in one of several shapes: locally (crawler/: the `CrawlRecorder` extension),
distributed (archive/pagequeue.py: the enqueue step opens the run, the ingester closes it), or
as a backfill (its own `kind` of run). They must agree on which URLs are already archived, what
a source's counters say about its run, when a run is dead, and whether a listing walk ever
reached its end, or `thidua status` would judge the same site differently by the way it was
crawled. So all of them call these functions, and only this module writes `runs`, `crawls`
and `walks`.

Walks. A source's listing (each start URL, newest first, page after page) is walked
incrementally: once pages full of known articles are met, the walk may stop early, because an
earlier walk went on from there to the end. That reasoning holds only if an earlier walk really
did reach the end *and its run finished*: a run killed half-way leaves articles that were
listed but never fetched, and a later run that stops early never sees them again. So a walk's
outcome is committed only when its run finishes (`close_run`); until then the walk row carries
the run's id, and a later run that finds it there (`plan_walks`) walks to the end without
stopping early. A walk cut off by `max_pages` is resumed from the page it reached.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from archive import store

# The counters that have a column of their own in `crawls` (all of them go into `stats`).
CRAWL_COLUMNS = ("requests", "responses", "items", "new", "updated", "unchanged", "failures",
                 "not_modified")
RUN_KINDS = ("crawl", "distributed", "backfill")
# Runs whose process holds the archive's CrawlLock for as long as it lives: whoever holds the
# lock now knows that every other such run still marked `running` is dead.
LOCKED_KINDS = ("crawl", "backfill")
# How a leg of a listing walk ended: the listing has no next page; pages of known articles
# (early stop); the page budget (max_pages); a listing page could not be fetched.
WALK_CAUSES = ("end", "known", "cap", "error")

Validators = tuple[str | None, str | None]  # (ETag, Last-Modified) for a conditional GET


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- what the archive holds -------------------------------------------------------------------

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


# -- counters and statuses --------------------------------------------------------------------

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
    # an article answered 304, or kept as it was against a worse re-fetch, was seen too
    if sum(counts.get(k, 0) for k in ("new", "updated", "unchanged", "known", "not_modified",
                                      "suspect")) == 0:
        return "no-articles"
    if counts.get("failures"):
        return "partial"
    return "ok"


def finished_crawl(counts: Mapping[str, Any], *, finished_at: str, duration_s: float,
                   reason: str = "finished") -> dict[str, Any]:
    """The update that closes one `crawls` row (run × source) from its counters."""
    return {
        "finished_at": finished_at, "status": crawl_status(counts, reason),
        **{k: counts.get(k, 0) for k in CRAWL_COLUMNS}, "duration_s": duration_s,
        "stats": json.dumps(dict(sorted(counts.items())), ensure_ascii=False),
    }


# -- runs -------------------------------------------------------------------------------------

@dataclass
class Run:
    run_id: str
    kind: str
    started_at: str
    crawl_ids: dict[str, int] = field(default_factory=dict)


def open_run(db: Database, source_ids: Iterable[str], *, kind: str = "crawl",
             run_id: str | None = None) -> Run:
    """Start a run: a `runs` row and one `running` crawls row per source.

    A run of a LOCKED_KIND must be opened by the holder of the archive's CrawlLock: any other
    such run still marked running is dead, and is marked interrupted here first.
    """
    if kind not in RUN_KINDS:
        raise ValueError(f"unknown run kind {kind!r}; one of {RUN_KINDS}")
    if kind in LOCKED_KINDS:
        mark_dead_runs(db)
    run = Run(run_id or uuid.uuid4().hex[:12], kind, now_iso())
    with store.transaction(db):
        db["runs"].insert({"run_id": run.run_id, "kind": kind, "started_at": run.started_at,
                           "status": "running", "pid": os.getpid(),
                           "host": socket.gethostname()}, replace=True)
        for sid in source_ids:
            run.crawl_ids[sid] = int(db["crawls"].insert({
                "run_id": run.run_id, "source_id": sid, "started_at": run.started_at,
                "status": "running"}).last_pk)
    return run


def crawl_id(db: Database, run_id: str | None, source_id: str | None) -> int | None:
    """The `crawls` row of one source in one run (failures and pages point at it)."""
    if not run_id or not source_id:
        return None
    row = db.execute("select id from crawls where run_id = ? and source_id = ?",
                     [run_id, source_id]).fetchone()
    return row[0] if row else None


def close_run(db: Database, run_id: str, counts: Mapping[str, Mapping[str, Any]], *,
              reason: str = "finished", duration_s: float | None = None,
              status: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """End a run: each source's crawls row from its counters; the walks it made are committed
    only when it finished (a stopped run's walks count as unfinished). `status` overrides the
    status the counters give, per source (a backfill judges its run by its own rules).
    Returns the rows."""
    finished = now_iso()
    run = db.execute("select started_at from runs where run_id = ?", [run_id]).fetchone()
    if duration_s is None:
        started = run[0] if run else finished
        duration_s = round((datetime.fromisoformat(finished)
                            - datetime.fromisoformat(started)).total_seconds(), 3)
    rows = []
    with store.transaction(db):
        for cid, sid in db.execute("select id, source_id from crawls where run_id = ?",
                                   [run_id]).fetchall():
            update = finished_crawl(counts.get(sid, {}), finished_at=finished,
                                    duration_s=duration_s, reason=reason)
            if status and sid in status:
                update["status"] = status[sid]
            db["crawls"].update(cid, update)
            rows.append({"source_id": sid, **update})
        db.execute("update runs set finished_at = ?, status = ?, finish_reason = ? "
                   "where run_id = ?", [finished, "finished" if reason == "finished"
                                        else "interrupted", reason, run_id])
        if reason == "finished":
            _commit_walks(db, run_id)
    return rows


def fail_run(db: Database, run_id: str, error: str) -> None:
    """A run that could not start (e.g. a distributed enqueue that failed before any worker saw
    it): its rows say so instead of staying `running`, and its planned walks are forgotten."""
    with store.transaction(db):
        db.execute("update crawls set status = 'failed', finished_at = ?, "
                   "stats = json_object('error', ?) where run_id = ? and status = 'running'",
                   [now_iso(), error, run_id])
        db.execute("update runs set status = 'failed', finished_at = ?, finish_reason = ? "
                   "where run_id = ?", [now_iso(), error, run_id])
        db.execute("update walks set run_id = null where run_id = ?", [run_id])


def mark_dead_runs(db: Database, kinds: Sequence[str] = LOCKED_KINDS) -> list[str]:
    """Runs of `kinds` still marked running become `interrupted`; returns their ids.

    Call only while holding the archive's CrawlLock (then no such run can be alive), or with
    kinds whose liveness the caller knows otherwise (distributed: no run left in Redis).
    """
    marks = ",".join("?" * len(kinds))
    dead = [r[0] for r in db.execute(
        f"select run_id from runs where status = 'running' and kind in ({marks})", list(kinds))]
    orphans = [r[0] for r in db.execute(
        "select distinct run_id from crawls where status = 'running' "
        "and run_id not in (select run_id from runs)")] if "crawl" in kinds else []
    dead += orphans
    if not dead:
        return []
    note = json.dumps({"interrupted": "found dead: the run ended without closing its rows "
                                      "(killed, or its machine went down)"})
    with store.transaction(db):
        for run_id in dead:
            db.execute("update crawls set status = 'interrupted', "
                       "stats = coalesce(stats, ?) where run_id = ? and status = 'running'",
                       [note, run_id])
            db.execute("update runs set status = 'interrupted', finish_reason = 'died' "
                       "where run_id = ?", [run_id])
    return dead


def latest_run(db: Database, kind: str | None = None) -> dict[str, Any] | None:
    where, params = ("where kind = ?", [kind]) if kind else ("", [])
    rows = list(db.query(f"select * from runs {where} order by started_at desc, rowid desc "
                         "limit 1", params))
    return rows[0] if rows else None


# -- listing walks ----------------------------------------------------------------------------

@dataclass(frozen=True)
class WalkPlan:
    """How a run walks one listing (source × start URL).

    `early_stop`: the walk from page 1 may stop after pages of known articles (an earlier,
    finished walk covers what lies beyond). `resume_*`: a second leg continues a walk that
    `max_pages` cut off, from the page it reached.
    """
    source_id: str
    start_url: str
    early_stop: bool = False
    resume_page: int | None = None
    resume_url: str | None = None


def plan_walks(db: Database, run_id: str,
               walks: Iterable[tuple[str, str]]) -> dict[tuple[str, str], WalkPlan]:
    """The plan of each (source id, start URL) for this run; the walks are marked as this run's.

    A walk still marked with another run's id was never committed: that run was killed or
    stopped (or failed to finish), so the articles it listed may never have been fetched, and
    this run walks without stopping early.
    """
    plans = {}
    now = now_iso()
    with store.transaction(db):
        for sid, url in walks:
            row = db.execute("select state, run_id, resume_page, resume_url from walks "
                             "where source_id = ? and start_url = ?", [sid, url]).fetchone()
            state, unfinished, page, resume = (row[0], row[1] is not None, row[2], row[3]) \
                if row else (None, False, None, None)
            plans[(sid, url)] = WalkPlan(
                sid, url, early_stop=state in ("complete", "capped") and not unfinished,
                resume_page=page if resume and state != "complete" else None,
                resume_url=resume if state != "complete" else None)
            db.execute("insert into walks (source_id, start_url, run_id, progress, updated_at) "
                       "values (?, ?, ?, '{}', ?) on conflict (source_id, start_url) do update "
                       "set run_id = excluded.run_id, progress = '{}', "
                       "updated_at = excluded.updated_at", [sid, url, run_id, now])
    return plans


def _update_progress(db: Database, run_id: str, source_id: str, start_url: str, leg: str,
                     **values: Any) -> None:
    with store.transaction(db):
        row = db.execute("select progress from walks where source_id = ? and start_url = ? "
                         "and run_id = ?", [source_id, start_url, run_id]).fetchone()
        if row is None:  # not this run's walk (a stale worker, an unplanned start URL)
            return
        progress = json.loads(row[0] or "{}")
        leg_state = progress.setdefault(leg, {})
        if "page" in values and values["page"] < leg_state.get("page", 0):
            values = {k: v for k, v in values.items() if k not in ("page", "url", "streak")}
        leg_state.update(values)
        db.execute("update walks set progress = ?, updated_at = ? where source_id = ? "
                   "and start_url = ?", [json.dumps(progress), now_iso(), source_id, start_url])


def walk_reached(db: Database, run_id: str, source_id: str, start_url: str, *, leg: str,
                 page: int, url: str, streak: int) -> None:
    """A listing page of the walk was read (`streak`: pages without a new article so far)."""
    _update_progress(db, run_id, source_id, start_url, leg, page=page, url=url, streak=streak)


def walk_ended(db: Database, run_id: str, source_id: str, start_url: str, *, leg: str,
               cause: str) -> None:
    """A leg of the walk ended, for one of WALK_CAUSES."""
    if cause not in WALK_CAUSES:
        raise ValueError(f"unknown walk end {cause!r}; one of {WALK_CAUSES}")
    _update_progress(db, run_id, source_id, start_url, leg, cause=cause)


def walk_outcome(prior: str | None, head: Mapping[str, Any], resume: Mapping[str, Any] | None,
                 ) -> tuple[str, int | None, str | None]:
    """(state, resume page, resume URL) of a walk whose run finished.

    complete: the archive's coverage of the listing reaches its end; capped: it reaches the
    resume page, the next run goes on from there; incomplete: a listing page failed, the next
    run walks it all. Pages of known articles join this walk to the coverage of earlier ones
    only if there was one (`prior` complete or capped).
    """
    cause = head.get("cause")
    if cause == "end":
        return "complete", None, None
    joined = prior in ("complete", "capped") and (
        cause == "known" or (cause == "cap" and head.get("streak", 0) > 0))
    if joined and prior == "complete" and not resume:
        return "complete", None, None
    if joined and resume:
        if resume.get("cause") == "end":
            return "complete", None, None
        if resume.get("page"):
            return "capped", resume["page"], resume.get("url")
    if cause == "cap":
        return "capped", head.get("page"), head.get("url")
    return "incomplete", None, None


def _commit_walks(db: Database, run_id: str) -> None:
    now = now_iso()
    for sid, url, prior, old_page, old_url, raw in db.execute(
            "select source_id, start_url, state, resume_page, resume_url, progress from walks "
            "where run_id = ?", [run_id]).fetchall():
        progress = json.loads(raw or "{}")
        head, resume = progress.get("head", {}), progress.get("resume")
        state, page, resume_url = walk_outcome(prior, head, resume)
        if state == "incomplete":  # keep the place a capped walk had reached
            page, resume_url = old_page, old_url
        done = {"complete_depth": max(head.get("page", 0), (resume or {}).get("page", 0)),
                "completed_at": now} if state == "complete" else {}
        db["walks"].update((sid, url), {"state": state, "resume_page": page,
                                        "resume_url": resume_url, "run_id": None,
                                        "updated_at": now, **done})


def walk_states(db: Database, source_id: str) -> list[dict[str, Any]]:
    """The walks of a source with the status and kind of the run that last planned them (a
    walk whose `run_id` is set was not committed: that run is running, or it died)."""
    rows = list(db.query(
        "select w.*, r.status as run_status, r.kind as run_kind from walks w "
        "left join runs r using (run_id) "
        "where w.source_id = ? order by w.start_url", [source_id]))
    for r in rows:
        r["progress"] = json.loads(r.get("progress") or "{}")
    return rows
