"""A lock so that two cron runs never crawl into the same archive at once.

`flock` is released by the kernel when its holder dies, even by SIGKILL, so a stale lock from a
killed run cannot block the next one: the next run simply takes it over (and says so, from the
pid left in the file).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType
from typing import Self


class LockedError(Exception):
    """Another run holds the archive's crawl lock."""


class CrawlLock:
    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(f"{db_path}.lock")
        self.fd: int | None = None
        self.previous_pid: int | None = None

    def acquire(self) -> CrawlLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise LockedError(
                f"another crawl (pid {holder}) is already writing to this archive "
                f"({self.path}); this run exits. If no crawl is running, the lock is released "
                f"automatically when its process ends."
            ) from None
        old = os.pread(fd, 32, 0).decode(errors="replace").strip()
        if old.isdigit() and int(old) != os.getpid():
            self.previous_pid = int(old)  # a run that died without cleaning up: taken over
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
