"""Distributed mode end to end: a real redis-server, the bundled sample sites, `thidua crawl
--redis` workers and one `thidua ingest`, each a subprocess exactly as on separate machines.

The judge is the single-process crawl: the distributed archive must hold the same articles,
each once, also when a worker or the ingester is SIGKILLed half-way.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import test_crawl
from conftest import free_port
from test_crawl import ARTICLES, DEMO_SOURCES, ROOT, crawl, rows, server_stats

from demo.server import start_subprocess

site = test_crawl.site  # the sample sites on a free port (a fixture), as in the crawl tests

REDIS_SERVER = shutil.which("redis-server")
if REDIS_SERVER is None:
    pytest.skip("redis-server is not installed: `make system-deps` (apt-get install "
                "redis-server) to run the distributed-mode tests", allow_module_level=True)
try:
    import redis
    import scrapy_redis  # noqa: F401
except ImportError as exc:
    pytest.skip(f"the redis extra is not installed ({exc}): pip install -e '.[redis]' "
                "(make install does it)", allow_module_level=True)

pytestmark = [pytest.mark.redis, pytest.mark.crawl]

# A short heartbeat so that a killed worker's requests come back within seconds; a delay and
# few requests per worker, so that the crawl lasts long enough to share it (a worker leases up
# to CONCURRENT_REQUESTS at a time) and to kill something half-way.
WORKER_SETTINGS = ("-s", "THIDUA_REDIS_HEARTBEAT=2", "-s", "AUTOTHROTTLE_ENABLED=False",
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "CONCURRENT_REQUESTS=4")
TIMEOUT = 120


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A throw-away redis-server on a free 127.0.0.1 port, no persistence."""
    port = free_port()
    log = tmp_path / "redis.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1",
                                 "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
                                stdout=out, stderr=subprocess.STDOUT)
    client = redis.Redis(port=port, socket_connect_timeout=1)
    deadline = time.monotonic() + 15
    while True:
        try:
            client.ping()
            break
        except redis.RedisError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"redis-server did not start (exit {proc.poll()}):\n"
                                     f"{log.read_text(errors='replace')}") from None
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def reference() -> set[str]:
    """Article paths archived by a plain single-process `thidua crawl` of the sample sites."""
    import tempfile

    proc, url = start_subprocess()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "reference.db"
            crawl(db, url)
            return {r["url"].removeprefix(url) for r in rows(db, "select url from articles")}
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def thidua(*args: str) -> list[str]:
    return [sys.executable, "-m", "archive", *args]


def enqueue(redis_url: str, db: Path, site: str, *extra: str,
            check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        thidua("crawl", "--redis", redis_url, "--enqueue", "--sources", str(DEMO_SOURCES),
               "--db", str(db), "--local", *extra),
        env={**os.environ, "DEMO_URL": site}, cwd=ROOT, capture_output=True, text=True,
        timeout=60, check=False)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def start(tmp_path: Path, name: str, site: str, *args: str) -> subprocess.Popen:
    out = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed by the process's end
    return subprocess.Popen(thidua(*args), env={**os.environ, "DEMO_URL": site}, cwd=ROOT,
                            stdout=out, stderr=subprocess.STDOUT, text=True)


def worker(tmp_path: Path, name: str, redis_url: str, site: str, delay: float,
           *extra: str) -> subprocess.Popen:
    return start(tmp_path, name, site, "crawl", "--redis", redis_url, "--sources",
                 str(DEMO_SOURCES), "--local", "--quiet", *WORKER_SETTINGS,
                 "-s", f"DOWNLOAD_DELAY={delay}", *extra)


def ingester(tmp_path: Path, name: str, redis_url: str, db: Path, site: str) -> subprocess.Popen:
    return start(tmp_path, name, site, "ingest", "--redis", redis_url, "--db", str(db),
                 "--sources", str(DEMO_SOURCES), "--until-done")


def finish(tmp_path: Path, procs: dict[str, subprocess.Popen]) -> dict[str, str]:
    """Wait for every process; each must exit 0. Returns their output by name."""
    deadline = time.monotonic() + TIMEOUT
    for proc in procs.values():
        try:
            proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            for p in procs.values():
                p.kill()
                p.wait()
    logs = {name: (tmp_path / f"{name}.log").read_text() for name in procs}
    for name, proc in procs.items():
        assert proc.returncode == 0, f"{name} exited {proc.returncode}:\n" + "\n".join(
            f"--- {n}\n{text}" for n, text in logs.items())
    return logs


def wait_until(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def archived(db: Path, site: str) -> list[str]:
    try:
        return [r["url"].removeprefix(site) for r in rows(db, "select url from articles")]
    except Exception:  # noqa: BLE001 - the ingester may not have created the tables yet
        return []


def article_fetches(site: str) -> dict[str, int]:
    paths = server_stats(site).get("paths", {})
    return {a["path"]: paths.get(a["path"], 0) for a in ARTICLES}


def assert_same_archive(db: Path, site: str, reference: set[str]) -> None:
    got = archived(db, site)
    assert len(got) == len(set(got)), "duplicate articles"
    assert set(got) == reference, (sorted(reference - set(got)), sorted(set(got) - reference))
    pages = rows(db, "select count(*) n, count(distinct url) d from pages")[0]
    assert pages["n"] == pages["d"], pages
    assert rows(db, "pragma integrity_check")[0]["integrity_check"] == "ok"


def assert_run_closed(client: redis.Redis, db: Path) -> None:
    """Nothing left in flight; the run's crawls rows written by the ingester."""
    assert client.get("thidua:run") is None
    for key in ("thidua:requests", "thidua:pages", "thidua:pages:processing", "thidua:workers"):
        assert not client.exists(key), key
    assert not client.keys("thidua:inflight:*")
    crawls = rows(db, "select * from crawls")
    assert {c["source_id"] for c in crawls} == {"demo-ldld", "demo-btdkt", "demo-baotinh"}
    assert {c["status"] for c in crawls} == {"ok"}, crawls
    # the crawl state: the run is closed and its listing walks, reported by the workers
    # through the queue, were committed by the ingester as having reached their end
    assert {r["status"] for r in rows(db, "select status from runs")} == {"finished"}
    walks = rows(db, "select state, run_id from walks")
    assert len(walks) == 3 and all(w == {"state": "complete", "run_id": None} for w in walks), walks


def test_two_workers_and_an_ingester_build_the_single_process_archive(
        site, redis_url, tmp_path, reference):
    db = tmp_path / "archive.db"
    queued = enqueue(redis_url, db, site)
    # robots.txt (one for the host the three sample sites share), the newspaper's sitemap and
    # the three start pages
    assert "5 start request(s)" in queued.stdout
    # a second run cannot be opened on top of this one (exit 3, like the crawl lock)
    again = enqueue(redis_url, db, site, check=False)
    assert again.returncode == 3 and "still in progress" in again.stderr
    procs = {"w1": worker(tmp_path, "w1", redis_url, site, 0.1),
             "w2": worker(tmp_path, "w2", redis_url, site, 0.1),
             "ingest": ingester(tmp_path, "ingest", redis_url, db, site)}
    logs = finish(tmp_path, procs)
    assert_same_archive(db, site, reference)
    # the work was shared, and the shared dupefilter let no article be fetched twice
    for name in ("w1", "w2"):
        responses = int(re.search(r"(\d+) response\(s\)", logs[name]).group(1))
        assert responses > 0, f"{name} fetched nothing:\n{logs[name]}"
    fetches = article_fetches(site)
    assert set(fetches.values()) == {1}, fetches
    client = redis.Redis.from_url(redis_url)
    assert_run_closed(client, db)
    assert sum(c["new"] for c in rows(db, "select new from crawls")) == len(reference)
    # the next run knows every archived URL: a worker skips them without asking SQLite
    assert client.scard("thidua:known") >= len(reference)
    test_crawl.control(site, reset=1)
    enqueue(redis_url, db, site)
    finish(tmp_path, {"w3": worker(tmp_path, "w3", redis_url, site, 0),
                      "ingest2": ingester(tmp_path, "ingest2", redis_url, db, site)})
    assert set(article_fetches(site).values()) == {0}
    assert_same_archive(db, site, reference)
    second = rows(db, "select * from crawls where run_id = (select run_id from crawls "
                      "order by id desc limit 1)")
    assert {c["status"] for c in second} == {"ok"} and sum(c["new"] for c in second) == 0


def test_a_killed_worker_loses_nothing(site, redis_url, tmp_path, reference):
    db = tmp_path / "archive.db"
    client = redis.Redis.from_url(redis_url)
    enqueue(redis_url, db, site)
    ingest = ingester(tmp_path, "ingest", redis_url, db, site)
    first = worker(tmp_path, "w1", redis_url, site, 0.3)

    def holds_requests() -> bool:
        inflight = client.keys("thidua:inflight:*")
        return sum(article_fetches(site).values()) >= 5 and bool(inflight) \
            and client.zcard(inflight[0]) > 0

    wait_until(holds_requests, "the first worker to be half-way with requests in flight")
    held = client.zcard(client.keys("thidua:inflight:*")[0])
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert held > 0 and sum(article_fetches(site).values()) < len(ARTICLES), \
        "the worker was not killed half-way"
    second = worker(tmp_path, "w2", redis_url, site, 0.02)
    finish(tmp_path, {"w2": second, "ingest": ingest})
    # the killed worker's leases went back to the frontier (plain scrapy-redis loses them)
    assert_same_archive(db, site, reference)
    assert_run_closed(client, db)


def test_a_killed_ingester_loses_nothing(site, redis_url, tmp_path, reference):
    db = tmp_path / "archive.db"
    client = redis.Redis.from_url(redis_url)
    enqueue(redis_url, db, site)
    crawler = worker(tmp_path, "w1", redis_url, site, 0.05)
    first = ingester(tmp_path, "ingest1", redis_url, db, site)
    wait_until(lambda: len(archived(db, site)) >= 5, "the ingester to archive a few pages")
    first.send_signal(signal.SIGKILL)
    first.wait()
    finish(tmp_path, {"w1": crawler})  # workers do not need the ingester to finish crawling
    assert len(archived(db, site)) < len(reference), "the ingester was not killed half-way"
    # Whatever the kill left in the processing list, also leave one page there by hand, as an
    # ingester killed between taking a page and committing it would.
    assert client.lmove("thidua:pages", "thidua:pages:processing", "RIGHT", "LEFT")
    second = ingester(tmp_path, "ingest2", redis_url, db, site)
    logs = finish(tmp_path, {"ingest2": second})
    assert "run finished" in logs["ingest2"]
    assert_same_archive(db, site, reference)
    assert_run_closed(client, db)


def test_due_recheck_uses_conditional_get_in_workers(site, redis_url, tmp_path):
    """A local crawl built the archive; a distributed run re-checks it through Redis."""
    db = tmp_path / "archive.db"
    crawl(db, site)
    changed = next(a for a in ARTICLES if a["site"] == "btdkt")
    test_crawl.control(site, reset=1, touch=f"btdkt/{changed['slug']}")
    time.sleep(1.5)
    enqueue(redis_url, db, site, "-s", "THIDUA_RECHECK_DAYS=0.00001")
    finish(tmp_path, {"w1": worker(tmp_path, "w1", redis_url, site, 0, "-s", "THIDUA_KNOWN_PAGES=100"),
                      "ingest": ingester(tmp_path, "ingest", redis_url, db, site)})
    test_crawl.assert_recheck_updated_only(db, site, changed)


def test_a_worker_without_a_queued_run_says_what_to_do(redis_url, tmp_path):
    result = subprocess.run(thidua("crawl", "--redis", redis_url, "--sources", str(DEMO_SOURCES)),
                            env={**os.environ, "DEMO_URL": "http://127.0.0.1:9"}, cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "--enqueue" in result.stderr


def test_an_archive_write_error_stops_the_ingester_and_keeps_the_page(redis_url, tmp_path):
    """A write the archive refuses (here a trigger stands in for a full disk) ends `thidua
    ingest` with a message saying what to do, and the page it had taken stays in Redis."""
    from archive import store
    from archive.pagequeue import encode_message

    db = tmp_path / "archive.db"
    archive = store.open_archive(db)
    archive.execute("create trigger refuse before insert on pages "
                    "begin select raise(abort, 'disk is full (test)'); end")
    archive.conn.commit()
    archive.close()
    client = redis.Redis.from_url(redis_url)
    client.lpush("thidua:pages", encode_message(
        "page", url="http://127.0.0.1:9/ldld/tin/1.html", status=200, headers={},
        body="<html><h1>Cụm thi đua</h1></html>".encode(), source_id="demo-ldld",
        fetched_at="2025-01-01T00:00:00+00:00", run_id="r1"))
    result = subprocess.run(thidua("ingest", "--redis", redis_url, "--db", str(db), "--sources",
                                   str(DEMO_SOURCES), "--until-done"),
                            env={**os.environ, "DEMO_URL": "http://127.0.0.1:9"}, cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "disk is full (test)" in result.stderr and "Restart it when fixed" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert client.llen("thidua:pages") + client.llen("thidua:pages:processing") == 1


def test_two_enqueues_at_once_open_one_run_and_a_failed_one_leaves_no_running_rows(
        redis_url, tmp_path, monkeypatch):
    """Both enqueuers can read "no run" before either publishes: the claim decides. An enqueue
    that fails before publishing marks its crawls rows failed and frees the claim."""
    from archive import pagequeue, store
    from archive.sources import load_sources

    monkeypatch.setenv("DEMO_URL", "http://127.0.0.1:9")
    sources = load_sources(files=[DEMO_SOURCES])
    assert sources
    client = redis.Redis.from_url(redis_url)
    db = store.open_archive(tmp_path / "archive.db")
    try:
        first = pagequeue.start_run(client, db, sources)
        with pytest.raises(pagequeue.RunInProgressError, match="opening a run"):
            pagequeue.start_run(client, db, sources)
        pagequeue.abandon_run(client, db, first, "RuntimeError: seed failed (test)")
        statuses = {r["run_id"]: r["status"] for r in db.query("select run_id, status from crawls")}
        assert statuses == {first["run_id"]: "failed"}
        assert client.zcard("thidua:requests") == 0 and not client.exists("thidua:opening")
        second = pagequeue.start_run(client, db, sources)  # the claim is free again
        pagequeue.publish_run(client, second)
        assert pagequeue.read_run(client)["run_id"] == second["run_id"]
        assert not client.exists("thidua:opening")
    finally:
        db.close()


def test_ctrl_c_stops_the_ingester_with_a_message_not_a_traceback(redis_url, tmp_path):
    proc = subprocess.Popen(thidua("ingest", "--redis", redis_url, "--db", str(tmp_path / "a.db"),
                                   "--sources", str(DEMO_SOURCES)),
                            env={**os.environ, "DEMO_URL": "http://127.0.0.1:9"}, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until(lambda: (tmp_path / "a.db").exists(), "the ingester opened its archive", 30)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Nothing taken is lost" in err and "Traceback" not in err, err
