"""People over time: the officials reported attending meetings, linked across meetings.

Two attendees are one person when their names match (tone-mark style, case and spacing aside)
AND they belong to the same organisation in the same (current) province — never by name
alone: Vietnam has many Nguyễn Văn Hùng, and a name with no organisation stays unlinked (a
person of its own for that one meeting). The organisation is the attendee's own when the
extractor found one, else read from the title ("Phó Trưởng Ban Thi đua - Khen thưởng tỉnh" →
Ban Thi đua - Khen thưởng); the role is what may change over time (Phó Trưởng Ban in 2016,
Trưởng Ban in 2022), so it is not part of the link, and the person's titles are kept per
meeting to show that career. Provinces are the current ones (34), because a person's
province does not change when it is merged into another.

Tables (owned here, derived from `meeting_attendees`): `people`, one row per person, and
`person_meetings`, one row per person per meeting with the title as written there, and
`person_values`, how many of a person's meetings gave each title (folded) and organisation and
the first that did (what the person's titles and organisation are computed from, so that a page
adds to them instead of re-reading every meeting of the person). Syndicated
copies (articles with `duplicate_of`) are left out, as in archive/clusters.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from archive import store
from archive.clusters import emulation_year
from archive.normalize import fold, normalize_tone_marks
from archive.organisations import RANK_RE, TITLE_RE, canonical_org, starts_with_org_head

__all__ = ["organisation_of", "person_key", "rebuild", "refresh_article"]

# A role ending in an organisation word heads that organisation: "Trưởng Ban" + "Thi đua …".
_ROLE_HEAD_WORDS = {"ban", "phòng", "khối", "cụm", "khoa"}
_LEVEL_END = re.compile(r"\s+(?:tỉnh|thành phố|TP\.?)$", re.IGNORECASE)
_LEVEL_NAMED = re.compile(r"\s+(?:tỉnh|thành phố|TP\.?)\s+(?P<name>[^\s,;].*)$", re.IGNORECASE)
_ATTENDEE_COLUMNS = ("attendee_id", "name", "title", "organisation", "meeting_id", "article_id",
                     "province", "meeting_date", "period_start", "period_end", "year")


def _is_province(name: str) -> bool:
    from archive.places import UnknownProvinceError, province_regimes

    try:
        province_regimes(name)
    except UnknownProvinceError:
        return False
    return True


def _without_level(org: str) -> str:
    """'Ban Thi đua - Khen thưởng tỉnh Hậu Giang' → 'Ban Thi đua - Khen thưởng' (the province is
    part of the person's key already); a district or city name stays ('UBND quận Ninh Kiều')."""
    named = _LEVEL_NAMED.search(org)
    if named and _is_province(named.group("name")):
        return org[:named.start()]
    return _LEVEL_END.sub("", org)


def organisation_of(title: str | None, organisation: str | None = None) -> str:
    """The organisation an attendee belongs to, canonical, province level left out; '' when
    neither the organisation nor the title names one."""
    text = normalize_tone_marks(organisation or "").strip()
    if not text:
        written = normalize_tone_marks(title or "").strip()
        rank = RANK_RE.match(written)
        if rank:  # "Đại tá, Chính ủy Bộ Chỉ huy Quân sự tỉnh"
            written = written[rank.end():].strip(" ,")
        first = re.split(r"[,;]", written, maxsplit=1)[0].strip()
        role = TITLE_RE.match(first)
        if not role:
            return ""
        rest = first[role.end():].strip()
        last = role.group(0).split()[-1].lower()
        while more := TITLE_RE.match(rest):  # "Phó Bí thư Thường trực Đảng ủy …"
            rest, last = rest[more.end():].strip(), more.group(0).split()[-1].lower()
        heads = last in _ROLE_HEAD_WORDS and rest and not starts_with_org_head(rest)
        text = f"{last.capitalize()} {rest}" if heads else rest
    if not text:
        return ""
    return _without_level(canonical_org(text)).strip(" ,.-")


def person_key(name: str, organisation: str, province: str | None, *, alone: str = "") -> str:
    """The link key; `alone` (a unique attendee id) is used when there is no organisation, so
    such an attendee is never merged with a namesake."""
    folded = " ".join(fold(normalize_tone_marks(name)).split())
    org = " ".join(fold(organisation).split()) if organisation else f"unlinked:{alone}"
    return f"{folded}|{org}|{province or ''}"


# --- storage ---------------------------------------------------------------------------------

def _attendees(db: Database, where: str, params: list[Any]) -> list[dict[str, Any]]:
    sql = ("select p.id, p.name, p.title, p.organisation, m.id, m.article_id, m.province, "
           "m.meeting_date, m.period_start, m.period_end, m.year from meeting_attendees p "
           "join meetings m on m.id = p.meeting_id join articles a on a.id = m.article_id "
           f"where a.duplicate_of is null and p.name is not null and {where} order by p.id")
    return [dict(zip(_ATTENDEE_COLUMNS, row)) for row in db.conn.execute(sql, params)]


def _person_id(db: Database, key: str, name: str, province: str | None) -> int:
    row = db.conn.execute("select id from people where key = ?", [key]).fetchone()
    if row:
        return int(row[0])
    cur = db.conn.execute("insert into people (key, name, province) values (?, ?, ?)",
                          [key, name, province])
    return int(cur.lastrowid)


def _link(db: Database, attendees: Iterable[Mapping[str, Any]]) -> set[int]:
    touched: set[int] = set()
    for a in attendees:
        org = organisation_of(a["title"], a["organisation"])
        key = person_key(a["name"], org, a["province"], alone=str(a["attendee_id"]))
        pid = _person_id(db, key, normalize_tone_marks(a["name"]), a["province"])
        db.conn.execute(
            "insert into person_meetings (person_id, meeting_id, article_id, attendee_id, year, "
            "title, organisation, title_folded) values (?, ?, ?, ?, ?, ?, ?, ?)",
            [pid, a["meeting_id"], a["article_id"], a["attendee_id"], emulation_year(a),
             a["title"], org or None, fold(a["title"]) if a["title"] else None])
        touched.add(pid)
    return touched


_FIRST = "ifnull(first_year, -1), first_meeting, first_attendee"
_EARLIER = ("(ifnull(excluded.first_year, -1), excluded.first_meeting, excluded.first_attendee) "
            f"< ({_FIRST})")
_PM_ROW = "year, meeting_id, attendee_id, title, organisation"


def _count_values(db: Database, person_id: int, rows: Iterable[tuple[Any, ...]]) -> None:
    """Add person_meetings rows (year, meeting id, attendee id, title, organisation) to the
    person's `person_values`: how many rows gave each title (by its folded form) and each
    organisation, and the first that did in (year, meeting, attendee) order — the order the
    person's titles and the tie between organisations are read in — with the title as written
    there."""
    for year, meeting_id, attendee_id, title, org in rows:
        for field, folded, value in (("title", fold(title or ""), title), ("organisation", org, org)):
            if not value:
                continue
            db.conn.execute(
                "insert into person_values (person_id, field, folded, value, meetings, first_year, "
                "first_meeting, first_attendee) values (?, ?, ?, ?, 1, ?, ?, ?) "
                "on conflict (person_id, field, folded) do update set meetings = meetings + 1, "
                + ", ".join(f"{c} = case when {_EARLIER} then excluded.{c} else {c} end"
                            for c in ("value", "first_year", "first_meeting", "first_attendee")),
                [person_id, field, folded, value, year, meeting_id, attendee_id])


def _write_summary(db: Database, person_id: int, meetings: int, years: Iterable[int | None]) -> None:
    """The person's row from its value counts: titles in order of first use, the organisation
    most used (the first used on a tie, as Counter.most_common breaks them)."""
    titles = [r[0] for r in db.conn.execute(
        "select value from person_values where person_id = ? and field = 'title' "
        f"order by {_FIRST}", [person_id])]
    org = db.conn.execute(
        "select value from person_values where person_id = ? and field = 'organisation' "
        f"order by meetings desc, {_FIRST} limit 1", [person_id]).fetchone()
    known = [y for y in years if y is not None]
    db.conn.execute(
        "update people set organisation = ?, titles = ?, first_year = ?, last_year = ?, "
        "meetings = ? where id = ?",
        [org[0] if org else None, "; ".join(titles), min(known) if known else None,
         max(known) if known else None, meetings, person_id])


def _recount(db: Database, person_id: int) -> None:
    """The person read again from all its meetings (a rebuild); a person left with none is
    deleted."""
    db.conn.execute("delete from person_values where person_id = ?", [person_id])
    rows = db.conn.execute(f"select {_PM_ROW} from person_meetings where person_id = ?",
                           [person_id]).fetchall()
    if not rows:
        db.conn.execute("delete from people where id = ?", [person_id])
        return
    _count_values(db, person_id, rows)
    _write_summary(db, person_id, len(rows), [r[0] for r in rows])


_NEXT_FIRST = {  # the first of a person's rows giving a value, by the index m013 adds
    "title": "select year, meeting_id, attendee_id, title from person_meetings "
             "where person_id = ? and title_folded = ? order by year, meeting_id, attendee_id limit 1",
    "organisation": "select year, meeting_id, attendee_id, organisation from person_meetings "
                    "where person_id = ? and organisation = ? order by year, meeting_id, attendee_id "
                    "limit 1",
}


def _uncount_values(db: Database, person_id: int, rows: Iterable[tuple[Any, ...]]) -> None:
    """Take person_meetings rows that are gone (year, meeting id, attendee id, title,
    organisation) out of the person's `person_values`: a value no row gives any more goes, and
    one whose first row went takes the first of the rows left (an index lookup; a NULL year
    sorts first, as -1 does in `_FIRST`). Called once the rows are deleted and the page's new
    rows linked, so 'the rows left' are the person's rows as they will stand."""
    gone: dict[tuple[str, str], int] = {}
    firsts: set[tuple[int, int]] = set()
    for _, meeting_id, attendee_id, title, org in rows:
        firsts.add((meeting_id, attendee_id))
        for field, folded, value in (("title", fold(title or ""), title), ("organisation", org, org)):
            if value:
                gone[field, folded] = gone.get((field, folded), 0) + 1
    where = "where person_id = ? and field = ? and folded = ?"
    for (field, folded), count in gone.items():
        key = [person_id, field, folded]
        meetings, first_meeting, first_attendee = db.conn.execute(
            f"select meetings, first_meeting, first_attendee from person_values {where}", key).fetchone()
        if meetings <= count:
            db.conn.execute(f"delete from person_values {where}", key)
        elif (first_meeting, first_attendee) in firsts:
            year, meeting_id, attendee_id, value = db.conn.execute(
                _NEXT_FIRST[field], [person_id, folded]).fetchone()
            db.conn.execute(
                "update person_values set meetings = ?, value = ?, first_year = ?, "
                f"first_meeting = ?, first_attendee = ? {where}",
                [meetings - count, value, year, meeting_id, attendee_id, *key])
        else:
            db.conn.execute(f"update person_values set meetings = ? {where}", [meetings - count, *key])


def _move(db: Database, person_id: int, gone: list[tuple[Any, ...]],
          added: list[tuple[Any, ...]]) -> None:
    """A person moved by the rows a page took away and added: its counts, first and last year
    and meetings changed by them, never re-read from all its meetings, so a page costs the same
    whether the person attended ten meetings or ten thousand (tests/test_clusters_people.py
    counts the SQLite steps). A person left with no meetings is deleted."""
    meetings, first, last = db.conn.execute(
        "select meetings, first_year, last_year from people where id = ?", [person_id]).fetchone()
    meetings = (meetings or 0) - len(gone) + len(added)
    if gone:
        _uncount_values(db, person_id, gone)
    _count_values(db, person_id, added)
    if meetings <= 0:
        db.conn.execute("delete from person_values where person_id = ?", [person_id])
        db.conn.execute("delete from people where id = ?", [person_id])
        return
    if gone:  # the first or last year may have gone with them: the index (person_id, year)
        first = db.conn.execute("select min(year) from person_meetings where person_id = ?",
                                [person_id]).fetchone()[0]
        last = db.conn.execute("select max(year) from person_meetings where person_id = ?",
                               [person_id]).fetchone()[0]
    _write_summary(db, person_id, meetings, [first, last, *(r[0] for r in added)])


def _rows_by_person(db: Database, article_id: int) -> dict[int, list[tuple[Any, ...]]]:
    rows: dict[int, list[tuple[Any, ...]]] = {}
    for pid, *row in db.conn.execute(f"select person_id, {_PM_ROW} from person_meetings "
                                     "where article_id = ? order by id", [article_id]):
        rows.setdefault(pid, []).append(tuple(row))
    return rows


def refresh_article(db: Database, article_id: int) -> int:
    """Re-link the attendees of one article's meetings; called by ingest after the meetings
    are stored (a new page, a changed page, a reparse). Returns the number of people refreshed.

    A person is moved by the rows the article took away and added (`_move`), whether it
    gained meetings or lost them (tests/test_clusters_people.py counts the steps)."""
    with store.transaction(db):
        old = _rows_by_person(db, article_id)
        db.conn.execute("delete from person_meetings where article_id = ?", [article_id])
        touched = set(old) | _link(db, _attendees(db, "m.article_id = ?", [article_id]))
        new = _rows_by_person(db, article_id)
        for pid in sorted(touched):
            _move(db, pid, old.get(pid, []), new.get(pid, []))
    return len(touched)


def rebuild(db: Database) -> int:
    """Link every attendee from scratch (reparse, migration). Returns the number of people."""
    with store.transaction(db):
        db.conn.execute("delete from person_meetings")
        db.conn.execute("delete from person_values")
        db.conn.execute("delete from people")
        touched = _link(db, _attendees(db, "1 = 1", []))
        for pid in sorted(touched):
            _recount(db, pid)
    return len(touched)
