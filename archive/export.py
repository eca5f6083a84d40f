"""Exports of the archive's meetings, attendees and people, for researchers working in
spreadsheets and for scripts.

One row per meeting (members and attendees joined with "; ") or one row per person per
meeting, each with the source article's URL, title and date so every row can be checked
against its source.

- CSV (plain UTF-8, ISO timestamps with `+07:00`) is for scripts.
- `excel=True` CSV writes a UTF-8 byte-order mark first (without it Excel reads the file as the
  local ANSI code page and Vietnamese turns into mojibake) and timestamps as Vietnam wall time
  `2016-07-15 09:20:00`, which spreadsheets read as date-times (`+07:00` stays text).
  LibreOffice ignores the mark when it converts without asking (`soffice --convert-to`): give it
  `--infilter=CSV:44,34,76` there, or use the workbook.
- A workbook (`write_workbook`, `thidua export meetings -o m.xlsx`, xlsxwriter) needs no import
  settings anywhere: a `meetings` and an `attendees` sheet, dates and times as real date cells,
  header row frozen, filters on; text cells are always text (never formulas).
"""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TextIO

import xlsxwriter

from archive.normalize import normalize_tone_marks

__all__ = ["ATTENDEE_COLUMNS", "MEETING_COLUMNS", "PEOPLE_COLUMNS", "ExportError", "SafeDictWriter",
           "attendee_rows", "export_attendees", "export_meetings", "export_people", "meeting_rows",
           "safe_cell", "write_workbook"]

MEETING_COLUMNS = [
    "meeting_id", "meeting_date", "year", "kind", "kinds", "title", "period_label", "period_start", "period_end",
    "next_period",
    "cluster_kind", "cluster_name", "cluster_number", "host", "place", "province", "province_former",
    "members", "attendees", "confidence", "article_title", "article_url", "article_published_at",
    "extractor_version",
]
ATTENDEE_COLUMNS = [
    "meeting_id", "name", "title", "organisation", "meeting_date", "year", "kind", "meeting_title",
    "cluster_name", "host", "province", "province_former", "article_title", "article_url",
    "article_published_at",
]
PEOPLE_COLUMNS = [
    "person_id", "name", "organisation", "province", "titles", "first_year", "last_year", "meetings",
    "year", "title", "meeting_id", "meeting_date", "kind", "cluster_name", "article_title",
    "article_url",
]
BOM = "\ufeff"
VIETNAM = timezone(timedelta(hours=7))
_DATE_COLUMNS = {"meeting_date", "period_start", "period_end"}
_TIME_COLUMNS = {"article_published_at"}

# Spreadsheet formula injection: Excel and LibreOffice run a cell that starts with = + - @ as a
# formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`), and some skip a leading tab or CR first.
# Archived text is written by strangers, so such a cell gets an apostrophe in front (OWASP's
# advice): spreadsheets then show it as text; in a plain CSV reader it is visible.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """The database cannot be exported (missing file or tables)."""


def _connect(db_path: str | Path) -> sqlite3.Connection:
    path = Path(db_path)
    if not path.exists():
        raise ExportError(f"{path} does not exist")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    # SQLite's lower() folds ASCII only ('Đắk Lắk' stays 'Đắk lắk'): use Python's, NFC.
    conn.create_function("vlower", 1, lambda s: normalize_tone_marks(s).lower() if s else s,
                         deterministic=True)
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table','view')")}
    missing = {"meetings", "articles"} - tables
    if missing:
        conn.close()
        raise ExportError(f"{path} has no {', '.join(sorted(missing))} table: not an archive database")
    return conn


_YEAR = "cast(substr(coalesce(m.meeting_date, m.period_end, a.published_at), 1, 4) as integer)"


def _where(province: str | None, since: int | None, until: int | None, kind: str | None,
           cluster: str | None, include_duplicates: bool = False) -> tuple[str, list[Any]]:
    """SQL filter shared by both exports. Province matches the current or the former name,
    whatever tone-mark placement the user typed ('Thanh Hoá' finds 'Thanh Hóa')."""
    clauses: list[str] = []
    params: list[Any] = []
    if not include_duplicates:
        # a story syndicated on several sites is one meeting: keep the first archived copy
        clauses.append("a.duplicate_of is null")
    if province:
        names = {normalize_tone_marks(province).strip()}
        from archive.places import UnknownProvinceError, province_regimes

        try:
            r = province_regimes(province)
            names |= {n for n in (r.get("province"), r.get("province_former")) if n}
        except UnknownProvinceError:  # an unknown name still filters literally
            r = {}
        marks = ",".join("?" * len(names))
        clauses.append(f"(vlower(m.province) in ({marks}) or vlower(m.province_former) in ({marks}))")
        lowered = [n.lower() for n in sorted(names)]
        params += lowered + lowered
    if since is not None:
        clauses.append(f"{_YEAR} >= ?")
        params.append(int(since))
    if until is not None:
        clauses.append(f"{_YEAR} <= ?")
        params.append(int(until))
    if kind:
        clauses.append("vlower(m.kind) = vlower(?)")
        params.append(normalize_tone_marks(kind).strip())
    if cluster:
        clauses.append("instr(vlower(m.cluster_name), vlower(?)) > 0")
        params.append(normalize_tone_marks(cluster).strip())
    return (" where " + " and ".join(clauses)) if clauses else "", params


def _spreadsheet_value(column: str, value: Any) -> Any:
    """Timestamps as Vietnam wall time without the offset (what spreadsheets parse)."""
    if column in _TIME_COLUMNS and isinstance(value, str) and "T" in value:
        moment = _as_datetime(value)
        return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else value
    return value


def _as_datetime(value: str) -> datetime | None:
    """An archive timestamp (ISO 8601, offset or not) as naive Vietnam time."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(VIETNAM).replace(tzinfo=None) if moment.tzinfo else moment


def safe_cell(value: Any) -> Any:
    """A cell value no spreadsheet will run as a formula (see FORMULA_STARTS)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeDictWriter(csv.DictWriter):
    """csv.DictWriter whose every cell goes through safe_cell: every CSV export uses it."""

    def writerow(self, rowdict: Any) -> Any:
        return super().writerow({k: safe_cell(v) for k, v in rowdict.items()})


def _writer(out: TextIO, columns: list[str], excel: bool) -> csv.DictWriter:
    if excel:
        out.write(BOM)
    writer = SafeDictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    return writer


def _write_csv(out: TextIO, columns: list[str], rows: list[dict[str, Any]], excel: bool) -> int:
    writer = _writer(out, columns, excel)
    for row in rows:
        writer.writerow({k: _spreadsheet_value(k, v) for k, v in row.items()} if excel else row)
    return len(rows)


def meeting_rows(db_path: str | Path, province: str | None = None, since: int | None = None,
                 until: int | None = None, kind: str | None = None, cluster: str | None = None,
                 include_duplicates: bool = False) -> list[dict[str, Any]]:
    """One dict per meeting (MEETING_COLUMNS). Filters: province (current or former name),
    since/until (years, by meeting date, else the period's end, else the article's date), kind
    (exact), cluster (name contains)."""
    where, params = _where(province, since, until, kind, cluster, include_duplicates)
    conn = _connect(db_path)
    try:
        rows = conn.execute(
            f"""select m.*, {_YEAR} as year_, a.title as article_title, a.url as article_url,
                       a.published_at as article_published_at
                from meetings m join articles a on a.id = m.article_id{where}
                order by coalesce(m.meeting_date, a.published_at), m.id""", params).fetchall()
        members = _grouped(conn, "select meeting_id, name from meeting_members order by rowid",
                           lambda r: r["name"])
        attendees = _grouped(conn, "select meeting_id, name, title from meeting_attendees order by rowid",
                             lambda r: f"{r['name']} ({r['title']})" if r["title"] else r["name"])
        records = []
        for r in rows:
            record = dict(r)
            record["meeting_id"] = r["id"]
            record["year"] = r["year_"]
            record["members"] = "; ".join(members.get(r["id"], []))
            record["attendees"] = "; ".join(attendees.get(r["id"], []))
            records.append({c: record.get(c) for c in MEETING_COLUMNS})
        return records
    finally:
        conn.close()


def attendee_rows(db_path: str | Path, province: str | None = None, since: int | None = None,
                  until: int | None = None, kind: str | None = None, cluster: str | None = None,
                  include_duplicates: bool = False) -> list[dict[str, Any]]:
    """One dict per person per meeting (ATTENDEE_COLUMNS), same filters as meeting_rows."""
    where, params = _where(province, since, until, kind, cluster, include_duplicates)
    conn = _connect(db_path)
    try:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        if "meeting_attendees" not in tables:
            raise ExportError(f"{db_path} has no meeting_attendees table")
        rows = conn.execute(
            f"""select p.meeting_id, p.name, p.title, p.organisation, m.meeting_date, {_YEAR} as year,
                       m.kind, m.title as meeting_title, m.cluster_name, m.host, m.province,
                       m.province_former, a.title as article_title, a.url as article_url,
                       a.published_at as article_published_at
                from meeting_attendees p join meetings m on m.id = p.meeting_id
                join articles a on a.id = m.article_id{where}
                order by coalesce(m.meeting_date, a.published_at), m.id, p.rowid""", params).fetchall()
        return [dict(r) for r in rows]
    finally:
        conn.close()


def export_meetings(db_path: str | Path, out: TextIO, excel: bool = False, **filters: Any) -> int:
    """Write one CSV row per meeting to `out`; returns the number of rows (filters: meeting_rows)."""
    return _write_csv(out, MEETING_COLUMNS, meeting_rows(db_path, **filters), excel)


def export_attendees(db_path: str | Path, out: TextIO, excel: bool = False, **filters: Any) -> int:
    """Write one CSV row per person per meeting to `out`; returns the number of rows."""
    return _write_csv(out, ATTENDEE_COLUMNS, attendee_rows(db_path, **filters), excel)


def people_rows(db_path: str | Path, province: str | None = None) -> list[dict[str, Any]]:
    """One dict per person per meeting attended (PEOPLE_COLUMNS): the people table of
    archive/people.py with each person's meetings, oldest first."""
    conn = _connect(db_path)
    try:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        if not {"people", "person_meetings"} <= tables:
            raise ExportError(f"{db_path} has no people table: open it once with this version "
                              "(any thidua command upgrades it), then export again")
        where, params = "", []
        if province:
            where = " where vlower(p.province) = vlower(?)"
            params.append(normalize_tone_marks(province).strip())
        rows = conn.execute(
            f"""select p.id as person_id, p.name, p.organisation, p.province, p.titles, p.first_year,
                       p.last_year, p.meetings, pm.year, pm.title, m.id as meeting_id, m.meeting_date,
                       m.kind, m.cluster_name, a.title as article_title, a.url as article_url
                from people p join person_meetings pm on pm.person_id = p.id
                join meetings m on m.id = pm.meeting_id join articles a on a.id = m.article_id{where}
                order by p.name, p.id, pm.year, m.meeting_date, m.id""", params).fetchall()
        return [dict(r) for r in rows]
    finally:
        conn.close()


def export_people(db_path: str | Path, out: TextIO, excel: bool = False,
                  province: str | None = None) -> int:
    """Write one CSV row per person per meeting attended; returns the number of rows."""
    return _write_csv(out, PEOPLE_COLUMNS, people_rows(db_path, province=province), excel)


def _cell(sheet: Any, row: int, col: int, column: str, value: Any, formats: dict[str, Any]) -> None:
    """Write one cell with its real type: dates and times as date cells, numbers as numbers,
    everything else as text (write_string: a leading '=' never becomes a formula)."""
    if value is None or value == "":
        return
    if column in _DATE_COLUMNS and isinstance(value, str) and len(value) == 10:
        try:
            sheet.write_datetime(row, col, datetime.combine(date.fromisoformat(value), datetime.min.time()),
                                 formats["date"])
            return
        except ValueError:
            pass
    if column in _TIME_COLUMNS and isinstance(value, str):
        moment = _as_datetime(value)
        if moment is not None:
            fmt = formats["datetime"] if "T" in value else formats["date"]
            sheet.write_datetime(row, col, moment, fmt)
            return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, col, value)
        return
    sheet.write_string(row, col, str(value))


def _sheet(book: Any, name: str, columns: list[str], rows: list[dict[str, Any]],
           formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, columns, formats["header"])
    for r, record in enumerate(rows, start=1):
        for c, column in enumerate(columns):
            _cell(sheet, r, c, column, record.get(column), formats)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    for c, column in enumerate(columns):
        longest = max([len(column)] + [len(str(x.get(column) or "")) for x in rows[:200]])
        sheet.set_column(c, c, min(max(longest + 2, 8), 60))


def write_workbook(db_path: str | Path, path: str | Path, **filters: Any) -> tuple[int, int]:
    """Write an .xlsx with a `meetings` and an `attendees` sheet (same filters as meeting_rows);
    returns (meetings, attendees)."""
    meetings = meeting_rows(db_path, **filters)
    attendees = attendee_rows(db_path, **filters)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False})
    formats = {"header": book.add_format({"bold": True, "bg_color": "#EEEEEE"}),
               "date": book.add_format({"num_format": "yyyy-mm-dd"}),
               "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"})}
    _sheet(book, "meetings", MEETING_COLUMNS, meetings, formats)
    _sheet(book, "attendees", ATTENDEE_COLUMNS, attendees, formats)
    try:
        book.close()
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        raise ExportError(f"cannot write {path}: {exc}") from exc
    return len(meetings), len(attendees)


def _grouped(conn: sqlite3.Connection, sql: str, show: Any) -> dict[int, list[str]]:
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    table = sql.split(" from ")[1].split()[0]
    if table not in tables:
        return {}
    grouped: dict[int, list[str]] = {}
    for r in conn.execute(sql):
        grouped.setdefault(r["meeting_id"], []).append(show(r))
    return grouped
