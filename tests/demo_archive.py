"""The demo archive, built for tests exactly the way `DEMO_NO_SERVE=1 make demo` builds it,
and served the way `thidua serve` serves it.

Why not a hand-built fixture: the researcher's queries (issue 5) must hold on what the real
crawler, extractor and meetings parser put into the archive from the bundled sample sites, and
on the real `thidua serve` command line (checkpoint, immutable mode, metadata, plugin). The
archive takes about two seconds to build, so conftest builds it once per session and every
test that needs it shares that one file and one Datasette process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def thidua_command() -> list[str]:
    """The `thidua` console script of this interpreter's venv (what a user runs); the same
    click group through `python -m archive` when the script is not installed."""
    script = Path(sys.executable).parent / "thidua"
    return [str(script)] if script.exists() else [sys.executable, "-m", "archive"]


def build_demo_archive(path: Path, timeout: float = 300) -> Path:
    """Run `thidua demo --no-serve --db PATH`: sample sites on a free port, a real crawl of
    sources/demo.toml in a subprocess, the archive at PATH. Fails with the command's output."""
    cmd = [*thidua_command(), "demo", "--no-serve", "--db", str(path)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("DEMO_URL", None)  # the demo starts its own sites and sets this itself
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                            env=env, check=False)
    if result.returncode != 0 or not path.exists():
        raise AssertionError(
            f"`{' '.join(cmd)}` failed (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return path


@contextmanager
def serve_archive(db: Path, port: int, log: Path, timeout: float = 30) -> Iterator[str]:
    """`thidua serve --db DB --port PORT` in its own process group; yields the base URL.

    `thidua serve` runs datasette as a child process, so stopping only the `thidua` process
    would leave datasette running: the whole group (ours, started here) is stopped instead.
    """
    from conftest import wait_for_server

    cmd = [*thidua_command(), "serve", "--db", str(db), "--port", str(port)]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)),
                                start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(proc, url + "/-/versions.json", log, timeout=timeout)
        yield url
    finally:
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen) -> None:
    """SIGTERM to the process group led by `proc` (thidua serve + its datasette); SIGKILL
    whatever is still there after 10 s."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        proc.poll()  # reap the leader, or the group never looks empty
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=5)
