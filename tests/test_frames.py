"""A page shows the documents of its frames as part of itself: a `<frameset>` home page (the sites
of the early 2000s, Lotus Domino applications' `?OpenFrameset`) has no text and no `<a>` link of
its own, its menu and its lists are in `<frame src>`; a list may also sit in an `<iframe>`. Found by
the tenth blind site set's first run: the Domino site's start page was a frameset and the crawl
fetched nothing past it (0 of 6 stories, "no-articles").

A frame is read at the depth of the page that holds it (it is that page, not a link one hop
further). Checked on pages of this file's own, then by one real crawl of a small site whose home
page is a frameset.
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

from crawler.sitestate import frame_links

ROOT = Path(__file__).resolve().parent.parent
HOME = "http://hoind.example/portal/"


def test_a_framesets_frames_and_a_pages_iframes_are_its_parts() -> None:
    page = lxml_html.fromstring(
        '<html><head><title>Hội Nông dân tỉnh</title></head><frameset rows="120,*"><frame name="top" src="dau.htm">'
        '<frameset cols="200,*"><frame name="trai" src="/portal/menu.htm"><frame name="chinh" src="chinh.htm#dau">'
        '</frameset><noframes><body>Trình duyệt không hỗ trợ khung.</body></noframes></frameset></html>')
    assert frame_links(page, HOME) == [HOME + "dau.htm", HOME + "menu.htm", HOME + "chinh.htm"]
    inner = lxml_html.fromstring('<html><head><base href="/portal/tin/"></head><body><p>Tin mới</p>'
                                 '<iframe src="ds.htm?loai=2"></iframe><iframe src="about:blank"></iframe>'
                                 '<iframe src="javascript:void(0)"></iframe></body></html>')
    assert frame_links(inner, HOME) == ["http://hoind.example/portal/tin/ds.htm?loai=2"]


STORIES = [
    ("hnd-huyen-tong-ket-2022", "Cụm thi đua Hội Nông dân các huyện phía Nam tổng kết năm 2022", "20/12/2022",
     [("Ngày 19/12, Cụm thi đua Hội Nông dân các huyện phía Nam tổ chức hội nghị tổng kết công tác thi đua năm 2022 "
      "tại hội trường Hội Nông dân huyện Tiên Lãng."),
      ("Năm 2022, các huyện trong Cụm đã hướng dẫn hơn 2.400 hộ nông dân chuyển đổi cây trồng và vận động 11 tỷ đồng "
      "cho quỹ hỗ trợ nông dân."),
      "Hội nghị thống nhất đề nghị tặng Cờ thi đua cho Hội Nông dân huyện Vĩnh Bảo, đơn vị dẫn đầu Cụm."]),
    ("nong-dan-san-xuat-gioi", "Biểu dương 40 hộ nông dân sản xuất, kinh doanh giỏi cấp tỉnh", "05/09/2023",
     [("Sáng 4/9, Hội Nông dân tỉnh tổ chức lễ biểu dương 40 hộ nông dân sản xuất, kinh doanh giỏi cấp tỉnh giai "
      "đoạn 2020 - 2023."),
      "Nhiều hộ có thu nhập trên một tỷ đồng mỗi năm từ trồng rau an toàn, nuôi thủy sản và làm dịch vụ nông nghiệp.",
      "Mỗi hộ được tặng Giấy khen của Ban Thường vụ Hội Nông dân tỉnh và một phần quà trị giá hai triệu đồng."]),
    ("tap-huan-chuyen-doi-so", "Tập huấn chuyển đổi số cho cán bộ Hội Nông dân cơ sở", "14/03/2024",
     ["Trong hai ngày 13 và 14/3, Hội Nông dân tỉnh mở lớp tập huấn chuyển đổi số cho 120 cán bộ Hội cơ sở.",
      "Học viên được hướng dẫn bán nông sản trên sàn thương mại điện tử và quản lý hội viên bằng phần mềm.",
      "Kết thúc lớp học, mỗi học viên thực hành mở một gian hàng trực tuyến cho hợp tác xã của địa phương."]),
]


def _page(title: str, body: str) -> str:
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body bgcolor="#FFFFFF">{body}'
            '</body></html>')


def _story(i: int) -> str:
    _slug, title, day, paras = STORIES[i]
    text = "".join(f"<p>{p}</p>" for p in paras)
    return _page(title, f'<table><tr><td><b>{title}</b></td></tr><tr><td>Ngày đăng: {day}</td></tr>'
                        f'<tr><td>{text}</td></tr></table><a href="tinmoi.htm">Quay lại</a>')


def _pages() -> dict[str, str]:
    rows = "".join(f'<tr><td><a href="tin/{s}.htm" target="chinh">{t}</a> ({d})</td></tr>' for s, t, d, _p in STORIES)
    return {
        "/robots.txt": "User-agent: *\nAllow: /\n",
        "/": ('<html><head><meta charset="utf-8"><title>Hội Nông dân tỉnh Hải Phòng</title></head>'
              '<frameset rows="110,*" frameborder="0"><frame name="dau" src="/portal/dau.htm" scrolling="no">'
              '<frameset cols="190,*"><frame name="trai" src="/portal/menu.htm"><frame name="chinh" src="/portal/tinmoi.htm">'
              '</frameset><noframes><body>Trình duyệt không hỗ trợ khung.</body></noframes></frameset></html>'),
        "/portal/dau.htm": _page("Đầu trang", "<h1>HỘI NÔNG DÂN TỈNH HẢI PHÒNG</h1>"),
        "/portal/menu.htm": _page("Menu", '<a href="tinmoi.htm" target="chinh">Tin mới</a><br>'
                                          '<a href="gioithieu.htm" target="chinh">Giới thiệu</a>'),
        "/portal/gioithieu.htm": _page("Giới thiệu", "<p>Hội Nông dân tỉnh được thành lập năm 1930.</p>"),
        "/portal/tinmoi.htm": _page("Tin mới", f"<h2>TIN MỚI</h2><table>{rows}</table>"),
        **{f"/portal/tin/{s}.htm": _story(i) for i, (s, *_r) in enumerate(STORIES)},
    }


class FramesetSite(BaseHTTPRequestHandler):
    """A site whose home page is a frameset: every link is inside a frame."""

    log: ClassVar[list[tuple[str, int]]] = []

    def do_GET(self) -> None:
        page = _pages().get(self.path)
        self.log.append((self.path, 200 if page is not None else 404))
        respond(self, page, "text/plain" if self.path.endswith(".txt") else "text/html; charset=utf-8")

    def log_message(self, *args) -> None:
        pass


@pytest.mark.crawl
def test_a_site_whose_home_page_is_a_frameset_gives_its_stories(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FramesetSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    FramesetSite.log.clear()
    try:
        registry = tmp_path / "hnd.toml"
        registry.write_text(
            '[[source]]\nid = "hai-phong-hnd"\nname = "Hội Nông dân tỉnh Hải Phòng"\nprovince = "Hải Phòng"\n'
            f'platform = "generic"\nstart_urls = ["{origin}/"]\nallow_local = true\n', encoding="utf-8")
        db = tmp_path / "archive.db"
        crawl = subprocess.run([sys.executable, "-m", "archive", "crawl", "--sources", str(registry), "--db", str(db),
                                "--local", "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                               env={k: v for k, v in os.environ.items() if k not in ("THIDUA_DB", "DEMO_URL")},
                               check=False)
    finally:
        server.shutdown()
    con = sqlite3.connect(db)
    urls = {r[0] for r in con.execute("select url from articles")}
    stats = json.loads(con.execute("select stats from crawls").fetchone()[0])
    con.close()
    assert urls == {f"{origin}/portal/tin/{s}.htm" for s, *_r in STORIES}, (urls, crawl.stderr[-800:])
    assert crawl.returncode == 0, (stats, crawl.stderr[-800:])
