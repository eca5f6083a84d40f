"""Character classes and the few patterns every stage shares (a day, a locality kind)."""

from __future__ import annotations

import re

from archive.lexicons import alternation

_I = re.IGNORECASE

# --- characters ----------------------------------------------------------------------------
_VN_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_VN_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
UP = f"[{_VN_UPPER}]"
LO = f"[{_VN_LOWER}]"
# The kinds of locality a name follows (places.toml, by level): "tỉnh Quảng Ninh", "TP. Cần Thơ",
# "huyện Hà Trung", "thị xã Bỉm Sơn", "phường Phú Xuân"; _LOCALITY_KIND is every level, no short form.
PROVINCE_KIND = alternation("places", "province_kinds", "province_short_kinds")
DISTRICT_KIND = alternation("places", "district_kinds")
WARD_KIND = alternation("places", "ward_kinds")
_LOCALITY_KIND = alternation("places", "province_kinds", "district_kinds", "ward_kinds")

_SAME_DAY = r"(?:(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối)\s+cùng\s+ngày|Cùng\s+ngày|Cũng\s+trong\s+(?:ngày|sáng|chiều|tối))"

_DAY_PART = r"(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối|[Nn]gày|[Hh]ôm|[Đđ]êm)"
_DATE = re.compile(
    rf"{_DAY_PART}\s+(?:(?P<rel>nay|qua|hôm\s+qua|hôm\s+nay)\s*)?\(?\s*"
    # a meeting over two days of one month gives its first day: "ngày 24 và 25/7/2019", "ngày 9 -
    # 10.12.2020" (read first, or "9 - 10" would be the 9th of October)
    r"(?:(?P<d3>\d{1,2})\s*(?:[-–]|và|đến)\s*(?P<e3>\d{1,2})[/.](?P<m3>\d{1,2})(?!\d)"
    r"(?:\s*[/.-]\s*(?P<y3>\d{4})\b)?"
    r"|(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})(?!\s*[-/.]?\s*\d{3}\b)(?:\s*[-/.]\s*(?P<y>\d{4}|\d{2})\b)?"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>\d{4}))?)",
    re.IGNORECASE,  # a headline in capitals ("SÁNG 10/7, HỘI LHPN …") names its day too
)
_RELATIVE_DAY = re.compile(rf"{_DAY_PART}\s+(?P<rel>nay|qua|hôm\s+qua|hôm\s+nay)\b", re.IGNORECASE)


# A document's number just before a day ("Kế hoạch số 12/KH-CTĐ ngày 20/01/2026", "Quyết định
# 345/QĐ-UBND ngày 3/4/2024"): the day the document was signed, not the day of an event. A
# cluster's number ("… hội nghị sơ kết Cụm thi đua số 5 sáng 8/7") numbers no document.
DOCUMENT_NUMBER = re.compile(r"(?:(?<!thi\sđua\s)(?<![Cc]ụm\s)(?<![Kk]hối\s)\bsố\s+\d+[\w/.-]*|"
                             r"\b\d+/[\w/.-]*[A-ZĐ][\w/.-]*)\s*,?\s*$")


def document_day(text: str, start: int) -> bool:
    """Whether the day starting at `start` dates a document named just before it."""
    return bool(DOCUMENT_NUMBER.search(text[max(0, start - 40):start]))


def _names_day(text: str) -> bool:
    """A day of its own: 'Sáng 27-3', 'ngày 15/7', 'chiều qua', 'sáng nay'."""
    return bool(_DATE.search(text) or _RELATIVE_DAY.search(text))


# The dot of a locality or degree short form inside a name ("TP. Buôn Ma Thuột", "TX.Sơn Tây",
# "Q. 8"), which ends no phrase.
ABBREVIATION_DOT = r"(?:(?<=\bTP)|(?<=\bTp)|(?<=\bTX)|(?<=\bTT)|(?<=\bQ)|(?<=\bP))\."
