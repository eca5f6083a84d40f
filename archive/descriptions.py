"""When a page's description (JSON-LD, OpenGraph, <meta name=description>) is its lead.

Many CMSs fill the description with the text's own opening words when the writer gave no
summary: Hugo's auto-summary (the first 40 words + " ..."), Ghost's and WordPress SEO plugins'
first sentence, portals that cut the body at N characters, even mid-word. Such a description
is no sapo: taking it as the lead drops it from the body, which then starts mid-sentence. A real
sapo that a page also prints at the top of its text is set apart there (bold or italic, or a
box of its own); the body's plain first paragraph is not.
"""

from __future__ import annotations

import re

from archive.normalize import fold

# How a cut-short description ends: "…", "...", " [...]", "[…]".
_CLOSING_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:…|\.{2,})\s*\]|…|\.{2,})\s*$")


def _key(text: str) -> str:
    """Folded, punctuation as single spaces: how the description and the text compare."""
    return re.sub(r"\W+", " ", fold(text)).strip()


def description_core(description: str) -> str:
    """The description without the ellipsis that marks it as cut short."""
    return _CLOSING_ELLIPSIS.sub("", description).strip()


def opens_text(description: str, text: str) -> bool:
    """`description` (minus a closing ellipsis) is the beginning of `text`: whole paragraphs, a
    sentence, or words cut anywhere (even inside a word).

    'Ngày 19/8, Cụm thi đua … tại huyện Ninh Phước. Hội Khuyến học h ...' opens
    'Ngày 19/8, Cụm thi đua … tại huyện Ninh Phước. Hội Khuyến học huyện Ninh Phước chủ trì …'."""
    core = _key(description_core(description))
    if len(core) < 20:
        return False
    start = _key(text[: int(len(description) * 1.3) + 40])
    return start.startswith(core)


def set_apart(core_chars: int, block_chars: int, weighted_chars: int, own_box: bool) -> bool:
    """Whether the text opening the body that a description repeats is printed as a sapo: in
    bold/italic over (nearly) all of the repeated part, or as a paragraph in a box of its own
    (the running text's paragraphs share another). `weighted_chars` counts the opening block's
    bold or italic characters."""
    if own_box:
        return True
    return block_chars > 0 and weighted_chars >= 0.8 * min(core_chars, block_chars)
