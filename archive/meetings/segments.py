"""Stage (a), segmentation: an article as a list of sentences that know where they stand.

The headline, the sapo (lead), the body and the photo captions play different parts in a report:
the headline names the meeting but rarely its day, a caption names a person but never opens a
new meeting, a byline is nobody's attendee. So each sentence carries its `where`; later stages
choose by it. Crawls glue captions and bylines to the next sentence ("…yêu nướcDịp này"),
so sentence breaks are put back first (`repair_glued`), and the rules read the modern tone-mark
placement (`prepare`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from archive.boilerplate import is_section_end
from archive.lexicons import names, pattern
from archive.meetings.patterns import _SAME_DAY, LO, UP
from archive.normalize import clean_text, normalize_tone_marks

# "…yêu nướcDịp này", "…năm 2013Đại diện", "…hội nghị Cụm số 1Cùng ngày": a lower-case letter, a year
# or a number standing as a word, glued to a capitalised word.
_GLUE_CASE = re.compile(rf"({LO}|(?<=\d{{4}})|(?<=\s\d)|(?<=\s\d\d)|(?<=\s\d\d\d))({UP}{LO})")
# Old district sites put a space before every full stop ("… cho xã .Một góc …", "… huyện .6 tháng
# qua"): a spaced stop glued to a capital or a number ends the sentence as a glued one does.
_GLUE_SPACED_STOP = re.compile(rf"(?<=\S)\s\.(?=(?:{UP}|\d))")
_GLUE_STOP = re.compile(rf"({LO}|{UP}|[”\")]|\d)\.({UP}{LO})")
# "…Chủ tịch Hội đồng Đội thành phố.THU HÀ": an upper-case byline glued after a full stop.
_GLUE_CAPS = re.compile(rf"({LO})\.({UP}{UP})")
# Locality and degree short forms end with a dot inside a name, not a sentence: "LĐLĐ
# Q.Hai Bà Trưng", "LĐLĐ TP. Hà Nội", "TX. Sơn Tây", "TS. Lê Văn A".
_ABBREVIATION_DOT = re.compile(r"(?:^|(?<=[\s(]))(?:TP|Tp|Q|TX|TT|P|H|ThS|TS|PGS|GS|BS|KS)\.\s*$")
_GLUE_DASH = re.compile(rf"(?<=\S)-\s+(?=(?:{_SAME_DAY}|Cũng trong|Cùng dịp|Trước đó|Trong khi đó)\b)")
# "ANTĐ - ", "(SGGP).– ", "NDĐT-", "QĐND Online - ", "VOV.VN - ": an outlet tag, maybe with its
# edition word, before the sapo.
_OUTLET = re.compile(rf"^\s*(?:\([^)]{{1,30}}\)\s*\.?\s*[-–—.]*\s*|"
                     rf"{UP}[\w.]{{0,15}}(?:\s(?:Online|online|ONLINE|TV|Plus|Điện\s+tử|điện\s+tử))?\s?[-–—]+\s*(?={UP}))")
_SENTENCE_END = re.compile(rf"(?<=[.!?…])[\s]+(?=[“\"(]?{UP}|\d)|\n+")

# The reporter's turns in a question-and-answer interview: "PV: Thưa ông, …", "Phóng viên: …".
INTERVIEW_TURN = re.compile(r"(?:^|(?<=[\s.?!…”\"]))(?:PV|P\.V|Phóng\s+viên)\s*:")
# A photo caption printed as its own paragraph ends with its credit: "… Ảnh: NGỌC MAI", "(Ảnh: TTXVN)".
_CAPTION_CREDIT = re.compile(r"[.\s(]\s*(?:Ảnh|Ảnh\s+minh\s+họa|Nguồn\s+ảnh)\s*:\s*[^.]{1,40}\)?\.?\s*$")
# A photo's numbered label as some sites print it under the picture, often the headline again: "Cụm
# thi đua số 11 tổ chức Hội nghị … - Ảnh 1." — a caption, which reports nothing of its own.
_PHOTO_NUMBER = re.compile(r"\s[-–]\s*Ảnh\s+\d{1,2}\s*\.?\s*$")
# A byline as its own paragraph: a name in capitals ("NGỌC MAI", "TIN, ẢNH: THU HÀ").
_BYLINE = re.compile(rf"^(?:(?:TIN|BÀI|ẢNH|TIN\s+VÀ\s+ẢNH|TIN,\s+ẢNH)\s*:\s*)?[{UP[1:-1]}\s.,-]{{3,40}}$")
WHERES = ("title", "lead", "body", "caption", "byline")


@dataclass
class Segment:
    """One sentence of the article: its text (modern tone marks), where it stands, its order
    (the headline is 0), the paragraph it belongs to and whether that paragraph is an item of a
    dashed or bulleted list (a digest's "- Ngày 10/12, Cụm …", its marker taken off the text)."""

    text: str
    where: str  # one of WHERES
    index: int
    paragraph: int = 0
    item: bool = False


Sentence = Segment  # the name the stages used before segments had captions


_BRAND_PART = re.compile(rf"(?:{'|'.join(names('organisations', 'brand_parts'))})(?![{LO[1:-1]}])")
_ASCII_WORD_END = re.compile(r"[A-Za-z]*$")


def _unglue_case(m: re.Match[str]) -> str:
    """A lower-case letter glued to a capitalised word: two sentences a crawl glued ("yêu
    nướcDịp này"), unless it is a brand written in camel case ("VietinBank", "MobiFone": ASCII
    letters on both sides and a brand part, organisations.toml `brand_parts`, on the right)."""
    left = _ASCII_WORD_END.search(m.string[:m.end(1)])
    if left and left.group(0) and left.group(0)[0].isupper() and _BRAND_PART.match(m.string, m.start(2)):
        return m.group(0)
    return f"{m.group(1)}. {m.group(2)}"


def repair_glued(text: str) -> str:
    """Put back the sentence breaks that crawls lost between captions, bylines and sentences."""
    text = _GLUE_DASH.sub(". ", text)
    text = _GLUE_SPACED_STOP.sub(" . ", text)
    text = _GLUE_CASE.sub(_unglue_case, text)
    text = _GLUE_CAPS.sub(r"\1. \2", text)

    def stop(m: re.Match[str]) -> str:
        # "Q.Hai Bà Trưng", "TP.Hà Nội": a locality's short form, not a sentence end
        if _ABBREVIATION_DOT.search(m.string[:m.end(1) + 1]):
            return m.group(0)
        return f"{m.group(1)}. {m.group(2)}"

    return _GLUE_STOP.sub(stop, text)


# A broadcast anchor's address to the audience at a paragraph's start (article_parts.toml
# `broadcast.addresses`): "Thưa quý vị, chiều nay, Cụm … tổ chức …" — the listeners, not the subject.
_ADDRESS = re.compile(rf"^\s*{pattern('article_parts', 'broadcast.addresses')}\s*[,:!.]\s*", re.IGNORECASE)


def strip_address(text: str) -> str:
    """'Thưa quý vị, chiều nay, Cụm …' → 'Chiều nay, Cụm …': the anchor's address off a
    paragraph's start, the sentence after it capitalised as it would open a paragraph."""
    m = _ADDRESS.match(text)
    if not m or m.end() >= len(text):
        return text
    rest = text[m.end():]
    return rest[0].upper() + rest[1:]


def strip_outlet(text: str) -> str:
    """'ANTĐ - Tại trụ sở…' → 'Tại trụ sở…'; '(SGGP). – Sáng 29-5…' → 'Sáng 29-5…'."""
    return _OUTLET.sub("", text, count=1)


def prepare(text: str | None) -> str:
    """Clean text with the modern tone-mark placement ('toạ đàm' → 'tọa đàm', 'Thanh Hoá' →
    'Thanh Hóa'): both placements are correct Vietnamese and pre-2017 outlets often use the old
    one, so the rules (written in one spelling) and the stored fields must not depend on which
    the outlet chose — one organisation is one facet value (archive/normalize.py)."""
    if not text:
        return ""
    return normalize_tone_marks(cleaned(text))


# A gap between the columns of a table laid out with spaces or tabs: a tab, or three spaces or more.
_COLUMN_GAP = re.compile(r"[ \t]*\t[ \t]*| {3,}")


def columns_as_cells(text: str) -> str:
    """A table laid out in columns of spaces ("TT    Đơn vị        Nhiệm vụ", one row a line) as
    the same table with its cells between bars ("TT | Đơn vị | Nhiệm vụ"), before cleaning folds
    the spaces away: a line with two such gaps or more is a table's row (prose has none)."""
    if "   " not in text and "\t" not in text:
        return text
    lines = text.split("\n")
    return "\n".join(" | ".join(_COLUMN_GAP.split(line.strip())) if len(_COLUMN_GAP.findall(line.strip())) >= 2
                     else line for line in lines)


@lru_cache(maxsize=64)
def cleaned(text: str) -> str:
    """The text cleaned with its sentence breaks put back (`repair_glued`) and its space-aligned
    tables as cells (`columns_as_cells`): what `prepare` reads and what the found fields are
    respelled from (records.extract_meetings), computed once for the title, lead, body and
    captions both need."""
    return repair_glued(clean_text(columns_as_cells(item_breaks(text))))


def item_breaks(text: str) -> str:
    """The text with a paragraph break before every later line that opens with a list marker or a
    pictograph ("Hội nghị …\n- Thời gian: …\n- Địa điểm: …", "🗓 Thời gian: …\n🏢 Địa điểm: …"), and
    after it: an aggregator joins a page's paragraphs with single line breaks, which the cleaner
    runs together, while an item's marker is read at a paragraph's start only (`segment`)."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    out = [lines[0]]
    item = bool(_BULLET.match(lines[0]) or pictograph_end(lines[0]))
    for line in lines[1:]:
        marked = bool(_BULLET.match(line) or pictograph_end(line))
        if out[-1].strip() and line.strip() and (marked or item):
            out.append("")  # before an item, and after one: the line after it is no part of it
        out.append(line)
        item = marked
    return "\n".join(out)


# The number of a list's item at a paragraph's start ("1. Ông Lê Văn A, …"): it ends no sentence.
_ITEM_NUMBER = re.compile(r"^\d{1,2}\.$")


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`; a locality or degree short form ("TP. Hà Nội", "Q. 8") and a list
    item's number ("1. Ông …") do not end one."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip() if piece else ""
        if not piece:
            continue
        if out and (_ABBREVIATION_DOT.search(out[-1]) or _ITEM_NUMBER.match(out[-1])):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _paragraph_kind(where: str, paragraph: str) -> str:
    """A body paragraph that is a photo caption (it ends with its credit or its number) or a byline."""
    if where != "body":
        return where
    if _CAPTION_CREDIT.search(paragraph) or _PHOTO_NUMBER.search(paragraph):
        return "caption"
    if _BYLINE.match(paragraph.strip()) and not any(ch.islower() for ch in paragraph):
        return "byline"
    return where


# A list item's marker at a paragraph's start: "- ", "– ", "+ ", "• ", "* " (a number is kept: the
# attendance lists' "1. Ông …" read it).
_BULLET = re.compile(r"^\s*[-–—+•*]\s+(?=\S)")
# Social posts open paragraphs with pictographs ("📍 Địa điểm: …", "⏰ Thời gian: …", "🎉 Sáng nay,
# …") and number photo captions with keycaps ("1️⃣ Đồng chí …"): symbols (Unicode So/Sk), their
# variation selectors and joiners, a keycap's digit. They are decoration, taken off the text like a
# dash; the paragraph is not made a digest's item by them (a post's every line may carry one).
_KEYCAP = re.compile(r"\d\ufe0f?\u20e3")
_MARK_JOINERS = {"\ufe0f", "\ufe0e", "\u200d", "\u20e3"}


def pictograph_end(text: str) -> int:
    """Where a paragraph's leading run of pictographs and the spaces after it end; 0 when the
    paragraph does not open with one followed by a space."""
    at = len(text) - len(text.lstrip())
    start = at
    while at < len(text):
        keycap = _KEYCAP.match(text, at)
        if keycap:
            at = keycap.end()
        elif unicodedata.category(text[at]) in ("So", "Sk") or text[at] in _MARK_JOINERS:
            at += 1
        else:
            break
    if at == start or at >= len(text) or not text[at].isspace():
        return 0
    return len(text) - len(text[at:].lstrip())


def _paragraphs(where: str, block: str) -> list[str]:
    """A block's paragraphs; the body ends at a site's related-items heading ("Tin liên quan",
    "Các tin khác", "Tin cùng chuyên mục": archive.boilerplate's headings), whose lines are other
    articles' headlines (a meeting with its day, host and place among them), never this one's."""
    paragraphs = block.split("\n\n")
    if where == "body":
        end = next((n for n, p in enumerate(paragraphs) if is_section_end(p.strip())), None)
        paragraphs = paragraphs[:end]
    return paragraphs


def segment(title: str, lead: str, body: str, captions: list[str] | None = None) -> list[Segment]:
    """The article's sentences in reading order: headline, sapo, body (its caption and byline
    paragraphs marked, up to a related-items heading), then captions given apart. Outlet tags
    ("ANTĐ - ") leave the first paragraph of lead and body; the lead repeated at the top of the
    body is dropped; a list item's marker leaves its paragraph, which is marked `item`; a post's
    pictographs at a paragraph's start leave it too (`pictograph_end`)."""
    out: list[Segment] = []
    if title:
        out.append(Segment(title, "title", 0, 0))
    blocks = [("lead", lead), ("body", body), *(("caption", c) for c in captions or [] if c)]
    paragraph = 0
    for where, block in blocks:
        for n, text in enumerate(_paragraphs(where, block)):
            if n == 0 and where != "caption":
                text = strip_outlet(text)
            text = strip_address(text) if where in ("lead", "body") else text
            kind = _paragraph_kind(where, text)
            text = text[pictograph_end(text):] if where in ("lead", "body") else text
            bullet = _BULLET.match(text) if where in ("lead", "body") else None
            text = text[bullet.end():] if bullet else text
            paragraph += 1
            for s in split_sentences(text):
                if where == "body" and any(s == o.text for o in out if o.where == "lead"):
                    continue  # the lead repeated at the top of the body
                out.append(Segment(s, kind, len(out) + (0 if title else 1), paragraph, bool(bullet)))
    return out
