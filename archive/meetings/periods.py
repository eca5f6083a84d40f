"""Periods a meeting reviews or opens: "6 tháng đầu năm 2016", "quý I/2023", "giai đoạn 2015-2020"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from archive.lexicons import pattern
from archive.meetings.patterns import _I
from archive.meetings.rotating_role import ROLE_LINKS
from archive.meetings.triggers import _plain
from archive.numberwords import spelled

_PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("h1", re.compile(rf"\b(?:6|{spelled((6,))})\s+tháng\s+đầu\s+năm(?:\s+(?P<y>\d{{4}}))?", _I)),
    ("h2", re.compile(rf"\b(?:6|{spelled((6,))})\s+tháng\s+cuối\s+năm(?:\s+(?P<y>\d{{4}}))?", _I)),
    ("m9", re.compile(rf"\b(?:9|{spelled((9,))})\s+tháng(?:\s+đầu\s+năm)?(?:\s+(?:năm\s+)?(?P<y>\d{{4}}))?", _I)),
    ("quarter", re.compile(r"quý\s+(?P<q>IV|I{1,3}|[1-4])(?:\s*[/-]\s*|\s+(?:năm\s+)?)(?P<y>\d{4})", _I)),
    ("quarter", re.compile(r"quý\s+(?P<q>IV|I{1,3}|[1-4])\b(?!\s*[/-]?\s*(?:năm\s+)?\d)", _I)),
    # "học kỳ I năm học 2023 - 2024": a term of the school year (see _span_of)
    ("term", re.compile(r"học\s+k[ỳìy]\s+(?P<t>II|I|2|1)\s+năm\s+học\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", _I)),
    ("school", re.compile(r"năm\s+học\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", _I)),
    # "sơ kết giữa nhiệm kỳ 2016 - 2021": a mid-term review (see resolve_date)
    ("range", re.compile(r"(?:giữa\s+)?" + pattern("periods", "ranges") + r"\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", _I)),
    ("years", re.compile(
        rf"(?P<n>\d{{1,2}}|{spelled((2, 3, 4, 5, 10))})\s+năm\s+(?:(?:thực\s+hiện|triển\s+khai|phong\s+trào|cuộc\s+vận\s+động|thi\s+đua)\s*)*"
        r"(?:[“\"][^”\"]{1,200}[”\"]\s*)?\(\s*(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})\s*\)", _I)),
    # "3 năm thực hiện phong trào thi đua “…” giai đoạn 2010-2013": the run printed after the
    # movement's name belongs to the label and gives its dates
    ("nyears", re.compile(
        r"(?P<n>\d{1,2})\s+năm\s+(?:(?:thực\s+hiện|triển\s+khai)\s+)?(?:phong\s+trào|cuộc\s+vận\s+động)"
        r"(?:\s+thi\s+đua)?(?:\s*[“\"][^”\"]{1,200}[”\"])?"
        r"(?:\s*,?\s*(?:giai\s+đoạn|nhiệm\s+kỳ)\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4}))?", _I)),
    # "từ tháng 6 đến hết tháng 10/2020", "từ đầu tháng 3/2021 đến cuối tháng 5/2021": a drive's run
    ("months", re.compile(
        r"từ\s+(?:đầu\s+)?tháng\s+(?P<m1>\d{1,2})(?:\s*(?:/|năm)\s*(?P<y1>\d{4}))?\s+(?:đến|tới)\s+(?:hết\s+|cuối\s+)?"
        r"tháng\s+(?P<m2>\d{1,2})\s*(?:/|-|năm)\s*(?P<y2>\d{4})", _I)),
    # "Đại hội Thi đua … lần thứ VI (2005 - 2010)": a congress's term in brackets after its ordinal
    # (label: the years as printed)
    ("term_after_ordinal", re.compile(
        r"\blần\s+thứ\s+(?:[IVXL]{1,6}|\d{1,2})\s*\(\s*(?P<span>(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4}))\s*\)", _I)),
    ("year", re.compile(r"(?<!học\s)năm\s+(?P<y>(?:19|20)\d{2})\b", _I)),
    # "phát động đợt thi đua cao điểm 100 ngày đêm": a launched drive is named by its length,
    # which is the period it opens (label: the length only, "100 ngày đêm"; no calendar dates —
    # the start is the launch day, which the text gives apart)
    ("drive", re.compile(r"\bđợt\s+(?:thi\s+đua\s+)?(?:cao\s+điểm\s+)?(?P<span>\d{1,3}\s+ngày(?:\s+đêm)?)\b", _I)),
]
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# "Trưởng khối năm 2017", "đơn vị Cụm trưởng năm học 2016-2017", "làm Cụm trưởng năm 2018": the
# year someone holds a rotating role, not the period a meeting reviews. Its own spelling of the
# role, not rotating_role.py's: it reads the short deputy "Phó cụm"/"Phó khối", which roles.toml
# lacks, and no role in capitals ("là CỤM TRƯỞNG năm 2018" leaves the year a period).
_ROLE_BEFORE = re.compile(r"(?:(?:[Cc]ụm|[Kk]hối)\s+(?:trưởng|phó)|(?:[Tt]rưởng|[Pp]hó)\s+(?:[Cc]ụm|[Kk]hối)"
                          r"(?:\s+thi\s+đua)?(?:\s+số\s+\S+)?|luân\s+phiên)\s*$")


# "Năm 2018, LĐLĐ huyện A giữ vai trò Cụm trưởng", "năm 2023, Hội LHPN huyện B là Cụm trưởng":
# the year of the role, in the role's own clause. The link is rotating_role.py's; the chair is
# spelled here as mixed case only (rotating_role.CHAIR in any case would make the year of "là CỤM
# TRƯỞNG" no period).
_ROLE_AFTER = re.compile(rf"\s*,?\s*(?:[^.;,]{{1,80}}?\s)?(?:{ROLE_LINKS})\s+(?:đơn\s+vị\s+)?"
                         r"(?:[Cc]ụm\s+trưởng|[Kk]hối\s+trưởng|[Tt]rưởng\s+(?:[Cc]ụm|[Kk]hối))")
# "5 tháng đầu năm 2013, công an các phường đã giải quyết …": the span of a statistic. Reviews
# run over a quarter, six or nine months or a year; other month counts are report dates.
_STAT_SPAN = re.compile(rf"\b(?:[1245780]|1[01]|{spelled((1, 2, 4, 5, 7, 8, 10, 11))})\s+tháng"
                        r"(?:\s+(?:đầu|qua|cuối))?\s*$", _I)


# "ngày 9 tháng 10", "ngày 18 tháng 4 năm 2017", "tháng 6 năm 2019": a calendar date written in
# words, whose "9 tháng" or "năm 2017" only looks like a period.
_DATE_WORDS_BEFORE = re.compile(r"(?:\bngày\s+|\btháng\s+\d{1,2}\s+)$", _I)


# "Nhân dịp Tháng Công nhân năm 2024, …": the year of a named occasion (a capitalised name
# before it) in the clause that opens the sentence with an occasion word (meetings.toml
# `occasion_openers`) dates the occasion, not a period the meeting reviews.
_OCCASION_YEAR = re.compile(rf"^\s*{pattern('meetings', 'words.occasion_openers')}\s+[^,.;]*?"
                            r"(?<![\w])(?-i:[A-ZĐÂĂÊÔƠƯ])[^,.;]*$", _I)


def _not_a_period(text: str, m: re.Match[str]) -> bool:
    """A period-shaped phrase that is not the meeting's period: a rotating role's year, the
    term of office of a congress ('Đại hội Công đoàn tỉnh lần thứ XV, nhiệm kỳ 2013-2018'), the
    year of a statistic's span ('5 tháng đầu năm 2013'), or part of a date written in words
    ('Ngày 9 tháng 10', 'ngày 18 tháng 4 năm 2017' — the same date as 'Ngày 9-10')."""
    before = text[max(0, m.start() - 60):m.start()]
    if _ROLE_BEFORE.search(before) or _ROLE_AFTER.match(text, m.end()):
        return True
    if _DATE_WORDS_BEFORE.search(before):
        return True
    if re.match(r"năm\s+\d", m.group(0), _I) and _OCCASION_YEAR.match(text[:m.start()]):
        return True
    if re.match(r"năm\s+\d", m.group(0), _I) and _STAT_SPAN.search(before):
        return True
    if re.match(r"nhiệm\s+kỳ", m.group(0), _I):
        clause = re.split(r"[.;:]", text[max(0, m.start() - 120):m.start()])[-1]
        congress = list(re.finditer(r"đại\s+hội(?!\s+(?:thi\s+đua|điển\s+hình))", clause, _I))
        if congress and not re.search(r"\b(?:sơ|tổng)\s+kết\b", clause[congress[-1].start():], _I):
            return True
    return False


def _first_period(text: str, after: int = 0) -> tuple[str, re.Match[str]] | None:
    """(pattern name, match) of the earliest period phrase from `after`, the longest where two
    start together."""
    best: tuple[int, int, str, re.Match[str]] | None = None
    for name, shape in _PERIOD_PATTERNS:
        m = next((m for m in shape.finditer(text, after) if not _not_a_period(text, m)), None)
        if m and (best is None or (m.start(), -len(m.group(0))) < (best[0], best[1])):
            best = (m.start(), -len(m.group(0)), name, m)
    return (best[2], best[3]) if best else None


def _span_of(name: str, m: re.Match[str], year: str | None) -> tuple[date | None, date | None]:
    """The calendar dates a period phrase covers (None, None when it names no year)."""
    if name in ("h1", "h2", "m9", "year", "quarter") and year:
        y = int(year)
        if name == "quarter":
            q = _QUARTERS[m.group("q").upper()]
            return date(y, 3 * q - 2, 1), date(y + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1)
        first, last = {"h1": (1, 6), "h2": (7, 12), "m9": (1, 9), "year": (1, 12)}[name]
        return date(y, first, 1), date(y + (last == 12), last % 12 + 1, 1) - timedelta(days=1)
    if name == "months":
        y2 = int(m.group("y2"))
        y1 = int(m.group("y1") or y2)
        m2 = int(m.group("m2"))
        return date(y1, int(m.group("m1")), 1), date(y2 + (m2 == 12), m2 % 12 + 1, 1) - timedelta(days=1)
    if name == "school":  # the school year closes on 31 August (its emulation year, review and awards)
        return date(int(m.group("a")), 9, 1), date(int(m.group("b")), 8, 31)
    if name == "term":  # the first term runs to the end of January; the second closes the school year
        first = m.group("t").upper() in ("I", "1")
        return ((date(int(m.group("a")), 9, 1), date(int(m.group("b")), 1, 31)) if first
                else (date(int(m.group("b")), 2, 1), date(int(m.group("b")), 8, 31)))
    if name in ("range", "years", "term_after_ordinal") or (name == "nyears" and m.group("a")):
        return date(int(m.group("a")), 1, 1), date(int(m.group("b")), 12, 31)
    return None, None


def parse_period(text: str, *, after: int = 0) -> dict[str, str | None] | None:
    """The reporting period named in `text`: label as written plus ISO start/end.

    '6 tháng đầu năm 2016' → 2016-01-01..2016-06-30; '… 6 tháng đầu năm và … cuối năm 2016'
    takes the year printed later in the sentence; 'quý I/2023'; '9 tháng'; 'giai đoạn
    2015-2020' and 'nhiệm kỳ 2008-2013' (whole years); '5 năm (2009-2013)'; 'năm 2016'; 'từ
    tháng 6 đến hết tháng 10/2020' → 2020-06-01..2020-10-31; a drive's length 'đợt thi đua cao
    điểm 100 ngày đêm' → '100 ngày đêm' (no dates). With `after` (where the meeting's agenda is
    named, "sơ kết … 9 tháng"), a period after it is preferred to one earlier in the sentence
    ("UBND tỉnh – Cụm trưởng … năm 2024 – tổ chức hội nghị sơ kết … 6 tháng đầu năm").
    """
    found = (_first_period(text, after) if after else None) or _first_period(text)
    if found is None:
        return None
    name, m = found
    label = re.sub(r"\s+", " ", m.group("span" if name in ("drive", "term_after_ordinal") else 0)).strip()
    year = m.groupdict().get("y")
    if name in ("h1", "h2", "m9", "quarter") and not year:
        later = re.search(r"năm\s+((?:19|20)\d{2})", text[m.end():], _I)
        year = later.group(1) if later else None
        if year:
            label = f"{label} {year}" if label.lower().endswith("năm") else f"{label} năm {year}"
    start, end = _span_of(name, m, year)
    return {"period_label": label, "period_start": start.isoformat() if start else None,
            "period_end": end.isoformat() if end else None}


_YEARLESS = re.compile(rf"(?:6|9|{spelled((6, 9))})\s+tháng|quý\s", _I)


def in_year(period: dict[str, str | None], year: int) -> dict[str, str | None]:
    """A period named without its year ('6 tháng đầu năm', '9 tháng', 'quý III') placed in
    `year`, the year the meeting reviewing it was held; other periods unchanged."""
    if period.get("period_start") or not _YEARLESS.match(period.get("period_label") or ""):
        return period
    dated = parse_period(f"{period['period_label']} năm {year}")
    if not dated or not dated.get("period_start"):
        return period
    return {**period, "period_start": dated["period_start"], "period_end": dated["period_end"]}


# "Cụm thi đua số 7", "Cụm thi đua IV"; but "Cụm thi đua 5 tỉnh Tây Nguyên" counts its members.


# "phấn đấu hoàn thành … các chỉ tiêu thi đua năm 2013", "mục tiêu năm 2014", "sẽ … trong năm
# 2014": a target, not the period a meeting reviews.
_TARGET = re.compile(pattern("periods", "targets"), _I)


def without_targets(text: str) -> str:
    """`text` without the clauses (between commas and semicolons) that state a target; used
    when the period is looked for in the whole article, far from the meeting's sentence."""
    return "".join(c for c in re.split(r"(?<=[,;])", text) if not _plain(_TARGET, c))


# What a meeting plans for: "triển khai nhiệm vụ 6 tháng cuối năm", "phương hướng, nhiệm vụ năm
# 2020", "ký kết giao ước thi đua năm 2019" after a review, "đăng ký thi đua năm 2025".
_FORWARD_CUE = re.compile(pattern("periods", "forward_cues") + r"(?P<rest>[^.;:]{0,40})", _I)


def next_period(text: str) -> dict[str, str | None] | None:
    """The period a meeting plans for, named right after a forward cue (tasks, plans, the
    signing of next year's pledge): '… triển khai nhiệm vụ 6 tháng cuối năm' → '6 tháng cuối
    năm'. None when no cue is followed by a period in its clause."""
    for cue in _FORWARD_CUE.finditer(text):
        rest = cue.group("rest")
        period = parse_period(rest)
        if period and rest.find(period["period_label"].split()[0]) <= 30:
            return period
    return None



# A part of a year the plan names without its year: "6 tháng cuối năm", "quý II".
_YEARLESS_PART = re.compile(r"^(?:.*\bnăm|[Qq]uý\s+[IV]+)$")


def dated_next(planned: dict[str, str | None], reviewed: dict[str, str | None] | None) -> dict[str, str | None]:
    """The planned period with the year the text leaves out: the reviewed period's, or the next
    year's when the review closed a whole year ("sơ kết 6 tháng đầu năm 2025, triển khai nhiệm
    vụ 6 tháng cuối năm" → "6 tháng cuối năm 2025"; "tổng kết năm 2024 … nhiệm vụ quý I" → "quý
    I/2025"). Unchanged when it has a year or the review gives none."""
    label = planned.get("period_label") or ""
    end = (reviewed or {}).get("period_end") or ""
    if re.search(r"\d{4}", label) or not _YEARLESS_PART.match(label) or not re.match(r"\d{4}-", end):
        return planned
    year = int(end[:4]) + (1 if end[5:] == "12-31" else 0)
    dated = parse_period(f"{label} {year}" if label.endswith("năm") else f"{label}/{year}")
    return dated if dated and re.search(r"\d{4}", dated["period_label"] or "") else planned
