"""The researcher's path in a real headless Chromium (Debian's package, driven by Playwright).

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

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "test-output" / "browser"


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


def test_search_box_then_article(page: object, datasette_server: str) -> None:
    p = page  # playwright.sync_api.Page
    p.goto(f"{datasette_server}/archive/articles")
    p.fill("input#_search", "thi dua")
    p.click("form.filters input[type=submit]")
    p.wait_for_url("**_search=thi+dua**")
    rows = p.locator("table.rows-and-columns tbody tr")
    titles = rows.locator("td.col-title").all_inner_texts()
    assert "Cụm thi đua số 7 sơ kết công tác thi đua 6 tháng đầu năm 2016" in titles
    # the meeting facet is there and says so
    assert p.locator(".facet-info-name", has_text="has_meeting").count() == 1
    p.screenshot(path=str(SHOTS / "01-search-thi-dua.png"), full_page=True)

    meeting_row = rows.filter(has_text="Cụm thi đua số 7 sơ kết")
    meeting_row.locator("td.col-id a").first.click()
    p.wait_for_url("**/archive/articles/1")
    body = p.locator("td.col-body").inner_text()
    assert "Đến dự có đồng chí Nguyễn Hữu Hiệp" in body
    assert p.locator("a", has_text="archived raw page").count() == 1
    p.screenshot(path=str(SHOTS / "02-article.png"), full_page=True)


def test_ranked_search_form_on_home_page(page: object, datasette_server: str) -> None:
    p = page
    p.goto(datasette_server + "/")
    p.fill("input#thidua-q", "thể")
    p.click(".thidua-search input[type=submit]")
    p.wait_for_url("**/archive/search?q=**")
    first_title = p.locator("table.rows-and-columns tbody tr td.col-title").first.inner_text()
    assert first_title == "Giải thể thao công nhân viên chức năm 2024"
    marks = p.locator("td.col-snippet mark").all_inner_texts()
    assert marks[0] == "thể" and "the" not in [m.lower() for m in marks[:3]]
    p.screenshot(path=str(SHOTS / "03-ranked-search.png"), full_page=True)


def test_meetings_query_csv_download(page: object, datasette_server: str,
                                     tmp_path: Path) -> None:
    p = page
    p.goto(f"{datasette_server}/archive/meeting_list")
    p.fill("input[name=province]", "Thanh Hoa")
    p.click("form.sql input[type=submit]")
    p.wait_for_url("**province=Thanh+Hoa**")
    assert "Cụm thi đua số 7" in p.locator("table.rows-and-columns").inner_text()
    p.screenshot(path=str(SHOTS / "04-meetings.png"), full_page=True)
    with p.expect_download() as info:
        p.locator(".export-links a", has_text="CSV").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.suffix == ".csv"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["cluster_name"] for r in rows] == ["Cụm thi đua số 7"]
    assert rows[0]["attendees"] == "Nguyễn Hữu Hiệp (Phó Trưởng Ban Thi đua – Khen thưởng tỉnh)"
    assert rows[0]["province"] == "Thanh Hóa"


def test_raw_page_never_runs_its_scripts(page: object, datasette_server: str) -> None:
    p = page
    p.goto(f"{datasette_server}/archive/raw_page?article_id=1")
    assert "<script>document.title='EXECUTED'" in p.locator("pre.raw-html").inner_text()
    assert p.evaluate("() => window.__raw_executed === undefined")
    assert p.title() != "EXECUTED"
    p.screenshot(path=str(SHOTS / "05-raw-page.png"), full_page=True)
