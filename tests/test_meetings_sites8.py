"""The meeting misses of blind site set 8 (django CMS, Craft, a Java portal) in general form: a
cluster named after a "Liên hiệp hội" (a union of associations) keeps "hội" and what follows,
a bloc named "các tổ chức chính trị - xã hội, hội đặc thù" runs on over the comma into its
second kind of members, and a member list where "các tổ chức" is a noun ("Liên hiệp các tổ
chức hữu nghị") is not ended by the verb "tổ chức". Also the Youth Union's "Anh"/"Chị" before
an attendee. The texts are written for these tests (people and units invented), none taken
from the blind set."""

from __future__ import annotations

from archive.meetings import extract_meetings, parse_cluster, parse_members

# --- a cluster of unions of associations ("Liên hiệp hội") ------------------------------------

def test_a_cluster_of_unions_of_associations_keeps_its_name() -> None:
    assert parse_cluster("Sáng 5/1, Cụm thi đua Liên hiệp hội các tỉnh Bắc Trung Bộ tổ chức hội nghị tổng kết.")[
        "cluster_name"] == "Cụm thi đua Liên hiệp hội các tỉnh Bắc Trung Bộ"
    assert parse_cluster("Cụm thi đua Liên hiệp hội các tỉnh Đông Nam Bộ và Tây Nam Bộ đã họp.")[
        "cluster_name"] == "Cụm thi đua Liên hiệp hội các tỉnh Đông Nam Bộ và Tây Nam Bộ"


def test_hoi_nghi_still_ends_a_cluster_name() -> None:
    assert parse_cluster("Cụm thi đua các huyện miền núi hội nghị tổng kết năm 2024.")["cluster_name"] \
        == "Cụm thi đua các huyện miền núi"


# --- a bloc of two kinds of members, joined by a comma ---------------------------------------

def test_a_bloc_of_two_member_kinds_runs_on_over_the_comma() -> None:
    assert parse_cluster("Chiều 9/1, Khối thi đua các tổ chức chính trị - xã hội, hội đặc thù huyện "
                         "tổ chức hội nghị tổng kết.")["cluster_name"] \
        == "Khối thi đua các tổ chức chính trị - xã hội, hội đặc thù huyện"
    assert parse_cluster("Khối thi đua các hội quần chúng, hội nghề nghiệp thành phố đã ký kết giao ước.")[
        "cluster_name"] == "Khối thi đua các hội quần chúng, hội nghề nghiệp thành phố"


# --- "các tổ chức" inside a member's name ----------------------------------------------------

def test_a_union_of_friendship_organisations_is_one_member() -> None:
    assert parse_members("Khối gồm 4 đơn vị: Hội Cựu chiến binh huyện, Liên hiệp các Hội Văn học nghệ thuật huyện, "
                         "Liên hiệp các tổ chức hữu nghị huyện và Hội Người mù huyện.") == [
        "Hội Cựu chiến binh huyện", "Liên hiệp các Hội Văn học nghệ thuật huyện",
        "Liên hiệp các tổ chức hữu nghị huyện", "Hội Người mù huyện"]


def test_the_verb_to_chuc_still_ends_a_member_list() -> None:
    assert parse_members("Cụm gồm Hội Nông dân huyện A, Hội Nông dân huyện B tổ chức hội nghị tổng kết.") == [
        "Hội Nông dân huyện A", "Hội Nông dân huyện B"]


# --- the Youth Union's "Anh"/"Chị" -----------------------------------------------------------

def test_anh_and_chi_introduce_attendees() -> None:
    body = ("Ngày 14/12, tại thành phố Hà Tĩnh, Cụm thi đua số 2 Đoàn các tỉnh Bắc Trung Bộ tổ chức hội nghị "
            "tổng kết công tác Đoàn năm 2024.\n\n"
            "Chị Lê Thu Hằng, Phó Bí thư Thường trực Tỉnh đoàn Nghệ An dự và phát biểu.")
    rows = extract_meetings("Cụm thi đua số 2 Đoàn các tỉnh Bắc Trung Bộ tổng kết năm 2024", body,
                            published="2024-12-15")
    assert rows
    assert "Lê Thu Hằng" in [a["name"] for a in rows[0]["attendees"]]
