"""CDX index queries: which captures of a site a web archive holds.

The Wayback Machine's CDX server and Common Crawl's index server (pywb) answer the same query
(`url=HOST/*`, `from`, `to`, a status filter, `collapse=urlkey`, paged) in two dialects: the
Wayback one returns a JSON array of arrays whose first row names the fields (`original`,
`statuscode`, …) and pages with a resume key; pywb returns one JSON object per line (`url`,
`status`, `filename`, `offset`, `length`, …) and pages with `page=N` after a `showNumPages`
query. Both are read here into one `Capture`. Filters are applied again on our side: a server
may ignore a parameter it does not know, and the pages of a paged query may hold anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

WAYBACK, PYWB = "wayback", "pywb"
PAGE_LIMIT = 1000  # captures per resume-key page (Wayback dialect)


class CdxError(Exception):
    """The index answered something that is not a CDX listing."""


@dataclass(frozen=True)
class Capture:
    """One archived response: the original URL and when it was captured, plus where its
    bytes are (a WARC file, offset and length) when the index says so."""

    url: str
    timestamp: str  # yyyyMMddhhmmss
    status: int | None = None
    mime: str = ""
    digest: str = ""
    urlkey: str = ""
    filename: str = ""
    offset: int | None = None
    length: int | None = None

    @property
    def captured_at(self) -> str:
        """ISO 8601 UTC (archives stamp captures in UTC)."""
        t = (self.timestamp + "00000000000000")[:14]
        return f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}+00:00"

    @property
    def in_warc(self) -> bool:
        return bool(self.filename) and self.offset is not None and bool(self.length)


def dialect_of(endpoint: str) -> str:
    """The Wayback CDX server lives at …/cdx/search/cdx; anything else is taken for pywb."""
    return WAYBACK if urlsplit(endpoint).path.rstrip("/").endswith("/cdx/search/cdx") else PYWB


def timestamp_bound(value: str | None, *, upper: bool = False) -> str | None:
    """'2010' / '2025-07-01' / '20250701' → CDX digits (1–14; the server pads the rest)."""
    if not value:
        return None
    digits = "".join(ch for ch in value if ch.isdigit())
    if not digits or len(digits) > 14:
        raise CdxError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return digits


def query_url(endpoint: str, host: str, *, start: str | None, end: str | None,
              page: int | None = None, resume_key: str | None = None,
              num_pages: bool = False) -> str:
    """The CDX query for every 200 capture under `host`, one per URL, in this dialect."""
    dialect = dialect_of(endpoint)
    params: list[tuple[str, str]] = [("url", f"{host}/*"), ("output", "json")]
    if start:
        params.append(("from", start))
    if end:
        params.append(("to", end))
    if dialect == WAYBACK:
        params += [("filter", "statuscode:200"), ("collapse", "urlkey")]
        if num_pages:
            params.append(("showNumPages", "true"))
        else:
            params += [("limit", str(PAGE_LIMIT)), ("showResumeKey", "true")]
            if resume_key:
                params.append(("resumeKey", resume_key))
    else:
        params += [("filter", "=status:200"), ("collapse", "urlkey")]
        if num_pages:
            params.append(("showNumPages", "true"))
        elif page is not None:
            params.append(("page", str(page)))
    parts = urlsplit(endpoint)
    query = (parts.query + "&" if parts.query else "") + urlencode(params)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _capture(fields: dict[str, str]) -> Capture | None:
    url = fields.get("original") or fields.get("url") or ""
    timestamp = fields.get("timestamp") or ""
    if not url or not timestamp.isdigit():
        return None
    return Capture(
        url=url, timestamp=timestamp,
        status=_int(fields.get("statuscode") or fields.get("status")),
        mime=fields.get("mimetype") or fields.get("mime") or "",
        digest=fields.get("digest") or "", urlkey=fields.get("urlkey") or "",
        filename=fields.get("filename") or "", offset=_int(fields.get("offset")),
        length=_int(fields.get("length")) if fields.get("filename") else None,
    )


def parse_listing(text: str) -> tuple[list[Capture], str | None]:
    """(captures, resume key or None) from either dialect's `output=json` answer."""
    text = text.strip()
    if not text:
        return [], None
    if text.startswith("["):
        try:
            rows = json.loads(text)
        except ValueError as exc:
            raise CdxError(f"CDX answer is not JSON: {exc}") from exc
        if not rows:
            return [], None
        header, resume = rows[0], None
        body = rows[1:]
        if len(body) >= 2 and body[-2] == [] and len(body[-1]) == 1:
            resume, body = body[-1][0], body[:-2]
        caps = [_capture(dict(zip(header, row, strict=False))) for row in body if row]
        return [c for c in caps if c], resume
    caps = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise CdxError(f"CDX line is not JSON: {line[:80]!r}") from exc
        if isinstance(obj, dict) and (cap := _capture(obj)):
            caps.append(cap)
    return caps, None


def parse_num_pages(text: str) -> int | None:
    """`showNumPages`: a bare number (Wayback) or {"pages": N, …} (pywb); None if neither."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        obj = json.loads(text)
    except ValueError:
        return None
    return _int(obj.get("pages")) if isinstance(obj, dict) else None


def wanted(capture: Capture) -> bool:
    """A 200 HTML page (the filters, applied again on our side)."""
    if capture.status is not None and capture.status != 200:
        return False
    mime = capture.mime.lower()
    return not mime or mime in ("unk", "warc/revisit") or "html" in mime


Get = Callable[[str], str]


def list_pages(endpoint: str, host: str, *, start: str | None, end: str | None, get: Get,
               cursor: str | None = None) -> Iterator[tuple[list[Capture], str | None]]:
    """Yield (captures of one page, cursor after it; None when the listing is complete).

    `cursor` (from a previous, interrupted run) resumes after the last page it covered:
    'page:N' (pywb pages) or 'key:K' (Wayback resume key).
    """
    if dialect_of(endpoint) == WAYBACK:
        key = cursor[4:] if cursor and cursor.startswith("key:") else None
        seen: set[str] = set()
        while True:
            caps, after = parse_listing(get(query_url(endpoint, host, start=start, end=end,
                                                      resume_key=key)))
            if after and after in seen:  # a server handing back a key twice would loop
                raise CdxError(f"{endpoint} returned the resume key {after!r} twice")
            seen.add(after or "")
            key = after
            yield [c for c in caps if wanted(c)], (f"key:{key}" if key else None)
            if not key:
                return
    try:
        pages = parse_num_pages(get(query_url(endpoint, host, start=start, end=end,
                                              num_pages=True)))
    except Exception as exc:
        if getattr(exc, "status", None) != 400:  # 400: "no pagination on this index"
            raise
        pages = None
    first = int(cursor[5:]) if cursor and cursor.startswith("page:") else 0
    if pages is None:  # no pagination here: one query holds everything
        caps, _ = parse_listing(get(query_url(endpoint, host, start=start, end=end)))
        yield [c for c in caps if wanted(c)], None
        return
    for page in range(first, pages):
        caps, _ = parse_listing(get(query_url(endpoint, host, start=start, end=end, page=page)))
        yield [c for c in caps if wanted(c)], (f"page:{page + 1}" if page + 1 < pages else None)
    if first >= pages:
        yield [], None
