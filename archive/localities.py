"""Districts and wards: which province a locality a text names belongs to, on both maps.

A report often names only its district or commune ("LĐLĐ quận 8", "CAH Phú Xuyên", "tại phường
Hà Giang 1"): the province is taken for granted by the local paper. The gazetteer comes from the
`vietnamadminunits` package (its `dataset.db`: 10,040 wards with their districts and provinces
on the 63-province map, 3,321 wards of the 34-province map since 1 July 2025) plus the few
historical names in `archive/lexicons/places.toml`. It is read straight from the package's data
file, without importing the package (whose address parser pulls in shapely and geopy), once,
on first use.

A name counts only when it belongs to one province: "huyện Phong Điền" (Huế and Cần Thơ) gives
none, "huyện Tân Phú" (Đồng Nai; the quận is Hồ Chí Minh City's) gives Đồng Nai. Provinces are
given by their official names as `archive.places` writes them (former names for the 63 map).
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from archive.lexicons import load
from archive.normalize import normalize_tone_marks
from archive.places import UnknownProvinceError, province_regimes

__all__ = ["LOCALITY", "dataset_path", "districts_table", "localities_in", "province_of"]

_UP = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# "huyện Tân Kỳ", "Q.Hai Bà Trưng", "TX. Sơn Tây", "CAH Phú Xuyên" (police of a huyện), "quận 10",
# "phường Hà Giang 1", "đặc khu Phú Quốc": a kind, then a name of one to four capitalised words
# or a number.
_KINDS = {
    "huyện": "huyện", "h.": "huyện", "cah": "huyện", "quận": "quận", "q.": "quận", "caq": "quận",
    "thị xã": "thị xã", "tx.": "thị xã", "tx": "thị xã", "catx": "thị xã", "thành phố": "thành phố",
    "tp.": "thành phố", "tp": "thành phố", "phường": "phường", "p.": "phường", "xã": "xã",
    "thị trấn": "thị trấn", "tt.": "thị trấn", "đặc khu": "đặc khu",
}
LOCALITY = re.compile(
    r"(?<![\w.])(?P<kind>[Hh]uyện|H\.|CAH|[Qq]uận|Q\.|CAQ|[Tt]hị\s+xã|TX\.?|CATX|[Tt]hành\s+phố|TP\.?|"
    r"[Pp]hường|P\.|[Xx]ã|[Tt]hị\s+trấn|TT\.|[Đđ]ặc\s+khu)\s*"
    rf"(?P<name>\d{{1,2}}\b|[{_UP}][\w'’]*(?:\s+(?:[{_UP}][\w'’]*|\d{{1,2}}\b)){{0,3}})")
_DISTRICT_KINDS = {"huyện", "quận", "thị xã", "thành phố"}


def dataset_path() -> Path | None:
    """Where the installed `vietnamadminunits` keeps its data file (None when not installed)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset.db"
    return path if path.exists() else None


@lru_cache(maxsize=16384)
def _key(name: str) -> str:
    return normalize_tone_marks(re.sub(r"\s+", " ", name)).strip().lower()


def _official(province: str) -> str | None:
    """The dataset's province name as archive.places writes it ('Hồ Chí Minh' → 'TP. Hồ Chí
    Minh', 'Huế' → 'Thừa Thiên Huế' on the 63 map)."""
    try:
        regimes = province_regimes(province, on="2025-01-01")
    except UnknownProvinceError:
        return None
    return regimes["province_former"] or regimes["province"]


def _current(province: str) -> str | None:
    try:
        return province_regimes(province)["province"]
    except UnknownProvinceError:
        return None


Table = dict[tuple[str, str], frozenset[str]]


def _short(kind: str, short: str) -> str:
    """'Quận 10' → '10': numbered districts and wards keep their kind word in the data."""
    return re.sub(rf"^{re.escape(kind)}\s+", "", short, flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def _tables() -> tuple[Table, Table, Table]:
    """(districts of the 63 map, wards of the 63 map, wards of the 34 map): (kind, name) →
    provinces (former official names for the 63 map, current ones for the 34 map)."""
    districts: dict[tuple[str, str], set[str]] = defaultdict(set)
    wards: dict[tuple[str, str], set[str]] = defaultdict(set)
    current: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name, province in load("places")["historical_districts"].items():
        districts[("huyện", _key(name))].add(province)
    path = dataset_path()
    if path is not None:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            names = {p: _official(p) for (p,) in db.execute("select distinct provinceShort from admin_units_legacy")}
            rows = "select distinct provinceShort, districtType, districtShort from admin_units_legacy"
            for province, dkind, dshort in db.execute(rows):
                if names.get(province):
                    districts[(dkind.lower(), _key(_short(dkind, dshort)))].add(names[province])
            rows = "select distinct provinceShort, wardType, wardShort from admin_units_legacy where wardShort != ''"
            for province, wkind, wshort in db.execute(rows):
                if names.get(province):
                    wards[(wkind.lower(), _key(_short(wkind, wshort)))].add(names[province])
            now = {p: _current(p) for (p,) in db.execute("select distinct provinceShort from admin_units")}
            for province, wkind, wshort in db.execute("select distinct provinceShort, wardType, wardShort from admin_units"):
                current_name = now.get(province)
                if current_name and wkind and wshort:
                    current[(wkind.lower(), _key(_short(wkind, wshort)))].add(current_name)
    freeze = lambda table: {k: frozenset(v) for k, v in table.items()}
    return freeze(districts), freeze(wards), freeze(current)


def _lookup(table: Table, kind: str, name: str, *, any_kind: bool) -> frozenset[str]:
    """Provinces of (kind, name). Districts change kind over the years (a huyện becomes a thị
    xã, a thị xã a thành phố, "quận Thủ Đức" a thành phố in 2021), and the data holds only the
    last state: a huyện named like another province's town of another kind ("huyện Phong
    Điền": Cần Thơ's huyện, Huế's thị xã) is ambiguous, and a kind the data lacks is looked up
    by its name alone."""
    key = _key(name)
    found = table.get((kind, key), frozenset())
    if not any_kind:
        return found
    others = {p for k in _DISTRICT_KINDS - {kind} for p in table.get((k, key), ())}
    if found and kind == "huyện" and others - found:
        return found | others
    return found or frozenset(others)


def province_of(kind: str, name: str, *, current_map: bool = False) -> str | None:
    """The one province a locality of this kind and name belongs to, else None. Districts and
    wards of the 63 map give a former province; with `current_map`, the wards of the 34 map are
    asked first and give a current one."""
    kind = _KINDS.get(kind.lower().replace("  ", " "), kind.lower())
    districts, wards, current = _tables()
    names = [name]
    words = name.split()
    names += [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]
    for candidate in names:
        tables = [(current, False)] if current_map and kind not in _DISTRICT_KINDS else []
        tables += [(districts, True)] if kind in _DISTRICT_KINDS else [(wards, False)]
        for table, any_kind in tables:
            found = _lookup(table, kind, candidate, any_kind=any_kind)
            if len(found) == 1:
                return next(iter(found))
            if found:
                return None  # the name is several provinces': it says nothing
    return None


def localities_in(text: str) -> list[tuple[int, str, str]]:
    """(offset, kind, name) of every locality phrase in `text`."""
    return [(m.start(), _KINDS.get(re.sub(r"\s+", " ", m.group("kind")).lower(), m.group("kind").lower()),
             m.group("name")) for m in LOCALITY.finditer(normalize_tone_marks(text or ""))]


def districts_table() -> Table:
    """(kind, name folded to lower case) → former provinces, for every district of the 63 map."""
    return _tables()[0]
