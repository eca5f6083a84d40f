"""A local stand-in for the web archives `thidua backfill` reads, on 127.0.0.1.

It speaks both CDX dialects from the same captures: the Wayback Machine's
(`/cdx/search/cdx`: JSON array of arrays, `statuscode` filter, `collapse=urlkey`, resume key;
replay at `/web/<timestamp>id_/<url>`) and Common Crawl's (`/collinfo.json` naming one pywb
index per crawl, `/<crawl>-index`: one JSON object per line, `showNumPages` + `page=N`; WARC
files written here with warcio, served with byte ranges from `/crawl-data/…`). Faults for the
tests: a delay per replay or index page, a 429 with `Retry-After`, captures that 404. Every
request is logged with its time, so tests assert what was (not) asked and when.
"""

from __future__ import annotations

import io
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass
class StoredCapture:
    url: str
    timestamp: str
    body: bytes
    status: int = 200
    mime: str = "text/html"
    crawl: str = "CC-MAIN-2016-07"
    filename: str = ""
    offset: int = 0
    length: int = 0

    @property
    def urlkey(self) -> str:
        parts = urlsplit(self.url)
        return (parts.netloc + parts.path + ("?" + parts.query if parts.query else "")).lower()


@dataclass
class StandIn:
    captures: list[StoredCapture]
    warc_dir: Path
    crawls: dict[str, tuple[str, str]] = field(default_factory=lambda: {
        "CC-MAIN-2016-07": ("2016-02-06T00:00:00", "2016-02-15T00:00:00")})
    page_size: int = 3  # captures per pywb page / per Wayback resume-key page at most
    replay_delay: float = 0.0
    cdx_delay: float = 0.0
    retry_after: str | None = None  # the first replay answers 429 with this Retry-After
    missing: set[str] = field(default_factory=set)  # original URLs whose replay 404s
    log: list[tuple[float, str, dict[str, list[str]]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def write_warcs(self) -> None:
        """One gzipped WARC per crawl; each capture learns its filename, offset, length."""
        self.warc_dir.mkdir(parents=True, exist_ok=True)
        for crawl in self.crawls:
            name = f"crawl-data/{crawl}/segments/0/warc/{crawl}-00000.warc.gz"
            path = self.warc_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as out:
                writer = WARCWriter(out, gzip=True)
                for cap in (c for c in self.captures if c.crawl == crawl):
                    headers = StatusAndHeaders(f"{cap.status} OK", [
                        ("Content-Type", f"{cap.mime}; charset=utf-8")], protocol="HTTP/1.1")
                    ts = cap.timestamp
                    record = writer.create_warc_record(
                        cap.url, "response", payload=io.BytesIO(cap.body), http_headers=headers,
                        warc_headers_dict={"WARC-Date": f"{ts[:4]}-{ts[4:6]}-{ts[6:8]}T"
                                                        f"{ts[8:10]}:{ts[10:12]}:{ts[12:14]}Z"})
                    cap.filename, cap.offset = name, out.tell()
                    writer.write_record(record)
                    cap.length = out.tell() - cap.offset

    def requests(self, prefix: str) -> list[tuple[float, str, dict[str, list[str]]]]:
        with self.lock:
            return [r for r in self.log if r[1].startswith(prefix)]

    # -- queries ------------------------------------------------------------------------
    def matching(self, query: dict[str, list[str]], crawl: str | None) -> list[StoredCapture]:
        pattern = query.get("url", [""])[0]
        host = pattern.removesuffix("/*").split("/")[0].lower()
        lo = query.get("from", [""])[0]
        hi = query.get("to", [""])[0]
        out = []
        for c in sorted(self.captures, key=lambda c: (c.urlkey, c.timestamp)):
            if urlsplit(c.url).netloc.lower() != host or (crawl and c.crawl != crawl):
                continue
            if lo and c.timestamp[:len(lo)] < lo or hi and c.timestamp[:len(hi)] > hi:
                continue
            filters = query.get("filter", [])
            if ("statuscode:200" in filters or "=status:200" in filters) and c.status != 200:
                continue
            out.append(c)
        if "urlkey" in query.get("collapse", []):
            seen: set[str] = set()
            out = [c for c in out if not (c.urlkey in seen or seen.add(c.urlkey))]
        return out


class _Handler(BaseHTTPRequestHandler):
    stand_in: StandIn

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, ctype: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        s = self.stand_in
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        with s.lock:
            s.log.append((time.monotonic(), parts.path, query))
        if parts.path == "/cdx/search/cdx":
            return self._wayback_cdx(query)
        if parts.path.startswith("/web/"):
            return self._replay(self.path[len("/web/"):])
        if parts.path == "/collinfo.json":
            crawls = [{"id": c, "name": c, "cdx-api": f"/{c}-index", "from": f, "to": t}
                      for c, (f, t) in s.crawls.items()]
            return self._send(200, json.dumps(crawls).encode())
        if parts.path.endswith("-index"):
            return self._pywb_cdx(parts.path.strip("/").removesuffix("-index"), query)
        if parts.path.startswith("/crawl-data/"):
            return self._warc(parts.path.lstrip("/"))
        return self._send(404, b"not found", "text/plain")

    def _wayback_cdx(self, query: dict[str, list[str]]) -> None:
        s = self.stand_in
        time.sleep(s.cdx_delay)
        caps = s.matching(query, None)
        start = int(query.get("resumeKey", ["0"])[0])
        limit = min(int(query.get("limit", [str(s.page_size)])[0]), s.page_size)
        rows: list[list[str]] = [["urlkey", "timestamp", "original", "mimetype", "statuscode",
                                  "digest", "length"]]
        rows += [[c.urlkey, c.timestamp, c.url, c.mime, str(c.status), "D" + c.timestamp,
                  str(len(c.body))] for c in caps[start:start + limit]]
        if start + limit < len(caps) and query.get("showResumeKey") == ["true"]:
            rows += [[], [str(start + limit)]]
        self._send(200, json.dumps(rows).encode())

    def _pywb_cdx(self, crawl: str, query: dict[str, list[str]]) -> None:
        s = self.stand_in
        time.sleep(s.cdx_delay)
        caps = s.matching(query, crawl)
        pages = max(1, -(-len(caps) // s.page_size))
        if query.get("showNumPages") == ["true"]:
            return self._send(200, json.dumps({"pages": pages, "pageSize": 1,
                                               "blocks": pages}).encode())
        page = int(query.get("page", ["0"])[0])
        if page >= pages:
            return self._send(400, b"page out of range", "text/plain")
        lines = [json.dumps({"urlkey": c.urlkey, "timestamp": c.timestamp, "url": c.url,
                             "mime": c.mime, "status": str(c.status), "digest": "D",
                             "length": str(c.length), "offset": str(c.offset),
                             "filename": c.filename})
                 for c in caps[page * s.page_size:(page + 1) * s.page_size]]
        self._send(200, ("\n".join(lines) + "\n").encode(), "text/x-ndjson")

    def _replay(self, rest: str) -> None:
        s = self.stand_in
        timestamp, _, url = rest.partition("id_/")
        url = unquote(url)
        with s.lock:
            throttle, s.retry_after = s.retry_after, None
        if throttle is not None:
            return self._send(429, b"slow down", "text/plain", {"Retry-After": throttle})
        time.sleep(s.replay_delay)
        for c in s.captures:
            if c.url == url and c.timestamp == timestamp and url not in s.missing:
                return self._send(200, c.body, "text/html; charset=utf-8",
                                  {"X-Archive-Orig-Server": "stand-in"})
        self._send(404, b"not in archive", "text/plain")

    def _warc(self, name: str) -> None:
        path = self.stand_in.warc_dir / name
        if not path.exists():
            return self._send(404, b"no such file", "text/plain")
        data = path.read_bytes()
        rng = self.headers.get("Range", "")
        if rng.startswith("bytes="):
            first, _, last = rng[6:].partition("-")
            chunk = data[int(first):int(last) + 1]
            return self._send(206, chunk, "application/warc",
                              {"Content-Range": f"bytes {first}-{last}/{len(data)}"})
        self._send(200, data, "application/warc")


def serve(stand_in: StandIn) -> tuple[ThreadingHTTPServer, str]:
    """Start the stand-in in a thread; returns (server, base URL). Call server.shutdown()."""
    handler = type("Handler", (_Handler,), {"stand_in": stand_in})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"
