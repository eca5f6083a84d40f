"""Meeting reports in the shapes the twelfth blind site set's misses had (issue 14): a host with
its rotating role in apposition, a member list introduced by "Tham gia Cụm có …", guests named in
a sentence of their own.

Each test reads a text written for it (no fixture text); each failed on the meeting extractor
before the rule it pins (the version is named at each group).
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _one(title: str, *body: str, lead: str | None = None, published: str = "2023-12-21") -> dict[str, Any]:
    [row] = extract_meetings(title, "\n\n".join(body), lead=lead, published=published)
    return row


# --- the host's role in apposition (failed on 38, fixed in 39) ----------------------------

def test_a_chair_role_after_the_unit_is_no_part_of_the_host() -> None:
    # ", Khối trưởng Khối thi đua …," names the unit's role, not a second organisation
    row = _one("Khối thi đua các công đoàn ngành tổng kết năm 2023",
               "Sáng 20/12, Công đoàn ngành Xây dựng, Khối trưởng Khối thi đua các công đoàn ngành, tổ chức "
               "hội nghị tổng kết năm 2023 tại Hội trường Sở Xây dựng.")
    assert row["host"] == "Công đoàn ngành Xây dựng"
    assert row["place"] == "Hội trường Sở Xây dựng"


def test_a_numbered_cluster_after_the_role_is_cut_with_it() -> None:
    row = _one("Cụm thi đua số 4 tổng kết",
               "Sáng 20/12, Phòng Giáo dục huyện Ba Bể, Cụm trưởng Cụm thi đua số 4, tổ chức hội nghị tổng "
               "kết công tác thi đua năm 2023.")
    assert row["host"] == "Phòng Giáo dục huyện Ba Bể"


def test_the_unit_after_its_role_hosts() -> None:
    # "đơn vị Cụm trưởng năm 2023, X tổ chức …" and "…, đơn vị Cụm trưởng X tổ chức …": the role
    # opens the subject and the unit follows it
    row = _one("Cụm thi đua số 4 tổng kết",
               "Sáng 20/12, đơn vị Cụm trưởng năm 2023, Hội Cựu chiến binh huyện Na Rì tổ chức hội nghị tổng "
               "kết Cụm thi đua số 4.")
    assert row["host"] == "Hội Cựu chiến binh huyện Na Rì"
    row = _one("Cụm thi đua số 4 tổng kết",
               "Sáng 20/12, tại Hội trường UBND huyện, đơn vị Cụm trưởng Hội Cựu chiến binh huyện Na Rì tổ "
               "chức hội nghị tổng kết Cụm thi đua số 4 năm 2023.")
    assert row["host"] == "Hội Cựu chiến binh huyện Na Rì"
    assert row["place"] == "Hội trường UBND huyện"


# --- members after "Tham gia Cụm có …", delegates before a guest (failed on 39, fixed in 40) ------

_HELD = "Sáng 9/7, Cụm thi đua số 5 tổ chức hội nghị sơ kết 6 tháng đầu năm 2024 tại Hội trường UBND huyện Lục Yên."


def test_the_units_that_take_part_in_the_cluster_are_its_members() -> None:
    row = _one("Cụm thi đua số 5 sơ kết", _HELD,
               "Tham gia Cụm có Hội Cựu chiến binh các huyện Lục Yên, Văn Yên, Yên Bình và Trấn Yên.",
               published="2024-07-10")
    assert row["members"] == ["Hội Cựu chiến binh huyện Lục Yên", "Hội Cựu chiến binh huyện Văn Yên",
                              "Hội Cựu chiến binh huyện Yên Bình", "Hội Cựu chiến binh huyện Trấn Yên"]
    row = _one("Khối thi đua số 5 sơ kết", _HELD.replace("Cụm", "Khối"),
               "Thành viên của Khối có Sở Y tế, Sở Giáo dục và Đào tạo, Sở Văn hóa, Thể thao và Du lịch.",
               published="2024-07-10")
    assert row["members"] == ["Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch"]


def test_a_figure_after_tham_gia_cum_co_is_no_member_list() -> None:
    row = _one("Cụm thi đua số 5 sơ kết", _HELD, "Tham gia Cụm có 1.200 hội viên của bốn huyện.",
               published="2024-07-10")
    assert row["members"] == []


def test_the_delegates_list_ends_before_the_guest_named_with_it() -> None:
    # "Tham dự có đại diện UBND các huyện A, B, C cùng ông D, title": the bodies whose delegates
    # attend a cluster's meeting are its members (no list names them), the guest is no member
    row = _one("Cụm thi đua số 5 sơ kết", _HELD,
               "Tham dự có đại diện UBND các huyện Lục Yên, Văn Yên và Yên Bình cùng ông Hoàng Văn Bảy, "
               "Phó Trưởng ban Thi đua - Khen thưởng tỉnh.", published="2024-07-10")
    assert row["members"] == ["UBND huyện Lục Yên", "UBND huyện Văn Yên", "UBND huyện Yên Bình"]
    assert [a["name"] for a in row["attendees"]] == ["Hoàng Văn Bảy"]


# --- a guest who speaks in a sentence of its own (failed on 39, fixed in 40) -----------------------

def test_a_titled_guest_who_acknowledges_or_reminds_the_members_attends() -> None:
    for verb in ("ghi nhận các đơn vị đã hoàn thành chỉ tiêu", "lưu ý các đơn vị bám sát kế hoạch",
                 "biểu dương kết quả các đơn vị đạt được"):
        row = _one("Cụm thi đua số 5 sơ kết", _HELD,
                   f"Ông Hoàng Văn Bảy, Phó Chủ tịch Hội Cựu chiến binh tỉnh {verb}.", published="2024-07-10")
        assert [(a["name"], a["title"]) for a in row["attendees"]] == \
            [("Hoàng Văn Bảy", "Phó Chủ tịch Hội Cựu chiến binh tỉnh")], verb


def test_guests_named_in_a_paragraph_of_their_own_attend() -> None:
    # guards: "Tới dự có …" / "Về dự hội nghị có …" after the meeting's paragraph (passed on 39)
    row = _one("Cụm thi đua số 5 sơ kết", _HELD,
               "Về dự hội nghị có bà Lò Thị Hương, Phó Chủ tịch Hội Cựu chiến binh tỉnh và ông Vàng A Sử, "
               "Chánh Văn phòng Hội.", published="2024-07-10")
    assert [a["name"] for a in row["attendees"]] == ["Lò Thị Hương", "Vàng A Sử"]
    row = _one("Cụm thi đua số 5 sơ kết", _HELD,
               "Tới dự có ông Hoàng Văn Bảy, Phó Trưởng ban Thi đua - Khen thưởng tỉnh.", published="2024-07-10")
    assert [a["name"] for a in row["attendees"]] == ["Hoàng Văn Bảy"]
