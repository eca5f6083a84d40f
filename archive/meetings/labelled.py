"""Labelled items: a list item that opens with a label and a colon ("- Thời gian: …", "2. Địa
điểm: …", "1. Chủ trì: Ông A, …").

Minutes, reports of a meeting's results, announcements and posts set out a meeting's particulars
and composition this way. Three rules used to read such items, each with its own grammar for the
item's number and the label (the venue, the particulars that describe a meeting, the people of
its composition), so "1) Địa điểm:" gave a venue to one and not another. One parser reads them
all now; which label fills which field is data (archive/lexicons/item_labels.toml), and what a
stage does with the value (a venue's name, a person) stays with that stage. The item is a span
of the intermediate form (`item`, spans.py), so `thidua extract --explain` shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from archive.lexicons import load

# What may stand before the label: an item's number ("1.", "2)", "II."), or a dash or bullet
# when segmentation has not taken it off.
_MARKER = r"(?:\d{1,2}\s*[.)]\s*|[IVX]+\.\s*|[-–—+•*]\s*)"

PARTICULARS = frozenset({"time", "place"})
COMPOSITION = frozenset({"chair", "attendee", "secretary"})


@dataclass(frozen=True)
class LabelledItem:
    """A label at an item's start: the label as written, where it stands, the fields it fills
    and where its value starts (after the colon and the spaces after it)."""

    label: str
    start: int
    end: int
    fields: tuple[str, ...]
    value_start: int

    def fills(self, fields: frozenset[str]) -> bool:
        """Whether the item fills any of `fields`."""
        return not fields.isdisjoint(self.fields)


def _label_pattern(label: str) -> str:
    """A label of item_labels.toml as a regular expression: a space is any whitespace, a comma
    may stand with or without spaces around it ('Thời gian,địa điểm')."""
    parts = [r"\s+".join(map(re.escape, part.split())) for part in label.split(",")]
    return r"\s*,\s*".join(parts)


@cache
def _labels() -> tuple[dict[str, tuple[str, ...]], re.Pattern[str]]:
    fills = {label.casefold(): tuple(fields) for label, fields in load("item_labels")["fills"].items()}
    alternatives = "|".join(_label_pattern(label) for label in sorted(fills, key=len, reverse=True))
    return fills, re.compile(rf"^{_MARKER}?(?P<label>{alternatives})\s*:\s*", re.IGNORECASE)


def _key(written: str) -> str:
    """The lexicon's key of a label as written ('Thời gian ,địa điểm' → 'thời gian, địa điểm')."""
    return ", ".join(" ".join(part.split()) for part in written.casefold().split(","))


def labelled_item(text: str) -> LabelledItem | None:
    """The labelled item `text` opens with ("1. Thời gian, địa điểm: …" → label 'Thời gian, địa
    điểm', fields ('time', 'place')); None when it opens with none."""
    fills, grammar = _labels()
    m = grammar.match(text)
    if not m:
        return None
    return LabelledItem(m.group("label"), m.start("label"), m.end("label"), fills[_key(m.group("label"))], m.end())
