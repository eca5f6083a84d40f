"""Where a page's links sit (archive/menus.py) and the crawl's menu rule (crawler/sitestate.py):
a short page the site links only as an item of its menu is a fixed page ("Giới thiệu", "Liên hệ"),
even when the CMS prints it in the news' own markup with a date (Joomla's com_content article);
a story in the menu is still a story when any page links it from content."""

from __future__ import annotations

from lxml import html

from archive.menus import fixed_section, link_places
from archive.sources import Source
from crawler.sitestate import SiteState

ORIGIN = "http://example.test"
INTRO = ORIGIN + "/index.php?view=article&id=1&Itemid=102"
NEWS = ORIGIN + "/index.php?view=article&id=17&catid=9"
FEATURED = ORIGIN + "/index.php?view=article&id=30&catid=9"
TEASER = ORIGIN + "/index.php?view=article&id=25&catid=9"


def page(main: str, extra_menu: str = "") -> str:
    """A page of an invented site: its menu (one entry with a submenu and a mega-menu teaser),
    `main`, and a footer with a "Liên hệ" link."""
    return f"""<html><body>
<header><a href="/">Hội Nông dân tỉnh</a>
<ul class="main-menu">
 <li><a href="/index.php">Trang chủ</a></li>
 <li><a href="/index.php?view=article&amp;id=1&amp;Itemid=102">Giới thiệu</a>
   <ul><li><a href="/index.php?view=article&amp;id=3&amp;Itemid=110">Sơ đồ tổ chức</a></li></ul></li>
 <li><a href="/index.php?view=category&amp;id=9">Tin tức</a>
   <div class="mega"><a href="/index.php?view=article&amp;id=25&amp;catid=9">Hội Nông dân
   tỉnh tổ chức hội nghị sơ kết phong trào thi đua 6 tháng đầu năm</a></div></li>
 {extra_menu}
</ul></header>
<main>{main}</main>
<footer><a href="/index.php?view=contact&amp;id=1">Liên hệ</a></footer>
</body></html>"""


FEATURED_ITEM = '<li><a href="/index.php?view=article&amp;id=30&amp;catid=9">Đại hội</a></li>'
HOME = page('<div class="blog"><h2><a href="/index.php?view=article&amp;id=17&amp;catid=9">'
            'Cụm thi đua số 3 ký kết giao ước thi đua năm 2024</a></h2></div>', FEATURED_ITEM)
INTRO_PAGE = page("<h1>Giới thiệu Hội Nông dân tỉnh</h1><p>Hội Nông dân tỉnh được thành lập năm 1930.</p>")
NEWS_PAGE = page('<h1>Cụm thi đua số 3 ký kết giao ước thi đua năm 2024</h1><p>Sáng 5/3 ...</p>'
                 '<div class="related"><a href="/index.php?view=article&amp;id=30&amp;catid=9">'
                 'Đại hội Hội Nông dân tỉnh lần thứ X</a></div>')


def places(text: str, url: str):
    return link_places(html.fromstring(text), url)


def test_menu_items_are_the_first_links_of_the_top_level_entries():
    found = places(HOME, ORIGIN + "/")
    assert INTRO in found.menu_items
    assert ORIGIN + "/index.php?view=category&id=9" in found.menu_items
    # a submenu's entry and a mega menu's teaser headline are no items of the menu
    assert ORIGIN + "/index.php?view=article&id=3&Itemid=110" not in found.menu_items
    assert TEASER not in found.menu_items


def test_content_links_leave_out_menus_furniture_and_the_page_itself():
    found = places(NEWS_PAGE, NEWS)
    assert found.content == {FEATURED}  # the related link; the footer's "Liên hệ" is furniture
    assert INTRO not in found.content and TEASER not in found.content


def test_a_layout_class_that_says_nav_on_a_wrapper_of_the_page_is_no_menu():
    text = ('<html><body><div class="has-navbar"><h1>Tin tức</h1><ul>'
            '<li><a href="/a">Đại hội</a></li><li><a href="/b">Hội nghị</a></li></ul>'
            '<p>Trang tin của Hội Nông dân tỉnh, cập nhật hằng ngày các hoạt động của Hội.</p>'
            '</div></body></html>')
    found = places(text, ORIGIN + "/tin-tuc")
    assert not found.menu_items
    assert found.content == {ORIGIN + "/a", ORIGIN + "/b"}


def site_after(*pages: tuple[str, str]) -> SiteState:
    source = Source(id="hnd", name="Hội Nông dân", province="X", platform="generic",
                    start_urls=(ORIGIN + "/",), rules={})
    site = SiteState(source, {"depth": 3, "budget": 10})
    for url, text in pages:
        site.read_places(html.fromstring(text), url)
    return site


def test_a_page_linked_only_as_a_menu_item_is_a_fixed_page():
    site = site_after((ORIGIN + "/", HOME), (INTRO, INTRO_PAGE))
    assert site.menu_only(INTRO)
    assert site.not_article_why(INTRO) == "a short page linked only as an item of the site's menu"
    # a story linked from a listing is no fixed page; one the menu never lists is none either
    assert not site.menu_only(NEWS)
    assert not site.menu_only(TEASER)


def test_a_story_in_the_menu_is_a_story_once_a_page_links_it_from_content():
    site = site_after((ORIGIN + "/", HOME), (FEATURED, page("<h1>Đại hội</h1>", FEATURED_ITEM)))
    assert site.menu_only(FEATURED)  # so far only the menu links it: judged when the crawl idles
    site.read_places(html.fromstring(NEWS_PAGE), NEWS)
    assert not site.menu_only(FEATURED)


def test_links_on_two_pages_of_many_are_no_site_menu():
    """A story's previous/next links (in a <nav>) list a neighbour on two pages, a site menu is
    on (nearly) every page."""
    def story(n: int, prev: int, nxt: int) -> str:
        return (f'<html><body><h1>Tin {n}</h1><p>...</p><nav class="pagenav">'
                f'<a href="/tin/{prev}">Trước</a><a href="/tin/{nxt}">Tiếp</a></nav></body></html>')
    site = site_after(*[(f"{ORIGIN}/tin/{n}", story(n, n - 1, n + 1)) for n in range(2, 8)])
    assert site.menu_counts[ORIGIN + "/tin/4"] == 2
    assert not site.menu_only(ORIGIN + "/tin/4")


def test_each_page_counts_once_however_often_it_is_fetched():
    site = site_after((INTRO, INTRO_PAGE), (INTRO, INTRO_PAGE))
    assert not site.menu_only(INTRO)  # one page, read twice: not yet a menu seen on two pages


# -- fixed-page sections: a short page under /gioi-thieu/, /van-ban/… outside the site's news ------
def section_site(menu: str, main: str) -> str:
    """A page of another invented site: a <nav> menu and `main`; no sidebar."""
    return f"<html><body><nav class='topnav'><ul>{menu}</ul></nav><main>{main}</main></body></html>"


SECTION_MENU = ('<li><a href="/">Trang chủ</a></li>'
                '<li><a href="/gioi-thieu/lich-su-hinh-thanh-2.html">Giới thiệu</a></li>'
                '<li><a href="/tin.html">Tin hoạt động</a></li><li><a href="/van-ban.html">Văn bản</a></li>')
HISTORY = ORIGIN + "/gioi-thieu/lich-su-hinh-thanh-2.html"
BOARD = ORIGIN + "/gioi-thieu/ban-chap-hanh-khoa-moi-4.html"
DECISION = ORIGIN + "/van-ban/quyet-dinh-khen-thuong-tap-the-9.html"
DOC_STORY = ORIGIN + "/van-ban/hoi-nghi-quan-triet-nghi-quyet-moi-12.html"
STORY = ORIGIN + "/tin/hoi-nghi-so-ket-cum-thi-dua-101.html"
STORY_2 = ORIGIN + "/tin/trao-tang-qua-cho-hoi-vien-102.html"
LONE = ORIGIN + "/tin/mot-tin-ngan-chi-o-trang-van-ban-103.html"


def section_site_after(stories: tuple[str, ...] = (STORY, STORY_2)) -> SiteState:
    """Home (news list), the news listing, two intro pages that link each other, the documents'
    table; `stories` taken as articles."""
    def at(url: str, main: str) -> tuple[str, str]:
        return url, section_site(SECTION_MENU, main)
    site = site_after(
        at(ORIGIN + "/", f'<ul class="tin-moi"><li><a href="{STORY}">Hội nghị sơ kết</a></li>'
                         f'<li><a href="{DOC_STORY}">Hội nghị quán triệt</a></li></ul>'),
        at(ORIGIN + "/tin.html", f'<a href="{STORY}">Sơ kết</a> <a href="{STORY_2}">Quà</a>'),
        at(HISTORY, f'<h1>Lịch sử hình thành</h1><p>Ngày 1/5/2001 …</p>'
                    f'<h4>Trang khác</h4><a href="{BOARD}">Ban Chấp hành</a>'),
        at(BOARD, f'<h1>Ban Chấp hành</h1><p>Ngày 2/5/2001 …</p>'
                  f'<h4>Trang khác</h4><a href="{HISTORY}">Lịch sử hình thành</a>'),
        at(ORIGIN + "/van-ban.html", f'<table><tr><td>12/QĐ</td><td><a href="{DECISION}">Quyết định khen '
                                     f'thưởng</a></td></tr></table><p>Xem thêm: <a href="{LONE}">một tin</a></p>'),
    )
    for url in stories:
        site.remember(url)
    return site


def test_the_folder_of_an_address_names_a_fixed_page_section_only_as_a_whole_folder():
    assert fixed_section(HISTORY) == "gioi-thieu"
    assert fixed_section(ORIGIN + "/index.php/Van-Ban/7-quyet-dinh") == "van-ban"
    assert fixed_section(ORIGIN + "/van-ban.html") is None           # the section's own page
    assert fixed_section(ORIGIN + "/tin/gioi-thieu-san-pham-ocop-5.html") is None  # a headline's slug
    assert fixed_section(ORIGIN + "/gioi-thieu-van-ban-moi/tin-1.html") is None    # not the whole name


def test_a_folder_named_in_camel_case_with_a_design_prefix_names_its_section():
    # Lotus Domino views (`vwGioiThieu`, `lstVanBan`), MVC controllers (`GioiThieu/Detail/3`): the
    # section's words run together, a short lower-case prefix names the kind of design element
    assert fixed_section(ORIGIN + "/hoi/web.nsf/vwGioiThieu/A55AE88FD91A32B0594F076FBAA23569?OpenDocument") == "gioi-thieu"
    assert fixed_section(ORIGIN + "/VanBan/ChiTiet/12") == "van-ban"
    assert fixed_section(ORIGIN + "/hoi/web.nsf/vwTinTuc/A55AE88FD91A32B0594F076FBAA23569?OpenDocument") is None
    assert fixed_section(ORIGIN + "/TinGioiThieu/bai-1.html") is None  # the words inside a longer name


def test_a_short_page_of_a_fixed_section_linked_only_outside_the_news_is_a_fixed_page():
    site = section_site_after()
    # each intro page is linked from the other's "Trang khác", the decision from the documents' table:
    # content links, but from pages that are no story and link none
    assert site.fixed_page(BOARD) and site.fixed_page(HISTORY) and site.fixed_page(DECISION)
    assert site.not_article_why(DECISION) == \
        "a short page of the fixed-page section /van-ban/ that no news page links"


def test_news_filed_under_a_fixed_section_name_or_linked_from_a_fixed_page_stays_news():
    site = section_site_after()
    assert not site.fixed_page(DOC_STORY)  # under /van-ban/, but the home page's news box lists it
    assert not site.fixed_page(LONE)       # linked only from the documents' page, but no fixed section
    assert not site.fixed_page(STORY)
    assert site.not_article_why(DOC_STORY) is None


def test_a_fixed_section_page_whose_address_shape_holds_stories_is_a_story():
    filed = ORIGIN + "/van-ban/so-ket-cong-tac-van-ban-nam-2024-15.html"
    site = section_site_after(stories=(STORY, STORY_2, filed))
    assert not site.fixed_page(DECISION)  # a sibling of its shape was a story: the site files news there


def test_a_page_no_content_links_is_not_judged_by_its_section_unless_only_the_sitemap_names_it():
    site = section_site_after()
    in_feed = ORIGIN + "/van-ban/chi-thi-ve-le-hoi-30.html"      # a feed's entry (and the sitemap's)
    site.listed([in_feed], "sitemap")
    site.listed([in_feed], "feed")
    assert site.news_linked(in_feed) is None
    assert not site.fixed_page(in_feed)
    unlisted = ORIGIN + "/van-ban/chi-thi-ve-le-hoi-31.html"     # found some other way: nothing to tell by
    assert not site.fixed_page(unlisted)
    news = ORIGIN + "/tin/hoi-nghi-so-ket-cum-thi-dua-so-3-32.html"  # the sitemap's only, no fixed folder
    site.listed([news], "sitemap")
    assert not site.fixed_page(news)
    history = ORIGIN + "/gioi-thieu/lich-su-truyen-thong-33.html"  # the sitemap's only, a fixed folder
    site.listed([history], "sitemap")
    assert site.fixed_page(history)
    assert site.not_article_why(history) == \
        "a short page of the fixed-page section /gioi-thieu/ that no news page links"


def test_a_sitemap_only_site_keeps_its_stories_under_a_fixed_section_name():
    site = site_after((ORIGIN + "/", section_site(SECTION_MENU, "<p>Chào mừng</p>")))
    story = ORIGIN + "/gioi-thieu/hoi-nghi-so-ket-cum-thi-dua-34.html"
    site.listed([story, ORIGIN + "/tin/quà-tết-35.html"], "sitemap")
    site.remember(ORIGIN + "/tin/quà-tết-35.html")  # a story no page links: the sitemap is the site's route
    assert not site.fixed_page(story)


def test_a_sitemap_only_fixed_section_page_read_before_any_story_is_held_not_judged():
    site = site_after((ORIGIN + "/", section_site(SECTION_MENU, "<p>Chào mừng</p>")))
    history = ORIGIN + "/gioi-thieu/lich-su-truyen-thong-33.html"
    site.listed([history], "sitemap")
    assert site.may_be_fixed(history) and not site.fixed_page(history)  # no story read yet: wait


def test_a_sidebar_of_stories_on_every_page_makes_no_page_a_news_page():
    """A template that prints "Tin mới nhất" beside every text (MODX, Bitrix, most PHP portals)
    puts story links in the content of the section pages too: the intro section's own page and
    the documents' table link stories only through that box, so the pages they link stay fixed
    pages; a listing still links stories of its own, and the pages it links stay news."""
    sidebar = (f'<div class="col-4"><div class="widget"><h3>Tin mới nhất</h3><ul><li><a href="{STORY}">Hội nghị '
               f'sơ kết cụm thi đua</a></li><li><a href="{STORY_2}">Trao tặng quà</a></li></ul></div></div>')

    def at(url: str, main: str) -> tuple[str, str]:
        return url, (f"<html><body><nav><ul>{SECTION_MENU}</ul></nav><div class='main'>{main}</div>"
                     f"<div class='sidebar'>{sidebar}</div></body></html>")
    filed = ORIGIN + "/van-ban/hoi-nghi-trien-khai-nhiem-vu-13.html"
    story_3 = ORIGIN + "/tin/tap-huan-nghiep-vu-104.html"
    site = site_after(
        at(ORIGIN + "/gioi-thieu.html", f'<h1>Giới thiệu</h1><p>Hội được thành lập năm 2001.</p><ul>'
                                        f'<li><a href="{HISTORY}">Lịch sử hình thành</a></li>'
                                        f'<li><a href="{BOARD}">Ban Chấp hành</a></li></ul>'),
        at(ORIGIN + "/van-ban.html", f'<table><tr><td>12/QĐ</td><td><a href="{DECISION}">Quyết định khen '
                                     f'thưởng</a></td></tr></table>'),
        at(ORIGIN + "/tin.html", f'<a href="{STORY}">Sơ kết</a> <a href="{story_3}">Tập huấn</a> '
                                 f'<a href="{filed}">Triển khai nhiệm vụ</a>'),
        at(STORY, "<h1>Hội nghị sơ kết cụm thi đua</h1><p>Sáng 5/3 …</p>"),
        at(STORY_2, "<h1>Trao tặng quà</h1><p>Chiều 6/3 …</p>"),
        at(story_3, "<h1>Tập huấn nghiệp vụ</h1><p>Ngày 7/3 …</p>"),
        at(HISTORY, "<h1>Lịch sử hình thành</h1><p>Ngày 1/5/2001 …</p>"),
    )
    for url in (STORY, STORY_2, story_3):
        site.remember(url)
    assert site.site_wide(site.shapes.key(STORY)) and not site.site_wide(site.shapes.key(story_3))
    assert site.fixed_page(HISTORY) and site.fixed_page(BOARD) and site.fixed_page(DECISION)
    assert not site.fixed_page(filed)  # the listing links it beside a story of its own
