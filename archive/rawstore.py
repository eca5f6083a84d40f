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

Bodies are compressed per row (`codec`), so old rows and new ones live side by side.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from archive.store import now_iso, transaction

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


def compress(body: bytes) -> tuple[str, bytes]:
    return "zlib", zlib.compress(body, 6)


def decompress(codec: str | None, blob: bytes | None) -> bytes:
    if blob is None:
        return b""
    if codec in (None, "zlib"):
        return zlib.decompress(blob)
    if codec == "plain":
        return bytes(blob)
    raise ValueError(f"unknown page codec {codec!r}")


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
            codec, blob = compress(body)
            version_id = db.execute(
                "insert into page_versions (page_id, sha256, fetched_at, status, headers, "
                "encoding, size, compressed_size, codec, body) values (?,?,?,?,?,?,?,?,?,?)",
                [page_id, sha, fetched_at, status, header_json, encoding, len(body), len(blob),
                 codec, blob]).lastrowid
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
        "v.compressed_size, v.codec, v.body from pages p join page_versions v on " + join +
        f" where (p.id, v.id) > (?, ?) {''.join(' and ' + w for w in where)} "
        f"order by p.id, v.id limit {int(chunk)}"
    )
    last: tuple[int, int] = (0, 0)
    while rows := db.execute(sql, [*last, *params]).fetchall():
        for page_id, version_id, url, source_id, status, headers, fetched_at, size, csize, \
                codec, blob in rows:
            yield PageVersion(page_id, version_id, url, source_id, status,
                              json.loads(headers or "{}"), fetched_at, size or 0, csize or 0,
                              decompress(codec, blob))
        last = (rows[-1][0], rows[-1][1])
