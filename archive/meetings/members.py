"""The member list of a cluster: where it starts, where it ends, its items, their shared prefix.

A list opens after "gồm", "bao gồm", "(hiện) có N đơn vị:" or "Tham gia Cụm có …" near a cluster,
maybe behind a count ("6 tỉnh:", "Hội Nông dân 8 tỉnh, thành phố:", "Liên đoàn Lao động 6 huyện
miền núi … là"). It ends at the sentence's end, at a verb ("đã tổ chức"), or at a semicolon
or comma that opens another clause ("…; năm 2018, UBND tỉnh Trà Vinh là Cụm trưởng", ", với tổng
số …"). Items are split at semicolons, at commas that start an organisation (so "Sở Văn hóa,
Thể thao và Du lịch" stays whole) and at "và" before an organisation. Then a walk over the items
gives every locality its body, as the text shares it: "Hội LHPN các huyện A, B và thị xã C" →
"Hội LHPN huyện A", "Hội LHPN huyện B", "Hội LHPN thị xã C"; "Liên đoàn Lao động thành phố Vinh,
thị xã Cửa Lò" → "Liên đoàn Lao động thị xã Cửa Lò". A plural with no body gives each name its
kind when the kind runs into them: "gồm các huyện A, B và C" → "huyện A" …, "thị trấn H và các xã
A, B" → "thị trấn H", "xã A", "xã B" ("các huyện A" is the plural of "huyện A"). A count or a
plural with no body that heads an enumeration after a colon gives the names as written, bare
("Cụm gồm 6 huyện: A, B", "gồm các xã: A, B", "Hội Nông dân 8 tỉnh, thành phố: Hải Phòng, Quảng
Ninh" → "Hải Phòng", "Quảng Ninh"): the members counted or announced, then their names, as the
labelled sets list them (the demo sites' labels, blind5-601, blind6-702, -713 and -715). The
province that closes a list after its "và" item
(", tỉnh Thanh Hóa") is the list's address, no member; a company's branch ("VietinBank Chi
nhánh Kiên Giang") opens an item as an organisation's head does.
"""

from __future__ import annotations

import re

from archive.lexicons import alternation, names, pattern
from archive.localities import districts_table
from archive.meetings.patterns import _LOCALITY_KIND, ABBREVIATION_DOT, LO, PROVINCE_KIND, UP
from archive.normalize import normalize_tone_marks
from archive.numberwords import spelled
from archive.organisations import (
    ORG_HEADS,
    PLACE_HEADS,
    names_a_branch,
    names_a_province_unit,
    starts_with_org_head,
)
from archive.places import find_provinces, province_mentions

_DISTRICT_KINDS = ("huyện", "quận", "thị xã", "thành phố")

# Heads that open a member written with every word capitalised, and the member-only heads
# (organisations.toml `member_heads`), compared past the first letter, which must be the capital.
_FOLDED_HEADS = tuple((h, h.lower()) for h in (*[h for h in ORG_HEADS if " " in h and h[:1].isupper()],
                                                *names("organisations", "member_heads")))


def _opens_org(text: str) -> bool:
    """Whether a list item opens an organisation: a head as written (organisations.starts_with_org_head),
    or one written with its words capitalised, or a member-only head ("Trung Tâm Khuyến Nông",
    "Lực lượng Thanh niên Xung phong TP", "Khu Chế xuất – Khu Công nghiệp")."""
    if starts_with_org_head(text):
        return True
    text = text.lstrip()
    return any(text[:1] == head[:1] and text[:len(head)].lower() == folded
               and (len(text) == len(head) or not text[len(head)].isalnum()) for head, folded in _FOLDED_HEADS)

_NEAR_CLUSTER = r"(?:[Cc]ụm|[Kk]hối|đơn\s+vị|thành\s+viên|địa\s+phương)(?:[^.;:]|\.(?=\S)|" + ABBREVIATION_DOT + r"){0,80}?"
# A dot with no space after it ("Công an TP.HCM gồm …") is inside an abbreviation, not the end
# of the sentence, so it may stand between the cluster and its "gồm".
# "(hiện / chỉ) còn N đơn vị:" after a merger counts what is left, as "có N đơn vị:" does.
_START = re.compile(_NEAR_CLUSTER + r"\b(?:(?P<gom>(?:bao\s+)?gồm)|(?P<co>(?:(?:hiện|chỉ)\s+)?(?:có|còn)))\s*:?\s*")
# "Cụm thi đua số 3 được kiện toàn sau khi …, gồm 4 đơn vị: A, B": a count of members and a colon
# announce the list however far the cluster stands before it in the sentence.
_NUMBER = rf"(?:\d+|{spelled(range(2, 11))})"
_START_COUNTED = re.compile(rf"(?:[Cc]ụm|[Kk]hối)\b[^.;:]*?\b(?P<gom>(?:bao\s+)?gồm)\s+(?={_NUMBER}\s+[^;:.]{{1,45}}:)")
# "Tham gia Cụm có …", "Thành viên của Khối thi đua số 3 có …" (meetings.toml `member_intros`): the
# units that follow "có" are the members, an organisation or a plural of them opening the list.
_START_JOINED = re.compile(rf"(?i:{pattern('meetings', 'words.member_intros')})\s+(?:[Cc]ụm|[Kk]hối)\b[^.;:]{{0,80}}?"
                           r"\s(?P<joined>có)\s*:?\s*")
_COUNT = rf"(?:{_NUMBER}|các|những)"
_KIND = rf"(?:{_LOCALITY_KIND}|TP\.?)"
# "6 đơn vị:", "LĐLĐ 6 tỉnh:", "Hội Nông dân 8 tỉnh, thành phố:", "Liên đoàn Lao động 6 huyện miền
# núi phía Tây của tỉnh là": a body (up to seven words), a count, a noun, then ":" or "là".
_INTRO = re.compile(rf"^(?P<pre>(?:[^\s,;:]+\s+){{0,7}}?)(?P<count>{_COUNT})\s+(?P<noun>[^;:.]{{1,45}}?)\s*(?::|\s+là\b)\s*")
# "3 huyện An Lão, …", "Hội Nông dân 4 huyện Thái Thụy, …": a count and a lower-case noun, then
# the names; "9 trường đại học, cao đẳng đóng trên địa bàn" is a head count, no names.
_INTRO_NAMES = re.compile(rf"^(?P<pre>(?:[^\s,;:]+\s+){{0,7}}?){_NUMBER}\s+(?P<noun>(?:[a-zđà-ỹ]+\s+){{1,4}}?)(?={UP})")
# What a cluster's members are counted as: "7 doanh nghiệp", "9 đơn vị", "4 huyện".
_MEMBER_NOUN = rf"(?:{_KIND}\b|{pattern('meetings', 'words.member_nouns')})"
# "Cụm gồm 6 đơn vị thuộc khu vực tỉnh Kiên Giang (cũ) được sắp xếp theo mô hình …: A, B": a count
# of members whose words run on, with no comma, to the colon that opens their names.
_INTRO_FAR = re.compile(rf"^(?P<pre>){_NUMBER}\s+(?P<noun>{_MEMBER_NOUN}[^;:.,]{{0,120}}?)\s*:\s*(?={UP}|{_KIND}\s)")
# "Tham gia ký kết có 5 đơn vị trong Khối: A, B …", "Cùng ký kết có 4 đơn vị thuộc Khối: …": a count
# of the cluster's units and the colon that opens their names ("có 4 đơn vị trong Khối tham dự", no
# colon, is a head count).
_START_COUNTED_OF = re.compile(rf"\b(?:có|gồm)\s+(?P<gom>)(?={_NUMBER}\s+{_MEMBER_NOUN}\s+(?:trong|của|thuộc)\s+"
                               r"(?:[Cc]ụm|[Kk]hối)\b[^;:.]{0,60}:)")
_COUNT_QUALIFIER = re.compile(rf"\b{alternation('meetings', 'members.count_qualifiers')}\b")  # [members] count_qualifiers
# Where a list ends: a verb ("tổ chức" — not the noun "các tổ chức", as in "Liên hiệp các tổ
# chức hữu nghị"), a full stop, another clause.
_END = re.compile(
    # (meetings.toml [members] list_enders)
    rf"\s+(?:{alternation('meetings', 'members.list_enders')}|(?<!\bcác\s)(?<!\bnhững\s)tổ\s+chức)\b"
    r"|(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bQ)\.(?:\s|$)"
    # another clause: "…; năm 2018, UBND tỉnh X là Cụm trưởng", ", với tổng số gần 9.000 đoàn viên"
    r"|;\s*(?=[Nn]ăm\s+\d{4}|[^;]{0,90}?\s(?:là|làm|được|giữ)\s)|,\s+(?=(?:với|trong\s+đó|nhằm|năm\s+\d{4})\b)|$"
    # a person after "cùng": "đại diện UBND các huyện A, B và C cùng ông D, Trưởng ban …"
    r"|\s+cùng\s+(?:với\s+)?(?:ông|bà|đồng\s+chí|các\s+đồng\s+chí)\s"
    # "…; ngoài 5 điểm cầu tỉnh, hội nghị …": a clause in lower case after a semicolon (an item, a
    # plural or a locality opens with a capital, "các" or its kind)
    rf"|;\s*(?={LO})(?!(?:các|những)\s|{_KIND}\s)")
_NUMBERING = re.compile(r"^(?:\(\s*\d+\s*\)|\d+\s*[.)]|[a-zđ]\))\s*")
_PLURAL = re.compile(rf"^(?:(?P<body>.+?)\s+)?các\s+(?P<kind>{_KIND})\s*:?\s*(?P<names>.+)$")
_AT_KIND = re.compile(rf"^(?P<kind>{_KIND})\s+\S")
_BODY_KIND = re.compile(rf"^(?P<body>.+?)\s+(?P<kind>{_KIND})\s+(?=[{UP[1:-1]}0-9])")
# A head that runs into its place's name ("Huyện đoàn Na Hang", organisations.toml `place_heads`).
_PLACE_HEAD = re.compile(rf"^(?P<body>{'|'.join(re.escape(h) for h in PLACE_HEADS)})\s+(?={UP})")
# An organisation named by its place ("UBND huyện Yên Sơn", "Huyện đoàn Na Hang"), and a place's
# bare name: up to four capitalised syllables ("Ia H'Drai", "Đắk Hà") or a district's number ("12").
_NAMED_PLACE = re.compile(rf"^(?:{_PLACE_HEAD.pattern[1:]}|.+?\s{_KIND}\s+[{UP[1:-1]}0-9])")
# "… và 6 huyện A, B": a count and a locality kind open the next item, whose kind the names share.
_COUNTED_KIND = re.compile(rf"^{_NUMBER}\s+(?={_KIND}\s+[{UP[1:-1]}0-9])")
_BARE_NAME = re.compile(rf"^(?:{UP}\S*(?:\s+{UP}\S*){{0,3}}|\d{{1,2}})$")
# A place's proper name, every syllable capitalised and the rest lower case ("Hội An", "Điện
# Bàn"): after a plural ("UBND các phường A, Hội An") a name, even when its first word also heads
# organisations ("Hội"); "Hội LHPN", "Hội Nông dân" are no such name.
_TITLED_NAME = re.compile(rf"^{UP}{LO}*(?:\s+{UP}{LO}*){{1,3}}$")


# "Khối gồm 7 doanh nghiệp lớn trên địa bàn tỉnh, trong đó có A, B, C và D": a count of members,
# then the ones the text names; they are members though the list is not all of them.
_NAMED_AMONG = re.compile(rf"^{_NUMBER}\s+{_MEMBER_NOUN}[^;:.]{{0,60}}?,\s*trong\s+đó\s+(?:có|gồm)\s*:?\s*(?={UP})")


def _named_body(pre: str) -> bool:
    """Whether the words before a count are one organisation whose name holds "và" ("Sở Giáo dục
    và Đào tạo 6 tỉnh:", a head the counted names share), not a list ("thị xã A và 6 huyện")."""
    return _opens_org(pre) and not re.search(rf"\bvà(?:\s*$|\s+(?:{_COUNT}|{_KIND})\b)", pre)


# "gồm 5 phường : A , B": a count whose noun is only locality kinds, then the colon: every name after
# it is a place's (maybe one whose first word opens organisations elsewhere, "Trường Thi").
_PLACES_COUNTED = re.compile(rf"^{_NUMBER}\s+{_KIND}(?:\s*,\s*{_KIND})*\s*:\s*$")
# "các Đội Quản lý thị trường số 2 , số 5 và số 7": a plural of numbered units of one capitalised head.
_PLURAL_NUMBERED = re.compile(rf"^các\s+(?={UP}[^,;:.]*?\s(?:số\s+)?\d{{1,3}}\b)")


def _list_text(text: str) -> tuple[str, bool] | None:
    """The list's text after its opening and count, and whether its names are bare places (see
    _PLACES_COUNTED); None when the sentence opens no list or only counts its members."""
    for start in [*_START_JOINED.finditer(text), *_START.finditer(text), *_START_COUNTED.finditer(text),
                  *_START_COUNTED_OF.finditer(text)]:
        rest = text[start.end():]
        if start.re is _START_JOINED and not (_opens_org(rest) or _PLURAL.match(rest.split(",")[0])
                                               or _ORG_PLURAL.match(rest) or _INTRO.match(rest)):
            continue  # "Tham gia Cụm có 1.200 đoàn viên": a figure
        # a count running on to its colon first: "5 xã thuộc huyện A (cũ) sau sắp xếp: …" names no "A"
        intro = _INTRO.match(rest) or _INTRO_FAR.match(rest) or _INTRO_NAMES.match(rest)
        if intro and ((re.search(r"\bvà\b", intro.group("pre")) and not _named_body(intro.group("pre")))
                      or _AT_KIND.match(intro.group("pre"))):
            intro = None  # "thị xã A và các huyện B, C": a list, not a body before a count
        if intro and intro.re is _INTRO and intro.group("count") in ("các", "những") \
                and re.match(_KIND, intro.group("noun")) and intro.group("pre").strip():
            intro = None  # "Công an các huyện: A, B": a prefix the names share (see _walk)
        if start.groupdict().get("co") and not (intro and re.match(_MEMBER_NOUN, intro.group("noun"))):
            continue  # "Toàn Cụm có 520.000 hộ …": a figure, not a list
        if intro is not None and re.match(rf"{_NUMBER}\s", intro.group("pre")):
            return None  # "Khối hiện có 17 tổ chức tín dụng sau khi hai tỉnh A, B hợp nhất": a head count
        among = _NAMED_AMONG.match(rest) if intro is None else None
        numbered = _PLURAL_NUMBERED.match(rest) if intro is None else None
        if among or numbered:
            rest = rest[(among or numbered).end():]
        elif intro is None and re.match(rf"{_COUNT}\s", rest) and not _PLURAL.match(rest.split(",")[0]) \
                and not _ORG_PLURAL.match(rest):
            return None
        places = False
        if intro is not None:
            if intro.re is _INTRO_NAMES and _COUNT_QUALIFIER.search(re.split(r"[,;.]", rest, maxsplit=1)[0]):
                return None  # "7 trường THPT thuộc các huyện …": a head count
            places = bool(_PLACES_COUNTED.match(rest[intro.end("pre"):intro.end()]))
            rest = rest[intro.end():]
        end = _END.search(rest)
        return _org_plural(rest[:end.start()] if end else rest), places
    return None


# "các trường THPT A, B và C", "các đồn A, B", "các Nhà máy Z111, Z113": a plural of a kind of member
# (lexicon `member_nouns`, in either case, maybe with its acronym) before bare names; each name is one
# of that kind.
_ORG_PLURAL = re.compile(rf"^các\s+(?P<head>(?i:{pattern('meetings', 'words.member_nouns')})(?:\s+[{UP[1:-1]}]{{2,}})?)\s+(?={UP})")


def _org_plural(chunk: str) -> str:
    """The list with its plural of a kind of member given to every name ("các trường THPT A, B
    và C" → "Trường THPT A, Trường THPT B, Trường THPT C"), when every name is bare."""
    m = _ORG_PLURAL.match(chunk)
    if not m:
        return chunk
    names = [n.strip() for n in re.split(r"\s*,\s*|\s+và\s+", chunk[m.end():]) if n.strip()]
    if len(names) < 2 or not all(_BARE_NAME.match(n) for n in names):
        return chunk
    head = m.group("head")
    return ", ".join(f"{head[0].upper()}{head[1:]} {n}" for n in names)


_ORDINAL = r"(?:\d{1,3}|[IVXL]{1,5})\b"
# "Ngân hàng Nhà nước Chi nhánh Khu vực 6, 7, 8 và 9", "Kho bạc Nhà nước khu vực IX và X": numbers
# after a name that ends with one share the words before it (a plural, "CA các quận 4, 7", is _walk's).
# "Đội QLTT số 2, số 5 và số 7": each later number may repeat "số", which the head already holds.
_NEXT_ORDINAL = rf"(?:số\s+)?{_ORDINAL}"
_NUMBERED = re.compile(rf"(?P<head>{UP}[^,;]*?\s)(?P<first>{_ORDINAL})(?P<more>(?:\s*,\s*{_NEXT_ORDINAL})*\s+và\s+"
                       rf"{_NEXT_ORDINAL}|(?:\s*,\s*{_NEXT_ORDINAL})+)")


def _numbered(chunk: str) -> str:
    """The list with every number that follows a numbered name written as that name (see _NUMBERED)."""
    def expand(m: re.Match[str]) -> str:
        head = m.group("head")
        if re.search(r"\b(?:các|những)\s", head):
            return m.group(0)
        numbers = [m.group("first"), *re.findall(rf"(?<![\w]){_ORDINAL}", m.group("more"))]
        return ", ".join(f"{head}{n}" for n in numbers)
    return _NUMBERED.sub(expand, chunk)


def _province_start(text: str) -> int | None:
    """Where the province name that ends `text` starts ("Viễn thông Phú Yên" → 11), or None."""
    text = text.rstrip(" .")
    return next((start for start, end, _p in province_mentions(text) if end == len(text)), None)


def _named_for_province(part: str) -> bool:
    """Whether a list part is an organisation named for its province, the province its last words
    with no locality kind before it ("Viễn thông Phú Yên", "Viettel Phú Yên"): a whole name of its own,
    neither the rest of the name before it (as "Thể thao và Du lịch" is) nor a locality taking a head."""
    start = _province_start(part)
    before = part[:start].rstrip() if start else ""
    return bool(before) and bool(re.match(UP, before)) and not re.search(rf"\bvà\b|{_KIND}$", before)


def _shares(previous: str, part: str, chain: bool) -> bool:
    """Whether `part` is a bare place name ("Pác Nặm", "Ia H'Drai") that takes the head and
    locality kind of the named place before it ("Huyện đoàn Ba Bể", "UBND huyện A") — or of the
    chain of such names it continues — rather than continuing that organisation's name. The
    names after a plural ("Hội LHPN các huyện A, B") are the plural's own (see _walk)."""
    first = re.split(r"\s+(?:và|cùng)\s+", part)[0]
    if _BARE_NAME.match(first) and _province_start(first) == 0 and (chain or _named_for_province(previous)):
        return True  # "Công ty Điện lực Quảng Ninh, Hải Dương": the province names share its head
    return bool(_BARE_NAME.match(first)) and (chain or bool(_NAMED_PLACE.match(previous)) and not _PLURAL.match(previous))


def _plural_name(previous: str, part: str) -> bool:
    """Whether `part` is one more of the names after a plural of localities ("UBND các phường
    Tam Kỳ, Hội An"), though its first word may head organisations (see _TITLED_NAME)."""
    plural = _PLURAL.match(previous)
    first = re.split(r"\s+(?:và|cùng)\s+", part)[0]
    return bool(plural and _BARE_NAME.match(plural.group("names").split(",")[0].strip()) and _TITLED_NAME.match(first))


def _opens_item(merged: list[str], part: str) -> bool:
    """Whether a comma part opens a new item: an organisation's head, a plural of localities, a
    count and a kind, or a company's branch (organisations.names_a_branch) — not one more name after a plural."""
    if merged and _plural_name(merged[-1], part):
        return False
    return bool(_opens_org(part) or _PLURAL.match(part) or _COUNTED_KIND.match(part) or names_a_branch(part)
                or _province_unit(part))


def _province_unit(part: str) -> bool:
    """Whether a list part opens with a company's or sector's unit named by its province alone
    ("Viettel Phú Yên", "VNPT Phú Thọ và …"; organisations.toml `province_units`): judged on the
    words before any "và", since a later item joined by it is no part of the unit's name."""
    first = re.split(r"\s+(?:và|cùng)\s+", part)[0]
    return names_a_province_unit(first) and _named_for_province(first)


def _split(chunk: str) -> list[str]:
    """Items of a list: semicolons always separate; a comma part that starts no organisation
    belongs to the name before it ('Sở Văn hóa, Thể thao và Du lịch') when any part is headed,
    unless it is a bare place name after a named place ('Huyện đoàn A, B và C', see _shares);
    'và' separates before an organisation or 'các <kind>', or everywhere when nothing is headed."""
    groups = [[_NUMBERING.sub("", p) for p in re.split(r"\s*,\s*", g) if p] for g in re.split(r"\s*;\s*", chunk.strip()) if g]
    headed = any(_opens_org(p) or _PLURAL.match(p) or names_a_branch(p) for g in groups for p in g)
    items: list[str] = []
    for group in groups:
        merged: list[str] = []
        chain = False
        for part in group:
            opens = _opens_item(merged, part)
            chain = bool(merged) and headed and not opens and _shares(merged[-1], part, chain)
            if merged and headed and not opens and not chain:
                merged[-1] = f"{merged[-1]}, {part}"
            else:
                merged.append(part)
        for part in merged:
            pieces = re.split(r"\s+(?:và|cùng)\s+", part)
            current = pieces[0]
            for piece in (_NUMBERING.sub("", p) for p in pieces[1:]):
                if (_opens_org(piece) and not _plural_name(current, piece)) or _PLURAL.match(piece) \
                        or _COUNTED_KIND.match(piece) or names_a_branch(piece) or _province_unit(piece) or not headed \
                        or _shares(current, piece, bool(_BARE_NAME.match(current))):
                    items.append(current)
                    current = piece
                else:
                    current = f"{current} và {piece}"
            items.append(current)
    return [i.strip(" .:;–-") for i in items]


def _kind_of(kind: str, name: str) -> str:
    """The district kind a bare name shares in a list: the list's own, unless the name is known
    (archive/localities.py) only as a district of one other kind — "thành phố Yên Bái, Văn Yên":
    Văn Yên is a huyện."""
    if kind not in _DISTRICT_KINDS:
        return kind
    table, key = districts_table(), normalize_tone_marks(name).lower()
    known = {k for k in _DISTRICT_KINDS if (k, key) in table}
    return next(iter(known)) if len(known) == 1 and kind not in known else kind


def _walk(items: list[str]) -> list[str]:
    """Every item with the body and locality kind the list shares (see the module docstring)."""
    out: list[str] = []
    body, kinds = "", []
    for item in items:
        item = _COUNTED_KIND.sub("", item)  # "6 huyện A": the kind, as "huyện A"
        plural = _PLURAL.match(item)
        if plural and not (plural.group("body") and _COUNT_QUALIFIER.search(plural.group("body"))):
            body = (plural.group("body") or body).strip()
            kinds = [plural.group("kind")]
            for name in re.split(r"\s*,\s*|\s+và\s+", plural.group("names")):
                name = name.strip(" .:;–-")
                if name:  # "các xã: A, B" → "xã A", "xã B"; "Công an các xã A, B" → "Công an xã A" …
                    kind = "" if _AT_KIND.match(name) else kinds[0]  # ", tỉnh C": its own, "các huyện A": as written
                    out.append(" ".join(x for x in (body, kind, name) if x))
            continue
        at_kind = _AT_KIND.match(item)
        if at_kind:
            out.append(f"{body} {item}" if body else item)
            kinds = [at_kind.group("kind")]
            continue
        named = _BODY_KIND.match(item)
        head = _PLACE_HEAD.match(item)
        if head:  # "Huyện đoàn A, B": the head alone is what the bare names share
            body, kinds = head.group("body"), []
        elif named and _opens_org(item) and not _AT_KIND.match(item):
            body, kinds = named.group("body"), [named.group("kind")]
        elif _named_for_province(item) and _opens_org(item):  # "Công ty Điện lực A, B"
            body, kinds = item[:_province_start(item)].strip(), []
        elif not _opens_org(item) and not names_a_branch(item) and not _named_for_province(item) and body:
            item = " ".join([body, *(_kind_of(k, item) for k in kinds[:1]), item])
        out.append(item)
    return out


# ", tỉnh Quảng Trị" / ", thành phố Cần Thơ" closing a list after its "và" item (see _drop_address)
_ADDRESS = re.compile(rf"\bvà\s+[^,;]+?(?P<cut>\s*,\s*)(?P<place>{PROVINCE_KIND}\s*{UP}[^,;]*?)\s*$")


# "Hội Nông dân các huyện A, B và thành phố C thuộc Cụm thi đua số 2 đã ký kết …": the members
# as the subject, a plural (a body of up to six words, "các" and a locality kind, the names)
# said to belong to the cluster.
_SUBJECT_LIST = re.compile(rf"(?:^|(?<=[,;:]\s))(?P<list>(?:[^\s,;:.]+\s+){{0,6}}?các\s+{_KIND}\s+{UP}[^;:.]*?)"
                           r"\s+(?:trực\s+)?(?:thuộc|trong)\s+(?:[Cc]ụm|[Kk]hối)\s+[Tt]hi\s+đua\b")


def _subject_text(text: str) -> str | None:
    """The list of a sentence whose subject is the cluster's members (see _SUBJECT_LIST)."""
    m = _SUBJECT_LIST.search(text)
    if not m:
        return None
    body = m.group("list").split(" các ")[0]
    return m.group("list") if body.startswith("các") or _opens_org(body) else None


# "…, Cụm trưởng, chủ trì; tham dự có đại diện Hội Nông dân các tỉnh A, B và C": the members
# named as the bodies whose delegates attend the cluster's meeting.
_DELEGATES = re.compile(rf"\b(?:tham\s+)?dự\s+có\s+(?:đại\s+diện(?:\s+lãnh\s+đạo)?|lãnh\s+đạo)\s+"
                        rf"(?P<list>(?:[^\s,;:.]+\s+){{1,6}}?các\s+{_KIND}\s+{UP}[^;:.]*)")


def _delegates_text(text: str) -> str | None:
    """The list of bodies whose delegates attend (see _DELEGATES), when an organisation heads it."""
    m = _DELEGATES.search(text)
    if not (m and _opens_org(m.group("list"))):
        return None
    end = _END.search(m.group("list"))
    return m.group("list")[:end.start()] if end else m.group("list")


# An online meeting "kết nối từ điểm cầu chính tại Hội LHPN tỉnh A đến 5 điểm cầu của Hội LHPN các
# tỉnh B, C và D": the units its points stand at, the main one first, are the ones that meet.
_POINTS = re.compile(r"\bđiểm\s+cầu\s+(?:chính\s+)?(?:đặt\s+)?(?:tại|ở)\s+(?P<main>[^,;:.]+?)\s+(?:đến|tới|với)\s+"
                     rf"(?:(?:{_NUMBER}|các)\s+)?điểm\s+cầu\s+(?:(?:của|tại|ở)\s+)?(?P<list>{UP}[^;:.]*)")


def point_members(text: str) -> list[str] | None:
    """The units an online meeting connects (see _POINTS), when organisations stand at them,
    each with its body as in a member list; a cluster's members when no list names them."""
    m = _POINTS.search(text)
    if not m or not (_opens_org(m.group("main")) and _opens_org(m.group("list"))):
        return None
    items = [i for i in _walk(_split(f"{m.group('main')}, {_drop_address(m.group('list'))}")) if len(i) > 2]
    return items if len(items) >= 3 else None


# "(trước ngày 01/7/2025 thuộc Công an tỉnh Bình Định)", "(nay là phường X)": a member's history
# in brackets, no part of its name.
_HISTORY_ASIDE = re.compile(r"\s*\((?=[^()]*(?:\d|\btrước\b|\bnay\s+là\b|\bthuộc\b))[^()]*\)")
# "Đội QLTT số 2 ( thị xã Chí Linh )": the locality a member stands in, in brackets, no part of its name.
_ADDRESS_ASIDE = re.compile(rf"\s*\(\s*{_KIND}\s+{UP}[^()]{{0,40}}\)")


# "… và Mèo Vạc, đều thuộc tỉnh Hà Giang trước khi hợp nhất": after the last item a lower-case
# clause says something of the members (a name, a plural or a locality kind opens an item).
_ASIDE_AFTER_LAST = re.compile(rf"\bvà\s+[^,;]+?(?P<cut>\s*,\s*)(?={LO})(?!(?:các|những)\s|{_KIND}\s)")


def _drop_address(chunk: str) -> str:
    """A list closed by "và" and then the province it lies in ("các huyện A, B và C, tỉnh Thanh
    Hóa"): the province is the list's address, no member; nor is a lower-case clause after the
    last item ("…, B và C, đều thuộc huyện X cũ")."""
    m = _ADDRESS.search(chunk)
    if m and find_provinces(m.group("place")):
        return chunk[:m.start("cut")]
    aside = _ASIDE_AFTER_LAST.search(chunk)
    return chunk[:aside.start("cut")] if aside else chunk


def _close_bracket(chunk: str) -> str:
    """A list opened inside brackets ("Cụm thi đua số 1 (gồm A, B và C) tổ chức …") ends at the
    bracket that closes it."""
    depth = 0
    for n, ch in enumerate(chunk):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return chunk[:n]
    return chunk


def delegate_members(text: str) -> list[str] | None:
    """The bodies whose delegates a sentence says attend ("Tham dự có đại diện UBND các huyện A,
    B, C và D cùng ông E, …"), each with its body; the cluster's members when no list names them,
    though the sentence does not name the cluster (see roles._members)."""
    chunk = _delegates_text(text)
    if not chunk:
        return None
    items = [i for i in _walk(_split(chunk)) if len(i) > 2]
    return items if len(items) >= 2 else None


# "Cụm thi đua số 3 gồm A, B và C; Cụm thi đua số 4 gồm D, E và F" (a joint meeting of two clusters):
# a semicolon before another cluster's own list ends the first list and opens the next.
_NEXT_LIST = re.compile(r"\s*;\s*(?=(?:[Cc]ụm|[Kk]hối)\b[^.;:]{0,80}?\b(?:bao\s+)?gồm\b)")


def parse_members(text: str) -> list[str] | None:
    """Organisations listed as a cluster's members, as written, each with its body (see the
    module docstring), or named as the subject that belongs to it (_SUBJECT_LIST); None when
    the sentence lists fewer than two. Clusters listed one after another (_NEXT_LIST) give the
    members of all of them, in order."""
    parts = _NEXT_LIST.split(text)
    if len(parts) == 1:
        return _members_of(text)
    items = [i for part in parts for i in _members_of(part) or []]
    return list(dict.fromkeys(items)) if len(items) >= 2 else None


def _members_of(text: str) -> list[str] | None:
    """The one list a clause names (see parse_members)."""
    listed = _list_text(text)
    chunk, places = listed if listed else (_subject_text(text) or _delegates_text(text), False)
    if not chunk:
        return None
    chunk = _HISTORY_ASIDE.sub("", _drop_address(_numbered(_ADDRESS_ASIDE.sub("", _close_bracket(chunk)))))
    if places:  # "gồm 5 phường : A , B …": names of places, as written
        items = [n.strip(" .:;–-") for n in re.split(r"\s*[,;]\s*|\s+và\s+", chunk)]
        items = [n for n in items if len(n) > 2]
    else:
        items = [i for i in _walk(_split(chunk)) if len(i) > 2]
    return items if len(items) >= 2 else None


# "… cùng lãnh đạo Hội LHPN các tỉnh, thành phố: Đà Nẵng, Quảng Nam, …, Phú Yên và Khánh Hòa":
# the localities of every unit enumerated after a colon, outside a "gồm" list.
_ENUMERATED = re.compile(rf"\bcác\s+{_KIND}(?:\s*,\s*{_KIND})*\s*:\s*(?P<names>[^.;:()]+)")


def enumerated_members(text: str) -> list[str] | None:
    """The names a sentence enumerates after "các <kind>(, <kind>):", as written ("Đà Nẵng",
    "Quảng Nam" …): a cluster's members when no "gồm" list names them (three or more)."""
    m = _ENUMERATED.search(text)
    if not m:
        return None
    names = [n.strip(" .–-") for n in re.split(r"\s*,\s*|\s+và\s+", m.group("names"))]
    names = [n for n in names if n and n[0].isupper() and len(n.split()) <= 4]
    return names if len(names) >= 3 else None


# A table turned into text, one row a line: "STT | Đơn vị | Tổng điểm | Xếp hạng", then "1 | Công
# an tỉnh | 99,5 | Nhất" …; the column headed by a unit word (lexicon) names the units ranked.
_UNIT_HEADER = re.compile(rf"^\s*{pattern('meetings', 'words.table_unit_headers')}\s*$", re.IGNORECASE)


_GLUED_NUMBER = re.compile(r"^(?P<cell>.*?\S)\s+(?P<n>\d{1,3})$")


def _unflatten(line: str) -> list[str]:
    """A table whose line breaks were lost ("STT | Đơn vị | Điểm 1 | Công an tỉnh | 99,5 2 | Sở Tư
    pháp | 98"): its rows again, cut before each running number glued to the last cell of the
    row before; the line itself when it is no such table."""
    tokens = [c.strip() for c in line.split("|")]
    first = next((i for i, t in enumerate(tokens) if (m := _GLUED_NUMBER.match(t)) and m.group("n") == "1"), 0)
    if first < 1:
        return [line]
    rows, row, number = [], [], 1
    for i, token in enumerate(tokens):
        glued = _GLUED_NUMBER.match(token)
        if i >= first and (i - first) % first == 0 and glued and glued.group("n") == str(number):
            rows.append([*row, glued.group("cell")])
            row, number = [str(number)], number + 1
        else:
            row.append(token)
    return [" | ".join(r) for r in [*rows, row]]


def table_members(rows: list[str]) -> list[str] | None:
    """The cells under a unit column of a text table (`rows[0]` its header, the rest its rows as
    long as they have as many cells, or all of them in `rows[0]` when the line breaks were lost),
    two or more; None when `rows[0]` heads no such table."""
    rows = [*_unflatten(rows[0]), *rows[1:]] if rows else rows
    header = [c.strip() for c in rows[0].split("|")] if rows and rows[0].count("|") >= 1 else []
    column = next((i for i, cell in enumerate(header) if _UNIT_HEADER.match(cell)), None)
    if column is None:
        return None
    names: list[str] = []
    for row in rows[1:]:
        cells = [c.strip() for c in row.split("|")]
        if len(cells) != len(header):
            break
        if cells[column]:
            names.append(cells[column].strip(" .;"))
    return names if len(names) >= 2 else None


# A paragraph that announces the members as a list of items below it: "Đơn vị tham gia Cụm thi đua
# số 2:", "Thành viên của Khối gồm:", "Cụm gồm các đơn vị sau:".
MEMBER_HEADING = re.compile(r"(?:(?:[Đđ]ơn\s+vị|[Tt]hành\s+viên)\s+(?:tham\s+gia\s+)?(?:của\s+|trong\s+)?(?:[Cc]ụm|[Kk]hối)\b"
                            r"[^:.;]{0,60}|(?:[Cc]ụm|[Kk]hối)\b[^:.;]{0,80}\b(?:gồm|có)(?:\s+(?:các|\d+)\s+đơn\s+vị)?"
                            r"(?:\s+sau)?)\s*:\s*$")


def item_members(heading: str, items: list[str]) -> list[str] | None:
    """The members a list of items names under a heading that announces them (MEMBER_HEADING), one
    an item, its bracketed role ("(Cụm trưởng)") and closing punctuation dropped; two or more."""
    if not MEMBER_HEADING.search(heading):
        return None
    names = [re.sub(r"\s*\([^()]*\)", "", item).strip(" .;,") for item in items]
    names = [n for n in names if n and _opens_org(n)]
    return names if len(names) >= 2 and len(names) == len(items) else None

