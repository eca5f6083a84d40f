"""The unit that chairs a cluster in its year: a cluster's meeting is hosted by it.

Reports name the host by its rotating role, often far from the meeting's sentence and after the
member list: "Năm 2018, UBND tỉnh Quảng Bình là Cụm trưởng, đăng cai tổ chức hội nghị", "…;
năm 2023, Hội LHPN huyện An Lão là Cụm trưởng", "Liên đoàn Lao động huyện Yên Thành được phân
công làm Cụm trưởng", "năm 2015 do Liên đoàn Lao động huyện Đô Lương làm Cụm trưởng", "Công đoàn
ngành Y tế – Khối trưởng năm 2018 – chủ trì", "Phó Chủ tịch UBND huyện Mang Thít – đơn vị Cụm
trưởng năm 2023 – chủ trì"; a person whose title makes the unit Cụm trưởng chairing the meeting
("Thượng tá A, Trưởng Công an huyện B, Cụm trưởng, chủ trì" → Công an huyện B). Not hosts: the
deputy (Cụm phó, Phó Khối trưởng), the unit elected for next year ("bầu X làm Cụm trưởng năm
2019"), a Cụm trưởng who is only quoted or speaks ("…, Cụm trưởng, cho biết").
"""

from __future__ import annotations

import re

from archive.lexicons import names, pattern, phrase
from archive.meetings.patterns import UP
from archive.meetings.rotating_role import CHAIR_WORDS, ROLE_LINKS, role_year
from archive.organisations import (
    TITLE_RE,
    names_a_branch,
    names_a_province_unit,
    starts_with_org_head,
)

# The rotating role, not its deputy: "Cụm trưởng", "Khối trưởng", "Trưởng cụm", "Trưởng Khối thi đua",
# with the year it is held for (rotating_role.role_year).
_ROLE = re.compile(r"(?<!Phó\s)(?<!phó\s)(?P<unit>đơn\s+vị\s+)?(?i:" + CHAIR_WORDS + r")(?!\s+phó)(?:\s+thi\s+đua)?"
                   + role_year("year"))
# What joins a unit to its role (lexicon "links"; "được (Giám đốc …) giao làm" may name who
# appointed it), or an apposition ("X – đơn vị", "X, đơn vị", "X –", "X (").
_LINK = re.compile(r"(?:,?\s+(?:" + ROLE_LINKS
                   + r"|được\s+(?:[^,;]{1,40}?\s+)?(?:phân\s+công|giao|chọn|cử)\s+làm)|\s*[,–—-]|\s*\()\s*$")
_WORDED_LINK = re.compile(r"\b(?:là|làm|vai\s+trò)\s*$")
_ELECTED = re.compile(pattern("roles", "elected"), re.IGNORECASE)
_HOSTING = re.compile(pattern("roles", "hosting"), re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+|\s[–—-]\s|\(")
_WORD = re.compile(r"\S+")
# A tail holding one of these is a clause, not a name: "… đã tổ chức hội nghị tại X".
_VERB = re.compile(r"\s(?:đã|vừa|được|là|tổ\s+chức|tại|gồm|có|do)\s")


# "Buổi lễ diễn ra tại nhà văn hóa công nhân của Công ty X (…), đơn vị Cụm trưởng": the venue's owner
# (or the venue, "tại X, đơn vị Cụm trưởng"; a building of X, "tại trụ sở X, đơn vị Cụm trưởng",
# places.toml `buildings`) named by the role is the unit that chairs.
_VENUE_OWNER = re.compile(rf"\btại\s+(?:[^,;]{{0,40}}?\s+của\s+|{pattern('places', 'buildings')}\s+)?$", re.IGNORECASE)


# "Hội nghị nghe đồng chí đại diện Ban Dân vận Tỉnh ủy, đơn vị Khối trưởng, trình bày …": the person
# speaks for the unit the role names.
_ON_BEHALF = re.compile(r"\bđại\s+diện\s+(?:lãnh\s+đạo\s+)?$", re.IGNORECASE)
# "… tổng kết tại huyện Hữu Lũng, đơn vị Cụm trưởng": in a cluster of localities the venue's
# locality, named by the role, is the unit that chairs.
_LOCALITY_UNIT = re.compile(rf"^(?:huyện|quận|thị\s+xã|thành\s+phố|xã|phường|thị\s+trấn)\s+{UP}")


# "Năm 2018, tỉnh Lai Châu là Cụm trưởng", "Thị xã Điện Bàn là đơn vị Cụm trưởng": in a cluster of
# localities a whole clause naming one, linked to the role by a word, is the unit that chairs.
# (places.toml `kinds`)
_LOCALITY_CLAUSE = re.compile(rf"^(?i:{pattern('places', 'kinds')})\s+{UP}\S*(?:\s+{UP}\S*){{0,3}}$")


def _unit_in(clause: str, *, worded: bool, chairs: bool) -> str | None:
    """The organisation a clause ends with, nearest the role: the longest tail of the clause
    that starts like an organisation and holds no verb ("… đã tổ chức hội nghị tại LĐLĐ huyện
    A" → "LĐLĐ huyện A"). A bare apposition ("X – Khối trưởng") needs the whole clause to be
    the unit, or it is a person's role. A worded link ("là", "làm", "đơn vị") lets the unit sit
    inside the title of a person who chairs the meeting ("Ông A, Phó Chủ tịch UBND huyện B –
    đơn vị Cụm trưởng năm 2023 – chủ trì"); a person only quoted ("Theo Thượng tá A - Trưởng
    CAQ B, đơn vị Cụm trưởng, …") names no host, one speaking for it does ("đồng chí đại diện Ban
    X, đơn vị Khối trưởng, trình bày báo cáo")."""
    clause = clause.strip(" ,–—-(")
    if worded and _LOCALITY_CLAUSE.match(clause):
        return clause[0].lower() + clause[1:]  # "Tỉnh Lai Châu" opening its sentence is "tỉnh Lai Châu"
    for m in _WORD.finditer(clause):
        if worded and _LOCALITY_UNIT.match(clause[m.start():]) and re.search(r"\btại\s+$", clause[:m.start()]):
            return clause[m.start():]
        rest = clause[m.start():]
        if not (starts_with_org_head(rest) or names_a_branch(rest)) or _VERB.search(rest) or TITLE_RE.match(rest):
            continue
        before = clause[:m.start()]
        if m.start() == 0 or (worded and (chairs or _VENUE_OWNER.search(before) or _ON_BEHALF.search(before))
                              and m.group(0)[0].isupper()):
            return rest
        return None
    return None


def _last_clause(head: str) -> str:
    """The clause a role's unit ends, from the last clause break; a dash between two capitalised
    words inside an organisation's name ("Sở Lao động - Thương binh và Xã hội là Khối trưởng")
    breaks no clause: the name is taken whole when its part after the dash opens no organisation."""
    parts = re.split(f"({_CLAUSE_BREAK.pattern})", head)
    clause, i = parts[-1], len(parts) - 1
    while i >= 2 and parts[i - 1].strip() in ("-", "–", "—") and clause.strip()[:1].isupper() \
            and not starts_with_org_head(clause.strip()) and starts_with_org_head(parts[i - 2].split(";")[-1].strip()):
        clause, i = parts[i - 2] + parts[i - 1] + clause, i - 2
    return clause


# The time a clause opens with, before the unit it names ("Năm 2018 UBND tỉnh A là …", "Năm nay xã B
# là cụm trưởng", "năm 2015 do C làm …"): when, not who.
_OPENING_TIME = re.compile(r"^(?:[Nn]ăm(?:\s+học)?\s+(?:\d{4}(?:\s*[-–]\s*\d{4})?|nay)\s+)?(?:do\s+)?")


def role_hosts(text: str) -> list[tuple[str, str | None]]:
    """(unit, year of the role or None) for each unit the sentence names as this year's chair."""
    found: list[tuple[str, str | None]] = []
    for m in _ROLE.finditer(text):
        before = text[:m.start()]
        link = _LINK.search(before)
        if not link:
            continue
        head = re.sub(r"\s*\([^()]*\)\s*$", "", before[:link.start()])  # "X (Khu công nghiệp Y), đơn vị": its address
        clause = _last_clause(head)
        clause = _OPENING_TIME.sub("", clause.strip())
        if _ELECTED.search(head.split(";")[-1][-80:]):
            continue
        worded = bool(m.group("unit") or _WORDED_LINK.search(before))
        chairs = bool(_HOSTING.search(text[m.end():]))
        unit = _unit_in(clause, worded=worded, chairs=chairs)
        if unit and len(unit) <= 120:
            found.append((unit.strip(), m.group("year")))
    return found


# "Hội nghị do đơn vị Cụm trưởng chủ trì", "đơn vị Khối trưởng năm học 2023-2024 đăng cai": the host
# named by its role (and its year, rotating_role.role_year) alone, the unit left to another sentence.
_ROLE_ONLY = re.compile(r"\bdo\s+(?:đơn\s+vị|cơ\s+quan)\s+(?i:" + CHAIR_WORDS + r")" + role_year() + r"\s+"
                        + r"(?:" + "|".join(phrase(p) for p in names("roles", "hosting")) + r")", re.IGNORECASE)


def names_host_by_role(text: str) -> bool:
    """Whether the sentence says the meeting is hosted by "đơn vị Cụm trưởng" without naming it."""
    return bool(_ROLE_ONLY.search(text))


# "…, Cụm trưởng năm 2011, chủ trì hội nghị", "…, Trưởng khối năm 2024 chủ trì", "A – title,
# Trưởng khối – chủ trì": the role's holder chairs the meeting (roles.toml `hosting`) right after the
# role, a comma, the dash that closes the person's apposition or the bracket around the role between
# ("A, Chủ tịch UBND huyện B (Cụm trưởng) chủ trì").
_CHAIRING_AFTER = re.compile(r"\s*(?:\)\s*)?[,–—-]?\s*(?:" + "|".join(phrase(p) for p in names("roles", "hosting")) + r")\b", re.IGNORECASE)


def titled_role_units(text: str, *, chairing: bool = False) -> list[tuple[str, str | None]]:
    """(unit, year) of each unit a person's title gives the rotating role: "bác sĩ A, Giám đốc
    Bệnh viện B, Cụm trưởng năm 2025, cho biết …" → ("Bệnh viện B", "2025"). The role in apposition
    to the title is the unit's, which heads it; who is elected for next year is left out. With
    `chairing`, only where the person chairs the meeting right after the role ("Ông A, Giám đốc
    Viễn thông B, Khối trưởng, chủ trì hội nghị" → "Viễn thông B"): the unit that heads the
    cluster this year runs its meeting, so it hosts it."""
    found: list[tuple[str, str | None]] = []
    for m in _ROLE.finditer(text):
        before = text[:m.start()]
        bracket = bool(re.search(r"\(\s*$", before))  # "title (Cụm trưởng)": the role of the title's unit
        if m.group("unit") or not re.search(r"[,(]\s*$", before) or _ELECTED.search(before[-80:]) \
                or (bracket and not re.match(r"\s*\)", text[m.end():])):
            continue
        if chairing and not _CHAIRING_AFTER.match(text, m.end()):
            continue
        clause = _last_clause(before.rstrip(" ,(")).strip()
        title = TITLE_RE.match(clause)
        unit = clause[title.end():].strip() if title else ""
        if unit and (starts_with_org_head(unit) or names_a_province_unit(unit)) \
                and not _VERB.search(f" {unit} ") and len(unit) <= 120:
            found.append((unit, m.group("year")))
    return found
