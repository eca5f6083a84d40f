"""The raw store: every fetched page and every version of its body, compressed.

Tables owned here:
- `pages`: one small row per fetched URL, saying what its last fetch returned (status,
  headers, validators for a conditional GET, the SHA-256 and size of the body) and which
  `page_versions` row holds that body (`version_id`). No body in it, so its rows pack densely
  and the crawl's "what do we know" queries read a few pages of the file, not every blob.
- `page_versions`: one row per distinct body of a URL (deduplicated by SHA-256), compressed,
  with the status and headers of the fetch that first returned it. A re-fetch that changes a
  page adds a row and never overwrites the earlier one, so an error page or a truncated body
  served one night costs nothing archived (archive/completeness.py decides whether the
  article follows the new version).

- `page_dicts`: the zstd dictionary of each source (archive/rawcodec.py says why), trained
  once the source has `DICT_MIN_PAGES` stored bodies; the bodies stored before it are then
  recompressed with it. Rows of sources without a dictionary (and of old archives until they
  are recompressed) stay zlib: every version row says its own `codec` and `dict_id`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from archive import rawcodec
from archive.store import now_iso, transaction

log = logging.getLogger(__name__)

# A source's dictionary is trained once it has this many stored bodies, on its most recent
# DICT_SAMPLES bodies: enough to see the template, early enough that most pages profit.
DICT_MIN_PAGES = 40
DICT_SAMPLES = 300

VERSION_CHOICES = ("current", "latest", "all")


@dataclass(frozen=True)
class SavedPage:
    page_id: int
    version_id: int
    changed: bool  # the body differs from the one the previous fetch returned
    new_version: bool  # a body this URL never returned before


@dataclass(frozen=True)
class PageVersion:
    """One stored body of a page, with what the fetch that returned it said."""

    page_id: int
    version_id: int
    url: str
    source_id: str | None
    status: int
    headers: dict[str, str]
    fetched_at: str
    size: int
    compressed_size: int
    body: bytes


@dataclass
class _Codecs:
    """Per-archive-connection cache: dictionaries are read and digested once, not per page."""

    compressors: dict[str, tuple[int, Any] | None] = field(default_factory=dict)
    decompressors: dict[int, Any] = field(default_factory=dict)
    without_dict: dict[str, int] = field(default_factory=dict)  # bodies stored without one
    next_try: dict[str, int] = field(default_factory=dict)  # after a failed training


_CODECS: weakref.WeakKeyDictionary[Database, _Codecs] = weakref.WeakKeyDictionary()


def _codecs(db: Database) -> _Codecs:
    state = _CODECS.get(db)
    if state is None:
        state = _CODECS[db] = _Codecs()
    return state


def _source_compressor(db: Database, source_id: str) -> tuple[int, Any] | None:
    state = _codecs(db)
    if source_id not in state.compressors:
        row = db.execute("select id, body from page_dicts where source_id = ? "
                         "order by id desc limit 1", [source_id]).fetchone()
        state.compressors[source_id] = (row[0], rawcodec.compressor(row[1])) if row else None
    return state.compressors[source_id]


def compress(db: Database, source_id: str | None, body: bytes) -> tuple[str, int | None, bytes]:
    """(codec, dictionary id, blob) for a new body of `source_id`."""
    entry = _source_compressor(db, source_id) if source_id else None
    if entry is None:
        codec, blob = rawcodec.compress_zlib(body)
        return codec, None, blob
    dict_id, compressor = entry
    return "zstd", dict_id, compressor.compress(body)


def decompress(db: Database, codec: str | None, dict_id: int | None, blob: bytes | None) -> bytes:
    """A stored body, whatever its codec and dictionary."""
    if codec != "zstd" or dict_id is None:
        return rawcodec.decompress(codec, blob)
    state = _codecs(db)
    if dict_id not in state.decompressors:
        row = db.execute("select body from page_dicts where id = ?", [dict_id]).fetchone()
        if row is None:
            raise rawcodec.CodecError(f"page dictionary {dict_id} is missing")
        state.decompressors[dict_id] = rawcodec.decompressor(row[0])
    return rawcodec.decompress(codec, blob, state.decompressors[dict_id])


def _count_without_dict(db: Database, source_id: str) -> None:
    """After a zlib body of `source_id` is stored: train its dictionary when it is time."""
    state = _codecs(db)
    if source_id not in state.without_dict:
        state.without_dict[source_id] = db.execute(
            "select count(*) from page_versions v join pages p on p.id = v.page_id "
            "where p.source_id = ? and v.dict_id is null", [source_id]).fetchone()[0]
    else:
        state.without_dict[source_id] += 1
    n = state.without_dict[source_id]
    due = n >= max(DICT_MIN_PAGES, state.next_try.get(source_id, 0))
    if due and train_source(db, source_id) is None:
        state.next_try[source_id] = 2 * n  # too uniform or too small: try again later


def train_source(db: Database, source_id: str, *, samples: int = DICT_SAMPLES) -> int | None:
    """Train `source_id`'s dictionary on its latest bodies and recompress its bodies stored
    without it. Returns the dictionary's id, or None when no dictionary could be trained."""
    rows = db.execute(
        "select v.codec, v.dict_id, v.body from page_versions v join pages p "
        "on p.id = v.page_id where p.source_id = ? order by v.id desc limit ?",
        [source_id, samples]).fetchall()
    bodies = [decompress(db, *row) for row in rows]
    if len(bodies) < 8:
        return None
    try:
        dictionary = rawcodec.train_dictionary(bodies)
    except rawcodec.CodecError as exc:
        log.info("no compression dictionary for %s yet: %s", source_id, exc)
        return None
    with transaction(db):
        dict_id = int(db.execute(
            "insert into page_dicts (source_id, created_at, level, samples, size, body) "
            "values (?, ?, ?, ?, ?, ?)", [source_id, now_iso(), rawcodec.ZSTD_LEVEL,
                                          len(bodies), len(dictionary), dictionary]).lastrowid)
        state = _codecs(db)
        state.compressors[source_id] = (dict_id, rawcodec.compressor(dictionary))
        recompress_source(db, source_id)
        state.without_dict[source_id] = 0
    return dict_id


def recompress_source(db: Database, source_id: str, chunk: int = 200) -> tuple[int, int, int]:
    """Recompress `source_id`'s bodies that do not use its current dictionary.

    Returns (rows, stored bytes before, after). Joins the caller's transaction.
    """
    entry = _source_compressor(db, source_id)
    if entry is None:
        return 0, 0, 0
    dict_id, compressor = entry
    done = before = after = 0
    last = 0
    with transaction(db):
        while rows := db.execute(
            "select v.id, v.codec, v.dict_id, v.body from page_versions v join pages p "
            "on p.id = v.page_id where p.source_id = ? and v.id > ? "
            "and v.dict_id is not ? order by v.id limit ?",
            [source_id, last, dict_id, chunk]).fetchall():
            for version_id, codec, old_dict, blob in rows:
                body = decompress(db, codec, old_dict, blob)
                new = compressor.compress(body)
                db.execute("update page_versions set codec = 'zstd', dict_id = ?, body = ?, "
                           "compressed_size = ? where id = ?",
                           [dict_id, new, len(new), version_id])
                done, before, after = done + 1, before + len(blob), after + len(new)
            last = rows[-1][0]
    return done, before, after


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for k, v in headers.items():
        if k.lower() == name:
            return v
    return None


def save_page(
    db: Database,
    *,
    url: str,
    body: bytes,
    status: int,
    headers: Mapping[str, str] | None = None,
    source_id: str | None = None,
    fetched_at: str | None = None,
    crawl_id: int | None = None,
    encoding: str | None = None,
) -> SavedPage:
    """Record a fetch of `url`: its `pages` row follows the fetch, its body becomes a version
    unless this URL returned the very same bytes before. Joins the caller's transaction."""
    headers = dict(headers or {})
    header_json = json.dumps(headers, ensure_ascii=False)
    sha = hashlib.sha256(body).hexdigest()
    fetched_at = fetched_at or now_iso()
    with transaction(db):
        row = db.execute("select id, sha256 from pages where url = ?", [url]).fetchone()
        if row:
            page_id, old_sha = row
        else:
            page_id, old_sha = db.execute(
                "insert into pages (url, source_id, fetched_at, status, sha256, size) "
                "values (?, ?, ?, ?, ?, ?)", [url, source_id, fetched_at, status, sha, len(body)]
            ).lastrowid, None
        found = db.execute("select id from page_versions where page_id = ? and sha256 = ?",
                           [page_id, sha]).fetchone()
        if found:
            version_id = found[0]
        else:
            source = source_id or db.execute("select source_id from pages where id = ?",
                                             [page_id]).fetchone()[0]
            codec, dict_id, blob = compress(db, source, body)
            version_id = db.execute(
                "insert into page_versions (page_id, sha256, fetched_at, status, headers, "
                "encoding, size, compressed_size, codec, dict_id, body) "
                "values (?,?,?,?,?,?,?,?,?,?,?)",
                [page_id, sha, fetched_at, status, header_json, encoding, len(body), len(blob),
                 codec, dict_id, blob]).lastrowid
            if source and dict_id is None:
                _count_without_dict(db, source)
        db.execute(
            "update pages set source_id = coalesce(?, source_id), fetched_at = ?, status = ?, "
            "headers = ?, etag = ?, last_modified = ?, encoding = ?, sha256 = ?, size = ?, "
            "crawl_id = ?, version_id = ? where id = ?",
            [source_id, fetched_at, status, header_json, _header(headers, "etag"),
             _header(headers, "last-modified"), encoding, sha, len(body), crawl_id, version_id,
             page_id])
    return SavedPage(int(page_id), int(version_id), changed=old_sha != sha,
                     new_version=not found)


def touch_page(db: Database, url: str, fetched_at: str | None = None) -> int | None:
    """A 304 Not Modified: the stored page is still current; only the fetch time moves."""
    with transaction(db):
        cur = db.execute("update pages set fetched_at = ? where url = ?",
                         [fetched_at or now_iso(), url])
        row = db.execute("select id from pages where url = ?", [url]).fetchone()
    return row[0] if row and cur.rowcount else None


def parse_version(value: str) -> str | int:
    """`current`, `latest`, `all` or a page_versions id (the CLI's --version)."""
    value = value.strip().lower()
    if value in VERSION_CHOICES:
        return value
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise ValueError(f"--version must be one of {', '.join(VERSION_CHOICES)} or a version id, "
                     f"not {value!r}")


# Which version each choice picks, as a join condition on `v` (page_versions) for page `p`:
# current = the body the page's article was extracted from (the latest body when it has no
# article); latest = the body of the last fetch; all = every body, oldest first.
_PICK = {
    "current": "v.id = coalesce((select max(a.version_id) from articles a "
               "where a.page_id = p.id), p.version_id)",
    "latest": "v.id = p.version_id",
    "all": "v.page_id = p.id",
}


def iter_versions(
    db: Database,
    which: str | int = "current",
    *,
    source_ids: Sequence[str] | None = None,
    since: str | None = None,
    ok_only: bool = False,
    chunk: int = 200,
) -> Iterator[PageVersion]:
    """Stored bodies in page order (then version order), read `chunk` rows at a time so that
    a reparse or export of a million pages holds one chunk in memory."""
    if isinstance(which, int):
        join, where, params = "v.page_id = p.id", ["v.id = ?"], [which]
    else:
        join, where, params = _PICK[which], [], []
    if source_ids:
        where.append(f"p.source_id in ({','.join('?' * len(source_ids))})")
        params += list(source_ids)
    if since:
        where.append("p.fetched_at >= ?")
        params.append(since)
    if ok_only:
        where.append("v.status between 200 and 299")
    sql = (
        "select p.id, v.id, p.url, p.source_id, v.status, v.headers, v.fetched_at, v.size, "
        "v.compressed_size, v.codec, v.dict_id, v.body from pages p join page_versions v on " + join +
        f" where (p.id, v.id) > (?, ?) {''.join(' and ' + w for w in where)} "
        f"order by p.id, v.id limit {int(chunk)}"
    )
    last: tuple[int, int] = (0, 0)
    while rows := db.execute(sql, [*last, *params]).fetchall():
        for page_id, version_id, url, source_id, status, headers, fetched_at, size, csize, \
                codec, dict_id, blob in rows:
            yield PageVersion(page_id, version_id, url, source_id, status,
                              json.loads(headers or "{}"), fetched_at, size or 0, csize or 0,
                              decompress(db, codec, dict_id, blob))
        last = (rows[-1][0], rows[-1][1])
