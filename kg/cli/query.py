"""``kg query``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

from kg.cli._app import STORE_OPT, Arg, Opt, app, reports_errors


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _shipped() -> list[str]:
    """The shipped queries' names for the help text (kg.rdf.query.named_queries would import rdflib into every
    command's start-up)."""
    from kg.config import QUERY_DIR

    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


def _help() -> str:
    from kg.rdf.prefixes import prefix_lines

    prefixes = "\n".join(prefix_lines())  # "\b": click keeps the block's lines as they are
    return f"""Run a SPARQL query over a graph file or a store and print the results on stdout. Read-only:
SPARQL updates (INSERT, DELETE, LOAD ...) are refused.

Predeclared prefixes: every query may use these without declaring them.

\b
{prefixes}

Example: kg query output/graph.ttl who_holds_posts --format csv ; kg query --store kgstore entity_counts
"""


@app.command("query", help=_help())
@reports_errors
def query_cli(
    graph_or_query: str = Arg(..., metavar="GRAPH", help="A graph file (graph.ttl, .nt ...); with --store, the QUERY."),
    query: Optional[str] = Arg(None, show_default=False, metavar="QUERY", help="SPARQL text, a .rq file, or the name of a shipped query "
                               f"({', '.join(_shipped())})."),
    fmt: Format = Opt(Format.table, "--format", "-f", help="Output format for SELECT results."),
    bind: List[str] = Opt([], "--bind", "-b", help="Pre-bind a variable: NAME=VALUE (matches VALUE as a plain or a Chinese-tagged string). Repeatable."),
    store: Optional[Path] = STORE_OPT,
):
    """``kg query`` (its help is :func:`_help`, which lists the prefix table)."""
    from kg.errors import QueryError
    from kg.rdf.query import format_result, resolve_query, run_store_query
    from kg.store.source import open_source

    bindings = {}
    for item in bind:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--bind {item!r}: use NAME=VALUE")
        bindings[name.lstrip("?")] = value
    if store is not None:
        if query is not None:
            raise QueryError("with --store, give only QUERY (no GRAPH)")
        graph, query = None, graph_or_query
    elif query is None:
        raise QueryError("give GRAPH and QUERY, or --store DIR and QUERY")
    else:
        graph = Path(graph_or_query)
    sparql = resolve_query(query)  # an update or no query at all is said before the graph is read
    with open_source(graph, store) as st:
        result = run_store_query(st, sparql, bindings)
    print(format_result(result, fmt.value))
