"""`thidua sources add`: the entry a new user pastes, from pages written here in the shapes of
real portal families (not copied from any site)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from archive.newsource import (
    organisation_kind,
    page_routes,
    propose,
    read_page,
    score_platforms,
    site_name,
)
from archive.organisations import expand_head
from demo.server import to_cp1258

ROOT = Path(__file__).resolve().parent.parent
BODY = ("<p>Sáng 14/7, tại hội trường Ủy ban nhân dân huyện, Cụm thi đua số 3 tổ chức hội nghị sơ "
        "kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024.</p>"
        "<p>Cụm thi đua gồm 6 đơn vị; năm 2024, Ủy ban nhân dân huyện là Cụm trưởng. Các đơn vị "
        "thống nhất tiếp tục đẩy mạnh phong trào thi đua yêu nước trong 6 tháng cuối năm.</p>"
        "<p>Hội nghị đã bầu đơn vị Cụm phó và ký kết giao ước thi đua năm 2025.</p>")


def article(title: str, site: str, extra_head: str = "") -> str:
    return (f"<html><head><title>{title} - {site}</title>{extra_head}</head><body>"
            f"<div class='banner'><a href='/'>{site}</a></div>"
            f"<div class='detail'><h1>{title}</h1><p class='date'>15/07/2024 08:30</p>{BODY}</div>"
            "</body></html>")


def home(site: str, n: int = 8, pager: str = "") -> str:
    items = "".join(f"<div class='item'><h3><a href='/tin-tuc/hoi-nghi-so-ket-thi-dua-cum-so-{i}-nam-2024-{900 + i}.html'>"
                    f"Hội nghị sơ kết thi đua Cụm số {i} năm 2024</a></h3><p>Tóm tắt tin số {i}.</p></div>"
                    for i in range(n))
    return (f"<html><head><title>{site}</title>"
            "<link rel='alternate' type='application/rss+xml' href='/rss/tin-tuc.xml'></head>"
            f"<body><h1><a href='/'>{site}</a></h1><div class='list'>{items}</div>{pager}</body></html>")


def test_name_rejoins_a_dash_inside_the_organisation_and_drops_page_names() -> None:
    site = "Ban Thi đua – Khen thưởng tỉnh Quảng Ninh"
    pages = [read_page("https://x.vn/tin-tuc/a-901.html",
                       article("Hội nghị sơ kết Cụm thi đua số 3", site).encode("utf-8")),
             read_page("https://x.vn/", home(f"Trang chủ | {site}").encode("utf-8"))]
    assert site_name(pages, "x.vn") == site
    assert organisation_kind(site, "x.vn") == "btdkt"


@pytest.mark.parametrize("page, expected", [
    # a DNN-style breadcrumb title 'Headline > Section > Site' and a logo named by its id
    ("<html><head><title>Cụm thi đua số 2 tổng kết năm 2013 &gt; Tin hoạt động &gt; Ban Thi đua - Khen thưởng "
     "tỉnh Cao Bằng</title></head><body><a id='dnn_LOGO_hyp'><img id='dnn_LOGO_img' src='/p/x.png' "
     "alt='Ban Thi đua - Khen thưởng tỉnh Cao Bằng'></a><span class='Head'>Cụm thi đua số 2 tổng kết năm "
     "2013</span><div class='Normal'>" + BODY + "</div></body></html>", "Ban Thi đua – Khen thưởng tỉnh Cao Bằng"),
    # a blog: 'Blog: Post' title, the blog's name in its banner's h1.title, the post's in h3
    ("<html><head><title>Tỉnh đoàn Hà Giang: Cụm thi đua số 4 sơ kết 6 tháng năm 2014</title></head><body>"
     "<div class='header'><h1 class='title'><a href='/'>Tỉnh đoàn Hà Giang</a></h1></div><div class='post'><h3 class='post-title'>Cụm thi đua số 4 sơ "
     "kết 6 tháng năm 2014</h3><div class='post-body'>" + BODY + "</div></div></body></html>",
     "Tỉnh đoàn Hà Giang"),
    # the headline in an article <header>, the site's name only in its brand image
    ("<html><head><title>Khối thi đua các hội đặc thù tổng kết năm 2015</title></head><body><header><a href='/'>"
     "<img src='/brand-logo.svg' alt='Hội Chữ thập đỏ tỉnh Bắc Kạn'></a></header><article><header><h1>Khối thi "
     "đua các hội đặc thù tổng kết năm 2015</h1></header>" + BODY + "</article></body></html>",
     "Hội Chữ thập đỏ tỉnh Bắc Kạn"),
    # 'logo' in a layout class on <body> names no logo: the writer's avatar is not the site; the
    # brand is a text link whose class names the logo
    ("<html><head><title>Cụm thi đua số 5 ký kết giao ước năm 2020</title></head>"
     "<body class='page has-left-logo'><nav><a class='brand-logo' href='/'>Hội Người mù tỉnh Phú Yên</a></nav>"
     "<article><h1>Cụm thi đua số 5 ký kết giao ước năm 2020</h1><div class='byline'><img src='/u/avatar.jpg' "
     "alt='Lê Thị Hồng Nhung'> Lê Thị Hồng Nhung</div>" + BODY + "</article></body></html>",
     "Hội Người mù tỉnh Phú Yên"),
    # the logo's alt text says it is a logo: the word is no part of the name
    ("<html><head><title>Khối thi đua các hội đặc thù tổng kết năm 2015</title></head><body><header><a href='/'>"
     "<img class='navbar-brand-logo' src='/l.png' alt='Hội Chữ thập đỏ tỉnh Bắc Kạn logo'></a></header><article>"
     "<h1>Khối thi đua các hội đặc thù tổng kết năm 2015</h1>" + BODY + "</article></body></html>",
     "Hội Chữ thập đỏ tỉnh Bắc Kạn"),
    ("<html><head><title>Khối thi đua các hội đặc thù tổng kết năm 2015</title></head><body><header><a href='/'>"
     "<img id='logo' src='/l.png' alt='Logo Hội Chữ thập đỏ tỉnh Bắc Kạn'></a></header><article>"
     "<h1>Khối thi đua các hội đặc thù tổng kết năm 2015</h1>" + BODY + "</article></body></html>",
     "Hội Chữ thập đỏ tỉnh Bắc Kạn"),
    # no brand in the markup at all: the publisher of the JSON-LD, not its author
    ("<html><head><title>Cụm thi đua số 5 ký kết giao ước năm 2020</title><script type='application/ld+json'>"
     '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Đinh Văn Hậu"}, '
     '"publisher": {"@type": "Organization", "name": "Liên đoàn Lao động tỉnh Hậu Giang"}}</script></head>'
     "<body><article><h1>Cụm thi đua số 5 ký kết giao ước năm 2020</h1><p class='author'><img src='/a.png' "
     "alt='Đinh Văn Hậu'>Đinh Văn Hậu</p>" + BODY + "</article></body></html>",
     "Liên đoàn Lao động tỉnh Hậu Giang"),
])
def test_from_an_article_page_the_name_is_the_sites_never_the_headline(page: str, expected: str) -> None:
    page = page.replace(BODY, "<p class='date'>Ngày 20/12/2015</p>" + BODY * 3)
    pages = [read_page("https://y.vn/tin-tuc/cum-thi-dua-tong-ket-1201.html", page.encode("utf-8"))]
    assert pages[0].kind == "article"
    assert site_name(pages, "y.vn") == expected


def _detail(headline: str, frame_top: str, frame_bottom: str = "") -> str:
    """An article page of a portal template whose <title> is the headline's alone and whose
    headline is an <h2>: the organisation only in the page's frame."""
    return (f"<html><head><title>{headline}</title><meta property='og:title' content='{headline}'></head><body>"
            f"{frame_top}<div class='col-main'><div class='detail'><h2 class='detail-title'>{headline}</h2>"
            "<p class='date'>Ngày 20/12/2015</p>" + BODY * 3 + "</div></div>"
            f"{frame_bottom}</body></html>")


@pytest.mark.parametrize("page, expected", [
    # the banner shouts the organisation in the page's only <h1>, outside any <header>
    (_detail("Cụm thi đua các huyện miền núi tổng kết năm 2015",
             "<div class='top'><h1>BAN THI ĐUA - KHEN THƯỞNG TỈNH LẠNG SƠN</h1><p>Cổng thông tin</p></div>"),
     "Ban Thi đua – Khen thưởng tỉnh Lạng Sơn"),
    # the banner in title case, the headline's words in it too
    (_detail("Hội Nông dân tổ chức hội nghị Cụm thi đua số 1",
             "<div id='brand'><h1><a href='/'>Hội Nông Dân Tỉnh Yên Bái</a></h1></div>"),
     "Hội Nông dân tỉnh Yên Bái"),
    # no banner text at all (an image): the footer's owner line, before its address
    (_detail("Khối thi đua các hội đặc thù tổng kết năm 2015", "<div class='top'><img src='/b.png'></div>",
             "<div id='footer'><p>Liên đoàn Lao động tỉnh Kon Tum. Địa chỉ: 12 Trần Hưng Đạo, TP. Kon Tum</p>"
             "<p>Thiết kế bởi Công ty TNHH Phần mềm Tây Nguyên</p></div>"),
     "Liên đoàn Lao động tỉnh Kon Tum"),
    # a copyright line in a <footer>, in capitals
    (_detail("Khối thi đua các sở tổng kết năm 2015", "",
             "<footer><p>© 2021 BẢN QUYỀN THUỘC VỀ SỞ NỘI VỤ TỈNH ĐẮK NÔNG</p><p>Điện thoại: 0261.xxx</p></footer>"),
     "Sở Nội vụ tỉnh Đắk Nông"),
])
def test_the_name_in_a_shouted_banner_or_the_footer_when_the_title_is_the_headlines(page: str, expected: str) -> None:
    pages = [read_page("https://z.vn/tin-tuc/1201/cum-thi-dua-tong-ket", page.encode("utf-8"))]
    assert pages[0].kind == "article"
    assert site_name(pages, "z.vn") == expected


def _portal_home(title: str, footer: str) -> str:
    """A government portal's home page: the national emblem as the logo, the organisation named
    only after the portal's self-description, in the <title> and the footer (the eighth blind site
    set's Java portal)."""
    teasers = "".join(f"<li><a href='/vi/news/tin-tuc/hoi-nghi-{n}-{n}0{n}.html'>Hội nghị tổng kết công tác số {n} của ngành</a></li>"
                      for n in range(1, 6))
    return (f"<html><head><title>{title}</title></head><body><div class='header'><a href='/' class='logo'>"
            "<img src='/resources/images/quoc-huy.png' alt='Quốc huy'></a><p>UBND TỈNH VĨNH AN</p></div>"
            f"<ul class='news'>{teasers}</ul><div class='footer'><p><b>{footer}</b></p>"
            "<p>Địa chỉ: Số 1 Trần Hưng Đạo, thành phố Vĩnh An</p></div></body></html>")


@pytest.mark.parametrize("title, footer, expected", [
    ("Cổng thông tin điện tử Sở Tư pháp tỉnh Vĩnh An", "CỔNG THÔNG TIN ĐIỆN TỬ SỞ TƯ PHÁP TỈNH VĨNH AN", "Sở Tư pháp tỉnh Vĩnh An"),
    ("Trang thông tin điện tử Hội Cựu chiến binh tỉnh Vĩnh An", "Trang TTĐT Hội Cựu chiến binh tỉnh Vĩnh An",
     "Hội Cựu chiến binh tỉnh Vĩnh An"),
    ("Trang chủ", "Cổng TTĐT Sở Tư pháp tỉnh Vĩnh An", "Sở Tư pháp tỉnh Vĩnh An"),
])
def test_the_organisation_after_the_portals_self_description_not_the_emblem(title: str, footer: str, expected: str) -> None:
    pages = [read_page("https://stp.vinhan.gov.vn/", _portal_home(title, footer).encode("utf-8"))]
    assert site_name(pages, "stp.vinhan.gov.vn") == expected


def _short_titled_home(title: str, banner: str, footer: str) -> str:
    """A home page whose <title> abbreviates the owner, its banner image and footer written out."""
    teasers = "".join(f"<li><a href='/tin-tuc/so-ket-cum-thi-dua-so-{i}-{700 + i}.html'>Cụm thi đua số {i} sơ "
                      f"kết 6 tháng năm 2023</a></li>" for i in range(5))
    return (f"<html><head><title>{title} - Trang chủ</title></head><body><div id='top'>"
            f"<img src='/images/banner-top.jpg' class='logo' alt='{banner}'></div><ul class='news'>{teasers}</ul>"
            f"<div id='footer'><p>{footer}</p><p>Điện thoại: 0200.3000.111</p></div></body></html>")


@pytest.mark.parametrize("title, banner, footer, expected", [
    # the page writes the same organisation out: its spelling wins, with the 'tỉnh' the title left out
    ("LĐLĐ Vĩnh An", "", "Liên đoàn Lao động tỉnh Vĩnh An", "Liên đoàn Lao động tỉnh Vĩnh An"),
    ("Hội LHPN tỉnh Vĩnh An", "HỘI LIÊN HIỆP PHỤ NỮ TỈNH VĨNH AN", "Trụ sở: 12 Lê Lợi",
     "Hội Liên hiệp Phụ nữ tỉnh Vĩnh An"),
    # nothing on the page writes it out: the lexicon's expansion, head after head
    ("UBND xã Tân Lập", "", "Trụ sở: thôn Đông", "Ủy ban nhân dân xã Tân Lập"),
    ("BCH LĐLĐ huyện Lạc Sơn", "", "Trụ sở: 3 Quang Trung", "Ban Chấp hành Liên đoàn Lao động huyện Lạc Sơn"),
    # the footer names another body (the province's federation): not this site's full form
    ("LĐLĐ huyện Lạc Sơn", "", "Liên đoàn Lao động tỉnh Vĩnh An", "Liên đoàn Lao động huyện Lạc Sơn"),
    # a name written out already stays as written
    ("Ban Thi đua - Khen thưởng tỉnh Vĩnh An", "", "Ban TĐKT tỉnh Vĩnh An", "Ban Thi đua – Khen thưởng tỉnh Vĩnh An"),
    # a short form the lexicon cannot expand ('Liên hiệp Hội' may be either union), written out in
    # the banner with words between its own (a site builder's og:site_name and home <title>)
    ("Liên hiệp Hội Vĩnh An", "LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT TỈNH VĨNH AN", "Trụ sở: 12 Lê Lợi",
     "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Vĩnh An"),
    # a footer naming a district body of the same head: another organisation, not the full form
    ("Hội Nông dân Vĩnh An", "", "Hội Nông dân huyện Lạc Sơn tỉnh Vĩnh An", "Hội Nông dân Vĩnh An"),
])
def test_a_title_that_abbreviates_the_owner_gives_its_name_written_out(
        title: str, banner: str, footer: str, expected: str) -> None:
    pages = [read_page("https://ldld.vinhan.gov.vn/", _short_titled_home(title, banner, footer).encode("utf-8"))]
    assert site_name(pages, "ldld.vinhan.gov.vn") == expected


def test_a_site_builders_short_site_name_is_written_out_from_the_footer() -> None:
    """A hosted builder's og:site_name and <title> are the short name its owner typed ('Liên hiệp
    Hội Vĩnh An', which the lexicon cannot expand: either union); the footer's rich text writes it out."""
    page = ("<html><head><title>Liên hiệp Hội Vĩnh An</title><meta property='og:site_name' content='Liên hiệp Hội Vĩnh An'>"
            "</head><body><div id='SITE'><header><div class='kX2p'><p class='font_8'>Trang chủ</p></div></header>"
            "<main><div class='q1Zr'><div class='Hh7w'><p class='font_8'>Chào mừng đến với trang thông tin của Liên hiệp Hội.</p>"
            "</div></div></main><footer><div class='kX2p'><p class='font_8'>LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT TỈNH VĨNH AN</p>"
            "<p class='font_8'>Địa chỉ: 12 Lê Lợi, thành phố Vĩnh An</p></div></footer></div></body></html>")
    pages = [read_page("https://lienhiephoi-vinhan.example.vn/", page.encode("utf-8"))]
    name = site_name(pages, "lienhiephoi-vinhan.example.vn")
    assert name == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Vĩnh An"
    assert organisation_kind(name, "lienhiephoi-vinhan.example.vn") == "lhh-khkt"


def test_only_the_head_of_a_name_is_expanded() -> None:
    """'CĐ' further in is a college's ('Trường CĐ'), not a union's: only the opening short forms."""
    assert expand_head("Trường CĐ Y tế Vĩnh An") == "Trường CĐ Y tế Vĩnh An"
    assert expand_head("Ủy ban MTTQ tỉnh Vĩnh An") == "Ủy ban Mặt trận Tổ quốc tỉnh Vĩnh An"
    assert expand_head("HĐND huyện Lạc Sơn") == "Hội đồng nhân dân huyện Lạc Sơn"


def test_a_province_from_the_page_text_when_no_name_is_found() -> None:
    """Nothing names the organisation; the footer's address names the province: the entry gets
    it (to check by hand) instead of none, which the registry check would reject."""
    page = _detail("Cụm thi đua số 2 tổng kết năm 2015", "<div class='top'><img src='/b.png'></div>",
                   "<div class='bottom'><p>Địa chỉ: số 8 đường Trường Chinh, tỉnh Bắc Kạn</p></div>")
    pages = [read_page("https://10.0.0.7/tin-tuc/1201/cum-thi-dua-tong-ket", page.encode("utf-8"))]
    text = propose(pages[0].url, pages, {})
    entry = tomllib.loads(text[text.index("[[source]]"):])["source"][0]
    assert (entry["province"], entry.get("province_former")) == ("Thái Nguyên", "Bắc Kạn")


def test_a_framed_documents_province_is_the_one_its_text_names_most() -> None:
    """A document shown in a frame (a Lotus Domino form) has no banner, footer or menu: only its
    text says where the site is, and a meeting of several provinces lists them all; the province
    it names most often is the site's, not the longest name in the list, and so is the body."""
    body = ("<b><font size='4'>Cụm thi đua Hội Nông dân bốn tỉnh ký kết giao ước năm 2021</font></b><br>"
            "<font size='1'>Ngày cập nhật: 10/03/2021 04:15:20 PM</font><br>"
            "<font size='2'>Ngày 9/3, tại Hội trường Hội Nông dân tỉnh Hà Nam, Cụm thi đua gồm Hội Nông dân các tỉnh"
            " Hà Nam, Nam Định, Thái Bình và Hưng Yên tổ chức ký kết giao ước thi đua năm 2021.</font><br><br>"
            "<font size='2'>Hội Nông dân tỉnh Hà Nam là Cụm trưởng; đồng chí Chủ tịch Hội Nông dân tỉnh Hà Nam"
            " chủ trì hội nghị.</font><br><br>"
            "<font size='2'>Các tỉnh cam kết mỗi năm giúp ít nhất 500 hộ nông dân thoát nghèo, xây dựng 20 mô hình"
            " liên kết sản xuất và tổ chức hai đợt kiểm tra chéo vào tháng 6 và tháng 11.</font><br><br>"
            "<font size='2'>Hội nghị cũng thống nhất chọn Hội Nông dân tỉnh Nam Định làm Cụm trưởng năm 2022 và tổ"
            " chức hội nghị tổng kết vào tuần cuối tháng 12.</font>")
    title = "Cụm thi đua Hội Nông dân bốn tỉnh ký kết giao ước năm 2021"  # the form's <title>: its subject
    page = f"<html><head><title>{title}</title></head><body><form name='_frm'>{body}</form></body></html>"
    pages = [read_page("http://10.0.0.9/hnd/web.nsf/0/ABCDEF0123456789ABCDEF0123456789?OpenDocument", page.encode("utf-8"))]
    text = propose(pages[0].url, pages, {})
    entry = tomllib.loads(text[text.index("[[source]]"):])["source"][0]
    assert (entry["province"], entry.get("province_former")) == ("Ninh Bình", "Hà Nam")
    assert entry["name"] == "Hội Nông dân tỉnh Hà Nam"  # the body its text names at every turn
    assert entry["organisation_kind"] == "hnd"


@pytest.mark.parametrize("name, kind", [
    ("Hội LHPN tỉnh Bình Phước", "hlhpn"), ("Hội Liên hiệp Phụ nữ tỉnh Gia Lai", "hlhpn"),
    ("Liên đoàn Lao động tỉnh Lạng Sơn", "ldld"), ("Công đoàn ngành Giáo dục tỉnh Sơn La", "ldld"),
    ("Báo Cà Mau điện tử", "newspaper"), ("Sở Nội vụ tỉnh Điện Biên", "so"),
    # any provincial department is a `so`, named in the gazetteer or not; its commendation board
    # stays a `btdkt`
    ("Sở Giáo dục và Đào tạo tỉnh Hòa Bình", "so"), ("Sở Tài chính tỉnh Quảng Trị", "so"),
    ("SỞ XÂY DỰNG TỈNH LAI CHÂU", "so"), ("Ban Thi đua - Khen thưởng Sở Nội vụ tỉnh Yên Bái", "btdkt"),
    ("Tỉnh đoàn Cao Bằng", "tinh-doan"), ("Hội Nông dân tỉnh Hà Tĩnh", "hnd"),
    ("Ủy ban MTTQ Việt Nam tỉnh Lai Châu", "mttq"), ("Hội Cựu chiến binh tỉnh Kon Tum", "hccb"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Gia Lai", "lhh-khkt"),
    ("Liên hiệp các Hội KH&KT tỉnh Bình Định", "lhh-khkt"),
    ("Liên hiệp các Hội Văn học nghệ thuật tỉnh Gia Lai", "other"),  # the other union of associations
])
def test_organisation_kinds(name: str, kind: str) -> None:
    assert organisation_kind(name, "example.vn") == kind


def test_a_windows_1258_page_is_decoded_before_its_name_and_province_are_read(tmp_path: Path) -> None:
    site = "Hội Nông dân tỉnh Hà Giang"
    raw = home(site).replace("<head>", "<head><meta http-equiv='Content-Type' "
                                        "content='text/html; charset=windows-1258'>")
    page = tmp_path / "home.html"
    page.write_bytes(to_cp1258(raw))
    out = subprocess.run([sys.executable, "-m", "archive", "sources", "add", "https://hnd.example.vn/",
                          "--file", str(page)], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    entry = tomllib.loads(out[out.index("[[source]]"):])["source"][0]
    assert entry["name"] == site and entry["organisation_kind"] == "hnd"
    assert (entry["province"], entry.get("province_former")) == ("Tuyên Quang", "Hà Giang")
    assert entry["start_urls"] == ["https://hnd.example.vn/"]
    assert entry["feeds"] == ["https://hnd.example.vn/rss/tin-tuc.xml"]
    assert "article links on the listing page: 8" in out


def test_a_platform_whose_listing_selector_finds_nothing_never_wins() -> None:
    """Both blocks describe the article page; only one finds the site's article links."""
    fits_article = {"title": "div.detail h1", "date": "p.date", "body": "div.detail"}
    platforms = {"blind-listing": {**fits_article, "article_links": "ul.news-list li a.title"},
                 "right-listing": {**fits_article, "article_links": "div.item h3 a"}}
    site = "Liên đoàn Lao động tỉnh Lạng Sơn"
    art = read_page("https://x.vn/tin-tuc/a-901.html", article("Hội nghị sơ kết thi đua", site).encode())
    listing = read_page("https://x.vn/", home(site).encode())
    assert {g.platform for g in score_platforms([art], platforms)} == {"blind-listing", "right-listing"}
    assert [g.platform for g in score_platforms([art, listing], platforms)] == ["right-listing"]
    text = propose("https://x.vn/", [listing, art], platforms)
    assert tomllib.loads(text[text.index("[[source]]"):])["source"][0]["platform"] == "right-listing"


# A vendor's portal whose markup shares class names with a platform block: the headline
# h1.news-title and the text div.news-content as the block says, the date in a span the block
# does not name; its lists are div.news-item blocks linking /vi/news/<cat>/<slug>-<id>.html.
PORTAL_BLOCKS = {
    "federation-portal": {"article_links": "div.news-list h3 a", "title": "div.news-detail h1.news-title",
                          "date": "div.news-detail div.news-date", "lead": "div.news-detail div.news-sapo",
                          "body": "div.news-detail div.news-content"},
    "oracle-portal": {"article_links": "div.news-item h3 a", "article_url": r"dDocName=PORTAL\d+",
                      "title": "div.detail-news h1.title", "date": "div.detail-news span.date",
                      "body": "div.detail-news div.content-news"},
}


def vendor_article(site: str) -> str:
    return (f"<html><head><title>Cụm thi đua khối nội chính tổng kết năm 2019 | {site}</title></head><body>"
            f"<header><a class='logo' href='/'>{site}</a></header><div class='news-detail'>"
            "<h1 class='news-title'>Cụm thi đua khối nội chính tổng kết năm 2019</h1>"
            "<div class='news-meta'><span class='news-date'>09/01/2020 15:12</span></div>"
            f"<div class='news-sapo'>Cụm thi đua tổng kết.</div><div class='news-content'>{BODY}</div></div>"
            "</body></html>")


def vendor_listing(site: str) -> str:
    items = "".join(f"<div class='news-item'><h3><a href='/vi/news/thi-dua/cum-thi-dua-so-{i}-tong-ket-{300 + i}.html'>"
                    f"Cụm thi đua số {i} tổng kết năm 2019</a></h3><p>Tóm tắt {i}.</p></div>" for i in range(5))
    return (f"<html><head><title>{site}</title></head><body><header><a class='logo' href='/'>{site}</a></header>"
            f"<section class='home-news'>{items}</section></body></html>")


@pytest.mark.parametrize("pages", ["article", "listing", "both"])
def test_a_block_that_only_partly_fits_the_site_is_not_proposed(pages: str) -> None:
    """Weak evidence gives generic: one kind of page only, core fields the block's selectors
    miss (the date), or listing links the block's selector finds but not of its article shape."""
    site = "Sở Nội vụ tỉnh Nam Định"
    art = read_page("https://x.vn/vi/news/thi-dua/cum-thi-dua-noi-chinh-tong-ket-377.html",
                    vendor_article(site).encode())
    listing = read_page("https://x.vn/", vendor_listing(site).encode())
    given = {"article": [art], "listing": [listing], "both": [art, listing]}[pages]
    assert (art.kind, listing.kind) == ("article", "listing")
    text = propose(given[0].url, given, PORTAL_BLOCKS)
    assert tomllib.loads(text[text.index("[[source]]"):])["source"][0]["platform"] == "generic"
    if pages == "article":
        assert "# not proposed: federation-portal (its selectors miss the article page's date)" in text


def test_a_block_needs_both_kinds_of_page_and_all_its_core_fields() -> None:
    """The same block, fitting both pages in full, is proposed; from one of them, not."""
    fits = {"right": {"article_links": "div.item h3 a", "article_url": r"-\d+\.html$", "title": "div.detail h1",
                      "date": "p.date", "body": "div.detail"}}
    site = "Liên đoàn Lao động tỉnh Lạng Sơn"
    art = read_page("https://x.vn/tin-tuc/a-901.html", article("Hội nghị sơ kết thi đua", site).encode())
    listing = read_page("https://x.vn/", home(site).encode())
    weak = [[g.weak for g in score_platforms(given, fits)] for given in ([art], [listing], [art, listing])]
    assert weak == [["no listing page given"], ["no article page given"], [""]]
    text = propose("https://x.vn/", [listing, art], fits)
    assert tomllib.loads(text[text.index("[[source]]"):])["source"][0]["platform"] == "right"


def test_routes_count_article_links_and_pagination() -> None:
    pager = "<div class='pager'><b>1</b> <a href='/tin-tuc/trang-2.html'>2</a> <a href='/tin-tuc/trang-2.html'>Trang sau</a></div>"
    listing = read_page("https://x.vn/tin-tuc.html", home("Tỉnh đoàn Cao Bằng", 6, pager).encode())
    routes = page_routes([listing])
    assert routes["links"] == 6 and routes["pagination"] == "label"


def test_the_proposed_entry_passes_the_registry_check(tmp_path: Path) -> None:
    """The README's steps: the printed entry is pasted into a registry file as it is."""
    site = "Liên đoàn Lao động tỉnh Lạng Sơn"
    files = []
    for name, text in (("a.html", article("Cụm thi đua số 3 sơ kết 6 tháng", site)), ("h.html", home(site))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files += ["--file", str(tmp_path / name)]
    out = subprocess.run([sys.executable, "-m", "archive", "sources", "add",
                          "https://ldld.langson.example.vn/tin-tuc/a-901.html", *files],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    reg = tmp_path / "reg"
    reg.mkdir()
    (reg / "platforms.toml").write_text((ROOT / "sources" / "platforms.toml").read_text("utf-8"), "utf-8")
    (reg / "lang-son.toml").write_text(out, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "archive", "sources", "--dir", str(reg), "check"],
                           capture_output=True, text=True, cwd=ROOT, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    entry = tomllib.loads(out)["source"][0]
    assert entry["id"] == "lang-son-ldld" and entry["province"] == "Lạng Sơn"


@pytest.fixture(scope="module")
def blind_sites():
    """The own blind site set, served on free ports (one origin per site)."""
    import os
    import signal

    serve = ROOT / "tests" / "fixtures" / "sitesets" / "blind" / "serve.py"
    proc = subprocess.Popen([sys.executable, str(serve), "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        origins = {}
        for _ in range(7):
            name, url = proc.stdout.readline().split()
            origins[name] = url.rstrip("/")
        yield origins
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


@pytest.mark.crawl
def test_online_from_the_home_page_finds_robots_sitemaps(blind_sites) -> None:
    """Online, from the home page of a site whose articles are only in its sitemaps: robots.txt
    is read, the sitemap proposed and its entries counted, and one article fetched."""
    home = blind_sites["sitemaponly"] + "/"
    done = subprocess.run([sys.executable, "-m", "archive", "sources", "add", home, "--timeout", "10"],
                          capture_output=True, text=True, cwd=ROOT, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    entry = tomllib.loads(done.stdout[done.stdout.index("[[source]]"):])["source"][0]
    assert entry["start_urls"] == [home]
    assert entry["sitemaps"] and all(u.startswith(blind_sites["sitemaponly"]) for u in entry["sitemaps"])
    assert "# pages read: listing" in done.stdout and ", article " in done.stdout
    assert entry["province"] and entry["organisation_kind"] != "other"
