"""Who organises, hosts or chairs a meeting, and where it is held."""

from __future__ import annotations

import re

from archive.lexicons import alternation, names, pattern
from archive.meetings.clusters import parse_cluster
from archive.meetings.labelled import labelled_item
from archive.meetings.patterns import (
    _DATE,
    _DAY_PART,
    _I,
    _LOCALITY_KIND,
    ABBREVIATION_DOT,
    DISTRICT_KIND,
    PROVINCE_KIND,
    UP,
    WARD_KIND,
)
from archive.meetings.people import _TITLE_START
from archive.meetings.provinces import _province_at_start
from archive.meetings.rotating_role import ANY_ROLE, CHAIR_WORDS, ROLE_WORDS, role_year
from archive.numberwords import YEAR_WORD, spelled
from archive.organisations import RANK_RE, starts_with_org_head

# --- organiser, place, date ----------------------------------------------------------------


def _org(key: str, *, either_initial: bool = False) -> str:
    """One list of meetings.toml [organiser] as a group (lexicons.alternation)."""
    return alternation("meetings", f"organiser.{key}", either_initial=either_initial)


# "X (vinh dự) đăng cai Hội nghị …": hosting the meeting named right after is organising it.
# (meetings.toml [organiser]: partners, manners, verbs, hosted)
_ORGANISE = re.compile(
    rf"(?:\s+{_org('partners')}\s+[^,.]{{1,80}}?)?\s+(?:{_org('manners')}\s+)*"
    rf"(?:{_org('verbs')}|đăng\s+cai(?=\s+{_org('hosted', either_initial=True)}\b))\b")
# (meetings.toml [organiser] opening_phrases, opening_words: "Vừa qua", "Nhằm", "Tại …", purpose
# phrases "Hướng tới Đại hội …, LĐLĐ tỉnh tổ chức …")
_ADVERBIAL = re.compile(rf"^(?:{_DAY_PART}\b|{_org('opening_phrases', either_initial=True)}|"
                        rf"{_org('opening_words', either_initial=True)}\s|"
                        # a report told days later: "Tuần trước, …" (meetings.toml late_report)
                        rf"(?i:{pattern('meetings', 'words.late_report')})\s*(?:,|$))")
# A clause that is only a month, a quarter or a year ("Tháng 9 vừa qua", "Cuối tháng 9", "Tháng
# 12/2019", "Năm ngoái", "Năm 2020"): when a meeting was, opening the sentence before its subject.
# (periods.toml time_positions, time_units, time_relative, time_past)
_TIME_OPENER = re.compile(rf"(?:{alternation('periods', 'time_positions', either_initial=True)}\s+)?"
                          rf"{alternation('periods', 'time_units', either_initial=True)}\s+"
                          rf"(?:\d{{1,2}}(?:\s*/\s*\d{{4}})?|\d{{4}}|[IV]+|{alternation('periods', 'time_relative')})"
                          rf"(?:\s+{alternation('periods', 'time_past')})?")
# " - " before a role ("X - đơn vị Khối trưởng năm 2012 -", "X - Cụm trưởng"): the chair's words
# (roles.toml, as written) and any "Trưởng …", which a head's title opens too ("X - Trưởng ban …").
_ROLE_APPOSITION = re.compile(r"\s+[-–—]\s+(?=(?:Chủ\s+đầu\s+tư|chủ\s+đầu\s+tư|đơn\s+vị|cơ\s+quan|Trưởng|"
                              rf"{CHAIR_WORDS}|nhà\s+thầu))")
_CLUSTER_SUBJECT = re.compile(r"^(?:\d+\s+đơn\s+vị\s+(?:của|trong|thuộc)\s+)?(?:các\s+đơn\s+vị\s+(?:trong|thuộc)\s+)?"
                              r"(?:[Cc]ụm|[Kk]hối)\b")
# "Hội Nông dân các huyện A, B và C thuộc Cụm thi đua số 2 …", "bốn trường thuộc Khối thi đua …":
# the members as the subject — the cluster organises, no one of them hosts. "năm" is left out of
# the counts: there it is the year of a unit's role ("Sở A, Cụm trưởng năm 2024 thuộc Cụm thi đua
# số 3" names a host), not five.
_MEMBERS_SUBJECT = re.compile(rf"\b(?:các|\d+|{spelled(range(2, 11), leave_out=(YEAR_WORD,))})\s.*\s(?:trực\s+)?(?:thuộc|trong)\s+"
                              r"(?:[Cc]ụm|[Kk]hối)\s+[Tt]hi\s+đua\b")
# A generic plural as the subject ("Các đơn vị tham gia ký kết giao ước thi đua", "Những cơ quan trong
# khối …"): it names no unit, so it hosts nothing (meetings.toml `generic_subjects`).
_GENERIC_SUBJECT = re.compile(rf"^(?:[Cc]ác|[Nn]hững|[Tt]oàn\s+thể)\s+{pattern('meetings', 'words.generic_subjects')}")
# A subject that ends with the meeting's own noun ("BIÊN BẢN Hội nghị | tổng kết …", "Kết quả Hội
# nghị | sơ kết …"): the meeting's name or its record, never who organised it.
_NAMES_THE_MEETING = re.compile(rf"(?:^|\s){_org('meeting_names', either_initial=True)}$")  # [organiser] meeting_names
_BY = re.compile(r"\b(?:của|do)\s+(?P<h>[^,.;]{2,90}?)\s+(?:đăng\s+cai\s+)?tổ\s+chức\b")
# "Hội nghị do UBND thị xã X - đơn vị Trưởng cụm năm 2016 - đăng cai tổ chức", "… do Trường Y,
# đơn vị Cụm trưởng, chủ trì": the unit hosting a cluster's meeting, with its role in apposition.
_HOSTED_BY = re.compile(rf"\bdo\s+(?P<h>[^.;]{{2,160}}?)\s*[,–—-]?\s+{_org('host_verbs')}\b")  # [organiser] host_verbs
# "… tổng kết … dưới sự chủ trì của UBND xã A , cụm trưởng": the unit under whose chair the meeting is held.
_CHAIRED_UNDER = re.compile(r"\bdưới\s+sự\s+(?:chủ\s+trì|điều\s+hành)\s+của\s+(?P<h>[^.;]{2,160}?)\s*(?=[.;]|$)")
# ([organiser] meeting_subjects)
_MEETING_SUBJECT = re.compile(rf"^{_org('meeting_subjects', either_initial=True)}\b[^.;]{{0,60}}?\bdo\s")
# Where an organisation's name ends and its role begins: ", đơn vị Cụm trưởng …", " - là đơn vị …",
# ", Trưởng khối …", or a comma before a lower-case word. Its own spelling of the role, not
# rotating_role.ANY_ROLE: that one cuts ", Phó Cụm trưởng" too, which changes hosts ("do Sở A,
# Phó Cụm trưởng, chủ trì" gives "Sở A, Phó Cụm trưởng" here).
_APPOSITION_CUT = re.compile(r"\s*,\s*(?=(?:là\s+)?đơn\s+vị|cơ\s+quan\s+(?:thường|trưởng)|Cụm\s+(?:trưởng|phó)|"
                             r"Khối\s+(?:trưởng|phó)|Trưởng\s+(?:cụm|khối|Cụm|Khối)|[a-zđ])"
                             # "X - khối trưởng năm 2007 -": old district sites write the role in lower case
                             r"|\s+[-–—]\s+(?=(?:là\s+)?đơn\s+vị|Trưởng|Cụm|Khối|cơ\s+quan|(?:cụm|khối)\s+(?:trưởng|phó)\b|"
                             r"trưởng\s+(?:cụm|khối)\b)|\s*\(")
_PERSON_START = re.compile(rf"(?:[Đđ]ồng\s+chí|Ông|Bà|ông|bà|{RANK_RE.pattern})\s")
# The rotating role as a clause of the subject (roles.toml `chairs`, `deputies`): "X, Cụm trưởng Cụm
# thi đua số 3, tổ chức …" after the unit, "(Là) đơn vị Cụm trưởng năm 2024, X tổ chức …" or "đơn vị Khối
# trưởng là X tổ chức …" before it.
_ROLE_PART = re.compile(rf"^(?:[Ll]à\s+)?(?:[Đđ]ơn\s+vị\s+|[Cc]ơ\s+quan\s+)?{ANY_ROLE}")
_LEADING_ROLE = re.compile(rf"{_ROLE_PART.pattern}{role_year()}\s*(?:là\s+)?")


def _is_unit(name: str) -> bool:
    """`name` starts like an organisation and not like a person ('Thượng tá A', 'Chủ tịch B'):
    what may host a meeting or own it."""
    return starts_with_org_head(name) and not _PERSON_START.match(name) and not _TITLE_START.match(name)


def hosted_by(text: str, *, meeting_subject: bool = True) -> str | None:
    """The organisation a sentence says hosts or chairs the meeting ('do X … đăng cai/chủ
    trì/tổ chức'), without its role apposition; None for a person ('do Thượng tá A chủ trì').
    With `meeting_subject`, only sentences about the meeting itself ('Hội nghị do …', 'Lễ …
    do …') count, so that 'phong trào do X tổ chức' elsewhere in the text does not."""
    m = None if meeting_subject and not _MEETING_SUBJECT.match(text) else _HOSTED_BY.search(text)
    if m is None and not meeting_subject:
        m = _CHAIRED_UNDER.search(text)
    if not m:
        return None
    host = _APPOSITION_CUT.split(m.group("h"))[0].strip(" ,–-")
    if not host or not _is_unit(host):
        return None
    return host


_CHAIRS = re.compile(r"\b(?:đăng\s+cai|chủ\s+trì)(?:\s+(?:tổ\s+chức|và\s+điều\s+hành))?"
                     rf"(?P<what>\s+{_org('chaired_events')}\b|\s*(?:[.;]|$))", _I)  # [organiser] chaired_events
# an apposition after the unit: ", đơn vị Cụm trưởng năm 2024", "- là đơn vị …", ", Trưởng khối năm 2024"
# (the chair's or deputy's words, rotating_role.py)
_ROLE_CLAUSE = re.compile(rf"^(?:[a-zđ]|(?:Là\s+)?[Đđ]ơn\s+vị|[Cc]ơ\s+quan|{ANY_ROLE})")
_SOON = re.compile(rf"\b{_org('assigned')}\b", _I)  # [organiser] assigned


def _clauses(text: str, *, dashes: bool = True) -> list[str]:
    """`text` split at commas (and spaced dashes) outside parentheses: "X (huyện A, tỉnh B)"
    stays whole."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth == 0 and (ch == "," or (dashes and ch in "–—" and text[i - 1:i] == " ")):
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [c.strip() for c in out]


def hosting_unit(text: str) -> str | None:
    """The unit a sentence says hosts or chairs the meeting when it is the subject of "đăng cai"
    / "chủ trì": "Là đơn vị Trưởng khối năm 2024, Sở X đăng cai tổ chức hội nghị", "Đồn Biên
    phòng Y (Cụm trưởng) đăng cai hội nghị", "X, đơn vị Cụm trưởng, chủ trì hội nghị". A person
    chairing ("Thượng tá A, Trưởng Công an huyện B, Cụm trưởng chủ trì") names no host unit (the
    own corpus's convention, own-112); future wording ("sẽ chủ trì", "được giao … đăng cai")
    names none either."""
    m = _CHAIRS.search(text)
    if not m or (not m.group("what").strip(" .;") and not _MEETING_SUBJECT.match(text)
                 and not re.match(r"^(?:[Hh]ội\s+nghị|[Bb]uổi|[Ll]ễ)\b", text)):
        return None
    # a semicolon closes a clause: "Cụm gồm A, B và C; A là Cụm trưởng, đăng cai hội nghị" — the
    # subject of "đăng cai" is in the last one, never the member list before it
    before = text[:m.start()].split(";")[-1].strip()
    if _SOON.search(before[-40:]):
        return None
    before = re.sub(r"^(?:[Hh]ội\s+nghị|[Bb]uổi\s+\S+|[Ll]ễ)[^,]*?\bdo\s+", "", before)
    clauses = [c for c in _clauses(before) if c]
    while clauses and _ROLE_CLAUSE.match(clauses[-1]):
        clauses.pop()
    if not clauses:
        return None
    last = re.sub(r"\s*\([^()]*\)$", "", clauses[-1]).strip()
    last = re.split(r"\s+(?:là|được\s+\S+(?:\s+\S+)?\s+làm|giữ\s+vai\s+trò)\s+", last)[0]  # "X là Cụm trưởng"
    last = _ROLE_APPOSITION.split(last)[0]  # "X - đơn vị Khối trưởng năm 2012 -": a hyphen splits no clause
    if _is_unit(last):
        return last
    return None


_LOCALITY_TAIL = re.compile(rf"\b{_LOCALITY_KIND}$")


def _complete_locality(host: str, text: str) -> str:
    """'UBND xã' + 'Tại xã Ea Drông, … do UBND xã tổ chức' → 'UBND xã Ea Drông'."""
    tail = _LOCALITY_TAIL.search(host)
    if not tail:
        return host
    place = re.search(rf"\b[Tt]ại\s+{re.escape(tail.group(0))}\s+(?P<n>[^,.;()]{{1,40}}?)(?=\s*[,.;(]|\s+(?:đã|tổ|diễn))",
                      text)
    return f"{host} {place.group('n').strip()}" if place else host


# A person is the subject: "Phó Bí thư Thành ủy A dự và phát biểu tại Hội nghị tổng kết … của
# quận B", "Đồng chí C chủ trì hội nghị sơ kết …" — the report is told from a guest's or the
# chair's point of view, and the meeting's organiser is elsewhere.
# ([organiser] guest_verbs, guest_events)
_ATTENDING = re.compile(rf"\b{_org('guest_verbs')}\b[^,.;]{{0,40}}?\b{_org('guest_events')}\s*$", _I)
# "… Hội nghị tổng kết công tác thi đua năm 2024 của quận Cầu Giấy": the meeting's owner.
# ([organiser] owner_enders)
_OWNER = re.compile(rf"\bcủa\s+(?P<h>(?!các\b|những\b)[^,.;()]{{2,80}}?)\s*(?=[,.;(]|$|\s+{_org('owner_enders')}\b)")


def _meeting_owner(text: str) -> str | None:
    """The organisation or locality a meeting phrase belongs to ('… của quận Cầu Giấy')."""
    for m in _OWNER.finditer(text):
        owner = m.group("h").strip()
        if _is_unit(owner):
            return owner
    return None


# a commune's or district's proper name: capitalised words, a spaced dash between two of them (the
# wards named after 1 July 2025 for the city they split: "phường Xuân Hương - Đà Lạt")
_LOCAL_NAME = rf"{UP}\S*(?:\s+(?:[-–]\s+)?{UP}\S*){{0,4}}"
_WARD_CLAUSE = re.compile(rf"^{WARD_KIND}\s+{_LOCAL_NAME}$")
_DISTRICT_CLAUSE = re.compile(rf"^{DISTRICT_KIND}\s+{_LOCAL_NAME}$")


def _province_clause(clause: str) -> bool:
    """'tỉnh Quảng Trị', 'thành phố Đà Nẵng': a province named after a place, the clause as a
    whole."""
    m = re.match(rf"^{PROVINCE_KIND}\s*(?P<p>.+)$", clause)
    found = _province_at_start(m.group("p")) if m else None
    return bool(found) and found.end() >= len(m.group("p").rstrip())


# "UBND phường Phú Xuân (đơn vị Cụm trưởng năm 2026)": the unit's role in brackets, no part of it
# (the chair's or deputy's words of roles.toml in any case, as _ROLE_PART reads them)
_ROLE_ASIDE = re.compile(rf"\s*\((?=\s*(?:là\s+)?(?:[Đđ]ơn\s+vị|[Cc]ơ\s+quan|(?i:{ROLE_WORDS})))[^()]*\)$")


def _without_role(parts: list[str]) -> list[str]:
    """The subject's clauses without the unit's role in apposition: ", đơn vị Cụm trưởng năm 2022,"
    or ", Cụm trưởng Cụm thi đua các huyện vùng cao," after the unit (the role's words and all
    after them), "Là đơn vị Cụm trưởng năm 2024," or "đơn vị Khối trưởng" before it; a later
    clause in lower case is no second organiser either."""
    if parts:
        lead = _LEADING_ROLE.match(parts[0])
        if lead and lead.end() < len(parts[0]) and parts[0][lead.end()].isupper():
            parts = [parts[0][lead.end():], *parts[1:]]  # "đơn vị Cụm trưởng X tổ chức"
        elif lead and lead.end() == len(parts[0]):
            parts = parts[1:]
    cut = next((i for i, p in enumerate(parts) if i and _ROLE_PART.match(p)), len(parts))
    return parts[:1] + [p for p in parts[1:cut] if p[:1].isupper() or starts_with_org_head(p)]


def parse_organiser(text: str) -> tuple[str | None, bool]:
    """(organiser as written, organised-by-the-cluster) from one sentence. When a person
    attending or chairing is the subject ("Phó Bí thư Thành ủy A dự và phát biểu tại Hội nghị
    … của quận B"), the organiser is the one a "của/do X tổ chức" names, else the meeting's
    owner ("của quận B"), never the person; a unit chairing is the organiser itself
    (`hosting_unit`: "X, đơn vị Khối trưởng, chủ trì hội nghị sơ kết … của Khối thi đua …")."""
    by = _BY.search(text)
    m = _ORGANISE.search(text)
    if m and _ATTENDING.search(text[:m.start()]):
        chair = hosting_unit(text)
        if chair:  # a unit, not a person, chairs: "X, đơn vị Khối trưởng, chủ trì hội nghị … của Khối …"
            return chair, False
        if by and by.group("h")[:1].isupper():
            return by.group("h").strip(), False
        return _meeting_owner(text[m.start():]), False
    if m:
        subject = text[:m.start()]
        subject = re.split(r"\s+(?:bao\s+)?gồm\b", subject)[0]
        parts = _clauses(subject, dashes=False)
        while parts and (not parts[0] or _ADVERBIAL.match(parts[0]) or _DATE.match(parts[0])
                         or _TIME_OPENER.fullmatch(parts[0].strip())):
            at = re.match(r"[Tt]ại\s", parts.pop(0))
            # "tại trụ sở X, phường A, Khối … tổ chức", "tại xã A, huyện B, tỉnh C, Cụm …": the
            # place's commune, district and province, no subject
            while at and len(parts) > 1 and (_WARD_CLAUSE.match(parts[0]) or _DISTRICT_CLAUSE.match(parts[0])):
                parts.pop(0)
            if at and parts and _province_clause(parts[0]):
                parts.pop(0)  # "tại phường A, thành phố B, …": the place's province, not a subject
        parts = _without_role(parts)
        host = ", ".join(parts).strip(" ,.–-")
        host = _ROLE_ASIDE.sub("", _ROLE_APPOSITION.split(host)[0].strip())
        if host and (host[0].isupper() or starts_with_org_head(host)) and len(host) <= 160 \
                and not re.search(r"\b(?:đã|được|là)\b", host) and not _NAMES_THE_MEETING.search(host) \
                and not _GENERIC_SUBJECT.match(host):
            if _CLUSTER_SUBJECT.match(host) or _MEMBERS_SUBJECT.search(host):
                return None, True
            return host, False
    if by:
        host = by.group("h").strip()
        if _CLUSTER_SUBJECT.match(host):
            return None, True
        if host[:1].isupper():
            return _complete_locality(host, text), False
    return None, bool(parse_cluster(text[:m.start()])) if m else False


# The verbs that say only that a cluster's units met (meetings.toml `met_verbs`), as the organising
# verb _ORGANISE finds ends.
_MET = re.compile(rf"{pattern('meetings', 'words.met_verbs')}$", _I)


def only_met(text: str) -> bool:
    """Whether the sentence's verb says only that the units met ('9 đơn vị của Cụm … đã có buổi
    tọa đàm', 'Khối … họp sơ kết'), not that anyone organised the meeting: its venue, one of the
    cluster's units, is then no host (README "Meetings", "A cluster's own unit as the venue")."""
    m = _ORGANISE.search(text)
    return bool(m and _MET.search(m.group(0)))


_PLACE = re.compile(r"(?<![\w])[Tt]ại\s+(?!(?:hội\s+nghị|lễ|buổi|đại\s+hội|đây|đó|chỗ|các|mỗi|từng|cơ\s+sở\b)|"
                    r"(?:Hội\s+nghị|Lễ|Đại\s+hội)\b)(?P<p>(?:[^,.;:()“”\"]|" + ABBREVIATION_DOT + r"){2,90})")
# A venue under its label in a record of the meeting ("- Địa điểm: Hội trường Ban Dân vận Tỉnh ủy";
# the item is read by meetings/labelled.py): read as "tại" is, when no "tại" names one; a value
# that opens with "tại" is left to that rule.
_LABELLED_PLACE = re.compile(r"(?![Tt]ại\s)(?:[^,.;:()“”\"]|" + ABBREVIATION_DOT + r"){2,90}")
# A word of the sentence ([organiser] place_enders) ends the place; so does a number, unless it
# closes the name ("Trường THPT Triệu Sơn 2").
_PLACE_END = re.compile(rf"\s+{_org('place_enders')}\b|\s+\d(?!\d?\s*$)")


# Venues written in lower case that still name the place (places.toml `venues`).
_VENUES = names("places", "venues")
_FROM_NOW = re.compile(r"\btừ\s+(?:nay|bây\s+giờ|ngày\s+phát\s+động)\s+(?:đến|tới)\s+(?:hết|cuối)\s+năm", _I)
_BUILDING = re.compile(alternation("places", "buildings") + r"\b", _I)  # places.toml `buildings`
_PLACE_ASIDE = re.compile(rf"\s*(\((?:(?:{PROVINCE_KIND}|{DISTRICT_KIND}|{WARD_KIND})"
                          r"\s+[^()]{1,40}|[A-ZĐ][^()]{0,40})\))")

# ", tỉnh Quảng Trị" after a commune or district: the province it is in.
_PROVINCE_AFTER = re.compile(rf",\s*(?P<p>{PROVINCE_KIND}\s*[^,.;:()]{{2,30}}?)(?=\s*[,.;:(]|$)")
# ", phường Quy Nhơn" after a building: the commune or ward it stands in (then maybe its province).
_WARD_AFTER = re.compile(rf",\s*(?P<w>(?:{WARD_KIND}|{DISTRICT_KIND})\s+{UP}[^,.;:()]{{1,30}}?)"
                         r"(?=\s*[,.;:(]|$)")
# a locality's kind, its first letter in either case (places.toml), before a name, not a Party or
# youth body of it ("Huyện ủy", "Thành đoàn")
_LOCALITY = re.compile(alternation("places", "province_kinds", "province_short_kinds", "district_kinds", "ward_kinds",
                                   either_initial=True) + r"\s+(?!ủy|uỷ|đoàn|đội)\S")


def _is_province(clause: str) -> bool:
    """'tỉnh Gia Lai', 'thành phố Cần Thơ': a province's name after its kind."""
    return bool(_province_at_start(re.sub(rf"^{PROVINCE_KIND}\s*", "", clause)))


def _building_address(text: str, at: int) -> str:
    """The address written after a building ('tại trụ sở X, phường A, tỉnh B'): its ward or
    commune, then its province, each as a whole clause; '' when neither follows."""
    address = ""
    ward = _WARD_AFTER.match(text, at)
    if ward:
        address, at = ", " + ward.group("w"), ward.end()
    province = _PROVINCE_AFTER.match(text, at)
    if province and _is_province(province.group("p")):
        address += ", " + province.group("p")
    return address


# An online meeting's origin point: "Hội nghị được kết nối từ điểm cầu X (đơn vị Trưởng khối năm
# 2023) đến 4 điểm cầu tại …", "truyền hình trực tuyến từ điểm cầu chính X tới các huyện".
_ORIGIN = re.compile(r"\btừ\s+điểm\s+cầu\s+(?:chính\s+|trung\s+tâm\s+)?(?:(?:đặt\s+)?tại\s+)?"
                     r"(?P<p>(?:[^,.;:()]|" + ABBREVIATION_DOT + r"){2,90}?)\s*(?=[(,.;]|$|\s+(?:đến|tới|và|với)\b)")


def origin_point(text: str) -> tuple[int, str] | None:
    """(offset, name) of the point an online meeting is broadcast from (see _ORIGIN), when it is
    named (capitalised or an organisation): the meeting's place, and its host when a unit."""
    m = _ORIGIN.search(text)
    if not m:
        return None
    place = m.group("p").strip()
    return (m.start("p"), place) if place[:1].isupper() or starts_with_org_head(place) else None


def labelled_place(text: str) -> tuple[int, str] | None:
    """(offset, venue) of an item labelled with the place ("2. Địa điểm: Hội trường UBND huyện,
    số 5 …" → 'Hội trường UBND huyện'): its value up to the first comma or full stop, when
    capitalised."""
    item = labelled_item(text)
    if not item or not item.fills(frozenset({"place"})):
        return None
    value = _LABELLED_PLACE.match(text, item.value_start)
    return (value.start(), value.group(0).strip()) if value and value.group(0)[:1].isupper() else None


def parse_place(text: str) -> str | None:
    """'Vừa qua, tại Liên đoàn Lao động tỉnh Thanh Hóa, …' → 'Liên đoàn Lao động tỉnh Thanh Hóa'
    (see find_place)."""
    found = find_place(text)
    return found[1] if found else None


def find_place(text: str) -> tuple[int, str] | None:
    """(offset, place) of the first 'tại X' that names a place, as written: 'tại TP. Buôn Ma Thuột' keeps its short form's dot; a commune or district followed by its
    province, 'tại phường Đồng Hới, tỉnh Quảng Trị', keeps the province. An online meeting's origin
    point ('kết nối từ điểm cầu X … đến 4 điểm cầu tại …') comes first."""
    origin = origin_point(text)
    if origin:
        return origin
    labelled = labelled_place(text)
    if labelled:
        return labelled
    for m in _PLACE.finditer(text):
        place = m.group("p")
        end = _PLACE_END.search(place)
        if end:
            place = place[:end.start()]
        else:
            # "tại Trung tâm Hội nghị tỉnh (phường Bắc Giang)": a locality in brackets right
            # after the venue is part of the address as written, not an aside
            aside = _PLACE_ASIDE.match(text, m.end())
            province = _PROVINCE_AFTER.match(text, m.end())
            if aside:
                place = place.rstrip() + " " + aside.group(1)
            elif _BUILDING.match(place):
                place = place.rstrip() + _building_address(text, m.end())
            elif province and _LOCALITY.match(place) and _is_province(province.group("p")):
                place = place.rstrip() + ", " + province.group("p")
        place = place.strip(" -–")
        if place and (place[0].isupper() or starts_with_org_head(place)
                      or place.startswith(_VENUES)):
            return m.start("p"), place
    return None

