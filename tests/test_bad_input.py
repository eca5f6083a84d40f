"""Every bad input the issue measured gives one line and a non-zero exit (2 for a wrong value
on the command line), never a traceback, and never writes into a file that is not an archive.
Run through the real `thidua` command in a subprocess, as a user or cron would."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive import store
from demo.server import start_subprocess

ROOT = Path(__file__).resolve().parent.parent


def thidua(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archive", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, check=False, env=env)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("bad")
    archive = tmp / "archive.db"
    db = store.open_archive(archive)
    db["sources"].insert({"id": "demo-ldld", "name": "LĐLĐ"}, pk="id")
    db.close()
    (tmp / "empty.db").write_bytes(b"")
    (tmp / "notes.txt").write_text("ghi chú, không phải cơ sở dữ liệu\n", encoding="utf-8")
    (tmp / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    return {"archive": archive, "empty": tmp / "empty.db", "notes": tmp / "notes.txt",
            "binary": tmp / "image.png", "tmp": tmp}


CASES = {
    # name: (args, expected exit code, a phrase of the one line)
    "export into a missing folder": (["export", "meetings", "-o", "{tmp}/no/such/dir/m.csv",
                                      "--db", "{archive}"], 2, "does not exist"),
    "export into /dev/full": (["export", "meetings", "-o", "/dev/full", "--db", "{archive}"], 1,
                              "No space left"),
    "export into /proc": (["export", "attendees", "-o", "/proc", "--db", "{archive}"], 2, "folder"),
    "export into a file under /proc": (["export", "meetings", "-o", "/proc/m.csv", "--db",
                                        "{archive}"], 1, "cannot write"),
    "warc from a non-SQLite file": (["export", "warc", "-o", "{tmp}/p.warc.gz", "--db", "{notes}"],
                                    2, "not a SQLite file"),
    "status of a non-SQLite file": (["status", "--db", "{notes}"], 2, "not a SQLite file"),
    "status of an empty file": (["status", "--db", "{empty}"], 2, "is empty"),
    "reparse since an impossible day": (["reparse", "--since", "2025-13-45", "--db", "{archive}"],
                                        2, "not a day of the calendar"),
    "reparse since yesterday": (["reparse", "--since", "yesterday", "--db", "{archive}"], 2,
                                "YYYY-MM-DD"),
    "crawl since garbage": (["crawl", "--since", "garbage", "--sources",
                             "{tmp}/one.toml", "--db", "{archive}"], 2, "YYYY-MM-DD"),
    "reparse an unknown source": (["reparse", "--source", "no-such-id", "--db", "{archive}"], 2,
                                  "unknown source id"),
    "warc of an unknown source": (["export", "warc", "--source", "no-such-id", "-o",
                                   "{tmp}/p.warc.gz", "--db", "{archive}"], 2, "unknown source id"),
    "extract --text of a binary file": (["extract", "--text", "{binary}"], 1, "binary file"),
    "extract a binary file": (["extract", "{binary}"], 1, "binary file"),
    "crawl into a file that is not an archive": (["crawl", "--sources", "{tmp}/one.toml", "--db",
                                                 "{notes}"], 2, "not a SQLite file"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_one_line_and_a_non_zero_exit(files, name):
    args, code, phrase = CASES[name]
    (files["tmp"] / "one.toml").write_text(
        '[[source]]\nid = "one"\nname = "One"\nprovince = "Huế"\nplatform = "generic"\n'
        'start_urls = ["http://127.0.0.1:9/"]\nallow_local = true\n', encoding="utf-8")
    before = {k: v.read_bytes() for k, v in files.items() if k != "tmp"}
    result = thidua(*[a.format(**files) for a in args])
    err = result.stderr.strip()
    assert result.returncode == code, (result.returncode, err)
    assert "Traceback" not in result.stderr + result.stdout, err
    assert len(err.splitlines()) == 1 and phrase in err, err
    # nothing was written into any of the files given (an empty file stays empty)
    assert {k: v.read_bytes() for k, v in files.items() if k != "tmp"} == before


def test_status_does_not_write_into_an_old_archive_it_only_reads(files):
    result = thidua("status", "--db", str(files["archive"]))
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    conn = sqlite3.connect(files["archive"])
    assert conn.execute("select count(*) from crawls").fetchone()[0] == 0


@pytest.mark.crawl
@pytest.mark.parametrize("delay", [0.3, 1.0, 2.0, 3.0, 4.5])
def test_ctrl_c_while_a_crawl_starts_is_one_line_per_source_never_a_traceback(tmp_path, delay):
    """Ctrl-C while Python imports, while Scrapy builds its components (it had raised inside a
    Twisted Deferred: a traceback and exit 0) and once the crawl runs."""
    proc, base = start_subprocess()
    try:
        crawl = subprocess.Popen(
            [sys.executable, "-m", "archive", "crawl", "--sources", str(ROOT / "sources" / "demo.toml"),
             "--db", str(tmp_path / "a.db"), "--local", "--quiet"],
            cwd=ROOT, env={**os.environ, "DEMO_URL": base}, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        crawl.send_signal(signal.SIGINT)
        out, err = crawl.communicate(timeout=120)
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    assert "Traceback" not in err and "Unhandled error" not in err, err
    assert crawl.returncode != 0 or not err, (crawl.returncode, err)
    assert out == "" and len(err.splitlines()) <= 3, err  # --quiet: at most a line per source
    if (tmp_path / "a.db").exists():
        conn = sqlite3.connect(tmp_path / "a.db")
        assert conn.execute("select count(*) from crawls where status = 'running'").fetchone()[0] == 0
