"""Vietnamese date forms seen on provincial sites → ISO 8601 (+07:00 when a time is printed)."""

import pytest

from archive.dates import date_from_url, find_dates, parse_date

REF = "2017-05-01"

CASES = [
    # (text, reference, expected)
    ("Thứ Hai, 15/07/2016 10:30", None, "2016-07-15T10:30:00+07:00"),
    ("Thứ hai, 15/7/2016 - 10:30", None, "2016-07-15T10:30:00+07:00"),
    ("15/07/2016 - 10:30", None, "2016-07-15T10:30:00+07:00"),
    ("15/07/2016 – 10:30", None, "2016-07-15T10:30:00+07:00"),
    ("15/07/2016 10:30:45", None, "2016-07-15T10:30:00+07:00"),
    ("15-7-2016", None, "2016-07-15"),
    ("15.7.2016", None, "2016-07-15"),
    ("15/07/2016", None, "2016-07-15"),
    ("5/7/2016", None, "2016-07-05"),
    ("15/07/16", None, "2016-07-15"),
    ("01/01/99", None, "1999-01-01"),
    ("ngày 15 tháng 7 năm 2016", None, "2016-07-15"),
    ("Ngày 15 tháng 07 năm 2016", None, "2016-07-15"),
    ("15 tháng 07, 2016", None, "2016-07-15"),
    ("15 tháng 7/2016", None, "2016-07-15"),
    ("Cập nhật: Thứ Hai, 15/07/2016 10:30", None, "2016-07-15T10:30:00+07:00"),
    ("Cập nhật lúc 10:30 ngày 15/07/2016", None, "2016-07-15T10:30:00+07:00"),
    ("Cập nhật: 09:00 ngày 19/09/2025", None, "2025-09-19T09:00:00+07:00"),
    ("Ngày đăng: 15/07/2016", None, "2016-07-15"),
    ("Ngày đăng: 15/07/2016 | 10:30", None, "2016-07-15T10:30:00+07:00"),
    ("Đăng lúc: 10:30, 15/07/2016", None, "2016-07-15T10:30:00+07:00"),
    ("10:30 15/07/2016", None, "2016-07-15T10:30:00+07:00"),
    ("10h30 ngày 15/7/2016", None, "2016-07-15T10:30:00+07:00"),
    ("15/07/2016 10h30", None, "2016-07-15T10:30:00+07:00"),
    ("15/07/2016 10:30 SA", None, "2016-07-15T10:30:00+07:00"),
    ("15/07/2016 02:30 CH", None, "2016-07-15T14:30:00+07:00"),
    ("15/07/2016 12:05 SA", None, "2016-07-15T00:05:00+07:00"),
    ("07/15/2016"[:0] + "15/07/2016 02:30 PM", None, "2016-07-15T14:30:00+07:00"),
    ("15/07/2016 09:15 AM", None, "2016-07-15T09:15:00+07:00"),
    ("Thứ tư, 22/10/2025, 19:25 (GMT+7)", None, "2025-10-22T19:25:00+07:00"),
    ("22/10/2025 19:25 GMT+7", None, "2025-10-22T19:25:00+07:00"),
    ("02/08/2021 lúc 18:47", None, "2021-08-02T18:47:00+07:00"),
    ("Chủ nhật, 02/08/2021", None, "2021-08-02"),
    ("2016-07-15T10:30:00+07:00", None, "2016-07-15T10:30:00+07:00"),
    ("2016-07-15T03:30:00Z", None, "2016-07-15T10:30:00+07:00"),
    ("2016-07-15T03:30:00+00:00", None, "2016-07-15T10:30:00+07:00"),
    ("2016-07-15T10:30:00.123+0700", None, "2016-07-15T10:30:00+07:00"),
    ("2016-07-15 10:30:00", None, "2016-07-15T10:30:00+07:00"),
    ("2016-07-15", None, "2016-07-15"),
    ("Sáng 27-3", REF, "2017-03-27"),
    ("sáng 27/3, tại hội trường", REF, "2017-03-27"),
    ("Chiều 27-3", REF, "2017-03-27"),
    ("Chiều qua 27-5", "2013-05-28", "2013-05-27"),
    ("Sáng nay (29/5)", "2013-05-29", "2013-05-29"),
    ("ngày 15/7", REF, "2016-07-15"),  # after the reference in 2017 → the year before
    ("Tối 31-12", "2018-01-02", "2017-12-31"),
    ("Ngày 28/6, tại tỉnh Bình Dương", "2025-06-28", "2025-06-28"),
    ("Sáng 27-3", None, None),  # no year anywhere: no date
    ("31/02/2016", None, None),  # not a calendar day
    ("15/13/2016", None, None),
    ("tháng 09/2016", None, None),  # a month is not a day
    ("năm 2016", None, None),
    ("tỷ số 2-1", REF, None),  # a score, not a date
    ("", None, None),
    ("Không có ngày", None, None),
    # month names printed by CMS locales (WordPress vi/en, Joomla)
    ("Đăng bởi: Thu Sa - 15 Tháng Bảy, 2024", None, "2024-07-15"),
    ("Tháng Mười Hai 3, 2023", None, "2023-12-03"),
    ("5 Tháng Mười Một, 2024 lúc 10:30", None, "2024-11-05T10:30:00+07:00"),
    ("15 Th7 2024", None, "2024-07-15"),
    ("15 thg 7, 2024 10:30", None, "2024-07-15T10:30:00+07:00"),
    ("July 15, 2024", None, "2024-07-15"),
    ("15 Jul 2024 at 10:30 PM", None, "2024-07-15T22:30:00+07:00"),
    ("trong 10 tháng năm 2024, doanh thu tăng", None, None),  # "the 10 months of 2024"
    ("chiến dịch marketing 5, 2024", None, None),
]


@pytest.mark.parametrize("text,reference,expected", CASES, ids=[c[0] or "empty" for c in CASES])
def test_parse_date(text, reference, expected):
    assert parse_date(text, reference) == expected


def test_at_least_fifty_forms():
    assert len(CASES) >= 50


def test_reference_may_be_an_iso_datetime():
    assert parse_date("Sáng 27-3", "2017-05-01T08:00:00+07:00") == "2017-03-27"


def test_find_dates_in_order():
    text = "Ngày đăng 15/07/2016. Cập nhật ngày 16 tháng 7 năm 2016."
    assert find_dates(text) == ["2016-07-15", "2016-07-16"]


@pytest.mark.parametrize("url,expected", [
    ("https://baothanhhoa.vn/2016/07/15/cum-thi-dua.html", "2016-07-15"),
    ("https://example.vn/tin-tuc/cum-thi-dua-20160715103000123.htm", "2016-07-15"),
    ("https://example.vn/2016-07-15-cum-thi-dua/", "2016-07-15"),
    ("https://example.vn/tin/cum-thi-dua-so-7.html", None),
    ("https://example.vn/2016/13/45/x.html", None),
])
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected
