"""Crawl + ingest of a local ≥ 2,000-article site against a bare Scrapy + parsel spider with
the same settings (crawler/bench_peer.py), and the crawl's own peak memory.

Both crawls run as the user runs them (a fresh process each: `thidua crawl`, `scrapy
runspider`), against one sample-site server (`python -m demo.server --backlog N`), interleaved
over rounds; the figure is pages per second (responses / wall time of the process), min and
median over rounds. Memory is sampled from /proc: the crawl process itself, and the process
tree with the analysis workers.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import urllib.request
from pathlib import Path

from archive.benchmark import procstats
from archive.benchmark.report import Figure
from archive.benchmark.runner import BenchContext
from archive.benchmark.timing import median

ROOT = Path(__file__).resolve().parents[2]
BACKLOG = 690  # 3 sites × (12 own + 690) = 2,106 articles
GOAL_RATIO, GOAL_RSS_MIB = 0.8, 300.0


def _server_requests(url: str) -> int:
    with urllib.request.urlopen(f"{url}/_stats", timeout=10) as resp:
        return int(json.loads(resp.read())["total"])


def _settings_args() -> list[str]:
    from crawler.run import LOCAL_SETTINGS

    args = []
    for key, value in LOCAL_SETTINGS.items():
        args += ["-s", f"{key}={value}"]
    return args


def _ours(url: str, tmp: Path, n: int) -> tuple[procstats.Run, int]:
    db = tmp / f"ours-{n}.db"
    before = _server_requests(url)
    run = procstats.measure(
        [sys.executable, "-m", "archive", "crawl", "--sources", str(ROOT / "sources" / "demo.toml"),
         "--db", str(db), "--local", "--quiet", "--max-pages", "100000"],
        env={**os.environ, "DEMO_URL": url}, cwd=ROOT)
    return run, _server_requests(url) - before


def _peer(url: str, tmp: Path, n: int) -> tuple[procstats.Run, int]:
    before = _server_requests(url)
    run = procstats.measure(
        [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "crawler" / "bench_peer.py"),
         "-a", f"base={url}", "-O", str(tmp / f"peer-{n}.jsonl"), "-s", "ITEM_PIPELINES={}",
         "-s", "EXTENSIONS={}", "-s", "LOG_LEVEL=WARNING", *_settings_args()],
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}, cwd=ROOT)
    return run, _server_requests(url) - before


def run(ctx: BenchContext) -> list[Figure]:
    from demo.server import start_subprocess

    proc, url = start_subprocess(backlog=BACKLOG)
    rates: dict[str, list[float]] = {"ours": [], "peer": []}
    rss: dict[str, list[float]] = {"main": [], "tree": [], "peer": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for r in range(ctx.rounds):
                order = ("ours", "peer") if r % 2 == 0 else ("peer", "ours")
                for who in order:
                    crawl, requests = (_ours if who == "ours" else _peer)(url, Path(tmp), r)
                    if crawl.returncode != 0:
                        raise RuntimeError(f"the {who} crawl exited {crawl.returncode}")
                    rates[who].append(requests / crawl.seconds)
                    if who == "ours":
                        rss["main"].append(crawl.peak_main_mib)
                        rss["tree"].append(crawl.peak_tree_mib)
                    else:
                        rss["peer"].append(crawl.peak_tree_mib)
                    ctx.log(f"  crawl {who}: {requests} requests in {crawl.seconds:.1f} s, "
                            f"peak RSS {crawl.peak_main_mib:.0f} MiB "
                            f"({crawl.peak_tree_mib:.0f} MiB with workers)")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    articles = 3 * (12 + BACKLOG)
    ours, peer = median(rates["ours"]), median(rates["peer"])
    return [
        Figure("crawl", f"crawl + ingest, {articles:,}-article local site, median of "
               f"{ctx.rounds}", ours, "pages/s", peer, "bare Scrapy + parsel",
               f"≥ {GOAL_RATIO}× the peer", ours / peer >= GOAL_RATIO,
               note=f"best {max(rates['ours']):.0f} vs {max(rates['peer']):.0f}"),
        Figure("crawl", "crawl peak RSS, the crawl process", max(rss["main"]), "MiB",
               max(rss["peer"]), "bare Scrapy", f"≤ {GOAL_RSS_MIB:.0f} MiB",
               max(rss["main"]) <= GOAL_RSS_MIB),
        Figure("crawl", "crawl peak RSS, with its analysis workers", max(rss["tree"]), "MiB",
               max(rss["peer"]), "bare Scrapy", f"≤ {GOAL_RSS_MIB:.0f} MiB",
               max(rss["tree"]) <= GOAL_RSS_MIB),
    ]
