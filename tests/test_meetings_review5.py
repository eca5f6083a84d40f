"""Meeting reports in shapes the fifth review's probes of extractor versions 39-51 found missed
(issue 14): a quoted phrase in lower case after an honouring verb, province units after a field
word or a place head in a member list, a member count with a locality noun running on to its
colon, a titled holder of the rotating role set off by dashes.

Each test reads a text written for it (no fixture text); each failed on meeting extractor 53.
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _one(title: str, *body: str, lead: str | None = None, published: str | None = "2024-07-10") -> dict[str, Any]:
    [row] = extract_meetings(title, "\n\n".join(body), lead=lead, published=published)
    return row


def test_a_quoted_phrase_in_lower_case_is_no_emulation_title() -> None:
    # a title is capitalised ("Sinh viên 5 tốt"); "những việc làm hay" in quotes is a phrase, and a
    # letter praising deeds is no meeting
    assert extract_meetings(
        "Thư khen “những việc làm hay” của học sinh",
        "Phòng Giáo dục huyện Đức Trọng vừa gửi thư biểu dương “những việc làm hay” của học sinh trong đợt "
        "mưa bão.", lead=None, published="2024-09-20") == []


def test_province_units_after_a_field_word_are_members_of_their_own() -> None:
    row = _one("Khối thi đua các cơ quan truyền thông ký kết giao ước",
               "Sáng 4/3, Khối thi đua các cơ quan truyền thông tỉnh Phú Thọ tổ chức ký kết giao ước thi đua năm 2024.",
               "Khối gồm Báo Phú Thọ, Đài Phát thanh, Truyền hình Phú Thọ, VNPT Phú Thọ và Viettel Phú Thọ.",
               published="2024-03-05")
    assert row["members"] == ["Báo Phú Thọ", "Đài Phát thanh, Truyền hình Phú Thọ", "VNPT Phú Thọ", "Viettel Phú Thọ"]


def test_province_units_after_a_place_head_take_no_head() -> None:
    row = _one("Khối thi đua bưu chính, viễn thông sơ kết",
               "Chiều 9/7, Khối thi đua bưu chính, viễn thông tỉnh Kon Tum tổ chức hội nghị sơ kết 6 tháng đầu năm 2024.",
               "Khối gồm Bưu điện tỉnh Kon Tum, Viettel Kon Tum, MobiFone Kon Tum và VNPT Kon Tum.")
    assert row["members"] == ["Bưu điện tỉnh Kon Tum", "Viettel Kon Tum", "MobiFone Kon Tum", "VNPT Kon Tum"]


def test_a_count_of_localities_running_on_to_its_colon_opens_the_names() -> None:
    row = _one("Cụm thi đua các phường ven sông ký kết giao ước",
               "Sáng 6/3, Cụm thi đua các phường ven sông tỉnh Đồng Tháp tổ chức ký kết giao ước thi đua năm 2025.",
               "Cụm có 4 phường thuộc thành phố Cao Lãnh (cũ) sau sắp xếp: phường Mỹ Ngãi, phường Mỹ Trà, "
               "phường Cao Lãnh và phường Mỹ Phú.", published="2025-03-07")
    assert len(row["members"]) == 4


def test_a_titled_holder_of_the_role_set_off_by_dashes_names_the_host() -> None:
    row = _one("Khối thi đua các sở sơ kết",
               "Ngày 8/7, Khối thi đua các sở khối xã hội tỉnh Hòa Bình tổ chức hội nghị sơ kết 6 tháng đầu năm 2024.",
               "Ông Bùi Văn Khánh – Giám đốc Sở Giáo dục và Đào tạo, Trưởng khối – chủ trì hội nghị.")
    assert row["host"] == "Sở Giáo dục và Đào tạo"


def test_delegates_of_the_leadership_of_localities_are_a_clusters_members() -> None:
    # "đại diện lãnh đạo UBND các huyện …" as "đại diện UBND các huyện …" (the leaders' delegates)
    row = _one("Cụm thi đua các huyện vùng cao ký kết giao ước",
               "Sáng 14/3, Cụm thi đua các huyện vùng cao tỉnh Hà Giang tổ chức ký kết giao ước thi đua năm 2024.",
               "Tham dự có đại diện lãnh đạo UBND các huyện Đồng Văn, Mèo Vạc, Yên Minh và Quản Bạ.",
               published="2024-03-15")
    assert row["members"] == ["UBND huyện Đồng Văn", "UBND huyện Mèo Vạc", "UBND huyện Yên Minh", "UBND huyện Quản Bạ"]


def test_delegates_of_localities_at_a_provincial_meeting_are_no_members() -> None:
    row = _one("Tỉnh Hà Giang tổng kết thi đua năm 2024",
               "Sáng 9/1, UBND tỉnh Hà Giang tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2024.",
               "Tham dự có đại diện lãnh đạo UBND các huyện Đồng Văn, Mèo Vạc, Yên Minh và Quản Bạ.",
               published="2025-01-10")
    assert row["members"] == []


def test_a_titled_holder_of_the_role_in_brackets_who_chairs_names_the_host() -> None:
    row = _one("Cụm thi đua số 2 sơ kết",
               "Chiều 5/7, Cụm thi đua số 2 tỉnh Hưng Yên tổ chức hội nghị sơ kết 6 tháng đầu năm 2024.",
               "Ông Đỗ Văn Hùng, Chủ tịch UBND huyện Văn Lâm (Cụm trưởng) chủ trì hội nghị.")
    assert row["host"] == "UBND huyện Văn Lâm"


def test_a_titled_holder_of_the_role_in_brackets_who_speaks_names_no_host() -> None:
    row = _one("Cụm thi đua số 2 sơ kết",
               "Chiều 5/7, Cụm thi đua số 2 tỉnh Hưng Yên tổ chức hội nghị sơ kết 6 tháng đầu năm 2024 tại huyện Yên Mỹ.",
               "Ông Đỗ Văn Hùng, Chủ tịch UBND huyện Văn Lâm (Cụm trưởng) phát biểu tại hội nghị.")
    assert "Văn Lâm" not in (row["host"] or "")


def test_a_role_opening_the_subject_linked_by_la_names_the_unit_after_it() -> None:
    row = _one("Khối thi đua các cơ quan tham mưu sơ kết",
               "Ngày 9/7, đơn vị Khối trưởng năm 2024 là Văn phòng Tỉnh ủy Lạng Sơn tổ chức hội nghị sơ kết công tác thi "
               "đua 6 tháng đầu năm 2024 Khối thi đua các cơ quan tham mưu.")
    assert row["host"] == "Văn phòng Tỉnh ủy Lạng Sơn"
