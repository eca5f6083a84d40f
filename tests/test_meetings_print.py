"""Meetings reported in printed bulletins converted to text (the eighth blind set's layout).

Each test reads sentences written for it (no fixture text), and each failed on meeting extractor
19: a PDF's text keeps the printed column's line breaks, and a stored text of it makes every line
a paragraph (archive.extract.extract_text), so the extractor read sentence fragments.
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings
from archive.meetings.unwrap import unwrap


def _printed(*lines: str) -> str:
    """Printed lines as a stored text holds them: every line a paragraph."""
    return "\n\n".join(lines)


# one printed item: the lead is the first printed line, every other line a paragraph of the body
_LEAD = "Chiều 4/11, tại Nhà văn hóa thôn Đông Lâm, Cụm thi đua số 6 Hội Cựu"
_BODY = _printed(
    "chiến binh các xã tổ chức hội nghị sơ kết công tác thi đua 9 tháng năm",
    "2024. Cụm gồm Hội Cựu chiến binh các xã Tân Lập, Hòa Sơn, Minh Đức và",
    "Trang 14",
    "BẢN TIN CỰU CHIẾN BINH - SỐ 11/2024",
    "Quang Trung; Hội Cựu chiến binh xã Tân Lập là Cụm trưởng năm 2024.",
    "Dự hội nghị có ông Mai Văn Khởi, Phó Chủ tịch Hội Cựu chiến binh huyện;",
    "ông Trịnh Công Lâm, Chủ tịch Hội Cựu chiến binh xã Tân Lập.",
)


def _rows(title: str, lead: str, body: str, published: str) -> list[dict[str, Any]]:
    return extract_meetings(title, body, lead=lead, published=published)


def test_a_printed_column_is_read_as_paragraphs_without_its_page_furniture() -> None:
    lead, body = unwrap(_LEAD, _BODY)
    # a line runs on until one closes its sentence at its end (a sentence closing inside a line
    # does not end the paragraph: the page does not say where paragraphs end); a semicolon closes
    # no sentence; the page number and the running header after it are gone
    assert lead == ("Chiều 4/11, tại Nhà văn hóa thôn Đông Lâm, Cụm thi đua số 6 Hội Cựu chiến binh các xã tổ "
                    "chức hội nghị sơ kết công tác thi đua 9 tháng năm 2024. Cụm gồm Hội Cựu chiến binh các xã "
                    "Tân Lập, Hòa Sơn, Minh Đức và Quang Trung; Hội Cựu chiến binh xã Tân Lập là Cụm trưởng năm "
                    "2024.")
    assert body == ("Dự hội nghị có ông Mai Văn Khởi, Phó Chủ tịch Hội Cựu chiến binh huyện; ông Trịnh Công Lâm, "
                    "Chủ tịch Hội Cựu chiến binh xã Tân Lập.")


def test_a_web_article_and_a_short_caption_are_left_as_they_are() -> None:
    lead = ("Sáng 3/5, Cụm thi đua số 2 Hội Nông dân tỉnh tổ chức hội nghị ký kết giao ước thi đua năm 2024 "
            "với sự tham dự của lãnh đạo 5 huyện trong Cụm.")
    body = "Toàn cảnh hội nghị\n\nCác đơn vị thống nhất 7 nội dung giao ước, trọng tâm là xây dựng nông thôn mới."
    assert unwrap(lead, body) == (lead, body)


def test_a_digests_item_runs_on_to_the_next_marker() -> None:
    body = _printed(
        "• Ngày 3/12, Hội Nông dân huyện A trao 10 con bò giống cho hội viên nghèo của",
        "các xã vùng bãi ven sông Hồng.",
        "• Ngày 5/12, Cụm thi đua số 2 Hội Nông dân tỉnh tổng kết công tác thi đua năm",
        "2024 tại Hội Nông dân huyện Tiên Lữ. Dự có ông Đào Văn Quý, Phó Chủ tịch Hội",
        "Nông dân tỉnh.",
    )
    _, got = unwrap("Tin hoạt động các cấp Hội trong tháng 12, tổng hợp từ báo cáo của cơ sở", body)
    assert got.split("\n\n")[-1] == ("• Ngày 5/12, Cụm thi đua số 2 Hội Nông dân tỉnh tổng kết công tác thi đua "
                                     "năm 2024 tại Hội Nông dân huyện Tiên Lữ. Dự có ông Đào Văn Quý, Phó Chủ "
                                     "tịch Hội Nông dân tỉnh.")


def test_a_meeting_printed_across_lines_and_a_page_break_keeps_its_fields() -> None:
    [row] = _rows("Cụm thi đua số 6 Hội Cựu chiến binh các xã sơ kết 9 tháng", _LEAD, _BODY,
                  "2024-11-12T00:00:00+07:00")
    assert (row["kind"], row["meeting_date"], row["place"], row["host"]) == (
        "sơ kết", "2024-11-04", "Nhà văn hóa thôn Đông Lâm", "Hội Cựu chiến binh xã Tân Lập")
    assert row["members"] == ["Hội Cựu chiến binh xã Tân Lập", "Hội Cựu chiến binh xã Hòa Sơn",
                              "Hội Cựu chiến binh xã Minh Đức", "Hội Cựu chiến binh xã Quang Trung"]
    assert [a["name"] for a in row["attendees"]] == ["Mai Văn Khởi", "Trịnh Công Lâm"]


def test_a_page_number_between_dashes_is_page_furniture_not_a_list_item() -> None:
    lead = "Ngày 6/3, Cụm thi đua số 1 Ủy ban MTTQ các xã tổ chức hội nghị ký kết giao"
    body = _printed("ước thi đua năm 2025. Cụm gồm Ủy ban MTTQ các xã Nà Hang, Thượng Lâm,", "- Tr. 3 -",
                    "Bản tin Mặt trận huyện Lâm Bình", "Khuôn Hà và Lăng Can. Ủy ban MTTQ xã Nà Hang là Cụm",
                    "trưởng, đăng cai hội nghị.", "Nông Văn Dũng")
    assert unwrap(lead, body) == (
        ("Ngày 6/3, Cụm thi đua số 1 Ủy ban MTTQ các xã tổ chức hội nghị ký kết giao ước thi đua năm 2025. Cụm gồm "
         "Ủy ban MTTQ các xã Nà Hang, Thượng Lâm, Khuôn Hà và Lăng Can. Ủy ban MTTQ xã Nà Hang là Cụm trưởng, đăng "
         "cai hội nghị."), "Nông Văn Dũng")


def test_a_youth_officer_addressed_as_anh_opening_the_sentence() -> None:
    [row] = _rows("Cụm thi đua số 4 Huyện đoàn sơ kết", "Sáng 9/7, Cụm thi đua số 4 Tỉnh đoàn Nghệ An tổ chức hội "
                  "nghị sơ kết công tác Đoàn 6 tháng đầu năm 2024.", "Anh Hồ Đức Phương, Bí thư Huyện đoàn Nam "
                  "Đàn, Cụm trưởng, chủ trì hội nghị. Chị Trần Thị Mơ phát biểu cảm ơn.", "2024-07-10T00:00:00+07:00")
    # a person addressed so counts only with a role after the name
    assert [(a["name"], a["title"]) for a in row["attendees"]] == [
        ("Hồ Đức Phương", "Bí thư Huyện đoàn Nam Đàn, Cụm trưởng")]


def test_a_clause_about_the_members_after_the_last_one_is_no_member() -> None:
    from archive.meetings.members import parse_members

    assert parse_members("Cụm gồm Hội LHPN các xã Yên Hòa, Yên Phú và Yên Thuận, đều thuộc huyện Hàm Yên cũ.") == [
        "Hội LHPN xã Yên Hòa", "Hội LHPN xã Yên Phú", "Hội LHPN xã Yên Thuận"]
    # a locality kind after the comma goes on with the list
    assert parse_members("Cụm gồm Hội LHPN các xã Yên Hòa, Yên Phú và thị trấn Tân Yên, huyện Hàm Yên.") == [
        "Hội LHPN xã Yên Hòa", "Hội LHPN xã Yên Phú", "Hội LHPN thị trấn Tân Yên", "Hội LHPN huyện Hàm Yên"]


def test_the_venues_commune_district_and_province_are_no_subject() -> None:
    [row] = _rows("Cụm thi đua số 3 phát động thi đua", "Ngày 2/3/2024, tại xã Cư Bao, thị xã Buôn Hồ, tỉnh Đắk Lắk, "
                  "Cụm thi đua số 3 Hội Nông dân các xã tổ chức lễ phát động thi đua năm 2024.",
                  "Hội Nông dân xã Cư Bao là Cụm trưởng, đăng cai buổi lễ.", "2024-03-04T00:00:00+07:00")
    assert (row["host"], row["place"]) == ("Hội Nông dân xã Cư Bao", "xã Cư Bao")


def test_the_building_of_a_unit_named_as_cluster_head_makes_it_the_host() -> None:
    [row] = _rows("Cụm thi đua số 1 tổng kết", "Ngày 15/12/2025, tại trụ sở Hội Cựu chiến binh xã Yên Minh, đơn vị "
                  "Cụm trưởng, Cụm thi đua số 1 Hội Cựu chiến binh các xã tổ chức hội nghị tổng kết năm 2025.", "",
                  published="2025-12-16T00:00:00+07:00")
    assert (row["host"], row["place"]) == ("Hội Cựu chiến binh xã Yên Minh", "trụ sở Hội Cựu chiến binh xã Yên Minh")


def test_the_host_named_apart_says_where_in_the_same_sentence() -> None:
    [row] = _rows("Cụm thi đua số 2 tổng kết", "Ngày 10/1/2024, Cụm thi đua số 2 Ủy ban MTTQ Việt Nam các huyện tổ "
                  "chức hội nghị tổng kết công tác thi đua năm 2023.", "Ủy ban MTTQ Việt Nam huyện Thăng Bình đăng "
                  "cai tổ chức hội nghị tại Hội trường Huyện ủy Thăng Bình.", "2024-01-12T00:00:00+07:00")
    assert (row["host"], row["place"]) == ("Ủy ban MTTQ Việt Nam huyện Thăng Bình", "Hội trường Huyện ủy Thăng Bình")


def test_a_province_renamed_before_the_merger_is_named_as_on_the_meetings_day() -> None:
    lead = "{day}, Hội Nông dân thành phố Huế tổ chức hội nghị sơ kết công tác thi đua 6 tháng đầu năm."
    [renamed] = _rows("Sơ kết", lead.format(day="Ngày 24/6/2025"), "", "2025-06-27T00:00:00+07:00")
    [before] = _rows("Sơ kết", lead.format(day="Ngày 24/6/2024"), "", "2024-06-27T00:00:00+07:00")
    assert (renamed["provinces"], before["provinces"]) == (["Huế"], ["Thừa Thiên Huế"])
    assert renamed["province_former"] == before["province_former"] == "Thừa Thiên Huế"


def test_a_numbered_attendance_list_keeps_one_person_a_paragraph() -> None:
    body = _printed(
        "hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2024. Thành phần dự hội",
        "nghị:",
        "1. Ông Hà Văn Tuấn, Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện Bảo Lạc;",
        "2. Bà Nông Thị Nhung, Chủ tịch Ủy ban MTTQ Việt Nam xã Hưng Đạo, Cụm",
        "trưởng.",
    )
    _, got = unwrap("Ngày 5/7, Cụm thi đua số 2 Ủy ban MTTQ Việt Nam các xã tổ chức", body)
    assert got.split("\n\n") == [
        "1. Ông Hà Văn Tuấn, Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện Bảo Lạc;",
        "2. Bà Nông Thị Nhung, Chủ tịch Ủy ban MTTQ Việt Nam xã Hưng Đạo, Cụm trưởng."]
