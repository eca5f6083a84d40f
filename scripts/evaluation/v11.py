"""The recorded output of meeting extractor version 11, the cascade the staged extractor replaced.

`make eval` prints every labelled meeting set scored by the staged extractor beside version 11.
Version 11 no longer runs in the project: scripts/record_v11.py runs it once, from git history
(V11_COMMIT), on every labelled item and writes what it returned here, one JSON-lines file per
set (V11_DIR/<set>.jsonl). Recording rows, not scores, keeps the column honest when a label is
corrected later (the rows are scored afresh against today's labels); recording from the commit
itself, not from a copy, keeps it version 11's own output (a copy moved with every shared
lexicon it imported, and a frozen copy was 2,560 lines to keep).

A file is a header line, then one line per item: its file name, `input` (a digest of the title,
lead, body and published time the item was split into, so that a record made on other text or
by another layout reader is known stale) and either `rows` (the scored keys of each row) or,
for a set kept outside the repository (../shared/realworld, whose text never comes in, not even
as extracted phrases), `judged` (the per-field verdicts) with `gold`, a digest of the label.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, NamedTuple

V11_DIR = Path(__file__).resolve().parent / "v11_rows"
# The parent of 43ca951 (which moved archive/meetings.py into the staged package): the last
# commit whose archive/meetings.py is the cascade, EXTRACTOR_VERSION = "11" (33fe824 made it so;
# 11c7339 changed nothing of it or of the helpers it imports).
V11_COMMIT = "11c73397dece92e75c290e78fa99c338eb4007ca"
RECORD_COMMAND = "scripts/record_v11.py"


class Record(NamedTuple):
    """One set's recorded version 11 output, keyed by item file."""

    header: dict[str, Any]
    items: dict[str, dict[str, Any]]


def digest(value: Any) -> str:
    """A short stable digest of a JSON-able value (an item's split input, a label line)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def input_digest(parts: dict[str, Any]) -> str:
    """What version 11 was given for an item: title, lead, body, published time."""
    return digest([parts.get("title"), parts.get("lead"), parts.get("body"), parts.get("published")])


def record_path(directory: Path, record_dir: Path | None = None) -> Path:
    """A set's record is named after its folder (corpus, blind, blind2 …, realworld)."""
    return (record_dir or V11_DIR) / f"{Path(directory).name}.jsonl"


def kept_row(row: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """The keys the eval scores of one returned row; attendees by name only (titles are not
    scored)."""
    kept = {key: row.get(key) for key in keys}
    if "attendees" in kept:
        kept["attendees"] = [{"name": p.get("name")} for p in kept["attendees"] or []]
    return kept


def write_record(path: Path, header: dict[str, Any], lines: list[dict[str, Any]]) -> None:
    """The header, then one item a line, in label order; no date, so that recording an unchanged
    set again writes the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n"
                   for line in [{"v11_record": header}, *lines])
    path.write_text(text, "utf-8")


def load_record(directory: Path, record_dir: Path | None = None) -> Record | None:
    """A set's record, or None when it was never recorded."""
    path = record_path(directory, record_dir)
    if not path.exists():
        return None
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if not lines or "v11_record" not in lines[0]:
        return None
    return Record(lines[0]["v11_record"], {line["file"]: line for line in lines[1:]})


def stale_items(record: Record, wanted: dict[str, tuple[str, str]]) -> list[str]:
    """The items (file: (input digest, label digest)) the record does not hold as they are now:
    missing, split from other text, or (for verdicts) judged against another label."""
    stale = []
    for file, (given, label) in wanted.items():
        entry = record.items.get(file)
        if (entry is None or entry.get("input") != given
                or ("judged" in entry and entry.get("gold") != label)):
            stale.append(file)
    return stale


def not_recorded(directory: Path, why: str = "not recorded") -> str:
    """The line printed in place of the v11 column: what is missing and the one command that
    records it."""
    return f"v11: {why} (run {RECORD_COMMAND} {Path(directory).name})"
