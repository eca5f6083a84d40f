"""The archive's write path: idempotent upserts, raw page first, failures recorded."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from archive import rawstore, store
from archive.ingest import ingest_page
from archive.sources import Source

ARTICLE = {
    "url": "https://ldld.example.vn/tin/cum-thi-dua-so-7.html",
    "title": "Cụm thi đua số 7 tổ chức hội nghị sơ kết",
    "lead": None,
    "body": "Đoạn một.\n\nĐoạn hai.",
    "author": "Lê Văn A",
    "published_at": "2016-07-15T10:30:00+07:00",
    "images": [{"src": "a.jpg", "caption": "Toàn cảnh hội nghị"}],
    "captions": ["Toàn cảnh hội nghị"],
}


@pytest.fixture
def db(tmp_path):
    return store.open_archive(tmp_path / "archive.db")


def test_open_twice_is_safe(tmp_path):
    # migrations are re-runnable: a cron job opens the same file every night
    store.open_archive(tmp_path / "a.db")
    db = store.open_archive(tmp_path / "a.db")
    assert {"sources", "pages", "articles", "crawls", "failures", "meetings",
            "meeting_members", "meeting_attendees", "organisations"} <= set(db.table_names())
    assert db.journal_mode == "wal"


def test_new_archives_pack_rows_in_16k_pages_old_ones_keep_theirs(tmp_path):
    import sqlite3

    db = store.open_archive(tmp_path / "new.db")
    assert db.execute("PRAGMA page_size").fetchone()[0] == store.PAGE_SIZE == 16384
    # four 3 KB articles share one 16 KB page: none spills to an overflow page
    for i in range(4):
        store.upsert_article(db, {**ARTICLE, "url": f"{ARTICLE['url']}?{i}", "body": "Đoạn. " * 300},
                             source_id=None, page_id=None, extractor_version="v1")
    leaves = db.execute("SELECT count(*) FROM dbstat WHERE name = 'articles' AND "
                        "pagetype IN ('leaf', 'overflow')").fetchone()[0]
    assert leaves == 1
    db.conn.close()
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.execute("CREATE TABLE t (x)")   # an archive created with SQLite's default pages
    conn.commit()
    conn.close()
    assert store.open_archive(old).execute("PRAGMA page_size").fetchone()[0] == 4096


def test_upsert_is_idempotent_and_keeps_first_seen(db):
    outcome, aid = store.upsert_article(db, ARTICLE, source_id=None, page_id=None,
                                        extractor_version="v1", seen_at="2024-01-01T00:00:00+07:00")
    assert outcome == "new"
    outcome2, aid2 = store.upsert_article(db, ARTICLE, source_id=None, page_id=None,
                                          extractor_version="v1", seen_at="2024-02-01T00:00:00+07:00")
    assert (outcome2, aid2) == ("unchanged", aid)
    row = db["articles"].get(aid)
    assert row["first_seen_at"] == "2024-01-01T00:00:00+07:00"
    assert row["last_seen_at"] == "2024-02-01T00:00:00+07:00"
    assert row["year"] == 2016
    assert json.loads(row["captions"]) == ["Toàn cảnh hội nghị"]
    assert db["articles"].count == 1

    changed = {**ARTICLE, "body": "Đoạn một, sửa.\n\nĐoạn hai."}
    outcome3, _ = store.upsert_article(db, changed, source_id=None, page_id=None,
                                       extractor_version="v1", seen_at="2024-03-01T00:00:00+07:00")
    assert outcome3 == "updated"
    row = db["articles"].get(aid)
    assert row["body"].startswith("Đoạn một, sửa.")
    assert row["first_seen_at"] == "2024-01-01T00:00:00+07:00"


def test_syndicated_copy_is_linked_not_merged(db):
    _, first = store.upsert_article(db, ARTICLE, source_id=None, page_id=None,
                                    extractor_version="v1", fingerprint="sha1:x")
    copy = {**ARTICLE, "url": "https://baotinh.example.vn/copy.html"}
    _, second = store.upsert_article(db, copy, source_id=None, page_id=None,
                                     extractor_version="v1", fingerprint="sha1:x")
    assert db["articles"].get(second)["duplicate_of"] == first
    assert db["articles"].get(first)["duplicate_of"] is None


def test_page_is_saved_compressed_and_deduplicated(db):
    body = ("<html><body>" + "Thi đua khen thưởng " * 500 + "</body></html>").encode()
    pid, changed = store.save_page(db, url="https://x.vn/a.html", body=body, status=200,
                                   headers={"ETag": '"abc"'})
    assert changed
    row = db["pages"].get(pid)
    version = db["page_versions"].get(row["version_id"])
    assert rawstore.decompress(db, version["codec"], version["dict_id"], version["body"]) == body
    assert version["compressed_size"] < version["size"] / 5
    assert row["etag"] == '"abc"'
    pid2, changed2 = store.save_page(db, url="https://x.vn/a.html", body=body, status=200)
    assert (pid2, changed2) == (pid, False)
    assert db["pages"].count == 1
    assert db["page_versions"].count == 1


def test_extraction_failure_keeps_the_raw_page(db, tmp_path):
    # a page with no text: extraction yields nothing, but the raw page is kept and the
    # failure is counted, so `thidua reparse` can retry once the extractor improves
    src = Source(id="x", name="X", province="Thanh Hóa", platform="p", start_urls=("https://x.vn/",),
                 rules={"title": "h1.none", "body": "div.none"})
    store.save_source(db, src)
    result = ingest_page(db, url="https://x.vn/empty.html", body=b"<html><body></body></html>",
                         headers={"Content-Type": "text/html; charset=utf-8"}, source=src)
    assert result.outcome in ("failed", "not-article")
    assert db["pages"].count == 1
    assert db["articles"].count == 0
    [failure] = list(db["failures"].rows)
    assert failure["url"] == "https://x.vn/empty.html"
    assert failure["page_id"] == result.page_id


def test_meetings_replace_previous_extraction(db):
    _, aid = store.upsert_article(db, ARTICLE, source_id=None, page_id=None, extractor_version="v1")
    meeting = {"kind": "sơ kết", "cluster_name": "Cụm thi đua số 7", "meeting_date": "2016-07-10",
               "province": "Thanh Hóa", "members": ["Hội Nông dân", "Tỉnh đoàn"],
               "attendees": [{"name": "Nguyễn Văn A", "title": "Phó Chủ tịch"}]}
    store.upsert_meetings(db, aid, [meeting], extractor_version="v1")
    store.upsert_meetings(db, aid, [meeting], extractor_version="v1")
    assert db["meetings"].count == 1
    assert db["meeting_members"].count == 2
    assert db["meeting_attendees"].count == 1
    assert db["organisations"].count == 2
    assert db["articles"].get(aid)["has_meeting"] == 1
    assert db["meetings"].get(1)["year"] == 2016


def _story_pages() -> tuple[bytes, bytes]:
    text = "".join(f"<p>Đoạn {i}: Cụm thi đua số 5 sơ kết công tác thi đua 6 tháng, đánh giá kết quả "
                   "và thống nhất nhiệm vụ của các đơn vị thành viên trong thời gian tới.</p>" for i in range(8))
    head = "<html><head><title>Cụm thi đua số 5 sơ kết 6 tháng</title></head><body>"
    story = "<h1>Cụm thi đua số 5 sơ kết 6 tháng</h1><div class='date'>10/07/2024 09:00</div>" + text
    article = head + "<nav><a href='/'>Trang chủ</a></nav><article>" + story + "</article></body></html>"
    printed = head + story + "</body></html>"
    return article.encode(), printed.encode()


@pytest.mark.parametrize("print_first", [True, False])
def test_an_article_keeps_its_plain_address_whichever_copy_came_first(db, print_first):
    # A print view (or index.php?option=… form) fetched before the article must not leave its
    # address on the row: the order pages arrive in is the crawl's, not the site's.
    src = Source(id="x", name="LĐLĐ tỉnh X", province="Thanh Hóa", platform="generic",
                 start_urls=("https://x.vn/",), rules={})
    store.save_source(db, src)
    article, printed = _story_pages()
    plain = "https://x.vn/tin-tuc/cum-5-so-ket.html"
    pages = [(plain + "?tmpl=component&print=1&layout=default", printed), (plain, article)]
    for url, body in (pages if print_first else pages[::-1]):
        ingest_page(db, url=url, body=body, headers={"Content-Type": "text/html; charset=utf-8"}, source=src)
    assert [r["url"] for r in db["articles"].rows] == [plain]
    assert db["pages"].count == 2


def test_plainer_address_is_same_site_and_less_dressed():
    from archive.urls import plainer_address

    assert plainer_address("https://x.vn/tin/a.html", "https://x.vn/index.php?option=com_content&view=article&id=12")
    assert plainer_address("https://x.vn/tin/a.html", "https://x.vn/print/tin/a.html")
    assert not plainer_address("https://x.vn/tin/a.html?id=3", "https://x.vn/tin/a.html")
    assert not plainer_address("https://y.vn/tin/a.html", "https://x.vn/tin/a.html?p=1")


def test_a_process_that_exits_with_its_archive_open_leaves_it_whole(tmp_path: Path) -> None:
    """Commands open the archive and exit: every connection is closed at exit, so the WAL is
    folded back and `archive.db` copied alone holds every row written."""
    path = tmp_path / "archive.db"
    script = ("import sys; from archive import store\n"
              "db = store.open_archive(sys.argv[1])\n"
              "db.execute(\"insert into sources (id, name) values ('s', 'S')\")\n"
              "db.conn.commit()\n")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, cwd=ROOT,
                   env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert not Path(f"{path}-wal").exists()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("select name from sources").fetchall() == [("S",)]
    finally:
        conn.close()
