"""`make eval`'s field rules (scripts/evaluation/scoring.py) on hand-written results and gold:
pure functions, so a rule can be checked without a corpus or an extractor."""

from __future__ import annotations

from typing import Any

from conftest import load_script

EVAL = load_script("eval")  # puts scripts/ on the path, as `make eval` runs it

from evaluation import scoring  # importable once the script has set the path up

GOLD = {"file": "a.html", "is_article": True, "title": "Hội nghị  tổng kết", "published": "2024-12-12",
        "author": "Minh Anh", "body_first_sentence": "Sáng 12/12, Cụm thi đua họp.",
        "body_last_sentence": "Hội nghị bế mạc.", "captions": ["Ảnh: toàn cảnh"], "lead": None}


def _result(**changes: Any) -> dict[str, Any]:
    result = {"is_article": True, "title": "Hội nghị tổng kết", "published": "2024-12-12T08:00:00+07:00",
              "author": "Minh Anh", "body": "Sáng 12/12, Cụm thi đua họp. Hội nghị bế mạc.", "lead": None}
    return {**result, **changes}


def test_a_right_page_is_right_on_every_field_that_applies() -> None:
    verdicts = scoring.score_html(_result(), GOLD)
    assert {f: v for f, v in verdicts.items() if v is not None} == {
        "is_article": True, "title": True, "published": True, "author": True, "body_start": True,
        "body_end": True}
    assert verdicts["lead"] is None  # the gold has no lead: not counted


def test_a_caption_inside_the_body_fails_both_body_ends() -> None:
    verdicts = scoring.score_html(_result(body="Sáng 12/12, Cụm thi đua họp. Ảnh: toàn cảnh Hội nghị bế mạc."), GOLD)
    assert verdicts["body_start"] is False and verdicts["body_end"] is False


def test_a_homepage_is_scored_on_is_article_and_title_only() -> None:
    verdicts = scoring.score_html(_result(is_article=False, author="x"), {"is_article": False, "title": None})
    assert verdicts["is_article"] is True
    assert all(v is None for f, v in verdicts.items() if f != "is_article")


def test_rates_count_only_what_applies_and_misses_say_what_was_wanted() -> None:
    results = [_result(), _result(title="Khác")]
    verdicts = [scoring.score_html(r, GOLD) for r in results]
    table = scoring.article_table({"ours": verdicts}, ("title", "lead"))
    assert table == {"title": {"ours": 0.5, "n": 2}, "lead": {"n": 0, "ours": None}}
    assert scoring.html_misses(results, [GOLD, GOLD], verdicts) == [
        {"file": "a.html", "field": "title", "got": "Khác", "want": "Hội nghị  tổng kết"}]


def test_text_items_count_a_byline_or_date_the_gold_does_not_have() -> None:
    items = [{"file": "t1", "title": "A", "published": None, "author": None},
             {"file": "t2", "title": "B", "published": "2013-05-02", "author": None}]
    results = [{"title": "A", "published_at": "2013-05-01T00:00:00", "author": "bientap"},
               {"title": "B", "published_at": "2013-05-02T09:00:00", "author": None}]
    verdicts = [scoring.score_text(r, g) for r, g in zip(results, items)]
    table = scoring.text_table(results, items, verdicts)
    assert table["title"] == {"ours": 1.0, "n": 2} and table["published"] == {"ours": 1.0, "n": 1}
    assert table["author_spurious"] == {"ours": 0.5, "n": 2}
    assert table["published_spurious"] == {"ours": 1.0, "n": 1}
    assert [m["field"] for m in scoring.text_misses(results, items, verdicts)] == [
        "author_spurious", "published_spurious"]
