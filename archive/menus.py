"""Where a page's links sit: in the site's menu, in page furniture, or in the page's own content.

A site's fixed pages — "Giới thiệu", "Liên hệ", "Văn bản", "Sơ đồ tổ chức" — are items of its
navigation menu, and the menu repeats on every page. Its news is linked from content: listings,
"Tin mới nhất" boxes, related links. A CMS may print a fixed page in its news markup (Joomla's
"Giới thiệu" is a com_content article with a headline and a date), so the page alone cannot tell;
where the site links it can. `link_places` sorts one page's links; the crawl adds the answers up
over the pages it fetched (crawler/sitestate.py) and judges a short page that only ever appeared
as a menu item as a fixed page, not a story.

Only a menu's **items** count: the first link of an entry of the menu's top level, labelled with
a few words. A mega menu's teasers (a linked headline inside a top-level entry, or in a nested
list) are no menu items, and neither are the entries of a submenu.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import unquote, urlsplit

from archive.lexicons import class_pattern, names
from archive.normalize import fold
from archive.urls import document_base, resolve_link

_PAGE_EXT = re.compile(r"\.(?:s?html?|aspx?|php\d?|jsp)$", re.IGNORECASE)
_MENU_CLASS = re.compile(class_pattern("navigation", "menu_classes"), re.IGNORECASE)
# Page furniture whose links are neither menu items nor the page's content (a footer's address
# line and "Liên hệ" link, a banner's logo): they repeat on every page like a menu.
_FURNITURE_TAGS = {"header", "footer"}
_FURNITURE_ROLES = {"banner", "contentinfo"}
# Never a menu, whatever its class says (a theme's `<body class="has-navbar">`).
_NOT_MENU_TAGS = {"html", "body", "main", "article"}
_SKIP_HREF = ("javascript:", "mailto:", "tel:", "#", "data:")
MENU_LABEL_WORDS = 8  # a menu item's label; a linked headline is longer
MENU_LINKED = 0.5     # share of a menu block's text that is link text


@dataclass
class LinkPlaces:
    """A page's links by where they sit (absolute, without fragments)."""

    menu_items: set[str] = field(default_factory=set)  # items of a navigation menu's top level
    content: set[str] = field(default_factory=set)     # links outside menus and furniture


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def _is_menu(el: Any) -> bool:
    """A <nav>, a role="navigation" block or a block classed as a menu that is mostly links."""
    if el.tag in _NOT_MENU_TAGS:
        return False
    named = el.tag == "nav" or (el.get("role") or "").lower() == "navigation" or \
        bool(_MENU_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"))
    if not named:
        return False
    if el.find(".//h1") is not None:
        return False  # it holds the page's headline: a layout wrapper, not a menu
    total = len(_text(el))
    linked = sum(len(_text(a)) for a in el.iter("a"))
    return total == 0 or linked >= MENU_LINKED * total


def _is_furniture(el: Any) -> bool:
    return el.tag in _FURNITURE_TAGS or (el.get("role") or "").lower() in _FURNITURE_ROLES


def link_places(root: Any, url: str) -> LinkPlaces:
    """Sort the links of a page (an lxml tree) into menu items and content links; links in a
    submenu, a mega menu's teasers or the page's furniture are neither. A link of the page to
    itself is not content (a breadcrumb's last step, a headline that links its own page)."""
    places = LinkPlaces()
    here = url.split("#")[0]
    base = document_base(root, url)  # <base href>: what the page's relative links mean
    body = root.find(".//body")
    # pre-order walk (an explicit stack: pages nest deeper than Python's recursion allows);
    # state per element: inside a menu, entry depth, the entry's "first link taken" flag, furniture
    stack: list[tuple[Any, bool, int, list[bool] | None, bool]] = [
        (child, False, 0, None, False) for child in reversed(body if body is not None else root)]
    while stack:
        el, menu, depth, entry, furniture = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if not menu and _is_menu(el):
            menu, depth, entry = True, 0, None
        elif not menu and not furniture and _is_furniture(el):
            furniture = True
        if menu and el.tag == "li":
            depth, entry = depth + 1, [False]  # an entry of the menu; its first link is its item
        if el.tag == "a":
            href = (el.get("href") or "").strip()
            if href and not href.lower().startswith(_SKIP_HREF):
                target = resolve_link(base, href)
                if menu:
                    first = entry is None or not entry[0]
                    if depth <= 1 and first and 0 < len(_text(el).split()) <= MENU_LABEL_WORDS:
                        places.menu_items.add(target)
                elif not furniture and target != here:
                    places.content.add(target)
            if entry is not None:
                entry[0] = True
        stack.extend((child, menu, depth, entry, furniture) for child in reversed(el))
    return places


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@cache
def _fixed_slugs() -> frozenset[str]:
    return frozenset(_slug(n) for n in names("sections", "fixed"))


def fixed_section(url: str) -> str | None:
    """The folder of the address that names a section of fixed pages (lexicons/sections.toml:
    `/gioi-thieu/co-cau-to-chuc-5.html` → "gioi-thieu", `/index.php/van-ban/12-kh` → "van-ban"),
    or None. Folders only, whole names only: a page *named* "gioi-thieu" is the section's own
    page, and a story's slug may well begin "giới thiệu …". A name is a hint, never a verdict:
    sites file news under any section, so the crawl also asks how the site links the page."""
    folders = [s for s in urlsplit(url).path.split("/")[:-1] if s]
    for folder in folders:
        for slug in _folder_slugs(_PAGE_EXT.sub("", unquote(folder))):
            if slug in _fixed_slugs():
                return slug
    return None


def _folder_slugs(name: str) -> list[str]:
    """A folder's name as a slug, and, written in CamelCase, its words apart without a short
    lower-case prefix naming the kind of design element (Lotus Domino's view `vwGioiThieu`, an
    MVC controller `VanBan`): "gioi-thieu" both times."""
    camel = _DESIGN_PREFIX.sub("", name)
    return [_slug(name), _slug(_CAMEL.sub("-", camel))]


_DESIGN_PREFIX = re.compile(r"^[a-z]{1,3}(?=[A-Z])")
_CAMEL = re.compile(r"(?<=[a-zà-ỹđ0-9])(?=[A-ZÀ-ỸĐ])")
