"""Write graphs to files atomically (temporary name, then rename), in a stable order."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from rdflib import Graph, Literal, URIRef

__all__ = ["write_graph", "write_text", "write_atomic", "turtle_of", "turtle_of_ntriples", "nt_term", "FORMATS", "FAULT_WRITE_ENV"]

FAULT_WRITE_ENV = "KG_FAULT_BEFORE_RENAME"  # testing: die after writing FILE's temporary copy, before the rename

# file suffix → rdflib format; Turtle is written by Oxigraph from sorted triples (see turtle_of)
FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".trig": "trig", ".xml": "xml"}


def write_text(path: str | Path, text: str) -> Path:
    return write_atomic(path, lambda fh: fh.write(text.encode("utf-8")))


def write_atomic(path: str | Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, flush it to disk, then rename it and flush the
    folder: readers, and a machine that loses power, see the old file or the new one. Temporary copies a
    killed run left behind are removed first."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*"):
        stale.unlink(missing_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as err:  # say the file asked for, not the temporary name
        raise OSError(err.errno, err.strerror, str(path)) from err
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if os.environ.get(FAULT_WRITE_ENV) == path.name:
            os._exit(137)  # fault injection: killed between writing and renaming
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def turtle_bytes(graph: Graph) -> bytes:
    """The graph as Turtle (see :func:`turtle_of`) with the graph's bound prefixes."""
    return turtle_of(graph, dict(graph.namespaces()))


def turtle_of(triples, prefixes: dict[str, str]) -> bytes:
    """rdflib ``triples`` as Turtle, the same bytes on every run: written as N-Triples lines, sorted (so by
    subject, then predicate), then read and written as Turtle by Oxigraph (rdflib's sorting Turtle writer
    took about a third of a build). Only the prefixes the triples use are declared."""
    lines = {f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples}
    return turtle_of_ntriples("".join(lines).encode("utf-8"), prefixes)


def turtle_of_ntriples(data: bytes, prefixes: dict[str, str]) -> bytes:
    """N-Triples ``data`` (UTF-8) as Turtle, the same bytes on every run: its lines sorted (as bytes: quicker than
    as text, and in the same order, UTF-8 keeping the order of the characters), then read and written by Oxigraph
    with the prefixes the triples use. The lines are cut at newlines only: ``splitlines`` also cuts at U+2028,
    U+0085 … inside a literal."""
    import pyoxigraph as ox

    data = b"".join(sorted({line + b"\n" for line in data.split(b"\n") if line}))
    parsed = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    used = _iris(parsed)
    namespaces = sorted((p, str(ns)) for p, ns in prefixes.items() if p)
    declared = {p: ns for p, ns in namespaces if any(u.startswith(ns) for u in used)}
    return ox.serialize(parsed, format=ox.RdfFormat.TURTLE, prefixes=declared)


def _iris(triples) -> set[str]:
    """The IRIs Oxigraph ``triples`` use: as subject, predicate or object, or as the datatype of a literal."""
    import pyoxigraph as ox

    used = set()
    for t in triples:
        subject, obj = t.subject, t.object
        used.add(t.predicate.value)
        if isinstance(subject, ox.NamedNode):
            used.add(subject.value)
        if isinstance(obj, ox.NamedNode):
            used.add(obj.value)
        elif isinstance(obj, ox.Literal):
            used.add(obj.datatype.value)
    return used


def _nt_escaped(text: str) -> str:
    """``text`` escaped for an N-Triples string: backslash first, then the quote and the line breaks
    (``str.replace`` runs in C; ``str.translate`` with a mapping looks up every character, slow on the
    sentences and bodies of a document's literals)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def nt_term(term) -> str:
    """An rdflib term in N-Triples syntax."""
    if isinstance(term, URIRef):  # most terms: tested first
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = '"' + _nt_escaped(str(term)) + '"'
        if term.language:
            return f"{lexical}@{term.language}"
        return f"{lexical}^^<{term.datatype}>" if term.datatype else lexical
    return f"_:{term}"


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a platform without directory descriptors
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_graph(graph: Graph, path: str | Path, fmt: str | None = None) -> Path:
    path = Path(path)
    fmt = fmt or FORMATS.get(path.suffix.lower(), "turtle")
    if fmt == "turtle":
        return write_atomic(path, lambda fh: fh.write(turtle_bytes(graph)))
    text = graph.serialize(format=fmt)
    if fmt == "nt":
        text = "".join(sorted(text.splitlines(keepends=True)))
    return write_text(path, text)
