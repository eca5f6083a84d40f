"""What the spider knows about one site during a run: its hosts, what is archived, what was
seen, the address shapes it has learned and how far discovery may still go."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector
from scrapy.http import Response

from archive.menus import LinkPlaces, fixed_section, link_places
from archive.pagination import NextPage, increment, next_page
from archive.sources import Source
from archive.urls import canonical_url, document_base, host_key, resolve_link
from archive.urlshapes import (
    SiteShapes,
    is_date_archive,
    is_static,
    request_url,
    shape_looks_like_articles,
    url_shape,
)
from crawler.items import PageItem

_SKIP_HREF = ("javascript:", "mailto:", "tel:", "#", "data:")
SAMPLES = 5
HELD_MAX = 40
MENU_SHARE = 0.5  # of the pages read that have a menu: a site menu repeats on (nearly) all
SITE_WIDE_SHARE = 0.8  # of the pages read: a content link the template prints everywhere
SITE_WIDE_MIN = 3      # pages, before a link can be called site-wide


def absolute_links(root: Any, url: str) -> list[str]:
    """Every `<a href>` of a page at `url`, absolute (against the page's `<base href>` when it
    has one, as a browser resolves them), without fragments, in page order."""
    base = document_base(root, url)
    out = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.lower().startswith(_SKIP_HREF):
            out.append(resolve_link(base, href))
    return list(dict.fromkeys(out))


def platform_links(root: Any, url: str, css: str | None) -> list[str]:
    """The links the source's own article selector (`rules.article_links`) picks, resolved."""
    if not css:
        return []
    base = document_base(root, url)
    try:
        return [resolve_link(base, href.strip())
                for href in Selector(root=root).css(css).css("::attr(href)").getall()]
    except ValueError:
        return []


def listing_next(selector: Selector, url: str, page: int, css: str | None) -> NextPage | None:
    """The next page of a listing (`selector`: the page's): the source's own selector first
    (`rules.next_page`), else archive.pagination's reading of the pager."""
    if css:
        href = selector.css(css).attrib.get("href")
        if href:
            return NextPage("platform", url=resolve_link(document_base(selector.root, url), href))
    return next_page(selector.root, url, page)


def frame_links(root: Any, url: str) -> list[str]:
    """The documents a page shows inside itself (`<frame src>`, `<iframe src>`), absolute and in
    page order: a frameset home page has no text and no link of its own, its menu and its lists
    are in its frames, and a list may sit in an iframe."""
    base = document_base(root, url)
    out = []
    for frame in root.iter("frame", "iframe"):
        src = (frame.get("src") or "").strip()
        if src and not src.lower().startswith((*_SKIP_HREF, "about:")):
            out.append(resolve_link(base, src))
    return list(dict.fromkeys(out))


def _merged(sets: dict[str, set[str]], key: Any) -> dict[str, set[str]]:
    """`sets` with its keys and members passed through `key`, the sets of one new key united."""
    out: dict[str, set[str]] = {}
    for k, v in sets.items():
        out.setdefault(key(k), set()).update(key(x) for x in v)
    return out


def _folded_counts(counts: Counter[str], key: Any) -> Counter[str]:
    out: Counter[str] = Counter()
    for k, n in counts.items():
        out[key(k)] += n
    return out


class SiteState:
    def __init__(self, source: Source, settings: dict[str, int]) -> None:
        self.source = source
        self.hosts = source.allowed_hosts  # the offsite policy's hosts (crawler/middlewares.py)
        self.scope = tuple(source.extra.get("scope") or ())
        self.shapes = SiteShapes()
        self.known: set[str] = set()
        self.seen: set[str] = set()
        self.feeds: set[str] = set()
        self.links_seen: set[str] = set()
        self.series_links: dict[str, set[str]] = {}
        self.walked_series: set[str] = set()  # listings read this run, by their page-1 form
        self.platform_links: set[str] = set()
        self.max_depth = int(source.extra.get("discovery_depth") or settings["depth"])
        self.budget = settings["budget"]
        self.early_stop = True  # set from the walk plans at the start of a run
        self.samples: dict[str, list[str]] = {}
        # a dry run's articles to fetch per source (None: all of them)
        self.sample_cap: int | None = settings.get("sample") or None
        pattern = source.rules.get("article_url")
        self.article_pattern = re.compile(pattern) if pattern else None
        # short pages the classifier called articles, waiting for their siblings' verdict
        self.held: dict[str, tuple[PageItem, str]] = {}
        self.held_to_idle: set[str] = set()  # of those, the ones judged with all the crawl saw
        # where the pages read so far link each address: as a menu item (how many pages), in content
        self.places_read: set[str] = set()
        self.menu_pages = 0
        self.menu_counts: Counter[str] = Counter()
        self.linkers: dict[str, set[str]] = {}     # page -> the pages that link it from content
        self.content_of: dict[str, set[str]] = {}  # page -> what it links from content
        self.content_counts: Counter[str] = Counter()  # page -> how many pages link it from content
        self.stories: set[str] = set()             # pages taken as articles this run
        self.listed_by: dict[str, set[str]] = {}   # page -> the machine lists naming it (sitemap, feed, more)
        # links triage found not worth a fetch, by key: (url, depth, route, leaf), asked again
        # once, at the crawl's end; `skip_counted`: counted once each
        self.skipped: dict[str, tuple[str, int, str, bool]] = {}
        self.skip_counted: set[str] = set()
        self._folded = False  # page keys folded once the site is found case-insensitive

    # -- where -----------------------------------------------------------------------------
    def roots(self) -> list[str]:
        return list(dict.fromkeys(self.root_of(u) for u in self.source.start_urls))

    @staticmethod
    def root_of(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def offsite(self, url: str) -> bool:
        """Not on one of the source's hosts: what the offsite policy refuses."""
        return host_key(url) not in self.hosts

    def allows(self, url: str) -> bool:
        """On one of the source's hosts (a host on another port is another host), and under
        one of its `scope` prefixes when it has some (one site of a portal that hosts several
        under one host: /web/ldld/, /web/sonoivu/)."""
        if self.offsite(url):
            return False
        return not self.scope or url.startswith(self.scope) or url.rstrip("/") + "/" in self.scope

    # -- what is archived ------------------------------------------------------------------
    def know(self, url: str) -> None:
        """An article archived before this run: not fetched again, and its shape is one of the
        site's article shapes."""
        self.known.add(self.shapes.key(url))
        self.known.add(self.shapes.key(canonical_url(url)))
        self.shapes.learn(url, "article")

    def remember(self, url: str, article: bool = True) -> None:
        """A page sent to ingest in this run: never fetched twice, its shape an article shape
        when it looked like one; no reason to stop a listing walk (that is what `known` is for)."""
        self.seen.add(self.shapes.key(url))
        self.seen.add(self.shapes.key(canonical_url(url)))
        if article:
            self.shapes.learn(url, "article")
            self.stories.add(self.shapes.key(url))

    def is_known(self, url: str) -> bool:
        key = self.shapes.key(url)
        return key in self.known or self.shapes.twin(key) in self.known

    def has_seen(self, key: str) -> bool:
        """A page key queued or fetched this run, under either slash spelling once the site
        serves both as one page."""
        return key in self.seen or self.shapes.twin(key) in self.seen

    def known_among(self, urls: list[str] | tuple[str, ...]) -> set[str]:
        return {u for u in urls if self.is_known(u)}

    # -- links -----------------------------------------------------------------------------
    def page_links(self, root: Any, url: str, rules: dict[str, Any]) -> list[str]:
        """The page's links worth triage, each counted under its shape (so that siblings are
        known before any of them is judged); the platform's article selector marks its own."""
        return self.take_links(absolute_links(root, url),
                               platform_links(root, url, rules.get("article_links")))

    def take_links(self, links: list[str], platform: list[str]) -> list[str]:
        """`page_links` from a page's links and its platform selector's, read apart
        (crawler/pagereading.py)."""
        for target in platform:
            self.platform_links.add(self.shapes.key(target))
        links = [u for u in links if self.allows(u) and not is_static(u)]
        for u in links:
            self.shapes.see(u)
        return links

    def frames(self, root: Any, url: str) -> list[str]:
        """The page's frames this crawl may fetch (`frame_links`)."""
        return self.fetchable(frame_links(root, url))

    def fetchable(self, urls: list[str]) -> list[str]:
        return [u for u in urls if self.allows(u) and not is_static(u)]

    def fresh(self, links: list[str]) -> list[str]:
        """Links not seen on any page of this run before (and now seen)."""
        keys = [self.shapes.key(u) for u in links]
        new = [u for u, k in zip(links, keys, strict=True) if k not in self.links_seen]
        self.links_seen.update(keys)
        return new

    def fresh_for_series(self, series: str, links: list[str]) -> bool:
        """The page adds links its earlier pages did not have (else: a trap or the end)."""
        seen = self.series_links.setdefault(series, set())
        keys = {self.shapes.key(u) for u in links}
        added = bool(keys - seen)
        seen |= keys
        return added

    def likely_article(self, url: str) -> bool:
        """By evidence when there is some, else by the address alone: a shape many siblings
        share that ends in a slug or an id — not a date (`/2019/12/`: a date archive, a listing)."""
        verdict = self.shapes.verdict(url)
        if verdict in ("article", "mixed"):
            return verdict == "article"
        if verdict in ("listing", "other") or is_date_archive(url):
            return False
        return shape_looks_like_articles(url_shape(self.shapes.key(url)), self.shapes.siblings(url))

    def family_has_stories(self, url: str) -> bool:
        """Some page of this address's shape or of its family was an article: the family is
        news, or mixed (a CMS folder that holds its listings beside its stories: `/tin-tuc/<id>`
        for both a collection and the news items), never one to outvote a page of."""
        fine, family = self.shapes.stats(url)
        return bool(fine.kinds["article"] or family.kinds["article"])

    def shape_lists_no_articles(self, url: str) -> bool:
        """Two or more pages of this address family were fetched and none was an article —
        none of the shape nor of the family: a mixed family outvotes nothing."""
        verdict = self.shapes.verdict(url)
        fine, family = self.shapes.stats(url)
        seen = max(fine.fetched, family.fetched)
        return verdict in ("listing", "other") and seen >= 2 and not self.family_has_stories(url)

    def shape_undecided(self, url: str) -> bool:
        """Fewer than two pages of this address family were fetched: nothing to outvote a
        page's own answer with yet."""
        fine, family = self.shapes.stats(url)
        return max(fine.fetched, family.fetched) < 2

    def hold(self, url: str, item: PageItem, route: str, to_idle: bool = False) -> bool:
        """Keep a short article-like page back until its siblings teach the shape, or (`to_idle`)
        until the crawl has read every other page (bounded: past HELD_MAX pages a site's short
        pages are judged as they come)."""
        if len(self.held) >= HELD_MAX or url in self.held:
            return False
        self.held[url] = (item, route)
        if to_idle:
            self.held_to_idle.add(url)
        return True

    def skip(self, key: str, url: str, depth: int, route: str, leaf: bool) -> bool:
        """Keep a link triage found not worth a fetch, for the crawl's end to ask again; of the
        ways it was met, the one a fetch is likeliest by (a page's link before a sitemap's leaf,
        the shallowest). True the first time it is skipped."""
        old = self.skipped.get(key)
        if old is None or (old[3], old[1]) > (leaf, depth):
            self.skipped[key] = (url, depth, route, leaf)
        first = key not in self.skip_counted
        self.skip_counted.add(key)
        return first

    def skipped_links(self) -> list[tuple[str, int, str, bool]]:
        """Every skipped link, (url, depth, route, leaf), to be triaged again now (a link
        fetched then leaves the list)."""
        return list(self.skipped.values())

    def take_held(self) -> list[tuple[str, str]]:
        """Every held page, (url, route), to be fetched again and judged now."""
        waiting = [(url, route) for url, (_item, route) in self.held.items()]
        self.held.clear()
        self.held_to_idle.clear()
        return waiting

    def not_article_why(self, url: str) -> str | None:
        """Why a short article-like page is no story after all, by what the site's other pages
        say about it; None when they say nothing against it."""
        if self.shape_lists_no_articles(url):
            return "a short page among listings and other pages"
        if self.menu_only(url):
            return "a short page linked only as an item of the site's menu"
        if self.fixed_page(url):
            return f"a short page of the fixed-page section /{fixed_section(url)}/ that no news page links"
        return None

    def decided(self, final: bool = False) -> Iterator[tuple[str, PageItem, str, str | None]]:
        """Held pages whose family has a verdict now (every one, when `final`): (url, item,
        route, why it is no article or None). Only a story is released early: a page that
        now looks like no story (outvoted, a menu's or a fixed section's page) waits for the
        crawl's end, when every page that might speak for it was read — else the verdict
        would depend on the order responses arrive."""
        for url in list(self.held):
            if final or (url not in self.held_to_idle and not self.shape_undecided(url)):
                if not final and self.not_article_why(url):
                    self.held_to_idle.add(url)
                    continue
                item, route = self.held.pop(url)
                self.held_to_idle.discard(url)
                yield url, item, route, self.not_article_why(url)

    # -- menus -----------------------------------------------------------------------------
    def read_places(self, root: Any, url: str) -> None:
        """Count where a fetched page links other pages: items of its menu, or its content
        (archive/menus.py). Once per page, however often it is fetched."""
        if self.places_unread(url):
            self.count_places(url, link_places(root, url))

    def places_unread(self, url: str) -> bool:
        return self.shapes.key(url) not in self.places_read

    def count_places(self, url: str, places: LinkPlaces) -> None:
        """`read_places` from the page's places, read apart (crawler/pagereading.py)."""
        page = self.shapes.key(url)
        if page in self.places_read:
            return
        self.places_read.add(page)
        if places.menu_items:
            self.menu_pages += 1
        self.menu_counts.update({self.shapes.key(u) for u in places.menu_items})
        targets = {self.shapes.key(u) for u in places.content}
        self.content_of[page] = targets
        self.content_counts.update(targets)
        for target in targets:
            self.linkers.setdefault(target, set()).add(page)

    def listed(self, urls: list[str], how: str) -> None:
        """A sitemap's, a feed's or a "Xem thêm" answer's entries: which lists name each page."""
        for url in urls:
            self.listed_by.setdefault(self.shapes.key(url), set()).add(how)

    def stories_from_listings(self) -> bool:
        """Some story of this run is linked from a page's content: the site's news is reached
        from its listings (not a sitemap-only site, whose stories no page links)."""
        return any(k in self.linkers for k in self.stories)

    def sitemap_only(self, url: str) -> bool:
        """Only the sitemap names the page: no feed, no "Xem thêm" answer, no page's content or
        menu. A sitemap lists every page of a site, its fixed ones too; a feed lists news."""
        keys = self._keys(url)
        lists = set().union(*(self.listed_by.get(k, set()) for k in keys))
        return lists == {"sitemap"} and not any(k in self.linkers or self.menu_counts[k] for k in keys)

    def _keys(self, url: str) -> set[str]:
        """The page's keys: as linked, its canonical form, and their slash twins."""
        self._fold_keys()
        keys = {self.shapes.key(url), self.shapes.key(canonical_url(url))}
        return keys | {t for k in keys if (t := self.shapes.twin(k))}

    def _fold_keys(self) -> None:
        """Once the site turns out case-insensitive, the page keys noted before (where pages link
        each page, what was taken as a story) are folded as every key is from then on: the same
        page under two spellings is one page, and what was read before still counts."""
        if not self.shapes.caseless or self._folded:
            return
        self._folded = True
        key = self.shapes.key
        self.linkers, self.content_of = _merged(self.linkers, key), _merged(self.content_of, key)
        listed: dict[str, set[str]] = {}
        for k, how in self.listed_by.items():
            listed.setdefault(key(k), set()).update(how)
        self.listed_by = listed
        self.content_counts = _folded_counts(self.content_counts, key)
        self.menu_counts = _folded_counts(self.menu_counts, key)
        self.places_read, self.stories = {key(k) for k in self.places_read}, {key(k) for k in self.stories}

    def is_story(self, key: str) -> bool:
        """Taken as an article in this run, or archived before it."""
        return key in self.stories or self.is_known(key)

    def site_wide(self, key: str) -> bool:
        """The page is linked from the content of (nearly) every page read: a box the template
        prints beside every text ("Tin mới nhất" in a sidebar), which tells nothing about the
        page that carries it — a "Giới thiệu" page has it as much as a listing."""
        return self.content_counts[key] >= max(SITE_WIDE_MIN, SITE_WIDE_SHARE * len(self.places_read))

    def news_linked(self, url: str) -> bool | None:
        """Whether a news page links the page from its content: a story (its related links) or
        a page that links a story from its content (a listing, a "Tin mới" box of its own; a
        story every page links, in a box of the template, does not count). None when no page
        read links it from content (found through a menu, a sitemap, a feed, a fragment):
        nothing to tell by."""
        linkers = set().union(*(self.linkers.get(k, set()) for k in self._keys(url)))
        if not linkers:
            return None
        return any(self.is_story(page) or any(self.is_story(t) and not self.site_wide(t)
                                              for t in self.content_of.get(page, ()))
                   for page in linkers)

    def fixed_page(self, url: str) -> bool:
        """A page of a fixed-page section by its address (`/gioi-thieu/…`, `/van-ban/…`:
        lexicons/sections.toml) that lives outside the site's news: pages link it from content,
        but none of them is a story or links one (the other "Giới thiệu" pages' "Bài viết
        khác", the documents' table), and no page of its address shape is a story. A CMS may
        print such a page in the news' markup with a date; its place in the site tells. Both
        are needed: news is filed under any section name, and a fixed page is linked from
        wherever its siblings are. A page no page links is judged so only when the sitemap
        alone names it (no feed, no "Xem thêm" answer) on a site whose stories its listings
        link: there a story would be linked too (a sitemap-only site's stories never are)."""
        if fixed_section(url) is None:
            return False
        linked = self.news_linked(url)
        if linked is None:  # no page links it: judged by its section only when the sitemap
            linked = not (self.sitemap_only(url) and self.stories_from_listings())  # alone names it
        if linked:
            return False
        fine, _family = self.shapes.stats(url)
        return not fine.kinds["article"]

    def may_be_fixed(self, url: str) -> bool:
        """A fixed page now, or one the sitemap alone names under a fixed-page section before
        the crawl has shown how the site links its stories: held to the crawl's end either way,
        so that the verdict does not depend on the order responses arrive."""
        return self.fixed_page(url) or (fixed_section(url) is not None and self.news_linked(url) is None
                                        and self.sitemap_only(url))

    def menu_only(self, url: str, pages: int = 2) -> bool:
        """The page is an item of the site's menu — on `pages` pages or more, and on at least
        MENU_SHARE of the pages read that have one (a pager or a story's previous/next links
        are on two or three) — and no page read links it from its content (a listing, a news
        box, related links): a fixed page such as "Giới thiệu", "Liên hệ", "Văn bản"."""
        keys = self._keys(url)
        if any(k in self.linkers for k in keys):
            return False
        count = max(self.menu_counts[k] for k in keys)
        return count >= pages and count >= MENU_SHARE * self.menu_pages

    def platform_article(self, url: str) -> bool:
        key = self.shapes.key(url)
        return key in self.platform_links or bool(self.article_pattern and self.article_pattern.search(url))

    def article_links(self, links: list[str]) -> list[str]:
        """The article links of a listing page: the platform's selector's when it has one (so
        that a redesign that breaks the selector shows in `thidua status`), else the links
        that look like articles."""
        if self.source.rules.get("article_links"):
            return [u for u in links if self.shapes.key(u) in self.platform_links]
        return [u for u in links if self.likely_article(u)]

    def worth_reading(self, url: str, depth: int, leaf: bool) -> bool:
        if self.likely_article(url):
            return True
        if self.budget <= 0 or self.shapes.exhausted(url):
            return False
        if leaf:  # a shape of listings beside a family of stories may still hold stories
            return self.shapes.verdict(url) not in ("listing", "other") or self.family_has_stories(url)
        return depth <= self.max_depth

    def spend(self) -> None:
        self.budget -= 1

    # -- pagination ------------------------------------------------------------------------
    def next_of(self, response: Response, page: int) -> NextPage | None:
        return listing_next(response.selector, response.url, page, self.source.rules.get("next_page"))

    def first_visit(self, found: NextPage, page_url: str) -> bool:
        """Each listing page is walked once a run, whichever walk reaches it first."""
        key = self.shapes.key(found.url) if found.url else f"{page_url}#postback={found.postback}"
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    @staticmethod
    def next_endpoint(url: str) -> str | None:
        return increment(url)

    def request_form(self, url: str) -> str:
        return request_url(url)

    # -- reporting -------------------------------------------------------------------------
    def sample(self, route: str, url: str) -> None:
        samples = self.samples.setdefault(route, [])
        if len(samples) < SAMPLES:
            samples.append(url)

    def may_sample(self) -> bool:
        """A dry run fetches a few articles per source, enough to learn the site's shapes."""
        if self.sample_cap is None:
            return True
        if self.sample_cap <= 0:
            return False
        self.sample_cap -= 1
        return True
