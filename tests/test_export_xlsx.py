"""Spreadsheet exports (issue 15): a real workbook that LibreOffice opens with Vietnamese intact
and dates as dates, the `--excel` CSV's timestamps as wall time, and `thidua export people`."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT
from demo_archive import thidua_command

from archive.export import export_meetings, export_people, write_workbook
from demo.content import load_articles

openpyxl = pytest.importorskip("openpyxl")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*thidua_command(), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)


def test_workbook_has_typed_cells_and_a_frozen_header(demo_archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    result = _cli("export", "meetings", "--db", str(demo_archive), "-o", str(out))
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["meetings", "attendees"]
    meetings, attendees = book["meetings"], book["attendees"]
    assert meetings.freeze_panes == "A2" and attendees.freeze_panes == "A2"
    header = [c.value for c in meetings[1]]
    rows = [dict(zip(header, (c.value for c in r))) for r in meetings.iter_rows(min_row=2)]
    truth = [m for a in load_articles() for m in a["meetings"]]
    assert len(rows) == len(truth)
    dated = [r for r in rows if r["meeting_date"] is not None]
    assert dated and all(isinstance(r["meeting_date"], datetime) for r in dated)
    assert all(isinstance(r["article_published_at"], datetime) for r in rows)
    assert {r["province"] for r in rows} == {m["province"] for m in truth}  # Vietnamese intact
    assert attendees.max_row - 1 == sum(len(m["attendees"]) for m in truth)


def test_workbook_text_is_never_a_formula(demo_archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    shutil.copy(demo_archive, db)
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("update meetings set host = '=HYPERLINK(\"http://x\",\"y\")' where id = "
                 "(select min(id) from meetings)")
    conn.commit()
    conn.close()
    out = tmp_path / "m.xlsx"
    write_workbook(db, out)
    cells = [c for row in openpyxl.load_workbook(out)["meetings"].iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.skipif(SOFFICE is None, reason="SKIPPED: LibreOffice (soffice) not installed; "
                    "scripts/install_system_deps.sh installs libreoffice-calc-nogui as root")
def test_libreoffice_opens_the_workbook_with_dates_as_dates(demo_archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    write_workbook(demo_archive, out)
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "fods",
         "--outdir", str(tmp_path), str(out)], capture_output=True, text=True, timeout=180,
        check=False)
    flat = tmp_path / "m.fods"
    assert flat.exists(), result.stdout + result.stderr
    xml = flat.read_text(encoding="utf-8")
    assert re.findall(r'<table:table table:name="([^"]+)"', xml) == ["meetings", "attendees"]
    truth = [m for a in load_articles() for m in a["meetings"] if m["meeting_date"]]
    for m in truth:  # each meeting date is a date cell in LibreOffice's own reading
        assert f'office:value-type="date" office:date-value="{m["meeting_date"]}' in xml
    assert "Hội Liên hiệp Phụ nữ tỉnh" in xml and "Trần Quang Vinh" in xml


def test_excel_csv_has_bom_and_wall_time(demo_archive: Path) -> None:
    out = io.StringIO()
    export_meetings(demo_archive, out, excel=True)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    shapes = {bool(re.fullmatch(r"\d{4}-\d\d-\d\d( \d\d:\d\d:\d\d)?", r["article_published_at"])) for r in rows}
    assert shapes == {True}  # a page that gives only a day stays a date
    plain = io.StringIO()
    export_meetings(demo_archive, plain)  # the CSV for scripts keeps ISO 8601 with +07:00
    assert not plain.getvalue().startswith("\ufeff")
    assert "+07:00" in plain.getvalue()


def test_export_people(demo_archive: Path) -> None:
    out = io.StringIO()
    n = export_people(demo_archive, out, province="Thanh Hóa")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) > 0
    vinh = [r for r in rows if r["name"] == "Trần Quang Vinh"]
    assert len({r["meeting_id"] for r in vinh}) == len({r["person_id"] for r in vinh}) * 3
    result = _cli("export", "people", "--db", str(demo_archive), "--province", "Cần Thơ")
    assert result.returncode == 0 and "Huỳnh Văn Sơn" in result.stdout
