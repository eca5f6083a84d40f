"""Relative links mean what a browser makes of them: resolved against the page's document base
URL (HTML: the first `<base href>`, resolved against the page's address), not against the
page's own address. CMSs that print `<base href="…/">` on every page and write every link
relative to it (MODX, Silverstripe's `<% base_tag %>`, many PHP portals) otherwise send the
crawler to `/tin-tuc/tin-tuc/…` (404s) and never to a listing's page 2.

Every resolver of the project is checked on invented pages (archive.urls.document_base and its
users: the spider's links and feeds, pagination, "Xem thêm" endpoints, `sources add`, the page
classifier's teaser links, menus, the canonical link, image addresses), then one real crawl of a
small site of this file's own (a Hội Cựu chiến binh portal under /cms/ with `<base href="/cms/">`)
must archive every story, the ones only page 2 lists included, with no 404 on the way.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from localsite import respond
from lxml import html as lxml_html

from archive.extract import extract_article
from archive.livecheck import _link_urls
from archive.menus import link_places
from archive.newsource import page_routes, read_page
from archive.pagekind import page_features
from archive.pagination import load_more, next_page
from archive.urls import canonical_url, document_base, document_base_of_html
from crawler.discovery import endpoint_links, feed_links
from crawler.sitestate import absolute_links

ROOT = Path(__file__).resolve().parent.parent
PAGE = "http://hoiccb.example/cms/tin-hoat-dong/2024/bai-mot.html"


def tree(body: str, head: str = '<base href="/cms/">'):
    return lxml_html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


# -- the rule -------------------------------------------------------------------------------

@pytest.mark.parametrize("head, want", [
    ('<base href="/cms/">', "http://hoiccb.example/cms/"),
    ('<base href="http://hoiccb.example/cms/">', "http://hoiccb.example/cms/"),
    ('<base href="../../">', "http://hoiccb.example/cms/"),
    ('<base target="_blank"><base href="/cms/"><base href="/khac/">', "http://hoiccb.example/cms/"),  # first with href
    ('<base href="  /cms/\n">', "http://hoiccb.example/cms/"),
    ('<base href="">', PAGE),                          # empty: the page's own address
    ('<base href="javascript:void(0)">', PAGE),        # not an http(s) address
    ('<base target="_self">', PAGE),
    ("", PAGE),
])
def test_the_document_base_is_the_first_base_href_resolved_against_the_page(head, want):
    root = tree("<p>x</p>", head)
    assert document_base(root, PAGE) == want
    assert document_base(root.find(".//p"), PAGE) == want  # any element of the page will do
    assert document_base_of_html(f"<html><head>{head}</head><body></body></html>", PAGE) == want


# -- every resolver follows it --------------------------------------------------------------

def test_the_spiders_links_and_feeds_resolve_against_the_base():
    root = tree('<a href="tin-hoat-dong/2024/bai-hai.html">Bài hai</a><a href="./">Trang chủ</a>'
                '<a href="#top">Lên đầu</a><a href="tin-hoat-dong/rss/">RSS</a>',
                '<base href="/cms/"><link rel="alternate" type="application/rss+xml" href="rss/moi.xml">')
    assert absolute_links(root, PAGE)[:2] == ["http://hoiccb.example/cms/tin-hoat-dong/2024/bai-hai.html",
                                              "http://hoiccb.example/cms/"]
    assert feed_links(root, PAGE) == ["http://hoiccb.example/cms/rss/moi.xml", "http://hoiccb.example/cms/tin-hoat-dong/rss/"]


def test_a_listings_next_page_and_load_more_resolve_against_the_base():
    listing = "http://hoiccb.example/cms/tin-hoat-dong/"
    pager = ('<ul class="pagination"><li><span>1</span></li><li><a href="tin-hoat-dong/?trang=2">2</a></li>'
             '<li><a href="tin-hoat-dong/?trang=3">3</a></li><li><a href="tin-hoat-dong/?trang=2">Trang sau</a></li></ul>')
    found = next_page(tree(pager), listing)
    assert found is not None and found.url == "http://hoiccb.example/cms/tin-hoat-dong/?trang=2"
    more = tree('<a class="load-more" data-url="?ajax=tin&amp;trang=2" href="#">Xem thêm</a>')
    assert load_more(more, listing) == "http://hoiccb.example/cms/?ajax=tin&trang=2"


def test_a_load_more_answer_resolves_against_the_listing_pages_base():
    from scrapy.http import HtmlResponse, Request
    answer = HtmlResponse("http://hoiccb.example/cms/ajax/tin.php?trang=2", request=Request(
        "http://hoiccb.example/cms/ajax/tin.php?trang=2"), encoding="utf-8",
        body='<div><a href="tin-hoat-dong/2024/bai-ba.html">Bài ba</a></div>'.encode())
    assert endpoint_links(answer, "http://hoiccb.example/cms/") == [
        "http://hoiccb.example/cms/tin-hoat-dong/2024/bai-ba.html"]


def test_sources_add_counts_and_fetches_the_links_the_base_gives():
    teasers = "".join(f'<div class="item"><h3><a href="tin-hoat-dong/2024/bai-{i}.html">Hội Cựu chiến binh '
                      f'xã số {i} tổng kết phong trào thi đua năm 2024</a></h3><p>Tóm tắt số {i}.</p></div>'
                      for i in range(1, 7))
    page = ('<html><head><base href="/cms/"><title>Tin hoạt động</title></head><body>'
            f'<h1>Tin hoạt động</h1>{teasers}<p><a href="tin-hoat-dong/?trang=2">Trang sau</a></p></body></html>')
    listing = read_page("http://hoiccb.example/cms/tin-hoat-dong/", page.encode())
    assert page_routes([listing])["links"] == 6
    assert _link_urls(page, "http://hoiccb.example/cms/tin-hoat-dong/", {})[0] == \
        "http://hoiccb.example/cms/tin-hoat-dong/2024/bai-1.html"


def test_the_classifier_menus_canonical_and_images_resolve_against_the_base():
    story = ("<div class='menu'><ul><li><a href='./'>Trang chủ</a></li><li><a href='tin-hoat-dong/'>Tin tức</a></li>"
             "<li><a href='gioi-thieu.html'>Giới thiệu</a></li></ul></div>"
             "<div class='noi-dung'><p>Hội Cựu chiến binh tỉnh tổ chức hội nghị tổng kết.</p>"
             "<p><a href='tin-hoat-dong/2024/bai-hai.html'>Hội Cựu chiến binh xã Hải An tổng kết năm 2024</a></p></div>")
    places = link_places(tree(story), PAGE)
    assert "http://hoiccb.example/cms/tin-hoat-dong/" in places.menu_items
    assert "http://hoiccb.example/cms/tin-hoat-dong/2024/bai-hai.html" in places.content
    canonical = ('<html><head><base href="/cms/"><link rel="canonical" href="tin-hoat-dong/2024/bai-mot.html">'
                 '</head><body></body></html>')
    assert canonical_url("http://hoiccb.example/cms/index.php?id=12", canonical) == PAGE
    text = " ".join(["Hội Cựu chiến binh xã Hải An tổ chức hội nghị tổng kết phong trào thi đua năm 2024."] * 6)
    article = (f'<html><head><base href="/cms/"><title>Tổng kết năm 2024</title></head><body><h1>Tổng kết năm 2024'
               f'</h1><p>12/12/2024</p><div class="content"><p>{text}</p><p><img src="assets/anh/hoi-nghi.jpg"></p>'
               f'<p>{text}</p></div></body></html>')
    assert extract_article(article, PAGE)["images"][0]["src"] == "http://hoiccb.example/cms/assets/anh/hoi-nghi.jpg"
    # a headline linking its own page through the base ("#" stays on the page) is no teaser
    f = page_features(tree('<h1><a href="#">Hội Cựu chiến binh xã Hải An tổng kết năm 2024</a></h1>'), PAGE)
    assert not f.headline_links_away


# -- a real crawl of a site of our own --------------------------------------------------------

STORIES = [  # (slug, title, date, three paragraphs), page 1 of the listing has the first three
    ("cum-thi-dua-so-2-so-ket-6-thang", "Cụm thi đua số 2 Hội Cựu chiến binh sơ kết 6 tháng đầu năm 2024",
     "05/07/2024 09:10",
     [("Sáng 4/7, tại Hội trường xã Cam Thủy, Cụm thi đua số 2 của Hội Cựu chiến binh tỉnh tổ chức hội nghị sơ "
       "kết công tác thi đua 6 tháng đầu năm 2024 với sự tham dự của lãnh đạo 5 huyện hội trong cụm."),
      ("Trong 6 tháng, các đơn vị kết nạp 214 hội viên mới, giúp 37 hộ hội viên thoát nghèo và vận động xây dựng "
       "9 nhà nghĩa tình đồng đội với tổng kinh phí hơn 1,1 tỷ đồng từ nguồn xã hội hóa."),
      ("Hội nghị thống nhất các chỉ tiêu thi đua 6 tháng cuối năm, trong đó trọng tâm là mô hình tổ hợp tác sản "
       "xuất của cựu chiến binh và công tác tuyên truyền bảo vệ chủ quyền biển đảo.")]),
    ("trao-nha-nghia-tinh-dong-doi-xa-vinh-long", "Trao nhà nghĩa tình đồng đội cho hội viên xã Vĩnh Long",
     "18/06/2024 15:40",
     [("Chiều 17/6, Hội Cựu chiến binh huyện Vĩnh Linh phối hợp với Ngân hàng Chính sách xã hội bàn giao nhà "
       "nghĩa tình đồng đội cho gia đình ông Lê Văn Thọ, hội viên có hoàn cảnh đặc biệt khó khăn."),
      ("Ngôi nhà rộng 65 mét vuông, tổng trị giá 120 triệu đồng, trong đó Hội hỗ trợ 60 triệu đồng, số còn lại do "
       "gia đình, dòng họ và hội viên trong chi hội góp công, góp sức xây dựng trong hai tháng."),
      ("Dịp này, Hội còn tặng gia đình một tivi và bộ bàn ghế, động viên ông Thọ yên tâm chữa bệnh, ổn định "
       "cuộc sống và tiếp tục tham gia sinh hoạt chi hội ở thôn.")]),
    ("hoi-thao-ky-niem-ngay-truyen-thong", "Hội thao kỷ niệm ngày truyền thống Hội Cựu chiến binh Việt Nam",
     "02/06/2024 08:00",
     [("Nhân kỷ niệm ngày truyền thống, Hội Cựu chiến binh thị xã Quảng Trị tổ chức hội thao với các môn bóng "
       "chuyền hơi, cờ tướng và kéo co, thu hút hơn 300 hội viên của 5 phường, xã tham gia."),
      ("Sau hai ngày tranh tài sôi nổi, Ban tổ chức trao 15 giải cho các đội và cá nhân; đội phường 2 giành giải "
       "nhất toàn đoàn, đội xã Hải Lệ xếp thứ hai."),
      ("Hội thao là dịp để hội viên rèn luyện sức khỏe, giao lưu, thắt chặt tình đồng chí, đồng đội và góp phần "
       "xây dựng tổ chức hội vững mạnh.")]),
    ("ky-ket-giao-uoc-thi-dua-khoi-cac-hoi", "Khối thi đua các hội đặc thù ký kết giao ước thi đua năm 2024",
     "14/03/2024 10:25",
     [("Ngày 13/3, Khối thi đua các hội đặc thù tỉnh tổ chức hội nghị ký kết giao ước thi đua năm 2024; Hội Cựu "
       "chiến binh tỉnh là Khối trưởng, Hội Người mù tỉnh là Khối phó."),
      ("Các đơn vị cam kết thực hiện 7 nội dung thi đua, gắn với việc học tập và làm theo tư tưởng, đạo đức, phong "
       "cách Hồ Chí Minh và phát huy bản chất bộ đội Cụ Hồ trong thời kỳ mới."),
       "Hội nghị cũng bàn cách chấm điểm, bình xét thi đua cuối năm bảo đảm công khai, dân chủ và đúng thực chất."]),
    ("tap-huan-nghiep-vu-cong-tac-hoi", "Tập huấn nghiệp vụ công tác hội cho chi hội trưởng năm 2024",
     "27/02/2024 14:00",
     [("Trong hai ngày 26 và 27/2, Hội Cựu chiến binh tỉnh mở lớp tập huấn nghiệp vụ công tác hội cho 160 chi hội "
       "trưởng, chi hội phó ở các huyện miền núi Hướng Hóa và Đakrông."),
      ("Học viên được phổ biến điều lệ hội, kỹ năng tổ chức sinh hoạt chi hội, quản lý hội viên và cách hướng dẫn "
       "hội viên vay vốn phát triển kinh tế hộ gia đình."),
       "Cuối lớp, học viên làm bài thu hoạch; 100 % đạt yêu cầu, trong đó 42 bài được đánh giá khá, giỏi."]),
    ("tong-ket-cong-tac-hoi-nam-2023", "Hội Cựu chiến binh tỉnh tổng kết công tác hội năm 2023",
     "10/01/2024 09:00",
     [("Ngày 9/1, Hội Cựu chiến binh tỉnh tổ chức hội nghị tổng kết công tác hội và phong trào cựu chiến binh năm "
       "2023, triển khai nhiệm vụ năm 2024."),
      ("Năm 2023, toàn tỉnh có 92 % cơ sở hội đạt trong sạch vững mạnh, 1.860 hộ hội viên đạt danh hiệu sản xuất "
       "kinh doanh giỏi; quỹ hội tăng 14 % so với năm trước."),
      ("Tại hội nghị, 12 tập thể và 20 cá nhân được tặng Bằng khen vì có thành tích xuất sắc trong phong trào thi "
       "đua cựu chiến binh gương mẫu.")]),
]
HEAD = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><base href="/cms/"><title>{title} - Hội Cựu '
        'chiến binh tỉnh Quảng Trị</title></head><body><div class="top"><a href="./">Hội Cựu chiến binh tỉnh Quảng '
        'Trị</a></div><ul class="menu"><li><a href="./">Trang chủ</a></li><li><a href="tin-hoat-dong/">Tin hoạt '
        'động</a></li><li><a href="gioi-thieu.html">Giới thiệu</a></li></ul>')
FOOT = '<div class="footer">Hội Cựu chiến binh tỉnh Quảng Trị. <a href="lien-he.html">Liên hệ</a></div></body></html>'


def _story_page(i: int) -> str:
    _slug, title, date, paras = STORIES[i]
    others = "".join(f'<li><a href="tin-hoat-dong/2024/{s}.html">{t}</a></li>'
                     for j, (s, t, _d, _p) in enumerate(STORIES) if j != i and abs(j - i) <= 2)
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (HEAD.format(title=title) + f'<div class="breadcrumb"><a href="./">Trang chủ</a> / <a href="tin-hoat-dong/">'
            f'Tin hoạt động</a></div><div class="bai-viet"><h1>{title}</h1><div class="ngay">{date}</div>'
            f'<div class="noi-dung">{body}</div></div><div class="tin-khac"><h3>Tin khác</h3><ul>{others}</ul></div>'
            + FOOT)


def _listing_page(page: int) -> str:
    items = STORIES[:3] if page == 1 else STORIES[3:]
    teasers = "".join(f'<div class="tin"><h3><a href="tin-hoat-dong/2024/{s}.html">{t}</a></h3><span>{d}</span>'
                      f"<p>{p[0][:140]}…</p></div>" for s, t, d, p in items)
    pager = ('<div class="pager"><span>1</span> <a href="tin-hoat-dong/?trang=2">2</a> '
             '<a href="tin-hoat-dong/?trang=2">Trang sau</a></div>' if page == 1 else
             '<div class="pager"><a href="tin-hoat-dong/">1</a> <span>2</span></div>')
    return HEAD.format(title="Tin hoạt động") + f"<h2>Tin hoạt động</h2>{teasers}{pager}" + FOOT


def _fixed_page(title: str) -> str:
    return HEAD.format(title=title) + f"<h2>{title}</h2><p>Trang {title.lower()} của Hội.</p>" + FOOT


class BaseHrefSite(BaseHTTPRequestHandler):
    """The site: /cms/ pages whose links are all relative to `<base href="/cms/">`."""

    log: ClassVar[list[tuple[str, int]]] = []

    def do_GET(self) -> None:
        pages = {"/robots.txt": "User-agent: *\nAllow: /\n",
                 "/cms/tin-hoat-dong/": _listing_page(1), "/cms/tin-hoat-dong/?trang=2": _listing_page(2),
                 "/cms/": _listing_page(1).replace("<h2>Tin hoạt động</h2>", "<h2>Tin mới</h2>"),
                 "/cms/gioi-thieu.html": _fixed_page("Giới thiệu"), "/cms/lien-he.html": _fixed_page("Liên hệ"),
                 **{f"/cms/tin-hoat-dong/2024/{s}.html": _story_page(i) for i, (s, *_r) in enumerate(STORIES)}}
        page = pages.get(self.path)
        self.log.append((self.path, 200 if page is not None else 404))
        respond(self, page, "text/plain" if self.path.endswith(".txt") else "text/html; charset=utf-8")

    def log_message(self, *args) -> None:
        pass


@pytest.mark.crawl
def test_a_site_whose_links_are_relative_to_its_base_href_is_crawled_without_a_404(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHrefSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    BaseHrefSite.log.clear()
    try:
        registry = tmp_path / "ccb.toml"
        registry.write_text(
            '[[source]]\nid = "quang-tri-ccb"\nname = "Hội Cựu chiến binh tỉnh Quảng Trị"\nprovince = "Quảng Trị"\n'
            f'platform = "generic"\nstart_urls = ["{origin}/cms/tin-hoat-dong/"]\nallow_local = true\n'
            "sitemaps = []\n", encoding="utf-8")
        db = tmp_path / "archive.db"
        crawl = subprocess.run([sys.executable, "-m", "archive", "crawl", "--sources", str(registry), "--db", str(db),
                                "--local", "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                               env={k: v for k, v in os.environ.items() if k not in ("THIDUA_DB", "DEMO_URL")},
                               check=False)
        add = subprocess.run([sys.executable, "-m", "archive", "sources", "add", f"{origin}/cms/tin-hoat-dong/"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    finally:
        server.shutdown()
    missing = sorted({p for p, status in BaseHrefSite.log if status == 404})
    assert not missing, f"requested addresses the site does not have: {missing}\n{crawl.stderr[-800:]}"
    assert "/cms/tin-hoat-dong/?trang=2" in {p for p, _ in BaseHrefSite.log}  # the listing's page 2 was read
    con = sqlite3.connect(db)
    urls = {r[0] for r in con.execute("select url from articles")}
    stats = json.loads(con.execute("select stats from crawls").fetchone()[0])
    con.close()
    assert urls == {f"{origin}/cms/tin-hoat-dong/2024/{s}.html" for s, *_r in STORIES}, urls
    assert not stats.get("status/404") and crawl.returncode == 0, (stats, crawl.stderr[-800:])
    assert add.returncode == 0 and "[[source]]" in add.stdout, add.stdout + add.stderr
