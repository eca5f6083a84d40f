"""When the article was published, from what the page offers, most trusted first: JSON-LD and
<meta>, a <time> or date-classed element near the headline, a dated line in the text, the URL.
Every visible date is read by archive.dates, the one parser of Vietnamese dates; the headline's
own date line wins over the header's "today".
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import parsel

from archive.dates import parse_date as parse_vn_date
from archive.furniture import attr_tokens, hides_meta
from archive.normalize import clean_line
from archive.pagemeta import join_text


def parse_date(text: str, reference: Any = None) -> str | None:
    """archive.dates.parse_date (the one date parser: it knows every Vietnamese form), guarded."""
    if not text:
        return None
    try:
        return parse_vn_date(text, reference)
    except Exception:  # noqa: BLE001 — a date we cannot read is a missing date, never a lost article
        return None


def iso_date(value: str) -> str | None:
    """Machine dates from JSON-LD/meta ("2025-10-22T19:25:52+07:00", "2016-07-15")."""
    value = (value or "").strip()
    if not value:
        return None
    m = re.match(r"^(\d{4})[-/.](\d{2})[-/.](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
                 r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?", value)
    if not m:
        return parse_date(value)
    y, mo, d, hh, mi, ss, tz = m.groups()
    try:
        date(int(y), int(mo), int(d))
    except ValueError:
        return None
    if hh is None:
        return f"{y}-{mo}-{d}"
    if tz in (None, "", "+07:00", "+0700", "+07"):
        return f"{y}-{mo}-{d}T{hh}:{mi}:{ss or '00'}+07:00"
    # Another offset (WordPress prints UTC): convert to Vietnam time, so the day is the one the
    # page shows and every stored time has the same +07:00 offset.
    offset = 0 if tz == "Z" else (1 if tz[0] == "+" else -1) * (
        int(tz[1:3]) * 60 + int(tz.replace(":", "")[3:5] or 0))
    dt = datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss or 0))
    dt += timedelta(minutes=7 * 60 - offset)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


_URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")


def _url_date(url: str) -> str | None:
    path = urlsplit(url or "").path
    m = _URL_DATE.search(path)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


_DATE_CLASS = re.compile(
    r"date|time|ngay|publish|posted|thoigian|thoi[-_]gian|datetime|created|meta|info|detail[-_]?top",
    re.IGNORECASE)


# A date/time printed in the headline's own block: a child whose class names it
# (<span class="news-date">), or a bracketed date closing the line ("… năm 2025 (15/01/2025 08:50)").
DATE_CHILD = re.compile(r"date|time|ngay|publish|posted|thoi[-_]?gian", re.IGNORECASE)


BRACKET_DATE = re.compile(
    r"\s*[(\[]\s*(?:(?:ngày|cập nhật|đăng)\s*:?\s*)?(?:\d{1,2}[:h]\d{2}\s*[-,|]?\s*)?"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s*[-,|]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?\s*[)\]]\s*$",
    re.IGNORECASE)


# <meta> names of a publication time, most trusted first (the modification time last: better
# than no date, worse than any other).
META_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
                  "sailthru.date", "article.published", "published_time", "publication_date",
                  "dcterms.created", "created", "article:modified_time", "datemodified", "lastmod")


def find_date(sel: parsel.Selector, meta: dict[str, str], ld: dict[str, Any] | None,
              content: Any, url: str, title_el: Any = None) -> tuple[str | None, str | None]:
    """The publication date and where it was found, from the most trusted source that has one:
    JSON-LD, <meta>, a <time> outside the page's frame, then the visible dates around the
    headline (`_visible_date`), then the URL."""
    d = _ld_date(ld)
    if d:
        return d, "jsonld"
    d = next((d for d in (iso_date(meta[k]) for k in META_DATE_KEYS if meta.get(k)) if d), None)
    if d:
        return d, "meta"
    d = _time_date(sel)
    if d:
        return d, "time"
    h1 = title_el if title_el is not None else sel.root.find(".//h1")
    d = _visible_date(h1, content)
    if d:
        return d, "generic"
    d = _url_date(url)
    if d:
        return d, "url"
    return None, None


def _ld_date(ld: dict[str, Any] | None) -> str | None:
    for key in ("datePublished", "dateCreated", "uploadDate"):
        if ld and isinstance(ld.get(key), str):
            d = iso_date(ld[key])
            if d:
                return d
    return None


def _time_date(sel: parsel.Selector) -> str | None:
    for t in sel.xpath("//time"):
        if t.xpath("ancestor::nav|ancestor::aside|ancestor::footer"):
            continue
        value = t.attrib.get("datetime") or join_text([t])
        d = iso_date(value) if re.match(r"^\d{4}-", value.strip()) else parse_date(value)
        if d:
            return d
    return None


def _visible_date(h1: Any, content: Any) -> str | None:
    """Visible dates near the heading: the heading's own block first (date-classed elements, in
    reading order), then the lines under and above it, then wider areas and the content area."""
    areas = []
    if h1 is not None:
        parent = h1.getparent()
        for _ in range(3):
            if parent is None:
                break
            areas.append(parent)
            parent = parent.getparent()
    if content is not None:
        areas.append(content)
    near, far = (areas[:2], areas[2:]) if h1 is not None else ([], areas)
    for area in near:
        d = _classed_date(area, h1)
        if d:
            return d
    d = _under_heading(h1) or _above_heading(h1)
    if d:
        return d
    return next((d for d in (_classed_date(area, h1) for area in far) if d), None)


def _classed_date(area: Any, h1: Any) -> str | None:
    """The date of the date-classed element of `area` nearest to the heading: the page's
    "today" in the site header comes before the headline, and dates of related items come
    after the article — the article's own date sits next to its headline."""
    found: list[tuple[int, str]] = []
    h1_pos = None
    for pos, el in enumerate(area.iter()):
        if el is h1:
            h1_pos = pos
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        attrs = attr_tokens(el)
        if not attrs or not _DATE_CLASS.search(attrs):
            continue
        if any(hides_meta(a) for a in el.iterancestors()) or hides_meta(el):
            continue
        text = clean_line(" ".join(el.itertext()))
        if text and len(text) <= 160:
            d = parse_date(text)
            if d:
                found.append((pos, d))
    if not found:
        return None
    if h1_pos is None:
        return found[0][1]
    return min(found, key=lambda f: abs(f[0] - h1_pos))[1]


def _under_heading(h1: Any) -> str | None:
    """Text right under the heading ("Thứ Hai, 15/07/2016 10:30" without a class), or the
    bracketed date closing the heading's own block ("… năm 2025 (15/01/2025 08:50)")."""
    if h1 is None:
        return None
    own = BRACKET_DATE.search(clean_line(" ".join(h1.itertext())))
    if own and parse_date(own.group(0)):
        return parse_date(own.group(0))
    following = h1.xpath("following::text()")[:40]
    return parse_date(clean_line(" ".join(str(t) for t in following))[:300])


def _above_heading(h1: Any) -> str | None:
    """A date line right above the heading (after the breadcrumb), nearest line first —
    never further than a few lines, where the site header's "today" is printed."""
    if h1 is None:
        return None
    for node in reversed(h1.xpath("preceding::text()[normalize-space()]")[-6:]):
        parent = node.getparent()
        if parent is not None and parent.tag in ("script", "style", "title"):
            continue
        d = parse_date(clean_line(str(node)))
        if d:
            return d
    return None
