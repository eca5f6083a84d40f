"""The article text stored compressed (archive/textstore.py, migration m014, `thidua pack`): an
archive of the previous layout upgrades in place and stays plain (any SQLite client reads it);
packed, nothing is lost — every column, every index entry, every search answer — new articles
are written compressed, each source's dictionary trained once it has enough articles, and a
client without article_text() fails loudly, never silently."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from archive import ranking, rawcodec, schema, search, store, textstore

BEFORE = "m014_text_dicts"

# Text written for this test: a source's articles share their wording, as real ones do.
OPENINGS = ["Sáng {d}/{m}, Cụm thi đua số {n} tổ chức hội nghị sơ kết công tác thi đua",
            "Chiều {d}/{m}, Liên đoàn Lao động huyện Yên Định tổng kết phong trào thi đua",
            "Ngày {d}/{m}, Hội Nông dân xã Quảng Hòa ký kết giao ước thi đua năm {y}"]
MIDDLES = ["Các đơn vị thành viên đã vận động đoàn viên đóng góp {n} triệu đồng xây nhà tình nghĩa.",
           "Hội nghị đánh giá {n} mô hình hay, cách làm sáng tạo ở cơ sở trong năm {y}.",
           "Đồng chí Lê Văn Phúc, Phó Chủ tịch, phát biểu chỉ đạo và trao {n} bằng khen.",
           "Phong trào thi đua yêu nước được triển khai sâu rộng tới {n} chi hội, tổ hội."]
CLOSINGS = ["Hội nghị thống nhất chọn đơn vị Cụm trưởng năm {y1}.",
            "Dịp này, {n} tập thể và cá nhân được khen thưởng."]


def article_text(i: int) -> str:
    values = {"d": 1 + i % 28, "m": 1 + i % 12, "n": 3 + i % 17, "y": 2015 + i % 9,
              "y1": 2016 + i % 9}
    middle = [MIDDLES[(i + k) % len(MIDDLES)] for k in range(2 + i % 3)]
    return "\n\n".join(p.format(**values) for p in
                       [OPENINGS[i % 3] + ".", *middle, CLOSINGS[i % 2]])


# big: enough articles for a dictionary; small: too few; None: an article without a source
PLAN = [("nguon-lon", 60), ("nguon-nho", 5), (None, 3)]
QUERIES = ["thi dua", "so ket", "Cum thi dua so 7", '"giao ước"', "Phúc", "nha tinh nghia"]


def _previous_archive(path: Path) -> None:
    """An archive exactly as the version before m014 kept it: the text plain, its triggers."""
    db = store.open_archive(path, migrate=False)
    schema.migrations.apply(db, stop_before=BEFORE)
    for source_id, _ in PLAN:
        if source_id:
            db["sources"].insert({"id": source_id, "name": source_id})
    rows = []
    for i, source_id in enumerate(s for s, n in PLAN for _ in range(n)):
        rows.append({"url": f"https://x.example/{i}.html", "source_id": source_id,
                     "title": f"Bài {i}: thi đua năm {2015 + i % 9}", "lead": f"Tóm tắt {i}.",
                     "body": article_text(i), "author": "PV", "captions": '["Quang cảnh"]',
                     "published_at": f"{2015 + i % 9}-0{1 + i % 9}-1{i % 10}",
                     "duplicate_of": None})
    rows.append({**rows[1], "url": "https://y.example/copy.html", "duplicate_of": 2})
    rows.append({**rows[2], "url": "https://y.example/empty.html", "body": None})
    rows.append({**rows[3], "url": "https://y.example/short.html", "body": "Ngắn."})
    db["articles"].insert_all(rows)
    with store.transaction(db):   # the previous version's index and triggers
        conn = db.conn
        conn.execute(search._CREATE_FTS)
        conn.execute(f"INSERT INTO articles_fts (rowid, title, text) SELECT "
                     f"{search._values_sql('a')} FROM articles a ORDER BY 1")
        for sql in search.TRIGGERS.values():
            conn.execute(sql)
    db.conn.close()


def _answers(conn: sqlite3.Connection) -> dict[str, object]:
    """Every query's ranked hits with their tiers, scores and snippets, and the table search."""
    return {q: ([(h.id, h.exact_match, h.phrase_match, h.near_match, h.score, h.snippet)
                 for h in ranking.ranked_search(conn, q, 20).hits],
                [r[0] & search.ID_MASK for r in conn.execute(
                    "select rowid from articles_fts where articles_fts match ? "
                    "order by rowid desc", [search.fts_query(q)])]) for q in QUERIES}


ARTICLE_COLUMNS = ("id, url, source_id, title, lead, body, author, published_at, captions, "
                   "duplicate_of")


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    _previous_archive(path)
    return path


def test_a_previous_archive_migrates_in_place_and_nothing_is_lost(previous: Path) -> None:
    conn = sqlite3.connect(previous)
    before_rows = conn.execute(f"select {ARTICLE_COLUMNS} from articles order by id").fetchall()
    before_all = conn.execute("select * from articles order by id").fetchall()
    before_entries = search.index_entries(conn)
    before_answers = _answers(conn)
    before_size = sum(len((r[5] or "").encode()) for r in before_rows)
    conn.close()

    db = store.open_archive(previous)   # what every command does first: m014, still plain
    assert BEFORE in {m.name for m in schema.migrations.applied(db)}
    assert search.index_is_current(db) and not textstore.is_packed(db.conn)
    db.conn.close()
    bare = sqlite3.connect(previous)   # a client with nothing of ours reads it as before
    assert bare.execute("select * from articles order by id").fetchall() == before_all
    bare.close()

    db = store.open_archive(previous)
    counts = textstore.pack(db)
    assert counts == {"rows": len(before_rows), "dictionaries": 1}
    conn = db.conn
    assert textstore.is_packed(conn)
    assert conn.execute(f"select {ARTICLE_COLUMNS} from articles order by id").fetchall() \
        == before_rows
    # the index was kept, not rebuilt, and is what a fresh build gives
    assert search.index_is_current(db)
    assert search.index_entries(conn) == before_entries
    search.check_index(conn)
    assert _answers(conn) == before_answers
    # stored compressed: the big source with its dictionary, short text plain, NULL stays NULL
    dicts = dict(conn.execute("select source_id, id from text_dicts"))
    assert list(dicts) == ["nguon-lon"]
    stored = conn.execute("select source_id, body_z from articles where body_z is not null")
    for source_id, value in stored:
        if isinstance(value, bytes):
            assert rawcodec.frame_dict_id(value) == dicts.get(source_id, 0)
        else:
            assert len(value.encode()) < textstore.PLAIN_BELOW
    after_size = conn.execute("select sum(length(body_z)) from articles").fetchone()[0]
    assert after_size < before_size / 2
    assert conn.execute("select body_z, body from articles where url like '%empty.html'"
                        ).fetchone() == (None, None)
    # the view Datasette shows, the schema's health, and a second open does nothing
    assert conn.execute("select count(*) from stories where body like '%thi đua%'").fetchone()[0]
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    db.conn.close()
    again = store.open_archive(previous)   # packing again: nothing due
    assert textstore.pack(again) == {"rows": 0, "dictionaries": 0}
    assert again.execute(f"select {ARTICLE_COLUMNS} from articles order by id").fetchall() \
        == before_rows
    again.conn.close()


@pytest.fixture
def packed(previous: Path) -> Path:
    db = store.open_archive(previous)
    textstore.pack(db)
    db.conn.close()
    return previous


def test_a_bare_client_fails_loudly_on_a_packed_archive(packed: Path) -> None:
    """Without article_text() the text cannot be read nor an article written (the triggers read
    the text): an error, never a stale index. Every other column stays readable."""
    bare = sqlite3.connect(packed)
    assert bare.execute("select title from articles where id = 1").fetchone()
    for sql in ("select body from articles", "select * from articles",
                "delete from articles where id = 1",
                "insert into articles (url, title, body_z) values ('http://x/n', 'T', 'B')"):
        with pytest.raises(sqlite3.OperationalError, match="article_text"):
            bare.execute(sql)
    bare.close()


def test_a_client_with_article_text_keeps_the_index_in_step(packed: Path) -> None:
    """The triggers are SQL: a sqlite3 connection with article_text() registered and nothing
    else of ours inserts (plain text is a stored form), edits and deletes; the index then holds
    exactly what a fresh build gives."""
    conn = sqlite3.connect(packed)
    textstore.register(conn)
    with conn:
        conn.execute("insert into articles (url, title, body_z, published_at) values "
                     "('http://x/n', 'Hội thao', 'Giải bóng đá thanh niên', '2030-01-02')")
        conn.execute("update articles set body_z = 'Đại hội thể dục' where id = 4")
        conn.execute("delete from articles where id = 6")
    assert [h.id for h in ranking.ranked_search(conn, "bong da", 20).hits] == [
        conn.execute("select max(id) from articles").fetchone()[0]]
    written = search.index_entries(conn)
    assert {"bong", "duc"} <= {t for t, *_ in written}
    with conn:
        search.build_index(conn)
    assert search.index_entries(conn) == written
    conn.close()


def test_the_store_writes_a_packed_archive_and_the_search_follows(packed: Path) -> None:
    db = store.open_archive(packed)
    url = db.execute("select url from articles where id = 5").fetchone()[0]
    outcome, article_id = store.upsert_article(
        db, {"url": url, "title": "Bài đã sửa", "body": "Đại hội thể dục thể thao cấp xã. " * 4},
        source_id="nguon-lon", page_id=None, extractor_version="test")
    assert (outcome, article_id) == ("updated", 5)
    assert [h.id for h in ranking.ranked_search(db.conn, "the duc the thao", 20).hits] == [5]
    assert 5 not in [h.id for h in ranking.ranked_search(db.conn, "nha tinh nghia", 50).hits]
    entries = search.index_entries(db.conn)
    with store.transaction(db):
        search.build_index(db.conn)
    assert search.index_entries(db.conn) == entries
    db.conn.close()


def test_new_articles_are_compressed_and_a_source_gets_its_dictionary(tmp_path: Path) -> None:
    db = store.open_archive(tmp_path / "archive.db")
    textstore.pack(db)   # an empty archive, packed from the start
    db["sources"].insert({"id": "nguon-moi", "name": "Nguồn mới"})
    n = textstore.DICT_MIN_ARTICLES + 5
    texts = [article_text(i) for i in range(n)]
    for i, text in enumerate(texts):
        store.upsert_article(db, {"url": f"https://z.example/{i}", "title": f"Bài {i}",
                                  "body": text}, source_id="nguon-moi", page_id=None,
                             extractor_version="test")
    [(dict_id, samples)] = db.execute("select id, samples from text_dicts").fetchall()
    assert samples == textstore.DICT_MIN_ARTICLES
    # the articles stored before it were recompressed with it
    assert {rawcodec.frame_dict_id(v) for (v,) in db.execute("select body_z from articles")} \
        == {dict_id}
    assert [r[0] for r in db.execute("select body from articles order by id")] == texts
    db.conn.close()


def test_stored_forms_round_trip_and_fail_loudly() -> None:
    plain = rawcodec.compressor(None, textstore.TEXT_LEVEL)
    for text in (None, "", "Ngắn.", "Thi đua yêu nước. " * 40, "ĐẮK LẮK\u0301 " * 30):
        stored = textstore.compress(text, plain)
        assert textstore.decompress(stored, lambda _id: rawcodec.decompressor(None)) == text
    assert isinstance(textstore.compress("Thi đua yêu nước. " * 40, plain), bytes)
    conn = sqlite3.connect(":memory:")
    textstore.register(conn)
    conn.execute("create table text_dicts (id integer primary key, body blob)")
    sample = [article_text(i).encode() for i in range(60)]
    dictionary = textstore.zstandard.train_dictionary(4096, sample, dict_id=7).as_bytes()
    blob = rawcodec.compressor(dictionary, textstore.TEXT_LEVEL).compress(sample[0])
    with pytest.raises(sqlite3.OperationalError):   # its dictionary is not in the archive
        conn.execute("select article_text(?)", [blob]).fetchone()
    conn.execute("insert into text_dicts values (7, ?)", [dictionary])
    assert conn.execute("select article_text(?)", [blob]).fetchone()[0] == article_text(0)
    assert Database(conn).execute("select article_text('plain')").fetchone()[0] == "plain"


def test_thidua_pack_packs_in_place_and_vacuums(previous: Path) -> None:
    from click.testing import CliRunner

    from archive.cli import cli

    result = CliRunner().invoke(cli, ["pack", "--vacuum", "--db", str(previous)])
    assert result.exit_code == 0, result.output
    assert '"dictionaries": 1' in result.output
    conn = sqlite3.connect(previous)
    textstore.register(conn)
    assert conn.execute("pragma freelist_count").fetchone()[0] == 0
    assert conn.execute("select count(*) from articles where body like '%thi đua%'").fetchone()[0]
    conn.close()


def test_thidua_pack_waits_for_no_crawl(previous: Path) -> None:
    from click.testing import CliRunner

    from archive.cli import EXIT_LOCKED, cli
    from archive.lock import CrawlLock

    lock = CrawlLock(str(previous)).acquire()
    try:
        result = CliRunner().invoke(cli, ["pack", "--db", str(previous)])
    finally:
        lock.release()
    assert result.exit_code == EXIT_LOCKED
    assert not textstore.is_packed(sqlite3.connect(previous))


def test_reparse_of_a_packed_archive_changes_nothing(tmp_path: Path) -> None:
    """The demo archive as an old version built it, upgraded, packed, then re-extracted from
    its raw pages: every article as it was, its text compressed, and the Datasette row page's
    data (archive/pages.py) reads it."""
    import gzip

    from archive import pages
    from archive.cli import _demo_sources_for_reparse
    from archive.ingest import reparse

    path = tmp_path / "old.db"
    old = Path(__file__).parent / "fixtures" / "archives" / "main-a73dd50.db.gz"
    path.write_bytes(gzip.decompress(old.read_bytes()))
    db = store.open_archive(path)
    before = db.execute(f"select {ARTICLE_COLUMNS} from articles order by id").fetchall()
    textstore.pack(db)
    sources: dict = {}
    _demo_sources_for_reparse(sources)
    report = reparse(db, sources)
    assert set(report["outcomes"]) <= {"unchanged", "not-article"}, report["outcomes"]
    assert db.execute(f"select {ARTICLE_COLUMNS} from articles order by id").fetchall() == before
    assert db.execute("select count(*) from articles where typeof(body_z) = 'blob'"
                      ).fetchone()[0] > len(before) / 2
    page = pages.article_page(db.conn, before[0][0])
    assert page and page["article"]["body"] == before[0][5]
    assert "\n\n".join(page["paragraphs"]) == before[0][5].strip()
    db.conn.close()


def test_datasette_shows_a_packed_archives_text(packed: Path) -> None:
    """The articles table (HTML, JSON, CSV, its search box), the stories view and the article
    page of a packed archive show the text itself, through the plugin's article_text()."""
    import asyncio
    import csv
    import io
    import json

    from datasette.app import Datasette

    root = Path(__file__).parent.parent
    meta = json.loads((root / "datasette_metadata.json").read_text(encoding="utf-8"))

    async def fetch(*paths: str) -> list[tuple[int, str]]:
        ds = Datasette([str(packed)], immutables=[], metadata=meta,
                       plugins_dir=str(root / "plugins"),
                       template_dir=str(root / "archive" / "templates"))
        return [((r := await ds.client.get(p)).status_code, r.text) for p in paths]

    text = article_text(0)
    (s1, rows), (s2, table), (s3, html), (s4, stories), (s5, page) = asyncio.run(fetch(
        "/archive/articles.json?_shape=objects&id=1", "/archive/articles.csv?id=1",
        "/archive/articles?_search=giao+uoc", "/archive/stories.json?_shape=objects&id=1",
        "/archive/articles/1"))
    assert (s1, s2, s3, s4, s5) == (200,) * 5
    assert json.loads(rows)["rows"][0]["body"] == text
    assert next(csv.DictReader(io.StringIO(table)))["body"] == text
    assert json.loads(stories)["rows"][0]["body"] == text
    assert "giao ước" in html and "bytes, zstd" in html
    assert text.split("\n\n")[0] in page


def test_an_unchanged_article_is_not_compressed_again(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-ingesting a page whose article did not change writes only its last_seen_at: its text
    is not compressed for a write that never happens (the usual case of a re-crawl)."""
    db = store.open_archive(tmp_path / "archive.db")
    textstore.pack(db)
    db["sources"].insert({"id": "nguon-moi", "name": "Nguồn mới"})
    record = {"url": "https://z.example/1", "title": "Bài 1", "body": article_text(1)}
    calls: list[object] = []
    real = textstore.compress
    monkeypatch.setattr(textstore, "compress", lambda *a: calls.append(a) or real(*a))
    first = store.upsert_article(db, record, source_id="nguon-moi", page_id=None,
                                 extractor_version="test")
    assert first[0] == "new" and len(calls) == 1
    again = store.upsert_article(db, record, source_id="nguon-moi", page_id=None,
                                 extractor_version="test")
    assert again == ("unchanged", first[1]) and len(calls) == 1
    assert db.execute("select body from articles").fetchone()[0] == article_text(1)
    db.conn.close()
