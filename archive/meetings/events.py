"""Which sentences report a meeting, which of them open a meeting of their own, and which
sentences each meeting owns (part of stage (d), assembly).

The first qualifying sentence of lead or body (else the headline) is the headline meeting; a
summary sentence that names no day, organiser or cluster gives way to a later concrete one. A
later qualifying sentence opening a new event ("Cùng ngày", "Chiều cùng ngày", "Trước đó", its
own day, another locality) with a different organiser is another meeting, and owns the sentences
up to the next one. When the article's first sentence reports another kind of event (a congress,
an executive session, a training course, a plan, one unit's ceremony), sentences referring back
to it are part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.lexicons import pattern
from archive.meetings.clusters import parse_cluster
from archive.meetings.organisers import parse_organiser
from archive.meetings.patterns import _DATE, _I, _RELATIVE_DAY, _names_day
from archive.meetings.segments import INTERVIEW_TURN, Segment, Sentence
from archive.meetings.triggers import (
    _AGGREGATE,
    _BACK_REFERENCE,
    _CONGRESS,
    _DISQUALIFY,
    _EMULATION_CONGRESS,
    _EVIDENCE,
    _EXECUTIVE,
    _NEW_EVENT,
    _PERSONAL_HONOUR,
    _PRESS,
    _STATUTORY,
    _TRAINING,
    Event,
    _congress_event,
    _plain,
    _qualifies,
    primary_first,
    triggers_in,
)

# A sentence may open a meeting only from these parts of the article: a caption or a byline
# never reports a meeting of its own.
_REPORTING = ("title", "lead", "body")


@dataclass
class Plan:
    """The article's meetings before their fields are assigned: where each starts, which
    sentences it owns, the headline's own event and the lead's first sentence."""

    starts: list[Event]
    owned: list[list[Segment]]
    title_event: Event | None
    opening: Segment | None
    events: list[Event]  # every qualifying sentence, the starts among them


# "tổ chức Liên hoan “Cháu ngoan Bác Hồ” lần thứ VIII", "tổ chức Lễ …", "tổ chức Chương trình …":
# an event organised, whatever its name says.
_HOLDS_EVENT = re.compile(r"\btổ\s+chức\s+(?:long\s+trọng\s+)?(?:hội\s+nghị|buổi\s+lễ|lễ|liên\s+hoan|"
                          r"chương\s+trình|(?:buổi\s+)?gặp\s+mặt|ngày\s+hội|hội\s+diễn|đại\s+hội)\b", _I)


def _event_named_by_headline(opening: Sentence, headline: str) -> Event | None:
    """The opening sentence as the report of the meeting the headline names.

    A headline often carries the agenda ("Quảng Trị tuyên dương 95 đội viên “Cháu ngoan Bác
    Hồ”") while the lead only says that an event was held, under its own name ("Sáng nay, …
    Tỉnh đoàn … tổ chức Liên hoan “Cháu ngoan Bác Hồ” lần thứ VIII"). When the headline has a
    trigger, the lead names a day (or other evidence) and an organised event, and nothing in
    the lead makes it another kind of event (a congress, an executive session, a training
    course, a press conference, a plan), the lead reports the headline's meeting, of the
    headline's kind.
    """
    title_triggers = triggers_in(headline, headline)
    text = opening.text
    if not title_triggers or _CONGRESS.search(headline) or _EXECUTIVE.search(headline):
        return None
    held = _HOLDS_EVENT.search(text)
    if not held or not (_names_day(text) or _EVIDENCE.search(text)):
        return None
    before = text[:held.start()]
    if _plain(_DISQUALIFY, before) or _AGGREGATE.search(before) or _PRESS.search(text) \
            or _EXECUTIVE.search(text) or _TRAINING.search(text) or _STATUTORY.search(text) \
            or _congress_event(text):
        return None
    kinds = primary_first(list(dict.fromkeys(kind for _pos, kind in title_triggers)))
    return Event(opening, kinds[0], kinds, held.start())


# An office issuing a document: "ban hành (văn bản) Kế hoạch / hướng dẫn …", "ký Quyết định
# tặng Bằng khen cho …" — what follows ("Theo đó, trước ngày 28-2, các cụm tổ chức …") is its content.
_DOCUMENT = re.compile(r"\b(?:ban\s+hành|k[ýí]|phê\s+duyệt)\s+(?:các\s+)?(?:văn\s+bản\s+)?(?:Quyết\s+định|Kế\s+hoạch|Hướng\s+dẫn|"
                       r"Chỉ\s+thị|Công\s+văn|Thông\s+báo|Nghị\s+quyết)\b", _I)
# "hoàn thành trước ngày 30/6", "chậm nhất ngày 15/12": a deadline, not the day of an event.
_DEADLINE = re.compile(r"\b(?:trước|chậm\s+nhất|hạn\s+chót)\s+(?:ngày|hết\s+ngày)\s+\d", _I)
# One unit's own ceremony: an anniversary of its founding, receiving an order or a flag, an
# opening; honours handed out "tại buổi lễ" belong to it. A ceremony about emulation itself
# ("Lễ kỷ niệm … Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc") is not one of these.
_CEREMONY = re.compile(r"(?:[Ll]ễ|[Bb]uổi\s+lễ)\s+(?:kỷ\s+niệm|đón\s+nhận|công\s+bố|khánh\s+thành|khai\s+giảng|"
                       r"bế\s+giảng|ra\s+mắt|tri\s+ân)|\bđón\s+nhận\s+(?:Huân\s+chương|Huy\s+chương|Cờ|danh\s+hiệu|"
                       r"Bằng\s+khen)")


def _opens_other_event(opening: Sentence, headline: str) -> bool:
    """Whether the article's first sentence reports a non-emulation event as what happened:
    a congress of an organisation, an executive-committee session, a training course, a unit's
    statutory annual conference (hội nghị cán bộ, công chức, viên chức / người lao động), an
    office issuing a plan or a decision, or one unit's own ceremony (anniversary, receiving an
    order) — and is not itself an emulation meeting report."""
    text = opening.text
    if _qualifies(opening, headline):
        return False
    if not (_EVIDENCE.search(text) or _names_day(text) or re.search(r"\btổ\s+chức\b", text, _I)):
        return False
    congress = _congress_event(text)
    ceremony = _CEREMONY.search(text)
    if ceremony and re.search(r"thi\s+đua", text[ceremony.start():ceremony.end() + 80], _I):
        ceremony = None
    return bool((congress and not _EMULATION_CONGRESS.match(congress.group(0)))
                or _EXECUTIVE.search(text) or _TRAINING.search(text) or _STATUTORY.search(text)
                or _DOCUMENT.search(text) or ceremony)


def _names_one_day(text: str) -> bool:
    """A day of one event: a range over two days ("Trong hai ngày 12 và 13/7, các cụm … lần lượt tổ
    chức …") is as often the span of several meetings summed up as that of one."""
    return any(not m.group("d3") for m in _DATE.finditer(text)) or bool(_RELATIVE_DAY.search(text))


def _concrete(text: str) -> bool:
    host, by_cluster = parse_organiser(text)
    return bool(_names_one_day(text) or host or by_cluster or parse_cluster(text))


def _row_key(text: str) -> str:
    host, _ = parse_organiser(text)
    cluster = parse_cluster(text)
    return (host or (cluster or {}).get("cluster_name") or "").lower()


# Sentences that say what else happened at the meeting: "Dịp này, … ký kết giao ước thi đua năm
# 2025", "Tại hội nghị, …", "Kết thúc hội nghị, …", "Ngay tại hội nghị, …".
_AT_MEETING = re.compile(r"^(?:Kết\s+thúc|Ngay\s+tại|Cũng\s+tại|Trong\s+khuôn\s+khổ)\s+(?:hội\s+nghị|buổi|lễ|chương\s+trình)",
                         _I)


def headline_kind(plan: Plan, headline: str) -> str | None:
    """The agenda the headline names: its own event's kind, else its first trigger's, unless a
    plan or a document voids it ("Cụm thi đua số 5 tổng kết công tác thi đua năm 2020" above a
    lead that only says "đã tổ chức hội nghị")."""
    if plan.title_event:
        return plan.title_event.kind
    triggers = triggers_in(headline, headline)
    if not triggers or _plain(_DISQUALIFY, headline[:triggers[0][0]]):
        return None
    return primary_first(list(dict.fromkeys(kind for _pos, kind in triggers)))[0]


def kinds_at_meeting(event: Event, own: list[str], headline: str) -> list[str]:
    """The meeting's kinds: those of its own sentence, then those of the sentences that report
    what else was done at it (a signing or an honouring after a year-end review). A plan's word
    voids a trigger only before it: after it, it is the drive's aim ("Dịp này, … phát động đợt
    thi đua 100 ngày hoàn thành kế hoạch sản xuất")."""
    kinds = list(event.kinds)
    for part in own:
        if part == event.sentence.text or not (_BACK_REFERENCE.match(part) or _AT_MEETING.match(part)):
            continue
        if _PERSONAL_HONOUR.search(part):
            continue
        for pos, kind in triggers_in(part, headline):
            if kind not in kinds and kind not in ("tọa đàm", "other") and not _plain(_DISQUALIFY, part[:pos]):
                kinds.append(kind)
    return kinds




# What was done at the meeting, told in the past ("Tại hội nghị, đại diện các sở … đã thảo luận, …"):
# the meeting was held.
_DONE_AT = re.compile(r"^(?:Tại|Trong)\s+(?:hội\s+nghị|buổi\s+(?:lễ|họp|tọa\s+đàm|toạ\s+đàm)|lễ)\s*,[^.;]*?\bđã\b", _I)


def _headline_held(segments: list[Segment], headline: str) -> Event | None:
    """The headline's cluster meeting when no sentence reports it with a day or a verb of holding
    but the body tells what was done at it ("Sơ kết Cụm thi đua 7 tỉnh … năm 2022" above "Tại hội
    nghị, đại diện … đã thảo luận …"): a headline naming a cluster's review, signing or honouring,
    no plan, congress, executive session, training or press conference."""
    title = next((s for s in segments if s.where == "title"), None)
    triggers = triggers_in(headline, headline)
    if not title or not triggers or not parse_cluster(headline):
        return None
    if not any(s.where in ("lead", "body") and _DONE_AT.match(s.text) for s in segments):
        return None
    if _plain(_DISQUALIFY, headline) or _CONGRESS.search(headline) or _EXECUTIVE.search(headline) \
            or _TRAINING.search(headline) or _PRESS.search(headline):
        return None
    kinds = primary_first(list(dict.fromkeys(kind for _pos, kind in triggers)))
    return Event(title, kinds[0], kinds, triggers[0][0])


def _events(segments: list[Segment], headline: str, opening: Segment | None) -> list[Event]:
    """The qualifying sentences, the lead taken as the headline's meeting when it only says
    that an event was held, less those that belong to another kind of event."""
    events = [e for s in segments if s.where in _REPORTING and (e := _qualifies(s, headline))]
    if opening and not any(e.sentence is opening for e in events):
        named = _event_named_by_headline(opening, headline)
        if named:
            events = sorted([*events, named], key=lambda e: e.sentence.index)
    if events and opening and _opens_other_event(opening, headline):
        # The article reports another kind of event (an organisation's congress, an executive
        # session, a training course); what refers back to it ("Tại đại hội, … tuyên dương …",
        # "Dịp này, …") is part of it. Only a sentence opening with its own day or "Cùng
        # ngày …" can still report a separate emulation meeting. After a plan or a decision,
        # what follows is its content ("Trước đó, các sở … tổ chức hội nghị …, hoàn thành trước
        # ngày 30/6"): only a sentence with a day that is no deadline reports a meeting.
        document = bool(_DOCUMENT.search(opening.text))
        events = [e for e in events if e.sentence.where != "title" and _NEW_EVENT.match(e.sentence.text)
                  and not _BACK_REFERENCE.match(e.sentence.text)
                  and not (document and (not _names_day(e.sentence.text) or _DEADLINE.search(e.sentence.text)))]
    return events


def _recalled(e: Event) -> bool:
    """A sentence that names a meeting only in the phrase referring back to it ("Tại hội nghị tổng
    kết năm 2023 hồi tháng 1, cách làm này được …"), with no day: the meeting is recalled. ("Tại
    buổi lễ, UBND tỉnh tuyên dương …" acts at the event the text reported: its trigger is the act.)"""
    text = e.sentence.text
    opening = text.split(",", 1)[0]
    return bool(_BACK_REFERENCE.match(text)) and e.trigger_at < len(opening) and not _names_day(text)


def _recalled_only(events: list[Event]) -> list[Event]:
    """The events less those only recalled (_recalled) before any meeting is reported (in the
    headline or a sentence before): such a text speaks of a meeting it never reported (a profile, a
    feature)."""
    out: list[Event] = []
    for e in events:
        if not out and e.sentence.where != "title" and _recalled(e):
            continue
        out.append(e)
    return out


def _item_openings(segments: list[Segment]) -> set[int]:
    """The first sentence of each item of a dashed or bulleted list: in a digest ("Điểm tin tuần",
    "Tin vắn") each item is a news item of its own, so it opens a new event as "Cùng ngày" does."""
    return {s.index for n, s in enumerate(segments)
            if s.item and (n == 0 or segments[n - 1].paragraph != s.paragraph)}


def _owned(segments: list[Segment], start: Event, end: int, first: bool) -> list[Segment]:
    """The sentences a meeting owns: from its sentence up to the next meeting's (the headline
    meeting also what comes before it); a meeting reported in a list item owns that item only
    (and the headline meeting the headline and lead), never the digest's other news."""
    if start.sentence.item:
        return [x for x in segments if (first and x.where in ("title", "lead"))
                or (x.paragraph == start.sentence.paragraph and x.index >= start.sentence.index)]
    return [x for x in segments if (first or start.sentence.index <= x.index) and x.index < end]


def _starts(events: list[Event], openings: set[int]) -> list[Event]:
    """The headline meeting first, then each later sentence that opens a new event (or a list
    item, see _item_openings) with another organiser. A summary sentence ("hai cụm, khối thi
    đua đã tổ chức…") names no day, organiser or cluster; when a later sentence reports one
    meeting concretely, that one leads."""
    text_events = [e for e in events if e.sentence.where != "title"]
    primary = next((e for e in text_events if _concrete(e.sentence.text)), None) \
        or (text_events[0] if text_events else events[0])
    starts = [primary]
    keys = {_row_key(primary.sentence.text)}
    for e in text_events:
        if e.sentence.index <= primary.sentence.index:
            continue
        if _BACK_REFERENCE.match(e.sentence.text) or not (
                _NEW_EVENT.match(e.sentence.text) or e.sentence.index in openings):
            continue
        key = _row_key(e.sentence.text)
        if key and key not in keys:
            keys.add(key)
            starts.append(e)
    return starts


# A headline opening with the kind of a document that decides, plans or guides (meetings.toml
# `plan_documents`): "KẾ HOẠCH Tổ chức Hội nghị …", "Quyết định về việc tặng Cờ thi đua …".
_PLAN_DOCUMENT = re.compile(rf"^\s*{pattern('meetings', 'words.plan_documents')}", _I)
# … unless the headline is news of what a meeting did with it ("Quy chế … được thông qua tại hội
# nghị sơ kết", "Kế hoạch … được thống nhất tại hội nghị"): passed, signed or agreed, or handled
# at a meeting the headline names.
_DOCUMENT_HANDLED = re.compile(r"\bđược\s+(?:thông\s+qua|ký\s+kết|k[ýí]|thống\s+nhất)\b"
                               r"|\btại\s+(?:hội\s+nghị|buổi|lễ|phiên|cuộc\s+họp)\b", _I)


def plan(segments: list[Segment], headline: str) -> Plan | None:
    """The meetings an article reports and the sentences each owns; None when it reports none
    (or is a press conference or an interview, whose meetings are announced or recalled, or a
    document that decides, plans or guides: the meetings it names are to come or its basis)."""
    opening = next((x for x in segments if x.where != "title"), None)  # the lead's first sentence
    lead_first = opening.text if opening else ""
    if _PRESS.search(lead_first) or _PRESS.search(headline):
        return None  # a press conference announcing or presenting an event is not the event
    if _PLAN_DOCUMENT.match(headline) and not _DOCUMENT_HANDLED.search(headline):
        return None
    body = "\n".join(s.text for s in segments if s.where != "title")
    if len(INTERVIEW_TURN.findall(body)) >= 2:
        return None  # an interview: the meetings the interviewee recalls are not reported
    events = _recalled_only(_events(segments, headline, opening))
    if not events:
        held = _headline_held(segments, headline)
        events = [held] if held else []
    if not events:
        return None
    title_event = events[0] if events[0].sentence.where == "title" else None
    starts = _starts(events, _item_openings(segments))
    # Each meeting owns its sentence and those after it, up to the next meeting's sentence.
    bounds = [e.sentence.index for e in starts[1:]] + [10**9]
    owned = [_owned(segments, e, bounds[n], n == 0) for n, e in enumerate(starts)]
    return Plan(starts, owned, title_event, opening, events)
