"""The ranked search (archive/ranking.py) on small archives written for each rule: which tier
applies to which query, what a bounded window changes, and what the page says about it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive import ranking, searchpage, store

PERSON = ("Cụm thi đua các xã phía Đông ký kết giao ước thi đua",
          "Dự hội nghị có bà Nguyễn Thị Thanh Hoa – Phó Giám đốc Sở Nội vụ.", "2025-08-01")
PROVINCE = ("Đại hội thi đua yêu nước tỉnh Thanh Hóa",
            ("Công nhân, viên chức, lao động tỉnh Thanh Hóa thi đua lập thành tích. Liên đoàn Lao "
             "động tỉnh Thanh Hóa biểu dương 50 tập thể."), "2024-03-02")
CLUSTER_2 = ("Cụm thi đua số 2 sơ kết 6 tháng", "Cụm thi đua số 2 gồm 7 đơn vị.", "2023-07-10")
CLUSTER_5 = ("Cụm thi đua số 5 tổng kết năm", "Hội nghị có 7 đơn vị trong Cụm thi đua số 5.",
             "2022-12-20")
# other news, so that document frequencies mean something (bm25 needs articles without the words)
OTHERS = [(f"Giải bóng đá công nhân lần {n}", "Các đội thi đấu sôi nổi.", f"2021-0{n}-01")
          for n in range(1, 7)]


def build(path: Path, articles: list[tuple[str, str, str]]) -> sqlite3.Connection:
    db = store.open_archive(path)
    for i, (title, body, date) in enumerate(articles):
        store.upsert_article(db, {"url": f"http://127.0.0.1/{i}.html", "title": title,
                                  "body": body, "published_at": date},
                             source_id=None, page_id=None, extractor_version="test")
    db.conn.close()
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def titles(result: ranking.Ranked) -> list[str]:
    return [h.title for h in result.hits]


def test_a_query_typed_without_marks_has_no_accent_tier(tmp_path: Path) -> None:
    conn = build(tmp_path / "a.db", [PROVINCE, PERSON, *OTHERS])
    result = ranking.ranked_search(conn, "Thanh Hoa")
    # the province's article holds the words more often, in its title: first, though older
    assert titles(result) == [PROVINCE[0], PERSON[0]]
    assert [h.exact_match for h in result.hits] == [0, 0] and result.marked == []
    # typed with the province's marks, the exact spelling ranks first
    result = ranking.ranked_search(conn, "Thanh Hóa")
    assert titles(result)[:1] == [PROVINCE[0]] and result.hits[0].exact_match == 1
    assert result.hits[1].exact_match == 0 and result.marked == ["hóa"]
    # and the person's spelling typed with no mark on it matches both alike
    assert "«Thanh» «Hoa»" in ranking.ranked_search(conn, "thanh hoa").hits[1].snippet


def test_a_missing_phrase_is_said_not_hidden(tmp_path: Path) -> None:
    conn = build(tmp_path / "a.db", [CLUSTER_2, CLUSTER_5])
    result = ranking.ranked_search(conn, "Cum thi dua so 7")
    assert sorted(titles(result)) == sorted([CLUSTER_2[0], CLUSTER_5[0]])
    assert not result.phrase_found
    [notice] = searchpage.notices(result)
    assert "Cum thi dua so 7" in notice and "exact phrase was not found" in notice
    # when the phrase is there, it comes first and nothing is said
    seven = ("Cụm thi đua số 7 sơ kết", "Cụm thi đua số 7 gồm 6 đơn vị.", "2016-07-15")
    conn = build(tmp_path / "b.db", [CLUSTER_2, seven, CLUSTER_5])
    result = ranking.ranked_search(conn, "Cum thi dua so 7")
    assert titles(result)[0] == "Cụm thi đua số 7 sơ kết" and result.hits[0].phrase_match == 1
    assert [h.phrase_match for h in result.hits[1:]] == [0, 0]
    assert searchpage.notices(result) == []


def test_the_window_ranks_the_newest_and_finds_older_phrases(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond WINDOW matches only the newest are ranked (and the page says so), but articles
    holding the exact phrase among the PHRASE_WINDOW newest are still found."""
    monkeypatch.setattr(ranking, "WINDOW", 3)
    scattered = [(f"Tin số {n}", f"Cụm {n} thi đua, tháng 7, bài {n}.", f"2024-01-{n + 1:02d}")
                 for n in range(8)]
    phrase = ("Cụm thi đua số 7 (bài cũ)", "Cụm thi đua số 7 họp.", "2010-05-05")
    conn = build(tmp_path / "a.db", [phrase, *scattered])   # the phrase holder: oldest, id 1
    result = ranking.ranked_search(conn, "cum thi dua so 7")
    assert not result.complete and result.candidates == 4
    assert titles(result)[0] == phrase[0] and result.hits[0].phrase_match == 1
    # the rest of the window: the three newest, newest first (their scores tie)
    assert titles(result)[1:] == ["Tin số 7", "Tin số 6", "Tin số 5"]
    assert any("Many articles match" in n for n in searchpage.notices(result))
    # with a window as wide as the matches, everything is ranked and nothing is said
    monkeypatch.setattr(ranking, "WINDOW", 100)
    result = ranking.ranked_search(conn, "cum thi dua so 7")
    assert result.complete and result.candidates == 9
    assert not any("Many articles" in n for n in searchpage.notices(result))


def test_near_words_outrank_scattered_ones(tmp_path: Path) -> None:
    conn = build(tmp_path / "a.db", [
        ("Hội Liên hiệp Phụ nữ", "Đồng chí Bí thư phát biểu. Hội Liên hiệp Phụ nữ tỉnh.", "2024-01-01"),
        ("Khối thi đua", "Đến dự có đồng chí Hoàng Văn Hiệp, Phó Trưởng Ban.", "2020-01-01"),
    ])
    result = ranking.ranked_search(conn, "dong chi Hiep")
    assert titles(result) == ["Khối thi đua", "Hội Liên hiệp Phụ nữ"]
    assert [h.near_match for h in result.hits] == [1, 0]


def test_meetings_come_with_their_article(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    build(path, [CLUSTER_2]).close()
    db = store.open_archive(path)
    store.upsert_meetings(db, 1, [{"kind": "sơ kết", "cluster_name": "Cụm thi đua số 2",
                                   "meeting_date": "2023-07-09"}], extractor_version="test")
    db.conn.close()
    [hit] = ranking.ranked_search(sqlite3.connect(path), "cum thi dua so 2").hits
    assert [(m["kind"], m["cluster"], m["date"]) for m in hit.meetings] == [
        ("sơ kết", "Cụm thi đua số 2", "2023-07-09")]


def test_odd_queries(tmp_path: Path) -> None:
    conn = build(tmp_path / "a.db", [CLUSTER_2])
    for query in ("", '"', "   ", "NOT AND OR", "*", "NEAR("):
        assert ranking.ranked_search(conn, query).hits == [], query
    assert titles(ranking.ranked_search(conn, '"so 2"')) == [CLUSTER_2[0]]
