"""``kg report``."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from kg.cli._app import GRAPH_ARG, STORE_OPT, Arg, Opt, app, err, open_source, out_folder, reports_errors


@app.command("report")
@reports_errors
def report_cli(
    graph: Optional[Path] = GRAPH_ARG,
    docs: Optional[List[str]] = Arg(None, help="Only these articles (content id or source path)."),
    store: Optional[Path] = STORE_OPT,
    out: Path = Opt(Path("output/report"), "--out", "-o", help="Folder for the pages (index.html + one per article)."),
):
    """Write review pages: each article's text with the recognised entities highlighted, and every relation
    and figure next to its evidence sentence (the exact span marked), plus a sortable, searchable index.

    Example: kg report output/graph.ttl --out output/report ; kg report --store kgstore
    """
    from kg.errors import KgError
    from kg.report import write_reports

    out_folder(out)
    with open_source(graph, store) as st:
        paths = write_reports(st, out, list(docs or []) or None)
    if len(paths) == 1 and docs:
        raise KgError(f"none of {', '.join(docs)} is in the graph")
    err(f"wrote {len(paths) - 1} article page(s) and {paths[-1]}")
