"""Gazetteer of Vietnamese organisation kinds, their short forms, and the titles people hold.

Emulation news writes the same body three ways in one article ("Liên đoàn Lao động tỉnh",
"LĐLĐ tỉnh", "Liên đoàn Lao động Thanh Hoá"). Meetings extraction needs the kinds to know
where an organisation name starts (so a member list "A, B và C" splits at organisations, not
at every "và"), and the archive needs one canonical spelling so facets and joins do not split
one organisation in two. Titles and ranks tell a person's name from the role around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.normalize import normalize_tone_marks


@dataclass(frozen=True)
class OrgKind:
    """One kind of organisation: canonical head words, the kind code, short forms."""

    kind: str
    canonical: str
    short_forms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


# Order matters for canonicalisation: longer heads first (done by sorting below).
ORG_KINDS: tuple[OrgKind, ...] = (
    OrgKind("ldld", "Liên đoàn Lao động", ("LĐLĐ", "LDLD")),
    OrgKind("tldld", "Tổng Liên đoàn Lao động Việt Nam", ("Tổng LĐLĐVN", "Tổng LĐLĐ Việt Nam", "TLĐLĐVN", "TLĐ")),
    OrgKind("cong-doan", "Công đoàn", ("CĐ",), ("Công Đoàn",)),
    OrgKind("cong-doan", "Công đoàn cơ sở", ("CĐCS",)),
    OrgKind("mttq", "Ủy ban Mặt trận Tổ quốc", ("UBMTTQ", "Ủy ban MTTQ", "UB MTTQ")),
    OrgKind("mttq", "Mặt trận Tổ quốc", ("MTTQ",)),
    OrgKind("hlhpn", "Hội Liên hiệp Phụ nữ", ("HLHPN", "Hội LHPN"), ("Hội Phụ nữ",)),
    OrgKind("hnd", "Hội Nông dân", ("HND", "Hội ND")),
    OrgKind("hccb", "Hội Cựu chiến binh", ("HCCB", "Hội CCB")),
    OrgKind("tinh-doan", "Tỉnh đoàn", (), ("Tỉnh Đoàn",)),
    OrgKind("tinh-doan", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", ("Đoàn TNCS Hồ Chí Minh", "Đoàn TNCS HCM")),
    OrgKind("ubnd", "Ủy ban nhân dân", ("UBND",)),
    OrgKind("hdnd", "Hội đồng nhân dân", ("HĐND",)),
    OrgKind("btdkt", "Ban Thi đua - Khen thưởng", ("Ban TĐKT", "Ban TĐ-KT", "BTĐKT")),
    OrgKind("btdkt", "Hội đồng Thi đua - Khen thưởng", ("HĐTĐKT", "HĐTĐ-KT")),
    OrgKind("so", "Sở Văn hóa, Thể thao và Du lịch", ("Sở VH-TT-DL", "Sở VHTTDL", "Sở VH-TT&DL", "Sở VHTT&DL")),
    OrgKind("so", "Sở Giáo dục và Đào tạo", ("Sở GD-ĐT", "Sở GDĐT", "Sở GD&ĐT")),
    OrgKind("so", "Sở Lao động - Thương binh và Xã hội", ("Sở LĐ-TB&XH", "Sở LĐTBXH", "Sở LĐ-TBXH")),
    OrgKind("so", "Sở Nội vụ", ()),
    OrgKind("cong-an", "Công an thành phố", ("CATP",)),
    OrgKind("cong-an", "Công an tỉnh", ("CAT",)),
    OrgKind("cong-an", "Công an huyện", ("CAH",)),
    OrgKind("cong-an", "Công an quận", ("CAQ",)),
    OrgKind("cong-an", "Công an phường", ("CAP",)),
    OrgKind("cong-an", "Công an nhân dân", ("CAND",)),
    OrgKind("quan-doi", "Bộ Chỉ huy Quân sự", ("Bộ CHQS",)),
    OrgKind("quan-doi", "Bộ đội Biên phòng", ("BĐBP",)),
    OrgKind("dang", "Đảng ủy", (), ("Đảng uỷ",)),
    OrgKind("dang", "Ban Tuyên giáo", ()),
    OrgKind("dang", "Ban Chấp hành", ("BCH",)),
    OrgKind("other", "Khu công nghiệp", ("KCN",)),
    OrgKind("other", "Hợp tác xã", ("HTX",)),
    OrgKind("other", "Công ty", ("Cty", "C.ty")),
    OrgKind("other", "Tổng công ty", ("TCT",)),
    OrgKind("other", "Doanh nghiệp", ("DN",)),
    OrgKind("other", "Công nhân viên chức lao động", ("CNVCLĐ", "CNVC-LĐ")),
    OrgKind("other", "Công nhân lao động", ("CNLĐ",)),
    OrgKind("other", "Thông tin và Truyền thông", ("TT&TT", "TTTT")),
)

# Words that begin an organisation name. A member list is split at "và" only when what follows
# starts with one of these (so "Sở Giáo dục và Đào tạo" stays one organisation).
ORG_HEADS: tuple[str, ...] = (
    "Ủy ban", "Uỷ ban", "UBND", "UBMTTQ", "MTTQ", "Mặt trận", "Hội", "Liên đoàn", "LĐLĐ", "Công đoàn",
    "CĐ", "Tỉnh đoàn", "Thành đoàn", "Huyện đoàn", "Đoàn", "Sở", "Ban", "Cục", "Chi cục", "Tổng cục",
    "Bộ", "Viện", "Trường", "Bệnh viện", "Công an", "CA", "Bộ Chỉ huy", "Bộ đội", "Công ty", "Cty",
    "Tổng công ty", "Tổng Công ty", "Ngân hàng", "Kho bạc", "Văn phòng", "Thanh tra", "Tòa án",
    "Viện kiểm sát", "Khối", "Cụm", "Đảng ủy", "Đảng uỷ", "Huyện ủy", "Thị ủy", "Thành ủy", "Tỉnh ủy",
    "huyện", "thị xã", "thành phố", "quận", "xã", "phường", "thị trấn", "Huyện", "Thị xã", "Thành phố",
    "Quận", "Xã", "Phường", "TP", "Báo", "Đài", "Trung tâm", "Hợp tác xã", "HTX", "Chi nhánh",
    "Nhà máy", "Xí nghiệp", "Thuế", "Quỹ", "Kho bạc Nhà nước", "Cảng", "Điện lực", "Bảo hiểm", "Hải quan", "Quân khu", "Sư đoàn",
    "Lữ đoàn", "Trung đoàn", "Binh đoàn", "Bộ Tư lệnh", "Học viện", "Đại học", "Phòng", "Hạt",
    # border-guard and police posts ("Đồn Biên phòng Cửa khẩu quốc tế Lao Bảo"); "Đồn trưởng" is a title
    "Đồn Biên phòng", "Đồn Công an", "Hải đội", "Tiểu đoàn",
)

# Roles a person holds. Longest first when matching; "Phó" combines with most of them.
TITLES: tuple[str, ...] = (
    "Chủ tịch", "Phó Chủ tịch", "Chủ nhiệm", "Phó Chủ nhiệm", "Bí thư", "Phó Bí thư", "Trưởng ban",
    "Trưởng Ban", "Phó Trưởng ban", "Phó Trưởng Ban", "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc",
    "Phó Tổng Giám đốc", "Cục trưởng", "Phó Cục trưởng", "Tổng cục trưởng", "Phó Tổng cục trưởng",
    "Bộ trưởng", "Thứ trưởng", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chánh án", "Viện trưởng",
    "Trưởng phòng", "Phó Trưởng phòng", "Trưởng khối", "Phó Trưởng khối", "Cụm trưởng",
    "Cụm phó", "Trưởng cụm", "Trưởng Cụm", "Ủy viên", "Uỷ viên", "Tổng Biên tập", "Phó Tổng Biên tập",
    "Hiệu trưởng", "Chính ủy", "Chính uỷ", "Tư lệnh", "Phó Tư lệnh", "Chỉ huy trưởng", "Trưởng",
    "Đại biểu Quốc hội", "Thường trực", "Thủ trưởng", "Tổng Thư ký", "Thư ký", "Chủ tịch nước",
    "Phó Chủ tịch nước", "Thủ tướng", "Phó Thủ tướng", "Đại diện", "Lãnh đạo",
    "Thống đốc", "Phó Thống đốc", "Chánh Thanh tra", "Phó Chánh Thanh tra", "Trưởng khoa",
    # posts of the border guard and police ("Thiếu tá A, Đồn trưởng Đồn Biên phòng B")
    "Đồn trưởng", "Chính trị viên", "Đội trưởng", "Trạm trưởng",
)

# Family names. A role written before a name ("Phó Chủ tịch UBND tỉnh Hà Nam Bùi Quang Chiến")
# runs into the name with nothing between them; the name is where a family name starts a run of
# two to four capitalised syllables. Common Kinh family names plus frequent ones of the Khmer,
# Tày/Nùng, Hmông and Central Highlands communities (Thạch, Lò, Vàng, Điểu, Rơ Chăm, Ksor …).
SURNAMES: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Đoàn", "Lương", "Hà", "Mai", "Tô", "Trịnh", "Đào",
    "Cao", "Chu", "Tạ", "Lưu", "Quách", "Triệu", "Kiều", "Hứa", "Thái", "Từ", "Khúc", "Nông", "Giáp",
    "Châu", "La", "Đàm", "Mạc", "Tăng", "Tôn", "Lục", "Văn", "Đồng", "Lã", "Kim", "Thạch", "Sơn",
    "Danh", "Lò", "Vàng", "Sùng", "Giàng", "Mùa", "Hầu", "Lầu", "Điểu", "Rơ", "Ksor", "Siu", "Nay",
    "Y", "Quan", "Bế", "Ma", "Phùng", "Vương", "Doãn", "Âu", "Ninh", "Thân",
    "Tống", "Cù", "Diệp", "Lạc", "Mẫn", "Nghiêm", "Ông", "Phí", "Tiêu", "Vi", "Yên", "Bạch", "Cấn",
    "Chế", "Công", "Đới", "Hàn", "Khổng", "Liêu", "Ôn", "Quản", "Thiều", "Trình", "Viên",
    # Hmông, Dao, Thái, Hà Nhì, Mường (Thào Mí Sính, Tẩn Láo Lở, Cầm Văn Hương, Lỳ Pó Xá, Xa Văn …)
    "Thào", "Ly", "Lù", "Mua", "Hờ", "Tráng", "Chảo", "Tẩn", "Hạng", "Cứ", "Sìn", "Bàn", "Phàn", "Cầm",
    "Lường", "Tòng", "Quàng", "Lỳ", "Pờ", "Xa", "Lự",
    # Jrai, Bahnar, K'Ho, Cơ Tu, Khmer family names, and the particles that open Ê Đê, Bahnar and
    # Xơ Đăng names (Y Bih Ayun, A Thuận: the family name comes last there, so the particle is
    # where the name starts); K'/H' names (K'Nhưm, H'Lim Niê) are recognised by their apostrophe
    "Kpă", "Rah", "Puih", "Cil", "Liêng", "Kră", "Bon", "Ka", "A", "Chau", "Néang", "Alăng", "Bhriu", "Zơ",
)

# Military / police ranks and honorifics written before a name ("Đại tá Đinh Văn Toản").
RANKS: tuple[str, ...] = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
    "Thiếu tá", "Đại úy", "Đại uý", "Thượng úy", "Thượng uý", "Trung úy", "Trung uý", "Thiếu úy",
    "Thiếu uý", "Giáo sư", "Phó Giáo sư", "GS.TS", "PGS.TS", "PGS", "GS", "TS", "ThS", "Bác sĩ",
    "BS", "Nhà giáo", "NGƯT", "NGND", "Anh hùng",
)

HONORIFICS: tuple[str, ...] = ("đồng chí", "Đồng chí", "đ/c", "Đ/c", "ông", "Ông", "bà", "Bà", "anh", "chị")


def _phrase_re(phrases: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


TITLE_RE = re.compile(rf"(?:Phó\s+)?(?:{_phrase_re(TITLES)})", re.IGNORECASE)
RANK_RE = re.compile(rf"(?:{_phrase_re(RANKS)})")


def _short_form_table() -> list[tuple[re.Pattern[str], str]]:
    table = []
    for org in ORG_KINDS:
        for short in org.short_forms:
            # Short forms are whole tokens: "CĐ" must not fire inside "CĐCS" or "ĐHCĐ".
            table.append((re.compile(rf"(?<![\w&.-]){re.escape(short)}(?![\w&-])"), org.canonical))
    table.sort(key=lambda pair: len(pair[0].pattern), reverse=True)
    return table


_SHORT_FORMS = _short_form_table()
# Capitalisation is only imposed on multi-word kind names, where it is unambiguous.
_CANONICAL_CASE = sorted({o.canonical for o in ORG_KINDS if len(o.canonical.split()) >= 3},
                         key=len, reverse=True)
_DASHES = re.compile(r"\s*[–—−‑]\s*|\s+-\s*|\s*-\s+")
_SPACES = re.compile(r"\s+")


def normalise_dashes(text: str) -> str:
    """'Thi đua – Khen thưởng', 'Thi đua -Khen thưởng' → 'Thi đua - Khen thưởng'.

    Only dashes standing between words with a space on at least one side are rewritten, so
    compounds like 'VH-TT-DL' and 'CNVC-LĐ' keep their hyphens.
    """
    return _SPACES.sub(" ", _DASHES.sub(" - ", text)).strip()


def expand_abbreviations(text: str) -> str:
    """'LĐLĐ quận 8' → 'Liên đoàn Lao động quận 8', 'CAH Phú Xuyên' → 'Công an huyện Phú Xuyên'.

    Used to compare names written with and without short forms; the archive keeps names as
    written and adds the expanded form as the canonical one.
    """
    out = normalize_tone_marks(text)
    for pattern, canonical in _SHORT_FORMS:
        out = pattern.sub(canonical, out)
    return out


def canonical_org(name: str) -> str:
    """One spelling per organisation: short forms expanded, tone marks and dashes normalised,
    known kinds in their usual capitalisation ('Hội Liên hiệp phụ nữ' → 'Hội Liên hiệp Phụ nữ').
    """
    out = normalise_dashes(expand_abbreviations(name.strip(" ,;.:")))
    for phrase in _CANONICAL_CASE:
        out = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", phrase, out, flags=re.IGNORECASE)
    return out[:1].upper() + out[1:]


def org_kind(name: str) -> str | None:
    """Kind code ('ldld', 'mttq', …) of an organisation name, or None when unknown."""
    expanded = expand_abbreviations(name).lower()
    best: tuple[int, str] | None = None
    for org in ORG_KINDS:
        for head in (org.canonical, *org.aliases):
            pos = expanded.find(head.lower())
            if pos >= 0 and (best is None or pos < best[0] or (pos == best[0] and org.kind != "other")):
                best = (pos, org.kind)
    return best[1] if best else None


def _short_heads() -> tuple[str, ...]:
    """Short forms that stand for an organisation ('CAQ' = 'Công an quận', 'CĐCS', 'HĐND').

    A short form counts as a head when its expansion starts like an organisation name, so
    'CAQ Đống Đa' or 'CAH Thanh Trì' is an organisation as much as 'Công an quận Đống Đa' —
    police clusters write their members and hosts that way — while 'CNLĐ' (workers) or
    'TT&TT' (a field) are not.
    """
    heads = []
    for org in ORG_KINDS:
        if any(org.canonical.startswith(h) for h in ORG_HEADS):
            heads.extend(s for s in org.short_forms if s not in ORG_HEADS)
    return tuple(sorted(set(heads), key=len, reverse=True))


_ALL_HEADS = ORG_HEADS + _short_heads()
# Words that open like an organisation but are none: a hall, society, a conference, a member.
_NOT_ORG = re.compile(r"(?:Hội\s+trường|[Xx]ã\s+hội|Hội\s+nghị|Đoàn\s+viên|Ban\s+tổ\s+chức\s+(?:hội|lễ))\b")


def starts_with_org_head(text: str) -> bool:
    """Whether `text` begins like an organisation name ('Hội Nông dân', 'huyện Hà Trung',
    'CAQ Đống Đa')."""
    text = text.lstrip()
    if _NOT_ORG.match(text):
        return False
    for head in _ALL_HEADS:
        if text.startswith(head) and (len(text) == len(head) or not text[len(head)].isalnum()):
            return True
    return False
