"""Arrival-order sweep: every blind site set, every site, both routes, crawled under seeded jitter.

    python scripts/jitter_sweep.py [--seeds 8] [--jitter 300] [--concurrency 8] [--sets blind blind6]
                                   [--sites plone] [--routes article home] [--out test-output/jitter_sweep.json]
    python scripts/jitter_sweep.py --report A.json B.json     # the summary of sweeps run apart

Why: discovery must never lose an article to the order responses arrive, and a loaded machine
gives orders a quiet one never does (blind6's Plone lost P02 that way). The blind sets' shared
server (`serve.py --jitter MS --seed N`) holds each response back a seeded 0..MS ms, so a seed is
an arrival order that can be replayed. This runs each set's server once per seed and, for each
site and route, the README's add-a-source steps and a crawl exactly as the discovery tests do
(tests/siteset_harness.py: `SiteSet.crawl` and its scoring), and prints one line per
(site, route, seed): archived/total, non-articles, duplicates. Sites run one after another (the
machine is shared). Exit 1 when any run lost an article or stored a non-article or a duplicate;
tests/test_discovery_order.py replays a seed that once did.

How wide the reordering is: the crawl's `--local` settings allow 8 requests per site, but
AutoThrottle (target concurrency 1) spaces them by the measured latency, so with 300 ms of jitter
one or two are in flight and responses reorder only within that window. `--concurrency N` crawls
with CONCURRENT_REQUESTS_PER_DOMAIN=N and AutoThrottle off: N requests go out at once and come
back in the order the seed's delays pick (with `--jitter 1000`, up to a second apart).

portals5 (../shared/sitesets) is not swept: its own server has no --jitter.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_discovery_blind as blind  # the steps' bounds (CRAWL_TIMEOUT)
from siteset_harness import SiteSet  # the tests' harness: one way to add, crawl and score

SITESETS = ROOT / "tests" / "fixtures" / "sitesets"
# every blind set the shared server serves (blind, blind2, …): a new set is swept the day it lands
SETS = tuple(sorted((d.name for d in SITESETS.glob("blind*") if (d / "gold.json").exists()),
                    key=lambda n: int(n[5:] or 1)))
ROUTES = ("article", "home")


def crawl_settings(concurrency: int | None) -> tuple[str, ...]:
    """The crawl's `-s` settings for `--concurrency N`: N requests per site in flight at once
    (AutoThrottle off, or it would space them by the latency and keep about one in flight)."""
    if not concurrency:
        return ()
    return (f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}", "AUTOTHROTTLE_ENABLED=False")


def one_run(siteset: SiteSet, name: str, route: str, origins: dict[str, str],
            settings: tuple[str, ...] = ()) -> dict:
    """One site from one route: the harness's crawl and score, cut to what the sweep reports."""
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="jitter-") as tmp:
        try:
            r = siteset.crawl(name, route, origins, Path(tmp), settings)
        except (AssertionError, subprocess.TimeoutExpired) as exc:  # no entry proposed, or a crawl past its timeout
            return {"site": name, "route": route, "error": str(exc).splitlines()[0][:200],
                    "expected": len(siteset.gold["sites"][name]["article_paths"]), "archived": 0,
                    "non_articles": [], "duplicates": [], "missing": [], "seconds": round(time.monotonic() - start, 1)}
    return {"site": name, "route": route, "expected": r["expected"], "archived": r["archived"],
            "non_articles": r["non_articles"], "duplicates": r["duplicates"], "missing": r["missing"],
            "crawl_rc": r["crawl_rc"], "seconds": round(time.monotonic() - start, 1)}


def bad(run: dict) -> bool:
    """A loss, a non-article, a duplicate or a run that did not finish."""
    return bool(run.get("error") or run["archived"] < run["expected"] or run["non_articles"] or run["duplicates"])


def line(set_name: str, seed: int, run: dict) -> str:
    flag = "  <-- " + (run.get("error") or "missing " + " ".join(run["missing"])) if bad(run) else ""
    extra = "".join(f"\n      {k}: {u}" for k in ("non_articles", "duplicates") for u in run[k])
    return (f"{set_name:7} {run['site']:12} {run['route']:7} seed {seed:3}: {run['archived']}/{run['expected']}, "
            f"non-articles {len(run['non_articles'])}, duplicates {len(run['duplicates'])} "
            f"({run['seconds']} s){flag}{extra}")


def save(out: Path, jitter: int, seeds: list[int], runs: list[dict], concurrency: int | None = None) -> None:
    """Every run so far (after each one: a sweep cut short keeps what it measured)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"jitter": jitter, "concurrency": concurrency, "seeds": seeds, "runs": runs},
                              ensure_ascii=False, indent=1), encoding="utf-8")


def sweep_set(set_name: str, seeds: list[int], jitter: int, sites: set[str], routes: list[str],
              done: list[dict], out: Path, concurrency: int | None = None) -> None:
    """Every chosen site and route of one set, under each seed (one server per seed), added to `done`."""
    siteset = SiteSet(set_name, {})
    names = [n for n in siteset.gold["sites"] if not sites or n in sites]
    for seed in seeds:
        if not names:
            break
        serving = siteset.serve(("--jitter", str(jitter), "--seed", str(seed)))
        origins = next(serving)
        try:
            for name in names:
                for route in routes:
                    run = dict(one_run(siteset, name, route, origins, crawl_settings(concurrency)),
                               set=set_name, seed=seed)
                    print(line(set_name, seed, run), flush=True)
                    done.append(run)
                    save(out, jitter, seeds, done, concurrency)
        finally:
            serving.close()


def summary(runs: list[dict], jitter: int, seeds: list[int], concurrency: int | None = None) -> str:
    """Totals, then each bad run by (set, site, route) with its seeds."""
    pairs = {(r["set"], r["site"], r["route"]) for r in runs}
    unfinished = [r for r in runs if r.get("error")]
    lost = [r for r in runs if r["archived"] < r["expected"] and not r.get("error")]
    width = f", {concurrency} requests per site at once" if concurrency else ""
    out = [(f"{len(pairs)} site x route pairs x {len(seeds)} seeds (jitter {jitter} ms{width}) = {len(runs)} crawls; "
           f"articles {sum(r['archived'] for r in runs)}/{sum(r['expected'] for r in runs)}; "
           f"crawls with a loss {len(lost)}, with non-articles {sum(bool(r['non_articles']) for r in runs)}, "
           f"with duplicates {sum(bool(r['duplicates']) for r in runs)}, unfinished {len(unfinished)}")]
    worst: dict[tuple, list[int]] = {}
    for r in runs:
        if bad(r):
            worst.setdefault((r["set"], r["site"], r["route"]), []).append(r["seed"])
    out += [f"  {s} {n} ({route}): seeds {', '.join(map(str, v))}" for (s, n, route), v in sorted(worst.items())]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=8, help="seeds 1..N (default 8)")
    ap.add_argument("--seed-list", type=int, nargs="+", help="these seeds instead of 1..N")
    ap.add_argument("--jitter", type=int, default=300, metavar="MS", help="each response held back 0..MS ms (default 300)")
    ap.add_argument("--concurrency", type=int, metavar="N",
                    help="N requests per site at once, AutoThrottle off (default: the tests' crawl settings, "
                         "AutoThrottle keeps about one in flight)")
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS, help="site sets (default: all)")
    ap.add_argument("--sites", nargs="+", default=[], help="only these sites (by name, e.g. plone)")
    ap.add_argument("--routes", nargs="+", default=list(ROUTES), choices=ROUTES, help="routes (default: both)")
    ap.add_argument("--timeout", type=int, default=180, metavar="S",
                    help="a crawl's time limit (default 180 s: the tests' 60 s, with 300 ms of jitter a "
                         "request on a loaded machine, cuts the slowest sites, DNN's pagers)")
    ap.add_argument("--report", type=Path, nargs="+", metavar="JSON",
                    help="crawl nothing: the summary of earlier sweeps' --out files, together")
    ap.add_argument("--out", type=Path, default=ROOT / "test-output" / "jitter_sweep.json", help="JSON of every run")
    a = ap.parse_args(argv)
    if a.report:
        saved = [json.loads(f.read_text(encoding="utf-8")) for f in a.report]
        runs = [r for s in saved for r in s["runs"]]
        print(summary(runs, saved[0]["jitter"], sorted({r["seed"] for r in runs}), saved[0].get("concurrency")))
        return 1 if any(bad(r) for r in runs) else 0
    seeds = a.seed_list or list(range(1, a.seeds + 1))
    blind.CRAWL_TIMEOUT = a.timeout
    started = time.time()
    runs: list[dict] = []
    for set_name in a.sets:
        sweep_set(set_name, seeds, a.jitter, set(a.sites), a.routes, runs, a.out, a.concurrency)
    print(summary(runs, a.jitter, seeds, a.concurrency))
    print(f"{round(time.time() - started)} s; runs in {a.out}")
    return 1 if any(bad(r) for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
