"""Offsite, address and politeness policies (crawler/middlewares.py) in a real crawl.

One crawl of a registry written for these tests, against the demo server's fault pages and a
second server on another port that counts what reaches it. Each source carries one kind of
hostile or broken page next to good ones; each fault must end as a `failures` row with its
reason and a counter in `crawls`, nothing may reach a host outside the source's own, and the
good pages around the faults are archived.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import subprocess
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlencode, urlsplit

import pytest

from archive.urls import host_key
from crawler.middlewares import download_slots, is_public, retry_after_seconds
from demo.faults import redirect_path
from demo.server import start_subprocess

ROOT = Path(__file__).resolve().parent.parent
RETRY_AFTER_MAX = 4


# -- pure parts -----------------------------------------------------------------------------

@pytest.mark.parametrize("url,key", [
    ("http://Example.vn/a", "example.vn"), ("https://www.example.vn/", "example.vn"),
    ("http://example.vn:80/", "example.vn"), ("https://example.vn:443/x", "example.vn"),
    ("http://example.vn:8080/", "example.vn:8080"), ("http://127.0.0.1:5000/", "127.0.0.1:5000"),
])
def test_host_key(url, key):
    assert host_key(url) == key


@pytest.mark.parametrize("address,public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("172.16.5.4", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("240.0.0.1", False),
    ("224.0.0.1", False), ("::1", False), ("fe80::1", False), ("fd00::1", False),
    ("::ffff:127.0.0.1", False), ("8.8.8.8", True), ("203.162.4.190", True),
    ("2001:4860:4860::8888", True),
])
def test_is_public(address, public):
    assert is_public(address) is public


def test_retry_after_seconds():
    assert retry_after_seconds(b"30") == 30
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412460.0) == 20
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


def test_download_slots_take_the_stricter_of_two_sources():
    from archive.sources import Source

    def src(sid, **extra):
        return Source(id=sid, name=sid, province="Huế", platform="generic",
                      start_urls=("https://www.site.vn/a",), rules={}, extra=extra)

    slots = download_slots([src("a", concurrency=2, delay=1.5), src("b", concurrency=1, delay=0.5),
                            src("c")])
    assert slots["site.vn"] == slots["www.site.vn"] == {"concurrency": 1, "delay": 1.5, "jitter": 0.0}


# -- one crawl with every fault ---------------------------------------------------------------

class Counting(BaseHTTPRequestHandler):
    """Another port on the same machine: every request that reaches it is a policy failure."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def q(**params) -> str:
    return urlencode(params, doseq=True)


def registry(base: str, other: str) -> str:
    port = urlsplit(base).port
    elsewhere = f"http://localhost:{port}/ldld/"  # same port, another host name
    entries = {
        "offsite": {
            "start_urls": [f"{base}/faults/list?" + q(item=[f"{base}/faults/item/1",
                                                       f"{base}/faults/" + redirect_path(elsewhere),
                                                       f"{base}/faults/" + redirect_path(f"{other}/stolen")],
                                                 next=f"{other}/page-2")],
            "sitemaps": [f"{base}/faults/sitemap.xml?" + q(to=[f"{other}/from-sitemap",
                                                                elsewhere + "from-sitemap"])],
        },
        "metadata": {  # listed, but link-local: refused even with allow_local
            "start_urls": [f"{base}/faults/list?" + q(item=[
                f"{base}/faults/item/3",
                f"{base}/faults/" + redirect_path("http://169.254.169.254/latest/meta-data/")])],
            "allowed_hosts": ["169.254.169.254"],
        },
        "not-local": {"start_urls": [f"{base}/faults/list?" + q(item=[f"{base}/faults/item/4"])],
                      "allow_local": False},
        "polite": {
            "start_urls": [f"{base}/faults/list?" + q(item=[
                f"{base}/faults/item/5",
                f"{base}/faults/ratelimit?" + q(after=2, times=1, id="a"),
                f"{base}/faults/ratelimit?" + q(after=1, times=1, code=503, id="b"),
                f"{base}/faults/ratelimit?" + q(after=600, times=1, id="c"),
                f"{base}/faults/loop/a", f"{base}/faults/dataloss", f"{base}/faults/cut",
                f"{base}/faults/stream?" + q(mb=300)])],
        },
    }
    out = []
    for sid, fields in entries.items():
        # these fault pages only: discovery would walk the fault index and the sample sites
        # on the same host
        scope = [f"{base}/faults/{name}" for name in ("list", "item/", "redirect/", "ratelimit",
                                                      "loop/", "dataloss", "cut", "stream")]
        fields = {"allow_local": True, "scope": scope, "discovery_depth": 0, "sitemaps": [],
                  **fields}
        lines = [f'id = "{sid}"', f'name = "{sid}"', 'province = "Huế"', 'platform = "ldld-portal"']
        lines += [f"{k} = {json.dumps(v)}" for k, v in fields.items()]
        out.append("[[source]]\n" + "\n".join(lines) + '\n[source.overrides]\narticle_links = "div.news-list h3 a"\n')
    return "\n".join(out)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("policy")
    other = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    proc, base = start_subprocess()
    try:
        reg = tmp / "policy.toml"
        reg.write_text(registry(base, f"http://127.0.0.1:{other.server_address[1]}"), encoding="utf-8")
        db = tmp / "archive.db"
        # run the crawl as a child of a small wrapper that reports the crawl's peak memory
        wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
                   "print('maxrss_kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
                   "sys.exit(r.returncode)")
        result = subprocess.run(
            [sys.executable, "-c", wrapper, sys.executable, "-m", "archive", "crawl", "--sources",
             str(reg), "--db", str(db), "--local", "-s", "RETRY_TIMES=2",
             "-s", f"THIDUA_RETRY_AFTER_MAX={RETRY_AFTER_MAX}", "-s", "DOWNLOAD_TIMEOUT=20"],
            env={**os.environ, "DEMO_URL": base}, capture_output=True, text=True, timeout=600,
            cwd=ROOT, check=False)
        with urllib.request.urlopen(f"{base}/_stats", timeout=5) as resp:
            stats = json.loads(resp.read())
    finally:
        proc.terminate()
        proc.wait(timeout=5)
        other.shutdown()
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    yield base, result, conn, stats, list(Counting.hits)
    conn.close()


def failures(conn, source_id: str) -> dict[str, tuple[str, str]]:
    return {r["url"]: (r["stage"], r["message"]) for r in conn.execute(
        "select url, stage, message from failures where source_id = ?", [source_id])}


def counters(conn, source_id: str) -> dict:
    [row] = conn.execute("select stats from crawls where source_id = ?", [source_id]).fetchall()
    return json.loads(row["stats"])


@pytest.mark.crawl
def test_nothing_reaches_another_host_or_port(crawled):
    base, result, _conn, stats, hits = crawled
    assert "maxrss_kb" in result.stdout, result.stdout + result.stderr
    assert hits == [], f"requests reached another port: {hits}"
    port = urlsplit(base).port
    hosts = {entry.get("host") for entry in stats["log"]}
    assert f"localhost:{port}" not in hosts, "a request reached another host name"


@pytest.mark.crawl
def test_offsite_requests_are_dropped_counted_and_recorded(crawled):
    base, _result, conn, _stats, _hits = crawled
    rows = failures(conn, "offsite")
    offsite = [r["message"] for r in conn.execute(
        "select message from failures where source_id = 'offsite' and stage = 'offsite'")]
    # the next-page link, two redirects and two sitemap entries
    assert len(offsite) == 5, rows
    assert sum("redirected from" in m for m in offsite) == 2
    assert counters(conn, "offsite")["policy/offsite"] == 5
    # (one text under two addresses is one article: the pages say what was fetched)
    fetched = {r[0] for r in conn.execute("select url from pages where source_id = 'offsite'")}
    assert fetched == {f"{base}/faults/item/1", f"{base}/faults/item/2"}


@pytest.mark.crawl
def test_link_local_is_refused_even_when_listed(crawled):
    _base, _result, conn, _stats, _hits = crawled
    rows = failures(conn, "metadata")
    [(stage, message)] = [v for u, v in rows.items() if "169.254.169.254" in u]
    assert stage == "address" and "169.254.169.254" in message
    assert counters(conn, "metadata")["policy/address"] == 1
    assert conn.execute("select count(*) from articles where source_id = 'metadata'").fetchone()[0] == 1


@pytest.mark.crawl
def test_a_source_without_allow_local_fetches_nothing_local(crawled):
    _base, _result, conn, stats, _hits = crawled
    rows = failures(conn, "not-local")
    assert [s for s, _ in rows.values()] == ["address"], rows
    assert "allow_local" in next(iter(rows.values()))[1]
    assert not any("item%2F4" in e["path"] or "/faults/item/4" in e["path"] for e in stats["log"])
    assert conn.execute("select status from crawls where source_id = 'not-local'").fetchone()[0] == "failed"


@pytest.mark.crawl
def test_retry_after_is_waited_for_and_capped(crawled):
    _base, _result, conn, stats, _hits = crawled
    def times(marker: str) -> list[float]:
        return [e["t"] for e in stats["log"] if "ratelimit" in e["path"] and marker in e["path"]]
    first, second = times("id=a")
    assert second - first >= 2 - 0.2, "retried before Retry-After: 2"
    first, second = times("id=b")
    assert second - first >= 1 - 0.2, "retried before Retry-After: 1 (503)"
    assert len(times("id=c")) == 1, "a Retry-After over the cap was retried"
    fetched = {r[0] for r in conn.execute("select url from pages where source_id = 'polite'")}
    # the retried pages were archived (under their canonical URL: query keys sorted)
    assert sorted(u.split("id=")[1][0] for u in fetched if "ratelimit" in u) == ["a", "b"]
    [(_stage, message)] = [v for u, v in failures(conn, "polite").items() if "id=c" in u]
    assert "Retry-After 600" in message and f"({RETRY_AFTER_MAX} s)" in message


@pytest.mark.crawl
def test_loop_dataloss_and_huge_stream_are_recorded_and_memory_stays_bounded(crawled):
    base, result, conn, _stats, _hits = crawled
    rows = failures(conn, "polite")
    loop = [m for u, (s, m) in rows.items() if "/faults/loop/" in u]
    assert loop and "redirect loop" in loop[0], rows
    assert any("dataloss" in u for u in rows), rows
    assert any("stream" in u and "DOWNLOAD_MAXSIZE" in m for u, (s, m) in rows.items()), rows
    maxrss_mb = int(result.stdout.split("maxrss_kb")[1].split()[0]) / 1024
    assert maxrss_mb < 250, f"the crawl held {maxrss_mb:.0f} MB for a 300 MB page"
    assert f"{base}/faults/item/5" in {r[0] for r in conn.execute("select url from articles")}


@pytest.mark.crawl
def test_a_source_delay_and_concurrency_pace_its_host(tmp_path):
    """`delay = 1.0`, `concurrency = 1` in the registry hold even under --local (no delay) and
    AutoThrottle on a server that answers at once: the registry's delay is a floor."""
    proc, base = start_subprocess()
    host = f"localhost:{urlsplit(base).port}"  # its own download slot, apart from 127.0.0.1
    try:
        items = [f"http://{host}/faults/item/{i}" for i in range(1, 5)]
        reg = tmp_path / "paced.toml"
        reg.write_text(
            '[[source]]\nid = "paced"\nname = "paced"\nprovince = "Huế"\nplatform = "ldld-portal"\n'
            f'start_urls = ["http://{host}/faults/list?{q(item=items)}"]\n'
            "allow_local = true\ndelay = 1.0\nconcurrency = 1\ndiscovery_depth = 0\nsitemaps = []\n"
            f'scope = ["http://{host}/faults/list", "http://{host}/faults/item/"]\n',
            encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "archive", "crawl", "--sources", str(reg), "--db",
             str(tmp_path / "a.db"), "--local", "--quiet"],
            env={**os.environ, "DEMO_URL": base}, capture_output=True, text=True, timeout=300,
            cwd=ROOT, check=False)
        assert result.returncode == 0, result.stderr
        with urllib.request.urlopen(f"{base}/_stats", timeout=5) as resp:
            log = json.loads(resp.read())["log"]
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    times = sorted(e["t"] for e in log if e["host"] == host)
    assert len(times) >= 5, log  # robots.txt, the listing, four articles
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.8, f"requests to {host} {gaps} s apart, the registry asks for 1.0 s"


@pytest.mark.crawl
def test_a_cut_off_page_is_archived_but_flagged(crawled):
    base, _result, conn, _stats, _hits = crawled
    [(stage, message)] = [v for u, v in failures(conn, "polite").items() if u.endswith("/cut")]
    assert stage == "truncated" and "</html>" in message
    assert conn.execute("select count(*) from articles where url = ?",
                        [f"{base}/faults/cut"]).fetchone()[0] == 1
    # item/5, the two retried pages and cut hold one text: one article, four pages
    fetched = {r[0] for r in conn.execute("select url from pages where source_id = 'polite'")}
    assert {f"{base}/faults/item/5", f"{base}/faults/cut"} <= fetched
    assert sum("ratelimit" in u for u in fetched) == 2


@pytest.mark.crawl
def test_an_endless_listing_is_left_long_before_the_page_cap(tmp_path):
    """/faults/trap/N: every page the same three stories and a next page, for ever. The walk
    must notice that its pages bring nothing new, not run to `max_pages`, and archive only the
    stories (the listing pages are not articles)."""
    proc, base = start_subprocess()
    try:
        reg = tmp_path / "trap.toml"
        reg.write_text(
            '[[source]]\nid = "trap"\nname = "trap"\nprovince = "Huế"\nplatform = "ldld-portal"\n'
            f'start_urls = ["{base}/faults/trap/1"]\nallow_local = true\nmax_pages = 50\nsitemaps = []\n'
            f'scope = ["{base}/faults/trap/", "{base}/faults/item/"]\n', encoding="utf-8")
        for _run in range(2):  # a first crawl (nothing known) and a recrawl (everything known)
            result = subprocess.run(
                [sys.executable, "-m", "archive", "crawl", "--sources", str(reg), "--db",
                 str(tmp_path / "a.db"), "--local", "--quiet"],
                env={**os.environ, "DEMO_URL": base}, capture_output=True, text=True, timeout=300,
                cwd=ROOT, check=False)
            assert result.returncode == 0, result.stderr
        with urllib.request.urlopen(f"{base}/_stats", timeout=5) as resp:
            log = json.loads(resp.read())["log"]
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    trap_pages = [e["path"] for e in log if "/faults/trap/" in e["path"]]
    assert 2 <= len(trap_pages) <= 10, trap_pages  # two runs, each a few pages; the cap is 50 a run
    conn = sqlite3.connect(tmp_path / "a.db")
    urls = {r[0] for r in conn.execute("select url from articles")}
    conn.close()
    assert urls and not any("/trap/" in u for u in urls), urls
