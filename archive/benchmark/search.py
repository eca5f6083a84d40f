"""Ranked search latency in SQLite, against a plain sqlite-utils FTS5 index ranked by bm25.

The peer is what a user of sqlite-utils alone gets: `articles_fts` (external content, the
default tokenizer) searched with `ORDER BY rank LIMIT 20`. It is typed the accented query
(`thi đua`: its index does not fold đ), ours the unaccented one, as users type it. Queries:
two words nearly every article holds, a phrase of common words, and a rare name — the goal is
that they cost the same order of time.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from datasette.utils import escape_fts

from archive import ranking, textstore
from archive.benchmark import index
from archive.benchmark.report import Figure
from archive.benchmark.runner import BenchContext
from archive.benchmark.timing import percentile, timed

GOAL_MS = 50.0
PEER_SQL = ("SELECT a.id, a.title, a.published_at FROM articles a JOIN "
            "(SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank "
            "LIMIT 20) f ON a.rowid = f.rowid ORDER BY f.rank")


def queries(ctx: BenchContext) -> list[tuple[str, str]]:
    """(ours, peer) query pairs: as typed without accents, and with them for the peer."""
    rare = ctx.synthetic().rare_names[0]
    return [("thi dua", "thi đua"), ("so ket", "sơ kết"),
            ("Cum thi dua so 7", "Cụm thi đua số 7"), (rare, rare)]


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    textstore.register(conn)   # ours reads its stored text through it; the peer never calls it
    return conn


def samples(ctx: BenchContext) -> int:
    return max(20, 4 * ctx.rounds)


def run(ctx: BenchContext) -> list[Figure]:
    ours_db, peer_db = _connect(index.indexed(ctx, "ours")), _connect(index.indexed(ctx, "peer"))
    pairs = queries(ctx)
    for q, p in pairs:  # a latency of finding nothing would measure nothing
        if not ranking.ranked_search(ours_db, q, 20).hits or not peer_db.execute(
                PEER_SQL, [escape_fts(p)]).fetchall():
            raise RuntimeError(f"`{q}` / `{p}` finds nothing in the synthetic archive")
    ours: dict[str, list[float]] = {q: [] for q, _ in pairs}
    peer: dict[str, list[float]] = {q: [] for q, _ in pairs}
    for r in range(samples(ctx)):   # interleaved: ours and the peer alternate, query by query
        for q, p in pairs if r % 2 == 0 else reversed(pairs):
            cases = [(ours[q], lambda q=q: ranking.ranked_search(ours_db, q, 20)),
                     (peer[q], lambda p=p: peer_db.execute(PEER_SQL, [escape_fts(p)]).fetchall())]
            for bucket, call in cases if r % 2 == 0 else reversed(cases):
                bucket.append(timed(call) * 1000)
    figures = []
    for q, p in pairs:
        p95, peer95 = percentile(ours[q], 95), percentile(peer[q], 95)
        figures.append(Figure("search", f"ranked search p95, `{q}`", p95, "ms", peer95,
                              f"sqlite-utils FTS bm25 (`{p}`)", f"≤ {GOAL_MS:g} ms at 1M",
                              p95 <= GOAL_MS, note=f"{len(ours[q])} runs"))
    ours_db.close()
    peer_db.close()
    return figures
