"""A story laid out by a component CMS (Sitecore SXA here; AEM's Core Components and Magnolia do the
same): every block of the story is a grid component, a wrapper box (`div.component.rich-text`)
around one content box (`div.component-content`) — text, a captioned picture, text again. The box
the density detector picks is the content box, an only child, so its own siblings are none; the run
of blocks is one level up, among the wrappers (archive/bodyrun.py). The page is this test's own."""

from __future__ import annotations

from archive.extract import extract_article

_TEXT_1 = ("<p>Sáng 9/4, Cụm thi đua các huyện miền núi tổ chức hội nghị ký kết giao ước thi đua năm 2026 "
           "tại hội trường Ủy ban nhân dân huyện Thường Xuân, với sự tham dự của lãnh đạo sáu huyện.</p>"
           "<p>Các huyện trong Cụm cam kết giảm tỷ lệ hộ nghèo ít nhất 3% và hoàn thành 100% hồ sơ thủ tục "
           "hành chính trực tuyến đúng hạn.</p>")
_TEXT_2 = ("<p>Phát biểu tại hội nghị, đại diện Ban Thi đua - Khen thưởng tỉnh đề nghị các huyện chọn những "
           "phần việc cụ thể, dễ kiểm tra để đưa vào nội dung thi đua.</p>")
_TEXT_3 = ("<p>Hội nghị thống nhất giao huyện Thường Xuân làm Cụm trưởng và tổ chức kiểm tra chéo giữa các "
           "huyện vào tháng 11.</p>")


def _rich_text(html: str, extra: str = "") -> str:
    return f'<div class="component rich-text col-12 {extra}"><div class="component-content">{html}</div></div>'


def _image(name: str, caption: str) -> str:
    return (f'<div class="component image col-12"><div class="component-content"><img src="/-/media/tin-tuc/{name}.jpg" '
            f'alt="{caption}"><span class="image-caption field-imagedescription">{caption}</span></div></div>')


PAGE = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Cụm thi đua các huyện miền núi ký kết giao ước thi đua năm 2026</title></head>
<body><div id="wrapper"><header><div class="row"><div class="component link"><div class="component-content">
<a href="/">Ban Thi đua - Khen thưởng tỉnh Thanh Hóa</a></div></div></div></header>
<main><div id="content" class="container"><div class="row">
<div class="component title col-12"><div class="component-content"><h1 class="field-title">Cụm thi đua các huyện miền núi ký kết giao ước thi đua năm 2026</h1></div></div>
<div class="component date col-12"><div class="component-content"><span class="field-date">10/04/2026 08:15</span></div></div>
{_rich_text(_TEXT_1)}
{_image("ky-ket", "Đại diện các huyện ký giao ước thi đua")}
{_rich_text(_TEXT_2)}
{_image("phat-bieu", "Đại diện Ban Thi đua - Khen thưởng tỉnh phát biểu")}
{_rich_text(_TEXT_3)}
<div class="component link-list col-12"><div class="component-content"><h3>Tin liên quan</h3><ul>
<li><a href="/tin-tuc/cum-thi-dua-mien-nui-so-ket-2025">Cụm thi đua các huyện miền núi sơ kết 6 tháng đầu năm 2025</a></li>
<li><a href="/tin-tuc/thuong-xuan-giam-ngheo">Thường Xuân giảm 4% hộ nghèo sau một năm</a></li>
</ul></div></div>
</div></div></main>
<footer><p>Ban Thi đua - Khen thưởng tỉnh Thanh Hóa</p></footer></div></body></html>"""

URL = "https://btdkt.example.vn/tin-tuc/cum-thi-dua-mien-nui-ky-ket-2026"

# The same story with its pictures lazy-loaded: the box names the source in a data attribute for
# the page's script, the served `<img>` is in a `<noscript>`, the caption is schema.org's.
_LAZY = ('<div class="component image col-12"><div class="component-content" data-src="/-/media/tin-tuc/{name}.jpg" '
         'itemscope itemtype="http://schema.org/ImageObject"><noscript><img src="/-/media/tin-tuc/{name}.jpg" alt=""></noscript>'
         '<span itemprop="caption">{caption}</span></div></div>')
LAZY_PAGE = PAGE.replace(_image("ky-ket", "Đại diện các huyện ký giao ước thi đua"),
                         _LAZY.format(name="ky-ket", caption="Đại diện các huyện ký giao ước thi đua"))


def test_the_body_runs_across_component_wrappers():
    record = extract_article(PAGE, URL)
    body = record["body"]
    assert body.startswith("Sáng 9/4, Cụm thi đua các huyện miền núi")
    assert "chọn những phần việc cụ thể" in body
    assert body.rstrip().endswith("vào tháng 11.")
    assert record["captions"] == ["Đại diện các huyện ký giao ước thi đua", "Đại diện Ban Thi đua - Khen thưởng tỉnh phát biểu"]


def test_the_component_run_stops_at_the_link_list():
    body = extract_article(PAGE, URL)["body"]
    assert "Tin liên quan" not in body
    assert "giảm 4% hộ nghèo" not in body
    assert "Đại diện các huyện ký giao ước" not in body


def test_a_lazy_picture_component_continues_the_run_and_its_caption_stays_out():
    record = extract_article(LAZY_PAGE, URL)
    body = record["body"]
    assert "chọn những phần việc cụ thể" in body
    assert body.rstrip().endswith("vào tháng 11.")
    assert "Đại diện các huyện ký giao ước" not in body
    assert "Đại diện các huyện ký giao ước thi đua" in record["captions"]
