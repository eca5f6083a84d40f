"""The v11 column of `make eval`: version 11's recorded rows, scored against today's labels.

Version 11 runs only in scripts/record_v11.py (from git history); the eval reads what it
recorded. A set with no record, or a record made on other text, prints the command that records
it instead of failing; every set the eval scores has a record that is current.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, load_script

EVAL = load_script("eval_meetings")
RECORD = load_script("record_v11")
V11 = EVAL.v11

TEXT = """Cụm thi đua số 4 tổng kết công tác thi đua năm 2023
Thứ Sáu, 22/12/2023 - 09:10
Sáng 21/12, tại thành phố Vị Thanh, Cụm thi đua số 4 tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.

Hội nghị do UBND tỉnh Hậu Giang, đơn vị Cụm trưởng năm 2023, chủ trì.
"""
LABEL = {"kind": "text", "file": "901.txt", "is_meeting": True, "meeting_kind": "tổng kết",
         "period": "năm 2023", "cluster": "Cụm thi đua số 4", "host": "UBND tỉnh Hậu Giang",
         "location": "thành phố Vị Thanh", "meeting_date": "2023-12-21", "provinces": ["Hậu Giang"],
         "members": [], "attendees": []}
NEGATIVE = {"kind": "text", "file": "902.txt", "is_meeting": False}


def _set(root: Path, name: str = "blind99") -> Path:
    """A labelled set of two items of our own: a cluster's review and a text reporting none."""
    directory = root / name
    directory.mkdir()
    (directory / "901.txt").write_text(TEXT, "utf-8")
    (directory / "902.txt").write_text("Thời tiết\nTrời nắng.\nMột ngày trời nắng ở Vị Thanh.\n", "utf-8")
    (directory / "labels.jsonl").write_text(
        "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in (LABEL, NEGATIVE)), "utf-8")
    return directory


def _has_v11_commit() -> bool:
    return subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{V11.V11_COMMIT}^{{commit}}"],
                          check=False, capture_output=True).returncode == 0


def test_a_set_without_a_record_prints_the_command_that_records_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(V11, "V11_DIR", tmp_path / "rows")
    directory = _set(tmp_path)
    old = EVAL.run(directory, floors={}, extractor_name="v11")
    assert old["not_recorded"] == "v11: not recorded (run scripts/record_v11.py blind99)"
    table = EVAL.format_comparison(EVAL.run(directory, floors={}), old, "SET 99")
    assert table.splitlines()[1].split() == ["staged", "v11"]
    assert table.splitlines()[-1].strip() == old["not_recorded"]
    assert "detection F1" in table and "-" in table.splitlines()[2]


def test_recorded_rows_are_scored_against_todays_labels(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(V11, "V11_DIR", tmp_path / "rows")
    directory = _set(tmp_path)
    items = EVAL.labelled_items(directory)
    inputs = EVAL.split_items(directory, items)
    row = {"kind": "tổng kết", "period_label": "năm 2023", "cluster_name": "Cụm thi đua số 4",
           "host": None, "place": "thành phố Vị Thanh", "meeting_date": "2023-12-21",
           "provinces": ["Hậu Giang"], "members": [], "attendees": []}
    V11.write_record(V11.record_path(directory), {"commit": V11.V11_COMMIT},
                     [{"file": "901.txt", "input": V11.input_digest(inputs[0]), "rows": [row]},
                      {"file": "902.txt", "input": V11.input_digest(inputs[1]), "rows": []}])
    old = EVAL.run(directory, floors={}, extractor_name="v11")
    assert old["detection"]["f1"] == 1.0
    assert old["fields"]["host"] == 0.0 and old["fields"]["location"] == 1.0
    assert old["misses"] == [{"file": "901.txt", "field": "host", "got": None, "want": "UBND tỉnh Hậu Giang"}]
    table = EVAL.format_comparison(EVAL.run(directory, floors={}), old, "SET 99")
    assert "not recorded" not in table and table.splitlines()[6].split() == ["host", "100.0%", "0.0%"]


def test_a_record_made_on_other_text_is_not_used(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(V11, "V11_DIR", tmp_path / "rows")
    directory = _set(tmp_path)
    V11.write_record(V11.record_path(directory), {"commit": V11.V11_COMMIT},
                     [{"file": "901.txt", "input": "0" * 16, "rows": []},
                      {"file": "902.txt", "input": "0" * 16, "rows": []}])
    old = EVAL.run(directory, floors={}, extractor_name="v11")
    assert old["not_recorded"].startswith("v11: recorded on other input or labels for 2 of 2 items")
    assert old["not_recorded"].endswith("(run scripts/record_v11.py blind99)")


def test_recorded_verdicts_score_a_set_whose_text_stays_outside(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(V11, "V11_DIR", tmp_path / "rows")
    directory = _set(tmp_path)
    inputs = EVAL.split_items(directory, EVAL.labelled_items(directory))
    verdicts = {field: field != "period" for field in EVAL.FIELDS}
    V11.write_record(V11.record_path(directory), {"commit": V11.V11_COMMIT}, [
        {"file": "901.txt", "input": V11.input_digest(inputs[0]), "gold": V11.digest(LABEL),
         "judged": {"found": True, "verdicts": verdicts, "extra": [0, 0, 0]}},
        {"file": "902.txt", "input": V11.input_digest(inputs[1]), "gold": V11.digest(NEGATIVE),
         "judged": {"found": True, "verdicts": None, "extra": [0, 0, 0]}}])
    old = EVAL.run(directory, floors={}, extractor_name="v11")
    assert old["detection"]["fp"] == 1 and old["fields"]["period"] == 0.0 and old["fields"]["kind"] == 1.0
    assert [m["field"] for m in old["misses"]] == ["period", "is_meeting"]
    assert old["misses"][0]["got"] == EVAL.RECORDED
    relabelled = {**LABEL, "period": "năm 2024"}
    (directory / "labels.jsonl").write_text(
        "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in (relabelled, NEGATIVE)), "utf-8")
    assert "not_recorded" in EVAL.run(directory, floors={}, extractor_name="v11")


@pytest.mark.skipif(not _has_v11_commit(), reason="version 11 is read from git history (shallow clone)")
def test_record_v11_runs_version_11_from_git_history(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(V11, "V11_DIR", tmp_path / "rows")
    directory = _set(tmp_path)
    with tempfile.TemporaryDirectory() as tmp:
        tree = RECORD.unpack_v11(Path(tmp))
        assert 'EXTRACTOR_VERSION = "11"' in (tree / "archive" / "meetings.py").read_text("utf-8")
        path = RECORD.record_set(directory, tree, verdicts_only=False)
        lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        from_rows = EVAL.run(directory, floors={}, extractor_name="v11")
        RECORD.record_set(directory, tree)  # outside the repository: verdicts only
        from_verdicts = EVAL.run(directory, floors={}, extractor_name="v11")
    assert lines[0]["v11_record"]["commit"] == V11.V11_COMMIT and lines[0]["v11_record"]["kept"] == "rows"
    first = lines[1]["rows"][0]
    assert (first["kind"], first["meeting_date"], first["cluster_name"]) == ("tổng kết", "2023-12-21", "Cụm thi đua số 4")
    assert set(first) == set(EVAL.ROW_KEYS.values())
    assert lines[2]["rows"] == []
    assert "judged" in path.read_text("utf-8").splitlines()[1]
    assert from_rows["detection"] == from_verdicts["detection"] and from_rows["fields"] == from_verdicts["fields"]


@pytest.mark.parametrize("directory", [s.directory for s in EVAL.OWN_SETS], ids=lambda d: d.name)
def test_every_own_set_has_a_current_v11_record(directory: Path) -> None:
    old = EVAL.run(directory, floors={}, extractor_name="v11")
    assert "not_recorded" not in old, old["not_recorded"]
    assert old["n"] > 0
