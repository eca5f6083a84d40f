"""A lock so that two cron runs never crawl into the same archive at once.

`flock` is released by the kernel when its holder dies, even by SIGKILL, so a stale lock from a
killed run cannot block the next one: the next run simply takes it over (and says so, from the
pid left in the file). The lock file sits next to the archive's *real* path: a symlinked
`--db` and the file it points to are one archive and take one lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType
from typing import Self


class LockedError(Exception):
    """Another run holds the archive's crawl lock."""


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{Path(db_path).expanduser().resolve()}.lock")


def is_locked(db_path: str | Path) -> bool:
    """True when a crawl (or ingester) holds the archive's lock now. Takes nothing: a shared
    lock attempt fails while an exclusive one is held, and is dropped at once otherwise."""
    path = lock_path(db_path)
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops our shared lock too
    return False


class CrawlLock:
    def __init__(self, db_path: str | Path) -> None:
        self.path = lock_path(db_path)
        self.fd: int | None = None
        self.previous_pid: int | None = None

    def acquire(self, wait: float = 2.0) -> CrawlLock:
        """Take the lock, waiting up to `wait` s (a `thidua status` may hold a shared lock
        for a moment while it looks; a real crawl holds it far longer)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                os.close(fd)
                raise LockedError(
                    f"another crawl (pid {holder}) is already writing to this archive "
                    f"({self.path}); this run exits. If no crawl is running, the lock is "
                    f"released automatically when its process ends."
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
