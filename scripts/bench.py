"""`make bench` → `thidua bench` (archive/benchmark/): kept so `python scripts/bench.py [OPTIONS]`
still works from a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.benchmark.command import bench

if __name__ == "__main__":
    bench()
