"""Writing to the archive: pages, articles, meetings and failures, in explicit transactions.

Every write is idempotent: re-crawling a page moves `last_seen_at` and nothing else unless the
content changed. `transaction()` is the one way this project opens a transaction: sqlite-utils
4.x commits every `Database.execute` on its own when none is open, and `with db.conn:` does not
open one, so without it an ingested page cost ~14 commits and could land half-written (the
article without its index entry or meetings).
"""

from __future__ import annotations

import atexit
import hashlib
import itertools
import json
import os
import sqlite3
import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from sqlite_utils import Database

from archive import schema
from archive.sources import Source

ARTICLE_FIELDS = (
    "title", "lead", "body", "author", "published_at", "province", "province_former",
    "province_code", "province_former_code", "organisation", "images", "captions",
)


class StoreError(Exception):
    """The archive file cannot be opened or written."""


_SAVEPOINTS = itertools.count(1)


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """All writes inside land together or not at all.

    Inside an open transaction it simply joins it: an error leaves the block and the outer
    owner rolls everything back. Where a part must be undone while the rest goes on, use
    `savepoint`. The outermost block takes the write lock at once (`BEGIN IMMEDIATE`): a
    deferred transaction that reads first and writes later can fail with SQLITE_BUSY when
    another writer (an ingester, a reparse) got there in between, which `busy_timeout` cannot
    retry.
    """
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def savepoint(db: Database) -> Iterator[Database]:
    """Like `transaction`, but inside an open one an error undoes this block only (a SAVEPOINT),
    so the caller can record the failure and keep the rest (the raw page)."""
    conn = db.conn
    if not conn.in_transaction:
        with transaction(db):
            yield db
        return
    name = f"thidua_{next(_SAVEPOINTS)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:  # an error may have ended the whole transaction already
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")


class Batch:
    """Bulk loops (reparse, index rebuilds, backfills) commit every `size` units of work.

    One commit per unit would make a reparse of a million pages a million commits; one commit
    for all would hold the write lock for hours and lose everything to a kill. A unit that must
    fail alone runs in a `savepoint()`; an archive error rolls back the batch being written.
    """

    def __init__(self, db: Database, size: int = 500) -> None:
        self.db = db
        self.size = max(1, size)
        self.pending = 0

    def __enter__(self) -> Self:
        self.db.conn.execute("BEGIN IMMEDIATE")
        return self

    def step(self, n: int = 1) -> None:
        """Count `n` units done; commit (and start the next batch) when the batch is full."""
        self.pending += n
        if self.pending >= self.size:
            self.db.conn.execute("COMMIT")
            self.db.conn.execute("BEGIN IMMEDIATE")
            self.pending = 0

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if not self.db.conn.in_transaction:
            return
        self.db.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def batched(db: Database, size: int = 500) -> Batch:
    """`with batched(db) as batch: ... batch.step()`; joins an open transaction if there is one."""
    if db.conn.in_transaction:
        return _JoinedBatch(db, size)
    return Batch(db, size)


class _JoinedBatch(Batch):
    """Inside a caller's transaction a batch must not commit: the caller decides."""

    def __enter__(self) -> Self:
        return self

    def step(self, n: int = 1) -> None:
        return None

    def __exit__(self, exc_type: object, *exc: object) -> None:
        return None


def now_iso() -> str:
    """UTC, so that timestamps from any machine compare correctly as strings."""
    return datetime.now(UTC).isoformat(timespec="seconds")


# An article row is 2–4 KB. With SQLite's default 4 KB pages one row fills a page and leaves
# the rest empty, or spills to an overflow page: at a million articles the articles table was 28 %
# unused space (0.46× the text itself). 16 KB pages hold 4–6 rows, and reading one article is
# one page. Larger pages gain little more and make every write to the WAL larger.
PAGE_SIZE = 16384


# Archives this process opened, closed at exit. SQLite folds the WAL back into the file only
# when the last connection closes; one left open at exit leaves the newest rows in
# `archive.db-wal`, and whoever copies `archive.db` alone after a command has ended loses them.
_OPENED: weakref.WeakSet[Database] = weakref.WeakSet()


@atexit.register
def _close_opened() -> None:
    for db in list(_OPENED):
        if getattr(db, "_thidua_pid", None) == os.getpid():  # never a parent's, after a fork
            try:
                db.conn.close()
            except sqlite3.Error:
                pass


def open_archive(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (and create or upgrade) the archive in WAL mode.

    WAL lets Datasette read while a crawl writes; `busy_timeout` makes a second writer wait
    instead of failing at once.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=30)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open archive {path}: {exc}") from exc
    from archive import textstore

    textstore.register(conn)   # a packed archive's `articles.body` is read through it
    db = Database(conn)
    if db.execute("PRAGMA page_count").fetchone()[0] == 0:
        # a new archive: set before its first page is written, never changed afterwards
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    db.execute("PRAGMA busy_timeout = 30000")
    # WAL + NORMAL: a commit appends to the WAL without an fsync; a killed process loses
    # nothing committed, a power cut may lose the last commits but never corrupts the file.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    if db.journal_mode != "wal":
        db.enable_wal()
    if migrate:
        schema.apply(db)
    db._thidua_pid = os.getpid()  # type: ignore[attr-defined]
    _OPENED.add(db)
    return db


def save_source(db: Database, source: Source) -> None:
    db["sources"].upsert(
        {
            "id": source.id, "name": source.name, "organisation": source.organisation,
            "organisation_kind": source.organisation_kind, "province": source.province,
            "province_former": source.province_former, "platform": source.platform,
            "url": source.start_urls[0] if source.start_urls else None,
            "verified": int(source.verified), "registry_file": source.file,
            "status": getattr(source, "status", "active"),
        },
        pk="id", alter=True,
    )


def save_page(db: Database, **fetch: Any) -> tuple[int, bool]:
    """(page id, body changed) for callers of the old API; `archive.rawstore.save_page` (the
    owner of the raw store) also says which stored version holds the body."""
    from archive import rawstore

    saved = rawstore.save_page(db, **fetch)
    return saved.page_id, saved.changed


def touch_page(db: Database, url: str, fetched_at: str | None = None) -> int | None:
    """A 304 Not Modified: the stored page is still current (see `archive.rawstore`)."""
    from archive import rawstore

    return rawstore.touch_page(db, url, fetched_at)


def _insert(db: Database, table: str, row: Mapping[str, Any]) -> int:
    """Plain INSERT: sqlite-utils' `insert` re-reads the table's schema and opens a savepoint
    on every call, which cost more than the rest of storing a page."""
    columns = ", ".join(f"[{k}]" for k in row)
    return int(db.execute(f"insert into [{table}] ({columns}) values "
                          f"({', '.join('?' * len(row))})", list(row.values())).lastrowid)


def _update(db: Database, table: str, row_id: int, row: Mapping[str, Any]) -> None:
    sets = ", ".join(f"[{k}] = ?" for k in row)
    db.execute(f"update [{table}] set {sets} where id = ?", [*row.values(), row_id])


def content_hash(record: Mapping[str, Any]) -> str:
    """Hash of what a reader sees; a change here means the article really changed."""
    parts = [str(record.get(k) or "") for k in ("title", "lead", "body", "author", "published_at")]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def _article_row(record: Mapping[str, Any], *, fingerprint: str | None) -> dict[str, Any]:
    """The columns an extracted record gives, as the articles table stores them: lists as JSON,
    the year of publication, the hashes that say whether it changed or was syndicated."""
    row: dict[str, Any] = {k: record.get(k) for k in ARTICLE_FIELDS}
    for k in ("images", "captions"):
        if not isinstance(row[k], str):
            row[k] = json.dumps(row[k] or [], ensure_ascii=False)
    published = row.get("published_at") or ""
    row["year"] = int(published[:4]) if published[:4].isdigit() else None
    row["content_hash"] = content_hash(record)
    row["fingerprint"] = fingerprint or row["content_hash"]
    row["extraction_paths"] = json.dumps(record.get("paths") or {}, ensure_ascii=False)
    return row


def upsert_article(
    db: Database,
    record: Mapping[str, Any],
    *,
    source_id: str | None,
    page_id: int | None,
    extractor_version: str,
    seen_at: str | None = None,
    fingerprint: str | None = None,
    version_id: int | None = None,
) -> tuple[str, int]:
    """Insert or update the article at record['url']. Returns (outcome, article id).

    outcome is "new", "updated" or "unchanged"; `first_seen_at` never moves, `last_seen_at`
    always does. A syndicated copy (same fingerprint from another URL) is linked through
    `duplicate_of` to the first one archived, not merged: both URLs stay citable.
    """
    seen_at = seen_at or now_iso()
    from archive import textstore

    row = _article_row(record, fingerprint=fingerprint)
    body = row.pop("body")   # stored (compressed in a packed archive) only when written
    row.update(source_id=source_id, page_id=page_id, extractor_version=extractor_version,
               last_seen_at=seen_at)
    if version_id is not None:
        row["version_id"] = version_id
    url = record["url"]
    existing = db.execute(
        "select id, content_hash, extractor_version, last_seen_at from articles where url = ?",
        [url]).fetchone()
    with transaction(db):
        if existing:
            article_id, old_hash, old_version, old_seen = existing
            # a reparse passes the stored fetch time: last_seen_at never moves back
            row["last_seen_at"] = max(old_seen or "", seen_at)
            if old_hash == row["content_hash"] and old_version == extractor_version:
                db.execute("update articles set last_seen_at = ?, page_id = coalesce(?, page_id), "
                           "version_id = coalesce(?, version_id) where id = ?",
                           [row["last_seen_at"], page_id, version_id, article_id])
                return "unchanged", article_id
            row.update(textstore.stored_text(db, source_id, body))   # plain, or packed
            _update(db, "articles", article_id, row)
            outcome = "updated" if old_hash != row["content_hash"] else "unchanged"
        else:
            # a new row's id is above every stored one, so its first copy is known before it is
            # written: one write of the row, not an insert and an update of it
            row.update(textstore.stored_text(db, source_id, body), url=url,
                       first_seen_at=seen_at, duplicate_of=_first_copy(db, row["fingerprint"]))
            article_id = _insert(db, "articles", row)
            textstore.note_stored(db, source_id)
            return "new", article_id  # search index: triggers (search.py)
        _link_duplicate(db, article_id, row["fingerprint"])
    return outcome, article_id


def _first_copy(db: Database, fingerprint: str, other_than: int = -1) -> int | None:
    """The first archived article with this fingerprint (other than `other_than`), if any."""
    return db.execute("select min(id) from articles where fingerprint = ? and id != ?",
                      [fingerprint, other_than]).fetchone()[0]


def _link_duplicate(db: Database, article_id: int, fingerprint: str) -> None:
    first = _first_copy(db, fingerprint, article_id)
    if first is not None and first < article_id:
        db.execute("update articles set duplicate_of = ? where id = ?", [first, article_id])
    else:
        db.execute("update articles set duplicate_of = null where id = ?", [article_id])


def record_failure(
    db: Database,
    *,
    url: str | None,
    stage: str,
    message: str,
    source_id: str | None = None,
    crawl_id: int | None = None,
    page_id: int | None = None,
) -> None:
    """Nothing is dropped silently: every page that did not become an article says why here."""
    with transaction(db):
        _insert(db, "failures", {"url": url, "source_id": source_id, "stage": stage,
                                 "message": message[:2000], "at": now_iso(),
                                 "crawl_id": crawl_id, "page_id": page_id})


def organisation_id(db: Database, name: str, *, kind: str | None = None,
                    province: str | None = None, aliases: Iterable[str] = ()) -> int:
    """The id of an organisation by canonical name and province, created on first sight."""
    row = db.execute(
        "select id from organisations where name = ? and coalesce(province, '') = coalesce(?, '')",
        [name, province],
    ).fetchone()
    if row:
        return row[0]
    return _insert(db, "organisations", {
        "name": name, "kind": kind, "province": province,
        "aliases": json.dumps(sorted(set(aliases)), ensure_ascii=False)})


def member_orgs(meeting: Mapping[str, Any]) -> list[tuple[str, str, str | None]]:
    """(name as written, canonical name, kind) of each member organisation of a meeting."""
    from archive.organisations import canonical_org, org_kind

    out = []
    for name in meeting.get("members") or []:
        canonical = canonical_org(name)
        out.append((name, canonical, org_kind(canonical)))
    return out


def set_story_provinces(db: Database, article_id: int | None = None, *,
                        has_meeting: bool | None = None) -> None:
    """Where a story happened (`story_province`, `story_province_former`): its first meeting's
    province (a meeting whose text names none inherits the publisher's), else the publisher's.
    A Cần Thơ meeting reported by Báo Đắk Lắk counts under Cần Thơ there, while `province`
    stays the publisher's. All articles when `article_id` is None (the migration).
    `has_meeting`, when given, is set by the same statement (one write of the row, not two)."""
    first = "(select {col} from meetings m where m.article_id = articles.id order by m.seq, m.id limit 1)"
    flag = "" if has_meeting is None else f"has_meeting = {int(has_meeting)}, "
    db.conn.execute(
        f"update articles set {flag}story_province = coalesce({first.format(col='m.province')}, province), "
        f"story_province_former = case when {first.format(col='m.province')} is not null "
        f"then {first.format(col='m.province_former')} else province_former end"
        + (" where id = ?" if article_id is not None else ""),
        [article_id] if article_id is not None else [])


def upsert_meetings(db: Database, article_id: int, meetings: list[Mapping[str, Any]],
                    *, extractor_version: str) -> int:
    """Replace the article's meetings with `meetings` (extraction is a function of the text,
    so the latest extraction is the truth). Returns the number of meeting rows.

    A meeting's `member_orgs` [(name as written, canonical name, kind)] comes precomputed from
    `archive.ingest.analyse_page` (a worker process); without it the names are resolved here.
    """
    with transaction(db):
        old = [r[0] for r in db.execute("select id from meetings where article_id = ?", [article_id])]
        if old:
            marks = ",".join("?" * len(old))
            db.execute(f"delete from meeting_members where meeting_id in ({marks})", old)
            db.execute(f"delete from meeting_attendees where meeting_id in ({marks})", old)
            db.execute("delete from meetings where article_id = ?", [article_id])
        for seq, m in enumerate(meetings):
            date = m.get("meeting_date") or m.get("period_end") or ""
            meeting_id = _insert(db, "meetings", {
                "article_id": article_id, "seq": seq, "kind": m.get("kind"),
                "title": m.get("title"), "kinds": "; ".join(m.get("kinds") or []) or None,
                "next_period": m.get("next_period"), "period_label": m.get("period_label"),
                "period_start": m.get("period_start"), "period_end": m.get("period_end"),
                "cluster_kind": m.get("cluster_kind"), "cluster_name": m.get("cluster_name"),
                "cluster_number": m.get("cluster_number"), "host": m.get("host"),
                "place": m.get("place"), "meeting_date": m.get("meeting_date"),
                "year": int(date[:4]) if date[:4].isdigit() else None,
                "province": m.get("province"), "province_former": m.get("province_former"),
                "province_code": m.get("province_code"),
                "province_former_code": m.get("province_former_code"),
                "confidence": m.get("confidence"), "extractor_version": extractor_version,
            })
            for name, canonical, kind in m.get("member_orgs") or member_orgs(m):
                org = organisation_id(db, canonical, kind=kind, province=m.get("province"),
                                      aliases=[name])
                _insert(db, "meeting_members", {"meeting_id": meeting_id,
                                                "organisation_id": org, "name": name})
            for person in m.get("attendees") or []:
                _insert(db, "meeting_attendees", {
                    "meeting_id": meeting_id, "name": person.get("name"),
                    "title": person.get("title"), "organisation": person.get("organisation"),
                })
        set_story_provinces(db, article_id, has_meeting=bool(meetings))
    return len(meetings)
