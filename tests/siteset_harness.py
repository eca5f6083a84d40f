"""What every blind site set's discovery test does (blind3 to blind7 share it): serve the set,
add each site by the README's steps from an article page and from the home page, crawl, and
score the stored rows against the set's gold (test_discovery_blind's steps and field checks, so
every set is judged the same way). A set's own test file keeps only what is its own: the first
run's record, KNOWN_MISSES and any bound of its own (blind7's HTTP 404s)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import test_discovery_blind as blind


class SiteSet:
    """One blind site set under tests/fixtures/sitesets/<name>."""

    def __init__(self, name: str, known_misses: dict[tuple[str, str], str]):
        self.name = name
        self.root = blind.ROOT / "tests" / "fixtures" / "sitesets" / name
        self.gold = json.loads((self.root / "gold.json").read_text(encoding="utf-8"))
        self.out = blind.ROOT / "test-output" / f"discovery_{name}.json"
        self.known_misses = known_misses

    def params(self) -> list:
        """(site, route) for every site and both routes; a known miss is a strict xfail."""
        out = []
        for route in ("article", "home"):
            for name in self.gold["sites"]:
                reason = self.known_misses.get((name, route))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                out.append(pytest.param(name, route, id=f"{name}-{route}", marks=marks))
        return out

    def serve(self, extra: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
        """serve.py on free ports, one origin per site (a module fixture's body); `extra`: more of
        its arguments (`--jitter MS --seed N`: replay an order of answers)."""
        proc = subprocess.Popen([sys.executable, str(self.root / "serve.py"), "--port", "0", *extra], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, start_new_session=True)
        try:
            found = {}
            for _ in self.gold["sites"]:
                name, url = proc.stdout.readline().split()
                found[name] = url.rstrip("/")
            yield found
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)

    def score(self, db: Path, name: str, origin: str) -> dict:
        """Stored rows against the gold: each row is a gold article (by any of its URLs), a
        duplicate of one already matched, or a non-article."""
        site = self.gold["sites"][name]
        ci = site["article_url_pattern"].startswith("(?i)")
        gold = {p: g for p, g in self.gold["articles"].items() if g["site"] == name}
        keys = {blind.url_key(v, ci): p for p, g in gold.items() for v in [p] + g["url_variants"]}
        chosen, non_articles, duplicates = {}, [], []
        for row in blind.stored_rows(db, origin):
            u = urllib.parse.urlsplit(row["url"])
            path = keys.get(blind.url_key(u.path + ("?" + u.query if u.query else ""), ci))
            if path is None:
                non_articles.append(row["url"])
            elif path in chosen:
                duplicates.append(row["url"])
            else:
                chosen[path] = row
        fields = dict.fromkeys(blind.FIELDS, 0)
        for path, row in chosen.items():
            for f, hit in blind.field_hits(row, gold[path]).items():
                fields[f] += hit
        return {"expected": len(site["article_paths"]), "archived": len(chosen), "non_articles": non_articles,
                "duplicates": duplicates, "fields": fields,
                "missing": sorted(gold[p]["id"] for p in site["article_paths"] if p not in chosen)}

    def record(self, key: str, result: dict) -> None:
        self.out.parent.mkdir(exist_ok=True)
        data = json.loads(self.out.read_text(encoding="utf-8")) if self.out.exists() else {}
        data[key] = result
        self.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    def crawl(self, name: str, route: str, origins: dict[str, str], tmp_path: Path,
              settings: tuple[str, ...] = ()) -> dict:
        """Add the site by the README's steps from `route`, crawl it and score it (the score, with
        what the steps said: scripts/jitter_sweep.py reads it without failing). `settings`: Scrapy
        settings `NAME=VALUE` for the crawl (`thidua crawl -s`: the sweep's wider concurrency)."""
        site, origin = self.gold["sites"][name], origins[name]
        home = origin + site["start_url"]
        first = home if route == "home" else origin + site["article_paths"][0]
        entry, said = blind.proposed_entry(first, tmp_path / "page.html")
        assert entry, f"{name}: `thidua sources add {first}` printed no [[source]] entry:\n{said[-1500:]}"
        registry = tmp_path / "sources"
        entry, sid = blind.registry_entry(entry, home, blind.registry_copy(registry), name)
        sources = registry / f"{self.name}.toml"
        sources.write_text(entry, encoding="utf-8")
        check = blind.thidua("sources", "--dir", str(registry), "check")
        db = tmp_path / "archive.db"
        more = [arg for item in settings for arg in ("-s", item)]
        crawl = blind.thidua("crawl", "--sources", str(sources), "--source", sid, "--db", str(db), "--local", "--quiet",
                             *more, timeout=blind.CRAWL_TIMEOUT)
        result = self.score(db, name, origin)
        result.update(route=route, source_id=sid, sources_check_rc=check.returncode, crawl_rc=crawl.returncode,
                      entry=entry, crawl_output=(crawl.stdout + crawl.stderr)[-800:], status_404=status_404(db),
                      check_output=(check.stdout + check.stderr).strip()[-300:])
        return result

    def run(self, name: str, route: str, origins: dict[str, str], tmp_path: Path,
            max_404: dict[str, int] | None = None) -> None:
        """crawl(), recorded; fail on any shortfall."""
        result = self.crawl(name, route, origins, tmp_path)
        sid, check_rc, crawl_rc = result["source_id"], result["sources_check_rc"], result["crawl_rc"]
        self.record(f"{name}-{route}", result)
        fields = " ".join(f"{f} {n}/{result['archived']}" for f, n in result["fields"].items())
        print(f"[{self.name}] {name} ({route}): archived {result['archived']}/{result['expected']}, non-articles "
              f"{len(result['non_articles'])}, duplicates {len(result['duplicates'])}; {fields}; "
              f"sources check rc {check_rc}, crawl rc {crawl_rc}, HTTP 404 {result['status_404']}")
        bad = blind.shortfalls(result)
        bound = (max_404 or {}).get(name)
        if bound is not None and result["status_404"] > bound:
            bad.append(f"{result['status_404']} HTTP 404s (at most {bound}): links resolved against the wrong base")
        assert not bad, f"{name} ({route}), source {sid}: " + "; ".join(bad) + \
            f"\n(sources check rc {check_rc}: {result['check_output']})"


def status_404(db: Path) -> int:
    """The crawl's count of HTTP 404 answers (its `status/404` counter)."""
    if not db.exists():
        return 0
    con = sqlite3.connect(db)
    try:
        rows = con.execute("select stats from crawls").fetchall()
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()
    return sum(json.loads(r[0] or "{}").get("status/404", 0) for r in rows)
