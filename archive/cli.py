"""`thidua` — one command line for crawling, archiving, extracting, exporting and serving.

The commands are thin: each calls a library function and turns its errors into a message that
says what to do next. Exit codes (documented in the README): 0 ok, 1 a source failed,
2 usage error, 3 another crawl holds the lock, 4 configuration error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from archive.benchmark.command import bench
from archive.clitypes import (
    DAY,
    check_source_ids,
    ensure_text,
    existing_archive,
)

DEFAULT_DB = os.environ.get("THIDUA_DB", "data/archive.db")
EXIT_SOURCE_FAILED, EXIT_LOCKED, EXIT_CONFIG = 1, 3, 4

db_option = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                         type=click.Path(dir_okay=False), help="Archive SQLite file (env THIDUA_DB).")


class PageVersionType(click.ParamType):
    """--version of reparse and WARC export: current, latest, all or a page_versions id."""

    name = "current|latest|all|ID"

    def convert(self, value: Any, param: Any, ctx: Any) -> str | int:
        from archive.rawstore import parse_version

        if isinstance(value, int):
            return value
        try:
            return parse_version(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class ConfigError(click.ClickException):
    exit_code = EXIT_CONFIG


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="thidua-archive")
def cli() -> None:
    """Archive of Vietnamese provincial emulation and commendation news (tin thi đua – khen thưởng).

    Example:

        \b
        thidua demo            # sample sites → data/archive.db → http://127.0.0.1:8001
    """


cli.add_command(bench)


def _setup_logging(log_file: str | None, quiet: bool) -> None:
    from archive.crawlreport import setup_logging

    setup_logging(log_file, quiet)


def _load(sources_files: tuple[str, ...], ids: tuple[str, ...]) -> list[Any]:
    from archive.sources import SourcesError, load_sources, select_sources

    try:
        files = [Path(f) for f in sources_files] or None
        skip = set(ids) if ids else not files
        return select_sources(load_sources(files, skip_unexpandable=skip), list(ids))
    except SourcesError as exc:
        raise ConfigError(str(exc)) from exc


@cli.command()
@click.argument("target")
@click.option("--url", help="URL the page was fetched from (for a local FILE).")
@click.option("--source", "source_id", metavar="ID", help="Use this source's platform rules.")
@click.option("--text", "as_text", is_flag=True, help="Input is plain text: first line title, rest body.")
@click.option("--published", metavar="DATE", help="Publication date (gives the year to '27-3').")
@click.option("--explain", is_flag=True,
              help="Instead of JSON, print the meeting extractor's tagged sentences and which span filled which field.")
def extract(target: str, url: str | None, source_id: str | None, as_text: bool,
            published: str | None, explain: bool) -> None:
    """Print the extracted article (and its meetings) as JSON, without crawling.

    TARGET is a file, '-' for standard input, or an http(s) URL.

    Example:

        \b
        thidua extract page.html --url https://ldld.thanhhoa.gov.vn/tin/123.html --source thanh-hoa-ldld
        thidua extract report.txt --text --published 2019-01-03 --explain
    """
    from archive import extract as extractor
    from archive.ingest import decode_page
    from archive.meetings import extract_meetings

    raw = _read_target(target)
    ensure_text(raw, target)
    # the crawler's decoding (charsets, mojibake, TCVN3/VNI fonts); "repairs" says what it did,
    # and an "undecodable: …" entry is what `thidua crawl` would record as a failure
    text, repairs = decode_page(raw, None)
    if as_text:
        record = extractor.extract_text(text, published=published)
    else:
        rules = _load((), (source_id,))[0].rules if source_id else None
        page_url = url or (target if target.startswith("http") else Path(target).resolve().as_uri())
        record = extractor.extract_article(text, page_url, rules)
    if repairs:
        record["repairs"] = repairs
    source = _load((), (source_id,))[0] if source_id else None
    args = {"lead": record.get("lead"), "published": record.get("published_at") or published,
            "captions": [c for c in record.get("captions") or [] if isinstance(c, str)]}
    if explain:
        from archive.meetings.explain import explain as explained
        from archive.meetings.provinces import Source
        from archive.meetings.records import analyse

        where = Source(getattr(source, "province", None), getattr(source, "province_former", None))
        click.echo(explained(analyse(record.get("title") or "", record.get("body") or "", source=where, **args)))
        return
    record["meetings"] = extract_meetings(
        record.get("title") or "", record.get("body") or "", **args,
        source_province=getattr(source, "province", None),
        source_province_former=getattr(source, "province_former", None),
    ) if record.get("is_article", True) else []
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


def _read_target(target: str) -> bytes:
    if target == "-":
        return sys.stdin.buffer.read()
    if target.startswith(("http://", "https://")):
        import urllib.request

        req = urllib.request.Request(target, headers={"User-Agent": "thidua-archive/0.1 (extract)"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.read()
        except OSError as exc:
            raise click.ClickException(f"cannot fetch {target}: {exc}. Save the page and pass the file.")
    path = Path(target)
    if not path.exists():
        raise click.ClickException(f"{target}: no such file.")
    return path.read_bytes()


@cli.command()
@click.option("--source", "ids", multiple=True, metavar="ID", help="Only pages of this source.")
@click.option("--since", metavar="DATE", type=DAY, help="Only pages fetched on or after DATE.")
@click.option("--version", "version", type=PageVersionType(), default="current",
              show_default=True,
              help="Stored body per page: the one its article came from (current), the last "
                   "fetched (latest), every version oldest first (all), or a version id.")
@db_option
def reparse(ids: tuple[str, ...], since: str | None, version: str | int, db_path: str) -> None:
    """Re-run extraction over stored raw pages (no network) and report what changed.

    An article is only replaced by an extraction at least as complete; anything else is
    counted as `suspect` and recorded in `failures`.

    Example:

        \b
        thidua reparse --source thanh-hoa-ldld --since 2025-01-01
        thidua reparse --version all     # try every stored version of every page
    """
    from archive.ingest import reparse as run_reparse
    from archive.sources import load_sources
    from archive.store import open_archive

    db = open_archive(existing_archive(db_path))
    check_source_ids(ids, [r[0] for r in db.execute("select id from sources")], db_path)
    sources = {s.id: s for s in load_sources(skip_unexpandable=True)}
    _demo_sources_for_reparse(sources)
    report = run_reparse(db, sources, source_ids=list(ids) or None, since=since, version=version)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2))


@cli.command()
@click.option("--vacuum", is_flag=True, help="Then VACUUM: give the freed pages back to the disk "
                                              "(rewrites the file; needs its size free).")
@db_option
def pack(vacuum: bool, db_path: str) -> None:
    """Store the article text compressed (zstd, a dictionary per source) in place; on a packed
    archive, train the dictionaries now due. Search, Datasette and exports read the text as
    before; a bare sqlite3 client then needs article_text() (archive/textstore.py) for `body`.
    Takes the crawl lock (exit 3 while a crawl, ingester or backfill runs): a writer that opened
    the archive before it was packed would write the text where it no longer goes.

    Example:

        \b
        thidua pack --vacuum
    """
    from archive.lock import CrawlLock, LockedError
    from archive.store import open_archive
    from archive.textstore import pack as run_pack

    path = existing_archive(db_path)
    try:
        lock = CrawlLock(path).acquire()
    except LockedError as exc:
        click.echo(f"thidua pack: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    try:
        db = open_archive(path)
        counts = run_pack(db)
        if vacuum:
            db.conn.execute("VACUUM")
        db.conn.close()
    finally:
        lock.release()
    click.echo(json.dumps(counts))


def _demo_sources_for_reparse(sources: dict[str, Any]) -> None:
    """Demo sources need ${DEMO_URL} only for crawling; their rules are needed for reparse."""
    from archive.sources import DEFAULT_DIR, load_sources

    demo = DEFAULT_DIR / "demo.toml"
    if demo.exists():
        had = "DEMO_URL" in os.environ
        os.environ.setdefault("DEMO_URL", "http://127.0.0.1")
        try:
            for s in load_sources([demo]):
                sources.setdefault(s.id, s)
        finally:
            if not had:  # a placeholder for reading rules, never left for a later crawl to use
                os.environ.pop("DEMO_URL", None)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--mutable", is_flag=True,
              help="Serve a file a crawl is still writing to (WAL, read-only connection).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Datasette processes sharing the port, so pages drawn at once use every "
                   "core [default: one per core, at most 4].")
def serve(db_path: str, host: str, port: int, mutable: bool, workers: int | None) -> None:
    """Serve the archive read-only with Datasette.

    Says "serving" only once Datasette answers; SIGTERM/SIGINT stop Datasette and its worker
    processes too; the exit code is Datasette's (a busy port is an error, not a silent exit 0).

    Example:

        \b
        thidua serve --port 8001
    """
    from archive.serve import ServeError, default_workers
    from archive.serve import serve as run_serve

    workers = workers or default_workers()
    processes = "1 process" if workers == 1 else f"{workers} worker processes"
    try:
        code = run_serve(existing_archive(db_path), host=host, port=port, mutable=mutable,
                         workers=workers,
                         announce=lambda url: click.echo(f"thidua serve: serving {db_path} at "
                                                         f"{url} ({processes}; Ctrl-C to stop)",
                                                         err=True))
    except ServeError as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


@cli.command()
@click.option("--no-serve", is_flag=True, envvar="DEMO_NO_SERVE",
              help="Build the archive and exit (env DEMO_NO_SERVE=1).")
@db_option
@click.option("--port", default=8001, show_default=True, type=int, envvar="PORT",
              help="Datasette port (env PORT).")
def demo(no_serve: bool, db_path: str, port: int) -> None:
    """Start the bundled sample sites, crawl them, build the archive, serve it.

    The demo archive is rebuilt from scratch on every run (a file holding other sources is
    refused, never emptied).

    Example:

        \b
        DEMO_NO_SERVE=1 thidua demo
    """
    from archive.demo import DemoError, run_demo

    try:
        code = run_demo(db_path, serve=not no_serve, port=port)
    except DemoError as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


@cli.group(invoke_without_command=True)
@click.option("--dir", "directory", type=click.Path(file_okay=False, exists=True),
              help="Registry directory (default: sources/).")
@click.pass_context
def sources(ctx: click.Context, directory: str | None) -> None:
    """The sources registry: coverage table, status counts and the union federations with
    their evidence (no subcommand); `list`, `check`, `add`, `probe`.

    Example:

        \b
        thidua sources
        thidua sources list --status frozen
        thidua sources check --live -o live-check.json
        thidua sources add https://baohatinh.vn/some-article-post123.html
    """
    from archive.sources import DEFAULT_DIR

    ctx.obj = Path(directory) if directory else DEFAULT_DIR
    if ctx.invoked_subcommand is None:
        from archive.registry import coverage_table, load_registry
        from archive.sourcelist import federation_lines, status_lines, status_summary
        from archive.sources import SourcesError

        try:
            _, srcs = load_registry(ctx.obj)
        except SourcesError as exc:
            raise click.ClickException(f"{exc} Run `thidua sources check` for every problem.")
        click.echo(coverage_table(srcs))
        click.echo(status_summary(srcs) + " Each source's status: `thidua sources list`.")
        click.echo("")
        click.echo("\n".join(federation_lines(srcs)))
        click.echo("")
        click.echo("\n".join(status_lines(srcs)))


@sources.command("check")
@click.option("--live", is_flag=True, help="Also fetch each source's start URL once (needs internet).")
@click.option("--source", "ids", multiple=True, metavar="ID", help="Only these sources (with --live).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="live-check.json",
              show_default=True, help="Where --live writes its results (JSON).")
@click.option("--timeout", default=15.0, show_default=True, help="Seconds per request (--live).")
@click.option("--mark-verified", is_flag=True,
              help="With --live: set verified = true in the registry files for sources that passed.")
@click.pass_obj
def sources_check(directory: Path, live: bool, ids: tuple[str, ...], output: str,
                  timeout: float, mark_verified: bool) -> None:
    """Validate every registry file offline; with --live, fetch each start URL politely.

    Exit codes: 0 fine, 1 problems (or sources that failed live), 2 no internet (--live).

    Example:

        \b
        thidua sources check
        thidua sources check --live --source thanh-hoa-baothanhhoa
        thidua sources check --live --mark-verified    # then review `git diff sources/`
    """
    from archive import registry
    from archive.sources import select_sources

    problems = registry.check_registry(directory)
    for p in problems:
        click.echo(str(p), err=p.severity == "error")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.echo(f"{len(errors)} error(s) in {directory}.", err=True)
        sys.exit(1)
    _, srcs = registry.load_registry(directory)
    click.echo(f"registry ok: {len(srcs)} sources, {len(problems)} warning(s).")
    if not live:
        return
    results = registry.check_live(select_sources(srcs, list(ids)), timeout=timeout)
    click.echo(registry.live_report(results))
    registry.write_live_results(results, output)
    click.echo(f"results written to {output}", err=True)
    if mark_verified:
        marked = registry.mark_verified(directory, [r.source_id for r in results if r.ok])
        click.echo(f"marked verified = true: {', '.join(marked) or 'none'}", err=True)
    sys.exit(registry.live_exit_code(results))


@sources.command("add")
@click.argument("url")
@click.option("--file", "files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A saved page of the site (repeatable): the first is the page at URL, the "
                   "others are read as the site's home or listing pages. No network is used.")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds per request (online).")
@click.pass_obj
def sources_add(directory: Path, url: str, files: tuple[str, ...], timeout: float) -> None:
    """Propose a ready-to-paste [[source]] entry for a site, from its home page or an article.

    Online (no --file) it fetches URL, the home page (or one article when URL is the home
    page) and robots.txt, politely. It scores every platform on the listing and article pages,
    proposes start_urls (the home page), sitemaps and feeds, and fills name, organisation kind
    and province; comments above the entry say how many article links each route gave.

    Example:

        \b
        thidua sources add https://ldld.nghean.gov.vn/
        thidua sources add https://baothanhhoa.vn/dai-hoi-253214.htm --file saved.html --file home.html
    """
    from archive import newsource, sitefetch
    from archive.sources import load_platforms

    platforms = load_platforms(directory)
    if files:
        home = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
        pages = [newsource.read_page(url if i == 0 else home, Path(f).read_bytes())
                 for i, f in enumerate(files)]
        sitemaps, entries, feeds = [], None, []
    else:
        try:
            fetcher = sitefetch.Fetcher(timeout)
            pages, sitemaps, entries = sitefetch.fetch_site(url, fetcher)
            feeds = sitefetch.answered_feeds(pages, fetcher)
        except PermissionError as exc:
            raise click.ClickException(str(exc)) from exc
        except (OSError, ValueError) as exc:
            raise click.ClickException(f"cannot fetch {url}: {exc}. Save the page(s) and pass "
                                       "--file (offline).") from exc
    taken = {s.id for s in _registry_sources(directory)}
    click.echo(newsource.propose(url, pages, platforms, sitemaps=sitemaps, sitemap_entries=entries,
                                 taken_ids=taken, feeds=feeds), nl=False)


def _registry_sources(directory: Path) -> list[Any]:
    """The registry's sources as far as they load (ids only matter here)."""
    from archive.sources import SourcesError, load_sources

    try:
        return load_sources(directory=directory, skip_unexpandable=True)
    except SourcesError:
        return []


def main() -> None:  # pragma: no cover - console entry point alias
    cli()


@cli.command("eval", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def evaluate(args: tuple[str, ...]) -> None:
    """Score extraction and meeting detection on the labelled real pages (../shared/realworld)
    against the floors pinned in scripts/eval_baseline.json; exits 1 below a floor.

    Example:

        \b
        thidua eval                 # same as `make eval`
        thidua eval --update-floors # raise floors to today's scores (never lowers them)
    """
    import runpy

    script = Path(__file__).resolve().parent.parent / "scripts" / "eval.py"
    if not script.exists():
        raise click.ClickException("scripts/eval.py not found: run `thidua eval` from a source checkout.")
    sys.argv = [str(script), *args]
    namespace = runpy.run_path(str(script))
    sys.exit(namespace["main"](list(args)))


# Commands of the registry's and the web archives' side live in their own module (this one
# is long enough); imported last because they hang on the groups defined above.
from archive import cli_archives, cli_crawl, cli_export  # noqa: F401
