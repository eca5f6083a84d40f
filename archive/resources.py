"""Where the files the archive needs at run time live, in a checkout and in an installed package.

The registry (`sources/`), the Datasette metadata (`datasette_metadata.json`) and the Datasette
plugin (`plugins/`) sit at the top of a checkout, where the engineers editing them expect them.
A wheel installs the same files under `<prefix>/share/thidua-archive/` (pyproject's
`data-files`), so a distributed-mode worker installs the project like any package and runs
from any directory. The one setting, `THIDUA_HOME`, points at another folder holding the same
layout (your own registry, metadata or plugins).

Order: `THIDUA_HOME`; the checkout this code runs from; the installed share folder.
Templates and word lists ship inside the `archive` package itself (package data).
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

HOME_ENV = "THIDUA_HOME"
SHARE = Path("share") / "thidua-archive"
_MARKER = "datasette_metadata.json"


def _installed() -> list[Path]:
    bases = [sysconfig.get_path("data"), sys.prefix, sysconfig.get_path("data", "posix_user")]
    return [Path(b) / SHARE for b in bases if b]


def home() -> Path:
    """The folder holding `sources/`, `plugins/` and `datasette_metadata.json`."""
    configured = os.environ.get(HOME_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    checkout = Path(__file__).resolve().parent.parent
    for candidate in (checkout, *_installed()):
        if (candidate / _MARKER).is_file():
            return candidate
    return checkout  # nothing found: paths below it name what is missing in their errors


def path(*parts: str) -> Path:
    return home().joinpath(*parts)
