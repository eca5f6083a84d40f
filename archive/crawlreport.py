"""What a crawl run tells its operator, and where: the cron contract.

Cron mails whatever a job prints, on stdout or stderr. So with `--quiet` a night when every
source is fine prints nothing at all; a night with failures prints one line per failed source
on stderr; everything else — Scrapy's log, its tracebacks, retries given up, Python warnings —
goes to the log file only (`--log-file`), never to the terminal. Without `--quiet` the summary
table goes to stdout and warnings to stderr, for a person at a terminal.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

# Statuses that make `thidua crawl` exit 1 and print a line (see archive.crawls.crawl_status).
FAILED = ("failed", "interrupted", "no-articles")
# Loggers whose INFO lines are noise even in the log file.
NOISY = ("scrapy.core.engine", "scrapy.extensions.logstats", "scrapy.middleware",
         "scrapy.crawler", "scrapy.utils.log", "scrapy.addons", "scrapy.core.scraper")


def setup_logging(log_file: str | None, quiet: bool) -> None:
    """Root logging for a crawl or ingest: the file gets INFO and up; stderr gets WARNING and
    up, or nothing at all when quiet. Python warnings are logged, not printed."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for h in list(root.handlers):
        root.removeHandler(h)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not quiet:
        err = logging.StreamHandler(sys.stderr)
        err.setLevel(logging.WARNING)
        err.setFormatter(fmt)
        root.addHandler(err)
    else:
        root.addHandler(logging.NullHandler())  # no "last resort" printing to stderr either
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        fh = logging.handlers.RotatingFileHandler(log_file, maxBytes=10_000_000, backupCount=5,
                                                  encoding="utf-8")
        fh.setFormatter(fmt)
        fh.setLevel(logging.INFO)
        root.addHandler(fh)
    logging.captureWarnings(True)
    for noisy in NOISY:
        logging.getLogger(noisy).setLevel(logging.WARNING)


def summary_lines(result: Mapping[str, Any]) -> list[str]:
    lines = []
    for row in result["sources"]:
        lines.append(
            f"  {row['source_id']:<28} {row['status']:<12} requests {row['requests'] or 0:>4}  "
            f"new {row['new'] or 0:>4}  updated {row['updated'] or 0:>3}  "
            f"unchanged {row['unchanged'] or 0:>3}  not-modified {row['not_modified'] or 0:>3}  "
            f"failures {row['failures'] or 0:>3}"
        )
    return lines


def failed_rows(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [r for r in rows if r["status"] in FAILED]


def failure_line(db: Database | None, row: Mapping[str, Any]) -> str:
    """One line saying which source failed and why, from its crawls row and first failure."""
    why = {"failed": "the site could not be read", "interrupted": "the run was interrupted",
           "no-articles": "pages fetched but no article found (template changed?)"}
    text = f"{row['source_id']}: {row['status']}: {why.get(row['status'], row['status'])}"
    if db is not None and row.get("id") and row["status"] == "failed":
        first = db.execute("select url, message from failures where crawl_id = ? order by id "
                           "limit 1", [row["id"]]).fetchone()
        if first:
            text += f" ({first[0]}: {first[1]})"
    return " ".join(text.split())[:400]
