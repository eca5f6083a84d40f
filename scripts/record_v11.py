"""Record meeting extractor version 11's output on labelled meeting sets, for `make eval`'s v11 column.

    python scripts/record_v11.py              every set scripts/eval_meetings.py scores
    python scripts/record_v11.py blind13      one set, by its folder name under tests/fixtures/meetings
    python scripts/record_v11.py DIR ...      any folders in the same format (labels.jsonl + texts)

Version 11 is run from git history, not from a copy: its `archive` package as of V11_COMMIT is
unpacked (`git archive`) into a temporary folder and run in a subprocess with that folder first
on sys.path, so nothing of today's package (lexicons, gazetteers, helpers) can move its output.
Each item is split by today's layout reader (evaluation.layouts.split_item, as the eval does) and
what version 11 returns is written to scripts/evaluation/v11_rows/<set>.jsonl (the format is in
scripts/evaluation/v11.py). A set kept outside the repository (../shared/realworld) is recorded as
verdicts only, so that none of its text comes into the project. Needs the full git history
(a shallow clone lacks V11_COMMIT); writes the same bytes when nothing changed.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT, ROOT / "scripts"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

import eval_meetings
from evaluation import v11

# Run inside the subprocess: reads the split items as JSON lines, answers version 11's rows.
WORKER = r"""
import json, sys
from pathlib import Path
import archive.meetings as meetings
tree = Path(sys.argv[1]).resolve()
assert Path(meetings.__file__).resolve().is_relative_to(tree), meetings.__file__
assert meetings.EXTRACTOR_VERSION == "11", meetings.EXTRACTOR_VERSION
for line in sys.stdin:
    p = json.loads(line)
    rows = meetings.extract_meetings(p["title"], p["body"], lead=p["lead"], published=p["published"])
    print(json.dumps(rows, ensure_ascii=False, default=str))
"""


def unpack_v11(into: Path, commit: str = v11.V11_COMMIT) -> Path:
    """The `archive` package of `commit`, unpacked under `into` (no work tree, no worktree entry)."""
    try:
        tar = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "archive"],
                             capture_output=True, check=True).stdout
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"git archive {commit} failed ({exc.stderr.decode().strip()}): "
                         "version 11 is read from git history; a shallow clone lacks it") from exc
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")
    return into


def run_v11(tree: Path, inputs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Version 11's rows for each split item, from a subprocess that imports only `tree`."""
    given = "".join(json.dumps({k: p[k] for k in ("title", "lead", "body", "published")},
                               ensure_ascii=False) + "\n" for p in inputs)
    # UTF-8 both ways whatever the locale: the rows carry Vietnamese text (ensure_ascii=False)
    done = subprocess.run([sys.executable, "-c", WORKER, str(tree)], input=given, capture_output=True,
                          encoding="utf-8", check=False, cwd=tree,
                          env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"})
    if done.returncode:
        raise SystemExit(f"version 11 failed:\n{done.stderr}")
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    if len(answers) != len(inputs):
        raise SystemExit(f"version 11 answered {len(answers)} of {len(inputs)} items")
    return answers


def _inside_repository(directory: Path) -> bool:
    return directory.resolve().is_relative_to(ROOT)


def record_set(directory: Path, tree: Path, record_dir: Path | None = None,
               verdicts_only: bool | None = None) -> Path:
    """Run version 11 on every labelled item of one set and write its record: its rows, or
    only its verdicts for a set outside the repository (unless `verdicts_only` says)."""
    items = eval_meetings.labelled_items(directory)
    inputs = eval_meetings.split_items(directory, items)
    answers = run_v11(tree, inputs)
    keys = tuple(eval_meetings.ROW_KEYS.values())
    if verdicts_only is None:
        verdicts_only = not _inside_repository(directory)
    lines = []
    for g, parts, rows in zip(items, inputs, answers):
        line: dict[str, Any] = {"file": g["file"], "input": v11.input_digest(parts)}
        if verdicts_only:
            judged = eval_meetings.judge(g, rows)
            line.update(gold=v11.digest(g), judged={"found": judged.found, "verdicts": judged.verdicts,
                                                    "extra": list(judged.extra)})
        else:
            line["rows"] = [v11.kept_row(row, keys) for row in rows]
        lines.append(line)
    header = {"commit": v11.V11_COMMIT, "extractor_version": "11", "set": directory.name,
              "items": len(lines), "kept": "verdicts" if verdicts_only else "rows",
              "recorded_by": v11.RECORD_COMMAND}
    path = v11.record_path(directory, record_dir)
    v11.write_record(path, header, lines)
    return path


def chosen_sets(names: list[str], realworld_dir: str | None = None) -> list[Path]:
    """The folders asked for: every set eval_meetings scores when none is named; a name is a
    folder or a set's folder name (blind13)."""
    known = {directory.name: directory for _heading, directory in eval_meetings.all_sets(realworld_dir)}
    if not names:
        return list(known.values())
    chosen = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            chosen.append(path)
        elif name in known or (eval_meetings.OWN_DIR.parent / name).is_dir():
            chosen.append(known.get(name) or eval_meetings.OWN_DIR.parent / name)
        else:
            raise SystemExit(f"no meeting set {name!r}: one of {', '.join(known)} or a folder")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set folders or names (default: every set the eval scores)")
    parser.add_argument("--realworld", default=None, help="the real sample's folder (default: ../shared/realworld)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="v11-") as tmp:
        tree = unpack_v11(Path(tmp))
        for directory in chosen_sets(args.sets, args.realworld):
            if not eval_meetings.labels_path(directory).exists():
                print(f"{directory}: no labels, skipped")
                continue
            path = record_set(directory, tree)
            print(f"{directory.name}: {path.relative_to(ROOT)} ({v11.V11_COMMIT[:7]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
