"""Metamorphic tests of meeting extraction: label-preserving rewrites must not change the scores.

Every own labelled set (tests/fixtures/meetings/{corpus,blind,blind2,blind3,blind4}) scores
about 100 % because the rules were fixed on it; the hidden real set judges the project, so the
risk is a rule that depends on a surface detail of how our fixtures happen to be written. Each
test below rewrites every labelled text in a way that keeps its meaning — other person names,
other provinces of the same kind, another date notation, another (or no) outlet prefix, NFD
text, hyphens for en dashes, one run-on body line or one paragraph per sentence, another
attendance phrase, the other tone-mark placement, straight quotes, no-break spaces, a dash
instead of a comma before an attendee's title, 'đồng chí' for 'ông/bà', short forms written in
full ('LĐLĐ' → 'Liên đoàn Lao động'), other districts of the same city, an unrelated trailing
paragraph, a headline in capitals, the sapo moved into the body (the 2025 layout), and two
compounds of several at once — updates the
labels where the rewrite predicts a change (names, provinces), and asserts that the per-field
verdicts of scripts/eval_meetings.py's `score` (and its extra-row counts) are exactly those of
the original text, and that hard negatives stay negative. "Unchanged" is measured with the
eval's own code (`split_item`, `score`, `score_extra_rows`), imported, not re-implemented.

Rewrites that really change meaning are not used: swapping a city while a district of it stays
(the extractor rightly infers the city from 'Huyện ủy Sóc Sơn', so the text would name two
places), a province only written as an abbreviation ('TPHCM', 'CATP'), "Hồ Chí Minh" without
its city word (alone it is the President's name), and a dash between the people of a role-first
list ('Phó Chủ tịch UBND tỉnh A, Giám đốc Sở B': a dash after A would make the next role his).

Brittle rules these rewrites found (fixed in archive/meetings.py v9, see test_fixed_brittle_rules):
a date in words read as a period ('Ngày 9 tháng 10' → '9 tháng', '19 tháng 6' → '9 tháng', 'ngày
18 tháng 4 năm 2017' → 'năm 2017'); old tone placement ('toạ đàm', 'Toà án') missed by rules
written in the new one; 'LĐLĐ thành phố Hồ Chí Minh' after a role read as a person (v9). Member
lists after a body named in full ('gồm Liên đoàn Lao động 6 tỉnh: …', 'gồm Hội Liên hiệp Phụ nữ
các huyện A, B và C') not read as they were after its short form; the district 'Hai Bà Trưng'
read as the honorific 'Bà' + a name ('Trưng Phạm Minh Đức'), and a three-syllable district
lending its last syllable to the role-first name after it (v10). The outlet prefix 'CAND -'
written in full is not a rewrite a real text makes, so `full_names` leaves the prefix alone. A
day in a headline in capitals ('SÁNG 10/7, …') was not read (v11). Moving the publication time
is left out: it changes what 'Sáng nay' means.

Random choices (replacement names and provinces, and the quarter of the hard negatives each
rewrite is tried on) use a fixed seed per rewrite and item, so a failure is reproducible; the
whole file runs in a few seconds.
"""

from __future__ import annotations

import copy
import functools
import json
import random
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import load_script

from archive.meetings import city_districts, city_of_district, extract_meetings
from archive.meetings.provinces import province_of_locality
from archive.organisations import expand_abbreviations
from archive.places import former_provinces

EVAL = load_script("eval_meetings")
FIXTURES = Path(__file__).parent / "fixtures" / "meetings"
SETS = ("corpus", "blind", "blind2", "blind3", "blind4")

Parts = dict[str, Any]
Gold = dict[str, Any]
# A rewrite: (parts, gold, rng) -> (parts, gold), or None when it does not apply to the item.
Rewrite = Callable[[Parts, Gold, random.Random], "tuple[Parts, Gold] | None"]


def _items() -> list[tuple[str, Gold, Parts]]:
    items = []
    for name in SETS:
        directory = FIXTURES / name
        for line in EVAL.labels_path(directory).read_text("utf-8").splitlines():
            if not line.strip():
                continue
            gold = json.loads(line)
            if gold.get("kind") != "text":
                continue
            parts = EVAL.split_item((directory / gold["file"]).read_text("utf-8"))
            items.append((f"{name}/{gold['file']}", gold, parts))
    return items


ITEMS = _items()


def _verdict(parts: Parts, gold: Gold) -> dict[str, Any]:
    rows = extract_meetings(parts["title"], parts["body"], lead=parts["lead"], published=parts["published"])
    if not gold.get("is_meeting"):
        return {"detected": bool(rows)}
    return {"detected": bool(rows), **EVAL.score(rows, gold), "extra": EVAL.score_extra_rows(rows, gold)}


BASELINE = {key: _verdict(parts, gold) for key, gold, parts in ITEMS}


def _text_fields(parts: Parts, fn: Callable[[str], str]) -> Parts:
    out = dict(parts)
    for key in ("title", "lead", "body"):
        if out.get(key):
            out[key] = fn(out[key])
    return out


def _gold_strings(value: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [_gold_strings(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in ("id", "file", "kind", "published", "meeting_kind", "meeting_kinds") else _gold_strings(v, fn))
                for k, v in value.items()}
    return value


def _whole(parts: Parts) -> str:
    return "\n".join(parts.get(k) or "" for k in ("title", "lead", "body"))


# --- rewrites ------------------------------------------------------------------------------

_SURNAMES = ("Nguyễn", "Trần", "Phạm", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Trịnh")
_MIDDLE = ("Văn", "Thị", "Minh", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân", "Kim")
_GIVEN = ("Khoa", "Tùng", "Hạnh", "Phương", "Trung", "Hiền", "Quyết", "Tuấn", "Dũng", "Thảo", "Nhung",
          "Lực")


def swap_person_names(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """Every labelled attendee gets another Vietnamese name of three or four syllables (not
    necessarily as many as before), in the text and in the labels alike; names the text does
    not print verbatim are left alone. Two-syllable names are not drawn: role-first after a
    one-word office ('Tổng cục trưởng Tổng cục Thuế Lý Tuấn') the extractor reads them as part
    of the office, the deliberate price of keeping 'Giám đốc Sở Công Thương' nameless."""
    text = _whole(parts)
    used = set(re.findall(r"\w+", text))
    mapping: dict[str, str] = {}
    for person in gold.get("attendees") or []:
        name = person.get("name") or ""
        if len(name.split()) < 2 or name not in text or name in mapping:
            continue
        n = rng.choice((3, 3, 4))
        for _ in range(50):
            new = [rng.choice(_SURNAMES), *(rng.choice(_MIDDLE) for _ in range(n - 2)), rng.choice(_GIVEN)]
            candidate = " ".join(new)
            if not used & set(new) and candidate not in mapping.values():
                mapping[name] = candidate
                break
    if not mapping:
        return None
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))

    def fn(s: str) -> str:
        return pattern.sub(lambda m: mapping[m.group(0)], s)

    return _text_fields(parts, fn), _gold_strings(gold, fn)


_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}


def _province_names() -> list[str]:
    names = (re.sub(r"^TP\.\s*", "", p) for p in former_provinces())
    return [p for p in names if p not in _CITIES and "Huế" not in p]


@functools.cache
def _norm(name: str) -> str:
    return EVAL.norm(name)


def swap_provinces(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """Each labelled province printed verbatim becomes a province of the same kind (a city run
    by the centre for a city, a province for a province) that the text does not mention.

    Not applied when the text also names a district that belongs to one province ('Huyện ủy Sóc
    Sơn', 'CAQ Ba Đình', 'UBND huyện Mèo Vạc'): the extractor rightly infers the province from
    it (archive/localities.py), so swapping the province alone makes the text name two places.
    Huế is left out (its 'Thừa Thiên - Huế' spellings)."""
    text = _whole(parts)
    if city_of_district(text) or province_of_locality(text):
        return None
    labelled = [p for p in gold.get("provinces") or [] if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]
    if not labelled or len(labelled) != len(gold.get("provinces") or []) or any("Huế" in p for p in labelled):
        return None  # a province written only as an abbreviation ('TPHCM') stays: skip the item
    folded_text = EVAL.norm(text)
    mapping: dict[str, str] = {}
    for name in labelled:
        pool = sorted(_CITIES) if name in _CITIES else _province_names()
        if re.search(rf"(?<!phố )(?<!TP )(?<!TP\. )(?<!TP\.){re.escape(name)}", text):
            # written without its city word ('CĐ ngành Giáo dục Hà Nội'): there "Hồ Chí Minh"
            # reads as the President's name, as the extractor rightly takes it
            pool = [p for p in pool if p != "Hồ Chí Minh"]
        pool = [p for p in pool if _norm(p) not in folded_text and p not in mapping.values()
                and not any(w in text for w in p.split())]
        if not pool:
            return None
        mapping[name] = rng.choice(pool)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(k)}(?!\w)" for k in sorted(mapping, key=len, reverse=True)))

    def fn(s: str) -> str:
        return pattern.sub(lambda m: mapping[m.group(0)], s)

    return _text_fields(parts, fn), _gold_strings(gold, fn)


_DAY_MONTH = re.compile(r"\b((?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Nn]gày) (?:nay )?)(\d{1,2})([-/.])(\d{1,2})(?:\3(\d{4}))?\b")


def _date_rewrite(style: str) -> Rewrite:
    def rewrite(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
        """'Sáng 27-3' ↔ 'Sáng 27/3' ↔ 'Sáng ngày 27 tháng 3' (year kept in the same notation)."""
        def fn(s: str) -> str:
            def sub(m: re.Match[str]) -> str:
                when, d, _sep, mo, y = m.groups()
                if style == "words":
                    lead = "" if when.lower().startswith("ngày") else "ngày "
                    return f"{when}{lead}{d} tháng {mo}" + (f" năm {y}" if y else "")
                sep = "/" if style == "slash" else "-"
                return f"{when}{d}{sep}{mo}" + (f"{sep}{y}" if y else "")
            return _DAY_MONTH.sub(sub, s)

        new = _text_fields(parts, fn)
        return (new, gold) if new != parts else None

    rewrite.__name__ = f"date_{style}"
    return rewrite


_PREFIX = re.compile(r"^\s*(?:\([^)]{1,30}\)\s*\.?\s*[-–—]*|[A-ZĐ]{2,}[\w.]{0,12}\s*[-–—]+)\s*")


def _outlet_rewrite(prefix: str) -> Rewrite:
    def rewrite(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
        """The first paragraph's outlet prefix replaced ('ANTĐ - ', '(SGGP) – ') or removed."""
        key = "lead" if parts.get("lead") else "body"
        first = parts[key]
        new = dict(parts)
        new[key] = prefix + _PREFIX.sub("", first, count=1)
        return new, gold

    rewrite.__name__ = f"outlet_{prefix.strip() or 'none'}"
    return rewrite


def nfd(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """Decomposed text (as some CMSs and copy-pastes on macOS store it)."""
    return _text_fields(parts, lambda s: unicodedata.normalize("NFD", s)), gold


def hyphens(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """En/em dashes typed as hyphens."""
    return _text_fields(parts, lambda s: s.replace("–", "-").replace("—", "-")), gold


def run_on(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """The body's paragraphs glued into one line with a space (the 2013 crawl's shape)."""
    if "\n" not in (parts.get("body") or ""):
        return None
    return {**parts, "body": re.sub(r"\s*\n+\s*", " ", parts["body"])}, gold


def paragraph_per_sentence(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """Each body sentence its own paragraph (a 2020s CMS's shape)."""
    body = re.sub(r"(?<=[a-zà-ỹđ0-9)”\"][.!?]) +(?=[A-ZĐÀ-Ỹ“\"])", "\n\n", parts.get("body") or "")
    return ({**parts, "body": body}, gold) if body != parts.get("body") else None


_ATTEND = re.compile(r"\b(?:Đến dự|Về dự|Tham dự hội nghị|Dự hội nghị|Tham dự)(?= có\b)")


def _attend_rewrite(phrase: str) -> Rewrite:
    def rewrite(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
        """'Đến dự có đồng chí' ↔ 'Tham dự hội nghị có đồng chí' ↔ 'Dự hội nghị có'."""
        new = _text_fields(parts, lambda s: _ATTEND.sub(phrase, s))
        return (new, gold) if new != parts else None

    rewrite.__name__ = f"attend_{phrase}"
    return rewrite


_OLD_TO_NEW = {"oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oé": "óe", "oè": "òe",
               "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_NEW_TO_OLD = {v: k for k, v in _OLD_TO_NEW.items()}


def _tone_swap(s: str) -> str:
    """hoá ↔ hóa, uỷ ↔ ủy — only at a syllable's end and not after 'q' ('quý' is the same in both);
    the case of each letter is kept ('Uỷ' ↔ 'Ủy')."""
    table = {**_OLD_TO_NEW, **_NEW_TO_OLD}
    pattern = re.compile(rf"(?<![qQ])({'|'.join(table)})(?!\w)", re.IGNORECASE)

    def sub(m: re.Match[str]) -> str:
        swapped = table[m.group(1).lower()]
        return "".join(c.upper() if o.isupper() else c for o, c in zip(m.group(1), swapped))

    return pattern.sub(sub, unicodedata.normalize("NFC", s))


def tone_marks(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """The other tone-mark placement everywhere (old 'hoá, uỷ' ↔ new 'hóa, ủy'), labels too."""
    new = _text_fields(parts, _tone_swap)
    return (new, _gold_strings(gold, _tone_swap)) if new != parts else None


_TRAILERS = (
    "Dự báo những ngày tới, khu vực có mưa rào và dông rải rác, nhiệt độ cao nhất 33 độ C.",
    "Xem thêm: Giá xăng dầu hôm nay đồng loạt giảm từ 15 giờ chiều.",
)


def trailing_paragraph(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """An unrelated paragraph after the report (a weather line, a related-news link)."""
    return {**parts, "body": (parts.get("body") or "") + "\n\n" + rng.choice(_TRAILERS)}, gold


def straight_quotes(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """Typographic quotes typed as straight ones ('“Vì an ninh Tổ quốc”' → '"Vì an ninh Tổ quốc"')."""
    def fn(s: str) -> str:
        return s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")

    new = _text_fields(parts, fn)
    return (new, _gold_strings(gold, fn)) if new != parts else None


def no_break_spaces(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """No-break spaces after the day and the honorific (what an HTML '&nbsp;' leaves)."""
    def fn(s: str) -> str:
        s = re.sub(r"\b(Sáng|Chiều|Ngày|ngày) (?=\d)", "\\1\u00a0", s)
        return re.sub(r"\b(đồng chí|Đồng chí|ông|bà|Ông|Bà) (?=[A-ZĐÀ-Ỹ])", "\\1\u00a0", s)

    new = _text_fields(parts, fn)
    return (new, gold) if new != parts else None


def _attendee_pattern(gold: Gold, text: str) -> str | None:
    names = [p["name"] for p in gold.get("attendees") or [] if p.get("name") and p["name"] in text]
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)) or None


def title_after_dash(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """'ông Nguyễn Văn A, Phó Chủ tịch …' ↔ 'ông Nguyễn Văn A - Phó Chủ tịch …' (the ANTĐ/CAND
    style) after each labelled attendee's name that an honorific or rank introduces."""
    names = _attendee_pattern(gold, _whole(parts))
    if not names:
        return None
    # only after an honorific or rank: in a role-first list ('Phó Chủ tịch UBND tỉnh A, Giám
    # đốc Sở B') the comma separates people, and a dash there would make the next role A's title
    pattern = re.compile(rf"((?:chí|[Ôô]ng|[Bb]à|tá|tướng|úy|uý) (?:{names}))(, | - | – )(?=[A-ZĐ])")

    def fn(s: str) -> str:
        return pattern.sub(lambda m: m.group(1) + (", " if m.group(2) != ", " else " - "), s)

    new = _text_fields(parts, fn)
    return (new, gold) if new != parts else None


def comrade_honorific(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """'ông/bà Nguyễn Văn A' → 'đồng chí Nguyễn Văn A' before each labelled attendee's name."""
    names = _attendee_pattern(gold, _whole(parts))
    if not names:
        return None
    pattern = re.compile(rf"\b(?:([Ôô]ng|[Bb]à))(?= (?:{names}))")

    def fn(s: str) -> str:
        return pattern.sub(lambda m: "Đồng chí" if m.group(1)[0].isupper() else "đồng chí", s)

    new = _text_fields(parts, fn)
    return (new, gold) if new != parts else None


def full_names(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """Short forms written in full ('LĐLĐ' → 'Liên đoàn Lao động', 'Hội LHPN' → 'Hội Liên hiệp Phụ
    nữ', 'CAQ' → 'Công an quận'); the outlet prefix ('CAND -') stays as it is. The labels need no
    change: the eval compares names with short forms expanded."""
    def fn(s: str) -> str:
        prefix = _PREFIX.match(s)
        cut = prefix.end() if prefix else 0
        return s[:cut] + expand_abbreviations(s[cut:])

    new = _text_fields(parts, fn)
    return (new, gold) if new != parts else None


def _known_districts() -> list[tuple[str, ...]]:
    return [names for kinds in city_districts().values() for names in kinds.values()]


def swap_districts(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """Each known district of a big city becomes another district of the same city and kind
    (quận for quận), in the text and the labels alike: the city, and so the provinces, stay."""
    text = _whole(parts)
    mapping: dict[str, str] = {}
    for names in _known_districts():
        present = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
        absent = [n for n in names if not any(w in text for w in n.split())]
        for name in present:
            if absent:
                mapping[name] = absent.pop(rng.randrange(len(absent)))
    if not mapping:
        return None
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(k)}(?!\w)" for k in sorted(mapping, key=len, reverse=True)))

    def fn(s: str) -> str:
        return pattern.sub(lambda m: mapping[m.group(0)], s)

    return _text_fields(parts, fn), _gold_strings(gold, fn)


def lead_into_body(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """The 2013/2017 crawl's sapo line as the first paragraph of the content (the 2025 CSV
    row's layout, which has no lead apart)."""
    if not parts.get("lead"):
        return None
    return {**parts, "lead": None, "body": f"{parts['lead']}\n\n{parts['body']}"}, gold


def title_upper(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
    """A headline in capitals, as some CMSs store it (the labels keep the body's spelling)."""
    return {**parts, "title": parts["title"].upper()}, gold


def _compose(*rewrites: Rewrite) -> Rewrite:
    def rewrite(parts: Parts, gold: Gold, rng: random.Random) -> tuple[Parts, Gold] | None:
        """Several rewrites at once (a text seldom differs from ours in one detail only)."""
        for r in rewrites:
            out = r(parts, gold, rng)
            if out is not None:
                parts, gold = out
        return parts, gold

    rewrite.__name__ = "+".join(r.__name__ for r in rewrites)
    return rewrite


REWRITES: tuple[Rewrite, ...] = (
    swap_person_names, swap_provinces, swap_districts,
    _date_rewrite("slash"), _date_rewrite("dash"), _date_rewrite("words"),
    _outlet_rewrite(""), _outlet_rewrite("ANTĐ - "),
    hyphens, run_on, paragraph_per_sentence,
    _attend_rewrite("Đến dự"), _attend_rewrite("Tham dự hội nghị"), _attend_rewrite("Dự hội nghị"),
    tone_marks, straight_quotes, no_break_spaces, title_after_dash, comrade_honorific, full_names,
    # the outlet "(SGGP) – ", a headline in capitals, the 2025 layout, NFD and a trailing
    # paragraph change (nearly) every text, so they run only inside these compounds (the file
    # stays fast)
    _compose(swap_person_names, _date_rewrite("words"), _outlet_rewrite("(SGGP) – "), tone_marks, run_on,
             title_upper),
    _compose(swap_provinces, _date_rewrite("slash"), lead_into_body, nfd, hyphens, paragraph_per_sentence,
             trailing_paragraph),
)


@pytest.mark.parametrize("rewrite", REWRITES, ids=lambda r: r.__name__)
def test_rewrite_keeps_scores(rewrite: Rewrite) -> None:
    applied, changed = 0, []
    for key, gold, parts in ITEMS:
        rng = random.Random(f"{rewrite.__name__}:{key}")
        if not gold.get("is_meeting") and rng.random() < 0.75:
            continue  # a quarter of the hard negatives per rewrite (a fixed sample): the file stays fast
        out = rewrite(copy.deepcopy(parts), copy.deepcopy(gold), rng)
        if out is None:
            continue
        new_parts, new_gold = out
        if new_parts == parts:
            continue  # nothing to rewrite in this text
        applied += 1
        got = _verdict(new_parts, new_gold)
        want = BASELINE[key]
        if got != want:
            diff = {k: (want.get(k), got.get(k)) for k in set(want) | set(got) if want.get(k) != got.get(k)}
            changed.append(f"{key}: {diff}")
    assert applied, f"{rewrite.__name__} applied to no item: the rewrite is dead"
    assert not changed, f"{rewrite.__name__} changed {len(changed)}/{applied} items:\n" + "\n".join(changed)


def test_rewrites_rewrite() -> None:
    """The rewrites themselves do what they say (else the tests above would pass vacuously)."""
    assert _tone_swap("Văn hoá, Ủy ban, quý") == "Văn hóa, Uỷ ban, quý"
    fn = _date_rewrite("words")
    parts = {"title": "T", "lead": "ANTĐ - Sáng 27-3, hội nghị.", "body": "B", "published": None}
    assert fn(parts, {}, random.Random(0))[0]["lead"] == "ANTĐ - Sáng ngày 27 tháng 3, hội nghị."
    assert _outlet_rewrite("")(parts, {}, random.Random(0))[0]["lead"] == "Sáng 27-3, hội nghị."


def test_fixed_brittle_rules() -> None:
    """The rules the rewrites above found brittle, pinned on sentences of our own."""
    from archive.meetings import parse_period

    # a date in words is not a period: 'Ngày 9 tháng 10' is not '9 tháng', '… năm 2017' not 'năm 2017'
    p = parse_period("Ngày 9 tháng 10, Cụm thi đua số 3 sơ kết công tác thi đua quý III năm 2013")
    assert p and p["period_label"] == "quý III năm 2013"
    p = parse_period("Sáng ngày 18 tháng 4 năm 2017, UBND quận tổ chức sơ kết 5 năm (2012-2017) phong trào")
    assert p and p["period_start"] == "2012-01-01"
    p = parse_period("Sáng ngày 19 tháng 6, Đại hội Thi đua yêu nước tỉnh lần thứ V, giai đoạn 2020 - 2025")
    assert p and p["period_label"] == "giai đoạn 2020 - 2025"
    # old tone placement reads like the new one, and the fields keep the article's spelling
    rows = extract_meetings("Cụm thi đua số 2 toạ đàm về điển hình tiên tiến",
                            "Ngày 18-5-2017, tại Hội trường Tỉnh uỷ, Cụm thi đua số 2 tổ chức buổi toạ đàm "
                            "“Phát hiện và nhân rộng điển hình tiên tiến”.")
    assert rows and rows[0]["kind"] == "tọa đàm" and rows[0]["place"] == "Hội trường Tỉnh uỷ"
    # "thành phố Hồ Chí Minh" after a role is the city, not a person named Hồ Chí Minh
    rows = extract_meetings("Cụm thi đua số 1 sơ kết 6 tháng đầu năm 2024",
                            "Ngày 18-7-2024, Cụm thi đua số 1 tổ chức hội nghị sơ kết công tác thi đua 6 tháng "
                            "đầu năm 2024. Dự hội nghị có ông Lâm Văn Phúc, Phó Chủ tịch LĐLĐ thành phố Hồ Chí Minh.")
    assert rows and [a["name"] for a in rows[0]["attendees"]] == ["Lâm Văn Phúc"]
    # members after a body named in full, as after its short form
    from archive.meetings import parse_members

    assert parse_members("Cụm gồm Liên đoàn Lao động 3 tỉnh: Nghệ An, Hà Tĩnh và Quảng Bình") == \
        ["Nghệ An", "Hà Tĩnh", "Quảng Bình"]
    assert parse_members("Cụm thi đua số 2 gồm Hội Liên hiệp Phụ nữ các huyện Phú Lộc, Nam Đông và thị xã "
                         "Hương Trà tổ chức") == [f"Hội Liên hiệp Phụ nữ {place}" for place in
                                                  ("huyện Phú Lộc", "huyện Nam Đông", "thị xã Hương Trà")]
    # a district with "Bà" in its name, three syllables long, before a role-first name
    rows = extract_meetings("Quận Hai Bà Trưng tổng kết công tác thi đua năm 2024",
                            "Chiều 9-1-2025, UBND quận Hai Bà Trưng tổ chức hội nghị tổng kết công tác thi đua, "
                            "khen thưởng năm 2024. Tại hội nghị, Chủ tịch UBND quận Hai Bà Trưng Đỗ Văn Khải "
                            "trao danh hiệu cho 30 tập thể.")
    assert rows and [a["name"] for a in rows[0]["attendees"]] == ["Đỗ Văn Khải"]
