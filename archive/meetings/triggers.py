"""Meeting-kind triggers and what voids them: which sentences report an emulation meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.lexicons import alternation, load, pattern, phrase
from archive.meetings.clusters import parse_cluster
from archive.meetings.patterns import _DAY_PART, _I, _LOCALITY_KIND, _SAME_DAY, UP, _names_day
from archive.meetings.segments import Sentence

# The kinds, their triggers and the word lists that allow or void them are data:
# archive/lexicons/meetings.toml.
_EMULATION = re.compile(pattern("meetings", "words.emulation"), _I)
_HONOUR_OBJECT = re.compile(pattern("meetings", "words.honour_objects"), _I)
_EXPLOIT = re.compile(pattern("meetings", "words.exploits"), _I)
# The honoured named by an emulation title in quotes right after the verb, a count and up to three
# words before it ("tuyên dương “Sinh viên 5 tốt”", "biểu dương 60 phụ nữ “Giỏi việc nước …”"): a
# title is an emulation object as "điển hình" is. A title is capitalised: a phrase in quotes in lower
# case ("biểu dương “những việc làm đẹp”") names deeds, not the honoured.
_HONOUR_TITLE = re.compile(r"\s+(?:\d[\d.]*\s+)?(?:[^\s“”\"«.,;:]+\s+){0,3}[“\"«]\s*" + rf"(?={UP})")
CLUSTER_WORD = re.compile(r"\b(?:Cụm|Khối|cụm|khối)\s+[Tt]hi\s+đua\b")
_MEETING_NOUN = re.compile(pattern("meetings", "words.meeting_nouns"), _I)
_REVIEW_NOUN = re.compile(pattern("meetings", "words.review_nouns"), _I)

_CONFERENCE_OF_EXEMPLARS = "hội nghị điển hình tiên tiến"
# (kind, pattern) in the lexicon's order; a pattern may need its sentence to pass a check (see
# triggers_in)
_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (k["name"], re.compile(r"(?<!\w)(?:" + "|".join(phrase(t) for t in k["triggers"]) + r")(?!\w)", _I))
    for k in load("meetings")["kind"]
]
_HONOUR_KINDS = {"biểu dương điển hình", "tuyên dương điển hình", "tôn vinh điển hình"}
_CONFERENCE_NAME = next(p for k, p in _TRIGGERS if k == _CONFERENCE_OF_EXEMPLARS)
_REVIEW_KINDS = {"sơ kết", "tổng kết"}
_TASKS = "hội nghị triển khai nhiệm vụ"
_FORWARD_KINDS = {"ký kết giao ước thi đua", "phát động thi đua", "hội nghị triển khai nhiệm vụ"}


def _held(key: str, *, either_initial: bool = False) -> str:
    """One list of meetings.toml [held] as a group (lexicons.alternation)."""
    return alternation("meetings", f"held.{key}", either_initial=either_initial)


# (meetings.toml [held] verbs, organised_events, attended_events)
_EVIDENCE = re.compile(
    rf"\bvừa\s+(?:\S+\s+){{0,2}}?{_held('verbs')}"
    rf"|\bđã\s+có\s+buổi|^{_SAME_DAY}\b"
    rf"|\bdiễn\s+ra\b|\btổ\s+chức\s+(?:long\s+trọng\s+)?{_held('organised_events')}"
    rf"|\btại\s+{_held('attended_events')}\b|\bvừa\s+qua\b|\bmới\s+đây\b"
    # an honouring held on the occasion opening the sentence, dated or not: "Nhân kỷ niệm …, Tỉnh
    # Đoàn tổ chức tuyên dương 20 gương …" ("Nhân dịp này" refers back to the meeting before)
    rf"|^\s*{pattern('meetings', 'words.occasion_openers')}(?!\s+này\b)[^.;]{{1,160}}?"
    rf"\btổ\s+chức\s+(?:long\s+trọng\s+)?{pattern('meetings', 'words.honour_verbs')}"
    # a report told days later, opening its clause: "Cách đây ít ngày, …" (meetings.toml late_report)
    rf"|(?:^|[,;]\s*){pattern('meetings', 'words.late_report')}\s*,", _I)
# A record of a meeting held (meetings.toml `meeting_records`) right before the meeting's noun, or
# before "của <who> tại" it: "BIÊN BẢN Hội nghị …", "Kết quả Hội nghị …", "Kết luận của Cụm trưởng
# tại Hội nghị …" — evidence that it took place.
# The record's title opens its sentence (the headline), after its document kind if any ("THÔNG
# BÁO Kết luận …", "BÁO CÁO Kết quả …"): mid-sentence ("Thực hiện Kết luận Hội nghị Trung ương 8",
# "kết quả Hội nghị … sẽ được thông báo") it names what is carried out or to come.
_RECORD = re.compile(rf"^\s*(?:{_held('record_documents')}\s+)?{pattern('meetings', 'words.meeting_records')}\s+(?:của\s+[^.;]{{1,80}}?\s+tại\s+)?"
                     rf"{_held('recorded_events')}\b", _I)  # [held] record_documents, recorded_events
_DISQUALIFY = re.compile(pattern("meetings", "words.disqualifiers"), _I)
_FUTURE_AFTER = re.compile(pattern("meetings", "words.future_after"), _I)


def _announced(text: str, first: int) -> bool:
    """Whether the meeting the trigger at `first` names is said, in the trigger's own clause, to
    be held later ("hội nghị tổng kết Khối sẽ được tổ chức vào ngày 20/12"): a plan."""
    clause = re.split(r"[.;]", text[first:], maxsplit=1)[0]
    return bool(_FUTURE_AFTER.search(clause[:120]))
# A capitalised disqualifier right after an office's head word is part of its name, not a plan:
# "Sở Kế hoạch và Đầu tư", "Phòng Tài chính – Kế hoạch" (a provincial bloc's host, very often).
_IN_OFFICE_NAME = re.compile(rf"\b{_held('office_heads')}\s+(?:[A-ZĐ]\S*\s+(?:[-–]\s+)?){{0,3}}$")  # [held] office_heads


# A document named as what a meeting carries out: "Thực hiện Kế hoạch số 12/KH-CTĐ ngày …",
# "Căn cứ Kế hoạch của Cụm …" (the basis words are data), or any "Kế hoạch số …", "kế hoạch 12/KH".
_BASIS = re.compile(rf"(?:^|[,;]\s*){pattern('meetings', 'words.document_basis')}\s+$", _I)
_NUMBERED = re.compile(r"\s+(?:số\s+\d|\d+\s*/)", _I)


def _plain(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """First match of a disqualifying `pattern` in `text` that is not part of an office's name
    nor a document named as the basis of what is reported (_BASIS, _NUMBERED)."""
    for m in pattern.finditer(text):
        if m.group(0)[:1].isupper() and _IN_OFFICE_NAME.search(text[:m.start()]):
            continue
        if _NUMBERED.match(text, m.end()) or _BASIS.search(text[:m.start()]):
            continue
        return m
    return None


# "từ đầu tháng 3 đến ngày 10-5, các đơn vị … đã tổ chức": many events summed up, not one meeting.
_AGGREGATE = re.compile(r"\btừ\s+(?:đầu\s+|cuối\s+|giữa\s+)?(?:tháng|ngày|năm|quý)\s+\S+\s+(?:đến|tới)\b|"
                        rf"\btất\s+cả\s+các\s+{_held('all_units')}", _I)  # [held] all_units
_CONGRESS = re.compile(
    rf"(?:đại\s+hội|ĐH)\s+(?:đại\s+biểu\s+)?(?:{_held('congress_bodies')}|[IVXL]+\b)"  # [held] congress_bodies
    r"|\bĐHCĐ\b|nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4}\s*(?:ra\s+mắt|đã\s+bầu)"
    # "Đại hội đại biểu lần thứ X, nhiệm kỳ 2017-2022": a delegates' congress, or any congress
    # with a term of office, is an organisation's congress (an emulation congress has a period).
    r"|đại\s+hội\s+đại\s+biểu\b(?!\s+(?:thi\s+đua|điển\s+hình))"
    r"|đại\s+hội\s+(?!thi\s+đua|điển\s+hình)[^.;]{0,60}?,?\s+nhiệm\s+kỳ\s+\d{4}", _I)
# An executive body in session: "Hội nghị Ban Chấp hành …", "Ban Chấp hành LĐLĐ tỉnh khóa XIV
# tổ chức Hội nghị lần thứ 8 …", "Hội nghị lần thứ 8 (khóa XIV)", "họp Tiểu ban …". A bare
# "hội nghị lần thứ nhất năm 2013" can be a cluster's own meeting, so it needs the "khóa".
# ([held] executive_bodies, executive_sittings, executive_sitting_kinds)
_EXECUTIVE = re.compile(rf"hội\s+nghị\s+(?:lần\s+thứ\s+\S+\s+)?{_held('executive_bodies')}|"
                        r"họp\s+(?:Tiểu\s+ban|Ban\s+Chấp\s+hành|BCH)|"
                        rf"{_held('executive_bodies')}\b[^.;]{{0,80}}?\b{_held('executive_sittings')}"
                        rf"\s+{_held('executive_sitting_kinds')}|"
                        r"hội\s+nghị\s+lần\s+thứ\s+\w+[^.;]{0,40}?\b(?:khóa|khoá)\b", _I)
# Training courses on commendation procedures talk about sơ kết, tổng kết and biểu dương as
# their subject matter; they are not emulation meetings.
_TRAINING = re.compile(pattern("meetings", "words.training"), _I)
# A unit's statutory annual conference ("Hội nghị cán bộ, công chức, viên chức năm 2025", "Hội
# nghị người lao động", "Hội nghị CNVC"): public finances, internal rules, the people's inspection
# board. It often launches the unit's drive and rewards its staff, as routine items; like a
# union congress it is not an emulation meeting.
_STATUTORY = re.compile(r"hội\s+nghị\s+(?:đại\s+biểu\s+)?(?:cán\s+bộ,?\s+(?:công\s+chức|viên\s+chức)|"
                        r"công\s+chức,?\s+viên\s+chức|viên\s+chức|người\s+lao\s+động|CBCCVC|CB,?\s*CC,?\s*VC|"
                        r"CCVC|công\s+nhân\s+viên\s+chức|CNVC(?:LĐ|-LĐ)?)\b", _I)
# One person honoured ("Năm 2016, chị vinh dự được tuyên dương tại Hội nghị …", "anh là một trong 80
# công nhân được … biểu dương tại hội nghị …"): an award story or a profile, not the report of the
# meeting — unless the sentence dates the meeting itself.
_PERSONAL_HONOUR = re.compile(
    rf"(?:\bvinh\s+dự\s+được|\b{_held('honoured_persons')}\s+(?:[^\s,.;]+\s+){{0,3}}?(?:đã\s+)?được)\s+"
    rf"(?:\S+\s+){{0,3}}?{alternation('meetings', 'words.honour_verbs', 'held.rewards', 'held.gifts')}"
    # "anh là một trong 80 công nhân được LĐLĐ tỉnh … biểu dương": one of those honoured, by whoever
    r"|\blà\s+một\s+trong\s+(?:số\s+)?(?:\d+|những|các)\s+[^.;,]{0,40}?\bđược\s+[^.;,]{0,80}?"
    rf"{alternation('meetings', 'words.honour_verbs', 'held.rewards')}", _I)  # [held] honoured_persons, rewards, gifts
_PRESS = re.compile(r"họp\s+báo", _I)  # "(buổi/cuộc) họp báo": a press conference
# An emulation congress ("Đại hội thi đua yêu nước", "Đại hội điển hình tiên tiến") is a meeting,
# unlike an organisation's congress.
_EMULATION_CONGRESS = re.compile(r"đại\s+hội\s+(?:thi\s+đua|điển\s+hình)", _I)
# A sentence describing the meeting reported just before: "Hội nghị diễn ra sáng 29/3 tại …",
# "Hội nghị do X – đơn vị Trưởng cụm … – chủ trì, tổ chức tại …", an online meeting's venue
# "(…, ) điểm cầu chính (được) đặt tại …" — at the start of the sentence or of a clause.
# ([held] described_events, describing_verbs)
_DESCRIBES = re.compile(rf"(?:^|[,;]\s+)(?:(?:{_held('described_events', either_initial=True)}|(?:[Bb]uổi\s+)?[Tt]ọa\s+đàm)"
                        rf"\s+(?:\S+\s+){{0,20}}?{_held('describing_verbs')}"
                        r"|[Đđ]iểm\s+cầu\s+(?:chính|trung\s+tâm)\s+(?:\S+\s+){0,2}?tại)")
_NEW_EVENT = re.compile(rf"^(?:{_SAME_DAY}|Cũng\s+trong\s+dịp|Cùng\s+dịp|"
                        r"Cùng\s+thời\s+(?:gian|điểm)|Trước\s+đó|Trong\s+khi\s+đó|" + _DAY_PART + r"\s+\S+\s*,"
                        # "Tại xã Ea Drông, hội nghị … diễn ra sáng 28/12": the same kind of meeting elsewhere
                        rf"|Tại\s+{_LOCALITY_KIND}\s+[^,.;]{{1,40}},)")
_BACK_REFERENCE = re.compile(rf"^(?:Tại\s+{_held('back_references')}|Dịp\s+này|Nhân\s+dịp\s+này|"  # [held] back_references
                             r"Cũng\s+tại|Tại\s+buổi)", _I)


# The reporter's turns in a question-and-answer interview: "PV: Thưa ông, …", "Phóng viên: …".

@dataclass
class Event:
    sentence: Sentence
    kind: str
    kinds: list[str]
    trigger_at: int



# --- detection -----------------------------------------------------------------------------

def triggers_in(text: str, headline: str) -> list[tuple[int, str]]:
    """(position, kind) of every agenda trigger in `text` that its context allows."""
    return [(start, kind) for start, _end, kind in trigger_spans(text, headline)]


def trigger_spans(text: str, headline: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every agenda trigger in `text` that its context allows."""
    return list(_trigger_spans(text, headline))


@lru_cache(maxsize=4096)
def _trigger_spans(text: str, headline: str) -> tuple[tuple[int, int, str], ...]:
    """trigger_spans, computed once per sentence: event planning asks every sentence, then
    span tagging asks again (triggers, periods after the first trigger)."""
    found: list[tuple[int, int, str]] = []
    has_cluster = bool(CLUSTER_WORD.search(unquoted(text)) or CLUSTER_WORD.search(unquoted(headline)))
    for kind, trigger in _TRIGGERS:
        for m in trigger.finditer(text):
            window = text[max(0, m.start() - 80):m.end() + 160]
            if kind in _REVIEW_KINDS and not (_EMULATION.search(window) or has_cluster
                                              or _EMULATION.search(headline)):
                continue
            if kind in _HONOUR_KINDS:
                if not (_HONOUR_OBJECT.search(window) or _HONOUR_OBJECT.search(headline)
                        or _HONOUR_TITLE.match(text, m.end())):
                    continue
                if _EXPLOIT.search(text):
                    continue
            if kind == _CONFERENCE_OF_EXEMPLARS and (_EXPLOIT.search(text) or re.search(
                    r"(?:một|những|các|nhiều)\s+$", text[max(0, m.start() - 8):m.start()], _I)
                    or _OCCASION.search(text[max(0, m.start() - 40):m.start()])):
                # "tại một hội nghị điển hình tiên tiến năm 1999": no particular meeting; "Hướng
                # tới Hội nghị điển hình tiên tiến …, LĐLĐ huyện sơ kết …": the occasion
                continue
            if _greeted(text, m.start()):
                continue  # "công trình chào mừng Đại hội A … và Đại hội Thi đua yêu nước …"
            if kind == "tọa đàm" and not (has_cluster or _EMULATION.search(window)):
                continue
            if kind == "ký kết giao ước thi đua" and not re.search(r"thi\s+đua", text[m.start():m.end() + 20], _I) \
                    and not has_cluster:
                continue
            found.append((m.start(), -len(m.group(0)), kind))
    bare = _bare_meeting(text) if has_cluster and not found else None
    if bare:
        found.append(bare)
    if any(kind == _CONFERENCE_OF_EXEMPLARS for _p, _n, kind in found):
        # "Hội nghị điển hình tiên tiến …, tôn vinh 150 tập thể": the verb of the sentence names
        # the honouring, else the headline's, else it is a biểu dương (the conference's full name)
        verbs = [kind for _p, _n, kind in sorted(found) if kind in _HONOUR_KINDS]
        if not verbs and headline != text:
            verbs = [kind for _p, kind in triggers_in(headline, headline) if kind in _HONOUR_KINDS]
        honour = verbs[0] if verbs else "biểu dương điển hình"
        found = [(p, n, honour if kind == _CONFERENCE_OF_EXEMPLARS else kind) for p, n, kind in found]
    found.sort()
    return tuple((pos, pos - neg, kind) for pos, neg, kind in found)


# A quoted title ("Hội thảo khoa học “Đổi mới hoạt động của Cụm, Khối thi đua …”", a tọa đàm's
# topic): a cluster named in it is what the event is about, not who meets.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_VENUE_HEAD = re.compile(rf"{pattern('meetings', 'words.venue_heads')}\s+$", _I)


def unquoted(text: str) -> str:
    """`text` with its quoted titles blanked out (same length, so offsets hold)."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _bare_meeting(text: str) -> tuple[int, int, str] | None:
    """A cluster's meeting named by its noun alone ("Cụm thi đua số 2 họp …"): the first meeting
    noun that is no part of a venue's name ("Trung tâm Hội nghị tỉnh"), when the sentence names a
    cluster outside any quoted title; none when that noun heads a training course ("hội nghị tập
    huấn nghiệp vụ … cho các Cụm, Khối thi đua"). A briefing ("giao ban", meetings.toml
    `review_nouns`) reviews the period just ended: a sơ kết."""
    if not parse_cluster(unquoted(text)):
        return None
    for m in _MEETING_NOUN.finditer(text):
        if _TRAINING.match(text, m.end() + 1):
            return None  # "hội nghị tập huấn …": the noun heads a training course
        if not _VENUE_HEAD.search(text[max(0, m.start() - 20):m.start()]):
            kind = "sơ kết" if _REVIEW_NOUN.fullmatch(m.group(0)) else "other"
            return m.start(), 0, "tọa đàm" if "đàm" in m.group(0) else kind
    return None


# "chào mừng / hướng tới / tiến tới / chuẩn bị Đại hội …": the congress is the occasion or a
# later task of what is reported, not the event itself (meetings.toml `greetings`, `occasion_tasks`).
_OCCASION = re.compile(rf"(?:{pattern('meetings', 'words.greetings')}|{pattern('meetings', 'words.occasion_tasks')})"
                       r"\s+(?:các\s+)?$", _I)


_GREETING = re.compile(pattern("meetings", "words.greetings"), _I)
_JOINED = re.compile(r"\s+(?:và|cùng)\s+$")
_HELD_BETWEEN = re.compile(r"[.;]|\b(?:tổ\s+chức|diễn\s+ra|khai\s+mạc)\b", _I)


def _greeted(text: str, start: int) -> bool:
    """Whether the named event at `start` (capitalised: "Đại hội Thi đua yêu nước …") is one a
    greeting names: right after "chào mừng" / "hướng tới" (meetings.toml `greetings`), or joined by
    "và" to a named event right after one, with nothing held in between. A lower-case agenda verb
    ("chào mừng Ngày Phụ nữ và tuyên dương 40 phụ nữ") is the sentence's own act, not greeted."""
    if not text[start:start + 1].isupper():
        return False
    before = text[max(0, start - 160):start]
    marks = list(_GREETING.finditer(before))
    if not marks:
        return False
    between = before[marks[-1].end():]
    if not between.strip():
        return True
    return bool(_JOINED.search(between)) and between.lstrip()[:1].isupper() and not _HELD_BETWEEN.search(between)


def _congress_event(text: str) -> re.Match[str] | None:
    """The first congress in `text` that is an event, not an occasion."""
    for m in _CONGRESS.finditer(text):
        if not _OCCASION.search(text[max(0, m.start() - 40):m.start()]):
            return m
    return None


_PURPOSE = re.compile(pattern("meetings", "words.purpose"), _I)


def _in_purpose(before: str) -> bool:
    """Whether the first trigger stands in a purpose ("… là căn cứ để Khối xếp hạng tại hội nghị
    tổng kết cuối năm"): after a purpose word, with no day nor evidence of an event held either
    before that word or between it and the trigger."""
    marks = list(_PURPOSE.finditer(before))
    if not marks:
        return False
    head, purpose = before[:marks[-1].start()], before[marks[-1].start():]
    return not (_EVIDENCE.search(head) or _names_day(head) or _names_day(purpose)
                or re.search(r"\btổ\s+chức\b", purpose, _I))


# "Đó là yêu cầu được bà A … nêu tại hội nghị sơ kết …", "… là cam kết của các trường tại hội nghị
# …": a requirement, a task or a pledge named as what was said at the meeting the trigger names.
_PREDICATE_NOUN = re.compile(r"\blà\s+(?:những\s+|các\s+|một\s+)?$", _I)
_AT_MEETING_NOUN = re.compile(r"\btại\s+(?:hội\s+nghị|buổi\s+(?:lễ|họp|tọa\s+đàm)|lễ)\s+$", _I)


def _disqualified(before: str) -> re.Match[str] | None:
    """The first disqualifying word before the trigger (_plain) that is not the predicate noun of a
    statement voiced at the meeting ("Đó là yêu cầu được X nêu tại hội nghị …": the quote-first
    report of the press); its quoted titles and quotations are the speaker's words, left out."""
    before = unquoted(before)
    m = _plain(_DISQUALIFY, before)
    if m and _PREDICATE_NOUN.search(before[:m.start()]) and _AT_MEETING_NOUN.search(before):
        return _plain(_DISQUALIFY, before[m.end():])  # another one after it still counts
    return m


# Emulation congresses "of every level" ("đại hội thi đua yêu nước các cấp", "… cấp bộ, cấp tỉnh"): many
# congresses summed up, none of them a meeting the text reports.
_EVERY_LEVEL = re.compile(r"^(?:đại\s+hội\s+thi\s+đua|ĐH\s+thi\s+đua)(?:\s+yêu\s+nước)?\s+(?:ở\s+)?"
                          r"(?:các\s+cấp\b(?!\s+(?:ủy|uỷ)\b)|cấp\s+\w+\s*(?:,|và)\s*cấp\b)", _I)


def _qualifies(sentence: Sentence, headline: str) -> Event | None:
    text = sentence.text
    triggers = triggers_in(text, headline)
    if not triggers:
        return None
    first = triggers[0][0]
    if not (_EVIDENCE.search(text) or _names_day(text) or _RECORD.search(text)):
        return None
    if all(_EVERY_LEVEL.match(text[pos:]) for pos, _kind in triggers):
        return None
    before = text[:first]
    if _disqualified(before) or _AGGREGATE.search(before) or _PRESS.search(text) \
            or _in_purpose(unquoted(before)) or _announced(text, first):
        return None
    congress = _congress_event(text)
    if congress and not _EMULATION_CONGRESS.search(text) \
            and congress.start() < first and not re.search(r"tuyên\s+dương|biểu\s+dương|tôn\s+vinh", text[first:], _I):
        return None
    if _EXECUTIVE.search(before) or _TRAINING.search(before) or _STATUTORY.search(before):
        return None
    personal = _PERSONAL_HONOUR.search(text)
    # "Năm 2020, tại Hội nghị điển hình tiên tiến của tỉnh, anh A vinh dự được tuyên dương": the
    # conference is named before the person's honour, which still makes it a profile
    if personal and (personal.start() <= first or _CONFERENCE_NAME.search(text[:personal.start()])) \
            and not _names_day(text):
        return None
    kinds = primary_first(list(dict.fromkeys(kind for _pos, kind in triggers)))
    return Event(sentence, kinds[0], kinds, first)


def primary_first(kinds: list[str]) -> list[str]:
    """The kinds of one sentence with its main agenda first: "hội nghị triển khai nhiệm vụ và ký
    kết giao ước thi đua" is a signing that also sets tasks, so the task-setting goes last."""
    rest = [k for k in kinds if k != _TASKS]
    return rest + [k for k in kinds if k == _TASKS] if rest else kinds
