"""Graph storage: the one module that names the rdflib store backend."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.util import guess_format

from kg.errors import GraphFileError

__all__ = ["new_graph", "load_graph"]

BACKEND = "default"  # rdflib's in-memory store


def new_graph() -> Graph:
    return Graph(store=BACKEND)


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file (format from its suffix; Turtle if unknown)."""
    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such graph file (build one with `kg build`)")
    graph = new_graph()
    try:
        graph.parse(str(path), format=guess_format(str(path)) or "turtle")
    except Exception as err:  # rdflib raises many parser-specific types
        raise GraphFileError(f"{path}: cannot parse as RDF ({type(err).__name__}: {err})") from err
    return graph
