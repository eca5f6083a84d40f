"""Word lists the extractors read, kept as data files beside this module.

Rules live in code; what a rule matches against (organisation heads, titles, meeting triggers,
account names) lives here, one TOML file per topic, each saying where its words come from
(`source`). A new title or trigger is then a one-line data change, reviewed on its own, and the
same list serves every module that needs it (the byline check and the meeting extractor read
one `accounts.toml`). The files ship with the package (pyproject's package-data).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from archive.normalize import fold

__all__ = ["alternation", "class_pattern", "is_account", "load", "names", "pattern", "phrase"]


@cache
def load(topic: str) -> dict[str, Any]:
    """The parsed `<topic>.toml` of this folder; raises FileNotFoundError for an unknown topic."""
    path = files(__package__).joinpath(f"{topic}.toml")
    if not path.is_file():
        raise FileNotFoundError(f"no lexicon {topic!r} in archive/lexicons")
    with path.open("rb") as handle:
        return tomllib.load(handle)


def names(topic: str, key: str) -> tuple[str, ...]:
    """One list of a lexicon (`names("titles", "ranks")`), longest first, so that an alternation
    built from it prefers 'Phó Chủ tịch' to 'Chủ tịch'."""
    found = load(topic)
    for part in key.split("."):
        found = found[part]
    return tuple(sorted(dict.fromkeys(found), key=len, reverse=True))


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


@lru_cache(maxsize=1)
def _accounts() -> tuple[frozenset[str], re.Pattern[str]]:
    data = load("accounts")
    whole = frozenset(_compact(n) for n in data["names"])
    marks = "|".join(re.escape(fold(m)) for m in sorted(data["markers"], key=len, reverse=True))
    return whole, re.compile(rf"(?<![a-z0-9])(?:{marks})(?![a-z])")


def is_account(byline: str | None) -> bool:
    """Whether a byline is a CMS account or a desk, not a person: 'bientap', 'admin2',
    'Quản trị viên', 'BBT Cổng TTĐT tỉnh' → True; 'Thu Hà', 'Lê Minh (CTV)' → False."""
    if not byline or not byline.strip():
        return False
    whole, markers = _accounts()
    compact = re.sub(r"\d+$", "", _compact(byline))
    return compact in whole or bool(markers.search(fold(byline)))


def phrase(phrase: str) -> str:
    """One phrase of the light syntax as a regular expression: a space is any whitespace, a
    group "(a|b)" does not capture."""
    return re.sub(r"\((?!\?)", "(?:", phrase).replace(" ", r"\s+")


def pattern(topic: str, key: str) -> str:
    """The phrases of one list as one alternation matched at word boundaries, longest first
    ('sơ kết' … → r'(?<!\\w)(?:sơ\\s+kết|…)(?!\\w)'); compile it with re.IGNORECASE."""
    alternatives = "|".join(phrase(p) for p in names(topic, key))
    return rf"(?<!\w)(?:{alternatives})(?!\w)"


def _either_initial(regex: str) -> str:
    """A phrase whose first letter is lower case, that letter in either case ('hội' → '[Hh]ội'):
    the capital a sentence opens with. A phrase written otherwise ('HỘI NGHỊ', 'TP') is kept."""
    first = regex[:1]
    if first.isalpha() and first.islower() and first.upper() != first:
        return f"[{first.upper()}{first}]{regex[1:]}"
    return regex


def alternation(topic: str, *keys: str, either_initial: bool = False) -> str:
    """The phrases of one or more lists of a lexicon as one non-capturing group, longest first,
    without word boundaries (the pattern around it keeps its own: "\\b", "\\s+", a lookahead):
    ('places', 'province_kinds') → '(?:thành\\s+phố|tỉnh)'. With `either_initial` a phrase
    written in lower case also matches with a capital first letter ('[Hh]ội\\s+nghị'), for
    patterns that are otherwise case-sensitive."""
    found = sorted(dict.fromkeys(p for key in keys for p in names(topic, key)), key=len, reverse=True)
    regexes = (phrase(p) for p in found)
    return "(?:" + "|".join(_either_initial(r) if either_initial else r for r in regexes) + ")"


def class_pattern(topic: str, key: str) -> str:
    """One list of class/id words as a regular expression that matches a whole word between
    separators (space, "-", "_"): a "-" in a word is any of "-", "_", a space (camelCase split
    apart: 'newsMoTa' → 'news Mo Ta') or none, a trailing "*" lets
    the word run on ("tom-tat" → tomtat, tom_tat; "sapo*" → sapo-detail)."""
    def one(word: str) -> str:
        stem, runs = (word[:-1], True) if word.endswith("*") else (word, False)
        body = r"[-_\s]?".join(re.escape(part) for part in stem.split("-"))
        return body + (r"(?:[-_]?\w*)?" if runs else "")
    alternatives = "|".join(one(w) for w in names(topic, key))
    return rf"(?:^|[\s_-])(?:{alternatives})(?:$|[\s_-])"
