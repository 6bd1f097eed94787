"""``kg viz``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from kg.cli._app import Arg, Opt, app, err, reports_errors


@app.command("viz")
@reports_errors
def viz_cli(
    graph: Path = Arg(..., help="A graph file (graph.ttl ...)."),
    out: Path = Opt(Path("graph.html"), "--out", "-o", help="The HTML file to write."),
    max_nodes: Optional[int] = Opt(None, "--max-nodes", help="Keep only the N most central nodes (PageRank)."),
):
    """Write an interactive, self-contained HTML view of a graph (works offline).

    Example: kg viz output/graph.ttl --out graph.html
    """
    from kg.analytics import to_networkx
    from kg.rdf.serialize import write_text
    from kg.rdf.store import load_graph
    from kg.viz import render_html

    G = to_networkx(load_graph(graph))
    write_text(out, render_html(G, title=f"kg · {graph.name}", max_nodes=max_nodes))
    err(f"wrote {out} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
