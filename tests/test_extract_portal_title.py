"""A portal's `<title>` names the page of the portal, which for a story is its section ("Thi đua -
Khen thưởng", a link of the site's menu), not the story: the headline is then the page's
title-classed element. Found by the tenth blind site set's first run (an IBM WebSphere Portal
virtual portal: `<title>` the portal page, the theme's banner an `<h1>`, each portlet's title bar an
`<h2>`, the headline a `div.news-title`): the section name became every story's title, and two
addresses of one story (with and without the theme) were not seen as one. Pages written here."""

from __future__ import annotations

from archive.extract import extract_article

URL = "https://sonv.example.vn/cong/trang-chu/tin-tuc/thi-dua/khoi-thi-dua-tong-ket-2023"
HEADLINE = "Khối thi đua các cơ quan Đảng, đoàn thể tỉnh tổng kết công tác thi đua năm 2023"
PARAS = [
    ("Chiều 26/12, Khối thi đua các cơ quan Đảng, đoàn thể tỉnh tổ chức hội nghị tổng kết công tác thi đua, "
    "khen thưởng năm 2023 tại hội trường Ban Tuyên giáo Tỉnh ủy."),
    "Năm 2023, các cơ quan trong Khối hoàn thành 100% chỉ tiêu được giao và tổ chức 12 đợt kiểm tra chéo.",
    "Hội nghị bình xét, suy tôn hai đơn vị dẫn đầu Khối và đề nghị UBND tỉnh tặng Cờ thi đua.",
]


def _portal_page(title_tag: str) -> str:
    body = "".join(f'<p style="text-align: justify;">{p}</p>' for p in PARAS)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title_tag}</title></head><body>
<header><div class="banner"><h1 class="brandTitle">SỞ NỘI VỤ TỈNH HÒA BÌNH</h1></div>
<nav class="mainNav"><ul><li><a href="/cong/trang-chu">Trang chủ</a></li><li><a href="/cong/trang-chu/tin-tuc">Tin tức</a></li>
<li><a href="/cong/trang-chu/tin-tuc/thi-dua">Thi đua - Khen thưởng</a></li><li><a href="/cong/trang-chu/lien-he">Liên hệ</a></li></ul></nav></header>
<div class="crumbs"><a href="/cong/trang-chu">Trang chủ</a> &gt; <a href="/cong/trang-chu/tin-tuc/thi-dua">Thi đua - Khen thưởng</a></div>
<div class="col-left"><section class="portlet"><h2><span class="portlet-title">Văn bản mới</span></h2>
<ul><li><a href="/cong/trang-chu/van-ban/kh-12">Kế hoạch số 12/KH-SNV về thi đua năm 2024</a></li></ul></section></div>
<div class="col-main"><section class="portlet"><h2><span class="portlet-title">Chi tiết tin</span></h2>
<div class="news-detail"><div class="news-title">{HEADLINE}</div><div class="news-date">Thứ Tư, 27/12/2023 08:15</div>
<div class="news-body">{body}<p style="text-align: right;"><strong>Lò Văn Tuấn</strong></p></div>
<div class="news-foot">Người đăng: snv_bientap</div></div></section></div>
<footer><p>SỞ NỘI VỤ TỈNH HÒA BÌNH</p></footer></body></html>"""


def test_a_title_tag_that_names_a_menu_section_gives_way_to_the_pages_headline() -> None:
    record = extract_article(_portal_page("Thi đua - Khen thưởng"), URL)
    assert record["title"] == HEADLINE
    assert record["author"] == "Lò Văn Tuấn"


def test_a_title_tag_naming_the_story_still_wins() -> None:
    record = extract_article(_portal_page(f"{HEADLINE} - Sở Nội vụ"), URL)
    assert record["title"] == HEADLINE
