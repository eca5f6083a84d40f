"""Meeting reports in the shapes the thirteenth own blind meeting set's misses had (issue 14): short
news of 2010-2016 — an honouring of a quoted title, member lists by a shared head written once,
guests as the subject before "dự", a congress's term in brackets.

Each test reads a text written for it (no fixture text); each failed on the meeting extractor
before the rule it pins (the version is named at each group).
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _one(title: str, *body: str, lead: str | None = None, published: str | None = "2015-03-27") -> dict[str, Any]:
    [row] = extract_meetings(title, "\n\n".join(body), lead=lead, published=published)
    return row


# --- an honouring of a quoted title (failed on 40, fixed in 41) ------------------------------------------------

def test_an_honouring_of_a_quoted_title_is_a_meeting() -> None:
    # the honoured are named only by the title in quotes: no "điển hình", "tiêu biểu" or people noun
    row = _one("Bình Định tuyên dương 40 “Học sinh 3 tốt”",
               "Sáng 26-3, tại Nhà văn hóa Thanh niên tỉnh, Hội đồng Đội tỉnh Bình Định tổ chức Lễ tuyên dương "
               "“Học sinh 3 tốt” cấp tỉnh năm học 2014 - 2015.",
               "Dự lễ có ông Nguyễn Văn Bảy, Phó Chủ tịch UBND tỉnh.")
    assert row["kind"] == "tuyên dương điển hình"
    assert row["host"] == "Hội đồng Đội tỉnh Bình Định"
    assert row["meeting_date"] == "2015-03-26"


def test_a_quote_far_from_the_honouring_verb_is_no_title() -> None:
    # the verb's object is a person's deed; the quoted slogan is a clause away
    assert extract_meetings(
        "Tuyên dương người nhặt được của rơi",
        "Sáng 26-3, Công an phường Lê Lợi tuyên dương anh Trần Văn Tư đã trả lại chiếc ví cho người đánh rơi; "
        "phường đang phát động cuộc vận động “Nói không với rác thải nhựa”.",
        lead=None, published="2015-03-27") == []


# --- member lists of organisations named for their provinces (failed on 41, fixed in 42) -----------------------

def test_a_head_written_once_before_bare_province_names_is_each_ones() -> None:
    # "Công ty Điện lực A, B, C và D": the province names after the first share its head
    row = _one("Cụm thi đua số 4 sơ kết 6 tháng",
               "Sáng 12-7, tại TP Hạ Long, Cụm thi đua số 4 gồm Công ty Điện lực Quảng Ninh, Hải Dương, Hưng Yên "
               "và Thái Bình tổ chức hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2015.",
               published="2015-07-13")
    assert row["members"] == ["Công ty Điện lực Quảng Ninh", "Công ty Điện lực Hải Dương",
                              "Công ty Điện lực Hưng Yên", "Công ty Điện lực Thái Bình"]
    assert set(row["provinces"]) == {"Quảng Ninh", "Hải Dương", "Hưng Yên", "Thái Bình"}


def test_an_organisation_named_for_its_province_is_an_item_of_its_own() -> None:
    # "Viễn thông Phú Yên", "Viettel Phú Yên": whole names, neither the end of the office before them
    # nor a locality taking the head of "Bưu điện tỉnh Phú Yên"
    row = _one("Khối thi đua doanh nghiệp Trung ương sơ kết 6 tháng",
               "Sáng 12-7, tại TP Tuy Hòa, Khối thi đua các doanh nghiệp Trung ương tỉnh Phú Yên tổ chức hội nghị "
               "sơ kết công tác thi đua 6 tháng đầu năm 2015.",
               "Khối gồm 5 đơn vị: Sở Tài chính, Viễn thông Phú Yên, Bưu điện tỉnh Phú Yên, Viettel Phú Yên và "
               "Chi nhánh MobiFone Phú Yên.",
               published="2015-07-13")
    assert row["members"] == ["Sở Tài chính", "Viễn thông Phú Yên", "Bưu điện tỉnh Phú Yên", "Viettel Phú Yên",
                              "Chi nhánh MobiFone Phú Yên"]


def test_a_field_word_after_a_comma_still_continues_the_office() -> None:
    # "Đài Phát thanh, Truyền hình Gia Lai": "Truyền hình" names no unit of its own
    row = _one("Khối thi đua văn hóa - xã hội sơ kết 6 tháng",
               "Sáng 12-7, tại TP Pleiku, Khối thi đua văn hóa - xã hội tỉnh Gia Lai tổ chức hội nghị sơ kết công "
               "tác thi đua 6 tháng đầu năm 2015.",
               "Khối gồm 3 đơn vị: Sở Y tế, Đài Phát thanh, Truyền hình Gia Lai và Trường Cao đẳng Sư phạm Gia Lai.",
               published="2015-07-13")
    assert row["members"] == ["Sở Y tế", "Đài Phát thanh, Truyền hình Gia Lai", "Trường Cao đẳng Sư phạm Gia Lai"]


# --- a plural head over codes, a factory's (failed on 42, fixed in 43) ---------------------------------------------

def test_a_plural_of_factories_before_their_codes_gives_each_its_name() -> None:
    row = _one("Khối thi đua các nhà máy đóng tàu quân đội sơ kết 6 tháng",
               "Ngày 12-7, Khối thi đua các nhà máy đóng tàu thuộc Tổng cục Công nghiệp quốc phòng tổ chức hội nghị "
               "sơ kết công tác thi đua 6 tháng đầu năm 2015.",
               "Khối gồm các Nhà máy X51, X52 và X55.",
               published="2015-07-13")
    assert row["members"] == ["Nhà máy X51", "Nhà máy X52", "Nhà máy X55"]


# --- guests as the subject before "dự đại hội" (failed on 45, fixed in 46) ---------------------------------------

def test_guests_named_before_attending_a_congress_attend() -> None:
    row = _one("Công an Thái Bình: Đại hội Thi đua “Vì an ninh Tổ quốc” lần thứ V",
               "Ngày 20-8, Công an tỉnh Thái Bình tổ chức Đại hội Thi đua “Vì an ninh Tổ quốc” lần thứ V, biểu dương "
               "90 tập thể, cá nhân điển hình tiên tiến.",
               "Thiếu tướng Trần Văn Nam, Phó Tổng cục trưởng Tổng cục Hậu cần CAND và ông Phạm Văn Sinh, Phó Chủ "
               "tịch UBND tỉnh dự đại hội. Đại tá Lê Hữu Thọ, Giám đốc Công an tỉnh, chủ trì.",
               published="2010-08-21")
    assert [a["name"] for a in row["attendees"]] == ["Trần Văn Nam", "Phạm Văn Sinh", "Lê Hữu Thọ"]


def test_a_congress_term_in_brackets_after_its_ordinal_is_its_period() -> None:
    row = _one("Công an Thái Bình: Đại hội Thi đua “Vì an ninh Tổ quốc” lần thứ V",
               "Ngày 20-8, Công an tỉnh Thái Bình tổ chức Đại hội Thi đua “Vì an ninh Tổ quốc” lần thứ V (2005 - 2010), "
               "biểu dương 90 tập thể, cá nhân điển hình tiên tiến.",
               published="2010-08-21")
    assert (row["period_label"], row["period_start"], row["period_end"]) == ("2005 - 2010", "2005-01-01", "2010-12-31")


# --- the chair's unit when the chair is the cluster's head (failed on 47, fixed in 48) -------------------------

def test_the_cluster_head_chairing_names_the_host_in_his_title() -> None:
    row = _one("Cụm thi đua các huyện miền núi tổng kết năm 2012",
               "Ngày 27-12, tại huyện Tân Kỳ, Cụm thi đua các huyện miền núi thấp tổ chức hội nghị tổng kết công tác "
               "thi đua, khen thưởng năm 2012.",
               "Ông Trần Văn Bình, Chủ tịch UBND huyện Tân Kỳ, Cụm trưởng năm 2012, chủ trì hội nghị.",
               published="2012-12-28")
    assert row["host"] == "UBND huyện Tân Kỳ"


def test_a_unit_named_for_its_province_in_the_chairs_title_hosts() -> None:
    row = _one("Khối thi đua doanh nghiệp sơ kết 6 tháng",
               "Chiều 10-7, tại TP Tuy Hòa, Khối thi đua các doanh nghiệp Trung ương tỉnh Phú Yên tổ chức hội nghị sơ "
               "kết công tác thi đua 6 tháng đầu năm 2015.",
               "Ông Lê Văn Hùng, Giám đốc Viễn thông Phú Yên, Khối trưởng, chủ trì hội nghị.",
               published="2015-07-11")
    assert row["host"] == "Viễn thông Phú Yên"


def test_a_cluster_head_only_speaking_names_no_host() -> None:
    row = _one("Khối thi đua doanh nghiệp sơ kết 6 tháng",
               "Chiều 10-7, Khối thi đua các doanh nghiệp Trung ương tỉnh Phú Yên tổ chức hội nghị sơ kết công tác "
               "thi đua 6 tháng đầu năm 2015.",
               "Ông Lê Văn Hùng, Giám đốc Viễn thông Phú Yên, Khối trưởng, cho biết các đơn vị đều vượt kế hoạch.",
               published="2015-07-11")
    assert row["host"] is None


# --- a role between spaced hyphens after the chairing unit (failed on 48, fixed in 49) ---------------------------

def test_a_role_between_hyphens_is_no_part_of_the_chairing_unit() -> None:
    row = _one("Khối thi đua các cơ quan tham mưu Tỉnh ủy tổng kết năm 2012",
               "Ngày 8-1, Khối thi đua các cơ quan tham mưu, giúp việc Tỉnh ủy Hưng Yên tổng kết công tác thi đua năm "
               "2012. Ban Tuyên giáo Tỉnh ủy - đơn vị Khối trưởng năm 2012 - chủ trì hội nghị.",
               published="2013-01-09")
    assert row["host"] == "Ban Tuyên giáo Tỉnh ủy"


# --- a cluster's periodic briefing (failed on 50, fixed in 51) ---------------------------------------------------

def test_a_clusters_briefing_on_a_quarter_is_a_review() -> None:
    # "giao ban công tác thi đua quý I": the quarter just ended reviewed, a sơ kết (none of the
    # agenda kinds was reported before)
    row = _one("Cụm thi đua số 5 giao ban quý I",
               "ANTĐ - Ngày 5-4, Cụm thi đua số 5 CATP Hà Nội gồm Công an các huyện Đông Anh, Sóc Sơn, Mê Linh và "
               "Công an thị xã Sơn Tây tổ chức giao ban công tác thi đua quý I năm 2013.",
               published="2013-04-06")
    assert (row["kind"], row["period_label"]) == ("sơ kết", "quý I năm 2013")
