"""Stage (b), span tagging: what each sentence names, with where it names it.

Every sentence of the article is tagged once by every tagger below; the later stages (role
assignment, assembly) only choose among these spans, so `thidua extract --explain` can show the
whole intermediate form: the tagged text and which span filled which field. A span has a label,
its offsets in the sentence (modern tone marks), the text it covers and a parsed value.

Labels (a tagger may leave any of them out):
  trigger            a meeting-kind trigger allowed by its context (value: the kind)
  day                a day-month, maybe a year (value: (day, month, year or None))
  period             the first period phrase of the sentence (value: label, start, end)
  period.free        the same, leaving out clauses that state a target ("phấn đấu …")
  next_period        the period a meeting plans for ("triển khai nhiệm vụ năm 2025")
  cluster            a Cụm/Khối thi đua mention (value: kind, name, number)
  cluster.numbered   a numbered one only ("Cụm thi đua số 7")
  members            the member list after "gồm"/"hiện có N đơn vị:" (value: names)
  members.listed     the localities of the units enumerated after "các tỉnh, thành phố:"
  organiser          the subject of the organising verb (value: (name or None, by-the-cluster))
  host.by            "Hội nghị do X … đăng cai/chủ trì/tổ chức" in a sentence about the meeting
  host.by_any        the same in any sentence
  host.chair         the unit that is the subject of "đăng cai/chủ trì hội nghị"
  host.role          the unit named with its rotating role ("X là Cụm trưởng năm 2019")
  place              "tại X" (value: the place as written)
  person             a person shown at the meeting (value: name, title, organisation)
  province           a province named (value: its official former name)
  role               a role phrase: Cụm trưởng, Cụm phó, Trưởng khối, đăng cai, chủ trì, dẫn đầu
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from archive.lexicons import pattern
from archive.meetings.chairs import role_hosts
from archive.meetings.clusters import parse_cluster
from archive.meetings.days import find_date
from archive.meetings.members import enumerated_members, parse_members, table_members
from archive.meetings.organisers import (
    find_place,
    hosted_by,
    hosting_unit,
    origin_point,
    parse_organiser,
)
from archive.meetings.people import ATTENDANCE_HEADING, LIST_ITEM, listed_item_person, people_in
from archive.meetings.periods import next_period, parse_period, without_targets
from archive.meetings.segments import Segment
from archive.meetings.triggers import CLUSTER_WORD, trigger_spans, triggers_in
from archive.organisations import names_a_branch, starts_with_org_head
from archive.places import province_mentions

# Role phrases (archive/lexicons/roles.toml): the chair and its deputy, hosting, leading.
ROLE_PHRASE = re.compile("|".join(pattern("roles", key) for key in ("deputies", "chairs", "hosting", "delegation")),
                         re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """One thing a sentence names: label, offsets in the sentence, the text, a parsed value."""

    label: str
    start: int
    end: int
    text: str
    value: Any = None


@dataclass
class Tagged:
    """A sentence and its spans, in the order of the taggers."""

    segment: Segment
    spans: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.segment.text

    def first(self, label: str) -> Span | None:
        return next((s for s in self.spans if s.label == label), None)

    def all(self, label: str) -> list[Span]:
        return [s for s in self.spans if s.label == label]


def locate(label: str, text: str, found: str | None, value: Any = None, *, near: int = 0) -> Span:
    """A span for `found` as written in `text` (its first occurrence from `near`, else anywhere);
    a value the parser composed (a member list with a shared prefix) spans the whole sentence."""
    words = found.split() if found else []
    for n in range(len(words), 0, -1):  # a composed value ('6 tháng đầu năm 2016'): its written start
        part = " ".join(words[:n])
        at = text.find(part, near)
        at = at if at >= 0 else text.find(part)
        if at >= 0 and (n == len(words) or n >= 2):
            return Span(label, at, at + len(part), part, value)
    return Span(label, 0, len(text), text, value)


def _triggers(text: str, headline: str, _pub: date | None) -> Iterator[Span]:
    for start, end, kind in trigger_spans(text, headline):
        yield Span("trigger", start, max(end, start + 1), text[start:max(end, start + 1)], kind)


def _days(text: str, _headline: str, pub: date | None) -> Iterator[Span]:
    found = find_date(text, pub)
    if found:
        start, end, day = found
        yield Span("day", start, end, text[start:end], day)


def _periods(text: str, headline: str, _pub: date | None) -> Iterator[Span]:
    triggers = triggers_in(text, headline)
    after = triggers[0][0] if triggers else 0
    for label, source in (("period", text), ("period.free", without_targets(text))):
        period = parse_period(source, after=after if source is text else 0)
        if period:
            yield locate(label, text, period["period_label"], period)
    planned = next_period(text)
    if planned:
        yield locate("next_period", text, planned["period_label"], planned)


def _clusters(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    for label, numbered in (("cluster", False), ("cluster.numbered", True)):
        cluster = parse_cluster(text, numbered_only=numbered)
        if cluster:
            yield locate(label, text, cluster.get("written") or cluster["cluster_name"], cluster)
    if CLUSTER_WORD.search(text) or re.search(r"\b(?:cụm|khối)\b", text, re.IGNORECASE):
        members = parse_members(text)
        if members:
            yield locate("members", text, members[0], members)
    listed = enumerated_members(text)
    if listed:
        yield locate("members.listed", text, listed[0], listed)


def _organisers(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    host, by_cluster = parse_organiser(text)
    if host:
        yield locate("organiser", text, host, (host, by_cluster))
    elif by_cluster:  # the cluster itself organises: the span is its mention
        cluster = CLUSTER_WORD.search(text) or re.search(r"\b(?:[Cc]ụm|[Kk]hối)\b", text)
        start, end = (cluster.start(), cluster.end()) if cluster else (0, len(text))
        yield Span("organiser", start, end, text[start:end], (None, True))
    for label, found in (("host.by", hosted_by(text)), ("host.by_any", hosted_by(text, meeting_subject=False)),
                         ("host.chair", hosting_unit(text))):
        if found:
            yield locate(label, text, found, found)
    for unit, year in role_hosts(text):
        yield locate("host.role", text, unit, (unit, year))
    origin = origin_point(text)
    if origin and (starts_with_org_head(origin[1]) or names_a_branch(origin[1])):
        # the unit an online meeting is broadcast from chairs it, as a unit that "chủ trì" does
        yield locate("host.chair", text, origin[1], origin[1], near=origin[0])
    place = find_place(text)
    if place:
        yield locate("place", text, place[1], place[1], near=place[0])


def _people(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    at = 0
    for person in people_in(text):
        span = locate("person", text, person["name"], person, near=at)
        at = span.end
        yield span


def _provinces(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    for start, end, target in province_mentions(text):
        yield Span("province", start, end, text[start:end], target)


def _roles(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    for m in ROLE_PHRASE.finditer(text):
        yield Span("role", m.start(), m.end(), m.group(0), m.group(0).lower())


TAGGERS: tuple[Callable[[str, str, date | None], Iterator[Span]], ...] = (
    _triggers, _days, _periods, _clusters, _organisers, _people, _provinces, _roles,
)


def _listed_attendees(tagged: list[Tagged]) -> None:
    """The people of a list under an attendance heading, one item a paragraph ("Thành phần dự
    hội nghị:" then "1. Ông A, title;", "2. Bà B, title;"): each item is a person at the meeting
    though it repeats no attendance verb."""
    listing = False
    for t in tagged:
        if listing and LIST_ITEM.match(t.text):
            person = listed_item_person(t.text)
            if person and not t.all("person"):
                t.spans.append(locate("person", t.text, person["name"], person))
            continue
        listing = bool(ATTENDANCE_HEADING.search(t.text))


def _table_members(tagged: list[Tagged]) -> None:
    """A text table whose header names a unit column ("STT | Đơn vị | Tổng điểm | Xếp hạng"): its
    cells are listed members, on the header's sentence (members.table_members)."""
    for n, t in enumerate(tagged):
        if "|" in t.text and not t.first("members.listed"):
            names = table_members([x.text for x in tagged[n:n + 80]])
            if names:
                t.spans.append(Span("members.listed", 0, len(t.text), t.text, names))


def tag(segments: list[Segment], headline: str, published: date | None) -> list[Tagged]:
    """Every sentence with the spans every tagger finds in it, then the people an attendance
    list names item by item (_listed_attendees) and the units a text table ranks (_table_members)."""
    tagged = [Tagged(seg, [span for tagger in TAGGERS for span in tagger(seg.text, headline, published)])
              for seg in segments]
    _listed_attendees(tagged)
    _table_members(tagged)
    return tagged
