"""The meeting misses of blind site set 9 (Struts portal, Nuxt newspaper, Classic ASP) in general
form: a venue's ward named after 1 July 2025 for the city it split from holds a spaced dash
("phường Xuân Hương - Đà Lạt"), and that ward is still the place's locality, not the subject
that organises the meeting. The texts are written for these tests (people, numbers and units
invented), none taken from the blind set."""

from __future__ import annotations

from archive.meetings import extract_meetings


def _one(title: str, body: str, published: str = "2025-11-20") -> dict:
    rows = extract_meetings(title, body, published=published)
    assert rows, "no meeting found"
    return rows[0]


def test_a_ward_whose_name_holds_a_dash_stays_in_the_place_not_the_host() -> None:
    row = _one("Khối thi đua các cơ quan nội chính tỉnh sơ kết 10 tháng năm 2025",
               "Ngày 18/11, tại Hội trường Công an tỉnh, phường Cam Ly - Đà Lạt, Khối thi đua các cơ quan nội chính "
               "tỉnh tổ chức hội nghị sơ kết công tác thi đua 10 tháng năm 2025.\n\n"
               "Khối gồm 4 đơn vị: Công an tỉnh, Tòa án nhân dân tỉnh, Viện Kiểm sát nhân dân tỉnh và Sở Tư pháp; "
               "Công an tỉnh là Khối trưởng năm 2025.")
    assert row["place"] == "Hội trường Công an tỉnh, phường Cam Ly - Đà Lạt"
    assert row["host"] == "Công an tỉnh"



def test_a_ministry_department_director_is_a_title() -> None:
    row = _one("Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2025",
               "Ngày 17/7, tại Hội trường UBND tỉnh, Cụm thi đua số 5 tổ chức hội nghị sơ kết công tác thi đua 6 tháng "
               "đầu năm 2025.\n\nBà Lý Thu Trang, Vụ trưởng Vụ Thi đua - Khen thưởng, Bộ Công Thương và ông Tạ Quang Vinh, "
               "Phó Vụ trưởng Vụ Tổ chức cán bộ, Bộ Nội vụ dự hội nghị.", published="2025-07-18")
    titles = {a["name"]: a["title"] for a in row["attendees"]}
    assert titles.get("Lý Thu Trang", "").startswith("Vụ trưởng Vụ Thi đua - Khen thưởng")
    assert titles.get("Tạ Quang Vinh", "").startswith("Phó Vụ trưởng Vụ Tổ chức cán bộ")
