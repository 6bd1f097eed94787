"""``kg validate``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli._app import GRAPH_ARG, STORE_OPT, Opt, app, err, open_source, reports_errors
from kg.errors import InputError
from kg.printable import printable


@app.command("validate")
@reports_errors
def validate_cli(
    graph: Optional[Path] = GRAPH_ARG,
    store: Optional[Path] = STORE_OPT,
    limit: int = Opt(50, "--limit", min=0, help="Show at most this many violations."),
    engine: str = Opt("sparql", "--engine", help="sparql: the shapes compiled to SPARQL and run in Oxigraph "
                      "(seconds); pyshacl: the reference SHACL engine (same report, minutes on large graphs)."),
):
    """Check a graph against the SHACL shapes (ontology/shapes.ttl); exit 1 when it does not conform.

    Example: kg validate output/graph.ttl
    """
    from kg.rdf.validate import ENGINES, validate

    if engine not in ENGINES:
        raise InputError(f"--engine: expected one of {', '.join(ENGINES)}, got {engine!r}")
    with open_source(graph, store) as st:
        report = validate(st, engine=engine)
    for violation in report.violations[:limit]:
        print(printable(violation))  # a focus node or value may come from an article
    if len(report.violations) > limit:
        print(f"... and {len(report.violations) - limit} more")
    if report.conforms:
        err(f"{graph or store}: conforms to the kg shapes")
        return
    err(f"{graph or store}: {len(report.violations)} violation(s)")
    raise typer.Exit(1)
