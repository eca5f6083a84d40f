"""Stage (d), assembly: the article's meeting records, several when it reports several.

`analyse` runs the stages in order — segmentation (segments.py), span tagging (spans.py), the
plan of meetings (events.py: which sentences report one and which sentences each owns), role
assignment (roles.py) — and builds one record per meeting; `extract_meetings` returns the
records, `thidua extract --explain` prints the whole analysis (explain.py).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files
from typing import Any

from archive.meetings.days import parse_published
from archive.meetings.events import Plan, headline_kind, kinds_at_meeting, plan
from archive.meetings.provinces import Source, province_fields
from archive.meetings.roles import Assignment, assign
from archive.meetings.segments import cleaned, prepare, segment
from archive.meetings.spans import Tagged, tag
from archive.meetings.unwrap import unwrap
from archive.normalize import normalize_tone_marks

EXTRACTOR_VERSION = "75"


@dataclass
class Analysis:
    """Everything the stages found in one article: its sentences with their spans, the plan of
    meetings, and per meeting its record and the spans that filled it."""

    tagged: list[Tagged]
    plan: Plan | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)


_EVENT_TITLE = re.compile(r"(?<!tâm\s)(?<!Cung\s)(?<!trường\s)(?:[Hh]ội\s+nghị|[Bb]uổi\s+lễ|[Ll]ễ|[Đđ]ại\s+hội|[Bb]uổi\s+tọa\s+đàm|[Tt]ọa\s+đàm|"
                          r"[Bb]uổi\s+giao\s+lưu)\s+[^.;:]{3,200}")
_TITLE_END = re.compile(r"\s+(?:tại|do|diễn\s+ra|vào|của\s+(?:Tổng\s+)?[A-ZĐ]|chiều|sáng|ngày|với\s+sự|nhằm)\b"
                        r"|,\s(?!khen\s+thưởng)|\s+\(")


def _meeting_title(text: str, kind: str) -> str | None:
    m = _EVENT_TITLE.search(text)
    if not m:
        return None
    title = m.group(0)
    end = _TITLE_END.search(title, 5)
    if end:
        title = title[:end.start()]
    title = title.strip(" ,.")
    return title[0].upper() + title[1:] if title else None


_AS_WRITTEN = ("title", "period_label", "host", "place")
_WORD = re.compile(r"\w+")
_PERSON_AS_WRITTEN = ("name", "title", "organisation")


def _respell(rows: list[dict[str, Any]], written: str) -> list[dict[str, Any]]:
    """Put the article's tone-mark spelling back into the fields copied from it.

    The rules read the text with modern placement (`_prepare`), but labels and the archive keep
    names as written ('Tỉnh uỷ' stays 'Tỉnh uỷ'). Retoning keeps every character in place, so a
    value found in the retoned text is sliced from the same offsets of the text as written; a
    value the extractor composed (a meeting title) is respelled word by word, for the words the
    article writes only the old way."""
    retoned = normalize_tone_marks(written)
    if retoned == written:
        return rows
    words: dict[str, str] = {}
    modern_seen: set[str] = set()
    for word in dict.fromkeys(_WORD.findall(written)):  # each word once, in order of first use
        modern = normalize_tone_marks(word)
        if modern != word:
            words.setdefault(modern, word)
        else:
            modern_seen.add(word)

    def back(value: Any) -> Any:
        if not isinstance(value, str) or not value:
            return value
        at = retoned.find(value)
        if at >= 0:
            return written[at:at + len(value)]
        return re.sub(r"\w+", lambda m: m.group(0) if m.group(0) in modern_seen
                      else words.get(m.group(0), m.group(0)), value)

    for row in rows:
        for key in _AS_WRITTEN:
            row[key] = back(row.get(key))
        row["members"] = [back(x) for x in row.get("members") or []]
        for person in row.get("attendees") or []:
            for key in _PERSON_AS_WRITTEN:
                person[key] = back(person.get(key))
    return rows


def confidence_bucket(row: dict[str, Any]) -> str:
    """How many of the key fields (day, period, host or cluster, place) a meeting row filled: the
    bucket its confidence is measured for."""
    return str(sum(bool(row.get(k)) for k in ("meeting_date", "period_label", "place"))
               + bool(row.get("host") or row.get("cluster_name")))


@lru_cache(maxsize=1)
def _calibration() -> dict[str, float]:
    path = files(__package__).joinpath("calibration.toml")
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return {k: float(v["confidence"]) for k, v in tomllib.load(handle).get("buckets", {}).items()}


def calibrated_confidence(bucket: str) -> float | None:
    """The measured precision of a bucket (calibration.toml, written by `scripts/eval_meetings.py
    --calibrate`), None for a bucket no labelled row fell in."""
    return _calibration().get(bucket)


def _row(kind: str, kinds: list[str], title: str | None, got: Assignment, on: date | None,
         source: Source | None) -> dict[str, Any]:
    v = got.values
    period, cluster = v.get("period") or {}, v.get("cluster") or {}
    planned = v.get("next_period") or {}
    return {
        "kind": kind,
        "kinds": kinds,
        "title": title,
        "period_label": period.get("period_label"),
        "period_start": period.get("period_start"),
        "period_end": period.get("period_end"),
        "next_period": planned.get("period_label"),
        "cluster_kind": cluster.get("cluster_kind"),
        "cluster_name": cluster.get("cluster_name"),
        "cluster_number": cluster.get("cluster_number"),
        "host": v.get("host"),
        "place": v.get("place"),
        "meeting_date": v.get("meeting_date"),
        **province_fields(v.get("provinces") or [], on, source=source, former_hint=v.get("former_hint")),
        "confidence": None,
        "members": v.get("members") or [],
        "attendees": v.get("attendees") or [],
        "extractor_version": EXTRACTOR_VERSION,
    }


def _to_come(got: Assignment, pub: date | None) -> bool:
    """Whether the meeting's day falls more than a day after the report was published: it is
    announced ("Hội nghị dự kiến diễn ra vào ngày 29/01/2026" in a report of 21/01/2026), not held.
    A day's slack: a stamp in another time zone, or a crawl's, may read the day before."""
    day = got.values.get("meeting_date")
    return bool(pub and day and date.fromisoformat(day) > pub + timedelta(days=1))


def _meeting_kind(event_kind: str, title_kind: str | None, primary: bool) -> str:
    """A cluster's bare meeting ('tọa đàm', 'other') takes the headline's agenda when it has one."""
    if primary and title_kind and title_kind != event_kind and event_kind in ("tọa đàm", "other"):
        return title_kind
    return event_kind


def analyse(title: str, body: str, *, lead: str | None = None, published: str | None = None,
            captions: list[str] | None = None, source: Source | None = None,
            explain: bool = True) -> Analysis:
    """Run the stages over one article (see the module docstring).

    Without `explain`, an article whose plan holds no meeting (most of what a crawl brings)
    is not tagged: the spans would fill no record, and tagging is most of the stages' cost."""
    headline = prepare(title)
    lead, body = unwrap(lead or "", body or "")
    segments = segment(headline, prepare(lead), prepare(body), [prepare(c) for c in captions or []])
    pub = parse_published(published)
    found = plan(segments, headline) if segments else None
    if found is None and not explain:
        return Analysis([], None)
    result = Analysis(tag(segments, headline, pub), found)
    if found is None:
        return result
    tagged = result.tagged
    by_segment = {id(t.segment): t for t in tagged}
    title_event = by_segment[id(found.title_event.sentence)] if found.title_event else None
    for n, (event, owned) in enumerate(zip(found.starts, found.owned)):
        primary = n == 0
        kind = _meeting_kind(event.kind, headline_kind(found, headline), primary)
        mine = {id(s) for s in owned}
        restated = [by_segment[id(e.sentence)] for e in found.events
                    if e is not event and id(e.sentence) in mine and e.sentence.index > event.sentence.index
                    and e.kind == event.kind]
        got = assign(event, kind, title_event if primary else None, tagged, [by_segment[id(s)] for s in owned],
                     pub, primary=primary, inherit=result.rows[0] if result.rows else None, restated=restated)
        if _to_come(got, pub):
            continue
        kinds = kinds_at_meeting(event, [s.text for s in owned], headline)
        name = _meeting_title(event.sentence.text, kind) or (
            found.title_event and _meeting_title(found.title_event.sentence.text, kind)) or None
        on = date.fromisoformat(got.values["meeting_date"]) if got.values.get("meeting_date") else pub
        row = _row(kind, kinds, name, got, on, source)
        row["confidence"] = calibrated_confidence(confidence_bucket(row))
        result.rows.append(row)
        result.assignments.append(got)
    return result


def extract_meetings(title: str, body: str, *, lead: str | None = None, published: str | None = None,
                     captions: list[str] | None = None, source_province: str | None = None,
                     source_province_former: str | None = None) -> list[dict[str, Any]]:
    """Meetings reported in an article, the headline meeting first; [] when it reports none.

    Keys: the `meetings` columns (README, "Schema") plus `kinds`, `provinces`, `members` (names
    as written) and `attendees` ({name, title, organisation}). `captions` are the article's
    photo captions when the extractor kept them apart from the body; `source_province` and
    `source_province_former` are the source's registry entry's (see provinces.province_fields).

    The rules read the text with modern tone-mark placement (`prepare`: 'toạ đàm' is 'tọa
    đàm'), and the fields copied from the text come back in the article's own spelling."""
    source = Source(source_province, source_province_former)
    rows = analyse(title, body, lead=lead, published=published, captions=captions, source=source,
                   explain=False).rows
    if not rows:
        return rows
    lead, body = unwrap(lead or "", body or "")
    written = "\n".join(cleaned(t) for t in (title, lead, body, *(captions or [])) if t)
    return _respell(rows, written)
