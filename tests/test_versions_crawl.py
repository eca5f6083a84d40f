"""Never-worse updates through a real crawl: the sample site answers a re-check of an archived
meeting report with a 200 "Lỗi hệ thống" page, then with a cut-off page, then with a real
edit. Only the edit may change the article; every body stays stored as a version.
"""

from __future__ import annotations

import json
import sqlite3
import time

import pytest
from test_crawl import ARTICLES, control, crawl, rows

from demo.server import start_subprocess

pytestmark = pytest.mark.crawl
RECHECK = ("-s", "THIDUA_RECHECK_DAYS=0.00001", "-s", "THIDUA_KNOWN_PAGES=100",
           "--source", "demo-ldld")


@pytest.fixture
def site():
    proc, url = start_subprocess()
    yield url
    proc.terminate()
    proc.wait(timeout=5)


def state(db, url: str) -> dict:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        [article] = [dict(r) for r in conn.execute("select * from articles where url = ?", [url])]
        return {
            "article": article,
            "meetings": [dict(r) for r in conn.execute(
                "select * from meetings where article_id = ? order by id", [article["id"]])],
            "attendees": conn.execute(
                "select count(*) from meeting_attendees where meeting_id in "
                "(select id from meetings where article_id = ?)", [article["id"]]).fetchone()[0],
        }
    finally:
        conn.close()


def versions(db, url: str) -> int:
    return rows(db, "select count(*) n from page_versions v join pages p on p.id = v.page_id "
                    "where p.url = ?", [url])[0]["n"]


def last_run_stats(db) -> dict:
    [row] = rows(db, "select stats from crawls where source_id = 'demo-ldld' "
                     "order by id desc limit 1")
    return json.loads(row["stats"])


def test_error_page_and_cut_off_page_change_nothing_an_edit_does(site, tmp_path):
    db = tmp_path / "archive.db"
    crawl(db, site, "--source", "demo-ldld")
    target = next(a for a in ARTICLES if a["site"] == "ldld" and a["is_meeting"])
    url = site + target["path"]
    good = state(db, url)
    assert good["meetings"] and versions(db, url) == 1

    for n, kind in enumerate(("error", "truncated"), start=2):
        control(site, **{"break": f"ldld/{target['slug']}:{kind}"})
        time.sleep(1.2)  # every stored page is now older than the re-check age
        crawl(db, site, *RECHECK)
        assert state(db, url) == good, kind  # the whole article row and its meeting rows
        assert versions(db, url) == n, kind
        assert last_run_stats(db).get("suspect") == 1, kind
        [failure] = rows(db, "select stage, message from failures where url = ? "
                             "order by id desc limit 1", [url])
        assert failure["stage"] == "suspect", kind

    control(site, **{"break": f"ldld/{target['slug']}:ok", "touch": f"ldld/{target['slug']}"})
    time.sleep(1.2)
    crawl(db, site, *RECHECK)
    edited = state(db, url)
    assert "cập nhật lần 1" in edited["article"]["body"]
    assert len(edited["meetings"]) == len(good["meetings"])
    assert versions(db, url) == 4
    assert last_run_stats(db).get("updated") == 1
