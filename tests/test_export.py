"""CSV exports read a real SQLite archive (built here with sqlite-utils) and filter it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from archive import store
from archive.export import (
    ATTENDEE_COLUMNS,
    MEETING_COLUMNS,
    ExportError,
    export_attendees,
    export_meetings,
)


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    db = store.open_archive(path)  # the real schema, so exports are tested on what they will read
    db["articles"].insert_all([
        {"id": 1, "url": "https://ldld.example/tin/1.html", "title": "Cụm thi đua số 7 sơ kết 6 tháng",
         "published_at": "2016-07-20T08:00:00+07:00"},
        {"id": 2, "url": "https://btdkt.example/tin/2.html", "title": "Khối thi đua tổng kết năm 2021",
         "published_at": "2022-01-12T09:00:00+07:00"},
    ], pk="id")
    db["organisations"].insert_all([
        {"id": 1, "name": "Hội Nông dân", "kind": "hnd", "province": "Thanh Hóa", "aliases": json.dumps([])},
        {"id": 2, "name": "Liên đoàn Lao động Thanh Hóa", "kind": "ldld", "province": "Thanh Hóa",
         "aliases": json.dumps(["LĐLĐ Thanh Hoá"], ensure_ascii=False)},
    ], pk="id")
    db["meetings"].insert_all([
        {"id": 1, "article_id": 1, "kind": "sơ kết", "title": "Hội nghị sơ kết",
         "period_label": "6 tháng đầu năm 2016", "period_start": "2016-01-01", "period_end": "2016-06-30",
         "cluster_kind": "cụm", "cluster_name": "Cụm thi đua số 7", "cluster_number": 7,
         "host": "Liên đoàn Lao động tỉnh Thanh Hóa", "place": "Liên đoàn Lao động tỉnh Thanh Hóa",
         "meeting_date": None, "province": "Thanh Hóa", "province_former": "Thanh Hóa",
         "confidence": 0.85, "extractor_version": "1"},
        {"id": 2, "article_id": 2, "kind": "tổng kết", "title": "Hội nghị tổng kết",
         "period_label": "năm 2021", "period_start": "2021-01-01", "period_end": "2021-12-31",
         "cluster_kind": "khối", "cluster_name": "Khối thi đua số 2", "cluster_number": 2,
         "host": "Sở Giáo dục và Đào tạo", "place": "Sở Giáo dục và Đào tạo", "meeting_date": "2022-01-11",
         "province": "Bắc Ninh", "province_former": "Bắc Giang", "confidence": 0.9, "extractor_version": "1"},
    ], pk="id", foreign_keys=[("article_id", "articles", "id")])
    db["meeting_members"].insert_all([
        {"meeting_id": 1, "organisation_id": 1, "name": "Hội Nông dân"},
        {"meeting_id": 1, "organisation_id": 2, "name": "Liên đoàn Lao động Thanh Hoá"},
    ])
    db["meeting_attendees"].insert_all([
        {"meeting_id": 1, "name": "Nguyễn Hữu Hiệp", "title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
         "organisation": None},
        {"meeting_id": 2, "name": "Trần Minh Tú", "title": None, "organisation": None},
    ])
    return path


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_meeting_with_members_and_attendees_joined(db_path: Path) -> None:
    out = io.StringIO()
    assert export_meetings(db_path, out) == 2
    rows = _rows(out.getvalue())
    assert list(rows[0]) == MEETING_COLUMNS
    first = rows[0]
    assert first["members"] == "Hội Nông dân; Liên đoàn Lao động Thanh Hoá"
    assert first["attendees"] == "Nguyễn Hữu Hiệp (Phó Trưởng Ban Thi đua - Khen thưởng tỉnh)"
    assert first["article_url"] == "https://ldld.example/tin/1.html"
    assert first["article_title"] == "Cụm thi đua số 7 sơ kết 6 tháng"
    assert first["article_published_at"] == "2016-07-20T08:00:00+07:00"
    assert first["year"] == "2016"  # no meeting date: the period's end gives the year
    assert rows[1]["attendees"] == "Trần Minh Tú"


@pytest.mark.parametrize("filters, ids", [
    ({"province": "Thanh Hoá"}, ["1"]),           # old tone placement finds Thanh Hóa
    ({"province": "Bắc Giang"}, ["2"]),           # former name
    ({"province": "Bắc Ninh"}, ["2"]),            # current name
    ({"since": 2017}, ["2"]),
    ({"until": 2016}, ["1"]),
    ({"kind": "tổng kết"}, ["2"]),
    ({"cluster": "số 7"}, ["1"]),
    ({"cluster": "khối thi đua"}, ["2"]),
    ({"province": "Thanh Hóa", "since": 2020}, []),
])
def test_filters(db_path: Path, filters: dict, ids: list[str]) -> None:
    out = io.StringIO()
    n = export_meetings(db_path, out, **filters)
    assert [r["meeting_id"] for r in _rows(out.getvalue())] == ids
    assert n == len(ids)


def test_excel_adds_a_utf8_bom_and_the_file_reads_back(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "meetings.csv"
    with open(target, "w", encoding="utf-8", newline="") as fh:
        export_meetings(db_path, fh, excel=True)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = _rows(raw.decode("utf-8-sig"))
    assert rows[0]["cluster_name"] == "Cụm thi đua số 7"
    plain = io.StringIO()
    export_meetings(db_path, plain)
    assert not plain.getvalue().startswith("\ufeff")


def test_attendees_one_row_per_person_per_meeting(db_path: Path) -> None:
    out = io.StringIO()
    assert export_attendees(db_path, out) == 2
    rows = _rows(out.getvalue())
    assert list(rows[0]) == ATTENDEE_COLUMNS
    assert (rows[0]["name"], rows[0]["title"], rows[0]["cluster_name"]) == (
        "Nguyễn Hữu Hiệp", "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh", "Cụm thi đua số 7")
    assert rows[1]["article_url"] == "https://btdkt.example/tin/2.html"
    out = io.StringIO()
    assert export_attendees(db_path, out, province="Bắc Giang") == 1


def test_missing_database(tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        export_meetings(tmp_path / "nope.db", io.StringIO())
