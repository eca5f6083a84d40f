"""Each of the project's own site sets (tests/fixtures/sitesets/blind*) rebuilds to what is committed.

Why: a set's labels live twice, in content/<site>.txt (what build.py reads) and in the committed
gold.json (what the tests and crawl_check read). A label changed in gold.json alone is silently
reverted by the next rebuild (a fix to a page family or to the shared kit rebuilds every set), and
a content edit never rebuilt leaves the pages and labels judged stale. So each set is built from
its own sources into a temporary copy and its gold.json and every page of www/ must come out byte
for byte as committed. Standard library builders, a second or two per set.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SITESETS = Path(__file__).parent / "fixtures" / "sitesets"
SETS = sorted(p.name for p in SITESETS.iterdir() if (p / "build.py").is_file())
BUILT = {"www", "gold.json", "__pycache__"}


def _files(root: Path) -> set[str]:
    """Every file under `root`, as paths relative to it."""
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _rebuild(name: str, into: Path) -> Path:
    """Build set `name` from its sources (content/, families/, its kit and the shared kit) in `into`."""
    for shared in SITESETS.glob("*.py"):
        shutil.copy2(shared, into / shared.name)
    here = into / name
    shutil.copytree(SITESETS / name, here, ignore=lambda d, names: [n for n in names if n in BUILT])
    subprocess.run([sys.executable, "build.py"], cwd=here, check=True, capture_output=True, text=True)
    return here


@pytest.mark.parametrize("name", SETS)
def test_set_rebuilds_as_committed(name: str, tmp_path: Path) -> None:
    committed = SITESETS / name
    built = _rebuild(name, tmp_path)
    assert (built / "gold.json").read_bytes() == (committed / "gold.json").read_bytes(), (
        f"{name}: gold.json and content/ disagree (rebuild and diff to see which side is stale)")
    pages, rebuilt = _files(committed / "www"), _files(built / "www")
    assert pages == rebuilt, (f"{name}: pages only committed {sorted(pages - rebuilt)[:5]}, "
                              f"only rebuilt {sorted(rebuilt - pages)[:5]}")
    _, differ, errors = filecmp.cmpfiles(committed / "www", built / "www", sorted(pages), shallow=False)
    assert not differ and not errors, f"{name}: pages differ from a rebuild: {differ[:5]}"


def test_every_set_is_checked() -> None:
    """A new set is picked up by its build.py, so none is left out of the check above."""
    assert len(SETS) >= 15 and "blind" in SETS
