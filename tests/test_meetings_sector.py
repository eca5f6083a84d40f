"""The rules added after the seventh blind meeting set (tests/fixtures/meetings/blind7: sector and
central clusters on sector and union websites), each on sentences written for this file."""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _rows(title: str, lead: str, body: str = "", published: str = "2024-12-20T08:00:00+07:00") -> list[dict[str, Any]]:
    return extract_meetings(title, body, lead=lead, published=published)


def test_a_related_items_heading_ends_the_text() -> None:
    # the headlines under "Tin liên quan" are other articles: a meeting with its day, host and
    # place among them is not this one's
    body = ("Mỗi suất quà trị giá 700.000 đồng.\n\nTin liên quan\n\nNgày 14/12/2024, Cụm thi đua số 3 Công đoàn "
            "các Khu công nghiệp tổng kết phong trào thi đua năm 2024 tại Công ty TNHH Giày Thái Bình")
    assert _rows("Công đoàn Khu công nghiệp tặng quà công nhân", "Chiều 18/12, Công đoàn các Khu công nghiệp "
                 "tỉnh Bình Dương trao 200 suất quà cho công nhân khó khăn.", body) == []
    # the same line in the text itself is a meeting
    [row] = _rows("Công đoàn Khu công nghiệp tặng quà công nhân", "Chiều 18/12, Công đoàn các Khu công nghiệp "
                  "tỉnh Bình Dương trao 200 suất quà cho công nhân khó khăn.",
                  body.replace("Tin liên quan\n\n", ""))
    assert row["meeting_date"] == "2024-12-14"


def test_each_item_of_a_digest_is_a_news_item_of_its_own() -> None:
    lead = "Trong tuần, các cụm thi đua Hội Cựu chiến binh tỉnh Nam Định tổng kết năm 2024."
    body = ("- Ngày 9/12, Cụm thi đua số 1 (gồm Hội Cựu chiến binh các huyện Ý Yên, Vụ Bản và Mỹ Lộc) tổ chức hội "
            "nghị tổng kết phong trào thi đua năm 2024 tại Hội Cựu chiến binh huyện Ý Yên, đơn vị Cụm trưởng.\n\n"
            "- Ngày 10/12, Hội Cựu chiến binh tỉnh mở lớp tập huấn công tác thi đua 9 tháng năm 2024 cho 80 cán bộ hội. "
            "Ông Trần Văn Quý, Phó Chủ tịch Hội Cựu chiến binh tỉnh dự và phát biểu.\n\n"
            "- Ngày 11/12, Cụm thi đua số 2 tổ chức hội nghị tổng kết phong trào thi đua năm 2024 tại Hội Cựu chiến "
            "binh huyện Hải Hậu, đơn vị Cụm trưởng.")
    first, second = _rows("Điểm tin tuần của Hội Cựu chiến binh tỉnh", lead, body)
    assert (first["meeting_date"], first["host"], first["period_label"]) == (
        "2024-12-09", "Hội Cựu chiến binh huyện Ý Yên", "năm 2024")
    assert first["members"][-1] == "Hội Cựu chiến binh huyện Mỹ Lộc"  # the bracket closes the list
    assert (second["meeting_date"], second["host"]) == ("2024-12-11", "Hội Cựu chiến binh huyện Hải Hậu")
    # the training item's guest attends neither meeting
    assert not first["attendees"] and not second["attendees"]


def test_members_in_a_table_laid_out_with_spaces() -> None:
    body = ("Khối có 4 thành viên:\n\n"
            "STT     Tên đơn vị                              Ghi chú\n\n"
            "1       Cục Thuế tỉnh Nam Định                  Khối trưởng\n\n"
            "2       Kho bạc Nhà nước Nam Định               Khối phó\n\n"
            "3       Cục Thống kê tỉnh Nam Định              Thành viên\n\n"
            "4       Bảo hiểm xã hội tỉnh Nam Định           Thành viên")
    [row] = _rows("Khối thi đua các cơ quan Trung ương tổng kết", "Ngày 12/12, Khối thi đua các cơ quan Trung ương "
                  "trên địa bàn tỉnh Nam Định tổ chức hội nghị tổng kết công tác thi đua năm 2024.", body)
    assert row["members"] == ["Cục Thuế tỉnh Nam Định", "Kho bạc Nhà nước Nam Định", "Cục Thống kê tỉnh Nam Định",
                              "Bảo hiểm xã hội tỉnh Nam Định"]


def test_members_in_a_dashed_list_under_a_heading() -> None:
    body = ("Các đơn vị thành viên của Cụm:\n\n- Bệnh viện Đa khoa huyện Yên Thế (Cụm trưởng);\n\n"
            "- Bệnh viện Đa khoa huyện Lục Nam;\n\n- Trung tâm Y tế huyện Lục Ngạn (Cụm phó).\n\n"
            "Năm 2024, các đơn vị khám cho 320.000 lượt người.")
    [row] = _rows("Cụm thi đua số 2 tổng kết", "Ngày 18/12, Cụm thi đua số 2 các bệnh viện tuyến huyện tỉnh Bắc "
                  "Giang tổ chức hội nghị tổng kết công tác thi đua năm 2024.", body)
    assert row["members"] == ["Bệnh viện Đa khoa huyện Yên Thế", "Bệnh viện Đa khoa huyện Lục Nam",
                              "Trung tâm Y tế huyện Lục Ngạn"]


def test_member_lists_of_counted_plural_and_numbered_units() -> None:
    from archive.meetings import parse_members

    # a count and a colon announce the list however far the cluster stands before it
    assert parse_members("Cụm thi đua số 6 được thành lập lại sau khi ngành Hải quan sắp xếp bộ máy từ tháng 3/2025, "
                         "gồm 3 đơn vị: Chi cục Hải quan khu vực IV, Chi cục Hải quan khu vực V và Chi cục Hải quan "
                         "khu vực VI.") == ["Chi cục Hải quan khu vực IV", "Chi cục Hải quan khu vực V",
                                            "Chi cục Hải quan khu vực VI"]
    # a count of a kind of member the lexicon knows
    assert parse_members("Khối hiện có 3 bệnh viện: Bệnh viện Quân y 7A, Bệnh viện Quân y 7B và Bệnh viện Quân y 4.") \
        == ["Bệnh viện Quân y 7A", "Bệnh viện Quân y 7B", "Bệnh viện Quân y 4"]
    # a plural of a kind of member before bare names gives each the kind
    assert parse_members("Cụm gồm các trường THCS Nghĩa Tân, Dịch Vọng và Yên Hòa; năm học này Trường THCS Nghĩa "
                         "Tân là Cụm trưởng.") == ["Trường THCS Nghĩa Tân", "Trường THCS Dịch Vọng", "Trường THCS Yên Hòa"]
    # numbers after a numbered name share its words
    assert parse_members("Cụm thi đua số 2 gồm Kho bạc Nhà nước khu vực III, IV và V đã họp.") == [
        "Kho bạc Nhà nước khu vực III", "Kho bạc Nhà nước khu vực IV", "Kho bạc Nhà nước khu vực V"]
    # a lower-case clause after a semicolon is no item
    assert parse_members("Cụm thi đua số 1 gồm Hội LHPN các huyện Tam Đảo, Tam Dương và Lập Thạch; ngoài ra hội "
                         "nghị mời thêm 2 điểm cầu xã.") == ["Hội LHPN huyện Tam Đảo", "Hội LHPN huyện Tam Dương",
                                                              "Hội LHPN huyện Lập Thạch"]


def test_a_former_province_in_a_members_name_after_the_merger() -> None:
    lead = "Ngày 20/12/2025, Cụm thi đua số 3 các bệnh viện khu vực tổ chức hội nghị tổng kết công tác thi đua năm 2025."
    body = ("Cụm gồm Bệnh viện Đa khoa khu vực Vĩnh Phúc, Bệnh viện Đa khoa khu vực Hòa Bình và Bệnh viện Đa khoa khu "
            "vực Phú Thọ.")
    [row] = _rows("Cụm thi đua số 3 tổng kết", lead, body, "2025-12-22T08:00:00+07:00")
    assert row["provinces"] == ["Phú Thọ"]  # Vĩnh Phúc and Hòa Bình merged into Phú Thọ on 1 July 2025
    [before] = _rows("Cụm thi đua số 3 tổng kết", lead.replace("2025", "2024"), body, "2024-12-22T08:00:00+07:00")
    assert set(before["provinces"]) == {"Vĩnh Phúc", "Hòa Bình", "Phú Thọ"}


def test_people_after_degrees_and_teachers_honorifics_and_a_post_in_a_title() -> None:
    [row] = _rows("Cụm thi đua các bệnh viện sơ kết", "Ngày 5/7, Cụm thi đua các bệnh viện tuyến tỉnh Hà Nam tổ chức "
                  "hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2024.",
                  "Dự hội nghị có BSCKII Trần Thị Mơ, Giám đốc Bệnh viện Sản Nhi tỉnh; cô Lê Thị Hằng, Hiệu trưởng "
                  "Trường Cao đẳng Y tế Hà Nam.\n\nThiếu tá Đinh Văn Khoa, Chính trị viên Đồn Biên phòng A Pa, phát "
                  "biểu tại hội nghị.", "2024-07-06T08:00:00+07:00")
    assert [a["name"] for a in row["attendees"]] == ["Trần Thị Mơ", "Lê Thị Hằng", "Đinh Văn Khoa"]
    # a place named with a capital "Cô" is no teacher
    [island] = _rows("Huyện Cô Tô tổng kết", "Ngày 6/1, UBND huyện Cô Tô tổ chức hội nghị tổng kết công tác thi đua "
                     "năm 2024.", "Du khách đến Cô Tô Con tăng 20%.", "2025-01-07T08:00:00+07:00")
    assert island["attendees"] == []


def test_a_meeting_announced_or_only_recalled_is_none() -> None:
    assert _rows("Điểm tin tuần của Khối", "Ngày 6/12, Ban Thường trực Khối thi đua các doanh nghiệp tỉnh họp thống "
                 "nhất: hội nghị tổng kết Khối năm 2024 sẽ được tổ chức vào ngày 20/12/2024 tại Công ty Cổ phần Dược "
                 "Hậu Giang.") == []
    assert _rows("Người Cụm trưởng tận tụy", "Ông Lê Văn Hùng đã 20 năm làm công tác thi đua.",
                 "Tại hội nghị sơ kết 6 tháng đầu năm 2024 hồi tháng 7, sáng kiến của ông được Cụm thi đua số 2 "
                 "đánh giá cao.") == []
    # a meeting reported, then referred back to, stays one
    [row] = _rows("Cụm thi đua số 2 sơ kết", "Ngày 12/7, Cụm thi đua số 2 tổ chức hội nghị sơ kết công tác thi đua 6 "
                  "tháng đầu năm 2024.", "Tại hội nghị, các đơn vị ký kết giao ước thi đua.",
                  "2024-07-13T08:00:00+07:00")
    assert row["meeting_date"] == "2024-07-12"


def test_the_venue_owner_named_as_chair_and_the_hosts_own_hall() -> None:
    [row] = _rows("Cụm thi đua số 1 phát động thi đua", "Sáng 6/3, Cụm thi đua số 1 Công đoàn các Khu công nghiệp "
                  "tỉnh Hải Dương tổ chức lễ phát động thi đua năm 2024.",
                  "Buổi lễ diễn ra tại nhà văn hóa công nhân của Công ty TNHH Sumida Việt Nam (Khu công nghiệp Đại "
                  "An), đơn vị Cụm trưởng.", "2024-03-07T08:00:00+07:00")
    assert (row["host"], row["place"]) == (
        "Công ty TNHH Sumida Việt Nam", "nhà văn hóa công nhân của Công ty TNHH Sumida Việt Nam (Khu công nghiệp Đại An)")
    [own] = _rows("Cụm thi đua số 3 tổng kết", "Ngày 20/12, Đồn Biên phòng Cà Ná, đơn vị Cụm trưởng Cụm thi đua số "
                  "3, tổ chức hội nghị tổng kết phong trào thi đua năm 2024 tại hội trường đơn vị.",
                  published="2024-12-21T08:00:00+07:00")
    # the host's own hall is copied as written since meeting extractor 53 (realworld: values copied from
    # the text; README "Meetings", label conventions)
    assert (own["host"], own["place"]) == ("Đồn Biên phòng Cà Ná", "hội trường đơn vị")
