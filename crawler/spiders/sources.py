"""One spider for every registered site: discovery that learns the site as it goes.

From a source's start URLs alone it reads every route a site offers to its articles —
robots.txt `Sitemap:` lines (sitemap indexes, `.xml.gz`), the conventional `/sitemap.xml`,
feeds (configured, announced with `rel=alternate` or linked), listing pages and their
pagination (rel=next, "Trang sau", numbered pagers, page numbers in the address, ASP.NET
postback pagers, "Xem thêm" endpoints) and links to a bounded depth. Every fetched page is
classified (archive.pagekind: article, listing, other); only articles reach the archive, and
the answers teach the site's address shapes (archive.urlshapes), so that later links of an
article shape are fetched as articles and shapes that lead nowhere are left alone.

Incremental by design: archived URLs are not fetched again (unless a re-check is due, then
with a conditional GET), and a listing walk stops a page after it met only archived articles
(`THIDUA_KNOWN_PAGES`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import FormRequest, Request, Response, TextResponse
from scrapy.utils.response import get_base_url
from twisted.python.failure import Failure

from archive import store
from archive.crawls import WalkPlan, archived_urls
from archive.menus import link_places
from archive.pagination import deep_page, load_more, same_series, series_key
from archive.sources import Source, load_sources, select_sources
from archive.urls import canonical_url, document_base
from archive.urlshapes import is_static
from crawler import walks
from crawler.discovery import read_as_feed
from crawler.extensions import SourceCounters
from crawler.feedroutes import FeedRoutes
from crawler.items import PageItem
from crawler.middlewares import offsite_message
from crawler.pagereading import PageReading, ReadRequest, read_page, selector_type
from crawler.pagestanding import FirstLook, first_look, speaks_against
from crawler.pipelines import analysis_pool
from crawler.sitestate import SiteState

RELEASE = "thidua_release"  # a held page fetched again at the end: decide, hold no more


def _canonical(url: str) -> str:
    return canonical_url(url)


def warm_up() -> None:
    """Run the extractors once before the first download: their first call compiles patterns
    and loads the repair tables (about half a second), which would otherwise hold the reactor
    while the timeouts of other requests run."""
    from archive.ingest import build_record, decode_page
    from archive.meetings import extract_meetings

    page = ("<html><body><h1>Cụm thi đua số 1 sơ kết</h1><p>Sáng 1/7, Cụm thi đua số 1 tổ chức "
            "hội nghị sơ kết.</p></body></html>")
    decode_page(page.encode("utf-8").decode("latin-1").encode("utf-8"), {})
    record = build_record(page, "http://localhost/warm-up.html", None)
    extract_meetings(record.get("title") or "", record.get("body") or "", lead=None,
                     published="2020-07-01")


def _route_of(meta: dict[str, Any]) -> str:
    """How the page that lists a link was reached: the start page, a next page of a listing
    (a postback pager's too), or another page discovery read."""
    if meta.get("route") in ("pagination", "postback"):
        return meta["route"]
    return "start" if meta.get("thidua_depth", 0) == 0 else "links"


class SourcesSpider(FeedRoutes, scrapy.Spider):
    name = "sources"

    def __init__(self, sources: Iterable[Source] | None = None, source: str = "",
                 sources_file: str = "", max_pages: int | None = None, since: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if sources is None:
            files = [sources_file] if sources_file else None
            ids = [s for s in source.split(",") if s]
            sources = select_sources(load_sources(files, skip_unexpandable=set(ids) or True), ids)
        self.sources = list(sources)
        self.sources_by_id = {s.id: s for s in self.sources}
        self.max_pages_arg = int(max_pages) if max_pages else None
        self.since = since
        self.sites: dict[str, SiteState] = {}
        self.looked_again = False  # the crawl's-end second look at skipped links: once a run
        self.recheck: dict[str, tuple[str | None, str | None]] = {}

    # -- set-up ---------------------------------------------------------------------------
    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SourcesSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    def on_idle(self) -> None:
        """When nothing else is left: first the links triage skipped are asked again with all
        the crawl has learned (a link skipped while its shape looked like listings is a story
        once its siblings were read as stories: which came first must not decide); then pages
        still held are fetched once more and decided with all the crawl has learned (their
        bodies are not kept that long). The second look is taken once a run: a link it fetches
        may lead to more skipped links (an endless listing's next page), and asking again at
        every idle would walk what triage chose to leave one page per idle."""
        if not self.looked_again:
            self.looked_again = True
            second = [request for sid, site in self.sites.items() for request in self._second_look(sid, site)]
            if second:
                for request in second:
                    self.crawler.engine.crawl(request)
                raise DontCloseSpider
        waiting = [(self.sources_by_id[sid], url, route)
                   for sid, site in self.sites.items() for url, route in site.take_held()]
        if not waiting:
            return
        for source, url, route in waiting:
            depth = self.site(source.id).max_depth + 1  # a leaf now: its links were followed
            request = self._request(source, url, self.parse_page, kind="article", depth=depth,
                                    route=route, **{RELEASE: True})
            self.crawler.engine.crawl(request.replace(dont_filter=True))
        raise DontCloseSpider

    def _second_look(self, source_id: str, site: SiteState) -> list[Request]:
        """The skipped links of a site triaged again (`discovery/second-look` counts those
        fetched now); those still not worth a fetch stay skipped (counted once, when first
        skipped)."""
        source = self.sources_by_id[source_id]
        out: list[Request] = []
        for url, depth, route, leaf in site.skipped_links():
            key = site.shapes.key(url)
            site.seen.discard(key)  # asked again now; `follow` marks it seen once more
            out += self.follow(source, url, depth=depth, route=route, leaf=leaf)
        return out

    @property
    def recorder(self) -> Any:
        """The run's CrawlRecorder (or, in a distributed worker, its RedisWorker)."""
        return self.crawler.get_extension(SourceCounters)

    def site(self, source_id: str) -> SiteState:
        if source_id not in self.sites:
            source = self.sources_by_id[source_id]
            self.sites[source_id] = SiteState(source, self._settings(source))
        return self.sites[source_id]

    def _settings(self, source: Source) -> dict[str, int]:
        """Discovery's bounds: link depth and the pages (listing and other) it may read per
        source and run. An explicit --max-pages caps those pages too, start pages included."""
        s = getattr(self, "settings", None)
        get = s.getint if s is not None else (lambda _k, d=0: d)
        budget = get("THIDUA_DISCOVERY_PAGES", 400)
        if self.max_pages_arg:
            budget = min(budget, max(0, self.max_pages_arg - len(source.start_urls)))
        return {"depth": get("THIDUA_DISCOVERY_DEPTH", 3), "budget": budget,
                "sample": get("THIDUA_SAMPLE_ARTICLES", 0)}

    def _load_known(self) -> None:
        """Archived URLs per source (and the ones due for a re-check) teach the site's
        article shapes before the first page is fetched."""
        days = self.settings.getfloat("THIDUA_RECHECK_DAYS")
        for source_id, url, due in archived_urls(self.recorder.db, [s.id for s in self.sources], days):
            self.site(source_id).know(url)
            if due is not None:
                self.recheck[url] = due

    def known_links(self, source: Source, urls: Sequence[str]) -> set[str]:
        """Those of `urls` already archived for `source` (as given or in canonical form)."""
        return self.site(source.id).known_among(urls)

    def take_recheck(self, url: str) -> tuple[str | None, str | None] | None:
        """(ETag, Last-Modified) of a known article due for a conditional re-check, once."""
        return self.recheck.pop(url, None) or self.recheck.pop(_canonical(url), None)

    def touch_page(self, url: str, source_id: str) -> None:
        store.touch_page(self.recorder.db, url)

    def record_failure(self, *, url: str, stage: str, message: str, source_id: str | None) -> None:
        store.record_failure(self.recorder.db, url=url, stage=stage, message=message,
                             source_id=source_id, crawl_id=self.recorder.crawl_ids.get(source_id))

    def count(self, source_id: str, key: str, n: int = 1) -> None:
        self.recorder.count(source_id, key, n)

    def seed_requests(self, plans: dict[tuple[str, str], WalkPlan] | None = None
                      ) -> Iterator[Request]:
        """robots.txt, configured sitemaps and feeds, and the start pages of every source (and
        the page where a walk cut off by max_pages goes on: crawler/walks.py)."""
        robots_asked: set[str] = set()
        for s in self.sources:
            site = self.site(s.id)
            for host_root in site.roots():
                if host_root in robots_asked:
                    continue  # one robots.txt per host; parse_robots serves every source on it
                robots_asked.add(host_root)
                yield self._request(s, host_root + "/robots.txt", self.parse_robots, kind="robots",
                                    dont_obey_robotstxt=True)
            for url in list(s.extra.get("sitemaps", [])) + list(s.extra.get("feeds", [])):
                site.feeds.add(url)
                yield self._request(s, url, self.parse_feed, kind="feed", route="sitemap")
            s_plans = [(plans or {}).get((s.id, url)) or WalkPlan(s.id, url) for url in s.start_urls]
            # Listings discovery finds have no walk of their own: they may stop early only when
            # every start walk of the source may (the last run finished its walks).
            site.early_stop = all(p.early_stop for p in s_plans)
            for plan in s_plans:
                site.seen.add(site.shapes.key(plan.start_url))
                for leg_url, page, walk in walks.walk_legs(plan):
                    yield self._page_request(s, leg_url, depth=0, route="start", page=page,
                                             series=plan.start_url, **{walks.WALK: walk})

    async def start(self) -> AsyncIterator[Any]:
        self._load_known()
        warm_up()
        for request in self.seed_requests(self.recorder.plans):
            yield request

    # -- requests -------------------------------------------------------------------------
    def _request(self, source: Source, url: str, callback: Any, *, kind: str, **meta: Any) -> Request:
        # Scrapy's DepthMiddleware owns meta["depth"] (hops of any kind); discovery counts link
        # hops only (a listing's next page is as deep as its first), under its own key
        meta["thidua_depth"] = meta.pop("depth", 0)
        priority = {"article": 30, "feed": 20, "robots": 40}.get(kind, 10 - 3 * meta["thidua_depth"])
        return Request(url, callback=callback, errback=self.on_error, dont_filter=kind == "robots",
                       meta={"source_id": source.id, "thidua_kind": kind, **meta}, priority=priority)

    def _page_request(self, source: Source, url: str, *, depth: int, route: str, **meta: Any) -> Request:
        kind = "listing" if "series" in meta else "page"
        self.site(source.id).walked_series.add(series_key(url))
        return self._request(source, url, self.parse_page, kind=kind, depth=depth, route=route, **meta)

    def _article_request(self, source: Source, url: str, *, depth: int = 1, route: str = "links",
                         conditional: tuple[str | None, str | None] | None = None) -> Request:
        req = self._request(source, url, self.parse_page, kind="article", depth=depth, route=route)
        if conditional:
            etag, modified = conditional
            if etag:
                req.headers["If-None-Match"] = etag
            if modified:
                req.headers["If-Modified-Since"] = modified
            req.meta["conditional"] = True
        return req

    def max_pages(self, source: Source) -> int:
        return self.max_pages_arg or int(source.extra.get("max_pages") or 0) or \
            self.settings.getint("THIDUA_MAX_PAGES")

    # -- pages ----------------------------------------------------------------------------
    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        """A fetched page: held while too early to tell (crawler/pagestanding.py), else sent to
        ingest when it is an article or was expected to be one, and read for links. What the
        page says (its kind, links, places) is read in an analysis worker
        (crawler/pagereading.py); what the site says of it is weighed here."""
        source = self.sources_by_id[response.meta["source_id"]]
        site = self.site(source.id)
        if response.status == 304:
            self.touch_page(response.url, source.id)
            self.count(source.id, "not_modified")
            return
        if not isinstance(response, TextResponse):
            self._not_html(response, source)
            return
        feed = read_as_feed(response)
        if feed is not None:  # a linked `rss.php?cat=5`: read as the feed it is
            self.count(source.id, "discovery/feed-by-answer")
            site.feeds.add(response.url)
            for out in self.read_feed(response, *feed):
                yield out
            return
        if response.status == 200:
            site.shapes.served(response.url, response.body)
        reading = await self._read(response, source, site)
        if site.places_unread(response.url):
            site.count_places(response.url, reading.places or link_places(response.selector.root, response.url))
        look = first_look(site, response.url, reading.kind, reading.features, response.meta)
        if look.wait and not response.meta.get(RELEASE) \
                and site.hold(response.url, self._item(response, source.id), look.route, to_idle=look.to_idle):
            # too early to tell: decided once its siblings are fetched, or when the crawl idles
            # (a page the site speaks against always then, when every page that might speak for
            # it was read: a story refused for the siblings that arrived first is a lost story)
            self.count(source.id, "discovery/held")
            for out in self._explore(response, source, site, reading, reading.kind, learn=False):
                yield out
            for out in self._release(source, site):
                yield out
            return
        for out in self._settle(response, source, site, look, reading):
            yield out

    async def _read(self, response: TextResponse, source: Source, site: SiteState) -> PageReading:
        """The page read as Scrapy would parse it, in the crawl's analysis workers when it has
        them (the ArchivePipeline's pool), else here."""
        request = ReadRequest(
            url=response.url, text=response.text, selector_type=selector_type(response),
            base_url=get_base_url(response), places=site.places_unread(response.url),
            links=response.meta.get("thidua_depth", 0) <= site.max_depth,
            page=response.meta.get("page", 1), article_css=source.rules.get("article_links"),
            next_css=source.rules.get("next_page"))
        pool = analysis_pool(getattr(self, "crawler", None))
        if pool is None:
            return read_page(request)
        return await pool.run(read_page, request, counter="read/")

    def _settle(self, response: Response, source: Source, site: SiteState, look: FirstLook,
                reading: PageReading) -> Iterable[Any]:
        """A page not held: to ingest, or counted and logged as no article; then read for links."""
        expected = look.expected
        against = speaks_against(site, response.url, look)
        kind = "other" if against else look.kind
        self.count(source.id, f"discovery/{kind}")
        if kind == "article" or (kind == "other" and expected == "article" and not against):
            # an "other" page where an article was expected goes to ingest all the same: the
            # full extractor decides, and a refusal is recorded there, never silently
            yield self._accept(response.url, response.request.url, self._item(response, source.id),
                               source, site, look.route if kind == "article" else None)
        elif expected == "article" or against:
            why = [*reading.features.reasons, *([against] if against else [])]
            self.logger.info("%s: %s is a %s page (%s)", source.id, response.url, kind, "; ".join(why))
            self.count(source.id, "discovery/not-article")
        yield from self._explore(response, source, site, reading, kind)

    def _accept(self, url: str, requested: str, item: PageItem, source: Source, site: SiteState,
                route: str | None) -> PageItem:
        """Send a page to ingest; `route` None: not an article by its looks (its shape learns
        nothing from it), ingest's extractor decides."""
        for address in dict.fromkeys((url, requested)):
            site.remember(address, article=route is not None)
        if route is not None:
            self.count(source.id, f"route/{route}/articles")
            site.sample(route, url)
        return item

    def _release(self, source: Source, site: SiteState, final: bool = False) -> Iterator[PageItem]:
        """Held pages whose siblings have spoken: articles go on to ingest, the rest are
        counted and logged (never dropped silently)."""
        for url, item, route, why_not in site.decided(final):
            if why_not is None:
                self.count(source.id, "discovery/article")
                yield self._accept(url, url, item, source, site, route)
            else:
                self.logger.info("%s: %s is %s", source.id, url, why_not)
                site.shapes.learn(url, "other")
                self.count(source.id, "discovery/other")
                self.count(source.id, "discovery/not-article")

    def _explore(self, response: Response, source: Source, site: SiteState, reading: PageReading,
                 kind: str, learn: bool = True) -> Iterable[Any]:
        meta = response.meta
        depth = meta.get("thidua_depth", 0)
        if depth > site.max_depth:
            if learn:
                site.shapes.learn(response.url, kind)
            return  # a leaf: fetched for itself, not read for links
        links = site.take_links(reading.links or [], reading.platform_links or [])
        fresh = site.fresh(links)
        if learn:
            site.shapes.learn(response.url, kind, productive=bool(fresh))
        for url in reading.feeds or []:
            if url not in site.feeds and site.allows(url):
                site.feeds.add(url)
                yield self._request(source, url, self.parse_feed, kind="feed", route="feed")
        known = self.known_links(source, links)
        yield from self.follow_all(source, [u for u in links if not same_series(response.url, u)],
                                   depth=depth + 1, route=_route_of(meta), known=known)
        # a frame is part of the page that holds it: read at that page's depth
        yield from self.follow_all(source, site.fetchable(reading.frames or []), depth=depth,
                                   route=_route_of(meta))
        if kind != "article":
            # read in the worker unless the classifier took the page for an article and the
            # site spoke against it: then here, from the page's own tree
            root = None if reading.paged else response.selector.root
            yield from self._paginate(response, source, site, links, known, reading)
            endpoint = reading.more if root is None else load_more(root, response.url)
            if endpoint and site.allows(endpoint) and endpoint not in site.feeds:
                site.feeds.add(endpoint)
                yield self._request(source, endpoint, self.parse_more, kind="more", depth=depth + 1, page=2,
                                    doc_base=reading.more_base if root is None else document_base(root, response.url))

    def _paginate(self, response: Response, source: Source, site: SiteState,
                  links: list[str], known: set[str], reading: PageReading | None = None) -> Iterable[Request]:
        """The next page of this listing, unless the walk has gone far enough (`found`: the
        page's pager as read in the worker, else read here)."""
        meta = response.meta
        page = meta.get("page", 1)
        series = meta.get("series") or response.url
        new_articles = [u for u in links if u not in known
                        and (site.platform_article(u) or site.likely_article(u))]
        known_streak = meta.get("known_streak", 0) + (0 if new_articles else 1)
        article_links = site.article_links(links)
        self.count(source.id, "listing/pages")
        self.count(source.id, "listing/links", len(article_links))
        if not article_links and page == 1 and meta.get("thidua_depth", 0) == 0:
            self.logger.warning("%s: no article links on %s — has the site changed its template?",
                                source.id, response.url)
            self.count(source.id, "listing/empty")
        walks.reached(self.recorder, response.request, page=page, url=response.url,
                      streak=known_streak)
        if page > 1 and not site.fresh_for_series(series, links):
            self.count(source.id, "listing/trap")  # a page that adds nothing: repeated or endless
            walks.ended(self.recorder, response.request, "end")
            return
        # A start listing walks THIDUA_KNOWN_PAGES past its last page of news (re-dated items);
        # a listing discovery found stops at its first page with nothing new. Either stops early
        # only when the last walk finished (crawler/walks.py).
        extra = self.settings.getint("THIDUA_KNOWN_PAGES") if meta.get("thidua_depth", 0) == 0 else 0
        may_stop = walks.may_stop_early(response.request) if walks.WALK in meta else site.early_stop
        if known_streak > extra and may_stop:
            walks.ended(self.recorder, response.request, "known")
            return
        if page >= walks.page_limit(response.request, self.max_pages(source)) or site.budget <= 0:
            walks.ended(self.recorder, response.request, "cap")
            return
        found = reading.next_page if reading is not None and reading.paged else site.next_of(response, page)
        if found is None or not site.first_visit(found, response.url):
            walks.ended(self.recorder, response.request, "end")
            return
        site.spend()
        self.count(source.id, f"pagination/{found.how}")
        meta = {"page": page + 1, "series": series, "known_streak": known_streak,
                "depth": meta.get("thidua_depth", 0),
                "route": "postback" if found.postback else "pagination",
                **({walks.WALK: meta[walks.WALK]} if walks.WALK in meta else {})}
        if found.postback:
            target, argument = found.postback
            yield FormRequest.from_response(
                response, formdata={"__EVENTTARGET": target, "__EVENTARGUMENT": argument},
                dont_click=True, callback=self.parse_page, errback=self.on_error, dont_filter=True,
                meta={"source_id": source.id, "thidua_kind": "listing", "thidua_depth": meta.pop("depth"),
                      **meta}, priority=5)
        elif found.url and self.on_hosts(source, [found.url], f" (next page of {response.url})") \
                and site.allows(found.url):
            yield self._page_request(source, found.url, **meta)
        else:
            walks.ended(self.recorder, response.request, "end")  # its next page is not ours

    def on_hosts(self, source: Source, urls: Sequence[str], how: str) -> list[str]:
        """The addresses on the source's hosts. The others — a sitemap's or robots.txt's
        entries, a listing's next page, addresses a crawl would fetch — are dropped, counted
        and recorded as the offsite policy does for a request (crawler/middlewares.py); a
        page's ordinary links to other sites are simply not followed."""
        site = self.site(source.id)
        for url in urls:
            if site.offsite(url):
                self.count(source.id, "policy/offsite")
                self.record_failure(url=url, stage="offsite", source_id=source.id,
                                    message=offsite_message(url, site.hosts, how))
        return [u for u in urls if not site.offsite(u)]

    def follow_all(self, source: Source, urls: list[str], *, depth: int, route: str,
                   leaf: bool = False, known: set[str] | None = None) -> Iterator[Request]:
        """Triage a page's (or a sitemap's) links, asking the archive once which are known."""
        known = self.known_links(source, urls) if known is None else known
        site = self.site(source.id)
        for url in known:
            site.know(url)  # a worker learns the archive's article shapes from Redis's answers
        for url in urls:
            yield from self.follow(source, url, depth=depth, route=route, leaf=leaf,
                                   known=url in known)

    def follow(self, source: Source, url: str, *, depth: int, route: str,
               leaf: bool = False, known: bool = False) -> Iterator[Request]:
        """Triage one link: archived, already queued, an article, a page worth reading, or
        beyond the crawl's bounds."""
        site = self.site(source.id)
        if is_static(url) or not site.allows(url):
            return
        key = site.shapes.key(url)
        if site.has_seen(key):
            return
        if deep_page(url) or series_key(url) in site.walked_series:
            self.count(source.id, "discovery/deep-page")  # its walk from page 1 reaches it
            return
        if known:
            site.seen.add(key)
            conditional = self.take_recheck(url)
            if conditional is not None:
                yield self._article_request(source, url, depth=depth, route=route, conditional=conditional)
            else:
                self.count(source.id, "known")
            return
        target = site.request_form(url)
        if site.platform_article(url) or site.likely_article(url):
            site.seen.add(key)
            if site.skipped.pop(key, None) is not None:
                self.count(source.id, "discovery/second-look")
            self.count(source.id, f"route/{route}/candidates")
            if not site.may_sample():
                self.count(source.id, "dry-run/not-fetched")
                return
            yield self._article_request(source, target, depth=depth, route=route)
        elif site.worth_reading(url, depth, leaf):
            site.seen.add(key)
            if site.skipped.pop(key, None) is not None:
                self.count(source.id, "discovery/second-look")
            site.spend()
            yield self._page_request(source, target, depth=depth, route=route)
        else:
            # Marked seen, as every triaged link: a walk that reaches it again (an endless
            # listing's next page) stops there. The crawl's end asks again with what the crawl
            # has learned by then (a sitemap read before any story of the shape must not decide
            # for good that its stories are listings).
            site.seen.add(key)
            if site.skip(key, url, depth, route, leaf):
                self.count(source.id, "discovery/skipped")

    def closed(self, reason: str) -> None:
        """Sample article URLs per source and route, for `thidua crawl --dry-run`."""
        for source_id, site in self.sites.items():
            self.crawler.stats.set_value(f"thidua/samples/{source_id}", site.samples)

    # -- items and errors -----------------------------------------------------------------
    def _item(self, response: Response, source_id: str) -> PageItem:
        return PageItem(
            url=response.url, status=response.status, body=response.body, source_id=source_id,
            headers={k.decode("latin-1"): b", ".join(v).decode("latin-1")
                     for k, v in response.headers.items()},
            fetched_at=store.now_iso(),
        )

    def _not_html(self, response: Response, source: Source) -> None:
        if response.meta.get("thidua_kind") != "article":
            self.count(source.id, "discovery/not-html")
            return
        self.count(source.id, "failures")
        self.record_failure(url=response.url, stage="fetch",
                            message="not an HTML page ("
                            f"{response.headers.get('Content-Type', b'').decode(errors='replace')})",
                            source_id=source.id)

    def on_error(self, failure: Failure) -> None:
        """Timeouts, DNS errors, 4xx/5xx after retries: recorded against the source, counted.
        A probe (robots.txt, the conventional /sitemap.xml, a page of unknown kind) that is
        missing is normal and only counted."""
        request = failure.request  # type: ignore[attr-defined]
        source_id = request.meta.get("source_id")
        # a request a policy refused (offsite, address) is recorded under that policy
        policy = getattr(failure.value, "stage", None)
        if not policy and failure.check(IgnoreRequest) and "robots" in failure.getErrorMessage().lower():
            self.count(source_id, "fetch/robots-forbidden")  # the site's wish, not a failure
            return
        response = getattr(failure.value, "response", None)
        message = f"HTTP {response.status}" if response is not None else \
            f"{failure.type.__name__}: {self._error_text(failure)}"
        if request.meta.get("thidua_note"):  # what a policy middleware adds (Retry-After…)
            message += f" ({request.meta['thidua_note']})"
        kind = request.meta.get("thidua_kind", "page")
        if kind == "listing":
            walks.ended(self.recorder, request, "error")
        if not policy and (kind == "robots" or request.meta.get("probe")) or \
                (kind in ("page", "more") and response is not None and response.status in (403, 404, 410)):
            self.count(source_id, f"fetch/{kind}/missing")
            if kind == "robots":
                for source in self.sources:
                    site = self.site(source.id)
                    url = site.root_of(request.url) + "/sitemap.xml"
                    if site.root_of(request.url) in site.roots() and url not in site.feeds \
                            and "sitemaps" not in source.extra and site.allows(url):
                        site.feeds.add(url)
                        self.crawler.engine.crawl(self._request(source, url, self.parse_feed, kind="feed",
                                                                route="sitemap", probe=True))
            return
        self.logger.warning("%s: %s failed: %s", source_id, request.url, message)
        self.count(source_id, "failures")
        self.count(source_id, f"fetch/{kind}/error")
        self.record_failure(url=request.url, stage=policy or f"fetch-{kind}", message=message,
                            source_id=source_id)

    def _error_text(self, failure: Failure) -> str:
        """The error's message; for the download errors Scrapy raises without one, what
        happened in words (a cut connection, a page over DOWNLOAD_MAXSIZE)."""
        text = failure.getErrorMessage().strip()
        if text:
            return text
        if failure.type.__name__ == "DownloadCancelledError":
            return (f"download cancelled: over DOWNLOAD_MAXSIZE "
                    f"({self.settings.getint('DOWNLOAD_MAXSIZE'):,} bytes) or stopped")
        return (failure.type.__doc__ or "").strip().split("\n")[0] or "no message"
