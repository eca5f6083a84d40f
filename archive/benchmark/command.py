"""`thidua bench`: the Click command (archive/cli.py adds it to the `thidua` group)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archive.benchmark import runner


@click.command()
@click.option("--articles", default=20_000, show_default=True, type=click.IntRange(min=10),
              help="Synthetic articles to generate (the goals are stated at 1,000,000).")
@click.option("--suite", "suites", multiple=True, type=click.Choice(list(runner.SUITES)),
              help="Only this suite (repeatable; default: all).")
@click.option("--rounds", default=5, show_default=True, type=click.IntRange(min=1),
              help="Interleaved repetitions of each timed case.")
@click.option("--users", default=4, show_default=True, type=click.IntRange(min=1),
              help="Concurrent HTTP users.")
@click.option("--requests", "requests_", default=20, show_default=True,
              type=click.IntRange(min=1), help="Requests per HTTP user and query.")
@click.option("--workdir", default="data/bench", show_default=True,
              type=click.Path(file_okay=False), help="Where the synthetic archives are kept.")
@click.option("-o", "--output", default="data/bench.json", show_default=True,
              type=click.Path(dir_okay=False), help="Results as JSON.")
def bench(articles: int, suites: tuple[str, ...], rounds: int, users: int, requests_: int,
          workdir: str, output: str) -> None:
    """Measure index build, archive size, search latency (SQLite and HTTP) and the ingest
    pipeline against the tools a user would pick instead, in the same run. Prints a table with
    the date and machine; exits 1 when a goal is missed.

    Example:

        \b
        thidua bench                                   # 20,000 synthetic articles, all suites
        thidua bench --articles 1000000 --suite index --suite search
    """
    ctx = runner.BenchContext(Path(workdir), articles=articles, rounds=rounds, users=users,
                              requests=requests_, log=lambda m: click.echo(m, err=True))
    report = runner.run(ctx, list(suites) or None)
    report.write(Path(output))
    click.echo(report.markdown())
    if report.failed:
        click.echo(f"{len(report.failed)} goal(s) missed: "
                   + "; ".join(f.name for f in report.failed), err=True)
        sys.exit(1)
