"""The body as a run of sibling blocks: block editors (Contao content elements, Drupal paragraphs,
Kirby/Statamic blocks, Gutenberg groups) write one story as several sibling boxes of one container
— text, a captioned picture, text again. The density detector picks the richest box only, so
everything after the first picture was lost; the run of same-kind siblings around it is the body.

Furniture never joins the run: the tree is already cleaned of it (`clean_tree`), and a sibling
that still looks like furniture or is mostly links stops it, and a text box joins only when it
shares a class with the picked box (a captioned picture's box joins whatever its class, unless
it holds running text too: then it is a text box).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from archive.blocks import is_caption_el
from archive.furniture import is_junk

_LAZY_SRC = re.compile(r"data-(?:[a-z]+-)*(?:src|srcset|original)$", re.IGNORECASE)


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _link_share(el: Any) -> float:
    total = len(el.text_content().strip())
    links = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return links / total if total else 0.0


def _text_box(el: Any) -> bool:
    """A box of running text: paragraphs, mostly outside links."""
    return any(True for _ in el.iter("p")) and len(el.text_content().strip()) >= 20 and _link_share(el) < 0.3


def _lazy_source(el: Any) -> bool:
    """A lazy picture's box: the page's script inserts its `<img>` (the served one sits in a
    `<noscript>`, dropped with the scripts), the source waits in a `data-…src` attribute."""
    return any(_LAZY_SRC.match(name) for name in el.attrib)


def _captioned_picture(el: Any) -> bool:
    """A picture with its caption, not a link to another page (a teaser's thumbnail is one)."""
    has_img = any(True for _ in el.iter("img")) or \
        any(_lazy_source(c) for c in el.iter() if isinstance(c.tag, str))
    captioned = any(is_caption_el(c) for c in el.iter() if isinstance(c.tag, str))
    linked = any(a.get("href") for a in el.iter("a"))
    return has_img and captioned and not linked


def _joins(el: Any, kind: set[str]) -> bool:
    """A sibling of the picked box that continues the story."""
    if not isinstance(el.tag, str) or is_junk(el):
        return False
    if el.tag in ("figure", "div", "section") and _captioned_picture(el):
        # a picture's box joins whatever its class; one that holds running text too, as a text box
        return not _text_box(el) or bool(kind & _classes(el))
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


def _component_wrappers(best: Any, depth: int = 3) -> list[Any]:
    """The boxes that wrap `best` alone (a grid component around its content box: AEM's
    `div.text > div.cmp-text`, Sitecore's `div.component > div.component-content`), innermost first:
    a component's siblings are the other components, one level up or more."""
    out, el = [], best
    while len(out) < depth:
        parent = el.getparent()
        if parent is None or parent.tag not in ("div", "section") or not _classes(parent):
            break
        if [c for c in parent if isinstance(c.tag, str)] != [el]:
            break
        out.append(parent)
        el = parent
    return out


def _widens(box: Any) -> list[Any] | None:
    """The run around `box` when it holds more running text than `box` alone, else None."""
    if box.getparent() is None or box.tag not in ("div", "section") or not _classes(box):
        return None
    run = _run(box)
    if len(run) == 1 or not any(_text_box(el) for el in run if el is not box):
        return None
    return run


def widen_to_run(best: Any) -> Any:
    """`best`, or a box wrapping it and its sibling blocks in place (the tree is the cleaned copy,
    so ancestry stays for the date and byline finders). The run is sought at the picked box's
    level first, then at the level of each component wrapper around it."""
    if best is None:
        return best
    for box in [best, *_component_wrappers(best)]:
        run = _widens(box)
        if run is None:
            continue
        parent = box.getparent()
        wrapper = etree.Element("div")
        parent.insert(parent.index(run[0]), wrapper)
        for el in run:
            wrapper.append(el)
        return wrapper
    return best
