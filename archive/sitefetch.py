"""`thidua sources add` online: fetching a site's pages, robots.txt and linked feeds politely.

Kept apart from `archive.newsource`, which reads pages already in hand (online or `--file`),
so that proposing an entry stays a pure function of the pages and only this module talks to
the network (one request a second, robots.txt obeyed, local addresses only when asked for).
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from urllib.parse import urlsplit

from scrapy.http import XmlResponse

from archive.newsource import USER_AGENT, SitePage, read_page
from archive.urls import document_base, resolve_link
from archive.urlshapes import article_urls
from crawler.discovery import feed_entries

_FEED_WORD = re.compile(r"(?i)(?:^|[/?&=._-])(?:rss|atom|feed)(?:$|[/?&=._-])")
FEED_ASKS = 5  # linked feed candidates fetched at most (one request a second)


# -- online ---------------------------------------------------------------------------------

class Fetcher:
    """GETs with our user agent, robots.txt obeyed, a pause between requests."""

    def __init__(self, timeout: float = 20.0, delay: float = 1.0) -> None:
        self.timeout, self.delay, self.last = timeout, delay, 0.0
        self.robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def get(self, url: str) -> tuple[bytes, str | None]:
        wait = self.last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.last = time.monotonic()
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=self.timeout) as resp:
            return resp.read(8_000_000), resp.headers.get("Content-Type")

    def allowed(self, url: str) -> bool:
        root = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        if root not in self.robots:
            parser = urllib.robotparser.RobotFileParser()
            try:
                body, _ = self.get(root + "/robots.txt")
                parser.parse(body.decode("utf-8", "replace").splitlines())
            except (OSError, urllib.error.URLError):
                parser.parse([])
            self.robots[root] = parser
        return self.robots[root].can_fetch(USER_AGENT, url)


def feed_candidates(pages: list[SitePage]) -> list[str]:
    """Links of the site's non-article pages whose address names a feed, on the page's host."""
    out = []
    for page in pages:
        if page.kind == "article":
            continue
        base = document_base(page.root, page.url)
        for a in page.root.iter("a"):
            href = resolve_link(base, (a.get("href") or "").strip())
            parts = urlsplit(href)
            if parts.netloc == urlsplit(page.url).netloc and _FEED_WORD.search(parts.path + "?" + parts.query):
                out.append(href)
    return list(dict.fromkeys(out))


def answered_feeds(pages: list[SitePage], fetcher: Fetcher, asks: int = FEED_ASKS) -> list[str]:
    """The linked feed candidates whose answer reads as RSS or Atom (crawler/discovery.py's
    parser, the one the crawl reads feeds with): a `rss.php?cat=9` that answers a page is no
    feed, whatever its address says."""
    found = []
    for url in feed_candidates(pages)[:asks]:
        try:
            if not fetcher.allowed(url):
                continue
            body, _ = fetcher.get(url)
        except (OSError, ValueError):
            continue
        if feed_entries(XmlResponse(url, body=body))[0] == "feed":
            found.append(url)
    return found


def fetch_site(url: str, fetcher: Fetcher) -> tuple[list[SitePage], list[str], int | None]:
    """The page at `url`, the home page (or one article when `url` is the home page), and the
    robots.txt sitemaps with the number of entries the first one lists."""
    pages = [_fetch(url, fetcher)]
    home = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
    if pages[0].kind == "article" and url.rstrip("/") != home.rstrip("/"):
        pages.append(_fetch(home, fetcher))
    else:
        first = pages[0].root
        base = document_base(first, url)
        links = [resolve_link(base, a.get("href").strip()) for a in first.iter("a") if a.get("href")]
        candidates = article_urls([u for u in links if urlsplit(u).netloc == urlsplit(url).netloc])
        if candidates:
            pages.append(_fetch(candidates[0], fetcher))
    root = home.rstrip("/")
    sitemaps = list(dict.fromkeys(resolve_link(root + "/robots.txt", line.split(":", 1)[1].strip())
                                  for line in _robots_lines(root, fetcher) if line.lower().startswith("sitemap:")))
    entries = None
    if sitemaps:
        try:
            body, _ = fetcher.get(sitemaps[0])
            entries = body.count(b"<loc")
        except (OSError, urllib.error.URLError):
            entries = None
    return pages, sitemaps, entries


def _robots_lines(root: str, fetcher: Fetcher) -> list[str]:
    try:
        body, _ = fetcher.get(root + "/robots.txt")
    except (OSError, urllib.error.URLError):
        return []
    return [line.strip() for line in body.decode("utf-8", "replace").splitlines()]


def _fetch(url: str, fetcher: Fetcher) -> SitePage:
    if not fetcher.allowed(url):
        raise PermissionError(f"robots.txt of {urlsplit(url).netloc} forbids {url}")
    body, content_type = fetcher.get(url)
    return read_page(url, body, content_type)
