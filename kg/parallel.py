"""Extraction over many documents: in this process, in a pool of processes, or on a Dask cluster.

Every path yields ``(document, extraction)`` in input order, so the graph is identical whatever the
number of workers. The pipeline is loaded once per worker process (a module-level cache) and only a
bounded window of documents is in flight, so memory stays flat on large corpora.
"""
from __future__ import annotations

import collections
import itertools
import logging
import sys
import time
from typing import Callable, Iterable, Iterator

from kg.config import ARTICLE_SECONDS_CHARS, DASK_CONNECT_SECONDS, Settings
from kg.deadline import time_limit
from kg.interrupts import ignore_interrupts
from kg.printable import printable
from kg.errors import SchedulerError
from kg.facts import Extraction
from kg.ingest.document import Document
from kg.ingest.reader import Skipped, describe_error

__all__ = ["extract_documents", "extract_one", "article_seconds", "progress_log", "PROGRESS_SECONDS"]

# where extraction tells how far it is inside a long article; the CLI shows it on stderr (kg.cli._progress)
progress_log = logging.getLogger("kg.progress")
progress_log.propagate = False  # shown by its own handler only, never by a root logger's
PROGRESS_SECONDS = 10.0  # a line at most this often

_NLP = {}  # settings key → pipeline, one per (worker) process

# An invented article touching every component: its extraction loads what components load on first use
# (LAC's session, jieba's dictionaries), so that no real article's time limit pays for it.
WARM_UP_TEXT = "宁州市工业和信息化局局长陈建国表示，宏达机械股份有限公司将落户宁州高新区，投资12亿元建设《宁州市数字经济发展规划》项目。"


def _pipeline(settings: Settings):
    key = (str(settings.nlp_data), settings.segmenter, settings.ner, settings.extra_components, str(settings.model),
           settings.relation_model)
    if key not in _NLP:
        from kg.ingest.reader import document_from_text
        from kg.nlp import make_nlp
        from kg.nlp.extract import extract_document

        nlp = make_nlp(settings)
        extract_document(nlp, document_from_text(WARM_UP_TEXT, "warm-up"), None)
        _NLP[key] = nlp
        _settle_heap()
    return _NLP[key]


def _settle_heap() -> None:
    """Move every object alive now (the pipeline's tables and models: hundreds of thousands of containers that
    live as long as the process) out of the cycle collector's sight, after one last full collection. Otherwise
    each of its older-generation passes during extraction walks them all again (measured: about 5 % of a
    build's CPU time). Changes no result; only garbage made before now is collected first."""
    import gc

    gc.collect()
    gc.freeze()


class ArticleTimeout(Exception):
    """An article took longer than ``Settings.article_seconds`` to extract."""


def extract_one(document: Document, settings: Settings) -> tuple[Document, Extraction | Skipped]:
    """Run the pipeline on one document (in whatever process calls it). Whatever goes wrong, and an
    article over the time limit, comes back as a :class:`Skipped` record (stage ``extract``) instead
    of stopping the batch."""
    from kg.nlp.extract import extract_document

    try:
        nlp = _pipeline(settings)  # loading the pipeline does not count against the article's time
        seconds = article_seconds(settings.article_seconds, len(document.text))
        with time_limit(seconds, lambda: ArticleTimeout(f"still running after {seconds:g} s (--article-timeout)")) \
                as deadline:
            return document, extract_document(nlp, document, deadline, on_section=_section_progress(document))
    except (Exception, RecursionError, MemoryError) as err:  # noqa: BLE001 - isolation: one article, one line
        return document, Skipped(document.source, describe_error(err), stage="extract")


def article_seconds(seconds: float, chars: int) -> float:
    """The time an article of ``chars`` characters may take to extract: ``seconds``, or that much per
    :data:`ARTICLE_SECONDS_CHARS` characters of a longer one.

    >>> article_seconds(300, 5_000), article_seconds(300, 900_000), article_seconds(0, 900_000)
    (300, 2700.0, 0)
    """
    return seconds * chars / ARTICLE_SECONDS_CHARS if seconds and chars > ARTICLE_SECONDS_CHARS else seconds


def _section_progress(document: Document) -> Callable[[int, int], None] | None:
    """For an article read in sections, a reporter of the characters done to the ``kg.progress`` log: a line when
    it starts, then one every :data:`PROGRESS_SECONDS` (the CLI shows them, unless quiet)."""
    from kg.nlp.extract import SECTION_CHARS

    if len(document.text) <= SECTION_CHARS or not progress_log.isEnabledFor(logging.INFO):
        return None
    name = printable(document.source)
    progress_log.info("long article %s: %s characters, read in sections", name, f"{len(document.text):,}")
    started = last = time.monotonic()

    def report(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_SECONDS or done >= total:
            progress_log.info("long article %s: %s of %s characters, %.0f s", name, f"{done:,}", f"{total:,}",
                              now - started)
            last = now
    return report


def _start_worker(show_progress: bool) -> None:
    """A pool worker: Ctrl-C is the parent's to handle; the progress of a long article goes to stderr if the
    parent shows progress."""
    ignore_interrupts()
    if show_progress:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        progress_log.addHandler(handler)
        progress_log.setLevel(logging.INFO)


# The reading thread takes the GIL back after each sentence it encodes; at Python's default switch interval
# (5 ms) it would wait that long each time while this thread extracts (measured: 0.5 ms is about 40 % faster).
READ_AHEAD_SWITCH_INTERVAL = 0.0005


def _in_this_process(documents: Iterable[Document], settings: Settings) -> Iterator[tuple[Document, Extraction]]:
    """One document after the other; the next one's LAC encoding runs in a background thread meanwhile
    (:func:`kg.nlp.extract.read_ahead`: onnxruntime works without the GIL while Python extracts, resolves
    and stores this one)."""
    from kg.nlp.extract import read_ahead

    upcoming = iter(documents)
    document = next(upcoming, None)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, READ_AHEAD_SWITCH_INTERVAL))
    try:
        while document is not None:
            following = next(upcoming, None)
            if following is not None:
                try:
                    read_ahead(_pipeline(settings), following)
                except Exception:  # noqa: BLE001 - only a head start: extract_one meets and reports the same error
                    pass
            yield extract_one(document, settings)
            document = following
    finally:
        sys.setswitchinterval(interval)


def _work(args):
    return extract_one(*args)


def extract_documents(documents: Iterable[Document], settings: Settings, workers: int = 1,
                      dask_address: str | None = None, window: int = 16) -> Iterator[tuple[Document, Extraction]]:
    """Yield ``(document, extraction)`` in input order."""
    if dask_address:
        yield from _on_dask(documents, settings, dask_address, window)
    elif workers <= 1:
        yield from _in_this_process(documents, settings)
    else:
        import multiprocessing as mp

        from kg.interrupts import ignoring_interrupts

        with ignoring_interrupts():  # Ctrl-C stops the parent, which ends the pool; workers never see it
            pool = mp.get_context("spawn").Pool(workers, initializer=_start_worker,
                                                initargs=(progress_log.isEnabledFor(logging.INFO),))
        with pool:
            # imap keeps the input order; a small chunk keeps few documents in flight
            yield from pool.imap(_work, ((d, settings) for d in documents), chunksize=2)


def _on_dask(documents: Iterable[Document], settings: Settings, address: str, window: int):
    from distributed import Client
    from distributed.comm.addressing import get_address_host_port

    try:  # a malformed address is refused before a Client exists (a failed one hangs 20 s closing itself)
        get_address_host_port(address)  # an unknown scheme, no port; inproc:// (one process only) too
    except ValueError as err:
        raise SchedulerError(f"not a Dask scheduler address: {address} ({err})") from None
    try:
        client = Client(address, set_as_default=False, timeout=DASK_CONNECT_SECONDS)
    except (OSError, ValueError) as err:  # refused, timed out, a host name that does not resolve
        raise SchedulerError(f"cannot reach the Dask scheduler {address}: {err}") from None
    with client:
        pending: collections.deque = collections.deque()
        docs = iter(documents)
        for document in itertools.islice(docs, window):
            pending.append(client.submit(extract_one, document, settings, pure=False))
        while pending:
            yield pending.popleft().result()  # the oldest first: input order
            for document in itertools.islice(docs, 1):
                pending.append(client.submit(extract_one, document, settings, pure=False))
