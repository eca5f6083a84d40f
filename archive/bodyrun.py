"""The body as a run of sibling blocks: block editors (Contao content elements, Drupal paragraphs,
Kirby/Statamic blocks, Gutenberg groups) write one story as several sibling boxes of one container
— text, a captioned picture, text again. The density detector picks the richest box only, so
everything after the first picture was lost; the run of same-kind siblings around it is the body.

Furniture never joins the run: the tree is already cleaned of it (`clean_tree`), and a sibling
that still looks like furniture or is mostly links stops it, and a text box joins only when it
shares a class with the picked box (a captioned picture's box joins whatever its class).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from archive.blocks import is_caption_el
from archive.furniture import is_junk


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _link_share(el: Any) -> float:
    total = len(el.text_content().strip())
    links = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return links / total if total else 0.0


def _text_box(el: Any) -> bool:
    """A box of running text: paragraphs, mostly outside links."""
    return any(True for _ in el.iter("p")) and len(el.text_content().strip()) >= 20 and _link_share(el) < 0.3


def _captioned_picture(el: Any) -> bool:
    """A picture with its caption, not a link to another page (a teaser's thumbnail is one)."""
    has_img = el.tag == "img" or any(True for _ in el.iter("img"))
    captioned = any(is_caption_el(c) for c in el.iter() if isinstance(c.tag, str))
    linked = any(a.get("href") for a in el.iter("a"))
    return has_img and captioned and not linked


def _joins(el: Any, kind: set[str]) -> bool:
    """A sibling of the picked box that continues the story."""
    if not isinstance(el.tag, str) or is_junk(el):
        return False
    if el.tag in ("figure", "div", "section") and _captioned_picture(el):
        return not _text_box(el) or bool(kind & _classes(el))  # a picture's box, whatever its class
    return el.tag in ("div", "section") and bool(kind & _classes(el)) and _text_box(el)


def _run(best: Any) -> list[Any]:
    """The picked box and the same-kind siblings on either side of it, unbroken."""
    kind = _classes(best)
    siblings = [c for c in best.getparent() if isinstance(c.tag, str)]
    i = siblings.index(best)
    start, end = i, i
    while start > 0 and _joins(siblings[start - 1], kind):
        start -= 1
    while end + 1 < len(siblings) and _joins(siblings[end + 1], kind):
        end += 1
    return siblings[start:end + 1]


def widen_to_run(best: Any) -> Any:
    """`best`, or a box wrapping it and its sibling blocks in place (the tree is the cleaned copy,
    so ancestry stays for the date and byline finders)."""
    parent = best.getparent() if best is not None else None
    if parent is None or best.tag not in ("div", "section") or not _classes(best):
        return best
    run = _run(best)
    if len(run) == 1 or not any(_text_box(el) for el in run if el is not best):
        return best
    wrapper = etree.Element("div")
    parent.insert(parent.index(run[0]), wrapper)
    for el in run:
        wrapper.append(el)
    return wrapper
