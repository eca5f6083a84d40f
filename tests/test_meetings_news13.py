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
