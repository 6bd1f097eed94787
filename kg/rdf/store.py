"""Graph storage: the one module that names the rdflib store backend."""
from __future__ import annotations

import re

from pathlib import Path

from rdflib import Graph
from rdflib.util import guess_format

from kg.errors import GraphFileError

__all__ = ["new_graph", "load_graph"]

BACKEND = "default"  # rdflib's in-memory store


def new_graph() -> Graph:
    return Graph(store=BACKEND)


def parse_error_line(err: Exception) -> str:
    """A parser's error as one readable line: where (line N) and what, without escaped bytes."""
    text = str(err)
    line = re.search(r"at line (\d+)", text) or re.search(r"line[: ]+(\d+)", text)
    why = re.search(r"Bad syntax \(([^)]*)\)", text)
    what = why.group(1) if why else (text.strip().splitlines() or [type(err).__name__])[0]
    what = re.sub(r"b'([^']*)'", lambda m: m.group(1).encode("latin-1", "replace").decode("unicode_escape", "replace")
                  if False else "…", what)[:160]
    return f"line {line.group(1)}: {what}" if line else what


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file (format from its suffix; Turtle if unknown)."""
    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such graph file (build one with `kg build`)")
    graph = new_graph()
    try:
        graph.parse(str(path), format=guess_format(str(path)) or "turtle")
    except Exception as err:  # rdflib raises many parser-specific types
        raise GraphFileError(f"{path}: cannot parse as RDF: {parse_error_line(err)}") from err
    return graph
