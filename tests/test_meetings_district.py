"""Meetings in district-level news of 2005-2012 as an aggregator re-posts it (the fifteenth meeting
set's shapes): clusters of communes and wards, a district's blocs of offices and of the branches of
vertical sectors, the spaced punctuation of old district sites ("gồm 4 xã : A , B"), numbered teams,
kinds of locality that have changed since the text was written.

Each test reads a text written for it (no fixture text) in the 2013 crawl layout (headline, sapo, one
body line with captions glued) and failed on meeting extractor 59, before the rule it pins.
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _item(title: str, lead: str, body: str, published: str) -> list[dict[str, Any]]:
    return extract_meetings(title, body, lead=lead, published=published)


def test_a_place_name_that_opens_like_an_organisation_after_a_counted_kind_stays_a_name() -> None:
    # "gồm 4 phường : A , Trường Xuân , …": the count says every name is a ward's; "Trường" opens a
    # school's name elsewhere, here it is one more ward, and the spaced commas split the names
    [row] = _item(
        "CỤM THI ĐUA CÁC PHƯỜNG NỘI THỊ TỔNG KẾT NĂM 2010",
        "Chiều 14-1 , Cụm thi đua số 1 các phường thị xã Tam Kỳ tổng kết công tác thi đua năm 2010 .",
        "Cụm gồm 4 phường : An Mỹ , Trường Xuân , Phước Hòa và An Sơn . Phường An Mỹ là cụm trưởng .",
        "2011-01-16T08:00:00+07:00")
    assert row["members"] == ["An Mỹ", "Trường Xuân", "Phước Hòa", "An Sơn"]


def test_cooperatives_counted_by_their_short_form_open_a_member_list() -> None:
    # "có 5 HTX :" counts the members as "có 5 hợp tác xã :" does
    [row] = _item(
        "Cụm thi đua HTX nông nghiệp ven sông Đáy sơ kết",
        "Ngày 6-7 , Cụm thi đua các HTX nông nghiệp ven sông Đáy huyện Ý Yên sơ kết công tác thi đua "
        "6 tháng đầu năm 2010 .",
        "Cụm hiện có 5 HTX : Yên Khánh , Yên Phương , Yên Lương , Yên Trung và Yên Tân .",
        "2010-07-08T09:00:00+07:00")
    assert row["members"] == ["Yên Khánh", "Yên Phương", "Yên Lương", "Yên Trung", "Yên Tân"]


def test_numbered_units_after_a_plural_share_its_head_and_drop_their_address() -> None:
    # "các Đội Kiểm lâm cơ động số 1 ( huyện A ) , số 3 ( … ) và số 4": each number is one team; the
    # district in brackets says where it stands, no part of its name
    [row] = _item(
        "CỤM THI ĐUA SỐ 1 CHI CỤC KIỂM LÂM SƠ KẾT 6 THÁNG",
        "Ngày 8-7 , Cụm thi đua số 1 thuộc Chi cục Kiểm lâm tỉnh Lào Cai sơ kết công tác thi đua 6 tháng "
        "đầu năm 2011 .",
        "Cụm gồm các Hạt Kiểm lâm số 1 ( huyện Bát Xát ) , số 3 ( huyện Sa Pa ) và số 4 ( huyện Bảo "
        "Thắng ) .",
        "2011-07-09T10:00:00+07:00")
    assert row["members"] == ["Hạt Kiểm lâm số 1", "Hạt Kiểm lâm số 3", "Hạt Kiểm lâm số 4"]


def test_the_kind_a_plural_gives_its_names_is_the_one_the_text_writes() -> None:
    # a report of 2009 writes "các huyện …, Hương Thủy": the district was a huyện then (a thị xã
    # since 2010); the member is named as the text names it, not as today's map does
    [row] = _item(
        "Cụm thi đua Hội Nông dân các huyện phía Nam tổng kết",
        "Ngày 9-1 , Cụm thi đua Hội Nông dân các huyện phía Nam tỉnh Thừa Thiên Huế tổng kết công tác "
        "thi đua năm 2008 .",
        "Cụm gồm Hội Nông dân các huyện Phú Vang , Hương Thủy , Phú Lộc và Nam Đông .",
        "2009-01-10T08:00:00+07:00")
    assert row["members"] == ["Hội Nông dân huyện Phú Vang", "Hội Nông dân huyện Hương Thủy",
                              "Hội Nông dân huyện Phú Lộc", "Hội Nông dân huyện Nam Đông"]


def test_a_locality_named_as_this_years_chair_after_a_time_word_hosts() -> None:
    # "Năm nay thị trấn A là đơn vị cụm trưởng , đăng cai …": the time word opens the clause, the
    # locality is its subject; the commune named for next year ("Năm 2009 , xã B làm …") is not the host
    [row] = _item(
        "CỤM THI ĐUA SỐ 2 HUYỆN GIA VIỄN TỔNG KẾT NĂM 2008",
        "Chiều 8-1 , Cụm thi đua số 2 các xã , thị trấn huyện Gia Viễn tổng kết công tác thi đua năm 2008 .",
        "Năm nay thị trấn Me là đơn vị cụm trưởng , đăng cai tổ chức hội nghị . Các xã trong cụm đều "
        "hoàn thành chỉ tiêu thu ngân sách . Năm 2009 , xã Gia Hòa làm cụm trưởng .",
        "2009-01-10T08:00:00+07:00")
    assert row["host"] == "thị trấn Me"


def test_a_numbered_market_surveillance_team_chairs() -> None:
    # "Đội Quản lý thị trường số 3 , đơn vị cụm trưởng , chủ trì": a team of a Chi cục is a unit
    [row] = _item(
        "CỤM THI ĐUA SỐ 1 CHI CỤC QLTT THANH HÓA TỔNG KẾT",
        "Ngày 12-1 , Cụm thi đua số 1 thuộc Chi cục Quản lý thị trường tỉnh Thanh Hóa tổng kết công tác "
        "thi đua năm 2011 .",
        "Hội nghị do Đội Quản lý thị trường số 3 , đơn vị cụm trưởng , chủ trì .",
        "2012-01-13T08:00:00+07:00")
    assert row["host"] == "Đội Quản lý thị trường số 3"


def test_the_chairs_sentence_gives_the_venue_of_the_event_it_names() -> None:
    # "X , cụm trưởng năm 2010 , chủ trì buổi lễ tại …": the event the chair runs is the meeting
    [row] = _item(
        "CÁC PHƯỜNG CỤM SỐ 4 KÝ GIAO ƯỚC THI ĐUA",
        "Sáng 2-3 , Cụm thi đua số 4 các phường thị xã Phủ Lý ký kết giao ước thi đua năm 2010 .",
        "UBND phường Lương Khánh Thiện , cụm trưởng năm 2010 , chủ trì buổi lễ tại nhà văn hóa phường .",
        "2010-03-03T08:00:00+07:00")
    assert row["place"] == "nhà văn hóa phường"


def test_a_square_written_in_lower_case_is_a_venue() -> None:
    # "Lễ phát động được tổ chức tại quảng trường trung tâm huyện": a venue named by its kind
    [row] = _item(
        "HẬU LỘC PHÁT ĐỘNG THI ĐUA",
        "Sáng 3-2 , UBND huyện Hậu Lộc tổ chức lễ phát động phong trào thi đua xây dựng nông thôn mới "
        "giai đoạn 2011 - 2015 .",
        "Lễ phát động được tổ chức tại quảng trường trung tâm huyện với hơn 2.000 người tham dự .",
        "2011-02-04T08:00:00+07:00")
    assert row["place"] == "quảng trường trung tâm huyện"


def test_an_honouring_of_farmers_who_do_business_well_is_a_meeting() -> None:
    # "nông dân sản xuất , kinh doanh giỏi" is the title of a farmers' movement, as "lao động giỏi" is
    [row] = _item(
        "ĐÔNG ANH TÔN VINH NÔNG DÂN GIỎI",
        "Sáng 9-12 , Hội Nông dân huyện Đông Anh tổ chức hội nghị tôn vinh 64 nông dân kinh doanh giỏi "
        "giai đoạn 2009 - 2011 .",
        "Dự hội nghị có ông Lê Văn Toản , Phó Chủ tịch UBND huyện .",
        "2011-12-10T08:00:00+07:00")
    assert (row["kind"], row["host"], row["meeting_date"]) == (
        "tôn vinh điển hình", "Hội Nông dân huyện Đông Anh", "2011-12-09")


def test_a_spaced_full_stop_glued_to_a_caption_ends_the_sentence() -> None:
    # "… đề nghị tặng Cờ cho xã .Trụ sở UBND xã hôm nay": the caption's "hôm nay" dates no meeting
    # that a profile names in passing
    assert _item(
        "XÃ YÊN LÂM : HAI NĂM LIỀN DẪN ĐẦU CỤM",
        "Xã Yên Lâm ( Yên Mô ) nay đã đổi thay nhiều , đường làng , ngõ xóm sạch đẹp .",
        "Hội nghị tổng kết của Cụm thi đua số 2 năm 2010 họp tại xã Yên Thắng đã suy tôn xã dẫn đầu "
        "cụm .Trụ sở UBND xã hôm nayThu nhập bình quân của xã đạt 15 triệu đồng/người .",
        "2011-04-02T08:00:00+07:00") == []


def test_a_number_glued_to_the_next_sentence_opens_it() -> None:
    # "… tại hội nghị Cụm số 2Chiều cùng ngày , Cụm thi đua số 3 …": the caption ends at its number,
    # and the second cluster's meeting is one of its own
    rows = _item(
        "YÊN MÔ : CÁC CỤM THI ĐUA SƠ KẾT",
        "Sáng 11/7 , Cụm thi đua số 2 huyện Yên Mô sơ kết công tác thi đua 6 tháng đầu năm 2011 tại xã "
        "Yên Thắng .",
        "Hội nghị do UBND xã Yên Thắng , cụm trưởng , chủ trì .Quang cảnh hội nghị Cụm số 2Chiều cùng "
        "ngày , tại xã Yên Phong , Cụm thi đua số 3 cũng sơ kết 6 tháng đầu năm 2011 .",
        "2011-07-12T08:00:00+07:00")
    assert [(r["cluster_name"], r["meeting_date"]) for r in rows] == [
        ("Cụm thi đua số 2", "2011-07-11"), ("Cụm thi đua số 3", "2011-07-11")]


def test_a_unit_under_whose_chair_the_meeting_is_held_hosts() -> None:
    # "… dưới sự chủ trì của UBND xã A , cụm trưởng năm 2009": the unit chairs
    [row] = _item(
        "CỤM THI ĐUA SỐ 3 HUYỆN HOA LƯ TỔNG KẾT",
        "Sáng 5-1 , Cụm thi đua số 3 các xã huyện Hoa Lư tổng kết công tác thi đua năm 2009 dưới sự chủ "
        "trì của UBND xã Ninh Hải , cụm trưởng năm 2009 .",
        "Các xã trong cụm đều hoàn thành chỉ tiêu .",
        "2010-01-06T08:00:00+07:00")
    assert row["host"] == "UBND xã Ninh Hải"


def test_clusters_named_in_the_plural_are_no_one_cluster() -> None:
    # "các cụm thi đua xã , phường của thị xã …" sums up several meetings: the cluster of the headline
    # meeting is the one the report then names
    [row, *_] = _item(
        "BỈM SƠN : CÁC CỤM THI ĐUA XÃ , PHƯỜNG SƠ KẾT",
        "Ngày 12/7 , các cụm thi đua xã , phường của thị xã Bỉm Sơn đồng loạt sơ kết công tác thi đua 6 "
        "tháng đầu năm 2012 .",
        "Cụm thi đua số 1 gồm các phường Ba Đình , Ngọc Trạo và Lam Sơn đánh giá cao phong trào xây dựng "
        "đô thị văn minh .",
        "2012-07-13T08:00:00+07:00")
    assert row["cluster_name"] == "Cụm thi đua số 1"


def test_the_venue_opening_the_sentence_that_names_a_round_ups_first_cluster_is_its() -> None:
    # a round-up lead names its clusters in the plural; "Tại phường A , Cụm thi đua số 1 …" then
    # reports the headline meeting, and its opening place is that meeting's venue
    [row, *_] = _item(
        "BỈM SƠN : CÁC CỤM THI ĐUA XÃ , PHƯỜNG SƠ KẾT",
        "Ngày 12/7 , các cụm thi đua xã , phường của thị xã Bỉm Sơn đồng loạt sơ kết công tác thi đua 6 "
        "tháng đầu năm 2012 .",
        "Tại phường Ngọc Trạo , Cụm thi đua số 1 gồm các phường Ba Đình , Ngọc Trạo và Lam Sơn đánh giá "
        "cao phong trào xây dựng đô thị văn minh .",
        "2012-07-13T08:00:00+07:00")
    assert (row["cluster_name"], row["place"]) == ("Cụm thi đua số 1", "phường Ngọc Trạo")


def test_short_forms_of_vertical_sector_branches_open_members() -> None:
    # a district's bloc of branches written short: "BHXH huyện", "KBNN huyện", "NHCSXH huyện" are units
    [row] = _item(
        "KHỐI NGÀNH DỌC HUYỆN LẠC DƯƠNG SƠ KẾT",
        "Ngày 10-7 , Khối thi đua các cơ quan ngành dọc huyện Lạc Dương sơ kết công tác thi đua 6 tháng "
        "đầu năm 2012 .",
        "Khối gồm 5 đơn vị : Chi cục Thuế , Điện lực Lạc Dương , BHXH huyện , KBNN huyện và NHCSXH huyện .",
        "2012-07-11T08:00:00+07:00")
    assert row["members"] == ["Chi cục Thuế", "Điện lực Lạc Dương", "BHXH huyện", "KBNN huyện", "NHCSXH huyện"]


def test_a_lower_case_role_between_dashes_is_no_part_of_the_host() -> None:
    # "Hội nghị do Hội LHPN huyện - khối trưởng năm 2007 - chủ trì": old district sites write the
    # rotating role in lower case; the apposition ends the unit's name as "- Khối trưởng -" does
    [row] = _item(
        "KHỐI ĐOÀN THỂ HUYỆN QUẢNG XƯƠNG TỔNG KẾT",
        "Sáng 15-1 , Khối thi đua các đoàn thể huyện Quảng Xương tổng kết công tác thi đua năm 2007 .",
        "Hội nghị do Huyện Đoàn - khối trưởng năm 2007 - chủ trì .",
        "2008-01-16T08:00:00+07:00")
    assert row["host"] == "Huyện Đoàn"
