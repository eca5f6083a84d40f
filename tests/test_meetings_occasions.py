"""The words that make a named event an occasion, not a meeting held: one list (meetings.toml
`greetings`, read by triggers._GREETING and, with `occasion_tasks`, by triggers._OCCASION).

Each test reads a text written for it (no fixture text).
"""

from __future__ import annotations

from archive.lexicons import names
from archive.meetings.triggers import trigger_spans


def test_every_greeting_makes_the_conference_after_it_an_occasion() -> None:
    # one list: a greeting word read by _greeted is an occasion word of _OCCASION as well
    for word in names("meetings", "words.greetings"):
        text = f"Ngày 5/5, {word} Hội nghị điển hình tiên tiến tỉnh, huyện An Lão tổ chức sơ kết phong trào thi đua."
        assert [kind for _s, _e, kind in trigger_spans(text, text)] == ["sơ kết"], word


def test_a_conference_being_prepared_is_no_honouring_held() -> None:
    # failed on 46: "chuẩn bị Hội nghị …" was read as an honouring conference held (the pattern
    # asked two spaces after "chuẩn bị")
    text = ("Để chuẩn bị Hội nghị điển hình tiên tiến tỉnh lần thứ V, ngày 5/5, Ban Thi đua - Khen thưởng "
            "huyện An Lão tổ chức hội nghị sơ kết phong trào thi đua yêu nước.")
    assert [kind for _s, _e, kind in trigger_spans(text, text)] == ["sơ kết"]
    text = "Ngày 5/5, huyện An Lão sơ kết phong trào thi đua, chuẩn bị tốt cho Hội nghị điển hình tiên tiến tỉnh."
    assert [kind for _s, _e, kind in trigger_spans(text, text)] == ["sơ kết"]
