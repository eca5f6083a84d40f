"""Cluster and bloc mentions ("Cụm thi đua số 7") and the member lists after them."""

from __future__ import annotations

import re
from typing import Any

from archive.meetings.patterns import _DATE, _LOCALITY_KIND, _VN_UPPER, UP
from archive.meetings.provinces import _province_at_start
from archive.organisations import normalise_dashes, starts_with_org_head


_COUNTED = r"(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|đơn\s+vị|cơ\s+quan|trường|doanh\s+nghiệp|ngành|sở|địa\s+phương)"
_CLUSTER = re.compile(r"(?P<kind>[Cc]ụm|[Kk]hối)\s+[Tt]hi\s+đua(?:\s+số\s+(?P<num>\d{1,3}|[IVXL]{1,6})\b|"
                      rf"\s+(?P<num2>\d{{1,3}}|[IVXL]{{1,6}})\b(?!\s+{_COUNTED}\b))?")
_CLUSTER_STOP = {"đã", "vừa", "tổ", "gồm", "bao", "có", "do", "thuộc", "năm", "lần", "tại", "với", "và",
                 "trong", "là", "đến", "họp", "sơ", "tổng", "ký", "phát", "cùng", "được", "hội", "nhằm",
                 "tiếp", "đạt", "dẫn", "luôn", "thêm", "trên", "về", "cho", "của", "diễn", "mong",
                 "nỗ", "vận", "quý", "6", "9", "giai", "triển", "chào", "thực", "để", "theo"}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN.get(b, 0) > v else v
    return total



def _province_follows(text: str) -> bool:
    """'tỉnh Thanh Hóa gồm…' → True; 'tỉnh gồm…' → False."""
    return bool(_province_at_start(re.sub(r"^(?:tỉnh|thành\s+phố|TP\.?)\s*", "", text, flags=re.IGNORECASE)))


def _continues(token: str, bare: str, content: list[str], following: str) -> bool | None:
    """Whether `token` continues a cluster's name whatever the stop words say (True), or ends it
    (False); None when the general rules decide. A plural name runs on over "và" and commas
    ("các tỉnh, thành phố Tây Nguyên", "các quận A, B và các huyện C"); a named bloc runs on
    over "và các" + a lower-case noun ("Mặt trận và các đoàn thể chính trị – xã hội") and over a
    dash between two words ("Văn hóa - Xã hội")."""
    plural = "các" in content
    previous = content[-1].strip(",").lower() if content else ""
    if plural and (bare.lower() == "và" or previous in ("các", "xã", "-", "tổ")):
        return True
    # "các Đảng bộ trực thuộc Tỉnh ủy": "thuộc" after "trực" is inside the name
    if plural and bare.lower() == "thuộc" and previous == "trực":
        return True
    if content and bare.lower() == "và" and re.match(r"các\s+[a-zđà-ỹ]", following):
        return True
    if content and token in ("-", "–", "—") and re.match(r"[A-ZĐa-zđà-ỹÀ-Ỹ]", following) \
            and following.split()[0].lower() not in _CLUSTER_STOP:
        return True
    if bare.lower() == "hội" and previous == "xã":
        return True
    return None


def _qualifier(rest: str, *, numbered: bool) -> str:
    """The words after "Cụm/Khối thi đua (số N)" that belong to the cluster's name, up to a stop
    word, punctuation, a date or its province ("tỉnh Thanh Hóa", "Tỉnh ủy Bắc Giang"). After a number, the parent body ends the name ("Cụm thi đua số 5 Hội
    LHPN tỉnh …" is "Cụm thi đua số 5") unless a dash joins it ("Cụm thi đua số 8 - CATP Hà
    Nội"); with no number the body is the name ("Cụm thi đua Hội LHPN các tỉnh Nam Trung Bộ")."""
    words: list[str] = []
    tokens = re.split(r"(\s+)", rest)[:60]
    for i, token in enumerate(tokens):
        if not token.strip():
            if words:
                words.append(token)
            continue
        bare = token.strip(",.;:()“”\"")
        content = [w for w in words if w.strip()]
        following = "".join(tokens[i + 1:i + 6]).lstrip()
        if numbered and not content and starts_with_org_head(rest[rest.find(token):]):
            break
        verdict = _continues(token, bare, content, following)
        if verdict:
            words.append(token)
            continue
        stop = bare.lower() in _CLUSTER_STOP and (bare[:1].islower() or following.lower().startswith("nghị"))
        if (token[0] in ",.;:()“”\"" or stop or not bare
                or len(content) >= 14 or _DATE.match(rest[rest.find(token):])):
            break
        if "các" in content and token.endswith(",") and bare:
            words.append(token)
            continue
        dashed = bool(words) and words[0] in ("-", "–", "—")  # "- CATP Hà Nội": a parent body
        previous = content[-1].strip(",").lower() if content else ""
        if (not dashed and bare.lower() in ("tỉnh", "thành", "tp", "tp.") or previous in ("ủy", "uỷ")) \
                and _province_follows(rest[rest.find(token):]):
            break  # the province ("tỉnh Thanh Hóa", "trực thuộc Tỉnh ủy Bắc Giang") has its own column
        words.append(bare if token != bare else token)
        if token != bare:
            break
    qualifier = "".join(words).rstrip(" -–,").strip()
    return re.sub(r"^[-–—]\s*", "- ", qualifier) if len(qualifier) > 1 else qualifier.strip("-–—")


def parse_cluster(text: str, *, numbered_only: bool = False) -> dict[str, Any] | None:
    """'Cụm thi đua số 7 tỉnh Thanh Hóa gồm…' → kind 'cụm', name 'Cụm thi đua số 7', number 7.

    The name keeps a qualifier written after the number ('Cụm thi đua số 8 - CATP Hà Nội',
    'Khối thi đua các cơ quan Đảng', 'Khối thi đua Văn hóa - Xã hội', 'Cụm thi đua các tỉnh,
    thành phố Tây Nguyên') and drops the province ('tỉnh Thanh Hóa', 'Tỉnh ủy Bắc Giang' →
    'Tỉnh ủy'), so that one cluster is one facet value however the text names its province;
    the province has its own column.
    """
    for m in _CLUSTER.finditer(text):
        num = m.group("num") or m.group("num2")
        qualifier = _qualifier(text[m.end():], numbered=bool(num))
        if not num and not qualifier and m.group("kind")[0].islower():
            continue
        if numbered_only and not num:
            continue
        if num and not num.isdigit() and qualifier == "" and m.group("kind")[0].islower():
            continue
        head = text[m.start():m.end()]
        head = head[0].upper() + head[1:]
        name = normalise_dashes(f"{head} {qualifier}".strip())
        number = int(num) if num and num.isdigit() else (_roman(num) if num else None)
        return {"cluster_kind": m.group("kind").lower(), "cluster_name": name, "cluster_number": number}
    return None


# A dot with no space after it ("Công an TP.HCM gồm …", "Q.1") is inside an abbreviation, not
# the end of the sentence, so it may stand between the cluster and its "gồm".
_MEMBERS_START = re.compile(
    r"(?:[Cc]ụm|[Kk]hối|đơn\s+vị|thành\s+viên|địa\s+phương)(?:[^.;:]|\.(?=\S)){0,80}?\b(?:bao\s+)?gồm\s*:?\s*")
_MEMBERS_END = re.compile(
    r"\s+(?:đã|vừa|đang|cùng\s+nhau|tổ\s+chức|tham\s+gia|họp|thống\s+nhất|được)\b|\.(?:\s|$)|$")
_COUNT_WORD = r"(?:\d+|các|những|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
# "gồm 6 đơn vị:", "gồm LĐLĐ 6 tỉnh:", "gồm các huyện:" — a count or kind before the colon; the
# body before the count may be written in full ("gồm Liên đoàn Lao động 6 tỉnh:", up to seven
# words, as long as "Hội Liên hiệp Phụ nữ" or "Ủy ban Mặt trận Tổ quốc") as well as short.
_COUNT_INTRO = re.compile(rf"^(?:[^\s,;:]+\s+){{0,7}}?{_COUNT_WORD}\s+[^,;:]{{1,40}}?:\s*")
# "gồm 3 huyện An Lão, …" (the kind is shared by the names after it) vs "gồm 9 trường đại học,
# cao đẳng đóng trên địa bàn" (a head count, no names).
_COUNT_NOUN = re.compile(rf"^{_COUNT_WORD}\s+((?:[a-zđà-ỹ]+\s+){{1,4}}?)(?=[{_VN_UPPER}])")
_NUMBERING = re.compile(r"^(?:\(\s*\d+\s*\)|\d+\s*[.)]|[a-zđ]\))\s*")
# "Hội LHPN các huyện Long Thành, Nhơn Trạch và thành phố Long Khánh": one kind of body in
# several localities — the prefix and the locality kind are shared by every name after it. The
# prefix is the body's name, short or in full ("Hội Liên hiệp Phụ nữ", "Ủy ban Mặt trận Tổ
# quốc": up to seven words). Districts and wards of the big cities are numbered ("CA các quận
# 1, 3, 5 và 10"), so a quận or phường may be followed by a number instead of a name.
_SHARED_PREFIX = re.compile(rf"^(?P<pre>(?:[^\s,;:]+\s+){{1,7}}?)các\s+(?P<kind>{_LOCALITY_KIND})\s*:?\s*"
                            rf"(?={UP}|(?<=quận\s)\d{{1,2}}\b|(?<=phường\s)\d{{1,2}}\b)")
# "gồm 7 trường THPT thuộc các huyện …", "gồm 9 trường đóng trên địa bàn": a head count qualified
# by where its members are, not a list of names.
_COUNT_QUALIFIER = re.compile(r"\b(?:thuộc|trên\s+địa\s+bàn|đóng\s+trên|của|ở|tại|trong)\b")


def parse_members(text: str) -> list[str] | None:
    """Organisations listed after 'gồm'/'gồm:' near a cluster, as written.

    Semicolons always separate members; within a semicolon part, commas do too, except that a
    comma part starting no organisation name belongs to the name before it ('Sở Văn hóa, Thể
    thao và Du lịch'); 'và' splits only when an organisation name starts after it. Item
    numbers ('(1)', '2.', 'a)') are dropped. A head count with no names ('gồm 9 trường đại
    học, cao đẳng trên địa bàn') is not a list.
    """
    m = _MEMBERS_START.search(text)
    if not m:
        return None
    rest = text[m.end():]
    shared = _SHARED_PREFIX.match(rest)
    if shared and (re.match(rf"{_COUNT_WORD}\s", rest) or _COUNT_QUALIFIER.search(shared.group("pre"))):
        shared = None  # "7 trường THPT thuộc các huyện …" is a head count, handled below
    if shared:
        stop = _MEMBERS_END.search(rest, shared.end())
        pre, kind = shared.group("pre").strip(), shared.group("kind")
        shared_items: list[str] = []
        for name in re.split(r"\s*[,;]\s*|\s+và\s+", rest[shared.end():stop.start() if stop else None]):
            name = name.strip(" .:;–-")
            if not name:
                continue
            group = re.match(rf"các\s+(?P<kind>{_LOCALITY_KIND})\s+(?P<name>.+)", name)
            if group:
                # "công an các quận A, B và các huyện C, D": a new plural kind is shared by the
                # names after it, as the first one was
                kind = group.group("kind")
                shared_items.append(f"{pre} {kind} {group.group('name')}")
            elif re.match(_LOCALITY_KIND + r"\s", name):
                shared_items.append(f"{pre} {name}")  # "… và thành phố D" → "Hội LHPN thành phố D"
            elif starts_with_org_head(name):
                shared_items.append(name)  # another body, named in full
            else:
                shared_items.append(f"{pre} {kind} {name}")
        return shared_items if len(shared_items) >= 2 else None
    intro = _COUNT_INTRO.match(rest)
    if intro:
        rest = rest[intro.end():]
    elif re.match(rf"{_COUNT_WORD}\s", rest):
        noun = _COUNT_NOUN.match(rest)
        if not noun or _COUNT_QUALIFIER.search(re.split(r"[,;.]", rest, maxsplit=1)[0]):
            return None
        rest = rest[noun.end():]
    end = _MEMBERS_END.search(rest)
    chunk = rest[:end.start()] if end else rest
    groups = [g for g in re.split(r"\s*;\s*", chunk.strip()) if g]
    parts_by_group = [[p for p in re.split(r"\s*,\s*", g) if p] for g in groups]
    flat = [p for group in parts_by_group for p in group]
    any_headed = any(starts_with_org_head(_NUMBERING.sub("", p)) for p in flat)
    parts: list[str] = []
    for group in parts_by_group:
        merged: list[str] = []
        for part in group:
            part = _NUMBERING.sub("", part)
            if merged and any_headed and not starts_with_org_head(part):
                # "Sở Văn hóa, Thể thao và Du lịch": a comma part that starts no organisation
                merged[-1] = f"{merged[-1]}, {part}"
            else:
                merged.append(part)
        parts.extend(merged)
    items: list[str] = []
    for part in parts:
        pieces = re.split(r"\s+(?:và|cùng)\s+", part)
        current = pieces[0]
        for piece in pieces[1:]:
            piece = _NUMBERING.sub("", piece)
            # bare place names ("Nam Giang, Tây Giang và Phước Sơn") split at every "và"
            if starts_with_org_head(piece) or not any_headed:
                items.append(current)
                current = piece
            else:
                current = f"{current} và {piece}"
        items.append(current)
    items = [i.strip(" .:;–-") for i in items]
    items = [i for i in items if i and len(i) > 2]
    return items if len(items) >= 2 else None
