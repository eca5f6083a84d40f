"""Peak memory of a process tree, sampled from /proc while it runs.

Why not `resource.getrusage`: RUSAGE_CHILDREN keeps the largest child of the whole bench run
(it cannot tell one crawl from the next) and misses the pool's workers, which are children of
the fork server, not of the bench. Sampling VmRSS of the crawl process and of every descendant
every few milliseconds gives the crawl's own peak and the peak of everything it started.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    returncode: int
    peak_main_mib: float
    peak_tree_mib: float


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(tree.get(p, []))
    return found


def measure(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
            interval: float = 0.05, timeout: float = 1800) -> Run:
    """Run `cmd`, sampling its memory; returns its wall time and peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    peaks = {"main": 0, "tree": 0}
    done = threading.Event()

    def sample() -> None:
        pids, n = [proc.pid], 0
        while not done.is_set():
            if n % 20 == 0:  # walking /proc is the costly part: the tree changes rarely
                pids = _descendants(proc.pid)
            n += 1
            main = _rss_kib(proc.pid)
            tree = sum(_rss_kib(p) for p in pids)
            peaks["main"] = max(peaks["main"], main)
            peaks["tree"] = max(peaks["tree"], tree)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        code = proc.wait(timeout=timeout)
    finally:
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        if proc.poll() is None:
            proc.kill()
    return Run(elapsed, code, peaks["main"] / 1024, peaks["tree"] / 1024)
