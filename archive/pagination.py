"""The next page of a listing, however the site spells it.

Sites page their listings in a handful of ways: a `rel=next` link, a link labelled "Trang
sau"/"Tiếp"/"»", a row of numbered links, an address that only differs by a page number or
an item offset (`?page=2`, `/page/2/`, `trang-2.html`, `?start=10`, Liferay's `_cur=2`),
an ASP.NET `__doPostBack` pager that only works as a form post, or a "Xem thêm" button that
loads the next items from an endpoint. `next_page` tries them in that order of trust and says
which one answered (`how`), so a crawl can report its routes. The words live in
`lexicons/navigation.toml`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from archive.lexicons import load
from archive.normalize import fold
from archive.urls import document_base, resolve_link

_POSTBACK = re.compile(r"__doPostBack\(\s*['\"]([^'\"]*)['\"]\s*,\s*['\"]([^'\"]*)['\"]\s*\)")
_POSTBACK_OPTIONS = re.compile(r"WebForm_PostBackOptions\(\s*['\"]([^'\"]+)['\"]\s*,\s*['\"]([^'\"]*)['\"]")
# A string literal in a script handler (`onclick="RefreshPageTo(event, '\u002fweb\u002f…')"`)
_JS_STRING = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'")
_JS_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))")
# What a literal must look like to be taken for an address: a path, a query or a full URL.
_JS_ADDRESS = re.compile(r"^(?:https?://|/|\?)[^\s<>\"']*$")


@dataclass(frozen=True)
class NextPage:
    """Where the next page is: a URL to GET, or a form post back to the same page."""

    how: str                                # rel | label | number | address | postback | load-more
    url: str | None = None
    postback: tuple[str, str] | None = None  # (__EVENTTARGET, __EVENTARGUMENT)


@cache
def lexicon() -> dict[str, Any]:
    return {k: (set(v) if isinstance(v, list) else v) for k, v in load("navigation").items()}


def _label(a: Any) -> str:
    text = " ".join("".join(a.itertext()).split())
    if not text:
        text = a.get("title") or a.get("aria-label") or ""
        if not text:
            img = a.find(".//img")
            text = img.get("alt", "") if img is not None else ""
    return fold(text).strip(" .:")


def _page_token(key_or_word: str) -> bool:
    words = lexicon()["page_words"]
    k = key_or_word.lower()
    return k in words or any(k.endswith(("_" + w, "$" + w)) for w in words)


# -- page numbers in addresses ------------------------------------------------------------

_PATH_PAGE = re.compile(r"(?:^|/|-|_)(?P<word>[a-z]+)[/\-_=]?(?P<n>\d{1,5})(?=/|\.|$)", re.IGNORECASE)


def page_number(url: str) -> tuple[int, str] | None:
    """(number, where) of the page counter in an address: a query key or a path word named
    like a page or an offset (`page`, `trang`, `start`, `…_cur`). None on a first page."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if value.isdigit() and _page_token(key):
            return int(value), "q:" + key
    for m in _PATH_PAGE.finditer(parts.path):
        if _page_token(m.group("word")):
            return int(m.group("n")), "p:" + m.group("word").lower()
    return None


@lru_cache(maxsize=8192)  # pure; the spider compares every link of a page with that page
def series_key(url: str) -> str:
    """The address with its page counter removed, as page 1 of the series would read.
    Memoised: discovery asks for the key of a page once per link it holds (`same_series`) and
    again for every link it triages, ~10 calls a fetched page."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not (v.isdigit() and _page_token(k))]
    path = parts.path
    for m in reversed(list(_PATH_PAGE.finditer(path))):
        if _page_token(m.group("word")):
            path = path[: m.start()] + path[m.end():]
            break
    path = re.sub(r"\.(?:s?html?|aspx?|php)$", "", path.rstrip("/"), flags=re.IGNORECASE)
    return urlunsplit((parts.scheme, parts.netloc.lower(), path.rstrip("/").lower(),
                       urlencode(sorted(query)), ""))


def same_series(first: str, other: str) -> bool:
    """Two addresses of one paged listing (one of them may be page 1, with no counter)."""
    return series_key(first) == series_key(other)


def follows(current: str, candidate: str) -> bool:
    """`candidate` is a later page of the listing `current` is on, judged by address alone."""
    if not same_series(current, candidate):
        return False
    cand = page_number(candidate)
    if cand is None:
        return False
    offset = cand[1][2:] in lexicon()["offset_words"]
    cur = page_number(current)
    now = cur[0] if cur else (0 if offset else 1)
    # a page counter moves by one page (or one page of items); a jump of hundreds is an id
    return now < cand[0] <= now + (200 if offset else 10)


def deep_page(url: str) -> bool:
    """A page past the first of a paged listing (`trang-3.html`, `?start=20`)."""
    found = page_number(url)
    if found is None:
        return False
    return found[0] > (0 if found[1][2:] in lexicon()["offset_words"] else 1)


def increment(url: str, step: int | None = None) -> str | None:
    """The address of the next page by arithmetic (for endpoints that print no pager)."""
    found = page_number(url)
    if found is None:
        return None
    n, where = found
    word = where[2:]
    step = step or (10 if word in lexicon()["offset_words"] else 1)
    parts = urlsplit(url)
    if where.startswith("q:"):
        query = [(k, str(n + step) if k == word and v == str(n) else v)
                 for k, v in parse_qsl(parts.query, keep_blank_values=True)]
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    path = re.sub(rf"({re.escape(word)}[/\-_=]?){n}(?=/|\.|$)", lambda m: f"{m.group(1)}{n + step}",
                  parts.path, count=1, flags=re.IGNORECASE)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


# -- the page's own pager -----------------------------------------------------------------

def _unescape_js(literal: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        return chr(int(code, 16)) if code else m.group(3)
    return _JS_ESCAPE.sub(one, literal)


def script_address(code: str, base: str) -> str | None:
    """The first address a script handler passes on (`RefreshPageTo(event, "\\u002f…")`,
    `location.href='?page=2'`), JS escapes undone, absolute; None when it names none.
    List views that page from script (SharePoint, some portal grids) link their next page
    nowhere else."""
    for m in _JS_STRING.finditer(code or ""):
        literal = _unescape_js(m.group(1) if m.group(1) is not None else m.group(2)).strip()
        if len(literal) > 1 and _JS_ADDRESS.match(literal):
            return resolve_link(base, literal)
    return None


def _target(a: Any, base: str) -> NextPage | str | None:
    href = (a.get("href") or "").strip()
    m = _POSTBACK.search(href) or _POSTBACK_OPTIONS.search(href)
    if m:
        return NextPage("postback", postback=(m.group(1), m.group(2)))
    if not href or href.lower().startswith(("#", "javascript:")):
        # a pager button that navigates from script: its handler holds the address
        script = (a.get("onclick") or "") + " " + (href[11:] if href.lower().startswith("javascript:") else "")
        return script_address(script, base)
    if href.startswith("mailto:"):
        return None
    return resolve_link(base, href)


def _result(how: str, target: NextPage | str | None, url: str) -> NextPage | None:
    if isinstance(target, NextPage):
        return NextPage("postback", postback=target.postback)
    if target and target.rstrip("/") != url.rstrip("/") and \
            urlsplit(target).hostname == urlsplit(url).hostname:
        return NextPage(how, url=target)
    return None


def _by_rel(root: Any, url: str, base: str) -> NextPage | None:
    for el in root.iter("link", "a"):
        if "next" in (el.get("rel") or "").lower().split():
            found = _result("rel", _target(el, base), url)
            if found:
                return found
    return None


def _by_label(anchors: list[Any], url: str, base: str) -> NextPage | None:
    lex = lexicon()
    for group in ("next", "weak_next"):
        for a in anchors:
            if _label(a) in lex[group]:
                found = _result("label", _target(a, base), url)
                if found:
                    return found
    return None


def _by_number(anchors: list[Any], url: str, base: str, current: int) -> NextPage | None:
    """A link numbered current+1 in a row of numbered links (a pager, not a calendar day)."""
    want = str(current + 1)
    for a in anchors:
        if _label(a) != want:
            continue
        parent = a.getparent()
        while parent is not None and parent.tag in ("li", "span", "b", "strong", "em"):
            parent = parent.getparent()
        numbered = [x for x in (parent.iter("a") if parent is not None else [])
                    if _label(x).isdigit()]
        if len(numbered) >= 1 and (len(numbered) >= 2 or current == 1):
            target = _target(a, base)
            if isinstance(target, str) and page_number(target) is None and not same_series(url, target):
                continue  # "2" linking somewhere else entirely
            found = _result("number", target, url)
            if found:
                return found
    return None


def _by_address(anchors: list[Any], url: str, base: str) -> NextPage | None:
    best: tuple[int, str] | None = None
    for a in anchors:
        target = _target(a, base)
        if isinstance(target, str) and follows(url, target):
            n = page_number(target)[0]  # type: ignore[index]
            if best is None or n < best[0]:
                best = (n, target)
    return NextPage("address", url=best[1]) if best else None


def next_page(root: Any, url: str, current: int = 1) -> NextPage | None:
    """The next page of the listing `root` (an lxml tree) shows at `url`, or None.

    `current` is the page number the crawl believes it is on (1 for the first page). Links
    resolve against the page's `<base href>` when it has one (archive.urls.document_base)."""
    base = document_base(root, url)
    anchors = [a for a in root.iter("a") if _label(a) not in lexicon()["not_next"]]
    own = page_number(url)
    if own and own[1][2:] not in lexicon()["offset_words"]:
        current = max(current, own[0])
    for step in (lambda: _by_rel(root, url, base), lambda: _by_label(anchors, url, base),
                 lambda: _by_number(anchors, url, base, current), lambda: _by_address(anchors, url, base)):
        found = step()
        if found:
            return found
    return None


# How far above a "Xem thêm" button the element of its component may be: the button's wrapper,
# the island or controller element around that, the section holding both.
_MORE_HOLDERS = 3
# What an endpoint never is: the component's own script or stylesheet, an image or a font.
_ASSET = re.compile(r"\.(?:m?js|css|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf)$", re.IGNORECASE)
_ADDRESS = re.compile(r"^(?:https?://|/(?!/)|\?)[^\s<>\"']*$")


def load_more(root: Any, url: str) -> str | None:
    """The endpoint behind a "Xem thêm" button: a same-site address in a `data-*` attribute of
    the button, else of the element of the component that holds it (a Stimulus controller's
    `data-…-url-value`), else a string inside a JSON attribute there (the props an Astro island,
    a web component or a hydrated widget is rendered with: the button's script reads its
    endpoint from them). Nearest first: the button's own attributes before any wrapper's."""
    words = lexicon()["load_more"]
    buttons = [el for el in root.iter("a", "button", "div", "span")
               if _label(el) in words or any(w in (el.get("class") or "").lower().replace("-", " ")
                                             for w in ("load more", "loadmore", "xem them"))]
    base, host = document_base(root, url), urlsplit(url).hostname
    for level in range(_MORE_HOLDERS + 1):
        for button in buttons:
            holder = _ancestor(button, level)
            target = holder is not None and _endpoint_in(holder, base, host)
            if target:
                return target
    return None


def _ancestor(el: Any, level: int) -> Any:
    """`el`'s ancestor `level` steps up (`el` itself at 0); None past the body."""
    for _ in range(level):
        el = el.getparent()
        if el is None or el.tag in ("body", "html"):
            return None
    return el


def _endpoint_in(el: Any, base: str, host: str | None) -> str | None:
    """The first same-site, non-asset address that `el`'s attributes name: a `data-*` value that
    is an address, or an address string anywhere inside an attribute holding JSON."""
    for key, value in el.attrib.items():
        value = value.strip()
        if key.startswith("data-") and _ADDRESS.match(value):
            candidates = [value]
        elif value[:1] in "{[":
            candidates = [s.strip() for s in _json_strings(value) if _ADDRESS.match(s.strip())]
        else:
            continue
        for candidate in candidates:
            target = resolve_link(base, candidate)
            if urlsplit(target).hostname == host and not _ASSET.search(urlsplit(target).path):
                return target
    return None


def _json_strings(text: str) -> list[str]:
    """Every string value of the JSON `text` (none when it is not JSON), in document order."""
    try:
        stack, out = [json.loads(text)], []
    except ValueError:
        return []
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return out
