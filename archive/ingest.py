"""Page → article → meetings: the one path shared by the crawler and `thidua reparse`.

Keeping a single path means an extractor improvement reaches old pages exactly as it reaches
new ones, and a reparse can never disagree with what a fresh crawl would have stored.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from archive import clusters, people, rawstore, store
from archive.completeness import error_signature, judge, looks_truncated, variant_loses
from archive.encoding import decode_html, decode_problems
from archive.urls import content_fingerprint, normalise_for_hash, plainer_address

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


@dataclass
class Analysis:
    """What one page yields, computed without the archive.

    Pure data (picklable), so the CPU-heavy part of ingest can run in another process while the
    one SQLite writer only stores the result. Either `record` is set (an article, with its
    meetings) or `failure` says why not, as (stage, message, outcome).
    """

    url: str
    record: dict[str, Any] | None = None
    meetings: list[dict[str, Any]] = field(default_factory=list)
    failure: tuple[str, str, str] | None = None
    meetings_error: str | None = None
    truncated: bool = False  # the HTML never reached its closing tags
    signature: str | None = None  # an error-page phrase the extraction shows


def analyse_page(url: str, body: bytes, headers: Mapping[str, str] | None,
                 source: Any = None) -> Analysis:
    """Decode, extract, normalise and find meetings: everything ingest does before writing."""
    try:
        text, repairs = decode_page(body, headers)
        if repairs:
            log.info("%s: charset repairs %s", url, repairs)
        undecodable = decode_problems(repairs)
        record = {} if undecodable else build_record(text, url, getattr(source, "rules", None))
    except Exception as exc:  # noqa: BLE001 - any extractor bug becomes a failures row
        log.warning("extraction failed for %s: %s", url, exc)
        return Analysis(url, failure=("extract", f"{type(exc).__name__}: {exc}", "failed"))
    if undecodable:
        # never store mojibake as an article: the raw page is kept, a reparse can retry it
        message = "; ".join(undecodable)
        log.warning("undecodable text in %s: %s", url, message)
        return Analysis(url, failure=("decode", message, "failed"))
    problem = _problem(record)
    if problem == "not-article":
        return Analysis(url, failure=("classify", "page is not an article (listing/home page?)",
                                      "not-article"))
    if problem:
        return Analysis(url, failure=("extract", problem, "failed"))
    record = with_province(record, getattr(source, "province", None),
                           getattr(source, "province_former", None))
    if not record.get("organisation"):
        record["organisation"] = getattr(source, "organisation", None)

    record["fingerprint"] = content_fingerprint(record.get("title"), record.get("body"))
    analysis = Analysis(record["url"], record=record, truncated=looks_truncated(body),
                        signature=error_signature(record.get("title"), record.get("body")))
    try:
        from archive.meetings import extract_meetings

        captions = [c for c in record.get("captions") or [] if isinstance(c, str)]
        meetings = extract_meetings(record.get("title") or "", record.get("body") or "",
                                    lead=record.get("lead"), published=record.get("published_at"),
                                    captions=captions, source_province=getattr(source, "province", None),
                                    source_province_former=getattr(source, "province_former", None))
        analysis.meetings = [_meeting_places(m, record) for m in meetings]
        for m in analysis.meetings:  # resolved here, in the worker, not by the writer
            m["member_orgs"] = store.member_orgs(m)
    except Exception as exc:  # noqa: BLE001 - any extractor bug becomes a failures row
        log.warning("meeting extraction failed for %s: %s", url, exc)
        analysis.meetings_error = f"{type(exc).__name__}: {exc}"
    return analysis


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
    analysis: Analysis | None = None,
) -> IngestResult:
    """Archive one fetched article page in one transaction: the raw page, the article, its
    search-index rows, its meetings (or the failure saying why there is no article).

    `analysis` may come precomputed (from a worker process); otherwise it is computed here.
    """
    if analysis is None:
        analysis = analyse_page(url, body, headers, source)
    source_id = getattr(source, "id", None)
    with store.transaction(db):
        saved = rawstore.save_page(db, url=url, body=body, status=status, headers=headers,
                                   source_id=source_id, fetched_at=fetched_at, crawl_id=crawl_id)
        return store_analysis(db, analysis, url=url, page_id=saved.page_id,
                              version_id=saved.version_id, source_id=source_id,
                              crawl_id=crawl_id, seen_at=fetched_at)


def store_analysis(
    db: Database,
    analysis: Analysis,
    *,
    url: str,
    page_id: int,
    source_id: str | None,
    version_id: int | None = None,
    crawl_id: int | None = None,
    seen_at: str | None = None,
) -> IngestResult:
    """Write what `analyse_page` found for a stored page version, in one transaction.

    Never worse: an extraction less complete than the stored article (archive/completeness.py)
    changes nothing but a `suspect` failure row; the raw version stays for a later look.
    A write that fails after the page is stored (a bug, a constraint) rolls back the article,
    its index rows and meetings together and leaves a `store` failure next to the raw page.
    """
    where = {"url": url, "source_id": source_id, "crawl_id": crawl_id, "page_id": page_id}
    had_article = _has_article(db, page_id)
    if analysis.failure and not had_article:
        stage, message, outcome = analysis.failure
        store.record_failure(db, stage=stage, message=message, **where)
        return IngestResult(outcome, url, page_id=page_id, message=message)
    record = analysis.record or {}
    own_url = _settle_address(db, record, source_id)
    before = _article_snapshot(db, record["url"]) if record else None
    held = _held_back(db, analysis, record, before, own_url, version_id=version_id, where=where)
    if held is not None:
        return held
    return _store_article(db, analysis, record, before, version_id=version_id, seen_at=seen_at,
                          where=where)


def _settle_address(db: Database, record: dict[str, Any], source_id: str | None) -> str | None:
    """The row the record goes to: the address of a stored copy of the same article (a print
    view, another address form), unless the record's own address is the plainer, in which
    case the stored row takes it. Returns the record's own address as extracted."""
    own_url = record.get("url")
    if record and source_id:
        record["url"] = _variant_of(db, source_id, record)
        if record["url"] != own_url and own_url and plainer_address(own_url, record["url"]):
            _readdress(db, record["url"], own_url)
            record["url"] = own_url
    return own_url


def _held_back(db: Database, analysis: Analysis, record: dict[str, Any], before: dict[str, Any] | None,
               own_url: str | None, *, version_id: int | None, where: dict[str, Any]) -> IngestResult | None:
    """Why this version must not replace the stored article, as the result to return: a less
    complete copy of it under another address ("unchanged"), or a version that failed or is
    worse than the stored one ("suspect", a failure row); None when it may be written."""
    url, page_id = where["url"], where["page_id"]
    lost = variant_loses(before, record) if record and record["url"] != own_url else []
    if lost:
        message = f"a less complete copy of {record['url']} (no {', '.join(lost)}): the fuller copy keeps the row"
        log.info("%s is %s", url, message)
        return IngestResult("unchanged", url, page_id=page_id, message=message)
    if analysis.failure:  # this page gave an article before: this version is worse
        reason: str | None = "{}: {}".format(*analysis.failure[:2])
    else:
        reason = judge(before, record, truncated=analysis.truncated,
                       signature=analysis.signature)
    if reason:
        message = f"kept as raw version {version_id} only: {reason}"
        store.record_failure(db, stage="suspect", message=message, **where)
        log.warning("suspect page %s: %s", url, reason)
        return IngestResult("suspect", url, page_id=page_id, message=message)
    return None


def _store_article(db: Database, analysis: Analysis, record: dict[str, Any], before: dict[str, Any] | None,
                   *, version_id: int | None, seen_at: str | None, where: dict[str, Any]) -> IngestResult:
    """The article written in one transaction with the failure rows its analysis calls for
    (meetings, a cut-off page); a store bug costs the article, never the page."""
    url, page_id, source_id = where["url"], where["page_id"], where["source_id"]
    with store.transaction(db):
        try:
            outcome, article_id, meetings = _write_article(db, analysis, source_id=source_id,
                                                           page_id=page_id, version_id=version_id,
                                                           seen_at=seen_at)
        except sqlite3.OperationalError:
            raise  # the archive itself is failing (disk full, locked): the caller must know
        except Exception as exc:  # noqa: BLE001 - a store bug costs the article, never the page
            log.warning("storing the article of %s failed: %s", url, exc)
            message = f"{type(exc).__name__}: {exc}"
            store.record_failure(db, stage="store", message=message, **where)
            return IngestResult("failed", url, page_id=page_id, message=message)
        if analysis.meetings_error is not None:
            store.record_failure(db, stage="meetings", message=analysis.meetings_error, **where)
        if analysis.truncated and outcome == "new":
            # archived (nothing better exists yet), but flagged: a complete fetch replaces it
            store.record_failure(db, stage="truncated", message="the page ends before </html>: "
                                 "archived as cut off, the next complete fetch replaces it",
                                 **where)
    result = IngestResult(outcome, url, page_id=page_id, article_id=article_id, meetings=meetings)
    if before:
        after = _article_snapshot(db, record["url"]) or {}
        result.changed_fields = [k for k in before if before[k] != after.get(k)]
    return result


def _write_article(db: Database, analysis: Analysis, *, source_id: str | None, page_id: int,
                   version_id: int | None, seen_at: str | None) -> tuple[str, int, int]:
    """The article, its index rows and its meetings, as one savepoint: all or nothing."""
    record = analysis.record or {}
    version = extractor_version()
    with store.savepoint(db):
        outcome, article_id = store.upsert_article(
            db, record, source_id=source_id, page_id=page_id, extractor_version=version,
            seen_at=seen_at, fingerprint=record.get("fingerprint"), version_id=version_id)
        meetings = 0
        if analysis.meetings_error is None:
            meetings = store.upsert_meetings(db, article_id, analysis.meetings,
                                             extractor_version=version)
            clusters.refresh_article(db, article_id)  # derived from the meetings
            people.refresh_article(db, article_id)
    return outcome, article_id, meetings


def _meeting_places(meeting: Mapping[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    """A meeting with no province (a source the registry places nowhere, a page fetched without
    its source) inherits the article's, both regimes and their codes together; the extractor has
    already used the source's province for a text that names none."""
    m = dict(meeting)
    if not m.get("province"):
        for key in ("province", "province_former", "province_code", "province_former_code"):
            m[key] = m.get(key) or record.get(key)
    return m


def _has_article(db: Database, page_id: int) -> bool:
    return db.execute("select 1 from articles where page_id = ? limit 1", [page_id]).fetchone() \
        is not None


def _variant_of(db: Database, source_id: str, record: Mapping[str, Any]) -> str:
    """The article URL a page belongs to. A second address of an article its source already
    has — a print or component view, the other URL scheme of a CMS (Joomla's SEF and
    `index.php?option=…`), a session or tracking variant — carries the same headline and text:
    one site, one text, one article, so the fetch updates the row it already has. (Copies on
    other sites stay rows of their own, linked by `duplicate_of`.)"""
    url = record["url"]
    if db.execute("select 1 from articles where url = ?", [url]).fetchone():
        return url
    title = normalise_for_hash(record.get("title") or "")
    for other, other_title in db.execute(
            "select url, title from articles where fingerprint = ? and source_id = ? order by id",
            [record.get("fingerprint"), source_id]):
        if normalise_for_hash(other_title or "") == title:
            return other
    return url


def _readdress(db: Database, old: str, new: str) -> None:
    """The article stored under `old` is keyed by `new` from now on (`plainer_address`):
    whichever copy's fields win, the row carries the address a reader would share."""
    with store.transaction(db):
        db.execute("update articles set url = ? where url = ?", [new, old])
    log.info("article %s re-addressed to its plainer address %s", old, new)


def _article_snapshot(db: Database, url: str) -> dict[str, Any] | None:
    row = db.execute(f"select {', '.join(store.ARTICLE_FIELDS)} from articles where url = ?",
                     [url]).fetchone()
    return dict(zip(store.ARTICLE_FIELDS, row)) if row else None


def reparse(db: Database, sources: Mapping[str, Any], *, source_ids: list[str] | None = None,
            since: str | None = None, version: str | int = "current",
            batch_size: int = 200) -> dict[str, Any]:
    """Re-run extraction over stored raw pages, no network; commits every `batch_size` pages.

    `version` picks the stored body per page (archive.rawstore.iter_versions): `current` (the
    one its article came from), `latest`, `all` (oldest first) or one version id. An article
    never gets worse: a failed or less complete extraction leaves the stored row as it was and
    records why (`failures`, stages extract/classify/decode/suspect).
    """
    outcomes: Counter[str] = Counter()
    fields: Counter[str] = Counter()
    with store.batched(db, batch_size) as batch:
        for page in rawstore.iter_versions(db, version, source_ids=source_ids, since=since,
                                           ok_only=True, chunk=batch_size):
            analysis = analyse_page(page.url, page.body, page.headers, sources.get(page.source_id))
            result = store_analysis(db, analysis, url=page.url, page_id=page.page_id,
                                    version_id=page.version_id, source_id=page.source_id,
                                    seen_at=page.fetched_at)
            outcomes[result.outcome] += 1
            fields.update(result.changed_fields)
            batch.step()
    return {"pages": sum(outcomes.values()), "outcomes": dict(outcomes), "changed_fields": dict(fields)}
