"""Exports of a store: RDF in several formats, and CSV tables for pandas and Excel."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.namespace import sparql_file
from kg.store.oxigraph import KgStore

__all__ = ["export_rdf", "export_csv", "export_graphml", "export_neo4j", "export_parquet", "write_store_turtle", "CSV_QUERIES",
           "SORTED_TURTLE_MAX", "spreadsheet_safe", "FORMULA_STARTS"]

_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG,
               "nquads": ox.RdfFormat.N_QUADS}

CSV_QUERIES = {name: sparql_file(Path(__file__).parent / "sparql" / f"csv_{name}.rq")
               for name in ("entities", "relations", "figures")}
TABLE_QUERIES = {**CSV_QUERIES, "mentions": sparql_file(Path(__file__).parent / "sparql" / "csv_mentions.rq")}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                               "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
                               "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_LIST_COLUMNS = {"aliases"}  # GROUP_CONCAT columns: items joined by "|", sorted here (SPARQL leaves them unordered)

# a cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP, "CSV Injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs as a formula: prefixed with ``'`` if it starts with ``=``,
    ``+``, ``-``, ``@``, tab or carriage return (OWASP's advice; the spreadsheet shows the text as written).
    For text cells only: numbers (a figure of -0.7) are written as numbers."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(term) -> str:
    """An Oxigraph term as a CSV cell: numbers as written, any other text made :func:`spreadsheet_safe`."""
    if term is None:
        return ""
    return term.value if _is_number(term) else spreadsheet_safe(term.value)


def _is_number(term) -> bool:
    """A numeric literal whose text is a number (not an ill-typed ``"=1"^^xsd:decimal`` from a graph file)."""
    return (isinstance(term, ox.Literal) and term.datatype is not None and term.datatype.value in _NUMBERS
            and _NUMBER.fullmatch(term.value) is not None)


def _table(store: KgStore, sparql: str, cell) -> tuple[list[str], list[list]]:
    """A table query's columns and rows, each term made a cell by ``cell``; list cells sorted, so that a store
    and a graph file of the same graph give the same rows."""
    columns, rows = store.select(sparql, lambda term: term)
    for row in rows:
        for i, column in enumerate(columns):
            if column in _LIST_COLUMNS and isinstance(row[i], ox.Literal):
                row[i] = ox.Literal("|".join(sorted(row[i].value.split("|"))))
            row[i] = cell(row[i])
    return columns, rows


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
    from kg.rdf.serialize import turtle_of_ntriples, write_atomic

    if len(store) > SORTED_TURTLE_MAX:
        return export_rdf(store, "turtle", path)
    return write_atomic(path, lambda fh: fh.write(turtle_of_ntriples(store.ntriples(), prefix_map(store.base))))


def export_csv(store: KgStore, folder: str | Path) -> list[Path]:
    """``entities.csv``, ``relations.csv``, ``figures.csv`` (UTF-8 with BOM, so Excel reads the Chinese; text
    cells :func:`spreadsheet_safe`, so that opening them runs no formula)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, sparql in CSV_QUERIES.items():
        columns, rows = _table(store, sparql, _csv_cell)
        path = folder / f"{name}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            writer.writerows(rows)
        paths.append(path)
    return paths



def _typed(term):
    """An Oxigraph term as a table cell: integers and decimals as numbers, anything else as its text."""
    if term is None:
        return None
    if _is_number(term):
        datatype = term.datatype.value
        try:
            if datatype == _XSD + "integer":
                return int(term.value)
            if datatype in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
                return float(term.value)
        except ValueError:  # "1.5"^^xsd:integer in a graph file: kept as text
            pass
    return term.value


def export_parquet(store: KgStore, folder: str | Path) -> list[Path]:
    """``entities``, ``relations``, ``figures`` and ``mentions`` as Parquet tables (for pandas, DuckDB,
    Polars): the CSV export's columns, with offsets as integers and figure values as numbers."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, sparql in TABLE_QUERIES.items():
        columns, rows = _table(store, sparql, _typed)
        table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        paths.append(path)
    return paths


def _flat(value) -> str | int | float | bool:
    """A GraphML/CSV attribute value: lists joined with ``|`` (GraphML has no list type)."""
    return "|".join(map(str, value)) if isinstance(value, (list, tuple, set)) else value


def export_graphml(store: KgStore, path: str | Path) -> Path:
    """The entity projection as GraphML (opens in Gephi and Cytoscape): nodes keyed by IRI with ``type``,
    ``label``, ``aliases`` and ``docs`` (``|``-joined); edges with ids ``e0``, ``e1`` … (unique, as GraphML
    asks), ``relation`` (the predicate), ``role`` (posts) and one evidence ``sentence``."""
    import networkx as nx

    from kg.rdf.serialize import write_atomic
    from kg.store.view import store_view

    G, _ = store_view(store)
    out = nx.MultiDiGraph()
    for node, data in sorted(G.nodes(data=True)):
        out.add_node(node, **{k: _flat(v) for k, v in data.items()})
    for number, (s, o, key, data) in enumerate(sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])):
        attrs = {k: _flat(v) for k, v in data.items() if k != "predicate"}
        out.add_edge(s, o, key=f"e{number}", relation=key, **attrs)  # the key is the edge's id: unique in the file
    return write_atomic(path, lambda fh: nx.write_graphml(out, fh, encoding="utf-8"))


def export_neo4j(store: KgStore, folder: str | Path) -> list[Path]:
    """``nodes.csv`` and ``relationships.csv`` in the header syntax of ``neo4j-admin database import full``
    (``id:ID``, ``:LABEL``, ``aliases:string[]`` with ``;`` between items, ``:START_ID``, ``:END_ID``,
    ``:TYPE``), and ``load.cypher``: the same through ``LOAD CSV`` and ``MERGE`` for a running database. Text
    cells are :func:`spreadsheet_safe` (these files open in spreadsheets too)."""
    from kg.store.view import store_view

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    G, _ = store_view(store)
    nodes, rels, cypher = folder / "nodes.csv", folder / "relationships.csv", folder / "load.cypher"
    with open(nodes, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id:ID", "name", "aliases:string[]", "documents:int", ":LABEL"])
        for node, data in sorted(G.nodes(data=True)):
            writer.writerow([*map(spreadsheet_safe, (node, data["label"], ";".join(data.get("aliases", [])))),
                             len(data.get("docs", [])), f"Entity;{data['type']}"])
    with open(rels, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", "role", "sentence"])
        for s, o, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
            writer.writerow([*map(spreadsheet_safe, (s, o)), key,
                             *map(spreadsheet_safe, (data.get("role", ""), data.get("sentence", "")))])
    cypher.write_text(_neo4j_cypher(), encoding="utf-8")
    return [nodes, rels, cypher]


def _neo4j_cypher() -> str:
    """LOAD CSV/MERGE statements for the two files: plain Cypher, one statement per entity type and relation
    (labels and relationship types cannot be parameters without APOC)."""
    from kg.schema import ENTITY_TYPES, RELATION_TYPES

    lines = ["// Load kg's export into a running Neo4j: copy nodes.csv and relationships.csv into its import folder.",
             "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;",
             "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
             "MERGE (e:Entity {id: row.`id:ID`})",
             "SET e.name = row.name, e.documents = toInteger(row.`documents:int`),",
             "    e.aliases = CASE row.`aliases:string[]` WHEN '' THEN [] ELSE split(row.`aliases:string[]`, ';') END;"]
    for t in ENTITY_TYPES:
        lines += [f"LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row WITH row WHERE row.`:LABEL` = 'Entity;{t.cls}'",
                  f"MATCH (e:Entity {{id: row.`id:ID`}}) SET e:{t.cls};"]
    for r in RELATION_TYPES:
        lines += [f"LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row WITH row WHERE row.`:TYPE` = '{r.name}'",
                  "MATCH (s:Entity {id: row.`:START_ID`}), (o:Entity {id: row.`:END_ID`})",
                  f"MERGE (s)-[rel:{r.name}]->(o) SET rel.role = row.role, rel.sentence = row.sentence;"]
    return "\n".join(lines) + "\n"
