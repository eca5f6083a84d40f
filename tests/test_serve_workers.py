"""`thidua serve --workers N`: N Datasette processes behind one port (archive/serve_app.py).

Behaviour, not speed: every worker answers on its own (the others stopped with SIGSTOP), SIGTERM
leaves no process behind, a supervisor killed outright takes its workers with it, a busy port is
a one-line error with a non-zero exit.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, free_port

from archive import serve


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _workers(launcher: int) -> list[int]:
    """The launcher's worker processes (multiprocessing's resource tracker is not one)."""
    return [p for p in _children(launcher) if "spawn_main" in _cmdline(p)]


def _start(db: Path, port: int, *extra: str) -> tuple[subprocess.Popen, str]:
    """`thidua serve` in its own session; returns it and its output up to its own line."""
    proc = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--db", str(db), "--port",
                             str(port), *extra], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    seen = []
    assert proc.stderr is not None
    for line in proc.stderr:  # uvicorn logs here too; wait for thidua's own line (or EOF)
        seen.append(line)
        if line.startswith("thidua serve:"):
            break
    return proc, "".join(seen)


@pytest.fixture()
def two_workers(search_archive: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen, int, str]]:
    db = tmp_path / "archive.db"
    db.write_bytes(search_archive.read_bytes())
    port = free_port()
    proc, said = _start(db, port, "--workers", "2")
    try:
        yield proc, port, said
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate(timeout=30)


def _titles(port: int) -> list[str]:
    qs = urllib.parse.urlencode({"_search": "thi dua", "_shape": "array", "_col": "title"})
    url = f"http://127.0.0.1:{port}/archive/articles.json?{qs}"
    with urllib.request.urlopen(url, timeout=20) as resp:
        assert resp.status == 200
        return sorted(row["title"] for row in json.loads(resp.read()))


def test_each_of_two_workers_answers(two_workers) -> None:
    proc, port, said = two_workers
    assert "thidua serve: serving" in said and "2 worker processes" in said, said
    [launcher] = _children(proc.pid)
    workers = _workers(launcher)
    assert len(workers) == 2, [_cmdline(p) for p in _children(launcher)]
    expected = _titles(port)
    assert expected
    # each worker alone (the other stopped) answers the same search: two processes serve
    for alone in workers:
        others = [w for w in workers if w != alone]
        for w in others:
            os.kill(w, signal.SIGSTOP)
        try:
            assert _titles(port) == expected
        finally:
            for w in others:
                os.kill(w, signal.SIGCONT)


def test_sigterm_leaves_no_process(two_workers) -> None:
    proc, port, said = two_workers
    assert "thidua serve: serving" in said, said
    [launcher] = _children(proc.pid)
    tree = [launcher, *_children(launcher)]
    assert len(_workers(launcher)) == 2
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=60)
    assert code in (0, 128 + signal.SIGTERM), f"exit {code}"
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in tree) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in tree if _alive(p)], "a worker was left running"
    with socket.socket() as s:  # the port is free again
        s.bind(("127.0.0.1", port))


def test_workers_stop_when_their_supervisor_is_killed(two_workers) -> None:
    """SIGKILL cannot be forwarded: the kernel tells the workers (PR_SET_PDEATHSIG)."""
    proc, _port, said = two_workers
    assert "thidua serve: serving" in said, said
    [launcher] = _children(proc.pid)
    workers = _workers(launcher)
    assert len(workers) == 2
    os.kill(launcher, signal.SIGKILL)
    deadline = time.monotonic() + 20
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)], "orphan workers kept serving"
    assert proc.wait(timeout=20) != 0   # thidua serve reports its server's death


def test_busy_port_is_one_line_and_fails(search_archive: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "archive", "serve", "--db",
                                 str(search_archive), "--port", str(port), "--workers", "2"],
                                cwd=ROOT, capture_output=True, text=True, timeout=60,
                                check=False)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "already in use" in lines[0], result.stderr


def test_launcher_says_a_bad_setting_once(search_archive: Path) -> None:
    """A configuration every worker would fail on is said once, before any worker starts."""
    cmd = serve.datasette_command(search_archive, port=free_port(), workers=2,
                                  extra_args=["--setting", "no_such_setting", "1"])
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no_such_setting is not a valid option" in lines[0], lines


def test_default_workers_is_the_cores_capped() -> None:
    cores = len(os.sched_getaffinity(0))
    assert serve.default_workers() == max(1, min(cores, serve.MAX_WORKERS))
