"""The report held against the floors pinned in scripts/eval_baseline.json; floors only go up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evaluation.corpora import BASELINE, BLIND_SETS
from evaluation.scoring import SPURIOUS_FIELDS


def load_floors(path: Path = BASELINE) -> dict[str, Any]:
    """Every section's floors ({} without the file)."""
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def check_floors(report: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """Fields below their floor (ours), as messages."""
    failures = []
    # (floor section, its table of {field: {"ours": …}}, what to call it in the message)
    tables = [(section, report.get(section) or {}, "") for section in ("article", "article_text")]
    tables += [(section, (report.get(section) or {}).get("article") or {}, f" ({label})")
               for section, _dir, _heading, label in BLIND_SETS]
    tables.append(("article_text_blind", (report.get("article_text_blind") or {}).get("article_text") or {},
                   " (own blind text items)"))
    for section, table, label in tables:
        for field, floor in (floors.get(section) or {}).items():
            got = (table.get(field) or {}).get("ours")
            if got is not None and got + 1e-9 < floor:
                failures.append(f"{section}.{field}: {got:.1%} < floor {floor:.1%}{label}")
    return failures + _meeting_failures(report.get("meetings"))


def _meeting_failures(meetings: Any) -> list[str]:
    """The meetings report's own verdict (eval_meetings checks its floors) as messages."""
    failures: list[str] = []
    if isinstance(meetings, dict):
        if meetings.get("error"):
            failures.append(f"meetings: {meetings['error']}")
        for msg in meetings.get("below_floor") or meetings.get("failures") or []:
            failures.append(f"meetings: {msg}")
        if meetings.get("ok") is False and not (meetings.get("below_floor") or meetings.get("failures")):
            failures.append("meetings: below floor")
    return failures


def raise_floors(report: dict[str, Any], floors: dict[str, Any]) -> dict[str, Any]:
    """New floors: max(old, current) per field — never lower."""
    new = json.loads(json.dumps(floors))
    for section in ("article", "article_text"):
        sec = new.setdefault(section, {})
        for field, row in (report.get(section) or {}).items():
            got = row.get("ours")
            if got is None or field in SPURIOUS_FIELDS:
                continue
            sec[field] = max(sec.get(field, 0.0), got)
    return new
