"""The meeting misses of blind site set 11 (custom PHP, Gatsby, Angular Universal) in general form:
a school term names its own months ("sơ kết học kỳ I năm học 2023 - 2024" reviews September to
January, not the whole school year), and a district office written with its field's short form
("Phòng GD&ĐT huyện X", as every education cluster's member list writes it) is the same
organisation as "Phòng Giáo dục và Đào tạo huyện X". The texts are written for these tests
(people, numbers and units invented), none taken from the blind set."""

from __future__ import annotations

import pytest

from archive.meetings import extract_meetings
from archive.meetings.periods import parse_period
from archive.organisations import canonical_org

TERM_REPORT = ("Ngày 22/1, tại Hội trường Phòng GD&ĐT huyện Krông Pa, Cụm thi đua số 4 ngành Giáo dục tổ chức hội nghị "
               "sơ kết học kỳ I năm học 2023 - 2024.\n\nCụm gồm Phòng GD&ĐT các huyện Krông Pa, Ia Pa và Phú Thiện; "
               "Phòng GD&ĐT huyện Krông Pa là Cụm trưởng năm học 2023 - 2024.")


def test_a_first_term_is_september_to_january() -> None:
    rows = extract_meetings("Cụm thi đua số 4 ngành Giáo dục sơ kết học kỳ I", TERM_REPORT, published="2024-01-23")
    assert rows
    assert (rows[0]["period_label"], rows[0]["period_start"], rows[0]["period_end"]) == \
        ("học kỳ I năm học 2023 - 2024", "2023-09-01", "2024-01-31")


@pytest.mark.parametrize("text, start, end", [
    ("sơ kết học kỳ II năm học 2022-2023", "2023-02-01", "2023-08-31"),
    ("sơ kết học kì 1 năm học 2021 – 2022", "2021-09-01", "2022-01-31"),
    ("tổng kết năm học 2021 - 2022", "2021-09-01", "2022-08-31"),   # the whole year, as before
])
def test_a_terms_months(text: str, start: str, end: str) -> None:
    found = parse_period(text)
    assert found and (found["period_start"], found["period_end"]) == (start, end)


@pytest.mark.parametrize("written, canonical", [
    ("Phòng GD&ĐT huyện Krông Pa", "Phòng Giáo dục và Đào tạo huyện Krông Pa"),
    ("Phòng GD-ĐT thị xã Ayun Pa", "Phòng Giáo dục và Đào tạo thị xã Ayun Pa"),
    ("Phòng LĐ-TB&XH huyện Ia Pa", "Phòng Lao động - Thương binh và Xã hội huyện Ia Pa"),
    ("Phòng TN&MT huyện Phú Thiện", "Phòng Tài nguyên và Môi trường huyện Phú Thiện"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),   # as before
])
def test_a_district_office_written_short_is_the_office(written: str, canonical: str) -> None:
    assert canonical_org(written) == canonical
