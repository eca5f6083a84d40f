"""`thidua backfill`: a source's old or vanished pages, read from a web archive's captures.

Many registered outlets stopped at the 2025-07-01 merger (`frozen`) or were taken down
(`gone`); the Wayback Machine and Common Crawl still hold their pages. A backfill lists a
source's captures from the archive's CDX index, keeps the URLs discovery would call articles,
fetches each capture's original bytes and hands them to `archive.ingest.ingest_page` — the
crawl's own path — under the original URL, so a later live crawl of the same article finds
the same row.

Every step is committed as it happens, so a killed backfill resumes where it stopped:
`backfill_cursors` holds how far each CDX listing got, `captures` (this module owns both
tables) holds every capture listed and what became of it (listed → pending or not-article →
new/updated/unchanged/known/failed).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlite_utils import Database

from archive import crawls, store
from archive.cdx import Capture, CdxError, list_pages, timestamp_bound
from archive.ingest import ingest_page
from archive.sources import Source
from archive.urls import canonical_url, site_key
from archive.urlshapes import article_urls
from archive.webarchives import (
    ArchiveError,
    ArchiveHTTPError,
    PoliteClient,
    WebArchive,
    cdx_endpoints,
    fetch_capture,
)

log = logging.getLogger(__name__)

RUN_PREFIX = "backfill-"  # crawls.run_id of a backfill run: its own kind of run
DONE_STATES = ("new", "updated", "unchanged", "known", "failed", "not-article")


@dataclass
class BackfillReport:
    source_id: str
    archive: str
    run_id: str
    crawl_id: int
    status: str = "running"
    counts: Counter[str] = field(default_factory=Counter)
    message: str = ""


def original_url(capture_url: str, source: Source) -> str:
    """The address the article had on its site: archives record `http://host:80/…` and
    `www.` forms; on one of the source's own sites they become the start URL's scheme and host
    (what a live crawl follows), elsewhere (a former domain) they only lose the default port."""
    parts = urlsplit(capture_url)
    netloc = parts.netloc
    default_port = {"http": ":80", "https": ":443"}.get(parts.scheme.lower(), "")
    if default_port and netloc.endswith(default_port):
        netloc = netloc[: -len(default_port)]
    scheme = parts.scheme.lower() or "http"
    for start in source.start_urls:
        sp = urlsplit(start)
        if site_key(sp.netloc) == site_key(netloc):
            scheme, netloc = sp.scheme, sp.netloc
            break
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


# --- the crawls row: a backfill is its own kind of run in the crawl state (archive/crawls.py)

def write_run(db: Database, report: BackfillReport | None = None, *, source_id: str = "",
              archive: str = "", started: float = 0.0) -> int:
    """Open (no report) or close (report) this backfill's run and `crawls` row; returns the
    row's id. `thidua backfill` holds the archive's lock, as a crawl does."""
    if report is None:
        run = crawls.open_run(db, [source_id], kind="backfill",
                              run_id=f"{RUN_PREFIX}{uuid.uuid4().hex[:12]}")
        return run.crawl_ids[source_id]
    c = report.counts
    counts = {"kind": "backfill", "archive": report.archive, **dict(sorted(c.items())),
              "items": c["fetched"], "failures": c["failed"] + c["not-article"],
              "not_modified": 0}
    crawls.close_run(db, report.run_id, {report.source_id: counts},
                     reason="shutdown" if report.status == "interrupted" else "finished",
                     duration_s=round(time.monotonic() - started, 3),
                     status={report.source_id: report.status})
    return report.crawl_id


# --- listing -------------------------------------------------------------------------------

def _cursor_key(source: Source, archive: WebArchive, endpoint: str, host: str,
                start: str | None, end: str | None) -> str:
    return "|".join([source.id, archive.name, endpoint, host, start or "", end or ""])


def _save_captures(db: Database, source: Source, archive: WebArchive,
                   captures: Iterable[Capture], key: str, cursor: str | None) -> int:
    """The page's captures and the cursor after it, in one transaction (a kill between the
    two would list the page again or, worse, skip it)."""
    rows = [{
        "source_id": source.id, "archive": archive.name, "url": original_url(c.url, source),
        "original": c.url, "timestamp": c.timestamp, "captured_at": c.captured_at,
        "mime": c.mime, "status": c.status, "digest": c.digest, "filename": c.filename or None,
        "offset": c.offset, "length": c.length, "state": "listed",
    } for c in captures]
    with store.transaction(db):
        before = db.execute("select count(*) from captures").fetchone()[0]
        if rows:
            db["captures"].insert_all(rows, ignore=True)
        after = db.execute("select count(*) from captures").fetchone()[0]
        db["backfill_cursors"].upsert({
            "key": key, "source_id": source.id, "archive": archive.name,
            "endpoint": key.split("|")[2], "cursor": cursor, "done": int(cursor is None),
            "updated_at": store.now_iso()}, pk="key")
    return after - before


def list_captures(db: Database, source: Source, archive: WebArchive, client: PoliteClient,
                  *, start: str | None, end: str | None, relist: bool = False) -> int:
    """Every HTML 200 capture of the source's hosts in [start, end] into `captures`; a
    listing finished before is not asked again (unless `relist`). Returns how many are new."""
    added = 0
    for endpoint in cdx_endpoints(archive, client, start, end):
        for host in source.archive_hosts:
            key = _cursor_key(source, archive, endpoint, host, start, end)
            row = db.execute("select cursor, done from backfill_cursors where key = ?",
                             [key]).fetchone()
            if row and row[1] and not relist:
                continue
            cursor = row[0] if row and not relist else None
            for caps, after in list_pages(endpoint, host, start=start, end=end,
                                          get=client.text, cursor=cursor):
                added += _save_captures(db, source, archive, caps, key, after)
    return added


def classify(db: Database, source: Source, archive: WebArchive) -> Counter[str]:
    """Listed captures → `pending` (an article URL, to fetch) or `not-article`.

    The source's own `article_url` rule decides on its current hosts, as it does for the
    crawl; elsewhere, and for sources without one, the shapes of all the URLs listed
    (archive.urlshapes.article_urls) do.
    """
    rows = list(db.execute("select id, url, state from captures where source_id = ? and "
                           "archive = ? order by id", [source.id, archive.name]))
    listed = [(cid, url) for cid, url, state in rows if state == "listed"]
    if not listed:
        return Counter()
    pattern = source.rules.get("article_url")
    rule = re.compile(pattern) if pattern else None
    own = {site_key(urlsplit(u).netloc) for u in source.start_urls}
    learned = set(article_urls(url for _, url, _ in rows))
    verdict: Counter[str] = Counter()
    with store.transaction(db):
        for cid, url in listed:
            if rule is not None and site_key(urlsplit(url).netloc) in own:
                ok = bool(rule.search(url))
            else:
                ok = url in learned
            state = "pending" if ok else "not-article"
            verdict[state] += 1
            db.execute("update captures set state = ? where id = ?", [state, cid])
    return verdict


# --- fetching and ingesting ------------------------------------------------------------------

def _archived(db: Database, url: str) -> bool:
    """Already in the archive (crawled live or backfilled before): nothing to fetch."""
    urls = list(dict.fromkeys([url, canonical_url(url)]))
    marks = ",".join("?" * len(urls))
    return bool(db.execute(f"select 1 from articles where url in ({marks}) union all "
                           f"select 1 from pages where url in ({marks}) and status between "
                           f"200 and 299 limit 1", urls + urls).fetchone())


def _capture_of(row: dict[str, Any]) -> Capture:
    return Capture(url=row["original"], timestamp=row["timestamp"], status=row["status"],
                   mime=row["mime"] or "", digest=row["digest"] or "",
                   filename=row["filename"] or "", offset=row["offset"], length=row["length"])


def _finish_capture(db: Database, cid: int, state: str, **fields: Any) -> None:
    with store.transaction(db):
        db["captures"].update(cid, {"state": state, "fetched_at": store.now_iso(), **fields})


def fetch_pending(db: Database, source: Source, archive: WebArchive, client: PoliteClient,
                  report: BackfillReport, *, limit: int | None = None) -> None:
    """Fetch and ingest the pending captures, oldest listed first, one at a time.

    A capture the archive cannot serve (404, a broken record) is `failed` with a failures
    row; an archive that stops answering ends the run (ArchiveError) and leaves the rest
    pending for the next one.
    """
    rows = list(db.query("select * from captures where source_id = ? and archive = ? and "
                         "state = 'pending' order by id", [source.id, archive.name]))
    for row in rows[:limit] if limit else rows:
        if _archived(db, row["url"]):
            _finish_capture(db, row["id"], "known")
            report.counts["known"] += 1
            continue
        capture = _capture_of(row)
        try:
            headers, body = fetch_capture(archive, capture, client)
        except ArchiveHTTPError as exc:
            if exc.status >= 500 or exc.status == 429:
                raise  # the archive is struggling: stop, resume later
            _capture_failed(db, source, report, row, f"archive: {exc}")
            continue
        except ArchiveError as exc:
            if "cannot reach" in str(exc):
                raise
            _capture_failed(db, source, report, row, f"archive: {exc}")
            continue
        report.counts["fetched"] += 1
        with store.transaction(db):  # the page and its capture's outcome land together
            result = ingest_page(db, url=row["url"], body=body, status=200, headers=headers,
                                 source=source, crawl_id=report.crawl_id,
                                 fetched_at=row["captured_at"])
            _finish_capture(db, row["id"], result.outcome, page_id=result.page_id,
                            article_id=result.article_id, crawl_id=report.crawl_id,
                            message=result.message or None)
        report.counts[result.outcome] += 1
        report.counts["meetings"] += result.meetings


def _capture_failed(db: Database, source: Source, report: BackfillReport,
                    row: dict[str, Any], message: str) -> None:
    store.record_failure(db, url=row["url"], stage="backfill", message=message,
                         source_id=source.id, crawl_id=report.crawl_id)
    _finish_capture(db, row["id"], "failed", message=message, crawl_id=report.crawl_id)
    report.counts["failed"] += 1


def run_status(counts: Counter[str], listed_total: int) -> str:
    if not listed_total:
        return "no-articles"
    return "partial" if counts["failed"] else "ok"


def backfill(db: Database, source: Source, archive: WebArchive, client: PoliteClient, *,
             start: str | None = None, end: str | None = None, relist: bool = False,
             limit: int | None = None, list_only: bool = False) -> BackfillReport:
    """List, classify, fetch and ingest one source's captures from one archive.

    The `crawls` row is closed whatever happens: `failed` when the archive could not be
    used, `interrupted` on Ctrl-C (a SIGKILL leaves it `running`, as a killed crawl does).
    """
    start, end = timestamp_bound(start), timestamp_bound(end)
    store.save_source(db, source)
    began = time.monotonic()
    crawl_id = write_run(db, source_id=source.id, archive=archive.name, started=began)
    run_id = db.execute("select run_id from crawls where id = ?", [crawl_id]).fetchone()[0]
    report = BackfillReport(source.id, archive.name, run_id, crawl_id)
    try:
        report.counts["listed"] = list_captures(db, source, archive, client, start=start,
                                                end=end, relist=relist)
        report.counts.update(classify(db, source, archive))
        if not list_only:
            fetch_pending(db, source, archive, client, report, limit=limit)
        total = db.execute("select count(*) from captures where source_id = ? and archive = ?",
                           [source.id, archive.name]).fetchone()[0]
        report.counts["pending_left"] = db.execute(
            "select count(*) from captures where source_id = ? and archive = ? and state = "
            "'pending'", [source.id, archive.name]).fetchone()[0]
        report.status = run_status(report.counts, total)
    except (ArchiveError, CdxError) as exc:
        report.status, report.message = "failed", str(exc)
    except KeyboardInterrupt:
        report.status, report.message = "interrupted", "stopped by the user"
        raise
    finally:
        report.counts["requests"] = client.requests
        report.counts["responses"] = client.responses
        write_run(db, report, started=began)
    return report


def capture_states(db: Database, source_id: str, archive: str) -> dict[str, int]:
    """state → number of captures, for the summary line."""
    return dict(db.execute("select state, count(*) from captures where source_id = ? and "
                           "archive = ? group by state", [source_id, archive]).fetchall())
