"""The rotating role's words (roles.toml) and the year it is held for, one definition read by
chairs.py and organisers.py (archive/meetings/rotating_role.py). Own texts."""

import re

import pytest

from archive.meetings.chairs import names_host_by_role, role_hosts
from archive.meetings.organisers import hosting_unit, parse_organiser
from archive.meetings.rotating_role import CHAIR_WORDS, ROLE_WORDS, role_year


@pytest.mark.parametrize(("tail", "year"), [(" năm 2024", "2024"), (" năm học 2023 - 2024", "2023"),
                                           (" năm 2023–2024", "2023"), ("", None)])
def test_role_year_reads_each_way_of_writing_the_year(tail, year):
    found = re.fullmatch(rf"(?i:{CHAIR_WORDS}){role_year('year')}", "Cụm trưởng" + tail)
    assert found is not None and found.group("year") == year


def test_role_words_hold_the_deputy():
    assert re.fullmatch(rf"(?i:{ROLE_WORDS})", "Phó Trưởng khối")
    assert not re.fullmatch(rf"(?i:{CHAIR_WORDS})", "Cụm phó")


def test_chair_with_a_school_year_gives_its_first_year():
    assert role_hosts("Năm nay, Trường THPT Lê Lợi là Trưởng khối năm học 2024 - 2025, đăng cai hội nghị.") \
        == [("Trường THPT Lê Lợi", "2024")]


@pytest.mark.parametrize("role", ["Phó Cụm trưởng năm 2024", "CỤM TRƯỞNG năm 2024", "phó trưởng khối năm 2024"])
def test_a_role_in_brackets_after_the_organiser_is_no_part_of_it(role):
    """Every role word of the lexicon in any case, the deputy's too (meeting extractor 56 kept
    "(Phó Cụm trưởng năm 2024)" and upper-case roles in the name)."""
    text = f"Hội Nông dân huyện Cam Lâm ({role}) tổ chức hội nghị sơ kết công tác thi đua."
    assert parse_organiser(text) == ("Hội Nông dân huyện Cam Lâm", False)


@pytest.mark.parametrize("year", ["", " năm 2024", " năm học 2023 - 2024", " năm 2023–2024"])
def test_host_named_by_its_role_alone_with_any_year(year):
    """The role's year as rotating_role.role_year writes it (56 read only " năm 2024" here)."""
    assert names_host_by_role(f"Hội nghị do đơn vị Cụm trưởng{year} chủ trì.")


@pytest.mark.parametrize("role", ["Trưởng khối", "Phó Trưởng cụm", "Khối phó", "Cụm trưởng năm 2024"])
def test_role_apposition_before_hosting_is_no_host(role):
    """A subject's clause that is only the role is stripped (organisers._ROLE_CLAUSE)."""
    text = f"Sở Tư pháp, {role}, đăng cai hội nghị tổng kết công tác thi đua."
    assert hosting_unit(text) == "Sở Tư pháp"
