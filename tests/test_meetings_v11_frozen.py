"""The version 11 cascade that `make eval` prints beside the staged extractor stays frozen.

It used to import shared helpers from archive/, so every lexicon or gazetteer change moved the
"v11" column (blind6 host 73.3 → 80 %, blind7 attendees 73.3 → 80 % while nobody touched it).
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

V11 = Path(__file__).resolve().parents[1] / "scripts" / "meetings_v11.py"


def _imported_modules(tree: ast.AST) -> set[str]:
    """Every module named by an import statement anywhere in the file (inside functions too)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_v11_imports_nothing_but_the_standard_library() -> None:
    imported = _imported_modules(ast.parse(V11.read_text("utf-8")))
    assert not {m for m in imported if m.split(".")[0] not in sys.stdlib_module_names}, imported


def test_v11_still_reads_a_meeting() -> None:
    spec = importlib.util.spec_from_file_location("meetings_v11", V11)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["meetings_v11"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    rows = module.extract_meetings(
        "Cụm thi đua số 3 tổng kết công tác thi đua năm 2024",
        "Sáng 12/12, tại thành phố Huế, Cụm thi đua số 3 tổ chức hội nghị tổng kết công tác thi đua, "
        "khen thưởng năm 2024.",
        published="2024-12-13T08:00:00+07:00")
    assert rows and rows[0]["meeting_date"] == "2024-12-12"
