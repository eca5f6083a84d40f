"""One list of Vietnamese number words (archive/lexicons/numbers.toml) serves every pattern that counts in words."""

import re

import pytest

from archive.dates import parse_date
from archive.numberwords import YEAR_WORD, cardinals, month_words, spelled


def test_cardinals_run_from_one_to_twelve():
    assert sorted(cardinals().values()) == list(range(1, 13))


def test_month_words_add_the_month_names():
    months = month_words()
    assert months["giêng"] == 1 and months["tư"] == 4 and months["chạp"] == 12 and months["bảy"] == 7


def test_spelled_prefers_the_longer_word_and_any_whitespace():
    found = re.fullmatch(spelled((10, 11)), "mười  một")
    assert found is not None
    assert re.match(spelled((10, 11)), "mười một").group() == "mười một"


def test_leave_out_drops_the_year_word():
    assert re.fullmatch(spelled(range(2, 11), leave_out=(YEAR_WORD,)), "năm") is None
    assert re.fullmatch(spelled(range(2, 11)), "năm") is not None


def test_spelled_refuses_values_without_words():
    with pytest.raises(ValueError):
        spelled((40,))


def test_a_date_with_a_month_word_still_parses():
    assert (parse_date("15 Tháng Bảy, 2024") or "").startswith("2024-07-15")
    assert (parse_date("3 tháng Chạp, 2023") or "").startswith("2023-12-03")
