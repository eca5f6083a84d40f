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


# --- the host's role in apposition (failed on 38, fixed in 39) ----------------------------------------------

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
