"""A site of a test's own on 127.0.0.1, and the command line run against it as a user runs it.

Tests that crawl their own pages each served them with a handler of their own; what every
handler repeated (the 404 page, the headers, the server on a free port in a thread, stopping
it) lives here, and each test keeps only what its site says."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_FOUND = "<html><body><h1>404</h1></body></html>"


def respond(handler: BaseHTTPRequestHandler, body: str | None, content_type: str) -> int:
    """Send `body` (UTF-8) with 200, or 404 when there is none (the 404 page stands in for an
    absent or empty body); returns the status."""
    status = 200 if body is not None else 404
    data = (body or NOT_FOUND).encode("utf-8")
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)
    return status


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """The site on a free port of 127.0.0.1 while the block runs; yields its origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def thidua(*args: str) -> subprocess.CompletedProcess:
    """`thidua ARGS` from the checkout, without the caller's archive or demo settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_DB", "DEMO_URL")}
    return subprocess.run([sys.executable, "-m", "archive", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env, check=False)
