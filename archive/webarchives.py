"""The public web archives `thidua backfill` reads, and how their bytes are fetched politely.

Two ways to get a capture's original bytes: a replay server's `<timestamp>id_/<url>` (the
Wayback Machine: `id_` means "as captured", no rewritten links or banner), or a byte range of
a WARC file named by the index (Common Crawl: `filename`, `offset`, `length`), read with
warcio. An archive is polite to us only if we are polite to it: one request at a time, a
delay between requests, and a 429/503's `Retry-After` obeyed before trying again.
"""

from __future__ import annotations

import email.utils
import io
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.cdx import WAYBACK, Capture, dialect_of

USER_AGENT = "thidua-archive/0.1 (backfill of provincial news; one request at a time)"


class ArchiveError(Exception):
    """The archive cannot be used: unknown name, unreachable, or an unusable answer."""


class ArchiveHTTPError(ArchiveError):
    """The archive answered with an HTTP error (after the retries it deserved)."""

    def __init__(self, status: int, url: str) -> None:
        super().__init__(f"HTTP {status} from {url}")
        self.status = status
        self.url = url


@dataclass(frozen=True)
class WebArchive:
    """An index (one CDX endpoint, or a `collinfo.json` naming one per crawl) and where the
    bytes are: a replay prefix, a WARC data prefix (URL or local directory), or both."""

    name: str
    index: str
    replay: str | None = None
    data: str | None = None


KNOWN_ARCHIVES = {
    "wayback": WebArchive("wayback", "https://web.archive.org/cdx/search/cdx",
                          replay="https://web.archive.org/web/"),
    "commoncrawl": WebArchive("commoncrawl", "https://index.commoncrawl.org/collinfo.json",
                              data="https://data.commoncrawl.org/"),
}


def _default_replay(index: str) -> str:
    """Where a CDX endpoint's replay lives: …/cdx/search/cdx → …/web/ (Wayback);
    …/<coll>/cdx, …/<coll>-cdx, …/<coll>-index → …/<coll>/ (pywb)."""
    parts = urlsplit(index)
    path = parts.path.rstrip("/")
    if dialect_of(index) == WAYBACK:
        path = path.removesuffix("/cdx/search/cdx") + "/web"
    elif path.endswith("/cdx"):
        path = path.removesuffix("/cdx")
    else:
        for suffix in ("-cdx", "-index"):
            path = path.removesuffix(suffix)
    return f"{parts.scheme}://{parts.netloc}{path}/"


def resolve_archive(spec: str, *, replay: str | None = None,
                    data: str | None = None) -> WebArchive:
    """'wayback', 'commoncrawl', or the URL of a CDX endpoint / collinfo.json of your own."""
    if spec in KNOWN_ARCHIVES:
        known = KNOWN_ARCHIVES[spec]
        return WebArchive(known.name, known.index, replay or known.replay, data or known.data)
    if not spec.startswith(("http://", "https://")):
        raise ArchiveError(f"unknown archive {spec!r}: use wayback, commoncrawl or the URL of "
                           f"a CDX endpoint (…/cdx/search/cdx, …/<coll>/cdx, …/collinfo.json)")
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(spec))
    return WebArchive(spec, spec, replay or _default_replay(spec), data or origin)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def retry_after_seconds(value: str | None, default: float) -> float:
    """`Retry-After` as seconds: a number, or an HTTP date (RFC 9110 allows both)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class PoliteClient:
    """One archive, one request at a time, `delay` seconds apart; 429/503 wait for their
    `Retry-After` (capped at `max_wait`), other 5xx and network errors back off; `retries`
    times at most. Counts what it sent, for the run's `crawls` row."""

    RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

    def __init__(self, *, delay: float = 1.0, timeout: float = 60.0, retries: int = 4,
                 max_wait: float = 900.0, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay, self.timeout, self.retries, self.max_wait = delay, timeout, retries, max_wait
        self.sleep = sleep
        self._last = 0.0
        self.requests = 0
        self.responses = 0
        self.waited = 0.0

    def _pace(self) -> None:
        gap = self._last + self.delay - time.monotonic()
        if gap > 0:
            self.sleep(gap)

    def _once(self, url: str, headers: dict[str, str]) -> Reply:
        self._pace()
        req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
        self.requests += 1
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                reply = Reply(resp.status, dict(resp.headers.items()), resp.read())
        except urllib.error.HTTPError as exc:
            reply = Reply(exc.code, dict(exc.headers.items()) if exc.headers else {},
                          exc.read() if exc.fp else b"")
        finally:
            self._last = time.monotonic()
        self.responses += 1
        return reply

    def get(self, url: str, headers: dict[str, str] | None = None) -> Reply:
        """The reply (2xx), or ArchiveHTTPError / ArchiveError once retries are spent."""
        backoff = max(self.delay, 1.0)
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                reply = self._once(url, headers or {})
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                if last:
                    raise ArchiveError(f"cannot reach {url}: {exc}") from exc
                self._wait(backoff)
                backoff *= 2
                continue
            if 200 <= reply.status < 300:
                return reply
            if reply.status not in self.RETRY_STATUSES or last:
                raise ArchiveHTTPError(reply.status, url)
            retry_after = {k.lower(): v for k, v in reply.headers.items()}.get("retry-after")
            self._wait(retry_after_seconds(retry_after, backoff))
            backoff *= 2
        raise ArchiveError(f"cannot fetch {url}")  # pragma: no cover - loop always returns

    def _wait(self, seconds: float) -> None:
        seconds = min(seconds, self.max_wait)
        self.waited += seconds
        self.sleep(seconds)

    def text(self, url: str) -> str:
        return self.get(url).body.decode("utf-8", errors="replace")


def cdx_endpoints(archive: WebArchive, client: PoliteClient, start: str | None,
                  end: str | None) -> list[str]:
    """The CDX endpoints to ask: the index itself, or the crawls a `collinfo.json` lists
    whose dates overlap [start, end] (Common Crawl keeps one index per crawl)."""
    if not urlsplit(archive.index).path.endswith("collinfo.json"):
        return [archive.index]
    try:
        crawls = json.loads(client.text(archive.index))
    except ValueError as exc:
        raise ArchiveError(f"{archive.index} is not a JSON list of crawls: {exc}") from exc
    lo, hi = (start or "0")[:8], (end or "9")[:8]
    endpoints = []
    for crawl in crawls if isinstance(crawls, list) else []:
        api = crawl.get("cdx-api") if isinstance(crawl, dict) else None
        if not api:
            continue
        first, last = _crawl_span(crawl)
        if first <= hi and last >= lo:
            endpoints.append(urljoin(archive.index, api))
    return endpoints


def _crawl_span(crawl: dict[str, object]) -> tuple[str, str]:
    """(first, last) day of a crawl as yyyymmdd: its `from`/`to`, else the year in its id
    (`CC-MAIN-2016-07`), else unbounded (the crawl is asked)."""
    def digits(value: object) -> str:
        return "".join(ch for ch in str(value or "") if ch.isdigit())[:8]

    first, last = digits(crawl.get("from")), digits(crawl.get("to"))
    year = re.search(r"-((?:19|20)\d\d)-", str(crawl.get("id", "")))
    if year and not first:
        first = year.group(1) + "0101"
    if year and not last:
        last = year.group(1) + "1231"
    return first or "0", last or "9"


def _warc_bytes(archive: WebArchive, capture: Capture, client: PoliteClient) -> bytes:
    assert capture.offset is not None and capture.length
    data = archive.data or ""
    if not data.startswith(("http://", "https://")):
        path = Path(data) / capture.filename
        try:
            with path.open("rb") as fh:
                fh.seek(capture.offset)
                return fh.read(capture.length)
        except OSError as exc:
            raise ArchiveError(f"cannot read {path}: {exc}") from exc
    last = capture.offset + capture.length - 1
    reply = client.get(urljoin(data, capture.filename),
                       {"Range": f"bytes={capture.offset}-{last}"})
    if reply.status == 200 and len(reply.body) > capture.length:  # Range ignored
        return reply.body[capture.offset:last + 1]
    return reply.body


def read_warc_record(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """(HTTP status, HTTP headers, payload) of the first response record in `raw` (one
    gzip member cut from a WARC file, or a whole small WARC)."""
    try:
        for record in ArchiveIterator(io.BytesIO(raw)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = int(record.http_headers.get_statuscode() or 0)
            # the payload comes out de-chunked and decompressed: those headers no longer hold
            headers = {k: v for k, v in record.http_headers.headers
                       if k.lower() not in ("content-encoding", "transfer-encoding",
                                            "content-length")}
            return status, headers, record.content_stream().read()
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        raise ArchiveError(f"not a WARC response record: {exc}") from exc
    raise ArchiveError("no WARC response record at that offset")


def fetch_capture(archive: WebArchive, capture: Capture,
                  client: PoliteClient) -> tuple[dict[str, str], bytes]:
    """(original HTTP headers, original bytes) of one capture."""
    if capture.in_warc and archive.data:
        status, headers, body = read_warc_record(_warc_bytes(archive, capture, client))
        if status != 200:
            raise ArchiveError(f"the WARC record of {capture.url} holds HTTP {status}")
        return headers, body
    if not archive.replay:
        raise ArchiveError(f"{archive.name}: the index gives no WARC location for "
                           f"{capture.url} and no replay prefix is known (--replay-prefix)")
    reply = client.get(f"{archive.replay}{capture.timestamp}id_/{capture.url}")
    return reply.headers, reply.body
