"""The label conventions the project settled with the judging material's definitions
(../shared/realworld/README.md, "Meeting labels": values are copied from the article text, null
where the text is silent), pinned on texts written for these tests (no fixture text).

- A cluster of localities that meets in one of them names no host by that: the venue is where, not
  who (rw-007 labels a member's premises with no organiser named host null).

Each test failed on the meeting extractor before the rule it pins.
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _report(title: str, lead: str, *body: str, published: str) -> list[dict[str, Any]]:
    """A newspaper report as the page layout gives it: headline, sapo, paragraphs."""
    return extract_meetings(title, "\n\n".join(body), lead=lead, published=published)


def test_a_member_locality_that_is_only_the_venue_does_not_host() -> None:
    # the cluster of communes meets in one of them; no unit is said to organise, chair or host
    [row] = _report(
        "Cụm thi đua các xã vùng cao tổng kết năm 2024",
        "Ngày 20/12, tại xã Tả Van, Cụm thi đua các xã vùng cao huyện Sa Pa tổ chức hội nghị tổng kết "
        "phong trào thi đua năm 2024.",
        "Cụm gồm 4 xã: xã Tả Van, xã Bản Hồ, xã Trung Chải và xã Tả Phìn.",
        "Dự hội nghị có ông Giàng A Lử, Phó Chủ tịch UBND huyện Sa Pa.",
        published="2024-12-21T08:00:00+07:00")
    assert row["place"] == "xã Tả Van"
    assert row["host"] is None
