"""`thidua backfill` against local stand-ins of the Wayback Machine and Common Crawl
(tests/archive_stand_in.py): CDX listings in both dialects, replayed and WARC bytes, the
crawl's own ingest path, resumption after a kill, Retry-After. The live archives are never
contacted.

The captured pages are the bundled Báo Đắk Lắk sample site's own pages (demo-baotinh), so a
live crawl of the same site can check that a backfilled article and a crawled one are one row.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from archive_stand_in import StandIn, StoredCapture, serve

from archive import cdx
from archive.backfill import backfill, original_url
from archive.sources import Source, load_sources
from archive.store import open_archive
from archive.webarchives import PoliteClient, resolve_archive, retry_after_seconds
from demo.content import load_articles
from demo.server import start_in_thread

ROOT = Path(__file__).resolve().parent.parent
DEMO_SOURCES = ROOT / "sources" / "demo.toml"
PAPER = sorted(a["path"] for a in load_articles() if a["site"] == "baotinh")
# what a web archive also captured of the site: listing pages, a feed, an image
NOT_ARTICLES = ["/baotinh/", "/baotinh/thoi-su/", "/baotinh/xa-hoi/", "/baotinh/rss.xml"]


@pytest.fixture(scope="module")
def demo_site():
    server, url = start_in_thread()
    yield url
    server.shutdown()


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read()


def _captures(site: str, paths: list[str], ts: str = "20160210120000") -> list[StoredCapture]:
    caps = [StoredCapture(site + p, ts, _get(site + p)) for p in paths]
    caps += [StoredCapture(site + p, ts, _get(site + p), mime="text/html")
             for p in NOT_ARTICLES[:3]]
    caps += [StoredCapture(site + "/baotinh/logo.png", ts, b"\x89PNG", mime="image/png"),
             StoredCapture(site + paths[0], "20160211000000", b"gone", status=404)]
    return caps


def _source(site: str) -> Source:
    before = os.environ.get("DEMO_URL")
    os.environ["DEMO_URL"] = site
    try:
        return next(s for s in load_sources([DEMO_SOURCES]) if s.id == "demo-baotinh")
    finally:
        if before is None:
            del os.environ["DEMO_URL"]
        else:
            os.environ["DEMO_URL"] = before


def _site_hits(site: str) -> dict[str, int]:
    """Requests per path the sample site has answered so far."""
    return json.loads(_get(f"{site}/_stats")).get("paths", {})


def _rows(db: Path, sql: str, params=()) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def _cli(db: Path, site: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "archive", *args, "--sources", str(DEMO_SOURCES), "--db", str(db)],
        env={**os.environ, "DEMO_URL": site}, capture_output=True, text=True, timeout=300,
        cwd=ROOT, check=False)
    if check:
        assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture
def stand_in(tmp_path):
    servers = []

    def start(captures: list[StoredCapture], **kw) -> tuple[StandIn, str]:
        s = StandIn(captures, tmp_path / "warcs", **kw)
        s.write_warcs()
        server, url = serve(s)
        servers.append(server)
        return s, url

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture
def archive_db(tmp_path):
    """open_archive(tmp_path / name), closed at teardown."""
    opened = []

    def open_(name: str = "archive.db"):
        db = open_archive(tmp_path / name)
        opened.append(db)
        return db

    yield open_
    for db in opened:
        db.conn.close()


# --- the CDX formats ---------------------------------------------------------------------

def test_both_cdx_dialects_read_into_one_capture_shape():
    wayback = ('[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
               '["vn,x)/a-1.html","20160210120000","http://x.vn:80/a-1.html","text/html","200",'
               '"D","10"],[],["vn%2Cx%29+2"]]')
    caps, key = cdx.parse_listing(wayback)
    assert key == "vn%2Cx%29+2"
    assert caps == [cdx.Capture("http://x.vn:80/a-1.html", "20160210120000", 200, "text/html",
                                "D", "vn,x)/a-1.html")]
    assert caps[0].captured_at == "2016-02-10T12:00:00+00:00" and not caps[0].in_warc
    pywb = ('{"urlkey": "vn,x)/a-1.html", "timestamp": "20160210", "url": "https://x.vn/a-1.html",'
            ' "mime": "text/html", "status": "200", "filename": "crawl-data/f.warc.gz",'
            ' "offset": "120", "length": "900"}\n')
    (cap,), key = cdx.parse_listing(pywb)
    assert key is None and cap.in_warc and (cap.offset, cap.length) == (120, 900)
    assert cdx.parse_num_pages("7") == 7 and cdx.parse_num_pages('{"pages": 3}') == 3
    assert cdx.parse_num_pages("<html>") is None
    assert cdx.dialect_of("https://web.archive.org/cdx/search/cdx") == cdx.WAYBACK
    assert cdx.dialect_of("https://index.commoncrawl.org/CC-MAIN-2016-07-index") == cdx.PYWB
    q = cdx.query_url("https://web.archive.org/cdx/search/cdx", "x.vn", start="2010",
                      end="20250701")
    assert "url=x.vn%2F%2A" in q and "filter=statuscode%3A200" in q and "collapse=urlkey" in q
    assert "from=2010" in q and "to=20250701" in q and "showResumeKey=true" in q
    assert cdx.timestamp_bound("2025-07-01") == "20250701"
    with pytest.raises(cdx.CdxError):
        cdx.timestamp_bound("yesterday")


def test_a_resume_key_handed_back_twice_ends_the_listing():
    page = ('[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
            '["k","20160210120000","http://x.vn/a-1.html","text/html","200","D","1"],[],["K1"]]')
    pages = cdx.list_pages("http://h/cdx/search/cdx", "x.vn", start=None, end=None,
                           get=lambda url: page)
    assert next(pages)[1] == "key:K1"
    with pytest.raises(cdx.CdxError, match="resume key 'K1' twice"):
        next(pages)


def test_original_url_is_the_sites_own_address():
    src = Source(id="x", name="x", province="Thái Nguyên", platform="generic",
                 start_urls=("https://baobackan.vn/",), rules={},
                 extra={"archive_hosts": ["baobackan.org.vn"]})
    assert src.archive_hosts == ["baobackan.vn", "baobackan.org.vn"]
    # the current site: the start URL's scheme and host, as a live crawl would follow links
    assert original_url("http://www.baobackan.vn:80/tin/a-1.html?x=1", src) == \
        "https://baobackan.vn/tin/a-1.html?x=1"
    # a former domain keeps its own address, only the default port goes
    assert original_url("http://www.baobackan.org.vn:80/Tin/a.aspx", src) == \
        "http://www.baobackan.org.vn/Tin/a.aspx"


def test_crawls_are_chosen_by_their_dates_or_the_year_in_their_id():
    from archive.webarchives import _crawl_span

    assert _crawl_span({"id": "CC-MAIN-2024-10", "from": "2024-02-20T00:00:00",
                        "to": "2024-03-05"}) == ("20240220", "20240305")
    assert _crawl_span({"id": "CC-MAIN-2016-07"}) == ("20160101", "20161231")
    assert _crawl_span({"id": "my-crawl"}) == ("0", "9")


def test_retry_after_as_seconds_or_date():
    assert retry_after_seconds("3", 1.0) == 3.0
    assert retry_after_seconds(None, 1.5) == 1.5
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 2.0) == 0.0  # in the past
    assert resolve_archive("http://h/cdx/search/cdx").replay == "http://h/web/"
    assert resolve_archive("http://h/coll/cdx").replay == "http://h/coll/"


# --- end to end ----------------------------------------------------------------------------

def test_wayback_backfill_then_live_crawl_is_one_article(demo_site, stand_in, tmp_path):
    captured = PAPER[:8]
    archive, url = stand_in(_captures(demo_site, captured), page_size=4)
    db = tmp_path / "archive.db"
    out = _cli(db, demo_site, "backfill", "--source", "demo-baotinh", "--archive",
               f"{url}/cdx/search/cdx", "--from", "2010", "--to", "2025-07-01", "--delay", "0")
    assert "ok" in out.stdout and "8 fetched (8 new" in out.stdout, out.stdout
    arts = _rows(db, "select a.id, a.url, a.title, p.fetched_at from articles a "
                     "join pages p on p.id = a.page_id order by a.url")
    assert [a["url"] for a in arts] == sorted(demo_site + p for p in captured)
    assert {a["fetched_at"] for a in arts} == {"2016-02-10T12:00:00+00:00"}  # capture time
    caps = _rows(db, "select url, state, archive from captures order by url")
    assert {c["archive"] for c in caps} == {f"{url}/cdx/search/cdx"}
    assert sorted(c["url"] for c in caps if c["state"] == "new") == [a["url"] for a in arts]
    assert {c["state"] for c in caps} == {"new", "not-article"}  # listings; png and 404 never listed
    # paged: 11 listed captures at 4 per page = 3 index queries; one replay per article
    assert len(archive.requests("/cdx/")) == 3
    assert len(archive.requests("/web/")) == 8
    run = _rows(db, "select * from crawls")
    assert len(run) == 1 and run[0]["run_id"].startswith("backfill-")
    assert run[0]["status"] == "ok" and run[0]["new"] == 8
    meetings = _rows(db, "select count(*) n from meetings")[0]["n"]
    assert meetings > 0  # extracted as a crawl would

    # the site is crawled live afterwards: the same articles, the same rows, not re-fetched
    hits_before = _site_hits(demo_site)
    _cli(db, demo_site, "crawl", "--source", "demo-baotinh", "--local", "--quiet")
    hits = {p: n - hits_before.get(p, 0) for p, n in _site_hits(demo_site).items()}
    assert [p for p in captured if hits.get(p)] == []  # backfilled: known, not fetched again
    assert all(hits.get(p) == 1 for p in PAPER if p not in captured)
    after = _rows(db, "select id, url from articles order by url")
    assert len(after) == len(PAPER) == len({a["url"] for a in after})
    assert {a["id"]: a["url"] for a in arts}.items() <= {a["id"]: a["url"] for a in after}.items()
    status = subprocess.run([sys.executable, "-m", "archive", "status", "--db", str(db)],
                            capture_output=True, text=True, cwd=ROOT, check=False).stdout
    assert re.search(r"demo-baotinh\s+active\s", status), status


def test_crawl_then_commoncrawl_backfill_fetches_nothing_known(demo_site, stand_in, tmp_path):
    archive, url = stand_in(_captures(demo_site, PAPER), page_size=2, crawls={
        "CC-MAIN-2016-07": ("2016-02-06", "2016-02-15"),
        "CC-MAIN-2026-01": ("2026-01-01", "2026-01-10")})
    db = tmp_path / "archive.db"
    _cli(db, demo_site, "crawl", "--source", "demo-baotinh", "--local", "--quiet")
    before = _rows(db, "select id, url, content_hash from articles order by id")
    out = _cli(db, demo_site, "backfill", "--source", "demo-baotinh", "--archive",
               f"{url}/collinfo.json", "--to", "2025-07-01", "--delay", "0")
    assert "12 already archived" in out.stdout, out.stdout
    assert _rows(db, "select id, url, content_hash from articles order by id") == before
    assert not archive.requests("/crawl-data/")  # nothing fetched
    assert not archive.requests("/CC-MAIN-2026-01")  # a crawl after --to is not asked
    pages = [q for _, _, q in archive.requests("/CC-MAIN-2016-07") if "page" in q]
    assert sorted(int(q["page"][0]) for q in pages) == list(range(8))  # 16 captures, 2 a page


def test_commoncrawl_warc_records_become_articles(demo_site, stand_in, tmp_path, archive_db):
    caps = _captures(demo_site, PAPER[:5])
    archive, url = stand_in(caps, page_size=3)
    db = archive_db()
    report = backfill(db, _source(demo_site), resolve_archive(f"{url}/collinfo.json"),
                      PoliteClient(delay=0))
    assert report.status == "ok" and report.counts["new"] == 5, report
    ranges = [r for r in archive.requests("/crawl-data/")]
    assert len(ranges) == 5
    body = db.execute("select body from articles where url = ?",
                      [demo_site + PAPER[0]]).fetchone()[0]
    assert len(body) > 100
    # and from local WARC files directly (--warc-prefix DIR)
    db2 = archive_db("b.db")
    report = backfill(db2, _source(demo_site),
                      resolve_archive(f"{url}/collinfo.json", data=str(tmp_path / "warcs")),
                      PoliteClient(delay=0))
    assert report.counts["new"] == 5 and len(archive.requests("/crawl-data/")) == 5


def test_retry_after_is_obeyed_and_a_missing_capture_is_a_counted_failure(demo_site, stand_in,
                                                                        archive_db):
    archive, url = stand_in(_captures(demo_site, PAPER[:4]), retry_after="1")
    archive.missing.add(demo_site + PAPER[3])
    db = archive_db()
    report = backfill(db, _source(demo_site), resolve_archive(f"{url}/cdx/search/cdx"),
                      PoliteClient(delay=0))
    replays = archive.requests("/web/")
    assert replays[1][0] - replays[0][0] >= 1.0  # waited for Retry-After: 1
    assert report.counts["new"] == 3 and report.counts["failed"] == 1
    assert report.status == "partial"
    fail = db.execute("select url, stage, message from failures").fetchall()
    assert fail == [(demo_site + PAPER[3], "backfill",
                     f"archive: HTTP 404 from {url}/web/20160210120000id_/{demo_site}{PAPER[3]}")]


def test_killed_backfill_resumes_where_it_stopped(demo_site, stand_in, tmp_path):
    archive, url = stand_in(_captures(demo_site, PAPER), replay_delay=0.4, page_size=5)
    db = tmp_path / "archive.db"
    cmd = [sys.executable, "-m", "archive", "backfill", "--sources", str(DEMO_SOURCES),
           "--db", str(db), "--source", "demo-baotinh", "--archive", f"{url}/cdx/search/cdx",
           "--delay", "0"]
    env = {**os.environ, "DEMO_URL": demo_site}
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(archive.requests("/web/")) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)  # mid-fetch: 4 or 5 of 12 captures archived
    proc.wait(timeout=10)
    first_cdx, first_web = len(archive.requests("/cdx/")), len(archive.requests("/web/"))
    done = _rows(db, "select count(*) n from captures where state = 'new'")[0]["n"]
    assert 3 <= done < len(PAPER)
    archive.replay_delay = 0
    _cli(db, demo_site, "backfill", "--source", "demo-baotinh", "--archive",
         f"{url}/cdx/search/cdx", "--delay", "0")
    assert len(archive.requests("/cdx/")) == first_cdx  # the listing was finished: not asked again
    # each article replayed once, except at most the one in flight when killed
    assert len(archive.requests("/web/")) - first_web <= len(PAPER) - done
    assert _rows(db, "select count(*) n from articles")[0]["n"] == len(PAPER)
    runs = _rows(db, "select status from crawls order by id")
    # the killed run was found dead (marked interrupted) by the next one, which holds the lock
    assert [r["status"] for r in runs] == ["interrupted", "ok"]
    ints = _rows(db, "pragma integrity_check")
    assert ints == [{"integrity_check": "ok"}]


def test_killed_listing_resumes_at_the_next_page(demo_site, stand_in, tmp_path):
    archive, url = stand_in(_captures(demo_site, PAPER), page_size=2, cdx_delay=0.3)
    db = tmp_path / "archive.db"
    cmd = [sys.executable, "-m", "archive", "backfill", "--sources", str(DEMO_SOURCES),
           "--db", str(db), "--source", "demo-baotinh", "--archive", f"{url}/collinfo.json",
           "--delay", "0", "--list-only"]
    proc = subprocess.Popen(cmd, env={**os.environ, "DEMO_URL": demo_site}, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pages = [q for _, _, q in archive.requests("/CC-MAIN") if "page" in q]
        if len(pages) >= 4:
            break
        time.sleep(0.02)
    time.sleep(0.35)  # let page 4's answer be saved, not page 5's
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    saved = _rows(db, "select cursor, done from backfill_cursors")
    assert saved and saved[0]["done"] == 0 and saved[0]["cursor"].startswith("page:")
    resume_at = int(saved[0]["cursor"].removeprefix("page:"))
    assert 3 <= resume_at < 8
    asked_before = len(archive.requests("/CC-MAIN"))
    archive.cdx_delay = 0
    _cli(db, demo_site, "backfill", "--source", "demo-baotinh", "--archive",
         f"{url}/collinfo.json", "--delay", "0")
    second = [int(q["page"][0]) for _, _, q in archive.requests("/CC-MAIN")[asked_before:]
              if "page" in q]
    assert second == list(range(resume_at, 8))  # the pages saved before the kill: not again
    assert _rows(db, "select count(*) n from articles")[0]["n"] == len(PAPER)


def test_backfill_errors_are_one_line(tmp_path, demo_site):
    db = tmp_path / "archive.db"
    (tmp_path / "file").write_text("a file where a directory should be")
    bad = _cli(db, demo_site, "backfill", "--source", "demo-baotinh", "--archive", "nowhere",
               check=False)
    assert bad.returncode == 2 and "unknown archive 'nowhere'" in bad.stderr
    down = _cli(db, demo_site, "backfill", "--source", "demo-baotinh", "--archive",
                "http://127.0.0.1:9/cdx/search/cdx", "--delay", "0", "--timeout", "2",
                check=False)
    assert down.returncode == 1 and "Traceback" not in down.stderr
    assert "cannot reach http://127.0.0.1:9/cdx/search/cdx" in down.stderr
    assert _rows(db, "select status from crawls") == [{"status": "failed"}]
    unknown = _cli(db, demo_site, "backfill", "--source", "no-such", check=False)
    assert unknown.returncode == 4 and "unknown source id" in unknown.stderr
    date = _cli(db, demo_site, "backfill", "--source", "demo-baotinh", "--from", "yesterday",
                check=False)
    assert date.returncode == 2 and "not a date: 'yesterday'" in date.stderr
    nowhere = _cli(tmp_path / "file" / "x.db", demo_site, "backfill", "--source", "demo-baotinh",
                   check=False)
    assert nowhere.returncode == 1 and "Traceback" not in nowhere.stderr
    assert "cannot use archive" in nowhere.stderr
