"""What the spider reads from a fetched page, worked out where the CPU is free: in an analysis
worker process (archive/ingestpool.py), not on the crawl's reactor thread.

Reading a page — its kind (archive.pagekind), where it links (archive.menus), its links,
frames, feeds, next page and "Xem thêm" endpoint — is a pure function of the page's text and
address, and cost the crawl process about a third of its CPU (the classifier alone ~20 %).
The spider sends the text Scrapy decoded, with the selector type and base URL Scrapy would
give it, so the worker parses the very tree the spider would have parsed and every answer is
the one the spider would have computed; the spider then weighs the answers against what the
site taught it so far (crawler/pagestanding.py, crawler/sitestate.py), on its own thread, in
the order the pages arrived.

What a page needs read depends on what the spider will do with it, which the request says:
its links only when it is not a leaf, its places once per page, the pager and "Xem thêm" only
when it is no article by its looks (the spider reads them itself in the rare case the site then
speaks against an article: `PageReading.paged` False).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scrapy.http import HtmlResponse, JsonResponse, Response, XmlResponse
from scrapy.selector import Selector

from archive.menus import LinkPlaces, link_places
from archive.pagekind import PageFeatures, classify_page
from archive.pagination import NextPage, load_more
from archive.urls import document_base
from crawler.discovery import feed_links
from crawler.sitestate import absolute_links, frame_links, listing_next, platform_links


@dataclass(frozen=True)
class ReadRequest:
    """A page to read: its text and how Scrapy parses it (`selector_type`, `base_url`), and what
    the spider wants read (`places`, `links`; `page`: the listing page it is on, for its pager;
    the source's `article_css` and `next_css` rules)."""

    url: str
    text: str
    selector_type: str | None
    base_url: str
    places: bool
    links: bool
    page: int = 1
    article_css: str | None = None
    next_css: str | None = None


@dataclass(frozen=True)
class PageReading:
    """The answers (None where not asked). `platform_links`: the hrefs the source's article
    selector picks, resolved; `more_base`: the base the "Xem thêm" answer's links resolve
    against."""

    kind: str
    features: PageFeatures
    places: LinkPlaces | None = None
    links: list[str] | None = None
    platform_links: list[str] | None = None
    frames: list[str] | None = None
    feeds: list[str] | None = None
    paged: bool = False
    next_page: NextPage | None = None
    more: str | None = None
    more_base: str | None = None


def parse(request: ReadRequest) -> Selector:
    """The page's selector, parsed as Scrapy's `response.selector` is."""
    return Selector(text=request.text, type=request.selector_type, base_url=request.base_url)


def selector_type(response: Response) -> str | None:
    """The selector type Scrapy gives a response (scrapy.selector.Selector): None lets parsel
    tell from the text, as it does for a plain TextResponse."""
    for cls, kind in ((XmlResponse, "xml"), (JsonResponse, "json"), (HtmlResponse, "html")):
        if isinstance(response, cls):
            return kind
    return None


def read_page(request: ReadRequest) -> PageReading:
    """Read a page for the spider (pure: picklable in, picklable out)."""
    selector = parse(request)
    root = selector.root
    kind, features = classify_page(root, request.url)
    reading = PageReading(kind, replace(features, block=None),
                          places=link_places(root, request.url) if request.places else None)
    if not request.links:
        return reading
    url = request.url
    reading = replace(reading, links=absolute_links(root, url),
                      platform_links=platform_links(root, url, request.article_css),
                      frames=frame_links(root, url), feeds=feed_links(root, url))
    if kind == "article":
        return reading
    return replace(reading, paged=True, next_page=listing_next(selector, url, request.page, request.next_css),
                   more=load_more(root, url), more_base=document_base(root, url))
