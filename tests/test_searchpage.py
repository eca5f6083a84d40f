"""The search in Datasette (archive/searchpage.py through plugins/thidua.py), in process with
Datasette's own test client on the small search archive of conftest: what the table search box
does when more articles match than it shows, and the ranked page's JSON and errors."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from conftest import ROOT
from datasette.app import Datasette

from archive import searchpage

MEETING, BLOC = 1, 2
METADATA = json.loads((ROOT / "datasette_metadata.json").read_text(encoding="utf-8"))


def get(archive: Path, path: str) -> tuple[int, str]:
    async def fetch() -> tuple[int, str]:
        ds = Datasette([str(archive)], immutables=[], metadata=METADATA,
                       plugins_dir=str(ROOT / "plugins"),
                       template_dir=str(ROOT / "archive" / "templates"))
        response = await ds.client.get(path)
        return response.status_code, response.text

    return asyncio.run(fetch())


def test_a_capped_table_search_says_so_and_counts_the_newest(
        search_archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchpage, "TABLE_CAP", 1)
    status, body = get(search_archive, "/archive/articles.json?_search=thi+dua")
    payload = json.loads(body)
    assert status == 200
    # two articles match; the cap keeps the newest (BLOC, 2023), counts and facets it alone
    assert [r[0] for r in payload["rows"]] == [BLOC]
    assert payload["filtered_table_rows_count"] == 1
    assert "search matches \"thi dua\" — the 1 newest matching articles" in payload[
        "human_description_en"]
    province = payload["facet_results"]["province"]["results"]
    assert [(f["value"], f["count"]) for f in province] == [("Nghệ An", 1)]
    _, html = get(search_archive, "/archive/articles?_search=thi+dua")
    assert "the 1 newest matching articles" in html and 'value="thi dua"' in html


def test_an_uncapped_search_says_nothing_more(search_archive: Path) -> None:
    payload = json.loads(get(search_archive, "/archive/articles.json?_search=thi+dua")[1])
    assert sorted(r[0] for r in payload["rows"]) == [MEETING, BLOC]
    assert "newest" not in payload["human_description_en"]


def test_meetings_are_searched_through_their_articles(search_archive: Path) -> None:
    rows = json.loads(get(search_archive,
                          "/archive/meetings.json?_search=dang+uy&_shape=objects")[1])["rows"]
    assert [r["article_id"] for r in rows] == [BLOC]


def test_ranked_json_and_a_database_without_index(search_archive: Path, tmp_path: Path) -> None:
    status, body = get(search_archive, "/archive/search.json?q=so+ket&_size=5")
    payload = json.loads(body)
    assert status == 200 and payload["complete"] and payload["rows"][0]["id"] == MEETING
    assert {"exact_match", "phrase_match", "near_match", "score", "snippet"} <= set(
        payload["rows"][0])
    assert get(search_archive, "/archive/search.json?q=&_shape=array") == (200, "[]")
    other = tmp_path / "other.db"
    other.write_bytes(b"")
    assert get(other, "/other/search?q=x")[0] == 404



def test_connections_keep_a_search_pages_rows_in_memory(search_archive: Path) -> None:
    """A search page's queries (rows, count, each facet) read the same rows: Datasette's
    connections get a page cache that holds them, and read through a memory map."""
    async def pragmas() -> tuple[int, int]:
        ds = Datasette([str(search_archive)], immutables=[], metadata=METADATA,
                       plugins_dir=str(ROOT / "plugins"))
        return await ds.get_database("archive").execute_fn(
            lambda conn: (conn.execute("PRAGMA cache_size").fetchone()[0],
                          conn.execute("PRAGMA mmap_size").fetchone()[0]))

    cache, mmap = asyncio.run(pragmas())
    assert cache == -65536 and mmap > 0
