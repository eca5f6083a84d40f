"""Vietnamese date strings → ISO 8601 (+07:00 when a time is given).

Why not dateparser: its Vietnamese locale misreads "tháng 09" and the "năm" ambiguity, and it
is slow on the hot path. The forms provincial sites actually print are few and regular:

  Thứ Hai, 15/07/2016 10:30 · 15/07/2016 - 10:30 · 15-7-2016 · 15.7.2016 · 15/07/16
  ngày 15 tháng 7 năm 2016 · 15 tháng 07, 2016 · Cập nhật: … · 02/08/2021 lúc 18:47
  15 Tháng Bảy, 2016 · Tháng Bảy 15, 2016 · 15 Th7 2016 (CMS locales) · July 15, 2016 · 15 Jul 2016
  Sáng 27-3 / chiều 27/3 / ngày 15/7 (year from a reference date) · 10:30 SA/CH, AM/PM
  ISO 2016-07-15T10:30:00+07:00 or …Z (converted to +07:00) · 2016-07-15 10:30:00

A date whose fields do not make a calendar day (31/02) is no date at all: None, never a guess.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from archive.numberwords import month_words

VN = timezone(timedelta(hours=7))

_TIME = r"(?P<h>\d{1,2})\s*(?:[:hg]|giờ)\s*(?P<mi>\d{2})(?:\s*:\s*(?P<s>\d{2}))?(?:\s*(?P<ampm>AM|PM|SA|CH|am|pm|sa|ch)\b)?"
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
# day/month/year with / - . as separator; the year may be 2 or 4 digits
_DMY = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}|\d{2})(?![\d/-]|\.\d)"
)
_WORDS = re.compile(
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm|,|/)?\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
# Month names. WordPress and other CMS locales print "15 Tháng Bảy, 2024", "Tháng Bảy 15, 2024",
# "15 Th7 2024", "15 thg 7, 2024"; English-locale sites "July 15, 2024" / "15 Jul 2024".
_VI_MONTHS = month_words()  # "tháng Bảy", "tháng Giêng": archive/lexicons/numbers.toml
_EN_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_EN_NAMES = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
             r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])")
_VI_WORD = rf"(?P<mw>{'|'.join(sorted(_VI_MONTHS, key=len, reverse=True))})(?!\w)"  # "mười một" before "mười"
_VI_MONTH = r"(?:" + _VI_WORD + r"|(?P<mn>\d{1,2}))"
_NAMED = (
    # 15 Tháng Bảy, 2024 — the comma is required: "10 tháng năm 2024" is prose ("the 10 months of
    # 2024"), not 10 May
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+" + _VI_WORD + r"\s*,\s*(?P<y>\d{4})", re.IGNORECASE),
    # 15 Th7 2024 · 15 thg 7, 2024 ("15 tháng 7 năm 2024" is _WORDS')
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+th(?:g|\.)?\s*(?P<mn>\d{1,2})\s*,?\s*(?P<y>\d{4})", re.IGNORECASE),
    # Tháng Bảy 15, 2024 · Th7 15, 2024
    re.compile(r"(?<!\w)(?:tháng\s+|thg\.?\s*|th\.?\s*)" + _VI_MONTH + r"\s+(?P<d>\d{1,2})\s*,\s*(?P<y>\d{4})",
               re.IGNORECASE),
    # July 15, 2024 · Jul. 15 2024 · 15 July 2024
    re.compile(r"\b(?P<ew>" + _EN_NAMES + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})",
               re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<ew>" + _EN_NAMES + r")\.?,?\s+(?P<y>\d{4})",
               re.IGNORECASE),
)


def _month(m: re.Match[str]) -> int:
    """The month of a _WORDS/_DMY/_NAMED match, from digits or a Vietnamese/English name."""
    groups = m.groupdict()
    if groups.get("mw"):
        return _VI_MONTHS[groups["mw"].lower()]
    if groups.get("ew"):
        return _EN_MONTHS[groups["ew"].lower()[:3]]
    return int(groups.get("mn") or groups["m"])


# day-month without year: only after a cue word, or "27-3" style is too ambiguous (scores, ratios)
_DM = re.compile(
    r"(?:\b(?:sáng|trưa|chiều|tối|đêm|ngày|hôm|qua|nay)\s+(?:nay\s+|qua\s+)?(?:\(|ngày\s+)?)"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?![\d/.-]*\d{2})",
    re.IGNORECASE,
)


def _to_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year(raw: str) -> int:
    """Two-digit years: 00-69 → 2000s, 70-99 → 1900s (news archives start in the late 1990s)."""
    y = int(raw)
    if len(raw) == 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _as_date(reference: date | datetime | str | None) -> date | None:
    if reference is None or reference == "":
        return None
    if isinstance(reference, datetime):
        return reference.date()
    if isinstance(reference, date):
        return reference
    iso = parse_date(str(reference))
    return date.fromisoformat(iso[:10]) if iso else None


def _time_near(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A clock time printed right after the date ("15/07/2016 - 10:30", "…, 19:25 (GMT+7)",
    "… lúc 18:47") or right before it ("09:00 ngày 19/09/2025", "10:30, Thứ Hai 15/07/2016")."""
    m = re.match(r"\s*(?:[-–,|]|lúc|vào lúc|at)?\s*\(?\s*" + _TIME, text[end:end + 30], re.IGNORECASE)
    if not m:
        m = re.search(_TIME + r"\s*(?:[-–,|]\s*)?(?:ngày\s+)?(?:thứ\s+\w+\s*,?\s*|chủ nhật\s*,?\s*)?$",
                      text[max(0, start - 30):start], re.IGNORECASE)
    if not m:
        return None
    h, mi = int(m.group("h")), int(m.group("mi"))
    ampm = (m.group("ampm") or "").upper()
    if ampm in ("PM", "CH") and h < 12:
        h += 12
    if ampm in ("AM", "SA") and h == 12:
        h = 0
    if h > 23 or mi > 59:
        return None
    return h, mi


def _fmt(d: date, t: tuple[int, int] | None) -> str:
    if t is None:
        return d.isoformat()
    return datetime(d.year, d.month, d.day, t[0], t[1], tzinfo=VN).isoformat()


def parse_date(text: str | None, reference: date | datetime | str | None = None) -> str | None:
    """The first date in `text`, as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:00+07:00".

    `reference` gives the year when the text omits it ("Sáng 27-3"): the latest such day that
    is not after the reference (a report is published after the meeting it reports).
    """
    if not text:
        return None
    text = str(text).replace("\xa0", " ")
    m = _ISO.search(text)
    if m:
        d = _to_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d:
            if m["h"] is None:
                return d.isoformat()
            sec = int(m["s"] or 0)
            tz = m["tz"]
            dt = datetime(d.year, d.month, d.day, int(m["h"]), int(m["mi"]), sec)
            if tz:
                tzinfo = UTC if tz == "Z" else timezone(
                    timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:])) * (1 if tz[0] == "+" else -1))
                dt = dt.replace(tzinfo=tzinfo).astimezone(VN)
            else:
                dt = dt.replace(tzinfo=VN)
            return dt.replace(second=0).isoformat()
    best: tuple[int, str] | None = None
    for pattern in (_WORDS, _DMY, *_NAMED):
        m = pattern.search(text)
        if m:
            d = _to_date(_year(m["y"]), _month(m), int(m["d"]))
            if d and (best is None or m.start() < best[0]):
                t = _time_near(text, m.start(), m.end())
                best = (m.start(), _fmt(d, t))
    if best:
        return best[1]
    ref = _as_date(reference)
    m = _DM.search(text)
    if m and ref:
        day, month = int(m["d"]), int(m["m"])
        for year in (ref.year, ref.year - 1):
            d = _to_date(year, month, day)
            if d and d <= ref:
                return _fmt(d, _time_near(text, m.start(), m.end()))
    return None


def find_dates(text: str, reference: date | datetime | str | None = None) -> list[str]:
    """Every distinct date in `text`, in the order printed (to choose among a page's dates)."""
    found: list[tuple[int, str]] = []
    for pattern in (_ISO, _WORDS, _DMY, *_NAMED):
        for m in pattern.finditer(text or ""):
            parsed = parse_date(text[m.start():m.end() + 30], reference)
            if parsed and all(p != parsed for _, p in found):
                found.append((m.start(), parsed))
    return [p for _, p in sorted(found)]


_URL_DATE = (
    re.compile(r"/(?P<y>20\d{2}|19\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
    re.compile(r"[/-](?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:\d{4,})?(?:[/.-]|$)"),
    re.compile(r"/(?P<y>20\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})[/-]"),
)


def date_from_url(url: str) -> str | None:
    """Dates CMSs put in article URLs: /2016/07/15/, -20160715…, /2016-07-15-…"""
    for pattern in _URL_DATE:
        m = pattern.search(url)
        if m:
            d = _to_date(int(m["y"]), int(m["m"]), int(m["d"]))
            if d:
                return d.isoformat()
    return None


_DAY = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")


def parse_day(text: str) -> str:
    """A day given on the command line — YYYY-MM-DD, or YYYY-MM / YYYY for its first day — as
    "YYYY-MM-DD"; ValueError saying why otherwise.

    Strict on purpose, where parse_date is lenient: a page's date may be written any way, but a
    mistyped option ("2025-13-45", "yesterday") must stop the command, not make it reparse
    everything or nothing.
    """
    m = _DAY.fullmatch(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a date: write YYYY-MM-DD (e.g. 2025-01-31)")
    d = _to_date(int(m["y"]), int(m["m"] or 1), int(m["d"] or 1))
    if d is None:
        raise ValueError(f"'{text}' is not a day of the calendar: write YYYY-MM-DD")
    return d.isoformat()
