"""The page classifier on every page family the project has: its own labelled pages (articles
and non-articles of four fixture sets) and the own blind site set (articles, listings, other
pages of seven CMS families, labelled before discovery ran on them)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from archive.pagekind import PageFeatures, classify_page, decide

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("eval_pagekind", ROOT / "scripts" / "eval_pagekind.py")
EVAL = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(EVAL)  # type: ignore[union-attr]

BLIND = ROOT / "tests" / "fixtures" / "sitesets" / "blind"
# Pages the classifier gets wrong today, each with why (a fix removes its line).
KNOWN = {
    ("blind/dnn", "/Gioi-thieu/tabid/40/Default.aspx"):
        "an introduction tab: 285 characters in two paragraphs and a date, like a short report",
}


def _pages() -> list[tuple[str, str, str, str, str]]:
    return list(EVAL.fixture_pages()) + list(EVAL.siteset_pages(BLIND))


def _wrong(want: str, got: str) -> bool:
    return (want == "article") != (got == "article") or (want == "listing" and got == "article")


def test_every_labelled_page_gets_its_kind() -> None:
    pages = _pages()
    assert len(pages) >= 200, len(pages)
    wrong = {}
    for corpus, name, url, html, want in pages:
        got, features = classify_page(html, url)
        if _wrong(want, got) and (corpus, name) not in KNOWN:
            wrong[(corpus, name)] = (want, got, features.reasons)
    assert not wrong, wrong


def test_known_misses_still_miss() -> None:
    """A KNOWN entry the classifier now gets right is stale: remove it."""
    pages = {(c, n): (u, h, w) for c, n, u, h, w in _pages()}
    for key in KNOWN:
        url, html, want = pages[key]
        assert _wrong(want, classify_page(html, url)[0]), key


def test_three_answers_on_the_blind_set() -> None:
    """Listings are told from other pages too (a walk follows a listing's next page)."""
    kinds = {}
    for _corpus, _name, url, html, want in EVAL.siteset_pages(BLIND):
        kinds.setdefault(want, []).append(classify_page(html, url)[0])
    assert kinds["listing"].count("article") == 0
    assert kinds["listing"].count("listing") >= len(kinds["listing"]) // 2


@pytest.mark.parametrize("features, kind", [
    (PageFeatures(main_prose=900, main_paragraphs=5, dates=1, headline_words=9), "article"),
    (PageFeatures(main_prose=900, main_paragraphs=5, dates=0), "other"),  # an introduction page
    (PageFeatures(main_prose=120, main_paragraphs=1, teasers=12, dates=12), "listing"),
    (PageFeatures(main_prose=400, main_paragraphs=3, dates=2, site_root=True), "listing"),
    (PageFeatures(main_prose=700, main_paragraphs=4, dates=1, headline_words=8,
                  headline_links_away=True), "listing"),  # a story shown whole on an archive page
    (PageFeatures(main_prose=210, main_paragraphs=2, dates=1, headline_words=12), "article"),
])
def test_decide(features: PageFeatures, kind: str) -> None:
    assert decide(features) == kind, features.reasons


_SUMMARY = ("Sáng {d}/3, Khối thi đua các hội đặc thù tổ chức hội nghị ký kết giao ước thi đua năm 2024 tại hội "
            "trường Liên hiệp các Hội. Hội Chữ thập đỏ tỉnh, Khối trưởng, chủ trì; dự hội nghị có đại diện Ban "
            "Thi đua - Khen thưởng tỉnh và lãnh đạo các hội thành viên ...")


def _card(n: int) -> str:
    # the card's only link is an empty overlay named by aria-label: no anchor text to count
    return (f'<div class="card"><h3 class="card-title">Khối thi đua các hội đặc thù: hội nghị số {n} năm 2024</h3>'
            f'<p class="card-text">{_SUMMARY.format(d=n + 10)}</p><small>{n + 10}/03/2024</small>'
            f'<a class="stretched-link" aria-label="Đọc bài {n}" href="/bai-viet/hoi-nghi-so-{n}"></a></div>')


def test_repeated_headline_and_summary_blocks_are_a_listing_without_a_pager() -> None:
    """A tag page of summary cards with no pager: its first card's summary reads like a short
    report (a date, 250 characters), but every block beside it is one more of the same kind."""
    page = ('<html><head><title>Thẻ: giao ước thi đua</title></head><body><header><h1>Liên hiệp các Hội</h1>'
            '</header><main><h2>Thẻ: giao ước thi đua</h2><section class="cards">'
            + "".join(_card(n) for n in range(1, 5)) + "</section></main></body></html>")
    kind, features = classify_page(page, "http://lienhiephoi.vn/the/giao-uoc-thi-dua/")
    assert (kind, features.entries, features.main_in_entries) == ("listing", 4, True), features.reasons


def test_an_article_with_a_related_box_of_summaries_stays_an_article() -> None:
    body = "".join(f"<p>{_SUMMARY.format(d=n)} Đoạn {n} của bài viết.</p>" for n in range(1, 6))
    page = ('<html><body><article><h1>Khối thi đua các hội đặc thù ký kết giao ước thi đua năm 2024</h1>'
            f'<time datetime="2024-03-12">12/03/2024</time><div class="content">{body}</div></article>'
            '<div class="related">' + "".join(_card(n) for n in range(1, 4)) + "</div></body></html>")
    kind, features = classify_page(page, "http://lienhiephoi.vn/bai-viet/hoi-nghi-so-9")
    assert kind == "article" and features.entries == 3 and not features.main_in_entries, features.reasons
