"""WARC export of the raw store: the archival interchange format (pywb, ArchiveBox, webrecorder
read it), so that the pages outlive this project's own schema."""

from __future__ import annotations

import json
from datetime import UTC
from io import BytesIO
from pathlib import Path

from sqlite_utils import Database
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.store import decompress

_REASONS = {200: "OK", 203: "Non-Authoritative Information", 206: "Partial Content"}


def export_warc(db: Database, out: str | Path, *, source_id: str | None = None) -> dict[str, int]:
    """Write every stored page as a WARC `response` record (gzip per record).

    Returns counts and the raw store's size before/after compression, which is the ratio
    `thidua export warc` reports.
    """
    where, params = "", []
    if source_id:
        where, params = "where source_id = ?", [source_id]
    counts = {"records": 0, "bytes": 0, "stored_bytes": 0}
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, status, headers, fetched_at, body, size, csize in db.execute(
            f"select url, status, headers, fetched_at, body, size, compressed_size from pages {where} order by id",
            params,
        ):
            raw = decompress(body)
            header_list = [(k, v) for k, v in json.loads(headers or "{}").items()
                           if k.lower() not in ("content-encoding", "transfer-encoding", "content-length")]
            header_list.append(("Content-Length", str(len(raw))))
            http = StatusAndHeaders(f"{status} {_REASONS.get(status, 'OK')}", header_list,
                                    protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(raw), http_headers=http,
                warc_headers_dict={"WARC-Date": _warc_date(fetched_at)},
            )
            writer.write_record(record)
            counts["records"] += 1
            counts["bytes"] += size or len(raw)
            counts["stored_bytes"] += csize or 0
    return counts


def _warc_date(fetched_at: str | None) -> str:
    """WARC wants UTC with a Z; our timestamps carry their offset."""
    from datetime import datetime

    if not fetched_at:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.fromisoformat(fetched_at).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
