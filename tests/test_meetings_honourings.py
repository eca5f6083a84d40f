"""An honouring held on an occasion and reported without its day ("Nhân kỷ niệm …, X tổ chức
tuyên dương N … tiêu biểu"): the organiser holding the honouring is the evidence that it took
place (meetings.toml `honour_verbs`, read by triggers._EVIDENCE); the day is simply unknown.

Each test reads a text written for it (people, units and figures invented; no fixture text).
"""

from __future__ import annotations

from archive.meetings import extract_meetings


def test_an_honouring_held_on_an_occasion_without_a_day_is_a_meeting() -> None:
    # failed on 57: no day and no "tổ chức hội nghị/lễ" in the sentence, so nothing showed it held
    body = ("Nhân kỷ niệm 50 năm Ngày thành lập Hội, Hội Nông dân tỉnh tổ chức tuyên dương 40 nông dân "
            "sản xuất giỏi tiêu biểu trên các lĩnh vực.\n\nMỗi nông dân được tặng Giấy khen.")
    rows = extract_meetings("Tôn vinh 40 nông dân tiêu biểu", body, published="2024-05-02")
    assert len(rows) == 1
    row = rows[0]
    assert row["kind"] == "tuyên dương điển hình"
    assert row["host"] == "Hội Nông dân tỉnh"
    assert row["meeting_date"] is None


def test_every_honour_verb_held_on_an_occasion_is_a_meeting() -> None:
    for verb in ("biểu dương", "tôn vinh", "vinh danh"):
        body = (f"Nhân dịp Tháng Thanh niên, Hội Liên hiệp Thanh niên huyện tổ chức {verb} 25 thanh niên "
                "tiêu biểu trong lao động sản xuất.")
        assert extract_meetings("Gương thanh niên tiêu biểu", body, published="2023-03-28"), verb


def test_an_honouring_announced_for_later_stays_no_meeting() -> None:
    body = ("Nhân kỷ niệm 50 năm Ngày thành lập Hội, Hội Nông dân tỉnh sẽ tổ chức tuyên dương 40 nông dân "
            "sản xuất giỏi tiêu biểu. Các huyện gửi danh sách trước ngày 20/4.")
    assert extract_meetings("Thông báo tuyên dương nông dân tiêu biểu", body, published="2024-04-02") == []
    body = ("Hội Nông dân tỉnh dự kiến tổ chức tuyên dương 40 nông dân sản xuất giỏi tiêu biểu "
            "nhân kỷ niệm 50 năm Ngày thành lập Hội.")
    assert extract_meetings("Sắp tuyên dương nông dân tiêu biểu", body, published="2024-04-02") == []


def test_one_person_honoured_on_an_occasion_stays_a_profile() -> None:
    body = ("Nhân kỷ niệm Ngày Thầy thuốc Việt Nam, chị Lò Thị Hằng vinh dự được tuyên dương là gương "
            "điển hình tiên tiến của ngành Y tế tỉnh.\n\nChị đã gắn bó với trạm y tế xã 15 năm.")
    assert extract_meetings("Người nữ hộ sinh ở bản xa", body, published="2024-03-01") == []


def test_a_unit_receiving_its_own_award_on_an_occasion_stays_no_meeting() -> None:
    body = ("Nhân dịp kỷ niệm 30 năm thành lập, Công ty Cổ phần Cấp nước Hòa Bình tổ chức lễ đón nhận "
            "Huân chương Lao động hạng Ba.\n\nCông ty hiện có 320 lao động.")
    assert extract_meetings("Công ty Cấp nước đón nhận Huân chương Lao động", body,
                            published="2024-06-02") == []


def test_honourings_summed_up_over_a_term_stay_no_meeting() -> None:
    # without an occasion, "tổ chức biểu dương" in a feature may sum up many honourings of a term
    body = ("Trong nhiệm kỳ qua, phong trào thi đua của ngành diễn biến sôi nổi. Để động viên kịp thời "
            "người lao động, Công đoàn ngành Xây dựng đã tổ chức biểu dương 52 sáng kiến tiêu biểu và "
            "9 tập thể xuất sắc.\n\nNhiệm kỳ tới, ngành tiếp tục đẩy mạnh thi đua.")
    assert extract_meetings("Thi đua sáng tạo trong ngành Xây dựng", body, published="2018-05-20") == []


def test_the_year_of_a_named_occasion_is_no_period() -> None:
    # failed on 58: "năm 2023" of "Tháng Công nhân năm 2023" was read as the period reviewed
    body = ("Nhân dịp Tháng Công nhân năm 2023, Công đoàn ngành Công Thương tổ chức tuyên dương 30 thợ "
            "giỏi tiêu biểu.")
    row = extract_meetings("Trao thưởng cho 30 thợ giỏi", body, published="2023-05-02")[0]
    assert row["period_label"] is None
    body = ("Nhân dịp Tháng Công nhân, Công đoàn ngành Công Thương tổ chức tuyên dương 30 thợ giỏi tiêu "
            "biểu năm 2023.")
    row = extract_meetings("Trao thưởng cho 30 thợ giỏi", body, published="2023-05-02")[0]
    assert row["period_label"] == "năm 2023"
