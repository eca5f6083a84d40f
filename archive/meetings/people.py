"""People at a meeting: attendees, chairs and speakers with their titles and ranks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from archive.caseless import Caseless
from archive.lexicons import alternation, names
from archive.lexicons import pattern as lexicon_pattern
from archive.meetings.labelled import COMPOSITION, labelled_item
from archive.meetings.patterns import _I, LO, UP
from archive.meetings.provinces import _province_at_start, known_districts
from archive.normalize import normalize_tone_marks
from archive.organisations import (
    PLACE_HEADS,
    RANK_RE,
    RANKS,
    SURNAMES,
    TITLE_RE,
    normalise_dashes,
    starts_with_org_head,
)

# --- people --------------------------------------------------------------------------------

_NAME_STOP = {"Phó", "Chủ", "Trưởng", "Giám", "Bí", "Ủy", "Uỷ", "Tổng", "Thường", "Cục", "Sở", "Ban", "Hội",
              "Liên", "Tỉnh", "Huyện", "Quận", "Đảng", "Bộ", "Viện", "Chánh", "Phòng", "Đại", "Thượng",
              "Thiếu", "Ông", "Bà", "Đồng", "Các", "Tại", "Trong", "Theo", "Sau", "Khi", "Với", "Cùng"}
# Roles and ranks are organisations.TITLE_RE / RANK_RE (longest first, "Phó" optional before a role).
_TITLE_START = re.compile(rf"{TITLE_RE.pattern}|{RANK_RE.pattern}"
                          r"|kiêm|nguyên|Nguyên|Anh\s+hùng|Đại\s+biểu|Thành\s+viên|Chuyên\s+viên|Cán\s+bộ", _I)
# a degree's or rank's short form may keep its dot before the name ("ThS. Lê Thị B", "TS. Trần Văn C")
_RANK_RE = re.compile(rf"{RANK_RE.pattern}\.?(?=\s)")
# Where a title written after a name ends: what the person does (people.toml `actor_verbs`,
# `title_enders`), "tại …", "đã …".
_ACTION = re.compile(
    r"\s*,?\s*(?:đã\s+|cũng\s+|đến\s+)?(?:" + alternation("people", "actor_verbs", "title_enders") + r"|tại\s|đã\s|"
    # any phrase of a guest at the meeting (lexicon people.attending: "lưu ý", "gợi ý" …) ends the title
    + lexicon_pattern("people", "attending") + r")\b")
# searched on the lowered sentence (archive/caseless.py): the same answer as re.IGNORECASE, a
# third of its cost, and this cue is asked of every sentence a meeting owns
# ("A, title và B, title dự đại hội / dự tọa đàm": guests as the subject of the event's own noun)
# (people.toml `attendance_cues`: a guest speaks, attends, runs the session or presents a paper —
# "Đồng chí A, title điều hành hội nghị", "Thiếu tá B, Đồn trưởng …, trình bày tham luận" —, opens
# it with a speech, launches the drive or calls on the members)
_ATTEND_CUE = Caseless(
    alternation("people", "attendance_cues") + r"|"
    # a delegation's leader: "Đoàn LĐLĐ tỉnh B do đồng chí C, title dẫn đầu / làm trưởng đoàn"
    r"\bđoàn\b[^.;]{0,120}?\bdo\b[^.;]{0,160}?(?:dẫn\s+đầu|làm\s+trưởng\s+đoàn)|"
    # who attends from a bridge point or witnesses the signing (lexicon people.attending)
    + lexicon_pattern("people", "attending"))


# Words that never end a name (they open the next phrase), unlike "Liên", "Đại", "Đồng" …,
# which are also given names ("Hoàng Thị Kim Liên, Phó Chủ tịch …").
_SENTENCE_WORDS = {"Ông", "Bà", "Các", "Tại", "Trong", "Theo", "Sau", "Khi", "Với", "Cùng"}


def _starts_role(text: str) -> bool:
    """Whether `text` opens a role, a rank or an organisation ('Liên đoàn …', 'Đại tá …')."""
    return bool(_TITLE_START.match(text) or _RANK_RE.match(text) or starts_with_org_head(text))


# K'Ho, Ê Đê and Jrai names open with K'/H'/Y' glued to a capitalised syllable: "K’Nhưm", "H’Lim Niê".
_APOSTROPHE_NAME = re.compile(rf"{UP}['’‘]{UP}{LO}*")
_NAME_WORD = re.compile(rf"{UP}{LO}*|{UP}['’‘]{UP}{LO}*")


def _take_name(text: str) -> tuple[str, int] | None:
    """A person's name at the start of `text` (2–5 capitalised syllables, or one K'/H' syllable
    such as "K’Nhưm"), and where it ends."""
    pos = 0
    tokens: list[str] = []
    for m in re.finditer(r"\S+", text):
        if m.start() != pos and text[pos:m.start()].strip():
            break
        raw = m.group(0)
        word = raw.rstrip(",;:.–-)(")
        if not _NAME_WORD.fullmatch(word) or len(tokens) >= 5:
            break
        if tokens and word in _NAME_STOP and (word in _SENTENCE_WORDS or _starts_role(text[m.start():])):
            break
        if not tokens and word in _NAME_STOP:
            return None
        tokens.append(word)
        pos = m.start() + len(word)
        if word != raw:
            break
        pos = m.end()
    if len(tokens) < 2 and not (tokens and _APOSTROPHE_NAME.fullmatch(tokens[0])):
        return None
    return " ".join(tokens), text.find(tokens[-1]) + len(tokens[-1])


# A list of kinds of body after "các"/"những" (people.toml `enumerated_kinds`): "Vụ Thi đua - Khen
# thưởng các bộ, ngành, địa phương". Its commas are no title's end; its items are written lower case
# (a capitalised "Ban Thi đua …" after it opens the next role) and its last may carry a short tail
# ("các sở, ban, ngành tỉnh").
_KIND = re.compile(lexicon_pattern("people", "enumerated_kinds"))  # case-sensitive
_KINDS_OPEN = re.compile(rf"(?<!\w)(?:các|những)\s+{_KIND.pattern}$", _I)
_KIND_ITEM = re.compile(rf"{_KIND.pattern}(?:\s+[^\s,]+){{0,3}}")

# "Đại tá A, Chính ủy … và Đại tá B, Chỉ huy trưởng …": a second ranked person ends the title
_AND_RANK = rf"\s+và\s+{RANK_RE.pattern}\s"


def _take_title(text: str) -> tuple[str | None, int]:
    """The role written after a name: '– Phó Trưởng Ban …', ', Chủ tịch …, Bí thư …'."""
    m = re.match(r"\s*(?:[,–—:(-]|\s-)\s*", text)
    if not m:
        return None, 0
    rest = text[m.end():]
    if not (_TITLE_START.match(rest) or starts_with_org_head(rest)):
        return None, 0
    paren = text[m.start():m.end()].strip().startswith("(")
    stop = len(rest)
    for pattern in (r";", r"\)" if paren else r"(?!)", r"(?<!\bTP)(?<!\bTp)(?<!\bQ)(?<!\bTX)\.(?:\s|$)", r"\s+và\s+(?:các\s+)?(?:đồng\s+chí|ông|bà)\b", _AND_RANK,
                    r"\s+và\s+(?:đại\s+diện|lãnh\s+đạo|nhiều|đông\s+đảo)\b",
                    r",\s*(?:đồng\s+chí|ông|bà)\s", r"\s+cùng\s+", r"\s+(?:tới|đến)\s+dự", r"\s+tại\s+"):
        found = re.search(pattern, rest)
        if found and found.start() < stop:
            stop = found.start()
    action = _ACTION.search(rest)
    if action and action.start() < stop and action.start() > 0:
        stop = action.start()
    title = rest[:stop]
    # A comma continues the title only when a role follows ("Phó Bí thư Đảng ủy, Phó Tổng cục trưởng").
    parts = [p for p in re.split(r"\s*,\s*", title)]
    kept = [parts[0]]
    listing = bool(_KINDS_OPEN.search(parts[0]))
    for p in parts[1:]:
        if listing and _KIND_ITEM.fullmatch(p):
            kept[-1] = f"{kept[-1]}, {p}"  # "… các bộ, ngành, địa phương": one list of kinds
            listing = bool(_KIND.fullmatch(p))  # "ngành tỉnh" closes the list
        elif re.match(r"khen\s+thưởng\b", p) and re.search(r"\bthi\s+đua$", kept[-1], _I):
            kept[-1] = f"{kept[-1]}, {p}"  # "Phòng Công tác thi đua, khen thưởng": one name
        elif _TITLE_START.match(p) or starts_with_org_head(p):
            kept.append(p)
        else:
            break
    title = ", ".join(kept).strip(" ,;–-")
    consumed = m.end() + len(", ".join(kept))
    return (normalise_dashes(title) or None), consumed


_TITLE_THEN_REST = re.compile(rf"{TITLE_RE.pattern}\s+(.+)", _I)


def _organisation_of(title: str | None) -> str | None:
    """The organisation in the last role of `title` ('Phó Chủ tịch UBND tỉnh' → 'UBND tỉnh')."""
    if not title:
        return None
    last = title.split(",")[-1].strip()
    m = _TITLE_THEN_REST.match(last)
    if m and starts_with_org_head(m.group(1)):
        return m.group(1).strip()
    return None


def _person(name: str, title: str | None, rank: str | None) -> dict[str, str | None]:
    if rank:
        title = f"{rank}, {title}" if title else rank
    return {"name": name, "title": title, "organisation": _organisation_of(title)}


_LIST_INTRO = re.compile(
    r"(?<!\w)(?:(?:[Đđ]ến|[Tt]ới|[Vv]ề)\s+)?(?:[Dd]ự|[Tt]ham\s+(?:dự|gia)|(?:[Đđ]ồng\s+)?[Cc]hủ\s+trì)"
    r"(?:\s+và\s+(?:phát\s+biểu|chỉ\s+đạo|chủ\s+trì|trao\s+\S+))?"
    # "Dự lễ phát động có", "Chủ trì hội nghị tại điểm cầu chính có", "Tham dự hội nghị còn có"
    r"(?:\s+(?!có\b|còn\b)[^\s,.;:]+){0,6}?\s+(?:còn\s+|cũng\s+)?có\s+(?:sự\s+(?:có\s+mặt|tham\s+dự)\s+của\s+)?"
    r"(?:các\s+)?"
    r"|với\s+sự\s+(?:tham\s+dự|có\s+mặt|chủ\s+trì)\s+của\s+(?:các\s+)?"
    # the list goes on by side: "Về phía TKV có đồng chí A, title và đồng chí B, title"
    r"|(?<!\w)[Vv]ề\s+phía\s+[^,.;:]{1,60}?\s+(?:còn\s+|cũng\s+)?có\s+(?:các\s+)?")
_INTRO_COMMA = re.compile(r"(?:[Đđ]ến|[Tt]ới)\s+dự(?:\s+và\s+[^,.]{1,40})?,\s*")
# "anh/chị" address youth-union and young leaders ("anh Lê Văn A, Phó Bí thư Tỉnh đoàn, trao …"),
# but also honourees and profile subjects: such a person counts only with a role after the name.
_YOUNG = re.compile(r"(?:[Aa]nh|[Cc]hị)\s+$")
# Teachers' honorifics (people.toml `teacher_honorifics`: "cô", "thầy") lead a name as "ông"/"bà" do.
_TEACHER = "|".join([*names("people", "teacher_honorifics"),
                     *(rf"^{h.capitalize()}" for h in names("people", "teacher_honorifics"))])
_PERSON_LEAD = re.compile(rf"(?P<hon>(?:[Đđ]ồng\s+chí|[Đđ]/c|Ông|Bà|ông|bà|[Aa]nh|[Cc]hị|{_TEACHER})\s+)?"
                          rf"(?P<rank>(?:{_RANK_RE.pattern}\s+)*)")


def _parse_person_at(text: str, *, need_marker: bool) -> tuple[dict[str, str | None], int] | None:
    m = _PERSON_LEAD.match(text)
    assert m
    hon, rank = m.group("hon"), m.group("rank").strip() or None
    if need_marker and not (hon or rank):
        return None
    named = _take_name(text[m.end():])
    if not named:
        return None
    name, name_end = named
    end = m.end() + name_end
    title, used = _take_title(text[end:])
    if hon and _YOUNG.match(hon) and not title:
        return None
    return _person(name, title, rank), end + used


_SURNAME_SET = frozenset(SURNAMES)
_TITLE_HEAD = re.compile(rf"{TITLE_RE.pattern}(?!\w)")  # case-sensitive: a role written before a name is capitalised
_HONORIFIC_WORDS = {"ông", "bà", "Ông", "Bà", "đồng", "Đồng", "chí", "anh", "chị",
                    *names("people", "teacher_honorifics")}
# Words a role never contains: the role has ended ("Chủ tịch nước tặng … cho ông A").
_NOT_IN_ROLE = {"cho", "tặng", "trao", "đã", "được", "là", "nhận", "tại", "với", "về", "khi", "đến", "tới",
                "dự", "phát", "có", "cùng", "đề", "nhấn", "khẳng", "ghi", "chúc", "vừa", "sẽ", "đang"}
_ACTOR_VERB = re.compile(  # people.toml `actor_verbs`
    r"\s*(?:,\s*)?(?:(?:đã|cũng|đến|tới|về|đồng\s+chí)\s+)*" + alternation("people", "actor_verbs") + r"\b")
_ACTOR_BEFORE = re.compile(r"(?:^|[.;]\s*)(?:[Pp]hát\s+biểu|[Tt]hay\s+mặt|[Tt]ại\s+(?:hội\s+nghị|buổi\s+lễ|lễ|đại\s+hội))"
                           r"[^.;]{0,80},\s*$")


# Words after which a capitalised run starts with a place name: "UBND tỉnh Quảng Ninh …",
# "Bí thư Huyện ủy Lạc Dương …", "Chủ tịch UBND thị xã …".
_LOCALITY_WORDS = {"tỉnh", "huyện", "quận", "xã", "phường", "trấn", "phố", "TP", "TP.", "ủy", "uỷ"}


def _district_at_start(run: list[str]) -> int:
    """How many tokens a known district of a big city (provinces.known_districts) takes at the start of
    `run`: three-syllable ones ('Hai Bà Trưng', 'Ngũ Hành Sơn') and ones that open with a family
    name ('Lê Chân', 'Ngô Quyền') must not lend a syllable to the person after them."""
    text = normalize_tone_marks(" ".join(run))
    for name in known_districts():
        if text == name or text.startswith(name + " "):
            return len(name.split())
    return 0


def _province_prefix(run: list[str], before: list[str] | None = None) -> int:
    """How many tokens of `run` a province (or a known big-city district) name takes at its
    start (0 when none).

    `before` are the words just before the run: a name that is a province only after its city
    word ("thành phố Hồ Chí Minh", "TP Hồ Chí Minh" — alone, "Hồ Chí Minh" is the President)
    counts when they supply it, so "Phó Chủ tịch LĐLĐ thành phố Hồ Chí Minh" names no person."""
    m = _province_at_start(" ".join(run))
    if m:
        return len(m.group(0).split())
    district = _district_at_start(run)
    if district:
        return district
    for n in (2, 1):
        context = (before or [])[-n:]
        if len(context) == n:
            m = _province_at_start(" ".join([*context, *run]))
            if m and len(m.group(0).split()) > n:
                return len(m.group(0).split()) - n
    return 0


# Middle names that are also (rare) family names: after another capitalised syllable they never
# start a name.
_MIDDLE_NAMES = {"Văn", "Thị"}


def _place_head(run: list[str]) -> int:
    """How many tokens a capitalised head that runs into its place's name ("Tỉnh Đoàn Lào Cai",
    organisations.toml `place_heads`) takes at the start of a longer run: the words after it
    are read as after a locality word, a place before any name."""
    for head in PLACE_HEADS:
        words = head.split()
        if len(run) > len(words) and run[:len(words)] == words:
            return len(words)
    return 0


def _name_in_role(tokens: list[str]) -> tuple[int, int] | None:
    """(first, last) token of the person's name in a role written before it.

    The name ends a run of capitalised tokens and starts with a family name (SURNAMES) or a
    K'/H' syllable; it has two to four syllables ("K’Nhưm" alone is one). Inside a run that
    follows a locality word the run starts with the place: a province is skipped as written
    ("UBND tỉnh Quảng Ninh Vũ Thị Thu Hằng"); any other place is taken to be two syllables,
    the usual length of a district's name, unless the run is a whole name by itself ("Huyện ủy
    Lạc Dương Cil Ha Nuôl" → "Cil Ha Nuôl"; "UBND tỉnh Đinh Văn Tuấn"; after a K'/H' place,
    "huyện K’Bang Nguyễn Văn Hùng", the name starts at the next family name, and "Văn"/"Thị"
    inside a run never start one). A lone K'/H' syllable after a locality word is taken for a
    person ("UBND huyện K’Nhưm"), which a district so written with no name after it ("huyện
    K’Bang") defeats. A run that opens an
    organisation ("Sở Công Thương") keeps its first three tokens for it.
    """
    k = 0
    while k < len(tokens):
        if not _NAME_WORD.fullmatch(tokens[k]):
            k += 1
            continue
        a = k
        while k + 1 < len(tokens) and _NAME_WORD.fullmatch(tokens[k + 1]):
            k += 1
        b, k = k, k + 1
        head = _place_head(tokens[a:b + 1])
        after_place_word = bool(a) and tokens[a - 1] in _LOCALITY_WORDS or bool(head)
        a += head
        run = tokens[a:b + 1]
        offsets = list(range(len(run)))
        if after_place_word:
            province = _province_prefix(run, tokens[max(0, a - 2):a])
            if province:
                offsets = [o for o in offsets if o >= province]
            else:
                whole = len(run) <= 4 and (run[0] in _SURNAME_SET or len(run) == 1)
                offsets = ([0] if whole else []) + [o for o in (2, 1, 3, 4, 5) if o < len(run)]
        elif starts_with_org_head(" ".join(run)):
            # "Sở Công Thương Lê Thị Hà": the office keeps three tokens; a one-word office after
            # a lower-case head ("Tổng cục Thuế Lương Đức Tài") gives way to a name of three or
            # four syllables only
            offsets = [o for o in offsets if o >= 3] + [o for o in (1, 2) if 3 <= len(run) - o <= 4]
        for o in offsets:
            first, size = run[o], len(run) - o
            if not (first in _SURNAME_SET or _APOSTROPHE_NAME.fullmatch(first)):
                continue
            if o and first in _MIDDLE_NAMES:
                continue  # "K’Bang Nguyễn Văn Hùng": "Văn" is the middle of a name, not its start
            if 2 <= size <= 4 or (size == 1 and _APOSTROPHE_NAME.fullmatch(first)):
                if _province_prefix(run[o:]) and len(run[o:]) <= 3:
                    continue  # "… tỉnh Hà Nam": the province, not a person
                return a + o, b
    return None


def parse_titled_person(text: str) -> tuple[dict[str, str | None], int] | None:
    """A person written role first at the start of `text`: 'Phó Chủ tịch UBND tỉnh Hà Nam Bùi
    Quang Chiến', 'Phó Chủ tịch UBND tỉnh (bà Huỳnh Thị Lựu)', 'Bí thư Huyện ủy Lạc Dương Cil
    Ha Nuôl', 'Chủ tịch UBND huyện K’Nhưm'. The role runs straight into the name; where the
    name starts is decided by `_name_in_role`. Returns (person, end offset) or None."""
    head = _TITLE_HEAD.match(text)
    if not head:
        return None
    words: list[re.Match[str]] = []
    for m in re.finditer(r"[^\s,;:.()]+|[,;:.()]", text[head.end():]):
        if m.group(0) in ",;:." or len(words) > 12:
            break
        words.append(m)
        if m.group(0) in _NOT_IN_ROLE:
            break
    tokens = [w.group(0) for w in words]
    span = _name_in_role(tokens)
    if span:
        i, j = span
        name = " ".join(tokens[i:j + 1])
        title_words = [t for t in tokens[:i] if t not in "()"]
        while title_words and title_words[-1] in _HONORIFIC_WORDS:
            title_words.pop()  # "(bà Huỳnh Thị Lựu)"; "Bà Rịa - Vũng Tàu" inside the role stays
        title = " ".join([head.group(0), *title_words]).strip()
        end = head.end() + words[j].end()
        if j + 1 < len(tokens) and tokens[j + 1] == ")":
            end = head.end() + words[j + 1].end()
        return _person(name, normalise_dashes(title), None), end
    return None


def _titled_actors(sentence: str) -> list[dict[str, str | None]]:
    """Role-first people a sentence shows acting at the meeting: a chain 'A và B' (or 'A, B')
    followed by an attending verb (trao, phát biểu, chủ trì, dự …), or after 'Phát biểu tại
    hội nghị, …' / 'Thay mặt …, '."""
    found: list[dict[str, str | None]] = []
    pos = 0
    while True:
        head = _TITLE_HEAD.search(sentence, pos)
        if not head:
            return found
        pos = head.end()
        if head.start() and (sentence[head.start() - 1].isalnum() or not sentence[head.start()].isupper()):
            continue
        if _APPOSITION.search(sentence[max(0, head.start() - 80):head.start()]):
            continue
        chain: list[dict[str, str | None]] = []
        at = head.start()
        while True:
            got = parse_titled_person(sentence[at:])
            if not got:
                break
            chain.append(got[0])
            at += got[1]
            joint = re.match(r"\s*(?:,|\s+và|\s+cùng)\s+(?=(?:Phó\s+)?[A-ZĐ])", sentence[at:])
            if not joint or not _TITLE_HEAD.match(sentence, at + joint.end()):
                break
            at += joint.end()
        if not chain:
            continue
        if _ACTOR_VERB.match(sentence, at) or _ACTOR_BEFORE.search(sentence[:head.start()]):
            found.extend(chain)
        pos = max(pos, at)


# Where an addressed or ranked person may start: "đồng chí A", "ông B", "Đại tá C".
# Youth unions' "anh"/"chị" (people.toml `young_honorifics`), capitalised only opening a sentence.
_YOUNG_LEAD = "|".join([*(rf"\b{h}" for h in names("people", "young_honorifics")),
                        *(rf"^{h.capitalize()}" for h in names("people", "young_honorifics"))])
_ADDRESSED = re.compile(rf"(?:[Đđ]ồng\s+chí|[Đđ]/c|Ông|Bà|\bông|\bbà|{_YOUNG_LEAD}|\b(?:{_TEACHER})|{_RANK_RE.pattern})\s+")
# "Thiếu tá A, Chính trị viên Đồn Biên phòng B, chủ trì": a role right after an addressed person's
# name and a comma is that person's title, no person of its own (B is the post's name).
_APPOSITION = re.compile(rf"(?:{_ADDRESSED.pattern})(?:{UP}\S*\s+){{0,4}}{UP}\S*\s*,\s*$")


def merge_people(groups: Iterable[list[dict[str, str | None]]]) -> list[dict[str, str | None]]:
    """One row per person over the sentences' finds, in order of first mention. A caption names
    the rank only ("Thượng tá A trao …"), a headline the bare name ("Đồng chí A dự Hội nghị
    …"): the role printed later completes it."""
    people: list[dict[str, str | None]] = []
    for group in groups:
        for person in group:
            key = person["name"]
            known = next((p for p in people if p["name"] == key), None)
            if key and not known:
                people.append(dict(person))
            elif known and person["title"] and len(person["title"]) > len(known["title"] or "") \
                    and (not known["title"] or known["title"] in RANKS):
                known.update(person)
    return people


def _listed_people(s: str) -> Iterator[dict[str, str | None]]:
    """1. "Đến dự có đồng chí A – title; đồng chí B, title …"; 2. "Đến dự và phát biểu tại
    hội nghị, Đại tá X - title …"."""
    for intro in _LIST_INTRO.finditer(s):
        rest = s[intro.end():].lstrip(": ")
        rest = re.sub(r"^(?:đồng\s+chí|đ/c)\s*:?\s*", "", rest)
        while rest:
            got = _parse_person_at(rest, need_marker=False) or parse_titled_person(rest)
            if not got:
                break
            yield got[0]
            rest = rest[got[1]:]
            # "…; các đồng chí: C, title; D, title": a list of peers opened by a colon goes on
            nxt = re.match(r"\s*(?:[;,]\s*(?:và\s+)?|\s+và\s+)(?:các\s+)?(?:(?:đồng\s+chí|ông|bà)(?:\s*:)?\s+)?", rest)
            if not nxt:
                break
            rest = rest[nxt.end():]
    for intro in _INTRO_COMMA.finditer(s):
        got = _parse_person_at(s[intro.end():], need_marker=False)
        if got:
            yield got[0]


def _addressed_people(s: str) -> Iterator[dict[str, str | None]]:
    """Addressed or ranked people who speak, award or chair at the meeting ("đồng chí A phát
    biểu", "Đại tá B trao …"), not those a source or an honour list names."""
    if not _ATTEND_CUE.search(s):
        return
    for lead in _ADDRESSED.finditer(s):
        start = lead.start()
        before = s[max(0, start - 12):start]
        if re.search(r"(?:\b[Tt]heo|\bnhư|\bcủa\s+các|\bcho)\s+$", before):
            continue
        if start and s[start - 1].isalpha():
            continue
        if lead.group(0)[0] in "ÔB" and re.search(rf"(?<!\w){UP}{LO}*\s+$", before):
            continue  # "quận Hai Bà Trưng", "Bà Rịa": a capitalised Bà/Ông inside a place name
        got = _parse_person_at(s[start:], need_marker=True)
        if got:
            yield got[0]


# A paragraph that heads a list of who attends: "Thành phần dự hội nghị:", "Thành phần tham dự
# gồm:", "Đại biểu tham dự:"; and an item of that list: "1. Ông A, title;", "- Bà B, title;".
ATTENDANCE_HEADING = re.compile(r"\b(?:dự|tham\s+dự|tham\s+gia|có\s+mặt)\b[^.:;]{0,40}:\s*$", _I)
LIST_ITEM = re.compile(r"^(?:\d{1,2}\s*[.)]|[-–—+•*])\s*")


def listed_item_person(item: str) -> dict[str, str | None] | None:
    """The person an item of an attendance list names, honorific or not ("1. Ông Lê Văn A, Phó Chủ
    tịch UBND huyện B;", "Nguyễn Thị C, Trưởng phòng Nội vụ" once its dash is taken off); None for
    a group ("Lãnh đạo các phòng …")."""
    bullet = LIST_ITEM.match(item)  # segmentation takes a dash or bullet off (Segment.item)
    got = _parse_person_at(item[bullet.end():] if bullet else item, need_marker=False)
    return got[0] if got and got[0]["title"] else None


def labelled_item_person(item: str) -> dict[str, str | None] | None:
    """The person an item of a meeting's composition names after its label ("Thư ký: Bà C, công
    chức …"): addressed (Ông, Bà, Đồng chí …) or titled; None for an item with no such label or a
    group ("Thành viên: lãnh đạo …"). The labels of a composition ("2. Đại biểu: …", "- Thư ký:
    …") are item_labels.toml's chair, attendee and secretary (meetings/labelled.py)."""
    label = labelled_item(item)
    if not label or not label.fills(COMPOSITION):
        return None
    rest = item[label.value_start:]
    got = _parse_person_at(rest, need_marker=False)
    return got[0] if got and (got[0]["title"] or _ADDRESSED.match(rest)) else None


# people.toml `sent_greetings`: "đã gửi lẵng hoa chúc mừng" — sent from afar, not there.
_SENT_GREETING = re.compile(lexicon_pattern("people", "sent_greetings"), _I)


def _only_sent_greetings(s: str) -> bool:
    """Whether the sentence's people only sent flowers or a letter: once the greeting is taken out,
    nothing says they attended, spoke or acted at the meeting."""
    return bool(_SENT_GREETING.search(s)) and not _ATTEND_CUE.search(_SENT_GREETING.sub(" ", s))


def people_in(s: str) -> list[dict[str, str | None]]:
    """Every person one sentence shows at the meeting, in the order found (repeats kept; see
    `merge_people`): listed after an attendance phrase, role-first people who chair, speak or
    award ("Phó Chủ tịch UBND tỉnh A và Chủ tịch LĐLĐ tỉnh B đã trao …"), addressed or ranked
    people who act; none in a sentence whose people only sent their congratulations."""
    if _only_sent_greetings(s):
        return []
    return [*_listed_people(s), *_titled_actors(s), *_addressed_people(s)]


def parse_attendees(sentences: list[str]) -> list[dict[str, str | None]]:
    """People the text says attended, chaired, spoke or handed out awards, with their titles."""
    return merge_people(people_in(s) for s in sentences)
