"""Template-free boilerplate rules (archive.boilerplate) and the generic-path rules built on
them, each on the smallest page or line that shows it."""

from __future__ import annotations

import pytest

from archive.boilerplate import is_gallery_intro, parse_byline, strip_outlet_prefix
from archive.extract import extract_article


@pytest.mark.parametrize("line, author", [
    ("PV", "PV"),                      # the desk's byline is still the byline
    ("Nhóm PV", "Nhóm PV"),
    ("CTV", "CTV"),
    ("Công Hoan - Xuân Hương", "Công Hoan - Xuân Hương"),
    ("Lê Thanh Tâm - Sở Nội vụ", "Lê Thanh Tâm"),
    ("Minh Thu (Ban Thi đua - Khen thưởng)", "Minh Thu"),
    ("Bài, ảnh: Thu Hà", "Thu Hà"),
    ("Theo TTXVN", None),              # attribution, not an author
    ("Theo baohatinh.vn", None),
    ("Phó Thủ tướng trao Huân chương", None),
])
def test_parse_byline(line: str, author: str | None) -> None:
    assert parse_byline(line) == author


@pytest.mark.parametrize("text, rest", [
    ("(Dân trí) - Tối 8/5, tại Hà Nội", "Tối 8/5, tại Hà Nội"),
    ("(Dân Việt) - Tổng Liên đoàn tuyên dương", "Tổng Liên đoàn tuyên dương"),
    ("(Chinhphu.vn) - Phó Thủ tướng trao", "Phó Thủ tướng trao"),
    ("TTO - UBND TP.HCM khen thưởng", "UBND TP.HCM khen thưởng"),
    ("VOV.VN - Tỉnh Đắk Lắk phát động", "Tỉnh Đắk Lắk phát động"),
    # Prose in brackets stays: lower case, no dash after it.
    ("(ảnh minh họa) Các đại biểu dự hội nghị", "(ảnh minh họa) Các đại biểu dự hội nghị"),
    ("(Ảnh: Hoàng Long) Các đại biểu", "(Ảnh: Hoàng Long) Các đại biểu"),
])
def test_strip_outlet_prefix(text: str, rest: str) -> None:
    assert strip_outlet_prefix(text) == rest


@pytest.mark.parametrize("text, sites, rest", [
    # The name the paper signs with, mixed case: only a site name makes it a tag.
    ("Kinhtedothi - Chiều 29/12, huyện tổng kết", ["Kinh tế & Đô thị", "kinhtedothi.vn"],
     "Chiều 29/12, huyện tổng kết"),
    ("Kinhtedothi - Chiều 29/12, huyện tổng kết", None, "Kinhtedothi - Chiều 29/12, huyện tổng kết"),
    # A place opening the sapo is no outlet tag, whatever the site.
    ("Hà Nội - Người đàn ông 63 tuổi", ["VnExpress", "vnexpress.net"], "Hà Nội - Người đàn ông 63 tuổi"),
    # A bare domain before the dash is always a tag.
    ("Baoquocte.vn - Sáng 15/7, Bộ Ngoại giao", None, "Sáng 15/7, Bộ Ngoại giao"),
])
def test_strip_outlet_prefix_site_names(text: str, sites: list[str] | None, rest: str) -> None:
    assert strip_outlet_prefix(text, sites) == rest


@pytest.mark.parametrize("line, intro", [
    ("Một số hình ảnh tại hội nghị:", True),
    ("Hình ảnh tại buổi lễ", True),
    ("Dưới đây là một số hình ảnh:", True),
    ("Chùm ảnh", True),
    ("Xem video:", True),                                    # what it announces is not prose
    ("Ảnh hưởng của bão số 3 tới sản xuất", False),          # "Ảnh" opening a sentence
    ("Ảnh: Hải Nguyễn", False),                             # a photo credit (is_photo_credit's)
    ("Dịp này, tỉnh trao 5 Cờ thi đua cho các đơn vị.", False),
])
def test_gallery_intro(line: str, intro: bool) -> None:
    assert is_gallery_intro(line) is intro


PARA = ("Hội nghị tổng kết phong trào thi đua yêu nước của tỉnh đã đánh giá kết quả, rút ra "
        "bài học kinh nghiệm và đề ra nhiệm vụ trọng tâm cho giai đoạn tới, {i}.")


def test_aspnet_form_wrapping_the_page_is_not_a_widget() -> None:
    body = "".join(f"<p>{PARA.format(i=i)}</p>" for i in range(4))
    html = (f"<html><head><title>Tin</title></head><body><form id='aspnetForm'><h1>Tổng kết thi đua năm 2025</h1>"
            f"<div class='content'>{body}</div></form></body></html>")
    record = extract_article(html, "https://tinh.example.gov.vn/Pages/ChiTiet.aspx?ItemID=12")
    assert record["body"].startswith("Hội nghị tổng kết")
    assert record["is_article"]


def test_search_form_is_still_dropped() -> None:
    body = "".join(f"<p>{PARA.format(i=i)}</p>" for i in range(4))
    html = (f"<html><body><form class='search'><input name=q><p>Tìm kiếm nâng cao trong toàn bộ "
            f"cổng thông tin</p></form><h1>Tổng kết thi đua năm 2025</h1><div>{body}</div></body></html>")
    record = extract_article(html, "https://tinh.example.gov.vn/tin/123.html")
    assert "Tìm kiếm" not in record["body"]


def test_data_table_rows_read_as_lines() -> None:
    body = "".join(f"<p>{PARA.format(i=i)}</p>" for i in range(3))
    table = ("<table><tr><td>1</td><td>Huyện Bá Thước</td><td>Cờ thi đua</td></tr>"
             "<tr><td>2</td><td>Huyện Lang Chánh</td><td>Bằng khen</td></tr></table>")
    html = f"<html><body><h1>Tổng kết thi đua năm 2025</h1><div>{body}{table}<p>{PARA.format(i=9)}</p></div></body></html>"
    record = extract_article(html, "https://tinh.example.gov.vn/tin/123.html")
    assert "1 | Huyện Bá Thước | Cờ thi đua" in record["body"].split("\n\n")


def test_listing_of_linked_headlines_is_not_an_article() -> None:
    teasers = "".join(
        f"<div class='story'><h3><a href='/tin/{i}.html'>Tin thi đua số {i} của tỉnh trong năm</a></h3>"
        f"<p>{PARA.format(i=i)}</p></div>" for i in range(6))
    html = f"<html><head><title>Thi đua - Khen thưởng</title></head><body><div class='list'>{teasers}</div></body></html>"
    record = extract_article(html, "https://bao.example.vn/thi-dua-khen-thuong")
    assert not record["is_article"]
    assert record["title"] == "Thi đua - Khen thưởng"


def test_byline_rank_affiliation_and_second_writer() -> None:
    from archive.boilerplate import parse_byline

    assert parse_byline("Tác giả: Thiếu tá Trần Quốc Vũ") == "Trần Quốc Vũ"
    assert parse_byline("Tác giả: Mai Lan - Quỹ Tín dụng nhân dân xã Tân Phú") == "Mai Lan"
    assert parse_byline("Hải Yến - Đoàn Minh Khôi") == "Hải Yến - Đoàn Minh Khôi"   # 'Đoàn' opens a name here
    assert parse_byline("Hải Yến - Đoàn Thanh niên xã") == "Hải Yến"
