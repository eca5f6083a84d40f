"""Clusters over time: each emulation cluster or bloc (Cụm/Khối thi đua) of a province, year by
year — its member organisations, who hosted, who chaired (Cụm trưởng), which meetings.

A province reorganises its clusters every few years and each report writes them its own way
("Cụm thi đua số 7 tỉnh Thanh Hóa", "Cụm Thi đua số 7", "cụm số 7 … Thanh Hoá"), so a cluster
is identified by what does not vary with spelling: the province as it was when it met (63
provinces before 2025-07-01, 34 after, since the merger re-formed the clusters), cụm or khối,
and its number — or, for clusters known by name ("Khối thi đua các cơ quan nội chính"), that
name with tone marks, short forms, case and the trailing province left out.

Tables (owned here, derived from `meetings`, so never edited by hand):
- `clusters`: one row per cluster; `cluster_years`: one row per cluster and emulation year;
  `cluster_meetings`: which meeting counted for which cluster and year.

The emulation year is the year a meeting reviews: "tổng kết năm 2018" held on 10 January 2019
belongs to 2018. Syndicated copies (articles with `duplicate_of`) are left out, so a meeting
reported by three sites counts once.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from archive import store
from archive.normalize import fold, normalize_tone_marks
from archive.organisations import canonical_org

__all__ = ["ClusterKey", "cluster_key", "emulation_year", "rebuild", "refresh_article"]

_KIND_WORD = {"cụm": "Cụm", "khối": "Khối"}
_LEADING_KIND = re.compile(r"^(cụm|khối)\b", re.IGNORECASE)
_TRAILING_PLACE = re.compile(r"\s+(?:của\s+)?(?:tỉnh|thành phố|tp\.?)(?:\s+[^\s].*)?$", re.IGNORECASE)
_CHAIR = re.compile(r"(?<!Phó )(?:Trưởng|trưởng)\s+(?:Cụm|cụm|Khối|khối)|(?<!Phó )(?:Cụm|Khối) trưởng")
_MEETING_COLUMNS = ("id", "article_id", "cluster_kind", "cluster_name", "cluster_number", "host",
                    "meeting_date", "period_start", "period_end", "year", "province",
                    "province_former", "kind")


@dataclass(frozen=True)
class ClusterKey:
    """What makes two meetings the same cluster."""

    province: str
    kind: str  # cụm | khối | "" when the text does not say
    number: int | None
    name_key: str  # folded name when there is no number, else ""

    def text(self) -> str:
        ident = f"số {self.number}" if self.number is not None else self.name_key
        return f"{self.province}|{self.kind}|{ident}"


def _kind_of(meeting: Mapping[str, Any]) -> str:
    kind = fold(meeting.get("cluster_kind") or "")
    if kind in ("cum", "khoi"):
        return "cụm" if kind == "cum" else "khối"
    found = _LEADING_KIND.match(normalize_tone_marks(meeting.get("cluster_name") or ""))
    return found.group(1).lower() if found else ""


def _name_key(name: str) -> str:
    """'Khối thi đua các cơ quan nội chính tỉnh Đắk Lắk' → 'cac co quan noi chinh'."""
    text = canonical_org(normalize_tone_marks(name))
    text = _TRAILING_PLACE.sub("", text)
    text = re.sub(r"^(?:cụm|khối)(?:\s+thi\s+đua)?\s*", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", fold(text)).strip(" -,.")


def cluster_key(meeting: Mapping[str, Any]) -> ClusterKey | None:
    """The cluster a meeting belongs to, or None when the meeting names no cluster/bloc."""
    number = meeting.get("cluster_number")
    name = meeting.get("cluster_name") or ""
    if number is None and not name.strip():
        return None
    province = meeting.get("province_former") or meeting.get("province") or ""
    if number is not None:
        return ClusterKey(province, _kind_of(meeting), int(number), "")
    return ClusterKey(province, _kind_of(meeting), None, _name_key(name))


def emulation_year(meeting: Mapping[str, Any]) -> int | None:
    """The year a meeting reviews or plans: its period's year when the period lies within one
    year, else the year it was held."""
    start, end = meeting.get("period_start") or "", meeting.get("period_end") or ""
    if start[:4].isdigit() and start[:4] == end[:4]:
        return int(end[:4])
    for value in (meeting.get("meeting_date"), meeting.get("year"), end):
        text = str(value or "")
        if text[:4].isdigit():
            return int(text[:4])
    return None


def display_name(key: ClusterKey, spellings: Iterable[str]) -> str:
    if key.number is not None:
        return f"{_KIND_WORD.get(key.kind, 'Cụm')} thi đua số {key.number}"
    counted = Counter(normalize_tone_marks(s) for s in spellings if s)
    return counted.most_common(1)[0][0] if counted else key.name_key


def _chair(title: str | None) -> bool:
    return bool(title and _CHAIR.search(title))


def _current_province(province: str) -> str | None:
    from archive.places import UnknownProvinceError, province_regimes

    try:
        return province_regimes(province, on="2025-07-01").get("province") or province
    except UnknownProvinceError:
        return province or None


# --- storage ---------------------------------------------------------------------------------

def _meetings(db: Database, where: str, params: list[Any]) -> list[dict[str, Any]]:
    cols = ", ".join(f"m.{c}" for c in _MEETING_COLUMNS)
    sql = (f"select {cols} from meetings m join articles a on a.id = m.article_id "
           f"where a.duplicate_of is null and {where} order by m.id")
    return [dict(zip(_MEETING_COLUMNS, row)) for row in db.conn.execute(sql, params)]


def _cluster_id(db: Database, key: ClusterKey) -> int:
    row = db.conn.execute("select id from clusters where key = ?", [key.text()]).fetchone()
    if row:
        return int(row[0])
    cur = db.conn.execute(
        "insert into clusters (key, province, province_current, cluster_kind, cluster_number) "
        "values (?, ?, ?, ?, ?)",
        [key.text(), key.province, _current_province(key.province), key.kind or None, key.number])
    return int(cur.lastrowid)


def _link(db: Database, meetings: Iterable[Mapping[str, Any]]) -> set[int]:
    touched: set[int] = set()
    for m in meetings:
        key = cluster_key(m)
        if key is None:
            continue
        cid = _cluster_id(db, key)
        db.conn.execute("insert into cluster_meetings (cluster_id, meeting_id, article_id, year) "
                        "values (?, ?, ?, ?)", [cid, m["id"], m["article_id"], emulation_year(m)])
        touched.add(cid)
    return touched


def _grouped(db: Database, table: str, column: str, ids: list[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    if not ids:
        return out
    marks = ",".join("?" * len(ids))
    sql = {
        "members": f"select mm.meeting_id, coalesce(o.name, mm.name) from meeting_members mm "
                   f"left join organisations o on o.id = mm.organisation_id "
                   f"where mm.meeting_id in ({marks}) order by mm.id",
        "attendees": f"select meeting_id, name, title from meeting_attendees "
                     f"where meeting_id in ({marks}) order by id",
    }[table]
    for row in db.conn.execute(sql, ids):
        out.setdefault(row[0], []).append(row[1] if column == "name" else row[1:])
    return out


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, str] = {}
    for v in values:
        if v and fold(v) not in seen:
            seen[fold(v)] = v
    return list(seen.values())


def _summarise(db: Database, cluster_id: int) -> None:
    """Recompute one cluster's row and its years from the meetings linked to it."""
    db.conn.execute("delete from cluster_years where cluster_id = ?", [cluster_id])
    links = db.conn.execute("select meeting_id, year from cluster_meetings where cluster_id = ? "
                            "order by year, meeting_id", [cluster_id]).fetchall()
    if not links:
        db.conn.execute("delete from clusters where id = ?", [cluster_id])
        return
    ids = [r[0] for r in links]
    meetings = {m["id"]: m for m in _meetings(db, f"m.id in ({','.join('?' * len(ids))})", ids)}
    members = _grouped(db, "members", "name", ids)
    attendees = _grouped(db, "attendees", "row", ids)
    by_year: dict[int | None, list[int]] = {}
    for meeting_id, year in links:
        if meeting_id in meetings:
            by_year.setdefault(year, []).append(meeting_id)
    for year, mids in by_year.items():
        chairs = [f"{name} ({title})" for mid in mids for name, title in attendees.get(mid, [])
                  if _chair(title)]
        db.conn.execute(
            "insert into cluster_years (cluster_id, year, members, hosts, chairs, kinds, meetings, "
            "meeting_ids) values (?, ?, ?, ?, ?, ?, ?, ?)",
            [cluster_id, year, "; ".join(_unique(canonical_org(n) for mid in mids
                                                 for n in members.get(mid, []))),
             "; ".join(_unique(meetings[mid]["host"] for mid in mids)), "; ".join(_unique(chairs)),
             "; ".join(_unique(meetings[mid]["kind"] for mid in mids)), len(mids),
             json.dumps(mids)])
    key_row = db.conn.execute("select key, cluster_kind, cluster_number, province from clusters "
                              "where id = ?", [cluster_id]).fetchone()
    spellings = [m["cluster_name"] for m in meetings.values()]
    key = ClusterKey(key_row[3], key_row[1] or "", key_row[2], key_row[0].rsplit("|", 1)[-1])
    years = sorted(y for y in by_year if y is not None)
    db.conn.execute(
        "update clusters set name = ?, spellings = ?, first_year = ?, last_year = ?, years = ?, "
        "meetings = ? where id = ?",
        [display_name(key, spellings), json.dumps(_unique(spellings), ensure_ascii=False),
         years[0] if years else None, years[-1] if years else None, len(years),
         sum(len(v) for v in by_year.values()), cluster_id])


def refresh_article(db: Database, article_id: int) -> int:
    """Re-derive the clusters an article's meetings touch (before and after its re-extraction);
    called by ingest after the meetings are stored. Returns the number of clusters refreshed."""
    with store.transaction(db):
        touched = {r[0] for r in db.conn.execute(
            "select distinct cluster_id from cluster_meetings where article_id = ?", [article_id])}
        db.conn.execute("delete from cluster_meetings where article_id = ?", [article_id])
        touched |= _link(db, _meetings(db, "m.article_id = ?", [article_id]))
        for cid in sorted(touched):
            _summarise(db, cid)
    return len(touched)


def rebuild(db: Database) -> int:
    """Derive every cluster from scratch (reparse, migration of an older archive). Returns the
    number of clusters."""
    with store.transaction(db):
        for table in ("cluster_meetings", "cluster_years", "clusters"):
            db.conn.execute(f"delete from {table}")
        touched = _link(db, _meetings(db, "1 = 1", []))
        for cid in sorted(touched):
            _summarise(db, cid)
    return len(touched)
