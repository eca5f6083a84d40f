"""`thidua backfill` and the registry commands that go with it (`thidua sources list`,
`thidua sources probe`): kept out of archive/cli.py, which they extend, to keep both short.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from archive.cli import (
    EXIT_LOCKED,
    EXIT_SOURCE_FAILED,
    _load,
    _setup_logging,
    cli,
    db_option,
    sources,
)
from archive.sources import FORMER_KINDS, ORGANISATION_KINDS, current_kind


@sources.command("list")
@click.option("--kind", type=click.Choice(sorted(ORGANISATION_KINDS | FORMER_KINDS.keys())),
              help="Only this organisation kind (ldld = Liên đoàn Lao động).")
@click.option("--status", "status_", type=click.Choice(["active", "frozen", "gone"]),
              help="Only sources with this status.")
@click.option("--province", help="Current or former province, e.g. 'Hà Giang'.")
@click.pass_obj
def sources_list(directory: Path, kind: str | None, status_: str | None,
                 province: str | None) -> None:
    """One line per source: id, status (active/frozen/gone), kind, province, former
    province, hosts (tab-separated).

    Example:

        \b
        thidua sources list --kind ldld
        thidua sources list --status gone
    """
    from archive.registry import load_registry
    from archive.sourcelist import source_lines
    from archive.sources import SourcesError

    try:
        _, srcs = load_registry(directory)
    except SourcesError as exc:
        raise click.ClickException(f"{exc} Run `thidua sources check` for every problem.")
    lines = source_lines(srcs, kind=kind and current_kind(kind), status=status_, province=province)
    click.echo("\n".join(lines) if lines else "no source matches.")


@cli.command()
@click.option("--source", "ids", multiple=True, required=True, metavar="ID",
              help="The source to backfill (repeatable).")
@click.option("--sources", "sources_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Registry file(s) to read instead of sources/*.toml.")
@click.option("--from", "start", metavar="DATE", help="Captures from DATE (YYYY, YYYY-MM-DD).")
@click.option("--to", "end", metavar="DATE", help="Captures up to DATE, e.g. 2025-07-01.")
@click.option("--archive", "archive_spec", default="wayback", show_default=True,
              metavar="wayback|commoncrawl|URL",
              help="Which web archive: a known one, or the URL of a CDX endpoint or of a "
                   "collinfo.json listing several.")
@click.option("--replay-prefix", metavar="URL",
              help="Where `<timestamp>id_/<url>` replays live (default: from the archive).")
@click.option("--warc-prefix", metavar="URL|DIR",
              help="Where the index's WARC filenames live (default: from the archive).")
@click.option("--delay", type=float, default=1.0, show_default=True,
              help="Seconds between two requests to the archive (one at a time).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds per request.")
@click.option("--limit", type=int, help="Fetch at most N captures in this run (the rest wait).")
@click.option("--list-only", is_flag=True, help="List and classify captures; fetch nothing.")
@click.option("--relist", is_flag=True, help="Ask the index again even if a listing finished.")
@db_option
def backfill(ids: tuple[str, ...], sources_files: tuple[str, ...], start: str | None,
             end: str | None, archive_spec: str, replay_prefix: str | None,
             warc_prefix: str | None, delay: float, timeout: float, limit: int | None,
             list_only: bool, relist: bool, db_path: str) -> None:
    """Archive a source's pages from a web archive's captures (for frozen and gone sites).

    Lists the captures of the source's hosts from the archive's CDX index, keeps the article
    URLs, fetches each capture's original bytes, one request at a time, and ingests them as a
    crawl would, under the original URL. Interrupted runs resume where they stopped.
    Exit codes: 0 ok, 1 the archive failed or captures failed, 3 the archive file is locked
    by a crawl, 4 the registry is invalid.

    Example:

        \b
        thidua backfill --source thai-nguyen-baobackan --from 2010 --to 2025-07-01
        thidua backfill --source quang-tri-ldld-quangbinh --archive commoncrawl --limit 200
    """
    from archive.cdx import CdxError, timestamp_bound
    from archive.lock import CrawlLock, LockedError
    from archive.webarchives import ArchiveError, resolve_archive

    sources = _load(sources_files, ids)
    try:
        archive = resolve_archive(archive_spec, replay=replay_prefix, data=warc_prefix)
        timestamp_bound(start), timestamp_bound(end)
    except (ArchiveError, CdxError) as exc:
        raise click.UsageError(str(exc)) from exc
    _setup_logging(None, False)
    try:
        lock = CrawlLock(db_path).acquire()
    except LockedError as exc:
        click.echo(f"thidua backfill: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    except OSError as exc:
        raise click.ClickException(f"cannot use archive {db_path}: {exc}") from exc
    try:
        options = {"start": start, "end": end, "relist": relist, "limit": limit,
                   "list_only": list_only}
        failed = _backfill_each(sources, archive, db_path, options, delay=delay,
                                timeout=timeout)
    finally:
        lock.release()
    if failed:
        sys.exit(EXIT_SOURCE_FAILED)


def _backfill_each(sources: list[Any], archive: Any, db_path: str, options: dict[str, Any], *,
                   delay: float, timeout: float) -> bool:
    """Backfill each source in turn (one polite client each); True when any failed."""
    import sqlite3

    from archive.backfill import backfill as run_backfill
    from archive.backfill import capture_states
    from archive.store import StoreError, open_archive
    from archive.webarchives import PoliteClient

    try:
        db = open_archive(db_path)
    except (StoreError, sqlite3.Error, OSError) as exc:
        raise click.ClickException(f"cannot use archive {db_path}: {exc}") from exc
    failed = False
    for source in sources:
        client = PoliteClient(delay=delay, timeout=timeout)
        try:
            report = run_backfill(db, source, archive, client, **options)
        except KeyboardInterrupt:
            click.echo("thidua backfill: stopped; run the same command again to go on.",
                       err=True)
            sys.exit(130)
        click.echo(_summary(report, capture_states(db, source.id, archive.name)))
        if report.message:
            click.echo(f"thidua backfill: {source.id}: {report.message}", err=True)
        failed = failed or report.status in ("failed", "partial")
    db.conn.close()
    return failed


@sources.command("probe")
@click.option("--province", "provinces", multiple=True,
              help="Only this province (current or former name; repeatable). Default: all 97.")
@click.option("--resolve", "resolves", multiple=True, metavar="HOST=URL",
              help="Send requests for HOST ('*' for any) to URL, keeping the Host header "
                   "(a mirror, or local servers in tests).")
@click.option("--delay", type=float, default=0.5, show_default=True,
              help="Seconds between two requests (one at a time).")
@click.option("--timeout", type=float, default=10.0, show_default=True, help="Seconds per request.")
@click.pass_obj
def sources_probe(directory: Path, provinces: tuple[str, ...], resolves: tuple[str, ...],
                  delay: float, timeout: float) -> None:
    """Look for union federation sites: ldld.<province>.gov.vn, congdoan.<province>.gov.vn
    and each provincial portal's links; print candidate entries to review (writes nothing).

    Exit codes: 0 done (candidates or not), 2 no network (nothing answered) or bad usage.

    Example:

        \b
        thidua sources probe --province "Thanh Hóa" --province "Hà Giang"
    """
    from archive import probe
    from archive.registry import load_registry
    from archive.sources import SourcesError

    mapping = {}
    for item in resolves:
        host, sep, url = item.partition("=")
        if not sep or not url.startswith(("http://", "https://")):
            raise click.UsageError(f"--resolve {item!r}: use HOST=http://address:port")
        mapping[host.lower()] = url
    try:
        targets = probe.province_slugs(provinces)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        _, known = load_registry(directory)
    except SourcesError as exc:
        raise click.ClickException(f"{exc} Run `thidua sources check` for every problem.")
    prober = probe.Prober(resolve=mapping, delay=delay, timeout=timeout)
    try:
        new, old = probe.run_probe(prober, targets, known)
    except probe.OfflineError as exc:
        click.echo(f"thidua sources probe: no network: nothing answered ({exc}); run it where "
                   f"the provincial sites are reachable.", err=True)
        sys.exit(2)
    day = probe.today()
    taken = {s.id for s in known}
    for c in old:
        click.echo(f"# already registered: {c.host} ({c.province}): {c.how}")
    for c in new:
        click.echo("")
        click.echo(probe.candidate_entry(c, day, taken), nl=False)
    click.echo(f"# {len(new)} candidate(s), {len(old)} already registered; "
               f"{prober.answered} answer(s) from {len(targets)} province name(s).", err=True)


def _summary(report: Any, states: dict[str, int]) -> str:
    """One line per source backfilled: what this run did, and where the captures stand."""
    c = report.counts
    return (f"thidua backfill: {report.source_id} from {report.archive}: {report.status}; "
            f"{c['listed']} capture(s) newly listed, {c['fetched']} fetched "
            f"({c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['known']} already archived, {c['failed']} failed, "
            f"{c['not-article']} not articles), {c['pending_left']} left; "
            f"{c['requests']} request(s); captures by state: "
            + ", ".join(f"{k} {v}" for k, v in sorted(states.items())))
