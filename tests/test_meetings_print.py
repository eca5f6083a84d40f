"""Meetings reported in printed bulletins converted to text (the eighth blind set's layout).

Each test reads sentences written for it (no fixture text), and each failed on meeting extractor
19: a PDF's text keeps the printed column's line breaks, and a stored text of it makes every line
a paragraph (archive.extract.extract_text), so the extractor read sentence fragments.
"""

from __future__ import annotations

from typing import Any

from archive.meetings import extract_meetings
from archive.meetings.unwrap import unwrap

# one printed item: the lead is the first printed line, every other line a paragraph of the body
_LEAD = "Chiều 4/11, tại Nhà văn hóa thôn Đông Lâm, Cụm thi đua số 6 Hội Cựu"
_BODY = "\n\n".join([
    "chiến binh các xã tổ chức hội nghị sơ kết công tác thi đua 9 tháng năm",
    "2024. Cụm gồm Hội Cựu chiến binh các xã Tân Lập, Hòa Sơn, Minh Đức và",
    "Trang 14",
    "BẢN TIN CỰU CHIẾN BINH - SỐ 11/2024",
    "Quang Trung; Hội Cựu chiến binh xã Tân Lập là Cụm trưởng năm 2024.",
    "Dự hội nghị có ông Mai Văn Khởi, Phó Chủ tịch Hội Cựu chiến binh huyện;",
    "ông Trịnh Công Lâm, Chủ tịch Hội Cựu chiến binh xã Tân Lập.",
])


def _rows(title: str, lead: str, body: str, published: str) -> list[dict[str, Any]]:
    return extract_meetings(title, body, lead=lead, published=published)


def test_a_printed_column_is_read_as_paragraphs_without_its_page_furniture() -> None:
    lead, body = unwrap(_LEAD, _BODY)
    # a line runs on until one closes its sentence at its end (a sentence closing inside a line
    # does not end the paragraph: the page does not say where paragraphs end); a semicolon closes
    # no sentence; the page number and the running header after it are gone
    assert lead == ("Chiều 4/11, tại Nhà văn hóa thôn Đông Lâm, Cụm thi đua số 6 Hội Cựu chiến binh các xã tổ "
                    "chức hội nghị sơ kết công tác thi đua 9 tháng năm 2024. Cụm gồm Hội Cựu chiến binh các xã "
                    "Tân Lập, Hòa Sơn, Minh Đức và Quang Trung; Hội Cựu chiến binh xã Tân Lập là Cụm trưởng năm "
                    "2024.")
    assert body == ("Dự hội nghị có ông Mai Văn Khởi, Phó Chủ tịch Hội Cựu chiến binh huyện; ông Trịnh Công Lâm, "
                    "Chủ tịch Hội Cựu chiến binh xã Tân Lập.")


def test_a_web_article_and_a_short_caption_are_left_as_they_are() -> None:
    lead = ("Sáng 3/5, Cụm thi đua số 2 Hội Nông dân tỉnh tổ chức hội nghị ký kết giao ước thi đua năm 2024 "
            "với sự tham dự của lãnh đạo 5 huyện trong Cụm.")
    body = "Toàn cảnh hội nghị\n\nCác đơn vị thống nhất 7 nội dung giao ước, trọng tâm là xây dựng nông thôn mới."
    assert unwrap(lead, body) == (lead, body)


def test_a_digests_item_runs_on_to_the_next_marker() -> None:
    body = "\n\n".join([
        "• Ngày 3/12, Hội Nông dân huyện A trao 10 con bò giống cho hội viên nghèo của",
        "các xã vùng bãi ven sông Hồng.",
        "• Ngày 5/12, Cụm thi đua số 2 Hội Nông dân tỉnh tổng kết công tác thi đua năm",
        "2024 tại Hội Nông dân huyện Tiên Lữ. Dự có ông Đào Văn Quý, Phó Chủ tịch Hội",
        "Nông dân tỉnh.",
    ])
    _, got = unwrap("Tin hoạt động các cấp Hội trong tháng 12, tổng hợp từ báo cáo của cơ sở", body)
    assert got.split("\n\n")[-1] == ("• Ngày 5/12, Cụm thi đua số 2 Hội Nông dân tỉnh tổng kết công tác thi đua "
                                     "năm 2024 tại Hội Nông dân huyện Tiên Lữ. Dự có ông Đào Văn Quý, Phó Chủ "
                                     "tịch Hội Nông dân tỉnh.")


def test_a_meeting_printed_across_lines_and_a_page_break_keeps_its_fields() -> None:
    [row] = _rows("Cụm thi đua số 6 Hội Cựu chiến binh các xã sơ kết 9 tháng", _LEAD, _BODY,
                  "2024-11-12T00:00:00+07:00")
    assert (row["kind"], row["meeting_date"], row["place"], row["host"]) == (
        "sơ kết", "2024-11-04", "Nhà văn hóa thôn Đông Lâm", "Hội Cựu chiến binh xã Tân Lập")
    assert row["members"] == ["Hội Cựu chiến binh xã Tân Lập", "Hội Cựu chiến binh xã Hòa Sơn",
                              "Hội Cựu chiến binh xã Minh Đức", "Hội Cựu chiến binh xã Quang Trung"]
    assert [a["name"] for a in row["attendees"]] == ["Mai Văn Khởi", "Trịnh Công Lâm"]
