"""Stage (c), role assignment: which tagged span fills which field of one meeting.

Each field is chosen from the spans of the sentences a meeting owns, in an order that says how
close a sentence is to the meeting: the meeting's own sentence, then the sentences right after it
that describe it ("Hội nghị diễn ra … tại …"), then (for the headline meeting) the headline and the
lead's first sentence, then every sentence it owns. The chosen span is kept beside the value, so
`thidua extract --explain` can say which span filled which field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from archive.lexicons import pattern
from archive.meetings.clusters import headline_form
from archive.meetings.days import occasion_year, resolve_date
from archive.meetings.labelled import PARTICULARS
from archive.meetings.organisers import _BUILDING, _FROM_NOW, _LOCALITY, only_met
from archive.meetings.patterns import _I, _SAME_DAY, PROVINCE_KIND
from archive.meetings.people import merge_people
from archive.meetings.periods import dated_next, in_year
from archive.meetings.provinces import (
    _meeting_provinces,
    _member_provinces,
    _province_at_start,
    current_names,
    named_on,
    old_map_provinces,
    province_of_locality,
)
from archive.meetings.spans import Span, Tagged
from archive.meetings.triggers import _DESCRIBES, _RECORD, Event
from archive.normalize import normalize_tone_marks
from archive.numberwords import spelled
from archive.organisations import starts_with_org_head
from archive.places import REFORM_DATE


@dataclass
class Scope:
    """The sentences one meeting may draw on, nearest first."""

    event: Tagged
    follow: list[Tagged]  # sentences right after the meeting's own that describe it
    context: list[Tagged]  # own sentence, follow, then headline and lead (headline meeting)
    owned: list[Tagged]  # every sentence the meeting owns
    headline: Tagged | None
    primary: bool  # the headline meeting (first row)
    restated: list[Tagged] = field(default_factory=list)  # later sentences reporting it again


@dataclass
class Assignment:
    """The meeting's field values and, per field, the span that filled it."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, list[Span]] = field(default_factory=dict)

    def put(self, name: str, value: Any, *spans: Span | None) -> None:
        self.values[name] = value
        found = [s for s in spans if s is not None]
        if found:
            self.sources[name] = found


def first(tagged: Iterable[Tagged], label: str) -> Span | None:
    """The first span with `label` over `tagged`, in order."""
    return next((span for t in tagged if (span := t.first(label))), None)



def _particular(t: Tagged) -> bool:
    """A particular of the meeting under its label at a list item's start ("- Thời gian: …", "2.
    Địa điểm: …", "1. Thời gian, địa điểm: …"): the sentence's `item` span fills a time or place
    (item_labels.toml, meetings/labelled.py)."""
    span = t.first("item")
    return bool(span and span.value.fills(PARTICULARS))


# "Một số hình ảnh tại Hội nghị …" (meetings.toml `album_intros`): the meeting's sentence opens a
# photo album, whose captions stand between it and the sentence that describes the meeting.
_ALBUM = re.compile(rf"^\s*{pattern('meetings', 'words.album_intros')}\s*:?\s+(?:tại|về|từ)?\s*"
                    r"(?:hội\s+nghị|lễ|buổi|tọa\s+đàm|đại\s+hội)\b", _I)


# a period reviewed at the end of a year ("cuối năm", "quý IV", "9 tháng"): held early next year
_LATE_PERIOD = re.compile(rf"cuối|quý\s+(?:IV|4)|(?:9|{spelled((9,))})\s+tháng", re.IGNORECASE)

# "Thời gian: từ ngày 15/3 đến ngày 30/4/2025": a run of days, how long a drive or a festival
# lasts; a meeting's time is a day (its hours may run "từ 8 giờ đến 11 giờ").
_RUN_OF_DAYS = re.compile(r"\btừ\s+(?:ngày\s+)?\d{1,2}(?:\s*[/.-]\s*\d{1,2})?\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?"
                          r"\d{1,2}\s*[/.-]\s*\d{1,2}", _I)


def _item_particular(t: Tagged) -> bool:
    """A sentence opening with a particular's label ("- Địa điểm: …", "📍 Địa điểm: …") right
    after a meeting's sentence describes that meeting, as an announcement's or a post's items do;
    not a time that is a run of days (`_RUN_OF_DAYS`: the drive the meeting launched)."""
    return _particular(t) and not _RUN_OF_DAYS.search(t.text)


def scope(event: Event, tagged: list[Tagged], owned: list[Tagged], *, primary: bool,
          restated: list[Tagged] | None = None) -> Scope:
    """The sentences one meeting may draw on. A record of the meeting (minutes, a report of its
    results: the event's sentence names one, `_RECORD`) gives its day and venue as particulars
    under their labels anywhere in the text it owns: they describe it as `_DESCRIBES` sentences do;
    any meeting's sentence, by the labelled items that follow it closely (`_item_particular`); a
    photo album's opening (`_ALBUM`), by the first describing sentence after its captions."""
    at = next(i for i, t in enumerate(tagged) if t.segment is event.sentence)
    follow = [t for t in tagged[at + 1:at + 5] if (_DESCRIBES.search(t.text) or _item_particular(t)) and t in owned]
    if _RECORD.search(event.sentence.text):
        follow += [t for t in owned if _particular(t) and t not in follow and t is not tagged[at]]
    if _ALBUM.match(event.sentence.text) and not follow:
        follow += [t for t in owned if _DESCRIBES.search(t.text) and t is not tagged[at]][:1]
    headline = tagged[0] if tagged and tagged[0].segment.where == "title" else None
    opening = next((t for t in tagged if t.segment.where != "title"), None)
    context = [tagged[at], *follow]
    if primary:
        context += [t for t in (headline, opening) if t is not None]
    return Scope(tagged[at], follow, context, owned, headline, primary, restated or [])


def _period(sc: Scope, out: Assignment) -> None:
    span = first(sc.context, "period") or (first(sc.owned, "period.free") if sc.primary else None)
    out.put("period", span.value if span else None, span)
    planned = first([sc.event, *sc.follow], "next_period") or (first(sc.owned, "next_period") if sc.primary else None)
    if planned and span and planned.value["period_label"] == span.value["period_label"]:
        planned = None
    out.put("next_period", dated_next(planned.value, span.value if span else None) if planned else None, planned)


def _cluster(sc: Scope, out: Assignment) -> None:
    span = first(sc.context, "cluster") or (first(sc.owned, "cluster.numbered") if sc.primary else None)
    titled = sc.headline.first("cluster") if sc.primary and sc.headline is not None else None
    if span is not None and titled is not None and headline_form(span.value, titled.value) is titled.value:
        span = titled  # the lead adds or drops only the body the cluster belongs to
    out.put("cluster", span.value if span else None, span)


def _organiser(sc: Scope, title_event: Tagged | None, out: Assignment) -> tuple[str | None, bool, str]:
    """The organiser the meeting's own sentence (else, for the headline meeting, the headline's)
    names, whether it is the cluster itself, and that sentence (its verb says how it was held)."""
    said = sc.event
    span = said.first("organiser")
    if sc.primary and span is None and title_event is not None:
        said = title_event
        span = said.first("organiser")
    host, by_cluster = span.value if span else (None, False)
    out.put("host", host, span if host else None)
    return host, by_cluster, said.text


def _place(sc: Scope, out: Assignment) -> None:
    """The venue of the meeting's own sentence, the ones right after it or a restatement; else of a
    sentence far on that describes it ("Hội nghị do X - đơn vị Khối trưởng - tổ chức tại hội
    trường cơ quan" closing a long report: the meeting is its subject, so the venue is its)."""
    span = first([sc.event, *sc.follow, *sc.restated], "place") or first(
        (t for t in sc.owned if t is not sc.event and t not in sc.follow and _DESCRIBES.search(t.text)),
        "place") or _cluster_sentence_place(sc, out)
    out.put("place", span.value if span else None, span)


_OPENING_PLACE = re.compile(r"^\s*[Tt]ại\s+$")


def _cluster_sentence_place(sc: Scope, out: Assignment) -> Span | None:
    """A round-up lead names its clusters in the plural ("các cụm thi đua xã, thị trấn … sơ kết"), so
    the headline meeting's cluster comes from a later sentence (_cluster); when that sentence opens
    with a place ("Tại xã A, Cụm thi đua số 1 gồm …"), it reports that meeting, and the place is its."""
    cluster = (out.sources.get("cluster") or [None])[0]
    if cluster is None or sc.event.first("cluster") is not None:
        return None
    for t in sc.owned:
        if t is not sc.event and any(s is cluster for s in t.all("cluster.numbered")):
            place = t.first("place")
            opening = place is not None and _OPENING_PLACE.match(t.text[:place.start])
            return place if opening and place.start < cluster.start else None
    return None


def _host_unit(sc: Scope, out: Assignment) -> None:
    """A host that is a locality ("… Hội nghị … của quận B") gives way to the unit of that
    locality a sentence says organises it ("Hội nghị do UBND quận B tổ chức"); with no host
    (the cluster or nobody is the subject), the unit named as hosting or chairing it."""
    host = out.values.get("host")
    if host and _LOCALITY.match(host):
        span = next((s for t in sc.owned if (s := t.first("host.by")) and host.lower() in s.value.lower()), None)
        if span:
            out.put("host", span.value, span)
    if not out.values.get("host"):
        for t in sc.owned:
            span = (t.first("host.by_any") if t.text == sc.event.text else t.first("host.by")) or t.first("host.chair")
            if span:
                out.put("host", span.value, span)
                _hosting_place(t, out)
                return


def _day(sc: Scope, pub: date | None, kind: str, inherit: dict[str, Any] | None, out: Assignment) -> None:
    # the headline last: "Sáng 10/7, Hội LHPN tỉnh … sơ kết …" may be the only place of the day
    order = [sc.event, *sc.follow]
    if sc.primary:
        order += [t for t in sc.context[len(order):]][::-1]
    order[1 + len(sc.follow):1 + len(sc.follow)] = sc.restated  # before headline and lead
    span = None
    where = None
    for t in order:
        span = t.first("day")
        if span:
            where = t
            break
    meeting_date = None
    if span and where is not None:
        d, mo, y = span.value
        meeting_date = resolve_date(d, mo, y, published=pub, period=out.values.get("period"), kind=kind,
                                    occasion_year=occasion_year(where.text, d, mo))
    if not meeting_date and inherit and re.match(_SAME_DAY, sc.event.text):
        meeting_date = inherit.get("meeting_date")
    out.put("meeting_date", meeting_date, span if meeting_date else None)
    period = out.values.get("period")
    if period and meeting_date and not period.get("period_start"):
        # "sơ kết 6 tháng đầu năm" with no year: the year the review was held, the year
        # before for a year-end period reviewed in January or February
        held = date.fromisoformat(meeting_date)
        late = _LATE_PERIOD.search(period["period_label"] or "")
        period = in_year(period, held.year - (1 if late and held.month <= 2 else 0))
        out.values["period"] = period
    if period and meeting_date and period["period_start"] and \
            period["period_start"] < meeting_date <= (period["period_end"] or "") and \
            any(_FROM_NOW.search(t.text) for t in sc.owned):
        # "phát động … từ nay đến hết năm 2025": the campaign runs from the meeting on
        out.values["period"] = {**period, "period_start": meeting_date}


def _later_free_period(out: Assignment) -> None:
    """A period found only far from the meeting's sentences ("… đề nghị các đơn vị nhân rộng trong năm
    2018" at a report's end) that starts after the meeting's day is a target, not what the meeting
    reviews: a tọa đàm of September 2017 has no period "năm 2018". A period the meeting's own
    sentences name ("ký kết giao ước thi đua năm 2021" on 28/12/2020) is kept."""
    period, held = out.values.get("period"), out.values.get("meeting_date")
    spans = out.sources.get("period") or []
    if not (period and held and spans and spans[0].label == "period.free"):
        return
    if (period.get("period_start") or "") > held:
        out.values["period"] = None
        out.sources.pop("period", None)


def _role_year_fits(year: str | None, out: Assignment) -> bool:
    """A chair named with its year is this meeting's host only for the year the meeting
    reviews or is held in ("Cụm trưởng năm 2019" at a review of 2018 is next year's)."""
    if not year:
        return True
    years = {(out.values.get("meeting_date") or "")[:4]}
    period = out.values.get("period") or {}
    years |= {(period.get("period_start") or "")[:4], (period.get("period_end") or "")[:4]}
    years.discard("")
    return not years or year in years


def _chair_host(sc: Scope, out: Assignment) -> None:
    """With no organiser named, the unit named as this year's chair of the cluster hosts its
    meeting ("UBND tỉnh Trà Vinh là Cụm trưởng", see chairs.py); the sentence that says it
    hosts may also say where ("… đăng cai hội nghị tại huyện Yên Thành")."""
    if out.values.get("host"):
        return
    for t in [sc.event, *sc.owned]:
        span = next((s for s in t.all("host.role") if _role_year_fits(s.value[1], out)), None)
        if span is None:
            continue
        out.put("host", span.value[0], span)
        _hosting_place(t, out)
        return


def _titled_chair_host(sc: Scope, out: Assignment) -> None:
    """A host named by its role alone ("Hội nghị do đơn vị Cụm trưởng chủ trì") is the unit a
    person's title gives that role for the meeting's year ("bác sĩ A, Giám đốc Bệnh viện B, Cụm
    trưởng năm 2025, cho biết …"): the role says which unit, the title names it. So is the unit of
    a titled holder of the role who chairs the meeting ("Ông A, Chủ tịch UBND huyện B, Cụm trưởng
    năm 2011, chủ trì hội nghị" → UBND huyện B)."""
    if out.values.get("host"):
        return
    # the role named alone ("do đơn vị Cụm trưởng chủ trì") takes any titled holder; otherwise the
    # holder must chair it ("Ông A, Giám đốc B, Khối trưởng, chủ trì hội nghị")
    kind = "host.titled" if any(t.first("host.role_only") for t in [sc.event, *sc.owned]) else "host.titled_chair"
    for t in [sc.event, *sc.owned]:
        span = next((s for s in t.all(kind) if _role_year_fits(s.value[1], out)), None)
        if span is not None:
            out.put("host", span.value[0], span)
            return


# What the host's sentence runs before the venue it names: the hosting itself or the event by its
# noun ("đăng cai …", "chủ trì hội nghị / buổi ký kết / buổi lễ / lễ phát động / đại hội tại …").
_HOSTED_EVENT = re.compile(r"đăng\s+cai|hội\s+nghị|\b(?:buổi|lễ|đại\s+hội|tọa\s+đàm)\b", re.IGNORECASE)


def _hosting_place(t: Tagged, out: Assignment) -> None:
    """The sentence that says who hosts may also say where ("… đăng cai hội nghị tại huyện Yên
    Thành", "X đăng cai tổ chức hội nghị tại Hội trường Y"): the place, when none is known yet."""
    place = t.first("place")
    if not out.values.get("place") and place and _HOSTED_EVENT.search(t.text[:place.start]):
        out.put("place", place.value, place)


def _members(sc: Scope, out: Assignment) -> None:
    """The member list near the cluster, else (for a cluster's meeting) the localities of the
    units a sentence enumerates ("cùng lãnh đạo Hội LHPN các tỉnh, thành phố: A, B, C"), else
    the units its online points stand at."""
    span = first([sc.event, *sc.owned], "members")
    if span is None and out.values.get("cluster"):
        span = first([sc.event, *sc.owned], "members.listed") or first([sc.event, *sc.owned], "members.points")
    out.put("members", list(span.value) if span else [], span)


def _hall_host(organised: bool, out: Assignment) -> None:
    """A cluster meeting the cluster is said to organise AT one of its own units ("tại Liên đoàn
    Lao động tỉnh, Cụm thi đua số 7 gồm … tổ chức", the seed) is hosted by that unit: the cluster
    has no seat of its own. Not so where the units are only said to have met there ("đã có buổi
    tọa đàm", rw-007: `organised` is false), nor at an organisation the member list leaves out,
    which only lends the room; a hall, meeting room or headquarters only says where (rw-007); a
    town, commune or ward is only a place, also when the cluster is made of them and it is a
    member: which member hosts is then a guess the text does not make ("null where the text is
    silent"). A host that is a member is written as the member list writes it."""
    place = out.values.get("place") or ""
    members = out.values.get("members") or []
    hall = "" if _BUILDING.match(place) else place
    hall = re.sub(r"\s*\([^()]*\)$", "", hall)  # the organisation, not its address
    if not out.values.get("host") and organised and hall and starts_with_org_head(hall) \
            and not _LOCALITY.match(hall) and (not members or _among(hall, members)):
        out.put("host", hall, *out.sources.get("place", []))
    host = out.values.get("host")
    if host:
        same = [m for m in members if normalize_tone_marks(m).lower() == normalize_tone_marks(host).lower()]
        held = [m for m in members if _holds(m, host)] or [m for m in members if _shortens(m, host)]
        if same or len(held) == 1:
            out.values["host"] = same[0] if same else held[0][:1].upper() + held[0][1:]


def _among(unit: str, members: list[str]) -> bool:
    """Whether the unit is one the member list names, however either writes it: the same name with
    or without the kind of its place or its province's name ("Liên đoàn Lao động tỉnh Thanh Hóa" /
    "… Thanh Hoá" / "… tỉnh": one's words in order among the other's, the same first and last
    word), the member its office or locality holds or whose short form it is (_holds, _shortens),
    or a member written bare at the end of its name ("huyện A" of "UBND huyện A", "A Túc" of "Đồn
    Biên phòng A Túc"). Read leniently: a unit taken for a member keeps the seed's host."""
    keys = _spellings(unit)
    for member in members:
        names = _spellings(member)
        if any(name and (_in_order(name, key) or _in_order(key, name) or key[-len(name):] == name)
               for name in names for key in keys) or _holds(member, unit) or _shortens(member, unit):
            return True
    return False


def _spellings(unit: str) -> list[list[str]]:
    """A unit's words as written and, when it ends with its province after the kind ("Hội Cựu chiến
    binh tỉnh Yên Bái"), without the province's name ("… tỉnh"), as a member list often writes it."""
    words = normalize_tone_marks(unit).lower().split()
    tail = re.search(rf"\s{PROVINCE_KIND}\s+(?P<p>.+)$", unit)
    if tail and _province_at_start(tail.group("p")):
        return [words, normalize_tone_marks(unit[:tail.start("p")]).lower().split()]
    return [words]


def _in_order(short: list[str], long: list[str]) -> bool:
    """Whether the words of `short` stand in `long` in their order, opening and closing it."""
    if not short or short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(word in rest for word in short)


def _holds(member: str, host: str) -> bool:
    """Whether a member is the unit of the host's locality or office: "huyện Bảo Lâm" (Cụm
    trưởng) of "Ủy ban nhân dân huyện Bảo Lâm", "Sở Nội vụ tỉnh Vĩnh Long" (where it met) of
    "công đoàn Sở Nội vụ" — the host is written as the member the cluster is made of."""
    tail = re.search(rf"\s+{PROVINCE_KIND}\s+(?P<p>.+)$", host)
    if tail and _province_at_start(tail.group("p")):
        host = host[:tail.start()]  # the province has its own column
    key, name = normalize_tone_marks(host).lower(), normalize_tone_marks(member).lower()
    return len(key.split()) >= 2 and name.endswith(" " + key) and starts_with_org_head(member[:1].upper() + member[1:])


def _shortens(member: str, host: str) -> bool:
    """Whether the host is the member's name short of its legal form and place ("Công ty Xổ số
    kiến thiết" of "Công ty TNHH MTV Xổ số kiến thiết Quảng Bình"): the same first words, then
    the rest, two words or more, standing together in the member's name."""
    key, name = normalize_tone_marks(host).lower().split(), normalize_tone_marks(member).lower().split()
    same = next((i for i, (a, b) in enumerate(zip(key, name)) if a != b), min(len(key), len(name)))
    rest = key[same:]
    return same >= 1 and len(rest) >= 2 and len(name) > len(key) \
        and f" {' '.join(rest)} " in f" {' '.join(name[same:])} "


def _attendees(sc: Scope, out: Assignment) -> None:
    spans = [s for t in sc.owned for s in t.all("person")]
    out.put("attendees", merge_people([s.value] for s in spans), *spans)


def _provinces(sc: Scope, pub: date | None, inherit: dict[str, Any] | None, out: Assignment) -> None:
    cluster = out.values.get("cluster")
    parts = [out.values.get("host"), out.values.get("place"), cluster and cluster["cluster_name"], sc.event.text]
    if sc.primary:
        parts += [t.text for t in sc.context[1 + len(sc.follow):]]
    whole = " ".join(t.text for t in sc.owned) if sc.primary else ""
    held = out.values.get("meeting_date") or (pub.isoformat() if pub else "")
    current_map = held >= REFORM_DATE.isoformat()
    provinces = _meeting_provinces(parts, whole, current_map=current_map)
    if current_map:  # a district or commune of the old map the meeting's phrases or members name
        phrases = " ".join(p for p in parts if p)
        district = province_of_locality(phrases)
        out.values["former_hint"] = [*([district] if district else []),
                                     *old_map_provinces(" ".join([phrases, *(out.values.get("members") or [])]))]
    for province in _member_provinces(out.values.get("members") or [], current_map=current_map):
        if province not in provinces:
            provinces.append(province)  # an inter-provincial cluster's meeting concerns all of them
    if not provinces and inherit:
        provinces = list(inherit.get("provinces") or [])  # "Cùng ngày, LĐLĐ huyện B …": same article
    provinces = current_names(provinces) if current_map else named_on(provinces, held)
    spans = [s for t in sc.owned for s in t.all("province") if s.value in provinces]
    out.put("provinces", provinces, *spans[:len(provinces)])


def assign(event: Event, kind: str, title_event: Tagged | None, tagged: list[Tagged], owned: list[Tagged],
           pub: date | None, *, primary: bool, inherit: dict[str, Any] | None,
           restated: list[Tagged] | None = None) -> Assignment:
    """Every field of one meeting, from the spans of the sentences it owns. `restated` are later
    sentences that report the same meeting again ("… vừa tổng kết …" in the sapo, "Ngày 28/12,
    tại Hội trường Sở Y tế, Khối … tổ chức hội nghị tổng kết …" in the body): the day and the
    place the meeting's own sentence lacks are looked for there before the headline."""
    sc = scope(event, tagged, owned, primary=primary, restated=restated)
    out = Assignment()
    _period(sc, out)
    _cluster(sc, out)
    _, by_cluster, said = _organiser(sc, title_event, out)
    _place(sc, out)
    _host_unit(sc, out)
    _day(sc, pub, kind, inherit, out)
    _later_free_period(out)
    _members(sc, out)
    if by_cluster or not out.values.get("host"):
        _chair_host(sc, out)
        _titled_chair_host(sc, out)
    _hall_host(by_cluster and not only_met(said), out)
    _attendees(sc, out)
    _provinces(sc, pub, inherit, out)
    return out
