"""URL shapes: how a site names its pages, learned from the site's own links.

A site never says which of its addresses are articles, but it names them alike: every story of
a Liferay portal is `/web/<site>/-/<slug>`, every story of a SharePoint list is
`…/View_Detail.aspx?ItemID=<n>`, every WordPress post `/<y>/<m>/<d>/<slug>/`. Listing pages
share shapes too (`/page/<n>/`, `trang-<n>.html`), but far fewer of them are linked, and they
lead to pages of teasers rather than one long text. So a URL is reduced to its *shape* — the
path and query with ids, numbers and long slugs abstracted — and the crawl learns, shape by
shape, what the pages behind it turned out to be. No suffix list decides: `.html` is as
likely a section as a story.

The same shapes tell query variants of one address apart from query *identities*: a
parameter whose value is another address (`redirect=/web/x/tin-tuc`) is navigation state, not
part of the page's name, while `ItemID=330` is the name.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from archive.urls import query_pairs, query_text, strip_sessions, tracking_param

# Files, not pages: never fetched for discovery (a document list is not an article list).
STATIC_SUFFIXES = frozenset({
    "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "ico", "tif", "tiff", "pdf", "doc",
    "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "zip", "rar", "7z", "gz", "tgz", "mp3",
    "mp4", "m4a", "avi", "mov", "wmv", "flv", "webm", "css", "js", "json", "woff", "woff2",
    "ttf", "eot", "exe", "apk", "swf",
})
# Page-name extensions servers add; they say nothing about the page's kind.
_PAGE_EXT = re.compile(r"\.(?:s?html?|aspx?|php\d?|jsp|jspx|do|cfm|cgi|pl)$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_WORD_SPLIT = re.compile(r"[-_+]+")
# A segment this long, or of this many words, is a title turned into a slug: unique per page.
SLUG_WORDS = 4
SLUG_CHARS = 28
# A query value that is an address (or an escaped one) is where the visitor came from: it opens
# with a scheme or the root. A value with a slash further in names something inside the
# application (a portal's `urile=wcm:path:/lib/…`, an MVC route `r=news/view`, NukeViet's
# `op=section/slug-12`): it picks the page, and dropping it would fetch another one.
_URLISH = re.compile(r"^(?:https?(?::|%3a)|/|%2f)", re.IGNORECASE)


@lru_cache(maxsize=16384)  # pure, and asked of every link of every page a few times
def is_static(url: str) -> bool:
    """An image, document, archive, script or style sheet: a file, never a page."""
    path = urlsplit(url).path.lower()
    ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return ext in STATIC_SUFFIXES


def _segment_shape(segment: str) -> str:
    """`cum-thi-dua-so-6-…-1414.html` → `{slug}-{n}.html`; `trang-2.html` → `trang-{n}.html`;
    `12345` → `{n}`; `tin-tuc` stays `tin-tuc` (a section's name is part of the shape)."""
    seg = unquote(segment).lower()
    m = _PAGE_EXT.search(seg)
    ext = m.group(0) if m else ""
    name = seg[: len(seg) - len(ext)] if ext else seg
    if not name:
        return ext
    words = [w for w in _WORD_SPLIT.split(name) if w]
    if _DIGITS.fullmatch(name):
        return "{n}" + ext
    alpha_words = [w for w in words if not w.isdigit()]
    if len(alpha_words) >= SLUG_WORDS or len(name) >= SLUG_CHARS:
        # a slug; keep an id glued to its start or end, which is part of the pattern
        head = "{n}-" if words and words[0].isdigit() else ""
        tail = "-{n}" if words and words[-1].isdigit() and len(words) > 1 else ""
        if not tail and re.search(r"\d{3,}$", name):
            tail = "{n}"
        return head + "{slug}" + tail + ext
    return _DIGITS.sub("{n}", name) + ext


def _value_shape(value: str) -> str:
    if _DIGITS.fullmatch(value):
        return "{n}"
    if len(value) > 20 or re.search(r"\d", value):
        # "12:bai-viet" (Joomla), long tokens, mixed ids: abstract the numbers, keep punctuation
        return "{n}:{slug}" if re.match(r"^\d+[:\-]", value) else "{v}"
    return value.lower()


def navigation_param(key: str, value: str) -> bool:
    """A query parameter that records where the visitor came from, not which page this is."""
    return bool(value) and bool(_URLISH.search(value)) and not _DIGITS.fullmatch(value)


@lru_cache(maxsize=16384)  # pure, and asked of every link of every page a few times
def url_shape(url: str) -> str:
    """The URL with everything page-specific abstracted; siblings share one shape."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    path = "/".join(_segment_shape(s) if s else "" for s in segments) or "/"
    keys = sorted(
        (k.lower(), _value_shape(v))
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not navigation_param(k, v)
    )
    return path + ("?" + "&".join(f"{k}={v}" for k, v in keys) if keys else "")


@lru_cache(maxsize=4096)  # pure; a site has few shapes
def coarse_shape(shape: str) -> str:
    """A shape with section names and slug ids abstracted too: `/xa-hoi/{slug}-{n}.html` and
    `/kinh-te/{slug}-{n}.html` are one family, as are `/-/{slug}` and `/-/{slug}-{n}` (a
    headline ending in a year). Sections with one story each still count as siblings."""
    path, sep, query = shape.partition("?")
    segments = path.split("/")
    last = max((i for i, s in enumerate(segments) if s), default=-1)
    out = []
    for i, seg in enumerate(segments):
        if i < last and seg and "{" not in seg and seg != "-":
            seg = "{w}"
        out.append(re.sub(r"(?:\{n\}-?)?\{slug\}(?:-?\{n\})?", "{slug}", seg))
    return "/".join(out) + sep + query


def request_url(url: str) -> str:
    """The address to fetch: no fragment, no session ids, no tracking tails, navigation
    parameters dropped so that `…/-/slug?inheritRedirect=true&redirect=/web/x` and `…/-/slug`
    are one request. The path is the site's own otherwise (`/print/317` stays: a print view's
    path is not always the article's path with a prefix)."""
    parts = urlsplit(url.strip())
    pairs = query_pairs(parts.query)
    query = [(k, v, bare) for k, v, bare in pairs if not navigation_param(k, v) and not tracking_param(k, v)]
    if any(navigation_param(k, v) for k, v, _bare in pairs):
        # the flag that only accompanies a navigation parameter goes with it
        query = [(k, v, bare) for k, v, bare in query if k.lower() != "inheritredirect"]
    host = (parts.hostname or "").lower()
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    return urlunsplit(((parts.scheme or "http").lower(), netloc, strip_sessions(parts.path) or "/",
                       query_text(query), ""))



# Servers that treat paths and query keys case-insensitively (IIS): links spelt two ways are
# one page. Seen from the extension; `SiteShapes` also learns it from links that differ only
# in case.
_CASELESS_EXT = re.compile(r"\.(?:aspx?|asmx|ashx)$", re.IGNORECASE)


@lru_cache(maxsize=8192)  # pure; a page's menu and sidebar links recur on every page
def page_key(url: str, caseless: bool) -> str:
    """One key per page: request form, lower-cased on case-insensitive servers (`caseless`,
    or an IIS extension). Memoised because discovery asks for the key of every link of every
    page it reads, several times over (triage, seen, known, shapes): ~35 calls a fetched page
    on the demo sites, 17 % of the crawl process's CPU uncached."""
    parts = urlsplit(request_url(url))
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if caseless or _CASELESS_EXT.search(parts.path):
        query = urlencode(sorted((k.lower(), v) for k, v in pairs))
        return urlunsplit((parts.scheme, parts.netloc, parts.path.lower(), query, ""))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(sorted(pairs)), ""))


@dataclass
class ShapeStats:
    """What the crawl saw behind one shape: how many addresses, and what their pages were."""

    urls: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    unproductive: int = 0  # non-article pages in a row that brought no new link

    @property
    def fetched(self) -> int:
        return sum(self.kinds.values())


class SiteShapes:
    """One site's shapes and what their pages turned out to be, updated as the crawl goes.

    Evidence is kept per shape and per coarse shape (its family): `verdict(url)` answers from
    the shape when its pages were seen, else from the family — `article` when pages were
    articles, `listing`/`other` when they never were, `unknown` before any was fetched.
    """

    def __init__(self, caseless: bool = False) -> None:
        self.shapes: dict[str, ShapeStats] = defaultdict(ShapeStats)
        self.caseless = caseless
        self._spellings: dict[str, str] = {}
        self.slash_blind = False  # the site serves one page at `/x` and at `/x/`
        self._bodies: dict[str, tuple[str, str]] = {}  # slashless key -> (key, digest) until then

    # -- identity --------------------------------------------------------------------------
    def key(self, url: str) -> str:
        """One key per page: request form, lower-cased on case-insensitive servers."""
        return page_key(url, self.caseless)

    def served(self, url: str, body: bytes) -> None:
        """Learn from a fetched page whether the site answers `/x` and `/x/` with one page.

        Learnt, never assumed: many servers redirect one spelling to the other, and a few serve
        two pages there (a file and a folder). Once both spellings of one address gave the same
        page (its own address blanked, which templates echo), every slash twin is one page."""
        if self.slash_blind:
            return
        key = self.key(url)
        parts = urlsplit(key)
        bare_path = parts.path.rstrip("/")
        if not bare_path:
            return
        bare = urlunsplit(parts._replace(path=bare_path))
        for spelling in sorted({bare_path + "/", bare_path}, key=len, reverse=True):
            body = body.replace(spelling.encode("utf-8"), b"")
        digest = hashlib.sha1(body).hexdigest()
        first = self._bodies.setdefault(bare, (key, digest))
        if first[0] != key and first[1] == digest:
            self.slash_blind = True
            self._bodies.clear()

    def twin(self, key: str) -> str | None:
        """The other slash spelling of a page key, once the site is known to serve both."""
        parts = urlsplit(key)
        if not self.slash_blind or parts.path in ("", "/"):
            return None
        path = parts.path[:-1] if parts.path.endswith("/") else parts.path + "/"
        return urlunsplit(parts._replace(path=path))

    def stats(self, url: str) -> tuple[ShapeStats, ShapeStats]:
        """(shape, family) evidence for `url`."""
        return self._stats(self.key(url))

    def _stats(self, key: str) -> tuple[ShapeStats, ShapeStats]:
        shape = url_shape(key)
        return self.shapes[shape], self.shapes["~" + coarse_shape(shape)]

    # -- evidence --------------------------------------------------------------------------
    def see(self, url: str) -> str:
        """Count a linked address under its shape and family; returns its key."""
        key = self.key(url)
        lower = key.lower()
        if lower in self._spellings and self._spellings[lower] != key:
            self.caseless = True  # the site links one page in two spellings
            key = self.key(url)
        self._spellings.setdefault(lower, key)
        for stats in self._stats(key):
            stats.urls.add(key)
        return key

    def learn(self, url: str, kind: str, productive: bool = True) -> None:
        """What the page at `url` turned out to be: article, listing or other."""
        for stats in self._stats(self.see(url)):
            stats.kinds[kind] += 1
            if kind == "article" or productive:
                stats.unproductive = 0
            else:
                stats.unproductive += 1

    # -- answers ---------------------------------------------------------------------------
    def siblings(self, url: str) -> int:
        """Addresses seen under this URL's family (its coarse shape)."""
        return len(self._stats(self.key(url))[1].urls)

    @staticmethod
    def _verdict(stats: ShapeStats) -> str:
        if not stats.fetched:
            return "unknown"
        articles = stats.kinds["article"]
        if articles and articles >= stats.fetched - articles:
            return "article"
        if articles:
            return "mixed"
        return "listing" if stats.kinds["listing"] >= stats.kinds["other"] else "other"

    def verdict(self, url: str) -> str:
        fine, family = self._stats(self.key(url))
        answer = self._verdict(fine)
        return answer if answer != "unknown" else self._verdict(family)

    def exhausted(self, url: str, limit: int = 3) -> bool:
        """Pages of this shape were fetched `limit` times in a row for nothing: no article,
        no new link (tag clouds, calendars, a pager that repeats its last page)."""
        return self._stats(self.key(url))[0].unproductive >= limit


# A shape is a likely article shape, from the addresses alone, when many addresses share it and
# they end in something unique per page: a long slug or a number.
_UNIQUE_TAIL = re.compile(r"(\{slug\}(?:-?\{n\})?|\{n\})(?:\.[a-z0-9]+)?/?$")
_ID_QUERY = re.compile(r"(?:^|&)[^=&]*(?:id|item|news|article|post|p|bai)[^=&]*=\{n\}", re.IGNORECASE)
_LISTING_WORDS = re.compile(
    r"(?:^|[/_\-.=?&])(?:page|paged|trang|start|offset|cur|pageindex|pagenum|tag|tags|category|"
    r"categories|chuyen-muc|danh-muc|chu-de|topic|search|tim-kiem|archive|luu-tru|lich|calendar|"
    r"author|tac-gia|feed|rss|print|in-bai|login|dang-nhap)(?:[/_\-.=?&]|\{n\}|$)",
    re.IGNORECASE)


_GENERIC_PAGE = re.compile(r"/(?:default|index|home|trang-chu)(?:\.[a-z0-9]+)?/?$", re.IGNORECASE)


def _page_path(url: str) -> str:
    """The path as a place in the site's tree: no page-name extension, no `Default.aspx`."""
    path = _GENERIC_PAGE.sub("", urlsplit(url).path)
    return _PAGE_EXT.sub("", path.rstrip("/"))


# A path that ends in a year and a month (and a day): a blog's or a CMS's date archive
# (`/2019/12/`, `/tin-tuc/2023/05/17/`), the list of a month's or a day's stories.
_DATE_ARCHIVE = re.compile(r"/(?:19[5-9]\d|20\d\d)/(?:0?[1-9]|1[0-2])(?:/(?:0?[1-9]|[12]\d|3[01]))?/?$")


def is_date_archive(url: str) -> bool:
    """The address ends in a date, year and month at least: its numbers are a date, not a page
    id, so siblings of its shape are archive pages, never stories (a story's id may look like a
    year, `/tin-tuc/<section>/2014/`; a year and a month in a row are a date)."""
    return bool(_DATE_ARCHIVE.search(urlsplit(url).path))


def shape_looks_like_articles(shape: str, siblings: int, min_siblings: int = 3) -> bool:
    """From the addresses alone (no page fetched): many siblings ending in a per-page token,
    and no word that names a listing, a tag, a print copy or a search."""
    if siblings < min_siblings:
        return False
    path, _, query = shape.partition("?")
    if _LISTING_WORDS.search(shape.replace("{n}", "0")):
        return False
    path = _GENERIC_PAGE.sub("/", path)
    return bool(_UNIQUE_TAIL.search(path) or _ID_QUERY.search(query))


def article_urls(urls: Iterable[str], min_siblings: int = 3) -> list[str]:
    """Which of a site's addresses are articles, judged from the set of addresses alone (a
    web archive's capture list, a sitemap without page kinds): members of shape families that
    many addresses share and that end in a slug or an id, and that no other address sits
    under (`/2019/02/` holds `/2019/02/14/slug/`: an archive page, not a story). One address
    per page (variants folded), in first-seen order."""
    shapes = SiteShapes()
    keyed: dict[str, str] = {}
    for url in urls:
        if not is_static(url):
            keyed.setdefault(shapes.see(url), url)
    parents = set()
    for key in keyed:
        path = _page_path(key)
        while "/" in path:
            path = path.rsplit("/", 1)[0]
            parents.add(path)
    out = []
    for key, url in keyed.items():
        if _page_path(key) in parents:
            continue
        shape = url_shape(key)
        if shape_looks_like_articles(shape, shapes.siblings(key), min_siblings):
            out.append(url)
    return out
