"""Advisory file locks on a store folder: one writer, or any number of readers."""
from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from pathlib import Path

from kg.errors import KgError

__all__ = ["StoreLock", "StoreLocked"]


class StoreLocked(KgError):
    """Another process holds the store (a writer, or readers while we want to write)."""


def _command() -> str:
    """``kg build`` (or the program's name when kg is used as a library)."""
    program = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "python"
    if program in ("kg", "__main__.py") and len(sys.argv) > 1:
        return f"kg {sys.argv[1]}"
    return program


def _written(path: Path) -> bool:
    """True when a writer (not readers) holds the lock at ``path``: a shared lock is refused too."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """`` (pid 123: python -m kg)``: the writer that holds the lock, as it wrote itself into the file."""
    try:
        pid, _, command = os.pread(fd, 200, 0).decode("utf-8", "replace").partition(" ")
    except OSError:
        return ""
    return f" (pid {pid}: {command})" if pid.isdigit() else ""


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
                writer = not self.exclusive or _written(self.path)
                what = (f"being written by another kg process{_holder(fd)}" if writer
                        else "being read by another kg process (kg serve, query, export …)")
                os.close(fd)
                waited = f" after waiting {wait:g} s" if wait else ""
                raise StoreLocked(f"{self.path.parent}: the store is {what}{waited}; retry when it is done "
                                  f"(lock {self.path})") from None
        if self.exclusive:  # say who writes, for the message a second writer or a reader gets
            try:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()} {_command()}".encode(), 0)
            except OSError:
                pass  # a full disk: the lock holds all the same
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            if self.exclusive:
                with contextlib.suppress(OSError):
                    os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
