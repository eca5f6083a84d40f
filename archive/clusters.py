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
  `cluster_meetings`: which meeting counted for which cluster and year (and how that meeting
  spelt the cluster's name); `cluster_spellings`:
  how many of a cluster's meetings spelt its name each way, and the first that did (what its
  name and spellings are computed from, so that a page adds to them instead of re-reading
  every meeting of the cluster).

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
        db.conn.execute("insert into cluster_meetings (cluster_id, meeting_id, article_id, year, "
                        "spelling) values (?, ?, ?, ?, ?)",
                        [cid, m["id"], m["article_id"], emulation_year(m), m["cluster_name"]])
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


@dataclass
class _Year:
    """One cluster's year as its `cluster_years` row is built: its meetings in id order and the
    members, hosts, chairs and kinds they name, each list keyed by its folded form (kept as first
    written), so that a later meeting's names can be added without reading the earlier ones."""

    mids: list[int]
    lists: tuple[dict[str, str], ...] = ()

    def add(self, mids: list[int], meetings: Mapping[int, Mapping[str, Any]],
            members: Mapping[int, list[Any]], attendees: Mapping[int, list[Any]]) -> _Year:
        """This year with `mids` (later than its own, in id order) added."""
        lists = tuple(dict(d) for d in self.lists) or ({}, {}, {}, {})
        columns = ([canonical_org(n) for mid in mids for n in members.get(mid, [])],
                   [meetings[mid]["host"] for mid in mids],
                   [f"{name} ({title})" for mid in mids for name, title in attendees.get(mid, [])
                    if _chair(title)],
                   [meetings[mid]["kind"] for mid in mids])
        for seen, values in zip(lists, columns, strict=True):
            for v in values:
                if v and fold(v) not in seen:
                    seen[fold(v)] = v
        return _Year(self.mids + mids, lists)

    def values(self) -> list[Any]:
        """members, hosts, chairs, kinds, meetings, meeting_ids."""
        return [*("; ".join(seen.values()) for seen in self.lists), len(self.mids), json.dumps(self.mids)]


# The years this process last wrote, by connection, cluster and year: a page that adds a
# meeting to a year adds its names to them (crawls add meetings in id order) instead of reading
# the whole year again. Trusted only while the stored row is still the one written.
_YEARS: dict[tuple[int, int, int | None], _Year] = {}
_YEARS_KEPT = 4096


def _stored_year(db: Database, cluster_id: int, year: int | None) -> list[Any] | None:
    row = db.conn.execute("select members, hosts, chairs, kinds, meetings, meeting_ids from "
                          "cluster_years where cluster_id = ? and year is ?", [cluster_id, year]).fetchone()
    return list(row) if row else None


def _year_of(db: Database, cluster_id: int, year: int | None, added: list[int] | None) -> _Year:
    """The year's meetings and names: the year as last written plus the meetings `added` when
    they are all later than its own (and the stored row is still that one), else read whole."""
    kept = _YEARS.get((id(db.conn), cluster_id, year))
    if added is not None and kept is not None and kept.mids and min(added) > kept.mids[-1] \
            and _stored_year(db, cluster_id, year) == kept.values():
        base, ids = kept, added
    else:
        base = _Year([])
        ids = [r[0] for r in db.conn.execute(
            "select meeting_id from cluster_meetings where cluster_id = ? and year is ? "
            "order by meeting_id", [cluster_id, year])]
    meetings = {m["id"]: m for m in _meetings(db, f"m.id in ({','.join('?' * len(ids))})", ids)} \
        if ids else {}
    mids = [mid for mid in ids if mid in meetings]
    return base.add(mids, meetings, _grouped(db, "members", "name", mids),
                    _grouped(db, "attendees", "row", mids))


def _summarise_year(db: Database, cluster_id: int, year: int | None,
                    added: list[int] | None = None) -> tuple[int, int]:
    """Recompute one cluster's row for one year: from that year's meetings only, or, when the
    page only `added` meetings to it, from the row as this process last wrote it and the added
    meetings — a page costs the same whether its cluster's year has two meetings or two hundred.
    Returns the year's meetings before and after."""
    summary = _year_of(db, cluster_id, year, added)
    before = db.conn.execute("select coalesce(sum(meetings), 0) from cluster_years "
                             "where cluster_id = ? and year is ?", [cluster_id, year]).fetchone()[0]
    db.conn.execute("delete from cluster_years where cluster_id = ? and year is ?", [cluster_id, year])
    if len(_YEARS) >= _YEARS_KEPT:
        _YEARS.clear()
    _YEARS.pop((id(db.conn), cluster_id, year), None)
    if summary.mids:
        db.conn.execute(
            "insert into cluster_years (cluster_id, year, members, hosts, chairs, kinds, meetings, "
            "meeting_ids) values (?, ?, ?, ?, ?, ?, ?, ?)", [cluster_id, year, *summary.values()])
        _YEARS[(id(db.conn), cluster_id, year)] = summary
    return before, len(summary.mids)


def _count_spellings(db: Database, cluster_id: int, names: Iterable[tuple[int, str | None]]) -> None:
    """Add meetings' spellings of the cluster's name, (meeting id, spelling) in id order, to
    its `cluster_spellings` rows: how many meetings wrote it so, and the first that did."""
    for meeting_id, name in names:
        if name:
            db.conn.execute(
                "insert into cluster_spellings (cluster_id, spelling, meetings, first_meeting) "
                "values (?, ?, 1, ?) on conflict (cluster_id, spelling) do update set "
                "meetings = meetings + 1, first_meeting = min(first_meeting, excluded.first_meeting)",
                [cluster_id, name, meeting_id])


def _uncount_spellings(db: Database, cluster_id: int, names: Iterable[tuple[int, str | None]]) -> None:
    """Take the spellings of links that are gone, (meeting id, spelling), out of the cluster's
    `cluster_spellings`: a spelling no link gives any more goes, and one whose first meeting
    went takes the lowest meeting id of the links left that spell it so (the index
    (cluster_id, spelling, meeting_id) m013 adds). Called once the page's links are replaced, so
    'the links left' are the cluster's links as they will stand."""
    gone: dict[str, int] = {}
    mids = set()
    for meeting_id, name in names:
        mids.add(meeting_id)
        if name:
            gone[name] = gone.get(name, 0) + 1
    where = "where cluster_id = ? and spelling = ?"
    for name, count in gone.items():
        meetings, first = db.conn.execute(
            f"select meetings, first_meeting from cluster_spellings {where}", [cluster_id, name]).fetchone()
        if meetings <= count:
            db.conn.execute(f"delete from cluster_spellings {where}", [cluster_id, name])
            continue
        if first in mids:
            first = db.conn.execute(f"select min(meeting_id) from cluster_meetings {where}",
                                    [cluster_id, name]).fetchone()[0]
        db.conn.execute(f"update cluster_spellings set meetings = ?, first_meeting = ? {where}",
                        [meetings - count, first, cluster_id, name])


def _name_and_spellings(db: Database, key: ClusterKey, cluster_id: int) -> tuple[str, list[str]]:
    """The cluster's display name (its most used spelling, the first used on a tie, when it has
    no number) and its spellings, one per folded form, each as first written, in order of
    first use — from the spelling counts, as they were from every meeting in id order."""
    rows = sorted(db.conn.execute("select first_meeting, spelling, meetings from cluster_spellings "
                                  "where cluster_id = ?", [cluster_id]).fetchall())
    spellings = _unique(spelling for _, spelling, _ in rows)
    if key.number is not None or not rows:
        return display_name(key, []), spellings
    counted: dict[str, int] = {}
    for _, spelling, meetings in rows:  # first use first, as Counter.most_common breaks ties
        written = normalize_tone_marks(spelling)
        counted[written] = counted.get(written, 0) + meetings
    return max(counted, key=lambda written: counted[written]), spellings


def _summarise(db: Database, cluster_id: int, years: Iterable[int | None], *, lost: bool = True,
               added: Mapping[int | None, list[int]] | None = None) -> None:
    """Bring one cluster up to date after its links changed in `years`: those years' rows, then
    the cluster's row — its counts and first and last year moved by what those years gained or
    lost (the index asked only when a year went), its name from the spelling counts. Without
    `lost` (links were only added) the cluster is known to keep links. `added`: the meetings a
    page only added to a year, by year."""
    if lost and db.conn.execute("select 1 from cluster_meetings where cluster_id = ? limit 1",
                                [cluster_id]).fetchone() is None:
        for table, column in (("cluster_years", "cluster_id"), ("cluster_spellings", "cluster_id"),
                              ("clusters", "id")):
            db.conn.execute(f"delete from {table} where {column} = ?", [cluster_id])
        return
    row = db.conn.execute("select key, cluster_kind, cluster_number, province, years, meetings, "
                          "first_year, last_year from clusters where id = ?", [cluster_id]).fetchone()
    held, meetings = row[4] or 0, row[5] or 0
    seen = [y for y in (row[6], row[7]) if y is not None]
    gone = False
    for year in sorted(set(years), key=lambda y: (y is not None, y or 0)):
        before, after = _summarise_year(db, cluster_id, year, (added or {}).get(year))
        meetings += after - before
        if year is not None and bool(after) != bool(before):
            held += 1 if after else -1
            seen.append(year)
            gone |= not after
    first, last = (min(seen), max(seen)) if seen else (None, None)
    if gone:
        first = db.conn.execute("select min(year) from cluster_years where cluster_id = ?",
                                [cluster_id]).fetchone()[0]
        last = db.conn.execute("select max(year) from cluster_years where cluster_id = ?",
                               [cluster_id]).fetchone()[0]
    key = ClusterKey(row[3], row[1] or "", row[2], row[0].rsplit("|", 1)[-1])
    name, spellings = _name_and_spellings(db, key, cluster_id)
    db.conn.execute(
        "update clusters set name = ?, spellings = ?, first_year = ?, last_year = ?, years = ?, "
        "meetings = ? where id = ?",
        [name, json.dumps(spellings, ensure_ascii=False), first, last, held, meetings, cluster_id])


def refresh_article(db: Database, article_id: int) -> int:
    """Re-derive the clusters an article's meetings touch (before and after its re-extraction);
    called by ingest after the meetings are stored. Returns the number of clusters refreshed.

    Only the years the article's meetings fall in are recomputed, and a cluster's spellings are
    counted as links arrive and go (a re-extraction, a reparse), so a page costs the same
    whether its cluster has met ten times or ten thousand, whether it adds meetings or takes
    them away (tests/test_clusters_people.py counts the SQLite steps)."""
    with store.transaction(db):
        links = "select cluster_id, year, meeting_id, spelling from cluster_meetings where article_id = ?"
        old = db.conn.execute(links + " order by meeting_id", [article_id]).fetchall()
        db.conn.execute("delete from cluster_meetings where article_id = ?", [article_id])
        _link(db, _meetings(db, "m.article_id = ?", [article_id]))
        new = db.conn.execute(links + " order by meeting_id", [article_id]).fetchall()
        lost = {cid for cid, *_ in old}
        for cid in sorted(lost | {cid for cid, *_ in new}):
            _uncount_spellings(db, cid, [(mid, name) for c, _, mid, name in old if c == cid])
            _count_spellings(db, cid, [(mid, name) for c, _, mid, name in new if c == cid])
            _summarise(db, cid, [y for c, y, *_ in old + new if c == cid], lost=cid in lost,
                       added=_only_added(old, new, cid))
        return len(lost | {cid for cid, *_ in new})


def _only_added(old: list[Any], new: list[Any], cluster_id: int) -> dict[int | None, list[int]]:
    """The meetings an article's links add to each of the cluster's years where it had none
    before (cluster_meetings rows: cluster, year, meeting, spelling; in meeting order)."""
    had = {year for cid, year, *_ in old if cid == cluster_id}
    added: dict[int | None, list[int]] = {}
    for cid, year, mid, _ in new:
        if cid == cluster_id and year not in had:
            added.setdefault(year, []).append(mid)
    return added


def rebuild(db: Database) -> int:
    """Derive every cluster from scratch (reparse, migration of an older archive). Returns the
    number of clusters."""
    with store.transaction(db):
        for table in ("cluster_meetings", "cluster_years", "cluster_spellings", "clusters"):
            db.conn.execute(f"delete from {table}")
        touched = _link(db, _meetings(db, "1 = 1", []))
        years: dict[int, set[int | None]] = {}
        for cid, year in db.conn.execute("select cluster_id, year from cluster_meetings"):
            years.setdefault(cid, set()).add(year)
        for cid in sorted(touched):
            _count_spellings(db, cid, db.conn.execute(
                "select meeting_id, spelling from cluster_meetings where cluster_id = ? "
                "order by meeting_id", [cid]).fetchall())
            _summarise(db, cid, years.get(cid, ()))
    return len(touched)
