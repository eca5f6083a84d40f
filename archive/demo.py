"""`thidua demo`: the whole path on the bundled sample sites, over 127.0.0.1.

Sample sites run in a subprocess on a free port; the crawl runs as the real `thidua crawl`
command (as cron would run it), so the demo exercises exactly what production does.

Why the demo archive is rebuilt from scratch each time: the sample sites get a new port per
run, so their article URLs change and a second crawl into the same file would archive every
story again under new URLs (74, then 111 articles). Rebuilding is only done to a file that
holds nothing but the demo's own sources; any other archive is refused, never emptied.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

from archive.sources import DEFAULT_DIR

DEMO_SOURCES = DEFAULT_DIR / "demo.toml"


class DemoError(Exception):
    """The demo cannot (re)build the archive at this path."""


class DemoSites:
    """The sample-site server as a context manager: `with DemoSites() as url: ...`."""

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self.proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> str:
        from demo.server import start_subprocess

        self.proc, url = start_subprocess(port=self.port)
        return url

    def __exit__(self, *exc: object) -> None:
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def demo_source_ids() -> set[str]:
    data = tomllib.loads(DEMO_SOURCES.read_text(encoding="utf-8"))
    return {s["id"] for s in data.get("source", [])}


def archive_source_ids(db_path: Path) -> set[str] | None:
    """Source ids stored in the archive, or None when the file is not a readable archive."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("select name from sqlite_master")}
            ids = {r[0] for r in conn.execute("select id from sources")}
            for table in {"pages", "articles"} & tables:
                ids |= {r[0] for r in conn.execute(
                    f"select distinct source_id from {table} where source_id is not null")}
            return ids
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def reset_demo_archive(db_path: str | Path) -> bool:
    """Remove a previous demo archive at `db_path` (and its WAL files); True when one was removed.

    Raises DemoError when the file holds anything but the demo's sources, or is not an archive.
    """
    path = Path(db_path)
    if not path.exists():
        return False
    ids = archive_source_ids(path)
    if ids is None:
        raise DemoError(f"{path} exists and is not a thidua archive: give the demo another --db")
    foreign = ids - demo_source_ids()
    if foreign:
        raise DemoError(f"{path} holds real sources ({', '.join(sorted(foreign)[:3])}…): the demo "
                        "rebuilds its archive from scratch, so give it another --db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return True


def archive_summary(db_path: str | Path) -> dict[str, int]:
    from archive.store import open_archive

    db = open_archive(db_path)
    try:
        return {t: db[t].count for t in ("sources", "pages", "articles", "meetings", "failures")}
    finally:
        db.close()


def run_demo(db_path: str | Path, *, serve: bool = True, port: int = 8001) -> int:
    if reset_demo_archive(db_path):
        print(f"Rebuilding the demo archive {db_path} from scratch.", flush=True)
    with DemoSites() as url:
        print(f"Sample sites: {url}/ldld/  {url}/btdkt/  {url}/baotinh/", flush=True)
        env = {**os.environ, "DEMO_URL": url}
        crawl = subprocess.run(
            [sys.executable, "-m", "archive", "crawl", "--sources", str(DEMO_SOURCES),
             "--db", str(db_path), "--local", "--quiet"],
            env=env, check=False)
    summary = archive_summary(db_path)
    print("Archive " + str(db_path) + ": " + ", ".join(f"{v} {k}" for k, v in summary.items()),
          flush=True)
    if crawl.returncode != 0:
        print("The demo crawl reported failures (see above and the failures table).", flush=True)
        return crawl.returncode
    if serve:
        from archive.serve import serve as run_serve

        # announced once the port answers; Datasette's exit code is the demo's
        return run_serve(db_path, port=port, announce=lambda url: print(
            f"Serving Datasette at {url} — Ctrl-C to stop.", flush=True))
    return 0
