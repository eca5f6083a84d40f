"""The article's text from its blocks: captions, pictures and their credits set aside, the
byline and a closing signature taken out, and furniture (related news, share widgets, counters,
editors' notes, account lines, a print view's header) left out, so the body holds only what the
writer wrote, in order.
"""

from __future__ import annotations

import re
from typing import Any

from archive.blocks import Block
from archive.boilerplate import (
    is_attribution,
    is_editor_note,
    is_gallery_intro,
    is_photo_credit,
    is_section_end,
    is_widget_line,
    parse_byline,
    split_glued,
    split_trailing_byline,
    strip_outlet_prefix,
)
from archive.bylines import AUTHOR_LABEL, BYLINE_LABELS, is_account_line
from archive.descriptions import description_core, opens_text, set_apart
from archive.leads import own_box
from archive.normalize import clean_line, fold, nfc
from archive.pagedates import parse_date
from archive.textmatch import same_text, starts_with_text


def description_opens_body(description: str, blocks: list[Block], title: str | None,
                            sites: list[str]) -> bool:
    """The description is only the body's opening words (archive/descriptions.py), printed
    there as plain running text — not a sapo the page sets apart in bold or in its own box."""
    paragraphs = shape_body(blocks, title=title, lead=None, sites=sites)["paragraphs"]
    if not paragraphs or not opens_text(description, " ".join(paragraphs[:8])):
        return False
    core = description_core(description)
    texts = [b for b in blocks if b.kind == "p" and b.text]
    first = next((i for i, b in enumerate(texts) if starts_with_text(b.text, core[:60])
                  or starts_with_text(core, b.text)), None)
    if first is None:
        return True
    block = texts[first]
    return not set_apart(len(core), block.chars, max(block.bold_chars, block.em_chars),
                         own_box(texts, first))


_CAPTION_HINT = re.compile(r"(?:^|\s|\()(?:ảnh|ảnh minh họa|ảnh minh hoạ|nguồn ảnh|photo|clip)\s*[:：]",
                           re.IGNORECASE)


DATELINE = re.compile(r"^\s*(?:ngày đăng|cập nhật|đăng ngày|ngày cập nhật|posted)?\s*[:：]?\s*"
                       r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?"
                       r"\s*(?:\(gmt\+7\))?\s*$", re.IGNORECASE)


def meta_line_author(text: str) -> str | None:
    """The writer a header line names by its label ("… | Người viết: X | 1,327 lượt xem")."""
    m = re.search(rf"{BYLINE_LABELS}\s*[:：]\s*([^|·•]{{2,60}})", text, re.IGNORECASE)
    return (parse_byline(m.group(1).strip()) or None) if m else None


def is_meta_line(text: str) -> bool:
    """A short header line: a date with separators, counters or an author label."""
    if DATELINE.match(text):
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


def shape_body(blocks: list[Block], *, title: str | None, lead: str | None,
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
        if title and same_text(text, title):
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
        if not started and is_meta_line(text):
            # "Thứ Hai, 20/05/2024 08:00 | Người viết: X | 1,327 lượt xem", "Hoàng Gia · 20:05,
            # 18/03/2025": the article's header line caught inside the content area.
            label_author = label_author or meta_line_author(text)
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
        if is_attribution(last) or DATELINE.match(last) or is_widget_line(last) \
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
        if same_text(first, lead) or same_text(strip_outlet_prefix(first, sites), strip_outlet_prefix(lead, sites)):
            paragraphs.pop(0)
        elif starts_with_text(first, lead) and len(lead) > 40:
            # The sapo printed in bold at the start of the first paragraph.
            cut = _cut_prefix(first, lead)
            if cut is not None:
                paragraphs[0] = cut
                if not paragraphs[0]:
                    paragraphs.pop(0)
    elif paragraphs and len(paragraphs) >= 3:
        first_block = next((b for b in blocks if b.kind == "p" and b.text and
                            same_text(strip_outlet_prefix(b.text), paragraphs[0])), None)
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
