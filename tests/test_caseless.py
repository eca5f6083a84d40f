"""archive/caseless.py: a case-insensitive search run on the lowered text must answer as
re.IGNORECASE does, on every character it lowers instead of folding."""

from __future__ import annotations

import re

import pytest

from archive.caseless import _SAFE, _UNSAFE, Caseless
from archive.meetings.people import _ATTEND_CUE


def _safe_characters() -> list[str]:
    return [chr(cp) for cp in range(0x30000) if not _UNSAFE.match(chr(cp))]


def test_the_safe_blocks_lower_as_ignorecase_folds() -> None:
    """Every character searched lowered: one character once lowered, the same class for the
    pattern's \\w, \\s, \\b and [^.;], and equal under IGNORECASE to exactly the lower-case
    letters its lower() is (checked against every lower-case letter of those blocks, so any
    pattern written with them holds, not only today's)."""
    chars = _safe_characters()
    assert len(chars) < 1500, _SAFE  # the blocks listed, nothing more
    letters = [c for c in chars if c.isalpha() and c == c.lower()]
    for c in chars:
        low = c.lower()
        assert len(low) == 1, repr(c)
        for cls in (r"\w", r"\s", r"[.;]", r"\d"):
            assert bool(re.fullmatch(cls, c)) == bool(re.fullmatch(cls, low)), (repr(c), cls)
        folded = {q for q in letters if re.fullmatch(re.escape(q), c, re.IGNORECASE)}
        assert folded == ({low} if low in letters else set()), (repr(c), folded)


@pytest.mark.parametrize("text", [
    "ĐỒNG CHÍ NGUYỄN VĂN A PHÁT BIỂU TẠI HỘI NGHỊ",
    "Đồng chí Lê Thị B, Phó Chủ tịch UBND tỉnh Trao Bằng khen",
    "Đoàn công tác của Sở Nội vụ do ông C, Giám đốc Sở DẪN ĐẦU",
    "Hội nghị tổng kết công tác năm 2024 của Cụm thi đua số 3",
    "Ông D cho biết; bà E Chia Sẻ",
    "khaİ mạc hội nghị",  # İ folds to i under IGNORECASE; lower() gives i and a combining dot
    "chia ſẻ kinh nghiệm",  # ſ folds to s under IGNORECASE; lower() keeps it
    "Κ ΣΟΦΙΑ trao",  # Greek: searched with IGNORECASE, as before
    "",
])
def test_same_answer_as_ignorecase(text: str) -> None:
    assert _ATTEND_CUE.search(text) == bool(re.search(_ATTEND_CUE.pattern, text, re.IGNORECASE))


def test_the_attendance_cue_ignores_case() -> None:
    assert _ATTEND_CUE.search("ĐỒNG CHÍ A PHÁT BIỂU")
    assert not _ATTEND_CUE.search("Toàn văn Nghị quyết số 12")


def test_a_pattern_with_a_capital_is_refused() -> None:
    """Only a lower-case pattern can be searched in lowered text: 'Trao' would never match."""
    with pytest.raises(ValueError):
        Caseless(r"Trao\s+tặng")
    assert Caseless(r"\S+\s+\W").search("A B !")


def test_a_pattern_outside_the_checked_blocks_is_refused() -> None:
    """Greek folds in ways lower() does not (σ, ς, Σ): such a pattern is not searched lowered."""
    with pytest.raises(ValueError):
        Caseless("σοφία")
