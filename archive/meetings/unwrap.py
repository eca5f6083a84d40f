"""A printed page's text put back into paragraphs before segmentation.

A bulletin ("Bản tin") converted from its PDF keeps the page's line breaks: every printed line
is a line of the text, cut wherever the column ended — in mid-sentence, inside a name, inside a
member list — and each page repeats its running header and prints its number. A stored text of
it (archive.extract.extract_text: every line a paragraph) reads as a run of sentence fragments,
so no sentence holds a meeting's subject, verb and place together. Such a text is recognised by
its lines (all of them as short as a printed column, several cut before the sentence ends),
its page furniture is dropped (a page number alone or after "Trang"; the running header right
after it, which names the publication) and a line the column cut runs on into the next.
Anything else — a web article's paragraphs are longer than a column — is returned unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from archive.lexicons import names, pattern

# A printed column: no line of a wrapped text is longer; a web paragraph almost always is.
COLUMN = 100
# A line this long that ends without closing its sentence was cut by the column.
_CUT_MIN = 40
# How many cut lines make a text a printed page's (one could be a heading without a stop).
_CUTS_NEEDED = 3
_SENTENCE_CLOSED = re.compile(r"[.!?…][”\"»)]?\s*$")
# A list item's marker: a bullet or dash, or an item's number ("1. Ông Lê Văn A, …;").
_BULLET = re.compile(r"^\s*(?:[-–—+•*]|\d{1,2}[.)])\s+\S")


@lru_cache(maxsize=1)
def _furniture() -> tuple[re.Pattern[str], re.Pattern[str]]:
    labels = "|".join(re.escape(w) for w in names("article_parts", "print.page_labels"))
    page = re.compile(rf"^\s*[-–]?\s*(?:(?:{labels})\s*)?\d{{1,3}}(?:\s*/\s*\d{{1,3}})?\s*[-–]?\s*$",
                      re.IGNORECASE)
    header = re.compile(rf"^\s*{pattern('article_parts', 'print.running_headers')}", re.IGNORECASE)
    return page, header


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.split("\n") if line.strip()]


def is_printed(lines: list[str]) -> bool:
    """Whether lines are a printed page's: none longer than a column, several cut mid-sentence."""
    if not lines or max(len(line) for line in lines) > COLUMN:
        return False
    cut = sum(len(line) >= _CUT_MIN and not _SENTENCE_CLOSED.search(line) for line in lines)
    return cut >= _CUTS_NEEDED


def without_furniture(lines: list[str]) -> list[str]:
    """The lines without page numbers and the running header printed right after one."""
    page, header = _furniture()
    out: list[str] = []
    after_page = False
    for line in lines:
        if page.match(line):
            after_page = True
            continue
        if after_page and header.match(line):
            continue
        after_page = False
        out.append(line)
    return out


def joined(lines: list[str]) -> list[str]:
    """Paragraphs from printed lines: a line that does not close its sentence runs on into the
    next, and a list item's marker ("• ", "- ", "1. ") opens a paragraph that runs on to the next
    marker, whatever its sentences close (a digest prints one news item per marker)."""
    paragraphs: list[str] = []
    open_para = in_item = False
    for line in lines:
        marker = bool(_BULLET.match(line))
        if paragraphs and not marker and (open_para or in_item):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
            in_item = marker
        open_para = not _SENTENCE_CLOSED.search(line)
    return paragraphs


def unwrap(lead: str, body: str) -> tuple[str, str]:
    """(lead, body) of a printed page's text as paragraphs: the lead runs on to where its first
    paragraph's sentence closes; unchanged for any other text."""
    lines = without_furniture(_lines(lead) + _lines(body))
    if not is_printed(lines):
        return lead, body
    paragraphs = joined(lines)
    if not paragraphs:
        return lead, body
    if not lead.strip():
        return "", "\n\n".join(paragraphs)
    return paragraphs[0], "\n\n".join(paragraphs[1:])
