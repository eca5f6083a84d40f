"""FROZEN: meeting extractor version 11 (the rule cascade that archive/meetings/ replaced), kept
runnable only so that `make eval` can print every blind set's scores for the old extractor beside
the staged one (scripts/eval_meetings.py --extractor v11). Not part of the package; not to be
edited. It imports nothing from archive/: the helpers it used (archive/dates, normalize,
organisations, places as of 43ca951, the commit that froze it) are copied below, so that no change
to the product's lexicons or gazetteers moves its scores. It is kept runnable rather than replaced
by a record of its scores because every meeting set added later (blind9, blind10, …) must be
scored by it too (issue 14: every blind set's first run, the new extractor beside the old one).

Article text → the emulation meetings it reports (cluster/bloc meetings, reviews, signings).

Rules, in the order they run (each is a small function below):

1. **Text repair.** Captions and bylines in aggregator crawls are glued to the next sentence
   ("…yêu nướcDịp này", "…CBCS.Các ý kiến"): a lower-case letter (or a year, "…năm 1999Lễ
   viếng") followed by an upper-case word, or a full stop followed by a capitalised word (or by an upper-case byline, "…thành
   phố.THU HÀ"), gets a sentence break — but a locality or degree short form keeps its name
   ("LĐLĐ Q.Hai Bà Trưng", "LĐLĐ TP. Hà Nội", "TS. Lê Văn A" end no sentence). Outlet prefixes
   ("ANTĐ - ", "(SGGP).– ", "NDĐT-", "QĐND Online - ") are dropped from the first paragraph of
   the lead and of the body.
2. **Detection, per sentence.** A sentence reports a meeting when it has
   (a) an *agenda trigger*: sơ kết / tổng kết (with thi đua, phong trào, cuộc vận động,
   khen thưởng or a cluster in the sentence or headline), ký (kết) giao ước thi đua, phát động
   (phong trào) thi đua, đại hội thi đua / điển hình, biểu dương / tuyên dương / tôn vinh with
   an emulation object (điển hình, tiêu biểu, tiên tiến, thi đua, lao động giỏi, gương, cháu
   ngoan), the honouring conference named without its verb ("Hội nghị điển hình tiên tiến
   giai đoạn 2020-2025", of the kind of the honouring verb in the sentence or headline, else a
   biểu dương; "một hội nghị điển hình tiên tiến" is none in particular), or a Cụm/Khối thi đua
   holding a hội nghị / tọa đàm / họp; and
   (b) *evidence of a specific event*: a day ("Sáng 27-3", "ngày 15/7", "chiều qua", "sáng
   nay"), "đã/vừa … tổ chức/sơ kết/tuyên dương…", "diễn ra", "tổ chức hội nghị/lễ…", "tại hội
   nghị/lễ"; and
   (c) no *disqualifier* before the trigger: future or task wording (sẽ, kế hoạch, yêu cầu,
   đề nghị, hướng dẫn, có trách nhiệm, nhiệm vụ, phấn đấu), a press conference (họp báo), a
   union/party congress (đại hội công đoàn/CĐ/đảng bộ/đoàn …, a delegates' congress "đại
   hội đại biểu", any congress with a "nhiệm kỳ") that is the event and not its occasion
   ("chào mừng / hướng tới / chuẩn bị Đại hội …" do not disqualify), an executive meeting
   (hội nghị Ban Chấp hành/Ban Thường vụ, "Ban Chấp hành … tổ chức Hội nghị lần thứ 8",
   "Hội nghị lần thứ N … khóa", họp tiểu ban), a training course (tập huấn, bồi dưỡng nghiệp
   vụ), a unit's statutory annual conference ("Hội nghị cán bộ, công chức, viên chức", "Hội
   nghị người lao động", "Hội nghị CNVC" — the drive it launches and the staff it rewards are
   routine items of it) — a capitalised word of an office's name is no disqualifier ("Sở Kế hoạch và Đầu
   tư tổ chức …" is not a plan); an honouring trigger is void when the sentence is about one exploit (vụ án, chuyên
   án, khám phá, bắt giữ, dũng cảm) or is one person's award story ("chị … vinh dự được tuyên
   dương tại Hội nghị …" with no day of its own: a profile). Cooperation signings ("ký kết
   phối hợp") have no trigger, so they never qualify; a cluster named as organiser of
   anything else (a charity show, a sports day) neither. When the headline carries the agenda
   ("… tuyên dương 95 đội viên “Cháu ngoan Bác Hồ”") and the lead only says that a dated event
   was organised under its own name ("tổ chức Liên hoan / Lễ / Chương trình …"), with no
   disqualifier, the lead reports the headline's meeting. An interview (two or more "PV:" /
   "Phóng viên:" turns) reports no meeting: the ones the interviewee recalls are past.
3. **Rows.** The first qualifying sentence of lead/body (else the headline) is the headline
   meeting. A later qualifying sentence opening a new event ("Cùng ngày", "Chiều cùng ngày",
   "Cũng trong ngày", "Trước đó", its own day, or another locality: "Tại xã Ea Drông, hội
   nghị … diễn ra sáng 28/12, do UBND xã tổ chức" — whose bare "UBND xã" takes the locality's
   name) with a different organiser is another meeting; it owns the
   sentences up to the next meeting (so a caption's person there is its attendee, not the
   headline meeting's) and takes the article's province when it names none. When the
   article's first sentence reports another kind of event (an organisation's congress, an
   executive session, a training course, a statutory annual conference of a unit's staff, an
   office issuing a plan or a decision — "ban hành
   Kế hoạch …; Theo đó, trước ngày 28-2, các cụm tổ chức …" —, one unit's own ceremony: an
   anniversary of its founding, receiving an order), sentences referring back to it ("Tại đại hội, …
   tuyên dương …", "Dịp này") are part of it: only a sentence opening with its own day or
   "Cùng ngày" can still report a meeting. The kinds of a meeting add those of the sentences
   that say what else was done at it ("Dịp này / Tại hội nghị / Kết thúc hội nghị, … ký kết
   giao ước thi đua năm 2025").
4. **Fields** come from the meeting's sentence first, then the headline, then the lead, then
   (for period, members, attendees) the whole text: kind (first trigger in the sentence;
   "phát động ký giao ước" is a signing), period label and dates, cluster kind/name/number,
   organiser (subject of the organising verb — after leading adverbials and purpose phrases
   such as "Hướng tới …," —, or "của/do X tổ chức"; when a person attending or chairing is the
   subject — the report told from a guest's point of view, "Phó Bí thư Thành ủy A dự và phát
   biểu tại Hội nghị tổng kết … của quận B" —, the owner "của quận B", and the unit of that
   locality a sentence says organises it ("Hội nghị do UBND quận B tổ chức"); when the cluster itself (or nobody) is the
   subject, the unit a sentence about the meeting says hosts or chairs it — "Hội nghị do X,
   đơn vị Cụm trưởng năm 2016, đăng cai/chủ trì", or the unit that is itself the subject of
   "đăng cai/chủ trì hội nghị": "Là đơn vị Trưởng khối năm 2024, Sở X đăng cai tổ chức hội
   nghị", "Đồn Biên phòng Y (Cụm trưởng) đăng cai hội nghị" — without its role apposition, never a
   person (next year's "Trưởng cụm/Phó Trưởng cụm" named at the meeting are not hosts);
   else the organisation it met at — police short forms such as "CAQ Đống Đa" are organisations
   too —, and a town or district only when it is one of the
   cluster's members; a host that is a member is written as the member list writes it;
   commas inside a bracketed address do not end it, "Công ty X (huyện A, tỉnh B)"), place ("tại …", not "tại hội nghị"; for an online meeting the main
   bridge point, "Điểm cầu chính đặt tại …"; a later sentence about the meeting, "Hội nghị do …
   chủ trì, tổ chức tại …", too; a number closing a name stays, "Trường THPT Triệu Sơn 2"), date (year printed, else from `published` — a
   day after publication means the previous year —, else from an anniversary printed beside
   the day, "(19/5/1890 - 19/5/2017)", else from the period — the headline is the last place a
   day is looked for, "Sáng 10/7, Hội LHPN tỉnh … sơ kết …" —: a signing in December opens next
   year's period, a review closes its own, a mid-term review "giữa nhiệm kỳ …" gives no year),
   period (the earliest period phrase near the meeting, else in the whole text leaving out
   clauses that state a target, "phấn đấu … chỉ tiêu thi đua năm 2013"; "quý III và … quý IV năm 2013" takes the year printed later; a rotating role's year
   "Trưởng khối năm 2017", a congress's term "Đại hội … lần thứ XV, nhiệm kỳ 2013-2018" and
   the year of a statistic's span "5 tháng đầu năm 2013" (reviews run over a quarter, six or
   nine months or a year) are not periods; "3 năm thực hiện phong trào thi đua “…” giai đoạn 2010-2013" keeps the
   movement and its run), cluster (number after "số" or a numeral, but "Cụm thi đua 5 tỉnh …" counts
   members), members after "gồm" near a cluster (semicolons always separate; commas too,
   unless the part starts no organisation, "Sở Văn hóa, Thể thao và Du lịch"; "và" only before
   an organisation head, so "Sở Giáo dục và Đào tạo" stays whole; item numbers "(1)" dropped;
   a shared prefix is distributed, "Hội LHPN các huyện A, B và thành phố C" → "Hội LHPN huyện
   A", …, and a later "các <kind>" starts a new shared kind, "công an các quận A, B và các
   huyện C, D" → "công an huyện C", …; a head count "gồm 9 trường … trên địa bàn" is no list),
   attendees (lists after
   "Đến dự/Dự hội nghị/Tham dự … (còn) có", "Chủ trì hội nghị có", "Dự và chỉ đạo … có các
   đồng chí:", items split at ";", "," and "và", a list that goes on "Về phía X có đồng chí A,
   …"; "Đến dự …, Đại tá X - …"; ranked or addressed
   people (Ông/Bà/đồng chí/Đại tá …, and anh/chị when a role follows the name) speaking,
   awarding or chairing — a name may end in a syllable that also opens a role or body ("Kim
   Liên," is a name, "Liên đoàn" is not) —; role-first names
   "Phó Chủ tịch UBND tỉnh A và Chủ tịch LĐLĐ tỉnh B đã trao …", "Phó Chủ tịch UBND tỉnh (bà
   A)", found where a family name (organisations.SURNAMES, with the Hmông, Thái, Dao, Jrai,
   K'Ho … ones and the particles Y/A that open Ê Đê and Bahnar names) starts the last run of
   2–4 capitalised syllables — after a locality word the run opens with the place: a province
   as written, else two syllables ("Bí thư Huyện ủy Lạc Dương Cil Ha Nuôl"); after an office's
   head word with its name ("Sở Công Thương"), though a one-word office after a lower-case head
   yields to a three- or four-syllable name ("Tổng cục trưởng Tổng cục Thuế Lương Đức Tài");
   K'/H' names count alone ("Chủ tịch UBND huyện
   K’Nhưm", "đồng chí H’Lim Niê") —; who runs the session or presents a paper ("điều hành
   hội nghị", "trình bày tham luận") attends too; a rank-only title from a caption gives way to
   the full role printed later, and so does a bare name from a headline ("Đồng chí A dự …"); not
   people introduced by "Theo" (a source) or "như" (an honouree)),
   provinces named in the organiser/place/cluster/sentence/headline/lead, plus every member
   province of an inter-provincial cluster (else the centrally-run city whose district those
   name, from a small gazetteer of district names no other province shares — "LĐLĐ quận 8",
   "quận Đống Đa", "CAH Phú Xuyên", "huyện Hòa Vang" —, else a province the whole text names at least
   twice, else the only province it names when it is written as one, "UBND tỉnh Quảng Ninh").
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

# The helpers version 11 imported from archive/ (dates, normalize, organisations, places), copied
# as they were at 43ca951, the commit that froze this file: the archive modules have moved since
# (lexicons as data, new titles and heads), and the old extractor must not move with them.
# Only what version 11 reaches is copied; places._as_date is _on_date here and
# organisations._SPACES is _ORG_SPACES (their names clash with the other modules').

# --- archive/normalize.py at 43ca951 ---------------------------------------------------
# Characters that render as nothing or as a plain space but break tokenisation and hashing.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\u3000\t\r\f\v"), " ")
_SPACE_RUN = re.compile(r"[ ]{2,}")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def nfc(text: str) -> str:
    """Compose to NFC: macOS/Word/BBC-style pages send decomposed tone marks."""
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """One line of text: entities decoded, invisible characters out, spaces collapsed, NFC."""
    text = html.unescape(text).translate(_INVISIBLE).translate(_SPACES).replace("\n", " ")
    return nfc(_SPACE_RUN.sub(" ", text).strip())


def clean_text(text: str) -> str:
    """A block of text with its paragraphs kept as blank-line separated blocks.

    Single newlines inside a paragraph are joined with a space (HTML source wrapping is not
    meaning); blank lines separate paragraphs.
    """
    if not text:
        return ""
    text = html.unescape(text).translate(_INVISIBLE).translate(_SPACES)
    paragraphs = []
    for block in _BLANK_LINES.split(text.replace("\r\n", "\n")):
        line = clean_line(block)
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def fold(text: str) -> str:
    """Lower case without diacritics, đ→d: the form `thi dua` that users type.

    Unicode has no decomposition for đ/Đ (it is a letter of its own, not d + mark), which is
    why SQLite's `remove_diacritics` misses it and why it is replaced explicitly here.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).lower()


# Tone-mark placement: old style puts the mark on the first vowel of oa/oe/uy ("hoá", "uỷ"),
# new style on the second ("hóa", "ủy"). Both are correct Vietnamese; we store the new style
# so that one organisation is never two facet values.
_OLD_TONE = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(sorted(_OLD_TONE, key=len, reverse=True)) + r")(?![^\W\d_])",
    re.IGNORECASE,
)


def _retone(match: re.Match[str]) -> str:
    found = match.group(0)
    new = _OLD_TONE[found.lower()]
    return "".join(n.upper() if o.isupper() else n for o, n in zip(found, new))


def normalize_tone_marks(text: str) -> str:
    """'Thanh Hoá' → 'Thanh Hóa', 'Uỷ ban' → 'Ủy ban': one spelling per name.

    Only syllable-final oa/oe/uy move their mark (in 'hoàn', 'thuyền' the mark already sits on the
    nucleus the modern style uses), and 'qu' + y keeps its mark since the u is part of the consonant.
    """
    return _OLD_TONE_RE.sub(_retone, nfc(text))


# --- archive/dates.py at 43ca951 -------------------------------------------------------
VN = timezone(timedelta(hours=7))
_TIME = r"(?P<h>\d{1,2})\s*(?:[:hg]|giờ)\s*(?P<mi>\d{2})(?:\s*:\s*(?P<s>\d{2}))?(?:\s*(?P<ampm>AM|PM|SA|CH|am|pm|sa|ch)\b)?"
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
# day/month/year with / - . as separator; the year may be 2 or 4 digits
_DMY = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}|\d{2})(?![\d/-]|\.\d)"
)
_WORDS = re.compile(
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm|,|/)?\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
# Month names. WordPress and other CMS locales print "15 Tháng Bảy, 2024", "Tháng Bảy 15, 2024",
# "15 Th7 2024", "15 thg 7, 2024"; English-locale sites "July 15, 2024" / "15 Jul 2024".
_VI_MONTHS = {"giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
              "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_EN_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_EN_NAMES = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
             r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])")
_VI_WORD = rf"(?P<mw>{'|'.join(sorted(_VI_MONTHS, key=len, reverse=True))})(?!\w)"  # "mười một" before "mười"
_VI_MONTH = r"(?:" + _VI_WORD + r"|(?P<mn>\d{1,2}))"
_NAMED = (
    # 15 Tháng Bảy, 2024 — the comma is required: "10 tháng năm 2024" is prose ("the 10 months of
    # 2024"), not 10 May
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+" + _VI_WORD + r"\s*,\s*(?P<y>\d{4})", re.IGNORECASE),
    # 15 Th7 2024 · 15 thg 7, 2024 ("15 tháng 7 năm 2024" is _WORDS')
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+th(?:g|\.)?\s*(?P<mn>\d{1,2})\s*,?\s*(?P<y>\d{4})", re.IGNORECASE),
    # Tháng Bảy 15, 2024 · Th7 15, 2024
    re.compile(r"(?<!\w)(?:tháng\s+|thg\.?\s*|th\.?\s*)" + _VI_MONTH + r"\s+(?P<d>\d{1,2})\s*,\s*(?P<y>\d{4})",
               re.IGNORECASE),
    # July 15, 2024 · Jul. 15 2024 · 15 July 2024
    re.compile(r"\b(?P<ew>" + _EN_NAMES + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})",
               re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<ew>" + _EN_NAMES + r")\.?,?\s+(?P<y>\d{4})",
               re.IGNORECASE),
)


def _month(m: re.Match[str]) -> int:
    """The month of a _WORDS/_DMY/_NAMED match, from digits or a Vietnamese/English name."""
    groups = m.groupdict()
    if groups.get("mw"):
        return _VI_MONTHS[groups["mw"].lower()]
    if groups.get("ew"):
        return _EN_MONTHS[groups["ew"].lower()[:3]]
    return int(groups.get("mn") or groups["m"])


# day-month without year: only after a cue word, or "27-3" style is too ambiguous (scores, ratios)
_DM = re.compile(
    r"(?:\b(?:sáng|trưa|chiều|tối|đêm|ngày|hôm|qua|nay)\s+(?:nay\s+|qua\s+)?(?:\(|ngày\s+)?)"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?![\d/.-]*\d{2})",
    re.IGNORECASE,
)


def _to_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year(raw: str) -> int:
    """Two-digit years: 00-69 → 2000s, 70-99 → 1900s (news archives start in the late 1990s)."""
    y = int(raw)
    if len(raw) == 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _as_date(reference: date | datetime | str | None) -> date | None:
    if reference is None or reference == "":
        return None
    if isinstance(reference, datetime):
        return reference.date()
    if isinstance(reference, date):
        return reference
    iso = parse_date(str(reference))
    return date.fromisoformat(iso[:10]) if iso else None


def _time_near(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A clock time printed right after the date ("15/07/2016 - 10:30", "…, 19:25 (GMT+7)",
    "… lúc 18:47") or right before it ("09:00 ngày 19/09/2025", "10:30, Thứ Hai 15/07/2016")."""
    m = re.match(r"\s*(?:[-–,|]|lúc|vào lúc|at)?\s*\(?\s*" + _TIME, text[end:end + 30], re.IGNORECASE)
    if not m:
        m = re.search(_TIME + r"\s*(?:[-–,|]\s*)?(?:ngày\s+)?(?:thứ\s+\w+\s*,?\s*|chủ nhật\s*,?\s*)?$",
                      text[max(0, start - 30):start], re.IGNORECASE)
    if not m:
        return None
    h, mi = int(m.group("h")), int(m.group("mi"))
    ampm = (m.group("ampm") or "").upper()
    if ampm in ("PM", "CH") and h < 12:
        h += 12
    if ampm in ("AM", "SA") and h == 12:
        h = 0
    if h > 23 or mi > 59:
        return None
    return h, mi


def _fmt(d: date, t: tuple[int, int] | None) -> str:
    if t is None:
        return d.isoformat()
    return datetime(d.year, d.month, d.day, t[0], t[1], tzinfo=VN).isoformat()


def parse_date(text: str | None, reference: date | datetime | str | None = None) -> str | None:
    """The first date in `text`, as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:00+07:00".

    `reference` gives the year when the text omits it ("Sáng 27-3"): the latest such day that
    is not after the reference (a report is published after the meeting it reports).
    """
    if not text:
        return None
    text = str(text).replace("\xa0", " ")
    m = _ISO.search(text)
    if m:
        d = _to_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d:
            if m["h"] is None:
                return d.isoformat()
            sec = int(m["s"] or 0)
            tz = m["tz"]
            dt = datetime(d.year, d.month, d.day, int(m["h"]), int(m["mi"]), sec)
            if tz:
                tzinfo = UTC if tz == "Z" else timezone(
                    timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:])) * (1 if tz[0] == "+" else -1))
                dt = dt.replace(tzinfo=tzinfo).astimezone(VN)
            else:
                dt = dt.replace(tzinfo=VN)
            return dt.replace(second=0).isoformat()
    best: tuple[int, str] | None = None
    for pattern in (_WORDS, _DMY, *_NAMED):
        m = pattern.search(text)
        if m:
            d = _to_date(_year(m["y"]), _month(m), int(m["d"]))
            if d and (best is None or m.start() < best[0]):
                t = _time_near(text, m.start(), m.end())
                best = (m.start(), _fmt(d, t))
    if best:
        return best[1]
    ref = _as_date(reference)
    m = _DM.search(text)
    if m and ref:
        day, month = int(m["d"]), int(m["m"])
        for year in (ref.year, ref.year - 1):
            d = _to_date(year, month, day)
            if d and d <= ref:
                return _fmt(d, _time_near(text, m.start(), m.end()))
    return None


# --- archive/organisations.py at 43ca951 -----------------------------------------------


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


def _phrase_re(phrases: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


TITLE_RE = re.compile(rf"(?:Phó\s+)?(?:{_phrase_re(TITLES)})", re.IGNORECASE)
RANK_RE = re.compile(rf"(?:{_phrase_re(RANKS)})")
_DASHES = re.compile(r"\s*[–—−‑]\s*|\s+-\s*|\s*-\s+")
_ORG_SPACES = re.compile(r"\s+")


def normalise_dashes(text: str) -> str:
    """'Thi đua – Khen thưởng', 'Thi đua -Khen thưởng' → 'Thi đua - Khen thưởng'.

    Only dashes standing between words with a space on at least one side are rewritten, so
    compounds like 'VH-TT-DL' and 'CNVC-LĐ' keep their hyphens.
    """
    return _ORG_SPACES.sub(" ", _DASHES.sub(" - ", text)).strip()


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


# --- archive/places.py at 43ca951 ------------------------------------------------------
REFORM_DATE = date(2025, 7, 1)


class UnknownProvinceError(ValueError):
    """A name that is neither a former (63) nor a current (34) province."""


# former name, former code, current code (the province that absorbed it since 2025-07-01)
_FORMER: tuple[tuple[str, str, str], ...] = (
    ("Hà Nội", "01", "01"), ("Hà Giang", "02", "08"), ("Cao Bằng", "04", "04"),
    ("Bắc Kạn", "06", "19"), ("Tuyên Quang", "08", "08"), ("Lào Cai", "10", "15"),
    ("Điện Biên", "11", "11"), ("Lai Châu", "12", "12"), ("Sơn La", "14", "14"),
    ("Yên Bái", "15", "15"), ("Hòa Bình", "17", "25"), ("Thái Nguyên", "19", "19"),
    ("Lạng Sơn", "20", "20"), ("Quảng Ninh", "22", "22"), ("Bắc Giang", "24", "24"),
    ("Phú Thọ", "25", "25"), ("Vĩnh Phúc", "26", "25"), ("Bắc Ninh", "27", "24"),
    ("Hải Dương", "30", "31"), ("Hải Phòng", "31", "31"), ("Hưng Yên", "33", "33"),
    ("Thái Bình", "34", "33"), ("Hà Nam", "35", "37"), ("Nam Định", "36", "37"),
    ("Ninh Bình", "37", "37"), ("Thanh Hóa", "38", "38"), ("Nghệ An", "40", "40"),
    ("Hà Tĩnh", "42", "42"), ("Quảng Bình", "44", "44"), ("Quảng Trị", "45", "44"),
    ("Thừa Thiên Huế", "46", "46"), ("Đà Nẵng", "48", "48"), ("Quảng Nam", "49", "48"),
    ("Quảng Ngãi", "51", "51"), ("Bình Định", "52", "52"), ("Phú Yên", "54", "66"),
    ("Khánh Hòa", "56", "56"), ("Ninh Thuận", "58", "56"), ("Bình Thuận", "60", "68"),
    ("Kon Tum", "62", "51"), ("Gia Lai", "64", "52"), ("Đắk Lắk", "66", "66"),
    ("Đắk Nông", "67", "68"), ("Lâm Đồng", "68", "68"), ("Bình Phước", "70", "75"),
    ("Tây Ninh", "72", "80"), ("Bình Dương", "74", "79"), ("Đồng Nai", "75", "75"),
    ("Bà Rịa - Vũng Tàu", "77", "79"), ("TP. Hồ Chí Minh", "79", "79"), ("Long An", "80", "80"),
    ("Tiền Giang", "82", "82"), ("Bến Tre", "83", "86"), ("Trà Vinh", "84", "86"),
    ("Vĩnh Long", "86", "86"), ("Đồng Tháp", "87", "82"), ("An Giang", "89", "91"),
    ("Kiên Giang", "91", "91"), ("Cần Thơ", "92", "92"), ("Hậu Giang", "93", "92"),
    ("Sóc Trăng", "94", "92"), ("Bạc Liêu", "95", "96"), ("Cà Mau", "96", "96"),
)
# Other ways texts write a province (matched case-sensitively on the first letter, see below).
_VARIANTS: dict[str, tuple[str, ...]] = {
    "TP. Hồ Chí Minh": ("TPHCM", "TP.HCM", "TP HCM", "TP. HCM", "Tp.HCM", "Tp HCM", "TP.Hồ Chí Minh",
                        "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh",
                        "thành phố Hồ Chí Minh", "Tp. Hồ Chí Minh", "Tp Hồ Chí Minh"),
    "Thừa Thiên Huế": ("Thừa Thiên - Huế", "Thừa Thiên-Huế", "Thừa Thiên – Huế", "Huế"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa Vũng Tàu", "BR-VT", "Vũng Tàu"),
    "Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Daklak", "Đắklắk"),
    "Đắk Nông": ("Đăk Nông", "Đắc Nông", "Daknong"),
    "Bắc Kạn": ("Bắc Cạn",),
    "Kon Tum": ("Kontum", "Kon-Tum"),
    "Hà Nội": ("Thủ đô Hà Nội",),
}
# Current (34) province code → short name, as the `vietnam-provinces` package gave it at 43ca951
# (the short names of the six cities applied), written out so that no package moves it.
_CURRENT = {
    "01": "Hà Nội", "04": "Cao Bằng", "08": "Tuyên Quang", "11": "Điện Biên", "12": "Lai Châu",
    "14": "Sơn La", "15": "Lào Cai", "19": "Thái Nguyên", "20": "Lạng Sơn", "22": "Quảng Ninh",
    "24": "Bắc Ninh", "25": "Phú Thọ", "31": "Hải Phòng", "33": "Hưng Yên", "37": "Ninh Bình",
    "38": "Thanh Hóa", "40": "Nghệ An", "42": "Hà Tĩnh", "44": "Quảng Trị", "46": "Huế",
    "48": "Đà Nẵng", "51": "Quảng Ngãi", "52": "Gia Lai", "56": "Khánh Hòa", "66": "Đắk Lắk",
    "68": "Lâm Đồng", "75": "Đồng Nai", "79": "TP. Hồ Chí Minh", "80": "Tây Ninh", "82": "Đồng Tháp",
    "86": "Vĩnh Long", "91": "An Giang", "92": "Cần Thơ", "96": "Cà Mau",
}


def current_provinces() -> dict[str, str]:
    """Current (34) province code → short name."""
    return _CURRENT


def former_provinces() -> dict[str, tuple[str, str]]:
    """Former (63) name → (former code, current code)."""
    return {name: (old, new) for name, old, new in _FORMER}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(normalize_tone_marks(name)).replace("thanh pho", "")
                  .replace("tinh ", "").replace("tp.", "").replace("tp ", ""))


@lru_cache(maxsize=1)
def _lookup() -> dict[str, tuple[str | None, str | None]]:
    """Folded key → (former name or None, current name or None)."""
    table: dict[str, tuple[str | None, str | None]] = {}
    current = current_provinces()
    for name, _old, new in _FORMER:
        table[_key(name)] = (name, current.get(new))
    for variants_of, variants in _VARIANTS.items():
        for v in variants:
            table.setdefault(_key(v), table[_key(variants_of)])
    for name in current.values():
        k = _key(name)
        if k not in table:
            table[k] = (None, name)
    return table


def _mention_patterns() -> list[tuple[re.Pattern[str], str]]:
    names: dict[str, str] = {}
    for name, _old, _new in _FORMER:
        names[name] = name
    for target, variants in _VARIANTS.items():
        for v in variants:
            names[v] = target
    patterns = []
    for written, target in names.items():
        if target == "TP. Hồ Chí Minh" and written.endswith("Hồ Chí Minh") and "TP" not in written \
                and "hành phố" not in written:
            continue
        body = re.escape(written)
        if written == "TP. Hồ Chí Minh":
            body = r"TP\.?\s*Hồ\s+Chí\s+Minh"
        # First letter as written (upper case): "hòa bình" (peace) is not Hòa Bình province, but
        # the rest of the name is case-insensitive ("Đồng tháp").
        first, rest = body[0], body[1:]
        pattern = rf"(?<![\w.]){re.escape(first) if first.isalnum() else first}(?i:{rest})(?![\w])"
        patterns.append((re.compile(pattern), target))
    patterns.sort(key=lambda p: len(p[0].pattern), reverse=True)
    return patterns


_PATTERNS = _mention_patterns()
# "Hồ Chí Minh" alone is the President far more often than the city; "Huế" is handled as a
# city only when written with TP/thành phố or the full "Thừa Thiên Huế" form is absent.
_HUE_NOISE = re.compile(r"(?i:cố đô|xứ|ca|nhã nhạc|bún|áo dài)\s+Huế")


def find_provinces(text: str) -> list[str]:
    """Provinces named in `text`, in order of first mention, by their official (former) name.

    Handles 'TPHCM', 'TP.HCM', 'Thừa Thiên - Huế', 'Thanh Hoá' vs 'Thanh Hóa', 'tỉnh X' and
    lower-case second syllables ('Đồng tháp'). 'Hồ Chí Minh' without 'TP'/'thành phố' is not
    a province (it is usually the President: 'tư tưởng Hồ Chí Minh').
    """
    if not text:
        return []
    text = normalize_tone_marks(text)
    hits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, target in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if target == "Thừa Thiên Huế" and m.group(0) == "Huế" and _HUE_NOISE.search(
                    text[max(0, m.start() - 12):m.end()]):
                continue
            taken.append((m.start(), m.end()))
            hits.append((m.start(), m.end(), target))
    seen: list[str] = []
    for _s, _e, target in sorted(hits):
        if target not in seen:
            seen.append(target)
    return seen


def _on_date(on: date | datetime | str | None) -> date | None:
    if on is None or on == "":
        return None
    if isinstance(on, datetime):
        return on.date()
    if isinstance(on, date):
        return on
    try:
        return date.fromisoformat(str(on)[:10])
    except ValueError:
        return None


def province_regimes(name: str, on: date | datetime | str | None = None) -> dict[str, str | None]:
    """Both regimes of one province name (former or current, as texts write it).

    Returns {province (current, 34), province_former (63-regime name when `on` is before
    2025-07-01 or unknown, else None), code_current, code_former, regime ("63" or "34", the
    regime in force on `on`; "63" when `on` is unknown and the name is a former province)}.
    A current name that merged several former provinces ("An Giang" since 2025) is read as the
    former province of the same name. Raises UnknownProvinceError for anything else.
    """
    entry = _lookup().get(_key(name))
    if entry is None:
        found = find_provinces(name)
        entry = _lookup().get(_key(found[0])) if found else None
    if entry is None:
        raise UnknownProvinceError(f"not a Vietnamese province: {name!r}")
    former, current = entry
    when = _on_date(on)
    old_new = former_provinces().get(former) if former else None
    code_current = old_new[1] if old_new else next(
        (c for c, n in current_provinces().items() if n == current), None)
    before = when is None or when < REFORM_DATE
    return {
        "province": current,
        "province_former": former if before else None,
        "code_current": code_current,
        "code_former": old_new[0] if old_new and before else None,
        "regime": "63" if (when is not None and when < REFORM_DATE) or (when is None and former) else "34",
    }


_PROVINCE_PATTERNS = _PATTERNS

EXTRACTOR_VERSION = "11"

# --- characters ----------------------------------------------------------------------------
_VN_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_VN_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
UP = f"[{_VN_UPPER}]"
LO = f"[{_VN_LOWER}]"
# The kinds of locality a name follows: "huyện Hà Trung", "thị xã Bỉm Sơn", "tỉnh Quảng Ninh".
_LOCALITY_KIND = r"(?:huyện|quận|thị\s+xã|xã|phường|thị\s+trấn|thành\s+phố|tỉnh)"

_GLUE_CASE = re.compile(rf"({LO}|(?<=\d{{4}}))({UP}{LO})")
_GLUE_STOP = re.compile(rf"({LO}|{UP}|[”\")]|\d)\.({UP}{LO})")
# "…Chủ tịch Hội đồng Đội thành phố.THU HÀ": an upper-case byline glued after a full stop.
_GLUE_CAPS = re.compile(rf"({LO})\.({UP}{UP})")
# Locality and degree short forms end with a dot inside a name, not a sentence: "LĐLĐ
# Q.Hai Bà Trưng", "LĐLĐ TP. Hà Nội", "TX. Sơn Tây", "TS. Lê Văn A".
_ABBREVIATION_DOT = re.compile(r"(?:^|(?<=[\s(]))(?:TP|Tp|Q|TX|TT|P|H|ThS|TS|PGS|GS|BS|KS)\.\s*$")
# "Sáng cùng ngày", "Chiều cùng ngày", "Cùng ngày", "Cũng trong sáng 3-5": another event that day.
_SAME_DAY = r"(?:(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối)\s+cùng\s+ngày|Cùng\s+ngày|Cũng\s+trong\s+(?:ngày|sáng|chiều|tối))"
_GLUE_DASH = re.compile(rf"(?<=\S)-\s+(?=(?:{_SAME_DAY}|Cũng trong|Cùng dịp|Trước đó|Trong khi đó)\b)")
# "ANTĐ - ", "(SGGP).– ", "NDĐT-", "QĐND Online - ", "VOV.VN - ": an outlet tag, maybe with its
# edition word, before the sapo.
_OUTLET = re.compile(rf"^\s*(?:\([^)]{{1,30}}\)\s*\.?\s*[-–—.]*\s*|"
                     rf"{UP}[\w.]{{0,15}}(?:\s(?:Online|online|ONLINE|TV|Plus|Điện\s+tử|điện\s+tử))?\s?[-–—]+\s*(?={UP}))")
_SENTENCE_END = re.compile(rf"(?<=[.!?…])[\s]+(?=[“\"(]?{UP}|\d)|\n+")

# --- triggers ------------------------------------------------------------------------------
_I = re.IGNORECASE
_EMULATION = re.compile(r"thi\s+đua|phong\s+trào|cuộc\s+vận\s+động|khen\s+thưởng|giao\s+ước|"
                        r"cụm\s+thi|khối\s+thi", _I)
_HONOUR_OBJECT = re.compile(r"điển\s+hình|tiêu\s+biểu|tiên\s+tiến|thi\s+đua|lao\s+động\s+giỏi|"
                            r"gương|cháu\s+ngoan|chiến\s+sĩ\s+thi\s+đua|lao\s+động\s+sáng\s+tạo", _I)
_EXPLOIT = re.compile(r"vụ\s+án|chuyên\s+án|khám\s+phá|phá\s+án|bắt\s+giữ|truy\s+bắt|dũng\s+cảm|"
                      r"cứu\s+(?:người|sống)|đuối\s+nước|hỏa\s+hoạn|vụ\s+cháy", _I)
_CLUSTER_WORD = re.compile(r"\b(?:Cụm|Khối|cụm|khối)\s+[Tt]hi\s+đua\b")
_MEETING_NOUN = re.compile(r"hội\s+nghị|tọa\s+đàm|toạ\s+đàm|\bhọp\b|giao\s+ban|hội\s+thảo|"
                           r"sinh\s+hoạt\s+cụm|sinh\s+hoạt\s+khối", _I)

_CONFERENCE_OF_EXEMPLARS = "hội nghị điển hình tiên tiến"
# (kind, pattern); a pattern may need its sentence to pass a check (see _triggers)
_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    ("ký kết giao ước thi đua", re.compile(
        r"(?:phát\s+động\s+)?k[ýí](?:\s+kết)?\s+(?:bản\s+|các\s+)?giao\s+ước", _I)),
    ("sơ kết", re.compile(r"\bsơ\s+kết\b", _I)),
    ("tổng kết", re.compile(r"\btổng\s+kết\b", _I)),
    ("đại hội thi đua yêu nước", re.compile(
        r"đại\s+hội\s+(?:thi\s+đua|điển\s+hình|anh\s+hùng|chiến\s+sĩ\s+thi\s+đua)", _I)),
    ("phát động thi đua", re.compile(
        r"phát\s+động\s+(?:(?:các|đợt|cuộc|phong\s+trào|hưởng\s+ứng)\s+)*thi\s+đua", _I)),
    ("biểu dương điển hình", re.compile(r"\bbiểu\s+dương\b", _I)),
    ("tuyên dương điển hình", re.compile(r"\btuyên\s+dương\b", _I)),
    ("tôn vinh điển hình", re.compile(r"\btôn\s+vinh\b|\bvinh\s+danh\b", _I)),
    ("tọa đàm", re.compile(r"\bt[oọ]ạ?\s*đàm\b|\btọa\s+đàm\b|\btoạ\s+đàm\b", _I)),
    ("hội nghị triển khai nhiệm vụ", re.compile(
        r"hội\s+nghị\s+triển\s+khai\s+(?:nhiệm\s+vụ|công\s+tác|phong\s+trào|kế\s+hoạch)", _I)),
    # "Hội nghị điển hình tiên tiến giai đoạn 2020-2025": the 5-yearly honouring conference named
    # without its verb; its kind is the honouring verb of the sentence or headline (see _triggers)
    (_CONFERENCE_OF_EXEMPLARS, re.compile(
        r"hội\s+nghị\s+(?:(?:gặp\s+mặt|giao\s+lưu|báo\s+cáo)\s+)?(?:các\s+)?(?:gương\s+)?điển\s+hình\s+tiên\s+tiến", _I)),
]
_HONOUR_KINDS = {"biểu dương điển hình", "tuyên dương điển hình", "tôn vinh điển hình"}
_CONFERENCE_NAME = next(p for k, p in _TRIGGERS if k == _CONFERENCE_OF_EXEMPLARS)
_REVIEW_KINDS = {"sơ kết", "tổng kết"}
_FORWARD_KINDS = {"ký kết giao ước thi đua", "phát động thi đua", "hội nghị triển khai nhiệm vụ"}

_DAY_PART = r"(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối|[Nn]gày|[Hh]ôm|[Đđ]êm)"
_DATE = re.compile(
    rf"{_DAY_PART}\s+(?:(?P<rel>nay|qua|hôm\s+qua|hôm\s+nay)\s*)?\(?\s*"
    r"(?:(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})(?!\s*[-/.]?\s*\d{3}\b)(?:\s*[-/.]\s*(?P<y>\d{4}|\d{2})\b)?"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>\d{4}))?)",
    re.IGNORECASE,  # a headline in capitals ("SÁNG 10/7, HỘI LHPN …") names its day too
)
_RELATIVE_DAY = re.compile(rf"{_DAY_PART}\s+(?P<rel>nay|qua|hôm\s+qua|hôm\s+nay)\b", re.IGNORECASE)


def _names_day(text: str) -> bool:
    """A day of its own: 'Sáng 27-3', 'ngày 15/7', 'chiều qua', 'sáng nay'."""
    return bool(_DATE.search(text) or _RELATIVE_DAY.search(text))


_EVIDENCE = re.compile(
    r"\bvừa\s+(?:\S+\s+){0,2}?(?:tổ\s+chức|diễn\s+ra|có\s+buổi|sơ\s+kết|tổng\s+kết|tuyên\s+dương|"
    r"biểu\s+dương|tôn\s+vinh|phát\s+động|k[ýí]\s+(?:kết\s+)?giao|họp)"
    rf"|\bđã\s+có\s+buổi|^{_SAME_DAY}\b"
    r"|\bdiễn\s+ra\b|\btổ\s+chức\s+(?:long\s+trọng\s+)?(?:hội\s+nghị|lễ|buổi|đại\s+hội|tọa\s+đàm|toạ\s+đàm)"
    r"|\btại\s+(?:hội\s+nghị|lễ|buổi\s+lễ|đại\s+hội|buổi)\b|\bvừa\s+qua\b|\bmới\s+đây\b", _I)
_DISQUALIFY = re.compile(
    r"\b(?:sẽ|dự\s+kiến|kế\s+hoạch|chuẩn\s+bị|yêu\s+cầu|đề\s+nghị|hướng\s+dẫn|có\s+trách\s+nhiệm|"
    r"nhiệm\s+vụ|phấn\s+đấu|họp\s+báo|hằng\s+năm|hàng\s+năm|định\s+kỳ|chương\s+trình\s+phối\s+hợp)\b", _I)
# A capitalised disqualifier right after an office's head word is part of its name, not a plan:
# "Sở Kế hoạch và Đầu tư", "Phòng Tài chính – Kế hoạch" (a provincial bloc's host, very often).
_IN_OFFICE_NAME = re.compile(r"\b(?:Sở|Bộ|Phòng|Ban|Vụ|Cục|Trung\s+tâm|Viện)\s+(?:[A-ZĐ]\S*\s+(?:[-–]\s+)?){0,3}$")


def _plain(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """First match of a disqualifying `pattern` in `text` that is not part of an office's name."""
    for m in pattern.finditer(text):
        if m.group(0)[:1].isupper() and _IN_OFFICE_NAME.search(text[:m.start()]):
            continue
        return m
    return None


# "từ đầu tháng 3 đến ngày 10-5, các đơn vị … đã tổ chức": many events summed up, not one meeting.
_AGGREGATE = re.compile(r"\btừ\s+(?:đầu\s+|cuối\s+|giữa\s+)?(?:tháng|ngày|năm|quý)\s+\S+\s+(?:đến|tới)\b|"
                        r"\btất\s+cả\s+các\s+(?:đơn\s+vị|cơ\s+quan|địa\s+phương)", _I)
_CONGRESS = re.compile(
    r"(?:đại\s+hội|ĐH)\s+(?:đại\s+biểu\s+)?(?:công\s+đoàn|CĐ|đảng\s+bộ|đoàn\s+thanh\s+niên|đoàn\s+TNCS|"
    r"hội\s+(?:liên\s+hiệp|nông\s+dân|cựu\s+chiến\s+binh|phụ\s+nữ)|mặt\s+trận|MTTQ|chi\s+bộ|[IVXL]+\b)"
    r"|\bĐHCĐ\b|nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4}\s*(?:ra\s+mắt|đã\s+bầu)"
    # "Đại hội đại biểu lần thứ X, nhiệm kỳ 2017-2022": a delegates' congress, or any congress
    # with a term of office, is an organisation's congress (an emulation congress has a period).
    r"|đại\s+hội\s+đại\s+biểu\b(?!\s+(?:thi\s+đua|điển\s+hình))"
    r"|đại\s+hội\s+(?!thi\s+đua|điển\s+hình)[^.;]{0,60}?,?\s+nhiệm\s+kỳ\s+\d{4}", _I)
# An executive body in session: "Hội nghị Ban Chấp hành …", "Ban Chấp hành LĐLĐ tỉnh khóa XIV
# tổ chức Hội nghị lần thứ 8 …", "Hội nghị lần thứ 8 (khóa XIV)", "họp Tiểu ban …". A bare
# "hội nghị lần thứ nhất năm 2013" can be a cluster's own meeting, so it needs the "khóa".
_EXECUTIVE = re.compile(r"hội\s+nghị\s+(?:lần\s+thứ\s+\S+\s+)?(?:Ban\s+Chấp\s+hành|BCH|Ban\s+Thường\s+vụ|BTV)|"
                        r"họp\s+(?:Tiểu\s+ban|Ban\s+Chấp\s+hành|BCH)|"
                        r"(?:Ban\s+Chấp\s+hành|BCH|Ban\s+Thường\s+vụ|BTV)\b[^.;]{0,80}?\b(?:hội\s+nghị|kỳ\s+họp|phiên\s+họp)"
                        r"\s+(?:lần\s+thứ|thường\s+kỳ|định\s+kỳ|mở\s+rộng)|"
                        r"hội\s+nghị\s+lần\s+thứ\s+\w+[^.;]{0,40}?\b(?:khóa|khoá)\b", _I)
# Training courses on commendation procedures talk about sơ kết, tổng kết and biểu dương as
# their subject matter; they are not emulation meetings.
_TRAINING = re.compile(r"\btập\s+huấn\b|bồi\s+dưỡng\s+nghiệp\s+vụ|lớp\s+(?:tập\s+huấn|bồi\s+dưỡng)", _I)
# A unit's statutory annual conference ("Hội nghị cán bộ, công chức, viên chức năm 2025", "Hội
# nghị người lao động", "Hội nghị CNVC"): public finances, internal rules, the people's inspection
# board. It often launches the unit's drive and rewards its staff, as routine items; like a
# union congress it is not an emulation meeting.
_STATUTORY = re.compile(r"hội\s+nghị\s+(?:đại\s+biểu\s+)?(?:cán\s+bộ,?\s+(?:công\s+chức|viên\s+chức)|"
                        r"công\s+chức,?\s+viên\s+chức|viên\s+chức|người\s+lao\s+động|CBCCVC|CB,?\s*CC,?\s*VC|"
                        r"CCVC|công\s+nhân\s+viên\s+chức|CNVC(?:LĐ|-LĐ)?)\b", _I)
# One person honoured ("Năm 2016, chị vinh dự được tuyên dương tại Hội nghị …"): an award story
# or a profile, not the report of the meeting — unless the sentence dates the meeting itself.
_PERSONAL_HONOUR = re.compile(
    r"(?:\bvinh\s+dự\s+được|\b(?:chị|anh|ông|bà|em|cô|thầy)\s+(?:[^\s,.;]+\s+){0,3}?(?:đã\s+)?được)\s+"
    r"(?:\S+\s+){0,3}?(?:tuyên\s+dương|biểu\s+dương|tôn\s+vinh|vinh\s+danh|khen\s+thưởng|trao|tặng)", _I)
_PRESS = re.compile(r"họp\s+báo", _I)  # "(buổi/cuộc) họp báo": a press conference
# An emulation congress ("Đại hội thi đua yêu nước", "Đại hội điển hình tiên tiến") is a meeting,
# unlike an organisation's congress.
_EMULATION_CONGRESS = re.compile(r"đại\s+hội\s+(?:thi\s+đua|điển\s+hình)", _I)
_DESCRIBES = re.compile(r"^(?:(?:Hội\s+nghị|Buổi\s+lễ|Lễ|Buổi\s+tọa\s+đàm|Đại\s+hội|Buổi\s+ký\s+kết)\s+"
                        # "Hội nghị do X – đơn vị Trưởng cụm năm học … – chủ trì, tổ chức tại …"
                        r"(?:\S+\s+){0,20}?(?:diễn\s+ra|được\s+tổ\s+chức|tổ\s+chức\s+tại)"
                        # an online meeting's venue: "Điểm cầu chính (được) đặt tại …"
                        r"|Điểm\s+cầu\s+(?:chính|trung\s+tâm)\s+(?:\S+\s+){0,2}?tại)")
_NEW_EVENT = re.compile(rf"^(?:{_SAME_DAY}|Cũng\s+trong\s+dịp|Cùng\s+dịp|"
                        r"Cùng\s+thời\s+(?:gian|điểm)|Trước\s+đó|Trong\s+khi\s+đó|" + _DAY_PART + r"\s+\S+\s*,"
                        # "Tại xã Ea Drông, hội nghị … diễn ra sáng 28/12": the same kind of meeting elsewhere
                        rf"|Tại\s+{_LOCALITY_KIND}\s+[^,.;]{{1,40}},)")
_BACK_REFERENCE = re.compile(r"^(?:Tại\s+(?:hội\s+nghị|lễ|buổi|đại\s+hội|đây)|Dịp\s+này|Nhân\s+dịp\s+này|"
                             r"Cũng\s+tại|Tại\s+buổi)", _I)


# The reporter's turns in a question-and-answer interview: "PV: Thưa ông, …", "Phóng viên: …".
_INTERVIEW_TURN = re.compile(r"(?:^|(?<=[\s.?!…”\"]))(?:PV|P\.V|Phóng\s+viên)\s*:")


@dataclass
class Sentence:
    text: str
    where: str  # "title" | "lead" | "body"
    index: int


@dataclass
class Event:
    sentence: Sentence
    kind: str
    kinds: list[str]
    trigger_at: int


# --- text ----------------------------------------------------------------------------------

def repair_glued(text: str) -> str:
    """Put back the sentence breaks that crawls lost between captions, bylines and sentences."""
    text = _GLUE_DASH.sub(". ", text)
    text = _GLUE_CASE.sub(r"\1. \2", text)
    text = _GLUE_CAPS.sub(r"\1. \2", text)

    def stop(m: re.Match[str]) -> str:
        # "Q.Hai Bà Trưng", "TP.Hà Nội": a locality's short form, not a sentence end
        if _ABBREVIATION_DOT.search(m.string[:m.end(1) + 1]):
            return m.group(0)
        return f"{m.group(1)}. {m.group(2)}"

    return _GLUE_STOP.sub(stop, text)


def strip_outlet(text: str) -> str:
    """'ANTĐ - Tại trụ sở…' → 'Tại trụ sở…'; '(SGGP). – Sáng 29-5…' → 'Sáng 29-5…'."""
    return _OUTLET.sub("", text, count=1)


def _prepare(text: str | None) -> str:
    """Clean text with the modern tone-mark placement ('toạ đàm' → 'tọa đàm', 'Thanh Hoá' →
    'Thanh Hóa'): both placements are correct Vietnamese and pre-2017 outlets often use the old
    one, so the rules (written in one spelling) and the stored fields must not depend on which
    the outlet chose — one organisation is one facet value (archive/normalize.py)."""
    if not text:
        return ""
    return normalize_tone_marks(repair_glued(clean_text(text)))


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`; a locality or degree short form ("TP. Hà Nội", "Q. 8") does not
    end one."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip() if piece else ""
        if not piece:
            continue
        if out and _ABBREVIATION_DOT.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _sentences(title: str, lead: str, body: str) -> list[Sentence]:
    out: list[Sentence] = []
    if title:
        out.append(Sentence(title, "title", 0))
    i = 1
    for where, block in (("lead", lead), ("body", body)):
        for n, paragraph in enumerate(block.split("\n\n")):
            if n == 0:
                paragraph = strip_outlet(paragraph)
            for s in split_sentences(paragraph):
                if where == "body" and any(s == o.text for o in out if o.where == "lead"):
                    continue  # the lead repeated at the top of the body
                out.append(Sentence(s, where, i))
                i += 1
    return out


# --- detection -----------------------------------------------------------------------------

def _triggers(text: str, headline: str) -> list[tuple[int, str]]:
    """(position, kind) of every agenda trigger in `text` that its context allows."""
    found: list[tuple[int, int, str]] = []
    has_cluster = bool(_CLUSTER_WORD.search(text) or _CLUSTER_WORD.search(headline))
    for kind, pattern in _TRIGGERS:
        for m in pattern.finditer(text):
            window = text[max(0, m.start() - 80):m.end() + 160]
            if kind in _REVIEW_KINDS and not (_EMULATION.search(window) or has_cluster
                                              or _EMULATION.search(headline)):
                continue
            if kind in _HONOUR_KINDS:
                if not (_HONOUR_OBJECT.search(window) or _HONOUR_OBJECT.search(headline)):
                    continue
                if _EXPLOIT.search(text):
                    continue
            if kind == _CONFERENCE_OF_EXEMPLARS and (_EXPLOIT.search(text) or re.search(
                    r"(?:một|những|các|nhiều)\s+$", text[max(0, m.start() - 8):m.start()], _I)
                    or _OCCASION.search(text[max(0, m.start() - 40):m.start()])):
                # "tại một hội nghị điển hình tiên tiến năm 1999": no particular meeting; "Hướng
                # tới Hội nghị điển hình tiên tiến …, LĐLĐ huyện sơ kết …": the occasion
                continue
            if kind == "tọa đàm" and not (has_cluster or _EMULATION.search(window)):
                continue
            if kind == "ký kết giao ước thi đua" and not re.search(r"thi\s+đua", text[m.start():m.end() + 20], _I) \
                    and not has_cluster:
                continue
            found.append((m.start(), -len(m.group(0)), kind))
    if has_cluster and _MEETING_NOUN.search(text) and not found and parse_cluster(text):
        m = _MEETING_NOUN.search(text)
        assert m
        found.append((m.start(), 0, "tọa đàm" if "đàm" in m.group(0) else "other"))
    if any(kind == _CONFERENCE_OF_EXEMPLARS for _p, _n, kind in found):
        # "Hội nghị điển hình tiên tiến …, tôn vinh 150 tập thể": the verb of the sentence names
        # the honouring, else the headline's, else it is a biểu dương (the conference's full name)
        verbs = [kind for _p, _n, kind in sorted(found) if kind in _HONOUR_KINDS]
        if not verbs and headline != text:
            verbs = [kind for _p, kind in _triggers(headline, headline) if kind in _HONOUR_KINDS]
        honour = verbs[0] if verbs else "biểu dương điển hình"
        found = [(p, n, honour if kind == _CONFERENCE_OF_EXEMPLARS else kind) for p, n, kind in found]
    found.sort()
    return [(pos, kind) for pos, _neg, kind in found]


# "chào mừng / hướng tới / tiến tới / chuẩn bị Đại hội …": the congress is the occasion or a
# later task of what is reported, not the event itself.
_OCCASION = re.compile(r"(?:chào\s+mừng|hướng\s+(?:tới|về)|tiến\s+tới|chuẩn\s+bị\s+(?:tốt\s+)?(?:cho\s+)?|"
                       r"trước\s+thềm|lập\s+thành\s+tích|thành\s+công|phục\s+vụ|tuyên\s+truyền)\s+(?:các\s+)?$", _I)


def _congress_event(text: str) -> re.Match[str] | None:
    """The first congress in `text` that is an event, not an occasion."""
    for m in _CONGRESS.finditer(text):
        if not _OCCASION.search(text[max(0, m.start() - 40):m.start()]):
            return m
    return None


def _qualifies(sentence: Sentence, headline: str) -> Event | None:
    text = sentence.text
    triggers = _triggers(text, headline)
    if not triggers:
        return None
    first = triggers[0][0]
    if not (_EVIDENCE.search(text) or _names_day(text)):
        return None
    before = text[:first]
    if _plain(_DISQUALIFY, before) or _AGGREGATE.search(before) or _PRESS.search(text):
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
    kinds = list(dict.fromkeys(kind for _pos, kind in triggers))
    return Event(sentence, kinds[0], kinds, first)


# --- fields --------------------------------------------------------------------------------

_PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("h1", re.compile(r"\b(?:6|sáu)\s+tháng\s+đầu\s+năm(?:\s+(?P<y>\d{4}))?", _I)),
    ("h2", re.compile(r"\b(?:6|sáu)\s+tháng\s+cuối\s+năm(?:\s+(?P<y>\d{4}))?", _I)),
    ("m9", re.compile(r"\b(?:9|chín)\s+tháng(?:\s+đầu\s+năm)?(?:\s+(?:năm\s+)?(?P<y>\d{4}))?", _I)),
    ("quarter", re.compile(r"quý\s+(?P<q>IV|I{1,3}|[1-4])(?:\s*[/-]\s*|\s+(?:năm\s+)?)(?P<y>\d{4})", _I)),
    ("quarter", re.compile(r"quý\s+(?P<q>IV|I{1,3}|[1-4])\b(?!\s*[/-]?\s*(?:năm\s+)?\d)", _I)),
    ("school", re.compile(r"năm\s+học\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", _I)),
    # "sơ kết giữa nhiệm kỳ 2016 - 2021": a mid-term review (see resolve_date)
    ("range", re.compile(r"(?:giữa\s+)?(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ)\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", _I)),
    ("years", re.compile(
        r"(?P<n>\d{1,2}|hai|ba|bốn|năm|mười)\s+năm\s+(?:(?:thực\s+hiện|triển\s+khai|phong\s+trào|cuộc\s+vận\s+động|thi\s+đua)\s*)*"
        r"(?:[“\"][^”\"]{1,200}[”\"]\s*)?\(\s*(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})\s*\)", _I)),
    # "3 năm thực hiện phong trào thi đua “…” giai đoạn 2010-2013": the run printed after the
    # movement's name belongs to the label and gives its dates
    ("nyears", re.compile(
        r"(?P<n>\d{1,2})\s+năm\s+(?:(?:thực\s+hiện|triển\s+khai)\s+)?(?:phong\s+trào|cuộc\s+vận\s+động)"
        r"(?:\s+thi\s+đua)?(?:\s*[“\"][^”\"]{1,200}[”\"])?"
        r"(?:\s*,?\s*(?:giai\s+đoạn|nhiệm\s+kỳ)\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4}))?", _I)),
    ("year", re.compile(r"(?<!học\s)năm\s+(?P<y>(?:19|20)\d{2})\b", _I)),
    # "phát động đợt thi đua cao điểm 100 ngày đêm": a launched drive is named by its length,
    # which is the period it opens (label: the length only, "100 ngày đêm"; no calendar dates —
    # the start is the launch day, which the text gives apart)
    ("drive", re.compile(r"\bđợt\s+(?:thi\s+đua\s+)?(?:cao\s+điểm\s+)?(?P<span>\d{1,3}\s+ngày(?:\s+đêm)?)\b", _I)),
]
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# "Trưởng khối năm 2017", "đơn vị Cụm trưởng năm học 2016-2017", "làm Cụm trưởng năm 2018": the
# year someone holds a rotating role, not the period a meeting reviews.
_ROLE_BEFORE = re.compile(r"(?:(?:[Cc]ụm|[Kk]hối)\s+(?:trưởng|phó)|(?:[Tt]rưởng|[Pp]hó)\s+(?:[Cc]ụm|[Kk]hối)"
                          r"(?:\s+thi\s+đua)?(?:\s+số\s+\S+)?|luân\s+phiên)\s*$")


# "5 tháng đầu năm 2013, công an các phường đã giải quyết …": the span of a statistic. Reviews
# run over a quarter, six or nine months or a year; other month counts are report dates.
_STAT_SPAN = re.compile(r"\b(?:[1245780]|1[01]|một|hai|bốn|năm|bảy|tám|mười(?:\s+một)?)\s+tháng"
                        r"(?:\s+(?:đầu|qua|cuối))?\s*$", _I)


# "ngày 9 tháng 10", "ngày 18 tháng 4 năm 2017", "tháng 6 năm 2019": a calendar date written in
# words, whose "9 tháng" or "năm 2017" only looks like a period.
_DATE_WORDS_BEFORE = re.compile(r"(?:\bngày\s+|\btháng\s+\d{1,2}\s+)$", _I)


def _not_a_period(text: str, m: re.Match[str]) -> bool:
    """A period-shaped phrase that is not the meeting's period: a rotating role's year, the
    term of office of a congress ('Đại hội Công đoàn tỉnh lần thứ XV, nhiệm kỳ 2013-2018'), the
    year of a statistic's span ('5 tháng đầu năm 2013'), or part of a date written in words
    ('Ngày 9 tháng 10', 'ngày 18 tháng 4 năm 2017' — the same date as 'Ngày 9-10')."""
    before = text[max(0, m.start() - 60):m.start()]
    if _ROLE_BEFORE.search(before):
        return True
    if _DATE_WORDS_BEFORE.search(before):
        return True
    if re.match(r"năm\s+\d", m.group(0), _I) and _STAT_SPAN.search(before):
        return True
    if re.match(r"nhiệm\s+kỳ", m.group(0), _I):
        clause = re.split(r"[.;:]", text[max(0, m.start() - 120):m.start()])[-1]
        congress = list(re.finditer(r"đại\s+hội(?!\s+(?:thi\s+đua|điển\s+hình))", clause, _I))
        if congress and not re.search(r"\b(?:sơ|tổng)\s+kết\b", clause[congress[-1].start():], _I):
            return True
    return False


def parse_period(text: str) -> dict[str, str | None] | None:
    """The reporting period named in `text`: label as written plus ISO start/end.

    '6 tháng đầu năm 2016' → 2016-01-01..2016-06-30; '… 6 tháng đầu năm và … cuối năm 2016'
    takes the year printed later in the sentence; 'quý I/2023'; '9 tháng'; 'giai đoạn
    2015-2020' and 'nhiệm kỳ 2008-2013' (whole years); '5 năm (2009-2013)'; 'năm 2016'; a
    drive's length 'đợt thi đua cao điểm 100 ngày đêm' → '100 ngày đêm' (no dates).
    """
    best: tuple[int, int, str, re.Match[str]] | None = None
    for name, pattern in _PERIOD_PATTERNS:
        m = next((m for m in pattern.finditer(text) if not _not_a_period(text, m)), None)
        if m and (best is None or (m.start(), -len(m.group(0))) < (best[0], best[1])):
            best = (m.start(), -len(m.group(0)), name, m)
    if best is None:
        return None
    _s, _l, name, m = best
    label = re.sub(r"\s+", " ", m.group("span" if name == "drive" else 0)).strip()
    year = m.groupdict().get("y")
    if name in ("h1", "h2", "m9", "quarter") and not year:
        later = re.search(r"năm\s+((?:19|20)\d{2})", text[m.end():], _I)
        year = later.group(1) if later else None
        if year:
            label = f"{label} {year}" if label.lower().endswith("năm") else f"{label} năm {year}"
    start = end = None
    if name in ("h1", "h2", "m9", "year", "quarter") and year:
        y = int(year)
        if name == "h1":
            start, end = date(y, 1, 1), date(y, 6, 30)
        elif name == "h2":
            start, end = date(y, 7, 1), date(y, 12, 31)
        elif name == "m9":
            start, end = date(y, 1, 1), date(y, 9, 30)
        elif name == "quarter":
            q = _QUARTERS[m.group("q").upper()]
            start = date(y, 3 * q - 2, 1)
            end = date(y + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1)
        else:
            start, end = date(y, 1, 1), date(y, 12, 31)
    elif name == "school":
        start, end = date(int(m.group("a")), 9, 1), date(int(m.group("b")), 5, 31)
    elif name in ("range", "years") or (name == "nyears" and m.group("a")):
        start, end = date(int(m.group("a")), 1, 1), date(int(m.group("b")), 12, 31)
    return {"period_label": label, "period_start": start.isoformat() if start else None,
            "period_end": end.isoformat() if end else None}


# "Cụm thi đua số 7", "Cụm thi đua IV"; but "Cụm thi đua 5 tỉnh Tây Nguyên" counts its members.
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


def _province_at_start(text: str) -> re.Match[str] | None:
    """A province's name (as places.find_provinces knows it) opening `text`, longest first."""
    text = normalize_tone_marks(text)
    return next((m for pattern, _target in _PROVINCE_PATTERNS if (m := pattern.match(text))), None)


def _province_follows(text: str) -> bool:
    """'tỉnh Thanh Hóa gồm…' → True; 'tỉnh gồm…' → False."""
    return bool(_province_at_start(re.sub(r"^(?:tỉnh|thành\s+phố|TP\.?)\s*", "", text, flags=re.IGNORECASE)))


def parse_cluster(text: str, *, numbered_only: bool = False) -> dict[str, Any] | None:
    """'Cụm thi đua số 7 tỉnh Thanh Hóa gồm…' → kind 'cụm', name 'Cụm thi đua số 7', number 7.

    The name keeps a qualifier written after the number ('Cụm thi đua số 8 - CATP Hà Nội',
    'Khối thi đua các cơ quan Đảng') and drops the province ('tỉnh Thanh Hóa', 'Tỉnh ủy
    Bắc Giang' → 'Tỉnh ủy'), so that one cluster is one facet value however the text names
    its province; the province has its own column.
    """

    for m in _CLUSTER.finditer(text):
        num = m.group("num") or m.group("num2")
        rest = text[m.end():]
        words: list[str] = []
        for token in re.split(r"(\s+)", rest)[:40]:
            if not token.strip():
                if words:
                    words.append(token)
                continue
            bare = token.strip(",.;:()“”\"")
            plural = bool(words) and words[0] == "các"
            previous = [w for w in words if w.strip()][-1].strip(",") if words else ""
            if plural and (bare.lower() == "và" or previous in ("các", "xã", "-", "tổ")):
                words.append(token)
                continue
            # "các Đảng bộ trực thuộc Tỉnh ủy": "thuộc" after "trực" is inside the name
            if plural and bare.lower() == "thuộc" and previous.lower() == "trực":
                words.append(token)
                continue
            if (token[0] in ",.;:()“”\"" or bare.lower() in _CLUSTER_STOP or not bare
                    or len([w for w in words if w.strip()]) >= 10 or _DATE.match(rest[rest.find(token):])):
                break
            if plural and token.endswith(",") and bare:
                words.append(token)
                continue
            dashed = bool(words) and words[0] in ("-", "–", "—")  # "- CATP Hà Nội": a parent body
            if not dashed and bare.lower() in ("tỉnh", "thành", "tp", "tp.") \
                    and _province_follows(rest[rest.find(token):]):
                break
            if previous.lower() in ("ủy", "uỷ") and _province_follows(rest[rest.find(token):]):
                break  # "trực thuộc Tỉnh ủy Bắc Giang": the province after the committee
            words.append(bare if token != bare else token)
            if token != bare:
                break
        qualifier = "".join(words).rstrip(" -–,").strip()
        qualifier = re.sub(r"^[-–—]\s*", "- ", qualifier) if len(qualifier) > 1 else qualifier.strip("-–—")
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


# --- people --------------------------------------------------------------------------------

_NAME_STOP = {"Phó", "Chủ", "Trưởng", "Giám", "Bí", "Ủy", "Uỷ", "Tổng", "Thường", "Cục", "Sở", "Ban", "Hội",
              "Liên", "Tỉnh", "Huyện", "Quận", "Đảng", "Bộ", "Viện", "Chánh", "Phòng", "Đại", "Thượng",
              "Thiếu", "Ông", "Bà", "Đồng", "Các", "Tại", "Trong", "Theo", "Sau", "Khi", "Với", "Cùng"}
# Roles and ranks are organisations.TITLE_RE / RANK_RE (longest first, "Phó" optional before a role).
_TITLE_START = re.compile(rf"{TITLE_RE.pattern}|{RANK_RE.pattern}"
                          r"|kiêm|nguyên|Nguyên|Anh\s+hùng|Đại\s+biểu|Thành\s+viên|Chuyên\s+viên|Cán\s+bộ", _I)
_RANK_RE = re.compile(rf"{RANK_RE.pattern}(?=\s)")
_ACTION = re.compile(
    r"\s*,?\s*(?:đã\s+|cũng\s+|đến\s+)?(?:phát\s+biểu|trao|nhấn\s+mạnh|chủ\s+trì|đánh\s+giá|cho\s+biết|"
    r"khẳng\s+định|chúc\s+mừng|ghi\s+nhận|đề\s+nghị|yêu\s+cầu|mong\s+muốn|biểu\s+dương|chỉ\s+đạo|"
    r"tặng|dự|tới\s+dự|đến\s+dự|tham\s+dự|cùng|tại\s|đã\s|nêu|gửi|kêu\s+gọi|phát\s+động|"
    r"thay\s+mặt|điều\s+hành|báo\s+cáo|khai\s+mạc|bế\s+mạc|cam\s+kết|trình\s+bày|kết\s+luận|"
    r"đồng\s+chủ\s+trì|chứng\s+kiến)\b")
_ATTEND_CUE = re.compile(
    r"phát\s+biểu|trao|nhấn\s+mạnh|chủ\s+trì|chỉ\s+đạo|đến\s+dự|tới\s+dự|tham\s+dự|dự\s+(?:hội|lễ|buổi)|"
    r"tại\s+(?:hội\s+nghị|lễ|buổi|đại\s+hội)|khai\s+mạc|chúc\s+mừng|"
    # who runs the session or presents a paper is there too: "Đồng chí A, title điều hành hội
    # nghị", "Thiếu tá B, Đồn trưởng …, trình bày tham luận"
    r"điều\s+hành|trình\s+bày|tham\s+luận|kết\s+luận", _I)


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
    for p in parts[1:]:
        if _TITLE_START.match(p) or starts_with_org_head(p):
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
    r"(?<!\w)(?:(?:[Đđ]ến|[Tt]ới|[Vv]ề)\s+)?(?:[Dd]ự|[Tt]ham\s+dự|(?:[Đđ]ồng\s+)?[Cc]hủ\s+trì)"
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
_PERSON_LEAD = re.compile(rf"(?P<hon>(?:[Đđ]ồng\s+chí|[Đđ]/c|Ông|Bà|ông|bà|[Aa]nh|[Cc]hị)\s+)?(?P<rank>(?:{_RANK_RE.pattern}\s+)*)")


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
_HONORIFIC_WORDS = {"ông", "bà", "Ông", "Bà", "đồng", "Đồng", "chí", "anh", "chị"}
# Words a role never contains: the role has ended ("Chủ tịch nước tặng … cho ông A").
_NOT_IN_ROLE = {"cho", "tặng", "trao", "đã", "được", "là", "nhận", "tại", "với", "về", "khi", "đến", "tới",
                "dự", "phát", "có", "cùng", "đề", "nhấn", "khẳng", "ghi", "chúc", "vừa", "sẽ", "đang"}
_ACTOR_VERB = re.compile(
    r"\s*(?:,\s*)?(?:(?:đã|cũng|đến|tới|về|đồng\s+chí)\s+)*(?:trao|phát\s+biểu|chủ\s+trì|dự|tham\s+dự|chúc\s+mừng|"
    r"chỉ\s+đạo|khai\s+mạc|bế\s+mạc|nhấn\s+mạnh|khẳng\s+định|đánh\s+giá|ghi\s+nhận|kết\s+luận|gửi|tặng|"
    r"biểu\s+dương|đề\s+nghị|yêu\s+cầu|phát\s+động|kêu\s+gọi|điều\s+hành|cho\s+biết)\b")
_ACTOR_BEFORE = re.compile(r"(?:^|[.;]\s*)(?:[Pp]hát\s+biểu|[Tt]hay\s+mặt|[Tt]ại\s+(?:hội\s+nghị|buổi\s+lễ|lễ|đại\s+hội))"
                           r"[^.;]{0,80},\s*$")


# Words after which a capitalised run starts with a place name: "UBND tỉnh Quảng Ninh …",
# "Bí thư Huyện ủy Lạc Dương …", "Chủ tịch UBND thị xã …".
_LOCALITY_WORDS = {"tỉnh", "huyện", "quận", "xã", "phường", "trấn", "phố", "TP", "TP.", "ủy", "uỷ"}


def _district_at_start(run: list[str]) -> int:
    """How many tokens a known district of a big city (_CITY_DISTRICTS) takes at the start of
    `run`: three-syllable ones ('Hai Bà Trưng', 'Ngũ Hành Sơn') and ones that open with a family
    name ('Lê Chân', 'Ngô Quyền') must not lend a syllable to the person after them."""
    text = normalize_tone_marks(" ".join(run))
    for name in _KNOWN_DISTRICTS:
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
        run = tokens[a:b + 1]
        offsets = list(range(len(run)))
        if a and tokens[a - 1] in _LOCALITY_WORDS:
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
_ADDRESSED = re.compile(rf"(?:[Đđ]ồng\s+chí|[Đđ]/c|Ông|Bà|\bông|\bbà|\banh|\bchị|{_RANK_RE.pattern})\s+")


def parse_attendees(sentences: list[str]) -> list[dict[str, str | None]]:
    """People the text says attended, chaired, spoke or handed out awards, with their titles."""
    people: list[dict[str, str | None]] = []

    def add(person: dict[str, str | None]) -> None:
        key = person["name"]
        known = next((p for p in people if p["name"] == key), None)
        if key and not known:
            people.append(person)
        elif known and person["title"] and len(person["title"]) > len(known["title"] or "") \
                and (not known["title"] or known["title"] in RANKS):
            # a caption names the rank only ("Thượng tá A trao …"), a headline the bare name
            # ("Đồng chí A dự Hội nghị …"); the role printed later completes it
            known.update(person)

    for s in sentences:
        # 1. "Đến dự có đồng chí A – title; đồng chí B, title …"
        for intro in _LIST_INTRO.finditer(s):
            rest = s[intro.end():].lstrip(": ")
            rest = re.sub(r"^(?:đồng\s+chí|đ/c)\s*:?\s*", "", rest)
            while rest:
                got = _parse_person_at(rest, need_marker=False) or parse_titled_person(rest)
                if not got:
                    break
                add(got[0])
                rest = rest[got[1]:]
                nxt = re.match(r"\s*(?:[;,]\s*(?:và\s+)?|\s+và\s+)(?:các\s+)?(?:(?:đồng\s+chí|ông|bà)\s+)?", rest)
                if not nxt:
                    break
                rest = rest[nxt.end():]
        # 2. "Đến dự và phát biểu tại hội nghị, Đại tá X - title …"
        for intro in _INTRO_COMMA.finditer(s):
            got = _parse_person_at(s[intro.end():], need_marker=False)
            if got:
                add(got[0])
        # 3. role-first people who chair, speak or award: "Phó Chủ tịch UBND tỉnh A và Chủ tịch
        #    LĐLĐ tỉnh B đã trao …", "Phát biểu tại hội nghị, Phó Thống đốc C khẳng định …"
        for person in _titled_actors(s):
            add(person)
        # 4. addressed or ranked people who speak, award or chair at the meeting
        if not _ATTEND_CUE.search(s):
            continue
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
                add(got[0])
    return people


# --- organiser, place, date ----------------------------------------------------------------

_ORGANISE = re.compile(
    r"(?:\s+(?:phối\s+hợp(?:\s+với)?|cùng\s+với|cùng)\s+[^,.]{1,80}?)?\s+(?:(?:đã|vừa|cũng|chính\s+thức|long\s+trọng|đăng\s+cai)\s+)*"
    r"(?:tổ\s+chức|sơ\s+kết|tổng\s+kết|tuyên\s+dương|biểu\s+dương|tôn\s+vinh|phát\s+động|k[ýí]\s+kết|k[ýí]\s+giao|"
    r"có\s+buổi|họp)\b")
_ADVERBIAL = re.compile(rf"^(?:{_DAY_PART}\b|[Vv]ừa\s+qua|[Mm]ới\s+đây|[Nn]hằm|[Đđ]ể|[Tt]rong\s|[Nn]hân\s|"
                        r"[Tt]ại\s|[Hh]ôm\s|[Cc]ùng\s+ngày|[Cc]ũng\s+trong|[Tt]rước\s+đó|[Vv]ào\s|[Ss]áng|[Cc]hiều|"
                        r"[Tt]ừ\s|[Dd]ịp\s+này|[Qq]ua\s|[Vv]ới\s|[Tt]heo\s|"
                        # purpose phrases: "Hướng tới Đại hội …, LĐLĐ tỉnh tổ chức …"
                        r"[Hh]ướng\s+(?:tới|về)\s|[Cc]hào\s+mừng\s|[Tt]iến\s+tới\s|[Hh]ưởng\s+ứng\s|"
                        r"[Tt]hực\s+hiện\s|[Kk]ỷ\s+niệm\s)")
_ROLE_APPOSITION = re.compile(r"\s+[-–—]\s+(?=(?:Chủ\s+đầu\s+tư|chủ\s+đầu\s+tư|đơn\s+vị|cơ\s+quan|Trưởng|"
                              r"Cụm\s+trưởng|Khối\s+trưởng|nhà\s+thầu))")
_CLUSTER_SUBJECT = re.compile(r"^(?:\d+\s+đơn\s+vị\s+(?:của|trong|thuộc)\s+)?(?:các\s+đơn\s+vị\s+(?:trong|thuộc)\s+)?"
                              r"(?:[Cc]ụm|[Kk]hối)\b")
_BY = re.compile(r"\b(?:của|do)\s+(?P<h>[^,.;]{2,90}?)\s+(?:đăng\s+cai\s+)?tổ\s+chức\b")
# "Hội nghị do UBND thị xã X - đơn vị Trưởng cụm năm 2016 - đăng cai tổ chức", "… do Trường Y,
# đơn vị Cụm trưởng, chủ trì": the unit hosting a cluster's meeting, with its role in apposition.
_HOSTED_BY = re.compile(r"\bdo\s+(?P<h>[^.;]{2,160}?)\s*[,–—-]?\s+(?:đăng\s+cai|chủ\s+trì|đứng\s+ra|tổ\s+chức)\b")
_MEETING_SUBJECT = re.compile(r"^(?:[Hh]ội\s+nghị|[Ll]ễ|[Bb]uổi\s+(?:lễ|tọa\s+đàm|họp|gặp\s+mặt)|[Đđ]ại\s+hội|"
                              r"[Tt]ọa\s+đàm|[Cc]hương\s+trình)\b[^.;]{0,60}?\bdo\s")
# Where an organisation's name ends and its role begins: ", đơn vị Cụm trưởng …", " - là đơn vị …",
# ", Trưởng khối …", or a comma before a lower-case word.
_APPOSITION_CUT = re.compile(r"\s*,\s*(?=(?:là\s+)?đơn\s+vị|cơ\s+quan\s+(?:thường|trưởng)|Cụm\s+(?:trưởng|phó)|"
                             r"Khối\s+(?:trưởng|phó)|Trưởng\s+(?:cụm|khối|Cụm|Khối)|[a-zđ])"
                             r"|\s+[-–—]\s+(?=(?:là\s+)?đơn\s+vị|Trưởng|Cụm|Khối|cơ\s+quan)|\s*\(")
_PERSON_START = re.compile(rf"(?:[Đđ]ồng\s+chí|Ông|Bà|ông|bà|{RANK_RE.pattern})\s")


def _is_unit(name: str) -> bool:
    """`name` starts like an organisation and not like a person ('Thượng tá A', 'Chủ tịch B'):
    what may host a meeting or own it."""
    return starts_with_org_head(name) and not _PERSON_START.match(name) and not _TITLE_START.match(name)


def hosted_by(text: str, *, meeting_subject: bool = True) -> str | None:
    """The organisation a sentence says hosts or chairs the meeting ('do X … đăng cai/chủ
    trì/tổ chức'), without its role apposition; None for a person ('do Thượng tá A chủ trì').
    With `meeting_subject`, only sentences about the meeting itself ('Hội nghị do …', 'Lễ …
    do …') count, so that 'phong trào do X tổ chức' elsewhere in the text does not."""
    if meeting_subject and not _MEETING_SUBJECT.match(text):
        return None
    m = _HOSTED_BY.search(text)
    if not m:
        return None
    host = _APPOSITION_CUT.split(m.group("h"))[0].strip(" ,–-")
    if not host or not _is_unit(host):
        return None
    return host


_CHAIRS = re.compile(r"\b(?:đăng\s+cai|chủ\s+trì)(?:\s+(?:tổ\s+chức|và\s+điều\s+hành))?"
                     r"(?P<what>\s+(?:hội\s+nghị|buổi|lễ|tọa\s+đàm|toạ\s+đàm)\b|\s*(?:[.;]|$))", _I)
# an apposition after the unit: ", đơn vị Cụm trưởng năm 2024", "- là đơn vị …", ", Trưởng khối năm 2024"
_ROLE_CLAUSE = re.compile(r"^(?:[a-zđ]|(?:Là\s+)?[Đđ]ơn\s+vị|[Cc]ơ\s+quan|(?:Phó\s+)?[Tt]rưởng\s+(?:[Kk]hối|[Cc]ụm)\b|"
                          r"(?:[Kk]hối|[Cc]ụm)\s+(?:trưởng|phó)\b)")
_SOON = re.compile(r"\b(?:sẽ|dự\s+kiến|được\s+giao|giao\s+cho|làm)\b", _I)


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
    before = text[:m.start()].strip()
    if _SOON.search(before[-40:]):
        return None
    before = re.sub(r"^(?:[Hh]ội\s+nghị|[Bb]uổi\s+\S+|[Ll]ễ)[^,]*?\bdo\s+", "", before)
    clauses = [c for c in _clauses(before) if c]
    while clauses and _ROLE_CLAUSE.match(clauses[-1]):
        clauses.pop()
    if not clauses:
        return None
    last = re.sub(r"\s*\([^()]*\)$", "", clauses[-1]).strip()
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
_ATTENDING = re.compile(r"\b(?:dự|tham\s+dự|chủ\s+trì|phát\s+biểu|trao)\b[^,.;]{0,40}?"
                        r"\b(?:hội\s+nghị|lễ|buổi(?:\s+lễ)?|đại\s+hội|tọa\s+đàm|toạ\s+đàm)\s*$", _I)
# "… Hội nghị tổng kết công tác thi đua năm 2024 của quận Cầu Giấy": the meeting's owner.
_OWNER = re.compile(r"\bcủa\s+(?P<h>(?!các\b|những\b)[^,.;()]{2,80}?)\s*(?=[,.;(]|$|\s+(?:do|tại|vào|diễn\s+ra|nhằm|với)\b)")


def _meeting_owner(text: str) -> str | None:
    """The organisation or locality a meeting phrase belongs to ('… của quận Cầu Giấy')."""
    for m in _OWNER.finditer(text):
        owner = m.group("h").strip()
        if _is_unit(owner):
            return owner
    return None


def parse_organiser(text: str) -> tuple[str | None, bool]:
    """(organiser as written, organised-by-the-cluster) from one sentence. When a person
    attending or chairing is the subject ("Phó Bí thư Thành ủy A dự và phát biểu tại Hội nghị
    … của quận B"), the organiser is the one a "của/do X tổ chức" names, else the meeting's
    owner ("của quận B"), never the person."""
    by = _BY.search(text)
    m = _ORGANISE.search(text)
    if m and _ATTENDING.search(text[:m.start()]):
        if by and by.group("h")[:1].isupper():
            return by.group("h").strip(), False
        return _meeting_owner(text[m.start():]), False
    if m:
        subject = text[:m.start()]
        subject = re.split(r"\s+(?:bao\s+)?gồm\b", subject)[0]
        parts = _clauses(subject, dashes=False)
        while parts and (not parts[0] or _ADVERBIAL.match(parts[0]) or _DATE.match(parts[0])):
            parts.pop(0)
        # ", đơn vị Cụm trưởng năm 2022," is an apposition, not a second organiser
        parts = parts[:1] + [p for p in parts[1:] if p[:1].isupper() or starts_with_org_head(p)]
        host = ", ".join(parts).strip(" ,.–-")
        host = _ROLE_APPOSITION.split(host)[0].strip()
        if host and (host[0].isupper() or starts_with_org_head(host)) and len(host) <= 160 \
                and not re.search(r"\b(?:đã|được|là)\b", host):
            if _CLUSTER_SUBJECT.match(host):
                return None, True
            return host, False
    if by:
        host = by.group("h").strip()
        if _CLUSTER_SUBJECT.match(host):
            return None, True
        if host[:1].isupper():
            return _complete_locality(host, text), False
    return None, bool(parse_cluster(text[:m.start()])) if m else False


_PLACE = re.compile(r"(?<![\w])[Tt]ại\s+(?!(?:hội\s+nghị|lễ|buổi|đại\s+hội|đây|đó|chỗ|các|mỗi|từng|cơ\s+sở\b)|"
                    r"(?:Hội\s+nghị|Lễ|Đại\s+hội)\b)(?P<p>[^,.;:()“”\"]{2,90})")
_PLACE_END = re.compile(r"\s+(?:đã|vừa|tổ\s+chức|diễn\s+ra|về|nhằm|để|với|do|trong|vào|chiều|sáng|tối|trưa|ngày|"
                        # a number ends the place unless it closes the name ("Trường THPT Triệu Sơn 2")
                        r"từ|cho|và\s+(?:đã|tổ))\b|\s+\d(?!\d?\s*$)")


_FROM_NOW = re.compile(r"\btừ\s+(?:nay|bây\s+giờ|ngày\s+phát\s+động)\s+(?:đến|tới)\s+(?:hết|cuối)\s+năm", _I)
_BUILDING = re.compile(r"(?:hội\s+trường|phòng\s+họp|trụ\s+sở)\b", _I)
_PLACE_ASIDE = re.compile(r"\s*(\((?:(?:thành\s+phố|TP\.?|tỉnh|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)"
                          r"\s+[^()]{1,40}|[A-ZĐ][^()]{0,40})\))")

_LOCALITY = re.compile(r"(?:thành\s+phố|[Tt]hành\s+phố|TP\.?|tỉnh|[Tt]ỉnh|huyện|[Hh]uyện|quận|[Qq]uận|thị\s+xã|[Tt]hị\s+xã|"
                       r"xã|[Xx]ã|phường|[Pp]hường|thị\s+trấn|[Tt]hị\s+trấn)\s+(?!ủy|uỷ|đoàn|đội)\S")


def parse_place(text: str) -> str | None:
    """'Vừa qua, tại Liên đoàn Lao động tỉnh Thanh Hóa, …' → 'Liên đoàn Lao động tỉnh Thanh Hóa'."""
    for m in _PLACE.finditer(text):
        place = m.group("p")
        end = _PLACE_END.search(place)
        if end:
            place = place[:end.start()]
        else:
            # "tại Trung tâm Hội nghị tỉnh (phường Bắc Giang)": a locality in brackets right
            # after the venue is part of the address as written, not an aside
            aside = _PLACE_ASIDE.match(text, m.end())
            if aside:
                place = place.rstrip() + " " + aside.group(1)
        place = place.strip(" -–")
        if place and (place[0].isupper() or starts_with_org_head(place)
                      or place.startswith(("trụ sở", "hội trường", "tỉnh"))):
            return place
    return None


def _find_date(text: str, published: date | None) -> tuple[int | None, int | None, int | None, bool]:
    """(day, month, year-if-printed, relative) of the first meeting day named in `text`."""
    m = _DATE.search(text)
    if m:
        d = int(m.group("d") or m.group("d2"))
        mo = int(m.group("m") or m.group("m2"))
        y = m.group("y") or m.group("y2")
        if 1 <= d <= 31 and 1 <= mo <= 12:
            year = int(y) + (2000 if len(y) == 2 else 0) if y else None
            return d, mo, year, False
    rel = _RELATIVE_DAY.search(text)
    if rel and published:
        back = 1 if "qua" in rel.group("rel") else 0
        day = published - timedelta(days=back)
        return day.day, day.month, day.year, True
    return None, None, None, False


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        pass
    try:
        found = parse_date(str(published))
        return date.fromisoformat(found[:10]) if found else None
    except (ValueError, TypeError):
        return None


_FULL_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})(?!\d)")


def occasion_year(text: str, d: int | None, m: int | None) -> int | None:
    """The year of the occasion a meeting marks, printed beside its day: 'Ngày 18-5, … tọa đàm
    … nhân kỷ niệm 127 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2017)' → 2017.

    A full date in the meeting's own sentence within a month of the meeting's day-month names
    the anniversary it is held for; the latest such year is the current one (the first is the
    founding year). None when the sentence prints no such date.
    """
    if not (d and m):
        return None
    years = []
    for found in _FULL_DATE.finditer(text):
        try:
            y = int(found.group("y"))
            when = date(y, int(found.group("m")), int(found.group("d")))
            meeting = date(y, m, d)
        except ValueError:
            continue
        if abs((when - meeting).days) <= 31:
            years.append(y)
    return max(years) if years else None


def resolve_date(d: int, m: int, year: int | None, *, published: date | None,
                 period: dict[str, str | None] | None, kind: str,
                 occasion_year: int | None = None) -> str | None:
    """A day-month plus the year: printed, else the publication's (a day after publication
    is last year's), else that of the anniversary the meeting marks (see `occasion_year`),
    else the period's (signings and launches open their period; reviews
    close theirs, the next January's review included; a mid-term review, "giữa nhiệm kỳ
    2016 - 2021", gives none). None when nothing gives a year."""
    def make(y: int) -> date | None:
        try:
            return date(y, m, d)
        except ValueError:
            return None

    if year:
        found = make(year)
        return found.isoformat() if found else None
    if published:
        found = make(published.year)
        if found and found > published + timedelta(days=7):
            found = make(published.year - 1)
        return found.isoformat() if found else None
    if occasion_year:
        found = make(occasion_year)
        return found.isoformat() if found else None
    if period and re.match(r"giữa\s", period.get("period_label") or "", _I):
        return None  # a mid-term review falls somewhere inside its term: no year follows
    if period and period.get("period_start") and period.get("period_end"):
        start = date.fromisoformat(period["period_start"])  # type: ignore[arg-type]
        end = date.fromisoformat(period["period_end"])  # type: ignore[arg-type]
        if kind in _FORWARD_KINDS:
            y = start.year - 1 if m >= 10 and start.month == 1 else start.year
        else:
            y = end.year
            candidate = make(y)
            if end.year == start.year and candidate and candidate < end - timedelta(days=60):
                y += 1
        found = make(y)
        return found.isoformat() if found else None
    return None


# --- assembling ----------------------------------------------------------------------------

_EVENT_TITLE = re.compile(r"(?<!tâm\s)(?<!Cung\s)(?<!trường\s)(?:[Hh]ội\s+nghị|[Bb]uổi\s+lễ|[Ll]ễ|[Đđ]ại\s+hội|[Bb]uổi\s+tọa\s+đàm|[Tt]ọa\s+đàm|"
                          r"[Bb]uổi\s+giao\s+lưu)\s+[^.;:]{3,200}")
_TITLE_END = re.compile(r"\s+(?:tại|do|diễn\s+ra|vào|của\s+(?:Tổng\s+)?[A-ZĐ]|chiều|sáng|ngày|với\s+sự|nhằm)\b"
                        r"|,\s(?!khen\s+thưởng)|\s+\(")


def _meeting_title(text: str, kind: str) -> str | None:
    m = _EVENT_TITLE.search(text)
    if not m:
        return None
    title = m.group(0)
    end = _TITLE_END.search(title, 5)
    if end:
        title = title[:end.start()]
    title = title.strip(" ,.")
    return title[0].upper() + title[1:] if title else None


def _province_fields(provinces: list[str], on: date | None) -> dict[str, Any]:
    if not provinces:
        return {"province": None, "province_former": None, "province_code": None,
                "province_former_code": None, "provinces": []}
    try:
        r = province_regimes(provinces[0], on=on)
    except ValueError:
        return {"province": provinces[0], "province_former": None, "province_code": None,
                "province_former_code": None, "provinces": provinces}
    return {"province": r["province"], "province_former": r["province_former"],
            "province_code": r["code_current"], "province_former_code": r["code_former"],
            "provinces": provinces}


# Districts of the centrally-run cities whose names no other province's district shares, so that
# "LĐLĐ quận 8", "Quận đoàn … quận Đống Đa", "CAH Phú Xuyên", "UBND xã … (huyện Hòa Vang)" give the
# city when the text never names it (the reporter's city paper takes it for granted). Districts
# named like another province's ("huyện Phong Điền", "quận/huyện Tân Phú", "Bình Tân", "An Lão",
# "Vĩnh Thạnh", "Sơn Tây" as a huyện) are left out; a numbered quận is Hồ Chí Minh City's.
_CITY_DISTRICTS: dict[str, dict[str, tuple[str, ...]]] = {
    "Hà Nội": {
        "quận": ("Ba Đình", "Hoàn Kiếm", "Hai Bà Trưng", "Đống Đa", "Tây Hồ", "Cầu Giấy", "Thanh Xuân",
                 "Hoàng Mai", "Long Biên", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông"),
        "huyện": ("Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh", "Ba Vì", "Phúc Thọ", "Đan Phượng",
                  "Hoài Đức", "Quốc Oai", "Thạch Thất", "Chương Mỹ", "Thanh Oai", "Thường Tín", "Phú Xuyên",
                  "Ứng Hòa", "Mỹ Đức", "Từ Liêm"),
        "thị xã": ("Sơn Tây",),
    },
    "TP. Hồ Chí Minh": {
        "quận": ("Bình Thạnh", "Gò Vấp", "Phú Nhuận", "Tân Bình", "Tân Phú", "Bình Tân", "Thủ Đức"),
        "huyện": ("Củ Chi", "Hóc Môn", "Bình Chánh", "Nhà Bè", "Cần Giờ"),
    },
    "Đà Nẵng": {
        "quận": ("Hải Châu", "Thanh Khê", "Sơn Trà", "Ngũ Hành Sơn", "Liên Chiểu", "Cẩm Lệ"),
        "huyện": ("Hòa Vang",),
    },
    "Hải Phòng": {
        "quận": ("Hồng Bàng", "Ngô Quyền", "Lê Chân", "Hải An", "Kiến An", "Đồ Sơn", "Dương Kinh"),
        "huyện": ("Kiến Thụy", "Tiên Lãng", "Vĩnh Bảo", "Cát Hải", "Bạch Long Vĩ"),
    },
    "Cần Thơ": {
        "quận": ("Ninh Kiều", "Bình Thủy", "Cái Răng", "Ô Môn", "Thốt Nốt"),
        "huyện": ("Cờ Đỏ", "Thới Lai"),
    },
}
_DISTRICT_WORD = {"quận": r"(?:[Qq]uận|Q\.|CAQ)", "huyện": r"(?:[Hh]uyện|H\.|CAH)", "thị xã": r"(?:[Tt]hị\s+xã|TX\.?|CATX)"}


def _district_patterns() -> list[tuple[re.Pattern[str], str]]:
    out = [(re.compile(r"(?<!\w)(?:[Qq]uận|Q\.|CAQ)\s*\d{1,2}\b"), "TP. Hồ Chí Minh")]
    for city, kinds in _CITY_DISTRICTS.items():
        for kind, names in kinds.items():
            alt = "|".join(re.escape(normalize_tone_marks(n)) for n in names)
            out.append((re.compile(rf"(?<!\w){_DISTRICT_WORD[kind]}\s*(?:{alt})(?!\w)"), city))
    return out


_DISTRICTS = _district_patterns()
_KNOWN_DISTRICTS = sorted({normalize_tone_marks(n) for kinds in _CITY_DISTRICTS.values() for names in kinds.values()
                           for n in names}, key=len, reverse=True)


def city_of_district(text: str) -> str | None:
    """The centrally-run city whose district `text` names ('LĐLĐ quận 8' → TP. Hồ Chí Minh,
    'CAH Phú Xuyên' → Hà Nội), None when it names none of the listed districts."""
    text = normalize_tone_marks(text or "")
    hits = [(m.start(), city) for pattern, city in _DISTRICTS for m in [pattern.search(text)] if m]
    return min(hits)[1] if hits else None


def _meeting_provinces(parts: list[str | None], whole: str) -> list[str]:
    """Provinces the meeting's own phrases name (organiser, place, cluster, sentence, headline,
    lead — in that order), else the city of a district they name, else a province `whole`
    names twice, else the only one it names as an administrative unit."""
    parts = list(dict.fromkeys(p for p in parts if p))  # the lead's first sentence is often `s`
    found: list[str] = []
    for part in parts:
        for p in find_provinces(part):
            if p not in found:
                found.append(p)
    if found:
        return found
    for part in parts:
        city = city_of_district(part)
        if city:
            return [city]
    named = find_provinces(whole)
    text = normalize_tone_marks(whole)
    counts: dict[str, int] = {}
    for pattern, target in _PROVINCE_PATTERNS:
        if target in named:  # every written form counts, overlapping ones included
            counts[target] = counts.get(target, 0) + len(pattern.findall(text))
    frequent = [p for p in named if counts.get(p, 0) >= 2]
    if frequent:
        return frequent[:1]
    # a district's meeting whose province appears once, as an administrative unit in a guest's
    # title ("Phó Chủ tịch UBND tỉnh Quảng Ninh …"): the only province the article names is the
    # meeting's. A bare place name ("tượng đài … tại Hà Tĩnh") is not enough.
    if len(named) == 1 and find_provinces(" ".join(
            m.group(0) for m in re.finditer(r"\b(?:tỉnh|thành\s+phố|TP\.?)\s+\S+(?:\s+\S+){0,3}", text))):
        return named
    return []


def _is_member(place: str, members: list[str]) -> bool:
    """'xã Tuy An Bắc' is one of ['Tuy An Bắc', 'Tuy An Nam', …]; 'thị xã Bỉm Sơn' of ['thị xã
    Bỉm Sơn', 'huyện Hà Trung', …]. Compared without the locality kind and tone-mark style."""
    def bare(name: str) -> str:
        return normalize_tone_marks(re.sub(rf"^{_LOCALITY_KIND}\s+", "", name.strip(), flags=_I)).lower()

    return bool(place) and bare(place) in {bare(m) for m in members}


def _member_provinces(members: list[str]) -> list[str]:
    """Provinces of a cluster whose members are all provinces ('Cụm thi đua 5 tỉnh Tây Nguyên
    gồm Kon Tum, Gia Lai, …', 'LĐLĐ 6 tỉnh: Thanh Hóa, …'); [] otherwise."""
    found: list[str] = []
    for member in members:
        named = find_provinces(member)
        if len(named) != 1:
            return []
        if named[0] not in found:
            found.append(named[0])
    return found if len(found) >= 2 else []


# Fields copied from the article, given back in its own tone-mark spelling (see _respell);
# cluster_name is canonical on purpose (parse_cluster) and provinces come from archive.places.
_AS_WRITTEN = ("title", "period_label", "host", "place")
_PERSON_AS_WRITTEN = ("name", "title", "organisation")


def _respell(rows: list[dict[str, Any]], written: str) -> list[dict[str, Any]]:
    """Put the article's tone-mark spelling back into the fields copied from it.

    The rules read the text with modern placement (`_prepare`), but labels and the archive keep
    names as written ('Tỉnh uỷ' stays 'Tỉnh uỷ'). Retoning keeps every character in place, so a
    value found in the retoned text is sliced from the same offsets of the text as written; a
    value the extractor composed (a meeting title) is respelled word by word, for the words the
    article writes only the old way."""
    retoned = normalize_tone_marks(written)
    if retoned == written:
        return rows
    words: dict[str, str] = {}
    modern_seen: set[str] = set()
    for word in re.findall(r"\w+", written):
        modern = normalize_tone_marks(word)
        if modern != word:
            words.setdefault(modern, word)
        else:
            modern_seen.add(word)

    def back(value: Any) -> Any:
        if not isinstance(value, str) or not value:
            return value
        at = retoned.find(value)
        if at >= 0:
            return written[at:at + len(value)]
        return re.sub(r"\w+", lambda m: m.group(0) if m.group(0) in modern_seen
                      else words.get(m.group(0), m.group(0)), value)

    for row in rows:
        for key in _AS_WRITTEN:
            row[key] = back(row.get(key))
        row["members"] = [back(x) for x in row.get("members") or []]
        for person in row.get("attendees") or []:
            for key in _PERSON_AS_WRITTEN:
                person[key] = back(person.get(key))
    return rows


def extract_meetings(title: str, body: str, *, lead: str | None = None,
                     published: str | None = None) -> list[dict[str, Any]]:
    """Meetings reported in an article, the headline meeting first; [] when it reports none.

    Keys: the `meetings` columns (README, "Schema"; see `_build`) plus `kinds`, `provinces`,
    `members` (names as written) and `attendees` ({name, title, organisation}).

    The rules read the text with modern tone-mark placement (`_prepare`: 'toạ đàm' is 'tọa
    đàm'), and the fields copied from the text come back in the article's own spelling."""
    rows = _extract(title, body, lead=lead, published=published)
    written = "\n".join(repair_glued(clean_text(t)) for t in (title, lead, body) if t)
    return _respell(rows, written)


def _extract(title: str, body: str, *, lead: str | None, published: str | None) -> list[dict[str, Any]]:
    title_t, lead_t, body_t = _prepare(title), _prepare(lead), _prepare(body)
    sentences = _sentences(title_t, lead_t, body_t)
    if not sentences:
        return []
    headline = title_t
    opening_s = next((x for x in sentences if x.where != "title"), None)  # the lead's first sentence
    lead_first = opening_s.text if opening_s else ""
    if _PRESS.search(lead_first) or _PRESS.search(title_t):
        return []  # a press conference announcing or presenting an event is not the event
    if len(_INTERVIEW_TURN.findall(f"{lead_t}\n{body_t}")) >= 2:
        return []  # an interview: the meetings the interviewee recalls are not reported
    events = [e for s in sentences if (e := _qualifies(s, headline))]
    if opening_s and not any(e.sentence is opening_s for e in events):
        named = _event_named_by_headline(opening_s, headline)
        if named:
            events = sorted([*events, named], key=lambda e: e.sentence.index)
    if events and opening_s and _opens_other_event(opening_s, headline):
        # The article reports another kind of event (an organisation's congress, an executive
        # session, a training course); what refers back to it ("Tại đại hội, … tuyên dương …",
        # "Dịp này, …") is part of it. Only a sentence opening with its own day or "Cùng
        # ngày …" can still report a separate emulation meeting.
        events = [e for e in events if e.sentence.where != "title" and _NEW_EVENT.match(e.sentence.text)
                  and not _BACK_REFERENCE.match(e.sentence.text)]
    if not events:
        return []
    text_events = [e for e in events if e.sentence.where != "title"]
    title_event = events[0] if events[0].sentence.where == "title" else None
    pub = _parse_published(published)
    # A summary sentence ("hai cụm, khối thi đua đã tổ chức…") names no day, organiser or
    # cluster; when a later sentence reports one meeting concretely, that one leads.
    primary = next((e for e in text_events if _concrete(e.sentence.text)), None) \
        or (text_events[0] if text_events else events[0])
    starts = [primary]
    keys = {_row_key(primary.sentence.text)}
    for e in text_events:
        if e.sentence.index <= primary.sentence.index:
            continue
        if _BACK_REFERENCE.match(e.sentence.text) or not _NEW_EVENT.match(e.sentence.text):
            continue
        key = _row_key(e.sentence.text)
        if key and key not in keys:
            keys.add(key)
            starts.append(e)
    # Each meeting owns its sentence and those after it, up to the next meeting's sentence.
    bounds = [e.sentence.index for e in starts[1:]]
    rows = []
    for n, e in enumerate(starts):
        if n == 0:
            own = [x.text for x in sentences if not bounds or x.index < bounds[0]]
        else:
            end = bounds[n] if n < len(bounds) else 10**9
            own = [x.text for x in sentences if e.sentence.index <= x.index < end]
        rows.append(_build(e, title_event if n == 0 else None, sentences, own, headline, lead_first, pub,
                           primary=n == 0, inherit=rows[0] if rows else None))
    return rows


# "tổ chức Liên hoan “Cháu ngoan Bác Hồ” lần thứ VIII", "tổ chức Lễ …", "tổ chức Chương trình …":
# an event organised, whatever its name says.
_HOLDS_EVENT = re.compile(r"\btổ\s+chức\s+(?:long\s+trọng\s+)?(?:hội\s+nghị|buổi\s+lễ|lễ|liên\s+hoan|"
                          r"chương\s+trình|(?:buổi\s+)?gặp\s+mặt|ngày\s+hội|hội\s+diễn|đại\s+hội)\b", _I)


def _event_named_by_headline(opening: Sentence, headline: str) -> Event | None:
    """The opening sentence as the report of the meeting the headline names.

    A headline often carries the agenda ("Quảng Trị tuyên dương 95 đội viên “Cháu ngoan Bác
    Hồ”") while the lead only says that an event was held, under its own name ("Sáng nay, …
    Tỉnh đoàn … tổ chức Liên hoan “Cháu ngoan Bác Hồ” lần thứ VIII"). When the headline has a
    trigger, the lead names a day (or other evidence) and an organised event, and nothing in
    the lead makes it another kind of event (a congress, an executive session, a training
    course, a press conference, a plan), the lead reports the headline's meeting, of the
    headline's kind.
    """
    title_triggers = _triggers(headline, headline)
    text = opening.text
    if not title_triggers or _CONGRESS.search(headline) or _EXECUTIVE.search(headline):
        return None
    held = _HOLDS_EVENT.search(text)
    if not held or not (_names_day(text) or _EVIDENCE.search(text)):
        return None
    before = text[:held.start()]
    if _plain(_DISQUALIFY, before) or _AGGREGATE.search(before) or _PRESS.search(text) \
            or _EXECUTIVE.search(text) or _TRAINING.search(text) or _STATUTORY.search(text) \
            or _congress_event(text):
        return None
    kinds = list(dict.fromkeys(kind for _pos, kind in title_triggers))
    return Event(opening, kinds[0], kinds, held.start())


# An office issuing a document: "ban hành Kế hoạch tổ chức phong trào thi đua …", "ký Quyết định
# tặng Bằng khen cho …" — what follows ("Theo đó, trước ngày 28-2, các cụm tổ chức …") is its content.
_DOCUMENT = re.compile(r"\b(?:ban\s+hành|k[ýí]|phê\s+duyệt)\s+(?:các\s+)?(?:Quyết\s+định|Kế\s+hoạch|Hướng\s+dẫn|"
                       r"Chỉ\s+thị|Công\s+văn|Thông\s+báo|Nghị\s+quyết)\b", _I)
# One unit's own ceremony: an anniversary of its founding, receiving an order or a flag, an
# opening; honours handed out "tại buổi lễ" belong to it. A ceremony about emulation itself
# ("Lễ kỷ niệm … Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc") is not one of these.
_CEREMONY = re.compile(r"(?:[Ll]ễ|[Bb]uổi\s+lễ)\s+(?:kỷ\s+niệm|đón\s+nhận|công\s+bố|khánh\s+thành|khai\s+giảng|"
                       r"bế\s+giảng|ra\s+mắt|tri\s+ân)|\bđón\s+nhận\s+(?:Huân\s+chương|Huy\s+chương|Cờ|danh\s+hiệu|"
                       r"Bằng\s+khen)")


def _opens_other_event(opening: Sentence, headline: str) -> bool:
    """Whether the article's first sentence reports a non-emulation event as what happened:
    a congress of an organisation, an executive-committee session, a training course, a unit's
    statutory annual conference (hội nghị cán bộ, công chức, viên chức / người lao động), an
    office issuing a plan or a decision, or one unit's own ceremony (anniversary, receiving an
    order) — and is not itself an emulation meeting report."""
    text = opening.text
    if _qualifies(opening, headline):
        return False
    if not (_EVIDENCE.search(text) or _names_day(text) or re.search(r"\btổ\s+chức\b", text, _I)):
        return False
    congress = _congress_event(text)
    ceremony = _CEREMONY.search(text)
    if ceremony and re.search(r"thi\s+đua", text[ceremony.start():ceremony.end() + 80], _I):
        ceremony = None
    return bool((congress and not _EMULATION_CONGRESS.match(congress.group(0)))
                or _EXECUTIVE.search(text) or _TRAINING.search(text) or _STATUTORY.search(text)
                or _DOCUMENT.search(text) or ceremony)


def _concrete(text: str) -> bool:
    host, by_cluster = parse_organiser(text)
    return bool(_names_day(text) or host or by_cluster or parse_cluster(text))


def _row_key(text: str) -> str:
    host, _ = parse_organiser(text)
    cluster = parse_cluster(text)
    return (host or (cluster or {}).get("cluster_name") or "").lower()


# "phấn đấu hoàn thành … các chỉ tiêu thi đua năm 2013", "mục tiêu năm 2014", "sẽ … trong năm
# 2014": a target, not the period a meeting reviews.
_TARGET = re.compile(r"\b(?:phấn\s+đấu|chỉ\s+tiêu|mục\s+tiêu|sẽ|dự\s+kiến|kế\s+hoạch)\b", _I)


def _without_targets(text: str) -> str:
    """`text` without the clauses (between commas and semicolons) that state a target; used
    when the period is looked for in the whole article, far from the meeting's sentence."""
    return "".join(c for c in re.split(r"(?<=[,;])", text) if not _plain(_TARGET, c))


# Sentences that say what else happened at the meeting: "Dịp này, … ký kết giao ước thi đua năm
# 2025", "Tại hội nghị, …", "Kết thúc hội nghị, …", "Ngay tại hội nghị, …".
_AT_MEETING = re.compile(r"^(?:Kết\s+thúc|Ngay\s+tại|Cũng\s+tại|Trong\s+khuôn\s+khổ)\s+(?:hội\s+nghị|buổi|lễ|chương\s+trình)",
                         _I)


def _kinds_at_meeting(event: Event, own: list[str], headline: str) -> list[str]:
    """The meeting's kinds: those of its own sentence, then those of the sentences that report
    what else was done at it (a signing or an honouring after a year-end review)."""
    kinds = list(event.kinds)
    for part in own:
        if part == event.sentence.text or not (_BACK_REFERENCE.match(part) or _AT_MEETING.match(part)):
            continue
        if _plain(_DISQUALIFY, part) or _PERSONAL_HONOUR.search(part):
            continue
        for _pos, kind in _triggers(part, headline):
            if kind not in kinds and kind not in ("tọa đàm", "other"):
                kinds.append(kind)
    return kinds


def _build(event: Event, title_event: Event | None, sentences: list[Sentence], all_text: list[str],
           headline: str, lead_first: str, pub: date | None, *, primary: bool,
           inherit: dict[str, Any] | None = None) -> dict[str, Any]:
    s = event.sentence.text
    idx = next(i for i, x in enumerate(sentences) if x is event.sentence)
    window = [x.text for x in sentences[idx:idx + 3]]
    # "Hội nghị diễn ra sáng 29/3 tại …": a sentence right after that describes the meeting
    follow = [x for x in window[1:] if _DESCRIBES.match(x)]
    context = [s, *follow, headline, lead_first] if primary else [s, *follow]

    kind = event.kind
    if primary and title_event and title_event.kind != kind and kind in ("tọa đàm", "other"):
        kind = title_event.kind

    period = None
    for part in context:
        period = parse_period(part)
        if period:
            break
    if not period and primary:
        for part in all_text:
            period = parse_period(_without_targets(part))
            if period:
                break

    cluster = None
    for part in context:
        cluster = parse_cluster(part)
        if cluster:
            break
    if primary and not cluster:
        for part in all_text:
            cluster = parse_cluster(part, numbered_only=True)
            if cluster:
                break

    host, by_cluster = parse_organiser(s)
    if primary and not host and not by_cluster and title_event:
        host, by_cluster = parse_organiser(title_event.sentence.text)
    place = parse_place(s)
    if not place:
        for nxt in follow:
            place = parse_place(nxt)
            if place:
                break
    if host and _LOCALITY.match(host):
        # "… Hội nghị … của quận B" + "Hội nghị do UBND quận B tổ chức": the unit, not its place
        unit = next((h for part in all_text if (h := hosted_by(part)) and host.lower() in h.lower()), None)
        host = unit or host
    if not host:
        # the cluster (or nobody) is the subject: a unit named as hosting/chairing it is the host
        for part in all_text:
            host = hosted_by(part, meeting_subject=part != s) or hosting_unit(part) or None
            if host:
                break
    d = mo = y = None
    dated = ""
    # the headline last: "Sáng 10/7, Hội LHPN tỉnh … sơ kết …" may be the only place of the day
    for dated in ([s, *follow, lead_first, headline] if primary else [s, *follow]):
        d, mo, y, _rel = _find_date(dated, pub)
        if d:
            break
    meeting_date = resolve_date(d, mo, y, published=pub, period=period, kind=kind,
                                occasion_year=occasion_year(dated, d, mo)) if d and mo else None
    if not meeting_date and inherit and re.match(_SAME_DAY, s):
        meeting_date = inherit.get("meeting_date")
    if period and meeting_date and period["period_start"] and \
            period["period_start"] < meeting_date <= (period["period_end"] or "") and \
            any(_FROM_NOW.search(part) for part in all_text):
        # "phát động … từ nay đến hết năm 2025": the campaign runs from the meeting on
        period = {**period, "period_start": meeting_date}

    members = None
    for part in [s] + all_text:
        if _CLUSTER_WORD.search(part) or re.search(r"\b(?:cụm|khối)\b", part, _I):
            members = parse_members(part)
            if members:
                break

    # "tại hội trường / phòng họp / trụ sở X" only says where: the labelled real texts name no
    # host for such a venue (rw-007, "Tại trụ sở CAH Phú Xuyên, 9 đơn vị của Cụm …"), and the
    # blind sets labelled to that README agree for halls of member units.
    hall = "" if _BUILDING.match(place or "") else (place or "")
    hall = re.sub(r"\s*\([^()]*\)$", "", hall)  # the organisation, not its address
    # A cluster meeting held AT an organisation ("tại Liên đoàn Lao động tỉnh, Cụm thi đua số 7
    # … tổ chức", the seed) is hosted by it. A town is only a place — unless the cluster is made
    # of towns and districts and this is one of them ("tại thị xã B, Cụm … gồm thị xã B, huyện
    # C …": the member district hosts).
    if not host and by_cluster and hall and starts_with_org_head(hall) \
            and (not _LOCALITY.match(hall) or _is_member(hall, members or [])):
        host = hall

    if host:
        # one organisation, one spelling: a host that is one of the members is written as the
        # member list writes it ("Đảng ủy khối các cơ quan tỉnh … chủ trì" → "Đảng ủy Khối …")
        same = [m for m in members or [] if normalize_tone_marks(m).lower() == normalize_tone_marks(host).lower()]
        host = same[0] if same else host

    attendees = parse_attendees(all_text)

    provinces = _meeting_provinces([host, place, cluster and cluster["cluster_name"], s]
                                   + ([headline, lead_first] if primary else []),
                                   " ".join(all_text) if primary else "")
    for province in _member_provinces(members or []):
        if province not in provinces:
            provinces.append(province)  # an inter-provincial cluster's meeting concerns all of them
    if not provinces and inherit:
        provinces = list(inherit.get("provinces") or [])  # "Cùng ngày, LĐLĐ huyện B …": same article, same province
    on = date.fromisoformat(meeting_date) if meeting_date else pub
    confidence = 0.5 + 0.1 * sum(bool(x) for x in (meeting_date, period, host or cluster, place)) \
        + (0.05 if event.kind != "other" else 0)

    row: dict[str, Any] = {
        "kind": kind,
        "kinds": _kinds_at_meeting(event, all_text, headline),
        "title": _meeting_title(s, kind) or (title_event and _meeting_title(title_event.sentence.text, kind)),
        "period_label": period["period_label"] if period else None,
        "period_start": period["period_start"] if period else None,
        "period_end": period["period_end"] if period else None,
        "cluster_kind": cluster["cluster_kind"] if cluster else None,
        "cluster_name": cluster["cluster_name"] if cluster else None,
        "cluster_number": cluster["cluster_number"] if cluster else None,
        "host": host,
        "place": place,
        "meeting_date": meeting_date,
        **_province_fields(provinces, on),
        "confidence": round(min(confidence, 0.95), 2),
        "members": members or [],
        "attendees": attendees,
        "extractor_version": EXTRACTOR_VERSION,
    }
    return row
