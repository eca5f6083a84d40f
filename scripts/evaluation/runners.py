"""A corpus read, run through the tools and scored: each `run_*` returns the report dict that
`report` prints and `floors` checks (and `thidua eval` receives)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import eval_meetings

from evaluation import scoring, tools
from evaluation.corpora import (
    BLIND_DIR,
    BLIND_SETS,
    DEFAULT_DIR,
    MEETING_BLIND_DIRS,
    TEXT_BLIND_DIR,
    decode_page,
    labels_path,
    load_corpus,
    load_gold,
    load_text_items,
)


def score_text_corpus(directory: Path, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Run `extract_text` over text items and score them: one code path for every text corpus.

    Returns {"article_text": {field: {"ours", "n"}}, "misses": [...], "speed": items/s}. The
    file is read as bytes and decoded as UTF-8 (a byte-order mark and CRLF are the extractor's
    business, as in a real crawl dump).
    """
    from archive.extract import extract_text

    start = time.perf_counter()
    results = [extract_text((directory / g["file"]).read_bytes().decode("utf-8", errors="replace"))
               for g in items]
    elapsed = time.perf_counter() - start
    verdicts = [scoring.score_text(r, g) for r, g in zip(results, items)]
    return {"article_text": scoring.text_table(results, items, verdicts),
            "misses": scoring.text_misses(results, items, verdicts),
            "speed": round(len(items) / elapsed, 1) if elapsed else None}


def run_text_corpus(directory: str | Path = TEXT_BLIND_DIR) -> dict[str, Any]:
    """Score the text items of a realworld-style gold.jsonl (default: the own blind text items)."""
    directory = Path(directory)
    items = load_text_items(directory)
    if not items:
        return {"skipped": f"no kind=text items with files in {labels_path(directory)}"}
    scored = score_text_corpus(directory, items)
    return {"corpus": str(directory), "text_items": len(items), "article_text": scored["article_text"],
            "misses": scored["misses"], "speed": {"ours_text": scored["speed"]}}


def score_pages(pages: list[tuple[str, str]], items: list[dict[str, Any]], report: dict[str, Any],
                fields: tuple[str, ...] = scoring.HTML_FIELDS) -> None:
    """Run ours and trafilatura over decoded (html, url) pages; fill report's article table.

    Shared by the real-world corpus and any own corpus (`--corpus`), so both are scored by
    the same `score_html` rules.
    """
    per_tool: dict[str, list[scoring.Verdicts]] = {}
    for name, fn in tools.TOOLS:
        try:
            results, pps = tools.timed(fn, pages)
        except ImportError as exc:
            report["speed"][name] = None
            report.setdefault("notes", []).append(f"{name} unavailable: {exc}")
            continue
        report["speed"][name] = round(pps, 1)
        per_tool[name] = [scoring.score_html(r, g) for r, g in zip(results, items)]
        if name == "ours":
            report["misses"].extend(scoring.html_misses(results, items, per_tool[name]))
    report["article"].update(scoring.article_table(per_tool, fields))


def run_corpus(directory: str | Path = BLIND_DIR) -> dict[str, Any]:
    """Score an own corpus of HTML pages (default: the blind set) like the real-world pages.

    Adds `body_clean` where the gold lists `body_excludes` (related links, counters, bylines
    that sit inside the article container): none of them may be in the body.
    """
    directory = Path(directory)
    items = load_corpus(directory)
    if not items:
        return {"skipped": f"no NAME.html + NAME.expected.json pairs in {directory}"}
    pages = [(decode_page((directory / g["file"]).read_bytes()),
              g.get("url") or f"https://example.invalid/{g['file']}") for g in items]
    report: dict[str, Any] = {"corpus": str(directory), "html_pages": len(pages), "article": {},
                              "speed": {}, "misses": []}
    score_pages(pages, items, report, scoring.BLIND_FIELDS)
    return report


def run_any_corpus(directory: str | Path) -> dict[str, Any]:
    """`--corpus DIR`: its HTML pages (NAME.html + NAME.expected.json) and/or its text items
    (gold.jsonl or labels.jsonl, `kind: "text"`), each scored by the same rules as the real-world corpus."""
    directory = Path(directory)
    html = run_corpus(directory)
    text = run_text_corpus(directory)
    if "skipped" in html and "skipped" in text:
        return {"skipped": f"{html['skipped']}; {text['skipped']}"}
    report: dict[str, Any] = {"corpus": str(directory)}
    if "skipped" not in html:
        report.update(html)
    if "skipped" not in text:
        report["text_items"] = text["text_items"]
        report["article_text"] = text["article_text"]
        report.setdefault("misses", []).extend(text["misses"])
        report.setdefault("speed", {}).update(text["speed"])
    return report


def _realworld(directory: Path) -> dict[str, Any]:
    """The real-world corpus's HTML pages and text items, scored into the report's main tables."""
    gold, urls = load_gold(directory)
    html_items = [g for g in gold if g.get("kind") == "html" and (directory / g["file"]).exists()]
    text_items = [g for g in gold if g.get("kind") == "text" and (directory / g["file"]).exists()]
    pages = [(decode_page((directory / g["file"]).read_bytes()),
              urls.get(g["file"]) or f"https://{g.get('site') or 'example.invalid'}/{g['file']}")
             for g in html_items]
    report: dict[str, Any] = {"corpus": str(directory), "html_pages": len(pages),
                              "text_items": len(text_items), "article": {}, "article_text": {},
                              "speed": {}, "misses": []}
    score_pages(pages, html_items, report)
    scored = score_text_corpus(directory, text_items)
    report["speed"]["ours_text"] = scored["speed"]
    report["misses"].extend(scored["misses"])
    report["article_text"] = scored["article_text"]
    return report


def _meetings(directory: Path, report: dict[str, Any]) -> None:
    """The meetings reports: the real sample (gated), each own set (printed apart, never gated
    here), every labelled set scored by the staged extractor beside the version 11 cascade it
    replaced (its recorded rows; a set without them says so), and the measured precision per
    confidence bucket over all of them."""
    module = eval_meetings
    report["meetings"] = module.run(directory)
    for own in module.OWN_SETS:
        report[own.eval_key] = module.run(own.directory, floors={})
        report[f"{own.eval_key}_text"] = module.format_report(report[own.eval_key], heading=own.heading)
    sets = [("real sample", directory, report["meetings"])] + [
        (own.key, own.directory, report[own.eval_key]) for own in module.OWN_SETS]
    report["meetings_compare_text"] = "\n\n".join(
        module.format_comparison(new, module.run(path, floors={}, extractor_name="v11"),
                                 f"MEETINGS, STAGED EXTRACTOR BESIDE VERSION 11: {name}")
        for name, path, new in sets if "skipped" not in new)
    report["meetings_calibration_text"] = module.format_calibration(
        module.merge_calibration([new for _n, _p, new in sets]))


def run(realworld_dir: str | Path | None = None) -> dict[str, Any]:
    """Evaluate; the report is a dict (printed by `main`, returned to `thidua eval`)."""
    directory = Path(realworld_dir or os.environ.get("THIDUA_REALWORLD") or DEFAULT_DIR)
    if not labels_path(directory).exists():
        return {"skipped": f"no real-world corpus at {directory} (gold.jsonl missing); "
                           "nothing evaluated",
                **{section: run_corpus(own_dir) for section, own_dir, *_ in BLIND_SETS},
                "article_text_blind": run_text_corpus(TEXT_BLIND_DIR)}
    report = _realworld(directory)
    # our own blind pages: printed as a separate table, pinned by tests/test_extract_blind.py
    for section, own_dir, *_ in BLIND_SETS:
        report[section] = run_corpus(own_dir)
    # our own blind text items: a separate table, gated ('article_text_blind' floors) and pinned by
    # tests/test_extract_text_blind.py; the blind meeting sets' text fields, printed only
    report["article_text_blind"] = run_text_corpus(TEXT_BLIND_DIR)
    report["text_fields_meetings_blind"] = [run_text_corpus(d) for d in MEETING_BLIND_DIRS
                                            if load_text_items(d)]
    try:
        _meetings(directory, report)
    except Exception as exc:  # noqa: BLE001 — the article report still stands on its own
        report["meetings"] = {"error": f"{type(exc).__name__}: {exc}"}
    return report

