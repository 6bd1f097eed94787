"""Exports of a store: RDF in several formats, and CSV tables for pandas and Excel."""
from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.namespace import sparql_file
from kg.store.oxigraph import KgStore

__all__ = ["export_rdf", "export_csv", "write_store_turtle", "CSV_QUERIES", "SORTED_TURTLE_MAX"]

_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG,
               "nquads": ox.RdfFormat.N_QUADS}

CSV_QUERIES = {name: sparql_file(Path(__file__).parent / "sparql" / f"csv_{name}.rq")
               for name in ("entities", "relations", "figures")}


def export_rdf(store: KgStore, fmt: str, output: str | Path | None = None) -> str | Path:
    """``turtle``/``jsonld`` of the union graph, ``trig``/``nquads`` with one graph per article; streamed by
    Oxigraph (the store is never loaded whole). Written atomically to ``output`` if given, else returned."""
    from kg.rdf.namespace import prefix_map
    from kg.rdf.serialize import write_atomic

    data = store.quads() if fmt in ("trig", "nquads") else store.triples()
    options = {"format": _OX_FORMATS[fmt]}
    if fmt != "nquads":
        options["prefixes"] = prefix_map(store.base)
    if output is None:
        return ox.serialize(data, **options).decode("utf-8")
    return write_atomic(output, lambda fh: ox.serialize(data, fh, **options))


SORTED_TURTLE_MAX = 2_000_000  # triples: above this a store's Turtle is streamed, not sorted in memory


def write_store_turtle(store: KgStore, path: str | Path) -> Path:
    """The store's union graph as Turtle in ``path``: the same bytes for the same triples (sorted, only the
    prefixes used declared; see :func:`kg.rdf.serialize.turtle_of`), streamed unsorted above
    ``SORTED_TURTLE_MAX`` triples."""
    from kg.rdf.namespace import prefix_map
    from kg.rdf.serialize import turtle_of_lines, write_atomic

    if len(store) > SORTED_TURTLE_MAX:
        return export_rdf(store, "turtle", path)
    data = ox.serialize(store.triples(), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    lines = data.splitlines(keepends=True)
    return write_atomic(path, lambda fh: fh.write(turtle_of_lines(lines, prefix_map(store.base))))


def export_csv(store: KgStore, folder: str | Path) -> list[Path]:
    """``entities.csv``, ``relations.csv``, ``figures.csv`` (UTF-8 with BOM, so Excel reads the Chinese)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, sparql in CSV_QUERIES.items():
        result = store.query(sparql)
        columns = [v.value for v in result.variables]
        path = folder / f"{name}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            for row in result:
                writer.writerow(["" if row[c] is None else row[c].value for c in columns])
        paths.append(path)
    return paths
