"""A story written by a block editor as sibling boxes of one container (Drupal paragraphs here:
text, a captioned picture, text, a picture, text) is whole: the body runs across every text box
and picture of the run, not only the richest box, and stops at the share bar and related links
that follow it (archive/bodyrun.py). The page is this test's own."""

from __future__ import annotations

from archive.extract import extract_article

_TEXT_1 = ("<p>Sáng 12/3, Hội Liên hiệp Phụ nữ huyện Đông Sơn tổ chức hội nghị tổng kết phong trào thi đua "
           "năm 2025 tại hội trường Trung tâm Chính trị huyện, với sự tham dự của 120 đại biểu.</p>"
           "<p>Năm qua, các cơ sở Hội đã vận động xây dựng 14 mái ấm tình thương, hỗ trợ 62 hội viên "
           "vay vốn phát triển kinh tế gia đình.</p>")
_TEXT_2 = ("<p>Tại hội nghị, 18 tập thể và 35 cá nhân được khen thưởng vì có thành tích xuất sắc trong "
           "phong trào thi đua, trong đó Hội Phụ nữ xã Đông Hòa dẫn đầu khối cơ sở.</p>")
_TEXT_3 = ("<p>Năm 2026, Hội phấn đấu giúp thêm 40 hộ hội viên thoát nghèo và thành lập mới ba tổ hợp tác "
           "do phụ nữ làm chủ.</p>")


def _image(name: str, caption: str) -> str:
    return (f'<div class="paragraph paragraph--type--image"><figure><img src="/sites/default/files/{name}.jpg" '
            f'alt="{caption}"><figcaption>{caption}</figcaption></figure></div>')


PAGE = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hội Phụ nữ huyện Đông Sơn tổng kết phong trào thi đua năm 2025 | Hội LHPN tỉnh</title></head>
<body><header><a href="/">Hội Liên hiệp Phụ nữ tỉnh</a></header>
<main><article class="node node--type-article">
<h1 class="page-title">Hội Phụ nữ huyện Đông Sơn tổng kết phong trào thi đua năm 2025</h1>
<div class="node__meta">Ngày đăng: 13/03/2026</div>
<div class="node__content"><div class="field field--name-field-paragraphs">
<div class="paragraph paragraph--type--text">{_TEXT_1}</div>
{_image("hoi-nghi", "Quang cảnh hội nghị tổng kết")}
<div class="paragraph paragraph--type--text">{_TEXT_2}</div>
{_image("khen-thuong", "Trao bằng khen cho các tập thể")}
<div class="paragraph paragraph--type--text">{_TEXT_3}</div>
<div class="paragraph paragraph--type--share"><a href="https://facebook.com/sharer">Chia sẻ</a>
<a href="https://zalo.me/share">Zalo</a></div>
<div class="paragraph paragraph--type--related"><ul>
<li><a href="/tin-tuc/hoi-phu-nu-xa-dong-hoa-ra-mat-to-hop-tac">Hội Phụ nữ xã Đông Hòa ra mắt tổ hợp tác may mặc</a></li>
<li><a href="/tin-tuc/dong-son-trao-mai-am">Đông Sơn trao mái ấm tình thương cho hội viên khó khăn</a></li>
</ul></div>
</div></div></article></main>
<footer><p>Hội Liên hiệp Phụ nữ tỉnh Thanh Hóa</p></footer></body></html>"""


def test_the_body_runs_across_the_sibling_text_and_picture_boxes():
    record = extract_article(PAGE, "https://phunu.example.vn/tin-tuc/dong-son-tong-ket-2025")
    body = record["body"]
    assert body.startswith("Sáng 12/3, Hội Liên hiệp Phụ nữ huyện Đông Sơn")
    assert "18 tập thể và 35 cá nhân" in body
    assert body.rstrip().endswith("do phụ nữ làm chủ.")
    assert record["captions"] == ["Quang cảnh hội nghị tổng kết", "Trao bằng khen cho các tập thể"]


def test_the_run_stops_at_share_bars_and_related_links():
    body = extract_article(PAGE, "https://phunu.example.vn/tin-tuc/dong-son-tong-ket-2025")["body"]
    assert "Chia sẻ" not in body
    assert "ra mắt tổ hợp tác may mặc" not in body
