"""Reading a site's machine-readable routes to its articles: robots.txt, sitemaps, feeds and
"load more" endpoints.

Scrapy already parses these (`scrapy.utils.sitemap`, its gzip handling for `.xml.gz`); this
module only turns a response into (address, date) entries and says what kind of document it
was, so the spider can treat every route alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html
from scrapy.http import Response, TextResponse, XmlResponse
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from archive.dates import parse_date
from archive.lexicons import load
from archive.urls import document_base, resolve_link

SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed

_XML_HEADS = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf", b"<urlset", b"<sitemapindex")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
_FEED_PATH = re.compile(r"(?:/feed/?|/rss/?|\.rss|/rss\.xml|/feed\.xml|/atom\.xml|[?&]feed=rss2?)$",
                        re.IGNORECASE)


def robots_sitemaps(response: Response) -> list[str]:
    """The `Sitemap:` lines of a robots.txt (without fragments, as every address a crawl asks)."""
    if response.status != 200:
        return []
    return list(dict.fromkeys(resolve_link(response.url, u)
                              for u in sitemap_urls_from_robots(response.body, base_url=response.url)))


def _xml_body(response: Response) -> bytes | None:
    body = response.body
    if gzip_magic_number(response):
        try:
            body = gunzip(body, max_size=SITEMAP_MAX_BYTES)
        except Exception:  # noqa: BLE001 - a broken archive is a bad sitemap, not a crash
            return None
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return None  # a soft 404: the site's HTML error page where a sitemap was asked for
    return body if b"<" in head else None


def feed_entries(response: Response) -> tuple[str, list[tuple[str, str | None]]]:
    """(kind, [(address, date or None)]) of a sitemap index, sitemap, RSS or Atom feed.

    kind is `sitemapindex` (the addresses are more sitemaps), `urlset`, `feed`, or `none` when
    the response is not such a document (an HTML page where a sitemap was expected)."""
    body = _xml_body(response)
    if body is None:
        return "none", []
    try:
        sitemap = Sitemap(body)
    except (etree.XMLSyntaxError, StopIteration, ValueError):
        return "none", []
    if sitemap.type in ("sitemapindex", "urlset"):
        entries = [(resolve_link(response.url, d["loc"].strip()), d.get("lastmod")) for d in sitemap
                   if d.get("loc")]
        return sitemap.type, entries
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError:
        return "none", []
    if root is None:
        return "none", []
    entries = []
    for item in root.iter("{*}item", "{*}entry"):
        link = item.find("{*}link")
        url = (link.text or link.get("href") or "").strip() if link is not None else ""
        stamp = next((el.text for el in item.iter("{*}pubDate", "{*}updated", "{*}published", "{*}date")
                      if el.text), None)
        if url:
            entries.append((resolve_link(response.url, url), stamp))
    return ("feed" if entries or root.tag.lower().endswith(("rss", "feed")) else "none"), entries


def read_as_feed(response: Response) -> tuple[str, list[tuple[str, str | None]]] | None:
    """The feed (or sitemap) a response fetched as a page turns out to be, as `feed_entries`
    reads it, or None. A PHP or Joomla site serves every category's feed from one script
    (`rss.php?cat=5`, `index.php?option=com_content&format=feed&type=rss`), so the address says
    nothing that a page's does not; what came back decides: XML, by its type or its first
    bytes, that reads as RSS, Atom or a sitemap (an XHTML page's `<?xml` head reads as none of
    them). The entries are returned so that the caller does not parse the document again."""
    head = response.body[:256].lstrip().lower()
    if not (isinstance(response, XmlResponse) or head.startswith(_XML_HEADS)):
        return None
    kind, entries = feed_entries(response)
    return None if kind == "none" else (kind, entries)


def feed_links(root: Any, url: str) -> list[str]:
    """Feeds a page announces (`<link rel=alternate type=rss>`) or links (`/feed/`, `.rss`),
    resolved against the page's `<base href>` when it has one, without fragments (`/feed/#top`
    and `/feed/` are one feed)."""
    base = document_base(root, url)
    out = []
    for el in root.iter("link"):
        if "alternate" in (el.get("rel") or "").lower() and (el.get("type") or "").lower() in _FEED_TYPES:
            out.append(resolve_link(base, (el.get("href") or "").strip()))
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if href and _FEED_PATH.search(href.split("#")[0]):
            out.append(resolve_link(base, href))
    host = urlsplit(url).hostname
    return [u for u in dict.fromkeys(out) if urlsplit(u).hostname == host]


def entry_day(stamp: str | None) -> str | None:
    """Day of a sitemap <lastmod> (W3C/ISO) or RSS <pubDate> (RFC 2822); None if unreadable."""
    if not stamp:
        return None
    stamp = stamp.strip()
    try:
        return datetime.fromisoformat(stamp).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(stamp).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    parsed = parse_date(stamp)
    return parsed[:10] if parsed else None


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def endpoint_links(response: Response, base: str | None = None) -> list[str]:
    """Links in a "load more" answer: JSON whose strings are addresses or HTML fragments, or
    an HTML fragment itself. The listing's script puts them into the listing page, so they
    resolve against that page's base (`base`: its `<base href>` or its own address), not the
    endpoint's address; without one, against the answer's. Without fragments: an answer that
    links one story as `a.html#binh-luan` and `a.html` gives it once."""
    if not isinstance(response, TextResponse):
        return []
    base = base or response.url
    text = response.text
    try:
        strings = list(_strings(json.loads(text)))
    except ValueError:
        strings = [text]
    links: list[str] = []
    for s in strings:
        s = s.strip()
        if "<a" in s:
            try:
                fragment = lxml_html.fragment_fromstring(s, create_parent="div")
            except (etree.ParserError, ValueError):
                continue
            links += [resolve_link(base, a.get("href").strip()) for a in fragment.iter("a") if a.get("href")]
        elif re.match(r"^(?:https?://\S+|/[^\s<>]*)$", s) and not s.startswith("//"):
            links.append(resolve_link(base, s))
    return list(dict.fromkeys(links))


# How deep in a JSON answer its next-batch key may sit: top level, or inside `links`/`meta`/`pagination`.
_NEXT_DEPTH = 2


def named_next(response: Response, base: str | None = None) -> tuple[bool, str | None]:
    """Whether a "load more" answer names its next batch, and the address it names: a JSON
    answer's `next` (`next_page_url`, `links.next`, …: navigation.toml `next_keys`). A cursor
    (`?sau=MjAyNC0wMy0xNQ`) is no page number, so only the answer finds the batch after it; a
    null there says this was the last. (False, None) when the answer names nothing: count on the
    endpoint. Resolved against the listing page's base, as the answer's links are."""
    if not isinstance(response, TextResponse):
        return False, None
    try:
        node = json.loads(response.text)
    except ValueError:
        return False, None
    keys = set(load("navigation")["next_keys"])
    level = [node]
    for _ in range(_NEXT_DEPTH):
        dicts = [d for d in level if isinstance(d, dict)]
        for d in dicts:
            for key, value in d.items():
                if re.sub(r"[_\-]", "", str(key).lower()) not in keys:
                    continue
                if value in (None, "", False):
                    return True, None
                if isinstance(value, str) and re.match(r"^(?:https?://|/(?!/)|\?)\S*$", value.strip()):
                    return True, resolve_link(base or response.url, value.strip())
        level = [v for d in dicts for v in d.values()]
    return False, None

