"""Smoke runs of the crawl and ingest/raw-storage bench suites at a tiny size: every figure is
produced with its peer (bare Scrapy, trafilatura, zlib). No timed assertion: `make bench`
judges the goals at full size."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.benchmark import crawl, ingest
from archive.benchmark.runner import BenchContext


def test_ingest_and_raw_storage_suite(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ingest, "PAGES", 45)  # past the dictionary threshold
    figures = {f.name: f for f in ingest.run(BenchContext(tmp_path, rounds=1,
                                                          log=lambda m: None))}
    assert len(figures) == 4
    for f in figures.values():
        assert f.ours > 0 and f.peer and f.peer > 0, f
    raw = next(f for name, f in figures.items() if "dictionary counted" in name)
    # zstd with a dictionary beats zlib per page on one site's pages, whatever the machine
    assert raw.ours > raw.peer > 1


@pytest.mark.crawl
def test_crawl_suite(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(crawl, "BACKLOG", 0)  # the 37 sample articles
    figures = crawl.run(BenchContext(tmp_path, rounds=1, log=lambda m: None))
    speed, rss_main, rss_tree = figures
    assert speed.ours > 0 and speed.peer > 0 and "bare Scrapy" in speed.peer_name
    assert 0 < rss_main.ours <= rss_tree.ours and rss_main.peer > 0
