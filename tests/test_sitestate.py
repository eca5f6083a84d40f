"""SiteState's verdicts must not depend on the order responses arrive: a folder that holds a
listing beside its stories (`/tin/<slug>` for a collection and for the news) is a mixed family,
and a page the site seems to speak against waits for the crawl's end."""

from __future__ import annotations

from archive.sources import Source
from crawler.items import PageItem
from crawler.sitestate import SiteState

ORIGIN = "http://tinh.example"
COLLECTION = ORIGIN + "/tin/tin-thi-dua-noi-bat"            # a listing, same shape as the news
STORY_NUMBERED = ORIGIN + "/tin/hoi-nghi-so-ket-quy-3-2022"  # a story: /tin/{slug}-{n}
STORY_SHORT = ORIGIN + "/tin/trao-qua-cho-cong-nhan-kho-khan"  # a short story: /tin/{slug}
DOCS_PAGE = ORIGIN + "/tai-lieu/huong-dan-cong-tac-thi-dua-chung"             # same family /{w}/{slug}, no story


def fresh_site() -> SiteState:
    source = Source(id="ld", name="Liên đoàn Lao động", province="X", platform="generic",
                    start_urls=(ORIGIN + "/",), rules={})
    return SiteState(source, {"depth": 3, "budget": 10})


def test_one_listing_of_the_shape_beside_a_family_of_stories_outvotes_nothing():
    site = fresh_site()
    site.shapes.learn(STORY_NUMBERED, "article")
    site.shapes.learn(COLLECTION, "listing")
    assert not site.shape_lists_no_articles(STORY_SHORT)
    assert site.not_article_why(STORY_SHORT) is None


def test_pages_of_a_family_without_stories_still_outvote():
    site = fresh_site()
    site.shapes.learn(COLLECTION, "listing")
    site.shapes.learn(ORIGIN + "/tin/tin-van-hoa-the-thao", "listing")
    assert site.shape_lists_no_articles(STORY_SHORT)


def test_an_outvoted_page_waits_for_the_crawls_end_and_is_judged_on_everything():
    site = fresh_site()
    site.shapes.learn(COLLECTION, "listing")
    site.shapes.learn(DOCS_PAGE, "other")
    assert site.shape_lists_no_articles(STORY_SHORT)  # so far only a listing and a fixed page
    site.hold(STORY_SHORT, PageItem(url=STORY_SHORT), "links")
    assert list(site.decided()) == []  # not refused on the pages that happened to come first
    site.shapes.learn(STORY_NUMBERED, "article")  # a story of the family arrives later
    [(url, _item, _route, why)] = list(site.decided(final=True))
    assert url == STORY_SHORT and why is None


def test_a_sitemap_entry_of_a_listing_shape_in_a_family_of_stories_is_read():
    site = fresh_site()
    site.shapes.learn(STORY_NUMBERED, "article")
    site.shapes.learn(COLLECTION, "listing")
    assert site.worth_reading(STORY_SHORT, depth=1, leaf=True)
    lonely = fresh_site()
    lonely.shapes.learn(COLLECTION, "listing")
    assert not lonely.worth_reading(STORY_SHORT, depth=1, leaf=True)


def test_what_pages_link_is_still_known_once_the_site_turns_out_case_insensitive():
    """A Lotus Domino or IIS site is found case-insensitive mid-crawl (one page linked as
    `?OpenDocument` and `?opendocument`); the content links read before then must still count,
    or an introduction page's documents lose the page that links them and pass for news."""
    from lxml import html as lxml_html
    site = fresh_site()
    db = ORIGIN + "/hoi/web.nsf"
    intro, statute = db + "/GioiThieu?OpenPage", db + "/vwGioiThieu/A55AE88FD91A32B0594F076FBAA23569?OpenDocument"
    page = lxml_html.fromstring(f'<html><body><h2>GIỚI THIỆU</h2><p>Hội được thành lập năm 1990, hiện có 40.000 hội viên.'
                                f'</p><p><a href="{statute}">Điều lệ Hội Cựu chiến binh Việt Nam</a></p></body></html>')
    site.read_places(page, intro)
    site.page_links(page, intro, {})
    assert site.news_linked(statute) is False
    story = db + "/0/7F3A1C9E4B2D58A6482584F2002A91C3"
    site.shapes.see(story + "?OpenDocument")
    site.shapes.see(story + "?opendocument")
    assert site.shapes.caseless
    assert site.news_linked(statute) is False  # still linked, from a page that is no news
    assert site.fixed_page(statute)


def test_a_platforms_next_page_is_addressed_without_its_fragment():
    """A platform's `next_page` selector gives the next listing page as the generic pager does:
    resolved against the page's base, without the fragment (`?page=2#top` is `?page=2`; the
    fragment is never sent, and would spell the stored page's address a second way)."""
    from scrapy.http import HtmlResponse

    source = Source(id="ld", name="Liên đoàn Lao động", province="X", platform="generic",
                    start_urls=(ORIGIN + "/",), rules={"next_page": "a.trang-sau"})
    site = SiteState(source, {"depth": 3, "budget": 10})
    body = ('<html><head><base href="/tin/"></head><body><a class="trang-sau" '
            'href="hoat-dong?page=2#top">Trang sau</a></body></html>')
    response = HtmlResponse(ORIGIN + "/tin-tuc/hoat-dong", body=body.encode("utf-8"), encoding="utf-8")
    found = site.next_of(response, 1)
    assert found is not None and found.how == "platform"
    assert found.url == ORIGIN + "/tin/hoat-dong?page=2"
