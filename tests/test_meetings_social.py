"""Meetings reported in posts of units' social pages and messaging channels and in e-mailed
newsletters (the twelfth meeting set's layouts): no headline, the post's first line the lead,
emoji for list markers, photo caption lists.

Each test reads a text written for it (no fixture text); each failed on the meeting extractor
before the rule it pins (the version is named at each test).
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _post(lead: str, *body: str, published: str = "2025-01-16T10:00:00+07:00") -> list[dict[str, Any]]:
    """A post as the social layout gives it: no title, its first line the lead."""
    return extract_meetings("", "\n\n".join(body), lead=lead, published=published)


# --- a pictograph as a list item's marker (failed on 33) -------------------------------------

def test_a_venue_under_a_pictograph_marked_label_is_the_place() -> None:
    # "📍 Địa điểm: …" is a list item as "- Địa điểm: …" is; right after the meeting's sentence
    # it names where the meeting was held
    [row] = _post("🎊 Sáng nay, Cụm thi đua số 5 các trường THPT huyện Krông Pắc tổ chức Hội nghị sơ kết "
                  "học kỳ I năm học 2024 - 2025.",
                  "📌 Địa điểm: Hội trường Trường THPT Krông Pắc, tỉnh Đắk Lắk",
                  "Dự hội nghị có ông Y Bhim Mlô, Phó Giám đốc Sở Giáo dục và Đào tạo.")
    assert row["place"] and row["place"].startswith("Hội trường Trường THPT Krông Pắc")
    assert row["provinces"] == ["Đắk Lắk"]
    assert row["meeting_date"] == "2025-01-16"


def test_a_keycap_numbered_caption_still_names_its_people() -> None:
    # "2️⃣ Đồng chí X, …, Cụm trưởng điều hành hội nghị": the keycap taken off, a numbered photo
    # caption still names who chaired (guards the marker's removal; passed on 33 too)
    [row] = _post("Hội LHPN các xã Cụm thi đua số 2 huyện Tân Kỳ tổ chức hội nghị tổng kết năm 2024 "
                  "tại Hội trường UBND xã Nghĩa Đồng.",
                  "1️⃣ Đồng chí Phan Thị Hoa, Phó Chủ tịch Hội LHPN huyện phát biểu tại hội nghị",
                  "2️⃣ Đồng chí Lương Thị Mai, Chủ tịch Hội LHPN xã Nghĩa Đồng, Cụm trưởng điều hành hội nghị",
                  published="2024-12-18T20:00:00+07:00")
    assert {a["name"] for a in row["attendees"]} == {"Phan Thị Hoa", "Lương Thị Mai"}

