"""Canonical URLs and content fingerprints: one article, one row.

The same article reaches the crawler under many addresses — with `utm_*`/`fbclid`/`zarsrc`
tracking tails, a PHP/Java session id, a mobile host (`m.`), an AMP or print variant — and,
once syndicated, on several sites at once. `canonical_url` folds the first kind onto one
address (the archive's unique key); `content_fingerprint` and `simhash` let the store link the
second kind (`duplicate_of`) instead of counting it twice.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote_plus, urlencode, urljoin, urlsplit, urlunsplit

from archive.lexicons import load
from archive.normalize import fold, nfc

# Query parameters that never change the page a reader sees (the words: lexicons/url_params.toml).
_PARAMS = load("url_params")
_TRACKING_PREFIXES = tuple(_PARAMS["tracking_prefixes"])
_TRACKING = frozenset(_PARAMS["tracking"] + _PARAMS["sessions"] + _PARAMS["switches"])
_TEMPLATES = frozenset(_PARAMS["templates"])
_VALUE_SENSITIVE = frozenset(_PARAMS["value_sensitive"])
_VARIANT_VALUES = frozenset(_PARAMS["variant_values"])
_SESSION_PATH = re.compile(r";(jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.IGNORECASE)
# ASP.NET cookieless sessions put the session in a path segment: /portal/(S(ak2lq1dx…))/Pages/…
_COOKIELESS = re.compile(r"/\((?:[A-Z]\([^()/]*\))+\)(?=/)")
_MOBILE_HOST = re.compile(r"^(m|mobile|amp|wap)\.", re.IGNORECASE)
_VARIANT_SEGMENTS = {"amp", "print", "in", "ban-in", "mobile"}
_CANONICAL_LINK = re.compile(
    r"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"']?[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_BASE_TAG = re.compile(r"<base\b[^>]*>", re.IGNORECASE)
_HTML_SPACE = " \t\n\f\r"


def _frozen_base(url: str, href: str | None) -> str:
    """HTML's frozen base URL: the `<base href>` value resolved against the page's address;
    the address itself when the value is empty or does not resolve to an http(s) address."""
    value = (href or "").strip(_HTML_SPACE)
    if not value:
        return url
    try:
        target = urljoin(url, value)
    except ValueError:
        return url
    return target if urlsplit(target).scheme in ("http", "https") else url


def document_base(root: Any, url: str) -> str:
    """The address a page's relative links resolve against (HTML: the document base URL): the
    first `<base>` element that has an `href`, resolved against the page's `url`, else `url`.
    A MODX or Silverstripe page at /tin-tuc/bai-viet.html with `<base href="https://host/">`
    means `href="tin-tuc/khac.html"` → https://host/tin-tuc/khac.html, not
    /tin-tuc/tin-tuc/khac.html. `root` is any element of the parsed page (its tree is searched)."""
    if root is None or not url:
        return url
    try:
        doc = root.getroottree().getroot()
    except AttributeError:
        doc = root
    for el in doc.iter("base"):
        href = el.get("href")
        if href is not None:
            return _frozen_base(url, href)
    return url


def document_base_of_html(html: str, url: str) -> str:
    """`document_base` for a page's text, not parsed (the first 200,000 characters)."""
    for tag in _BASE_TAG.findall((html or "")[:200_000]):
        m = _HREF.search(tag)
        if m:
            return _frozen_base(url, next(g for g in m.groups() if g is not None))
    return url


def site_key(host: str) -> str:
    """Host without `www.`/`m.`/`amp.` and port: two hosts with one key are one site."""
    host = (host or "").lower().split(":")[0].rstrip(".")
    for prefix in ("www.", "m.", "mobile.", "amp.", "wap."):
        host = host.removeprefix(prefix)
    return host


def host_key(url: str) -> str:
    """The host a crawl policy compares: lower-case name without `www.`, plus the port when it
    is not the scheme's default ("example.vn", "example.vn:8080"). Another port is another
    host (another server); `www.` and http/https on default ports are not (sites redirect
    between them all the time). A bare "host" or "host:port" is read as a URL's host.

    Asked of every link of every fetched page: only the address's head (scheme and host,
    up to the first `/`, `?` or `#` after `//`) decides, so the answer is memoised per head."""
    url = url.strip()
    full = url if "//" in url else f"http://{url}"
    start = full.find("//") + 2
    end = len(full)
    for stop in "/?#":
        at = full.find(stop, start)
        if 0 <= at < end:
            end = at
    return _head_host_key(full[:end])


@lru_cache(maxsize=4096)
def _head_host_key(head: str) -> str:
    """`host_key` of an address's head (`scheme://netloc`)."""
    parts = urlsplit(head)
    host = (parts.hostname or "").rstrip(".").removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or port == {"http": 80, "https": 443}.get(parts.scheme):
        return host
    return f"{host}:{port}"


# an href that starts at a host's root (`/…`) or names a host (`//host/…`, `https://host/…`)
_ROOTED_HREF = re.compile(r"^(?:/(?!/)|(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//[^/?#])")
# a base's scheme and host, when nothing but its path, query or fragment follows them
_ORIGIN = re.compile(r"^https?://[^/?#\s\\]+(?=[/?#]|$)", re.IGNORECASE)


def resolve_link(base: str, href: str) -> str:
    """`href` resolved against `base` (the page's base: `document_base`), without its fragment:
    what the finders of a page (classifier, menus, links, pagination) each ask of every link.

    The one rule for every address a crawl (or `sources add`) requests or stores — a page's
    links, a feed's items, a sitemap's entries, a "Xem thêm" answer's links and endpoint,
    robots.txt's `Sitemap:` lines: a fragment names a place inside a page the server sends
    whole (`#comments`, `#top`), so kept it would give one article or feed under two addresses.
    Hash-bang routes (`#!/…`) are no exception: nothing here asks a server for their
    `_escaped_fragment_` form, so `/#!/tin/5` is fetched as the page `/` is.

    Why memoised, and keyed as it is: one page's finders resolve the same links again and
    again, and a site's menus and boxes print the same links on every page. An href that
    starts at a root (`/tin-tuc/a.html`, `//host/a`, `https://host/a`) resolves the same
    against any base of one scheme and host (urljoin reads only those of the base then), so it
    is resolved once per site, not once per page."""
    if _ROOTED_HREF.match(href):
        origin = _ORIGIN.match(base)
        if origin:
            return _resolved(origin.group(0) + "/", href)
    return _resolved(base, href)


@lru_cache(maxsize=32768)
def _resolved(base: str, href: str) -> str:
    return urljoin(base, href).split("#")[0]


def strip_sessions(path: str) -> str:
    """A path without session ids (`;jsessionid=…`, ASP.NET's `/(S(…))/`): one page, one path."""
    return _COOKIELESS.sub("", _SESSION_PATH.sub("", path))


def tracking_param(key: str, value: str) -> bool:
    """A query parameter that never changes the page a reader sees (tracking, sessions,
    print/mobile switches, a key picking another template for the same node)."""
    return _drop_param(key, value)


def _drop_param(key: str, value: str) -> bool:
    k = key.lower()
    if k.startswith(_TRACKING_PREFIXES) or k in _TEMPLATES:
        return True
    if k not in _TRACKING:
        return False
    # `?view=123` on some portals selects the article: keep unless the value is a switch.
    return k not in _VALUE_SENSITIVE or value.lower() in _VARIANT_VALUES


def _normalise(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower().rstrip(".")
    host = _MOBILE_HOST.sub("", host) if host.count(".") >= 2 else host
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = strip_sessions(parts.path) or "/"
    segments = path.split("/")
    # /amp/…, /print/…, …/amp: variant markers as whole path segments.
    kept = [s for i, s in enumerate(segments)
            if not (s.lower() in _VARIANT_SEGMENTS and (i == 1 or i == len(segments) - 1)
                    and len([x for x in segments if x]) > 1)]
    path = "/".join(kept) or "/"
    path = path.removesuffix(".amp")
    path = re.sub(r"/{2,}", "/", path)
    query = sorted((k, v, bare) for k, v, bare in query_pairs(parts.query) if not _drop_param(k, v))
    return urlunsplit((scheme, netloc, path, query_text(query), ""))


def query_pairs(query: str) -> list[tuple[str, str, bool]]:
    """(key, value, bare) of each query parameter: `bare` for a key written without `=`, a
    command rather than a value (Lotus Domino's `?OpenDocument`, `?OpenView&Start=3`), which
    the server reads as written: `?OpenDocument=` is another command line."""
    out = []
    for piece in query.split("&") if query else []:
        for k, v in parse_qsl(piece, keep_blank_values=True):
            out.append((k, v, "=" not in piece))
    return out


def query_text(pairs: list[tuple[str, str, bool]]) -> str:
    """The query string of `query_pairs`' triples, bare keys bare."""
    return "&".join(quote_plus(k) if bare else urlencode([(k, v)]) for k, v, bare in pairs)


def _link_canonical(html: str) -> str | None:
    head = html[:200_000]
    for tag in _CANONICAL_LINK.findall(head):
        m = _HREF.search(tag)
        if m:
            href = next(g for g in m.groups() if g is not None).strip()
            if href:
                return href
    return None


def canonical_url(url: str, html: str | None = None) -> str:
    """One address per article: lower-case scheme/host, no fragment, tracking or session
    parameters, no mobile/print/AMP dress; `<link rel=canonical>` wins when it points into
    the same site and is not the home page (many CMSs print the root as every page's
    canonical, which would merge the whole site into one row)."""
    if not url:
        return url
    base = _normalise(url)
    if html:
        href = _link_canonical(html)
        if href:
            target = urljoin(document_base_of_html(html, url), href)
            if target.startswith(("http://", "https://")):
                cand = _normalise(target)
                cparts, bparts = urlsplit(cand), urlsplit(base)
                if (site_key(cparts.netloc) == site_key(bparts.netloc)
                        and (cparts.path not in ("", "/") or bparts.path in ("", "/"))):
                    return cand
    return base


def _dress(url: str) -> int:
    """How far an address is from the one a reader would share: its query parameters, a
    print/AMP/mobile segment, an .amp ending."""
    parts = urlsplit(url)
    segments = [x.lower() for x in parts.path.split("/") if x]
    return (len(parse_qsl(parts.query, keep_blank_values=True))
            + sum(1 for x in segments if x in _VARIANT_SEGMENTS) + parts.path.endswith(".amp"))


def plainer_address(new: str, old: str) -> bool:
    """Two addresses of one article on one site: `new` is the plainer — fewer query
    parameters and variant markers (the SEF address over `index.php?option=…&id=12`, the
    article over its `?tmpl=component&print=1` view). The archive keys an article by the
    address it was first stored under, which the order pages arrive in decides; this lets the
    plainer one take the row whatever the order."""
    a, b = urlsplit(new), urlsplit(old)
    return site_key(a.netloc) == site_key(b.netloc) and _dress(new) < _dress(old)


_NON_WORD = re.compile(r"[^\w]+")


def normalise_for_hash(text: str) -> str:
    """NFC, folded (no diacritics, đ→d), punctuation out, one space between words."""
    return " ".join(_NON_WORD.sub(" ", fold(nfc(text or ""))).split())


def content_fingerprint(title: str | None, body: str | None) -> str:
    """`sha1:<hex>` of the normalised body (the title when the body is empty).

    Folding and dropping punctuation make the same text with other quotes, dashes, tone-mark
    placement or spacing collide, which is what syndicated copies look like once the extractor
    has removed outlet prefixes and bylines. For copies edited a little, compare `simhash`.
    """
    basis = normalise_for_hash(body or "") or normalise_for_hash(title or "")
    return "sha1:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()


def simhash(text: str, bits: int = 64) -> int:
    """Charikar simhash over word 3-shingles: near-identical texts differ in few bits."""
    words = normalise_for_hash(text).split()
    shingles = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))] if words else []
    weights = [0] * bits
    for sh in shingles:
        h = int.from_bytes(hashlib.blake2b(sh.encode("utf-8"), digest_size=8).digest(), "big")
        for b in range(bits):
            weights[b] += 1 if h >> b & 1 else -1
    return sum(1 << b for b in range(bits) if weights[b] > 0)


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two simhashes (≤ 3 of 64: near-duplicates)."""
    return (a ^ b).bit_count()
