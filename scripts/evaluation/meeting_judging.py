"""The judging of meeting extraction (scripts/eval_meetings.py): pure functions over the rows the
extractor returned for one labelled item and its label — per-field verdicts, further meetings
found, the misses a person reads, a row's confidence bucket. No files here, so the rules can be
tested on hand-written dicts and the same rules judge every set, live or recorded (v11.py).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

# The fields scored of a meeting report (its headline row).
FIELDS = ("kind", "period", "cluster", "host", "location", "meeting_date", "provinces", "members",
          "attendees")
def norm(text: Any) -> str:
    """Folded, short forms expanded, parentheses and punctuation out, spaces collapsed."""
    from archive.normalize import fold
    from archive.organisations import expand_abbreviations

    if not text:
        return ""
    text = expand_abbreviations(str(text))
    text = re.sub(r"\([^)]*\)", " ", text)
    text = fold(text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _contains(pred: Any, gold: Any, *, need_digit: bool = False) -> bool:
    p, g = norm(pred), norm(gold)
    if not p and not g:
        return True
    if not p or not g:
        return False
    if need_digit and not re.search(r"\d", p):
        return False
    return p in g or g in p


def _province_key(name: str) -> str:
    return re.sub(r"^(?:tp|thanh pho|tinh)\s+", "", norm(name))


def score(rows: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, bool]:
    """Per-field verdicts for one gold meeting report."""
    if not rows:
        return {f: False for f in FIELDS}
    m = rows[0]
    gold_members = {norm(x) for x in gold.get("members") or []}
    gold_people = {norm(p.get("name")) for p in gold.get("attendees") or []}
    return {
        "kind": m.get("kind") == gold.get("meeting_kind"),
        "period": _contains(m.get("period_label"), gold.get("period"), need_digit=True),
        "cluster": _contains(m.get("cluster_name"), gold.get("cluster")),
        "host": _contains(m.get("host"), gold.get("host")),
        "location": _contains(m.get("place"), gold.get("location")),
        "meeting_date": (m.get("meeting_date") or None) == (gold.get("meeting_date") or None),
        "provinces": {_province_key(p) for p in m.get("provinces") or []}
        == {_province_key(p) for p in gold.get("provinces") or []},
        "members": {norm(x) for x in m.get("members") or []} == gold_members,
        "attendees": {norm(p.get("name")) for p in m.get("attendees") or []} == gold_people,
    }


def score_extra_rows(rows: list[dict[str, Any]], gold: dict[str, Any]) -> tuple[int, int, int]:
    """(found, wanted, spurious) for the meetings after the headline one.

    Gold may list them in `other_meetings` ({meeting_kind, host, meeting_date, …}); a returned
    row beyond the first matches one when its kind is equal, its host matches (as for `host`
    above) and its date is equal. Rows that match none are spurious. Gold without the key (the
    realworld sample names extra meetings only in `notes`) is not scored.
    """
    wanted = gold.get("other_meetings")
    if wanted is None:
        return 0, 0, 0
    extra = list(rows[1:])
    found = 0
    for w in wanted:
        hit = next((r for r in extra if r.get("kind") == w.get("meeting_kind")
                    and _contains(r.get("host"), w.get("host"))
                    and (r.get("meeting_date") or None) == (w.get("meeting_date") or None)), None)
        if hit is not None:
            found += 1
            extra.remove(hit)
    return found, len(wanted), len(extra)


# The row keys that fill each scored field (a filled field is one the extractor gave a value).
ROW_KEYS = {"kind": "kind", "period": "period_label", "cluster": "cluster_name", "host": "host",
            "location": "place", "meeting_date": "meeting_date", "provinces": "provinces",
            "members": "members", "attendees": "attendees"}
RECORDED = "(recorded verdict)"  # what a miss shows as "got" when only the verdict was recorded


class Judged(NamedTuple):
    """One labelled item scored: what `run` adds up. A set kept outside the repository has its
    version 11 items recorded in this form (no extracted text comes in)."""

    found: bool  # the extractor returned a meeting
    verdicts: dict[str, bool] | None  # per field, when the label is a meeting report
    extra: tuple[int, int, int]  # further meetings (found, wanted, spurious)


def judge(g: dict[str, Any], rows: list[dict[str, Any]]) -> Judged:
    """An item's rows held against its label."""
    if not g.get("is_meeting"):
        return Judged(bool(rows), None, (0, 0, 0))
    return Judged(bool(rows), score(rows, g), score_extra_rows(rows, g))


def miss(g: dict[str, Any], rows: list[dict[str, Any]] | None, field: str) -> dict[str, Any]:
    got = (rows[0] if rows else {}) if rows is not None else None
    shown = RECORDED if got is None else {
        "period": got.get("period_label"), "cluster": got.get("cluster_name"), "location": got.get("place"),
        "attendees": [p.get("name") for p in got.get("attendees") or []],
        "provinces": got.get("provinces")}.get(field, got.get(field))
    want = {"kind": g.get("meeting_kind"),
            "attendees": [p.get("name") for p in g.get("attendees") or []]}.get(field, g.get(field))
    return {"file": g["file"], "field": field, "got": shown, "want": want}


def item_misses(g: dict[str, Any], judged: Judged, rows: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The misses of one item (rows None: only its verdicts were recorded)."""
    wanted = bool(g.get("is_meeting"))
    misses = []
    if judged.found != wanted:
        misses.append({"file": g["file"], "field": "is_meeting", "got": judged.found, "want": wanted})
    found, want, spurious = judged.extra
    if found < want or spurious:
        misses.append({"file": g["file"], "field": "extra_rows",
                       "got": RECORDED if rows is None else
                       [(r.get("kind"), r.get("host"), r.get("meeting_date")) for r in rows[1:]],
                       "want": [(w.get("meeting_kind"), w.get("host"), w.get("meeting_date"))
                                for w in g.get("other_meetings") or []]})
    return misses + [miss(g, rows, field) for field, ok in (judged.verdicts or {}).items() if not ok]


def add_to_bucket(tally: dict[str, dict[str, int]], rows: list[dict[str, Any]], verdicts: dict[str, bool] | None) -> None:
    """Add the headline row to its confidence bucket: how many of its filled fields were right
    (a row where the text reports no meeting counts every filled field wrong)."""
    from archive.meetings.records import confidence_bucket

    if not rows:
        return
    row = rows[0]
    filled = [f for f, key in ROW_KEYS.items() if row.get(key)]
    cell = tally.setdefault(confidence_bucket(row), {"rows": 0, "filled": 0, "right": 0})
    cell["rows"] += 1
    cell["filled"] += len(filled)
    cell["right"] += sum(bool(verdicts and verdicts[f]) for f in filled)
