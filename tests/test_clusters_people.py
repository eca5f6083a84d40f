"""Clusters and people over time (archive/clusters.py, archive/people.py), derived from the
meetings of a real archive: the demo's (sample sites → real crawl) and small hand-built ones
for the cases the demo does not hold."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from archive import clusters, people, store
from archive.clusters import ClusterKey, cluster_key, emulation_year
from archive.people import organisation_of, person_key
from demo.content import load_articles


def test_one_cluster_whatever_the_spelling() -> None:
    a = {"cluster_kind": "cụm", "cluster_name": "Cụm thi đua số 7", "cluster_number": 7,
         "province": "Thanh Hóa", "province_former": "Thanh Hóa"}
    b = {**a, "cluster_name": "Cụm Thi đua số 7 tỉnh Thanh Hoá", "cluster_kind": "Cụm"}
    assert cluster_key(a) == cluster_key(b) == ClusterKey("Thanh Hóa", "cụm", 7, "")
    named = {"cluster_kind": "khối", "cluster_number": None, "province": "Đắk Lắk",
             "cluster_name": "Khối thi đua các cơ quan nội chính tỉnh Đắk Lắk"}
    respelt = {**named, "cluster_name": "khối thi đua Các cơ quan Nội chính"}
    assert cluster_key(named) == cluster_key(respelt)
    # a bloc of another province, and the same number in a merged province, are other clusters
    assert cluster_key({**a, "province_former": "Nghệ An", "province": "Nghệ An"}) != cluster_key(a)
    assert cluster_key({**a, "cluster_kind": "khối"}) != cluster_key(a)
    assert cluster_key({"cluster_name": None, "cluster_number": None, "province": "Huế"}) is None


@pytest.mark.parametrize("meeting,year", [
    ({"period_start": "2018-01-01", "period_end": "2018-12-31", "meeting_date": "2019-01-10"}, 2018),
    ({"period_start": "2017-01-01", "period_end": "2017-06-30", "meeting_date": None, "year": 2017}, 2017),
    ({"period_start": "2015-01-01", "period_end": "2020-12-31", "meeting_date": "2020-09-24"}, 2020),
    ({"period_start": None, "period_end": None, "meeting_date": "2021-04-02"}, 2021),
])
def test_emulation_year_is_the_year_reviewed(meeting: dict, year: int) -> None:
    assert emulation_year(meeting) == year


@pytest.mark.parametrize("title,organisation", [
    ("Phó Trưởng Ban Thi đua - Khen thưởng tỉnh", "Ban Thi đua - Khen thưởng"),
    ("Trưởng Ban Thi đua - Khen thưởng tỉnh Hậu Giang", "Ban Thi đua - Khen thưởng"),
    ("Phó Trưởng Ban Thi đua - Khen thưởng thành phố Cần Thơ", "Ban Thi đua - Khen thưởng"),
    ("Chánh Văn phòng Ban Thi đua - Khen thưởng tỉnh", "Ban Thi đua - Khen thưởng"),
    ("Chủ tịch UBND quận Ninh Kiều, Trưởng cụm năm 2020", "Ủy ban nhân dân quận Ninh Kiều"),
    ("Đại tá, Chính ủy Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự"),
    ("Phó Giám đốc Sở Nội vụ", "Sở Nội vụ"),
    ("nguyên cán bộ hưu trí", ""),
])
def test_organisation_read_from_the_title(title: str, organisation: str) -> None:
    assert organisation_of(title) == organisation


def test_never_linked_by_name_alone() -> None:
    same = person_key("Trần Minh Tú", "Ban Thi đua - Khen thưởng", "Bắc Ninh")
    assert same == person_key("TRẦN MINH TÚ", "Ban Thi đua - Khen thưởng", "Bắc Ninh")
    assert same != person_key("Trần Minh Tú", "Sở Nội vụ", "Bắc Ninh")
    assert same != person_key("Trần Minh Tú", "Ban Thi đua - Khen thưởng", "Nghệ An")
    # no organisation: each attendee stays on its own
    assert person_key("Trần Minh Tú", "", "Bắc Ninh", alone="1") != \
        person_key("Trần Minh Tú", "", "Bắc Ninh", alone="2")


@pytest.fixture(scope="module")
def demo_db(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    conn = sqlite3.connect(demo_archive)
    conn.row_factory = sqlite3.Row
    return conn


def test_demo_cluster_seven_over_two_years(demo_db: sqlite3.Connection) -> None:
    truth = [(a, m) for a in load_articles() for m in a["meetings"]
             if m["cluster_number"] == 7 and m["province"] == "Thanh Hóa"]
    assert len(truth) >= 2
    [cluster] = demo_db.execute("select * from clusters where province = 'Thanh Hóa' "
                                "and cluster_number = 7").fetchall()
    years = demo_db.execute("select * from cluster_years where cluster_id = ? order by year",
                            [cluster["id"]]).fetchall()
    assert [y["year"] for y in years] == sorted(int(m["period_end"][:4]) for _, m in truth)
    for y, (_, m) in zip(years, sorted(truth, key=lambda t: t[1]["period_end"]), strict=True):
        assert y["hosts"] == m["host"]
        assert len(y["members"].split("; ")) == len(m["members"])  # "MTTQ" written out: one member
        chair = [p for p in m["attendees"] if "Trưởng Cụm" in p["title"]]
        assert y["chairs"] == f"{chair[0]['name']} ({chair[0]['title']})"
    assert cluster["years"] == 2 and cluster["meetings"] == len(truth)


def test_demo_every_cluster_meeting_counted_once(demo_db: sqlite3.Connection) -> None:
    expected = sum(1 for a in load_articles() for m in a["meetings"]
                   if m["cluster_name"] or m["cluster_number"] is not None)
    assert demo_db.execute("select sum(meetings) from clusters").fetchone()[0] == expected
    assert demo_db.execute("select count(*) from cluster_meetings").fetchone()[0] == expected


def test_demo_person_across_meetings_and_titles(demo_db: sqlite3.Connection) -> None:
    [vinh] = demo_db.execute("select * from people where name = 'Trần Quang Vinh'").fetchall()
    attended = [a for a in load_articles() for m in a["meetings"]
                for p in m["attendees"] if p["name"] == "Trần Quang Vinh"]
    assert vinh["meetings"] == len(attended) >= 3
    # Thân Văn Khoa: Phó Trưởng Ban (2016) then Trưởng Ban (2022) of the same board: one
    # person, two titles; as Phó Giám đốc Sở Nội vụ (2025) another organisation, not linked
    khoa = demo_db.execute("select * from people where name = 'Thân Văn Khoa' "
                           "order by first_year").fetchall()
    assert [k["first_year"] for k in khoa] == [2016, 2025]
    assert khoa[0]["titles"].split("; ") == ["Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
                                             "Trưởng Ban Thi đua - Khen thưởng tỉnh"]


def test_story_province_is_where_it_happened(demo_db: sqlite3.Connection) -> None:
    for a in load_articles("baotinh"):
        row = demo_db.execute("select province, story_province from articles where title = ?",
                              [a["title"]]).fetchone()
        assert row["province"] == "Đắk Lắk"  # the publisher's, unchanged
        expected = a["meetings"][0]["province"] if a["meetings"] else "Đắk Lắk"
        assert row["story_province"] == expected, a["title"]


def test_reingest_and_reparse_keep_clusters_in_step(demo_archive: Path, tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    shutil.copy(demo_archive, path)
    db = store.open_archive(path)
    before = db.execute("select key, years, meetings from clusters order by key").fetchall()
    people_before = db.execute("select key, meetings, titles from people order by key").fetchall()
    # an article loses its meetings (a re-extraction found none): its clusters shrink at once
    [(article_id,)] = db.execute("select a.id from articles a join meetings m on m.article_id = a.id "
                                 "where m.cluster_number = 7 order by a.published_at limit 1").fetchall()
    store.upsert_meetings(db, article_id, [], extractor_version="test")
    clusters.refresh_article(db, article_id)
    people.refresh_article(db, article_id)
    row = db.execute("select years, meetings from clusters where cluster_number = 7 "
                     "and province = 'Thanh Hóa'").fetchone()
    assert tuple(row) == (1, 1)
    # a full rebuild from the same meetings gives what the incremental path gave
    incremental = db.execute("select key, years, meetings from clusters order by key").fetchall()
    clusters.rebuild(db)
    people.rebuild(db)
    assert db.execute("select key, years, meetings from clusters order by key").fetchall() == incremental
    assert len(incremental) == len(before)
    assert db.execute("select count(*) from people").fetchone()[0] <= len(people_before)


def _cluster_report(db, n: int, year: int, *, number: int | None = 7,
                    title: str = "Trưởng Cụm thi đua số 7") -> int:
    """Store one article reporting one meeting of a cluster (numbered, or known by name) held
    in `year`; returns the article id."""
    _, article_id = store.upsert_article(
        db, {"url": f"http://example.test/{n}", "title": f"Hội nghị cụm lần {n}",
             "body": f"Nội dung {n}", "published_at": f"{year}-12-20"},
        source_id=None, page_id=None, extractor_version="test", fingerprint=f"fp{n}")
    store.upsert_meetings(db, article_id, [{
        "kind": "tổng kết", "cluster_kind": "cụm" if number else "khối",
        "cluster_name": f"Cụm thi đua số {number}" if number else "Khối thi đua các cơ quan nội chính",
        "cluster_number": number, "host": f"Sở {n % 5}", "meeting_date": f"{year}-12-20",
        "province": "Thanh Hóa", "province_former": "Thanh Hóa", "member_orgs": [],
        "attendees": [{"name": "Lê Văn A", "title": title}]}],
        extractor_version="test")
    return article_id


def _work(db, article_id: int, refresh=clusters.refresh_article) -> int:
    """SQLite virtual-machine steps `refresh` takes: the rows it reads, not the time."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    db.conn.set_progress_handler(count, 1)
    try:
        refresh(db, article_id)
    finally:
        db.conn.set_progress_handler(None, 1)
    return steps


@pytest.mark.parametrize("number", [7, None])
def test_a_page_costs_the_same_in_a_large_cluster(tmp_path: Path, number: int | None) -> None:
    """The work of storing one more meeting of a cluster does not grow with the meetings the
    cluster already has (it used to re-read all of them, and their members and attendees, on
    every page): a cluster of 20 meetings over 20 years and one of 200 cost a page the same."""
    db = store.open_archive(tmp_path / "archive.db")
    costs = []
    for n in range(200):
        article_id = _cluster_report(db, n, 1900 + n, number=number)
        cost = _work(db, article_id)
        if n in (20, 199):
            costs.append(cost)
    assert costs[1] <= costs[0] * 1.2, costs
    incremental = db.execute("select name, spellings, first_year, last_year, years, meetings "
                             "from clusters").fetchall()
    assert incremental[0][3:] == (2099, 200, 200)
    clusters.rebuild(db)
    assert db.execute("select name, spellings, first_year, last_year, years, meetings "
                      "from clusters").fetchall() == incremental


def test_a_page_costs_the_same_in_a_year_of_many_meetings(tmp_path: Path) -> None:
    """The work of storing one more meeting in a cluster's year does not grow with the meetings
    that year already has (it used to re-read the whole year, members and attendees, on every
    page): the 20th and the 200th meeting of one year cost the same, and the year's row (its
    hosts in order of first mention, a host written with a semicolon among them) is the one a
    rebuild from all the meetings gives; so is it after a meeting is taken away and put back."""
    db = store.open_archive(tmp_path / "archive.db")
    costs = []
    for n in range(200):
        article_id = _cluster_report(db, n, 2020)
        if n == 7:
            db.execute("update meetings set host = 'Sở A; Sở B' where article_id = ?", [article_id])
        cost = _work(db, article_id)
        if n in (20, 199):
            costs.append(cost)
    assert costs[1] <= costs[0] * 1.2, costs
    sql = ("select c.key, y.year, y.members, y.hosts, y.chairs, y.kinds, y.meetings, y.meeting_ids "
           "from cluster_years y join clusters c on c.id = y.cluster_id order by 1, 2")
    incremental = db.execute(sql).fetchall()
    assert incremental[0][3] == "Sở 0; Sở 1; Sở 2; Sở 3; Sở 4; Sở A; Sở B" and incremental[0][6] == 200
    taken = 5
    [meeting] = _stored_meetings(db, taken)
    _replace(db, taken, [])
    _replace(db, taken, [dict(meeting, host="Sở Mới")])
    _refresh_both(db, _cluster_report(db, 200, 2020))
    incremental = db.execute(sql).fetchall()
    clusters.rebuild(db)
    assert db.execute(sql).fetchall() == incremental


def test_a_page_costs_the_same_for_a_person_of_many_meetings(tmp_path: Path) -> None:
    """The work of storing one more meeting a person attended does not grow with the meetings
    the person already has (it used to re-read all of them on every page), and the person's
    titles (in order of first use, by year then meeting, written as first written) and
    organisation are those a rebuild from all the meetings gives, meetings arriving out of
    order."""
    db = store.open_archive(tmp_path / "archive.db")
    titles = ("Phó Trưởng Ban Thi đua - Khen thưởng tỉnh", "Trưởng Ban Thi đua - Khen thưởng",
              "trưởng ban Thi đua - Khen thưởng tỉnh Thanh Hóa")
    costs = []
    for n in range(200):
        year = 1900 + n if n % 2 else 2200 - n
        article_id = _cluster_report(db, n, year, title=titles[n % 3])
        cost = _work(db, article_id, people.refresh_article)
        if n in (20, 199):
            costs.append(cost)
    assert costs[1] <= costs[0] * 1.2, costs
    columns = "key, name, organisation, titles, first_year, last_year, meetings"
    incremental = db.execute(f"select {columns} from people").fetchall()
    assert len(incremental) == 1 and incremental[0][4:] == (1901, 2200, 200), incremental
    people.rebuild(db)
    assert db.execute(f"select {columns} from people").fetchall() == incremental


def _refresh_both(db, article_id: int) -> None:
    clusters.refresh_article(db, article_id)
    people.refresh_article(db, article_id)


def _replace(db, article_id: int, meetings: list[dict]) -> int:
    """SQLite steps of re-deriving clusters and people after an article's meetings are replaced
    by `meetings` (a reparse or a changed page; [] takes them away)."""
    store.upsert_meetings(db, article_id, meetings, extractor_version="test")
    return _work(db, article_id, _refresh_both)


@pytest.mark.parametrize("number", [7, None])
def test_a_meeting_taken_away_costs_the_same_in_a_large_cluster(tmp_path: Path, number: int | None) -> None:
    """A reparse or a changed page that takes a meeting away from a cluster and a person, or
    replaces it, does not re-read the rest of their meetings (it used to recount both from all
    of them): the first meeting — the first of its spelling and of its title, so the next first
    must be found — taken away and put back costs the same at 20 meetings and at 200, and the
    tables are those a rebuild gives."""
    db = store.open_archive(tmp_path / "archive.db")
    titles = ("Phó Trưởng Ban Thi đua - Khen thưởng tỉnh", "Trưởng Ban Thi đua - Khen thưởng",
              "trưởng ban Thi đua - Khen thưởng tỉnh Thanh Hóa")
    first = _cluster_report(db, 0, 1900, number=number, title=titles[0])
    [meeting] = [dict(r) for r in _stored_meetings(db, first)]
    _refresh_both(db, first)
    costs: dict[int, list[int]] = {}
    for n in range(1, 200):
        _refresh_both(db, _cluster_report(db, n, 1900 + n, number=number, title=titles[n % 3]))
        if n + 1 in (20, 200):
            renamed = dict(meeting, cluster_name=(meeting["cluster_name"] or "").upper(),
                           attendees=[dict(meeting["attendees"][0], title=titles[1])])
            costs[n + 1] = [_replace(db, first, []), _replace(db, first, [meeting]),
                            _replace(db, first, [renamed]), _replace(db, first, [meeting])]
    assert all(late <= early * 1.2 for early, late in zip(costs[20], costs[200])), costs
    derived = {"clusters": "select name, spellings, first_year, last_year, years, meetings from clusters",
               "people": "select key, name, organisation, titles, first_year, last_year, meetings from people"}
    incremental = {table: db.execute(sql).fetchall() for table, sql in derived.items()}
    assert incremental["clusters"][0][2:] == (1900, 2099, 200, 200), incremental
    clusters.rebuild(db)
    people.rebuild(db)
    assert {table: db.execute(sql).fetchall() for table, sql in derived.items()} == incremental


def _stored_meetings(db, article_id: int) -> list[dict]:
    """The article's meeting as `upsert_meetings` takes it back."""
    columns = ("kind", "cluster_kind", "cluster_name", "cluster_number", "host", "meeting_date",
               "province", "province_former")
    row = db.execute(f"select id, {', '.join(columns)} from meetings where article_id = ?",
                     [article_id]).fetchone()
    attendees = [{"name": n, "title": t} for n, t in db.execute(
        "select name, title from meeting_attendees where meeting_id = ? order by id", [row[0]])]
    return [dict(zip(columns, row[1:]), member_orgs=[], attendees=attendees)]
