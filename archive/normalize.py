"""Text normalisation for Vietnamese pages.

Everything that compares, hashes or indexes text goes through here first: the same word can
arrive composed (NFC) or decomposed (NFD), with non-breaking or zero-width spaces between its
syllables, or with HTML entities left in. Two spellings that look identical on screen must be
identical bytes in the archive, or facets split and duplicates slip through.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# Characters that render as nothing or as a plain space but break tokenisation and hashing.
# Replaced by a character class, not `str.translate`: translate looks every character of a
# non-ASCII text up in its table (~80 ns each, 0.2 ms for a paragraph of Vietnamese), where
# the class scans for the few it names; each character maps alone, so the result is the same.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2002\u2003\u2009\u202f\u3000\t\r\f\v]")
_SPACE_RUN = re.compile(r"[ ]{2,}")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def nfc(text: str) -> str:
    """Compose to NFC: macOS/Word/BBC-style pages send decomposed tone marks."""
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """One line of text: entities decoded, invisible characters out, spaces collapsed, NFC."""
    text = _SPACES.sub(" ", _INVISIBLE.sub("", html.unescape(text))).replace("\n", " ")
    return nfc(_SPACE_RUN.sub(" ", text).strip())


def clean_text(text: str) -> str:
    """A block of text with its paragraphs kept as blank-line separated blocks.

    Single newlines inside a paragraph are joined with a space (HTML source wrapping is not
    meaning); blank lines separate paragraphs.
    """
    if not text:
        return ""
    text = _SPACES.sub(" ", _INVISIBLE.sub("", html.unescape(text)))
    paragraphs = []
    for block in _BLANK_LINES.split(text.replace("\r\n", "\n")):
        line = clean_line(block)
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs (already separate) → one text block, empty ones dropped."""
    return "\n\n".join(p for p in (clean_line(x) for x in paragraphs) if p)


class _CombiningMarks(dict[int, int | None]):
    """`str.translate` table that drops combining marks, filled per code point as met (a table
    of every combining mark of Unicode would cost its build at every import)."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_DROP_MARKS = _CombiningMarks()
_FOLD_CACHED = 256  # texts up to this long are folded once: names, headings, lines repeat


def fold(text: str) -> str:
    """Lower case without diacritics, đ→d: the form `thi dua` that users type.

    Unicode has no decomposition for đ/Đ (it is a letter of its own, not d + mark), which is
    why SQLite's `remove_diacritics` misses it and why it is replaced explicitly here.
    """
    if not text:
        return ""
    if len(text) <= _FOLD_CACHED:
        return _fold_short(text)
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", decomposed.translate(_DROP_MARKS)).lower()


_fold_short = lru_cache(maxsize=65536)(_fold)


# Tone-mark placement: old style puts the mark on the first vowel of oa/oe/uy ("hoá", "uỷ"),
# new style on the second ("hóa", "ủy"). Both are correct Vietnamese; we store the new style
# so that one organisation is never two facet values.
_OLD_TONE = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(sorted(_OLD_TONE, key=len, reverse=True)) + r")(?![^\W\d_])",
    re.IGNORECASE,
)
# The same places read as a pair of letters (o or u, then the second letter of any old placement):
# every match of _OLD_TONE_RE is one of these, so a text without one has nothing to move. One
# alternation of fifteen pairs, case-insensitive, costs ~0.2 ms on a paragraph; this scan ~13 µs.
_OLD_TONE_AT = re.compile(
    r"(?<![qQ])[" + "".join(sorted({k[0] for k in _OLD_TONE})) + "]["
    + "".join(sorted({k[1] for k in _OLD_TONE})) + r"](?![^\W\d_])",
    re.IGNORECASE,
)


def _retone(match: re.Match[str]) -> str:
    found = match.group(0)
    new = _OLD_TONE[found.lower()]
    return "".join(n.upper() if o.isupper() else n for o, n in zip(found, new))


def normalize_tone_marks(text: str) -> str:
    """'Thanh Hoá' → 'Thanh Hóa', 'Uỷ ban' → 'Ủy ban': one spelling per name.

    Only syllable-final oa/oe/uy move their mark (in 'hoàn', 'thuyền' the mark already sits on the
    nucleus the modern style uses), and 'qu' + y keeps its mark since the u is part of the consonant.
    """
    text = nfc(text)
    return _OLD_TONE_RE.sub(_retone, text) if _OLD_TONE_AT.search(text) else text
