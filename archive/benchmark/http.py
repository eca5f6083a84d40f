"""Search through a real `datasette` process: ours (`thidua serve`: plugin, metadata, the table
search hook and the ranked search page) against plain Datasette serving the plain sqlite-utils
FTS copy (its own table search box), one user at a time and `users` at once.

Both servers run immutable (`-i`), as `thidua serve` does by default. Each figure is the p95 of
the HTML pages a researcher opens (`/archive/articles?_search=…`, `/archive/search?q=…`), and
the concurrent run counts every answer that is not HTTP 200 (a Datasette time limit shows as a
400): bounded requests per user, ours and the peer one after the other, twice.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from archive.benchmark import index
from archive.benchmark.report import Figure
from archive.benchmark.runner import BenchContext
from archive.benchmark.search import queries
from archive.benchmark.timing import percentile
from archive.serve import datasette_executable

GOAL_MS = 200.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(cmd: list[str], port: int, log: Path) -> Iterator[str]:
    """A server process (its own process group, stopped with it); yields its base URL."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{cmd[0]} did not start: {log.read_text()[-2000:]}") from None
                time.sleep(0.3)
        yield base
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


def _get(url: str) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return status, (time.perf_counter() - start) * 1000


def _urls(base: str, ours: bool, q: str, p: str) -> dict[str, str]:
    if ours:
        return {"table": f"{base}/archive/articles?" + urllib.parse.urlencode({"_search": q}),
                "ranked": f"{base}/archive/search?" + urllib.parse.urlencode({"q": q})}
    return {"table": f"{base}/archive/articles?" + urllib.parse.urlencode({"_search": p})}


def _crowd(urls: list[str], users: int, per_user: int) -> tuple[list[float], int]:
    """`users` threads, each requesting `per_user` URLs in turn; (latencies, non-200 answers)."""
    def user(u: int) -> list[tuple[int, float]]:
        return [_get(urls[(u + i) % len(urls)]) for i in range(per_user)]

    with ThreadPoolExecutor(users) as pool:
        answers = [a for batch in pool.map(user, range(users)) for a in batch]
    return [ms for _, ms in answers], sum(1 for status, _ in answers if status != 200)


def run(ctx: BenchContext) -> list[Figure]:
    ours_db, peer_db = index.indexed(ctx, "ours"), index.indexed(ctx, "peer")
    ours_port, peer_port = _free_port(), _free_port()
    ours_cmd = [sys.executable, "-m", "archive", "serve", "--db", str(ours_db),
                "--port", str(ours_port)]
    peer_cmd = [datasette_executable(), "serve", "-i", str(peer_db), "--port", str(peer_port)]
    pairs = queries(ctx)
    lat: dict[tuple[str, str, str], list[float]] = {}
    crowd: dict[str, tuple[list[float], int]] = {"ours": ([], 0), "peer": ([], 0)}
    with _server(ours_cmd, ours_port, ctx.workdir / "ours-datasette.log") as ours, \
            _server(peer_cmd, peer_port, ctx.workdir / "peer-datasette.log") as peer:
        for base in (ours, peer):  # warm both (first connection, template compilation)
            _get(base + "/archive/articles?_search=thi")
        for r in range(max(10, 2 * ctx.rounds)):
            for who, base in (("ours", ours), ("peer", peer)) if r % 2 == 0 else (
                    ("peer", peer), ("ours", ours)):
                for q, p in pairs:
                    for kind, url in _urls(base, who == "ours", q, p).items():
                        status, ms = _get(url)
                        lat.setdefault((who, kind, q), []).append(ms if status == 200 else 60_000)
        for _ in range(2):
            for who, base in (("ours", ours), ("peer", peer)):
                urls = [u for q, p in pairs for u in _urls(base, who == "ours", q, p).values()]
                times, errors = _crowd(urls, ctx.users, ctx.requests)
                crowd[who] = (crowd[who][0] + times, crowd[who][1] + errors)
    return _figures(ctx, pairs, lat, crowd)


def _figures(ctx: BenchContext, pairs: list[tuple[str, str]],
             lat: dict[tuple[str, str, str], list[float]],
             crowd: dict[str, tuple[list[float], int]]) -> list[Figure]:
    figures = []
    for q, p in pairs:
        peer95 = percentile(lat[("peer", "table", q)], 95)
        for kind, what in (("table", "`/archive/articles?_search=`"), ("ranked", "`/archive/search?q=`")):
            p95 = percentile(lat[("ours", kind, q)], 95)
            figures.append(Figure("http", f"{what} p95, `{q}`", p95, "ms", peer95,
                                  f"plain Datasette table search (`{p}`)",
                                  f"≤ {GOAL_MS:g} ms at 1M", p95 <= GOAL_MS))
    (ours_t, ours_err), (peer_t, peer_err) = crowd["ours"], crowd["peer"]
    n = len(ours_t)
    figures.append(Figure("http", f"{ctx.users} users at once: HTTP errors in {n} requests",
                          ours_err, "", peer_err, "plain Datasette", "0", ours_err == 0))
    figures.append(Figure("http", f"{ctx.users} users at once: p95", percentile(ours_t, 95), "ms",
                          percentile(peer_t, 95), "plain Datasette", f"≤ {GOAL_MS:g} ms at 1M",
                          percentile(ours_t, 95) <= GOAL_MS))
    return figures
