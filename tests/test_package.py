"""The project as a package: a wheel installed into a fresh environment runs `thidua demo`
(crawl of the sample sites, archive, summary) and `thidua serve` from an empty folder, with
no checkout in sight: the registry, metadata, plugin and templates come with the wheel.

Offline: the wheel is built without build isolation (setuptools and wheel come with the test
extra) and installed with --no-deps --no-index; the new environment borrows the test venv's
installed dependencies through a .pth line (a plain path line: the test venv's own editable
install of this project is not activated by it, so `archive` can only come from the wheel).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from demo.content import load_articles

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.crawl


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False,
                            **kwargs)
    assert result.returncode == 0, f"{cmd[:3]} exited {result.returncode}:\n" \
                                   f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


# a copy of the checkout without what is not source: the build writes into its tree
IGNORE = shutil.ignore_patterns(".git", ".venv", "data", "test-output", "build", "*.egg-info",
                                "__pycache__", ".pytest_cache", "tests")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("package")
    shutil.copytree(ROOT, tmp / "src", ignore=IGNORE)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(tmp / "dist"), str(tmp / "src")], cwd=tmp)
    [wheel] = (tmp / "dist").glob("thidua_archive-*.whl")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
                .stdout.strip())
    (site / "test-venv-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)])
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "THIDUA_HOME", "VIRTUAL_ENV", "DEMO_URL")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith("share/thidua-archive/datasette_metadata.json") for n in names)
    assert any(n.endswith("share/thidua-archive/sources/demo.toml") for n in names)
    assert any(n.endswith("share/thidua-archive/plugins/thidua.py") for n in names)
    return venv, env


def test_the_wheel_not_the_checkout_is_imported(installed, tmp_path):
    venv, env = installed
    code = ("import archive, crawler, demo, json; from archive import resources; "
            "print(json.dumps([archive.__file__, crawler.__file__, demo.__file__, "
            "str(resources.home())]))")
    out = run([str(venv / "bin" / "python"), "-c", code], cwd=tmp_path, env=env).stdout
    paths = json.loads(out)
    assert all(p.startswith(str(venv)) for p in paths), paths


def test_demo_and_serve_run_from_an_empty_folder(installed, tmp_path):
    venv, env = installed
    work = tmp_path / "empty"
    work.mkdir()
    result = run([str(venv / "bin" / "thidua"), "demo", "--no-serve", "--db", "archive.db"],
                 cwd=work, env=env)
    articles = len(load_articles())
    assert f"{articles} articles" in result.stdout, result.stdout
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = subprocess.Popen([str(venv / "bin" / "thidua"), "serve", "--db", "archive.db",
                              "--port", str(port)], cwd=work, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body, deadline = None, time.monotonic() + 60
        while body is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/archive/articles.json?_shape=array&_size=50",
                        timeout=5) as resp:
                    body = json.loads(resp.read())
            except OSError:
                if serve.poll() is not None:
                    break
                time.sleep(0.5)
        if body is None:
            output = serve.communicate(timeout=5)[0] if serve.poll() is not None else ""
            pytest.fail(f"thidua serve did not answer: {output}")
        assert len(body) == articles
        # the plugin (from the wheel's share folder) registered its SQL functions
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/archive.json?_shape=array&sql="
                                    "select+fold('Thi+%C4%91ua')+as+f", timeout=10) as resp:
            assert json.loads(resp.read()) == [{"f": "thi dua"}]
    finally:
        serve.terminate()
        try:
            serve.wait(timeout=10)
        except subprocess.TimeoutExpired:
            serve.kill()
