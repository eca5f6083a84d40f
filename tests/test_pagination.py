"""The next page of a listing, whatever the pager looks like (invented markup per family)."""

from __future__ import annotations

import pytest
from lxml import html

from archive.pagination import (
    follows,
    increment,
    load_more,
    next_page,
    page_number,
    same_series,
    series_key,
)


def _next(body: str, url: str, current: int = 1):
    return next_page(html.fromstring(f"<html><body>{body}</body></html>"), url, current)


@pytest.mark.parametrize("body, url, current, want, how", [
    ('<link rel="next" href="/tin-tuc?page=3"><a href="/x">x</a>', "http://a.vn/tin-tuc?page=2", 2,
     "http://a.vn/tin-tuc?page=3", "rel"),
    (('<div class="pager"><a href="/tin/trang-1.html">1</a> <b>2</b> <a href="/tin/trang-3.html">3</a>'
      ' <a href="/tin/trang-3.html">Trang sau</a> <a href="/tin/trang-9.html">Cuối</a></div>'),
     "http://a.vn/tin/trang-2.html", 2, "http://a.vn/tin/trang-3.html", "label"),
    (('<ul class="pagination"><li><span>1</span></li><li><a href="?trang=2">2</a></li>'
      '<li><a href="?trang=3">3</a></li></ul>'), "http://a.vn/thi-dua", 1, "http://a.vn/thi-dua?trang=2", "number"),
    ('<p><a title="Trang tiếp" href="/category/tin/page/2/"><img alt=""></a></p>',
     "http://a.vn/category/tin/", 1, "http://a.vn/category/tin/page/2/", "label"),
    (('<div><a href="/index.php?option=com_content&view=category&id=9&start=10">x</a>'
      '<a href="/index.php?option=com_content&view=category&id=10">other cat</a></div>'),
     "http://a.vn/index.php?option=com_content&view=category&id=9", 1,
     "http://a.vn/index.php?option=com_content&view=category&id=9&start=10", "address"),
    ('<div class="lfr-pagination"><a href="/web/x/tin?p_p_id=P_INSTANCE_a&amp;_P_INSTANCE_a_cur=2">Tiếp</a></div>',
     "http://a.vn/web/x/tin", 1, "http://a.vn/web/x/tin?p_p_id=P_INSTANCE_a&_P_INSTANCE_a_cur=2", "label"),
])
def test_next_page_by_each_route(body, url, current, want, how) -> None:
    found = _next(body, url, current)
    assert found is not None and (found.url, found.how) == (want, how)


def test_postback_pager_gives_the_form_fields() -> None:
    found = _next('<form><input name="__VIEWSTATE" value="x"><a href="javascript:__doPostBack('
                  "'ctl00$Main$Pager','Page$3')\">3</a><a href=\"javascript:__doPostBack("
                  "'ctl00$Main$Pager','Page$2')\">2</a></form>", "http://a.vn/Pages/tin.aspx")
    assert found is not None and found.how == "postback" and found.postback == ("ctl00$Main$Pager", "Page$2")


def test_a_pager_that_navigates_from_script_gives_its_address() -> None:
    # The only route to page 2 of a list view is a script handler with an escaped address
    # (\u002f for "/", \x26 for "&"); the "previous" button beside it is not the next page.
    body = ("<td class='pager'><a href='javascript:' onclick='return GoPage(\"\\u002fso-noi-vu\\u002fLists\\u002f"
            "TinTuc\\u002fAllItems.aspx?Paged=TRUE\\x26FirstRow=11\\x26View=%7bAB%7d\");'>"
            "<img alt='Trang sau'></a>"
            "<a href='javascript:' onclick=\"return GoPage('\\u002fso-noi-vu\\u002fLists\\u002fTinTuc')\">"
            "<img alt='Trang trước'></a></td>")
    found = _next(body, "http://b.vn/so-noi-vu/Lists/TinTuc/AllItems.aspx")
    assert found is not None and (found.url, found.how) == (
        "http://b.vn/so-noi-vu/Lists/TinTuc/AllItems.aspx?Paged=TRUE&FirstRow=11&View=%7bAB%7d", "label")
    # a script link to another site, or one that names no address, is no next page
    assert _next("<a href=\"javascript:window.open('http://share.example.com/?u=1')\">Tiếp</a>"
                 "<a href='javascript:void(0)' onclick=\"toggle('menu')\">Trang sau</a>", "http://b.vn/tin") is None


def test_calendar_days_and_article_ids_are_not_pages() -> None:
    assert _next('<table class="calendar"><tr><td><a href="/lich/2024-05-02">2</a></td></tr></table>'
                 '<a href="/?p=482">Bài viết mới</a>', "http://a.vn/") is None
    assert _next('<a href="/tin/bai-viet-2.html">Trước</a>', "http://a.vn/tin/trang-3.html", 3) is None


def test_addresses_of_one_series() -> None:
    assert same_series("http://a.vn/tin-hoat-dong.html", "http://a.vn/tin-hoat-dong/trang-2.html")
    assert same_series("http://a.vn/xa-hoi/", "http://a.vn/xa-hoi/?page=2")
    assert not same_series("http://a.vn/xa-hoi/", "http://a.vn/kinh-te/?page=2")
    assert follows("http://a.vn/category/a/page/2/", "http://a.vn/category/a/page/3/")
    assert not follows("http://a.vn/category/a/page/3/", "http://a.vn/category/a/page/2/")
    assert page_number("http://a.vn/x?start=20") == (20, "q:start")
    assert increment("http://a.vn/api/more?cat=5&page=2") == "http://a.vn/api/more?cat=5&page=3"
    assert increment("http://a.vn/tin?start=10") == "http://a.vn/tin?start=20"


def test_load_more_endpoint_from_data_attribute() -> None:
    root = html.fromstring('<html><body><button class="btn" data-url="/api/loadmore?cat=td&page=2">'
                           'Xem thêm</button></body></html>')
    assert load_more(root, "http://a.vn/thi-dua/") == "http://a.vn/api/loadmore?cat=td&page=2"


def test_load_more_endpoint_named_by_the_component_that_wraps_the_button() -> None:
    """A Stimulus controller (Rails, Symfony UX) keeps the endpoint on the element that holds the
    button, as a `data-<controller>-url-value`; the button itself only says "Tải thêm"."""
    root = html.fromstring('<html><body><section><div data-controller="tin-moi" '
                           'data-tin-moi-url-value="/tin-tuc/tai-them?trang=2"><div class="cards"><a href="/tin-tuc/hoi-nghi-cum-thi-dua-so-4">Hội nghị Cụm thi đua số 4</a></div>'
                           '<button type="button" data-action="tin-moi#load">Tải thêm</button></div></section></body></html>')
    assert load_more(root, "http://so-tc.example/tin-tuc") == "http://so-tc.example/tin-tuc/tai-them?trang=2"


def test_load_more_endpoint_inside_a_components_json_props() -> None:
    """A custom element hydrated from a JSON attribute (islands, web components): the address is a
    string inside the object, the component's own script beside it is no endpoint."""
    props = ('{&quot;script&quot;:&quot;/static/more-news.4f1a.js&quot;,&quot;source&quot;:{&quot;api&quot;:'
             '&quot;/ajax/tin-hoat-dong/2&quot;},&quot;label&quot;:&quot;Xem thêm tin&quot;}')
    root = html.fromstring(f'<html><body><news-loader config="{props}" src="/static/news-loader.js">'
                           '<button class="btn">Xem thêm tin</button></news-loader></body></html>')
    assert load_more(root, "http://hnd.example/hoat-dong.html") == "http://hnd.example/ajax/tin-hoat-dong/2"


def test_no_load_more_endpoint_without_an_address_near_the_button() -> None:
    """A button whose wrappers name only their scripts, images or another site loads nothing we can follow."""
    root = html.fromstring('<html><body><div data-src="/img/more.png" data-feed="https://other.example/api/2">'
                           '<div data-options=\'{"bundle": "/js/app.js", "count": 6}\'>'
                           '<button>Xem thêm</button></div></div></body></html>')
    assert load_more(root, "http://a.vn/tin-tuc/") is None


def test_series_key_of_a_page_is_computed_once_for_all_its_links() -> None:
    """The spider compares each link of a listing with the listing's own address: the page's
    series key is worked out once, not once per link."""
    series_key.cache_clear()
    page = "http://so-noivu.example/tin-tuc/trang-2.html"
    links = [f"http://so-noivu.example/tin-tuc/bai-{n}.html" for n in range(5)] + \
        ["http://so-noivu.example/tin-tuc/trang-3.html"]
    assert [same_series(page, u) for u in links] == [False] * 5 + [True]
    assert series_key.cache_info().misses == 7
