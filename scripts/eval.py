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
cascade it replaced (its rows recorded by scripts/record_v11.py, scripts/evaluation/v11.py), and the
measured precision per confidence bucket.

This file is the command line; the work is in scripts/evaluation/ (corpora, scoring — the pure
field rules —, tools, runners, floors, report). The names below are re-exported because the tests
load this script (tests/conftest.py load_script) and score with the very code `make eval` runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
for path in (ROOT, SCRIPTS):  # archive/, and the evaluation package beside this file
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

# Imported after the path set-up above (scripts/ is not a package).
from evaluation.corpora import (
    BASELINE,
    BLIND_DIR,
    BLIND_HEADING,
    BLIND_SETS,
    DEFAULT_DIR,
    TEXT_BLIND_DIR,
    TEXT_BLIND_HEADING,
    load_corpus,
    load_gold,
    load_text_items,
)
from evaluation.corpora import decode_page as _decode
from evaluation.floors import check_floors, load_floors, raise_floors
from evaluation.report import (
    format_article_table,
    format_corpus_report,
    format_report,
    format_text_corpus,
    format_text_table,
)
from evaluation.runners import (
    run,
    run_any_corpus,
    run_corpus,
    run_text_corpus,
    score_pages,
    score_text_corpus,
)
from evaluation.scoring import (
    BLIND_FIELDS,
    HTML_FIELDS,
    SPURIOUS_FIELDS,
    TEXT_FIELDS,
    norm,
    score_html,
    score_text,
)
from evaluation.scoring import shown as _shown
from evaluation.tools import ours as _ours

__all__ = ["BASELINE", "BLIND_DIR", "BLIND_FIELDS", "BLIND_HEADING", "BLIND_SETS", "DEFAULT_DIR",
           "HTML_FIELDS", "SPURIOUS_FIELDS", "TEXT_BLIND_DIR", "TEXT_BLIND_HEADING", "TEXT_FIELDS",
           "_decode", "_ours", "_shown", "check_floors", "format_article_table", "format_corpus_report",
           "format_report", "format_text_corpus", "format_text_table", "load_corpus", "load_floors",
           "load_gold", "load_text_items", "main", "norm", "raise_floors", "run", "run_any_corpus",
           "run_corpus", "run_text_corpus", "score_html", "score_pages", "score_text",
           "score_text_corpus"]


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
