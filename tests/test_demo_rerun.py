"""`make demo` can be run again and again (issue 15): the demo rebuilds its archive instead of
crawling the sample sites into it a second time on a new port, never empties an archive that
holds real sources, and the served database is called `archive` whatever the file's name."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, free_port
from demo_archive import build_demo_archive, serve_archive, thidua_command

from demo.content import load_articles

pytestmark = pytest.mark.crawl


def _counts(db: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db)
    try:
        articles, urls = conn.execute("select count(*), count(distinct url) from articles").fetchone()
        meetings = conn.execute("select count(*) from meetings").fetchone()[0]
        return articles, urls, meetings
    finally:
        conn.close()


def test_running_the_demo_twice_rebuilds_the_same_archive(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    build_demo_archive(db)
    first = _counts(db)
    build_demo_archive(db)  # new sample-site port, so new URLs: appended, it would double
    articles = load_articles()
    expected_meetings = sum(len(a["meetings"]) for a in articles)
    assert first == _counts(db) == (len(articles), len(articles), expected_meetings)
    assert len(articles) >= 37


def test_the_archive_is_whole_in_its_one_file_when_the_demo_ends(tmp_path: Path) -> None:
    """A researcher copies `data/archive.db` once the demo (or a crawl) has ended: every
    connection must have closed, so nothing is left behind in an uncheckpointed `-wal`."""
    db = tmp_path / "archive.db"
    build_demo_archive(db)
    wal = Path(f"{db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    copy = tmp_path / "copy" / "archive.db"
    copy.parent.mkdir()
    shutil.copy(db, copy)
    assert _counts(copy) == _counts(db)


def test_demo_refuses_an_archive_with_real_sources(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    conn = sqlite3.connect(db)
    conn.execute("create table sources (id text primary key)")
    conn.execute("insert into sources values ('thanh-hoa-ldld')")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    result = subprocess.run([*thidua_command(), "demo", "--no-serve", "--db", str(db)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode != 0
    assert "real sources" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_served_database_is_named_archive_whatever_the_file(demo_archive: Path,
                                                           tmp_path: Path) -> None:
    db = tmp_path / "nightly-2025.sqlite"
    shutil.copy(demo_archive, db)
    with serve_archive(db, free_port(), tmp_path / "serve.log") as url:
        with urllib.request.urlopen(url + "/-/databases.json") as resp:
            names = [d["name"] for d in json.load(resp)]
        assert names == ["archive"]
        # the metadata's table settings (facets, search) apply under that name
        with urllib.request.urlopen(url + "/archive/articles.json?_search=thi+dua&_size=1") as resp:
            data = json.load(resp)
        assert data["filtered_table_rows_count"] > 0
        assert "province" in data["facet_results"]
