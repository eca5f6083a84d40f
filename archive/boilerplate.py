"""What is not the article: navigation blocks, widgets, bylines, outlet prefixes, glue.

Vietnamese provincial portals and newspapers wrap an article in the same few kinds of
furniture — a "Liên kết website" sidebar, "Tin liên quan"/"Các tin khác" lists, share/print
buttons, "lượt xem" counters, image `alt` leftovers, a trailing byline ("Mai Ngọc Tuấn, CSPL",
"Tin, ảnh: MINH AN") and an outlet tag glued to the first sentence ("(SGGP) –", "LSO-").
These rules are template-free, so they hold on sites nobody has written a platform block for.
"""

from __future__ import annotations

import re

from archive.lexicons import names as lexicon_names
from archive.lexicons import pattern
from archive.normalize import fold
from archive.organisations import starts_with_org_head

# Headings that open a non-article block; everything after them in a container is furniture.
SECTION_END_HEADINGS = {
    "tin lien quan", "cac tin khac", "tin khac", "bai viet lien quan", "bai lien quan",
    "tin cung chuyen muc", "cung chuyen muc", "bai viet cung chuyen muc", "tin bai khac",
    "cac bai viet khac", "bai viet khac", "tin moi", "tin moi nhat", "tin moi hon", "tin cu hon",
    "tin da dua", "cac tin da dua", "cac tin da dua ngay", "xem them", "doc them",
    "tin doc nhieu", "doc nhieu", "xem nhieu", "tin xem nhieu", "tin noi bat",
    "y kien ban doc", "binh luan", "gui binh luan", "gui y kien", "y kien cua ban",
    "viet binh luan", "tu khoa", "tags", "the", "chu de", "lien ket website", "lien ket web",
    "lien ket", "video", "thu vien anh", "tin anh", "quang cao", "cac tin cu hon",
    "cac tin moi hon", "nhung tin khac", "tin tuc lien quan", "cac tin lien quan",
}
# Short lines that are widgets, not prose.
_WIDGET_LINE = re.compile(
    r"^(?:chia s[eẻ]|share|tweet|like|facebook|twitter|zalo|email|e-mail|print|in bài(?: viết)?|"
    r"bản in|gửi bài(?: viết)?|gửi email|gửi cho bạn bè|lưu bài(?: viết)?|quay lại|trở về|"
    r"về đầu trang|lên đầu trang|đầu trang|top|cỡ chữ|font size|a\+?|a-|[a-z]\s?[+-]|"
    r"bình luận|ý kiến|xem thêm|đọc thêm|xem tiếp|tải về|download|đánh giá bài viết|"
    r"in trang|phản hồi|góp ý|báo lỗi|copy link|sao chép liên kết|theo dõi|follow|"
    r"nghe bài viết|nghe đọc bài|đọc bài|0 bình luận|\d+ bình luận)\s*[:.]?\s*$",
    re.IGNORECASE,
)
_COUNTER = re.compile(r"(?:lượt xem|lượt đọc|số lượt|views?\b|lượt truy cập|lượt thích)",
                      re.IGNORECASE)
_ALT_LEFTOVER = re.compile(r"^(?:alt|alt text|img|image|photo|ảnh|hình|picture|null|undefined)"
                           r"\s*[:.]?\s*$", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"^\(?\s*(?:theo|nguồn|nguon|source)\b\s*:?", re.IGNORECASE)

# Outlet prefixes glued before the first sentence: "(SGGP). –", "(baodautu.vn) -", "LSO-",
# "BTĐKT -", "ANTĐ -", "NDĐT-", "(CAO)", "(Toquoc) –", "GD&TĐ - ", "VOV.VN -".
_PAREN_PREFIX = re.compile(r"^\(\s*([\w.&\-]{2,30}(?:\s[\w.&\-]{1,12})?)\s*\)\s*\.?\s*[-–—:.]*\s*")
_CAPS_PREFIX = re.compile(
    r"^(?!TP\b|TP\.|TPHCM)([A-ZĐ][A-ZĐ0-9.&]{1,11}(?:\.[A-Za-z]{2,4})?)\s*(?:\)\s*)?[-–—]+\s*(?=\S)")
# Lower-case letter glued to an upper-case one ("yêu nướcDịp này", "giỏiCÔNG HẬU"), or a
# sentence end glued to the next sentence ("Thủ đô.Minh Hà"). Vietnamese upper and lower case
# letters interleave in Unicode's Latin Extended Additional block, so case is tested with str
# methods, never with character ranges.
_WORD = re.compile(r"[^\W\d_]+")
_END_GLUE = re.compile(r"([^\W\d_]{2,})([.!?…]+[\"”]?)(?=[^\W\d_]{2})")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»)]*$")


def is_section_end(text: str) -> bool:
    """A heading such as "Tin liên quan" or "Liên kết website": the article is over."""
    if len(text) > 60:
        return False
    f = fold(text).strip(" :.-–—»>|").strip()
    return f in SECTION_END_HEADINGS


# "Theo dõi VietnamPlus trên Zalo và TikTok.", "Mời bạn đọc theo dõi … trên Google News": the
# site's follow-us notice under the article. Only a sentence that *opens* with the call counts
# ("Cơ quan chức năng theo dõi các tài khoản trên Facebook." is news).
_FOLLOW_LINE = re.compile(
    r"(?:^|[.!]\s+)(?:mời (?:bạn đọc|quý độc giả|bạn)\s+|hãy\s+)?(?:theo dõi|follow|kết nối với|"
    r"đăng ký(?: kênh)?)\s+[^.!?]{0,50}?(?:trên|tại|qua)\s+"
    r"(?:(?:các nền tảng|mạng xã hội|zalo|facebook|fanpage|tiktok|youtube|google news|instagram)"
    r"(?:\s*(?:,|và|&)\s*|\s*[.!]?\s*$))+$",
    re.IGNORECASE,
)


def is_widget_line(text: str) -> bool:
    """Share/print buttons, counters, alt leftovers, follow-us notices: lines that are not prose."""
    t = text.strip()
    if not t:
        return True
    if _ALT_LEFTOVER.match(t) or _WIDGET_LINE.match(t):
        return True
    if len(t) <= 200 and _FOLLOW_LINE.search(t):
        return True
    if len(t) < 60 and _COUNTER.search(t) and re.search(r"\d", t):
        return True
    if is_section_end(t):
        return True
    # Rows of share buttons: "Facebook Twitter Zalo Email".
    if len(t) > 80:
        return False
    words = fold(t).split()
    social = {"facebook", "twitter", "zalo", "email", "print", "in", "chia", "se", "share",
              "tweet", "like", "linkedin", "pinterest", "copy", "link", "gui", "bai", "luu"}
    return 0 < len(words) <= 8 and all(w in social for w in words)


def is_attribution(text: str) -> bool:
    """"Theo Báo Nhân Dân", "(Theo TTXVN)", "Nguồn: baochinhphu.vn": the origin, never the
    author. A sentence that merely starts with "Theo" ("Theo Chủ tịch Hội, phong trào…") is
    prose: an attribution is short, has no clause after a comma and names its source."""
    t = text.strip()
    m = _ATTRIBUTION.match(t)
    if not m:
        return False
    rest = t[m.end():].strip().strip("()").rstrip(".").strip()
    if not rest or len(rest) > 80 or len(rest.split()) > 10:
        return False
    if "," in rest and not re.search(r"\.(?:vn|com|net|org)", rest):
        return False
    return rest[0].isupper() or rest[0].isdigit() or bool(re.search(r"\.(?:vn|com|net|org)", rest))


# A closing note of the editors: wholly in brackets ("(Bài viết có sử dụng tư liệu của …)",
# "(Còn nữa)", "(Tên nhân vật đã được thay đổi)") or a footnote after an asterisk. Attributions
# in brackets ("(Theo TTXVN)") are is_attribution's.
_EDITOR_NOTE = re.compile(r"^(?:\((?!\s*(?:theo|nguồn|nguon|source)\b)[^()]{3,200}\)|\*+\s*[^*]{3,200})\.?$",
                          re.IGNORECASE)


# The line that opens a photo gallery at the end of a report ("Một số hình ảnh tại hội nghị:",
# "Hình ảnh buổi lễ:", "Dưới đây là một số hình ảnh:") — the pictures and captions follow it.
_GALLERY_INTRO = re.compile(r"^(?:dưới đây là |sau đây là |mời (?:bạn đọc|quý vị) (?:cùng )?xem )?"
                            r"(?:một số |một vài |những |các |chùm )?(?:hình ảnh|ảnh)"
                            r"(?:\s+(?:tại|về|trong|của|buổi|lễ|hội|sự kiện|chương trình|hoạt động)\b.*)?"
                            r"\s*[:.]?$", re.IGNORECASE)


def is_gallery_intro(text: str) -> bool:
    """A short line that announces pictures: it belongs to the gallery, not to the body.

    Either a line that opens like a gallery title ("Một số hình ảnh tại hội nghị:") or any
    short line that ends with a colon — when it is the last line of the text, what it
    announced (pictures, a video, a list of links) is not there as prose. Called on the last
    paragraph only."""
    t = text.strip().strip("*_ ")
    if not t or len(t) > 160:
        return False
    if t.endswith((":", "：")):
        return True
    return bool(_GALLERY_INTRO.match(t)) and len(t.split()) <= 14 and not re.search(r"[!?…]\s*$", t)


def is_editor_note(text: str) -> bool:
    """A bracketed or asterisked note after the article's last sentence: not the body."""
    t = text.strip()
    return bool(_EDITOR_NOTE.match(t)) and not re.search(r"[.!?…]\s+\S", t.strip("()*. "))


# A bare domain before a dash ("Baoquocte.vn - Sáng 15/7", "Dangcongsan.vn – …").
_DOMAIN_PREFIX = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info)\s*[-–—:]+\s*(?=\S)", re.IGNORECASE)
# One to three words before a dash: compared with the site's own names (see below).
_WORD_PREFIX = re.compile(r"^((?:[^\W\d_][\w.&+]*)(?:\s[^\W\d_][\w.&+]*){0,2})\s*[-–—]+\s*(?=\S)")


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def strip_outlet_prefix(text: str, sites: list[str] | tuple[str, ...] | None = None) -> str:
    """Remove an outlet tag before the first sentence ("(SGGP). – Sáng 29-5" → "Sáng 29-5").

    Besides the bracketed and upper-case tags, a bare domain ("Baoquocte.vn - ") is a tag, and
    so is a mixed-case word that is the site's own name ("Kinhtedothi - " on kinhtedothi.vn)
    when the caller passes the site's names (`sites`: og:site_name, the host …): papers sign
    the sapo with the name they go by, which no rule about capitals can tell from a place.
    """
    t = text.lstrip()
    m = _DOMAIN_PREFIX.match(t)
    if m and t[m.end():][:1].isupper() | t[m.end():][:1].isdigit():
        return t[m.end():]
    m = _WORD_PREFIX.match(t)
    if m and sites:
        token = _compact(m.group(1))
        names = {_compact(s) for s in sites if s}
        names |= {n.split("vn")[0] for n in list(names) if n.endswith("vn")}
        rest = t[m.end():]
        if len(token) >= 3 and token in {n for n in names if len(n) >= 3} \
                and rest[:1].isupper() | rest[:1].isdigit():
            return rest
    m = _PAREN_PREFIX.match(t)
    if m:
        inner = m.group(1)
        # An outlet is one token (SGGP, baodautu.vn, Toquoc) — not "(ảnh minh họa)" prose —
        # or a capitalised name of two or three words before a dash ("(Dân trí) -").
        words = inner.split()
        named = len(words) <= 3 and inner[0].isupper() and re.search(r"\)\s*\.?\s*[-–—]", m.group(0))
        if " " not in inner.strip() or "." in inner or named:
            rest = t[m.end():]
            if rest and (rest[0].isupper() or rest[0].isdigit()):
                return rest
    m = _CAPS_PREFIX.match(t)
    if m:
        token = m.group(1)
        letters = [c for c in token if c.isalpha()]
        if len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.6 * len(letters):
            rest = t[m.end():]
            if rest and (rest[0].isupper() or rest[0].isdigit()):
                return rest
    return text


def _glue_point(word: str) -> int:
    """Index where an all-lower-case run (≥ 2 letters) meets an upper-case letter, or 0.

    "nướcDịp" → 4; "iPhone", "YouTube", "McDonald" → 0 (the run before is too short or is
    not all lower case)."""
    inner = word[2:-1]  # where j runs
    if not inner or inner.islower():
        return 0  # no upper-case letter there (most words): the loop below would find none
    for j in range(2, len(word) - 1):
        if word[j].isupper() and word[j - 1].islower():
            return j if word[:j].islower() else 0
    return 0


def split_glued(text: str) -> list[str]:
    """Split text where a caption/sub-heading/byline met a sentence without a separator."""
    out: list[str] = []
    last = 0
    cuts: list[int] = []
    for m in _WORD.finditer(text):
        j = _glue_point(m.group(0))
        if j and (m.start() == 0 or not text[m.start() - 1].isalnum()):
            cuts.append(m.start() + j)
    for m in _END_GLUE.finditer(text):
        if m.group(1).islower() and text[m.end()].isupper():
            cuts.append(m.end())
    for cut in sorted(set(cuts)):
        out.append(text[last:cut])
        last = cut
    out.append(text[last:])
    return [p.strip() for p in out if p.strip()]


# --- bylines -------------------------------------------------------------------------------

_BYLINE_PREFIX = re.compile(
    r"^(?:(?:tin|bài|ảnh|tin bài|bài viết|bài và ảnh|tin và ảnh|tin,? ảnh|bài,? ảnh|"
    r"tin\s*[-/–]\s*ảnh|bài\s*[-/–]\s*ảnh|ảnh và tin|thực hiện|nhóm pv|nhóm phóng viên|"
    r"tác giả|người viết|phóng viên|pv|ctv|nhóm thực hiện|trình bày|biên tập|"
    r"nội dung|bài và ảnh)\s*[:：]\s*)+",
    re.IGNORECASE,
)


def _is_name_token(t: str) -> bool:
    """"Tuấn", "TUÂN", "M.Anh", "Th." — capitalised, upper case, or initialled."""
    core = t.rstrip(".")
    if not core or not _WORD.fullmatch(core.replace(".", "")):
        return False
    pieces = core.split(".")
    if len(pieces) > 3:
        return False
    for piece in pieces:
        if not piece or not piece[0].isupper():
            return False
        if len(piece) > 1 and not (piece[1:].islower() or (piece.isupper() and len(piece) <= 8)):
            return False
    return True


def _is_initials(t: str) -> bool:
    return all(len(p) <= 1 for p in t.split("."))
# First words that open a caption or a heading but never a Vietnamese name. Kept short on
# purpose: most syllables (Thu, Thanh, Trung, Đoàn, Trương, Lưu, Huyền…) are names too.
_NOT_NAME_START = {
    "theo", "nguon", "tin", "bai", "xem", "video", "tags", "tu", "so", "bo", "ubnd", "tinh",
    "xa", "cum", "website", "link", "email", "facebook", "top", "gui", "benh", "tp", "hoi",
    "ban", "ong", "ba", "cac", "nhung", "mot", "ngay",
}
_AFFILIATION = re.compile(r"\s*\((?:[^()]{1,60})\)\s*$")


_AFFILIATION_START = re.compile(
    r"^(?:ban|phòng|hội|sở|văn phòng|trung tâm|công đoàn|cđ|cđcs|lđlđ|báo|đài|trường|huyện|"
    r"tỉnh|thành|phóng viên|pv|ctv|cộng tác viên|cục|chi cục|ủy ban|ubnd|mttq|đoàn|liên đoàn|"
    r"tổng cục|bộ|viện|bệnh viện|công ty|xã|phường|thttđ|ttxvn)\b", re.IGNORECASE)


_SURNAMES = frozenset(n.lower() for n in lexicon_names("people", "surnames"))  # with accents: Trương, not Trường


def _is_personal_name(words: list[str]) -> bool:
    """A family name (people.toml surnames) and two to four more words, each capitalised:
    "Đoàn Thị Lan" is a second writer, not the Youth Union ('Đoàn') she might work for."""
    return 2 <= len(words) <= 5 and words[0].lower() in _SURNAMES and all(w[:1].isupper() for w in words)


def _is_affiliation(part: str) -> bool:
    """"Ban Tuyên giáo", "LĐLĐ tỉnh", "CTV", "Ngân hàng Nhà nước chi nhánh tỉnh X": where the
    writer works, after the name — an organisation's head (archive/lexicons) followed by a
    lower-case word, which a personal name never has ("Đoàn Thị Lan" is a person)."""
    part = part.strip()
    words = part.split()
    if len(part) > 60 or _is_personal_name(words):
        return False
    return bool(_AFFILIATION_START.match(part)) or (
        starts_with_org_head(part) and any(w[:1].islower() for w in words[1:]))


def _is_name(part: str) -> bool:
    tokens = part.split()
    if not 1 <= len(tokens) <= 5:
        return False
    if len(tokens) == 1:
        # A single token only as an initialled name ("M.Anh", "L.Nguyễn").
        t = tokens[0]
        return "." in t.strip(".") and _is_name_token(t) and not _is_initials(t)
    if any(not _is_name_token(t) for t in tokens):
        return False
    if all(_is_initials(t) for t in tokens):
        return False  # "T.E.A B.C.Đ": initials only — an abbreviation, not a name
    return not (fold(tokens[0]) in _NOT_NAME_START and not tokens[0].isupper())


# A photo credit: the label names only the picture ("Ảnh: X", "Ảnh minh họa: X", "Nguồn ảnh:").
# It credits whoever took the photo that closes a caption, not the writer of the article —
# "Tin, ảnh:", "Bài và ảnh:" (text and photo) stay bylines.
_PHOTO_WORDS = (r"[(\[]?\s*(?:ảnh|hình|hình ảnh|photo|nguồn ảnh|nguồn hình|ảnh minh họa|ảnh minh hoạ|"
                r"ảnh tư liệu|ảnh chụp)\s*[:：]")
_PHOTO_CREDIT = re.compile("^" + _PHOTO_WORDS, re.IGNORECASE)
# The same label anywhere after a non-letter: where a credit closing a caption starts.
_PHOTO_LABEL = re.compile(r"(?<![^\W_])" + _PHOTO_WORDS + r"\s*", re.IGNORECASE)
# "Thu Hà/VOV-Tây Bắc", "Minh Anh/TTXVN", "Lan Hương/Báo Tin tức": the newsroom after an unspaced
# slash, named by an upper-case acronym or an outlet word — the person is before it.
_NEWSROOM_SUFFIX = re.compile(r"(?<=\S)\s*/\s*(?:[A-ZĐ]{2,}(?![a-zà-ỹđ])|(?:Báo|Đài|Tạp chí|Thông tấn)\s)"
                              r"[^/]{0,40}$")
# Words that open the name of a news organisation, never a person's name. Compared in lower
# case with the diacritics kept: "báo" is an outlet, "Bảo" a common given name.
_OUTLET_WORDS = ("báo", "đài", "tạp chí", "cổng thông tin", "trang thông tin", "thông tấn xã",
                 "kênh", "truyền hình")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org)$", re.IGNORECASE)  # gov.vn, com.vn too


def split_photo_credit(text: str) -> tuple[str, str | None]:
    """A photo credit closing the text ("…nhận bằng khen. Ảnh: Hải Nguyễn") → (text, credit).

    The credit belongs to the caption it ends — furniture, neither body nor author. Only the
    last "Ảnh:" label counts, and only when a name (or initials) is all that follows it.
    "Tin, ảnh: X" and "Bài và ảnh: X" are bylines, not photo credits, and are left alone.
    """
    labels = list(_PHOTO_LABEL.finditer(text))
    if not labels:
        return text, None
    m = labels[-1]
    name = text[m.end():].strip()
    if m.group(0).lstrip()[:1] in "([":
        name = name.rstrip(")]").strip()  # "(Ảnh: Hoàng Long)"
    if not name or len(name) > 40:
        return text, None
    before = text[:m.start()].rstrip()
    if re.search(r"\b(?:tin|bài|bài viết)\s*(?:,|và|[-–/])?\s*$", before, re.IGNORECASE):
        return text, None
    if not (parse_byline(name) or is_initials_signature(name)
            or re.fullmatch(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?", name)):
        return text, None
    return before, name


def is_photo_credit(line: str) -> bool:
    """The whole line is a photo credit ("Ảnh: Hải Nguyễn", "(Ảnh: T.LỘC)"): furniture."""
    kept, credit = split_photo_credit(line)
    return bool(credit) and not kept


def is_outlet_name(text: str) -> bool:
    """"TTXVN", "VOV", "Báo Bắc Giang", "baobacgiang.vn": a news organisation named where a
    byline would stand (an aggregator's author column, a credit line) — the source, not an author.

    A single upper-case acronym of three or more letters (agencies and papers sign that way),
    a name opened by an outlet word, or a bare domain. Desk bylines ("PV", "CTV", "Nhóm PV")
    are the newsroom's own writers and stay bylines (`STAFF_BYLINES`).
    """
    t = text.strip().strip("()[]").strip().rstrip(".").strip()
    if not t or " ".join(fold(t).split()) in STAFF_BYLINES:
        return False
    if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9&+]{2,9}", t):
        return True
    low = t.lower()
    return any(low == w or low.startswith(w + " ") for w in _OUTLET_WORDS) or bool(_DOMAIN.match(t))


def is_initials_signature(line: str) -> bool:
    """"N.Q", "H.T.A.": a byline of initials only, standing on a line of its own.

    Two to four single upper-case letters joined by dots, one token. Glued to a sentence or in a
    group ("…T.E.A B.C.Đ") initials are too ambiguous to be a byline (abbreviations, unit codes);
    alone on the last line they are how many papers sign.
    """
    t = line.strip().strip("*_ ")
    return bool(re.fullmatch(r"(?:[^\W\d_]\.){1,3}[^\W\d_]\.?", t)) and all(
        c.isupper() for c in t if c.isalpha())


def has_byline_label(line: str) -> bool:
    """The line opens with a byline label ("Bài và ảnh:", "Tin:", "PV:") or is a desk byline.

    Used where a bare capitalised phrase could also be a kicker or a place ("Quảng Ninh"): only
    a labelled byline is taken for one there (e.g. the byline line printed above the sapo).
    """
    t = line.strip().strip("*_ ")
    return bool(_BYLINE_PREFIX.match(t)) or " ".join(fold(t).split()) in STAFF_BYLINES


# Headlines of a digest — several short items, each signed by its own writer ("Tin hoạt động CĐ
# ngày 8.2", "Tin vắn", "Điểm tin", "Bản tin …"): the last signature belongs to the last item only.
_DIGEST_TITLE = re.compile(r"^(?:tin hoạt động|tin vắn|tin ngắn|điểm tin|bản tin|tin tổng hợp|"
                           r"tin tức hoạt động|hoạt động công đoàn ngày|tin công đoàn)\b", re.IGNORECASE)


def is_digest_title(title: str) -> bool:
    """A digest's headline: its trailing byline signs one item, not the article (author None)."""
    return bool(_DIGEST_TITLE.match((title or "").strip()))


# Bylines that name the newsroom desk rather than a person — still the article's byline, as
# the page prints it ("PV", "Nhóm PV", "CTV", "PV - CTV"). Folded, whole line only.
STAFF_BYLINES = {"pv", "p.v", "nhom pv", "nhom phong vien", "ctv", "pv - ctv", "pv-ctv",
                 "pv, ctv", "pv/ctv", "btv", "nhom ctv", "pv va ctv"}


# A rank or degree before the writer's name ("Thượng úy Bùi Hùng", "ThS Lê Lan"; people.toml
# ranks): the name is the author.
_RANK_PREFIX = re.compile(rf"^(?:{pattern('people', 'ranks')})\.?\s+(?=\w)")


def parse_byline(line: str) -> str | None:
    """The author's name(s) in a byline line, or None when the line is not a byline.

    "Mai Ngọc Tuấn, CSPL" → "Mai Ngọc Tuấn"; "Tin, ảnh: TẤN TUÂN" → "TẤN TUÂN";
    "Tuấn Hiệp (LĐLĐ tỉnh)" → "Tuấn Hiệp"; "Công Hoan - Xuân Hương" stays; "Theo TTXVN" → None.
    A photo credit alone ("Ảnh: Hải Nguyễn") and a news organisation ("TTXVN", "Báo Bắc Giang",
    see `is_outlet_name`) are not authors; a newsroom after an unspaced slash leaves the name
    ("Thu Hà/VOV-Tây Bắc" → "Thu Hà").
    """
    text = line.strip().strip("*_ ").rstrip(".;").strip()
    if not text or len(text) > 80 or is_attribution(text) or _PHOTO_CREDIT.match(text):
        return None
    if " ".join(fold(text).split()) in STAFF_BYLINES:
        return text
    text = _BYLINE_PREFIX.sub("", text).strip()
    text = _RANK_PREFIX.sub("", text).strip() or text
    if is_outlet_name(text):
        return None
    text = _NEWSROOM_SUFFIX.sub("", text).strip() or text
    while True:
        stripped = _AFFILIATION.sub("", text).strip()
        if stripped == text:
            break
        text = stripped
    if not text:
        return None
    # Split the list of names; drop affiliation tails ("CSPL", "CTV", "TTXVN").
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|\s[-–—/]\s|\s+và\s+|\s*&\s*)\s*", text)
             if p.strip()]
    while len(parts) > 1 and (re.fullmatch(r"[A-ZĐ]{2,8}", parts[-1]) or _is_affiliation(parts[-1])):
        parts.pop()
    if not parts or not all(_is_name(p) for p in parts):
        return None
    # "Quang Hùng Quang Hùng": a name printed twice by the page template.
    if len(parts) == 1:
        tokens = parts[0].split()
        half = len(tokens) // 2
        if len(tokens) % 2 == 0 and half >= 1 and tokens[:half] == tokens[half:]:
            parts = [" ".join(tokens[:half])]
    # Joined with the text's own separator: "A – B" stays with its en dash, as printed.
    dash = re.search(r"\s([-–—])\s", text)
    sep = f" {dash.group(1)} " if dash else ", "
    return sep.join(parts)


_TAIL_STOP = {"tai", "o", "tinh", "huyen", "xa", "thanh", "pho", "tp", "cua", "va", "voi",
              "cho", "bac", "ong", "ba", "dong", "chi", "anh", "em", "quan", "phuong",
              "thi", "tran", "vung", "mien", "nuoc", "nha", "truong", "cong", "ty", "doi",
              "den", "tu", "ve", "la", "hoi", "so", "bo", "nganh", "lang", "ap", "ban",
              "giua", "gan", "tren", "duoi", "trong", "ngoai", "khu", "cum", "khoi", "tnhh"}


def split_trailing_byline(paragraph: str) -> tuple[str, str | None]:
    """A byline glued to the end of the last paragraph → (text without it, author).

    "…cửa ngõ Thủ đô.Minh Hà" → ("…cửa ngõ Thủ đô.", "Minh Hà"); "…tiên tiến. M.Anh" →
    ("…tiên tiến.", "M.Anh"). Without a sentence end before the name, only a 2–4 word
    capitalised tail after a lower-case word that cannot introduce a place or a title counts.
    """
    text = paragraph.rstrip()
    whole = parse_byline(text)
    if whole:
        return "", whole
    # After one of the last sentence ends (".", "…", "/.", closing quote): try each, nearest
    # the end first, so that "tiên tiến. M.Anh" is cut before "M.", not inside the name.
    ends = [m.end() for m in re.finditer(r"[.!?…”\"]+", text) if len(text) - m.end() <= 80]
    for cut in sorted(ends, reverse=True)[:4][::-1]:
        author = parse_byline(text[cut:])
        if author:
            return text[:cut].rstrip(), author
    if _SENTENCE_END.search(text):
        return paragraph, None
    tokens = text.split()
    for k in (4, 3, 2):
        if len(tokens) < k + 8:
            continue
        tail, before = tokens[-k:], tokens[-k - 1]
        if not before[-1].isalpha() or not before.islower() or fold(before) in _TAIL_STOP:
            continue
        if fold(tokens[-k - 2]) in _TAIL_STOP and fold(before) in {"pho", "tinh", "huyen"}:
            continue
        author = parse_byline(" ".join(tail))
        if author and all(t[0].isupper() for t in tail):
            return " ".join(tokens[:-k]), author
    return paragraph, None
