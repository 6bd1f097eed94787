"""Write graphs to files atomically (temporary name, then rename), in a stable order."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from rdflib import RDF, Graph, Literal, URIRef

__all__ = ["write_graph", "write_text", "write_atomic", "FORMATS", "FAULT_WRITE_ENV"]

FAULT_WRITE_ENV = "KG_FAULT_BEFORE_RENAME"  # testing: die after writing FILE's temporary copy, before the rename

# file suffix → rdflib format; Turtle is written by Oxigraph from sorted triples (see write_turtle)
FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".trig": "trig", ".xml": "xml"}


def write_text(path: str | Path, text: str) -> Path:
    return write_atomic(path, lambda fh: fh.write(text.encode("utf-8")))


def write_atomic(path: str | Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if os.environ.get(FAULT_WRITE_ENV) == path.name:
            os._exit(137)  # fault injection: killed between writing and renaming
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def turtle_bytes(graph: Graph) -> bytes:
    """The graph as Turtle, the same bytes on every run: triples sorted by subject, predicate and object,
    written by Oxigraph's serializer (rdflib's sorting Turtle writer took about a third of a build)."""
    import pyoxigraph as ox

    def term(t):
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))
        return ox.BlankNode(str(t))

    cache: dict = {}

    def cached(t):
        found = cache.get(t)
        if found is None:
            found = cache[t] = term(t)
        return found

    rows = sorted(((str(s), str(p), o.n3(), s, p, o) for s, p, o in graph), key=lambda r: r[:3])
    used = {r[1] for r in rows} | {r[0] for r in rows} | {str(r[5]) for r in rows if r[4] == RDF.type} \
        | {str(r[5].datatype) for r in rows if isinstance(r[5], Literal) and r[5].datatype}
    namespaces = sorted((p, str(ns)) for p, ns in graph.namespaces() if p)
    prefixes = {p: ns for p, ns in namespaces if any(u.startswith(ns) for u in used)}
    triples = (ox.Triple(cached(s), cached(p), cached(o)) for *_k, s, p, o in rows)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def write_graph(graph: Graph, path: str | Path, fmt: str | None = None) -> Path:
    path = Path(path)
    fmt = fmt or FORMATS.get(path.suffix.lower(), "turtle")
    if fmt == "turtle":
        return write_atomic(path, lambda fh: fh.write(turtle_bytes(graph)))
    text = graph.serialize(format=fmt)
    if fmt == "nt":
        text = "".join(sorted(text.splitlines(keepends=True)))
    return write_text(path, text)
