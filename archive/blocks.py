"""A page's tree as the extractor reads it: the content area found by link and text density
(`find_content`), the tree cleaned of scripts, forms and furniture, and the walk that turns it into
typed blocks (paragraphs, headings, captions, pictures, table rows) that body, lead and captions are
built from. Every field reads the same blocks, so a rule about what is text holds for all of them.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from archive.furniture import INLINE_TAGS, attr_tokens, holds_article, is_junk
from archive.normalize import clean_line

BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "blockquote", "figure", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "dl",
    "dt", "dd", "pre", "header", "footer", "center", "address", "hr", "caption", "details",
    "summary",
}


SKIP_TAGS = {
    "script", "style", "noscript", "iframe", "form", "button", "select", "input", "textarea",
    "svg", "canvas", "video", "audio", "object", "embed", "template", "nav", "aside", "link",
    "meta", "head", "label", "option", "map", "dialog",
}


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


_CAPTION_CLASS = re.compile(
    r"caption|chuthich|chu[-_]?thich|image[-_]?desc|img[-_]?desc|photo[-_]?desc|pic[-_]?desc|"
    r"desc[-_]?(?:image|img|photo)|expnoedit|image[-_]?note|img[-_]?note|ghi[-_]?chu|"
    r"photo[-_]?note|fig[-_]?desc|image[-_]{0,2}title|imagetext|img[-_]?text|pcaption|anh[-_]?mo[-_]?ta",
    re.IGNORECASE)


TEXT_TAGS = BLOCK_TAGS | INLINE_TAGS


# Children that make an element a container rather than a leaf of text (see find_content).
_NESTED_BLOCKS = BLOCK_TAGS - {"br", "span", "font"}


def is_caption_el(el: Any) -> bool:
    if el.tag in ("figcaption", "caption"):
        return True
    if (el.get("itemprop") or "").lower() == "caption":  # schema.org ImageObject's caption (AEM, many themes)
        return True
    attrs = attr_tokens(el)
    return bool(attrs and _CAPTION_CLASS.search(attrs))


@dataclass
class Block:
    """One paragraph-like unit of a content area, with what it looked like on the page."""

    kind: str  # "p" | "heading" | "caption" | "img"
    text: str = ""
    chars: int = 0
    link_chars: int = 0
    em_chars: int = 0
    bold_chars: int = 0
    centered: bool = False
    src: str | None = None
    alt: str | None = None
    # The element that holds this block's own element (its parent): paragraphs of one article
    # share it; teasers and boxes after the article sit in other containers. Compared with `is`.
    container: Any = None

    @property
    def link_ratio(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0

    @property
    def em_ratio(self) -> float:
        return self.em_chars / self.chars if self.chars else 0.0

    @property
    def bold_ratio(self) -> float:
        return self.bold_chars / self.chars if self.chars else 0.0


def _img_src(el: Any, base: str | None) -> str | None:
    for attr in ("data-src", "data-original", "data-lazy-src", "data-srcset", "src"):
        value = (el.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            value = value.split(",")[0].strip().split(" ")[0]
            return urljoin(base, value) if base else value
    return None


def _table_row(tr: Any) -> tuple[str, int] | None:
    """A data-table row as one line, cells joined by " | " ("1 | Huyện Bá Thước | Cờ thi đua"),
    so that an award list reads as rows, not as one word per paragraph. Layout tables (a cell
    holding the article, pictures, nested tables) are walked as ordinary blocks."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
    if len(cells) < 2:
        return None
    texts = []
    for c in cells:
        if any(isinstance(x.tag, str) and x.tag.lower() in (
                "table", "img", "amp-img", "figure", "div", "ul", "ol", "h1", "h2", "h3", "form")
               for x in c.iter()) or is_caption_el(c) or len(c.findall("p")) > 1:
            return None
        text = clean_line(" ".join(c.itertext()))
        if len(text) > 300:
            return None
        texts.append(text)
    if not any(texts):
        return None
    line = " | ".join(texts)
    links = sum(len(a.text_content().strip()) for a in tr.iter("a"))
    return line, min(links, len(line))


def walk_blocks(root: Any, base_url: str | None = None) -> list[Block]:
    """Flatten an element into paragraph blocks; images and captions as their own blocks.

    Line breaks (`<br>`) and block elements end a paragraph — Vietnamese portals often write a
    whole article as one `<div>` with `<br><br>` between paragraphs.
    """
    walk = _Walk(root, base_url)
    walk.visit(root, False, False, False, False)
    walk.flush()
    return walk.blocks


def _tag_name(el: Any) -> str:
    """The element's tag, lower case and without a namespace; "" for comments and the like."""
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.lower().split("}")[-1]


def _picture(el: Any, base_url: str | None, container: Any = None) -> Block:
    return Block("img", "", src=_img_src(el, base_url), alt=clean_line(el.get("alt") or "") or None,
                 container=container)


class _Walk:
    """One walk over a tree: the blocks so far, the inline pieces of the paragraph being read
    with their character counts (all, in links, in italics, in bold) and whether it is centred,
    and the block elements being visited, innermost last (a block's container is read off it)."""

    def __init__(self, root: Any, base_url: str | None) -> None:
        self.root = root
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.counts = {"chars": 0, "link": 0, "em": 0, "bold": 0}
        self.centered = False
        self.owners: list[Any] = [root]

    def add(self, text: str | None, link: bool, em: bool, bold: bool) -> None:
        """An inline piece of the paragraph being read, counted by how it is set."""
        if not text:
            return
        self.buf.append(text)
        n = len(text.strip())
        self.counts["chars"] += n
        if link:
            self.counts["link"] += n
        if em:
            self.counts["em"] += n
        if bold:
            self.counts["bold"] += n

    def flush(self, kind: str = "p", centered: bool = False) -> None:
        """The paragraph being read ends: its pieces become one block (if any text)."""
        # Inline pieces join as the browser renders them: "<b>T</b>hi" is "Thi", and
        # "nước</strong>Dịp" stays glued for split_glued to cut.
        text = clean_line("".join(self.buf))
        if text:
            owner = self.owners[-1]
            parent = owner.getparent() if owner is not self.root else None
            c = self.counts
            self.blocks.append(Block(kind, text, c["chars"], c["link"], c["em"], c["bold"],
                                     centered or self.centered,
                                     container=parent if parent is not None else owner))
        self.buf.clear()
        for k in self.counts:
            self.counts[k] = 0
        self.centered = False

    def visit(self, el: Any, link: bool, em: bool, bold: bool, centered: bool) -> None:
        """An element and its children, with the link/italic/bold/centred setting they inherit."""
        tag = _tag_name(el)
        if not tag or tag in SKIP_TAGS or self._whole(el, tag):
            return
        block = tag in BLOCK_TAGS
        style = (el.get("style") or "").replace(" ", "").lower()
        here_centered = centered or "text-align:center" in style or (el.get("align") or "").lower() == "center"
        if block:
            self.flush()
            self.centered = here_centered
            self.owners.append(el)
        link = link or tag == "a"
        em = em or tag in ("em", "i")
        bold = bold or tag in ("strong", "b") or "font-weight:bold" in style or "font-weight:700" in style
        self.add(el.text, link, em, bold)
        for child in el:
            self.visit(child, link, em, bold, here_centered)
            self.add(child.tail, link, em, bold)
        if block:
            self.flush("heading" if tag in HEADINGS else "p", here_centered)
            self.owners.pop()

    def _whole(self, el: Any, tag: str) -> bool:
        """A picture, a line break, a data-table row or a caption is taken as a whole (True),
        its children not visited."""
        if tag in ("img", "amp-img"):
            self.flush()
            # A picture's container is the block element around it (its box), so that a
            # caption line in that box shares it (see _picture_box).
            self.blocks.append(_picture(el, self.base_url, self.owners[-1]))
            return True
        if tag == "br":
            self.flush()
            return True
        if tag == "tr":
            row = _table_row(el)
            if row is not None:
                self.flush()
                text, link_chars = row
                self.blocks.append(Block("p", text, len(text), link_chars))
                return True
        if is_caption_el(el) and tag not in ("body", "article", "main"):
            self.flush()
            # An image inside the caption wrapper (<td class="image"> …) still counts.
            self.blocks.extend(_picture(img, self.base_url) for img in el.iter("img"))
            text = clean_line(" ".join(t for t in el.itertext()))
            if text:
                self.blocks.append(Block("caption", text, len(text)))
            return True
        return False


def _open_page_forms(root: Any) -> None:
    """ASP.NET WebForms pages (SharePoint, DotNetNuke — most provincial portals) wrap the whole
    page in one `<form id="aspnetForm">`: such a form is the page, not a widget, so it becomes a
    plain `<div>`. A form holding running text is a wrapper; search and comment forms are not."""
    for el in list(root.iter("form")):
        if holds_article(el):
            el.tag = "div"


def clean_tree(root: Any) -> Any:
    """A copy of the document without scripts, navigation and furniture blocks."""
    root = copy.deepcopy(root)
    _open_page_forms(root)
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        drop_element(el)
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in SKIP_TAGS or tag in ("header", "footer") or is_junk(el):
            doomed.append(el)
    for el in doomed:
        drop_element(el)
    return root


def drop_element(el: Any) -> None:
    """Remove an element but keep its tail text (it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _text_len(el: Any) -> tuple[int, int]:
    """(characters of text, characters inside links) under an element."""
    total = len(el.text_content().strip()) if isinstance(el.tag, str) else 0
    link = sum(len(a.text_content().strip()) for a in el.iter("a"))
    if el.tag == "a":
        link = total
    return total, min(link, total)


_LEAF_TAGS = {"p", "pre", "blockquote", "td", "div", "span", "font", "section", "article", "li",
              "dd", "h2", "h3", "h4"}


def find_content(root: Any) -> Any | None:
    """The element holding the article text: paragraphs score their parent and grandparent
    by length and commas (readability's idea), discounted by link density."""
    scores: dict[Any, float] = {}
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag.lower() not in _LEAF_TAGS:
            continue
        if any(isinstance(c.tag, str) and c.tag.lower() in _NESTED_BLOCKS for c in el):
            # Not a leaf: only its own loose text (text between <br>s) counts.
            own = (el.text or "") + "".join((c.tail or "") for c in el)
            if len(own.strip()) < 80:
                continue
            text = own
            link = 0
        else:
            total, link = _text_len(el)
            text = " ".join(el.itertext())
        length = len(text.strip()) - link
        if length < 25:
            continue
        score = 1 + text.count(",") + text.count("、") + min(length / 100, 3)
        parent = el.getparent()
        if el.tag.lower() in ("div", "section", "article", "td") and length > 300:
            scores[el] = scores.get(el, 0.0) + score  # one long <br>-separated block
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + score
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + score / 2
    if not scores:
        return None
    best, best_score = None, 0.0
    adjusted_scores: dict[Any, float] = {}
    for el, score in scores.items():
        total, link = _text_len(el)
        if not total:
            continue
        adjusted = score * (1 - link / total)
        adjusted_scores[el] = adjusted
        if adjusted > best_score:
            best, best_score = el, adjusted
    # A wrapper wins over the real content block when a few stray lines (a title, a date, a
    # footer address) add to the block's own score: step down to the descendant that carries
    # nearly all of it (print views, <br>-separated single-div articles).
    while best is not None:
        inner = [(el, sc) for el, sc in adjusted_scores.items()
                 if sc >= 0.75 * best_score and el is not best and best in el.iterancestors()]
        if not inner:
            break
        best, best_score = max(inner, key=lambda x: x[1])
    return best


def clean_tree_keep_root(root: Any) -> Any:
    """Like clean_tree, but the platform's body element itself is never dropped."""
    _open_page_forms(root)
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        drop_element(el)
    doomed = [el for el in root.iter() if el is not root and isinstance(el.tag, str)
              and (el.tag.lower() in SKIP_TAGS or is_junk(el))]
    for el in doomed:
        drop_element(el)
    return root
