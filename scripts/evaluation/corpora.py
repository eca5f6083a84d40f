"""Where the labelled sets live and how their gold and pages are read.

The paths and headings are here, apart from the code that scores or prints, so that adding a set
is one edit in one place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import eval_meetings

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT.parent / "shared" / "realworld"
BASELINE = ROOT / "scripts" / "eval_baseline.json"
labels_path = eval_meetings.labels_path

BLIND_DIR = ROOT / "tests" / "fixtures" / "html_blind"
BLIND_HEADING = ("OWN BLIND PAGES (tests/fixtures/html_blind: 20 pages written and labelled before the "
                 "extractor saw them; floors in eval_baseline.json 'article_blind')")
BLIND2_DIR = ROOT / "tests" / "fixtures" / "html_blind2"
BLIND2_HEADING = ("OWN BLIND PAGES 2 (tests/fixtures/html_blind2: 20 more pages — other outlets, CMSs "
                  "and non-article kinds — written and labelled before the extractor saw them; floors "
                  "in eval_baseline.json 'article_blind2')")
# The own blind HTML sets: (report/floor section, heading, label in messages).
BLIND_SETS = (("article_blind", BLIND_DIR, BLIND_HEADING, "own blind pages"),
              ("article_blind2", BLIND2_DIR, BLIND2_HEADING, "own blind pages 2"))
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


def decode_page(raw: bytes) -> str:
    """Decode a page as the crawler does (archive.ingest.decode_page) when it is available."""
    try:
        from archive.ingest import decode_page as crawler_decode

        return crawler_decode(raw, None)[0]
    except ImportError:
        return raw.decode("utf-8", errors="replace")


def load_gold(directory: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """A realworld-style corpus's gold items and, from its index.json, each file's address."""
    gold = [json.loads(line) for line in labels_path(directory).read_text("utf-8").splitlines()
            if line.strip()]
    urls: dict[str, str] = {}
    index = directory / "index.json"
    if index.exists():
        for item in json.loads(index.read_text("utf-8")).get("items", []):
            if item.get("file") and item.get("url"):
                urls[item["file"]] = item["url"]
    return gold, urls


def load_text_items(directory: Path) -> list[dict[str, Any]]:
    """The `kind: "text"` gold items of a directory whose file exists (empty without labels)."""
    if not labels_path(directory).exists():
        return []
    gold, _ = load_gold(directory)
    return [g for g in gold if g.get("kind") == "text" and g.get("file") and (directory / g["file"]).exists()]


def load_corpus(directory: Path) -> list[dict[str, Any]]:
    """Gold items of an own corpus: NAME.html beside NAME.expected.json (realworld gold shape)."""
    items = []
    for expected in sorted(directory.glob("*.expected.json")):
        page = expected.with_name(expected.name[: -len(".expected.json")] + ".html")
        if page.exists():
            gold = json.loads(expected.read_text("utf-8"))
            items.append({**gold, "kind": "html", "file": page.name})
    return items
