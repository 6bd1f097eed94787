"""A time limit for a piece of work: a real-time timer that interrupts it where one can be set, and the
deadline itself for the loops that check it between steps (pages, paragraphs, pipeline components)."""
from __future__ import annotations

import contextlib
import signal
import threading
import time
from typing import Callable, Iterator

__all__ = ["time_limit", "expired"]


@contextlib.contextmanager
def time_limit(seconds: float, error: Callable[[], BaseException]) -> Iterator[float | None]:
    """Yield the ``time.monotonic()`` deadline ``seconds`` from now (None when ``seconds`` is 0: no limit) and
    raise ``error()`` in this thread when it passes. The timer (SIGALRM) can only be set in the main thread of
    a process (which a worker process's task runs in); elsewhere, as in a pool's feeder thread or Dask's worker
    threads, only the loops that check :func:`expired` between steps stop. A timer cannot interrupt one long
    call into C (a parser): what it is given must be bounded in size beforehand."""
    usable = seconds > 0 and hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield time.monotonic() + seconds if seconds > 0 else None
        return

    def ring(_signum, _frame):
        raise error()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield time.monotonic() + seconds
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def expired(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() > deadline
