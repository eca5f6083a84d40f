"""Search index build time and archive size, against `sqlite-utils enable-fts` on the same rows.

The peer is what a user would do with sqlite-utils alone: an FTS5 index over the article text
columns, external content (the text stays in `articles` only), no triggers. Both start from
byte-identical copies of the synthetic archive. Sizes count the pages in use (page_count minus
the free list), so a file that grew during the build and left free pages is not penalised, and
the peer is measured the same way.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from archive import search
from archive.benchmark import synthetic
from archive.benchmark.report import Figure
from archive.benchmark.runner import BenchContext
from archive.benchmark.timing import median, timed

PEER_COLUMNS = ["title", "lead", "body", "author", "captions"]
BUILD_GOAL = 2.0   # ours ≤ 2× the peer's time
SIZE_GOAL = 1.5    # archive ≤ 1.5× the raw text


def build_ours(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            indexed = search.build_index(conn)
        if search.indexed_count(conn) != indexed:
            raise RuntimeError(f"{path}: {indexed} articles read, the index holds "
                               f"{search.indexed_count(conn)}")
    finally:
        conn.close()


def build_peer(path: Path) -> None:
    db = Database(path)
    try:
        search.drop_index(db.conn)   # the archive's own index is not the peer's
        db["articles"].enable_fts(PEER_COLUMNS, fts_version="FTS5", create_triggers=False)
    finally:
        db.conn.close()


def used_bytes(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        pages, free, size = (conn.execute(f"PRAGMA {p}").fetchone()[0]
                             for p in ("page_count", "freelist_count", "page_size"))
        return (pages - free) * size
    finally:
        conn.close()


def _fresh(ctx: BenchContext, kind: str) -> Path:
    """A fresh copy of the synthetic archive at <workdir>/<kind>/archive.db (the name Datasette
    serves as `archive`): ours as the archive stores it, the peer's with the text plain, as a
    user of sqlite-utils alone would hold the same rows."""
    path = ctx.workdir / kind / "archive.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    generated = ctx.synthetic().path
    shutil.copyfile(generated if kind == "ours" else synthetic.plain_path(generated), path)
    # on disk before any build is timed: a copy of 3.5 GB (1M articles) left to the kernel's
    # writeback is flushed while the first build runs, and the first build was always ours
    with open(path, "rb") as copy:
        os.fsync(copy.fileno())
    return path


BUILDERS = {"ours": build_ours, "peer": build_peer}


def indexed(ctx: BenchContext, kind: str) -> Path:
    """The synthetic archive with `kind`'s index (ours or the peer's), built once per run."""
    if kind not in ctx.built:
        path = _fresh(ctx, kind)
        BUILDERS[kind](path)
        ctx.built[kind] = path
    return ctx.built[kind]


def space(path: Path) -> dict[str, int]:
    """Bytes used by the articles table, the search index (its FTS5 shadow tables), the
    other b-tree indexes of `articles` and the text dictionaries (SQLite's dbstat table)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        owners = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"))
    finally:
        conn.close()
    out = {"articles": 0, "search index": 0, "indexes on articles": 0, "text dictionaries": 0}
    for name, size in rows:
        if name == "articles":
            out["articles"] += size
        elif name.startswith("articles_fts"):
            out["search index"] += size
        elif owners.get(name) == "articles":
            out["indexes on articles"] += size
        elif name == "text_dicts" or owners.get(name) == "text_dicts":
            out["text dictionaries"] += size
    return out


def run(ctx: BenchContext) -> list[Figure]:
    generated = ctx.synthetic()
    rounds = 1 if ctx.articles >= 200_000 else min(ctx.rounds, 3)
    times: dict[str, list[float]] = {"ours": [], "peer": []}
    for r in range(rounds):
        copies = {kind: _fresh(ctx, kind) for kind in BUILDERS}
        for kind in BUILDERS if r % 2 == 0 else reversed(BUILDERS):
            times[kind].append(timed(lambda path=copies[kind], build=BUILDERS[kind]: build(path)))
    ctx.built.update(copies)
    ours_t, peer_t = median(times["ours"]), median(times["peer"])
    raw = generated.raw_text_bytes
    ours_size, peer_size = used_bytes(copies["ours"]), used_bytes(copies["peer"])
    n = f"{ctx.articles:,} articles"
    ctx.log(f"index build {ours_t:.1f} s vs enable-fts {peer_t:.1f} s; size {ours_size:,} vs "
            f"{peer_size:,} bytes, raw text {raw:,}")
    ours_parts, peer_parts = space(copies["ours"]), space(copies["peer"])
    breakdown = [Figure("index", f"{part} / raw text", ours_parts[part] / raw, "×",
                        peer_parts[part] / raw, "plain sqlite-utils FTS")
                 for part in ours_parts]
    return [
        Figure("index", f"search index build, {n}", ours_t, "s", peer_t,
               "sqlite-utils enable-fts", f"≤ {BUILD_GOAL:g}× peer",
               ours_t <= BUILD_GOAL * peer_t, note=f"median of {rounds}"),
        Figure("index", "archive size / raw text", ours_size / raw, "×", peer_size / raw,
               "plain sqlite-utils FTS", f"≤ {SIZE_GOAL:g}×", ours_size / raw <= SIZE_GOAL,
               note=f"raw text {raw / 2**20:,.0f} MiB"),
        *breakdown,
    ]
