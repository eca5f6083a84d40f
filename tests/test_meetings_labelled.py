"""Labelled items ("- Thời gian: …", "2. Địa điểm: …", "1. Chủ trì: Ông A, …"): one parser
(archive/meetings/labelled.py) whose labels and the field each fills are data
(archive/lexicons/item_labels.toml), read by the venue, the particulars and the composition.

Each test reads a text written for it (no fixture text). The venue, particulars and composition
had a grammar each before meeting extractor 50; the tests marked "failed on 49" pin what the one
grammar reads that one of the three did not.
"""

from __future__ import annotations

import pytest

from archive.lexicons import load
from archive.meetings import extract_meetings, parse_place
from archive.meetings.explain import explain
from archive.meetings.labelled import COMPOSITION, PARTICULARS, labelled_item
from archive.meetings.people import labelled_item_person
from archive.meetings.records import analyse

# --- the parser -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "label", "fields"), [
    ("Thời gian: 8 giờ 00 phút, ngày 22/12/2023.", "Thời gian", ("time",)),
    ("2. Địa điểm: Hội trường UBND huyện", "Địa điểm", ("place",)),
    ("1. Thời gian, địa điểm: 8 giờ ngày 5/3, tại …", "Thời gian, địa điểm", ("time", "place")),
    ("1 . Thời gian ,địa điểm: …", "Thời gian ,địa điểm", ("time", "place")),
    ("II. Thời gian và địa điểm : …", "Thời gian và địa điểm", ("time", "place")),
    ("3) Chủ trì: Ông Lê Văn A, …", "Chủ trì", ("chair",)),
    ("- Đại biểu mời: Bà B, …", "Đại biểu mời", ("attendee",)),
    ("THƯ KÝ HỘI NGHỊ: Bà C", "THƯ KÝ HỘI NGHỊ", ("secretary",)),
])
def test_a_label_at_an_items_start_and_the_fields_it_fills(text: str, label: str, fields: tuple[str, ...]) -> None:
    item = labelled_item(text)
    assert item is not None and (item.label, item.fields) == (label, fields)
    assert text[item.start:item.end] == label
    assert not text[item.value_start:item.value_start + 1].isspace()


@pytest.mark.parametrize("text", [
    "Thời gian qua, Cụm thi đua số 3 đã có nhiều đổi mới.",  # no colon: no label
    "Địa điểm tổ chức hội nghị là Hội trường UBND huyện.",
    "Tại hội nghị, thời gian: 2 giờ.",  # not at the item's start
    "Thành viên: lãnh đạo các phòng, ban.",  # no label of the lexicon
])
def test_no_labelled_item(text: str) -> None:
    assert labelled_item(text) is None


def test_every_field_of_the_lexicon_is_read_by_a_stage() -> None:
    fields = {f for fills in load("item_labels")["fills"].values() for f in fills}
    assert fields == PARTICULARS | COMPOSITION
    assert load("item_labels")["source"]


# --- what the stages take from it ----------------------------------------------------------------

def test_the_venue_after_its_label() -> None:
    assert parse_place("- Địa điểm: Hội trường Ban Dân vận Tỉnh ủy, số 5 đường Lê Lợi") == \
        "Hội trường Ban Dân vận Tỉnh ủy"
    assert parse_place("Địa điểm: tại Hội trường UBND huyện An Lão") == "Hội trường UBND huyện An Lão"  # as 'tại'
    assert parse_place("1. Thời gian, địa điểm: 8 giờ ngày 5/3/2024, Hội trường UBND huyện") is None
    assert parse_place("Thời gian: 8 giờ, Hội trường UBND huyện") is None  # a time's label names no venue


@pytest.mark.parametrize("text", [
    "2) Địa điểm: Hội trường UBND huyện An Lão",  # numbered as the composition's items are
    "ĐỊA ĐIỂM: Hội trường UBND huyện An Lão",  # in capitals, as a particular's label is read
    "Địa điểm, thời gian: Hội trường UBND huyện An Lão, 8 giờ ngày 5/3/2024",  # a particulars' label
])
def test_the_venue_under_every_form_of_its_label(text: str) -> None:
    # failed on 49: the venue's own pattern asked "1." and a lower-case rest, and knew no
    # "Địa điểm, thời gian"
    assert parse_place(text) == "Hội trường UBND huyện An Lão"


def test_a_composition_item_numbered_in_roman_names_its_person() -> None:
    # failed on 49: the composition's pattern knew "1." and "1)" but not "II."
    person = labelled_item_person("II. Thư ký: Bà Nguyễn Thị Cúc, chuyên viên Văn phòng UBND huyện An Lão")
    assert person is not None and person["name"] == "Nguyễn Thị Cúc"
    assert labelled_item_person("1. Thời gian: 8 giờ ngày 5/3") is None  # a particular names no one


NOTICE = ("Cụm thi đua số 3 các huyện miền núi tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm "
          "2024.\n\n1) Thời gian: 8 giờ, ngày 20/12/2024.\n\n2) Địa điểm: Hội trường UBND huyện An Lão.\n\n"
          "3) Chủ trì: Ông Lê Văn Nam, Chủ tịch UBND huyện An Lão, Cụm trưởng.")


def test_particulars_numbered_with_a_bracket_describe_the_meeting() -> None:
    # failed on 49: "1) Thời gian:" was no particular (only "1." was), so neither the day nor the
    # venue of the notice's meeting was read
    [row] = extract_meetings("Thông báo kết quả hội nghị tổng kết Cụm thi đua số 3", NOTICE,
                             published="2024-12-25T00:00:00+07:00")
    assert (row["meeting_date"], row["place"]) == ("2024-12-20", "Hội trường UBND huyện An Lão")
    assert [a["name"] for a in row["attendees"]] == ["Lê Văn Nam"]


def test_explain_shows_the_item_and_the_fields_it_fills() -> None:
    text = explain(analyse("Thông báo kết quả hội nghị tổng kết Cụm thi đua số 3", NOTICE,
                           published="2024-12-25"))
    assert "[item time: Thời gian]: " in text
    assert "[item place: Địa điểm]: [place: Hội trường UBND huyện An Lão]" in text
    assert "[item chair: Chủ trì]" in text
