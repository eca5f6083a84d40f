"""What the archive's own pages show: an article as an article, a cluster's years side by side,
a person's meetings. Plain functions over a sqlite3 connection, so they are tested without a
server; the Datasette plugin hands their dicts to the row templates in archive/templates/.

Why not Datasette's default row page: it shows one wide row of 25 columns, headed
"articles: 11", with the body cut at the right edge; a researcher wants to read the article
and see what it reports (meetings, members, attendees) and where else it leads (the cluster's
other years, the people's other meetings).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

__all__ = ["article_page", "cluster_page", "person_page"]


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("select name from sqlite_master where type in ('table','view')")}


def _json_list(value: str | None) -> list[Any]:
    try:
        parsed = json.loads(value or "[]")
    except (TypeError, ValueError):
        return []
    return parsed if isinstance(parsed, list) else []


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("; ") if v.strip()]


def _meetings_of(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """Meetings with their members, attendees (linked to people) and cluster (when derived)."""
    tables = _tables(conn)
    meetings = _rows(conn, f"select * from meetings where {where} order by seq, id", params)
    for m in meetings:
        m["members"] = [r["name"] for r in _rows(
            conn, "select coalesce(o.name, mm.name) as name from meeting_members mm left join "
                  "organisations o on o.id = mm.organisation_id where mm.meeting_id = ? "
                  "order by mm.id", [m["id"]])]
        person = ("(select person_id from person_meetings pm where pm.attendee_id = p.id)"
                  if "person_meetings" in tables else "null")
        m["attendees"] = _rows(conn, f"select p.id, p.name, p.title, {person} as person_id "
                                     "from meeting_attendees p where p.meeting_id = ? order by p.id",
                               [m["id"]])
        m["cluster_id"] = None
        if "cluster_meetings" in tables:
            row = conn.execute("select cluster_id from cluster_meetings where meeting_id = ?",
                               [m["id"]]).fetchone()
            m["cluster_id"] = row[0] if row else None
    return meetings


def article_page(conn: sqlite3.Connection, article_id: int) -> dict[str, Any] | None:
    """The article, its paragraphs and captions, its source, its meetings and its copies."""
    found = _rows(conn, "select * from articles where id = ?", [article_id])
    if not found:
        return None
    article = found[0]
    source = _rows(conn, "select * from sources where id = ?", [article.get("source_id")])
    copies = _rows(conn, "select id, url, source_id from articles where duplicate_of = ? "
                         "order by id", [article_id])
    return {
        "article": article,
        "paragraphs": [p for p in (article.get("body") or "").split("\n\n") if p.strip()],
        "captions": [c for c in _json_list(article.get("captions")) if isinstance(c, str)],
        "source": source[0] if source else None,
        "meetings": _meetings_of(conn, "article_id = ?", [article_id]),
        "copies": copies,
        "original": _rows(conn, "select id, url, title from articles where id = ?",
                          [article["duplicate_of"]])[0] if article.get("duplicate_of") else None,
    }


def cluster_page(conn: sqlite3.Connection, cluster_id: int) -> dict[str, Any] | None:
    """A cluster's years side by side: members × years, hosts, chairs, meetings per year."""
    if not {"clusters", "cluster_years"} <= _tables(conn):
        return None
    found = _rows(conn, "select * from clusters where id = ?", [cluster_id])
    if not found:
        return None
    years = _rows(conn, "select * from cluster_years where cluster_id = ? order by year",
                  [cluster_id])
    members: dict[str, set[Any]] = {}
    for y in years:
        y["member_list"] = _split(y["members"])
        y["host_list"] = _split(y["hosts"])
        y["chair_list"] = _split(y["chairs"])
        ids = [int(i) for i in _json_list(y["meeting_ids"])]
        marks = ",".join("?" * len(ids)) or "null"
        y["meeting_list"] = _rows(
            conn, f"select m.id, m.kind, m.title, m.meeting_date, m.period_label, a.id as article_id, "
                  f"a.title as article_title, a.published_at from meetings m join articles a on "
                  f"a.id = m.article_id where m.id in ({marks}) order by m.meeting_date, m.id", ids)
        for name in y["member_list"]:
            members.setdefault(name, set()).add(y["year"])
    return {
        "cluster": found[0],
        "spellings": _json_list(found[0].get("spellings")),
        "years": years,
        "member_matrix": [(name, [y["year"] in present for y in years])
                          for name, present in members.items()],
    }


def person_page(conn: sqlite3.Connection, person_id: int) -> dict[str, Any] | None:
    """A person's titles over time and the meetings they attended, oldest first."""
    if not {"people", "person_meetings"} <= _tables(conn):
        return None
    found = _rows(conn, "select * from people where id = ?", [person_id])
    if not found:
        return None
    meetings = _rows(
        conn, "select pm.year, pm.title as title_then, m.id as meeting_id, m.kind, m.title, "
              "m.meeting_date, m.cluster_name, m.host, m.province, a.id as article_id, "
              "a.title as article_title, a.published_at, "
              "(select cluster_id from cluster_meetings cm where cm.meeting_id = m.id) as cluster_id "
              "from person_meetings pm join meetings m on m.id = pm.meeting_id "
              "join articles a on a.id = m.article_id where pm.person_id = ? "
              "order by pm.year, m.meeting_date, m.id", [person_id])
    titles: list[dict[str, Any]] = []
    for m in meetings:
        if titles and titles[-1]["title"] == m["title_then"]:
            titles[-1]["last_year"] = m["year"]
        else:
            titles.append({"title": m["title_then"], "first_year": m["year"], "last_year": m["year"]})
    return {"person": found[0], "meetings": meetings, "titles": titles}


def _words(query: str | None) -> list[str]:
    from archive.normalize import fold

    return [w for w in (fold(t.strip('"*()')) for t in (query or "").split()) if len(w) > 1]


def excerpt(lead: str, body: str, query: str | None = None, width: int = 260) -> tuple[str, list[tuple[int, int]]]:
    """Text to show under a result: the lead (or the body's start), or, when searching, the
    stretch around the first paragraph holding a query word; with the spans to mark.

    Matching is on the folded text (`thi dua` finds "thi đua"), the marks land on the original
    spelling: folding keeps one character per character for Vietnamese in NFC.
    """
    from archive.normalize import fold

    words = _words(query)
    text = " ".join((lead or body or "").split())
    if words:
        for para in [lead or "", *(body or "").split("\n\n")]:
            folded = fold(para)
            if any(w in folded for w in words):
                text = " ".join(para.split())
                break
    folded = fold(text)
    if len(folded) != len(text):
        return text[:width], []
    start = 0
    if words:
        hits = [folded.find(w) for w in words if folded.find(w) >= 0]
        start = max(0, min(hits) - width // 4) if hits else 0
        if start:  # begin at a word
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < min(hits) else start
    shown = text[start:start + width]
    spans: list[tuple[int, int]] = []
    low = folded[start:start + width]
    for w in words:
        pos = low.find(w)
        while pos >= 0:
            before = low[pos - 1] if pos else " "
            after = low[pos + len(w)] if pos + len(w) < len(low) else " "
            if not before.isalnum() and not after.isalnum():
                spans.append((pos, pos + len(w)))
            pos = low.find(w, pos + 1)
    prefix = "…" if start else ""
    return prefix + shown, sorted((a + len(prefix), b + len(prefix)) for a, b in spans)
