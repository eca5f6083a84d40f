"""Vietnamese search through the same SQL Datasette runs.

The table page's search box runs Datasette's own clause (filters.py):
  id in (select rowid from articles_fts where articles_fts match escape_fts(:search))
and the ranked `search` canned query is read from datasette_metadata.json, so these tests
fail if either drifts from what the browser gets.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, SEARCH_ARTICLES, build_search_archive, nfd
from datasette.utils import escape_fts
from sqlite_utils import Database

from archive import search

METADATA = json.loads((ROOT / "datasette_metadata.json").read_text(encoding="utf-8"))
QUERIES = METADATA["databases"]["archive"]["queries"]
TABLE_SEARCH_SQL = (
    "select id from articles where id in (select rowid from articles_fts "
    "where articles_fts match escape_fts(:search)) order by id"
)

MEETING, BLOC, SPORT, GREEN = 1, 2, 3, 4  # ids of SEARCH_ARTICLES in insertion order


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection with the functions Datasette and our plugin register."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.create_function("escape_fts", 1, escape_fts)
    search.register_sql_functions(conn)
    return conn


@pytest.fixture(scope="module")
def conn(search_archive: Path) -> sqlite3.Connection:
    return connect(search_archive)


def table_search(conn: sqlite3.Connection, query: str) -> list[int]:
    # the plugin's asgi_wrapper hands Datasette the query in NFC
    q = unicodedata.normalize("NFC", query)
    return [r[0] for r in conn.execute(TABLE_SEARCH_SQL, {"search": q})]


def ranked(conn: sqlite3.Connection, query: str) -> list[dict]:
    cur = conn.execute(QUERIES["search"]["sql"], {"q": query})
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("thi dua", [MEETING, BLOC]),            # no marks, d for đ: the folded columns
        ("thi đua", [MEETING, BLOC]),            # with đ: the original columns
        ("THI ĐUA", [MEETING, BLOC]),            # upper case Đ folds to đ in the tokenizer
        (nfd("thi đua"), [MEETING, BLOC]),
        (nfd("Đảng ủy khối"), [BLOC]),           # NFD query over an NFD-written article
        ("so ket", [MEETING]),
        ("sơ kết", [MEETING]),
        ("dong chi Hiep", [MEETING]),
        ("đồng chí Hiệp", [MEETING]),
        ("Dang uy khoi", [BLOC]),
        ("thi đua so ket", [MEETING]),           # partial diacritics, mixed across words
        ("hiêp", [MEETING]),                     # a wrong/partial mark still finds it
        ('"sơ kết"', [MEETING]),                 # phrases
        ('"so ket"', [MEETING]),
        ('"ket so"', []),
        ("quang canh", [MEETING]),               # captions are searchable
        ("Tuấn", [MEETING]),                     # so is the author
    ],
)
def test_table_search_matches(conn: sqlite3.Connection, query: str, expected: list[int]) -> None:
    assert table_search(conn, query) == expected


def test_exact_accent_ranks_first(conn: sqlite3.Connection) -> None:
    # `thể` must not be buried under `the` (and the other way round)
    assert [r["id"] for r in ranked(conn, "thể")][:2] == [SPORT, GREEN]
    assert [r["id"] for r in ranked(conn, "the")][:2] == [GREEN, SPORT]
    top = ranked(conn, "thể")[0]
    assert top["exact_match"] == 1
    assert "«thể»" in top["snippet"]


def test_ranked_search_any_spelling(conn: sqlite3.Connection) -> None:
    for q in ("thi dua so ket", "THI ĐUA sơ kết", nfd("thi đua sơ kết"), '"so ket"'):
        rows = ranked(conn, q)
        assert [r["id"] for r in rows] == [MEETING], q
    snippet = ranked(conn, "dong chi hiep")[0]["snippet"]
    # highlighted in the original spelling, not the folded copy
    assert "«đồng» «chí» Nguyễn Hữu «Hiệp»" in snippet


def test_ranked_search_title_hit_first(conn: sqlite3.Connection) -> None:
    # both mention the meeting's cluster; a title hit weighs more than a body hit
    rows = ranked(conn, "khoi")
    assert rows[0]["id"] == BLOC


def test_ranked_search_empty_or_odd_query(conn: sqlite3.Connection) -> None:
    assert ranked(conn, "") == []
    assert ranked(conn, '"') == []
    assert ranked(conn, "NOT AND OR") == []  # operators are escaped, not FTS5 syntax errors


def test_index_follows_updates(tmp_path: Path) -> None:
    from archive import store

    path = build_search_archive(tmp_path / "archive.db")
    db = store.open_archive(path)
    record = {k: v for k, v in SEARCH_ARTICLES[2].items() if k != "source_id"}
    record["body"] = "Bài viết đã sửa: đoàn viên công đoàn."
    outcome, article_id = store.upsert_article(db, record, source_id="demo-baotinh",
                                               page_id=None, extractor_version="test")
    assert (outcome, article_id) == ("updated", SPORT)
    conn = db.conn
    conn.create_function("escape_fts", 1, escape_fts)
    assert table_search(conn, "doan vien") == [SPORT]
    assert table_search(conn, "tap the") == []  # the old body's words are gone
    # both FTS5 tables still consistent with their content after delete + insert
    conn.execute("insert into articles_fts(articles_fts) values('integrity-check')")
    conn.execute("insert into articles_fts_exact(articles_fts_exact) values('integrity-check')")
    # a deleted article is unindexed
    with conn:
        conn.execute("delete from articles where id = ?", [SPORT])
        search.index_article(db, SPORT)
    assert table_search(conn, "doan vien") == []


def test_ensure_search_idempotent_and_backfills(tmp_path: Path) -> None:
    path = build_search_archive(tmp_path / "archive.db")
    db = Database(path)
    search.ensure_search(db)
    search.ensure_search(db)
    # an archive whose index was lost (or predates it) is indexed again on ensure
    db.execute("drop table articles_fts_exact")
    db.execute("drop table articles_fts")
    search.ensure_search(db)
    conn = db.conn
    conn.create_function("escape_fts", 1, escape_fts)
    search.register_sql_functions(conn)
    assert table_search(conn, "thi dua") == [MEETING, BLOC]
    assert [r["id"] for r in ranked(conn, "thể")][:2] == [SPORT, GREEN]
    assert search.rebuild_search(db) == len(SEARCH_ARTICLES)
    assert table_search(conn, "thi dua") == [MEETING, BLOC]


def test_index_is_nfc_and_folded(conn: sqlite3.Connection) -> None:
    title, title_folded = conn.execute(
        "select title, title_folded from articles_fts where rowid = ?", [BLOC]
    ).fetchone()
    assert title == unicodedata.normalize("NFC", SEARCH_ARTICLES[1]["title"])
    assert title_folded == "khoi thi dua dang uy khoi cac co quan tinh tong ket nam 2023"


def test_sql_functions() -> None:
    conn = sqlite3.connect(":memory:")
    search.register_sql_functions(conn)
    assert conn.execute("select fold('Đảng Ủy Khối'), fold(null)").fetchone() == (
        "dang uy khoi", None)
    assert conn.execute("select nfc(?)", [nfd("thể")]).fetchone()[0] == "thể"
    # windows-1258 carries tone marks as combining characters: decoded, then composed
    blob = zlib.compress(nfd("<p>Cụm thi đua</p>").encode("cp1258"))
    assert conn.execute("select decompress_text(?, 'cp1258')", [blob]).fetchone()[0] == (
        "<p>Cụm thi đua</p>")
    assert conn.execute("select decompress_text(?)", [zlib.compress(b"ok")]).fetchone()[0] == "ok"


def test_vi_snippet_window() -> None:
    text = " ".join(["chữ"] * 100) + " Hội nghị sơ kết Cụm thi đua " + " ".join(["khác"] * 100)
    snip = search.vi_snippet(text, "so ket cum", words=12)
    assert snip.startswith("… ") and snip.endswith(" …")
    assert "«sơ» «kết» «Cụm»" in snip
    assert search.vi_snippet("", "x") == ""
    assert search.vi_snippet("ngắn gọn", "zzz") == "ngắn gọn"


def test_meetings_and_attendee_queries(conn: sqlite3.Connection) -> None:
    def run(query: str, **params: str) -> list[dict]:
        cur = conn.execute(QUERIES[query]["sql"], params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur]

    everything = run("meeting_list", province="", year="", kind="")
    assert [r["meeting_id"] for r in everything] == [2, 1]  # newest first
    rows = run("meeting_list", province="thanh hoa", year="2016", kind="so ket")
    assert len(rows) == 1
    row = rows[0]
    assert row["cluster_name"] == "Cụm thi đua số 7"
    assert row["members"] == "Liên đoàn Lao động tỉnh; Hội Nông dân tỉnh"
    assert row["attendees"] == "Nguyễn Hữu Hiệp (Phó Trưởng Ban Thi đua – Khen thưởng tỉnh)"
    assert run("meeting_list", province="Nghệ An", year="2016", kind="") == []
    people = run("attendee", name="nguyen huu hiep")
    assert [(p["name"], p["meeting_id"]) for p in people] == [("Nguyễn Hữu Hiệp", 1)]


def test_raw_page_query_returns_text(conn: sqlite3.Connection) -> None:
    cur = conn.execute(QUERIES["raw_page"]["sql"], {"article_id": str(MEETING)})
    cols = [d[0] for d in cur.description]
    row = dict(zip(cols, cur.fetchone()))
    assert row["html"].startswith("<html><head><title>Cụm thi đua số 7</title>")
    assert "<script>" in row["html"]  # shown as text; the plugin escapes it


def test_vi_snippet_prefers_exact_spelling() -> None:
    text = "Giải thể thao; the green office; Thể lệ"
    assert search.vi_snippet(text, "thể") == "Giải «thể» thao; the green office; «Thể» lệ"
    assert search.vi_snippet(text, "the") == "Giải thể thao; «the» green office; Thể lệ"
    assert search.vi_snippet(text, "le") == "… green office; Thể «lệ»"  # 3 words of context
