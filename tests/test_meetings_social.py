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



# --- the fields of a post's meeting (failed on 34) -------------------------------------------

def test_a_unit_that_hosts_the_meeting_with_honour_is_its_host() -> None:
    # "X vinh dự đăng cai Hội nghị … của Cụm …": X hosts; the cluster owns the meeting, it is not its host
    [row] = _post("Sáng 12/12, Trường THPT Lê Quý Đôn vinh dự đăng cai Hội nghị tổng kết năm 2024 của Cụm thi "
                  "đua số 3 các trường THPT thị xã Ba Đồn.", published="2024-12-12T20:00:00+07:00")
    assert row["host"] == "Trường THPT Lê Quý Đôn"


def test_a_degree_with_its_dot_before_a_name_is_a_rank() -> None:
    # "ThS. Lê Thị Bình - Giám đốc …": the degree's short form keeps its dot, the person is read
    [row] = _post("Sáng 12/12, Cụm thi đua số 3 các bệnh viện tỉnh Phú Yên tổ chức tọa đàm về cải cách hành chính.",
                  "Tham dự có BSCKII Nguyễn Văn An - Phó Giám đốc Sở Y tế; ThS. Lê Thị Bình - Giám đốc Bệnh viện "
                  "Nhi, Cụm trưởng, chủ trì tọa đàm.", published="2024-12-12T20:00:00+07:00")
    assert {a["name"] for a in row["attendees"]} == {"Nguyễn Văn An", "Lê Thị Bình"}


def test_a_count_of_base_units_opens_the_member_list() -> None:
    # "Cụm có 4 cơ sở Hội: A, B …": the association's base units counted before a colon
    [row] = _post("Sáng 12/12, Cụm thi đua số 3 Hội LHPN các xã huyện Đô Lương tổ chức hội nghị tổng kết năm 2024.",
                  "Cụm có 4 cơ sở Hội: Đông Sơn, Bắc Sơn, Nam Sơn và Tràng Sơn.", published="2024-12-12T20:00:00+07:00")
    assert row["members"] == ["Đông Sơn", "Bắc Sơn", "Nam Sơn", "Tràng Sơn"]


def test_a_locality_the_role_names_at_the_venue_hosts() -> None:
    # "… tại huyện Hữu Lũng, đơn vị Cụm trưởng": a district in a cluster of districts chairs it
    [row] = _post("Ngày 20/12, Cụm thi đua số 4 (UBND các huyện Bắc Sơn, Hữu Lũng và Bình Gia) tổng kết năm 2024 "
                  "tại huyện Hữu Lũng, đơn vị Cụm trưởng.", published="2024-12-21T08:00:00+07:00")
    assert row["host"] and row["host"].endswith("huyện Hữu Lũng")


def test_the_day_after_a_photo_album_s_captions_is_the_meetings() -> None:
    # "Một số hình ảnh tại Hội nghị … 👇", the captions, then "Hội nghị diễn ra sáng 5/7, …"
    [row] = _post("Một số hình ảnh tại Hội nghị sơ kết 6 tháng đầu năm 2024 Cụm thi đua số 1 Hội Nông dân các xã "
                  "huyện Châu Thành 👇",
                  "1️⃣ Đồng chí Trần Văn Út, Phó Chủ tịch Hội Nông dân huyện phát biểu chỉ đạo hội nghị",
                  "2️⃣ Các đại biểu tham luận tại hội nghị",
                  "3️⃣ Khen thưởng các tập thể có thành tích xuất sắc",
                  "4️⃣ Chụp ảnh lưu niệm",
                  "Hội nghị diễn ra sáng 5/7, do Hội Nông dân xã An Hiệp đăng cai.",
                  published="2024-07-06T18:30:00+07:00")
    assert row["meeting_date"] == "2024-07-05"


# --- a district named inside a body's name (failed on 36) ------------------------------------

def test_a_district_named_by_its_youth_union_gives_the_province() -> None:
    # "Đoàn các xã thuộc Huyện Đoàn Bắc Mê": the district Bắc Mê (Hà Giang) is named by its body
    [row] = _post("Ngày 5/12, tại xã Minh Sơn, Cụm thi đua số 2 Đoàn các xã thuộc Huyện Đoàn Bắc Mê tổ chức "
                  "hội nghị tổng kết công tác thi đua năm 2023.", published="2023-12-07T09:00:00+07:00")
    assert row["provinces"] == ["Hà Giang"]
