"""`thidua demo`: the whole path on the bundled sample sites, over 127.0.0.1.

Sample sites run in a subprocess on a free port; the crawl runs as the real `thidua crawl`
command (as cron would run it), so the demo exercises exactly what production does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from archive.sources import DEFAULT_DIR

DEMO_SOURCES = DEFAULT_DIR / "demo.toml"


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


def archive_summary(db_path: str | Path) -> dict[str, int]:
    from archive.store import open_archive

    db = open_archive(db_path)
    return {t: db[t].count for t in ("sources", "pages", "articles", "meetings", "failures")}


def run_demo(db_path: str | Path, *, serve: bool = True, port: int = 8001) -> int:
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

        print(f"Serving Datasette at http://127.0.0.1:{port}/ — Ctrl-C to stop.", flush=True)
        run_serve(db_path, port=port)
    return 0
