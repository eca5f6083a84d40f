"""Cluster and bloc mentions ("Cụm thi đua số 7") and the member lists after them."""

from __future__ import annotations

import re
from typing import Any

from archive.lexicons import load, names, pattern, phrase
from archive.meetings.patterns import _DATE, PROVINCE_KIND
from archive.meetings.provinces import _province_at_start
from archive.organisations import normalise_dashes, starts_with_org_head

_COUNTED = r"(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|đơn\s+vị|cơ\s+quan|trường|doanh\s+nghiệp|ngành|sở|địa\s+phương)"
_CLUSTER = re.compile(r"(?P<kind>[Cc]ụm|[Kk]hối)\s+[Tt]hi\s+đua(?:\s+số\s+(?P<num>\d{1,3}|[IVXL]{1,6})\b|"
                      rf"\s+(?P<num2>\d{{1,3}}|[IVXL]{{1,6}})\b(?!\s+{_COUNTED}\b))?")
_CLUSTER_STOP = {"đã", "vừa", "tổ", "gồm", "bao", "có", "do", "thuộc", "năm", "lần", "tại", "với", "và",
                 "trong", "là", "đến", "họp", "sơ", "tổng", "ký", "phát", "cùng", "được", "hội", "nhằm",
                 "tiếp", "đạt", "dẫn", "luôn", "thêm", "trên", "về", "cho", "của", "diễn", "mong",
                 "nỗ", "vận", "quý", "6", "9", "giai", "triển", "chào", "thực", "để", "theo", "cũng"}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_NAME_WORDS = re.compile(pattern("meetings", "words.name_words"), re.IGNORECASE)
_CHAIR_VERB = re.compile(pattern("meetings", "words.chair_verbs"), re.IGNORECASE)
# A meeting kind's trigger (meetings.toml `kind.triggers`: "tọa đàm", "tuyên dương" …) is the verb
# after the name: "Cụm thi đua số 3 Hội LHPN các quận tọa đàm …" is "… Hội LHPN các quận".
_KIND_TRIGGER = re.compile("(?:" + "|".join(phrase(t) for k in load("meetings")["kind"] for t in k["triggers"])
                           + r")(?!\w)")


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN.get(b, 0) > v else v
    return total



def _province_follows(text: str) -> bool:
    """'tỉnh Thanh Hóa gồm…' → True; 'tỉnh gồm…' → False."""
    return bool(_province_at_start(re.sub(rf"^{PROVINCE_KIND}\s*", "", text, flags=re.IGNORECASE)))


# (words before "hội", words after it) of each phrase where "hội" names associations (meetings.toml
# `society_nouns`): "liên hiệp hội" → (["liên", "hiệp"], []), "hội đặc thù" → ([], ["đặc", "thù"]).
_SOCIETY = tuple((p.split()[:p.split().index("hội")], p.split()[p.split().index("hội") + 1:])
                 for p in names("meetings", "words.society_nouns"))


def _society(bare: str, content: list[str], following: str) -> bool:
    """Whether "hội" here names associations inside the cluster's name ("Liên hiệp hội các
    tỉnh …", "…, hội đặc thù tỉnh"), not the meeting ("hội nghị") that ends it: the words around
    it make one of the lexicon's phrases."""
    if bare.lower() != "hội":
        return False
    before = [w.strip(",").lower() for w in content]
    after = following.lower().replace(",", " ").split()
    return any((not b or before[-len(b):] == b) and after[:len(a)] == a for b, a in _SOCIETY)


def _continues(token: str, bare: str, content: list[str], following: str) -> bool | None:
    """Whether `token` continues a cluster's name whatever the stop words say (True), or ends it
    (False); None when the general rules decide. A plural name runs on over "và" and commas
    ("các tỉnh, thành phố Tây Nguyên", "các quận A, B và các huyện C"); a named bloc runs on
    over "và các" + a lower-case noun ("Mặt trận và các đoàn thể chính trị – xã hội") and over a
    dash between two words ("Văn hóa - Xã hội")."""
    plural = "các" in content
    previous = content[-1].strip(",").lower() if content else ""
    if content and _KIND_TRIGGER.match(f"{token} {following}"):
        return False  # the meeting's verb ("… các huyện tọa đàm về …")
    if plural and (bare.lower() == "và" or previous in ("các", "-", "tổ")):
        return True
    # "… chính trị - xã hội", "các xã vùng cao", but "các huyện, thị xã tổ chức …": a verb ends it
    if plural and previous == "xã" and (bare.lower() == "hội" or bare.lower() not in _CLUSTER_STOP):
        return True
    # "các Đảng bộ trực thuộc Tỉnh ủy": "thuộc" after "trực" is inside the name
    if plural and bare.lower() == "thuộc" and previous == "trực":
        return True
    if content and bare.lower() == "và" and re.match(r"các\s+[a-zđà-ỹ]", following):
        return True
    if token in ("-", "–", "—") and _CHAIR_VERB.match(following):
        return False  # "Cụm thi đua số IV – chủ trì": the end of a dashed apposition, then the verb
    if content and token in ("-", "–", "—") and re.match(r"[A-ZĐa-zđà-ỹÀ-Ỹ]", following) \
            and following.split()[0].lower() not in _CLUSTER_STOP:
        return True
    if bare.lower() == "hội" and previous == "xã":
        return True
    # "Khối thi đua các tổ chức hội tỉnh tổ chức hội nghị": after the noun "các tổ chức", "hội"
    # is the kind of those organisations (societies), not a meeting noun
    lowered = [w.strip(",").lower() for w in content[-3:]]
    if bare.lower() == "hội" and lowered == ["các", "tổ", "chức"] and not following.lower().startswith("nghị"):
        return True
    if content and _society(bare, content, following):
        return True
    if content and _NAME_WORDS.match(f"{bare} {following}"):
        return True  # "các sở, ban, ngành tổng hợp": no "tổng kết"
    if content and content[-1].endswith(",") and _CHAIR_VERB.match(f"{bare} {following}"):
        return False  # "…, chủ trì hội nghị": the chair's verb, after the name
    return None


def _members_kind(text: str) -> bool:
    """Whether an organisation named after a cluster's number is the kind of its members, not
    its parent body: "Hội LHPN các huyện phía Tây", "Công đoàn các trường THPT" (the head, then
    "các" and a plural of units) name who the cluster is made of and belong to its name; "Hội
    LHPN tỉnh" is the body the cluster belongs to."""
    m = re.match(r"(?P<head>[^,.;:()\d]{2,40}?)\s+các\s+\w", text)
    return bool(m) and len(m.group("head").split()) <= 6 \
        and not any(w in _CLUSTER_STOP for w in m.group("head").split() if w[:1].islower())


def _qualifier(rest: str, *, numbered: bool) -> str:
    """The words after "Cụm/Khối thi đua (số N)" that belong to the cluster's name, up to a stop
    word, punctuation, a date or its province ("tỉnh Thanh Hóa", "Tỉnh ủy Bắc Giang"). After a number, the parent body ends the name ("Cụm thi đua số 5 Hội
    LHPN tỉnh …" is "Cụm thi đua số 5"), not the members' kind ("Cụm thi đua số 2 Hội LHPN các
    huyện phía Tây"), nor a body a dash joins ("Cụm thi đua số 8 - CATP Hà
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
        if numbered and not content and starts_with_org_head(rest[rest.find(token):]) \
                and not _members_kind(rest[rest.find(token):]):
            break
        verdict = _continues(token, bare, content, following)
        if verdict:
            words.append(token)
            continue
        if verdict is False:
            break
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
    if qualifier.endswith(".") and not re.search(r"\b[A-ZĐ]{1,4}\.$", qualifier):
        qualifier = qualifier[:-1]  # the sentence's full stop after a continued word ("… văn hóa, xã hội."), not "TP."
    return re.sub(r"^[-–—]\s*", "- ", qualifier) if len(qualifier) > 1 else qualifier.strip("-–—")


_PLURAL_BEFORE = re.compile(r"\b(?:các|những)\s+$", re.IGNORECASE)


def parse_cluster(text: str, *, numbered_only: bool = False) -> dict[str, Any] | None:
    """'Cụm thi đua số 7 tỉnh Thanh Hóa gồm…' → kind 'cụm', name 'Cụm thi đua số 7', number 7.

    The name keeps a qualifier written after the number ('Cụm thi đua số 8 - CATP Hà Nội',
    'Khối thi đua các cơ quan Đảng', 'Khối thi đua Văn hóa - Xã hội', 'Cụm thi đua các tỉnh,
    thành phố Tây Nguyên') and drops the province ('tỉnh Thanh Hóa', 'Tỉnh ủy Bắc Giang' →
    'Tỉnh ủy'), so that one cluster is one facet value however the text names its province;
    the province has its own column.
    """
    for m in _CLUSTER.finditer(text):
        if _PLURAL_BEFORE.search(text, 0, m.start()):
            continue  # "các cụm thi đua xã, thị trấn": several clusters, no one's name
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


_PARENT_LINK = re.compile(rf"^(?:{pattern('meetings', 'words.parent_links')}\s+)?", re.IGNORECASE)


def headline_form(written: dict[str, Any], headline: dict[str, Any] | None) -> dict[str, Any]:
    """The headline's name for the cluster a sentence names, when the two differ only by the
    body the cluster belongs to: "Khối thi đua các công đoàn ngành giáo dục" (headline) and "…
    giáo dục trực thuộc Công đoàn Viên chức tỉnh" (lead), "Khối thi đua các ban chuyên môn Hội
    LHPN tỉnh" and "… chuyên môn" (cut at "thuộc Hội LHPN tỉnh") are one cluster, which the
    headline, naming the report's subject, writes as it is called. A numbered cluster is known
    by its number, and a bare "tỉnh" is no body (it is the level, and labels differ on it)."""
    if not headline or written.get("cluster_number") is not None or headline.get("cluster_number") is not None \
            or headline["cluster_kind"] != written["cluster_kind"]:
        return written
    short, long = sorted((written["cluster_name"], headline["cluster_name"]), key=len)
    if not long.startswith(short + " "):
        return written
    body = _PARENT_LINK.sub("", long[len(short):].strip(), count=1)
    return headline if len(body.split()) >= 2 and starts_with_org_head(body) else written
