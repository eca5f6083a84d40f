"""The words of a cluster's rotating role and the year it is held for, one definition of each.

A report names the unit that heads a Cụm/Khối thi đua by that role ("Cụm trưởng", "Trưởng khối",
"Cụm phó" …, archive/lexicons/roles.toml) and often by the year of it ("Cụm trưởng năm 2024",
"Trưởng khối năm học 2023-2024"). The chair finder (chairs.py), the subject's role clauses
(organisers.py) and the period finder (periods.py, a role's year is no period) read both from
here, so that a role word added to the lexicon or a new way of writing the year reaches every
pattern that strips or reads the role.
"""

from __future__ import annotations

from archive.lexicons import names, phrase

__all__ = ["ANY_ROLE", "CHAIR_WORDS", "ROLE_LINKS", "ROLE_WORDS", "role_year"]

# This year's chair (roles.toml `chairs`) as an alternation, no group: "Cụm trưởng|Trưởng khối|…".
CHAIR_WORDS = "|".join(phrase(p) for p in names("roles", "chairs"))
# The chair or its deputy (roles.toml `deputies`, then `chairs`): "Phó Trưởng khối|…|Cụm trưởng".
ROLE_WORDS = "|".join(phrase(p) for p in (*names("roles", "deputies"), *names("roles", "chairs")))
# The chair or its deputy as a whole word in any case ("Khối phó", "Phó Cụm trưởng", "Trưởng cụm").
ANY_ROLE = rf"(?i:{ROLE_WORDS})(?!\w)"
# What joins a unit to its role (roles.toml `links`): "là", "làm", "giữ vai trò", "được giao làm" …
ROLE_LINKS = "|".join(phrase(p) for p in names("roles", "links"))


def role_year(group: str | None = None) -> str:
    """The optional year after a role: " năm 2024", " năm học 2023 - 2024", " năm 2023–2024";
    its first year is captured as `group` where a pattern needs it (chairs.py: "year")."""
    first = rf"(?P<{group}>\d{{4}})" if group else r"\d{4}"
    return rf"(?:\s+năm(?:\s+học)?\s+{first}(?:\s*[-–]\s*\d{{4}})?)?"
