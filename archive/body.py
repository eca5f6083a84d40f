"""The article's text from its blocks: captions, pictures and their credits set aside, the
byline and a closing signature taken out, and furniture (related news, share widgets, counters,
editors' notes, account lines, a print view's header) left out, so the body holds only what the
writer wrote, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
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


@dataclass
class Draft:
    """The body between stages (`body_stages` shows each): what the blocks gave, then what the
    end, the glued lines and the lead left of it. The stages take one and return a new one, so
    a rule's effect can be read off the draft before and after it."""

    paragraphs: list[str]
    captions: list[str] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    label_author: str | None = None
    byline: str | None = None
    lead_from_body: str | None = None

    def record(self) -> dict[str, Any]:
        """The dict `shape_body` returns (NFC text, empty paragraphs gone)."""
        return {"paragraphs": [nfc(p) for p in self.paragraphs if p.strip()],
                "captions": [nfc(c) for c in self.captions], "images": self.images,
                "byline": self.byline, "label_author": self.label_author,
                "lead_from_body": self.lead_from_body}


@dataclass
class _Walk:
    """Where the walk over the blocks is: the picture waiting for its caption, whether the text
    has started, how much of it there is, and the container of the last paragraph."""

    alts: set[str]
    pending_img: dict[str, Any] | None = None
    started: bool = False
    seen_text: int = 0
    last_container: Any = None


def shape_body(blocks: list[Block], *, title: str | None, lead: str | None,
               byline_rule: str = "auto", sites: list[str] | None = None) -> dict[str, Any]:
    """Blocks → paragraphs, captions, images, byline; the rules every path shares.

    From the end: attributions, date lines, widgets, editor's notes, photo credits, the byline
    and a gallery's intro line ("Một số hình ảnh tại hội nghị:" — its pictures and captions
    went to `captions`) leave the body."""
    return body_stages(blocks, title=title, lead=lead, byline_rule=byline_rule, sites=sites)[-1][1].record()


def body_stages(blocks: list[Block], *, title: str | None, lead: str | None,
                byline_rule: str = "auto", sites: list[str] | None = None) -> list[tuple[str, Draft]]:
    """Each stage's name and the draft it left, in order: the blocks read (captions, pictures,
    furniture, the header line set aside), the end trimmed (furniture and the byline), glued
    lines split (and a byline glued to the last line), the lead settled (a repeated lead or a
    bold sapo at the top). The last draft is the body."""
    read = _read_blocks(blocks, title)
    trimmed = _trim_end(read)
    split = _split_glued(trimmed, byline_rule)
    settled = _settle_top(split, blocks, lead, sites)
    return [("read", read), ("trimmed", trimmed), ("split", split), ("settled", settled)]


def _read_blocks(blocks: list[Block], title: str | None) -> Draft:
    """The blocks in order: pictures and their captions set aside, furniture and the header line
    left out, the walk stopped at a related-news box that closes the article."""
    draft = Draft([])
    walk = _Walk({fold(b.alt) for b in blocks if b.kind == "img" and b.alt})
    for i, b in enumerate(blocks):
        if b.kind in ("img", "caption"):
            _take_picture(b, draft, walk)
            continue
        text = b.text
        if is_section_end(text):
            if walk.seen_text >= 200 and not _inline_box(blocks, i, walk.last_container):
                break  # "Tin liên quan", "Các tin khác": the article is over
            continue  # a sidebar heading before the article ("Liên kết website")
        if _furniture(b, walk.alts):
            continue
        m = AUTHOR_LABEL.match(text)
        if m:
            draft.label_author = parse_byline(m.group(1)) or clean_line(m.group(1))
            continue
        if title and same_text(text, title) and _at_headline(draft, walk):
            continue
        if _picture_caption(blocks, i, walk):
            draft.captions.append(text)
            walk.pending_img["caption"] = text  # type: ignore[index]
            continue
        if not walk.started and is_meta_line(text):
            # "Thứ Hai, 20/05/2024 08:00 | Người viết: X | 1,327 lượt xem", "Hoàng Gia · 20:05,
            # 18/03/2025": the article's header line caught inside the content area.
            draft.label_author = draft.label_author or meta_line_author(text)
            continue
        walk.started = True
        walk.seen_text += len(text)
        draft.paragraphs.append(text)
        walk.last_container = b.container
        walk.pending_img = None
    return draft


def _take_picture(b: Block, draft: Draft, walk: _Walk) -> None:
    """A picture waits for its caption; a caption block goes to `captions` and to the picture
    before it if that has none yet."""
    if b.kind == "img":
        if b.src:
            walk.pending_img = {"src": b.src, "caption": None}
            draft.images.append(walk.pending_img)
        return
    if b.text and not is_widget_line(b.text):
        draft.captions.append(b.text)
        if walk.pending_img is not None and walk.pending_img["caption"] is None:
            walk.pending_img["caption"] = b.text


def _furniture(b: Block, alts: set[str]) -> bool:
    """A widget line, a picture's alt text printed again, or a block of teaser links / tags."""
    if is_widget_line(b.text) or (len(b.text) < 200 and fold(b.text) in alts):
        return True
    return b.link_ratio > 0.6 and b.chars < 400


def _at_headline(draft: Draft, walk: _Walk) -> bool:
    """The headline met again: skipped before the text starts; after a print view's header (the
    site's name, a section, printed above the headline inside the one content box) the body
    starts over after it. False when it is a line of the text like any other."""
    if not walk.started:
        return True
    if _page_header(draft.paragraphs):
        draft.paragraphs.clear()
        walk.seen_text, walk.started = 0, False
        return True
    return False


def _picture_caption(blocks: list[Block], i: int, walk: _Walk) -> bool:
    """A paragraph right after a picture that still lacks a caption, and that reads like one or
    sits in the picture's own box."""
    b = blocks[i]
    return (b.kind == "p" and walk.pending_img is not None and walk.pending_img["caption"] is None
            and (_looks_like_caption(b) or _picture_box(blocks, i))
            and _prev_content(blocks, i, walk.alts) == "img")


def _closing_furniture(last: str, alone: bool) -> bool:
    """A last line that is no text: an attribution, a date line, a widget, a photo credit, an
    account line, or (when other text stands before it) an editor's note or a gallery's intro."""
    return (is_attribution(last) or bool(DATELINE.match(last)) or is_widget_line(last)
            or (is_editor_note(last) and not alone) or is_photo_credit(last)
            or (is_gallery_intro(last) and not alone) or is_account_line(last))


def _trim_end(draft: Draft) -> Draft:
    """Up to four closing lines leave the body from the end: furniture, and one byline."""
    paragraphs = list(draft.paragraphs)
    byline = draft.byline
    for _ in range(4):
        if not paragraphs:
            break
        last = paragraphs[-1]
        if _closing_furniture(last, len(paragraphs) <= 1):
            paragraphs.pop()
            continue
        name = parse_byline(last) if byline is None else None
        if name:
            byline = name
            paragraphs.pop()
            continue
        break
    return replace(draft, paragraphs=paragraphs, byline=byline)


def _split_glued(draft: Draft, byline_rule: str) -> Draft:
    """Lines glued into one paragraph split apart; a byline glued to the end of the last one
    (unless `byline_rule` is "none") and closing attributions leave it."""
    paragraphs = [part for p in draft.paragraphs for part in split_glued(p)]
    byline = draft.byline
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
    return replace(draft, paragraphs=paragraphs, byline=byline)


def _settle_top(draft: Draft, blocks: list[Block], lead: str | None, sites: list[str] | None) -> Draft:
    """The top of the body: an outlet's prefix off the first line; the lead found elsewhere
    dropped where the body repeats it (whole, or as the first paragraph's bold opening); with
    no lead, a bold first paragraph of sentences is the lead (`lead_from_body`)."""
    paragraphs = list(draft.paragraphs)
    if paragraphs:
        paragraphs[0] = strip_outlet_prefix(paragraphs[0], sites)
    lead_from_body = draft.lead_from_body
    if paragraphs and lead:
        _drop_repeated_lead(paragraphs, lead, sites)
    elif paragraphs and len(paragraphs) >= 3:
        first_block = next((b for b in blocks if b.kind == "p" and b.text and
                            same_text(strip_outlet_prefix(b.text), paragraphs[0])), None)
        if first_block and first_block.bold_ratio >= 0.9 and 80 <= len(paragraphs[0]) <= 600 \
                and re.search(r"[.!?…”]\s*$", paragraphs[0]):
            lead_from_body = paragraphs.pop(0)
    return replace(draft, paragraphs=paragraphs, lead_from_body=lead_from_body)


def _drop_repeated_lead(paragraphs: list[str], lead: str, sites: list[str] | None) -> None:
    """The first paragraph goes when it is the lead; the lead printed in bold at its start is
    cut from it."""
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
