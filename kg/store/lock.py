"""Advisory file locks on a store folder: one writer, or any number of readers."""
from __future__ import annotations

import fcntl
import os
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

    def acquire(self) -> "StoreLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            what = "being written by another kg process" if not self.exclusive else "in use by another kg process"
            raise StoreLocked(f"{self.path.parent}: the store is {what} (lock {self.path})") from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
