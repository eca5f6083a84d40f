"""Meeting reports in the shape the fourteenth blind site set's miss had (issue 14): a member list
opened by a count of the cluster's units ("Tham gia ký kết có 5 đơn vị trong Khối: A, B …").

Each test reads a text written for it (no fixture text); it failed on the meeting extractor
before the rule it pins (the version is named at each group).
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _one(title: str, *body: str, published: str = "2024-03-12") -> dict[str, Any]:
    [row] = extract_meetings(title, "\n\n".join(body), published=published)
    return row


# --- a count of the cluster's units before its colon (failed on 56, fixed in 57) ----------------

def test_a_count_of_the_clusters_units_before_a_colon_opens_the_members() -> None:
    row = _one("Khối thi đua các cơ quan Đảng ký kết giao ước thi đua năm 2024",
               "Sáng 11/3, Ban Tổ chức Tỉnh ủy, Khối trưởng Khối thi đua các cơ quan Đảng, tổ chức hội nghị ký "
               "kết giao ước thi đua năm 2024 tại Hội trường Tỉnh ủy.",
               "Cùng ký kết có 4 đơn vị thuộc Khối: Ban Tổ chức Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy, Ủy ban Kiểm tra "
               "Tỉnh ủy và Ban Dân vận Tỉnh ủy.")
    assert row["members"] == ["Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
                              "Ban Dân vận Tỉnh ủy"]


def test_a_count_of_the_clusters_units_without_a_colon_names_none() -> None:
    # "có 4 đơn vị trong Khối tham dự": a head count, the units are not named
    row = _one("Khối thi đua các cơ quan Đảng ký kết giao ước thi đua năm 2024",
               "Sáng 11/3, Ban Tổ chức Tỉnh ủy, Khối trưởng Khối thi đua các cơ quan Đảng, tổ chức hội nghị ký "
               "kết giao ước thi đua năm 2024 tại Hội trường Tỉnh ủy.",
               "Hội nghị có 4 đơn vị trong Khối tham dự, cùng lãnh đạo Ban Thi đua - Khen thưởng tỉnh.")
    assert row["members"] == []
