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


def test_a_list_of_kinds_after_cac_stays_in_the_title() -> None:
    row = _one("Cụm thi đua số 3 tổng kết năm 2025",
               "Ngày 10/12, tại Hội trường Sở Nội vụ, Cụm thi đua số 3 tổ chức hội nghị tổng kết công tác thi đua "
               "năm 2025.\n\nÔng Đào Minh Khang, Phó Trưởng ban Ban Dân vận phụ trách các sở, ban, ngành, "
               "Ủy viên Hội đồng Thi đua tỉnh và bà Kiều Thanh Nga, Trưởng phòng Nghiệp vụ những cơ quan, đơn vị "
               "trực thuộc dự hội nghị.", published="2025-12-11")
    titles = {a["name"]: a["title"] for a in row["attendees"]}
    assert titles["Đào Minh Khang"] == ("Phó Trưởng ban Ban Dân vận phụ trách các sở, ban, ngành, "
                                        "Ủy viên Hội đồng Thi đua tỉnh")
    assert titles["Kiều Thanh Nga"] == "Trưởng phòng Nghiệp vụ những cơ quan, đơn vị trực thuộc"


def test_a_comma_after_a_list_of_kinds_still_ends_the_title() -> None:
    row = _one("Khối thi đua số 2 sơ kết 6 tháng đầu năm 2025",
               "Ngày 15/7, tại Hội trường UBND tỉnh, Khối thi đua số 2 tổ chức hội nghị sơ kết công tác thi đua "
               "6 tháng đầu năm 2025.\n\nÔng Lạc Văn Tùng, Phó Giám đốc Sở phụ trách các bộ, ngành, địa phương, "
               "cho biết khối đã hoàn thành các chỉ tiêu.", published="2025-07-16")
    titles = {a["name"]: a["title"] for a in row["attendees"]}
    assert titles["Lạc Văn Tùng"] == "Phó Giám đốc Sở phụ trách các bộ, ngành, địa phương"


def test_titles_joined_by_commas_stay_apart_from_what_follows() -> None:
    row = _one("Cụm thi đua số 4 tổng kết năm 2025",
               "Ngày 12/12, tại Hội trường UBND tỉnh, Cụm thi đua số 4 tổ chức hội nghị tổng kết công tác thi đua "
               "năm 2025.\n\nÔng Mạc Quốc Hưng, Phó Chủ tịch UBND tỉnh, Phó Chủ tịch Hội đồng Thi đua - Khen thưởng "
               "tỉnh, các đơn vị trong cụm dự hội nghị.", published="2025-12-13")
    titles = {a["name"]: a["title"] for a in row["attendees"]}
    assert titles["Mạc Quốc Hưng"] == "Phó Chủ tịch UBND tỉnh, Phó Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh"
