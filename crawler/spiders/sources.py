"""One spider for every registered site: the registry says where to look and what to follow.

Incremental by design: listing pages are walked newest-first until a page full of already
archived articles is met (plus `THIDUA_KNOWN_PAGES` more, to catch updated items); known article
URLs are not fetched again unless a re-check is due, and then with a conditional GET.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from archive import store
from archive.crawls import WalkPlan, archived_urls
from archive.sources import Source, load_sources, select_sources
from crawler import walks
from crawler.extensions import SourceCounters
from crawler.items import PageItem

# A link that looks like an article on a site without a platform rule: a slug or id-bearing
# page, not a category, tag, search or static file.
_ARTICLE_LIKE = re.compile(r"(\.html?$|\.aspx$|\.php\?.*id=|/\d{4,}|-\d{3,}(?:\.\w+)?$|/[a-z0-9]+(?:-[a-z0-9]+){3,}/?$)")
_NOT_ARTICLE = re.compile(r"(/tag/|/tags/|/search|/tim-kiem|/category/|/chuyen-muc/|/author/|"
                          r"\.(?:jpg|jpeg|png|gif|pdf|docx?|xlsx?|zip|rar|mp4|mp3)$|/feed/?$|/rss)",
                          re.IGNORECASE)


def _canonical(url: str) -> str:
    try:
        from archive.urls import canonical_url
    except ImportError:  # extractor package not yet providing canonical URLs
        return url
    return canonical_url(url)


class SourcesSpider(scrapy.Spider):
    name = "sources"

    def __init__(self, sources: Iterable[Source] | None = None, source: str = "",
                 sources_file: str = "", max_pages: int | None = None, since: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if sources is None:
            files = [sources_file] if sources_file else None
            ids = [s for s in source.split(",") if s]
            sources = select_sources(load_sources(files, skip_unexpandable=not ids), ids)
        self.sources = list(sources)
        self.sources_by_id = {s.id: s for s in self.sources}
        self.max_pages_arg = int(max_pages) if max_pages else None
        self.since = since
        self.known: dict[str, set[str]] = {}
        self.recheck: dict[str, tuple[str | None, str | None]] = {}

    # -- set-up ---------------------------------------------------------------------------
    @property
    def recorder(self) -> Any:
        """The run's CrawlRecorder (or, in a distributed worker, its RedisWorker)."""
        return self.crawler.get_extension(SourceCounters)

    def _load_known(self) -> None:
        """Article URLs already archived, per source; and the ones due for a re-check."""
        days = self.settings.getfloat("THIDUA_RECHECK_DAYS")
        self.known = {s.id: set() for s in self.sources}
        for source_id, url, due in archived_urls(self.recorder.db, list(self.known), days):
            self.known[source_id].add(url)
            if due is not None:
                self.recheck[url] = due

    def known_links(self, source: Source, urls: Sequence[str]) -> set[str]:
        """Those of `urls` already archived for `source` (as given or in canonical form)."""
        known = self.known.get(source.id, set())
        return {u for u in urls if u in known or _canonical(u) in known}

    def take_recheck(self, url: str) -> tuple[str | None, str | None] | None:
        """(ETag, Last-Modified) of a known article due for a conditional re-check, once."""
        return self.recheck.pop(url, None)

    def touch_page(self, url: str, source_id: str) -> None:
        store.touch_page(self.recorder.db, url)

    def record_failure(self, *, url: str, stage: str, message: str, source_id: str | None) -> None:
        store.record_failure(self.recorder.db, url=url, stage=stage, message=message,
                             source_id=source_id, crawl_id=self.recorder.crawl_ids.get(source_id))

    def seed_requests(self, plans: dict[tuple[str, str], WalkPlan] | None = None
                      ) -> Iterator[Request]:
        """Sitemaps, feeds and first listing pages of every source (and the page where a walk
        cut off by max_pages goes on: see crawler/walks.py)."""
        for s in self.sources:
            for url in list(s.extra.get("sitemaps", [])) + list(s.extra.get("feeds", [])):
                yield self._request(s, url, self.parse_feed, kind="feed")
            for url in s.start_urls:
                plan = (plans or {}).get((s.id, url)) or WalkPlan(s.id, url)
                for leg_url, page, walk in walks.walk_legs(plan):
                    yield self._request(s, leg_url, self.parse_listing, kind="listing",
                                        page=page, **{walks.WALK: walk})

    async def start(self) -> AsyncIterator[Any]:
        self._load_known()
        for request in self.seed_requests(self.recorder.plans):
            yield request

    def _request(self, source: Source, url: str, callback: Any, *, kind: str, **meta: Any) -> Request:
        return Request(url, callback=callback, errback=self.on_error, dont_filter=kind == "listing",
                       meta={"source_id": source.id, "thidua_kind": kind, **meta},
                       priority=10 if kind == "article" else 0)

    # -- listings -------------------------------------------------------------------------
    def max_pages(self, source: Source) -> int:
        return self.max_pages_arg or int(source.extra.get("max_pages") or 0) or \
            self.settings.getint("THIDUA_MAX_PAGES")

    def article_links(self, source: Source, response: Response) -> list[str]:
        rules = source.rules
        selector = rules.get("article_links")
        anchors = response.css(selector) if selector else response.css("a[href]")
        pattern = re.compile(rules["article_url"]) if rules.get("article_url") else None
        host = urlsplit(response.url).hostname
        links: list[str] = []
        for a in anchors:
            href = a.attrib.get("href") or a.css("::attr(href)").get()
            if not href or href.startswith(("javascript:", "mailto:", "#")):
                continue
            url = urljoin(response.url, href).split("#")[0]
            if urlsplit(url).hostname != host:
                continue
            if pattern and not pattern.search(url):
                continue
            if not selector and not pattern and (not _ARTICLE_LIKE.search(urlsplit(url).path.lower() + ("?" + urlsplit(url).query if urlsplit(url).query else "")) or _NOT_ARTICLE.search(url)):
                continue
            if url not in links:
                links.append(url)
        return links

    def parse_listing(self, response: Response) -> Iterable[Any]:
        source = self.sources_by_id[response.meta["source_id"]]
        page = response.meta.get("page", 1)
        links = self.article_links(source, response)
        self.recorder.count(source.id, "listing/pages")
        self.recorder.count(source.id, "listing/links", len(links))
        new_links = 0
        known = self.known_links(source, links)
        for url in links:
            if url in known:
                conditional = self.take_recheck(url)
                if conditional is not None:
                    yield self._article_request(source, url, conditional=conditional)
                else:
                    self.recorder.count(source.id, "known")
                continue
            new_links += 1
            yield self._article_request(source, url)
        # Walk on while there is something new; after a page with nothing new, only
        # THIDUA_KNOWN_PAGES more pages (catches articles re-dated or inserted further down).
        known_streak = response.meta.get("known_streak", 0) + (0 if new_links else 1)
        if not links and page == 1:
            self.logger.warning("%s: no article links on %s — has the site changed its template?",
                                source.id, response.url)
            self.recorder.count(source.id, "listing/empty")
        # The walk's bookkeeping (crawler/walks.py): stop early only if an earlier walk finished.
        walks.reached(self.recorder, response.request, page=page, url=response.url,
                      streak=known_streak)
        if known_streak > self.settings.getint("THIDUA_KNOWN_PAGES") and \
                walks.may_stop_early(response.request):
            walks.ended(self.recorder, response.request, "known")
            return
        if page >= walks.page_limit(response.request, self.max_pages(source)):
            walks.ended(self.recorder, response.request, "cap")
            return
        next_sel = source.rules.get("next_page")
        next_href = response.css(next_sel).attrib.get("href") if next_sel else None
        if next_href:
            yield self._request(source, urljoin(response.url, next_href), self.parse_listing,
                                kind="listing", page=page + 1, known_streak=known_streak,
                                **{walks.WALK: response.meta.get(walks.WALK)})
        else:
            walks.ended(self.recorder, response.request, "end")

    def parse_feed(self, response: Response) -> Iterable[Any]:
        """Sitemaps (<loc>/<lastmod>) and RSS/Atom (<link>/<pubDate>), filtered by --since."""
        source = self.sources_by_id[response.meta["source_id"]]
        self.recorder.count(source.id, "feed/ok")
        response.selector.remove_namespaces()
        entries = [(u.xpath("loc/text()").get(), u.xpath("lastmod/text()").get())
                   for u in response.xpath("//url")]
        entries += [(i.xpath("link/text()").get() or i.xpath("link/@href").get(),
                     i.xpath("pubDate/text()").get() or i.xpath("updated/text()").get())
                    for i in response.xpath("//item | //entry")]
        urls = []
        for url, stamp in entries:
            if not url:
                continue
            day = _feed_date(stamp) if self.since and stamp else None
            if day and day < self.since:
                self.recorder.count(source.id, "feed/skipped-old")
                continue
            urls.append(urljoin(response.url, url.strip()))
        known = self.known_links(source, urls)
        for url in urls:
            if url in known:
                self.recorder.count(source.id, "known")
                continue
            yield self._article_request(source, url)

    # -- articles -------------------------------------------------------------------------
    def _article_request(self, source: Source, url: str,
                         conditional: tuple[str | None, str | None] | None = None) -> Request:
        req = self._request(source, url, self.parse_article, kind="article")
        if conditional:
            etag, modified = conditional
            if etag:
                req.headers["If-None-Match"] = etag
            if modified:
                req.headers["If-Modified-Since"] = modified
            req.meta["conditional"] = True
        return req

    def parse_article(self, response: Response) -> Iterable[Any]:
        source_id = response.meta["source_id"]
        if response.status == 304:
            self.touch_page(response.url, source_id)
            self.recorder.count(source_id, "not_modified")
            return
        if not hasattr(response, "text"):
            self.recorder.count(source_id, "failures")
            self.record_failure(url=response.url, stage="fetch",
                                message=f"not an HTML page ({response.headers.get('Content-Type', b'').decode(errors='replace')})",
                                source_id=source_id)
            return
        self.known.setdefault(source_id, set()).add(response.url)
        yield PageItem(
            url=response.url, status=response.status, body=response.body, source_id=source_id,
            headers={k.decode("latin-1"): b", ".join(v).decode("latin-1")
                     for k, v in response.headers.items()},
            fetched_at=store.now_iso(),
        )

    def on_error(self, failure: Failure) -> None:
        """Timeouts, DNS errors, 4xx/5xx after retries: recorded against the source, counted."""
        request = failure.request  # type: ignore[attr-defined]
        source_id = request.meta.get("source_id")
        response = getattr(failure.value, "response", None)
        message = f"HTTP {response.status}" if response is not None else \
            f"{failure.type.__name__}: {failure.getErrorMessage()}"
        kind = request.meta.get("thidua_kind", "page")
        if kind == "listing":
            walks.ended(self.recorder, request, "error")
        self.logger.warning("%s: %s failed: %s", source_id, request.url, message)
        self.recorder.count(source_id, "failures")
        self.recorder.count(source_id, f"fetch/{kind}/error")
        self.record_failure(url=request.url, stage=f"fetch-{kind}", message=message,
                            source_id=source_id)


def _feed_date(stamp: str) -> str | None:
    """Day of a sitemap <lastmod> (W3C/ISO) or RSS <pubDate> (RFC 2822); None if unreadable."""
    from email.utils import parsedate_to_datetime

    stamp = stamp.strip()
    try:
        return datetime.fromisoformat(stamp).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(stamp).date().isoformat()
    except (TypeError, ValueError):
        pass
    from archive.dates import parse_date

    parsed = parse_date(stamp)
    return parsed[:10] if parsed else None
