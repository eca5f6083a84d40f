"""One rule for every link a crawl requests or stores: resolved against the page's base and
without its `#fragment` (archive.urls.resolve_link). A fragment names a place inside a page the
server sends whole (`#comments`, `#top`, `#binh-luan`), so `a.html#comments` and `a.html` are one
article; kept, it gives one article (or one feed) twice under two addresses and puts an address
with a fragment into the registry or the archive. Hash-bang routes (`#!/…`) are not kept either:
nothing here asks a server for `_escaped_fragment_`, so `/#!/x` fetches the page `/` is.

Pages, feeds, sitemaps and "Xem thêm" answers below are the test's own."""

from __future__ import annotations

import json
import sqlite3
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from localsite import respond, serving, thidua
from lxml import html as lxml_html
from scrapy.http import TextResponse, XmlResponse
from test_base_href import STORIES, _fixed_page, _story_page

from archive.livecheck import _link_urls
from archive.newsource import page_routes, read_page
from archive.pagination import load_more
from archive.probe import portal_links
from archive.sitefetch import fetch_site
from crawler.discovery import endpoint_links, feed_entries, feed_links, robots_sitemaps

ORIGIN = "http://hoi.example"


def _rss(origin: str, links: list[str]) -> str:
    items = "".join(f"<item><title>Tin {i}</title><link>{link}</link>"
                    "<pubDate>Mon, 10 Jun 2024 08:00:00 +0700</pubDate></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>{items}</channel></rss>'


def _no_fragment(urls: list[str]) -> None:
    assert all("#" not in u for u in urls), urls


def test_feed_item_links_are_read_without_their_fragment():
    links = [f"{ORIGIN}/tin/a.html#comments", f"{ORIGIN}/tin/b.html#top", "/tin/c.html#binh-luan"]
    kind, entries = feed_entries(XmlResponse(ORIGIN + "/feed/", body=_rss(ORIGIN, links).encode()))
    assert kind == "feed"
    assert [u for u, _ in entries] == [f"{ORIGIN}/tin/{s}.html" for s in "abc"]


def test_atom_entry_links_are_read_without_their_fragment():
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            '<entry><title>A</title><link href="/tin/a.html#respond"/><updated>2024-06-10T08:00:00Z</updated></entry>'
            "</feed>")
    kind, entries = feed_entries(XmlResponse(ORIGIN + "/atom.xml", body=atom.encode()))
    assert (kind, [u for u, _ in entries]) == ("feed", [ORIGIN + "/tin/a.html"])


def test_sitemap_entries_are_read_without_their_fragment():
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>{ORIGIN}/tin/a.html#top</loc></url><url><loc>{ORIGIN}/tin/b.html</loc></url></urlset>")
    kind, entries = feed_entries(XmlResponse(ORIGIN + "/sitemap.xml", body=sitemap.encode()))
    assert (kind, [u for u, _ in entries]) == ("urlset", [ORIGIN + "/tin/a.html", ORIGIN + "/tin/b.html"])


def test_robots_sitemap_lines_are_read_without_their_fragment():
    robots = b"User-agent: *\nAllow: /\nSitemap: /sitemap.xml#v2\nSitemap: /sitemap.xml\n"
    response = TextResponse(ORIGIN + "/robots.txt", body=robots, encoding="utf-8")
    assert robots_sitemaps(response) == [ORIGIN + "/sitemap.xml"]


def test_a_feed_announced_and_linked_with_fragments_is_one_feed():
    page = ('<html><head><link rel="alternate" type="application/rss+xml" href="/feed/#top"></head><body>'
            '<a href="/feed/">RSS</a> <a href="/rss#tin-moi">RSS tin mới</a></body></html>')
    found = feed_links(lxml_html.fromstring(page), ORIGIN + "/")
    assert found == [ORIGIN + "/feed/", ORIGIN + "/rss"]


def test_a_load_more_answer_gives_each_article_once_without_fragments():
    fragment = '<div><a href="/tin/a.html#binh-luan">A</a><a href="/tin/a.html">A</a></div>'
    body = json.dumps({"html": fragment, "items": ["/tin/b.html#top", ORIGIN + "/tin/c.html#comments"]})
    response = TextResponse(ORIGIN + "/ajax/more?page=2", body=body.encode(), encoding="utf-8")
    links = endpoint_links(response, ORIGIN + "/tin/")
    assert links == [ORIGIN + "/tin/a.html", ORIGIN + "/tin/b.html", ORIGIN + "/tin/c.html"]


def test_a_load_more_endpoint_named_with_a_fragment_is_requested_without_it():
    page = ('<html><body><ul id="list"><li><a href="/tin/a.html">A</a></li></ul>'
            '<button class="xem-them" data-url="/ajax/more?page=2#list">Xem thêm</button></body></html>')
    assert load_more(lxml_html.fromstring(page), ORIGIN + "/tin/") == ORIGIN + "/ajax/more?page=2"


def test_sources_add_proposes_an_announced_feed_without_its_fragment():
    home = read_page(ORIGIN + "/", ('<html><head><title>Hội</title><link rel="alternate" '
                                    'type="application/rss+xml" href="rss.php?cat=5#top"></head>'
                                    '<body><p>Trang chủ</p></body></html>').encode())
    _no_fragment(page_routes([home])["feeds"])
    assert page_routes([home])["feeds"] == [ORIGIN + "/rss.php?cat=5"]


def test_sources_probe_and_the_live_check_name_pages_without_fragments():
    portal = ('<html><body><a href="http://ldld.example.gov.vn/#gioi-thieu">Liên đoàn Lao động tỉnh</a>'
              '<a href="lien-ket.html#top">Liên kết website</a></body></html>')
    found, links_page = portal_links(portal, ORIGIN + "/")
    assert (found, links_page) == ([("http://ldld.example.gov.vn/", "Liên đoàn Lao động tỉnh")],
                                   ORIGIN + "/lien-ket.html")
    listing = '<html><body><a href="/tin/a.html#binh-luan">A</a></body></html>'
    assert _link_urls(listing, ORIGIN + "/", {}) == [ORIGIN + "/tin/a.html"]


class _Fetcher:
    """A site in memory: what `fetch_site` asks for, and what it was asked."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages, self.asked = pages, []

    def allowed(self, url: str) -> bool:
        return True

    def get(self, url: str) -> tuple[bytes, str | None]:
        self.asked.append(url)
        if url not in self.pages:
            raise OSError(url)
        return self.pages[url].encode("utf-8"), "text/html; charset=utf-8"


def test_sources_add_fetches_the_article_a_home_page_links_without_the_fragment():
    stories = "".join(f'<li><a href="tin-hoat-dong/2024/{s}.html#binh-luan">{t}</a></li>'
                      for s, t, *_r in STORIES)
    home = _fixed_page("Trang chủ").replace('<div class="footer">', f"<ul>{stories}</ul><div class='footer'>")
    pages = {ORIGIN + "/": home, **{f"{ORIGIN}/cms/tin-hoat-dong/2024/{s}.html": _story_page(i)
                                    for i, (s, *_r) in enumerate(STORIES)}}
    pages[ORIGIN + "/robots.txt"] = "User-agent: *\nSitemap: /sitemap.xml#v2\nSitemap: /sitemap.xml\n"
    fetcher = _Fetcher(pages)
    fetched, sitemaps, _entries = fetch_site(ORIGIN + "/", fetcher)
    assert len(fetched) == 2, fetcher.asked
    assert sitemaps == [ORIGIN + "/sitemap.xml"]
    _no_fragment(fetcher.asked)
    _no_fragment([p.url for p in fetched])


# -- the crawl: a feed and a sitemap whose entries carry fragments ------------------------------

FEED = "/cms/feed/"


class FragmentSite(BaseHTTPRequestHandler):
    """A home page announcing its feed as `feed/#top`; the feed names each story twice
    (`#comments` and `#top`), the sitemap once with `#noi-dung`."""

    log: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        origin = f"http://{self.headers['Host']}"
        story = [f"{origin}/cms/tin-hoat-dong/2024/{s}.html" for s, *_r in STORIES]
        sitemap = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   + "".join(f"<url><loc>{u}#noi-dung</loc></url>" for u in story) + "</urlset>")
        home = _fixed_page("Trang chủ").replace(
            "</head>", '<link rel="alternate" type="application/rss+xml" href="feed/#top"></head>')
        xml = {FEED: _rss(origin, [f"{u}#{tail}" for u in story for tail in ("comments", "top")]),
               "/sitemap.xml": sitemap}
        pages = {"/robots.txt": f"User-agent: *\nAllow: /\nSitemap: {origin}/sitemap.xml\n", "/cms/": home,
                 **{f"/cms/tin-hoat-dong/2024/{s}.html": _story_page(i).replace(
                     '<div class="tin-khac">', '<div class="tin-khac-x">') for i, (s, *_r) in enumerate(STORIES)}}
        self.log.append(self.path)
        body, kind = (xml[self.path], "application/xml") if self.path in xml else \
            (pages.get(self.path), "text/html; charset=utf-8")
        respond(self, body, kind)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def origin():
    FragmentSite.log.clear()
    with serving(FragmentSite) as url:
        yield url


def _addresses(db: Path) -> list[str]:
    """Every text value of the archive that reads as an address of the site."""
    con = sqlite3.connect(db)
    out = []
    for (table,) in con.execute("select name from sqlite_master where type = 'table'"):
        cols = [r[1] for r in con.execute(f'pragma table_info("{table}")')]
        for col in cols:
            out += [v for (v,) in con.execute(f'select "{col}" from "{table}"')
                    if isinstance(v, str) and v.startswith("http://127.0.0.1")]
    con.close()
    return out


@pytest.mark.crawl
def test_a_crawl_of_fragment_links_stores_each_article_once_and_no_fragment(origin, tmp_path):
    registry = tmp_path / "hoi.toml"
    registry.write_text('[[source]]\nid = "quang-tri-hoi"\nname = "Hội Cựu chiến binh tỉnh Quảng Trị"\n'
                        f'province = "Quảng Trị"\nplatform = "generic"\nstart_urls = ["{origin}/cms/"]\n'
                        "allow_local = true\n", encoding="utf-8")
    db = tmp_path / "archive.db"
    crawl = thidua("crawl", "--sources", str(registry), "--db", str(db), "--local", "--quiet")
    assert FEED in FragmentSite.log, (FragmentSite.log, crawl.stderr[-800:])
    con = sqlite3.connect(db)
    urls = [r[0] for r in con.execute("select url from articles")]
    con.close()
    assert sorted(urls) == sorted(f"{origin}/cms/tin-hoat-dong/2024/{s}.html" for s, *_r in STORIES)
    _no_fragment(_addresses(db))


def test_sources_add_online_proposes_one_feed_without_a_fragment(origin):
    add = thidua("sources", "add", f"{origin}/cms/")
    assert add.returncode == 0, add.stdout + add.stderr
    assert f'feeds = ["{origin}{FEED}"]' in add.stdout, add.stdout
