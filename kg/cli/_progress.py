"""Progress on stderr: a bar on a terminal, plain lines in a log (no carriage returns), nothing when quiet."""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from typing import Callable, Iterable, Iterator, TextIO

__all__ = ["progress_display", "long_article_lines", "LINE_EVERY", "LINE_SECONDS", "EVERY_ENV"]

EVERY_ENV = "KG_PROGRESS_EVERY"  # articles between plain progress lines, if not 10
LINE_EVERY = 10  # a plain progress line every this many articles ...
LINE_SECONDS = 10.0  # ... or after this many seconds without one


def _lines(items: Iterable, desc: str, total: int | None, stream: TextIO, every: int, seconds: float) -> Iterator:
    started = last = time.monotonic()
    done = 0
    for item in items:
        yield item
        done += 1
        now = time.monotonic()
        if done % every == 0 or now - last >= seconds:
            of = f" of {total}" if total and total >= done else ""  # a total that was wrong is not shown
            print(f"{desc}: {done}{of} articles, {now - started:.0f} s", file=stream, flush=True)
            last = now


def progress_display(desc: str, quiet: bool = False, stream: TextIO | None = None, every: int | None = None,
                     seconds: float = LINE_SECONDS) -> Callable[[Iterable], Iterable]:
    """A wrapper for the items of a long run: a tqdm bar when ``stream`` (stderr) is a terminal, else one
    plain line every ``every`` items (default ``$KG_PROGRESS_EVERY`` or 10) or ``seconds``; nothing when ``quiet``. The total is ``len(items)`` if known."""
    def wrap(items: Iterable) -> Iterable:
        out = stream or sys.stderr
        if quiet:
            return items
        total = len(items) if hasattr(items, "__len__") else None
        if out.isatty():
            from tqdm import tqdm

            return tqdm(items, desc=desc, total=total or None, unit="doc", leave=False, file=out)
        return _lines(items, desc, total, out, every or int(os.environ.get(EVERY_ENV) or LINE_EVERY), seconds)
    return wrap


class _LineHandler(logging.Handler):
    """Each record as one line on ``stream``; above a terminal's bar (tqdm.write) when it is one."""

    def __init__(self, stream: TextIO):
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        line = record.getMessage()
        if self.stream.isatty():
            from tqdm import tqdm

            tqdm.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)


@contextlib.contextmanager
def long_article_lines(quiet: bool = False, stream: TextIO | None = None) -> Iterator[None]:
    """While it is open, the progress inside a long article (the ``kg.progress`` log: 「long article PATH:
    300,000 of 900,000 characters, 95 s」) is shown on ``stream`` (stderr); nothing when ``quiet``."""
    from kg.parallel import progress_log

    if quiet:
        yield
        return
    handler = _LineHandler(stream or sys.stderr)
    level = progress_log.level
    progress_log.addHandler(handler)
    progress_log.setLevel(logging.INFO)
    try:
        yield
    finally:
        progress_log.removeHandler(handler)
        progress_log.setLevel(level)
