"""Extraction quality on real pages nobody here wrote, side by side with trafilatura.

    python scripts/eval.py [REALWORLD_DIR] [--update-floors] [--json]
    python scripts/eval.py --corpus tests/fixtures/html_blind     # an own corpus only
    python scripts/eval.py --corpus tests/fixtures/text_blind     # own text items (labels.jsonl)

Reads ../shared/realworld (gold.jsonl + the pages), runs our extractor and trafilatura
(`bare_extraction` with metadata, `extract_metadata` where it returns nothing) on every HTML
page, and our `extract_text` on every text item; prints a per-field table and pages/s, then the
meetings report when scripts/eval_meetings.py exists (and, apart and never gated, the same
report on our own fixture corpus tests/fixtures/meetings/corpus, and the own blind set
tests/fixtures/meetings/blind). Fails (exit 1) when a field is below its
floor in scripts/eval_baseline.json. Floors only go up: `--update-floors` raises a floor to the
current score and never lowers one (trafilatura's eval gate is the model).

Field rules (what "right" means):
- title: equal after NFC and whitespace normalisation;
- published: same day (YYYY-MM-DD) — of articles whose gold has a date;
- author: equal (normalised) — of articles whose gold shows an author;
- body_start / body_end: the body begins with the labelled first sentence / ends with the
  labelled last sentence, and no gold caption is inside the body (so navigation, related links,
  captions and the byline are out);
- lead: equal (normalised) — of articles whose gold has a lead;
- is_article: equal — of every page (homepages must say False);
- body_clean (own corpora only): none of the gold's `body_excludes` (related links, counters,
  bylines inside the article container) is in the body.

Our own blind pages (tests/fixtures/html_blind, NAME.html + NAME.expected.json in the same gold
shape, written and labelled before the extractor saw them) are scored by the same rules and
printed as a separate table ("own blind pages"), gated by the floors of the "article_blind"
section (also asserted by tests/test_extract_blind.py). The second blind set
(tests/fixtures/html_blind2: other outlets and CMSs, written the same way) is printed as "own
blind pages 2" and gated by the "article_blind2" floors. `--corpus DIR` scores only such a corpus
(printed, never gated).

Text items (`extract_text`) are scored on title, published and author by the rules above, plus
two informational rates that are never floored: `author_spurious` (an author where the gold has
none) and `published_spurious` (a date where the gold has none, e.g. a 2017 crawl). The same
`score_text_corpus` scores the real-world text items, any `--corpus DIR` holding a realworld-style
gold.jsonl (labels.jsonl in our own sets) with `kind: "text"` items, our own blind text items (tests/fixtures/text_blind,
printed as "own blind text items", gated by the "article_text_blind" floors and pinned by
tests/test_extract_text_blind.py) and — printed, never gated — the title/published/author labels
of the blind meeting sets (tests/fixtures/meetings/blind, blind2 … blind6), which carry them too.
Every labelled meeting set is also printed scored by the staged extractor beside the version 11
cascade it replaced (scripts/meetings_v11.py), and the measured precision per confidence bucket.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DIR = ROOT.parent / "shared" / "realworld"
BASELINE = Path(__file__).with_name("eval_baseline.json")
MEETINGS = Path(__file__).with_name("eval_meetings.py")


def _load_meetings_eval() -> Any:
    """scripts/eval_meetings.py as a module (the scripts are not a package)."""
    spec = importlib.util.spec_from_file_location("eval_meetings", MEETINGS)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MEETINGS_EVAL = _load_meetings_eval()
labels_path = MEETINGS_EVAL.labels_path
HTML_FIELDS = ("is_article", "title", "published", "author", "body_start", "body_end", "lead")
BLIND_DIR = ROOT / "tests" / "fixtures" / "html_blind"
BLIND_FIELDS = HTML_FIELDS + ("body_clean",)
BLIND_HEADING = ("OWN BLIND PAGES (tests/fixtures/html_blind: 20 pages written and labelled before the "
                 "extractor saw them; floors in eval_baseline.json 'article_blind')")
BLIND2_DIR = ROOT / "tests" / "fixtures" / "html_blind2"
BLIND2_HEADING = ("OWN BLIND PAGES 2 (tests/fixtures/html_blind2: 20 more pages — other outlets, CMSs "
                  "and non-article kinds — written and labelled before the extractor saw them; floors "
                  "in eval_baseline.json 'article_blind2')")
# The own blind HTML sets: (report/floor section, heading, label in messages).
BLIND_SETS = (("article_blind", BLIND_DIR, BLIND_HEADING, "own blind pages"),
              ("article_blind2", BLIND2_DIR, BLIND2_HEADING, "own blind pages 2"))
TEXT_FIELDS = ("title", "published", "author")
TEXT_BLIND_DIR = ROOT / "tests" / "fixtures" / "text_blind"
TEXT_BLIND_HEADING = ("OWN BLIND TEXT ITEMS (tests/fixtures/text_blind: 30 texts in the 2013/2017/2025 "
                      "aggregator layouts, labelled before extract_text saw them; floors in "
                      "eval_baseline.json 'article_text_blind')")
# Blind meeting sets whose gold also labels title/published/author: their text fields are printed
# (never gated — the sets belong to the meetings extractor).
MEETING_BLIND_DIRS = (ROOT / "tests" / "fixtures" / "meetings" / "blind",
                      ROOT / "tests" / "fixtures" / "meetings" / "blind2",
                      ROOT / "tests" / "fixtures" / "meetings" / "blind3",
                      ROOT / "tests" / "fixtures" / "meetings" / "blind4",
                      ROOT / "tests" / "fixtures" / "meetings" / "blind5",
                      ROOT / "tests" / "fixtures" / "meetings" / "blind6")
SPEED_PASSES = 3


def norm(text: str | None) -> str:
    """NFC, one space between words, no surrounding space or quotes-only differences."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return " ".join(text.split()).strip()


def _decode(raw: bytes) -> str:
    """Decode a page as the crawler does (archive.ingest.decode_page) when it is available."""
    try:
        from archive.ingest import decode_page

        return decode_page(raw, None)[0]
    except ImportError:
        return raw.decode("utf-8", errors="replace")


def load_gold(directory: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    gold = [json.loads(line) for line in labels_path(directory).read_text("utf-8").splitlines()
            if line.strip()]
    urls: dict[str, str] = {}
    index = directory / "index.json"
    if index.exists():
        for item in json.loads(index.read_text("utf-8")).get("items", []):
            if item.get("file") and item.get("url"):
                urls[item["file"]] = item["url"]
    return gold, urls


def _ours(html: str, url: str) -> dict[str, Any]:
    from archive.extract import extract_article

    r = extract_article(html, url)
    return {"is_article": r["is_article"], "title": r["title"], "published": r["published_at"],
            "author": r["author"], "body": r["body"], "lead": r["lead"]}


def _trafilatura(html: str, url: str) -> dict[str, Any]:
    import trafilatura
    from trafilatura.metadata import extract_metadata

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    d = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    if not d.get("title"):
        meta = extract_metadata(html, default_url=url)
        if meta is not None:
            m = meta.as_dict() if hasattr(meta, "as_dict") else dict(meta)
            d = {**m, **{k: v for k, v in d.items() if v}}
    return {"is_article": (d.get("pagetype") or "").lower() == "article" and bool(d.get("text")),
            "title": d.get("title"), "published": d.get("date"), "author": d.get("author"),
            "body": d.get("text") or "", "lead": d.get("description")}


def score_html(result: dict[str, Any], gold: dict[str, Any]) -> dict[str, bool | None]:
    """Per-field verdicts for one page; None when the field does not apply."""
    out: dict[str, bool | None] = {f: None for f in HTML_FIELDS}
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


def score_text(result: dict[str, Any], gold: dict[str, Any]) -> dict[str, bool | None]:
    out: dict[str, bool | None] = {f: None for f in TEXT_FIELDS}
    if gold.get("title"):
        out["title"] = norm(result["title"]) == norm(gold["title"])
    if gold.get("published"):
        out["published"] = (result["published_at"] or "")[:10] == gold["published"][:10]
    if gold.get("author"):
        out["author"] = norm(result["author"]) == norm(gold["author"])
    return out


def _rate(verdicts: list[bool | None]) -> tuple[float | None, int]:
    counted = [v for v in verdicts if v is not None]
    if not counted:
        return None, 0
    return sum(counted) / len(counted), len(counted)


def load_text_items(directory: Path) -> list[dict[str, Any]]:
    """The `kind: "text"` gold items of a directory whose file exists (empty without labels)."""
    if not labels_path(directory).exists():
        return []
    gold, _ = load_gold(directory)
    return [g for g in gold if g.get("kind") == "text" and g.get("file") and (directory / g["file"]).exists()]


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
    verdicts = [score_text(r, g) for r, g in zip(results, items)]
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
    table: dict[str, Any] = {}
    for field in TEXT_FIELDS:
        rate, n = _rate([v[field] for v in verdicts])
        table[field] = {"ours": None if rate is None else round(rate, 4), "n": n}
    # Informational (never floored): a byline or a date claimed where the gold has none.
    for field, key, got_key in (("author_spurious", "author", "author"),
                                ("published_spurious", "published", "published_at")):
        without = [r for r, g in zip(results, items) if not g.get(key)]
        wrong = sum(1 for r in without if r.get(got_key))
        table[field] = {"ours": round(wrong / len(without), 4) if without else None, "n": len(without)}
    return {"article_text": table, "misses": misses,
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


SPURIOUS_FIELDS = ("author_spurious", "published_spurious")


def _timed(fn: Callable[[str, str], dict[str, Any]], pages: list[tuple[str, str]]) -> tuple[list[dict[str, Any]], float]:
    results = [fn(html, url) for html, url in pages]  # warm-up, and the results scored
    start = time.perf_counter()
    for _ in range(SPEED_PASSES):
        for html, url in pages:
            fn(html, url)
    elapsed = time.perf_counter() - start
    return results, (SPEED_PASSES * len(pages) / elapsed) if elapsed else 0.0


def score_pages(pages: list[tuple[str, str]], items: list[dict[str, Any]], report: dict[str, Any],
                fields: tuple[str, ...] = HTML_FIELDS) -> None:
    """Run ours and trafilatura over decoded (html, url) pages; fill report's article table.

    Shared by the real-world corpus and any own corpus (`--corpus`), so both are scored by
    the same `score_html` rules.
    """
    per_tool: dict[str, list[dict[str, bool | None]]] = {}
    for name, fn in (("ours", _ours), ("trafilatura", _trafilatura)):
        try:
            results, pps = _timed(fn, pages)
        except ImportError as exc:
            report["speed"][name] = None
            report.setdefault("notes", []).append(f"{name} unavailable: {exc}")
            continue
        report["speed"][name] = round(pps, 1)
        per_tool[name] = [score_html(r, g) for r, g in zip(results, items)]
        if name == "ours":
            for r, g, v in zip(results, items, per_tool[name]):
                for field, ok in v.items():
                    if ok is False:
                        report["misses"].append({"file": g["file"], "field": field,
                                                 "got": _shown(r, field, g), "want": _wanted(g, field)})
    for field in fields:
        row: dict[str, Any] = {}
        for name, verdicts in per_tool.items():
            rate, n = _rate([v.get(field) for v in verdicts])
            row[name] = None if rate is None else round(rate, 4)
            row["n"] = n
        report["article"][field] = row


def load_corpus(directory: Path) -> list[dict[str, Any]]:
    """Gold items of an own corpus: NAME.html beside NAME.expected.json (realworld gold shape)."""
    items = []
    for expected in sorted(directory.glob("*.expected.json")):
        page = expected.with_name(expected.name[: -len(".expected.json")] + ".html")
        if page.exists():
            gold = json.loads(expected.read_text("utf-8"))
            items.append({**gold, "kind": "html", "file": page.name})
    return items


def run_corpus(directory: str | Path = BLIND_DIR) -> dict[str, Any]:
    """Score an own corpus of HTML pages (default: the blind set) like the real-world pages.

    Adds `body_clean` where the gold lists `body_excludes` (related links, counters, bylines
    that sit inside the article container): none of them may be in the body.
    """
    directory = Path(directory)
    items = load_corpus(directory)
    if not items:
        return {"skipped": f"no NAME.html + NAME.expected.json pairs in {directory}"}
    pages = [(_decode((directory / g["file"]).read_bytes()),
              g.get("url") or f"https://example.invalid/{g['file']}") for g in items]
    report: dict[str, Any] = {"corpus": str(directory), "html_pages": len(pages), "article": {},
                              "speed": {}, "misses": []}
    score_pages(pages, items, report, BLIND_FIELDS)
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


def run(realworld_dir: str | Path | None = None) -> dict[str, Any]:
    """Evaluate; the report is a dict (printed by `main`, returned to `thidua eval`)."""
    directory = Path(realworld_dir or os.environ.get("THIDUA_REALWORLD") or DEFAULT_DIR)
    if not labels_path(directory).exists():
        return {"skipped": f"no real-world corpus at {directory} (gold.jsonl missing); "
                           "nothing evaluated",
                **{section: run_corpus(own_dir) for section, own_dir, *_ in BLIND_SETS},
                "article_text_blind": run_text_corpus(TEXT_BLIND_DIR)}
    gold, urls = load_gold(directory)
    html_items = [g for g in gold if g.get("kind") == "html" and (directory / g["file"]).exists()]
    text_items = [g for g in gold if g.get("kind") == "text" and (directory / g["file"]).exists()]
    pages = [(_decode((directory / g["file"]).read_bytes()),
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

    # our own blind pages: printed as a separate table, pinned by tests/test_extract_blind.py
    for section, own_dir, *_ in BLIND_SETS:
        report[section] = run_corpus(own_dir)
    # our own blind text items: a separate table, gated ('article_text_blind' floors) and pinned by
    # tests/test_extract_text_blind.py; the blind meeting sets' text fields, printed only
    report["article_text_blind"] = run_text_corpus(TEXT_BLIND_DIR)
    report["text_fields_meetings_blind"] = [run_text_corpus(d) for d in MEETING_BLIND_DIRS
                                            if load_text_items(d)]

    try:
        module = MEETINGS_EVAL
        report["meetings"] = module.run(directory)
        # our own fixture corpus (rules were tuned on it) and the blind sets (labelled before
        # the extractor saw them, pinned by tests/test_meetings_blind.py): printed apart,
        # never gated here
        for own in module.OWN_SETS:
            report[own.eval_key] = module.run(own.directory, floors={})
            report[f"{own.eval_key}_text"] = module.format_report(report[own.eval_key],
                                                                  heading=own.heading)
        # every labelled set scored by the staged extractor beside the version 11 cascade it
        # replaced (blind set 5 was labelled before the staged extractor ran on it), and the
        # measured precision per confidence bucket over all of them
        sets = [("real sample", directory, report["meetings"])] + [
            (own.key, own.directory, report[own.eval_key]) for own in module.OWN_SETS]
        report["meetings_compare_text"] = "\n\n".join(
            module.format_comparison(new, module.run(path, floors={}, extractor_name="v11"),
                                     f"MEETINGS, STAGED EXTRACTOR BESIDE VERSION 11: {name}")
            for name, path, new in sets if "skipped" not in new)
        report["meetings_calibration_text"] = module.format_calibration(
            module.merge_calibration([new for _n, _p, new in sets]))
    except Exception as exc:  # noqa: BLE001 — the article report still stands on its own
        report["meetings"] = {"error": f"{type(exc).__name__}: {exc}"}
    return report


def _shown(result: dict[str, Any], field: str, gold: dict[str, Any] | None = None) -> Any:
    if field in ("body_start", "body_end"):
        body = norm(result.get("body"))
        return body[:120] if field == "body_start" else body[-120:]
    if field == "body_clean":
        body = norm(result.get("body"))
        return [x for x in (gold or {}).get("body_excludes") or [] if norm(x) in body] or "(empty body)"
    return result.get(field)


def _wanted(gold: dict[str, Any], field: str) -> Any:
    return {"body_start": gold.get("body_first_sentence"), "body_end": gold.get("body_last_sentence"),
            "body_clean": "none of body_excludes"}.get(field, gold.get(field))


# --- floors --------------------------------------------------------------------------------

def load_floors(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def check_floors(report: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """Fields below their floor (ours), as messages."""
    failures = []
    # (floor section, its table of {field: {"ours": …}}, what to call it in the message)
    tables = [(section, report.get(section) or {}, "") for section in ("article", "article_text")]
    tables += [(section, (report.get(section) or {}).get("article") or {}, f" ({label})")
               for section, _dir, _heading, label in BLIND_SETS]
    tables.append(("article_text_blind", (report.get("article_text_blind") or {}).get("article_text") or {},
                   " (own blind text items)"))
    for section, table, label in tables:
        for field, floor in (floors.get(section) or {}).items():
            got = (table.get(field) or {}).get("ours")
            if got is not None and got + 1e-9 < floor:
                failures.append(f"{section}.{field}: {got:.1%} < floor {floor:.1%}{label}")
    meetings = report.get("meetings")
    if isinstance(meetings, dict):
        if meetings.get("error"):
            failures.append(f"meetings: {meetings['error']}")
        for msg in meetings.get("below_floor") or meetings.get("failures") or []:
            failures.append(f"meetings: {msg}")
        if meetings.get("ok") is False and not (meetings.get("below_floor") or meetings.get("failures")):
            failures.append("meetings: below floor")
    return failures


def raise_floors(report: dict[str, Any], floors: dict[str, Any]) -> dict[str, Any]:
    """New floors: max(old, current) per field — never lower."""
    new = json.loads(json.dumps(floors))
    for section in ("article", "article_text"):
        sec = new.setdefault(section, {})
        for field, row in (report.get(section) or {}).items():
            got = row.get("ours")
            if got is None or field in SPURIOUS_FIELDS:
                continue
            sec[field] = max(sec.get(field, 0.0), got)
    return new


def _pct(x: Any) -> str:
    return "    –" if x is None else f"{x:6.1%}"


def format_article_table(report: dict[str, Any], floors: dict[str, Any], heading: str = "HTML pages",
                         floor_label: str = "floor") -> list[str]:
    """The per-field table (ours, trafilatura, floor or threshold) of one HTML corpus."""
    lines = [f"{heading:<27}n     ours   trafilatura   {floor_label}"]
    for field, row in report["article"].items():
        floor = floors.get(field)
        lines.append(f"  {field:<22}{row.get('n', 0):>4}  {_pct(row.get('ours'))}   {_pct(row.get('trafilatura')):>10}"
                     f"   {_pct(floor) if floor is not None else '    –'}")
    sp = report["speed"]
    lines.append(f"  {'pages/s':<22}      {sp.get('ours') or 0:>6.1f}   {sp.get('trafilatura') or 0:>10.1f}")
    return lines


def format_text_table(table: dict[str, Any], floors: dict[str, Any],
                      heading: str = "Text items (extract_text)") -> list[str]:
    """The per-field table of text items (ours, floor); the *_spurious rows are informational."""
    lines = [f"{heading:<27}n     ours                floor"]
    for field, row in table.items():
        floor = floors.get(field)
        lines.append(f"  {field:<22}{row.get('n', 0):>4}  {_pct(row.get('ours'))}              "
                     f"{_pct(floor) if floor is not None else '    –'}")
    return lines


def format_text_corpus(report: dict[str, Any], heading: str, floors: dict[str, Any] | None = None,
                       show_misses: bool = True) -> str:
    """A text corpus (`run_text_corpus`) as its own labelled table, with our misses."""
    if "skipped" in report:
        return f"{heading}\n  skipped: {report['skipped']}"
    lines = [heading, f"  {report['corpus']} — {report['text_items']} text items", ""]
    lines += format_text_table(report["article_text"], floors or {})
    if show_misses and report["misses"]:
        lines += ["", "Misses (ours, text items):"]
        for m in report["misses"]:
            lines.append(f"  {m['file']} {m['field']}: got {str(m['got'])[:90]!r} want {str(m['want'])[:90]!r}")
    return "\n".join(lines)


def format_corpus_report(report: dict[str, Any], heading: str = BLIND_HEADING,
                         floors: dict[str, Any] | None = None, label: str = "Own blind pages") -> str:
    """An own corpus (`run_corpus` / `run_any_corpus`) as its own labelled tables, with our misses."""
    if "skipped" in report:
        return f"{heading}\n  skipped: {report['skipped']}"
    sizes = [f"{report[k]} {what}" for k, what in (("html_pages", "HTML pages"), ("text_items", "text items"))
             if report.get(k)]
    lines = [heading, f"  {report['corpus']} — {', '.join(sizes)}"]
    if report.get("html_pages"):
        lines += [""] + format_article_table(report, floors or {}, label, "floor")
    if report.get("text_items"):
        lines += [""] + format_text_table(report["article_text"], {})
    if report["misses"]:
        lines += ["", f"Misses (ours, {label.lower() if report.get('html_pages') else 'text items'}):"]
        for m in report["misses"]:
            lines.append(f"  {m['file']} {m['field']}: got {str(m['got'])[:90]!r} want {str(m['want'])[:90]!r}")
    return "\n".join(lines)


def format_report(report: dict[str, Any], floors: dict[str, Any]) -> str:
    if "skipped" in report:
        skipped = f"eval skipped: {report['skipped']}"
        for section, _dir, heading, label in BLIND_SETS:
            if report.get(section):
                skipped += "\n\n" + format_corpus_report(report[section], heading,
                                                         floors=floors.get(section), label=label.capitalize())
        if report.get("article_text_blind"):
            skipped += "\n\n" + format_text_corpus(report["article_text_blind"], TEXT_BLIND_HEADING,
                                                   floors.get("article_text_blind"))
        return skipped
    lines = [(f"Real-world corpus: {report['corpus']} — {report['html_pages']} HTML pages, "
              f"{report['text_items']} text items"), ""]
    lines += format_article_table(report, floors.get("article") or {})
    lines += [""] + format_text_table(report["article_text"], floors.get("article_text") or {})
    if report["misses"]:
        lines += ["", "Misses (ours):"]
        for m in report["misses"]:
            lines.append(f"  {m['file']} {m['field']}: got {str(m['got'])[:90]!r} want {str(m['want'])[:90]!r}")
    for section, _dir, heading, label in BLIND_SETS:
        if report.get(section):
            lines += ["", format_corpus_report(report[section], heading, floors=floors.get(section),
                                               label=label.capitalize())]
    if report.get("article_text_blind"):
        lines += ["", format_text_corpus(report["article_text_blind"], TEXT_BLIND_HEADING,
                                         floors.get("article_text_blind"))]
    for sub in report.get("text_fields_meetings_blind") or []:
        lines += ["", format_text_corpus(sub, f"TEXT FIELDS OF A BLIND MEETING SET ({sub.get('corpus')}; "
                                              "printed, not gated)")]
    if "meetings" in report:
        lines += ["", "Meetings:", json.dumps(report["meetings"], ensure_ascii=False, indent=2)
                  if not isinstance(report["meetings"], str) else report["meetings"]]
    for key, text in report.items():  # the own meeting corpora, in eval_meetings.OWN_SETS's order
        if key.startswith("meetings_") and key.endswith("_text") and text:
            lines += ["", text]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("realworld_dir", nargs="?", default=None)
    parser.add_argument("--update-floors", action="store_true",
                        help="raise floors in eval_baseline.json to the current scores (never lowers)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--corpus", metavar="DIR", default=None,
                        help="score only an own corpus: NAME.html + NAME.expected.json pages (ours vs "
                             "trafilatura) and/or gold.jsonl/labels.jsonl text items (e.g. tests/fixtures/html_blind, "
                             "tests/fixtures/text_blind); not gated")
    args = parser.parse_args(argv)
    if args.corpus:
        corpus = run_any_corpus(args.corpus)
        print(json.dumps(corpus, ensure_ascii=False, indent=2) if args.json
              else format_corpus_report(corpus, f"OWN CORPUS {args.corpus} (not gated)", label="HTML pages"))
        return 0
    report = run(args.realworld_dir)
    floors = load_floors()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report, floors))
    if "skipped" in report:
        gated = [section for section, *_ in BLIND_SETS] + ["article_text_blind"]
        blind_failures = check_floors({k: report.get(k) for k in gated}, {k: floors.get(k) for k in gated})
        if blind_failures:
            print("\nBELOW FLOOR:\n  " + "\n  ".join(blind_failures), file=sys.stderr)
            return 1
        return 0
    if args.update_floors:
        new = raise_floors(report, floors)
        # Keep the other sections (e.g. "meetings") exactly as they are on disk.
        current = load_floors()
        current.update({k: new[k] for k in ("article", "article_text")})
        BASELINE.write_text(json.dumps(current, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"\nfloors raised where the scores are higher: {BASELINE}")
        floors = current
    failures = check_floors(report, floors)
    if failures:
        print("\nBELOW FLOOR:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("\nall fields at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
