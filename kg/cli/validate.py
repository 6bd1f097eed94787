"""``kg validate``."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import Arg, Opt, app, err, reports_errors


@app.command("validate")
@reports_errors
def validate_cli(
    graph: Path = Arg(..., help="A graph file (graph.ttl ...)."),
    limit: int = Opt(50, "--limit", help="Show at most this many violations."),
):
    """Check a graph against the SHACL shapes (ontology/shapes.ttl); exit 1 when it does not conform.

    Example: kg validate output/graph.ttl
    """
    from kg.rdf.store import load_graph
    from kg.rdf.validate import validate

    report = validate(load_graph(graph))
    for violation in report.violations[:limit]:
        print(violation)
    if len(report.violations) > limit:
        print(f"... and {len(report.violations) - limit} more")
    if report.conforms:
        err(f"{graph}: conforms to the kg shapes")
        return
    err(f"{graph}: {len(report.violations)} violation(s)")
    raise typer.Exit(1)
