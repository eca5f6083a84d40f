"""Fetched bytes → clean NFC text: the one place that owns decoding and text repair.

Why this is more than `bytes.decode`: Vietnamese provincial sites are old, rebuilt and
migrated many times, and their pages arrive in every shape such a history leaves behind:

* UTF-8 that is declared as something else, or windows-1258 / windows-1252 bytes declared as
  UTF-8 (the HTTP header and the `<meta>` often disagree, and either can be the wrong one);
* windows-1258, whose tone marks are *combining* characters (decoded, then composed to NFC);
* decomposed (NFD) text from Word, macOS or BBC-style CMSs, sometimes written as numeric
  entities (`a&#769;`), which an HTML parser decodes but never composes;
* double-encoded UTF-8 — UTF-8 bytes once read as Latin-1/windows-1252 and saved again
  ("Há»™i nghá»‹"; C1 control characters appear) — for a whole page or only part of it
  (a title, one article pasted from elsewhere);
* legacy 8-bit *font* encodings from before Unicode: TCVN3 (ABC, fonts `.VnTime`,
  `.VnArial`…) and VNI (`VNI-Times`…). The bytes are windows-1252 as far as any charset
  label is concerned; only the font made them Vietnamese ("Côm thi ®ua", "Cuïm thi ñua").
  They are detected and converted, or flagged when conversion would leave mojibake;
* invisible characters: non-breaking, zero-width spaces and soft hyphens inside words.

`decode_html` returns the text and a list of human-readable repairs. Entries that start with
`PROBLEM` ("undecodable: …") mean the page cannot be turned into clean text: the caller
keeps the raw page and records a failure instead of storing mojibake (see
`archive.ingest.extract_and_store`). Everything here is pure and cheap on clean pages: the
expensive steps (ftfy, per-word legacy conversion) run only when a cheap test finds a sign of
the damage they repair.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from w3lib.encoding import html_body_declared_encoding, resolve_encoding

from archive.legacyfonts import (
    TCVN3_TABLE,
    convert_legacy,
    convert_page,
    detect_legacy,
    detect_votes,
    has_any,
)
from archive.syllables import is_syllable

# Names other modules and the tests import from here, where decoding is owned.
__all__ = ["PROBLEM", "TCVN3_TABLE", "clean_text", "convert_legacy", "convert_page",
           "decode_bytes", "decode_html", "decode_problems", "detect_legacy",
           "fix_mojibake", "is_syllable"]

PROBLEM = "undecodable: "

# --------------------------------------------------------------------------- byte decoding

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    """Bytes a codec leaves undefined (0x81 in windows-1252…) become the Latin-1 character."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start:err.end].decode("latin-1"), err.end


def _fallback(codec: str) -> Callable[[UnicodeError], tuple[str, int]]:
    """Invalid UTF-8 bytes one by one through `codec`: a UTF-8 page with a few stray bytes."""

    def handler(err: UnicodeError) -> tuple[str, int]:
        if not isinstance(err, UnicodeDecodeError):
            raise err
        return err.object[err.start:err.end].decode(codec, errors="thidua-latin1"), err.end

    return handler


codecs.register_error("thidua-latin1", _latin1_fallback)
codecs.register_error("thidua-cp1258", _fallback("cp1258"))
codecs.register_error("thidua-cp1252", _fallback("cp1252"))


def _codec(name: str | None) -> str | None:
    """A declared charset name → a Python codec (WHATWG aliases: latin-1 means cp1252)."""
    if not name:
        return None
    resolved = resolve_encoding(name.strip().strip("\"'"))
    if not resolved:
        return None
    resolved = resolved.lower().replace("_", "-")
    if resolved in ("utf8", "utf-8"):
        return "utf-8"
    if resolved in ("latin-1", "iso8859-1", "iso-8859-1", "ascii", "us-ascii"):
        return "cp1252"
    return resolved


def decode_bytes(body: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Bytes → text, choosing the charset by what the bytes are, not only what they claim.

    Order: a BOM wins; bytes that are valid UTF-8 are UTF-8 whatever the labels say (a
    windows-125x page with Vietnamese text is never valid UTF-8 by accident); otherwise the
    candidates — the declared charsets, windows-1258, windows-1252, and UTF-8 with the stray
    bytes decoded one by one — are scored by how many of their words are Vietnamese
    syllables, ties going to what was declared.
    """
    if not body:
        return "", []
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(codec, errors="replace"), []
    header = _codec(declared)
    meta = _codec(html_body_declared_encoding(body[:4096]))
    unicode = _unicode_bytes(body, header, meta)
    if unicode is not None:
        return unicode
    # Not UTF-8. A legacy-font page is windows-1252 as far as labels go; keep its bytes
    # one-to-one so the font tables can convert them (see clean_text).
    probe = body.decode("cp1252", errors="thidua-latin1")
    if detect_legacy(probe):
        return probe, []
    return _best_reading(body, header, meta)


def _unicode_bytes(body: bytes, header: str | None, meta: str | None) -> tuple[str, list[str]] | None:
    """UTF-16 without a BOM (a label says so and the bytes hold zeros: ASCII is valid UTF-8
    too), or bytes that are valid UTF-8 (noted when a label said otherwise); None for neither."""
    wide = next((d for d in (header, meta) if d and d.startswith("utf-16")), None)
    if wide and b"\x00" in body[:512]:
        return body.decode(wide, errors="replace"), []
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    wrong = next((d for d in (header, meta) if d and d != "utf-8"), None)
    if wrong and not body.isascii():
        return text, [f"declared {_name(wrong)} but bytes are UTF-8"]
    return text, []


def _readings(body: bytes, header: str | None, meta: str | None) -> list[tuple[str, str]]:
    """(codec, text) for each way to read bytes that are not UTF-8: the declared charsets,
    windows-1258, windows-1252, and UTF-8 with the stray bytes read through either."""
    candidates: list[tuple[str, str]] = []
    for d in (header, meta):
        if d and d != "utf-8" and d not in (c for c, _ in candidates):
            try:
                candidates.append((d, body.decode(d, errors="thidua-latin1")))
            except LookupError:
                continue
    for codec in ("cp1258", "cp1252"):
        if codec not in (c for c, _ in candidates):
            candidates.append((codec, body.decode(codec, errors="thidua-latin1")))
    for codec in ("cp1258", "cp1252"):
        candidates.append((f"utf-8+{codec}", body.decode("utf-8", errors=f"thidua-{codec}")))
    return candidates


def _best_reading(body: bytes, header: str | None, meta: str | None) -> tuple[str, list[str]]:
    """The reading whose words are most Vietnamese (`_vi_score`), the earlier on a tie, and the
    repair that says what was chosen against what was declared."""
    candidates = _readings(body, header, meta)
    # a mostly-UTF-8 page with a few stray bytes should stay UTF-8 when the scores tie
    covered = sum(map(len, _UTF8_SEQ.findall(body)))
    stray = len(_HIGH.findall(body)) - covered
    if covered >= stray:
        candidates.sort(key=lambda c: not c[0].startswith("utf-8+"))
    scored = [(_vi_score(text), -i, codec, text) for i, (codec, text) in enumerate(candidates)]
    _, _, codec, text = max(scored)
    said = header or meta
    if codec.startswith("utf-8+"):
        return text, [f"invalid UTF-8 bytes ({stray}) decoded as {_name(codec[6:])}"]
    if not said:
        return text, [f"no charset declared; bytes read as {_name(codec)}"]
    if codec != said:
        return text, [f"declared {_name(said)} but bytes are {_name(codec)}"]
    return text, []


def _name(codec: str) -> str:
    return {"cp1258": "windows-1258", "cp1252": "windows-1252", "utf-8": "UTF-8"}.get(codec, codec)


# Valid multi-byte UTF-8 sequences, counted as bytes covered (roughly) by their lead byte.
_HIGH = re.compile(rb"[\x80-\xff]")
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _vi_score(text: str) -> int:
    """How Vietnamese a decoding looks: syllables with marks count up, non-words and � down."""
    sample = unicodedata.normalize("NFC", text[:300_000])  # windows-1258 marks are combining
    score = 0
    for m in _ACCENTED_WORD.finditer(sample):
        score += 1 if is_syllable(m.group()) else -1
    score -= 3 * (sample.count("\ufffd") + len(_C1.findall(sample)))
    return score


_ACCENTED_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")
_C1 = re.compile("[\x80-\x9f]")

# --------------------------------------------------------------------------- mojibake

# UTF-8 bytes read as Latin-1 or windows-1252 are these characters: a lead byte (Â…ô) and
# continuation bytes (0x80–0xBF as Latin-1, or the windows-1252 characters for 0x80–0x9F).
_CONT_CHARS = "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" \
              "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a" \
              "\u20ac\u2122"
_MOJIBAKE = re.compile(
    f"[\xc2-\xdf][{_CONT_CHARS}]|[\xe0-\xef][{_CONT_CHARS}]{{2}}|[\xf0-\xf4][{_CONT_CHARS}]{{3}}"
)
_CP1252_BYTE = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass
# What is left of mojibake that could not be undone (a byte lost to "?" or "�" on the way).
# ("Ã" + no-break space is also honest capitals, "XÃ\xa0": not counted.)
_RESIDUE = re.compile(f"á[»º][{_CONT_CHARS}\ufffd?]|Ã[\x80-\x9f\xa1-\xaa\xac-\xaf\xb1-\xb6\xb8-\xba"
                      f"\xbc-\xbf\ufffd?]|Ä[\u2018\x91\x90\ufffd?]|Æ[\xa1\xaf\xb0]")


def _to_bytes(chars: str) -> bytes | None:
    out = bytearray()
    for c in chars:
        o = ord(c)
        if o <= 0xFF:
            out.append(o)
        elif c in _CP1252_BYTE:
            out.append(_CP1252_BYTE[c])
        else:
            return None
    return bytes(out)


def _plausible(raw: bytes, char: str) -> bool:
    """Would Vietnamese (or its punctuation) double-encoded give these bytes?

    Honest text can spell a UTF-8 sequence by chance ("và" + two no-break spaces is E0 A0 A0,
    a Samaritan letter): only sequences decoding to what Vietnamese mojibake decodes to —
    Latin letters and marks, general punctuation, currency, the BOM — are undone.
    """
    o = ord(char)
    if len(raw) == 2:
        return 0x80 <= o <= 0x24F or o in (0x300, 0x301, 0x303, 0x309, 0x323)
    if len(raw) == 3:
        return 0x1E00 <= o <= 0x1EFF or 0x2000 <= o <= 0x2BFF or o in (0xFEFF, 0xFFFD)
    return 0x1F000 <= o <= 0x1FAFF  # emoji


def _undo(s: str) -> str | None:
    raw = _to_bytes(s)
    if raw is None:
        return None
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if _plausible(raw, fixed) else None


def _undo_sequence(m: re.Match[str]) -> str:
    return _undo(m.group()) or m.group()


# A two-byte sequence ending in a no-break space, « » ° or · is also honest upper-case
# Vietnamese ("XÃ\xa0", "LÊ»"): alone, it is not evidence of mojibake.
_WEAK_CONT = "\xa0«»°·"


def _strong(seqs: list[str]) -> int:
    return sum(1 for s in seqs if (len(s) > 2 or s[1] not in _WEAK_CONT) and _undo(s))


# Mojibake that lost a byte on the way: made through windows-1252 with errors="replace",
# bytes 0x81 0x8D 0x8F 0x90 0x9D (no windows-1252 character) became U+FFFD; saved through
# a Latin charset, every C1 byte (0x80–0x9F) became "?". Where one lost byte sits in a word,
# each byte it can have been is tried, and the word is repaired when exactly one choice makes
# it a Vietnamese syllable ("ThÆ°á»\ufffdng" → "Thường", "Há»?p" → "Họp"; "tr�ng" could be
# trọng or trờng and stays). What stays is counted by the caller.
_LOST = {"\ufffd": "\x81\x8d\x8f\x90\x9d", "?": "".join(map(chr, range(0x80, 0xA0)))}
_LOSSY_SPOT = re.compile("(?:á[»º]|[ÃÄ])([?\ufffd])")
_WORD_END = frozenset(" \t\r\n<>\"'=")
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@lru_cache(maxsize=4096)
def _resolve_lossy_word(word: str) -> str:
    spots = list(_LOSSY_SPOT.finditer(word))
    if len(spots) != 1:
        return word
    i = spots[0].start(1)
    fits = []
    for byte in _LOST[word[i]]:
        trial = word[:i] + byte + word[i + 1:]
        decoded = _MOJIBAKE.sub(_undo_sequence, trial)
        if is_syllable(_EDGES.sub("", decoded)):
            fits.append(trial)
    return fits[0] if len(fits) == 1 else word


def _resolve_lossy(text: str) -> str:
    out, last = [], 0
    for m in _LOSSY_SPOT.finditer(text):
        if m.start() < last:
            continue
        a, b = m.start(), m.end()
        while a > last and text[a - 1] not in _WORD_END:
            a -= 1
        while b < len(text) and text[b] not in _WORD_END:
            b += 1
        out += [text[last:a], _resolve_lossy_word(text[a:b])]
        last = b
    return "".join(out) + text[last:]


# Every strong sequence of Vietnamese mojibake contains one of these; honest lower-case
# Vietnamese none, so most pages stop at this scan
# (single characters: one-character substring tests are the fast ones)
_MOJI_QUICK = "ÃÄÅÆÂÌ»º\u20ac\u201a\u201e\x80\x82\x84ïŸ\x9f"


def fix_mojibake(text: str) -> tuple[str, int]:
    """Undo double-encoded UTF-8 in a whole text or in parts of it; (text, sequences fixed).

    A page that is mojibake through and through goes to ftfy (it also knows the quirks: a
    no-break space turned into a plain one, windows-1252 and Latin-1 mixed). What ftfy
    leaves — a title double-encoded inside an otherwise clean page — is undone sequence by
    sequence: each run of characters that spells a plausible UTF-8 sequence is decoded.
    Repeated (at most three times) for text that was double-encoded more than once. Text
    with no unambiguous sequence is returned untouched, so honest pages cost one regex scan.
    """
    if not has_any(text, _MOJI_QUICK):
        return text, 0
    found = _MOJIBAKE.findall(text)
    strong = _strong(found) if found else 0
    if not strong:
        return text, 0
    before = strong
    if "\ufffd" in text or "?" in text:
        text = _resolve_lossy(text)
    for _ in range(3):
        if strong >= 3:
            import ftfy

            text = ftfy.fix_encoding(text)
        text = _MOJIBAKE.sub(_undo_sequence, text)
        left = _strong(_MOJIBAKE.findall(text))
        if not left or left >= strong:
            strong = left
            break
        strong = left
    return text, max(before - strong, 0)


# --------------------------------------------------------------------------- text repair

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKUP = set("<>&\"'")
# str.translate with a dict is ~50x slower than a regex that finds nothing on a clean page
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACE_CHARS = "\u00a0\u2007\u202f"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_SPACES = re.compile(f"[{_SPACE_CHARS}]")
_C1_CHARS = [chr(c) for c in range(0x80, 0xA0)]


def _entity(m: re.Match[str]) -> str:
    s = m.group()
    ch = html.unescape(s)
    if ch == s or ch in _MARKUP or (len(ch) == 1 and ord(ch) < 0x20 and ch not in "\t\n"):
        return s  # unknown, markup-significant or a control character: the parser's business
    return ch


def clean_text(text: str) -> tuple[str, list[str]]:
    """Decoded text → clean NFC text, and the repairs made.

    Order matters: entities first (mojibake and decomposed marks also come entity-encoded);
    legacy fonts before mojibake repair (their bytes are not UTF-8 and must not be "fixed")
    and before soft hyphens go (0xAD is "ư" in TCVN3); NFC last, after every step that can
    produce combining marks.
    """
    repairs: list[str] = []
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    scheme = None
    if not text.isascii():
        # double-encoded UTF-8 is Latin-1 debris too: when it is plainly that, skip the
        # legacy-font vote (and its cost); when both could be, the stronger case wins
        moji = _strong(_MOJIBAKE.findall(text)) if has_any(text, _MOJI_QUICK) else 0
        if moji < 20:
            scheme, votes = detect_votes(text)
            if moji > votes:
                scheme = None
    if scheme:
        name = {"tcvn3": "TCVN3 (ABC, .VnTime)", "vni": "VNI (VNI-Times)"}[scheme]
        text, converted, bad = convert_page(text, scheme)
        if bad >= 3 and bad > 0.2 * converted:
            repairs.append(f"{PROBLEM}legacy font encoding {name} detected but {bad} of "
                           f"{converted} words did not convert to Vietnamese")
        else:
            repairs.append(f"legacy font encoding {name} converted to Unicode "
                           f"({converted} words)")
    else:
        text, n = fix_mojibake(text)
        if n:
            repairs.append(f"double-encoded UTF-8 repaired ({n} sequences)")
        residue = len(_RESIDUE.findall(text)) if n or "á»" in text or "áº" in text else 0
        if residue >= 3:
            repairs.append(f"{PROBLEM}{residue} double-encoded sequences could not be repaired "
                           "(bytes were lost before the page was saved)")
    lost = text.count("\ufffd")
    if lost:
        repairs.append(f"{lost} characters lost before the page reached us (shown as \ufffd)")
    c1 = _C1.findall(text) if has_any(text, _C1_CHARS) else []
    if c1:
        text = _C1.sub(lambda m: m.group().encode("latin-1").decode("cp1252", "ignore"), text)
        repairs.append(f"C1 control characters read as windows-1252 ({len(c1)})")
    if not text.isascii():
        if has_any(text, _INVISIBLE_CHARS):
            text = _INVISIBLE.sub("", text)
        if has_any(text, _SPACE_CHARS):
            text = _SPACES.sub(" ", text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
            repairs.append("decomposed tone marks composed (NFC)")
    return text, repairs


def decode_html(body: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Fetched bytes (+ the HTTP header's charset, if any) → (clean NFC HTML text, repairs).

    Entries of the repairs list starting with `PROBLEM` mean the text is not usable:
    see `decode_problems`.
    """
    text, repairs = decode_bytes(body, declared)
    text, more = clean_text(text)
    return text, repairs + more


def decode_problems(repairs: list[str]) -> list[str]:
    """The repairs that are really failures: the page must not be stored as an article."""
    return [r[len(PROBLEM):] for r in repairs if r.startswith(PROBLEM)]
