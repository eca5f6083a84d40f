"""Gazetteer of Vietnamese organisation kinds, their short forms, and the titles people hold
(the word lists are data: archive/lexicons/organisations.toml and people.toml).

Emulation news writes the same body three ways in one article ("Liên đoàn Lao động tỉnh",
"LĐLĐ tỉnh", "Liên đoàn Lao động Thanh Hoá"). Meetings extraction needs the kinds to know
where an organisation name starts (so a member list "A, B và C" splits at organisations, not
at every "và"), and the archive needs one canonical spelling so facets and joins do not split
one organisation in two. Titles and ranks tell a person's name from the role around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.lexicons import load
from archive.normalize import normalize_tone_marks


@dataclass(frozen=True)
class OrgKind:
    """One kind of organisation: canonical head words, the kind code, short forms."""

    kind: str
    canonical: str
    short_forms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


_ORGS = load("organisations")
_PEOPLE = load("people")
# Order matters for canonicalisation: longer heads first (done by sorting below).
ORG_KINDS: tuple[OrgKind, ...] = tuple(
    OrgKind(k["code"], k["canonical"], tuple(k.get("short", ())), tuple(k.get("aliases", ())))
    for k in _ORGS["kind"])
# Words that begin an organisation name. A member list is split at "và" only when what follows
# starts with one of these (so "Sở Giáo dục và Đào tạo" stays one organisation).
ORG_HEADS: tuple[str, ...] = tuple(dict.fromkeys([*_ORGS["heads"], *_ORGS["place_heads"]]))
# Heads that name their level and run straight into the place's name ("Huyện đoàn Na Hang").
PLACE_HEADS: tuple[str, ...] = tuple(_ORGS["place_heads"])
# Roles a person holds. Longest first when matching; "Phó" combines with most of them.
TITLES: tuple[str, ...] = tuple(_PEOPLE["titles"])
# Family names. A role written before a name ("Phó Chủ tịch UBND tỉnh Hà Nam Bùi Quang Chiến")
# runs into the name with nothing between them; the name is where a family name starts a run of
# two to four capitalised syllables.
SURNAMES: tuple[str, ...] = tuple(_PEOPLE["surnames"])
# Military / police ranks and honorifics written before a name ("Đại tá Đinh Văn Toản").
RANKS: tuple[str, ...] = tuple(_PEOPLE["ranks"])
HONORIFICS: tuple[str, ...] = tuple(_PEOPLE["honorifics"])
# Labels before a site's owner on a footer's copyright line ("Bản quyền thuộc về …").
OWNER_LABELS: tuple[str, ...] = tuple(_ORGS.get("owner_labels", ()))


def _phrase_re(phrases: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


TITLE_RE = re.compile(rf"(?:Phó\s+)?(?:{_phrase_re(TITLES)})", re.IGNORECASE)
RANK_RE = re.compile(rf"(?:{_phrase_re(RANKS)})")


def _short_form_table() -> list[tuple[re.Pattern[str], str]]:
    table = []
    for org in ORG_KINDS:
        for short in org.short_forms:
            # Short forms are whole tokens: "CĐ" must not fire inside "CĐCS" or "ĐHCĐ".
            table.append((re.compile(rf"(?<![\w&.-]){re.escape(short)}(?![\w&-])"), org.canonical))
    table.sort(key=lambda pair: len(pair[0].pattern), reverse=True)
    return table


_SHORT_FORMS = _short_form_table()
# Capitalisation is only imposed on multi-word kind names, where it is unambiguous.
_CANONICAL_CASE = tuple(
    (re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE), phrase)
    for phrase in sorted({o.canonical for o in ORG_KINDS if len(o.canonical.split()) >= 3},
                         key=len, reverse=True))
_DASHES = re.compile(r"\s*[–—−‑]\s*|\s+-\s*|\s*-\s+")
_SPACES = re.compile(r"\s+")


def normalise_dashes(text: str) -> str:
    """'Thi đua – Khen thưởng', 'Thi đua -Khen thưởng' → 'Thi đua - Khen thưởng'.

    Only dashes standing between words with a space on at least one side are rewritten, so
    compounds like 'VH-TT-DL' and 'CNVC-LĐ' keep their hyphens.
    """
    return _SPACES.sub(" ", _DASHES.sub(" - ", text)).strip()


def expand_abbreviations(text: str) -> str:
    """'LĐLĐ quận 8' → 'Liên đoàn Lao động quận 8', 'CAH Phú Xuyên' → 'Công an huyện Phú Xuyên'.

    Used to compare names written with and without short forms; the archive keeps names as
    written and adds the expanded form as the canonical one.
    """
    out = normalize_tone_marks(text)
    for pattern, canonical in _SHORT_FORMS:
        out = pattern.sub(canonical, out)
    return out


def _head_short_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Short forms whose expansion opens an organisation ('LĐLĐ', 'Hội LHPN', 'BCH'), anchored at
    the text's start, longest first: a field ('TT&TT') or a group of people ('CNLĐ') is no head."""
    pairs = {(s, o.canonical) for o in ORG_KINDS for s in o.short_forms
             if any(o.canonical.startswith(h) for h in ORG_HEADS)}
    return tuple((re.compile(rf"{re.escape(s)}(?![\w&-])"), full)
                 for s, full in sorted(pairs, key=lambda p: len(p[0]), reverse=True))


_HEAD_SHORT_FORMS = _head_short_forms()


def expand_head(name: str) -> str:
    """An organisation's name with the short forms that open it written out: 'LĐLĐ tỉnh X' →
    'Liên đoàn Lao động tỉnh X', 'BCH LĐLĐ tỉnh X' → 'Ban Chấp hành Liên đoàn Lao động tỉnh X'.

    Only the head: a short form further in may mean something else ('Trường CĐ Y tế' is a
    college, not a union), and a name is what a site calls itself, not a canonical key."""
    out, pos = normalize_tone_marks(name.strip()), 0
    while True:
        rest = out[pos:]
        hit = next(((m, full) for rx, full in _HEAD_SHORT_FORMS if (m := rx.match(rest))), None)
        if not hit:
            return out
        out = out[:pos] + hit[1] + rest[hit[0].end():]
        pos += len(hit[1])
        pos += len(out[pos:]) - len(out[pos:].lstrip())


@lru_cache(maxsize=16384)
def canonical_org(name: str) -> str:
    """One spelling per organisation: short forms expanded, tone marks and dashes normalised,
    known kinds in their usual capitalisation ('Hội Liên hiệp phụ nữ' → 'Hội Liên hiệp Phụ nữ').

    Cached: a cluster's summary and every member list ask for the same few names again and again.
    """
    out = normalise_dashes(expand_abbreviations(name.strip(" ,;.:")))
    for pattern, phrase in _CANONICAL_CASE:
        out = pattern.sub(phrase, out)
    return out[:1].upper() + out[1:]


@lru_cache(maxsize=16384)
def org_kind(name: str) -> str | None:
    """Kind code ('ldld', 'mttq', …) of an organisation name, or None when unknown.

    Cached, as canonical_org is: every stored meeting asks it of each member, and a cluster's
    members are the same few names in every report."""
    expanded = expand_abbreviations(name).lower()
    best: tuple[int, str] | None = None
    for org in ORG_KINDS:
        for head in (org.canonical, *org.aliases):
            pos = expanded.find(head.lower())
            if pos >= 0 and (best is None or pos < best[0] or (pos == best[0] and org.kind != "other")):
                best = (pos, org.kind)
    return best[1] if best else None


def _short_heads() -> tuple[str, ...]:
    """Short forms that stand for an organisation ('CAQ' = 'Công an quận', 'CĐCS', 'HĐND').

    A short form counts as a head when its expansion starts like an organisation name, so
    'CAQ Đống Đa' or 'CAH Thanh Trì' is an organisation as much as 'Công an quận Đống Đa' —
    police clusters write their members and hosts that way — while 'CNLĐ' (workers) or
    'TT&TT' (a field) are not.
    """
    heads = []
    for org in ORG_KINDS:
        if any(org.canonical.startswith(h) for h in ORG_HEADS):
            heads.extend(s for s in org.short_forms if s not in ORG_HEADS)
    return tuple(sorted(set(heads), key=len, reverse=True))


_ALL_HEADS = ORG_HEADS + _short_heads()


def _by_first(heads: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The heads grouped by their first character, in their order."""
    groups: dict[str, tuple[str, ...]] = {}
    for head in heads:
        groups[head[:1]] = (*groups.get(head[:1], ()), head)
    return groups


# A text can only start with a head that starts with its own first character (an empty head, if
# a lexicon ever held one, starts every text): `starts_with_org_head` asks the ≤ 27 heads of one
# letter, not all 170, and answers the same.
_HEADS_BY_FIRST = _by_first(_ALL_HEADS)
_HEADS_EVERYWHERE = _HEADS_BY_FIRST.pop("", ())
# Words that open like an organisation but are none: a hall, society, a conference, a member.
_NOT_ORG = re.compile("(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _ORGS["not_organisations"]) + r")\b")


# A company's unit named after the company ("Agribank Chi nhánh tỉnh Kiên Giang", "BIDV Chi nhánh
# Kiên Giang"): a name of one or two capitalised words, then a branch word (organisations.toml).
_BRANCH = re.compile(r"^[A-ZĐ]\S*(?:\s+[A-ZĐ]\S*)?\s+(?:" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in _ORGS["branch_words"]) + r")\b")


def names_a_branch(text: str) -> bool:
    """Whether `text` begins with a company's branch ('VietinBank Chi nhánh Kiên Giang')."""
    return bool(_BRANCH.match(text.lstrip()))


_PROVINCE_UNIT = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _ORGS["province_units"]) + r")\s")


def names_a_province_unit(text: str) -> bool:
    """Whether `text` begins with a company's or sector's name that, with a province after it, names
    the unit in that province ('Viễn thông Bình Định', 'Viettel Bình Định'; organisations.toml)."""
    return bool(_PROVINCE_UNIT.match(text.lstrip()))


def starts_with_org_head(text: str) -> bool:
    """Whether `text` begins like an organisation name ('Hội Nông dân', 'huyện Hà Trung',
    'CAQ Đống Đa')."""
    text = text.lstrip()
    if _NOT_ORG.match(text):
        return False
    for head in _HEADS_BY_FIRST.get(text[:1], ()) + _HEADS_EVERYWHERE:
        if text.startswith(head) and (len(text) == len(head) or not text[len(head)].isalnum()):
            return True
    return False


# Place words after which every word of a name is capitalised ('tỉnh Sóc Trăng', 'thành phố Cần
# Thơ', 'huyện Phong Điền tỉnh Thừa Thiên Huế'); the place words themselves stay lower case.
_PLACE_WORDS = r"(?:tỉnh|thành phố|thị xã|thị trấn|huyện|quận|xã|phường|tp\.?)"
_PLACE_RUN = re.compile(rf"(?<!\w)({_PLACE_WORDS})(\s+)([^-–—|,.;:()/\\]+)")
_PLACE_WORD = re.compile(rf"(?<!\w){_PLACE_WORDS}(?!\w)|\S+")
# Short forms written in capitals inside a shouted name ('UBND TỈNH …', 'LĐLĐ HUYỆN …') keep them.
_CAPITAL_FORMS = frozenset(s for org in ORG_KINDS for s in (*org.short_forms, org.canonical)
                           if s.isupper()) | frozenset(h for h in _ALL_HEADS if h.isupper())


def _shouted(text: str) -> bool:
    """All capitals ('BAN THI ĐUA - KHEN THƯỞNG TỈNH X') or every word capitalised ('Hội Nông
    Dân Tỉnh X', four words or more): a banner's styling, not the name's spelling."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return False
    if sum(c.isupper() for c in letters) >= 0.9 * len(letters):
        return True
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def restore_case(text: str) -> str:
    """A banner's upper-case (or title-case) organisation name in its usual spelling: 'BAN THI
    ĐUA - KHEN THƯỞNG TỈNH SÓC TRĂNG' → 'Ban Thi đua - Khen thưởng tỉnh Sóc Trăng'.

    Portal templates print the organisation in capitals in the banner and footer; compared as
    written, no organisation head ('Ban', 'Hội', 'Liên đoàn') matches it, and a registry name in
    capitals is not how the body writes itself. Kinds of the gazetteer take their canonical case,
    place names their capitals, known short forms ('UBND', 'LĐLĐ') stay; other text is unchanged.
    """
    if not _shouted(text):
        return text
    words = [w if w in _CAPITAL_FORMS else w.lower() for w in text.split()]
    out = " ".join(words)

    def place(m: re.Match[str]) -> str:
        rest = _PLACE_WORD.sub(lambda w: w.group(0) if re.fullmatch(_PLACE_WORDS, w.group(0))
                               else w.group(0)[:1].upper() + w.group(0)[1:], m.group(3))
        return m.group(1) + m.group(2) + rest

    out = _PLACE_RUN.sub(place, out)
    out = re.sub(r"(?<!\w)việt nam(?!\w)", "Việt Nam", out)
    for pattern, phrase in _CANONICAL_CASE:
        out = pattern.sub(phrase, out)
    return out[:1].upper() + out[1:]
