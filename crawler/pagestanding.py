"""What the spider makes of a fetched page before it sends it on: the classifier's kind
(archive.pagekind) weighed against what the rest of the site says of the page's address.

Two looks, in order. The first (`first_look`) asks whether it is too early to tell: a short
text at an address whose siblings were all listings and other pages (a portal's "Giới thiệu"
tab among its section tabs), or one the site links only as an item of its menu (a CMS's
"Giới thiệu" article, in the news' markup, with a date): the rest of the site outvotes the
page, and ingest's extractor, which sees the page alone, is not asked again. A short page
under a fixed-page section (/gioi-thieu/, /van-ban/) that only pages outside the news link
waits for the crawl's end too (a listing of news read later may still link it), whether it
looks like a story or, fetched as one, like nothing (a document's field table), which ingest
would otherwise be asked to judge. The second (`speaks_against`), for a page not held or
released, says why the site speaks against it, if it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crawler.sitestate import SiteState

SHORT_PROSE = 600  # characters of running text: a short page, judged by what the site says of it


@dataclass(frozen=True)
class FirstLook:
    """A page's first look: its kind, the kind the link that led to it expected, the route it
    came by, and what the site says of it (`outvoted`: its address's siblings were listings and
    other pages; `in_menu`: linked only from the menu; `fixed`: a short story-like page under a
    fixed-page section). `to_idle`: held, if at all, until the crawl idles; `wait`: worth
    holding until its siblings or the crawl's end decide."""

    kind: str
    expected: str | None
    route: str
    outvoted: bool
    in_menu: bool
    fixed: bool
    to_idle: bool
    wait: bool


def first_look(site: SiteState, url: str, kind: str, features: Any, meta: dict[str, Any]) -> FirstLook:
    """The page at `url` as the classifier (`kind`, `features`) and the site see it now."""
    brief = kind == "article" and features.main_prose < SHORT_PROSE
    short = brief and not features.article_meta
    expected = meta.get("thidua_kind")
    outvoted = short and site.shape_lists_no_articles(url)
    in_menu = brief and not outvoted and site.menu_only(url, pages=1)
    storylike = kind == "article" or (kind == "other" and expected == "article")
    fixed = storylike and features.main_prose < SHORT_PROSE and not outvoted and not in_menu \
        and site.may_be_fixed(url)
    to_idle = outvoted or in_menu or fixed
    wait = to_idle or (short and site.shape_undecided(url))
    return FirstLook(kind, expected, meta.get("route", "links"), outvoted, in_menu, fixed, to_idle, wait)


def speaks_against(site: SiteState, url: str, look: FirstLook) -> str | None:
    """Why the site speaks against the page, in words for the log; None when it does not."""
    menu_item = look.in_menu and site.menu_only(url)
    fixed_page = look.fixed and not menu_item and site.fixed_page(url)
    return "its siblings were listings and other pages" if look.outvoted else \
        "it is linked only as an item of the site's menu" if menu_item else \
        "it sits under a fixed-page section and no news page links it" if fixed_page else None
