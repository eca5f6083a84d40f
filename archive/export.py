"""CSV exports of the archive's meetings, for researchers working in spreadsheets.

One row per meeting (members and attendees joined with "; ") or one row per person per
meeting, each with the source article's URL, title and date so every row can be checked
against its source. `excel=True` writes a UTF-8 byte-order mark first: without it Excel
reads the file as the local ANSI code page and Vietnamese turns into mojibake.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import Any, TextIO

from archive.normalize import normalize_tone_marks

__all__ = ["ATTENDEE_COLUMNS", "MEETING_COLUMNS", "ExportError", "export_attendees", "export_meetings"]

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
BOM = "\ufeff"


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


def _writer(out: TextIO, columns: list[str], excel: bool) -> csv.DictWriter:
    if excel:
        out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    return writer


def export_meetings(db_path: str | Path, out: TextIO, province: str | None = None, since: int | None = None,
                    until: int | None = None, kind: str | None = None, cluster: str | None = None,
                    excel: bool = False, include_duplicates: bool = False) -> int:
    """Write one CSV row per meeting to `out`; returns the number of rows.

    Filters: province (current or former name), since/until (years, by meeting date, else the
    period's end, else the article's date), kind (exact), cluster (name contains).
    """
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
        writer = _writer(out, MEETING_COLUMNS, excel)
        for r in rows:
            record = dict(r)
            record["meeting_id"] = r["id"]
            record["year"] = r["year_"]
            record["members"] = "; ".join(members.get(r["id"], []))
            record["attendees"] = "; ".join(attendees.get(r["id"], []))
            writer.writerow(record)
        return len(rows)
    finally:
        conn.close()


def export_attendees(db_path: str | Path, out: TextIO, province: str | None = None, since: int | None = None,
                     until: int | None = None, kind: str | None = None, cluster: str | None = None,
                     excel: bool = False, include_duplicates: bool = False) -> int:
    """Write one CSV row per person per meeting to `out`; returns the number of rows."""
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
        writer = _writer(out, ATTENDEE_COLUMNS, excel)
        for r in rows:
            writer.writerow(dict(r))
        return len(rows)
    finally:
        conn.close()


def _grouped(conn: sqlite3.Connection, sql: str, show: Any) -> dict[int, list[str]]:
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    table = sql.split(" from ")[1].split()[0]
    if table not in tables:
        return {}
    grouped: dict[int, list[str]] = {}
    for r in conn.execute(sql):
        grouped.setdefault(r["meeting_id"], []).append(show(r))
    return grouped
