"""Comparisons of Vietnamese texts as the extractor needs them: equal or prefix of each other
once accents, case, spacing and closing punctuation are set aside (a description cut short with
"…", a headline the body repeats).
"""

from __future__ import annotations

import re

from archive.normalize import fold


def folded_text(text: str) -> str:
    """`text` folded (no diacritics, đ→d, lower case) with single spaces: how names compare."""
    return " ".join(fold(text).split())


def same_text(a: str, b: str) -> bool:
    if not a or not b or abs(len(a) - len(b)) > 0.3 * max(len(a), len(b)) + 5:
        return False
    fa, fb = folded_text(a), folded_text(b)
    return bool(fa) and fa == fb


def starts_with_text(longer: str, shorter: str) -> bool:
    if not longer or not shorter:
        return False
    longer = longer[: int(len(shorter) * 1.3) + 20]
    fl = re.sub(r"\W+", " ", fold(longer)).strip()
    fs = re.sub(r"\W+", " ", fold(shorter)).strip()
    return bool(fs) and fl.startswith(fs)


def ends_with_text(longer: str, shorter: str) -> bool:
    """`longer` ends with `shorter` after a separator ("Blog name: Post title", "Site - Post")."""
    if not longer or not shorter:
        return False
    fl = re.sub(r"\W+", " ", fold(longer)).strip()
    fs = re.sub(r"\W+", " ", fold(shorter)).strip()
    return bool(fs) and len(fs) < len(fl) and fl.endswith(" " + fs)
