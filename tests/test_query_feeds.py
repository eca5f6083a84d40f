"""Feeds whose address carries a query string (`rss.php?cat=5`, `index.php?option=com_content&
format=feed&type=rss`, `?format=feed&type=rss`): PHP and Joomla sites serve every category's feed
from one script, so the address's path says nothing and only the answer tells a feed from a page.
A site of our own whose stories are reachable through such feeds only: the crawler follows the
announced and the linked ones, reads those that parse as RSS/Atom, and `sources add` proposes
only what came back as a feed (a linked `rss.php?cat=9` that answers HTML is no feed)."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import tomllib
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest
from localsite import respond, serving, thidua
from test_base_href import STORIES, _fixed_page, _story_page

ANNOUNCED = "/cms/rss.php?cat=5"
LINKED = "/cms/index.php?option=com_content&format=feed&type=rss"
LINKED_SHORT = "/cms/tin-hoat-dong/?format=feed&type=rss"
NOT_A_FEED = "/cms/rss.php?cat=9"


def _rss(origin: str, indexes: range) -> str:
    items = "".join(f"<item><title>{STORIES[i][1]}</title><link>{origin}/cms/tin-hoat-dong/2024/{STORIES[i][0]}.html"
                    f"</link><pubDate>Mon, 10 Jun 2024 08:00:00 +0700</pubDate></item>" for i in indexes)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>{items}</channel></rss>'


def _story(i: int) -> str:
    """A story page without its "Tin khác" box: a story is reached through a feed or not at all."""
    return re.sub(r'<div class="tin-khac">.*?</ul></div>', "", _story_page(i))


def _home() -> str:
    page = _fixed_page("Trang chủ")
    page = page.replace("</head>", f'<link rel="alternate" type="application/rss+xml" title="Tin mới" '
                                   f'href="{ANNOUNCED.removeprefix("/cms/")}"></head>')
    links = (f'<p><a href="{LINKED.removeprefix("/cms/").replace("&", "&amp;")}">RSS tin hoạt động</a> '
             f'<a href="{LINKED_SHORT.removeprefix("/cms/").replace("&", "&amp;")}">RSS</a> '
             f'<a href="{NOT_A_FEED.removeprefix("/cms/")}">RSS văn bản</a></p>')
    return page.replace('<div class="footer">', links + '<div class="footer">')


class QueryFeedSite(BaseHTTPRequestHandler):
    """Home page with no story links; three feeds with query strings, one RSS-looking link that
    answers a page."""

    log: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        origin = f"http://{self.headers['Host']}"
        xml = {ANNOUNCED: _rss(origin, range(2)), LINKED: _rss(origin, range(2, 4)),
               LINKED_SHORT: _rss(origin, range(4, len(STORIES)))}
        pages = {"/robots.txt": "User-agent: *\nAllow: /\n", "/cms/": _home(), NOT_A_FEED: _fixed_page("Văn bản"),
                 **{f"/cms/tin-hoat-dong/2024/{s}.html": _story(i) for i, (s, *_r) in enumerate(STORIES)}}
        self.log.append(self.path)
        body, kind = (xml[self.path], "application/rss+xml") if self.path in xml else \
            (pages.get(self.path), "text/html; charset=utf-8")
        respond(self, body, kind)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def origin():
    QueryFeedSite.log.clear()
    with serving(QueryFeedSite) as url:
        yield url


@pytest.mark.crawl
def test_the_crawler_reads_feeds_whose_address_has_a_query_string(origin, tmp_path):
    registry = tmp_path / "hccb.toml"
    registry.write_text('[[source]]\nid = "quang-tri-ccb"\nname = "Hội Cựu chiến binh tỉnh Quảng Trị"\n'
                        f'province = "Quảng Trị"\nplatform = "generic"\nstart_urls = ["{origin}/cms/"]\n'
                        'allow_local = true\nsitemaps = []\n', encoding="utf-8")
    db = tmp_path / "archive.db"
    crawl = thidua("crawl", "--sources", str(registry), "--db", str(db), "--local", "--quiet")
    con = sqlite3.connect(db)
    urls = {r[0] for r in con.execute("select url from articles")}
    con.close()
    assert "tin-khac" not in _story(0)
    assert {ANNOUNCED, LINKED, LINKED_SHORT} <= set(QueryFeedSite.log), (QueryFeedSite.log, crawl.stderr[-800:])
    assert urls == {f"{origin}/cms/tin-hoat-dong/2024/{s}.html" for s, *_r in STORIES}, urls


def test_sources_add_proposes_the_query_string_feeds_that_answer_rss(origin):
    add = thidua("sources", "add", f"{origin}/cms/")
    assert add.returncode == 0, add.stdout + add.stderr
    entry = tomllib.loads(add.stdout[add.stdout.index("[[source]]"):])["source"][0]
    assert sorted(entry.get("feeds", [])) == sorted(origin + u for u in (ANNOUNCED, LINKED, LINKED_SHORT))


def test_a_page_that_answers_a_feed_is_parsed_once(monkeypatch):
    """A link fetched as a page that comes back RSS (`rss.php?cat=5`) is read as a feed from the
    one parse that told it is a feed, not parsed again by the feed's reader."""
    from scrapy.http import Request, XmlResponse

    from archive.sources import Source
    from crawler import discovery, feedroutes
    from crawler.spiders.sources import SourcesSpider

    origin = "http://ccb.example"
    source = Source(id="ccb", name="Hội Cựu chiến binh", province="X", platform="generic",
                    start_urls=(origin + "/cms/",), rules={})
    spider = SourcesSpider(sources=[source])
    counted: list[str] = []
    spider.count = lambda source_id, key, n=1: counted.append(key)  # type: ignore[method-assign]
    parses: list[str] = []
    real = discovery.feed_entries

    def counting(response):
        parses.append(response.url)
        return real(response)

    monkeypatch.setattr(discovery, "feed_entries", counting)
    monkeypatch.setattr(feedroutes, "feed_entries", counting)
    url = origin + ANNOUNCED
    response = XmlResponse(url, body=_rss(origin, range(2)).encode("utf-8"),
                           request=Request(url, meta={"source_id": "ccb", "thidua_depth": 1}))
    async def collect() -> list:
        return [out async for out in spider.parse_page(response)]  # reads pages in workers: async

    requests = asyncio.run(collect())
    assert parses == [url]
    assert "discovery/feed-by-answer" in counted and "feed/ok" in counted
    assert {r.url for r in requests} == {f"{origin}/cms/tin-hoat-dong/2024/{STORIES[i][0]}.html"
                                         for i in range(2)}
