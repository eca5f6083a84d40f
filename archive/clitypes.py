"""What the command line accepts, checked before any work starts: days, archive paths,
output files, source ids.

Each check turns a bad value into one line and the right exit code (click: 2 for a usage
error), because the alternative is worse than a traceback: `reparse --since 2025-13-45`
reparsing everything, `status --db notes.txt` writing a schema into someone's file, an export
into a full disk reporting success.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from archive.dates import parse_day

SQLITE_HEADER = b"SQLite format 3\x00"


class BadInput(click.ClickException):
    """A wrong value on the command line: exit 2 like click's usage errors, but one line
    ("Error: …") instead of the usage block, so a cron mail says it in one sentence."""

    exit_code = 2

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")


class DayType(click.ParamType):
    """YYYY-MM-DD (or YYYY-MM, YYYY), read by archive.dates.parse_day."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return parse_day(str(value))
        except ValueError as exc:
            raise BadInput(f"--{param.name}" if param and param.name else "date", str(exc)) from None


DAY = DayType()


def archive_problem(path: Path) -> str | None:
    """Why `path` is not a thidua archive (None when it is one): not a file, empty, not
    SQLite, or SQLite without the archive's tables. Reads only the header and the schema."""
    if not path.is_file():
        return f"{path} is not a file"
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    if not header:
        return f"{path} is empty, not a thidua archive"
    if header != SQLITE_HEADER:
        return f"{path} is not a SQLite file, so not a thidua archive"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("select name from sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"{path} cannot be read as SQLite ({exc})"
    if not {"sources", "pages"} <= tables:
        return f"{path} is a SQLite file but not a thidua archive (no sources/pages tables)"
    return None


def existing_archive(db_path: str) -> str:
    """The path of an archive that must exist already (status, export, reparse, serve)."""
    path = Path(db_path)
    if not path.exists():
        raise click.ClickException(
            f"{db_path} does not exist: run `thidua crawl` (or `thidua demo`) first.")
    problem = archive_problem(path)
    if problem:
        raise BadInput("--db", problem + ".")
    return db_path


def archive_to_write(db_path: str) -> str:
    """The path a crawl or ingest writes to: a new file (its folder is made), or an archive —
    never another file."""
    path = Path(db_path)
    if path.exists():
        problem = archive_problem(path)
        if problem:
            raise BadInput("--db", problem + "; choose another --db or remove it.")
    return db_path


def check_source_ids(ids: Sequence[str], known: Sequence[str], where: str) -> None:
    """Unknown `--source` ids are a usage error that lists the known ones."""
    unknown = [i for i in ids if i not in set(known)]
    if unknown:
        listed = ", ".join(sorted(known)[:20]) + (" …" if len(known) > 20 else "")
        raise BadInput("--source", f"unknown source id(s) {', '.join(unknown)} in {where}; "
                                   f"known: {listed or 'none'}.")


def check_output_path(output: str) -> None:
    """An output file's folder must exist, and the path must not be a folder."""
    if output == "-":
        return
    path = Path(output)
    if path.is_dir():
        raise BadInput("-o", f"{output} is a folder; give a file name.")
    if not path.parent.exists():
        raise BadInput("-o", f"folder {path.parent} does not exist.")


@contextmanager
def output_file(output: str, *, mode: str = "w") -> Iterator[IO[Any]]:
    """Standard output ('-') or a file; a failed write or close (full disk, /proc, no
    permission) is one line and exit 1, never a traceback or a silent half file."""
    check_output_path(output)
    try:
        if output == "-":
            yield sys.stdout if "b" not in mode else sys.stdout.buffer
            sys.stdout.flush()
            return
        kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with open(output, mode, **kwargs) as fh:
            yield fh
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}.") from None


def ensure_text(raw: bytes, target: str) -> None:
    """A page or text file holds no NUL bytes; a binary file given by mistake is refused."""
    if b"\x00" in raw[:65536] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise click.ClickException(f"{target} is a binary file, not HTML or text.")
