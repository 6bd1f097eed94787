"""Queries run in worker processes, so a runaway query can be stopped: past the time limit, or when its
client has gone away, its worker is killed and replaced, and the client (if still there) gets an error
status, never a truncated 200. Each worker has a memory limit; a worker that dies answers at once with a
clear error and is replaced."""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
import time
from dataclasses import dataclass

import pyoxigraph as ox

from kg.serve.guard import QueryRefused, check_query
from kg.serve.results import GRAPH_FORMATS, select_chunks, serialize_ask
from kg.rdf.union import reads_union

__all__ = ["QueryPool", "Answer", "QueryRefused", "check_query"]

_TEXT = "text/plain; charset=utf-8"

@dataclass
class Answer:
    status: int
    body: bytes
    media_type: str


def _open(source: tuple[str, str]) -> ox.Store:
    kind, path = source
    if kind == "store":
        return ox.Store.read_only(path)
    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.from_extension(path.rsplit(".", 1)[-1]) or ox.RdfFormat.TURTLE)
    return store


class _AnswerTooLarge(Exception):
    pass


class _TooManyRows(Exception):
    pass


def _rows(result, variables: list[str], row_cap: int):
    for n, solution in enumerate(result):
        if n >= row_cap:
            raise _TooManyRows
        yield [solution[v] for v in variables]


class _CappedBody:
    """A write-only buffer that refuses to grow past ``cap`` bytes (a file-like for ``ox.serialize`` too)."""

    def __init__(self, cap: int):
        self.cap, self.size, self.parts = cap, 0, []

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.cap:
            raise _AnswerTooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)


def _run(store: ox.Store, sparql: str, fmt: str, graph_fmt: str, row_cap: int, byte_cap: int) -> Answer:
    """The answer to ``sparql``: at most ``row_cap`` rows (or triples) and ``byte_cap`` bytes, else 413.
    The answer is serialised row by row into a capped buffer, so neither this worker nor the server's
    main process ever holds more than ``byte_cap`` bytes of it."""
    from kg.rdf.query import PREFIXES, syntax_error

    try:  # kg's prefixes are declared as for ``kg query`` (a query's own PREFIX lines win)
        result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=reads_union(store))
    except SyntaxError as err:
        return Answer(400, syntax_error(sparql, err).encode(), _TEXT)
    body = _CappedBody(byte_cap)
    try:
        if isinstance(result, ox.QueryBoolean):
            body.write(serialize_ask(bool(result), fmt))
            return Answer(200, body.value(), _mime(fmt))
        if isinstance(result, ox.QueryTriples):
            triples = []
            for t in result:
                triples.append(t)
                if len(triples) > row_cap:
                    return _capped(row_cap)
            mime, rdf_format = GRAPH_FORMATS[graph_fmt]
            ox.serialize(triples, output=body, format=rdf_format)
            return Answer(200, body.value(), mime)
        variables = [v.value for v in result.variables]
        for chunk in select_chunks(variables, _rows(result, variables, row_cap), fmt):
            body.write(chunk)
        return Answer(200, body.value(), _mime(fmt))
    except _AnswerTooLarge:
        return too_large(byte_cap)
    except _TooManyRows:
        return _capped(row_cap)


def too_large(byte_cap: int) -> Answer:
    return Answer(413, f"the answer is larger than {byte_cap} bytes (the endpoint's cap): add a LIMIT or "
                       "select fewer or shorter values".encode(), _TEXT)


def _capped(row_cap: int) -> Answer:
    return Answer(413, f"the result has more than {row_cap} rows (the endpoint's cap): add a LIMIT".encode(), _TEXT)


def _mime(fmt: str) -> str:
    from kg.serve.results import FORMATS

    return FORMATS[fmt] + "; charset=utf-8"


def _worker(source, inbox, outbox, memory_bytes: int = 0) -> None:
    os.environ["RUST_BACKTRACE"] = "0"  # a worker that runs out of memory says so in one line, then is replaced
    if memory_bytes:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        except (ImportError, ValueError, OSError):
            pass  # a platform without address-space limits
    store = _open(source)
    while True:
        job = inbox.get()
        if job is None:
            return
        try:
            outbox.put(_run(store, *job))
        except Exception as err:  # an engine error must not kill the worker silently
            outbox.put(Answer(500, f"query failed: {type(err).__name__}: {err}".encode(), _TEXT))


class _Slot:
    def __init__(self, ctx, source, memory_bytes: int):
        self.inbox, self.outbox = ctx.Queue(), ctx.Queue()
        self.process = ctx.Process(target=_worker, args=(source, self.inbox, self.outbox, memory_bytes), daemon=True)
        self.process.start()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class QueryPool:
    """``size`` worker processes over one read-only store; each query gets ``timeout`` seconds and each
    worker ``memory_mb`` megabytes of address space (0: no limit); an answer has at most ``row_cap`` rows
    and ``answer_bytes`` bytes (past either: 413)."""

    def __init__(self, source: tuple[str, str], size: int = 2, timeout: float = 10.0, row_cap: int = 10000,
                 memory_mb: int = 2048, answer_bytes: int = 64 * 1024 * 1024):
        self.source, self.timeout, self.row_cap, self.answer_bytes = source, timeout, row_cap, answer_bytes
        self.memory_bytes = memory_mb * 1024 * 1024
        self._ctx = mp.get_context("spawn")
        self._free: queue.Queue[_Slot] = queue.Queue()
        for _ in range(size):
            self._free.put(self._new_slot())

    def _new_slot(self) -> _Slot:
        return _Slot(self._ctx, self.source, self.memory_bytes)

    def run(self, sparql: str, fmt: str = "json", graph_fmt: str = "turtle",
            cancelled: threading.Event | None = None) -> Answer | None:
        """Run ``sparql`` in a free worker. Returns None when ``cancelled`` is set first (the client left:
        the worker is stopped and replaced at once, so an abandoned query costs nothing more)."""
        check_query(sparql)
        while True:  # a query whose client leaves while it waits for a worker never takes one
            try:
                slot = self._free.get(timeout=0.1)
                break
            except queue.Empty:
                if cancelled is not None and cancelled.is_set():
                    return None
        try:
            slot.inbox.put((sparql, fmt, graph_fmt, self.row_cap, self.answer_bytes))
            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    answer = slot.outbox.get(timeout=0.1)
                    return answer if len(answer.body) <= self.answer_bytes else too_large(self.answer_bytes)
                except queue.Empty:
                    pass
                if cancelled is not None and cancelled.is_set():
                    slot.stop()
                    slot = self._new_slot()
                    return None
                if not slot.process.is_alive():
                    slot.stop()
                    slot = self._new_slot()
                    return Answer(500, b"the query's worker stopped (it ran out of memory or crashed); "
                                       b"the query was not answered, the endpoint goes on", _TEXT)
                if time.monotonic() > deadline:
                    slot.stop()
                    slot = self._new_slot()
                    return Answer(503, f"the query ran past the time limit of {self.timeout:g} s and was stopped"
                                  .encode(), _TEXT)
        finally:
            self._free.put(slot)

    def close(self) -> None:
        while not self._free.empty():
            slot = self._free.get_nowait()
            slot.inbox.put(None)
            slot.stop()
