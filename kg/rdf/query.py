"""SPARQL over a graph: named queries from ``kg/queries/*.rq``, results as rows or text tables."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal

from kg.config import QUERY_DIR
from kg.errors import QueryError
from kg.rdf.namespace import VOCABULARY

__all__ = ["QueryResult", "resolve_query", "run_query", "run_store_query", "with_values", "named_queries", "format_result"]

PREFIXES = VOCABULARY


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[str]]
    kind: str = "select"  # select | ask | graph
    boolean: bool | None = None
    graph: Graph | None = None


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq"))}


def resolve_query(query: str) -> str:
    """QUERY may be a path to a .rq file, the name of a shipped query, or SPARQL text."""
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 256 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise QueryError(f"{query}: no such query file")
        return path.read_text(encoding="utf-8")
    shipped = named_queries()
    if query in shipped:
        return shipped[query].read_text(encoding="utf-8")
    if not any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        names = ", ".join(shipped)
        raise QueryError(f"{query!r} is neither SPARQL, a .rq file, nor a shipped query ({names})")
    return query


def _cell(value) -> str:
    return "" if value is None else str(value)


def run_query(graph: Graph, sparql: str, bindings: dict[str, str] | None = None) -> QueryResult:
    """Run SPARQL; ``bindings`` pre-bind variables (``{"name": "市经信委"}``, see :func:`with_values`)."""
    try:
        result = graph.query(with_values(sparql, bindings or {}), initNs=PREFIXES)
    except Exception as err:  # pyparsing and rdflib evaluation errors
        raise QueryError(f"SPARQL error: {err}") from err
    if result.type == "ASK":
        return QueryResult(["ask"], [[str(bool(result.askAnswer)).lower()]], "ask", bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult([], [], "graph", graph=result.graph)
    columns = [str(v) for v in result.vars]
    return QueryResult(columns, [[_cell(row[i]) for i in range(len(columns))] for row in result])


def run_store_query(store, sparql: str, bindings: dict[str, str] | None = None) -> QueryResult:
    """Run SPARQL on a :class:`kg.store.KgStore` (Oxigraph; the default graph is the union of all graphs)."""
    import pyoxigraph as ox

    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items() if f"PREFIX {k}:" not in sparql)
    try:
        result = store.query(prefixes + with_values(sparql, bindings or {}))
    except (SyntaxError, OSError, ValueError) as err:
        raise QueryError(f"SPARQL error: {err}") from err
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(["ask"], [[str(bool(result)).lower()]], "ask", bool(result))
    if isinstance(result, ox.QueryTriples):
        from rdflib import Graph

        data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        return QueryResult([], [], "graph", graph=Graph().parse(data=data.decode("utf-8"), format="nt"))
    columns = [v.value for v in result.variables]
    rows = [[_ox_cell(sol[c]) for c in columns] for sol in result]
    return QueryResult(columns, rows)


def with_values(sparql: str, bindings: dict[str, str]) -> str:
    """``sparql`` with ``VALUES ?var { "value" "value"@zh }`` opening its WHERE group. A bound variable
    matches the value as a plain or a Chinese-tagged string (kg's names are ``@zh``), and a store looks
    it up in its indexes: Oxigraph does not propagate a ``BIND``-computed value into triple patterns
    (a scan at 10^6 triples) and its own substitutions only reach projected variables."""
    if not bindings:
        return sparql
    mentioned = set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", sparql))
    unknown = sorted(set(bindings) - mentioned)
    if unknown:
        raise QueryError(f"--bind {unknown[0]}: the query has no variable ?{unknown[0]} "
                         f"(it has: {', '.join('?' + v for v in sorted(mentioned)) or 'none'})")
    where = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE) or re.search(r"\{", sparql)
    if where is None:
        raise QueryError("SPARQL error: no WHERE group to bind variables in")
    values = " ".join(f"VALUES ?{k} {{ {Literal(v).n3()} {Literal(v, lang='zh').n3()} }}" for k, v in bindings.items())
    return f"{sparql[:where.end()]} {values}\n{sparql[where.end():]}"


def _ox_cell(term) -> str:
    return "" if term is None else term.value


def format_result(result: QueryResult, fmt: str = "table") -> str:
    if result.kind == "graph":
        return result.graph.serialize(format="turtle")
    if fmt == "json":
        return json.dumps([dict(zip(result.columns, row)) for row in result.rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return buf.getvalue().rstrip("\n")
    return _table(result.columns, result.rows)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(columns: list[str], rows: list[list[str]]) -> str:
    widths = [_width(c) for c in columns]
    for row in rows:
        widths = [max(w, _width(v)) for w, v in zip(widths, row)]

    def line(cells):
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
