"""Article extraction over the own blind pages, scored by scripts/eval.py's own code.

tests/fixtures/html_blind holds 20 pages written for this project (own text, never copied from
../shared/realworld) in the markup of outlets and CMSs the extractor had not been tuned on:
VnExpress, Tuổi Trẻ/VCCorp, Dân trí, VietNamNet, Nhân Dân, baochinhphu.vn, QĐND (DotNetNuke),
CAND, Lao Động, an old provincial-paper CMS, a Party-committee portal, Liferay and SharePoint
portals, WordPress + Elementor, Joomla (double-encoded), AMP, a classic-ASP windows-1258 page,
and four pages that are not articles. They were labelled and committed before the extractor
ran on them. The first score measured generalisation (ours / trafilatura):

    is_article 100 / 70 · title 88.9 / 77.8 · published 93.8 / 75.0 · author 100 / 26.7
    body_start 87.5 / 31.2 · body_end 100 / 37.5 · lead 84.6 / 53.8 · body_clean 100 / 62.5

The misses (a Liferay portlet title and a portal-name <title> taken for the headline, a site
description taken for the lead, which hid a bold first-paragraph sapo) were fixed by general
rules documented in archive/extract.py; the floors (scripts/eval_baseline.json, section
"article_blind", also gated by `make eval`) pin what the fixed extractor achieves, so that any
regression fails. The unit tests below pin each rule on a minimal page of its own.

tests/fixtures/html_blind2 is a second set made the same way (its README lists the shapes):
Znews, Báo Tin tức, VOV, VTV (a video and no image), Tiền Phong, Thanh Niên, Người Lao Động,
Pháp luật TP.HCM, Hà Nội Mới (two <h1>), Kinh tế & Đô thị (a closing photo gallery), Báo Đầu tư
(no <h1>), VietnamPlus, Báo Công Thương, a VNPT eGov portal (title and date in one block,
<br><br> text, NFD), a CMS.VN paper (author opening the sapo, date only in the URL), a 2012
<font> table page in numeric character references; a tag page, a video listing, a portal
section and a 404 page. Its first score (extractor version 6, ours / trafilatura):

    is_article 100 / 85 · title 93.8 / 87.5 · published 93.8 / 50.0 · author 87.5 / 37.5
    body_start 100 / 43.8 · body_end 93.8 / 43.8 · lead 86.7 / 40.0 · body_clean 93.8 / 56.2

The misses (a gallery intro line left at the body's end, a mixed-case "Kinhtedothi - " sapo tag,
no date and no author under a headline that is no <h1> and sits in a share bar, the date of a
portal's title block kept in the title, the writer's name opening a sapo) were fixed by general
rules (extractor version 7) and are pinned by the "article_blind2" floors and the tests below.
Both sets run through the same parametrised tests.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import load_script

from archive.boilerplate import is_editor_note
from archive.extract import extract_article

ROOT = Path(__file__).resolve().parents[1]
BLIND = Path(__file__).parent / "fixtures" / "html_blind"
BLIND2 = Path(__file__).parent / "fixtures" / "html_blind2"
BASELINE = json.loads((ROOT / "scripts" / "eval_baseline.json").read_text("utf-8"))
# Per-field rates on the blind pages after the fixes (html_blind: 20 pages, 16 articles, 15
# bylines, 13 leads, 16 with body_excludes; html_blind2: 20 pages, 16 articles, 16 bylines, 15
# leads), pinned in the eval's baseline, one floor section per set.
SETS = {"html_blind": (BLIND, "article_blind"), "html_blind2": (BLIND2, "article_blind2")}
SET_FIELDS = [(name, field) for name, (_, section) in SETS.items() for field in sorted(BASELINE[section])]
GOLD_KEYS = {"url", "is_article", "title", "published", "author", "lead", "body_first_sentence",
             "body_last_sentence", "captions", "encoding"}


EVAL = load_script("eval")


_REPORTS: dict[str, dict[str, Any]] = {}


def _report(name: str) -> dict[str, Any]:
    """The eval's report of one blind set, computed once per test session."""
    if name not in _REPORTS:
        _REPORTS[name] = EVAL.run_corpus(SETS[name][0])
    return _REPORTS[name]


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_field_has_a_floor(name: str) -> None:
    assert set(BASELINE[SETS[name][1]]) == set(EVAL.BLIND_FIELDS)


def test_eval_gates_every_blind_set() -> None:
    assert {(directory, section) for section, directory, *_ in EVAL.BLIND_SETS} == \
        {(directory, section) for directory, section in SETS.values()}


@pytest.mark.parametrize("name", sorted(SETS))
def test_blind_set_is_complete_and_in_gold_shape(name: str) -> None:
    items = EVAL.load_corpus(SETS[name][0])
    assert len(items) == 20
    assert sum(1 for g in items if not g["is_article"]) == 4
    for g in items:
        assert GOLD_KEYS <= set(g), g["file"]
        if g["is_article"]:
            assert g["body_first_sentence"] and g["body_last_sentence"], g["file"]
            if g["published"] and "T" in g["published"]:
                assert g["published"].endswith("+07:00"), g["file"]


@pytest.mark.parametrize("name, field", SET_FIELDS)
def test_blind_field_at_threshold(name: str, field: str) -> None:
    report = _report(name)
    row = report["article"][field]
    misses = [m for m in report["misses"] if m["field"] == field]
    assert row["ours"] is not None and row["ours"] + 1e-9 >= BASELINE[SETS[name][1]][field], misses


@pytest.mark.parametrize("name", sorted(SETS))
def test_blind_set_beats_trafilatura(name: str) -> None:
    for field, row in _report(name)["article"].items():
        if row.get("trafilatura") is not None:
            assert row["ours"] >= row["trafilatura"], field


@pytest.mark.parametrize("directory, name", [
    (BLIND, "15-joomla-double-encoded"), (BLIND, "16-cp1258-td-br"),
    (BLIND2, "14-vnpt-egov-br-title-date-nfd"), (BLIND2, "16-old-table-font-ncr-latin1")])
def test_encoded_pages_come_out_repaired(directory: Path, name: str) -> None:
    """Double-encoded, windows-1258, decomposed (NFD) and numeric-reference pages reach the
    record as NFC text."""
    gold = json.loads((directory / f"{name}.expected.json").read_text("utf-8"))
    html = EVAL._decode((directory / f"{name}.html").read_bytes())
    record = extract_article(html, gold["url"])
    assert record["title"] == gold["title"]
    assert "\u0090" not in record["body"] and "Ã" not in record["body"] and "&#" not in record["body"]
    assert unicodedata.is_normalized("NFC", record["body"]) and record["body"].startswith(
        gold["body_first_sentence"])


# --- the rules the blind set led to, each on a minimal page ---------------------------------

def _page(body: str, head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


# An article's running text (with its date line), enough for the page to read as an article.
DATE_LINE = "<p class='date'>Ngày đăng: 15/07/2024 10:30</p>"
PARAS = DATE_LINE + "".join(
    f"<p>Đoạn văn thứ {i} của bài viết nói về phong trào thi đua yêu nước ở địa phương, với nhiều tập "
    f"thể và cá nhân được khen thưởng trong năm qua, góp phần hoàn thành các chỉ tiêu của tỉnh.</p>"
    for i in range(1, 5))


def test_portlet_section_h1_is_not_the_headline() -> None:
    # Liferay: the portlet title <h1> is the section (also a menu entry), the headline is h3.
    html = _page("<nav><ul><li><a href='/tin'>Tin tức - Sự kiện</a></li></ul></nav>"
                 "<h1 class='portlet-title'><span>Tin tức - Sự kiện</span></h1>"
                 "<div class='taglib-header'><h3 class='header-title'><span>Huyện A đón nhận Huân chương "
                 "Lao động hạng Nhì</span></h3></div>"
                 f"<div class='journal-content-article'>{PARAS}</div>",
                 "<title>Tin tức - Sự kiện - Cổng thông tin điện tử tỉnh B</title>")
    assert extract_article(html, "https://b.gov.vn/tin/-/asset_publisher/x/content/a")["title"] == \
        "Huyện A đón nhận Huân chương Lao động hạng Nhì"


def test_portal_name_title_sends_the_title_to_the_headline_element() -> None:
    # <title> and description are the portal's name, printed again in the footer.
    html = _page("<h2 class='title-detail'>Tỉnh C biểu dương 95 điển hình tiên tiến năm 2024</h2>"
                 f"<div class='content-detail'>{PARAS}</div>"
                 "<footer><p><b>TRANG THÔNG TIN ĐIỆN TỬ HỘI NÔNG DÂN TỈNH C</b></p><p>Địa chỉ: …</p></footer>",
                 "<title>Trang thông tin điện tử Hội Nông dân tỉnh C</title>"
                 "<meta name='description' content='Trang thông tin điện tử Hội Nông dân tỉnh C'>")
    record = extract_article(html, "https://hnd.c.gov.vn/tin-tuc/bieu-duong-95-dien-hinh")
    assert record["title"] == "Tỉnh C biểu dương 95 điển hình tiên tiến năm 2024"
    assert record["lead"] is None


def test_description_repeating_the_headline_leaves_the_bold_sapo_as_lead() -> None:
    sapo = ("(Baoabc.vn) - Sáng 22/11, huyện D long trọng tổ chức lễ đón nhận Huân chương Lao động "
            "hạng Ba của Chủ tịch nước.")
    html = _page(f"<h1>Huyện D đón nhận Huân chương Lao động hạng Ba</h1><div class='news-content'>"
                 f"{DATE_LINE}<p><strong>{sapo}</strong></p>{PARAS[len(DATE_LINE):]}</div>",
                 "<title>Báo ABC - Huyện D đón nhận Huân chương Lao động hạng Ba</title>"
                 "<meta name='description' content='Huyện D đón nhận Huân chương Lao động hạng Ba'>")
    record = extract_article(html, "https://baoabc.vn/huyen-d-don-nhan-huan-chuong-231405.htm")
    assert record["lead"] == sapo.split(" - ", 1)[1]
    assert record["body"].startswith("Đoạn văn thứ 1")


def test_inline_related_box_mid_body_does_not_end_the_article() -> None:
    html = _page("<h1>Tỉnh E tổng kết phong trào thi đua năm 2024</h1><div class='news-content'>"
                 f"{PARAS}<p><strong>Tin liên quan:</strong></p><ul><li><a href='/a'>Tỉnh E phát động "
                 "thi đua năm 2024 trong toàn tỉnh</a></li></ul>"
                 "<p>Dịp này, UBND tỉnh tặng bằng khen cho 40 tập thể và 55 cá nhân có thành tích "
                 "xuất sắc trong phong trào thi đua.</p><p style='text-align:right'><b>Thu Hà</b></p></div>"
                 "<div class='box'><h3>Tin cùng chuyên mục</h3><ul><li><a href='/b'>Tin khác</a></li></ul></div>")
    record = extract_article(html, "https://e.vn/tong-ket-thi-dua-123.html")
    assert record["body"].endswith("có thành tích xuất sắc trong phong trào thi đua.")
    assert "Tỉnh E phát động" not in record["body"]
    assert record["author"] == "Thu Hà"


def test_trailing_editor_note_is_not_body() -> None:
    assert is_editor_note("(Bài viết có sử dụng tư liệu của Sở Văn hóa)")
    assert is_editor_note("* Tên nhân vật đã được thay đổi")
    assert not is_editor_note("(Theo TTXVN)")  # an attribution, is_attribution's
    assert not is_editor_note("(Ảnh trên) Lễ ra mắt. Sau đó các đại biểu tham quan.")
    html = _page("<h1>Tỉnh F tuyên dương gương người tốt việc tốt</h1><div class='news-content'>"
                 f"{PARAS}<p style='text-align:right'><b>Lê Hợi</b></p>"
                 "<p><em>(Bài viết có sử dụng tư liệu của Sở Văn hóa)</em></p></div>")
    record = extract_article(html, "https://f.vn/tuyen-duong-123.html")
    assert record["body"].endswith("góp phần hoàn thành các chỉ tiêu của tỉnh.")
    assert record["author"] == "Lê Hợi"


def test_date_nearest_the_headline_wins_over_the_header_today() -> None:
    # The site header prints today's date; the article's date is a bare line above the h1.
    html = _page("<div class='header'><div class='header__date'>Thứ Tư, 17/07/2024</div>"
                 "<ul class='menu-main'><li><a href='/a'>Thời sự</a></li><li><a href='/b'>Kinh tế</a></li></ul></div>"
                 "<div class='main'><div class='detail-container'><a href='/a'>Thời sự</a>"
                 "<div>15/07/2024 10:30</div><h1>Trao Huân chương Lao động cho 12 tập thể</h1>"
                 f"<div class='detail-content'>{PARAS[len(DATE_LINE):]}</div></div></div>")
    assert extract_article(html, "https://g.vn/trao-huan-chuong-102240715.htm")["published_at"] == \
        "2024-07-15T10:30:00+07:00"


def test_listing_whose_text_is_teaser_dates_is_no_article() -> None:
    # The blind category page, made harder: it claims og:type=article, its menu is a plain div
    # (so its name is no menu entry) and its URL looks like an article's. The text found is the
    # teasers' date lines and blurbs — a listing.
    html = EVAL._decode((BLIND / "18-category-listing-paging.html").read_bytes())
    html = html.replace('content="website"', 'content="article"').replace(
        '<nav class="menu">', '<div class="mainbar">').replace("</ul></nav>", "</ul></div>")
    assert 'content="article"' in html and "mainbar" in html
    assert extract_article(html, "https://baobacgiang.vn/c/12345/thi-dua-khen-thuong.html")["is_article"] is False


def test_microdata_headline_when_title_is_generic() -> None:
    html = _page("<div itemscope itemtype='https://schema.org/Article'><div class='page-header'>"
                 "<h2 itemprop='headline'>Hội Cựu chiến binh tỉnh I sơ kết phong trào thi đua</h2></div>"
                 f"<div itemprop='articleBody'>{PARAS}</div></div>", "<title>Trang chủ</title>")
    record = extract_article(html, "https://ccb.i.gov.vn/tin-hoat-dong/812-so-ket")
    assert record["title"] == "Hội Cựu chiến binh tỉnh I sơ kết phong trào thi đua"
    assert record["paths"]["title"] == "microdata"


# --- the rules the second blind set led to, each on a minimal page ---------------------------

def test_gallery_intro_and_its_captions_leave_the_body() -> None:
    # "Một số hình ảnh tại hội nghị:" then captioned pictures, then the byline: the gallery
    # (its intro line and its captions) is not the article's text.
    figures = "".join(f"<figure><img src='/a{i}.jpg'><figcaption>Chú thích ảnh số {i} tại hội "
                      f"nghị.</figcaption></figure>" for i in range(3))
    html = _page("<h1>Huyện K tổng kết phong trào thi đua năm 2024</h1><div class='news-content'>"
                 f"{PARAS}<p><strong>Một số hình ảnh tại hội nghị:</strong></p>{figures}"
                 "<p style='text-align:right'><strong>Hoài Nam</strong></p></div>")
    record = extract_article(html, "https://k.vn/tong-ket-thi-dua-2024.html")
    assert record["body"].endswith("góp phần hoàn thành các chỉ tiêu của tỉnh.")
    assert len(record["captions"]) == 3 and record["author"] == "Hoài Nam"


def test_site_name_sapo_tag_is_stripped() -> None:
    # A mixed-case tag that is the site's own name ("Kinhtedothi - ") — no capitals rule sees it.
    sapo = "Chiều 29/12, huyện L tổ chức hội nghị tổng kết phong trào thi đua năm 2024 và khen thưởng."
    html = _page(f"<h1>Huyện L tổng kết thi đua</h1><div class='sapo'>Baol - {sapo}</div>"
                 f"<div class='news-content'>{PARAS}</div>",
                 "<meta property='og:site_name' content='Báo L'>")
    assert extract_article(html, "https://baol.vn/tong-ket-123.html")["lead"] == sapo


def test_headline_without_h1_anchors_date_and_byline_in_a_share_bar() -> None:
    # No <h1>: the headline is a div that og:title names; byline and date sit in a bar whose
    # class also names the share buttons ("author-share-top") — furniture for the body only.
    html = _page("<div class='header'><span class='date_now'>Thứ Ba, 16/07/2024</span></div>"
                 "<div class='col'><div class='title-detail'>Trao giải Doanh nghiệp vì người lao động"
                 "</div><div class='author-share-top'><div class='author'><a class='author' href='/a'>"
                 "Nguyễn Lê</a><span class='post-time'> - 15/07/2024 10:30</span></div>"
                 "<div class='share-top'><a href='#'>Chia sẻ</a></div></div>"
                 f"<div class='content_detail'>{PARAS[len(DATE_LINE):]}</div></div>",
                 "<meta property='og:title' content='Trao giải Doanh nghiệp vì người lao động'>")
    record = extract_article(html, "https://baodautu.vn/trao-giai-d219876.html")
    assert record["published_at"] == "2024-07-15T10:30:00+07:00"
    assert record["author"] == "Nguyễn Lê"
    assert "Chia sẻ" not in record["body"]


@pytest.mark.parametrize("block", [
    ("<div class='news-title'>Ban Thi đua tỉnh M triển khai nhiệm vụ năm 2025 "
     "<span class='news-date'>(15/01/2025 08:50)</span></div>"),
    "<div class='news-title'>Ban Thi đua tỉnh M triển khai nhiệm vụ năm 2025 (15/01/2025 08:50)</div>",
    "<h1>Ban Thi đua tỉnh M triển khai nhiệm vụ năm 2025 <span class='time'>15/01/2025 08:50</span></h1>",
])
def test_date_in_the_title_block_is_not_title(block: str) -> None:
    html = _page(f"{block}<div class='content'>{PARAS[len(DATE_LINE):]}</div>",
                 "<title>Sở Nội vụ tỉnh M</title>")
    record = extract_article(html, "https://snv.m.gov.vn/tin-tuc/trien-khai-nhiem-vu-2548.html")
    assert record["title"] == "Ban Thi đua tỉnh M triển khai nhiệm vụ năm 2025"
    assert record["published_at"] == "2025-01-15T08:50:00+07:00"


@pytest.mark.parametrize("opening, author, lead_starts", [
    ("<strong>Thu Phương</strong> – ", "Thu Phương", "Sáng 15/7"),
    ("<b>THU PHƯƠNG</b> - ", "THU PHƯƠNG", "Sáng 15/7"),
    ("<strong>Lai Châu</strong> – ", None, "Lai Châu – Sáng 15/7"),  # a place, not a writer
    ("Thu Phương – ", None, "Thu Phương – Sáng 15/7"),               # not set apart in bold
])
def test_writer_opening_the_sapo(opening: str, author: str | None, lead_starts: str) -> None:
    html = _page("<h1>Huyện N tuyên dương 45 gương điển hình tiên tiến</h1>"
                 f"<div class='sapo'>{opening}Sáng 15/7, huyện N tổ chức hội nghị tuyên dương 45 tập "
                 f"thể, cá nhân điển hình tiên tiến.</div><div class='content'>{PARAS[len(DATE_LINE):]}</div>")
    record = extract_article(html, "https://baon.vn/thi-dua/2024/07/15/tuyen-duong-a61234.html")
    assert record["author"] == author
    assert record["lead"].startswith(lead_starts)
    assert record["published_at"] == "2024-07-15"
