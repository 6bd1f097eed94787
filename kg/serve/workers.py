"""Queries run in worker processes, so a runaway query can be stopped: past the time limit its worker
is killed and replaced, and the client gets an error status (never a truncated 200)."""
from __future__ import annotations

import multiprocessing as mp
import queue
import re
import threading
from dataclasses import dataclass

import pyoxigraph as ox

from kg.serve.results import GRAPH_FORMATS, serialize_ask, serialize_select
from kg.store.oxigraph import reads_union

__all__ = ["QueryPool", "Answer", "QueryRefused"]

_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.I)


class QueryRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Answer:
    status: int
    body: bytes
    media_type: str


def check_query(sparql: str) -> None:
    """Refuse federation (SERVICE) and anything that is an update, before it reaches the engine."""
    bare = _STRINGS.sub(" ", sparql)
    if re.search(r"\bSERVICE\b", bare, re.I):
        raise QueryRefused(403, "SERVICE (federated query) is not allowed on this endpoint")
    if _UPDATE.search(bare) and not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", bare, re.I):
        raise QueryRefused(403, "this endpoint is read-only: updates are refused")


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


def _worker(source, inbox, outbox) -> None:
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
    def __init__(self, ctx, source):
        self.inbox, self.outbox = ctx.Queue(), ctx.Queue()
        self.process = ctx.Process(target=_worker, args=(source, self.inbox, self.outbox), daemon=True)
        self.process.start()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class QueryPool:
    """``size`` worker processes over one read-only store; each query gets ``timeout`` seconds."""

    def __init__(self, source: tuple[str, str], size: int = 2, timeout: float = 10.0, row_cap: int = 10000):
        self.source, self.timeout, self.row_cap = source, timeout, row_cap
        self._ctx = mp.get_context("spawn")
        self._free: queue.Queue[_Slot] = queue.Queue()
        for _ in range(size):
            self._free.put(_Slot(self._ctx, source))
        self._all_lock = threading.Lock()

    def run(self, sparql: str, fmt: str = "json", graph_fmt: str = "turtle") -> Answer:
        check_query(sparql)
        slot = self._free.get()
        try:
            slot.inbox.put((sparql, fmt, graph_fmt, self.row_cap))
            try:
                return slot.outbox.get(timeout=self.timeout)
            except queue.Empty:
                slot.stop()
                slot = _Slot(self._ctx, self.source)
                return Answer(503, f"the query ran past the time limit of {self.timeout:g} s and was stopped".encode(),
                              "text/plain; charset=utf-8")
        finally:
            self._free.put(slot)

    def close(self) -> None:
        while not self._free.empty():
            slot = self._free.get_nowait()
            slot.inbox.put(None)
            slot.stop()
