"""The one read path: a graph file or a store folder, opened as a :class:`KgStore` that query, viz, stats,
report, validate, export and serve all read (a file is loaded into an in-memory store)."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from kg.config import base_iri_problem
from kg.errors import GraphFileError, KgError
from kg.store.oxigraph import KgStore

__all__ = ["open_source", "load_file", "FILE_FORMATS"]

FILE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                ".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD,
                ".json": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
                ".owl": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3}


def open_source(graph: str | Path | None = None, store: str | Path | None = None) -> KgStore:
    """``graph`` (a graph file) or ``store`` (a kg store folder), exactly one, open for reading. Use as a
    context manager; a folder's readers wait for a writer to finish (see :class:`KgStore`)."""
    if (graph is None) == (store is None):
        raise KgError("give a GRAPH file or --store DIR (one of them)")
    if store is not None:
        return KgStore(store)
    return load_file(graph)


def load_file(path: str | Path) -> KgStore:
    """A graph file (format from its suffix; Turtle if unknown) in an in-memory store. Quads formats keep
    their named graphs, read as their union with the default graph; a triples format (Turtle, JSON-LD) is
    all default graph. Exports of it contain exactly what the file holds (see :meth:`KgStore.quads`)."""
    path = Path(path)
    if path.is_dir():
        if (path / "CURRENT").is_file():  # what KgStore opens (RocksDB's CURRENT file)
            raise GraphFileError(f"{path} is a kg store folder: use --store {path}")
        raise GraphFileError(f"{path} is a folder, neither a graph file nor a kg store (GRAPH is a file "
                             "such as output/graph.ttl; --store DIR a folder from `kg build --store DIR`)")
    if not path.is_file():
        raise GraphFileError(f"{path}: no such graph file (build one with `kg build`)")
    fmt = FILE_FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)
    kg_store = KgStore()
    try:
        kg_store.store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphFileError(f"{path}: cannot parse as RDF: {_where(err)}") from err
    kg_store.union = fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
    kg_store.default_graph_is_data = True
    base = _base_of(kg_store)
    if base and not base_iri_problem(base):
        kg_store.rebase(base)
    return kg_store


def _base_of(kg_store: KgStore) -> str | None:
    """The base IRI the graph was built with, read off a document's IRI (``{base}doc/{id}``)."""
    from kg.rdf.namespace import KG_NS

    for row in kg_store.query(f"SELECT ?d WHERE {{ ?d a <{KG_NS}Document> }} LIMIT 1"):
        iri = row["d"].value
        return iri.rsplit("doc/", 1)[0] if "doc/" in iri else None
    return None


def _where(err: Exception) -> str:
    """Oxigraph's parse error as 'line N: what'."""
    text = " ".join(str(err).split())
    m = re.search(r"at line (\d+)(?: between columns \d+ and \d+)?:?\s*(.*)", text)
    return f"line {m.group(1)}: {m.group(2)[:160]}" if m else text[:160]
