"""A case-insensitive search run as a case-sensitive one over the lowered text.

Why: Python's `re` scans about three times slower with IGNORECASE than without (every
character is case-folded before it is compared, and the quick skip to a possible first
character is lost), while `str.lower()` of a sentence costs a fraction of one scan. The meeting
rules ask a few such patterns of every sentence an article has (`people_in`'s attendance cue),
so the difference is paid on every page.

Exact, not approximate: `str.lower()` and IGNORECASE agree on every character of the blocks in
`_SAFE` (Basic Latin to Latin Extended-B, where đ, ơ, ư and ă are; the combining marks;
Latin Extended Additional, where Vietnamese's precomposed letters are; General Punctuation)
except four — İ, ı, ſ and ẛ, which IGNORECASE matches to i, s and ṡ while `lower()` does not
(or gives two characters) — so a text of those blocks less the four is searched lowered, and a
text with any other character (Greek's final sigma, the Kelvin sign, anything unchecked) with
the IGNORECASE pattern, as before. A pattern is written in lower case with letters of the same
blocks. tests/test_caseless.py checks every character of the blocks against every lower-case
letter of them.
"""

from __future__ import annotations

import re

__all__ = ["Caseless"]

_SAFE = "\x00-\u012f\u0132-\u017e\u0180-\u024f\u0300-\u036f\u1e00-\u1e9a\u1e9c-\u1eff\u2000-\u206f"
_UNSAFE = re.compile(f"[^{_SAFE}]")


class Caseless:
    """A pattern written in lower case, searched case-insensitively; `search` says whether it
    occurs (no match object: positions in the lowered text are not the original's)."""

    def __init__(self, pattern: str) -> None:
        letters = re.sub(r"\\.", "", pattern)
        if any(c.isupper() for c in letters) or _UNSAFE.search(letters):
            raise ValueError(f"a caseless pattern is written in lower case, with letters of the "
                             f"blocks lowering is exact on: {pattern[:60]!r}")
        self.pattern = pattern
        self.lowered = re.compile(pattern)
        self.ignorecase = re.compile(pattern, re.IGNORECASE)

    def search(self, text: str) -> bool:
        """Whether the pattern occurs in `text`, case aside (re.IGNORECASE's answer)."""
        if _UNSAFE.search(text):
            return self.ignorecase.search(text) is not None
        return self.lowered.search(text.lower()) is not None
