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


# --- the table search page's queries, on a synthetic archive with more articles than a page ---

@pytest.fixture(scope="module")
def many_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """150 synthetic articles (archive/benchmark/synthetic.py) with their search index."""
    import sqlite3

    from archive import search
    from archive.benchmark import synthetic

    path = tmp_path_factory.mktemp("many") / "archive.db"
    synthetic.generate(path, 150)
    conn = sqlite3.connect(path)
    with conn:
        search.build_index(conn)
    conn.close()
    return path


def traced(archive: Path, path: str) -> tuple[dict, list[str]]:
    """The JSON of `path` and the SQL of every query it ran (Datasette's ?_trace=1), with the
    settings `thidua serve` uses."""
    from archive.serve import SETTINGS

    settings = {k: (v == "on") if v in ("on", "off") else int(v) if v.isdigit() else v
                for k, v in SETTINGS.items()} | {"trace_debug": True}

    async def fetch() -> dict:
        ds = Datasette([str(archive)], immutables=[], metadata=METADATA,
                       plugins_dir=str(ROOT / "plugins"), settings=settings)
        response = await ds.client.get(path + "&_trace=1")
        assert response.status_code == 200, response.text
        return response.json()

    payload = asyncio.run(fetch())
    return payload, [t["sql"] for t in payload["_trace"]["traces"]]


def test_a_search_page_matches_its_window_four_times(
        many_archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Floor, rows, count, and one query for every facet: not one query per facet, each
    matching and reading the window again. The facets are what Datasette's own per-column
    queries give (the fallback, forced here by breaking the one query), values, counts, order,
    truncation and request facets included."""
    monkeypatch.setattr(searchpage, "TABLE_CAP", 40)
    path = "/archive/articles.json?_search=thi+dua&_facet=author&_facet_size=3"
    payload, queries = traced(many_archive, path)
    window = [q for q in queries if searchpage.FTS_TABLE in q]
    assert len(window) == 4
    assert sum("thidua_window" in q for q in queries) == 1
    assert payload["filtered_table_rows_count"] == 40

    monkeypatch.setattr(searchpage, "window_facets_sql", lambda *a: "SELECT no_such_thing")
    per_column, queries = traced(many_archive, path)
    assert len([q for q in queries if searchpage.FTS_TABLE in q]) == 3 + 8  # 7 facets + author
    assert payload["facet_results"] == per_column["facet_results"]
    assert len(payload["facet_results"]) == 8
    assert any(f["truncated"] for f in payload["facet_results"].values())


def test_stories_and_a_narrowed_search_facet_alike(
        many_archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchpage, "TABLE_CAP", 40)
    for path in ("/archive/stories.json?_search=so+ket",
                 "/archive/articles.json?_search=thi+dua&has_meeting=0",
                 "/archive/articles.json?_search=Cum+thi+dua+so+7"):
        one, _ = traced(many_archive, path)
        with monkeypatch.context() as m:
            m.setattr(searchpage, "window_facets_sql", lambda *a: "SELECT no_such_thing")
            per_column, _ = traced(many_archive, path)
        assert one["facet_results"] == per_column["facet_results"], path
        assert one["rows"] == per_column["rows"]


def test_a_search_page_shows_20_rows_newest_first(many_archive: Path) -> None:
    """20 rows a page on articles and stories (metadata `size`); the next page goes on."""
    first, _ = traced(many_archive, "/archive/articles.json?_search=thi+dua&_shape=objects")
    rows = first["rows"]
    assert len(rows) == 20 and first["next_url"]
    dates = [r["published_at"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    nxt = first["next"]
    second, _ = traced(many_archive, f"/archive/articles.json?_search=thi+dua&_shape=objects"
                                     f"&_next={nxt}")
    assert not {r["id"] for r in rows} & {r["id"] for r in second["rows"]}
    assert second["rows"][0]["published_at"] <= dates[-1]
