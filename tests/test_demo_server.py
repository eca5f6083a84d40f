"""The bundled sample sites: their ground truth is complete and the server behaves as the
crawler tests assume (URL on the first stdout line, listings, 304s, robots.txt, runtime control).

The server runs as a real subprocess on port 0, exactly as the crawl tests start it.
"""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.error
import urllib.request
from datetime import date

import pytest

from demo.content import ARTICLE_KEYS, MEETING_KEYS, SITES, load_articles
from demo.render import render_ldld_article
from demo.server import FAULT_ARTICLE, start_subprocess, to_cp1258

ARTICLES = load_articles()


@pytest.fixture(scope="module")
def base():
    proc, url = start_subprocess()
    yield url
    proc.terminate()
    proc.wait(timeout=5)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def control(base: str, **params: object) -> dict:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return json.loads(get(f"{base}/_control?{query}")[2])


# ---------------------------------------------------------------- ground truth

def test_enough_articles_on_every_site_about_half_meetings():
    assert len(ARTICLES) >= 30
    for site in SITES:
        assert len([a for a in ARTICLES if a["site"] == site]) >= 12, site
    meetings = [a for a in ARTICLES if a["meetings"]]
    assert 0.4 <= len(meetings) / len(ARTICLES) <= 0.65
    # one article reports two meetings: extractors must return both rows
    assert any(len(a["meetings"]) == 2 for a in ARTICLES)


def test_every_article_has_full_ground_truth():
    for a in ARTICLES:
        where = f"{a['site']}/{a['slug']}"
        assert set(ARTICLE_KEYS) <= set(a), where
        assert a["title"] and a["author"] and a["paragraphs"], where
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", a["published"]), where
        for text in [a["title"], *a["paragraphs"], *(im["caption"] for im in a["images"])]:
            assert unicodedata.is_normalized("NFC", text), where
        for im in a["images"]:
            assert 0 <= im["after"] <= len(a["paragraphs"]), where
        for m in a["meetings"]:
            assert set(m) == set(MEETING_KEYS), where
            assert m["kind"] in {"sơ kết", "tổng kết", "ký kết giao ước thi đua",
                                 "phát động thi đua", "đại hội thi đua yêu nước"}, where
            if m["period_start"]:
                assert date.fromisoformat(m["period_start"]) <= date.fromisoformat(m["period_end"])
            assert m["cluster_kind"] in (None, "cụm", "khối"), where
            assert all(at["name"] and at["title"] for at in m["attendees"]), where
            # names and members are copied from the text, so they must occur in it
            text = " ".join([a["title"], a["lead"] or "", *a["paragraphs"]])
            for at in m["attendees"]:
                assert at["name"] in text, (where, at["name"])
            for member in m["members"]:
                assert member in text, (where, member)


def test_dates_spread_over_the_decade_and_past_the_2025_merger():
    years = {int(a["published"][:4]) for a in ARTICLES}
    assert set(range(2016, 2026)) <= years
    assert len([a for a in ARTICLES if a["published"] >= "2025-07-01"]) >= 3


# ---------------------------------------------------------------- server

def test_listing_article_and_pagination(base):
    status, _, body = get(f"{base}/ldld/")
    html = body.decode()
    assert status == 200
    assert html.count('class="news-item"') == 5
    assert "Trang sau" in html and "/ldld/tin-moi/trang-2/" in html
    newest = load_articles("ldld")[0]
    assert newest["path"] in html
    status, _, body = get(f"{base}/btdkt/tin-tuc?page=3")
    assert status == 200 and "?page=2" in body.decode()
    status, _, _ = get(f"{base}/btdkt/tin-tuc?page=99")
    assert status == 404


def test_article_pages_carry_their_ground_truth(base):
    for site in SITES:
        a = load_articles(site)[-1]
        status, headers, body = get(base + a["path"])
        html = body.decode()
        assert status == 200, a["path"]
        assert "ETag" in headers and "Last-Modified" in headers
        assert a["paragraphs"][-1].replace('"', "&quot;") in html
    ldld = get(base + load_articles("ldld")[0]["path"])[2].decode()
    assert ldld.index("Liên kết website") < ldld.index('<h1 class="news-title"')
    btdkt = get(base + load_articles("btdkt")[0]["path"])[2].decode()
    assert re.search(r"Thứ \w+, \d\d/\d\d/\d{4} \d\d:\d\d", btdkt) and "Tin liên quan" in btdkt
    baotinh = get(base + load_articles("baotinh")[0]["path"])[2].decode()
    assert 'property="article:published_time"' in baotinh and '"NewsArticle"' in baotinh


def test_conditional_get_answers_304(base):
    path = load_articles("btdkt")[3]["path"]
    _, headers, _ = get(base + path)
    status, _, body = get(base + path, {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    status, _, _ = get(base + path, {"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304
    status, _, _ = get(base + path, {"If-None-Match": '"stale"'})
    assert status == 200


def test_robots_sitemap_and_rss(base):
    robots = get(f"{base}/robots.txt")[2].decode()
    assert "Disallow: /admin/" in robots
    assert f"Sitemap: {base}/baotinh/sitemap.xml" in robots
    sitemap = get(f"{base}/baotinh/sitemap.xml")[2].decode()
    assert sitemap.count("<lastmod>") == len(load_articles("baotinh"))
    rss = get(f"{base}/baotinh/rss.xml")[2].decode()
    assert rss.count("<pubDate>") == len(load_articles("baotinh"))


def test_control_hides_newest_and_switches_template(base):
    try:
        newest = load_articles("baotinh")[0]
        state = control(base, hide_newest=2)
        assert state["hide_newest"] == 2
        assert newest["path"] not in get(f"{base}/baotinh/sitemap.xml")[2].decode()
        assert get(base + newest["path"])[0] == 404
        control(base, template=2)
        html = get(base + load_articles("ldld")[5]["path"])[2].decode()
        assert 'class="news-title"' not in html and 'class="news-content"' not in html
        assert 'class="news-list"' not in get(f"{base}/ldld/")[2].decode()
        control(base, reset=1)
        assert newest["path"] in get(f"{base}/baotinh/sitemap.xml")[2].decode()
        assert 'class="news-title"' in get(base + load_articles("ldld")[5]["path"])[2].decode()
    finally:
        control(base, reset=1)


def test_stats_count_requests_per_path(base):
    control(base, reset=1)
    get(f"{base}/ldld/")
    get(f"{base}/ldld/")
    stats = json.loads(get(f"{base}/_stats")[2])
    assert stats["paths"]["/ldld/"] == 2
    assert stats["total"] == 2


def test_fault_pages(base):
    assert get(f"{base}/faults/status/503")[0] == 503
    _, _headers, body = get(f"{base}/faults/cp1258")
    assert "charset=windows-1258" in body.decode("cp1258")
    text = unicodedata.normalize("NFC", body.decode("cp1258"))
    [truth] = [a for a in load_articles(FAULT_ARTICLE[0]) if a["slug"] == FAULT_ARTICLE[1]]
    assert truth["title"] in text
    nfd = get(f"{base}/faults/nfd")[2].decode()
    assert not unicodedata.is_normalized("NFC", nfd)
    double = get(f"{base}/faults/doubleutf8")[2].decode()
    assert truth["title"] in double.encode("latin-1").decode("utf-8")
    assert len(get(f"{base}/faults/huge?mb=1")[2]) >= 1_000_000


def test_cp1258_keeps_tones_as_combining_marks():
    # ộ = ô + combining dot below in windows-1258, as legacy Vietnamese pages were written
    assert to_cp1258("ộ") == b"\xf4\xf2"
    assert unicodedata.normalize("NFC", to_cp1258("Hội nghị").decode("cp1258")) == "Hội nghị"


def test_wrapping_arbitrary_text_in_the_ldld_template():
    html = render_ldld_article("Tiêu đề", ["Đoạn một.", "Đoạn hai."],
                               images=[{"src": "/a.png", "alt": "alt", "caption": "Chú thích",
                                        "after": 1}], byline="Mai Văn A, CSPL")
    assert html.index("Liên kết website") < html.index("Tiêu đề</h1>")
    assert html.index("Đoạn một.") < html.index("Chú thích") < html.index("Đoạn hai.")
    assert html.index("Đoạn hai.") < html.index("Mai Văn A, CSPL")
