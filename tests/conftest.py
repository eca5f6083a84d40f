"""Shared fixtures. Targeted edits only: several engineers add fixtures here."""

from __future__ import annotations

import functools
import importlib.util
import os
import socket
import subprocess
import time
import unicodedata
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


# --- search / Datasette fixtures (archive/search.py, archive/serve.py) -----------------------

def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# Our own writing, in the shapes of the real sites: a meeting report (NFC), a bloc meeting
# typed in decomposed Unicode (NFD, as macOS/Word pages send it), and the `thể` / `the` pair
# that an accent-blind ranking would confuse.
SEARCH_ARTICLES: list[dict] = [
    {
        "url": "http://127.0.0.1/ldld/cum-7-so-ket.html",
        "title": "Cụm thi đua số 7 sơ kết công tác thi đua 6 tháng đầu năm 2016",
        "lead": "Sáng 14-7, Cụm thi đua số 7 tổ chức hội nghị sơ kết 6 tháng đầu năm 2016.",
        "body": "Cụm thi đua số 7 gồm 6 đơn vị: Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh.\n\n"
                "Đến dự có đồng chí Nguyễn Hữu Hiệp, Phó Trưởng Ban Thi đua – Khen thưởng tỉnh.\n\n"
                "Hội nghị thống nhất các chỉ tiêu thi đua 6 tháng cuối năm.",
        "author": "Mai Ngọc Tuấn",
        "published_at": "2016-07-15T10:30:00+07:00",
        "province": "Thanh Hóa", "province_former": "Thanh Hóa",
        "organisation": "Liên đoàn Lao động tỉnh Thanh Hóa",
        "captions": ["Quang cảnh hội nghị sơ kết"],
        "source_id": "demo-ldld",
        "meeting": {
            "kind": "sơ kết", "title": "Hội nghị sơ kết 6 tháng đầu năm 2016",
            "period_label": "6 tháng đầu năm 2016", "period_start": "2016-01-01",
            "period_end": "2016-06-30", "cluster_kind": "cụm", "cluster_name": "Cụm thi đua số 7",
            "cluster_number": 7, "host": "Liên đoàn Lao động tỉnh Thanh Hóa",
            "place": "Liên đoàn Lao động tỉnh Thanh Hóa", "meeting_date": "2016-07-14",
            "year": 2016, "province": "Thanh Hóa", "province_former": "Thanh Hóa",
            "members": ["Liên đoàn Lao động tỉnh", "Hội Nông dân tỉnh"],
            "attendees": [{"name": "Nguyễn Hữu Hiệp",
                           "title": "Phó Trưởng Ban Thi đua – Khen thưởng tỉnh"}],
        },
    },
    {
        "url": "http://127.0.0.1/btdkt/khoi-dang-tong-ket.html",
        "title": nfd("Khối thi đua Đảng ủy khối các cơ quan tỉnh tổng kết năm 2023"),
        "lead": None,
        "body": nfd("Chiều 20-12, Khối thi đua Đảng ủy khối các cơ quan tỉnh Nghệ An tổ chức "
                    "hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.\n\n"
                    "Các đơn vị ký kết giao ước thi đua năm 2024."),
        "author": "Hồng Nhung",
        "published_at": "2023-12-21",
        "province": "Nghệ An", "province_former": "Nghệ An",
        "organisation": "Ban Thi đua – Khen thưởng tỉnh Nghệ An",
        "captions": [],
        "source_id": "demo-btdkt",
        "meeting": {
            "kind": "tổng kết", "title": "Hội nghị tổng kết năm 2023",
            "period_label": "năm 2023", "period_start": "2023-01-01", "period_end": "2023-12-31",
            "cluster_kind": "khối", "cluster_name": "Khối thi đua Đảng ủy khối các cơ quan tỉnh",
            "cluster_number": None, "host": None, "place": None, "meeting_date": "2023-12-20",
            "year": 2023, "province": "Nghệ An", "province_former": "Nghệ An",
            "members": [], "attendees": [],
        },
    },
    {
        "url": "http://127.0.0.1/baotinh/giai-the-thao.html",
        "title": "Giải thể thao công nhân viên chức năm 2024",
        "lead": "Hơn 500 vận động viên tham gia các môn thể thao.",
        "body": "Giải thể thao do Liên đoàn Lao động tỉnh tổ chức, khen thưởng 20 tập thể.",
        "author": None,
        "published_at": "2024-05-02",
        "province": "Thanh Hóa", "province_former": "Thanh Hóa",
        "organisation": "Báo Thanh Hóa", "captions": [], "source_id": "demo-baotinh",
    },
    {
        "url": "http://127.0.0.1/baotinh/the-green-office.html",
        "title": "Mô hình The Green Office ở công sở",
        "lead": "Cơ quan áp dụng mô hình the green office.",
        "body": "Dự án The Green Office giúp tiết kiệm điện; the office nhận bằng khen.",
        "author": None,
        "published_at": "2024-06-10",
        "province": "Thanh Hóa", "province_former": "Thanh Hóa",
        "organisation": "Báo Thanh Hóa", "captions": [], "source_id": "demo-baotinh",
    },
]

RAW_HTML = (
    "<html><head><title>Cụm thi đua số 7</title>"
    "<script>document.title='EXECUTED'; window.__raw_executed = true;</script></head>"
    "<body><h1>Cụm thi đua số 7 sơ kết</h1><p>Đến dự có đồng chí Nguyễn Hữu Hiệp</p></body></html>"
)


def build_search_archive(path: Path) -> Path:
    """A small real archive: schema + store + search index, meetings inserted directly."""
    from archive import store

    db = store.open_archive(path)
    for source_id in ("demo-ldld", "demo-btdkt", "demo-baotinh"):
        db["sources"].upsert({"id": source_id, "name": source_id}, pk="id")
    for art in SEARCH_ARTICLES:
        page_id, _ = store.save_page(db, url=art["url"], body=RAW_HTML.encode("utf-8"),
                                     status=200, source_id=art["source_id"], encoding="utf-8")
        record = {k: v for k, v in art.items() if k not in ("meeting", "source_id")}
        _, article_id = store.upsert_article(db, record, source_id=art["source_id"],
                                             page_id=page_id, extractor_version="test")
        meeting = art.get("meeting")
        with db.conn:
            db.execute("update articles set has_meeting = ? where id = ?",
                       [1 if meeting else 0, article_id])
            if not meeting:
                continue
            row = {k: v for k, v in meeting.items() if k not in ("members", "attendees")}
            meeting_id = db["meetings"].insert(
                dict(row, article_id=article_id, seq=0, confidence=0.9,
                     extractor_version="test")).last_pk
            for name in meeting["members"]:
                db["meeting_members"].insert({"meeting_id": meeting_id, "name": name})
            for person in meeting["attendees"]:
                db["meeting_attendees"].insert(dict(person, meeting_id=meeting_id))
    db.conn.close()
    return path


@pytest.fixture(scope="session")
def search_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/archive.db-shaped file with the SEARCH_ARTICLES (named archive.db on purpose:
    Datasette keys the metadata by file stem)."""
    return build_search_archive(tmp_path_factory.mktemp("search") / "archive.db")


@functools.cache
def load_script(name: str) -> Any:
    """scripts/<name>.py as a module (the scripts are not a package): the tests that pin the
    eval floors score with the very code `make eval` runs. Cached: one module per script."""
    spec = importlib.util.spec_from_file_location(f"thidua_scripts_{name}", ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(proc: subprocess.Popen, url: str, log: Path, timeout: float = 30) -> None:
    """Wait until `url` answers; on failure the server's own output is in the message."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    output = log.read_text(errors="replace") if log.exists() else ""
    proc.kill()
    raise AssertionError(
        f"server at {url} did not start (exit code {proc.poll()}); its output:\n{output}"
    )


@pytest.fixture(scope="session")
def datasette_server(search_archive: Path, tmp_path_factory: pytest.TempPathFactory
                     ) -> Iterator[str]:
    """A real `datasette` process (archive.serve's command line) on a free port; yields the URL."""
    from archive.serve import datasette_command

    port = free_port()
    cmd = datasette_command(search_archive, port=port)
    log = tmp_path_factory.mktemp("datasette") / "datasette.log"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(proc, url + "/-/versions.json", log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


# --- the real demo archive (tests/demo_archive.py): built once, served once per session ------

@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`thidua demo --no-serve` into a tmp archive.db: sample sites + real crawl (~2 s).
    Read-only for tests: copy it before writing."""
    from demo_archive import build_demo_archive

    return build_demo_archive(tmp_path_factory.mktemp("demo") / "archive.db")


@pytest.fixture(scope="session")
def demo_datasette(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[str]:
    """`thidua serve --db <demo archive> --port <free>` (immutable Datasette); yields the URL."""
    from demo_archive import serve_archive

    log = tmp_path_factory.mktemp("demo-datasette") / "thidua-serve.log"
    with serve_archive(demo_archive, free_port(), log) as url:
        yield url
