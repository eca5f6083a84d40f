"""Provinces of a meeting: named in its phrases, implied by a district, or its cluster's members."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from archive.lexicons import load
from archive.localities import districts_table, localities_in, province_of
from archive.meetings.patterns import (
    _I,
    _LOCALITY_KIND,
    DISTRICT_KIND,
    PROVINCE_KIND,
    UP,
    WARD_KIND,
)
from archive.normalize import normalize_tone_marks
from archive.organisations import PLACE_HEADS
from archive.places import _PATTERNS as _PROVINCE_PATTERNS
from archive.places import REFORM_DATE, find_provinces, province_regimes


@dataclass(frozen=True)
class Source:
    """Where the article comes from: its registry entry's province now (34) and when merged (63)."""

    province: str | None = None
    province_former: str | None = None


def province_fields(provinces: list[str], on: date | None, *, source: Source | None = None,
                    former_hint: list[str] | None = None) -> dict[str, Any]:
    """The province columns of a meeting held `on` (or published then): `province` (current,
    34), `province_former` (the 63-province map's, whose name it had when published), their
    codes, and every province the meeting concerns. A text that names none ("… LĐLĐ tỉnh …")
    takes its source's. A meeting held after the 2025 merger gets a former province only when
    a locality of the old map its phrases name says which (`former_hint`, candidates in order): a merged province's
    own meeting ("Bắc Ninh phát động …" in August 2025) belongs to none of its parts."""
    source = source or Source()
    if not provinces and (source.province or source.province_former):
        provinces = [source.province_former if source.province_former and (on is None or on < REFORM_DATE)
                     else source.province or source.province_former]  # type: ignore[list-item]
    empty = {"province": None, "province_former": None, "province_code": None, "province_former_code": None}
    if not provinces:
        return {**empty, "provinces": []}
    try:
        r = province_regimes(provinces[0], on=on)
    except ValueError:
        return {**empty, "province": provinces[0], "provinces": provinces}
    former, code_former = r["province_former"], r["code_former"]
    if former is None:
        # after the merger: the former province a locality of the old map names, or the only
        # one the current province was made from (Nghệ An, kept whole; Huế, renamed)
        only = _predecessors().get(r["province"] or "", [])
        for name in [*(former_hint or []), *only[:len(only) == 1]]:
            regimes = _regimes(name)
            if regimes and regimes["province"] == r["province"] and regimes["province_former"]:
                former, code_former = regimes["province_former"], regimes["code_former"]
                break
    return {"province": r["province"], "province_former": former, "province_code": r["code_current"],
            "province_former_code": code_former, "provinces": provinces}


@lru_cache(maxsize=1)
def _predecessors() -> dict[str, list[str]]:
    """The provinces of the 63-province map each province of the 2025 map was made from."""
    successors: dict[str, list[str]] = {}
    for target in dict.fromkeys(t for _p, t in _PROVINCE_PATTERNS):
        try:
            now = province_regimes(target, on=REFORM_DATE)["province"]
        except ValueError:
            continue
        if now:
            successors.setdefault(now, []).append(target)
    return successors


@lru_cache(maxsize=1)
def _renamed() -> dict[str, str]:
    """Provinces of the 63-province map that the 2025 map keeps whole under another name
    (Thừa Thiên Huế → Huế): the only predecessor of their successor."""
    return {olds[0]: now for now, olds in _predecessors().items() if len(olds) == 1 and olds[0] != now}


def current_names(provinces: list[str]) -> list[str]:
    """A meeting's provinces as the 34-province map names them, for a province it kept whole but
    renamed ("Thừa Thiên Huế" → "Huế"); a merged province keeps its name (the text names it as
    the history of its successor)."""
    return list(dict.fromkeys(_renamed().get(p, p) for p in provinces))


def _regimes(name: str | None) -> dict[str, str | None] | None:
    try:
        return province_regimes(name, on="2025-01-01") if name else None
    except ValueError:
        return None


# The cities run by the central government on the 63-province map: a district of theirs in a
# report gives the city when the text never names it ("LĐLĐ quận 8", "CAH Phú Xuyên").
CENTRAL_CITIES = ("Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ")
_DISTRICT_KINDS = ("quận", "huyện", "thị xã")


def city_of_district(text: str) -> str | None:
    """The centrally-run city whose district `text` names first ('LĐLĐ quận 8' → TP. Hồ Chí
    Minh, 'CAH Phú Xuyên' → Hà Nội), None when it names none (or only names another province's
    district shares: 'huyện Phong Điền')."""
    for _at, kind, name in localities_in(text):
        if kind in _DISTRICT_KINDS:
            province = province_of(kind, name)
            if province in CENTRAL_CITIES:
                return province
    return None


def province_of_locality(text: str, *, current_map: bool = False) -> str | None:
    """The province of the first district (or, on the 34-province map, commune) `text` names that
    belongs to one province only ('huyện Hòa Vang' → Đà Nẵng, 'phường Hà Giang 1' after 2025 →
    Tuyên Quang)."""
    for _at, kind, name in localities_in(text):
        if kind not in _DISTRICT_KINDS + ("thành phố",) and not current_map:
            continue  # a commune of the old map: too many share a name with one elsewhere
        province = province_of(kind, name, current_map=current_map)
        if province:
            return province
    return None


# The kinds an old-map locality may have had under a 2025 commune's name.
_OLD_KINDS = ("xã", "phường", "thị trấn", "huyện", "thành phố")


def old_map_provinces(text: str) -> list[str]:
    """Every province of the 63-province map a locality `text` names belongs to alone, under any
    kind, as the 2025 communes took the names of old communes, districts and towns ('xã Lũng Cú'
    → Hà Giang, 'phường Đồng Hới' → the old thành phố Đồng Hới, Quảng Bình). Many such names are
    shared across provinces: the caller keeps only a province its meeting's lies in now."""
    found: list[str] = []
    named = [(kind, name) for _at, kind, name in localities_in(text)]
    named += [("thành phố", m.group("old")) for m in _OLD_TOWN_SUFFIX.finditer(text)]
    for kind, name in named:
        for k in (kind, *(k for k in _OLD_KINDS if k != kind)):
            province = province_of(k, name)
            if province and province not in found:
                found.append(province)
    return found


# A 2025 ward named with the old town it was part of after a dash: "phường Lâm Viên - Đà Lạt".
_OLD_TOWN_SUFFIX = re.compile(rf"\b(?:phường|xã)\s+{UP}[^,;.()\n]{{0,30}}?\s[-–]\s(?P<old>{UP}\w*(?:\s+{UP}\w*){{0,2}})")


@lru_cache(maxsize=1)
def city_districts() -> dict[str, dict[str, tuple[str, ...]]]:
    """The districts of each centrally-run city whose names belong to it alone, by kind (what
    the metamorphic tests swap for one another, and what a role-first name never starts with)."""
    out: dict[str, dict[str, list[str]]] = {city: {} for city in CENTRAL_CITIES}
    for (kind, name), provinces in districts_table().items():
        if kind in _DISTRICT_KINDS and not name.isdigit() and len(provinces) == 1:
            city = next(iter(provinces))
            if city in out and province_of(kind, name) == city:
                out[city].setdefault(kind, []).append(name.title())
    return {city: {k: tuple(sorted(v)) for k, v in kinds.items()} for city, kinds in out.items()}


@lru_cache(maxsize=1)
def known_districts() -> tuple[str, ...]:
    """The big cities' district names, longest first (see people._district_at_start)."""
    names = {normalize_tone_marks(n) for kinds in city_districts().values() for names in kinds.values() for n in names}
    return tuple(sorted(names, key=len, reverse=True))


# A commune, ward or district and its name, or a plural's names ("phường Bình Định", "các phường
# An Nhơn, An Nhơn Bắc và Bình Định"): a locality named like a province is not that province.
_LOCALITY_NAME = r"[A-ZĐÀ-Ỹ][^\s,;.:]*(?:\s+[A-ZĐÀ-Ỹ][^\s,;.:]*)*"
_LOCALITY_NAMED = re.compile(rf"\b(?:{WARD_KIND}|{DISTRICT_KIND})\s*:?\s+{_LOCALITY_NAME}"
                             rf"(?:\s*(?:,|\svà)\s+{_LOCALITY_NAME})*")


# "Huyện Đoàn Bắc Mê", "Huyện ủy Yên Thành", "Thị đoàn Bỉm Sơn": a district's body named by its place
# (organisations.toml `place_heads`) names the district, for the province it lies in.
_HEAD_KINDS = {"huyện": "huyện", "quận": "quận", "thị": "thị xã", "thành": "thành phố"}
_DISTRICT_HEAD = re.compile(r"\b(?P<head>" + "|".join(
    re.escape(h) for h in sorted(PLACE_HEADS, key=len, reverse=True) if h.split()[0].lower() in _HEAD_KINDS)
    + rf")\s+(?={UP})")


def _heads_as_districts(text: str) -> str:
    """`text` with each district's body named by its place written as the district ('Huyện Đoàn
    Bắc Mê' → 'huyện Bắc Mê')."""
    return _DISTRICT_HEAD.sub(lambda m: _HEAD_KINDS[m.group("head").split()[0].lower()] + " ", text)


def _meeting_provinces(parts: list[str | None], whole: str, *, current_map: bool = False) -> list[str]:
    """Provinces the meeting's own phrases name (organiser, place, cluster, sentence, headline,
    lead — in that order), else the province of a district or commune they name (the wards of
    the 34-province map first for a meeting held since 1 July 2025), else a province `whole`
    names twice, else the only one it names as an administrative unit."""
    parts = list(dict.fromkeys(p for p in parts if p))  # the lead's first sentence is often `s`
    found: list[str] = []
    for part in parts:
        for p in find_provinces(_LOCALITY_NAMED.sub(" ", part)):
            if p not in found:
                found.append(p)
    if found:
        return found
    for part in map(_heads_as_districts, parts):
        city = city_of_district(part) or province_of_locality(part, current_map=current_map)
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
            m.group(0) for m in re.finditer(rf"\b{PROVINCE_KIND}\s+\S+(?:\s+\S+){{0,3}}", text))):
        return named
    return []


def _is_member(place: str, members: list[str]) -> bool:
    """'xã Tuy An Bắc' is one of ['Tuy An Bắc', 'Tuy An Nam', …]; 'thị xã Bỉm Sơn' of ['thị xã
    Bỉm Sơn', 'huyện Hà Trung', …]. Compared without the locality kind and tone-mark style."""
    def bare(name: str) -> str:
        return normalize_tone_marks(re.sub(rf"^{_LOCALITY_KIND}\s+", "", name.strip(), flags=_I)).lower()

    return bool(place) and bare(place) in {bare(m) for m in members}


def named_on(provinces: list[str], held: str) -> list[str]:
    """A meeting's provinces with the name each had on the day it was held (ISO `held`): a
    province renamed before the merger (places.toml `renamed_provinces`: Thừa Thiên Huế →
    Huế from 1 January 2025) is named as renamed from that day."""
    renamed = load("places").get("renamed_provinces", {})
    return list(dict.fromkeys(
        renamed[p]["name"] if p in renamed and held and held >= renamed[p]["from"] else p for p in provinces))


def _now(province: str) -> str:
    """The province of the 34-province map a name of either map lies in ('Yên Bái' → Lào Cai)."""
    try:
        return province_regimes(province, on=REFORM_DATE)["province"] or province
    except ValueError:
        return province


def _member_provinces(members: list[str], *, current_map: bool = False) -> list[str]:
    """Provinces of a cluster whose members are all provinces ('Cụm thi đua 5 tỉnh Tây Nguyên
    gồm Kon Tum, Gia Lai, …', 'LĐLĐ 6 tỉnh: Thanh Hóa, …': two or more as written); [] otherwise. On the 34-province map
    a former province in a member's name ('Bệnh viện Đa khoa khu vực Yên Bái', after Yên Bái
    merged into Lào Cai) is its successor's: a one-province cluster stays one province's."""
    found: list[str] = []
    written: set[str] = set()
    for member in members:
        named = find_provinces(member)
        if len(named) != 1:
            return []
        written.add(named[0])
        province = _now(named[0]) if current_map else named[0]
        if province not in found:
            found.append(province)
    return found if len(written) >= 2 else []


# Fields copied from the article, given back in its own tone-mark spelling (see _respell);
# cluster_name is canonical on purpose (parse_cluster) and provinces come from archive.places.


def _province_at_start(text: str) -> re.Match[str] | None:
    """A province's name (as places.find_provinces knows it) opening `text`, longest first."""
    text = normalize_tone_marks(text)
    return next((m for pattern, _target in _PROVINCE_PATTERNS if (m := pattern.match(text))), None)
