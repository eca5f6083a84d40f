"""Meetings in long provincial-newspaper and portal reports (the fourteenth meeting set's shapes):
attendee paragraphs that go on as a list of peers, clusters of provinces chaired by a province,
the venue said only in a closing paragraph, joint meetings of two clusters, member counts whose
words run on to the colon.

Each test reads a text written for it (no fixture text); each failed on meeting extractors 38 to 43,
before the rule it pins.
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _report(title: str, lead: str, *body: str, published: str) -> list[dict[str, Any]]:
    """A newspaper report as the page layout gives it: headline, sapo, paragraphs."""
    return extract_meetings(title, "\n\n".join(body), lead=lead, published=published)


def test_peers_listed_after_cac_dong_chi_and_a_colon_are_attendees() -> None:
    # "…; các đồng chí: C, title; D, title": the attendance list goes on past the colon
    [row] = _report(
        "Cụm thi đua các tỉnh Đồng bằng sông Hồng tổng kết năm 2019",
        "Ngày 9/1, tại thành phố Hưng Yên, Cụm thi đua các tỉnh Đồng bằng sông Hồng tổ chức hội nghị "
        "tổng kết công tác thi đua, khen thưởng năm 2019.",
        "Dự hội nghị có đồng chí Nguyễn Văn An, Phó Trưởng ban Thi đua - Khen thưởng Trung ương; đồng chí "
        "Lê Thị Bình, Phó Chủ tịch UBND tỉnh Hưng Yên, Cụm trưởng; các đồng chí: Trần Văn Cường, Phó Chủ "
        "tịch UBND tỉnh Thái Bình; Phạm Văn Dũng, Phó Chủ tịch UBND tỉnh Nam Định; Vũ Thị Hoa, Phó Chủ "
        "tịch UBND tỉnh Hà Nam, cùng lãnh đạo Sở Nội vụ các tỉnh.",
        published="2020-01-10T08:00:00+07:00")
    assert [p["name"] for p in row["attendees"]] == [
        "Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường", "Phạm Văn Dũng", "Vũ Thị Hoa"]
    assert row["attendees"][3]["title"] == "Phó Chủ tịch UBND tỉnh Nam Định"


def test_a_province_named_as_the_cluster_chair_hosts() -> None:
    # "Tỉnh Cao Bằng là Cụm trưởng, đăng cai …": in a cluster of provinces the province chairs; the
    # venue's city is only where
    [row] = _report(
        "Các tỉnh Đông Bắc ký kết giao ước thi đua năm 2019",
        "Ngày 12/3, tại thành phố Cao Bằng, Cụm thi đua các tỉnh Đông Bắc tổ chức Hội nghị ký kết giao "
        "ước thi đua năm 2019.",
        "Cụm thi đua gồm 5 tỉnh: Cao Bằng, Bắc Kạn, Lạng Sơn, Thái Nguyên và Tuyên Quang. Tỉnh Cao Bằng "
        "là Cụm trưởng, đăng cai tổ chức hội nghị.",
        published="2019-03-13T08:00:00+07:00")
    assert row["host"] == "tỉnh Cao Bằng"
    assert row["place"] == "thành phố Cao Bằng"


def test_the_venue_in_a_closing_sentence_that_describes_the_meeting() -> None:
    # "Hội nghị do X - đơn vị Khối trưởng - tổ chức tại Y" five paragraphs after the lead
    [row] = _report(
        "Khối thi đua các cơ quan tham mưu tổng kết năm 2021",
        "Chiều 6/1, Khối thi đua các cơ quan tham mưu, giúp việc Tỉnh ủy Gia Lai tổ chức hội nghị tổng "
        "kết công tác thi đua, khen thưởng năm 2021.",
        "Năm 2021, các đơn vị trong Khối hoàn thành tốt nhiệm vụ được giao.",
        "Các đơn vị đã tham mưu ban hành 12 nghị quyết, chỉ thị.",
        "Hội nghị đã suy tôn Ban Tổ chức Tỉnh ủy dẫn đầu Khối.",
        "Các đơn vị cam kết thực hiện tốt nhiệm vụ năm 2022.",
        "Đại diện các đơn vị đã phát biểu ý kiến.",
        "Hội nghị do Ban Tuyên giáo Tỉnh ủy - đơn vị Khối trưởng năm 2021 - tổ chức tại Hội trường Tỉnh ủy.",
        published="2022-01-07T08:00:00+07:00")
    assert row["host"] == "Ban Tuyên giáo Tỉnh ủy"
    assert row["place"] == "Hội trường Tỉnh ủy"


def test_a_joint_meeting_lists_both_clusters_members() -> None:
    # "Cụm thi đua số 1 gồm …; Cụm thi đua số 2 gồm …": the second cluster's name is no member's head
    [row] = _report(
        "Liên cụm thi đua tổng kết năm 2022",
        "Ngày 20/12, tại huyện Yên Thành, Cụm thi đua số 1 và Cụm thi đua số 2 các huyện tỉnh Nghệ An tổ "
        "chức hội nghị liên cụm tổng kết công tác thi đua năm 2022.",
        "Cụm thi đua số 1 gồm các huyện Yên Thành, Quỳnh Lưu và thị xã Hoàng Mai; Cụm thi đua số 2 gồm "
        "các huyện Diễn Châu, Nghi Lộc và thành phố Vinh.",
        published="2022-12-21T08:00:00+07:00")
    assert row["members"] == ["huyện Yên Thành", "huyện Quỳnh Lưu", "thị xã Hoàng Mai", "huyện Diễn Châu",
                              "huyện Nghi Lộc", "thành phố Vinh"]


def test_a_member_count_whose_words_run_on_to_the_colon_opens_the_list() -> None:
    # "Cụm gồm 5 đơn vị thuộc khu vực huyện Phú Lộc (cũ) được sắp xếp sau …: xã A, …" (no comma between)
    [row] = _report(
        "Cụm thi đua các xã tổng kết năm 2025",
        "Ngày 18/12, tại xã Phú Lộc, Cụm thi đua số 5 các xã thành phố Huế tổ chức hội nghị tổng kết "
        "công tác thi đua năm 2025.",
        "Cụm gồm 5 đơn vị thuộc khu vực huyện Phú Lộc (cũ) được sắp xếp sau ngày 01/7/2025: xã Lộc An, xã "
        "Phú Lộc, xã Chân Mây - Lăng Cô, xã Vinh Lộc và xã Hưng Lộc.",
        published="2025-12-19T08:00:00+07:00")
    assert row["members"] == ["xã Lộc An", "xã Phú Lộc", "xã Chân Mây - Lăng Cô", "xã Vinh Lộc", "xã Hưng Lộc"]

