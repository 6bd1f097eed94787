"""Advisory file locks on a store folder: one writer, or any number of readers."""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from kg.errors import KgError

__all__ = ["StoreLock", "StoreLocked"]


class StoreLocked(KgError):
    """Another process holds the store (a writer, or readers while we want to write)."""


class StoreLock:
    def __init__(self, folder: Path, exclusive: bool):
        self.path = Path(folder) / ".kg.lock"
        self.exclusive = exclusive
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> "StoreLock":
        """Take the lock, waiting up to ``wait`` seconds for its holder to let go."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.2)
                    continue
                os.close(fd)
                what = "being written by another kg process" if not self.exclusive else "in use by another kg process"
                waited = f" after waiting {wait:g} s" if wait else ""
                raise StoreLocked(f"{self.path.parent}: the store is {what}{waited}; retry when it is done "
                                  f"(lock {self.path})") from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
