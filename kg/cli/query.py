"""``kg query``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path

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
                               "entity_counts, figures, aliases, relations)."),
    fmt: Format = Opt(Format.table, "--format", "-f", help="Output format for SELECT results."),
):
    """Run a SPARQL query over a graph and print the results on stdout.

    Example: kg query output/graph.ttl who_holds_posts --format csv
    """
    from kg.rdf.query import format_result, resolve_query, run_query
    from kg.rdf.store import load_graph

    sparql = resolve_query(query)
    result = run_query(load_graph(graph), sparql)
    print(format_result(result, fmt.value))
