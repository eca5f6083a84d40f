"""Provinces: the 63 of the former regime, the 34 since 2025-07-01, and how texts write them.

Every article and meeting carries the province as it was when published (63 provinces before
2025-07-01) and the current one (34), because researchers search old reports under the old
name and compare across years under the new one. Codes are labelled by regime: after the
merger a code can name a different province (24 was Bắc Giang, is now Bắc Ninh).

The 34 current provinces and their codes come from the `vietnam-provinces` package. The
former provinces and which current province absorbed each are the official 2025 merger
(Resolution 202/2025/QH15), the same table `vietnamadminunits` ships as its 63→34 converter;
it is small and fixed, so it lives here rather than pulling that package's geo dependencies.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from archive.normalize import normalize_tone_marks
from archive.organisations import canonical_org  # re-exported: the contract names it here

__all__ = [
    "REFORM_DATE",
    "UnknownProvinceError",
    "canonical_org",
    "current_provinces",
    "find_provinces",
    "former_provinces",
    "province_mentions",
    "province_regimes",
]

REFORM_DATE = date(2025, 7, 1)


class UnknownProvinceError(ValueError):
    """A name that is neither a former (63) nor a current (34) province."""


# former name, former code, current code (the province that absorbed it since 2025-07-01)
_FORMER: tuple[tuple[str, str, str], ...] = (
    ("Hà Nội", "01", "01"), ("Hà Giang", "02", "08"), ("Cao Bằng", "04", "04"),
    ("Bắc Kạn", "06", "19"), ("Tuyên Quang", "08", "08"), ("Lào Cai", "10", "15"),
    ("Điện Biên", "11", "11"), ("Lai Châu", "12", "12"), ("Sơn La", "14", "14"),
    ("Yên Bái", "15", "15"), ("Hòa Bình", "17", "25"), ("Thái Nguyên", "19", "19"),
    ("Lạng Sơn", "20", "20"), ("Quảng Ninh", "22", "22"), ("Bắc Giang", "24", "24"),
    ("Phú Thọ", "25", "25"), ("Vĩnh Phúc", "26", "25"), ("Bắc Ninh", "27", "24"),
    ("Hải Dương", "30", "31"), ("Hải Phòng", "31", "31"), ("Hưng Yên", "33", "33"),
    ("Thái Bình", "34", "33"), ("Hà Nam", "35", "37"), ("Nam Định", "36", "37"),
    ("Ninh Bình", "37", "37"), ("Thanh Hóa", "38", "38"), ("Nghệ An", "40", "40"),
    ("Hà Tĩnh", "42", "42"), ("Quảng Bình", "44", "44"), ("Quảng Trị", "45", "44"),
    ("Thừa Thiên Huế", "46", "46"), ("Đà Nẵng", "48", "48"), ("Quảng Nam", "49", "48"),
    ("Quảng Ngãi", "51", "51"), ("Bình Định", "52", "52"), ("Phú Yên", "54", "66"),
    ("Khánh Hòa", "56", "56"), ("Ninh Thuận", "58", "56"), ("Bình Thuận", "60", "68"),
    ("Kon Tum", "62", "51"), ("Gia Lai", "64", "52"), ("Đắk Lắk", "66", "66"),
    ("Đắk Nông", "67", "68"), ("Lâm Đồng", "68", "68"), ("Bình Phước", "70", "75"),
    ("Tây Ninh", "72", "80"), ("Bình Dương", "74", "79"), ("Đồng Nai", "75", "75"),
    ("Bà Rịa - Vũng Tàu", "77", "79"), ("TP. Hồ Chí Minh", "79", "79"), ("Long An", "80", "80"),
    ("Tiền Giang", "82", "82"), ("Bến Tre", "83", "86"), ("Trà Vinh", "84", "86"),
    ("Vĩnh Long", "86", "86"), ("Đồng Tháp", "87", "82"), ("An Giang", "89", "91"),
    ("Kiên Giang", "91", "91"), ("Cần Thơ", "92", "92"), ("Hậu Giang", "93", "92"),
    ("Sóc Trăng", "94", "92"), ("Bạc Liêu", "95", "96"), ("Cà Mau", "96", "96"),
)

# Other ways texts write a province (matched case-sensitively on the first letter, see below).
_VARIANTS: dict[str, tuple[str, ...]] = {
    "TP. Hồ Chí Minh": ("TPHCM", "TP.HCM", "TP HCM", "TP. HCM", "Tp.HCM", "Tp HCM", "TP.Hồ Chí Minh",
                        "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh",
                        "thành phố Hồ Chí Minh", "Tp. Hồ Chí Minh", "Tp Hồ Chí Minh"),
    "Thừa Thiên Huế": ("Thừa Thiên - Huế", "Thừa Thiên-Huế", "Thừa Thiên – Huế", "Huế"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa Vũng Tàu", "BR-VT", "Vũng Tàu"),
    "Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Daklak", "Đắklắk"),
    "Đắk Nông": ("Đăk Nông", "Đắc Nông", "Daknong"),
    "Bắc Kạn": ("Bắc Cạn",),
    "Kon Tum": ("Kontum", "Kon-Tum"),
    "Hà Nội": ("Thủ đô Hà Nội",),
}

_CURRENT_SHORT = {"Thành phố Hà Nội": "Hà Nội", "Thành phố Hải Phòng": "Hải Phòng",
                  "Thành phố Huế": "Huế", "Thành phố Đà Nẵng": "Đà Nẵng",
                  "Thành phố Hồ Chí Minh": "TP. Hồ Chí Minh", "Thành phố Cần Thơ": "Cần Thơ"}


# A merged province keeps one former code but not always that province's name (15 was Yên Bái,
# is now Lào Cai): the fallback below needs these written out.
_RENAMED_CODES = {"15": "Lào Cai", "24": "Bắc Ninh", "44": "Quảng Trị", "46": "Huế",
                  "52": "Gia Lai", "80": "Tây Ninh", "82": "Đồng Tháp", "91": "An Giang"}


@lru_cache(maxsize=1)
def current_provinces() -> dict[str, str]:
    """Current (34) province code → short name, from the `vietnam-provinces` package."""
    try:
        from vietnam_provinces import Province

        return {f"{p.code.value:02d}": _CURRENT_SHORT.get(p.name, p.name) for p in Province.iter_all()}
    except (ImportError, AttributeError):  # package missing or API changed: the table names them
        names = {code: name for name, code, _ in _FORMER}
        return {new: _RENAMED_CODES.get(new) or names[new] for _, _, new in _FORMER}


def former_provinces() -> dict[str, tuple[str, str]]:
    """Former (63) name → (former code, current code)."""
    return {name: (old, new) for name, old, new in _FORMER}


def _key(name: str) -> str:
    from archive.normalize import fold

    return re.sub(r"[^a-z0-9]", "", fold(normalize_tone_marks(name)).replace("thanh pho", "")
                  .replace("tinh ", "").replace("tp.", "").replace("tp ", ""))


@lru_cache(maxsize=1)
def _lookup() -> dict[str, tuple[str | None, str | None]]:
    """Folded key → (former name or None, current name or None)."""
    table: dict[str, tuple[str | None, str | None]] = {}
    current = current_provinces()
    for name, _old, new in _FORMER:
        table[_key(name)] = (name, current.get(new))
    for variants_of, variants in _VARIANTS.items():
        for v in variants:
            table.setdefault(_key(v), table[_key(variants_of)])
    for name in current.values():
        k = _key(name)
        if k not in table:
            table[k] = (None, name)
    return table


def _mention_patterns() -> list[tuple[re.Pattern[str], str]]:
    names: dict[str, str] = {}
    for name, _old, _new in _FORMER:
        names[name] = name
    for target, variants in _VARIANTS.items():
        for v in variants:
            names[v] = target
    patterns = []
    for written, target in names.items():
        if target == "TP. Hồ Chí Minh" and written.endswith("Hồ Chí Minh") and "TP" not in written \
                and "hành phố" not in written:
            continue
        body = re.escape(written)
        if written == "TP. Hồ Chí Minh":
            body = r"TP\.?\s*Hồ\s+Chí\s+Minh"
        # First letter as written (upper case): "hòa bình" (peace) is not Hòa Bình province, but
        # the rest of the name is case-insensitive ("Đồng tháp").
        first, rest = body[0], body[1:]
        pattern = rf"(?<![\w.]){re.escape(first) if first.isalnum() else first}(?i:{rest})(?![\w])"
        patterns.append((re.compile(pattern), target))
    patterns.sort(key=lambda p: len(p[0].pattern), reverse=True)
    return patterns


_PATTERNS = _mention_patterns()
# "Hồ Chí Minh" alone is the President far more often than the city; "Huế" is handled as a
# city only when written with TP/thành phố or the full "Thừa Thiên Huế" form is absent.
_HUE_NOISE = re.compile(r"(?i:cố đô|xứ|ca|nhã nhạc|bún|áo dài)\s+Huế")


# A commune or district named like a province is not the province: "phường Hà Giang 1" (Tuyên
# Quang since 2025), "xã Thanh Hóa" (Quảng Bình). A town or city so named is in it ("thành phố
# Hà Tĩnh").
_COMMUNE_BEFORE = re.compile(r"(?:\b(?:[Pp]hường|(?<!thị\s)(?<!Thị\s)[Xx]ã|[Hh]uyện|[Qq]uận|[Tt]hị\s+trấn|[Đđ]ặc\s+khu)|\bP\.|\bQ\.)\s*$")


def province_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, official former name) of every province named in `text`, in text order;
    offsets are those of `text` (tone-mark placement does not move characters)."""
    if not text:
        return []
    return list(_mentions(text))


@lru_cache(maxsize=4096)
def _mentions(text: str) -> tuple[tuple[int, int, str], ...]:
    """Cached: the meeting stages ask about the same sentence and title several times."""
    text = normalize_tone_marks(text)
    hits: list[tuple[int, int, str]] = []
    for pattern, target in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _t in hits):
                continue
            if target == "Thừa Thiên Huế" and m.group(0) == "Huế" and _HUE_NOISE.search(
                    text[max(0, m.start() - 12):m.end()]):
                continue
            if _COMMUNE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
                continue  # "phường Hà Giang 1", "xã Thanh Hóa": a commune named like a province
            hits.append((m.start(), m.end(), target))
    return tuple(sorted(hits))


def find_provinces(text: str) -> list[str]:
    """Provinces named in `text`, in order of first mention, by their official (former) name.

    Handles 'TPHCM', 'TP.HCM', 'Thừa Thiên - Huế', 'Thanh Hoá' vs 'Thanh Hóa', 'tỉnh X' and
    lower-case second syllables ('Đồng tháp'). 'Hồ Chí Minh' without 'TP'/'thành phố' is not
    a province (it is usually the President: 'tư tưởng Hồ Chí Minh').
    """
    return list(dict.fromkeys(target for _s, _e, target in province_mentions(text)))


def _as_date(on: date | datetime | str | None) -> date | None:
    if on is None or on == "":
        return None
    if isinstance(on, datetime):
        return on.date()
    if isinstance(on, date):
        return on
    try:
        return date.fromisoformat(str(on)[:10])
    except ValueError:
        return None


def province_regimes(name: str, on: date | datetime | str | None = None) -> dict[str, str | None]:
    """Both regimes of one province name (former or current, as texts write it).

    Returns {province (current, 34), province_former (63-regime name when `on` is before
    2025-07-01 or unknown, else None), code_current, code_former, regime ("63" or "34", the
    regime in force on `on`; "63" when `on` is unknown and the name is a former province)}.
    A current name that merged several former provinces ("An Giang" since 2025) is read as the
    former province of the same name. Raises UnknownProvinceError for anything else.
    """
    entry = _lookup().get(_key(name))
    if entry is None:
        found = find_provinces(name)
        entry = _lookup().get(_key(found[0])) if found else None
    if entry is None:
        raise UnknownProvinceError(f"not a Vietnamese province: {name!r}")
    former, current = entry
    when = _as_date(on)
    old_new = former_provinces().get(former) if former else None
    code_current = old_new[1] if old_new else next(
        (c for c, n in current_provinces().items() if n == current), None)
    before = when is None or when < REFORM_DATE
    return {
        "province": current,
        "province_former": former if before else None,
        "code_current": code_current,
        "code_former": old_new[0] if old_new and before else None,
        "regime": "63" if (when is not None and when < REFORM_DATE) or (when is None and former) else "34",
    }

