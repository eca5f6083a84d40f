"""The district and ward gazetteer (archive/localities.py, from the vietnamadminunits package):
a locality gives its province only when it belongs to one, on the map in force."""

from __future__ import annotations

import pytest

from archive.localities import dataset_path, localities_in, province_of
from archive.places import find_provinces

pytestmark = pytest.mark.skipif(dataset_path() is None, reason="vietnamadminunits is not installed")


@pytest.mark.parametrize("kind, name, current, province", [
    ("quận", "10", False, "TP. Hồ Chí Minh"),             # numbered districts keep their kind in the data
    ("quận", "Hai Bà Trưng", False, "Hà Nội"),
    ("huyện", "Hoà Vang", False, "Đà Nẵng"),              # old tone-mark placement
    ("thị xã", "Sơn Tây", False, "Hà Nội"),
    ("huyện", "Sơn Tây", False, None),                    # Quảng Ngãi's huyện, Hà Nội's thị xã: ambiguous
    ("huyện", "Phong Điền", False, None),                 # Cần Thơ's huyện, Huế's thị xã
    ("quận", "Thủ Đức", False, "TP. Hồ Chí Minh"),        # a thành phố since 2021: the name alone
    ("huyện", "Từ Liêm", False, "Hà Nội"),                # split in 2013: lexicons/places.toml
    ("huyện", "Yên Thành Nguyễn", False, "Nghệ An"),      # a name running on into a person's
    ("phường", "Hà Giang 1", True, "Tuyên Quang"),        # a ward of the 34-province map
    ("phường", "Quy Nhơn", True, "Gia Lai"),
])
def test_a_locality_gives_its_one_province(kind: str, name: str, current: bool, province: str | None) -> None:
    assert province_of(kind, name, current_map=current) == province


def test_localities_are_found_in_their_short_forms() -> None:
    found = localities_in("LĐLĐ Q.Hai Bà Trưng, CAH Phú Xuyên, tại phường Hà Giang 1, TX. Sơn Tây; Quận đoàn")
    assert [(k, n) for _at, k, n in found] == [("quận", "Hai Bà Trưng"), ("huyện", "Phú Xuyên"),
                                               ("phường", "Hà Giang 1"), ("thị xã", "Sơn Tây")]


def test_a_commune_named_like_a_province_is_not_the_province() -> None:
    assert find_provinces("tại phường Hà Giang 1, tỉnh Tuyên Quang") == ["Tuyên Quang"]
    assert find_provinces("UBND thị xã Quảng Trị") == ["Quảng Trị"]  # a town so named is in it
