"""Timing helpers: interleaved repeats and percentiles.

Why interleaved: on a shared machine the load changes within a run; timing ours then the peer
would hand one of them the quiet minute. Each round runs every case once, in an order that
alternates, and a case's figure is the min or median over rounds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping


def timed(func: Callable[[], object]) -> float:
    """Seconds one call takes (wall clock)."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def interleaved(cases: Mapping[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Run every case once per round, the order reversed every other round; returns the
    seconds of each call, per case."""
    names = list(cases)
    results: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names if r % 2 == 0 else reversed(names):
            results[name].append(timed(cases[name]))
    return results


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank), so p95 of 20 samples is the 19th smallest."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-pct * len(ordered) // 100))))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)
