"""The benchmark's results: figures with their peer and goal, the machine they ran on, and the
table printed by `thidua bench` and copied into the README."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass
class Figure:
    """One measured figure. `ratio` is ours / peer (None without a peer); `ok` is None when the
    figure has no goal (reported, not judged)."""

    suite: str
    name: str
    ours: float
    unit: str
    peer: float | None = None
    peer_name: str = ""
    goal: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.peer is None or not self.peer:
            return None
        return self.ours / self.peer


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    date: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    machine: str = field(default_factory=lambda: machine_description())

    @property
    def failed(self) -> list[Figure]:
        return [f for f in self.figures if f.ok is False]

    def to_json(self) -> str:
        rows = [dict(asdict(f), ratio=f.ratio) for f in self.figures]
        return json.dumps({"date": self.date, "machine": self.machine, "settings": self.settings,
                           "figures": rows}, ensure_ascii=False, indent=2)

    def markdown(self) -> str:
        """The results table in the README's format."""
        head = [f"`thidua bench` {_settings_text(self.settings)} — {self.date}, {self.machine}", "",
                "| suite | what | this project | peer, same run | ratio | goal | |",
                "|---|---|---|---|---|---|---|"]
        for f in self.figures:
            peer = f"{f.peer_name}: {_num(f.peer)} {f.unit}" if f.peer is not None else "–"
            ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "–"
            verdict = {True: "ok", False: "**missed**", None: ""}[f.ok]
            note = f" ({f.note})" if f.note else ""
            head.append(f"| {f.suite} | {f.name}{note} | {_num(f.ours)} {f.unit} | {peer} | "
                        f"{ratio} | {f.goal or '–'} | {verdict} |")
        return "\n".join(head)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json() + "\n", encoding="utf-8")


def _settings_text(settings: dict[str, Any]) -> str:
    return " ".join(f"--{k.replace('_', '-')} {v}" for k, v in settings.items() if v is not None)


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def machine_description() -> str:
    """CPU model, cores, memory, OS, Python and SQLite versions: what the figures depend on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        pass
    return (f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")
