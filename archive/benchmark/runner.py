"""Runs the benchmark suites and collects their figures into one report.

Why a context object: the synthetic archive of N articles takes minutes to generate at a
million, so it is generated once per N (and kept under the work directory for the next run);
suites copy it when they need to change it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from archive.benchmark import synthetic
from archive.benchmark.report import Figure, Report
from archive.store import PAGE_SIZE

# suite name → module under archive.benchmark with run(ctx) -> list[Figure]; in run order
SUITES: dict[str, str] = {
    "index": "archive.benchmark.index",
    "search": "archive.benchmark.search",
    "http": "archive.benchmark.http",
    "pipeline": "archive.benchmark.pipeline",
    "ingest": "archive.benchmark.ingest",
    "crawl": "archive.benchmark.crawl",
}


@dataclass
class BenchContext:
    workdir: Path
    articles: int = 20_000
    rounds: int = 5
    users: int = 4
    requests: int = 20
    seed: int = 1
    log: Callable[[str], None] = print
    built: dict[str, Path] = field(default_factory=dict)   # kind → archive with its index
    _generated: synthetic.Generated | None = field(default=None, repr=False)

    def synthetic(self) -> synthetic.Generated:
        """The synthetic archive for this N and seed, generated on first use, index empty."""
        if self._generated is None:
            # the page size is the archive's (store.PAGE_SIZE): a copy kept from a version that
            # wrote other pages would measure another layout
            name = (f"synthetic-{self.articles}-s{self.seed}-v{synthetic.GENERATOR_VERSION}"
                    f"-p{PAGE_SIZE}.db")
            path = self.workdir / name
            meta = path.with_suffix(".raw")
            if path.exists() and meta.exists():
                raw = int(meta.read_text())
                self._generated = synthetic.Generated(path, self.articles, raw,
                                                      synthetic.load_vocab()["rare_names"])
                self.log(f"reusing {path}")
            else:
                self.log(f"generating {self.articles:,} synthetic articles → {path}")
                self.workdir.mkdir(parents=True, exist_ok=True)
                self._generated = synthetic.generate(path, self.articles, self.seed)
                meta.write_text(str(self._generated.raw_text_bytes))
        return self._generated


def run(ctx: BenchContext, suites: list[str] | None = None) -> Report:
    """Run the named suites (all by default) in SUITES order."""
    chosen = [s for s in SUITES if not suites or s in suites]
    report = Report(settings={"articles": ctx.articles, "rounds": ctx.rounds,
                              "users": ctx.users, "suite": ",".join(chosen)})
    for name in chosen:
        ctx.log(f"— {name}")
        module = importlib.import_module(SUITES[name])
        figures: list[Figure] = module.run(ctx)
        report.figures.extend(figures)
    return report
