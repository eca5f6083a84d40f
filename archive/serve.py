"""Serving the archive with Datasette, read-only.

Two modes, because SQLite gives two different read-only guarantees:

- immutable (default, `datasette -i`): Datasette opens the file with `immutable=1`, skips all
  locking and caches counts. Correct only while nothing writes the file, so a pending WAL is
  checkpointed into the main file first (an immutable reader never looks at `-wal`), and
  serving refuses while a crawl holds the archive's lock or the checkpoint cannot complete.
  A crawl started *after* an immutable server is not seen (and must not be): when crawls
  run on a schedule, serve with --mutable.
- mutable (`mutable=True`, `thidua serve --mutable`): Datasette opens `mode=ro`. With the
  archive in WAL mode (the store enables it) readers see each committed crawl transaction and
  never block the writer. Use it while a crawl runs; it is a little slower (no cached counts).

Worker processes: Datasette's Python (table view, templates, render_cell) is most of a page's
cost, and one process runs it on one core (the GIL). `serve(workers=N)` runs the same Datasette
app in N processes sharing one listening socket (archive/serve_app.py, uvicorn's supervisor);
the default is one per core, at most MAX_WORKERS.

Datasette 0.65 names a database after its file's stem; the plugin (setting `database_name` in
the metadata) renames the served file to `archive`, so URLs and the metadata's table settings do
not depend on the file name.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from archive import resources

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the folder `archive` is imported from
METADATA_PATH = resources.path("datasette_metadata.json")
PLUGINS_DIR = resources.path("plugins")
# the archive's own pages (article, cluster, person, compact tables): shipped with the package
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
METADATA_DB_NAME = "archive"
# one worker process per core up to this: each holds its own Datasette (~70 MB) and SQLite
# connections, and past the cores more workers only queue for them
MAX_WORKERS = 4

# Why each setting: pages stay small on a million-row table, a runaway query or facet is cut
# off instead of tying up a thread, facet suggestions (a COUNT per column) are off because they
# cost seconds on big tables, CSV streams the whole result with `_stream=1` within a size cap.
SETTINGS: dict[str, str] = {
    "default_page_size": "50",
    "max_returned_rows": "1000",
    "sql_time_limit_ms": "3000",
    "facet_time_limit_ms": "1000",
    "allow_facet": "on",
    "suggest_facets": "off",
    "default_facet_size": "20",
    "allow_csv_stream": "on",
    "max_csv_mb": "200",
    "truncate_cells_html": "400",
    "num_sql_threads": "4",
}


class ServeError(Exception):
    """Datasette cannot be started on this archive (missing file, busy writer…)."""


def default_workers() -> int:
    """One worker per core this process may use, 1 to MAX_WORKERS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def datasette_executable() -> str:
    """The `datasette` of this interpreter's environment (the venv), not whatever is on PATH."""
    candidate = Path(sys.executable).parent / "datasette"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("datasette")
    if not found:
        raise ServeError("datasette is not installed: run `.venv/bin/pip install -e .`")
    return found


def metadata_for(db_path: Path, metadata_path: Path = METADATA_PATH) -> Path:
    """The metadata file to pass for `db_path`: always ours, keyed `archive`, because the
    plugin's startup hook serves the file under that name whatever it is called."""
    return metadata_path


def check_archive(db_path: str | Path) -> Path:
    """The archive path, resolved, or a ServeError saying how to create it."""
    path = Path(db_path).expanduser()
    if not path.exists():
        raise ServeError(
            f"archive {path} does not exist yet: build it with `thidua crawl` "
            "(or `make demo DEMO_NO_SERVE=1` for the sample sites), then serve it."
        )
    if not path.is_file():
        raise ServeError(f"archive {path} is not a file")
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise ServeError(f"cannot read archive {path}: {exc}") from exc
    if header and header != b"SQLite format 3\x00":
        raise ServeError(f"{path} is not a SQLite database")
    return path.resolve()


def crawl_running(path: Path) -> bool:
    """True when a crawl holds the archive's lock (archive.lock.CrawlLock, an flock)."""
    from archive.lock import is_locked

    return is_locked(path)


def checkpoint(path: Path) -> None:
    """Fold a pending WAL into the main file, so an immutable reader sees every commit."""
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(str(path), timeout=2)
        try:
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise ServeError(
            f"cannot checkpoint {path} ({exc}); if a crawl is writing it, serve with --mutable"
        ) from exc
    if busy:
        raise ServeError(
            f"{path} is being written (WAL checkpoint busy): serve it with --mutable while "
            "the crawl runs, or wait for the crawl to finish"
        )


def datasette_command(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    mutable: bool = False,
    extra_args: Sequence[str] = (),
    workers: int = 1,
) -> list[str]:
    """The command line serving the archive (checked to exist): archive/serve_app.py, which
    takes `datasette serve`'s arguments plus `--workers`."""
    path = check_archive(db_path)
    cmd = [sys.executable, "-m", "archive.serve_app", "--workers", str(workers)]
    cmd += [str(path)] if mutable else ["-i", str(path)]
    cmd += ["--host", host, "--port", str(port)]
    cmd += ["--metadata", str(metadata_for(path)), "--plugins-dir", str(PLUGINS_DIR)]
    cmd += ["--template-dir", str(TEMPLATES_DIR)]
    for name, value in SETTINGS.items():
        cmd += ["--setting", name, value]
    cmd += list(extra_args)
    return cmd


def port_free(host: str, port: int) -> bool:
    """Whether `host:port` can be bound now (Datasette would otherwise fail after we said
    "serving")."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _answers(host: str, port: int) -> bool:
    """An HTTP answer, not only a connection: with workers, the supervisor listens before any
    worker has started."""
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.request("GET", "/-/versions.json")
        conn.getresponse()  # any status: a worker is serving
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def _exit_code(returncode: int) -> int:
    """A child killed by signal N reports -N; a shell reports 128+N."""
    return 128 - returncode if returncode < 0 else returncode


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    mutable: bool = False,
    extra_args: Sequence[str] = (),
    announce: Callable[[str], None] | None = None,
    startup_timeout: float = 60.0,
    workers: int | None = None,
) -> int:
    """Run Datasette on the archive until it exits; returns its exit code. `workers`
    processes (default: default_workers()) share the port.

    SIGTERM and SIGINT are passed on to Datasette and its exit code is returned, so a service
    manager stopping `thidua serve` stops Datasette too (no orphan keeping the port).
    `announce` is called with the URL only once the port answers.
    """
    path = check_archive(db_path)
    if not mutable:
        if crawl_running(path):
            raise ServeError(
                f"a crawl is writing {path}: serve it with --mutable (reads each committed "
                "transaction), or wait for the crawl to finish"
            )
        checkpoint(path)
    if not port_free(host, port):
        raise ServeError(f"port {port} on {host} is already in use: stop what serves there or "
                         "choose another --port")
    cmd = datasette_command(path, host=host, port=port, mutable=mutable, extra_args=extra_args,
                            workers=workers or default_workers())
    env = dict(os.environ)
    # the plugin imports archive.*: make sure the project is importable even if not installed
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(cmd, env=env)

    def forward(signum: int, frame: Any) -> None:
        if proc.poll() is None:
            proc.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        deadline = time.monotonic() + startup_timeout
        while proc.poll() is None and not _answers(host, port):
            if time.monotonic() > deadline:
                proc.terminate()
                break
            time.sleep(0.1)
        if proc.poll() is None and announce:
            announce(f"http://{host}:{port}/")
        while True:
            try:
                return _exit_code(proc.wait())
            except KeyboardInterrupt:  # a second Ctrl-C while Datasette shuts down
                forward(signal.SIGINT, None)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
