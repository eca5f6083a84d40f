"""Page versions and never-worse updates (issue 12, Deliver 2).

A site that answers a re-fetch with a 200 error page or a cut-off body used to overwrite the
archived article (a 42-character body), delete its meetings and overwrite the good raw page in
place. Now every distinct body is a version of its own, and an article follows a new version
only when the extraction is at least as complete; anything else is `suspect`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive import completeness, rawstore, search, store
from archive.ingest import ingest_page, reparse
from archive.sources import Source
from archive.warc import export_warc
from demo import render
from demo.server import ERROR_PAGE_BODY

FIXTURES = Path(__file__).parent / "fixtures" / "html"
GOOD = (FIXTURES / "generic-gov-portal-seed-shape.html").read_bytes()
URL = "https://portal.example.vn/tin/cum-thi-dua-so-3.html"
ERROR_PAGE = render._ldld_shell("Lỗi hệ thống", ERROR_PAGE_BODY, "/ldld").encode()
# the same article page, edited: one more sentence in its body
EDITED = GOOD.replace("6 tháng đầu năm 2017.</p>".encode(),
                      "6 tháng đầu năm 2017. Bài viết được cập nhật.</p>".encode(), 1)


@pytest.fixture
def db(tmp_path):
    return store.open_archive(tmp_path / "archive.db")


def snapshot(db) -> dict:
    """Everything a bad re-fetch must leave alone: the article row and its meeting rows."""
    conn = db.conn
    conn.row_factory = sqlite3.Row
    try:
        return {
            "articles": [dict(r) for r in conn.execute("select * from articles")],
            "meetings": [dict(r) for r in conn.execute("select * from meetings")],
            "members": [dict(r) for r in conn.execute("select * from meeting_members")],
            "attendees": [dict(r) for r in conn.execute("select * from meeting_attendees")],
            "fts": [tuple(r) for r in search.index_entries(conn)],
        }
    finally:
        conn.row_factory = None


def bodies(db) -> list[bytes]:
    return [v.body for v in rawstore.iter_versions(db, "all")]


def test_first_fetch_stores_one_version(db):
    result = ingest_page(db, url=URL, body=GOOD, headers={"ETag": '"v1"'})
    assert result.outcome == "new" and result.meetings >= 1
    [page] = db["pages"].rows
    [version] = db["page_versions"].rows
    assert page["version_id"] == version["id"] and page["etag"] == '"v1"'
    assert version["sha256"] == hashlib.sha256(GOOD).hexdigest()
    assert db["articles"].get(result.article_id)["version_id"] == version["id"]
    # the same bytes again: no new version, nothing changes but the fetch time
    again = ingest_page(db, url=URL, body=GOOD, headers={"ETag": '"v1"'},
                        fetched_at="2030-01-01T00:00:00+00:00")
    assert again.outcome == "unchanged"
    assert db["page_versions"].count == 1
    assert db["pages"].get(page["id"])["fetched_at"] == "2030-01-01T00:00:00+00:00"


@pytest.mark.parametrize("bad, why", [
    (ERROR_PAGE, "a 200 'Lỗi hệ thống' page in the site's frame"),
    (GOOD[: len(GOOD) * 2 // 5], "the first 40 % of the page"),
    (GOOD[: len(GOOD) * 7 // 10], "the first 70 %: title and date kept, half the body gone"),
    ("<html><head><title>404 - Page not found</title></head><body><p>Trang bạn yêu cầu "
     "không tồn tại.</p></body></html>".encode(), "a not-found page"),
])
def test_a_worse_refetch_changes_nothing_and_keeps_both_versions(db, bad, why):
    ingest_page(db, url=URL, body=GOOD, headers={})
    before = snapshot(db)
    assert before["meetings"], "the good page must report a meeting for this test to mean much"
    result = ingest_page(db, url=URL, body=bad, headers={})
    assert result.outcome == "suspect", why
    assert snapshot(db) == before, why
    assert bodies(db) == [GOOD, bad]  # no raw version lost, the bad one kept for a look
    [failure] = [f for f in db["failures"].rows if f["stage"] == "suspect"]
    assert failure["page_id"] == result.page_id and "raw version" in failure["message"]
    # the page row says what the last fetch returned; the article still points at the good body
    page = db["pages"].get(result.page_id)
    article = before["articles"][0]
    assert page["sha256"] == hashlib.sha256(bad).hexdigest()
    assert page["version_id"] != article["version_id"]


def test_a_real_edit_updates_the_article_and_keeps_the_old_version(db):
    assert EDITED != GOOD
    first = ingest_page(db, url=URL, body=GOOD, headers={})
    result = ingest_page(db, url=URL, body=EDITED, headers={})
    assert result.outcome == "updated"
    assert "Bài viết được cập nhật." in db["articles"].get(first.article_id)["body"]
    assert bodies(db) == [GOOD, EDITED]
    assert db["meetings"].count >= 1


def test_reparse_and_warc_can_use_any_version(db, tmp_path):
    first = ingest_page(db, url=URL, body=GOOD, headers={})
    ingest_page(db, url=URL, body=ERROR_PAGE, headers={})
    before = snapshot(db)
    good_id, bad_id = [v.version_id for v in rawstore.iter_versions(db, "all")]
    # current = the body the article came from: nothing to change, nothing suspect
    assert reparse(db, {})["outcomes"] == {"unchanged": 1}
    # latest = the error page: refused again, the article stays
    assert reparse(db, {}, version="latest")["outcomes"] == {"suspect": 1}
    assert reparse(db, {}, version="all")["outcomes"] == {"unchanged": 1, "suspect": 1}
    assert reparse(db, {}, version=good_id)["outcomes"] == {"unchanged": 1}
    assert snapshot(db) == before
    assert db["articles"].get(first.article_id)["version_id"] == good_id

    for version, expected in (("latest", [ERROR_PAGE]), ("current", [GOOD]),
                              ("all", [GOOD, ERROR_PAGE]), (bad_id, [ERROR_PAGE])):
        out = tmp_path / f"{version}.warc.gz"
        counts = export_warc(db, out, version=version)
        with open(out, "rb") as fh:
            payloads = [r.content_stream().read() for r in ArchiveIterator(fh)
                        if r.rec_type == "response"]
        assert payloads == expected and counts["records"] == len(expected), version


def test_version_option_is_validated():
    assert rawstore.parse_version("ALL") == "all"
    assert rawstore.parse_version("17") == 17
    for bad in ("newest", "0", "-3", ""):
        with pytest.raises(ValueError):
            rawstore.parse_version(bad)


@pytest.mark.parametrize("title, body, expected", [
    ("Lỗi hệ thống", "Vui lòng quay lại sau.", "loi he thong"),
    ("404 - Page not found | Báo Thanh Hóa", "", "page not found"),
    ("Lỗi 404", "", "loi 404"),
    ("Báo Đắk Lắk", "Xin lỗi, trang bạn yêu cầu không tồn tại.", "trang ban yeu cau khong ton tai"),
    ("Trang web đang bảo trì", "", "trang web dang bao tri"),
    # an article about errors, maintenance or a decision numbered 404 is no error page
    ("Quyết định 404/QĐ-UBND về khen thưởng", "Nội dung quyết định. " * 60, None),
    ("Khắc phục lỗi hệ thống điện ở xã", "Ngành điện đã khắc phục sự cố. " * 40, None),
    ("Cụm thi đua số 3 sơ kết", "Hội nghị diễn ra sáng 14/7.", None),
])
def test_error_signatures(title, body, expected):
    assert completeness.error_signature(title, body) == expected


def test_judge_rules():
    old = {"title": "T", "published_at": "2016-07-15", "body": "x" * 1000}
    assert completeness.judge(old, {**old}) is None
    assert completeness.judge(old, {**old, "body": "x" * 600}) is None  # an edit, within reason
    assert "shrank" in completeness.judge(old, {**old, "body": "x" * 400})
    assert "date" in completeness.judge(old, {**old, "published_at": None})
    assert "title" in completeness.judge(old, {**old, "title": ""})
    assert "cut off" in completeness.judge(old, {**old, "body": "x" * 900}, truncated=True)
    assert completeness.judge(old, {**old, "body": "x" * 1200}, truncated=True) is None
    assert completeness.judge(None, {"title": "Lỗi hệ thống", "body": "Thử lại sau."})


# --- an archive built by the code before page versions ------------------------------------

OLD_ARCHIVE = Path(__file__).parent / "fixtures" / "archives" / "main-a73dd50.db.gz"


@pytest.fixture
def old_archive(tmp_path) -> Path:
    """The demo archive exactly as `thidua demo` on main at a73dd50 built it (bodies in
    `pages`, zlib), unpacked to a fresh file."""
    import gzip

    path = tmp_path / "old.db"
    path.write_bytes(gzip.decompress(OLD_ARCHIVE.read_bytes()))
    return path


def test_an_old_archive_migrates_in_place(old_archive, tmp_path):
    conn = sqlite3.connect(old_archive)
    old_pages = {url: (sha, size) for url, sha, size in
                 conn.execute("select url, sha256, size from pages")}
    old_articles = conn.execute("select id, url, title, body, page_id from articles "
                                "order by id").fetchall()
    old_meetings = conn.execute("select count(*) from meetings").fetchone()[0]
    assert "body" in [r[1] for r in conn.execute("pragma table_info(pages)")]
    conn.close()

    db = store.open_archive(old_archive)
    assert "body" not in db["pages"].columns_dict
    versions = list(rawstore.iter_versions(db, "all"))
    assert len(versions) == len(old_pages) == db["pages"].count
    for v in versions:  # every body readable and byte-identical to what was fetched
        assert (hashlib.sha256(v.body).hexdigest(), len(v.body)) == old_pages[v.url]
    assert db.execute("select id, url, title, body, page_id from articles "
                      "order by id").fetchall() == old_articles
    assert db.execute("select count(*) from articles where version_id is null").fetchone()[0] == 0
    assert db["meetings"].count == old_meetings
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("pragma foreign_key_check").fetchall() == []
    # and the migrated archive works: a reparse from its raw pages changes nothing
    from archive.cli import _demo_sources_for_reparse

    sources: dict = {}
    _demo_sources_for_reparse(sources)
    report = reparse(db, sources)
    assert report["pages"] == len(old_pages)
    assert set(report["outcomes"]) <= {"unchanged", "updated", "not-article", "failed"}
    counts = export_warc(db, tmp_path / "old.warc.gz")
    assert counts["records"] == len(old_pages)
    # the raw_page canned query reads the migrated bodies
    meta = json.loads((Path(__file__).parent.parent / "datasette_metadata.json").read_text())
    sql = meta["databases"]["archive"]["queries"]["raw_page"]["sql"]
    from archive.search import register_sql_functions

    register_sql_functions(db.conn)
    html = db.execute(sql, {"article_id": str(old_articles[0][0])}).fetchone()[-1]
    assert html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:200].lower()


# ---- a second address of an article (its print view) never erases what the page gave --------

_HEADLINE = "Cụm thi đua số 4 sơ kết quý I năm 2024"
_TEXT = ("<p>Sáng 3/4, tại trụ sở Hội Cựu chiến binh huyện Đông Sơn, Cụm thi đua số 4 tổ chức hội nghị sơ kết "
         "quý I năm 2024 với sự tham dự của đại diện năm đơn vị thành viên.</p><p>Trong quý, các đơn vị đã vận "
         "động hội viên đóng góp hơn 120 triệu đồng xây dựng nhà tình nghĩa và tổ chức 14 buổi tuyên truyền "
         "pháp luật ở cơ sở.</p><p>Hội nghị thống nhất chọn Hội Cựu chiến binh huyện Nông Cống làm đơn vị "
         "Cụm trưởng quý II, tổ chức hội nghị tiếp theo vào cuối tháng 6.</p><p>Ông Lê Văn Hải, Phó Chủ tịch "
         "Hội Cựu chiến binh tỉnh dự hội nghị.</p>")
_FULL = f"""<html><head><meta charset="utf-8"><title>{_HEADLINE}</title></head><body>
<nav class="menu"><a href="/">Trang chủ</a></nav><article><h1>{_HEADLINE}</h1>
<p class="meta"><time datetime="2024-04-04">04.04.2024</time> <span class="author">Tác giả: Đoàn Thị Mai Hương</span></p>
<div class="content">{_TEXT}</div></article><footer>Hội Cựu chiến binh tỉnh</footer></body></html>""".encode()
# the print view: the same headline and text, the date and writer run together above it
_PRINT = f"""<html><head><meta charset="utf-8"><title>{_HEADLINE}</title></head>
<body onload="window.print()"><div class="print"><p>Hội Cựu chiến binh tỉnh Thanh Hóa</p><h3>{_HEADLINE}</h3><p>04.04.2024 - Đoàn Thị Mai Hương</p>
{_TEXT}</div></body></html>""".encode()
_SRC = Source(id="vd-ccb", name="Hội CCB", province="Thanh Hóa", platform="generic",
              start_urls=("https://ccb.example.vn/",), rules={})
_PAGE_URL = "https://ccb.example.vn/tin-tuc/cum-thi-dua-so-4"


@pytest.mark.parametrize("order", ["page first", "print view first"])
def test_the_fuller_copy_of_an_article_keeps_its_row(db, order):
    copies = [(_PAGE_URL, _FULL), (_PAGE_URL + "?type=98", _PRINT)]
    store.save_source(db, _SRC)
    for url, body in copies if order == "page first" else copies[::-1]:
        ingest_page(db, url=url, body=body, headers={"Content-Type": "text/html; charset=utf-8"}, source=_SRC)
    [row] = list(db["articles"].rows)  # one site, one text, one article
    assert row["author"] == "Đoàn Thị Mai Hương"
    assert row["published_at"] == "2024-04-04"
    assert db["pages"].count == 2  # both copies stay as raw pages


# the page template prints the CMS account that posted it as the text box's last line ("Người đăng: admin");
# the print view, at a path of its own (no parameter says "print"), has no such line, and the
# article no writer line: the account line is furniture, so both copies have one text
_POSTED = f"""<html><head><meta charset="utf-8"><title>{_HEADLINE}</title></head><body>
<nav class="menu"><a href="/">Trang chủ</a></nav><div class="detail"><h2 class="detail-title">{_HEADLINE}</h2>
<div class="detail-date">Cập nhật: 04/04/2024 08:30 | Lượt xem: 310</div>
<div class="detail-content">{_TEXT}<p>Người đăng: {{account}}</p></div></div>
<footer>Hội Cựu chiến binh tỉnh</footer></body></html>"""
_PRINTED = f"""<html><head><meta charset="utf-8"><title>{_HEADLINE}</title></head>
<body onload="window.print()"><div class="print"><b>HỘI CỰU CHIẾN BINH TỈNH THANH HÓA</b><h2>{_HEADLINE}</h2>
<i>04/04/2024 08:30</i>{_TEXT}</div></body></html>""".encode()


@pytest.mark.parametrize("account", ["admin", "ccb_bientap", "quantri/admin"])
@pytest.mark.parametrize("order", ["page first", "print view first"])
def test_a_print_view_without_the_posting_account_line_is_the_same_article(db, order, account):
    copies = [("https://ccb.example.vn/Tin/ChiTiet/418", _POSTED.format(account=account).encode()),
              ("https://ccb.example.vn/Tin/InBai/418", _PRINTED)]
    store.save_source(db, _SRC)
    for url, body in copies if order == "page first" else copies[::-1]:
        ingest_page(db, url=url, body=body, headers={"Content-Type": "text/html; charset=utf-8"}, source=_SRC)
    [row] = list(db["articles"].rows)
    assert "Người đăng" not in row["body"] and row["author"] is None
    assert row["body"].rstrip().endswith("dự hội nghị.")
