"""Transactions: one commit per ingested page, batched commits on bulk paths, atomic pages.

Why it matters: sqlite-utils 4.x commits every statement when no transaction is open, so an
ingested page used to cost ~14 COMMITs and could land half-written (an article without its
index rows or meetings). Commits are counted with sqlite3's trace callback, which sees every
statement the connection runs, including the COMMITs sqlite-utils issues on its own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from archive import search, store
from archive.ingest import ingest_page, reparse

FIXTURES = Path(__file__).parent / "fixtures" / "html"
# a government-portal article reporting a meeting: an article, index rows and meeting rows
MEETING_PAGE = FIXTURES / "generic-gov-portal-seed-shape.html"


class StatementCounter:
    def __init__(self, db) -> None:
        self.counts: Counter[str] = Counter()
        db.conn.set_trace_callback(self)

    def __call__(self, sql: str) -> None:
        words = sql.split()
        if words and not sql.startswith("--"):
            self.counts[words[0].upper()] += 1

    @property
    def commits(self) -> int:
        # "END" is SQLite's synonym of COMMIT
        return self.counts["COMMIT"] + self.counts["END"]


@pytest.fixture
def db(tmp_path):
    return store.open_archive(tmp_path / "archive.db")


def _pages(n: int) -> list[tuple[str, bytes]]:
    files = sorted(p for p in FIXTURES.glob("generic-*.html"))
    return [(f"https://portal.example.vn/tin/{i}.html", files[i % len(files)].read_bytes())
            for i in range(n)]


def test_an_ingested_page_is_one_commit(db):
    counter = StatementCounter(db)
    result = ingest_page(db, url="https://portal.example.vn/tin/1.html",
                         body=MEETING_PAGE.read_bytes(), headers={})
    assert result.outcome == "new" and result.meetings >= 1
    assert counter.commits == 1, counter.counts
    # everything landed in that one commit
    assert search.indexed_count(db.conn) == 1
    assert db["meetings"].count == result.meetings


def test_many_pages_cost_one_commit_each_not_fourteen(db):
    counter = StatementCounter(db)
    pages = _pages(25)
    for url, body in pages:
        ingest_page(db, url=url, body=body, headers={})
    assert counter.commits == len(pages), counter.counts


def test_a_failed_write_rolls_back_article_index_and_meetings_together(db, monkeypatch):
    def broken_meetings(db, article_id, meetings, **kwargs):
        # the article and its index rows are written by now; a bug strikes next
        db["meetings"].insert({"article_id": article_id, "seq": 0, "kind": "half-written"})
        raise ValueError("simulated bug in the meeting writer")

    monkeypatch.setattr(store, "upsert_meetings", broken_meetings)
    result = ingest_page(db, url="https://portal.example.vn/tin/1.html",
                         body=MEETING_PAGE.read_bytes(), headers={})
    assert result.outcome == "failed"
    assert db["articles"].count == 0
    assert search.indexed_count(db.conn) == 0
    assert db["meetings"].count == 0
    # the raw page is kept and the failure says why there is no article
    assert db["pages"].count == 1
    [failure] = list(db["failures"].rows)
    assert failure["stage"] == "store" and "simulated bug" in failure["message"]
    assert not db.conn.in_transaction


def test_an_archive_error_loses_the_whole_page_and_raises(db, monkeypatch):
    import sqlite3

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "upsert_article", full_disk)
    with pytest.raises(sqlite3.OperationalError):
        ingest_page(db, url="https://portal.example.vn/tin/1.html",
                    body=MEETING_PAGE.read_bytes(), headers={})
    # nothing half-written: the caller (the pipeline) counts it, the next crawl fetches it again
    assert db["pages"].count == 0 and db["failures"].count == 0
    assert not db.conn.in_transaction


def test_reparse_commits_in_batches(db):
    pages = _pages(45)
    for url, body in pages:
        ingest_page(db, url=url, body=body, headers={})
    counter = StatementCounter(db)
    report = reparse(db, {}, batch_size=10)
    assert report["pages"] == len(pages)
    assert counter.commits <= len(pages) // 10 + 1, counter.counts


def test_rebuilding_the_search_index_is_one_commit(db):
    for url, body in _pages(30):
        ingest_page(db, url=url, body=body, headers={})
    articles = db["articles"].count
    counter = StatementCounter(db)
    assert search.rebuild_search(db) == articles
    assert counter.commits == 1, counter.counts


def test_nested_transactions_join_and_savepoints_undo_their_part(db):
    with pytest.raises(KeyError), store.transaction(db):
        db.execute("insert into failures (url, stage, message) values ('a', 's', 'lost')")
        with store.savepoint(db):
            db.execute("insert into failures (url, stage, message) values ('b', 's', 'x')")
            raise KeyError("inner")
    assert db["failures"].count == 0  # the error left both blocks: both rolled back

    with store.transaction(db):
        db.execute("insert into failures (url, stage, message) values ('a', 's', 'kept')")
        try:
            with store.savepoint(db):
                db.execute("insert into failures (url, stage, message) values ('b', 's', 'x')")
                raise KeyError("inner only")
        except KeyError:
            pass
    assert [r["url"] for r in db["failures"].rows] == ["a"]
