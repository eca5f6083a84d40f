"""The rules added after the eleventh blind meeting set (tests/fixtures/meetings/blind11: ceremonies
that honour điển hình and the near-misses around them, in the aggregator layouts), each on sentences
written for this file."""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _rows(title: str, lead: str | None, body: str = "", published: str | None = "2020-10-21T08:00:00+07:00") -> list[dict[str, Any]]:
    return extract_meetings(title, body, lead=lead, published=published)


def test_a_congress_greeted_beside_another_is_no_meeting_held() -> None:
    # "công trình chào mừng Đại hội A, nhiệm kỳ … và Đại hội Thi đua yêu nước …": both congresses are
    # what the work greets; the ground-breaking is what is reported
    lead = ("Sáng 20/10, UBND huyện Mường Tè khởi công Trường Mầm non Ka Lăng, công trình chào mừng Đại hội "
            "đại biểu Đảng bộ huyện lần thứ XX, nhiệm kỳ 2020 - 2025 và Đại hội Thi đua yêu nước huyện lần thứ V.")
    assert _rows("Khởi công trường mầm non ở vùng biên", lead, "Trường có 8 phòng học, vốn 12 tỷ đồng.") == []
    # "hướng tới Hội nghị … và Đại hội Thi đua yêu nước …" the same
    lead2 = lead.replace("công trình chào mừng", "hướng tới")
    assert _rows("Khởi công trường mầm non ở vùng biên", lead2) == []


def test_a_congress_held_while_greeting_another_is_still_held() -> None:
    # the congress is the sentence's event; what it greets comes after it
    lead = ("Sáng 20/10, UBND huyện Mường Tè tổ chức Đại hội Thi đua yêu nước lần thứ V, giai đoạn 2015 - 2020, "
            "chào mừng Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV và Đại hội Đảng toàn quốc lần thứ XIII.")
    [row] = _rows("Mường Tè đại hội thi đua yêu nước", lead)
    assert (row["kind"], row["meeting_date"]) == ("đại hội thi đua yêu nước", "2020-10-20")
    # a lower-case agenda verb after "chào mừng … và" is the meeting's own: "chào mừng Ngày Phụ nữ
    # Việt Nam và tuyên dương 40 phụ nữ tiêu biểu"
    lead2 = ("Ngày 19/10, Hội LHPN huyện Phong Thổ tổ chức hội nghị chào mừng Ngày Phụ nữ Việt Nam và tuyên "
             "dương 40 phụ nữ tiêu biểu trong phong trào thi đua năm 2020.")
    [row] = _rows("Phong Thổ tuyên dương 40 phụ nữ tiêu biểu", lead2)
    assert row["kind"] == "tuyên dương điển hình"


def test_one_of_those_honoured_is_a_profile() -> None:
    # "cô là một trong 45 giáo viên được Sở … tuyên dương tại hội nghị …": a feature about one
    # teacher names the honouring she had, it does not report it
    lead = ("Mười lăm năm bám bản, cô Lò Thị Xuân, giáo viên Trường Tiểu học Pa Vệ Sủ, đã vận động hơn 200 trẻ "
            "ra lớp.")
    body = ("Tháng 9 vừa qua, cô là một trong 45 giáo viên được Sở Giáo dục và Đào tạo tỉnh Lai Châu tuyên "
            "dương tại hội nghị tôn vinh nhà giáo tiêu biểu. Cô mong có thêm phòng học cho điểm trường lẻ.")
    assert _rows("Cô giáo cắm bản ở Pa Vệ Sủ", lead, body) == []


def test_a_year_after_the_meeting_named_in_a_request_is_no_period() -> None:
    # a tọa đàm reviews no period; "… đề nghị … nhân rộng trong năm 2021" at its end is a target
    lead = ("Ngày 16/10/2020, tại hội trường Công an huyện Gio Linh, Cụm thi đua số 2 Công an tỉnh Quảng Trị tổ "
            "chức tọa đàm về xây dựng xã an toàn về an ninh trật tự.")
    body = ("Cụm thi đua số 2 gồm Công an các huyện Gio Linh, Vĩnh Linh và Cồn Cỏ. Thượng tá Lê Văn Bình, Phó "
            "Giám đốc Công an tỉnh, đề nghị các đơn vị chọn mỗi huyện một xã làm điểm để nhân rộng trong năm 2021.")
    [row] = _rows("Cụm thi đua số 2 Công an tỉnh Quảng Trị tọa đàm", lead, body)
    assert row["meeting_date"] == "2020-10-16"
    assert row["period_label"] is None


def test_a_signing_for_next_year_keeps_its_year() -> None:
    # the year the meeting's own sentence names stays, even when it starts after the meeting
    lead = ("Ngày 28/12/2020, Khối thi đua các doanh nghiệp tỉnh Quảng Trị tổ chức hội nghị ký kết giao ước thi "
            "đua năm 2021.")
    body = "Các doanh nghiệp đề nghị tỉnh hỗ trợ vốn trong năm 2021."
    [row] = _rows("Khối thi đua doanh nghiệp ký kết giao ước năm 2021", lead, body, "2020-12-29T08:00:00+07:00")
    assert row["period_label"] == "năm 2021"


def test_a_month_or_year_opener_is_no_part_of_the_organiser() -> None:
    # "Tháng 9 vừa qua, X tổ chức …", "Đầu tháng 10, …", "Tháng 12/2019, …", "Năm ngoái, …": when the
    # meeting was, never who held it
    lead = ("{}, Hội LHPN huyện Phong Thổ tổ chức hội nghị tuyên dương 40 phụ nữ tiêu biểu trong phong trào thi "
            "đua năm 2020.")
    for opener in ("Tháng 9 vừa qua", "Cuối tháng 9 vừa qua", "Đầu tháng 10", "Tháng 10/2020", "Năm ngoái", "Năm 2020"):
        [row] = _rows("Phong Thổ tuyên dương phụ nữ tiêu biểu", lead.format(opener))
        assert row["host"] == "Hội LHPN huyện Phong Thổ", opener
    # a clause that only begins like a time is kept: "Năm Căn" is a district
    [row] = _rows("Năm Căn tuyên dương phụ nữ tiêu biểu", lead.format("Hội LHPN huyện Năm Căn").replace(
        ", Hội LHPN huyện Phong Thổ", ""))
    assert row["host"] == "Hội LHPN huyện Năm Căn"
