"""`thidua sources probe` against local stand-ins of provincial sites (one server answering by
Host header, reached through `--resolve '*=…'`), and offline (every request refused): the
real provincial hosts are never contacted.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from archive import probe

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    # a federation under the first pattern
    ("ldld.thanhhoa.gov.vn", "/"): "<html><head><title>Liên đoàn Lao động tỉnh Thanh Hóa"
                                   "</title></head><body>Tin hoạt động công đoàn</body></html>",
    # a site under the second pattern that is not a union's (a parked domain)
    ("congdoan.thanhhoa.gov.vn", "/"): "<html><title>Domain for sale</title></html>",
    # a portal whose links sit on a separate 'Liên kết website' page
    ("thanhhoa.gov.vn", "/"): "<html><body><a href='/lien-ket'>Liên kết website</a>"
                              "<a href='/tin'>Tin tức</a></body></html>",
    ("thanhhoa.gov.vn", "/lien-ket"): (
        "<html><body><ul><li><a href='https://hoinongdan.thanhhoa.gov.vn/'>Hội Nông dân tỉnh</a>"
        "<li><a href='https://congdoanthanhhoa.org.vn/'>Liên đoàn Lao động tỉnh</a>"
        "<li><a href='https://laodongnghean.vn/'>LĐLĐ Nghệ An</a></ul></body></html>"),
    ("congdoanthanhhoa.org.vn", "/"): "<html><title>Công đoàn Thanh Hóa</title></html>",
    # a former province: its portal links its federation in a <select>
    ("hagiang.gov.vn", "/"): "<html><body><select><option value='https://ldldhagiang.vn/'>"
                             "Liên đoàn Lao động</option></select></body></html>",
}


@pytest.fixture
def provinces_site():
    seen: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            host = (self.headers.get("Host") or "").split(":")[0]
            seen.append((host, self.path))
            body = PAGES.get((host, self.path))
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()


def _probe(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archive", "sources", "probe", "--delay", "0",
                           "--timeout", "3", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)


def test_probe_finds_pattern_hosts_and_portal_links(provinces_site):
    url, seen = provinces_site
    result = _probe("--province", "Thanh Hóa", "--province", "Hà Giang", "--resolve", f"*={url}")
    assert result.returncode == 0, result.stderr
    blocks = [b for b in result.stdout.split("\n\n") if "[[source]]" in b]
    entries = [tomllib.loads(b)["source"][0] for b in blocks]
    by_url = {e["start_urls"][0]: e for e in entries}
    assert set(by_url) == {"https://ldld.thanhhoa.gov.vn/", "https://congdoanthanhhoa.org.vn/",
                           "https://ldldhagiang.vn/"}
    first = by_url["https://ldld.thanhhoa.gov.vn/"]
    assert first["province"] == "Thanh Hóa" and first["organisation_kind"] == "ldld"
    assert first["name"] == "Liên đoàn Lao động tỉnh Thanh Hóa" and first["status"] == "active"
    assert first["evidence"].startswith("probe ") and "answered HTTP 200" in first["evidence"]
    linked = by_url["https://congdoanthanhhoa.org.vn/"]["evidence"]
    assert "linked as 'Liên đoàn Lao động tỉnh' from https://thanhhoa.gov.vn/lien-ket" in linked
    hagiang = by_url["https://ldldhagiang.vn/"]
    assert (hagiang["province"], hagiang["province_former"]) == ("Tuyên Quang", "Hà Giang")
    assert hagiang["status"] == "frozen" and hagiang["evidence"].endswith("answered HTTP 404")
    assert len({e["id"] for e in entries}) == 3  # two Thanh Hóa candidates, two ids
    # the parked congdoan.* page is not a candidate; a registered site is named as such
    assert "congdoan.thanhhoa.gov.vn" not in result.stdout
    assert "# already registered: laodongnghean.vn" in result.stdout
    # one request at a time, the patterns and the portals only: no crawl of the sites
    assert ("hoinongdan.thanhhoa.gov.vn", "/") not in seen
    assert len(seen) <= 12


def test_probe_offline_says_so_in_one_line():
    # port 9 refuses every connection: what a machine without network sees, without DNS
    result = _probe("--province", "Thanh Hóa", "--resolve", "*=http://127.0.0.1:9")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("thidua sources probe: no network:"), lines


def test_probe_usage_errors():
    assert _probe("--province", "Atlantis").returncode == 2
    bad = _probe("--resolve", "nohost")
    assert bad.returncode == 2 and "--resolve" in bad.stderr


def test_province_slugs_cover_current_and_former_names():
    slugs = {s for _, _, s in probe.province_slugs()}
    assert {"thanhhoa", "hagiang", "daknong", "binhthuan", "hanam", "hochiminhcity",
            "baria-vungtau", "thuathienhue", "quangbinh"} <= slugs
    assert len(slugs) >= 64
    assert probe.province_slugs(["Quảng Bình"]) == [("Quảng Trị", "Quảng Bình", "quangbinh")]


def test_a_name_that_does_not_exist_is_an_answer_not_an_outage():
    """NXDOMAIN means DNS works (online, no such host); EAI_AGAIN or a refusal means no
    network: only the latter may end the probe as offline."""
    import socket

    assert probe.no_such_host(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    assert not probe.no_such_host(socket.gaierror(socket.EAI_AGAIN, "Temporary failure"))
    assert not probe.no_such_host(ConnectionRefusedError(111, "Connection refused"))
