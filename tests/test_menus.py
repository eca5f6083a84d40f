"""Where a page's links sit (archive/menus.py) and the crawl's menu rule (crawler/sitestate.py):
a short page the site links only as an item of its menu is a fixed page ("Giới thiệu", "Liên hệ"),
even when the CMS prints it in the news' own markup with a date (Joomla's com_content article);
a story in the menu is still a story when any page links it from content."""

from __future__ import annotations

from lxml import html

from archive.menus import link_places
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
