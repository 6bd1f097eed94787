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
from kg.serve.results import GRAPH_FORMATS, serialize_ask, serialize_select
from kg.rdf.union import reads_union

__all__ = ["QueryPool", "Answer", "QueryRefused", "check_query"]



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


def _run(store: ox.Store, sparql: str, fmt: str, graph_fmt: str, row_cap: int) -> Answer:
    try:
        result = store.query(sparql, use_default_graph_as_union=reads_union(store))
    except SyntaxError as err:
        return Answer(400, f"SPARQL syntax error: {err}".encode(), "text/plain; charset=utf-8")
    if isinstance(result, ox.QueryBoolean):
        return Answer(200, serialize_ask(bool(result), fmt), _mime(fmt))
    if isinstance(result, ox.QueryTriples):
        triples = []
        for t in result:
            triples.append(t)
            if len(triples) > row_cap:
                return _capped(row_cap)
        mime, rdf_format = GRAPH_FORMATS[graph_fmt]
        return Answer(200, ox.serialize(triples, format=rdf_format), mime)
    variables = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append([solution[v] for v in variables])
        if len(rows) > row_cap:
            return _capped(row_cap)
    return Answer(200, serialize_select(variables, rows, fmt), _mime(fmt))


def _capped(row_cap: int) -> Answer:
    return Answer(413, f"the result has more than {row_cap} rows (the endpoint's cap): add a LIMIT".encode(),
                  "text/plain; charset=utf-8")


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
            outbox.put(Answer(500, f"query failed: {type(err).__name__}: {err}".encode(), "text/plain; charset=utf-8"))


class _Slot:
    def __init__(self, ctx, source, memory_bytes: int):
        self.inbox, self.outbox = ctx.Queue(), ctx.Queue()
        self.process = ctx.Process(target=_worker, args=(source, self.inbox, self.outbox, memory_bytes), daemon=True)
        self.process.start()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


_TEXT = "text/plain; charset=utf-8"


class QueryPool:
    """``size`` worker processes over one read-only store; each query gets ``timeout`` seconds and each
    worker ``memory_mb`` megabytes of address space (0: no limit)."""

    def __init__(self, source: tuple[str, str], size: int = 2, timeout: float = 10.0, row_cap: int = 10000,
                 memory_mb: int = 2048):
        self.source, self.timeout, self.row_cap = source, timeout, row_cap
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
        slot = self._free.get()
        try:
            slot.inbox.put((sparql, fmt, graph_fmt, self.row_cap))
            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    return slot.outbox.get(timeout=0.1)
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
