"""Vietnamese in the 8-bit font encodings from before Unicode — TCVN3 (ABC: `.VnTime`,
`.VnArial`…) and VNI (`VNI-Times`…) — found and converted. Their bytes are windows-1252 as far as
any charset label goes; only the font made them Vietnamese ("Côm thi ®ua", "Cuïm thi ñua"), so
a page is judged by whether its words become syllables once converted (`detect_legacy`), and
converted stretch by stretch (`convert_page`), a Unicode template around a pasted legacy
article left as it is. archive/encoding.py decides when to ask.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from archive.syllables import ACUTE, DOT, GRAVE, HOOK, TILDE, is_syllable

# TCVN 5712:1993, VN3 (the "ABC" fonts .VnTime, .VnArial…): byte → character. VN3 has the
# lower-case letters and seven bare capitals; capitals with tones come from the same bytes in
# the ".VnTimeH" style fonts, which is why those spans are upper-cased below. Byte 0xAD (a
# soft hyphen to any charset label) is "ư", so soft hyphens are removed only after this.
# Positions VN1 uses for capitals with tones (0xC0…) and for combining marks (0xB0…, the
# degree sign in windows-1252) are not VN3 and are left alone.
_TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
TCVN3_TABLE: dict[str, str] = {chr(b): u for b, u in _TCVN3.items()}
_TCVN3_TRANS = str.maketrans(TCVN3_TABLE)

# VNI (VNI-Times, VNI-Helve…): a base letter followed by a mark byte; a few letters are one
# byte of their own. Lower-case mark bytes follow lower-case letters, upper-case ones (the
# same byte minus 0x20) capitals; either case of mark is accepted after either case of base.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = ACUTE, GRAVE, HOOK, TILDE, DOT
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRC = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_SINGLE = {
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "ñ": "đ", "ô": "ơ", "ö": "ư",
}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    pairs: dict[str, str] = {}

    def add(base: str, mark: str, hat: str, tone: str) -> None:
        for b, m in ((base, mark), (base.upper(), mark.upper()), (base.upper(), mark),
                     (base, mark.upper())):
            composed = unicodedata.normalize("NFC", _VNI_BASE.get(b.lower(), b.lower()) + hat + tone)
            pairs[b + m] = composed.upper() if b.isupper() else composed

    for base in "aeouyôö":
        for mark, tone in _VNI_TONES.items():
            add(base, mark, "", tone)
    for base in "aeo":
        for mark, tone in _VNI_CIRC.items():
            add(base, mark, _CIRC, tone)
    for mark, tone in _VNI_BREVE.items():
        add("a", mark, _BREVE, tone)
    singles = dict(_VNI_SINGLE)
    singles.update({k.upper(): v.upper() for k, v in _VNI_SINGLE.items()})
    return pairs, singles


_VNI_BASE = {"ô": "o" + _HORN, "ö": "u" + _HORN}
VNI_PAIRS, VNI_SINGLES = _vni_tables()
_VNI_MARKS = "".join(sorted({p[1] for p in VNI_PAIRS}))
_VNI_RE = re.compile(
    "[aeouyôöAEOUYÔÖ][" + _VNI_MARKS + "]|[" + "".join(VNI_SINGLES) + "]"
)


def _vni_sub(m: re.Match[str]) -> str:
    s = m.group()
    return VNI_PAIRS.get(s) or VNI_SINGLES.get(s[0], s[0]) + (s[1:] and _vni_one(s[1]))


def _vni_one(ch: str) -> str:
    return VNI_SINGLES.get(ch, ch)


def convert_legacy(text: str, scheme: str) -> str:
    """Text in a legacy font encoding (as read through windows-1252) → Unicode, NFC.

    Every character the table knows is converted, whatever else is around it: the caller
    (`clean_text`) decides which stretches of a page are legacy and which are Unicode.
    """
    if scheme == "tcvn3":
        out = text.translate(_TCVN3_TRANS)
    elif scheme == "vni":
        out = _VNI_RE.sub(_vni_sub, text)
    else:
        raise ValueError(f"unknown legacy encoding {scheme!r} (expected 'tcvn3' or 'vni')")
    return unicodedata.normalize("NFC", out)


# Words made only of ASCII letters and windows-1252 upper-half characters, with at least one
# of the latter: the only words a legacy font can have produced.
_CANDIDATE = re.compile(r"(?<![^\W\d_])[A-Za-z\xa1-\xff]*[\xa1-\xff][A-Za-z\xa1-\xff]*(?![^\W\d_])")
_TCVN3_HINT = re.compile(r"""(?:face|font-family)\s*[=:]\s*["']?[^"'>;]*\.Vn[A-Z]""", re.IGNORECASE)
_VNI_HINT = re.compile(r"""(?:face|font-family)\s*[=:]\s*["']?[^"'>;]*VNI[- ]?[A-Z]""", re.IGNORECASE)
_MAX_CANDIDATES = 6000
_HINT_WORD = {"tcvn3": (".Vn", ".VN", ".vn"), "vni": ("VNI", "Vni", "vni")}
# Characters only a legacy font puts into running text: TCVN3 letters that windows-1252 shows
# as symbols or as letters Vietnamese has not (¸ á, µ à, ¹ ạ, ¶ ả, ¬ ơ, ® đ, Þ ị, æ ổ, ø ứ…),
# VNI mark bytes (ø ï û å ä ë ü) and letters (ñ đ, ö ư). An honest Vietnamese page has none
# of them, so without one (or a font name) the word-by-word vote is skipped.
_TRIGGER = {"tcvn3": "¡¢£¤¥¦§¨ª¬®µ¶¸¹Þæø÷", "vni": "øïûåäëüñöØÏÛÅÄËÜÑÖ"}


def has_any(text: str, needles: Iterable[str]) -> bool:
    """Substring tests: ~50x faster than a regex character class over a big page."""
    return any(n in text for n in needles)


@lru_cache(maxsize=65536)
def _converts(word: str, scheme: str) -> bool:
    """Is the word a Vietnamese syllable once converted from the legacy encoding?"""
    return is_syllable(convert_legacy(word, scheme))


@lru_cache(maxsize=65536)
def _vote(word: str, scheme: str) -> int:
    """+1: the word is debris as is but a syllable once converted; -1: the reverse; 0: either."""
    return int(_converts(word, scheme)) - int(is_syllable(word))


def _tally(text: str, scheme: str) -> tuple[int, int, int]:
    legacy = unicode = n = 0
    for m in _CANDIDATE.finditer(text):
        v = _vote(m.group(), scheme)
        legacy += v > 0
        unicode += v < 0
        n += 1
        if n >= _MAX_CANDIDATES or (n >= 2000 and legacy * 100 < n):
            break  # enough evidence either way; keeps a big Unicode page cheap
    return legacy, unicode, n


def detect_legacy(text: str) -> str | None:
    """"tcvn3" or "vni" when `text` is Vietnamese in a legacy font encoding (see `detect_votes`)."""
    return detect_votes(text)[0]


def detect_votes(text: str) -> tuple[str | None, int]:
    """The legacy font encoding of `text` (HTML or plain) and the words that voted for it.

    Each candidate word votes: legacy when it is debris as written but a Vietnamese
    syllable once converted ("c¸c" → "các", "Cuïm" → "Cụm"), Unicode when the reverse
    ("và" has no TCVN3 reading). Unicode Vietnamese, French or English text gives few legacy
    votes and many Unicode ones, so it never fires; a font name in the page (`.VnTime`,
    `VNI-Times`) lowers the bar, since then even a short title is worth converting.
    """
    best: tuple[int, str] | None = None
    latin_only: str | None = None
    for scheme, hint in (("tcvn3", _TCVN3_HINT), ("vni", _VNI_HINT)):
        hinted = has_any(text, _HINT_WORD[scheme]) and bool(hint.search(text))
        if not hinted and not has_any(text, _TRIGGER[scheme]):
            continue  # the common case: an honest page, settled by one scan
        need, share = (1, 0.15) if hinted else (3, 0.3)
        legacy, unicode, n = _tally(text, scheme)
        if legacy >= need and not (legacy >= 2 * unicode and legacy >= share * n):
            # inconclusive: a Unicode template around a legacy article? Count again without
            # the stretches that hold letters no legacy font produces (ộ, ư, đ…)
            if latin_only is None:
                latin_only = "\n".join(p for p in _TAG_SPLIT.split(text) if not _unicode_only(p))
            legacy, unicode, n = _tally(latin_only, scheme)
        decided = legacy >= need and legacy >= 2 * unicode and legacy >= share * n
        if decided and (best is None or legacy > best[0]):
            best = (legacy, scheme)
    return (best[1], best[0]) if best else (None, 0)


# windows-1252 has a few letters beyond Latin-1 (Œ š Ÿ…): a legacy page can contain them
_CP1252_LETTERS = frozenset("ŒœŠšŸŽžƒˆ˜")


def _unicode_only(part: str) -> bool:
    """Does this stretch hold letters only Unicode text has (so it cannot be legacy-font)?"""
    return any(ord(c) > 0xFF and c not in _CP1252_LETTERS and c.isalpha() for c in part)


_TAG_SPLIT = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_H_FONT = re.compile(
    r"""<(?P<tag>font|span|p|div|td|h[1-6]|b|strong)\b[^>]*(?:face|font-family)\s*[=:]\s*"""
    r"""["']?[^"'>;]*\.Vn\w*H\b[^>]*>(?P<inner>.*?)</(?P=tag)\s*>""",
    re.IGNORECASE | re.DOTALL,
)


def _upper_h_font(m: re.Match[str]) -> str:
    """Text set in a ".VnTimeH"-style font is capitals: the font drew the lower-case bytes so."""
    whole, a, b = m.group(0), m.start("inner") - m.start(), m.end("inner") - m.start()
    parts = _TAG_SPLIT.split(whole[a:b])
    inner = "".join(p if i % 2 else p.upper() for i, p in enumerate(parts))
    return whole[:a] + inner + whole[b:]


def convert_page(text: str, scheme: str) -> tuple[str, int, int]:
    """Convert the legacy stretches of a page; leave its Unicode stretches alone.

    A page can mix both (a Unicode template around an article pasted in TCVN3). Each text
    node and each tag with non-ASCII attributes is decided on its own: converted unless it
    holds characters no legacy font produces (ộ, ư…) or its words vote Unicode. Returns the
    text, the number of candidate words converted and how many of them are still not
    Vietnamese syllables (the caller flags the page when too many are).
    """
    out: list[str] = []
    converted = bad = 0
    parts = _TAG_SPLIT.split(text)
    unicode_parts = {i for i, p in enumerate(parts) if not p.isascii() and _unicode_only(p)}
    for i, part in enumerate(parts):
        if i in unicode_parts or part.isascii() or part.startswith("<!--") \
                or not _CANDIDATE.search(part):
            out.append(part)
            continue
        words = _CANDIDATE.findall(part)
        votes = [_vote(w, scheme) for w in words]
        legacy, unicode = sum(v > 0 for v in votes), sum(v < 0 for v in votes)
        # On a page that also has Unicode stretches (a template around a pasted article) a
        # stretch whose words read either way ("Các tin khác") stays as written; on an
        # all-legacy page it is legacy like the rest.
        if legacy < unicode or (unicode_parts and legacy <= unicode):
            out.append(part)
            continue
        converted += len(words)
        bad += sum(not _converts(w, scheme) for w in words)
        out.append(convert_legacy(part, scheme))
    page = "".join(out)
    if scheme == "tcvn3" and ".vn" in page.lower():
        page = _H_FONT.sub(_upper_h_font, page)
    return page, converted, bad
