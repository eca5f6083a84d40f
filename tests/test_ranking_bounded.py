"""The ranked search's cost does not grow with the number of matches, and the work it saves
changes nothing it returns (archive/ranking.py; issue 13, deliver 3).

Archives written here: news of emulation clusters in which a phrase of common words
(`Cụm thi đua số 7`) is held by some articles and its words scattered over others."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from archive import ranking, store

QUERY = "cum thi dua so 7"


def _phrase(n: int) -> tuple[str, str, str]:
    return (f"Cụm thi đua số 7 họp lần {n}", f"Cụm thi đua số 7 gồm {n + 3} đơn vị, bàn kế hoạch.",
            f"2024-{n % 12 + 1:02d}-{n % 27 + 1:02d}")


def _scattered(n: int) -> tuple[str, str, str]:
    return (f"Tin số {n} của Cụm", f"Thi đua trong {n} đơn vị, bài đăng ngày 7, cụm phía Tây.",
            f"2025-{n % 12 + 1:02d}-{n % 27 + 1:02d}")


def _other(n: int) -> tuple[str, str, str]:
    return (f"Giải bóng đá công nhân lần {n}", "Các đội chơi sôi nổi.", f"2021-{n % 12 + 1:02d}-03")


def build(path: Path, articles: list[tuple[str, str, str]]) -> sqlite3.Connection:
    db = store.open_archive(path)
    with store.transaction(db):
        for i, (title, body, date) in enumerate(articles):
            store.upsert_article(db, {"url": f"http://127.0.0.1/{i}.html", "title": title,
                                      "body": body, "published_at": date},
                                 source_id=None, page_id=None, extractor_version="test")
    db.conn.close()
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _summary(result: ranking.Ranked) -> list[tuple[Any, ...]]:
    return [(h.id, h.exact_match, h.phrase_match, h.near_match, h.score) for h in result.hits]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    articles = ([_phrase(n) for n in range(20)] + [_scattered(n) for n in range(25)]
                + [_other(n) for n in range(60)])
    return build(tmp_path_factory.mktemp("mixed") / "a.db", articles)


@pytest.mark.parametrize("query", [QUERY, "Cụm thi đua số 7", "cum 7", "thi dua", "don vi"])
def test_the_first_hits_are_the_same_whatever_the_limit(mixed: sqlite3.Connection,
                                                        query: str) -> None:
    """Asking for 5 or 10 hits gives the first 5 or 10 of the whole ranking, with the same
    tiers and scores: what a short page shows does not depend on what it left out."""
    whole = _summary(ranking.ranked_search(mixed, query, limit=1000))
    assert len(whole) > 10
    for limit in (1, 5, 10, 20):
        assert _summary(ranking.ranked_search(mixed, query, limit=limit)) == whole[:limit]


def test_only_candidates_that_can_reach_the_page_are_scored(
        mixed: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    """Term frequencies (a regex scan of each candidate's text) are counted only for the tiers
    that reach the first `limit` hits: 20 articles hold the phrase, so the 25 that merely
    hold the words are never scanned for a page of 10."""
    scanned: list[str] = []
    real = ranking.word_matches

    def counting(pattern: Any, text: str, lowered: str | None = None) -> Any:
        scanned.append(text)
        return real(pattern, text, lowered)

    monkeypatch.setattr(ranking, "word_matches", counting)
    result = ranking.ranked_search(mixed, QUERY, limit=10)
    assert result.candidates == 45 and all(h.phrase_match for h in result.hits)
    assert 0 < len(scanned) <= 20 * 3, len(scanned)   # title, body, captions of the holders


def _steps(conn: sqlite3.Connection, query: str) -> int:
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn.set_progress_handler(count, 1)
    try:
        ranking.ranked_search(conn, query, limit=5)
    finally:
        conn.set_progress_handler(None, 1)
    return steps


@pytest.mark.parametrize("query", [QUERY, "thi dua"])
def test_sqlite_work_does_not_grow_with_the_matches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, query: str) -> None:
    """With the windows small, an archive where 4× as many articles match costs the ranked
    search the same number of SQLite VM steps: nothing reads every match (a count, a sort of all
    matches, a score of all)."""
    monkeypatch.setattr(ranking, "WINDOW", 8)
    monkeypatch.setattr(ranking, "PHRASE_WINDOW", 30)
    monkeypatch.setattr(ranking, "PHRASE_ROWS", 4)
    monkeypatch.setattr(ranking, "DF_SAMPLE", 40)
    costs = []
    for size in (60, 240):
        articles = ([_other(n) for n in range(size // 2)] + [_phrase(n) for n in range(size // 4)]
                    + [_scattered(n) for n in range(size // 4)])
        conn = build(tmp_path / f"{size}.db", articles)
        _steps(conn, query)   # warm: the schema is read once per connection
        costs.append(_steps(conn, query))
        conn.close()
    assert costs[1] <= costs[0] * 1.2, costs


def _texts_read(conn: sqlite3.Connection, query: str, limit: int) -> int:
    """How many articles' text (`body`) the ranked search reads, from the SQL it runs."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        ranking.ranked_search(conn, query, limit=limit)
    finally:
        conn.set_trace_callback(None)
    reads = [s for s in statements if "body" in s and "FROM articles WHERE id IN" in s]
    return sum(s.split("IN (", 1)[1].count(",") + 1 for s in reads)


def test_words_every_article_holds_read_only_the_page(tmp_path: Path) -> None:
    """When every candidate holds every word (no word is worth counting) and none was typed
    with marks, every score is 0 and the order is the tiers, then newest first: only the
    page's own articles are read for their text, not the whole window's."""
    articles = [(f"Thi đua lập thành tích lần {n}", f"Phong trào thi đua của đơn vị {n}.",
                 f"2024-{n % 12 + 1:02d}-{n % 27 + 1:02d}") for n in range(30)]
    conn = build(tmp_path / "a.db", articles)
    result = ranking.ranked_search(conn, "thi dua", limit=5)
    assert result.candidates == 30 and [h.score for h in result.hits] == [0.0] * 5
    assert [h.date for h in result.hits] == sorted((a[2] for a in articles), reverse=True)[:5]
    assert _texts_read(conn, "thi dua", 5) == 5
    # a word typed with marks is looked for in every candidate's text
    assert _texts_read(conn, "thi đua", 5) == 30
