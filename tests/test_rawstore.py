"""Lean raw storage: zstd with a dictionary per source, zlib for a source's first pages and for
old archives, every body byte-identical when read back (reparse, WARC, Datasette's SQL)."""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from archive import rawcodec, rawstore, store
from archive.ingest import ingest_page
from archive.search import register_sql_functions
from archive.sources import Source
from demo import render
from demo.server import SiteState

ROOT = Path(__file__).resolve().parent.parent
QUERIES = json.loads((ROOT / "datasette_metadata.json").read_text())["databases"]["archive"][
    "queries"]
SOURCE = Source(id="demo-ldld", name="LĐLĐ", province="Thanh Hóa", platform="ldld-portal",
                start_urls=("http://127.0.0.1/ldld/",), rules={})


def site_pages(n: int) -> list[tuple[str, bytes]]:
    """n article pages of the sample labour-federation portal (one template, other texts)."""
    articles = SiteState(backlog=n).articles["ldld"][:n]
    return [(f"http://127.0.0.1{a['path']}", render.render_ldld_article(
        a["title"], a["paragraphs"], images=a["images"], byline=a["byline"],
        published=a["published_shown"], lead=a["lead"]).encode()) for a in articles]


@pytest.fixture
def db(tmp_path):
    archive = store.open_archive(tmp_path / "archive.db")
    store.save_source(archive, SOURCE)
    return archive


def stored(db) -> list[dict]:
    conn = db.conn
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("select * from page_versions order by id")]
    finally:
        conn.row_factory = None


def test_a_source_gets_a_dictionary_and_every_body_reads_back(db):
    pages = site_pages(rawstore.DICT_MIN_PAGES + 20)
    for url, body in pages:
        ingest_page(db, url=url, body=body, headers={}, source=SOURCE)
    [dictionary] = db["page_dicts"].rows
    assert dictionary["source_id"] == SOURCE.id
    rows = stored(db)
    # the bodies stored before the dictionary existed were recompressed with it
    assert {(r["codec"], r["dict_id"]) for r in rows} == {("zstd", dictionary["id"])}
    assert all(rawcodec.frame_dict_id(r["body"]) == rawcodec.dictionary_id(dictionary["body"])
               for r in rows)
    read = {v.url: v.body for v in rawstore.iter_versions(db, "all")}
    assert read == dict(pages)
    raw = sum(len(b) for _, b in pages)
    zstd_size = sum(r["compressed_size"] for r in rows)
    zlib_size = sum(len(zlib.compress(b, 6)) for _, b in pages)
    assert zstd_size == sum(len(r["body"]) for r in rows)
    # the point of it: far smaller than zlib per page, even counting the dictionary
    assert zstd_size + dictionary["size"] < zlib_size / 2, (raw, zlib_size, zstd_size)


def test_the_first_pages_of_a_source_are_zlib(db):
    for url, body in site_pages(rawstore.DICT_MIN_PAGES - 1):
        ingest_page(db, url=url, body=body, headers={}, source=SOURCE)
    assert db["page_dicts"].count == 0
    assert {r["codec"] for r in stored(db)} == {"zlib"}


def test_datasette_sql_reads_every_codec(db):
    pages = site_pages(rawstore.DICT_MIN_PAGES + 2)
    for url, body in pages:
        ingest_page(db, url=url, body=body, headers={}, source=SOURCE)
    conn = sqlite3.connect(":memory:")
    register_sql_functions(conn)
    [version] = stored(db)[:1]
    [dictionary] = db["page_dicts"].rows
    html = conn.execute("select decompress_text(?, 'utf-8', ?)",
                        [version["body"], dictionary["body"]]).fetchone()[0]
    assert html == pages[0][1].decode()
    # without its dictionary the function says what it needs instead of returning garbage
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("select decompress_text(?)", [version["body"]]).fetchone()
    for blob in (zlib.compress(b"<p>ok</p>"), b"<p>ok</p>"):
        assert conn.execute("select decompress_text(?)", [blob]).fetchone()[0] == "<p>ok</p>"
    # the canned query joins the dictionary
    register_sql_functions(db.conn)
    article_id = db.execute("select id from articles order by id limit 1").fetchone()[0]
    cur = db.execute(QUERIES["raw_page"]["sql"], {"article_id": str(article_id)})
    row = dict(zip([d[0] for d in cur.description], cur.fetchone()))
    assert row["html"] == pages[0][1].decode()


def test_an_old_archive_is_recompressed_in_place(tmp_path, monkeypatch):
    """The demo archive as main at a73dd50 built it (zlib bodies in `pages`): opened by this
    code, its bodies move to page_versions and each source's are recompressed with a
    dictionary (the threshold lowered: the demo sources hold 12–13 pages each)."""
    path = tmp_path / "old.db"
    path.write_bytes(gzip.decompress(
        (ROOT / "tests" / "fixtures" / "archives" / "main-a73dd50.db.gz").read_bytes()))
    conn = sqlite3.connect(path)
    old = {url: (zlib.decompress(body), csize) for url, body, csize in
           conn.execute("select url, body, compressed_size from pages")}
    conn.close()
    monkeypatch.setattr(rawstore, "DICT_MIN_PAGES", 10)
    db = store.open_archive(path)
    assert db["page_dicts"].count == 3
    rows = stored(db)
    assert {r["codec"] for r in rows} == {"zstd"}
    for version in rawstore.iter_versions(db, "all"):
        assert version.body == old[version.url][0]
        assert hashlib.sha256(version.body).hexdigest() == db.execute(
            "select sha256 from page_versions where id = ?", [version.version_id]).fetchone()[0]
    assert sum(r["compressed_size"] for r in rows) < sum(c for _, c in old.values())
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_codec_sniffing_and_errors():
    assert rawcodec.sniff(zlib.compress(b"x" * 100)) == "zlib"
    assert rawcodec.sniff(rawcodec.compressor(None).compress(b"x" * 100)) == "zstd"
    assert rawcodec.sniff(b"<html>") == "plain"
    with pytest.raises(rawcodec.CodecError):
        rawcodec.decompress("zlib", b"not zlib at all")
    with pytest.raises(rawcodec.CodecError):
        rawcodec.decompress("brotli", b"x")
