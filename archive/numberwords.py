"""Vietnamese number words, from one list (archive/lexicons/numbers.toml).

Member counts ("gồm bốn đơn vị"), periods ("sáu tháng đầu năm"), a statistic's span ("năm
tháng đầu năm") and month names ("tháng Bảy") all read the same words; each pattern chooses
the values it accepts instead of spelling out its own list, so that a word added or corrected
in the data reaches every one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from archive.lexicons import load, phrase

__all__ = ["YEAR_WORD", "cardinals", "month_words", "spelled"]

# "năm" is five and also "year" ("năm 2024"): a pattern whose context lets the year reading
# win passes it to `spelled(…, leave_out=…)`; there is no second list without it.
YEAR_WORD = "năm"


def cardinals() -> dict[str, int]:
    """Each number word with its value: {'một': 1, …, 'mười hai': 12}."""
    return dict(load("numbers")["cardinals"])


def month_words() -> dict[str, int]:
    """Each word that names a month with the month: the number words one to twelve and the
    month names that are none ('giêng', 'tư', 'chạp')."""
    return cardinals() | dict(load("numbers")["month_names"])


def spelled(values: Iterable[int], *, leave_out: Iterable[str] = ()) -> str:
    """The words for these values as one non-capturing alternation, longest first (so that
    'mười một' is tried before 'mười'); a space matches any whitespace. `leave_out` drops words
    that a pattern must not read as numbers here (YEAR_WORD)."""
    wanted, dropped = set(values), set(leave_out)
    words = [w for w, v in cardinals().items() if v in wanted and w not in dropped]
    if not words:
        raise ValueError(f"no number word for {sorted(wanted)}")
    return "(?:" + "|".join(phrase(w) for w in sorted(words, key=len, reverse=True)) + ")"
