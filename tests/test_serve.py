"""A real `datasette` process on a free port, started with archive.serve's command line."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, nfd

from archive import serve

MEETING, BLOC = 1, 2


def fetch(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=15) as resp:
        return resp.status, resp.headers.get("content-type", ""), resp.read().decode("utf-8")


def table_search(base: str, query: str) -> list[int]:
    qs = urllib.parse.urlencode({"_search": query, "_shape": "array", "_col": "title"})
    _, _, body = fetch(f"{base}/archive/articles.json?{qs}")
    return sorted(row["id"] for row in json.loads(body))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("thi dua", [MEETING, BLOC]),
        ("thi đua", [MEETING, BLOC]),
        ("THI ĐUA", [MEETING, BLOC]),
        (nfd("thi đua"), [MEETING, BLOC]),
        (nfd("sơ kết"), [MEETING]),      # NFC'd by the plugin's asgi_wrapper
        ("so ket", [MEETING]),
        ('"sơ kết"', [MEETING]),
        ("dong chi Hiep", [MEETING]),
        ("Dang uy khoi", [BLOC]),
    ],
)
def test_table_search(datasette_server: str, query: str, expected: list[int]) -> None:
    assert table_search(datasette_server, query) == expected


def test_table_search_html_page(datasette_server: str) -> None:
    qs = urllib.parse.urlencode({"_search": "thi dua"})
    status, _, html = fetch(f"{datasette_server}/archive/articles?{qs}")
    assert status == 200
    assert "Cụm thi đua số 7 sơ kết" in html
    assert 'name="_search"' in html                 # the search box is there
    for facet in ("province", "organisation", "year", "has_meeting"):
        assert f"facet-{facet}" in html or f'data-column="{facet}"' in html, facet
    assert "/-/thidua.css" in html


def test_nfd_query_is_normalised(datasette_server: str) -> None:
    # an NFD query is composed on the way in, so its marks compare with the NFC text
    qs = urllib.parse.urlencode({"q": nfd("thể"), "_shape": "array"})
    _, _, body = fetch(f"{datasette_server}/archive/search.json?{qs}")
    rows = json.loads(body)
    assert rows[0]["title"] == "Giải thể thao công nhân viên chức năm 2024"
    assert rows[0]["exact_match"] == 1


def test_ranked_search_page(datasette_server: str) -> None:
    qs = urllib.parse.urlencode({"q": "dong chi hiep"})
    status, _, html = fetch(f"{datasette_server}/archive/search?{qs}")
    assert status == 200
    assert "<mark>Hiệp</mark>" in html


def test_meeting_list_csv_keeps_vietnamese(datasette_server: str) -> None:
    qs = urllib.parse.urlencode({"province": "thanh hoa", "year": "2016", "kind": "", "_stream": "on"})
    status, ctype, body = fetch(f"{datasette_server}/archive/meeting_list.csv?{qs}")
    assert status == 200 and "text/plain" in ctype or "csv" in ctype
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 1
    assert rows[0]["cluster_name"] == "Cụm thi đua số 7"
    assert rows[0]["attendees"] == "Nguyễn Hữu Hiệp (Phó Trưởng Ban Thi đua – Khen thưởng tỉnh)"


def test_articles_csv(datasette_server: str) -> None:
    _, _, body = fetch(f"{datasette_server}/archive/articles.csv?_search=so+ket&_size=max")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["title"] for r in rows] == [
        "Cụm thi đua số 7 sơ kết công tác thi đua 6 tháng đầu năm 2016"]


def test_attendee_query(datasette_server: str) -> None:
    qs = urllib.parse.urlencode({"name": "Hiep", "_shape": "array"})
    _, _, body = fetch(f"{datasette_server}/archive/attendee.json?{qs}")
    assert [r["name"] for r in json.loads(body)] == ["Nguyễn Hữu Hiệp"]


def test_raw_page_is_escaped_text(datasette_server: str) -> None:
    _, _, html = fetch(f"{datasette_server}/archive/raw_page?article_id={MEETING}")
    assert "&lt;script&gt;document.title=" in html
    assert "<script>document.title=" not in html


def test_article_row_page(datasette_server: str) -> None:
    _, _, html = fetch(f"{datasette_server}/archive/articles/{MEETING}")
    assert "Đến dự có đồng chí Nguyễn Hữu Hiệp" in html
    assert f"raw_page?article_id={MEETING}" in html
    assert '<time datetime="2016-07-15T10:30:00+07:00"' in html


def test_home_page_explains(datasette_server: str) -> None:
    _, _, html = fetch(datasette_server + "/")
    assert "Lưu trữ tin thi đua" in html and "archive of Vietnamese" in html
    assert 'action="archive/search"' in html


def test_metadata_describes_every_column(search_archive: Path) -> None:
    meta = json.loads((ROOT / "datasette_metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["archive"]["tables"]
    conn = sqlite3.connect(search_archive)
    names = [r[0] for r in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
        "and name not like 'articles_fts_%'")]
    missing = []
    for table in names:
        described = tables.get(table, {}).get("columns", {})
        if not tables.get(table, {}).get("description") and not tables.get(table, {}).get("description_html"):
            missing.append(f"{table} (table)")
        for (_, column, *_rest) in conn.execute(f"pragma table_info([{table}])"):
            if not described.get(column):
                missing.append(f"{table}.{column}")
    assert not missing, "add descriptions to datasette_metadata.json for: " + ", ".join(missing)


def test_serve_refuses_missing_archive(tmp_path: Path) -> None:
    with pytest.raises(serve.ServeError, match="does not exist yet"):
        serve.serve(tmp_path / "nope.db")
    with pytest.raises(serve.ServeError, match="does not exist yet"):
        serve.datasette_command(tmp_path / "nope.db")
    (tmp_path / "junk.db").write_text("not sqlite")
    with pytest.raises(serve.ServeError, match="not a SQLite database"):
        serve.datasette_command(tmp_path / "junk.db")


def test_datasette_command_modes(search_archive: Path, tmp_path: Path) -> None:
    immutable = serve.datasette_command(search_archive, port=9999)
    assert immutable[immutable.index("-i") + 1] == str(search_archive.resolve())
    assert ["--port", "9999"] == immutable[immutable.index("--port"):immutable.index("--port") + 2]
    assert "--plugins-dir" in immutable and "--metadata" in immutable
    mutable = serve.datasette_command(search_archive, mutable=True)
    assert "-i" not in mutable and str(search_archive.resolve()) in mutable
    # another file name: the same metadata, keyed `archive`; the plugin renames the database
    # (served under that name: tests/test_demo_rerun.py)
    other = tmp_path / "demo.db"
    other.write_bytes(search_archive.read_bytes())
    cmd = serve.datasette_command(other)
    meta = json.loads(Path(cmd[cmd.index("--metadata") + 1]).read_text(encoding="utf-8"))
    assert list(meta["databases"]) == ["archive"]
    assert meta["plugins"]["thidua"]["database_name"] == "archive"


def test_checkpoint_before_immutable(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    writer = sqlite3.connect(path)
    writer.execute("pragma journal_mode=wal")
    writer.execute("pragma wal_autocheckpoint=0")
    writer.execute("create table t (x)")
    writer.execute("insert into t values (1)")
    writer.commit()
    assert (tmp_path / "archive.db-wal").stat().st_size > 0
    serve.checkpoint(path)
    # an immutable reader ignores the WAL: the row must now be in the main file
    reader = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    assert reader.execute("select x from t").fetchall() == [(1,)]
    writer.close()


def test_mutable_mode_sees_writes_while_serving(tmp_path: Path) -> None:
    """--mutable: Datasette reads (mode=ro, WAL) while the store keeps writing."""
    import os
    import subprocess

    from conftest import SEARCH_ARTICLES, build_search_archive, free_port, wait_for_server

    from archive import store

    path = build_search_archive(tmp_path / "archive.db")
    writer = store.open_archive(path)  # stays open, like a running crawl
    port = free_port()
    log = tmp_path / "datasette.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(serve.datasette_command(path, port=port, mutable=True),
                                stdout=out, stderr=subprocess.STDOUT,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(proc, base + "/-/versions.json", log)
        assert table_search(base, '"doan vien cong doan"') == []
        record = {k: v for k, v in SEARCH_ARTICLES[3].items() if k != "source_id"}
        record.update(url="http://127.0.0.1/baotinh/moi.html", title="Đoàn viên công đoàn mới")
        _, new_id = store.upsert_article(writer, record, source_id="demo-baotinh",
                                         page_id=None, extractor_version="test")
        assert table_search(base, '"doan vien cong doan"') == [new_id]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        writer.conn.close()


def test_immutable_refuses_while_crawl_holds_lock(search_archive: Path, tmp_path: Path) -> None:
    from archive.lock import CrawlLock

    path = tmp_path / "archive.db"
    path.write_bytes(search_archive.read_bytes())
    with CrawlLock(path):
        assert serve.crawl_running(path)
        with pytest.raises(serve.ServeError, match="--mutable"):
            serve.serve(path, port=0)
    assert not serve.crawl_running(path)
