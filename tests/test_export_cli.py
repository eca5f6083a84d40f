"""`thidua export` on a real archive file: filters, Excel BOM, syndicated copies counted once."""

import csv
import io

import pytest
from click.testing import CliRunner

from archive import store
from archive.cli import cli

MEETING = {"kind": "sơ kết", "cluster_name": "Cụm thi đua số 3", "meeting_date": "2024-07-10",
           "province": "Đắk Lắk", "members": ["Hội Nông dân tỉnh", "Tỉnh đoàn"],
           "attendees": [{"name": "Y Bih Niê", "title": "Phó Chủ tịch UBND tỉnh"}]}


@pytest.fixture
def archive(tmp_path):
    db = store.open_archive(tmp_path / "a.db")
    for i, (url, fp) in enumerate([("https://a.vn/1.html", "x"), ("https://b.vn/copy.html", "x"),
                                    ("https://a.vn/2.html", "y")]):
        rec = {"url": url, "title": f"Bài {i}", "body": "Nội dung.", "published_at": "2024-07-11"}
        _, aid = store.upsert_article(db, rec, source_id=None, page_id=None, extractor_version="v",
                                      fingerprint=fp)
        m = dict(MEETING, kind="tổng kết") if fp == "y" else MEETING
        store.upsert_meetings(db, aid, [m], extractor_version="v")
    return tmp_path / "a.db"


def run(*args):
    result = CliRunner().invoke(cli, ["export", *args])
    assert result.exit_code == 0, result.output
    return result


def test_province_and_kind_filters_ignore_case_and_tone_style(archive, tmp_path):
    out = tmp_path / "m.csv"
    run("meetings", "--db", str(archive), "--province", "ĐẮK LẮK", "--kind", "SƠ KẾT", "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    # the syndicated copy (same fingerprint) is the same meeting: exported once
    assert [r["article_url"] for r in rows] == ["https://a.vn/1.html"]
    assert rows[0]["members"] == "Hội Nông dân tỉnh; Tỉnh đoàn"
    run("meetings", "--db", str(archive), "--kind", "sơ kết", "--include-duplicates", "-o", str(out))
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 2


def test_excel_flag_writes_a_bom(archive, tmp_path):
    out = tmp_path / "m.csv"
    run("meetings", "--db", str(archive), "--excel", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Cụm thi đua số 3" in raw.decode("utf-8-sig")


def test_attendees_one_row_per_person(archive):
    result = run("attendees", "--db", str(archive), "--since", "2024", "--until", "2024")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["name"] for r in rows} == {"Y Bih Niê"}
    assert len(rows) == 2  # two distinct meetings (the syndicated copy is left out)
