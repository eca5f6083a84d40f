"""`thidua crawl`, `thidua ingest` and `thidua status`: running the crawl and judging it, as
cron does. Kept out of archive/cli.py, which they extend, to keep both short.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from archive.cli import (
    EXIT_LOCKED,
    EXIT_SOURCE_FAILED,
    ConfigError,
    _load,
    _setup_logging,
    cli,
    db_option,
)
from archive.clitypes import DAY, archive_to_write, existing_archive
from archive.crawlreport import summary_lines


@cli.command()
@click.option("--source", "ids", multiple=True, metavar="ID", help="Only this source (repeatable).")
@click.option("--sources", "sources_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Registry file(s) to read instead of sources/*.toml.")
@db_option
@click.option("--max-pages", type=int, help="Listing pages per source (default from settings: 50).")
@click.option("--since", metavar="DATE", type=DAY,
              help="Skip sitemap/feed entries older than DATE (YYYY-MM-DD).")
@click.option("--dry-run", is_flag=True,
              help="Show what discovery finds per route (links, pagination, sitemaps, feeds) "
                   "with sample article URLs; a few articles are fetched, nothing is archived.")
@click.option("--log-file", type=click.Path(dir_okay=False), help="Also log to this file (rotated, 10 MB × 5).")
@click.option("--quiet", "-q", is_flag=True,
              help="Cron: print nothing when every source is ok, else one line per failed "
                   "source on stderr; Scrapy's log goes to --log-file only.")
@click.option("--local", is_flag=True, hidden=True, help="Drop politeness delays (127.0.0.1 sample sites).")
@click.option("--setting", "-s", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s DOWNLOAD_DELAY=2.")
@click.option("--redis", "redis_url", metavar="URL", envvar="THIDUA_REDIS",
              help="Distributed mode: be a worker of the run queued in this Redis (env "
                   "THIDUA_REDIS); no archive needed. See `thidua ingest`.")
@click.option("--enqueue", is_flag=True,
              help="With --redis: open a run (start requests, archived URLs) and exit; run it "
                   "where the archive is.")
@click.option("--frozen-every", "frozen_every", type=float, default=90.0, show_default=True,
              metavar="DAYS", help="Crawl a `frozen` source only when its last good crawl is "
                                   "older than DAYS (`gone` sources are never crawled).")
def crawl(ids: tuple[str, ...], sources_files: tuple[str, ...], db_path: str, max_pages: int | None,
          since: str | None, dry_run: bool, log_file: str | None, quiet: bool, local: bool,
          settings: tuple[str, ...], redis_url: str | None, enqueue: bool,
          frozen_every: float) -> None:
    """Crawl registered sources into the archive, incrementally.

    Exit codes: 0 all sources ok, 1 a source failed, 3 another crawl is running,
    4 the registry is invalid.

    A source whose registry status is `gone` is never crawled (use `thidua backfill`); a
    `frozen` one only every --frozen-every days, or when named with --source.

    Distributed (README, "Running at scale"): `--redis URL --enqueue` once next to the
    archive, then `--redis URL` on as many machines as you like, and one `thidua ingest`.

    Example:

        \b
        thidua crawl --source nghe-an-ldld --log-file data/logs/crawl.log
        thidua crawl --source nghe-an-ldld --dry-run        # what discovery finds, per route
        thidua crawl --redis redis://10.0.0.5:6379/0 --enqueue   # then, on each worker:
        thidua crawl --redis redis://10.0.0.5:6379/0 --quiet
    """
    registered = _load(sources_files, ids)
    if enqueue or not redis_url:  # a worker (--redis alone) has no archive
        archive_to_write(db_path)
    sources = _sources_to_crawl(registered, db_path, ids, quiet, frozen_every)
    if sources is None:
        return
    _setup_logging(log_file, quiet or dry_run)
    overrides: dict[str, Any] = {}
    if local:
        from crawler.run import LOCAL_SETTINGS

        overrides.update(LOCAL_SETTINGS)
    if dry_run:
        from crawler.dryrun import dry_run as run_dry

        click.echo(run_dry(sources, max_pages=max_pages, since=since, settings=overrides), nl=False)
        return
    overrides["THIDUA_PROGRESS"] = sys.stderr.isatty() and not quiet
    for item in settings:
        name, _, value = item.partition("=")
        overrides[name] = value
    if enqueue and not redis_url:
        raise click.UsageError("--enqueue needs --redis URL.")
    if redis_url:
        _crawl_distributed(redis_url, enqueue, sources, db_path, max_pages, since, overrides)
        return
    result = _crawl_locked(db_path, sources, max_pages, since, overrides)
    _report_crawl(db_path, result, quiet)


def _sources_to_crawl(registered: list[Any], db_path: str, ids: tuple[str, ...], quiet: bool,
                      frozen_every: float) -> list[Any] | None:
    """The sources this run crawls, by their lifecycle (archive/lifecycle.py), each left out
    said on stderr (unless quiet, or sources were named); None when every one was left out."""
    from archive.lifecycle import crawl_plan

    sources, skipped = crawl_plan(registered, db_path, named=bool(ids),
                                  frozen_every_days=frozen_every)
    for left_out in skipped:
        if not quiet or ids:
            click.echo(f"skipped {left_out.source.id}: {left_out.reason}", err=True)
    if not sources and skipped:
        click.echo(f"thidua crawl: nothing to crawl ({len(skipped)} source(s) skipped).")
        return None
    if not sources:
        raise ConfigError("no sources to crawl: check sources/*.toml or --source.")
    return sources


def _crawl_locked(db_path: str, sources: list[Any], max_pages: int | None, since: str | None,
                  overrides: dict[str, Any]) -> dict[str, Any]:
    """One crawl of `sources` into the archive under its crawl lock (exit 3 when another
    crawl holds it; 130 on Ctrl-C before Scrapy took over the signals)."""
    from archive.lock import CrawlLock, LockedError

    try:
        lock = CrawlLock(db_path).acquire()
    except LockedError as exc:
        click.echo(f"thidua crawl: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    try:
        if lock.previous_pid:
            logging.getLogger("thidua").warning("took over the lock of a run that ended without "
                                                "releasing it (pid %s)", lock.previous_pid)
        from crawler.run import run_crawl

        result = run_crawl(db_path, sources, max_pages=max_pages, since=since, settings=overrides)
    except KeyboardInterrupt:
        # Ctrl-C before Scrapy took over the signals; once it has, a stop is a clean shutdown
        click.echo("thidua crawl: stopped (Ctrl-C) while starting; nothing was lost.", err=True)
        sys.exit(130)
    finally:
        lock.release()
    return result


def _report_crawl(db_path: str, result: dict[str, Any], quiet: bool) -> None:
    """The summary (stdout, unless quiet) and one line per failed source (stderr); exit 1
    when a source failed."""
    from archive.crawlreport import failed_rows, failure_line
    from archive.store import open_archive

    failed = failed_rows(result["sources"])
    if not quiet:
        click.echo(f"thidua crawl: {len(result['sources'])} source(s), run {result['run_id']}, "
                   f"{len(failed)} failed, finish reason {result['finish_reason']}")
        for line in summary_lines(result):
            click.echo(line)
    if failed:
        db = open_archive(db_path)
        try:
            for row in failed:
                click.echo(f"thidua crawl: {failure_line(db, row)}", err=True)
        finally:
            db.close()
        sys.exit(EXIT_SOURCE_FAILED)


def _crawl_distributed(redis_url: str, enqueue: bool, sources: list[Any], db_path: str,
                       max_pages: int | None, since: str | None, overrides: dict[str, Any]) -> None:
    """`thidua crawl --redis`: open a run (--enqueue) or work on the one that is open."""
    from archive.pagequeue import QueueError, RunInProgressError, redis_errors

    try:
        from crawler import distributed
    except ImportError as exc:
        raise ConfigError(f"distributed mode needs scrapy-redis ({exc}): "
                          "pip install -e '.[redis]' (make install does it).") from exc
    try:
        if enqueue:
            run = distributed.enqueue_run(redis_url, db_path, sources, max_pages=max_pages,
                                          since=since, settings=overrides)
            click.echo(f"thidua crawl: run {run['run_id']} queued in {redis_url}: "
                       f"{len(run['sources'])} source(s), {run['seeds']} start request(s), "
                       f"{run['known']} archived URL(s) known to the workers.")
            click.echo(f"Next: `thidua crawl --redis {redis_url}` on each worker machine and one "
                       f"`thidua ingest --redis {redis_url} --db {db_path}` here.")
            return
        result = distributed.run_worker(redis_url, sources, settings=overrides)
    except (QueueError, *redis_errors()) as exc:
        click.echo(f"thidua crawl: {exc}", err=True)
        sys.exit(EXIT_LOCKED if isinstance(exc, RunInProgressError) else EXIT_SOURCE_FAILED)
    click.echo(f"thidua crawl: worker {result['worker']} of run {result['run_id']}: "
               f"{result['responses']} response(s), {result['pages']} page(s) sent to the "
               f"ingester, finish reason {result['finish_reason']}")
    if result["finish_reason"] != "finished":
        sys.exit(EXIT_SOURCE_FAILED)


@cli.command()
@click.option("--redis", "redis_url", required=True, metavar="URL", envvar="THIDUA_REDIS",
              help="The Redis the workers push pages to (env THIDUA_REDIS).")
@click.option("--sources", "sources_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Registry file(s) to read instead of sources/*.toml (the workers' registry).")
@db_option
@click.option("--until-done", is_flag=True,
              help="Exit once the queued run is finished and archived (default: run as a service).")
@click.option("--log-file", type=click.Path(dir_okay=False), help="Also log to this file (rotated, 10 MB × 5).")
@click.option("--quiet", "-q", is_flag=True, help="Only errors and the summary.")
def ingest(redis_url: str, sources_files: tuple[str, ...], db_path: str, until_done: bool,
           log_file: str | None, quiet: bool) -> None:
    """Archive the pages distributed crawl workers put in Redis: the one SQLite writer.

    Pages are taken reliably (a killed ingester loses nothing: restart it); when a run is
    over, its `crawls` rows are written, so `thidua status` works as after a local crawl.
    Exit codes: 0 ok, 1 Redis or the archive failed, 3 another crawl/ingest holds the archive.

    Example:

        \b
        thidua ingest --redis redis://10.0.0.5:6379/0 --db data/archive.db
        thidua ingest --redis redis://127.0.0.1:6379/0 --until-done   # one run, then exit
    """
    import sqlite3

    from archive.lock import CrawlLock, LockedError
    from archive.pagequeue import QueueError, connect, redis_errors, run_ingester
    from archive.store import StoreError, open_archive

    _setup_logging(log_file, quiet)
    registry = {s.id: s for s in _load(sources_files, ())}
    archive_to_write(db_path)
    try:
        lock = CrawlLock(db_path).acquire()
    except LockedError as exc:
        click.echo(f"thidua ingest: {exc}", err=True)
        sys.exit(EXIT_LOCKED)

    def report(rows: list[dict[str, Any]]) -> None:
        click.echo(f"thidua ingest: run finished, {len(rows)} source(s) written to crawls:")
        for line in summary_lines({"sources": rows}):
            click.echo(line)

    db = None
    try:
        client = connect(redis_url)
        db = open_archive(db_path)
        done = run_ingester(client, db, registry, until_done=until_done, on_finish=report)
    except (QueueError, StoreError, sqlite3.Error, *redis_errors()) as exc:
        # a failed write leaves its message in the processing list, requeued at the next start
        hint = "" if isinstance(exc, QueueError) else " Restart it when fixed: nothing taken is lost."
        what = f"archive {db_path}: " if isinstance(exc, sqlite3.Error) else ""
        click.echo(f"thidua ingest: {what}{exc}{hint}", err=True)
        sys.exit(EXIT_SOURCE_FAILED)
    except KeyboardInterrupt:
        # the page being archived is still in the processing list: the next start requeues it
        click.echo("thidua ingest: stopped (Ctrl-C). Nothing taken is lost: start it again to "
                   "go on.", err=True)
        sys.exit(130)
    finally:
        if db is not None:
            db.close()
        lock.release()
    click.echo(f"thidua ingest: {done} message(s) archived into {db_path}.")


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(db_path: str, as_json: bool) -> None:
    """Per-source health: last success, articles in the last 30 days, consecutive failures,
    and flags for sources that fetch pages but yield no articles (a changed template).

    Exits 1 when any source is flagged, so a monitoring cron can alert on it.

    Example:

        \b
        thidua status --db data/archive.db
    """
    from dataclasses import asdict

    from archive.health import archive_health, format_health
    from archive.lock import is_locked
    from archive.store import open_archive

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `thidua crawl` first.")
    rows = archive_health(open_archive(existing_archive(db_path)), lock_held=is_locked(db_path))
    if as_json:
        click.echo(json.dumps([asdict(h) for h in rows], ensure_ascii=False, indent=2))
    else:
        click.echo(format_health(rows))
    if any(not h.healthy for h in rows):
        sys.exit(EXIT_SOURCE_FAILED)
