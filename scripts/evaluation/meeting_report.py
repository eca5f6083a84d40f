"""The meeting reports as `scripts/eval_meetings.py` prints them, and the confidence table it
measures and writes (archive/meetings/calibration.toml, which the extractor reads to give each
row its `confidence`)."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from evaluation.meeting_judging import FIELDS

ROOT = Path(__file__).resolve().parents[2]
CALIBRATION = ROOT / "archive" / "meetings" / "calibration.toml"


def format_report(report: dict[str, Any], *, verbose: bool = False, heading: str = "meetings") -> str:
    if "not_recorded" in report:
        return f"{heading}: {report['not_recorded']}"
    if "skipped" in report:
        return f"{heading} eval skipped: {report['skipped']}"
    d = report["detection"]
    lines = [f"{heading}: {report['n']} text items, {report['meeting_reports']} meeting reports",
             (f"  detection  precision {d['precision']:.1%}  recall {d['recall']:.1%}  F1 {d['f1']:.1%}"
              f"  (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})")]
    for field, rate in report["fields"].items():
        lines.append(f"  {field:<13}{'-' if rate is None else f'{rate:.1%}'}")
    extra = report.get("extra_rows") or {}
    if extra.get("wanted") or extra.get("spurious"):
        lines.append(f"  extra rows   {extra['found']}/{extra['wanted']} further meetings found, "
                     f"{extra['spurious']} spurious")
    if verbose:
        for miss in report["misses"]:
            lines.append(f"  miss {miss['file']} {miss['field']}: got {miss['got']!r} want {miss['want']!r}")
    for msg in report["below_floor"]:
        lines.append(f"  BELOW FLOOR {msg}")
    return "\n".join(lines)


def merge_calibration(reports: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The confidence buckets of several reports added up."""
    total: dict[str, dict[str, int]] = {}
    for report in reports:
        for bucket, cell in (report.get("calibration") or {}).items():
            into = total.setdefault(bucket, {"rows": 0, "filled": 0, "right": 0})
            for key in into:
                into[key] += cell[key]
    return total


def _calibration_table(path: Path = CALIBRATION) -> dict[str, Any]:
    """calibration.toml as written (read afresh: `--calibrate` prints the table it just wrote)."""
    return tomllib.loads(path.read_text("utf-8")) if path.exists() else {}


def _calibration_measured(path: Path = CALIBRATION) -> str:
    """When, by which extractor and on which sets the given confidences were measured."""
    if not path.exists():
        return f"no {path.name}"
    measured = _calibration_table(path).get("measured_on")
    if not measured:
        return f"{path.relative_to(ROOT)}, measured on sets it does not name"
    return (f"{path.relative_to(ROOT)}, measured {measured['date']} by meeting extractor {measured['extractor']} "
            f"on {len(measured['sets'])} sets ({', '.join(measured['sets'])})")


def format_calibration(tally: dict[str, dict[str, int]]) -> str:
    """Measured precision per confidence bucket beside the confidence the extractor gives it
    (archive.meetings.records reads the same file)."""
    buckets = _calibration_table().get("buckets") or {}
    lines = [("MEETING CONFIDENCE: per bucket (key fields filled of day, period, host or cluster, place), "
             "the share of filled fields that were right on the labelled sets (a false detection: all wrong)"),
             f"  given: {_calibration_measured()}",
             f"  {'bucket':<7}{'rows':>6}{'fields':>8}{'right':>7}{'measured':>10}{'given':>8}"]
    for bucket in sorted(tally):
        cell = tally[bucket]
        measured = cell["right"] / cell["filled"] if cell["filled"] else 0.0
        given = (buckets.get(bucket) or {}).get("confidence")
        lines.append(f"  {bucket:<7}{cell['rows']:>6}{cell['filled']:>8}{cell['right']:>7}{measured:>10.1%}"
                     f"{'-' if given is None else f'{given:.2f}':>8}")
    return "\n".join(lines)


def write_calibration(tally: dict[str, dict[str, int]], path: Path = CALIBRATION,
                      sets: list[str] | None = None) -> None:
    """archive/meetings/calibration.toml from the measured buckets: the confidence of a bucket is
    its right/filled share smoothed towards one half ((right + 1) / (filled + 2)). The table says
    when, by which extractor and on which sets it was measured, so that `make eval` can show a
    table that no longer covers every labelled set."""
    from archive.meetings.records import EXTRACTOR_VERSION

    measured = (f'measured_on = {{ date = "{date.today().isoformat()}", extractor = "{EXTRACTOR_VERSION}", '
                f'sets = [{", ".join(json.dumps(name) for name in sets or [])}] }}')
    lines = ["# Written by `python scripts/eval_meetings.py --calibrate` — do not edit by hand.",
             "# A meeting row's confidence is the measured precision of its bucket (how many of the key",
             "# fields day, period, host or cluster, place it filled): the share of filled fields that",
             "# were right on every labelled set (the real sample, the own corpus and blind sets), a false",
             "# detection counting all its fields wrong; smoothed as (right + 1) / (filled + 2).",
             'source = "measured by scripts/eval_meetings.py --calibrate on the labelled meeting sets"',
             measured, "", "[buckets]"]
    for bucket in sorted(tally):
        cell = tally[bucket]
        value = (cell["right"] + 1) / (cell["filled"] + 2)
        lines.append(f'"{bucket}" = {{ confidence = {value:.3f}, rows = {cell["rows"]}, filled = {cell["filled"]}, '
                     f'right = {cell["right"]} }}')
    path.write_text("\n".join(lines) + "\n", "utf-8")


def format_comparison(new: dict[str, Any], old: dict[str, Any], heading: str) -> str:
    """One labelled set scored by the staged extractor beside version 11's recorded rows; a set
    they were not recorded for says so and names the command that records them."""
    if "skipped" in new:
        return f"{heading}: skipped"
    old_fields = old.get("fields") or {}
    old_f1 = (old.get("detection") or {}).get("f1")
    lines = [heading, f"  {'':<14}{'staged':>12}{'v11':>9}",
             f"  {'detection F1':<14}{new['detection']['f1']:>12.1%}{'-' if old_f1 is None else f'{old_f1:.1%}':>9}"]
    for field in FIELDS:
        a, b = new["fields"].get(field), old_fields.get(field)
        lines.append(f"  {field:<14}{'-' if a is None else f'{a:.1%}':>12}{'-' if b is None else f'{b:.1%}':>9}")
    if "skipped" in old:
        lines.append(f"  {old.get('not_recorded') or 'v11: ' + old['skipped']}")
    return "\n".join(lines)
