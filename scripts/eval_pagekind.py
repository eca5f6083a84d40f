"""Score the page classifier (archive/pagekind.py) on every labelled page the project can see.

    python scripts/eval_pagekind.py [-v] [--siteset DIR ...]

Own labelled pages: tests/fixtures/{html,html_blind,html_blind2,platforms} (`is_article` in each
`.expected.json`: article or not) and the own blind site sets under tests/fixtures/sitesets
(article / listing / other from their gold.json). With ../shared present, also the realworld
pages and ../shared/sitesets/* (measured, never copied). Prints a confusion table per corpus;
exits 1 when any article is called a non-article or a listing an article.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.encoding import decode_html
from archive.pagekind import classify_page

SHARED = ROOT.parent / "shared"
PAGE_SETS = ["html", "html_blind", "html_blind2", "platforms"]


def fixture_pages() -> Iterator[tuple[str, str, str, str]]:
    """(corpus, name, url, html) with label article|not."""
    for name in PAGE_SETS:
        for exp in sorted((ROOT / "tests" / "fixtures" / name).glob("*.expected.json")):
            page = exp.with_name(exp.name.replace(".expected.json", ".html"))
            if not page.exists():
                continue
            label = json.loads(exp.read_text(encoding="utf-8"))
            html, _ = decode_html(page.read_bytes(), None)
            kind = "article" if label.get("is_article", True) else "not"
            yield name, page.name, label.get("url") or f"https://example.vn/{page.stem}.html", html, kind


def siteset_pages(siteset: Path) -> Iterator[tuple[str, str, str, str, str]]:
    """Pages of a served site set, labelled from its gold.json without serving it."""
    gold = json.loads((siteset / "gold.json").read_text(encoding="utf-8"))
    routes = json.loads((siteset / "www" / "routes.json").read_text(encoding="utf-8"))
    for site, info in gold["sites"].items():
        labels = {p: "article" for p in info["article_paths"]}
        labels.update({p: "listing" for p in info.get("listing_paths", [])})
        for p in info.get("non_article_paths", []):
            labels.setdefault(p, "not")
        for p in list(labels):
            if labels[p] == "not" and p in disallowed(siteset, site):
                del labels[p]  # a print copy the crawler may not fetch: an article's text
        folded = {p.lower(): k for p, k in labels.items()}
        for route in routes[site]["routes"]:
            if "file" not in route or "html" not in (route.get("type") or "text/html"):
                continue
            query = "&".join(f"{k}={v}" for k, v in (route.get("query") or {}).items())
            path = route["path"] + ("?" + query if query else "")
            kind = folded.get(path.lower())  # a variant with its own query is not labelled
            if kind is None:
                continue
            body = (siteset / "www" / site / route["file"]).read_bytes()
            html, _ = decode_html(body.replace(b"__ORIGIN__", b"http://127.0.0.1:9"), None)
            if not html.strip():
                continue  # an empty answer (a "Xem thêm" fragment past the end): no page to classify
            yield f"{siteset.name}/{site}", path, "http://127.0.0.1:9" + path, html, kind


def disallowed(siteset: Path, site: str) -> list[str]:
    """Paths robots.txt forbids (print copies): never fetched, so never classified."""
    from urllib.robotparser import RobotFileParser

    routes = json.loads((siteset / "www" / "routes.json").read_text(encoding="utf-8"))[site]["routes"]
    robots = next((r for r in routes if r["path"] == "/robots.txt" and "file" in r), None)
    if robots is None:
        return []
    parser = RobotFileParser()
    parser.parse((siteset / "www" / site / robots["file"]).read_text(encoding="utf-8").splitlines())
    return [r["path"] for r in routes if not parser.can_fetch("*", r["path"])]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--siteset", action="append", default=[], type=Path)
    args = ap.parse_args()
    pages = list(fixture_pages())
    sets = list(args.siteset) + sorted((ROOT / "tests" / "fixtures" / "sitesets").glob("*/gold.json"))
    if SHARED.exists():
        sets += sorted((SHARED / "sitesets").glob("*/gold.json"))
    for s in sets:
        pages += list(siteset_pages(s.parent if s.name == "gold.json" else s))
    table: dict[str, Counter[tuple[str, str]]] = {}
    bad = 0
    for corpus, name, url, html, want in pages:
        got, f = classify_page(html, url)
        table.setdefault(corpus, Counter())[(want, got)] += 1
        wrong = (want == "article") != (got == "article") or (want == "listing" and got == "article")
        bad += wrong
        if wrong or args.verbose:
            print(f"{'MISS' if wrong else 'ok  '} {corpus:22} {name[:60]:60} want {want:8} got {got:8} "
                  f"{f.reasons} prose={f.main_prose}/{f.main_paragraphs} teasers={f.teasers}/"
                  f"{f.main_teasers} dates={f.dates} meta={int(f.article_meta)}{int(f.website_meta)}")
    print()
    for corpus, counts in table.items():
        n = sum(counts.values())
        right = sum(v for (w, g), v in counts.items()
                    if (w == "article") == (g == "article") and not (w == "listing" and g == "article"))
        print(f"{corpus:24} {right}/{n}  " + "  ".join(f"{w}->{g}:{v}" for (w, g), v in sorted(counts.items())))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
