"""The rules added after the ninth blind meeting set (tests/fixtures/meetings/blind9: aggregator texts
from courts, customs, tax, the army, hospitals, universities, schools and banks, in the press's own
styles), each on sentences written for this file."""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _rows(title: str, lead: str | None, body: str = "", published: str | None = "2024-12-22T08:00:00+07:00") -> list[dict[str, Any]]:
    return extract_meetings(title, body, lead=lead, published=published)


def test_a_requirement_voiced_at_the_meeting_is_no_plan() -> None:
    # the quote first, then "Đó là yêu cầu được X nêu tại hội nghị …": the requirement is what was
    # said at the meeting the sentence reports, not a plan of one
    lead = ("“Mỗi hồ sơ hoàn thuế phải được giải quyết đúng hẹn”. Đó là yêu cầu được bà Nguyễn Thị Hạnh, Phó "
            "Cục trưởng Cục Thuế, đưa ra tại hội nghị tổng kết công tác thi đua năm 2024 của Cụm thi đua số 3 "
            "ngành Thuế, tổ chức ngày 20-12 tại TP Vinh.")
    [row] = _rows("Cụm thi đua số 3 ngành Thuế tổng kết năm 2024", lead, "Hội nghị có 6 đơn vị tham dự.")
    assert (row["kind"], row["meeting_date"], row["period_label"]) == ("tổng kết", "2024-12-20", "năm 2024")
    assert row["place"] == "TP Vinh"
    # "Đó là yêu cầu của …" without the passive, the same
    lead2 = lead.replace("yêu cầu được bà Nguyễn Thị Hạnh, Phó Cục trưởng Cục Thuế, đưa ra tại",
                         "yêu cầu của bà Nguyễn Thị Hạnh, Phó Cục trưởng Cục Thuế, tại")
    [row] = _rows("Cụm thi đua số 3 ngành Thuế tổng kết năm 2024", lead2)
    assert row["meeting_date"] == "2024-12-20"


def test_a_plan_that_asks_for_a_meeting_still_voids_it() -> None:
    # the requirement is the plan's, and the meeting it names is to come
    lead = ("Ban Thi đua - Khen thưởng tỉnh yêu cầu các cụm thi đua tổ chức hội nghị tổng kết công tác thi đua "
            "năm 2024 trước ngày 20-12.")
    assert _rows("Hướng dẫn công tác thi đua cuối năm", lead) == []


def test_a_purpose_word_inside_a_quote_is_the_speaker_s() -> None:
    # "“Thi đua để …” là thông điệp được … thống nhất tại hội nghị sơ kết …": the "để" is the
    # slogan's, not a purpose of the sentence that reports the meeting
    lead = ("“Thi đua để người bệnh hài lòng hơn” là thông điệp được các bệnh viện thống nhất tại hội nghị sơ kết "
            "6 tháng đầu năm 2024 của Cụm thi đua số 2 các bệnh viện tuyến tỉnh, tổ chức ngày 12/7 tại Bệnh viện "
            "Đa khoa tỉnh Hà Tĩnh.")
    [row] = _rows("Cụm thi đua các bệnh viện sơ kết 6 tháng", lead, published="2024-07-14T08:00:00+07:00")
    assert (row["kind"], row["meeting_date"]) == ("sơ kết", "2024-07-12")
    assert row["place"] == "Bệnh viện Đa khoa tỉnh Hà Tĩnh"
    # outside a quote, a purpose still voids the trigger it governs
    plain = ("Các bệnh viện thống nhất cách chấm điểm để xếp hạng tại hội nghị sơ kết 6 tháng đầu năm 2024 "
             "của Cụm thi đua số 2 các bệnh viện tuyến tỉnh.")
    assert _rows("Các bệnh viện thống nhất cách chấm điểm", plain) == []


def test_courts_and_procuracies_are_organisations() -> None:
    # "TAND tỉnh X", "VKSND tỉnh Y" (organisations.toml): a unit that chairs, a member's head
    lead = ("Ngày 14-7, Cụm thi đua số 2 TAND các tỉnh Bắc Trung Bộ tổ chức hội nghị sơ kết công tác thi đua "
            "6 tháng đầu năm 2014 tại TP Đồng Hới.")
    body = "Hội nghị do TAND tỉnh Quảng Bình, đơn vị Cụm trưởng năm 2014, chủ trì."
    [row] = _rows("TAND các tỉnh Bắc Trung Bộ sơ kết 6 tháng", lead, body, "2014-07-16T08:00:00+07:00")
    assert row["host"] == "TAND tỉnh Quảng Bình"
    body = "VKSND tỉnh Quảng Bình (đơn vị Khối trưởng năm 2014) chủ trì hội nghị."
    [row] = _rows("VKSND các tỉnh Bắc Trung Bộ sơ kết 6 tháng", lead.replace("TAND", "VKSND").replace("Cụm", "Khối"),
                  body, "2014-07-16T08:00:00+07:00")
    assert row["host"] == "VKSND tỉnh Quảng Bình"


def test_a_late_report_s_opening_is_no_organiser() -> None:
    # "Tuần trước, ngày 29/12, Khối … đã tổ chức …": when it was, not who organised it
    lead = ("Tuần trước, ngày 27/12, Khối thi đua các ngân hàng thương mại tỉnh Hà Giang đã tổ chức hội nghị "
            "tổng kết phong trào thi đua năm 2024.")
    body = "Hội nghị do Vietinbank Chi nhánh Hà Giang, đơn vị Khối trưởng năm 2024, chủ trì."
    [row] = _rows("Khối thi đua ngân hàng Hà Giang tổng kết năm 2024", lead, body, "2025-01-03T08:00:00+07:00")
    assert (row["host"], row["meeting_date"]) == ("Vietinbank Chi nhánh Hà Giang", "2024-12-27")


def test_a_head_count_then_a_clause_is_no_member_list() -> None:
    # "Khối hiện có 15 tổ chức tín dụng sau khi hai tỉnh A, B hợp nhất": the count names no member
    lead = ("Ngày 26/12, Khối thi đua các tổ chức tín dụng tỉnh Tuyên Quang tổ chức hội nghị tổng kết phong trào "
            "thi đua năm 2025.")
    body = "Khối hiện có 15 tổ chức tín dụng sau khi hai tỉnh Tuyên Quang, Hà Giang hợp nhất."
    [row] = _rows("Khối thi đua các tổ chức tín dụng tổng kết năm 2025", lead, body, "2025-12-28T08:00:00+07:00")
    assert row["members"] == []
    # a count that heads the names still lists them
    body = "Khối hiện có 3 tổ chức tín dụng: Agribank Chi nhánh Tuyên Quang, BIDV Chi nhánh Tuyên Quang và Vietinbank Chi nhánh Tuyên Quang."
    [row] = _rows("Khối thi đua các tổ chức tín dụng tổng kết năm 2025", lead, body, "2025-12-28T08:00:00+07:00")
    assert len(row["members"]) == 3


def test_the_unit_named_by_its_role_is_the_one_whose_head_holds_it() -> None:
    # "Hội nghị do đơn vị Cụm trưởng chủ trì" names the host by its role; the unit is the one a
    # person's title gives that role this year ("bác sĩ A, Giám đốc Bệnh viện B, Cụm trưởng năm 2024")
    lead = ("Chiều 20/12, tại phường Bắc Kạn, Cụm thi đua số 1 các bệnh viện tuyến tỉnh tổ chức hội nghị tổng kết "
            "công tác thi đua, khen thưởng năm 2024.")
    body = ("Hội nghị do đơn vị Cụm trưởng chủ trì. Phát biểu tại hội nghị, bác sĩ CKII Hoàng Văn Lâm, Giám đốc "
            "Bệnh viện Đa khoa tỉnh Bắc Kạn, Cụm trưởng năm 2024, cho biết các bệnh viện đã khám cho 200.000 lượt "
            "người. Năm 2025, Bệnh viện Y dược cổ truyền tỉnh được bầu làm Cụm trưởng.")
    [row] = _rows("Cụm thi đua các bệnh viện tổng kết năm 2024", lead, body)
    assert row["host"] == "Bệnh viện Đa khoa tỉnh Bắc Kạn"
    assert [a["name"] for a in row["attendees"]] == ["Hoàng Văn Lâm"]
    # next year's chair named in a person's title is not this meeting's host
    body2 = body.replace("Cụm trưởng năm 2024, cho biết", "Cụm trưởng năm 2025, cho biết")
    [row] = _rows("Cụm thi đua các bệnh viện tổng kết năm 2024", lead, body2)
    assert row["host"] != "Bệnh viện Đa khoa tỉnh Bắc Kạn"


def test_a_speaker_who_opens_the_meeting_attends_it() -> None:
    # "PGS.TS A, Hiệu trưởng …, Trưởng khối, mở đầu hội nghị …": the quote-first style's speaker
    lead = ("“Chất lượng đào tạo là tiêu chí thi đua đầu tiên”. PGS.TS Trần Văn Hải, Hiệu trưởng Trường Đại học "
            "Tây Bắc, mở đầu hội nghị tổng kết công tác thi đua năm học 2022 - 2023 của Khối thi đua các trường "
            "đại học khu vực Tây Bắc bằng nhận định ấy, ngày 28/7/2023 tại Trường Đại học Tây Bắc.")
    [row] = _rows("Khối thi đua các trường đại học Tây Bắc tổng kết năm học", lead, published=None)
    assert [a["name"] for a in row["attendees"]] == ["Trần Văn Hải"]
    assert row["meeting_date"] == "2023-07-28"

