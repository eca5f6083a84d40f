"""Meetings reported in official documents as portals publish them and in radio/TV news
transcripts (the tenth meeting set's layouts).

Each test reads a text written for it (no fixture text); each failed on the meeting extractor
before the rule it pins (the version is named at each test).
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings


def _rows(title: str, body: str, lead: str | None = None, published: str = "2024-06-21T00:00:00+07:00") -> list[dict[str, Any]]:
    return extract_meetings(title, body, lead=lead, published=published)


# --- radio/TV transcripts (failed on 26) ------------------------------------------------------

def test_the_anchors_address_to_the_audience_is_not_the_subject() -> None:
    # "Thưa quý vị, …" opens the anchor's lead: the listeners addressed, not who held the meeting
    [row] = _rows("Khối thi đua các cơ quan Đảng sơ kết 6 tháng",
                  "Khối có 6 cơ quan. Dự hội nghị có ông Hà Văn Tám, Phó Trưởng ban Thi đua - Khen thưởng tỉnh.",
                  lead="Thưa quý vị và các bạn, sáng nay, Văn phòng Tỉnh ủy Bắc Kạn, đơn vị Khối trưởng, tổ chức "
                       "hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2024 của Khối thi đua các cơ quan Đảng tỉnh.")
    assert row["host"] == "Văn phòng Tỉnh ủy Bắc Kạn"
    assert row["meeting_date"] == "2024-06-21"


def test_an_address_closed_by_an_exclamation_mark_or_inside_the_text_is_no_host() -> None:
    rows = _rows("Cụm thi đua số 4 tổng kết năm 2024",
                 "Kính thưa quý vị khán giả, tại hội nghị, các đơn vị đã ký kết giao ước thi đua năm 2025.",
                 lead="Thưa quý vị! Chiều nay, Cụm thi đua số 4 các huyện tổ chức hội nghị tổng kết công tác thi "
                      "đua, khen thưởng năm 2024 tại huyện Bình Gia.",
                 published="2024-12-20T00:00:00+07:00")
    assert rows and not any((r["host"] or "").lower().startswith(("thưa", "kính thưa")) for r in rows)
    assert rows[0]["meeting_date"] == "2024-12-20"
