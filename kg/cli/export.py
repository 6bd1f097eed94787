"""``kg export``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

from kg.cli._app import GRAPH_ARG, STORE_OPT, Opt, app, err, open_source, reports_errors


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    csv = "csv"


@app.command("export")
@reports_errors
def export_cli(
    graph: Optional[Path] = GRAPH_ARG,
    store: Optional[Path] = STORE_OPT,
    fmt: ExportFormat = Opt(ExportFormat.turtle, "--format", "-f", help="turtle (the union of all graphs), trig and "
                            "nquads (one named graph per document), jsonld, or csv (tables for pandas and Excel)."),
    out: Optional[Path] = Opt(None, "--out", "-o", help="Output file (a folder for csv); stdout when omitted."),
):
    """Export a store or a graph file as RDF, or as CSV tables of entities, relations and figures.

    Example: kg export --store kgstore --format trig --out kg.trig ; kg export --store kgstore --format csv --out tables
    """
    from kg.errors import KgError
    from kg.store.export import export_csv, export_rdf

    with open_source(graph, store) as st:
        if fmt is ExportFormat.csv:
            if out is None:
                raise KgError("--format csv writes several files: give --out DIR")
            for path in export_csv(st, out):
                err(f"wrote {path}")
            return
        if out is None:
            print(export_rdf(st, fmt.value), end="")
        else:
            err(f"wrote {export_rdf(st, fmt.value, out)}")
