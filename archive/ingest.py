"""Page → article → meetings: the one path shared by the crawler and `thidua reparse`.

Keeping a single path means an extractor improvement reaches old pages exactly as it reaches
new ones, and a reparse can never disagree with what a fresh crawl would have stored.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from archive import store
from archive.encoding import decode_html, decode_problems

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    outcome: str  # new | updated | unchanged | failed | not-article
    url: str
    page_id: int | None = None
    article_id: int | None = None
    meetings: int = 0
    message: str = ""
    changed_fields: list[str] = field(default_factory=list)


def extractor_version() -> str:
    """Version of everything that turns a page into rows; stored per article for reparse."""
    from archive import extract, meetings

    return f"extract-{getattr(extract, 'VERSION', '0')}+meetings-{getattr(meetings, 'EXTRACTOR_VERSION', '0')}"


def decode_page(body: bytes, headers: Mapping[str, str] | None) -> tuple[str, list[str]]:
    """Bytes → NFC text, with the charset repairs that were needed (logged with the page)."""
    declared = None
    for k, v in (headers or {}).items():
        if k.lower() == "content-type" and "charset=" in v.lower():
            declared = v.lower().split("charset=")[-1].split(";")[0].strip().strip('"')
    return decode_html(body, declared)


def with_province(record: dict[str, Any], province: str | None, former: str | None) -> dict[str, Any]:
    """Province as it was when the article was published, and the current one.

    A source registered under today's province (34) published its old articles under the
    former one (63 before 2025-07-01); researchers filter by either.
    """
    if not province:
        return record
    record = dict(record)
    try:
        from archive.places import province_regimes

        regimes = province_regimes(former or province, on=(record.get("published_at") or "")[:10] or None)
        record["province"] = regimes.get("province") or province
        record["province_former"] = regimes.get("province_former")
        # codes say their regime in the column name: current = 34-province, former = 63
        record["province_code"] = regimes.get("code_current")
        record["province_former_code"] = regimes.get("code_former")
    except Exception as exc:  # noqa: BLE001 - gazetteer gaps must not cost the article
        log.warning("province lookup failed for %s: %s", province, exc)
        record["province"] = province
        record["province_former"] = former
    return record


def build_record(text: str, url: str, rules: Mapping[str, Any] | None) -> dict[str, Any]:
    from archive.extract import extract_article

    record = extract_article(text, url, dict(rules) if rules else None)
    record["url"] = record.get("canonical_url") or url
    return record


def _problem(record: Mapping[str, Any]) -> str | None:
    if not record.get("is_article", True):
        return "not-article"
    missing = [k for k in ("title", "body") if not (record.get(k) or "").strip()]
    if missing:
        return f"extracted no {' and no '.join(missing)}"
    return None


def ingest_page(
    db: Database,
    *,
    url: str,
    body: bytes,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    source: Any = None,
    crawl_id: int | None = None,
    fetched_at: str | None = None,
) -> IngestResult:
    """Archive one fetched article page. The raw page is committed before anything can fail."""
    source_id = getattr(source, "id", None)
    page_id, _ = store.save_page(db, url=url, body=body, status=status, headers=headers,
                                 source_id=source_id, fetched_at=fetched_at, crawl_id=crawl_id)
    return extract_and_store(db, page_id=page_id, url=url, body=body, headers=headers,
                             source=source, crawl_id=crawl_id, seen_at=fetched_at)


def extract_and_store(
    db: Database,
    *,
    page_id: int,
    url: str,
    body: bytes,
    headers: Mapping[str, str] | None,
    source: Any = None,
    crawl_id: int | None = None,
    seen_at: str | None = None,
    keep_better: bool = False,
) -> IngestResult:
    source_id = getattr(source, "id", None)
    try:
        text, repairs = decode_page(body, headers)
        if repairs:
            log.info("%s: charset repairs %s", url, repairs)
        undecodable = decode_problems(repairs)
        record = {} if undecodable else build_record(text, url, getattr(source, "rules", None))
    except Exception as exc:  # noqa: BLE001 - any extractor bug becomes a failures row
        store.record_failure(db, url=url, stage="extract", message=f"{type(exc).__name__}: {exc}",
                             source_id=source_id, crawl_id=crawl_id, page_id=page_id)
        log.warning("extraction failed for %s: %s", url, exc)
        return IngestResult("failed", url, page_id=page_id, message=str(exc))
    if undecodable:
        # never store mojibake as an article: the raw page is kept, a reparse can retry it
        message = "; ".join(undecodable)
        store.record_failure(db, url=url, stage="decode", message=message, source_id=source_id,
                             crawl_id=crawl_id, page_id=page_id)
        log.warning("undecodable text in %s: %s", url, message)
        return IngestResult("failed", url, page_id=page_id, message=message)
    problem = _problem(record)
    if problem:
        stage = "classify" if problem == "not-article" else "extract"
        message = "page is not an article (listing/home page?)" if problem == "not-article" else problem
        store.record_failure(db, url=url, stage=stage, message=message, source_id=source_id,
                             crawl_id=crawl_id, page_id=page_id)
        return IngestResult("not-article" if problem == "not-article" else "failed", url,
                            page_id=page_id, message=message)
    record = with_province(record, getattr(source, "province", None),
                           getattr(source, "province_former", None))
    record.setdefault("organisation", getattr(source, "organisation", None))
    if not record.get("organisation"):
        record["organisation"] = getattr(source, "organisation", None)
    version = extractor_version()
    before = _article_snapshot(db, record["url"]) if keep_better else None
    from archive.urls import content_fingerprint

    outcome, article_id = store.upsert_article(
        db, record, source_id=source_id, page_id=page_id, extractor_version=version,
        seen_at=seen_at, fingerprint=content_fingerprint(record.get("title"), record.get("body")),
    )
    result = IngestResult(outcome, url, page_id=page_id, article_id=article_id)
    if before:
        after = _article_snapshot(db, record["url"]) or {}
        result.changed_fields = [k for k in before if before[k] != after.get(k)]
    try:
        from archive.meetings import extract_meetings

        meetings = extract_meetings(record.get("title") or "", record.get("body") or "",
                                    lead=record.get("lead"), published=record.get("published_at"))
        meetings = [_meeting_places(m, record) for m in meetings]
        result.meetings = store.upsert_meetings(db, article_id, meetings, extractor_version=version)
    except Exception as exc:  # noqa: BLE001 - any extractor bug becomes a failures row
        store.record_failure(db, url=url, stage="meetings", message=f"{type(exc).__name__}: {exc}",
                             source_id=source_id, crawl_id=crawl_id, page_id=page_id)
        log.warning("meeting extraction failed for %s: %s", url, exc)
    return result


def _meeting_places(meeting: Mapping[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    """A meeting without a province in its text inherits the article's (the source's)."""
    m = dict(meeting)
    if not m.get("province"):
        m["province"] = record.get("province")
        m.setdefault("province_former", record.get("province_former"))
    return m


def _article_snapshot(db: Database, url: str) -> dict[str, Any] | None:
    row = db.execute(f"select {', '.join(store.ARTICLE_FIELDS)} from articles where url = ?",
                     [url]).fetchone()
    return dict(zip(store.ARTICLE_FIELDS, row)) if row else None


def reparse(db: Database, sources: Mapping[str, Any], *, source_ids: list[str] | None = None,
            since: str | None = None) -> dict[str, Any]:
    """Re-run extraction over stored raw pages, no network.

    An article never gets worse silently: when the new extraction yields no title or body the
    old row stays as it was and a failure is recorded (that is what `_problem` → failure does,
    since a failed extraction never reaches `upsert_article`).
    """
    where, params = ["status between 200 and 299"], []
    if source_ids:
        where.append(f"source_id in ({','.join('?' * len(source_ids))})")
        params += list(source_ids)
    if since:
        where.append("fetched_at >= ?")
        params.append(since)
    sql = f"select id, url, source_id, headers, body from pages where {' and '.join(where)} order by id"
    outcomes: Counter[str] = Counter()
    fields: Counter[str] = Counter()
    for page_id, url, source_id, headers, blob in list(db.execute(sql, params)):
        result = extract_and_store(
            db, page_id=page_id, url=url, body=store.decompress(blob),
            headers=json.loads(headers or "{}"), source=sources.get(source_id),
            keep_better=True,
        )
        outcomes[result.outcome] += 1
        fields.update(result.changed_fields)
    return {"pages": sum(outcomes.values()), "outcomes": dict(outcomes), "changed_fields": dict(fields)}
