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
  members.points     the units an online meeting connects ("từ điểm cầu chính tại X đến 5 điểm
                     cầu của Hội LHPN các tỉnh A, B …": X, then each of the others)
  organiser          the subject of the organising verb (value: (name or None, by-the-cluster))
  host.by            "Hội nghị do X … đăng cai/chủ trì/tổ chức" in a sentence about the meeting
  host.by_any        the same in any sentence
  host.chair         the unit that is the subject of "đăng cai/chủ trì hội nghị"
  host.role          the unit named with its rotating role ("X là Cụm trưởng năm 2019")
  host.role_only     "Hội nghị do đơn vị Cụm trưởng chủ trì": the host named by its role alone
  host.titled        the unit a person's title gives the role ("A, Giám đốc Bệnh viện B, Cụm trưởng")
  place              "tại X" (value: the place as written)
  person             a person shown at the meeting (value: name, title, organisation)
  province           a province named (value: its official former name)
  role               a role phrase: Cụm trưởng, Cụm phó, Trưởng khối, đăng cai, chủ trì, dẫn đầu
  item               the label of a labelled item at the sentence's start ("Địa điểm: …", "Chủ trì:
                     …"; value: labelled.LabelledItem, with the fields it fills and where its value starts)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from archive.lexicons import pattern
from archive.meetings.chairs import names_host_by_role, role_hosts, titled_role_units
from archive.meetings.clusters import parse_cluster
from archive.meetings.days import find_date
from archive.meetings.labelled import labelled_item
from archive.meetings.members import (
    delegate_members,
    enumerated_members,
    item_members,
    parse_members,
    point_members,
    table_members,
)
from archive.meetings.organisers import (
    find_place,
    hosted_by,
    hosting_unit,
    origin_point,
    parse_organiser,
)
from archive.meetings.people import (
    ATTENDANCE_HEADING,
    LIST_ITEM,
    labelled_item_person,
    listed_item_person,
    people_in,
)
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


class Tagged:
    """A sentence and its spans, in the order of the taggers, then of the late rules.

    Spans are found on demand, one tagger at a time: role assignment asks a handful of sentences
    for a handful of labels, so tagging every sentence with every tagger up front spent most of
    the meeting stages' time on spans nobody read. Each label comes from one tagger (`LABELS`)
    and maybe from late rules that read the neighbouring sentences (`LATE`: an attendance list's
    items, a text table's units), which add their span after every tagger's. What is found is
    kept, so `first`, `all` and `spans` answer as if everything had been tagged at once."""

    __slots__ = ("_found", "_late", "_spans", "at", "headline", "listed", "published", "segment",
                 "sentences")

    def __init__(self, segment: Segment, headline: str, published: date | None, *,
                 sentences: list[Tagged] | None = None, at: int = 0, listed: bool = False) -> None:
        self.segment = segment
        self.headline = headline
        self.published = published
        self.sentences = sentences if sentences is not None else [self]  # the article's, in order
        self.at = at  # this sentence's place in `sentences`
        self.listed = listed  # an item of a list under an attendance heading
        self._found: dict[Callable[..., Iterator[Span]], list[Span]] = {}
        self._late: dict[int, Span | None] = {}
        self._spans: list[Span] | None = None

    def __eq__(self, other: object) -> bool:
        # the spans are a function of these, so this is the dataclass equality it replaces
        return isinstance(other, Tagged) and (self.segment, self.headline, self.published, self.listed) == (
            other.segment, other.headline, other.published, other.listed)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        return f"Tagged(segment={self.segment!r}, spans={self.spans!r})"

    @property
    def text(self) -> str:
        return self.segment.text

    def tagged_by(self, tagger: Callable[[str, str, date | None], Iterator[Span]]) -> list[Span]:
        """The spans one tagger finds in this sentence (found once, then kept)."""
        found = self._found.get(tagger)
        if found is None:
            found = self._found[tagger] = list(tagger(self.segment.text, self.headline, self.published))
            stray = {s.label for s in found} - TAGGER_LABELS[tagger]
            if stray:  # a tagger's labels must be declared, or first/all would not find them
                raise AssertionError(f"{tagger.__name__} yields undeclared labels {sorted(stray)}")
        return found

    def _late_span(self, rule: int) -> Span | None:
        if rule not in self._late:
            self._late[rule] = LATE[rule][1](self)
        return self._late[rule]

    def _labelled(self, label: str) -> list[Span]:
        tagger = LABELS.get(label)
        spans = self.tagged_by(tagger) if tagger else []
        late = [span for n, (of, _rule) in enumerate(LATE) if of == label and (span := self._late_span(n))]
        return spans + late if late else spans

    @property
    def spans(self) -> list[Span]:
        if self._spans is None:
            self._spans = [span for tagger in TAGGERS for span in self.tagged_by(tagger)] + [
                span for n in range(len(LATE)) if (span := self._late_span(n))]
        return self._spans

    def first(self, label: str) -> Span | None:
        return next((s for s in self._labelled(label) if s.label == label), None)

    def all(self, label: str) -> list[Span]:
        return [s for s in self._labelled(label) if s.label == label]


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


# One tagger per label where the labels are found apart (a role asks `period.free` of every
# sentence a meeting owns, `period` of a few), in the order their spans always came.

def _periods(text: str, headline: str, _pub: date | None) -> Iterator[Span]:
    triggers = triggers_in(text, headline)
    period = parse_period(text, after=triggers[0][0] if triggers else 0)
    if period:
        yield locate("period", text, period["period_label"], period)


def _free_periods(text: str, headline: str, _pub: date | None) -> Iterator[Span]:
    source = without_targets(text)
    after = 0
    if source is text:  # nothing left out (join gives the text itself back): `period`'s search
        triggers = triggers_in(text, headline)
        after = triggers[0][0] if triggers else 0
    period = parse_period(source, after=after)
    if period:
        yield locate("period.free", text, period["period_label"], period)


def _next_periods(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    planned = next_period(text)
    if planned:
        yield locate("next_period", text, planned["period_label"], planned)


def _clusters(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    for label, numbered in (("cluster", False), ("cluster.numbered", True)):
        cluster = parse_cluster(text, numbered_only=numbered)
        if cluster:
            yield locate(label, text, cluster.get("written") or cluster["cluster_name"], cluster)


def _members(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    if CLUSTER_WORD.search(text) or re.search(r"\b(?:cụm|khối)\b", text, re.IGNORECASE):
        members = parse_members(text)
        if members:
            yield locate("members", text, members[0], members)


def _listed_members(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    listed = enumerated_members(text) or delegate_members(text)
    if listed:
        yield locate("members.listed", text, listed[0], listed)


def _point_members(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    points = point_members(text)
    if points:
        yield locate("members.points", text, points[0], points)


def _organisers(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    host, by_cluster = parse_organiser(text)
    if host:
        yield locate("organiser", text, host, (host, by_cluster))
    elif by_cluster:  # the cluster itself organises: the span is its mention
        cluster = CLUSTER_WORD.search(text) or re.search(r"\b(?:[Cc]ụm|[Kk]hối)\b", text)
        start, end = (cluster.start(), cluster.end()) if cluster else (0, len(text))
        yield Span("organiser", start, end, text[start:end], (None, True))


def _hosted_by(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    found = hosted_by(text)
    if found:
        yield locate("host.by", text, found, found)


def _hosted_by_any(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    found = hosted_by(text, meeting_subject=False)
    if found:
        yield locate("host.by_any", text, found, found)


def _hosts(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    found = hosting_unit(text)
    if found:
        yield locate("host.chair", text, found, found)
    for unit, year in role_hosts(text):
        yield locate("host.role", text, unit, (unit, year))
    if names_host_by_role(text):
        yield locate("host.role_only", text, "đơn vị", True)
    for unit, year in titled_role_units(text):
        yield locate("host.titled", text, unit, (unit, year))
    for unit, year in titled_role_units(text, chairing=True):
        yield locate("host.titled_chair", text, unit, (unit, year))
    origin = origin_point(text)
    if origin and (starts_with_org_head(origin[1]) or names_a_branch(origin[1])):
        # the unit an online meeting is broadcast from chairs it, as a unit that "chủ trì" does
        yield locate("host.chair", text, origin[1], origin[1], near=origin[0])


def _places(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
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


def _items(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    item = labelled_item(text)
    if item:
        yield Span("item", item.start, item.end, item.label, item)


def _roles(text: str, _headline: str, _pub: date | None) -> Iterator[Span]:
    for m in ROLE_PHRASE.finditer(text):
        yield Span("role", m.start(), m.end(), m.group(0), m.group(0).lower())


TAGGERS: tuple[Callable[[str, str, date | None], Iterator[Span]], ...] = (
    _triggers, _days, _periods, _free_periods, _next_periods, _clusters, _members, _listed_members,
    _point_members, _organisers, _hosted_by, _hosted_by_any, _hosts, _places, _people, _provinces, _items,
    _roles,
)
# The labels each tagger yields (the module docstring's list); a label has one tagger.
TAGGER_LABELS: dict[Callable[[str, str, date | None], Iterator[Span]], frozenset[str]] = {
    _triggers: frozenset({"trigger"}),
    _days: frozenset({"day"}),
    _periods: frozenset({"period"}),
    _free_periods: frozenset({"period.free"}),
    _next_periods: frozenset({"next_period"}),
    _clusters: frozenset({"cluster", "cluster.numbered"}),
    _members: frozenset({"members"}),
    _listed_members: frozenset({"members.listed"}),
    _point_members: frozenset({"members.points"}),
    _organisers: frozenset({"organiser"}),
    _hosted_by: frozenset({"host.by"}),
    _hosted_by_any: frozenset({"host.by_any"}),
    _hosts: frozenset({"host.chair", "host.role", "host.role_only", "host.titled", "host.titled_chair"}),
    _places: frozenset({"place"}),
    _people: frozenset({"person"}),
    _provinces: frozenset({"province"}),
    _items: frozenset({"item"}),
    _roles: frozenset({"role"}),
}
LABELS = {label: tagger for tagger, labels in TAGGER_LABELS.items() for label in labels}


def _list_items(segments: list[Segment]) -> list[bool]:
    """Which sentences are items of a list under an attendance heading ("Thành phần dự hội
    nghị:" then "1. Ông A, title;", "2. Bà B, title;")."""
    items, listing = [], False
    for seg in segments:
        item = listing and (seg.item or bool(LIST_ITEM.match(seg.text)))
        items.append(item)
        if not item:
            listing = bool(ATTENDANCE_HEADING.search(seg.text))
    return items


def _listed_attendee(t: Tagged) -> Span | None:
    """An attendance list's item is a person at the meeting though it repeats no attendance verb:
    the person it names, when the person tagger found nobody in it; so is an item labelled as a
    part of the meeting's composition ("Đại biểu: Bà A, title", "Thư ký: Ông B, title")."""
    if not t.tagged_by(_people):
        person = listed_item_person(t.text) if t.listed else labelled_item_person(t.text)
        if person:
            return locate("person", t.text, person["name"], person)
    return None


def _table_members(t: Tagged) -> Span | None:
    """A text table whose header names a unit column ("STT | Đơn vị | Tổng điểm | Xếp hạng"): its
    cells are listed members, on the header's sentence (members.table_members)."""
    if "|" in t.text and not t.tagged_by(_listed_members):
        names = table_members([x.text for x in t.sentences[t.at:t.at + 80]])
        if names:
            return Span("members.listed", 0, len(t.text), t.text, names)
    return None


def _item_members(t: Tagged) -> Span | None:
    """A heading that announces the members ("Đơn vị tham gia Cụm thi đua số 2:") over a dashed or
    bulleted list: its items are listed members, on the heading's sentence (members.item_members)."""
    if not t.text.rstrip().endswith(":") or t.tagged_by(_listed_members):
        return None
    items = []
    for x in t.sentences[t.at + 1:t.at + 40]:
        if not x.segment.item:
            break
        items.append(x.text)
    names = item_members(t.text, items) if items else None
    return Span("members.listed", 0, len(t.text), t.text, names) if names else None


# Late rules, in the order their spans follow the taggers': (label, rule over one sentence).
LATE: tuple[tuple[str, Callable[[Tagged], Span | None]], ...] = (
    ("person", _listed_attendee),
    ("members.listed", _table_members),
    ("members.listed", _item_members),
)


def tag(segments: list[Segment], headline: str, published: date | None) -> list[Tagged]:
    """Every sentence, ready to give the spans every tagger and late rule finds in it (found
    when asked)."""
    tagged: list[Tagged] = []
    for n, (seg, listed) in enumerate(zip(segments, _list_items(segments), strict=True)):
        tagged.append(Tagged(seg, headline, published, sentences=tagged, at=n, listed=listed))
    return tagged
