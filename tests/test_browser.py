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


def _top(p: object, selector: str) -> float:
    box = p.locator(selector).first.bounding_box()  # type: ignore[attr-defined]
    assert box is not None, selector
    return box["y"]


def _no_sideways_scroll(p: object) -> None:
    width = p.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")  # type: ignore[attr-defined]
    assert width[0] <= width[1], f"page is {width[0]} px wide in a {width[1]} px window"


def test_search_box_then_article(page: object, demo_datasette: str) -> None:
    p = page  # playwright.sync_api.Page, 1280×900
    p.set_viewport_size({"width": 1280, "height": 900})
    p.goto(f"{demo_datasette}/archive/articles")
    # the column descriptions are there, folded: the results come first
    assert p.locator("details.column-notes dl.column-descriptions").count() == 1
    assert not p.locator("dl.column-descriptions").is_visible()
    p.fill("input#_search", "thi dua")
    p.click("form.filters input[type=submit]")
    p.wait_for_url("**_search=thi+dua**")
    results = p.locator("ul.thidua-results li.result")
    titles = results.locator("a.result-title").all_inner_texts()
    meeting_titles = {a["title"] for a in ARTICLES if a["meetings"]}
    found = [t for t in titles if t in meeting_titles]
    # a page of 20 (metadata `size`), newest first; most sample meeting reports say "thi đua"
    assert len(titles) == 20 and len(found) >= 10, titles
    assert _top(p, "ul.thidua-results li.result") < 900 - 60, "first result below the fold"
    # the excerpt marks the folded match in the original spelling
    assert "đua" in [m.lower() for m in results.first.locator("mark").all_inner_texts()]
    _no_sideways_scroll(p)
    assert p.locator(".facet-info-name", has_text="has_meeting").count() == 1
    assert p.locator(".facet-info-name", has_text="story_province").count() == 1
    p.screenshot(path=str(SHOTS / "01-search-thi-dua.png"))

    truth = truth_by_title(found[0])
    results.locator("a.result-title", has_text=truth["title"]).first.click()
    p.wait_for_url("**/archive/articles/*")
    assert p.locator("h1.article-title").inner_text() == truth["title"]
    body = p.locator(".thidua-article .body p")
    assert body.all_inner_texts() == truth["paragraphs"]
    for i in (0, body.count() - 1):  # readable: inside the window, not cut at the right edge
        box = body.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    _no_sideways_scroll(p)
    [meeting] = truth["meetings"][:1]
    section = p.locator("section.meeting").first
    assert section.locator("ul.members li").count() == len(meeting["members"])
    names = section.locator("ul.attendees li").all_inner_texts()
    assert [n.split(" — ")[0] for n in names] == [a["name"] for a in meeting["attendees"]]
    p.screenshot(path=str(SHOTS / "02-article.png"), full_page=True)

    # the archived raw page: the stored HTML as text, not rendered
    p.locator("a", has_text="archived raw page").click()
    p.wait_for_url("**/archive/raw_page?article_id=*")
    raw = p.locator("pre.raw-html").inner_text()
    assert raw.lstrip().lower().startswith("<!doctype html") or "<html" in raw
    assert truth["title"] in raw
    p.screenshot(path=str(SHOTS / "03-raw-page.png"), full_page=True)


def test_article_page_on_a_phone(browser: object, demo_datasette: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")  # type: ignore[attr-defined]
    p = context.new_page()
    try:
        truth = next(a for a in ARTICLES if a["meetings"] and a["lead"])
        p.goto(f"{demo_datasette}/archive/articles?title={truth['title']}")
        p.locator("a.result-title").first.click()
        p.wait_for_url("**/archive/articles/*")
        assert p.locator("h1.article-title").inner_text() == truth["title"]
        assert p.locator(".thidua-article .lead").inner_text() == truth["lead"]
        _no_sideways_scroll(p)
        p.screenshot(path=str(SHOTS / "07-article-phone.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("table", ["articles", "stories", "meetings"])
def test_table_pages_show_results_first(page: object, demo_datasette: str, table: str) -> None:
    p = page
    p.set_viewport_size({"width": 1280, "height": 900})
    p.goto(f"{demo_datasette}/archive/{table}")
    row = "ul.thidua-results li.result" if table != "meetings" else "table.rows-and-columns tbody tr"
    assert _top(p, row) < 900 - 60, f"{table}: first row below the fold"
    assert not p.locator("dl.column-descriptions").is_visible()
    _no_sideways_scroll(p)
    p.screenshot(path=str(SHOTS / f"08-table-{table}.png"))


def test_cluster_page_lists_years_side_by_side(page: object, demo_datasette: str) -> None:
    p = page
    p.set_viewport_size({"width": 1280, "height": 900})
    truth = sorted(((a, m) for a in ARTICLES for m in a["meetings"]
                    if m["cluster_number"] == 7 and m["province"] == "Thanh Hóa"),
                   key=lambda t: t[1]["period_end"])
    assert len(truth) >= 2
    # the researcher's path: an article's meeting → its cluster
    p.goto(f"{demo_datasette}/archive/articles?title={truth[-1][0]['title']}")
    p.locator("a.result-title").first.click()
    p.locator("section.meeting a.cluster").click()
    p.wait_for_url("**/archive/clusters/*")
    assert "Cụm thi đua số 7" in p.locator("h1").inner_text()
    years = p.locator("table.cluster-years thead th.year").all_inner_texts()
    assert years == [m["period_end"][:4] for _, m in truth]
    hosts = p.locator("table.cluster-years tr.hosts td").all_inner_texts()
    assert hosts == [m["host"] for _, m in truth]
    chairs = p.locator("table.cluster-years tr.chairs td").all_inner_texts()
    for chair, (_, m) in zip(chairs, truth, strict=True):
        [head] = [a["name"] for a in m["attendees"] if "Trưởng Cụm" in a["title"]]
        assert chair.startswith(head)
    members = p.locator("table.cluster-years tr.member")
    assert members.count() == len(truth[0][1]["members"])  # the same six, however written
    assert members.locator("td.yes").count() == sum(len(m["members"]) for _, m in truth)
    p.screenshot(path=str(SHOTS / "09-cluster.png"), full_page=True)


def test_person_page_lists_meetings(page: object, demo_datasette: str) -> None:
    p = page
    p.set_viewport_size({"width": 1280, "height": 900})
    name = "Trần Quang Vinh"
    attended = sorted(a["title"] for a in ARTICLES for m in a["meetings"]
                      for x in m["attendees"] if x["name"] == name)
    assert len(attended) >= 3
    p.goto(f"{demo_datasette}/archive/articles?title={attended[0]}")
    p.locator("a.result-title").first.click()
    p.locator("ul.attendees a", has_text=name).click()
    p.wait_for_url("**/archive/people/*")
    assert p.locator("h1").inner_text() == name
    rows = p.locator("section.person-meetings tr.meeting")
    assert sorted(rows.locator("td:last-child").all_inner_texts()) == attended
    assert p.locator("section.titles li").count() >= 1
    p.screenshot(path=str(SHOTS / "10-person.png"), full_page=True)


def test_meetings_chart_and_map_render(page: object, demo_datasette: str) -> None:
    p = page
    p.set_viewport_size({"width": 1280, "height": 900})
    p.goto(f"{demo_datasette}/-/dashboards/meetings")
    for chart in ("province-year", "kind-year", "map"):
        p.wait_for_selector(f"#chart-{chart} svg .mark-symbol, #chart-{chart} svg .mark-rect",
                            state="attached", timeout=30_000)
    heat = " ".join(p.locator("#chart-province-year svg text").all_text_contents())
    provinces = {m["province"] for a in ARTICLES for m in a["meetings"]}
    assert all(name in heat for name in provinces), heat
    # the map: a circle per province (34) over the ward points that draw the country
    circles = p.locator("#chart-map svg .mark-symbol path").count()
    assert circles >= 34 + 3000, circles
    labels = p.locator("#chart-map svg .mark-text.role-mark text").all_text_contents()
    assert set(labels) == provinces
    p.screenshot(path=str(SHOTS / "11-charts.png"), full_page=True)


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
