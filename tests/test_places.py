"""Provinces in text and across the 2025 reform (63 → 34), organisation names canonicalised."""

from __future__ import annotations

import sys

import pytest

from archive.places import (
    UnknownProvinceError,
    canonical_org,
    current_provinces,
    find_provinces,
    former_provinces,
    province_regimes,
)


def test_reference_tables_have_the_right_size() -> None:
    assert len(current_provinces()) == 34
    assert len(former_provinces()) == 63
    # every former province lands in a current one
    assert {new for _old, new in former_provinces().values()} == set(current_provinces())


@pytest.mark.parametrize("text, expected", [
    ("Sở VH-TT-DL TPHCM", ["TP. Hồ Chí Minh"]),
    ("Sở VHTTDL TP.HCM", ["TP. Hồ Chí Minh"]),
    ("tại TP Hồ Chí Minh", ["TP. Hồ Chí Minh"]),
    ("học tập tư tưởng Hồ Chí Minh", []),  # the President, not the city
    ("Thừa Thiên - Huế tuyên dương", ["Thừa Thiên Huế"]),
    ("LĐLĐ tỉnh Thanh Hoá và Thanh Hóa", ["Thanh Hóa"]),
    ("LĐLĐ Đồng tháp", ["Đồng Tháp"]),
    ("vì hòa bình; tỉnh Hòa Bình", ["Hòa Bình"]),
    ("giữa Cà Mau và tỉnh Kiên Giang", ["Cà Mau", "Kiên Giang"]),
    ("", []),
])
def test_find_provinces(text: str, expected: list[str]) -> None:
    assert find_provinces(text) == expected


def test_regimes_before_and_after_the_reform() -> None:
    assert province_regimes("Thanh Hoá", on="2016-07-20") == {
        "province": "Thanh Hóa", "province_former": "Thanh Hóa", "code_current": "38",
        "code_former": "38", "regime": "63"}
    # Bắc Giang merged into Bắc Ninh; its old code 24 is the new Bắc Ninh's code
    before = province_regimes("Bắc Giang", on="2020-01-01")
    assert (before["province"], before["province_former"], before["code_former"], before["code_current"]) == (
        "Bắc Ninh", "Bắc Giang", "24", "24")
    old_bac_ninh = province_regimes("Bắc Ninh", on="2020-01-01")
    assert (old_bac_ninh["code_former"], old_bac_ninh["code_current"]) == ("27", "24")
    after = province_regimes("Quảng Bình", on="2025-08-28")
    assert after == {"province": "Quảng Trị", "province_former": None, "code_current": "44",
                     "code_former": None, "regime": "34"}
    assert province_regimes("TPHCM", on="2013-05-29")["province_former"] == "TP. Hồ Chí Minh"
    assert province_regimes("Huế", on="2013-05-29")["province_former"] == "Thừa Thiên Huế"


def test_unknown_province() -> None:
    with pytest.raises(UnknownProvinceError):
        province_regimes("Atlantis")


@pytest.mark.parametrize("written, canonical", [
    ("Liên đoàn Lao động Thanh Hoá", "Liên đoàn Lao động Thanh Hóa"),
    ("LĐLĐ tỉnh Thanh Hóa", "Liên đoàn Lao động tỉnh Thanh Hóa"),
    ("Uỷ ban Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc"),
    ("UBMTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh"),
    ("Hội Liên hiệp phụ nữ", "Hội Liên hiệp Phụ nữ"),
    ("HLHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("Hội CCB huyện", "Hội Cựu chiến binh huyện"),
    ("Ban Thi đua – Khen thưởng tỉnh", "Ban Thi đua - Khen thưởng tỉnh"),
])
def test_canonical_org(written: str, canonical: str) -> None:
    assert canonical_org(written) == canonical


def test_the_table_without_the_package_names_the_34_as_the_package_does(monkeypatch):
    """The fallback (package missing) once named 7 merged provinces after the code's former owner."""
    from_package = dict(current_provinces())
    monkeypatch.setitem(sys.modules, "vietnam_provinces", None)  # import now raises ImportError
    current_provinces.cache_clear()
    try:
        assert current_provinces() == from_package
    finally:
        current_provinces.cache_clear()
