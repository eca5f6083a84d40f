"""Vietnamese search through the same code Datasette runs.

The table page's search box runs the clause of archive.search.search_clause (the plugin's
filters_from_request hook, archive/searchpage.py); the ranked search is archive.ranking, which
the plugin's /archive/search route calls: these tests run both on a real archive built by the
store, so they fail if the index, its triggers or the queries drift.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, SEARCH_ARTICLES, build_search_archive, nfd
from sqlite_utils import Database

from archive import ranking, search, searchpage

METADATA = json.loads((ROOT / "datasette_metadata.json").read_text(encoding="utf-8"))
QUERIES = METADATA["databases"]["archive"]["queries"]

MEETING, BLOC, SPORT, GREEN = 1, 2, 3, 4  # ids of SEARCH_ARTICLES in insertion order


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection with the functions Datasette and our plugin register."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    search.register_sql_functions(conn)
    return conn


@pytest.fixture(scope="module")
def conn(search_archive: Path) -> sqlite3.Connection:
    return connect(search_archive)


def table_search(conn: sqlite3.Connection, query: str, cap: int | None = None) -> list[int]:
    """The table search box's rows, as the plugin's hook builds its clause (NFC: the plugin's
    asgi_wrapper hands Datasette every parameter in NFC), capped as the page caps them."""
    cap = searchpage.TABLE_CAP if cap is None else cap
    match = search.fts_query(unicodedata.normalize("NFC", query))
    if match is None:
        return []
    clause, params = search.search_clause("id", match, search.window_floor(conn, match, cap))
    return [r[0] for r in conn.execute(f"select id from articles where {clause} order by id",
                                       params)]


def ranked(conn: sqlite3.Connection, query: str) -> list[dict]:
    return [vars(h) for h in ranking.ranked_search(conn, query).hits]


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
    # `thể`, typed with its marks, must not be buried under `the`
    rows = ranked(conn, "thể")
    assert [r["id"] for r in rows][:2] == [SPORT, GREEN]
    assert [r["exact_match"] for r in rows][:2] == [1, 0]
    assert "«thể»" in rows[0]["snippet"] and "«the»" not in rows[0]["snippet"]
    # `the`, typed without marks, means any spelling: no accent tier, both match alike
    rows = ranked(conn, "the")
    assert sorted(r["id"] for r in rows) == [SPORT, GREEN]
    assert {r["exact_match"] for r in rows} == {0}


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
    assert table_search(conn, "doan vien") == [SPORT]
    assert table_search(conn, "tap the") == []  # the old body's words are gone
    search.check_index(conn)  # FTS5's integrity check after delete + insert
    # a deleted article is unindexed, by the trigger, in the deleting transaction
    with store.transaction(db):
        conn.execute("delete from articles where id = ?", [SPORT])
    assert table_search(conn, "doan vien") == []
    search.check_index(conn)
    db.conn.close()


def test_any_sqlite_client_keeps_the_index_in_step(tmp_path: Path) -> None:
    """The triggers are plain SQL: a bare sqlite3 connection (no functions of ours) can insert,
    re-date and delete articles, and the search follows."""
    path = build_search_archive(tmp_path / "archive.db")
    bare = sqlite3.connect(path)
    with bare:
        bare.execute("insert into articles (url, title, body, published_at) values "
                     "('http://x/1', 'Hội thao Đoàn Thanh niên', 'Giải bóng đá', '2030-01-02')")
        new_id = bare.execute("select max(id) from articles").fetchone()[0]
        bare.execute("update articles set published_at = '2001-01-01' where id = ?", [MEETING])
    assert table_search(bare, "doan thanh nien") == [new_id]
    # newest first by publication date, whatever the ids: the re-dated article went last
    match = search.fts_query("thi dua")
    keys = [r[0] for r in bare.execute(
        "select rowid from articles_fts where articles_fts match ? order by rowid desc", [match])]
    assert [k & search.ID_MASK for k in keys] == [BLOC, MEETING]
    with bare:
        bare.execute("delete from articles where id = ?", [new_id])
    assert table_search(bare, "bong da") == []
    search.check_index(bare)
    bare.close()


def test_index_written_by_triggers_equals_a_fresh_build(tmp_path: Path) -> None:
    """A contentless index forgets a row only when handed the very values it indexed; a trigger
    that hands it others leaves stale tokens behind that no query error reveals. So: after
    inserts, edits of each indexed column, a re-dating and deletes, the index holds exactly
    what building it from scratch gives."""
    path = build_search_archive(tmp_path / "archive.db")
    bare = sqlite3.connect(path)
    with bare:
        bare.execute("insert into articles (url, title, body, captions, published_at) values "
                     "('http://x/1', 'Hội thao', 'Giải bóng đá', '[\"Đội bóng\"]', '2030-01-02')")
        bare.execute("update articles set title = 'Tổng kết', lead = 'Năm 2016' where id = ?",
                     [MEETING])
        bare.execute("update articles set author = 'Trần Thị Bình', captions = null where id = ?",
                     [BLOC])
        bare.execute("update articles set published_at = null where id = ?", [GREEN])
        bare.execute("delete from articles where id = ?", [SPORT])
    written = search.index_entries(bare)
    terms = {t for t, *_ in written}
    assert {"binh", "tong", "hoi", "bong"} <= terms
    # the replaced title and lead (đầu), author (Nhung) and the deleted article (tập) are gone
    assert not {"dau", "nhung", "tap"} & terms
    with bare:
        search.build_index(bare)
    assert search.index_entries(bare) == written
    bare.close()


def test_table_search_is_capped_to_the_newest_matches(conn: sqlite3.Connection) -> None:
    # BLOC (2023) is newer than MEETING (2016): a cap of one keeps BLOC, whatever their ids
    assert table_search(conn, "thi dua", cap=1) == [BLOC]
    assert table_search(conn, "thi dua", cap=2) == [MEETING, BLOC]
    assert search.window_floor(conn, search.fts_query("thi dua"), 3) is None


def _old_layout(path: Path) -> None:
    """An archive as the previous version left it: text copies in `articles_fts`, the
    accent-exact `articles_fts_exact`, no triggers."""
    conn = sqlite3.connect(path)
    with conn:
        search.drop_index(conn)
        conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, lead, body, author, "
                     "captions, title_folded, text_folded, tokenize = 'unicode61 "
                     "remove_diacritics 2')")
        conn.execute("CREATE VIRTUAL TABLE articles_fts_exact USING fts5(title, lead, body, "
                     "author, captions, content = 'articles_fts', tokenize = 'unicode61 "
                     "remove_diacritics 0')")
        conn.execute("INSERT INTO articles_fts (rowid, title, lead, body, author, captions) "
                     "SELECT id, title, lead, body, author, captions FROM articles")
    conn.close()


def test_old_archives_are_upgraded_in_place(tmp_path: Path) -> None:
    from archive import store

    path = build_search_archive(tmp_path / "archive.db")
    _old_layout(path)
    db = store.open_archive(path)   # what every command does first
    names = {r[0] for r in db.execute("select name from sqlite_master")}
    assert "articles_fts_exact" not in names and set(search.TRIGGERS) <= names
    assert search.index_is_current(db)
    assert table_search(db.conn, "thi dua") == [MEETING, BLOC]
    assert [r["id"] for r in ranked(db.conn, "thể")][:1] == [SPORT]
    # nothing but token lists: the text lives in articles only
    assert db.execute("select title, text from articles_fts where articles_fts match 'thi'"
                      ).fetchall() == [(None, None)] * 2
    assert search.indexed_count(db.conn) == len(SEARCH_ARTICLES)
    db.conn.close()


# what the previous version created: the same folded index with `title` as its first column
PREVIOUS_FTS = ("CREATE VIRTUAL TABLE [articles_fts] USING fts5(title, text, content='', "
                "tokenize='unicode61 remove_diacritics 2')")
PROBES = ["thi dua", "thi đua", "so ket", '"sơ kết"', '"ket so"', "dong chi Hiep", "thể", "the",
          "khoi", "quang canh", "Tuấn", nfd("Đảng ủy khối"), "Cum thi dua so 7"]


def _answers(conn: sqlite3.Connection) -> dict[str, object]:
    """What every probe query returns: table search rows, ranked ids with their tiers, snippets."""
    return {q: (table_search(conn, q), table_search(conn, q, cap=1),
                [(r["id"], r["exact_match"], r["phrase_match"], r["near_match"], r["score"],
                  r["snippet"]) for r in ranked(conn, q)]) for q in PROBES}


def _previous_layout(path: Path) -> None:
    """The index as the previous version built and kept it (title column first)."""
    conn = sqlite3.connect(path)
    with conn:
        search.drop_index(conn)
        conn.execute(PREVIOUS_FTS)
        conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT "
                     f"{search._values_sql('a')} FROM articles a ORDER BY 1")
        for sql in search.TRIGGERS.values():
            conn.execute(sql)
    conn.close()


def test_previous_column_order_is_upgraded_in_place_with_the_same_answers(tmp_path: Path) -> None:
    from archive import store

    path = build_search_archive(tmp_path / "archive.db")
    _previous_layout(path)
    conn = sqlite3.connect(path)
    assert not search.index_is_current(Database(conn))
    before = _answers(conn)
    conn.close()
    db = store.open_archive(path)   # what every command does first
    assert search.index_is_current(db)
    assert _answers(db.conn) == before
    search.check_index(db.conn)
    written = search.index_entries(db.conn)
    with db.conn:
        search.build_index(db.conn)
    assert search.index_entries(db.conn) == written
    db.conn.close()


def test_ensure_search_idempotent_and_backfills(tmp_path: Path) -> None:
    path = build_search_archive(tmp_path / "archive.db")
    db = Database(path)
    search.ensure_search(db)
    before = db.execute("select sql from sqlite_master where name = 'articles_fts'").fetchone()
    search.ensure_search(db)
    assert db.execute("select sql from sqlite_master where name = 'articles_fts'").fetchone() == before
    # an archive whose index was lost (or predates it) is indexed again on ensure
    search.drop_index(db.conn)
    search.ensure_search(db)
    assert table_search(db.conn, "thi dua") == [MEETING, BLOC]
    assert search.rebuild_search(db) == len(SEARCH_ARTICLES)
    assert table_search(db.conn, "thi dua") == [MEETING, BLOC]


def test_index_holds_folded_tokens_only(conn: sqlite3.Connection) -> None:
    conn.execute("create virtual table temp.terms using fts5vocab(main, 'articles_fts', 'row')")
    terms = {r[0] for r in conn.execute("select term from temp.terms")}
    # the NFD-typed bloc article and the NFC meeting report, folded alike, đ included
    assert {"dang", "uy", "khoi", "thi", "dua", "so", "ket", "hiep"} <= terms
    assert not {t for t in terms if t != search.fold_word(t)}, "unfolded tokens in the index"


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


def test_vi_snippet_marks_what_the_query_means() -> None:
    text = "Giải thể thao; the green office; Thể lệ"
    # typed with marks: that spelling only; typed without: every spelling, in the text's own
    assert search.vi_snippet(text, "thể") == "Giải «thể» thao; the green office; «Thể» lệ"
    assert search.vi_snippet(text, "the") == "Giải «thể» thao; «the» green office; «Thể» lệ"
    assert search.vi_snippet(text, "le") == "… green office; Thể «lệ»"  # 3 words of context
    assert search.vi_snippet("Cụm THI ĐUA số 7, thi đua", "thi dua") == (
        "Cụm «THI» «ĐUA» số 7, «thi» «đua»")
    assert search.vi_snippet(nfd("Đảng ủy khối"), "dang uy") == "«Đảng» «ủy» khối"
    # a text holding the words as a phrase: only the phrase is marked, not a name's «Thị»
    text = "Bà Lê Thị Ngọc, Trưởng Ban Thi đua tỉnh"
    assert search.vi_snippet(text, "thi dua") == "… Ngọc, Trưởng Ban «Thi» «đua» tỉnh"
    assert search.vi_snippet("Lê Thị Ngọc đua", "thi dua") == "Lê «Thị» Ngọc «đua»"
