"""The machine-readable routes to a site's articles, as the spider reads them: robots.txt's
`Sitemap:` lines (or the conventional /sitemap.xml), sitemap indexes, sitemaps and RSS/Atom
feeds (filtered by --since), and "Xem thêm" endpoints batch by batch. A part of
crawler/spiders/sources.py's spider, kept apart to keep that module short: it relies on the
spider's sources, sites, requests, counters and link triage.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scrapy.http import Response

from crawler.discovery import endpoint_links, entry_day, feed_entries, named_next, robots_sitemaps
from crawler.sitestate import SiteState


class FeedRoutes:
    """The spider's callbacks for robots.txt, feeds and sitemaps, and "Xem thêm" endpoints."""

    sources: list[Any]
    sources_by_id: dict[str, Any]
    since: str | None

    def parse_robots(self, response: Response) -> Iterable[Any]:
        """The `Sitemap:` lines of a host's robots.txt, for every source on that host (or
        the conventional /sitemap.xml when there are none)."""
        root = SiteState.root_of(response.url)
        listed = robots_sitemaps(response)
        for source in self.sources:
            site = self.site(source.id)
            if root not in site.roots() or "sitemaps" in source.extra:
                continue  # another host; or the registry names the sitemaps (an empty list: none)
            sitemaps = [u for u in self.on_hosts(source, listed, f" (listed in {response.url})")
                        if site.allows(u)]
            if not sitemaps and site.allows(root + "/sitemap.xml"):
                sitemaps = [root + "/sitemap.xml"]
            for url in sitemaps:
                if url not in site.feeds:
                    site.feeds.add(url)
                    yield self._request(source, url, self.parse_feed, kind="feed", route="sitemap",
                                        probe=url.endswith("/sitemap.xml"))

    def parse_feed(self, response: Response) -> Iterable[Any]:
        """Sitemap indexes (more sitemaps), sitemaps and RSS/Atom feeds, filtered by --since."""
        yield from self.read_feed(response, *feed_entries(response))

    def read_feed(self, response: Response, kind: str,
                  entries: list[tuple[str, str | None]]) -> Iterable[Any]:
        """`parse_feed` on a document already parsed (`feed_entries`' kind and entries)."""
        source = self.sources_by_id[response.meta["source_id"]]
        site = self.site(source.id)
        if kind == "none":
            self.count(source.id, "feed/not-a-feed")
            return
        self.count(source.id, "feed/ok")
        route = "feed" if kind == "feed" else "sitemap"
        urls: list[str] = []
        ours = set(self.on_hosts(source, [u for u, _ in entries], f" (listed in {response.url})"))
        entries = [(u, stamp) for u, stamp in entries if u in ours and site.allows(u)]
        for url, _ in entries:
            site.shapes.see(url)  # siblings first: the shapes judge the whole list
        for url, stamp in entries:
            if kind == "sitemapindex":
                if url not in site.feeds:
                    site.feeds.add(url)
                    yield self._request(source, url, self.parse_feed, kind="feed", route=route)
                continue
            day = entry_day(stamp) if self.since and stamp else None
            if day and day < self.since:
                self.count(source.id, "feed/skipped-old")
                continue
            urls.append(url)
        site.listed(urls, route)
        yield from self.follow_all(source, urls, depth=1, route=route, leaf=True)

    def parse_more(self, response: Response) -> Iterable[Any]:
        """A "Xem thêm" endpoint: its links, then the next batch while batches bring new ones — the
        batch the answer names (a cursor; none after a null), else the endpoint counted on."""
        source = self.sources_by_id[response.meta["source_id"]]
        site = self.site(source.id)
        named, nxt = named_next(response, response.meta.get("doc_base"))
        if not named:
            nxt = site.next_endpoint(response.url)
        # the next batch is read as a batch, not fetched as one more page
        links = [u for u in endpoint_links(response, response.meta.get("doc_base")) if site.allows(u) and u != nxt]
        fresh = site.fresh(links)
        site.listed(links, "more")
        self.count(source.id, "more/pages")
        yield from self.follow_all(source, links, depth=response.meta["thidua_depth"], route="load-more",
                                   leaf=True)
        page = response.meta.get("page", 2)
        if fresh and nxt and site.allows(nxt) and page < self.max_pages(source):
            yield self._request(source, nxt, self.parse_more, kind="more", depth=response.meta["thidua_depth"],
                                page=page + 1, doc_base=response.meta.get("doc_base"))
