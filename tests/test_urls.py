"""Canonical URLs and content fingerprints: one article must be one row."""

from __future__ import annotations

import unicodedata

import pytest

from archive.urls import canonical_url, content_fingerprint, hamming, simhash


@pytest.mark.parametrize("url, canonical", [
    # scheme/host case, fragment, tracking parameters; the article id parameter stays
    ("HTTPS://WWW.BaoTinh.VN/tin-tuc/abc.html?utm_source=fb&fbclid=IwAR&id=5#top",
     "https://www.baotinh.vn/tin-tuc/abc.html?id=5"),
    ("https://baotinh.vn/a.html?zarsrc=30&utm_medium=zalo&gclid=x", "https://baotinh.vn/a.html"),
    # session ids, in the query and as a path parameter
    ("http://ldld.gov.vn/news;jsessionid=ABC123?PHPSESSID=9f&NewsID=2", "http://ldld.gov.vn/news?NewsID=2"),
    ("http://ldld.gov.vn/tin.aspx?sid=77&ItemID=5", "http://ldld.gov.vn/tin.aspx?ItemID=5"),
    # print / mobile / AMP variants
    ("https://m.baotinh.vn/tin-tuc/abc.html", "https://baotinh.vn/tin-tuc/abc.html"),
    ("https://baotinh.vn/print/tin-tuc/abc.html?print=1", "https://baotinh.vn/tin-tuc/abc.html"),
    ("https://baotinh.vn/amp/tin-tuc/abc.html", "https://baotinh.vn/tin-tuc/abc.html"),
    ("https://baotinh.vn/a.html?view=print", "https://baotinh.vn/a.html"),
    # a key that renders the same node with another template (print/popup copy), whatever its
    # value; the key that names the article stays
    ("https://hoinongdan.vn/tin/hoi-nghi-cum-3/?AltTemplate=BanIn", "https://hoinongdan.vn/tin/hoi-nghi-cum-3/"),
    ("https://hoinongdan.vn/index.php?option=com_content&id=88&tmpl=component&print=1",
     "https://hoinongdan.vn/index.php?id=88&option=com_content"),
    ("https://hoinongdan.vn/tin.aspx?ItemID=7&SkinSrc=%5BG%5DSkins%2FPrint", "https://hoinongdan.vn/tin.aspx?ItemID=7"),
    # default port out, parameters in a stable order
    ("http://site.vn:80/a?b=2&a=1", "http://site.vn/a?a=1&b=2"),
])
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_rel_canonical_same_site_wins() -> None:
    html = '<head><link rel="canonical" href="https://www.baotinh.vn/tin-tuc/abc-123.html"></head>'
    assert canonical_url("https://m.baotinh.vn/amp/tin-tuc/abc-123.html?utm_source=x", html) == \
        "https://www.baotinh.vn/tin-tuc/abc-123.html"


def test_rel_canonical_relative_href() -> None:
    html = "<link href='/tin-tuc/abc-123.html' rel='canonical'>"
    assert canonical_url("https://baotinh.vn/tin-tuc/abc-123.html?page=2&utm_source=x", html) == \
        "https://baotinh.vn/tin-tuc/abc-123.html"


def test_rel_canonical_to_another_site_is_ignored() -> None:
    # A syndicated copy pointing at the original: a different article row, linked by content.
    html = '<link rel="canonical" href="https://nhandan.vn/original-1.html">'
    assert canonical_url("https://baotinh.vn/copy-9.html", html) == "https://baotinh.vn/copy-9.html"


def test_rel_canonical_to_the_home_page_is_ignored() -> None:
    # Templates that print the root as every page's canonical would merge the whole site.
    html = '<link rel="canonical" href="https://baotinh.vn/">'
    assert canonical_url("https://baotinh.vn/tin-tuc/abc-123.html", html) == \
        "https://baotinh.vn/tin-tuc/abc-123.html"


BODY = ("Sáng 20/4, Khối thi đua các cơ quan tổng hợp tổ chức hội nghị ký kết giao ước thi đua năm "
        "2023.\n\nCác đơn vị thống nhất 8 nội dung thi đua trọng tâm, chú trọng cải cách hành chính.")


def test_fingerprint_ignores_composition_spacing_and_punctuation() -> None:
    nfd = unicodedata.normalize("NFD", BODY)
    respaced = BODY.replace(" ", "  ").replace("\n\n", "\n").replace(",", " ,")
    quoted = BODY.replace("2023.", "2023 –")
    fp = content_fingerprint("A", BODY)
    assert fp.startswith("sha1:")
    assert content_fingerprint("B", nfd) == fp
    assert content_fingerprint("A", respaced) == fp
    assert content_fingerprint("A", quoted) == fp


def test_fingerprint_differs_for_other_text_and_falls_back_to_title() -> None:
    assert content_fingerprint("A", BODY) != content_fingerprint("A", BODY + " Thêm một câu.")
    assert content_fingerprint("Tiêu đề", "") == content_fingerprint("Tiêu Đề", None)


def test_simhash_near_duplicates() -> None:
    edited = BODY.replace("8 nội dung", "tám nội dung")
    other = "Hội Nông dân tỉnh biểu dương 150 nông dân sản xuất giỏi giai đoạn 2020-2022 tại hội trường."
    assert hamming(simhash(BODY), simhash(edited)) < hamming(simhash(BODY), simhash(other))
    assert hamming(simhash(BODY), simhash(unicodedata.normalize("NFD", BODY))) == 0
