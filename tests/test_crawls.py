"""The crawl state (archive/crawls.py) on a real SQLite file: runs, dead runs, listing walks.

The end-to-end proof is tests/test_resume.py (SIGKILLed crawls of a 517-article site); these
pin the rules it relies on, each with the case that would lose articles if it were wrong.
"""

from __future__ import annotations

import pytest

from archive import crawls, health, store
from archive.crawls import walk_outcome
from archive.sources import Source

URL = "http://127.0.0.1/ldld/"


def source(sid: str = "s1") -> Source:
    return Source(id=sid, name=sid, province="Thanh Hóa", platform="generic",
                  start_urls=(URL,), rules={})


@pytest.fixture
def db(tmp_path):
    db = store.open_archive(tmp_path / "archive.db")
    store.save_source(db, source())
    yield db
    db.close()


def run_walk(db, *events, finish: bool = True, kind: str = "crawl"):
    """Open a run, plan the walk, replay (leg, page, streak, cause) events, close the run."""
    run = crawls.open_run(db, ["s1"], kind=kind)
    plan = crawls.plan_walks(db, run.run_id, [("s1", URL)])[("s1", URL)]
    for leg, page, streak, cause in events:
        crawls.walk_reached(db, run.run_id, "s1", URL, leg=leg, page=page,
                            url=f"{URL}trang-{page}/", streak=streak)
        if cause:
            crawls.walk_ended(db, run.run_id, "s1", URL, leg=leg, cause=cause)
    if finish:
        crawls.close_run(db, run.run_id, {"s1": {"listing/ok": 1, "listing/links": 5, "new": 1}})
    return run, plan


def state(db):
    return db.execute("select state, resume_page, run_id from walks").fetchone()


def test_first_walk_never_stops_early_and_a_finished_one_that_reached_the_end_does(db):
    _, plan = run_walk(db, ("head", 1, 0, None), ("head", 2, 0, "end"))
    assert not plan.early_stop
    assert state(db) == ("complete", None, None)
    _, plan = run_walk(db, ("head", 1, 1, None), ("head", 2, 2, "known"))
    assert plan.early_stop
    assert state(db)[0] == "complete"


def test_a_killed_walk_is_walked_to_the_end_by_the_next_run(db):
    run_walk(db, ("head", 1, 0, None), ("head", 2, 0, "end"))
    # new articles: the run reaches page 3 and is killed (its walk never committed)
    run_walk(db, ("head", 3, 0, None), finish=False)
    assert state(db)[2] is not None
    _, plan = run_walk(db, ("head", 5, 2, "end"))
    assert not plan.early_stop, "a walk of a killed run counted as finished"
    assert state(db) == ("complete", None, None)


def test_a_walk_that_reached_the_end_in_a_killed_run_is_not_complete(db):
    # the walk reached the last listing page, but the articles it queued were never fetched
    run_walk(db, ("head", 35, 0, "end"), finish=False)
    _, plan = run_walk(db, ("head", 35, 34, "end"))
    assert not plan.early_stop


def test_a_stopped_run_marks_nothing_complete(db):
    run = crawls.open_run(db, ["s1"])
    crawls.plan_walks(db, run.run_id, [("s1", URL)])
    crawls.walk_ended(db, run.run_id, "s1", URL, leg="head", cause="end")
    crawls.close_run(db, run.run_id, {}, reason="shutdown")
    assert state(db)[0] is None
    assert db.execute("select status from runs").fetchone()[0] == "interrupted"
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"


def test_a_capped_walk_resumes_where_it_stopped(db):
    run_walk(db, ("head", 50, 0, "cap"))
    assert state(db)[:2] == ("capped", 50)
    _, plan = run_walk(db, ("head", 2, 2, "known"), ("resume", 100, 0, "cap"))
    assert plan.early_stop and plan.resume_page == 50
    assert state(db)[:2] == ("capped", 100)
    _, plan = run_walk(db, ("head", 2, 2, "known"), ("resume", 120, 0, "end"))
    assert plan.resume_page == 100
    assert state(db) == ("complete", None, None)


@pytest.mark.parametrize("prior,head,resume,want", [
    # more new pages than max_pages: the head never met known ones, so it is not joined
    ("complete", {"cause": "cap", "page": 50, "streak": 0}, None, ("capped", 50, "u")),
    ("complete", {"cause": "cap", "page": 50, "streak": 3}, None, ("complete", None, None)),
    # a first walk has nothing to join: known pages there came from a killed run
    (None, {"cause": "cap", "page": 50, "streak": 3}, None, ("capped", 50, "u")),
    ("complete", {"cause": "error", "page": 3}, None, ("incomplete", None, None)),
    ("capped", {"cause": "known", "page": 2}, {"cause": "error"}, ("incomplete", None, None)),
    ("capped", {"cause": "known", "page": 2}, {"cause": "error", "page": 70, "url": "r"},
     ("capped", 70, "r")),
])
def test_walk_outcome(prior, head, resume, want):
    head = {**head, "url": "u"}
    assert walk_outcome(prior, head, resume) == want


def test_dead_runs_are_marked_interrupted_by_the_next_locked_run(db):
    killed, _ = run_walk(db, ("head", 3, 0, None), finish=False)
    distributed = crawls.open_run(db, ["s1"], kind="distributed")
    crawls.open_run(db, ["s1"])
    statuses = dict(db.execute("select run_id, status from runs").fetchall())
    assert statuses[killed.run_id] == "interrupted"
    assert statuses[distributed.run_id] == "running"  # its liveness is Redis's to tell
    assert db.execute("select status from crawls where run_id = ?",
                      [killed.run_id]).fetchone()[0] == "interrupted"


def test_status_reports_a_dead_run_and_its_walk_without_writing(db):
    run_walk(db, ("head", 2, 0, "end"))
    run_walk(db, ("head", 7, 0, None), finish=False)
    before = db.execute("select count(*) from runs where status = 'running'").fetchone()[0]
    [h] = health.archive_health(db, lock_held=False)
    assert h.last_status == "interrupted" and h.consecutive_failures == 1
    assert any("interrupted at page 7" in f for f in h.flags), h.flags
    assert db.execute("select count(*) from runs where status = 'running'").fetchone()[0] == before
    # while a crawl holds the lock, the same row is a run in progress, not a failure
    [h] = health.archive_health(db, lock_held=True)
    assert h.last_status == "running" and h.consecutive_failures == 0


def test_status_flags_a_source_until_a_walk_completes(db):
    run_walk(db, ("head", 50, 0, "cap"))
    [h] = health.archive_health(db)
    assert not h.healthy and any("max_pages" in f for f in h.flags)
    run_walk(db, ("head", 2, 2, "known"), ("resume", 60, 0, "end"))
    [h] = health.archive_health(db)
    assert h.healthy, h.flags
