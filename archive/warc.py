"""WARC export of the raw store: the archival interchange format (pywb, ArchiveBox, webrecorder
read it), so that the pages outlive this project's own schema."""

from __future__ import annotations

from datetime import UTC
from io import BytesIO
from pathlib import Path

from sqlite_utils import Database
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.rawstore import iter_versions

_REASONS = {200: "OK", 203: "Non-Authoritative Information", 206: "Partial Content"}


def export_warc(db: Database, out: str | Path, *, source_id: str | None = None,
                version: str | int = "latest") -> dict[str, int]:
    """Write stored pages as WARC `response` records (gzip per record).

    `version`: `latest` (each page as last fetched), `current` (the body its article came
    from), `all` (every stored version, each with the date it was first fetched: a WARC holds
    several captures of one URL) or one page_versions id. Returns counts and the raw store's
    size before/after compression, the ratio `thidua export warc` reports.
    """
    counts = {"records": 0, "bytes": 0, "stored_bytes": 0}
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for page in iter_versions(db, version, source_ids=[source_id] if source_id else None):
            header_list = [(k, v) for k, v in page.headers.items()
                           if k.lower() not in ("content-encoding", "transfer-encoding", "content-length")]
            header_list.append(("Content-Length", str(len(page.body))))
            http = StatusAndHeaders(f"{page.status} {_REASONS.get(page.status, 'OK')}",
                                    header_list, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                page.url, "response", payload=BytesIO(page.body), http_headers=http,
                warc_headers_dict={"WARC-Date": _warc_date(page.fetched_at)},
            )
            writer.write_record(record)
            counts["records"] += 1
            counts["bytes"] += page.size or len(page.body)
            counts["stored_bytes"] += page.compressed_size
    return counts


def _warc_date(fetched_at: str | None) -> str:
    """WARC wants UTC with a Z; our timestamps carry their offset."""
    from datetime import datetime

    if not fetched_at:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.fromisoformat(fetched_at).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
