"""HTML page → article fields, by platform selectors first and template-free rules after.

Two paths produce every field, and `paths` in the result says which one did:

* **platform** — parsel CSS selectors from a `sources/platforms.toml` block, for the template
  families we know (exact, fast, and a selector that stops matching shows up as a change of
  path rather than as silent garbage);
* **generic** — for pages without a platform or where a selector finds nothing: JSON-LD
  (`NewsArticle`/`Article`, also inside `@graph`), OpenGraph / `article:` meta, `<time>`,
  visible Vietnamese date forms and the URL for the date; `<h1>`/`og:title` for the title;
  a link-density/text-density detector for the main content block.

Both paths share the block walker and the boilerplate rules (archive.boilerplate): captions go
to `captions`/`images`, a trailing byline becomes `author`, "Tin liên quan" and everything after
it (unless the article goes on after the box's links), share widgets, counters, photo credits,
editors' notes, a closing gallery's intro line and `alt` leftovers leave the body. Everything
goes through `archive.normalize` (NFC, entities, invisible spaces) before it is returned.

The hot path stays on parsel/lxml (about 8× faster than BeautifulSoup here, see DESIGN.md).
trafilatura was measured against the density detector on our fixtures and the real pages
(`scripts/eval.py`); it loses captions/bylines to the body and is ~6× slower, so it is only a
last resort: for a page that declares itself an article but in whose markup the detector finds
no text.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import parsel
from lxml import etree

from archive.boilerplate import (
    has_byline_label,
    is_attribution,
    is_digest_title,
    is_editor_note,
    is_gallery_intro,
    is_initials_signature,
    is_outlet_name,
    is_photo_credit,
    is_section_end,
    is_widget_line,
    parse_byline,
    split_glued,
    split_photo_credit,
    split_trailing_byline,
    strip_outlet_prefix,
)
from archive.bylines import AUTHOR_LABEL, BYLINE_LABELS, is_account_line, pick_author
from archive.dates import parse_date as parse_vn_date
from archive.descriptions import description_core, opens_text, set_apart
from archive.encoding import fix_mojibake
from archive.furniture import (
    INLINE_TAGS,
    attr_tokens,
    hides_meta,
    holds_article,
    is_junk,
    junk_attrs,
)
from archive.lexicons import class_pattern
from archive.normalize import clean_line, fold, nfc
from archive.pagekind import classify_page, is_document_page
from archive.pagemeta import (
    join_text,
    ld_article,
    ld_objects,
    ld_types,
    meta_values,
    select_nodes,
    site_names,
)
from archive.places import find_provinces
from archive.urls import canonical_url

# Bumped when a change alters what a stored page yields (`thidua reparse` re-reads archives);
# what each version changed is in CHANGELOG.md.
VERSION = "14"

FIELDS = ("is_article", "title", "published_at", "author", "lead", "body", "captions", "images",
          "url", "canonical_url", "paths", "page_kind")


class ExtractError(Exception):
    """The page cannot be read as HTML at all."""


# --- dates ---------------------------------------------------------------------------------

def parse_date(text: str, reference: Any = None) -> str | None:
    """archive.dates.parse_date (the one date parser: it knows every Vietnamese form), guarded."""
    if not text:
        return None
    try:
        return parse_vn_date(text, reference)
    except Exception:  # noqa: BLE001 — a date we cannot read is a missing date, never a lost article
        return None


def _iso_date(value: str) -> str | None:
    """Machine dates from JSON-LD/meta ("2025-10-22T19:25:52+07:00", "2016-07-15")."""
    value = (value or "").strip()
    if not value:
        return None
    m = re.match(r"^(\d{4})[-/.](\d{2})[-/.](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
                 r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?", value)
    if not m:
        return parse_date(value)
    y, mo, d, hh, mi, ss, tz = m.groups()
    try:
        date(int(y), int(mo), int(d))
    except ValueError:
        return None
    if hh is None:
        return f"{y}-{mo}-{d}"
    if tz in (None, "", "+07:00", "+0700", "+07"):
        return f"{y}-{mo}-{d}T{hh}:{mi}:{ss or '00'}+07:00"
    # Another offset (WordPress prints UTC): convert to Vietnam time, so the day is the one the
    # page shows and every stored time has the same +07:00 offset.
    offset = 0 if tz == "Z" else (1 if tz[0] == "+" else -1) * (
        int(tz[1:3]) * 60 + int(tz.replace(":", "")[3:5] or 0))
    dt = datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss or 0))
    dt += timedelta(minutes=7 * 60 - offset)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


_URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")


def _url_date(url: str) -> str | None:
    path = urlsplit(url or "").path
    m = _URL_DATE.search(path)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


# --- blocks --------------------------------------------------------------------------------

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
    r"photo[-_]?note|fig[-_]?desc|image[-_]?title|imagetext|img[-_]?text|pcaption|anh[-_]?mo[-_]?ta",
    re.IGNORECASE)
_DATE_CLASS = re.compile(
    r"date|time|ngay|publish|posted|thoigian|thoi[-_]gian|datetime|created|meta|info|detail[-_]?top",
    re.IGNORECASE)
_SAPO_CLASS = re.compile(class_pattern("article_parts", "sapo.class_words"), re.IGNORECASE)


_TEXT_TAGS = BLOCK_TAGS | INLINE_TAGS
# Children that make an element a container rather than a leaf of text (see find_content).
_NESTED_BLOCKS = BLOCK_TAGS - {"br", "span", "font"}


def _is_caption_el(el: Any) -> bool:
    if el.tag in ("figcaption", "caption"):
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
               for x in c.iter()) or _is_caption_el(c) or len(c.findall("p")) > 1:
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
    blocks: list[Block] = []
    buf: list[str] = []
    counts = {"chars": 0, "link": 0, "em": 0, "bold": 0}
    state = {"centered": False}
    owners: list[Any] = [root]  # the block elements being visited, innermost last

    def add(text: str | None, link: bool, em: bool, bold: bool) -> None:
        if not text:
            return
        buf.append(text)
        n = len(text.strip())
        counts["chars"] += n
        if link:
            counts["link"] += n
        if em:
            counts["em"] += n
        if bold:
            counts["bold"] += n

    def flush(kind: str = "p", centered: bool = False) -> None:
        # Inline pieces join as the browser renders them: "<b>T</b>hi" is "Thi", and
        # "nước</strong>Dịp" stays glued for split_glued to cut.
        text = clean_line("".join(buf))
        if text:
            owner = owners[-1]
            parent = owner.getparent() if owner is not root else None
            blocks.append(Block(kind, text, counts["chars"], counts["link"], counts["em"],
                                counts["bold"], centered or state["centered"],
                                container=parent if parent is not None else owner))
        buf.clear()
        for k in counts:
            counts[k] = 0
        state["centered"] = False

    def visit(el: Any, link: bool, em: bool, bold: bool, centered: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower().split("}")[-1]
        if not tag or tag in SKIP_TAGS:
            return
        if tag in ("img", "amp-img"):
            flush()
            # A picture's container is the block element around it (its box), so that a
            # caption line in that box shares it (see _picture_box).
            blocks.append(Block("img", "", src=_img_src(el, base_url),
                                alt=clean_line(el.get("alt") or "") or None, container=owners[-1]))
            return
        if tag == "br":
            flush()
            return
        if tag == "tr":
            row = _table_row(el)
            if row is not None:
                flush()
                text, link_chars = row
                blocks.append(Block("p", text, len(text), link_chars))
                return
        if _is_caption_el(el) and tag not in ("body", "article", "main"):
            flush()
            # An image inside the caption wrapper (<td class="image"> …) still counts.
            for img in el.iter("img"):
                blocks.append(Block("img", "", src=_img_src(img, base_url),
                                    alt=clean_line(img.get("alt") or "") or None))
            text = clean_line(" ".join(t for t in el.itertext()))
            if text:
                blocks.append(Block("caption", text, len(text)))
            return
        block = tag in BLOCK_TAGS
        style = (el.get("style") or "").replace(" ", "").lower()
        here_centered = centered or "text-align:center" in style or (el.get("align") or "").lower() == "center"
        if block:
            flush()
            state["centered"] = here_centered
            owners.append(el)
        link = link or tag == "a"
        em = em or tag in ("em", "i")
        bold = bold or tag in ("strong", "b") or "font-weight:bold" in style or "font-weight:700" in style
        add(el.text, link, em, bold)
        for child in el:
            visit(child, link, em, bold, here_centered)
            add(child.tail, link, em, bold)
        if block:
            flush("heading" if tag in HEADINGS else "p", here_centered)
            owners.pop()

    visit(root, False, False, False, False)
    flush()
    return blocks


# --- content area (generic) ----------------------------------------------------------------

def _open_page_forms(root: Any) -> None:
    """ASP.NET WebForms pages (SharePoint, DotNetNuke — most provincial portals) wrap the whole
    page in one `<form id="aspnetForm">`: such a form is the page, not a widget, so it becomes a
    plain `<div>`. A form holding running text is a wrapper; search and comment forms are not."""
    for el in list(root.iter("form")):
        if holds_article(el):
            el.tag = "div"


def _clean_tree(root: Any) -> Any:
    """A copy of the document without scripts, navigation and furniture blocks."""
    root = copy.deepcopy(root)
    _open_page_forms(root)
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in SKIP_TAGS or tag in ("header", "footer") or is_junk(el):
            doomed.append(el)
    for el in doomed:
        _drop(el)
    return root


def _drop(el: Any) -> None:
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


# --- page metadata -------------------------------------------------------------------------


_TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»/]+\s+|\s*[|»]\s*|\s+::\s+")


def _strip_site_suffix(title: str, sites: list[str]) -> str:
    """"Đau bụng … ruột non - Báo VnExpress Sức khỏe" → "Đau bụng … ruột non"."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_folds = [re.sub(r"[^a-z0-9]", "", fold(s)) for s in sites if s]
    site_folds = [s for s in site_folds if len(s) >= 3]

    def is_site(part: str) -> bool:
        fp = re.sub(r"[^a-z0-9]", "", fold(part))
        if not fp:
            return True
        if any(s in fp or fp in s for s in site_folds):
            return True
        return bool(re.match(r"^(?:bao|tap chi|cong thong tin|trang tin|trang chu|home)\b",
                             fold(part).strip()))

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == len(_TITLE_SEPARATORS.split(title)):
        return title
    # Re-cut the original string so the title keeps its own separators.
    first, last = parts[0], parts[-1]
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip() if start >= 0 and end > start else " - ".join(parts)


def _folded(text: str) -> str:
    """`text` folded (no diacritics, đ→d, lower case) with single spaces: how names compare."""
    return " ".join(fold(text).split())


def _same(a: str, b: str) -> bool:
    if not a or not b or abs(len(a) - len(b)) > 0.3 * max(len(a), len(b)) + 5:
        return False
    fa, fb = _folded(a), _folded(b)
    return bool(fa) and fa == fb


def _startswith(longer: str, shorter: str) -> bool:
    if not longer or not shorter:
        return False
    longer = longer[: int(len(shorter) * 1.3) + 20]
    fl = re.sub(r"\W+", " ", fold(longer)).strip()
    fs = re.sub(r"\W+", " ", fold(shorter)).strip()
    return bool(fs) and fl.startswith(fs)


def _endswith(longer: str, shorter: str) -> bool:
    """`longer` ends with `shorter` after a separator ("Blog name: Post title", "Site - Post")."""
    if not longer or not shorter:
        return False
    fl = re.sub(r"\W+", " ", fold(longer)).strip()
    fs = re.sub(r"\W+", " ", fold(shorter)).strip()
    return bool(fs) and len(fs) < len(fl) and fl.endswith(" " + fs)


# --- the record ----------------------------------------------------------------------------

def empty_record(url: str | None = None) -> dict[str, Any]:
    return {"is_article": False, "title": None, "published_at": None, "author": None,
            "lead": None, "body": "", "captions": [], "images": [], "url": url,
            "canonical_url": None, "paths": {}, "page_kind": "other"}


def extract_article(html: str, url: str, platform: dict | None = None) -> dict[str, Any]:
    """Article fields of one HTML page (keys: `FIELDS`; README, "Schema", for the columns).

    `platform` is a platform block (with a source's overrides already applied); a selector that
    finds nothing falls back to the generic rules for that field only.
    """
    if not isinstance(html, str):
        raise ExtractError("extract_article expects decoded text (str)")
    # Pages from the crawler were decoded and repaired by archive.encoding already; this is for
    # callers that hand over text they decoded themselves (one owner: encoding.fix_mojibake).
    html = fix_mojibake(html)[0]
    record = empty_record(url)
    paths: dict[str, str] = {}
    record["paths"] = paths
    if not html.strip():
        return record
    try:
        sel = parsel.Selector(text=html)
    except Exception as exc:
        raise ExtractError(f"cannot parse HTML: {exc}") from exc
    rules = platform or {}
    meta = meta_values(sel)
    objs = ld_objects(sel)
    ld = ld_article(objs)
    sites = site_names(meta, ld, objs, url)
    record["canonical_url"] = canonical_url(url, html) if url else None
    base = url

    # ---- title
    title, tpath, title_el = None, None, None
    nodes = select_nodes(sel, rules.get("title"))
    if nodes:
        title = join_text(nodes) or None
        tpath = "platform" if title else None
        title_el = nodes[0].root
    if not title:
        title, tpath, title_el = _generic_title(sel, meta, ld, sites)
    record["title"] = title
    if tpath:
        paths["title"] = tpath

    # ---- content area
    body_nodes = select_nodes(sel, rules.get("body"))
    content = None
    bpath = None
    if body_nodes:
        content = copy.deepcopy(body_nodes[0].root)
        for extra in body_nodes[1:]:
            content.append(copy.deepcopy(extra.root))
        drops = rules.get("drop") or []
        if isinstance(drops, str):
            drops = [drops]
        holder = parsel.Selector(root=content)
        for css in drops:
            for node in select_nodes(holder, css):
                _drop(node.root)
        platform_captions = select_nodes(holder, rules.get("captions"))
        for node in platform_captions:
            node.root.set("class", (node.root.get("class") or "") + " caption")
        content = _clean_tree_keep_root(content)
        bpath = "platform"
    if content is None:
        body_el = sel.root.find(".//body")
        cleaned = _clean_tree(body_el if body_el is not None else sel.root)
        content = find_content(cleaned)
        bpath = "generic"
    blocks = walk_blocks(content, base) if content is not None else []

    # ---- lead candidates (before the body, since the body drops a repeated lead)
    lead, lpath, sapo_author = None, None, None
    nodes = select_nodes(sel, rules.get("lead"))
    if nodes:
        lead = clean_line(join_text(nodes)) or None
        lpath = "platform" if lead else None
    if not lead:
        lead, lpath, sapo_author = _generic_lead(sel, meta, ld, content, title, sites, title_el)
    description = (lead, lpath) if lead and lpath in ("meta", "jsonld") else None
    if description and _description_opens_body(lead, blocks, title, sites):
        lead, lpath = None, None

    body_info = _shape_body(blocks, title=title, lead=lead,
                            byline_rule=(rules.get("byline") or "auto"), sites=sites)
    body_blocks = blocks
    page_kind, kind_features = classify_page(sel.root, url or "")
    boxed = bpath == "generic" and page_kind == "article" and kind_features.block is not None \
        and _teaser_box(content, kind_features.block)
    if page_kind == "article" and kind_features.block is not None and (
            boxed or sum(len(p) for p in body_info["paragraphs"]) < 200):
        # A short report the density detector passed over (or took a box of other stories for):
        # the page classifier's richest block — the text that made it call the page an
        # article — holds it.
        own = walk_blocks(_clean_tree_keep_root(copy.deepcopy(kind_features.block)), base)
        shaped = _shape_body(own, title=title, lead=lead, byline_rule="auto", sites=sites)
        if shaped["paragraphs"] and (boxed or sum(len(p) for p in shaped["paragraphs"])
                                     > sum(len(p) for p in body_info["paragraphs"])):
            body_info, bpath, body_blocks = shaped, "pagekind", own
    if sum(len(p) for p in body_info["paragraphs"]) < 200 and (ld or meta.get("og:type") == "article"):
        # The page says it is an article but the density detector found no text block (text in
        # odd markup): trafilatura's tree heuristics as a last resort, off the normal path.
        fallback = _trafilatura_blocks(html, url)
        if fallback:
            shaped = _shape_body(fallback, title=title, lead=lead, byline_rule="auto", sites=sites)
            if sum(len(p) for p in shaped["paragraphs"]) > sum(len(p) for p in body_info["paragraphs"]):
                body_info, bpath, body_blocks = shaped, "trafilatura", fallback
    if description and body_blocks is not blocks:
        # The same test as above, on the blocks the body came from after all: the first pick
        # (one paragraph's box of a block editor, say) could not show whether the description
        # only opens the running text or is a sapo set apart from it.
        opens = _description_opens_body(description[0], body_blocks, title, sites)
        if opens == bool(lead):
            lead, lpath = (None, None) if opens else description
            body_info = _shape_body(body_blocks, title=title, lead=lead, byline_rule="auto", sites=sites)
    if body_info["lead_from_body"] and not lead:
        lead, lpath = body_info["lead_from_body"], "sapo"
    if lead and body_info["paragraphs"] and _startswith(body_info["paragraphs"][0], lead.rstrip(".… ")) \
            and lpath in ("meta", "jsonld") and len(lead) < len(body_info["paragraphs"][0]) - 10:
        # A description that is only the body's first words cut short is no lead.
        lead, lpath = None, None
    if lead:
        lead = strip_outlet_prefix(lead, sites)
        if title and _same(lead.rstrip(". "), title.rstrip(". ")):
            lead, lpath = None, None  # a description that only repeats the title
    record["lead"] = lead
    if lpath:
        paths["lead"] = lpath
    record["body"] = "\n\n".join(body_info["paragraphs"])
    if record["body"]:
        paths["body"] = bpath
    record["captions"] = body_info["captions"]
    record["images"] = body_info["images"]

    # ---- date
    published, dpath = None, None
    nodes = select_nodes(sel, rules.get("date"))
    if nodes:
        for node in nodes:
            attrs = [node.attrib.get(a) for a in ("datetime", "content", "title")]
            for value in [a for a in attrs if a] + [join_text([node])]:
                published = _iso_date(value) if re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()) \
                    else parse_date(value)
                if published:
                    break
            if published:
                dpath = "platform"
                break
    if not published:
        published, dpath = _generic_date(sel, meta, ld, content, url, title_el)
    record["published_at"] = published
    if dpath:
        paths["published_at"] = dpath

    # ---- author
    author, apath = pick_author(sel, rules, body_info, content, sapo_author, meta, ld, sites, title_el)
    record["author"] = author
    if apath:
        paths["author"] = apath

    # ---- article or not
    record["is_article"] = _is_article(meta, ld, objs, url, record, sel, bool(body_nodes),
                                       _teaser_count(content, blocks), sites, kind_features.dated_headline)
    paths["is_article"] = "platform" if body_nodes else "generic"
    record["page_kind"] = page_kind
    if record["page_kind"] != "other" and record["body"] and \
            record["is_article"] != (record["page_kind"] == "article"):
        # The page classifier (the crawler's own, archive/pagekind.py) decides where it has an
        # answer: a page of teasers never becomes an article, whatever its biggest text block
        # says, and a short report the score above finds too thin still is one.
        record["is_article"], paths["is_article"] = record["page_kind"] == "article", "pagekind"
    elif record["is_article"] and is_document_page(kind_features):
        # A document's page in the news' markup (a record's labelled fields, a file download
        # opening a short text): dated and signed like a story, yet none (archive/pagekind.py).
        record["is_article"], paths["is_article"] = False, "pagekind"
    if not record["is_article"]:
        html_title = clean_line(" ".join(sel.xpath("//title//text()").getall()))
        if html_title and paths.get("title") != "platform" and record["title"] != html_title:
            # A home or listing page is named by its own <title>, whole ("Trang chủ - Sở Nội
            # vụ tỉnh X"): there is no article title to cut the site's name from.
            record["title"], paths["title"] = html_title, "title-tag"
        for key in ("body", "lead", "author", "published_at"):
            record[key] = "" if key == "body" else None
        record["captions"], record["images"] = [], []
        for key in ("body", "lead", "author", "published_at"):
            paths.pop(key, None)
    return record


def _trafilatura_blocks(html: str, url: str | None) -> list[Block]:
    try:
        import trafilatura

        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                                   output_format="txt", favor_precision=True)
    except Exception:  # noqa: BLE001 — the fallback must never cost the article
        return []
    return [Block("p", clean_line(line), len(line)) for line in (text or "").split("\n")
            if clean_line(line)]


def _clean_tree_keep_root(root: Any) -> Any:
    """Like _clean_tree, but the platform's body element itself is never dropped."""
    _open_page_forms(root)
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    doomed = [el for el in root.iter() if el is not root and isinstance(el.tag, str)
              and (el.tag.lower() in SKIP_TAGS or is_junk(el))]
    for el in doomed:
        _drop(el)
    return root


def _is_site_heading(h: Any, text: str, sites: list[str]) -> bool:
    """The logo <h1> of a home page ("<h1 class=site-title><a href=/>Tin Miền Trung</a>")."""
    attrs = (attr_tokens(h) + " " + " ".join(attr_tokens(a) for a in h.iterancestors())).lower()
    if re.search(r"site[-_]?title|logo|brand|masthead", attrs):
        return True
    links = h.findall(".//a")
    if links and all(urlsplit(a.get("href") or "").path in ("", "/") for a in links):
        return True
    return any(_same(text, s) for s in sites)


_SITE_PLACE = re.compile(r"logo|banner|brand|header|site[-_]?name|portal[-_]?name|masthead|"
                         r"ten[-_]?don[-_]?vi|print[-_]?head", re.IGNORECASE)


_TITLE_CLASS = re.compile(r"title|tieu[-_]?de|headline|ten[-_]?bai", re.IGNORECASE)
# Words that make a "header" an article's own header (Joomla's page-header, WordPress's
# entry-header, Liferay's taglib-header/header-title), not the site's.
_ARTICLE_PART = re.compile(r"entry|post|article|page|detail|news|content|item|single|taglib|title|"
                          r"headline|tieu[-_]?de", re.IGNORECASE)


def _is_site_place(token: str) -> bool:
    """A class/id token of the site's own frame (logo, banner, masthead, the page header)."""
    if not _SITE_PLACE.search(token):
        return False
    return not _ARTICLE_PART.search(token)
# Section names portals put in <title> on every article page ("Tin tức", "Chi tiết tin"):
# folded, compared whole after the site's name is cut off.
GENERIC_PAGE_NAMES = {
    "tin tuc", "tin tuc - su kien", "tin tuc su kien", "chi tiet", "chi tiet tin", "chi tiet tin tuc",
    "xem tin", "xem chi tiet", "noi dung", "noi dung tin", "bai viet", "tin hoat dong",
    "hoat dong", "tin bai", "tin", "news", "news detail", "article", "detail", "trang chu",
    "home", "tin chi tiet", "thong tin chi tiet", "tin tuc chi tiet",
}


def _is_generic_page_name(title: str, sites: list[str]) -> bool:
    for candidate in (title, _strip_site_suffix(title, sites)):
        if _folded(candidate).strip(" -|:") in GENERIC_PAGE_NAMES:
            return True
    return False


# What Vietnamese portals call themselves ("Cổng thông tin điện tử tỉnh X", "Trang TTĐT Sở Y"):
# folded, at the start of a text. No article headline begins like this.
_PORTAL_NAME = re.compile(r"^(?:cong|trang) (?:thong tin dien tu|ttdt|thong tin)\b|^website (?:cua|chinh thuc)\b")
# Where a page prints its owner's name apart from the logo: the footer (never "header": article
# headers — WordPress's entry-header, Liferay's taglib-header — hold the headline).
_FRAME_PLACE = re.compile(r"footer|copyright|chan[-_]?trang", re.IGNORECASE)


def _names_the_site(text: str, sel: parsel.Selector, sites: list[str]) -> bool:
    """`text` is the site's own name: a known site name, a logo's alt text, the text of the
    page's banner/logo element, a line of its footer ("CỔNG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ TỈNH X"
    over the address), or a portal's self-description ("Cổng thông tin điện tử …")."""
    f = _folded(text)
    if not f:
        return False
    if any(_same(text, s) for s in sites) or _PORTAL_NAME.search(f):
        return True
    for alt in sel.xpath("//img/@alt").getall():
        if _folded(alt) == f:
            return True
    for el in sel.root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "head", "title"):
            continue
        if any(_is_site_place(t) for t in attr_tokens(el).split()) and _folded(" ".join(el.itertext())) == f:
            return True
    for frame in sel.root.iter():
        if not isinstance(frame.tag, str) or frame.tag in ("html", "body"):
            continue
        if frame.tag != "footer" and not _FRAME_PLACE.search(attr_tokens(frame)):
            continue
        for el in frame.iter():
            if not isinstance(el.tag, str) or el.tag not in _TEXT_TAGS:
                continue
            raw = " ".join(el.itertext())
            if len(f) // 2 <= len(raw) <= 2 * len(f) + 20 and _folded(raw).strip(" .") == f:
                return True
    return False


def _is_section_name(text: str, sel: parsel.Selector, sites: list[str]) -> bool:
    """A heading that names a section, not an article: a generic page name ("Tin tức - Sự
    kiện", "Chi tiết tin") or the text of a link in the site's menu. Portals (Liferay's
    portlet title, SharePoint web-part titles) print the section as the page's <h1> and the
    headline in a smaller heading."""
    if _is_generic_page_name(text, sites):
        return True
    f = _folded(text)
    for a in sel.root.iter("a"):
        raw = " ".join(a.itertext())
        if not len(f) // 2 <= len(raw) <= 2 * len(f) + 20 or _folded(raw) != f:
            continue
        for anc in a.iterancestors():
            if anc.tag == "nav" or re.search(r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|mainmenu)"
                                             r"(?:$|[\s_-])", attr_tokens(anc), re.IGNORECASE):
                return True
    return False


# A date/time printed in the headline's own block: a child whose class names it
# (<span class="news-date">), or a bracketed date closing the line ("… năm 2025 (15/01/2025 08:50)").
_DATE_CHILD = re.compile(r"date|time|ngay|publish|posted|thoi[-_]?gian", re.IGNORECASE)
_BRACKET_DATE = re.compile(
    r"\s*[(\[]\s*(?:(?:ngày|cập nhật|đăng)\s*:?\s*)?(?:\d{1,2}[:h]\d{2}\s*[-,|]?\s*)?"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s*[-,|]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?\s*[)\]]\s*$",
    re.IGNORECASE)


def _heading_text(el: Any) -> str:
    """The text of a headline element without the date its block prints beside it.

    Gov portals (VNPT eGov, old CMSs) put the date inside the title's block — a date-classed
    child or a bracketed "(15/01/2025 08:50)" after the words; neither is part of the title."""
    dated = [i for i, c in enumerate(el.iter()) if c is not el and isinstance(c.tag, str)
             and _DATE_CHILD.search(attr_tokens(c)) and parse_date(" ".join(c.itertext()))]
    if dated:
        el = copy.deepcopy(el)  # the page keeps its date for the date rules
        nodes = list(el.iter())  # the copy iterates in the same order
        for i in dated:
            _drop(nodes[i])
    text = clean_line("".join(el.itertext()))
    return _BRACKET_DATE.sub("", text).strip() or text


def _visible_title_element(sel: parsel.Selector, title: str, links: bool = False) -> Any:
    """The element that prints `title` on the page when no <h1> does (a "title-detail" div,
    a bold <font> in a table cell): it anchors the search for the date, lead and byline.
    With `links`, a link printing it counts too (is the text on the page at all?)."""
    n = len(title)
    initial = unicodedata.normalize("NFD", title)[:1].lower()
    try:
        # Elements of about the title's length that hold text of their own (wrappers around
        # the real element are found through it); NFD pages are longer, hence the wide window.
        nodes = sel.root.xpath(
            "//body//*[not(self::script) and not(self::style) and not(self::option)]"
            "[text()[normalize-space()]]"
            "[string-length(normalize-space(.)) >= $lo][string-length(normalize-space(.)) <= $hi]",
            lo=max(5, int(n * 0.7)), hi=int(n * 1.4) + 10)
    except etree.XPathError:
        return None
    for el in nodes:
        first = (el.text or "").strip() or " ".join(el.itertext()).strip()
        if unicodedata.normalize("NFD", first)[:1].lower() != initial:
            continue
        if not links and (el.tag == "a" or any(a.tag in ("a", "nav", "aside", "footer")
                                               for a in el.iterancestors())):
            continue
        text = _heading_text(el)
        if _same(text, title):
            return el
    return None


def _generic_title(sel: parsel.Selector, meta: dict[str, str], ld: dict[str, Any] | None,
                   sites: list[str]) -> tuple[str | None, str | None, Any]:
    title, path, el = _generic_title_text(sel, meta, ld, sites)
    if title and el is None and path in ("jsonld", "meta", "title-tag"):
        el = _visible_title_element(sel, title)
    return title, path, el


def _generic_title_text(sel: parsel.Selector, meta: dict[str, str], ld: dict[str, Any] | None,
                        sites: list[str]) -> tuple[str | None, str | None, Any]:
    html_title = clean_line(" ".join(sel.xpath("//title//text()").getall()))
    og = clean_line(meta.get("og:title", "") or meta.get("twitter:title", ""))
    headline = clean_line(str(ld.get("headline") or ld.get("name") or "")) if ld else ""
    references = [x for x in (headline, og, html_title) if x]
    h1s = []
    for h in sel.xpath("//h1"):
        if h.xpath("ancestor::nav|ancestor::aside|ancestor::footer"):
            continue
        text = _heading_text(h.root)
        if text and not is_section_end(text) and 5 <= len(text) <= 400 \
                and not _is_site_heading(h.root, text, sites) and not _is_section_name(text, sel, sites):
            h1s.append((text, h.root))
    # An <h1> that the page's own title/og:title/headline confirms.
    for h, el in h1s:
        for ref in references:
            if _same(h, ref) or _startswith(ref, h) or _startswith(h, _strip_site_suffix(ref, sites)):
                return h, "h1", el
    if headline:
        return _strip_site_suffix(headline, sites), "jsonld", (h1s[0][1] if h1s else None)
    if og:
        return _strip_site_suffix(og, sites), "meta", (h1s[0][1] if h1s else None)
    # schema.org microdata (Joomla, older CMSs): the visible element marked itemprop=headline
    # ("name" is not enough: teaser lists mark every linked title as an Article's name).
    for h in sel.xpath("//*[@itemprop='headline'][ancestor::*[@itemscope]"
                       "[contains(@itemtype,'Article') or contains(@itemtype,'Posting')]]"):
        if h.root.tag in ("meta", "link") or h.xpath("ancestor::nav|ancestor::aside|ancestor::footer"):
            continue
        text = clean_line(" ".join(h.xpath(".//text()").getall()))
        if 10 <= len(text) <= 400 and not is_section_end(text) and not _names_the_site(text, sel, sites):
            return text, "microdata", h.root
    # Headings with a title-ish class (many portals have no <h1> around the article title).
    for h in sel.xpath("//*[self::h2 or self::h3 or self::div or self::p or self::span]"
                       "[contains(translate(@class,'TITLE','title'),'title')]"):
        text = clean_line("".join(h.xpath(".//text()").getall()))
        if html_title and text and 10 <= len(text) <= 400 and not is_section_end(text) and (
                _startswith(html_title, text) or _endswith(html_title, text)
                or _same(text, _strip_site_suffix(html_title, sites))) \
                and not _is_section_name(text, sel, sites) and not _is_site_heading(h.root, text, sites):
            return text, "generic", h.root
    if html_title and (_names_the_site(html_title, sel, sites) or _is_generic_page_name(html_title, sites)
                       or _visible_title_element(sel, _strip_site_suffix(html_title, sites), links=True) is None):
        # Print views and bare portal templates: <title> is only the site's name or a section
        # name ("Tin tức", "Chi tiết tin") — or any text the page prints nowhere else, so not its
        # headline — and the article's title is a div/span/p with a title class ("title",
        # "tieude", "headline") or an unconfirmed <h1>: whichever comes first on the page (a
        # sidebar portlet's <h1> comes after the headline).
        found = _title_part_in_page(sel, [x for x in (og, html_title) if x], sites) \
            or _classed_title(sel, h1s, html_title, sites)
        if found:
            return found
    if html_title:
        return _strip_site_suffix(html_title, sites), "title-tag", None
    if h1s:
        return h1s[0][0], "h1", h1s[0][1]
    return None, None, None


def _title_parts(title: str) -> list[str]:
    """Every run of whole parts of a <title> cut at its separators, longest first: "Trang - Cụm
    thi đua số 3 sơ kết năm học 2013 - 2014" → the whole, "Cụm thi đua … 2013 - 2014", …"""
    cuts = [0] + [x for m in _TITLE_SEPARATORS.finditer(title) for x in m.span()] + [len(title)]
    starts, ends = cuts[0::2], cuts[1::2]
    runs = {title[a:b].strip() for i, a in enumerate(starts) for b in ends[i:]}
    return sorted((r for r in runs if r), key=len, reverse=True)


def _title_part_in_page(sel: parsel.Selector, references: list[str],
                        sites: list[str]) -> tuple[str, str, Any] | None:
    """The headline as the part of <title>/og:title that the page prints by itself outside its
    frame (a plain div in SharePoint's article header, a table cell): it agrees with what the
    page calls itself, where a title-classed wrapper of the site's banner and menu, or a banner
    <h1>, does not. Site names, section names and short labels are no headline."""
    for ref in references:
        for part in _title_parts(ref):
            if len(part) < 10 or len(part.split()) < 3 or _names_the_site(part, sel, sites) \
                    or _is_generic_page_name(part, sites) or _is_section_name(part, sel, sites):
                continue
            el = _visible_title_element(sel, part)
            if el is None or any(_is_site_place(t) for a in [el, *el.iterancestors()]
                                 for t in attr_tokens(a).split()):
                continue
            return _heading_text(el), "title-tag", el
    return None


def _is_box_label(text: str) -> bool:
    """'VĂN BẢN MỚI', 'TIN NỔI BẬT': a sidebar box's label in capitals, not a headline."""
    words = text.split()
    return len(words) <= 4 and text == text.upper()


def _classed_title(sel: parsel.Selector, h1s: list[tuple[str, Any]], html_title: str,
                   sites: list[str]) -> tuple[str, str, Any] | None:
    """The headline among elements with a title-ish class: a vetted <h1> where one comes first,
    else the first that reads like a headline (five words or more) — sidebar boxes come before
    the article in many portals and carry short labels with the same class words."""
    fallback = None
    for el in sel.root.iter("h1", "h2", "h3", "h4", "div", "p", "span", "td", "strong"):
        if el.tag == "h1":
            vetted = next((t for t, e in h1s if e is el), None)
            if vetted:
                return vetted, "h1", el
            continue
        attrs = attr_tokens(el)
        if not attrs or not _TITLE_CLASS.search(attrs) or junk_attrs(el):
            continue
        if any(junk_attrs(a) or a.tag in ("nav", "aside", "footer", "header", "a")
               for a in el.iterancestors()):
            continue
        text = clean_line(" ".join(el.itertext()))
        if len(text) <= 400:
            text = _heading_text(el)
        if 10 <= len(text) <= 300 and not is_section_end(text) and not _same(text, html_title) \
                and len(text.split()) >= 3 and not _names_the_site(text, sel, sites) \
                and not _is_section_name(text, sel, sites) and not _is_box_label(text):
            if len(text.split()) >= 5:
                return text, "generic", el
            fallback = fallback or (text, "generic", el)
    return fallback


def _is_site_description(text: str, title: str | None, sel: parsel.Selector, sites: list[str]) -> bool:
    """A description that says nothing about the article: it repeats the headline, or it is the
    site's own name/tagline — templates that put one description on every page ("Cổng thông
    tin điện tử tỉnh X", the logo's text, the part of <title> after the headline)."""
    if title and (_same(text.rstrip(". "), title.rstrip(". "))):
        return True
    if _names_the_site(text, sel, sites):
        return True
    html_title = clean_line(" ".join(sel.xpath("//title//text()").getall()))
    parts = [x for x in _TITLE_SEPARATORS.split(html_title) if x.strip()]
    if len(parts) > 1 and any(_same(text, part) for part in parts[1:]):
        return True
    # the whole <title> when it does not carry the headline (a portal's one title for all pages)
    return _same(text, html_title) and not (title and _startswith(html_title, title))


# "des"/"desc" class parts ("box-des-detail", "news-desc", "cms-desc") name a sapo too — but also
# captions ("img-desc") and teaser blurbs, so they count only after the headline and away from
# picture words.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # 'articleSummary' names a summary too
_SAPO_ABBR = re.compile(r"(?:^|[\s_-])(?:des|desc)(?:$|[\s_-])", re.IGNORECASE)
_PICTURE_WORDS = {"img", "image", "images", "photo", "pic", "picture", "fig", "figure", "anh", "hinh",
                  "video", "thumb", "thumbnail"}


def _names_a_picture(attrs: str) -> bool:
    return bool(_PICTURE_WORDS & {t for t in re.split(r"[\s_-]+", attrs.lower()) if t})


_SAPO_DASH = re.compile(r"^\s*[-–—]+\s*(?=\S)")


def _sapo_byline(el: Any, text: str) -> tuple[str | None, str]:
    """A writer's name opening the sapo in bold before a dash ("<strong>Thu Phương</strong> –
    Sáng 15/7, …") → (name, sapo without it); otherwise (None, text).

    Only a separately bold run counts, and only when it reads as a personal name: not an outlet
    tag ("<b>TPO</b> -", see strip_outlet_prefix) and not a place — VnExpress-style sapos open
    with where it happened ("Hà Nội - …"), which is no byline."""
    bold = next((c for c in el.iter("strong", "b") if c is not el), None)
    if bold is None:
        return None, text
    name = clean_line(" ".join(bold.itertext()))
    if not name or len(name) > 40 or not text.startswith(name):
        return None, text
    m = _SAPO_DASH.match(text[len(name):])
    rest = text[len(name):][m.end():] if m else ""
    if not m or len(rest) < 40 or not (rest[0].isupper() or rest[0].isdigit()):
        return None, text
    author = parse_byline(name)
    if not author or is_outlet_name(name) or find_provinces(name):
        return None, text
    return author, rest


def _teaser_box(content: Any, block: Any) -> bool:
    """The density detector's pick is a box of other stories (two or more linked headlines with
    their summaries) that does not hold the page classifier's own running text: a short report
    next to a longer "Cùng chuyên mục" box."""
    if content is None:
        return False
    headlines = sum(1 for a in content.iter("a") if _headline_link(a))
    own = " ".join(" ".join(block.itertext()).split())[:80]
    return headlines >= 2 and own not in " ".join(" ".join(content.itertext()).split())


def _not_a_sapo(el: Any, content: Any, title_el: Any, after_title: bool) -> bool:
    """A sapo-classed element that cannot be this page's sapo: one that holds the whole text
    (Drupal's 'text-with-summary' body field) or several paragraphs, one printed before the
    headline, or a teaser's summary (it sits beside a linked headline of another story)."""
    if content is not None and (el is content or el in content.iterancestors()):
        return True
    if sum(1 for p in el.iter("p") if len(" ".join(p.itertext()).strip()) >= 40) >= 2:
        return True
    if title_el is not None and not after_title:
        return True
    item = el.getparent()
    own = len(" ".join(el.itertext()))
    small_item = item is not None and len(" ".join(item.itertext())) <= own + 200
    previous = el.getprevious()
    for holder in (previous, previous.getprevious() if previous is not None else None,
                   item if small_item else None):
        if holder is None or holder is title_el:
            continue
        for a in holder.iter("a"):
            if _headline_link(a) and (a.get("href") or "").strip() not in ("", "#"):
                return True
    return False


def _headline_link(a: Any) -> bool:
    """A link that is a story's headline: four words or more, in a heading or title-classed."""
    if len(" ".join(a.itertext()).split()) < 4:
        return False
    parent = a.getparent()
    if parent is not None and parent.tag in ("h2", "h3", "h4", "h5", "h6"):
        return True
    if any(isinstance(el.tag, str) and el.tag in ("h2", "h3", "h4", "h5", "h6") for el in a.iterdescendants()):
        return True  # a card whose link wraps its heading
    return bool(_TITLE_CLASS.search(attr_tokens(a) + " " + (attr_tokens(parent) if parent is not None else "")))


def _description_opens_body(description: str, blocks: list[Block], title: str | None,
                            sites: list[str]) -> bool:
    """The description is only the body's opening words (archive/descriptions.py), printed
    there as plain running text — not a sapo the page sets apart in bold or in its own box."""
    paragraphs = _shape_body(blocks, title=title, lead=None, sites=sites)["paragraphs"]
    if not paragraphs or not opens_text(description, " ".join(paragraphs[:8])):
        return False
    core = description_core(description)
    texts = [b for b in blocks if b.kind == "p" and b.text]
    first = next((i for i, b in enumerate(texts) if _startswith(b.text, core[:60])
                  or _startswith(core, b.text)), None)
    if first is None:
        return True
    block = texts[first]
    return not set_apart(len(core), block.chars, max(block.bold_chars, block.em_chars),
                         _own_box(texts, first))


def _box_kind(el: Any) -> tuple[str, str]:
    """A box's tag and class words: what one block of a block-per-paragraph body shares with the next."""
    return str(el.tag), " ".join(sorted((el.get("class") or "").split()))


def _own_box(texts: list[Block], i: int) -> bool:
    """The paragraph `texts[i]` sits in a box of its own, apart from the running text: the next
    paragraph is in another box, and that box is either of another kind or holds the paragraph
    after it too. Block editors (Wagtail's StreamField, Gutenberg groups) give every paragraph a
    box of one kind ("block-paragraph"); the first of those is no more set apart than the rest."""
    if i + 1 >= len(texts):
        return False
    block, following = texts[i], texts[i + 1]
    if block.container is None or following.container is None or following.container is block.container:
        return False
    if _box_kind(block.container) != _box_kind(following.container):
        return True
    after = texts[i + 2] if i + 2 < len(texts) else None
    return after is not None and after.container is following.container


def _generic_lead(sel: parsel.Selector, meta: dict[str, str], ld: dict[str, Any] | None,
                  content: Any, title: str | None = None, sites: list[str] | None = None,
                  title_el: Any = None) -> tuple[str | None, str | None, str | None]:
    """The sapo: a visible sapo element first, then the JSON-LD/meta description; with the
    writer's name when the sapo opens with it (`_sapo_byline`) — (lead, path, author)."""
    # A visible sapo element outside the content area (or its first child).
    after_title = False
    for el in sel.root.iter():
        if el is title_el:
            after_title = True
        if not isinstance(el.tag, str) or el.tag.lower() in ("meta", "script", "style", "body", "html"):
            continue
        attrs = attr_tokens(el)
        if not attrs or is_junk(el):
            continue
        if not (_SAPO_CLASS.search(attrs) or _SAPO_CLASS.search(_CAMEL.sub(" ", attrs))) and not (
                after_title and _SAPO_ABBR.search(attrs) and not _names_a_picture(attrs)
                and not _is_caption_el(el)):
            continue
        if any(a.tag in ("nav", "aside", "footer") for a in el.iterancestors()):
            continue
        if _not_a_sapo(el, content, title_el, after_title):
            continue
        text = clean_line(" ".join(el.itertext()))
        if 40 <= len(text) <= 1200 and not any(is_junk(a) for a in el.iterancestors()):
            if content is not None and el is not content and content in el.iterancestors():
                # A sapo inside the content area is fine; the body drops the repeat.
                pass
            author, text = _sapo_byline(el, text)
            return text, "sapo", author
    descriptions = []
    if ld and isinstance(ld.get("description"), str):
        descriptions.append((clean_line(ld["description"]), "jsonld"))
    for key in ("og:description", "description", "twitter:description"):
        if meta.get(key):
            descriptions.append((clean_line(meta[key]), "meta"))
    descriptions = [(d, p) for d, p in descriptions
                    if len(d) >= 20 and not _is_site_description(d, title, sel, sites or [])]
    if not descriptions:
        return None, None, None
    # The longest of those that agree: og:description is often the JSON-LD one cut short.
    best, path = descriptions[0]
    for d, p in descriptions[1:]:
        if len(d) > len(best) and _startswith(d, best.rstrip(".… ")):
            best, path = d, p
    return best, path, None


def _generic_date(sel: parsel.Selector, meta: dict[str, str], ld: dict[str, Any] | None,
                  content: Any, url: str, title_el: Any = None) -> tuple[str | None, str | None]:
    if ld:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            if isinstance(ld.get(key), str):
                d = _iso_date(ld[key])
                if d:
                    return d, "jsonld"
    for key in ("article:published_time", "og:published_time", "datepublished", "pubdate",
                "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
                "sailthru.date", "article.published", "published_time", "publication_date",
                "dcterms.created", "created", "article:modified_time", "datemodified", "lastmod"):
        if meta.get(key):
            d = _iso_date(meta[key])
            if d:
                return d, "meta"
    for t in sel.xpath("//time"):
        if t.xpath("ancestor::nav|ancestor::aside|ancestor::footer"):
            continue
        value = t.attrib.get("datetime") or join_text([t])
        d = _iso_date(value) if re.match(r"^\d{4}-", value.strip()) else parse_date(value)
        if d:
            return d, "time"
    # Visible dates near the heading: elements whose class says date/time, in reading order.
    h1 = title_el if title_el is not None else sel.root.find(".//h1")
    areas = []
    if h1 is not None:
        parent = h1.getparent()
        for _ in range(3):
            if parent is None:
                break
            areas.append(parent)
            parent = parent.getparent()
    if content is not None:
        areas.append(content)
    def classed_date(area: Any) -> str | None:
        """The date of the date-classed element of `area` nearest to the heading: the page's
        "today" in the site header comes before the headline, and dates of related items come
        after the article — the article's own date sits next to its headline."""
        found: list[tuple[int, str]] = []
        h1_pos = None
        for pos, el in enumerate(area.iter()):
            if el is h1:
                h1_pos = pos
            if not isinstance(el.tag, str) or el.tag in ("script", "style"):
                continue
            attrs = attr_tokens(el)
            if not attrs or not _DATE_CLASS.search(attrs):
                continue
            if any(hides_meta(a) for a in el.iterancestors()) or hides_meta(el):
                continue
            text = clean_line(" ".join(el.itertext()))
            if text and len(text) <= 160:
                d = parse_date(text)
                if d:
                    found.append((pos, d))
        if not found:
            return None
        if h1_pos is None:
            return found[0][1]
        return min(found, key=lambda f: abs(f[0] - h1_pos))[1]

    def under_heading() -> str | None:
        """Text right under the heading ("Thứ Hai, 15/07/2016 10:30" without a class), or the
        bracketed date closing the heading's own block ("… năm 2025 (15/01/2025 08:50)")."""
        if h1 is None:
            return None
        own = _BRACKET_DATE.search(clean_line(" ".join(h1.itertext())))
        if own and parse_date(own.group(0)):
            return parse_date(own.group(0))
        following = h1.xpath("following::text()")[:40]
        return parse_date(clean_line(" ".join(str(t) for t in following))[:300])

    def above_heading() -> str | None:
        """A date line right above the heading (after the breadcrumb), nearest line first —
        never further than a few lines, where the site header's "today" is printed."""
        if h1 is None:
            return None
        for node in reversed(h1.xpath("preceding::text()[normalize-space()]")[-6:]):
            parent = node.getparent()
            if parent is not None and parent.tag in ("script", "style", "title"):
                continue
            d = parse_date(clean_line(str(node)))
            if d:
                return d
        return None

    # The heading's own block first, then the lines under and above it, then wider areas.
    near, far = areas[:2], areas[2:]
    if h1 is None:
        near, far = [], areas
    for area in near:
        d = classed_date(area)
        if d:
            return d, "generic"
    d = under_heading() or above_heading()
    if d:
        return d, "generic"
    for area in far:
        d = classed_date(area)
        if d:
            return d, "generic"
    d = _url_date(url)
    if d:
        return d, "url"
    return None, None


_CAPTION_HINT = re.compile(r"(?:^|\s|\()(?:ảnh|ảnh minh họa|ảnh minh hoạ|nguồn ảnh|photo|clip)\s*[:：]",
                           re.IGNORECASE)
_DATELINE = re.compile(r"^\s*(?:ngày đăng|cập nhật|đăng ngày|ngày cập nhật|posted)?\s*[:：]?\s*"
                       r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?"
                       r"\s*(?:\(gmt\+7\))?\s*$", re.IGNORECASE)


def _is_meta_line(text: str) -> bool:
    """A short header line: a date with separators, counters or an author label."""
    if _DATELINE.match(text):
        return True
    if len(text) > 200 or not re.search(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}:\d{2}", text):
        return False
    if re.search(r"[|·•]|lượt xem|lượt đọc|tác giả|người viết|cập nhật|đăng ngày|ngày đăng|gmt",
                 text, re.IGNORECASE):
        return True
    return len(text) <= 60 and not re.search(r"[.!?…]\s*$", text) and parse_date(text) is not None


def _looks_like_caption(block: Block) -> bool:
    t = block.text
    words = len(t.split())
    if words > 45 or len(t) > 300:
        return False
    if _CAPTION_HINT.search(t):
        return True
    if block.em_ratio >= 0.6:
        return True
    if block.bold_ratio >= 0.8:
        return False  # a sub-heading under a picture
    if block.centered and words <= 40:
        return True
    return not re.search(r"[.!?…:;”\"]\s*$", t) and words <= 30


def _picture_box(blocks: list[Block], i: int) -> bool:
    """A short line that shares its own small container with a picture and nothing else is the
    picture's caption (`<div><img><p>Đại tá X trao thưởng.</p></div>`), full stop or not: the
    article's paragraphs sit in the body's container, not in the picture's box. Needed when the
    caption's class name ("image-caption", "image_desc") says nothing a rule could know."""
    b = blocks[i]
    if b.container is None or len(b.text.split()) > 45 or len(b.text) > 300:
        return False
    same = [x for x in blocks if x.container is b.container]
    return (any(x.kind == "img" for x in same) and b.container is not blocks[0].container
            and sum(1 for x in same if x.kind != "img") == 1)


def _shape_body(blocks: list[Block], *, title: str | None, lead: str | None,
                byline_rule: str = "auto", sites: list[str] | None = None) -> dict[str, Any]:
    """Blocks → paragraphs, captions, images, byline; the rules every path shares.

    From the end: attributions, date lines, widgets, editor's notes, photo credits, the byline
    and a gallery's intro line ("Một số hình ảnh tại hội nghị:" — its pictures and captions
    went to `captions`) leave the body."""
    images: list[dict[str, Any]] = []
    captions: list[str] = []
    paragraphs: list[str] = []
    alts = {fold(b.alt) for b in blocks if b.kind == "img" and b.alt}
    label_author = None
    pending_img: dict[str, Any] | None = None
    started = False
    seen_text = 0
    last_container: Any = None
    for i, b in enumerate(blocks):
        if b.kind == "img":
            if b.src:
                pending_img = {"src": b.src, "caption": None}
                images.append(pending_img)
            continue
        text = b.text
        if b.kind == "caption":
            if text and not is_widget_line(text):
                captions.append(text)
                if pending_img is not None and pending_img["caption"] is None:
                    pending_img["caption"] = text
            continue
        if is_section_end(text):
            if seen_text >= 200 and not _inline_box(blocks, i, last_container):
                break  # "Tin liên quan", "Các tin khác": the article is over
            continue  # a sidebar heading before the article ("Liên kết website")
        if is_widget_line(text) or (len(text) < 200 and fold(text) in alts):
            continue
        if b.link_ratio > 0.6 and b.chars < 400:
            continue  # teaser links, tag lists
        m = AUTHOR_LABEL.match(text)
        if m:
            label_author = parse_byline(m.group(1)) or clean_line(m.group(1))
            continue
        if title and _same(text, title):
            if not started:
                continue
            if _page_header(paragraphs):
                # A print view's header: the site's name (a section) printed above the headline
                # inside the one content box; the body starts after the headline.
                paragraphs.clear()
                seen_text, started = 0, False
                continue
        if b.kind == "p" and pending_img is not None and pending_img["caption"] is None \
                and (_looks_like_caption(b) or _picture_box(blocks, i)) \
                and _prev_content(blocks, i, alts) == "img":
            captions.append(text)
            pending_img["caption"] = text
            continue
        if not started and _is_meta_line(text):
            # "Thứ Hai, 20/05/2024 08:00 | Người viết: X | 1,327 lượt xem", "Hoàng Gia · 20:05,
            # 18/03/2025": the article's header line caught inside the content area.
            m = re.search(rf"{BYLINE_LABELS}\s*[:：]\s*([^|·•]{{2,60}})", text, re.IGNORECASE)
            if m and not label_author:
                label_author = parse_byline(m.group(1).strip()) or None
            continue
        started = True
        seen_text += len(text)
        paragraphs.append(text)
        last_container = b.container
        pending_img = None if b.kind != "img" else pending_img

    # Trailing furniture and the byline, from the end.
    byline = None
    for _ in range(4):
        if not paragraphs:
            break
        last = paragraphs[-1]
        if is_attribution(last) or _DATELINE.match(last) or is_widget_line(last) \
                or (is_editor_note(last) and len(paragraphs) > 1) or is_photo_credit(last) \
                or (is_gallery_intro(last) and len(paragraphs) > 1) or is_account_line(last):
            paragraphs.pop()
            continue
        name = parse_byline(last) if byline is None else None
        if name:
            byline = name
            paragraphs.pop()
            continue
        break
    # Split glued text; drop outlet prefix; repeated lead.
    split: list[str] = []
    for p in paragraphs:
        split.extend(split_glued(p))
    paragraphs = split
    if byline is None and paragraphs and byline_rule != "none":
        rest, name = split_trailing_byline(paragraphs[-1])
        if name:
            byline = name
            if rest:
                paragraphs[-1] = rest
            else:
                paragraphs.pop()
    while paragraphs and is_attribution(paragraphs[-1]):
        paragraphs.pop()
    if paragraphs:
        paragraphs[0] = strip_outlet_prefix(paragraphs[0], sites)
    lead_from_body = None
    if paragraphs and lead:
        first = paragraphs[0]
        if _same(first, lead) or _same(strip_outlet_prefix(first, sites), strip_outlet_prefix(lead, sites)):
            paragraphs.pop(0)
        elif _startswith(first, lead) and len(lead) > 40:
            # The sapo printed in bold at the start of the first paragraph.
            cut = _cut_prefix(first, lead)
            if cut is not None:
                paragraphs[0] = cut
                if not paragraphs[0]:
                    paragraphs.pop(0)
    elif paragraphs and len(paragraphs) >= 3:
        first_block = next((b for b in blocks if b.kind == "p" and b.text and
                            _same(strip_outlet_prefix(b.text), paragraphs[0])), None)
        if first_block and first_block.bold_ratio >= 0.9 and 80 <= len(paragraphs[0]) <= 600 \
                and re.search(r"[.!?…”]\s*$", paragraphs[0]):
            lead_from_body = paragraphs.pop(0)
    paragraphs = [nfc(p) for p in paragraphs if p.strip()]
    return {"paragraphs": paragraphs, "captions": [nfc(c) for c in captions], "images": images,
            "byline": byline, "label_author": label_author, "lead_from_body": lead_from_body}


def _page_header(paragraphs: list[str]) -> bool:
    """Lines before the headline that are a page's header, not text: at most two short lines
    that are no sentences (the site's name, a section name)."""
    return 0 < len(paragraphs) <= 2 and all(len(p) < 120 and not re.search(r"[.!?…:]\s*$", p)
                                            for p in paragraphs)


def _inline_box(blocks: list[Block], i: int, container: Any) -> bool:
    """A "Tin liên quan:" / "Xem thêm:" heading at `i` that opens a box of links *inside* the
    article: after its links the running text goes on in the same container as the paragraphs
    before it. (A related list after the article is followed by nothing, or by teasers in
    containers of their own.)"""
    for b in blocks[i + 1:i + 12]:
        if b.kind in ("img", "caption") or not b.text:
            continue
        if b.link_ratio > 0.6 or len(b.text) < 60:
            continue  # the box's links
        return b.kind == "p" and b.link_ratio < 0.2 and container is not None and b.container is container \
            and not is_section_end(b.text)
    return False


def _prev_content(blocks: list[Block], i: int, alts: set[str]) -> str | None:
    """Kind of the nearest previous block that is not a widget/alt leftover."""
    for j in range(i - 1, -1, -1):
        b = blocks[j]
        if b.kind == "img":
            return "img"
        if b.kind == "caption":
            return "caption"
        if is_widget_line(b.text) or (len(b.text) < 200 and fold(b.text) in alts):
            continue
        return b.kind
    return None


def _cut_prefix(text: str, prefix: str) -> str | None:
    """`text` without its leading `prefix`, compared folded (accents/spaces may differ)."""
    target = re.sub(r"\W+", " ", fold(prefix)).strip()
    words = text.split()
    for k in range(1, len(words) + 1):
        if re.sub(r"\W+", " ", fold(" ".join(words[:k]))).strip() == target:
            return " ".join(words[k:]).strip()
    return None


_LISTING_PATH = re.compile(r"/(?:tag|tags|category|categories|chuyen-muc|danh-muc|chu-de|topic|"
                           r"search|tim-kiem|page|trang)(?:/|$)", re.IGNORECASE)


def _unlike_its_teasers(path: str, sel: parsel.Selector) -> bool:
    """The page links five or more stories whose addresses carry the CMS's numeric id
    ("/video/ninh-binh-…-20241010203000111.htm") and its own address carries none
    ("/video/thoi-su.htm"): a section page of a site whose stories all have ids. Read from the
    visible links, so it holds where no og:type says "website"."""
    if re.search(r"\d{4,}", path):
        return False
    with_id = set()
    for a in sel.root.iter("a"):
        href = a.get("href") or ""
        if len(a.text_content().strip()) >= 30 and re.search(r"\d{6,}", urlsplit(href).path):
            with_id.add(href)
    return len(with_id) >= 5


def _teaser_count(content: Any, blocks: list[Block]) -> int:
    """How many teaser units the content area holds: headings that are links to other pages,
    and lines that are only a date ("15/10/2025 10:20") — a category or home page, where the
    density detector picks the list of summaries as the "article"."""
    if content is None:
        return 0
    linked = 0
    for h in content.iter("h2", "h3", "h4", "h5"):
        text = h.text_content().strip()
        links = "".join(a.text_content() for a in h.iter("a")).strip()
        if text and len(links) >= 0.8 * len(text):
            linked += 1
    dated = sum(1 for b in blocks if b.kind == "p" and _DATELINE.match(b.text))
    return max(linked, dated)


def _is_article(meta: dict[str, str], ld: dict[str, Any] | None, objs: list[dict[str, Any]],
                url: str, record: dict[str, Any], sel: parsel.Selector, platform_body: bool,
                teasers_in_content: int = 0, sites: list[str] | None = None,
                dated_headline: bool = False) -> bool:
    """Homepages and listings are not articles: weigh type hints, URL and text shape.

    og:type "website" is what many CMSs print on every page (Sitefinity's default, site-builder
    themes), so it weighs against a page only when the page lacks a story's own shape: a
    headline signed by a date on the line under it (`dated_headline`, archive/pagekind.py)."""
    score = 0
    og_type = (meta.get("og:type") or "").lower()
    if og_type == "article" or og_type.startswith("article"):
        score += 2
    elif og_type in ("website", "webpage", "blog", "profile") and not dated_headline:
        score -= 2
    if ld:
        score += 3
    elif any(ld_types(o) & {"collectionpage", "searchresultspage", "itemlist"} for o in objs):
        score -= 1
    if meta.get("article:published_time") or (ld and ld.get("datePublished")):
        score += 1
    score += 1 if record["published_at"] else -1
    parts = urlsplit(url or "")
    path = parts.path
    rootish = path in ("", "/") or re.fullmatch(r"/(?:index|default|home|trang-chu)(?:\.\w+)?", path, re.IGNORECASE)
    if rootish and not re.search(r"\d{2,}", parts.query):
        score -= 3  # the home page (DNN portals serve articles as /Default.aspx?ItemID=123)
    elif rootish:
        score += 1
    elif _LISTING_PATH.search(path):
        score -= 2
    elif re.search(r"\d{4,}|\.(?:html?|aspx?|php)$", path):
        score += 1
    if _unlike_its_teasers(path, sel):
        score -= 2
    body = record["body"] or ""
    paragraphs = [p for p in body.split("\n\n") if p]
    long_paras = [p for p in paragraphs if len(p) >= 150]
    if len(body) >= 500 and long_paras:
        score += 2
    elif len(body) < 80:
        score -= 3
    elif len(body) < 200:
        score -= 1
    # Many teaser links and little contiguous text: a listing.
    teasers = sum(1 for a in sel.root.iter("a") if len(a.text_content().strip()) >= 30)
    if teasers >= 40 and len(long_paras) < 2:
        score -= 2
    sentences = [p for p in paragraphs if len(p) >= 60 and re.search(r"[.!?…”\"]\s*$", p)]
    if len(sentences) >= 3 and sum(len(p) for p in sentences) >= 300:
        score += 1  # running prose, several full sentences (short gov-portal news items)
    if record.get("author") and record["paths"].get("author") in ("byline", "label", "element", "sapo",
                                                                  "meta-line"):
        score += 1  # a signed text: listings and home pages carry no byline
    if record["paths"].get("title") == "h1" and len((record.get("title") or "").split()) >= 6:
        # A headline-length <h1> that the page's <title> repeats: the page is named after one
        # story (a section's <h1> and <title> are its short name) — visible even with no meta.
        score += 1
    if teasers_in_content >= 4 or sum(1 for p in paragraphs if _DATELINE.match(p)) >= 3:
        # the "content" is a list of linked headlines with dates and summaries (the density
        # detector or its trafilatura fallback took a listing's teasers for text)
        score -= 4
    if record.get("title") and _is_section_name(record["title"], sel, sites or []):
        score -= 3  # the page is named like an entry of the site's menu: a section (category) page
    if platform_body:
        score += 3  # the page matched the article template of its platform
    return score >= 2


# --- plain text input ----------------------------------------------------------------------

_TEXT_DATE_LINE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?:\s*GMT\s*[+-]\s*\d+)?\s*$",
                             re.IGNORECASE)
# Machine times as CSV exports print them: "2025-06-28T22:46:00+07:00", "2025-06-28 22:46:00",
# "…T22:46:00.000+07:00", "…T15:46:00Z", "…+0700", "…+07", "2025-06-28".
_ISO_LINE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
                       r"\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$")
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")


def extract_text(text: str, published: str | None = None) -> dict[str, Any]:
    """Plain article text → the same record: first line title, the rest body.

    Aggregator dumps append metadata after the body — "30/05/13 07:36 GMT+7", category, tags,
    outlet (2013 crawls) or an ISO date, author and URL (2025 CSV rows); those lines become
    `published_at`/`author`, never body. A byline on its own line or glued to the last sentence
    ("…Thủ đô.Minh Hà") becomes `author`.

    Which line after the date is the author column: the first one after an ISO time, or the
    one between any date and a closing URL (a CSV row) — never a 2013 footer's category. An
    author column or byline that names a news organisation ("TTXVN", "Báo Bắc Giang") is the
    source, not an author; a photo credit alone ("Ảnh: X") credits the picture (see
    archive.boilerplate.parse_byline). A labelled byline printed between the headline and the
    sapo ("Bài và ảnh: X") is the author, not the lead; initials alone on the last line ("N.Q")
    are a signature. A digest ("Tin hoạt động CĐ …", "Tin vắn") signs each item, so its last
    signature is not the article's author.
    """
    record = empty_record(None)
    paths: dict[str, str] = {}
    record["paths"] = paths
    text = nfc(text or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [clean_line(line) for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        return record
    record["title"] = lines[0]
    paths["title"] = "text"
    rest = lines[1:]
    found_date, meta_author = None, None
    for i, line in enumerate(rest):
        if _TEXT_DATE_LINE.match(line) or (_ISO_LINE.match(line) and i > 0):
            found_date = parse_date(line.split("GMT")[0]) if not _ISO_LINE.match(line) else _iso_date(line)
            tail = [x for x in rest[i + 1:] if x]
            csv_row = len(tail) == 2 and bool(_URL_LINE.match(tail[1]))  # date, author, url
            if tail and not _URL_LINE.match(tail[0]) and (_ISO_LINE.match(line) or csv_row):
                meta_author = tail[0]
            rest = rest[:i]
            break
    while rest and (not rest[-1] or _URL_LINE.match(rest[-1])):
        rest.pop()
    content = [x for x in rest if x]
    author, apath = None, None
    if meta_author and not (is_outlet_name(meta_author) or is_attribution(meta_author)):
        # The author column as printed when it is no byline parse_byline knows, but never an
        # outlet, a "Theo …" credit or a photo credit.
        raw = None if has_byline_label(meta_author) else meta_author
        author, apath = parse_byline(meta_author) or raw, "text"
    # A labelled byline printed between the headline and the sapo ("Bài và ảnh: X").
    if len(content) >= 2 and has_byline_label(content[0]):
        name = parse_byline(content[0])
        if name:
            author, apath = author or name, apath or "byline"
            content = content[1:]
    # A byline on a line of its own, or glued to the end of the last line.
    while content:
        last = content[-1]
        if is_attribution(last) or is_widget_line(last):
            content.pop()
            continue
        name = parse_byline(last) or (last if is_initials_signature(last) else None)
        if name:
            author = author or name
            apath = apath or "byline"
            content.pop()
            continue
        break
    if content:
        pieces = split_glued(content[-1])
        rest_text, name = split_trailing_byline(pieces[-1])
        if name:
            author = author or name
            apath = apath or "byline"
            pieces[-1] = rest_text
            content[-1] = "\n".join(p for p in pieces if p)
            if not content[-1]:
                content.pop()
    if content:
        # A photo credit closing the last caption ("…nhận bằng khen. Ảnh: X"): out of the body.
        kept, credit = split_photo_credit(content[-1])
        if credit:
            content[-1] = kept
            if not kept:
                content.pop()
    lead = None
    if len(content) >= 2:
        lead = strip_outlet_prefix(content[0])
        content = content[1:]
    paragraphs: list[str] = []
    for i, line in enumerate(content):
        parts = [p for piece in line.split("\n") for p in split_glued(piece)]
        if i == 0 and parts and lead is None:
            parts[0] = strip_outlet_prefix(parts[0])
        paragraphs.extend(p for p in parts if p)
    record["lead"] = lead or None
    if lead:
        paths["lead"] = "text"
    record["body"] = "\n\n".join(paragraphs)
    if paragraphs:
        paths["body"] = "text"
    if author and apath != "text" and is_digest_title(record["title"]):
        author = None  # a digest's last signature signs its last item only
    record["author"] = author
    if author:
        paths["author"] = apath or "text"
    if published:
        record["published_at"] = _iso_date(published) if re.match(r"^\d{4}-", published.strip()) \
            else parse_date(published)
        paths["published_at"] = "argument"
    elif found_date:
        record["published_at"] = found_date
        paths["published_at"] = "text"
    record["is_article"] = bool(record["body"] or record["lead"])
    record["page_kind"] = "article" if record["is_article"] else "other"
    return record
