"""Which platform block (`sources/platforms.toml`) describes a page: each block's selectors
tried on it, a field counting when its selector finds text of the right shape, the address
counting when it matches the block's `article_url`. `thidua sources add` and `propose_entry`
start from the best; the live check reads an article's fields with the same test.
"""

from __future__ import annotations

import re
from typing import Any

from cssselect import SelectorError
from parsel import Selector

_DATE = re.compile(r"\b\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
_WEIGHTS = {"title": 2.0, "body": 3.0, "date": 1.5, "lead": 1.0, "author": 0.5}
# What every article of a template family has where the family says: a block that names one of
# these and does not find it on the site's article page is another template (lead, author: an
# article may have none).
CORE_FIELDS = ("title", "date", "body")


def _texts(sel: Selector, css: str) -> list[str]:
    try:
        nodes = sel.css(css)
    except (SelectorError, ValueError):  # a selector parsel cannot compile scores nothing
        return []
    return [" ".join(" ".join(n.css("::text").getall()).split()) for n in nodes]


def field_hit(sel: Selector, css: str | None, name: str) -> bool:
    if not css:
        return False
    texts = [t for t in _texts(sel, css) if t]
    if not texts:
        return False
    if name == "body":
        return len(" ".join(texts)) >= 120
    if name == "date":
        return any(_DATE.search(t) for t in texts)
    return True


def _score(sel: Selector, url: str, rules: dict[str, Any]) -> float:
    """How well one platform block describes this page, 0..1."""
    if rules.get("generic"):
        return 0.0
    possible = 0.0
    got = 0.0
    for name, weight in _WEIGHTS.items():
        if rules.get(name):
            possible += weight
            if field_hit(sel, rules[name], name):
                got += weight
    pattern = rules.get("article_url")
    if pattern and url:
        possible += 2.0
        try:
            if re.search(pattern, url):
                got += 2.0
        except re.error:
            pass
    links = rules.get("article_links")
    if links:
        # A listing page scores on its article links; an article page does not lose for
        # having few, so this only adds.
        n = len(_texts(sel, links))
        if n >= 3:
            got += 1.0
            possible += 1.0
    return round(got / possible, 3) if possible else 0.0


def guess_platform(html: str, url: str, platforms: dict[str, dict[str, Any]]
                   ) -> list[tuple[str, float]]:
    """Platform ids that describe this page, best first, with a 0..1 score.

    Every block is tried: a field counts when its selector matches text of the right shape
    (a body of some length, a date that looks like one), the URL counts when it matches
    `article_url`. Blocks scoring 0 are left out.
    """
    sel = Selector(text=html)
    scored = [(pid, _score(sel, url, rules)) for pid, rules in platforms.items()]
    return sorted(((p, s) for p, s in scored if s > 0), key=lambda x: (-x[1], x[0]))


def missed_fields(sel: Selector, rules: dict[str, Any]) -> list[str]:
    """The core fields this block names but its selectors do not find on an article page:
    markup that only partly matches (a portal sharing a headline class with the block)."""
    return [f for f in CORE_FIELDS if rules.get(f) and not field_hit(sel, rules[f], f)]


def listing_links(sel: Selector, rules: dict[str, Any]) -> list[str]:
    """The addresses the block's `article_links` selector finds on a listing page, only those of
    the block's own `article_url` shape when it has one: links its selector happens to match
    but of another address shape are not its articles."""
    try:
        nodes = sel.css(rules.get("article_links") or "")
    except (SelectorError, ValueError):
        return []
    hrefs = [n.attrib.get("href") or n.css("a::attr(href)").get() for n in nodes]
    hrefs = [h for h in hrefs if h]
    pattern = rules.get("article_url")
    if not pattern:
        return hrefs
    try:
        return [h for h in hrefs if re.search(pattern, h)]
    except re.error:
        return []
