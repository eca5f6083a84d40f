"""Is a new extraction of an archived article at least as complete as the stored one?

A site that answers a re-fetch with a 200 error page ("Lỗi hệ thống"), a maintenance notice or
a body cut off mid-transfer must not overwrite a good article or delete its meetings. The rule
is deliberately simple and explainable: the new extraction replaces the stored one only when
it has no error-page signature, keeps a title and a date the old one had, and keeps the body
within reason (not under half the old length, and not shorter at all when the page itself is
cut off). Anything else is kept as a raw version only and counted as `suspect`, with the
reason in `failures`, so a person can look and `thidua reparse --version ID` can still use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from archive.lexicons import names
from archive.normalize import fold

# An old body shorter than this says little; a new body under half of a longer one is cut.
MIN_COMPARABLE_BODY = 200
MIN_BODY_RATIO = 0.5
# Error pages are short: a signature found deep in a long text is the article talking about
# errors or maintenance, not an error page.
ERROR_PAGE_MAX_BODY = 800
_TAIL_BYTES = 4096
_CLOSING = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)
_TITLE_PARTS = re.compile(r"\s+[-|–—:]\s+|\s*[|:]\s*")
_WORD = re.compile(r"\w+")


@cache
def error_signatures() -> tuple[str, ...]:
    """Folded phrases of error, not-found and maintenance pages (lexicons/error_pages.toml)."""
    return tuple(dict.fromkeys(_words(p) for p in names("error_pages", "phrases")))


def error_signature(title: str | None, body: str | None) -> str | None:
    """The signature phrase that makes this extraction an error page, else None.

    A phrase counts when it fills one part of the title on its own ("404 - Page not found |
    Báo X"), or when the body is short and holds a phrase of two words or more anywhere in it
    or in the title. A long article that mentions "lỗi hệ thống" or "Quyết định 404" is no
    error page.
    """
    phrases = error_signatures()
    parts = {_words(part) for part in _TITLE_PARTS.split(title or "")}
    for phrase in phrases:
        if phrase in parts:
            return phrase
    if len(body or "") > ERROR_PAGE_MAX_BODY:
        return None
    text = f" {_words(title or '')} {_words(body or '')} "
    for phrase in phrases:
        if " " in phrase and f" {phrase} " in text:
            return phrase
    return None


def _words(text: str) -> str:
    """Folded words joined by single spaces: punctuation and spacing never decide a match."""
    return " ".join(_WORD.findall(fold(text)))


def looks_truncated(raw: bytes) -> bool:
    """An HTML page whose end never arrived: no closing </body> or </html> near its end."""
    return bool(raw) and not _CLOSING.search(raw[-_TAIL_BYTES:])


_UNKNOWN: Any = object()


def judge(old: Mapping[str, Any] | None, new: Mapping[str, Any], *,
          truncated: bool = False, signature: str | None = _UNKNOWN) -> str | None:
    """Why `new` must not replace `old` (None: it may). `old` is None for a first fetch.
    `signature`: `error_signature` of `new` when the caller has it already (a worker did)."""
    if signature is _UNKNOWN:
        signature = error_signature(new.get("title"), new.get("body"))
    if signature:
        return f"error-page signature '{signature}' in the extraction"
    if not old:
        return None
    if (old.get("title") or "").strip() and not (new.get("title") or "").strip():
        return "the new extraction has no title"
    if old.get("published_at") and not new.get("published_at"):
        return f"the new extraction lost the date (stored {old['published_at']})"
    old_len, new_len = len(old.get("body") or ""), len(new.get("body") or "")
    if old_len >= MIN_COMPARABLE_BODY and new_len < old_len * MIN_BODY_RATIO:
        return f"body shrank from {old_len} to {new_len} characters"
    if truncated and new_len < old_len:
        return f"the page is cut off (no </html>) and its body shrank from {old_len} to {new_len}"
    return None


# What a second address of an article (a print view, another URL scheme) must also give to
# take the article's row over from the copy already stored.
VARIANT_FIELDS = ("title", "lead", "author", "published_at")


def variant_loses(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[str]:
    """The fields the stored copy of an article has and another copy of it lacks: a print view
    ("30.12.2014 - NAME" above a bare text) must not erase the byline, lead or date the full
    page gave; whichever copy is fetched first, the fuller one holds the row."""
    if not old:
        return []
    return [k for k in VARIANT_FIELDS if old.get(k) and not new.get(k)]

