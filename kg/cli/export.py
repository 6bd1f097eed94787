"""``kg export``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

from kg.cli._app import GRAPH_ARG, STORE_OPT, Opt, app, err, open_source, out_file, out_folder, reports_errors


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    csv = "csv"
    graphml = "graphml"
    neo4j = "neo4j"
    parquet = "parquet"


@app.command("export")
@reports_errors
def export_cli(
    graph: Optional[Path] = GRAPH_ARG,
    store: Optional[Path] = STORE_OPT,
    fmt: ExportFormat = Opt(ExportFormat.turtle, "--format", "-f", help="turtle (the union of all graphs), trig and "
                            "nquads (a store: one named graph per document; a graph file: its own graphs, all of a Turtle file in the "
                            "default graph), jsonld, csv (tables for pandas and Excel), "
                            "graphml (the entity graph for Gephi and Cytoscape), neo4j (neo4j-admin import CSVs "
                            "and a LOAD CSV script) or parquet (entities, relations, figures, mentions)."),
    out: Optional[Path] = Opt(None, "--out", "-o", help="Output file (a folder for csv, neo4j and parquet); stdout when "
                              "omitted (RDF formats only)."),
):
    """Export a store or a graph file as RDF, as CSV tables of entities, relations and figures, as GraphML,
    or for Neo4j.

    Example: kg export --store kgstore --format trig --out kg.trig ; kg export output/graph.ttl --format graphml
    --out kg.graphml ; kg export --store kgstore --format neo4j --out neo4j/
    """
    from kg.errors import KgError
    from kg.store.export import export_csv, export_graphml, export_neo4j, export_parquet, export_rdf

    tables = {ExportFormat.csv: export_csv, ExportFormat.neo4j: export_neo4j, ExportFormat.parquet: export_parquet}
    if out is not None:
        (out_folder if fmt in tables else out_file)(out)
    with open_source(graph, store) as st:
        if fmt in tables:
            if out is None:
                raise KgError(f"--format {fmt.value} writes several files: give --out DIR")
            for path in tables[fmt](st, out):
                err(f"wrote {path}")
            return
        if fmt is ExportFormat.graphml:
            if out is None:
                raise KgError("--format graphml: give --out FILE.graphml")
            err(f"wrote {export_graphml(st, out)}")
            return
        if out is None:
            print(export_rdf(st, fmt.value), end="")
        else:
            err(f"wrote {export_rdf(st, fmt.value, out)}")
