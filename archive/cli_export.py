"""`thidua export …`: meetings, attendees and people as CSV or a workbook, the raw pages as WARC.
Kept out of archive/cli.py, which it extends, to keep both short.
"""

from __future__ import annotations

from typing import Any

import click

from archive.cli import PageVersionType, cli, db_option
from archive.clitypes import check_output_path, check_source_ids, existing_archive, output_file


@cli.group()
def export() -> None:
    """Export meetings, attendees, people (CSV or .xlsx) or the raw pages (WARC).

    Example:

        \b
        thidua export meetings --province "Thanh Hóa" --since 2016 -o meetings.xlsx
    """


_filters = [
    click.option("--province", help="Current or former province name, e.g. 'Thanh Hóa'."),
    click.option("--since", type=int, metavar="YEAR", help="Meetings from this year on."),
    click.option("--until", type=int, metavar="YEAR", help="Meetings up to this year."),
    click.option("--kind", help="Meeting kind, e.g. 'sơ kết', 'tổng kết'."),
    click.option("--cluster", metavar="TEXT", help="Cluster/bloc name contains TEXT."),
    click.option("-o", "--output", type=click.Path(allow_dash=True), default="-",
                 show_default=True,
                 help="CSV file ('-' = standard output); a name ending in .xlsx writes a workbook "
                      "with a meetings and an attendees sheet."),
    click.option("--excel", is_flag=True,
                 help="CSV for spreadsheets: UTF-8 BOM (Excel), times as 'YYYY-MM-DD HH:MM:SS' "
                      "Vietnam time. LibreOffice: use .xlsx, or import as UTF-8."),
    click.option("--include-duplicates", is_flag=True,
                 help="Also export meetings of syndicated copies (same story on another site)."),
    db_option,
]


def _with_filters(func: Any) -> Any:
    for option in reversed(_filters):
        func = option(func)
    return func


def _run_export(what: str, output: str, **kwargs: Any) -> None:
    from archive import export as exporter

    func = {"meetings": exporter.export_meetings, "attendees": exporter.export_attendees,
            "people": exporter.export_people}[what]
    kwargs["db_path"] = existing_archive(kwargs["db_path"])
    try:
        if output.lower().endswith(".xlsx"):
            if what == "people":
                raise click.UsageError("people are exported as CSV; the workbook holds meetings and attendees")
            check_output_path(output)
            kwargs.pop("excel", None)
            meetings, people = exporter.write_workbook(path=output, **kwargs)
            click.echo(f"{meetings} meeting(s) and {people} attendee row(s) written to {output}", err=True)
        else:
            with output_file(output) as fh:
                n = func(out=fh, **kwargs)
            if output != "-":
                click.echo(f"{n} row(s) written to {output}", err=True)
    except (exporter.ExportError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc


@export.command("meetings")
@_with_filters
def export_meetings(output: str, **kwargs: Any) -> None:
    """One CSV row per meeting, members and attendees joined with '; '.

    Example:

        \b
        thidua export meetings --kind "sơ kết" --since 2020 -o so-ket.csv --excel
    """
    _run_export("meetings", output, **kwargs)


@export.command("attendees")
@_with_filters
def export_attendees(output: str, **kwargs: Any) -> None:
    """One CSV row per person per meeting (name, title, organisation, meeting, article).

    Example:

        \b
        thidua export attendees --province "Nghệ An" -o attendees.csv
    """
    _run_export("attendees", output, **kwargs)


@export.command("people")
@click.option("--province", help="Current province name, e.g. 'Cần Thơ'.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True, help="CSV file ('-' = standard output).")
@click.option("--excel", is_flag=True, help="CSV for spreadsheets (UTF-8 BOM).")
@db_option
def export_people(output: str, **kwargs: Any) -> None:
    """One CSV row per person per meeting attended: the people table (attendees linked across
    meetings by name and organisation), titles over time.

    Example:

        \b
        thidua export people --province "Thanh Hóa" -o people.csv
    """
    _run_export("people", output, **kwargs)


@export.command("warc")
@click.option("-o", "--output", required=True, type=click.Path(),
              help="Output file, e.g. pages.warc.gz.")
@click.option("--source", "source_id", metavar="ID", help="Only this source's pages.")
@click.option("--version", "version", type=PageVersionType(), default="latest",
              show_default=True,
              help="Per page: the last fetched body (latest), the one its article came from "
                   "(current), every stored version (all), or one version id.")
@db_option
def export_warc(output: str, source_id: str | None, version: str | int, db_path: str) -> None:
    """Write the stored raw pages as WARC (gzip), for other web-archive tools.

    Example:

        \b
        thidua export warc -o data/pages.warc.gz
        thidua export warc --version all -o data/all-versions.warc.gz
    """
    from archive.store import open_archive
    from archive.warc import export_warc as write_warc

    check_output_path(output)
    db = open_archive(existing_archive(db_path))
    if source_id:
        check_source_ids([source_id], [r[0] for r in db.execute("select id from sources")], db_path)
    try:
        counts = write_warc(db, output, source_id=source_id, version=version)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}.") from None
    ratio = counts["bytes"] / counts["stored_bytes"] if counts["stored_bytes"] else 0
    click.echo(f"{counts['records']} page(s) written to {output}; raw store holds "
               f"{counts['bytes']:,} bytes in {counts['stored_bytes']:,} compressed "
               f"(ratio {ratio:.1f}:1).")
