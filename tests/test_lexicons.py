"""The lexicons folder: every file parses, says where its words come from, and the account list
tells CMS logins and desks from people (the byline check and the meeting extractor share it)."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from archive.lexicons import alternation, is_account, load, names

TOPICS = sorted(p.name[:-5] for p in files("archive.lexicons").iterdir() if p.name.endswith(".toml"))


@pytest.mark.parametrize("topic", TOPICS)
def test_every_lexicon_parses_and_names_its_source(topic: str) -> None:
    data = load(topic)
    assert isinstance(data.get("source"), str) and len(data["source"]) > 20, topic


def test_unknown_topic_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="no lexicon"):
        load("no-such-topic")


@pytest.mark.parametrize("byline", ["bientap", "admin", "admin2", "Administrator", "Quản trị",
                                    "Quản trị viên", "BBT", "bbt", "Super User", "Ban Biên tập",
                                    "BBT Cổng TTĐT tỉnh", "Admin Báo Đắk Lắk", "Toà soạn"])
def test_accounts_and_desks_are_not_people(byline: str) -> None:
    assert is_account(byline)


@pytest.mark.parametrize("byline", ["Thu Hà", "Lê Minh (CTV)", "Nguyễn Thị Biên", "Lê Quản",
                                    "Phan Hữu Nghĩa - LĐLĐ huyện Yên Thành", "Trần Admiral", "", None])
def test_people_are_not_accounts(byline: str | None) -> None:
    assert not is_account(byline)


def test_names_come_longest_first() -> None:
    listed = names("accounts", "names")
    assert list(listed) == sorted(listed, key=len, reverse=True)
    assert "bientap" in listed


def test_alternation_joins_lists_longest_first_without_boundaries() -> None:
    """Several lists of one lexicon as one group (places' province kinds and their short form)."""
    group = alternation("places", "province_kinds", "province_short_kinds")
    assert group == r"(?:thành\s+phố|TP\.?|tỉnh)"
    assert re.fullmatch(group + r"\s+Huế", "thành phố Huế")
    assert re.search(group, "Thành phố Huế") is None  # case as written, unless asked


def test_alternation_either_initial_capitalises_only_lower_case_phrases() -> None:
    group = alternation("places", "province_kinds", "province_short_kinds", either_initial=True)
    assert group == r"(?:[Tt]hành\s+phố|TP\.?|[Tt]ỉnh)"
    assert re.match(group, "Tỉnh Gia Lai") and not re.match(group, "tP. Huế")
