"""Provinces of a meeting: named in its phrases, implied by a district, or its cluster's members."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from archive.meetings.patterns import _I, _LOCALITY_KIND
from archive.normalize import normalize_tone_marks
from archive.places import _PATTERNS as _PROVINCE_PATTERNS
from archive.places import find_provinces, province_regimes


def _province_fields(provinces: list[str], on: date | None) -> dict[str, Any]:
    if not provinces:
        return {"province": None, "province_former": None, "province_code": None,
                "province_former_code": None, "provinces": []}
    try:
        r = province_regimes(provinces[0], on=on)
    except ValueError:
        return {"province": provinces[0], "province_former": None, "province_code": None,
                "province_former_code": None, "provinces": provinces}
    return {"province": r["province"], "province_former": r["province_former"],
            "province_code": r["code_current"], "province_former_code": r["code_former"],
            "provinces": provinces}


# Districts of the centrally-run cities whose names no other province's district shares, so that
# "LĐLĐ quận 8", "Quận đoàn … quận Đống Đa", "CAH Phú Xuyên", "UBND xã … (huyện Hòa Vang)" give the
# city when the text never names it (the reporter's city paper takes it for granted). Districts
# named like another province's ("huyện Phong Điền", "quận/huyện Tân Phú", "Bình Tân", "An Lão",
# "Vĩnh Thạnh", "Sơn Tây" as a huyện) are left out; a numbered quận is Hồ Chí Minh City's.
_CITY_DISTRICTS: dict[str, dict[str, tuple[str, ...]]] = {
    "Hà Nội": {
        "quận": ("Ba Đình", "Hoàn Kiếm", "Hai Bà Trưng", "Đống Đa", "Tây Hồ", "Cầu Giấy", "Thanh Xuân",
                 "Hoàng Mai", "Long Biên", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông"),
        "huyện": ("Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh", "Ba Vì", "Phúc Thọ", "Đan Phượng",
                  "Hoài Đức", "Quốc Oai", "Thạch Thất", "Chương Mỹ", "Thanh Oai", "Thường Tín", "Phú Xuyên",
                  "Ứng Hòa", "Mỹ Đức", "Từ Liêm"),
        "thị xã": ("Sơn Tây",),
    },
    "TP. Hồ Chí Minh": {
        "quận": ("Bình Thạnh", "Gò Vấp", "Phú Nhuận", "Tân Bình", "Tân Phú", "Bình Tân", "Thủ Đức"),
        "huyện": ("Củ Chi", "Hóc Môn", "Bình Chánh", "Nhà Bè", "Cần Giờ"),
    },
    "Đà Nẵng": {
        "quận": ("Hải Châu", "Thanh Khê", "Sơn Trà", "Ngũ Hành Sơn", "Liên Chiểu", "Cẩm Lệ"),
        "huyện": ("Hòa Vang",),
    },
    "Hải Phòng": {
        "quận": ("Hồng Bàng", "Ngô Quyền", "Lê Chân", "Hải An", "Kiến An", "Đồ Sơn", "Dương Kinh"),
        "huyện": ("Kiến Thụy", "Tiên Lãng", "Vĩnh Bảo", "Cát Hải", "Bạch Long Vĩ"),
    },
    "Cần Thơ": {
        "quận": ("Ninh Kiều", "Bình Thủy", "Cái Răng", "Ô Môn", "Thốt Nốt"),
        "huyện": ("Cờ Đỏ", "Thới Lai"),
    },
}
_DISTRICT_WORD = {"quận": r"(?:[Qq]uận|Q\.|CAQ)", "huyện": r"(?:[Hh]uyện|H\.|CAH)", "thị xã": r"(?:[Tt]hị\s+xã|TX\.?|CATX)"}


def _district_patterns() -> list[tuple[re.Pattern[str], str]]:
    out = [(re.compile(r"(?<!\w)(?:[Qq]uận|Q\.|CAQ)\s*\d{1,2}\b"), "TP. Hồ Chí Minh")]
    for city, kinds in _CITY_DISTRICTS.items():
        for kind, names in kinds.items():
            alt = "|".join(re.escape(normalize_tone_marks(n)) for n in names)
            out.append((re.compile(rf"(?<!\w){_DISTRICT_WORD[kind]}\s*(?:{alt})(?!\w)"), city))
    return out


_DISTRICTS = _district_patterns()
_KNOWN_DISTRICTS = sorted({normalize_tone_marks(n) for kinds in _CITY_DISTRICTS.values() for names in kinds.values()
                           for n in names}, key=len, reverse=True)


def city_of_district(text: str) -> str | None:
    """The centrally-run city whose district `text` names ('LĐLĐ quận 8' → TP. Hồ Chí Minh,
    'CAH Phú Xuyên' → Hà Nội), None when it names none of the listed districts."""
    text = normalize_tone_marks(text or "")
    hits = [(m.start(), city) for pattern, city in _DISTRICTS for m in [pattern.search(text)] if m]
    return min(hits)[1] if hits else None


def _meeting_provinces(parts: list[str | None], whole: str) -> list[str]:
    """Provinces the meeting's own phrases name (organiser, place, cluster, sentence, headline,
    lead — in that order), else the city of a district they name, else a province `whole`
    names twice, else the only one it names as an administrative unit."""
    parts = list(dict.fromkeys(p for p in parts if p))  # the lead's first sentence is often `s`
    found: list[str] = []
    for part in parts:
        for p in find_provinces(part):
            if p not in found:
                found.append(p)
    if found:
        return found
    for part in parts:
        city = city_of_district(part)
        if city:
            return [city]
    named = find_provinces(whole)
    text = normalize_tone_marks(whole)
    counts: dict[str, int] = {}
    for pattern, target in _PROVINCE_PATTERNS:
        if target in named:  # every written form counts, overlapping ones included
            counts[target] = counts.get(target, 0) + len(pattern.findall(text))
    frequent = [p for p in named if counts.get(p, 0) >= 2]
    if frequent:
        return frequent[:1]
    # a district's meeting whose province appears once, as an administrative unit in a guest's
    # title ("Phó Chủ tịch UBND tỉnh Quảng Ninh …"): the only province the article names is the
    # meeting's. A bare place name ("tượng đài … tại Hà Tĩnh") is not enough.
    if len(named) == 1 and find_provinces(" ".join(
            m.group(0) for m in re.finditer(r"\b(?:tỉnh|thành\s+phố|TP\.?)\s+\S+(?:\s+\S+){0,3}", text))):
        return named
    return []


def _is_member(place: str, members: list[str]) -> bool:
    """'xã Tuy An Bắc' is one of ['Tuy An Bắc', 'Tuy An Nam', …]; 'thị xã Bỉm Sơn' of ['thị xã
    Bỉm Sơn', 'huyện Hà Trung', …]. Compared without the locality kind and tone-mark style."""
    def bare(name: str) -> str:
        return normalize_tone_marks(re.sub(rf"^{_LOCALITY_KIND}\s+", "", name.strip(), flags=_I)).lower()

    return bool(place) and bare(place) in {bare(m) for m in members}


def _member_provinces(members: list[str]) -> list[str]:
    """Provinces of a cluster whose members are all provinces ('Cụm thi đua 5 tỉnh Tây Nguyên
    gồm Kon Tum, Gia Lai, …', 'LĐLĐ 6 tỉnh: Thanh Hóa, …'); [] otherwise."""
    found: list[str] = []
    for member in members:
        named = find_provinces(member)
        if len(named) != 1:
            return []
        if named[0] not in found:
            found.append(named[0])
    return found if len(found) >= 2 else []


# Fields copied from the article, given back in its own tone-mark spelling (see _respell);
# cluster_name is canonical on purpose (parse_cluster) and provinces come from archive.places.


def _province_at_start(text: str) -> re.Match[str] | None:
    """A province's name (as places.find_provinces knows it) opening `text`, longest first."""
    text = normalize_tone_marks(text)
    return next((m for pattern, _target in _PROVINCE_PATTERNS if (m := pattern.match(text))), None)
