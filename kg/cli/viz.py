"""``kg viz``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

from kg.cli._app import GRAPH_ARG, STORE_OPT, Opt, app, err, open_source, out_file, reports_errors


class Isolated(str, Enum):
    gather = "gather"
    hide = "hide"
    scatter = "scatter"


@app.command("viz")
@reports_errors
def viz_cli(
    graph: Optional[Path] = GRAPH_ARG,
    store: Optional[Path] = STORE_OPT,
    out: Path = Opt(Path("output/view.html"), "--out", "-o", help="The HTML file to write (created with its folder)."),
    focus: Optional[str] = Opt(None, "--focus", help="Show only the neighbourhood of this entity (any of its names, or its IRI when several share a name)."),
    depth: int = Opt(1, "--depth", min=0, help="Hops around --focus."),
    types: Optional[str] = Opt(None, "--types", help="Comma-separated entity types to keep, e.g. Agency,Enterprise."),
    max_nodes: Optional[int] = Opt(None, "--max-nodes", help="Keep only the N most central nodes (PageRank)."),
    physics: bool = Opt(False, "--physics/--no-physics", help="Let the graph move (a force simulation from kg's "
                        "positions); by default it stays where kg's seeded layout puts it, the same on every load."),
    isolated: Isolated = Opt(Isolated.gather, "--isolated", help="Nodes without edges: gather (in a labelled block below the "
                        "graph), hide, or scatter (placed like the rest)."),
):
    """Write an interactive, self-contained HTML view of a graph (works offline).

    Example: kg viz output/graph.ttl --focus 市经济信息化委 --depth 2 --out focus.html
    """
    from kg.analytics import find_node, keep_types, neighbourhood
    from kg.errors import KgError
    from kg.rdf.serialize import write_text
    from kg.viz import TYPE_COLORS, render_html

    out_file(out)
    title = f"kg · {(graph or store).name}"

    def cut(G):
        """The nodes asked for: --types, then --focus."""
        nonlocal title
        if types:
            wanted = {t.strip() for t in types.split(",") if t.strip()}
            unknown = wanted - set(TYPE_COLORS)
            if unknown:
                raise KgError(f"--types: unknown type(s) {', '.join(sorted(unknown))}; use {', '.join(TYPE_COLORS)}")
            G = keep_types(G, wanted)
        if focus:
            node = find_node(G, focus)
            if node is None:
                raise KgError(f"--focus: no entity named {focus!r} in {graph or store}")
            title = f"kg · {G.nodes[node]['label']} ±{depth}"
            G = neighbourhood(G, node, depth)
        return G

    from kg.store.view import store_view

    with open_source(graph, store) as st:  # big stores: documents and sentences only for the nodes shown
        G, total = store_view(st, max_nodes, cut)
    write_text(out, render_html(G, title=title, max_nodes=max_nodes, physics=physics, isolated=isolated.value,
                                total=total))
    err(f"wrote {out} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
