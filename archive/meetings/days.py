"""The meeting's day: a day-month in the text plus the year from the text, the publication or the period."""

from __future__ import annotations

import re
from datetime import date, timedelta

from archive.dates import parse_date
from archive.meetings.patterns import _DATE, _I, _RELATIVE_DAY, document_day
from archive.meetings.triggers import _FORWARD_KINDS


def find_date(text: str, published: date | None) -> tuple[int, int, tuple[int, int, int | None]] | None:
    """(start, end, (day, month, year-if-printed)) of the first meeting day named in `text`;
    'chiều qua' / 'sáng nay' count from `published` (the year is then known). The day of a
    document named by its number ("Kế hoạch số 12/KH-CTĐ ngày 20/01/2026") is no meeting day."""
    for m in _DATE.finditer(text):
        if document_day(text, m.start()):
            continue  # "Kế hoạch số 12/KH-CTĐ ngày 20/01/2026": the document's day
        if m.group("d3") and int(m.group("e3")) <= int(m.group("d3")):
            continue  # "15 - 4/2021" is no range of days
        d = int(m.group("d") or m.group("d2") or m.group("d3"))
        mo = int(m.group("m") or m.group("m2") or m.group("m3"))
        y = m.group("y") or m.group("y2") or m.group("y3")
        if 1 <= d <= 31 and 1 <= mo <= 12:
            year = int(y) + (2000 if len(y) == 2 else 0) if y else None
            return m.start(), m.end(), (d, mo, year)
        break
    rel = _RELATIVE_DAY.search(text)
    if rel and published:
        back = 1 if "qua" in rel.group("rel") else 0
        day = published - timedelta(days=back)
        return rel.start(), rel.end(), (day.day, day.month, day.year)
    return None


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        pass
    try:
        found = parse_date(str(published))
        return date.fromisoformat(found[:10]) if found else None
    except (ValueError, TypeError):
        return None


_FULL_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})(?!\d)")


def occasion_year(text: str, d: int | None, m: int | None) -> int | None:
    """The year of the occasion a meeting marks, printed beside its day: 'Ngày 18-5, … tọa đàm
    … nhân kỷ niệm 127 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2017)' → 2017.

    A full date in the meeting's own sentence within a month of the meeting's day-month names
    the anniversary it is held for; the latest such year is the current one (the first is the
    founding year). None when the sentence prints no such date.
    """
    if not (d and m):
        return None
    years = []
    for found in _FULL_DATE.finditer(text):
        try:
            y = int(found.group("y"))
            when = date(y, int(found.group("m")), int(found.group("d")))
            meeting = date(y, m, d)
        except ValueError:
            continue
        if abs((when - meeting).days) <= 31:
            years.append(y)
    return max(years) if years else None


def resolve_date(d: int, m: int, year: int | None, *, published: date | None,
                 period: dict[str, str | None] | None, kind: str,
                 occasion_year: int | None = None) -> str | None:
    """A day-month plus the year: printed, else the publication's (a day after publication
    is last year's), else that of the anniversary the meeting marks (see `occasion_year`),
    else the period's (signings and launches open their period; reviews
    close theirs, the next January's review included; a mid-term review, "giữa nhiệm kỳ
    2016 - 2021", gives none). None when nothing gives a year."""
    def make(y: int) -> date | None:
        try:
            return date(y, m, d)
        except ValueError:
            return None

    if year:
        found = make(year)
        return found.isoformat() if found else None
    if published:
        found = make(published.year)
        if found and found > published + timedelta(days=7):
            found = make(published.year - 1)
        return found.isoformat() if found else None
    if occasion_year:
        found = make(occasion_year)
        return found.isoformat() if found else None
    if period and re.match(r"giữa\s", period.get("period_label") or "", _I):
        return None  # a mid-term review falls somewhere inside its term: no year follows
    if period and period.get("period_start") and period.get("period_end"):
        start = date.fromisoformat(period["period_start"])  # type: ignore[arg-type]
        end = date.fromisoformat(period["period_end"])  # type: ignore[arg-type]
        if kind in _FORWARD_KINDS:
            y = start.year - 1 if m >= 10 and start.month == 1 else start.year
        else:
            y = end.year
            candidate = make(y)
            if end.year == start.year and candidate and candidate < end - timedelta(days=60):
                y += 1
        found = make(y)
        return found.isoformat() if found else None
    return None
