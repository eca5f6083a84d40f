"""Plain article text (aggregator dumps, CSV rows, a page's text copied out) → its parts, in
stages that `text_stages` shows one by one: the lines framed (headline, a dated header line
under it, the footer an aggregator appends), the text signed (which writer, from which line),
and the rest laid out as lead and paragraphs. `archive.extract.extract_text` turns the last
stage into the record every path returns.

Aggregator dumps append metadata after the body — "30/05/13 07:36 GMT+7", category, tags,
outlet (2013 crawls) or an ISO date, author and URL (2025 CSV rows); those lines give the date
and the author, never body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from archive.body import is_meta_line, meta_line_author
from archive.boilerplate import (
    has_byline_label,
    is_attribution,
    is_digest_title,
    is_initials_signature,
    is_outlet_name,
    is_widget_line,
    parse_byline,
    split_glued,
    split_photo_credit,
    split_trailing_byline,
    strip_outlet_prefix,
)
from archive.bylines import META_LINE_MAX
from archive.normalize import clean_line, nfc
from archive.pagedates import iso_date, parse_date

_TEXT_DATE_LINE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?:\s*GMT\s*[+-]\s*\d+)?\s*$",
                             re.IGNORECASE)
# Machine times as CSV exports print them: "2025-06-28T22:46:00+07:00", "2025-06-28 22:46:00",
# "…T22:46:00.000+07:00", "…T15:46:00Z", "…+0700", "…+07", "2025-06-28".
_ISO_LINE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
                       r"\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$")
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")


HEADER_LINES = 2   # lines under the headline where a page's dated header line may be printed


@dataclass(frozen=True)
class TextDraft:
    """A text between stages: the headline, the lines not yet placed, the date and the writers
    the header and footer name, the author settled (and where from: "byline" for a signature
    or labelled line, "text" for an author column), then the lead and the paragraphs."""

    title: str | None = None
    lines: list[str] = field(default_factory=list)
    found_date: str | None = None
    header_author: str | None = None
    meta_author: str | None = None
    author: str | None = None
    author_path: str | None = None
    lead: str | None = None
    paragraphs: list[str] = field(default_factory=list)


def text_stages(text: str) -> list[tuple[str, TextDraft]]:
    """Each stage's name and the draft it left, in order ("framed", "signed", "laid"); only
    "lines" (an empty draft) for a text with no line. The last draft is the text's."""
    lines = _text_lines(text)
    if not lines:
        return [("lines", TextDraft())]
    framed = _frame(lines)
    signed = _sign(framed)
    return [("framed", framed), ("signed", signed), ("laid", _lay_out(signed))]


def _text_lines(text: str) -> list[str]:
    """The text's lines, NFC and cleaned, from the first that holds anything."""
    text = nfc(text or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [clean_line(line) for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _frame(lines: list[str]) -> TextDraft:
    """The first line is the headline; a dated header line under it and an aggregator's footer
    leave the text, giving the date and the writers they name."""
    rest, found_date, header_author = _header_lines(lines[1:])
    rest, footer_date, meta_author = _footer_lines(rest)
    return TextDraft(title=lines[0], lines=[x for x in rest if x], found_date=found_date or footer_date,
                     header_author=header_author, meta_author=meta_author)


def _sign(draft: TextDraft) -> TextDraft:
    """The author: the header line's writer, else an author column that is no outlet or credit
    (as printed when parse_byline does not know it), else a labelled byline between headline
    and sapo ("Bài và ảnh: X", which leaves the text), else the signature closing the text. A
    digest ("Tin hoạt động CĐ …", "Tin vắn") signs each item, so its last signature is not the
    article's author."""
    content = draft.lines
    author, apath = (draft.header_author, "byline") if draft.header_author else (None, None)
    meta_author = draft.meta_author
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
    content, signature = _closing_lines(content)
    if signature:
        author, apath = author or signature, apath or "byline"
    if author and apath != "text" and is_digest_title(draft.title or ""):
        author = None  # a digest's last signature signs its last item only
    return replace(draft, lines=content, author=author, author_path=apath)


def _lay_out(draft: TextDraft) -> TextDraft:
    """The first of two or more lines is the lead; the rest are paragraphs, glued lines split
    and an outlet's prefix off the text's first words."""
    content = draft.lines
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
    return replace(draft, lines=[], lead=lead, paragraphs=paragraphs)


def _header_lines(lines: list[str]) -> tuple[list[str], str | None, str | None]:
    """The dated header line a page prints under its headline ("Thứ Năm, 03/01/2019 - 08:15",
    "Ngày đăng: 22/12/2025 16:40 | Lượt xem: 317"), copied with the text: its date is the
    publication's and its labelled writer the author, and it is neither lead nor body — the
    same test (`is_meta_line`) the HTML path puts a content area's header line to."""
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if seen >= HEADER_LINES:
            break
        seen += 1
        if is_meta_line(line):
            return lines[:i] + lines[i + 1:], parse_date(line), meta_line_author(line)
        if len(line) > META_LINE_MAX:
            break  # the running text has begun: a date below it is no header's
    return lines, None, None


def _footer_lines(lines: list[str]) -> tuple[list[str], str | None, str | None]:
    """What aggregator dumps append after the body — "30/05/13 07:36 GMT+7", category, tags
    (2013 crawls) or an ISO date, author and URL (2025 CSV rows) — cut off: (the lines before
    it, its date, its author column). The author column is the first line after an ISO time,
    or the one between any date and a closing URL (a CSV row), never a 2013 footer's category."""
    date, author = None, None
    for i, line in enumerate(lines):
        if _TEXT_DATE_LINE.match(line) or (_ISO_LINE.match(line) and i > 0):
            date = parse_date(line.split("GMT")[0]) if not _ISO_LINE.match(line) else iso_date(line)
            tail = [x for x in lines[i + 1:] if x]
            csv_row = len(tail) == 2 and bool(_URL_LINE.match(tail[1]))  # date, author, url
            if tail and not _URL_LINE.match(tail[0]) and (_ISO_LINE.match(line) or csv_row):
                author = tail[0]
            lines = lines[:i]
            break
    while lines and (not lines[-1] or _URL_LINE.match(lines[-1])):
        lines.pop()
    return lines, date, author


def _closing_lines(content: list[str]) -> tuple[list[str], str | None]:
    """The text's last lines without what closes it: attributions and widget lines, a byline on
    a line of its own or glued to the last sentence ("…Thủ đô.Minh Hà"), initials alone, a photo
    credit closing the last caption — (the lines left, the signature nearest the end)."""
    content = list(content)
    signature = None
    while content:
        last = content[-1]
        if is_attribution(last) or is_widget_line(last):
            content.pop()
            continue
        name = parse_byline(last) or (last if is_initials_signature(last) else None)
        if not name:
            break
        signature = signature or name
        content.pop()
    if content:
        pieces = split_glued(content[-1])
        rest_text, name = split_trailing_byline(pieces[-1])
        if name:
            signature = signature or name
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
    return content, signature
