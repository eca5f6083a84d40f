"""`thidua extract --explain`: the intermediate form of the meeting extractor, for a person.

Prints every sentence with where it stands (title, lead, body, caption, byline) and its spans
marked in place (`[label: text]`), which sentences open a meeting, and for each meeting which
span filled which field. It reads an `Analysis` (records.analyse) and computes nothing of its
own, so what it shows is what the extractor used.
"""

from __future__ import annotations

from typing import Any

from archive.meetings.records import Analysis
from archive.meetings.spans import Span, Tagged

# Labels shown inline; the rest (period.free, cluster.numbered, host.by_any) repeat one of these.
_SHOWN = ("trigger", "day", "period", "next_period", "cluster", "members", "organiser", "host.by",
          "host.chair", "host.role", "place", "person", "province", "role", "item")


def _name(span: Span) -> str:
    """A span's label as shown; a labelled item's with the fields it fills ('item time+place')."""
    return f"item {'+'.join(span.value.fields)}" if span.label == "item" else span.label


def _marked(tagged: Tagged) -> str:
    """The sentence with its outermost non-overlapping spans bracketed: '[day: Sáng 27-3], …'."""
    text = tagged.text
    spans = sorted((s for s in tagged.spans if s.label in _SHOWN and s.end > s.start),
                   key=lambda s: (s.start, -(s.end - s.start)))
    out, at = [], 0
    for span in spans:
        if span.start < at:
            continue
        out += [text[at:span.start], f"[{_name(span)}: {text[span.start:span.end]}]"]
        at = span.end
    out.append(text[at:])
    return "".join(out)


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return value.get("period_label") or value.get("cluster_name") or value.get("name") or str(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(_value(v) for v in value if v)
    return str(value)


def _where(span: Span, analysis: Analysis) -> str:
    found = next((t for t in analysis.tagged if span in t.spans), None)
    return f"#{found.segment.index}" if found else "?"


def explain(analysis: Analysis) -> str:
    """The analysis as text: tagged sentences, then per meeting its fields and their spans."""
    lines = ["SENTENCES (# where: text with [label: span])"]
    starts = {id(e.sentence): e for e in (analysis.plan.starts if analysis.plan else [])}
    for t in analysis.tagged:
        mark = " <- meeting" if id(t.segment) in starts else ""
        lines.append(f"#{t.segment.index} {t.segment.where}: {_marked(t)}{mark}")
    if not analysis.rows:
        lines.append("MEETINGS: none")
        return "\n".join(lines)
    for n, (row, got) in enumerate(zip(analysis.rows, analysis.assignments), 1):
        event = analysis.plan.starts[n - 1] if analysis.plan else None
        lines.append(f"MEETING {n}: {row['kind']} (kinds: {'; '.join(row['kinds'])}) "
                     f"from #{event.sentence.index if event else '?'}")
        for name, value in got.values.items():
            if name == "former_hint":
                continue
            spans = got.sources.get(name, [])
            where = ", ".join(sorted({_where(s, analysis) for s in spans})) or "derived"
            lines.append(f"  {name:<13} {_value(value) if value else '-'}  <- {where}")
        lines.append(f"  {'province':<13} {row['province'] or '-'} (former: {row['province_former'] or '-'})")
    return "\n".join(lines)
