"""Is a word one well-formed Vietnamese syllable? The yardstick every guess about a page's
bytes is measured with: the right decoding (archive/encoding.py) or font table
(archive/legacyfonts.py) turns a page's accented words into syllables, a wrong one into debris
("há»™i", "c¸c").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"

_TONE_MARKS = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook",
               "\u0323": "dot"}
_NUCLEI = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu", "uy", "oa", "oă", "oe", "oo", "uâ", "uê", "uơ", "iê", "yê", "uô", "ươ", "uyê", "uya", "uyu", "iêu", "yêu", "uôi", "ươi", "ươu", "oai", "oay", "oao", "oeo", "uây"]
_SYLLABLE_RE = re.compile(
    r"(?P<onset>ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    r"(?P<nucleus>" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + r")"
    r"(?P<coda>ch|nh|ng|[cmnpt])?"
)
# spelling rules: k, gh, ngh only before i e ê y; c, ng never before them (c + i is spelt ki)
_FRONT = ("i", "e", "ê", "y")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Is `word` one well-formed Vietnamese syllable (phonotactics, one tone, sane case)?

    This is the yardstick of every guess below: the right decoding of a Vietnamese page
    turns its accented words into syllables, a wrong one into debris ("há»™i", "c¸c").
    """
    word = unicodedata.normalize("NFC", word)
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    tones = [c for c in unicodedata.normalize("NFD", word) if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in _TONE_MARKS)
    ).lower()
    m = _SYLLABLE_RE.fullmatch(base)
    if not m:
        return False
    onset, front = m.group("onset"), m.group("nucleus").startswith(_FRONT)
    if (onset in ("k", "gh", "ngh") and not front) or (onset in ("c", "ng") and front):
        return False
    if m.group("coda") in ("c", "ch", "p", "t"):
        return bool(tones) and tones[0] in (ACUTE, DOT)  # stop finals: acute or dot below only
    return True
