"""Ctrl-C (SIGINT) during a build: a commit is never cut in two, and worker processes leave it to the parent.

The parent process turns SIGINT into ``KeyboardInterrupt`` as Python does; :func:`interrupts_deferred`
holds it back while a block (a store commit and its bookkeeping) runs, and :func:`ignoring_interrupts`
starts worker processes with SIGINT ignored, so a Ctrl-C (sent to the whole process group by a terminal)
stops the build once, in the parent, without a traceback from every worker.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

__all__ = ["interrupts_deferred", "ignoring_interrupts", "ignore_interrupts"]


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Run the block to its end even if SIGINT arrives meanwhile; then raise the ``KeyboardInterrupt``."""
    if not _in_main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        if callable(previous):
            previous(signal.SIGINT, None)  # Python's default handler raises KeyboardInterrupt
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt


def ignore_interrupts() -> None:
    """Ignore SIGINT in this process (a worker's initializer)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def ignoring_interrupts() -> Iterator[None]:
    """Ignore SIGINT while the block starts processes: a child started meanwhile inherits the disposition, so
    even its interpreter start-up ignores Ctrl-C (Python installs its handler only where SIGINT is not ignored)."""
    if not _in_main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
