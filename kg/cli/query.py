"""``kg query``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List

from kg.cli._app import Arg, Opt, app, reports_errors


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command("query")
@reports_errors
def query_cli(
    graph: Path = Arg(..., help="A graph file (graph.ttl, .nt, .jsonld ...)."),
    query: str = Arg(..., help="SPARQL text, a .rq file, or the name of a shipped query "
                               "(who_holds_posts, initiatives_by_agency, enterprises_by_district, "
                               "entity_counts, figures, aliases, relations, questions_and_answers, facts_about, "
                               "figures_by_indicator, shared_entities)."),
    fmt: Format = Opt(Format.table, "--format", "-f", help="Output format for SELECT results."),
    bind: List[str] = Opt([], "--bind", "-b", help="Pre-bind a variable: NAME=VALUE (a plain literal). Repeatable."),
):
    """Run a SPARQL query over a graph and print the results on stdout.

    Example: kg query output/graph.ttl who_holds_posts --format csv
    """
    from kg.rdf.query import format_result, resolve_query, run_query
    from kg.rdf.store import load_graph

    from kg.errors import QueryError

    bindings = {}
    for item in bind:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--bind {item!r}: use NAME=VALUE")
        bindings[name.lstrip("?")] = value
    sparql = resolve_query(query)
    result = run_query(load_graph(graph), sparql, bindings)
    print(format_result(result, fmt.value))
