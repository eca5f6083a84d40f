"""The field rules of `make eval`: pure functions over an extractor's result and its gold.

No files and no extractors here, so that the rules can be tested on hand-written dicts and the
same rules score every corpus (real-world pages, own blind pages, text items).

Field rules (what "right" means):
- title: equal after NFC and whitespace normalisation;
- published: same day (YYYY-MM-DD) — of articles whose gold has a date;
- author: equal (normalised) — of articles whose gold shows an author;
- body_start / body_end: the body begins with the labelled first sentence / ends with the
  labelled last sentence, and no gold caption is inside the body;
- lead: equal (normalised) — of articles whose gold has a lead;
- is_article: equal — of every page (homepages must say False);
- body_clean (own corpora only): none of the gold's `body_excludes` is in the body.
"""

from __future__ import annotations

import unicodedata
from typing import Any

HTML_FIELDS = ("is_article", "title", "published", "author", "body_start", "body_end", "lead")
BLIND_FIELDS = HTML_FIELDS + ("body_clean",)
TEXT_FIELDS = ("title", "published", "author")
SPURIOUS_FIELDS = ("author_spurious", "published_spurious")
Verdicts = dict[str, bool | None]


def norm(text: str | None) -> str:
    """NFC, one space between words, no surrounding space or quotes-only differences."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return " ".join(text.split()).strip()


def score_html(result: dict[str, Any], gold: dict[str, Any]) -> Verdicts:
    """Per-field verdicts for one page; None when the field does not apply."""
    out: Verdicts = {f: None for f in HTML_FIELDS}
    out["is_article"] = bool(result["is_article"]) == bool(gold.get("is_article"))
    if gold.get("title"):
        out["title"] = norm(result["title"]) == norm(gold["title"])
    if not gold.get("is_article"):
        return out
    if gold.get("published"):
        out["published"] = (result["published"] or "")[:10] == gold["published"][:10]
    if gold.get("author"):
        out["author"] = norm(result["author"]) == norm(gold["author"])
    body = norm(result["body"])
    captions_out = all(norm(c) not in body for c in gold.get("captions") or [] if norm(c))
    if gold.get("body_first_sentence"):
        out["body_start"] = captions_out and body.startswith(norm(gold["body_first_sentence"]))
    if gold.get("body_last_sentence"):
        out["body_end"] = captions_out and body.endswith(norm(gold["body_last_sentence"]))
    if gold.get("lead"):
        out["lead"] = norm(result["lead"]) == norm(gold["lead"])
    if gold.get("body_excludes"):
        out["body_clean"] = bool(body) and all(norm(x) not in body for x in gold["body_excludes"])
    return out


def score_text(result: dict[str, Any], gold: dict[str, Any]) -> Verdicts:
    """Per-field verdicts for one text item (extract_text's keys); None when the gold has no value."""
    out: Verdicts = {f: None for f in TEXT_FIELDS}
    if gold.get("title"):
        out["title"] = norm(result["title"]) == norm(gold["title"])
    if gold.get("published"):
        out["published"] = (result["published_at"] or "")[:10] == gold["published"][:10]
    if gold.get("author"):
        out["author"] = norm(result["author"]) == norm(gold["author"])
    return out


def rate(verdicts: list[bool | None]) -> tuple[float | None, int]:
    """Share of True among the verdicts that apply, and how many apply."""
    counted = [v for v in verdicts if v is not None]
    if not counted:
        return None, 0
    return sum(counted) / len(counted), len(counted)


def shown(result: dict[str, Any], field: str, gold: dict[str, Any] | None = None) -> Any:
    """What a miss prints as "got": the body's ends for body_start/body_end, the excluded
    texts found for body_clean, else the field."""
    if field in ("body_start", "body_end"):
        body = norm(result.get("body"))
        return body[:120] if field == "body_start" else body[-120:]
    if field == "body_clean":
        body = norm(result.get("body"))
        return [x for x in (gold or {}).get("body_excludes") or [] if norm(x) in body] or "(empty body)"
    return result.get(field)


def wanted(gold: dict[str, Any], field: str) -> Any:
    """What a miss prints as "want": the gold's value under the field's label name."""
    return {"body_start": gold.get("body_first_sentence"), "body_end": gold.get("body_last_sentence"),
            "body_clean": "none of body_excludes"}.get(field, gold.get(field))


def html_misses(results: list[dict[str, Any]], items: list[dict[str, Any]],
                verdicts: list[Verdicts]) -> list[dict[str, Any]]:
    """Every wrong field of every page, in page then field order."""
    return [{"file": g["file"], "field": field, "got": shown(r, field, g), "want": wanted(g, field)}
            for r, g, v in zip(results, items, verdicts) for field, ok in v.items() if ok is False]


def article_table(per_tool: dict[str, list[Verdicts]], fields: tuple[str, ...]) -> dict[str, Any]:
    """{field: {tool: rate, "n": pages the field applies to}} over each tool's verdicts."""
    table: dict[str, Any] = {}
    for field in fields:
        row: dict[str, Any] = {}
        for name, verdicts in per_tool.items():
            share, n = rate([v.get(field) for v in verdicts])
            row[name] = None if share is None else round(share, 4)
            row["n"] = n
        table[field] = row
    return table


def text_misses(results: list[dict[str, Any]], items: list[dict[str, Any]],
                verdicts: list[Verdicts]) -> list[dict[str, Any]]:
    """Every wrong field of every text item, then a byline or a date claimed where the gold has none."""
    misses: list[dict[str, Any]] = []
    for r, g, v in zip(results, items, verdicts):
        for field, ok in v.items():
            if ok is False:
                misses.append({"file": g["file"], "field": field,
                               "got": r.get("published_at" if field == "published" else field),
                               "want": g.get(field)})
        if r.get("author") and not g.get("author"):
            misses.append({"file": g["file"], "field": "author_spurious", "got": r["author"], "want": None})
        if r.get("published_at") and not g.get("published"):
            misses.append({"file": g["file"], "field": "published_spurious", "got": r["published_at"],
                           "want": None})
    return misses


def text_table(results: list[dict[str, Any]], items: list[dict[str, Any]],
               verdicts: list[Verdicts]) -> dict[str, Any]:
    """{field: {"ours", "n"}} of the text fields, then the two spurious rates (never floored)."""
    table: dict[str, Any] = {}
    for field in TEXT_FIELDS:
        share, n = rate([v[field] for v in verdicts])
        table[field] = {"ours": None if share is None else round(share, 4), "n": n}
    # Informational (never floored): a byline or a date claimed where the gold has none.
    for field, key, got_key in (("author_spurious", "author", "author"),
                                ("published_spurious", "published", "published_at")):
        without = [r for r, g in zip(results, items) if not g.get(key)]
        wrong = sum(1 for r in without if r.get(got_key))
        table[field] = {"ours": round(wrong / len(without), 4) if without else None, "n": len(without)}
    return table
