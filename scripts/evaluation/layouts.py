"""How a labelled text item is read into title, lead, body and published time, by its layout.

The project's own labelled sets are written in the layouts of the sources they imitate (see each
set's README): the aggregator crawls (2013: title, sapo, body, a "dd/mm/yy HH:MM GMT+7" line,
category, tags, outlet; 2017: title, sapo, body; 2025 CSV row: title, content, ISO time, author,
url), a newspaper page (blind5: title, the page's date line, sapo, paragraphs), a portal item
(blind6: the portal's meta line in place of the date line), a sector site's item (blind7: a
breadcrumb above the headline), a PDF bulletin's item (blind8: the masthead's day, the rest through
extract_text), an official document as a portal publishes it and a radio/TV news transcript
(blind10), a post saved from a unit's social page or messaging channel and an e-mailed newsletter
(blind12). `split_item` picks the layout from the text itself, as a crawler would; the published
time is read from the file, never from gold.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

_DATE_2013 = re.compile(r"^(\d{2})/(\d{2})/(\d{2}) (\d{2}):(\d{2}) GMT")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# A newspaper page's own date line under the headline: "Thứ Năm, 03/01/2019 - 08:15",
# "16/07/2021 10:05", "Chủ nhật, 07/06/2020, 07:30 (GMT+7)", "Thứ Sáu, 10/10/2025 | 09:30".
_PAGE_DATE = re.compile(r"^(?:(?:Thứ\s+\S+|Chủ\s+[Nn]hật)\s*,\s*)?(\d{1,2})/(\d{1,2})/(\d{4})\s*[-|,]?\s*(\d{1,2}):(\d{2})")


# A government portal's meta line under the headline (blind6): "Ngày đăng: 22/12/2025 16:40 | Lượt
# xem: 317", "Cập nhật lúc: 10:25 - 18/07/2019", "Ngày cập nhật: 21/07/2023 14:05:12", "Đăng ngày:
# 31/05/2024 - 15:20" (day then time, or time then day).
_PORTAL_DATE = re.compile(
    r"^(?:Ngày\s+đăng|Đăng\s+ngày|Ngày\s+cập\s+nhật|Cập\s+nhật(?:\s+lúc)?)\s*:?\s*"
    r"(?:(\d{1,2})/(\d{1,2})/(\d{4})\s*[-|,]?\s*(\d{1,2}):(\d{2})"
    r"|(\d{1,2}):(\d{2})(?::\d{2})?\s*[-|,]?\s*(\d{1,2})/(\d{1,2})/(\d{4}))", re.IGNORECASE)


def _date_line(line: str) -> tuple[str, str, str, str, str] | None:
    """(day, month, year, hour, minute) of a newspaper page's date line or a portal's meta line."""
    page = _PAGE_DATE.match(line)
    if page:
        d, mo, y, hh, mm = page.groups()
        return d, mo, y, hh, mm
    portal = _PORTAL_DATE.match(line)
    if not portal:
        return None
    g = portal.groups()
    return (g[0], g[1], g[2], g[3], g[4]) if g[0] else (g[7], g[8], g[9], g[5], g[6])


def _split_page_text(lines: list[str], published: tuple[str, str, str, str, str]) -> dict[str, Any]:
    """The newspaper page layout (and the portal layout of blind6): title, the page's date line
    (the portal's meta line), sapo, then paragraphs (captions and the byline, or the portal's
    "Tác giả:" / "Nguồn:" lines, among them) separated by blank lines."""
    d, mo, y, hh, mm = published
    rest = [line.strip() for line in lines[2:]]
    while rest and not rest[0]:
        rest.pop(0)
    lead = rest.pop(0) if rest else None
    paragraphs = [line for line in rest if line]
    return {"title": lines[0].strip(), "lead": lead, "body": "\n\n".join(paragraphs),
            "published": f"{int(y):04d}-{int(mo):02d}-{int(d):02d}T{int(hh):02d}:{mm}:00+07:00"}


# A sector or union website's breadcrumb above the headline (blind7): "Trang chủ » Tin tức - Sự kiện »
# Thi đua - Khen thưởng", "Trang chủ > Hoạt động Công đoàn > …", "Trang chủ / Tin tức / …".
BREADCRUMB = re.compile(r"^(?:Trang\s+chủ|Trang\s+nhất)\s*[»>›/|]", re.IGNORECASE)


# A bulletin's masthead above one of its items (blind8: a PDF "Bản tin" of a mass organisation
# converted to text): "BẢN TIN HỘI NÔNG DÂN TỈNH ĐỒNG NAI - Số 12 (205), ngày 26/12/2025",
# "Bản tin Phụ nữ Bình Dương | Số 1/2025 | Phát hành ngày 10/01/2025". It carries the issue's day,
# read by the project's one date parser (archive.dates.parse_date).
BULLETIN = re.compile(r"^B[ảẢ]n\s+tin\b", re.IGNORECASE)


def _split_bulletin(lines: list[str], day: str) -> dict[str, Any]:
    """A bulletin item converted from PDF: the masthead gives the issue's day; the rest is read by
    the product's own text path (archive.extract.extract_text), as a stored text would be — every
    hard line break a paragraph break, the repeated page headers and footers left in the body."""
    from archive.extract import extract_text

    published = f"{day[:10]}T00:00:00+07:00"
    record = extract_text("\n".join(lines[1:]), published)
    return {"title": record["title"] or "", "lead": record["lead"], "body": record["body"],
            "published": record["published_at"]}


def _bulletin_day(line: str) -> str | None:
    """The issue's day printed in a bulletin's masthead ("… - Số 12/2024 - ngày 14/12/2024")."""
    from archive.dates import parse_date

    return parse_date(line) if BULLETIN.match(line.strip()) else None


# An official document as a portal publishes it (blind10): the issuer and the national motto in
# the header ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", often on the same lines as the issuer, in two
# columns), the number ("Số: 12/TB-CTĐ5"), the place and date line ("Lào Cai, ngày 5 tháng 7 năm
# 2024"), the document's kind in capitals on a line of its own and its subject on the lines after
# it. The date line is the document's day, not the meeting's.
NATIONAL_MOTTO = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM")
DOCUMENT_KIND = re.compile(r"^(?:THÔNG BÁO|BIÊN BẢN|BÁO CÁO|QUYẾT ĐỊNH|KẾ HOẠCH|HƯỚNG DẪN|TỜ TRÌNH|CÔNG VĂN)$")
DOCUMENT_DAY = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")


def is_document(lines: list[str]) -> bool:
    """A document's header: the national motto within its first eight lines."""
    return any(NATIONAL_MOTTO.search(line) for line in lines[:8])


def _split_document(lines: list[str]) -> dict[str, Any]:
    """Title: the kind's line and the subject lines up to the first blank line; published: the
    header's place and date line; body: every other non-blank line (header, text, signature and
    the "Nơi nhận:" tail, as the portal prints them), each a paragraph; no lead."""
    from archive.dates import parse_date

    stripped = [line.strip() for line in lines]
    start = next(i for i, line in enumerate(stripped) if DOCUMENT_KIND.match(line))
    end = next((i for i in range(start + 1, len(stripped)) if not stripped[i]), len(stripped))
    day = next(parse_date(line) for line in stripped[:start] if DOCUMENT_DAY.search(line))
    body = [line for i, line in enumerate(stripped) if line and not start <= i < end]
    return {"title": " ".join(stripped[start:end]), "lead": None, "body": "\n\n".join(body),
            "published": f"{day[:10]}T00:00:00+07:00"}


# A radio/TV news transcript as a station publishes it (blind10): the station and programme with
# the day of the broadcast on the first line ("Đài Phát thanh và Truyền hình Hà Tĩnh | Thời sự
# 19h00 | 19/12/2024", "ĐÀI PT-TH YÊN BÁI - THỜI SỰ TỐI 13/12/2024", after the 2025 mergers "Báo và
# Phát thanh, Truyền hình Lâm Đồng | …"), the item's headline, the anchor's lead ("Thưa quý vị,
# chiều nay, …"), the reporter's text with interview bites in brackets, the credit "(Tin: …; Hình: …)".
BROADCAST = re.compile(r"^(?:Đài|Báo\s+và)\s+(?:Phát\s+thanh|PT-?TH)\b", re.IGNORECASE)


def _broadcast_day(line: str) -> str | None:
    """The day of the broadcast on a transcript's first line."""
    from archive.dates import parse_date

    return parse_date(line) if BROADCAST.match(line.strip()) else None


def _split_broadcast(lines: list[str], day: str) -> dict[str, Any]:
    """Title: the item's headline; lead: the anchor's first paragraph; body: the rest."""
    rest = [line.strip() for line in lines[2:] if line.strip()]
    return {"title": lines[1].strip(), "lead": rest[0] if rest else None, "body": "\n\n".join(rest[1:]),
            "published": f"{day[:10]}T00:00:00+07:00"}


# A post saved from a unit's social page or messaging channel (blind12: Facebook fanpages, Zalo
# official accounts). A post has no title: the item file's first line is the saver's stamp — the
# platform, the page's name and when the post was saved ("Facebook · Công đoàn Viên chức tỉnh
# Quảng Bình · lưu lúc 17/01/2025 10:02") —, the second the post's time as the page showed it,
# often relative to that moment ("2 ngày trước", "5 giờ", "Hôm qua lúc 16:05", "15 tháng 1 lúc
# 09:30", "12 tháng 1, 2023 lúc 20:12", Zalo's "03/03/2026 07:12"), with the audience icon after
# a "·"; then the post as the page printed it (emoji, hashtags, "Xem thêm", a shared post's page
# name and time lines before the post it quotes).
SOCIAL = re.compile(r"^(?:Facebook|Zalo(?:\s+OA)?)\s*·\s*(.+?)\s*·\s*lưu\s+lúc\s+"
                    r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})\s*$")
_SOCIAL_TODAY = re.compile(r"^(Hôm\s+nay|Hôm\s+qua)(?:\s+lúc)?\s+(\d{1,2}):(\d{2})$", re.IGNORECASE)
_SOCIAL_AGO = re.compile(r"^(\d+)\s*(phút|giờ|ngày|tuần)(?:\s+trước)?$", re.IGNORECASE)
_SOCIAL_DAY = re.compile(r"^(\d{1,2})\s+tháng\s+(\d{1,2})(?:,?\s*(?:năm\s+)?(\d{4}))?"
                         r"(?:\s+lúc\s+(\d{1,2}):(\d{2}))?$", re.IGNORECASE)
_SOCIAL_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$")
_AGO_UNITS = {"phút": timedelta(minutes=1), "giờ": timedelta(hours=1), "ngày": timedelta(days=1),
              "tuần": timedelta(weeks=1)}


def _social_time(shown: str, saved: datetime) -> datetime:
    """The post's time from what the page showed, resolved against when it was saved (a day
    and month without a year take the year that puts them on or before the saving); a day
    counted back ("2 ngày trước") keeps no hour. Unreadable: the moment of saving."""
    shown = shown.split("·")[0].strip()
    today = _SOCIAL_TODAY.match(shown)
    if today:
        back = 0 if today.group(1).lower().startswith("hôm nay") else 1
        day = saved - timedelta(days=back)
        return day.replace(hour=int(today.group(2)), minute=int(today.group(3)))
    ago = _SOCIAL_AGO.match(shown)
    if ago:
        unit = ago.group(2).lower()
        moment = saved - int(ago.group(1)) * _AGO_UNITS[unit]
        return moment.replace(hour=0, minute=0) if unit in ("ngày", "tuần") else moment
    numeric = _SOCIAL_NUMERIC.match(shown)
    if numeric:
        d, mo, y, hh, mm = numeric.groups()
        return datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0))
    dated = _SOCIAL_DAY.match(shown)
    if not dated:
        return saved
    d, mo, y, hh, mm = dated.groups()
    moment = datetime(int(y or saved.year), int(mo), int(d), int(hh or 0), int(mm or 0))
    return moment.replace(year=saved.year - 1) if not y and moment > saved else moment


def _split_social(lines: list[str], stamp: re.Match[str]) -> dict[str, Any]:
    """No title (the post has none; the page's name is who posted, not a headline); lead: the
    post's first line; body: its other non-blank lines, each a paragraph; published: the post's
    shown time resolved against the saving."""
    _page, d, mo, y, hh, mm = stamp.groups()
    saved = datetime(int(y), int(mo), int(d), int(hh), int(mm))
    moment = _social_time(lines[1].strip(), saved) if len(lines) > 1 else saved
    post = [line.strip() for line in lines[2:] if line.strip()]
    return {"title": "", "lead": post[0] if post else None, "body": "\n\n".join(post[1:]),
            "published": moment.strftime("%Y-%m-%dT%H:%M:00+07:00")}


# An e-mailed newsletter or digest as a mailbox saves it (blind12): the header block ("From:" /
# "Từ:", "Date:" / "Ngày:", "Subject:" / "Chủ đề:" / "Tiêu đề:", "To:" / "Tới:") up to the first
# blank line, then the message: a greeting, numbered or bulleted items, the sign-off and the
# list's unsubscribe footer.
MAIL_FROM = re.compile(r"^(?:From|Từ)\s*:\s*\S", re.IGNORECASE)
_MAIL_SUBJECT = re.compile(r"^(?:Subject|Chủ\s+đề|Tiêu\s+đề)\s*:\s*(.*)$", re.IGNORECASE)
_MAIL_DATE = re.compile(r"^(?:Date|Ngày)\s*:\s*(.*)$", re.IGNORECASE)


def _mail_header(lines: list[str]) -> list[str] | None:
    """The header block of a saved message (its first line a sender, a subject among the
    lines before the first blank one), or None."""
    if not lines or not MAIL_FROM.match(lines[0].strip()):
        return None
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    header = [line.strip() for line in lines[:end]]
    return header if any(_MAIL_SUBJECT.match(line) for line in header) else None


def _split_mail(lines: list[str], header: list[str]) -> dict[str, Any]:
    """Title: the subject; published: the Date header (the project's date parser); lead: the
    message's first line; body: its other non-blank lines, each a paragraph."""
    from archive.dates import parse_date

    subject = next(m.group(1) for m in map(_MAIL_SUBJECT.match, header) if m)
    dated = next((m.group(1) for m in map(_MAIL_DATE.match, header) if m), "")
    day = parse_date(dated) if dated else None
    message = [line.strip() for line in lines[len(header):] if line.strip()]
    return {"title": subject.strip(), "lead": message[0] if message else None,
            "body": "\n\n".join(message[1:]),
            "published": day if day is None or "T" in day else f"{day}T00:00:00+07:00"}


def split_item(text: str) -> dict[str, Any]:
    """title, lead, body, published from one text item, by its crawl layout (a sector site's
    breadcrumb line above the headline is the site's navigation, not the text: dropped; a
    bulletin's masthead gives the day and the rest goes through extract_text; an official
    document's header gives its day and its kind and subject the title; a broadcast transcript's
    first line gives the day; a social post has no title and its saver's stamp resolves the shown
    time; a saved e-mail's subject is the title and its Date header the day)."""
    lines = text.replace("\r\n", "\n").split("\n")
    stamp = SOCIAL.match(lines[0].strip()) if lines else None
    if stamp:
        return _split_social(lines, stamp)
    header = _mail_header(lines)
    if header:
        return _split_mail(lines, header)
    issue_day = _bulletin_day(lines[0]) if lines else None
    if issue_day:
        return _split_bulletin(lines, issue_day)
    if is_document(lines):
        return _split_document(lines)
    broadcast_day = _broadcast_day(lines[0]) if len(lines) > 2 else None
    if broadcast_day:
        return _split_broadcast(lines, broadcast_day)
    if lines and BREADCRUMB.match(lines[0].strip()):
        lines = lines[1:]
    title = lines[0].strip() if lines else ""
    page_date = _date_line(lines[1].strip()) if len(lines) > 2 else None
    if page_date:
        return _split_page_text(lines, page_date)
    for i, line in enumerate(lines[1:], 1):
        m = _DATE_2013.match(line.strip())
        if m and i >= 2:
            d, mo, y, hh, mm = m.groups()
            return {"title": title, "lead": lines[1], "body": "\n\n".join(lines[2:i]),
                    "published": f"20{y}-{mo}-{d}T{hh}:{mm}:00+07:00"}
        if _ISO.match(line.strip()) and i >= 2:
            return {"title": title, "lead": None, "body": "\n\n".join(lines[1:i]),
                    "published": line.strip()}
    return {"title": title, "lead": lines[1] if len(lines) > 1 else None,
            "body": "\n\n".join(lines[2:]), "published": None}
