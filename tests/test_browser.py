"""The researcher's path in a real headless Chromium (Debian's package, driven by Playwright),
on the real demo archive (`thidua demo --no-serve`, served by `thidua serve`: conftest's
session fixtures `demo_archive` / `demo_datasette`); what the pages must show comes from the
demo's ground truth in demo/content.

Never `playwright install`: there is no browser download here. scripts/install_chromium.sh
(called by `make test`) installs /usr/bin/chromium with apt; without it these tests skip and
say why.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from demo.content import load_articles

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "test-output" / "browser"
ARTICLES = load_articles()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"SKIPPED browser tests: {CHROMIUM} not found; run scripts/install_chromium.sh "
                    "(apt-get install chromium) as root")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.skip(f"SKIPPED browser tests: playwright for Python not installed ({exc})")
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
        except PlaywrightError as exc:  # the launch error says what is missing (libs, sandbox…)
            pytest.skip(f"SKIPPED browser tests: chromium at {CHROMIUM} did not start: {exc}")
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(accept_downloads=True, locale="vi-VN")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def truth_by_title(title: str) -> dict:
    [article] = [a for a in ARTICLES if a["title"] == title]
    return article


def test_search_box_then_article(page: object, demo_datasette: str) -> None:
    p = page  # playwright.sync_api.Page
    p.goto(f"{demo_datasette}/archive/articles")
    p.fill("input#_search", "thi dua")
    p.click("form.filters input[type=submit]")
    p.wait_for_url("**_search=thi+dua**")
    rows = p.locator("table.rows-and-columns tbody tr")
    titles = rows.locator("td.col-title").all_inner_texts()
    meeting_titles = {a["title"] for a in ARTICLES if a["meetings"]}
    found = [t for t in titles if t in meeting_titles]
    assert len(found) >= 20, titles  # every sample meeting report says "thi đua"
    # the meeting facet is there and counts them
    assert p.locator(".facet-info-name", has_text="has_meeting").count() == 1
    p.screenshot(path=str(SHOTS / "01-search-thi-dua.png"), full_page=True)

    truth = truth_by_title(found[0])
    row = rows.filter(has=p.locator("td.col-title", has_text=truth["title"]))
    row.locator("td.col-id a").first.click()
    p.wait_for_url("**/archive/articles/*")
    assert p.locator("td.col-title").inner_text() == truth["title"]
    body = p.locator("td.col-body").inner_text()
    assert truth["paragraphs"][0] in body and truth["paragraphs"][-1] in body
    p.screenshot(path=str(SHOTS / "02-article.png"), full_page=True)

    # the archived raw page: the stored HTML as text, not rendered
    p.locator("a", has_text="archived raw page").click()
    p.wait_for_url("**/archive/raw_page?article_id=*")
    raw = p.locator("pre.raw-html").inner_text()
    assert raw.lstrip().lower().startswith("<!doctype html") or "<html" in raw
    assert truth["title"] in raw
    p.screenshot(path=str(SHOTS / "03-raw-page.png"), full_page=True)


def test_ranked_search_form_on_home_page(page: object, demo_datasette: str) -> None:
    p = page
    p.goto(demo_datasette + "/")
    # one sample article writes `thế`, a dozen `thể`: the one must come first
    p.fill("input#thidua-q", "thế")
    p.click(".thidua-search input[type=submit]")
    p.wait_for_url("**/archive/search?q=**")
    [holder] = [a for a in ARTICLES
                if "thế" in " ".join([a["title"], a["lead"] or "", *a["paragraphs"]]).lower()]
    assert p.locator("ol.thidua-hits a.hit-title").first.inner_text() == holder["title"]
    marks = p.locator("ol.thidua-hits li").first.locator(".hit-snippet mark").all_inner_texts()
    assert marks and {m.lower() for m in marks} == {"thế"}
    p.screenshot(path=str(SHOTS / "04-ranked-search.png"), full_page=True)


def _first_hit_on_first_screen(p: object) -> object:
    first = p.locator("ol.thidua-hits li").first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900, box  # no scrolling at 1280×900
    return first


def test_ranked_search_reads_well(browser: object, demo_datasette: str) -> None:
    """Issue 15: the first result on the first screen, folded matches marked in the original
    spelling, a link to the archived article, no internal flags or raw scores."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")  # type: ignore[attr-defined]
    p = context.new_page()
    p.set_default_timeout(15_000)
    try:
        p.goto(f"{demo_datasette}/archive/search?q=thi+dua")
        first = _first_hit_on_first_screen(p)
        marks = first.locator(".hit-snippet mark").all_inner_texts()
        assert "đua" in [m.lower() for m in marks], marks  # typed `dua`, shown as written
        text = p.locator("ol.thidua-hits").inner_text()
        for internal in ("exact_match", "phrase_match", "near_match", "-0.0", "score"):
            assert internal not in text, internal
        p.screenshot(path=str(SHOTS / "07-ranked-thi-dua.png"))
        title = first.locator("a.hit-title").inner_text()
        first.locator("a.hit-title").click()
        p.wait_for_url("**/archive/articles/*")
        assert title in p.content()

        # `Thanh Hoa`, typed without marks: the province's articles first, not a person's name
        p.goto(f"{demo_datasette}/archive/search?q=Thanh+Hoa")
        first = _first_hit_on_first_screen(p)
        [article] = [a for a in ARTICLES if a["title"] == first.locator("a.hit-title").inner_text()]
        text = " ".join([article["title"], article["lead"] or "", *article["paragraphs"]])
        assert "Thanh Hóa" in text or "Thanh Hoá" in text
        p.screenshot(path=str(SHOTS / "08-ranked-thanh-hoa.png"))
    finally:
        context.close()


def test_meetings_query_csv_download(page: object, demo_datasette: str,
                                     tmp_path: Path) -> None:
    p = page
    p.goto(f"{demo_datasette}/archive/meeting_list")
    p.fill("input[name=province]", "Bac Giang")  # the former province, typed without accents
    p.click("form.sql input[type=submit]")
    p.wait_for_url("**province=Bac+Giang**")
    table = p.locator("table.rows-and-columns").inner_text()
    assert "Hoàng Văn Hiệp" in table
    p.screenshot(path=str(SHOTS / "05-meetings.png"), full_page=True)
    with p.expect_download() as info:
        p.locator(".export-links a", has_text="CSV").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.suffix == ".csv"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    expected = sorted((a["title"], m["kind"]) for a in ARTICLES for m in a["meetings"]
                      if "Bắc Giang" in (m["province"], m["province_former"]))
    assert sorted((r["article_title"], r["kind"]) for r in rows) == expected
    [row] = [r for r in rows if r["date"] == "2020-07-15"]
    assert row["attendees"] == (
        "Hoàng Văn Hiệp (Phó Trưởng Ban Thi đua - Khen thưởng tỉnh); Dương Thị Lan (Phó Bí thư "
        "Thường trực Đảng ủy Khối các cơ quan tỉnh, Trưởng khối thi đua năm 2020)")
    assert row["members"].startswith("Đảng ủy Khối các cơ quan tỉnh; Đảng ủy Khối doanh nghiệp")
    assert (row["province"], row["province_former"]) == ("Bắc Ninh", "Bắc Giang")


# The demo's pages carry no executable script, so this check keeps the hand-built archive of
# conftest (`datasette_server`), whose stored page does.
def test_raw_page_never_runs_its_scripts(page: object, datasette_server: str) -> None:
    p = page
    p.goto(f"{datasette_server}/archive/raw_page?article_id=1")
    assert "<script>document.title='EXECUTED'" in p.locator("pre.raw-html").inner_text()
    assert p.evaluate("() => window.__raw_executed === undefined")
    assert p.title() != "EXECUTED"
    p.screenshot(path=str(SHOTS / "06-raw-page-inert.png"), full_page=True)
