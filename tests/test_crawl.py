"""End to end: real Scrapy crawls of the bundled sample sites over 127.0.0.1 into a real SQLite
file, through the `thidua crawl` command exactly as cron runs it.

The demo content files are the ground truth: every article the sites publish must be archived
with the right fields, and re-crawling must neither duplicate nor re-download them.
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

from archive.lock import CrawlLock
from demo.content import load_articles
from demo.server import start_subprocess

pytestmark = pytest.mark.crawl
ROOT = Path(__file__).resolve().parent.parent
DEMO_SOURCES = ROOT / "sources" / "demo.toml"
ARTICLES = load_articles()
# (current, former) province of each sample site's source, as sources/demo.toml registers it
SOURCE_PROVINCE = {"ldld": ("Thanh Hóa", "Thanh Hóa"), "btdkt": ("Bắc Ninh", "Bắc Giang"),
                   "baotinh": ("Đắk Lắk", "Đắk Lắk")}


@pytest.fixture
def site():
    proc, url = start_subprocess()
    yield url
    proc.terminate()
    proc.wait(timeout=5)


def control(url: str, **params: str) -> dict:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    with urllib.request.urlopen(f"{url}/_control?{query}", timeout=5) as resp:
        return json.loads(resp.read() or b"{}")


def server_stats(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/_stats", timeout=5) as resp:
        return json.loads(resp.read())


def crawl_cmd(db: Path, url: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "archive", "crawl", "--sources", str(DEMO_SOURCES),
            "--db", str(db), "--local", "--quiet", *extra]


def crawl(db: Path, url: str, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(crawl_cmd(db, url, *extra), env={**os.environ, "DEMO_URL": url},
                            capture_output=True, text=True, timeout=300, cwd=ROOT, check=False)
    if check:
        assert result.returncode == 0, f"crawl failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def rows(db: Path, sql: str, params=()) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def article_requests(stats: dict) -> int:
    """Requests for article pages (not listings, robots.txt, feeds) seen by the demo server."""
    paths = {a["path"] for a in ARTICLES}
    return sum(n for p, n in stats.get("paths", {}).items() if p.split("?")[0] in paths)


def test_first_crawl_archives_every_sample_article(site, tmp_path):
    db = tmp_path / "archive.db"
    result = crawl(db, site)
    # --quiet, every source ok: nothing at all on stdout or stderr (cron mails any output)
    assert (result.stdout, result.stderr) == ("", "")
    archived = {r["url"]: r for r in rows(db, "select * from articles")}
    missing = [a["path"] for a in ARTICLES if site + a["path"] not in archived]
    assert not missing, f"not archived: {missing}"
    assert len(archived) == len(ARTICLES)
    for a in ARTICLES:
        row = archived[site + a["path"]]
        where = a["path"]
        assert row["title"] == a["title"], where
        assert row["author"] == a["author"], where
        # ldld pages show only the date; the others show the time too (+07:00 kept)
        assert row["published_at"] == a["published_shown"], where
        assert row["body"].startswith(a["paragraphs"][0]), where
        assert row["body"].endswith(a["paragraphs"][-1]), where
        for image in a["images"]:
            assert image["caption"] in json.loads(row["captions"]), where
            assert image["caption"] not in row["body"], where
        assert "Liên kết website" not in row["body"] and "Tin liên quan" not in row["body"], where
        assert row["has_meeting"] == (1 if a["meetings"] else 0), where
        assert row["source_id"] == "demo-" + a["site"], where
        assert row["province"] == SOURCE_PROVINCE[a["site"]][0], where
        # the province as it was when published: Bắc Giang until the 2025 merger into Bắc Ninh
        former = SOURCE_PROVINCE[a["site"]][1] if a["published"] < "2025-07-01" else None
        assert row["province_former"] == former, where
    crawls = rows(db, "select * from crawls")
    assert {c["status"] for c in crawls} == {"ok"}
    assert sum(c["new"] for c in crawls) == len(ARTICLES)
    assert rows(db, "select count(*) n from pages")[0]["n"] >= len(ARTICLES)
    assert rows(db, "pragma integrity_check")[0]["integrity_check"] == "ok"


def test_recrawl_is_idempotent_and_fetches_almost_nothing(site, tmp_path):
    db = tmp_path / "archive.db"
    crawl(db, site)
    first_stats = server_stats(site)
    first = {r["url"]: r for r in rows(db, "select * from articles")}
    control(site, reset=1)
    time.sleep(1.1)  # last_seen_at has second resolution
    crawl(db, site)
    second_stats = server_stats(site)
    second = {r["url"]: r for r in rows(db, "select * from articles")}
    assert second.keys() == first.keys()
    for url, row in second.items():
        assert row["first_seen_at"] == first[url]["first_seen_at"]
        assert row["last_seen_at"] >= first[url]["last_seen_at"]
    # Known articles are not downloaded again; the listings and sections are read again
    # (their first pages, plus THIDUA_KNOWN_PAGES more for the start listings), never more
    # pages than the first run read. On a 37-article site that fixed cost is a large share of
    # the first run; test_recrawl_of_a_larger_site_… bounds the share where it means something.
    assert article_requests(second_stats) == 0, second_stats
    assert second_stats["total"] <= first_stats["total"] - article_requests(first_stats), \
        (first_stats, second_stats)
    crawls = rows(db, "select * from crawls where run_id = (select run_id from crawls order by id desc limit 1)")
    assert sum(c["new"] for c in crawls) == 0


def test_new_articles_are_picked_up_incrementally(site, tmp_path):
    db = tmp_path / "archive.db"
    control(site, hide_newest=2)
    crawl(db, site)
    n_before = rows(db, "select count(*) n from articles")[0]["n"]
    assert n_before == len(ARTICLES) - 2 * 3
    control(site, reset=1)
    crawl(db, site)
    assert rows(db, "select count(*) n from articles")[0]["n"] == len(ARTICLES)
    assert article_requests(server_stats(site)) == 2 * 3


def test_a_second_concurrent_crawl_is_refused(site, tmp_path):
    db = tmp_path / "archive.db"
    with CrawlLock(db):
        result = crawl(db, site, check=False)
    assert result.returncode == 3
    assert "already" in result.stderr


def test_killed_crawl_resumes_to_the_same_archive(site, tmp_path):
    reference = tmp_path / "reference.db"
    crawl(reference, site)
    db = tmp_path / "killed.db"
    # slow the crawl down so it can be killed half-way
    proc = subprocess.Popen(
        crawl_cmd(db, site, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0.15",
                  "-s", "AUTOTHROTTLE_ENABLED=False"),
        env={**os.environ, "DEMO_URL": site}, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    archived = 0
    while time.time() < deadline and archived < 5:
        time.sleep(0.2)
        if db.exists():
            try:
                archived = rows(db, "select count(*) n from articles")[0]["n"]
            except sqlite3.OperationalError:
                pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < archived < len(ARTICLES), "the crawl was not interrupted mid-way"
    assert rows(db, "pragma integrity_check")[0]["integrity_check"] == "ok"
    crawl(db, site)  # takes over the lock of the killed run, completes the remainder
    got = sorted(r["url"] for r in rows(db, "select url from articles"))
    want = sorted(r["url"] for r in rows(reference, "select url from articles"))
    assert got == want
    assert rows(db, "select count(*) n, count(distinct url) d from articles")[0] == {"n": len(want), "d": len(want)}
    assert rows(db, "pragma integrity_check")[0]["integrity_check"] == "ok"


def test_unreachable_source_fails_the_run_without_losing_data(site, tmp_path):
    db = tmp_path / "archive.db"
    crawl(db, site)
    n = rows(db, "select count(*) n from articles")[0]["n"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nid = "gone"\nname = "Gone"\nprovince = "Nghệ An"\n'
                   'platform = "generic"\nstart_urls = ["http://127.0.0.1:9/"]\nallow_local = true\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "archive", "crawl", "--sources", str(bad), "--db", str(db), "--local", "-q"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "gone" in result.stderr
    assert rows(db, "select count(*) n from articles")[0]["n"] == n
    assert rows(db, "select status from crawls where source_id = 'gone'")[0]["status"] == "failed"
    assert rows(db, "select count(*) n from failures where source_id = 'gone'")[0]["n"] >= 1


def test_redesigned_site_is_flagged_by_status(site, tmp_path):
    db = tmp_path / "archive.db"
    crawl(db, site)
    control(site, template=2)
    crawl(db, site, check=False)
    status = subprocess.run([sys.executable, "-m", "archive", "status", "--db", str(db), "--json"],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert status.returncode == 1
    health = {h["source_id"]: h for h in json.loads(status.stdout)}
    flagged = [sid for sid, h in health.items() if any("template" in f for f in h["flags"])]
    assert flagged == ["demo-ldld"], health


def test_reparse_needs_no_network(site, tmp_path):
    db = tmp_path / "archive.db"
    crawl(db, site)
    conn = sqlite3.connect(db)
    with conn:  # pretend an older extractor got the titles wrong
        conn.execute("update articles set title = 'Liên kết website', extractor_version = 'old'")
    conn.close()
    env = {k: v for k, v in os.environ.items() if k != "DEMO_URL"}
    result = subprocess.run([sys.executable, "-m", "archive", "reparse", "--db", str(db)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["changed_fields"].get("title") == len(ARTICLES)
    titles = {r["url"]: r["title"] for r in rows(db, "select url, title from articles")}
    assert all(titles[site + a["path"]] == a["title"] for a in ARTICLES)
    assert "old" not in {r["extractor_version"] for r in rows(db, "select extractor_version from articles")}


def test_warc_export_round_trips(site, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    db = tmp_path / "archive.db"
    crawl(db, site)
    out = tmp_path / "pages.warc.gz"
    result = subprocess.run([sys.executable, "-m", "archive", "export", "warc", "-o", str(out),
                             "--db", str(db)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert "ratio" in result.stdout
    with open(out, "rb") as fh:
        records = [(r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
                   for r in ArchiveIterator(fh) if r.rec_type == "response"]
    assert len(records) == rows(db, "select count(*) n from pages")[0]["n"]
    sample = next(a for a in ARTICLES if a["site"] == "ldld")
    body = dict(records)[site + sample["path"]]
    assert sample["title"] in body.decode("utf-8")


def assert_recheck_updated_only(db: Path, site: str, changed: dict) -> None:
    """After a run that re-checked every article with a conditional GET (local or
    distributed): the one revised page updated, every other one a 304, the revision stored."""
    stats = server_stats(site)
    assert stats["conditional_requests"] == article_requests(stats) == len(ARTICLES)
    assert stats["statuses"].get("304") == len(ARTICLES) - 1
    last = rows(db, "select sum(updated) u, sum(not_modified) nm from crawls "
                    "where run_id = (select run_id from crawls order by id desc limit 1)")[0]
    assert last == {"u": 1, "nm": len(ARTICLES) - 1}
    [row] = rows(db, "select body from articles where url = ?", [site + changed["path"]])
    assert "cập nhật lần 1" in row["body"]


def test_due_recheck_uses_conditional_get(site, tmp_path):
    db = tmp_path / "archive.db"
    crawl(db, site)
    changed = next(a for a in ARTICLES if a["site"] == "btdkt")
    control(site, reset=1, touch=f"btdkt/{changed['slug']}")
    time.sleep(1.5)
    # every stored page is older than the re-check age now; walk all listing pages
    crawl(db, site, "-s", "THIDUA_RECHECK_DAYS=0.00001", "-s", "THIDUA_KNOWN_PAGES=100")
    assert_recheck_updated_only(db, site, changed)
    assert rows(db, "select count(*) n from articles")[0]["n"] == len(ARTICLES)


def test_max_pages_bounds_the_listing_walk(site, tmp_path):
    db = tmp_path / "archive.db"
    crawl(db, site, "--max-pages", "1", "--source", "demo-ldld")
    listing_pages = [p for p in server_stats(site)["paths"] if p.startswith("/ldld/") and
                     not p.startswith("/ldld/tin/")]
    assert listing_pages == ["/ldld/"]
    n = rows(db, "select count(*) n from articles")[0]["n"]
    assert 0 < n < len([a for a in ARTICLES if a["site"] == "ldld"])


def test_since_filters_sitemap_entries(site, tmp_path):
    db = tmp_path / "archive.db"
    # the newspaper is also crawled through its sitemap; entries before --since are skipped
    # there, while its listing pages still offer every article (listings carry no dates)
    crawl(db, site, "--since", "2030-01-01", "--source", "demo-baotinh", "--max-pages", "1")
    sitemap_only = rows(db, "select count(*) n from articles")[0]["n"]
    db2 = tmp_path / "archive2.db"
    crawl(db2, site, "--since", "2000-01-01", "--source", "demo-baotinh", "--max-pages", "1")
    assert rows(db2, "select count(*) n from articles")[0]["n"] > sitemap_only


def test_reparse_never_makes_an_article_worse(site, tmp_path):
    import zlib

    db = tmp_path / "archive.db"
    crawl(db, site)
    target = next(a for a in ARTICLES if a["site"] == "ldld")
    url = site + target["path"]
    conn = sqlite3.connect(db)
    with conn:  # the stored page is damaged: the new extraction yields nothing
        conn.execute("update page_versions set body = ?, codec = 'zlib', dict_id = null "
                     "where id = (select version_id from articles where url = ?)",
                     [zlib.compress(b"<html><body></body></html>"), url])
        conn.execute("update articles set extractor_version = 'old'")
    conn.close()
    result = subprocess.run([sys.executable, "-m", "archive", "reparse", "--db", str(db)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    [row] = rows(db, "select title, body from articles where url = ?", [url])
    assert row["title"] == target["title"] and row["body"].startswith(target["paragraphs"][0])
    failures = rows(db, "select stage from failures where url = ?", [url])
    assert failures, "the failed re-extraction was not recorded"


def test_recrawl_of_a_larger_site_fetches_under_5_percent_of_the_pages(tmp_path):
    """The issue's bound, on every request the server sees (listings, robots.txt, sitemap and
    feeds included): with a few hundred articles per site, the second run costs under 5 % of
    the first. The 36-article sample is too small for that ratio (its home pages alone are
    more), so the server adds an older backlog to each site."""
    proc, url = start_subprocess(backlog=150)
    try:
        db = tmp_path / "archive.db"
        crawl(db, url)
        first = server_stats(url)
        articles = rows(db, "select count(*) n from articles")[0]["n"]
        assert articles >= 3 * 150 + len(ARTICLES) - 5, first["total"]
        control(url, reset=1)
        crawl(db, url)
        second = server_stats(url)
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    assert second["total"] <= 0.05 * first["total"], (first["total"], second["paths"])
    assert rows(db, "select count(*) n from articles")[0]["n"] == articles


def test_dry_run_reports_routes_and_archives_nothing(site, tmp_path):
    db = tmp_path / "archive.db"
    out = crawl(db, site, "--dry-run", "--source", "demo-baotinh", "--source", "demo-btdkt").stdout
    blocks = dict(re.findall(r"^(demo-[a-z]+): (.*?)(?=^demo-|\Z)", out, re.DOTALL | re.MULTILINE))
    # the newspaper announces a sitemap; the board's listing walks ?page=N
    assert re.search(r"^\s+sitemap\s+\d+", blocks["demo-baotinh"], re.MULTILINE), out
    assert re.search(r"^\s+pagination\s+\d+", blocks["demo-btdkt"], re.MULTILINE), out
    assert "sample [" in blocks["demo-baotinh"] and "nothing was archived" in out
    assert not db.exists(), "a dry run wrote the archive"
    # a few articles are fetched to learn the shapes, not the whole site
    assert article_requests(server_stats(site)) < len(ARTICLES)
