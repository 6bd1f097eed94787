"""An interactive, self-contained HTML view of the graph (pyvis / vis-network).

Self-contained: vis-network is inlined (``cdn_resources="in_line"``) and the Bootstrap links
pyvis always adds are removed, so the page works offline. Labels are untrusted text:
vis-network shows string tooltips as text, pyvis embeds data through Jinja's ``tojson``
(which escapes ``<``/``>``), and the legend is built with :func:`html.escape`.
"""
from __future__ import annotations

from kg.schema import ENTITY_TYPES, RELATION_TYPES

import html
import re

import networkx as nx

__all__ = ["render_html", "layout", "TYPE_COLORS", "EDGE_LABELS"]

TYPE_COLORS = {t.cls: t.color for t in ENTITY_TYPES}
TYPE_NAMES_ZH = {t.cls: t.zh for t in ENTITY_TYPES}
EDGE_LABELS = {r.name: r.zh for r in RELATION_TYPES}
PHYSICS_LIMIT = 150  # above this many nodes, lay out with networkx and switch physics off

_BOOTSTRAP = re.compile(r"\s*<link[^>]*bootstrap[^>]*/>|\s*<script[^>]*bootstrap[^>]*>\s*</script>", re.S)
_CDN = re.compile(r"\s*<(?:link|script)[^>]*(?:cdnjs|jsdelivr|unpkg)[^>]*>(?:\s*</script>)?", re.S)

_EXTRA = """
<style>
 body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; margin: 0; overflow: hidden; }}
 #kg-bar {{ position: fixed; top: 8px; left: 8px; z-index: 10; background: rgba(255,255,255,.92); padding: 8px 10px;
           border: 1px solid #ccc; border-radius: 6px; font-size: 13px; max-width: 260px; }}
 #kg-bar h2 {{ font-size: 14px; margin: 0 0 6px 0; }}
 #kg-bar .sw {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px; vertical-align: -1px; }}
 #kg-search {{ width: 100%; box-sizing: border-box; margin-top: 6px; padding: 3px; }}
 .vis-tooltip {{ white-space: pre-line !important; max-width: 420px; font-size: 12px; }}
</style>
<div id="kg-bar"><h2>{title}</h2>{legend}<div>{summary}</div>
<input id="kg-search" type="search" placeholder="查找实体 / find a node"></div>
<script>
if (typeof network !== "undefined") {{
  // settle once: after the stabilisation iterations the graph stays where it is
  network.once("stabilizationIterationsDone", function () {{ network.setOptions({{ physics: false }}); }});
}}
document.getElementById("kg-search").addEventListener("keydown", function (ev) {{
  if (ev.key !== "Enter" || typeof network === "undefined") return;
  var q = this.value.trim(); if (!q) return;
  var hit = nodes.get({{ filter: function (n) {{ return (n.label || "").indexOf(q) >= 0 || (n.search || "").indexOf(q) >= 0; }} }});
  if (hit.length) {{ network.selectNodes([hit[0].id]); network.focus(hit[0].id, {{ scale: 1.4, animation: true }}); }}
}});
</script>
"""


def _tooltip(data: dict, sentences: list[str]) -> str:
    """Plain text (vis-network shows string titles as text, never as HTML)."""
    lines = [data["label"], f"类型 type: {TYPE_NAMES_ZH.get(data['type'], '')} {data['type']}"]
    if data.get("aliases"):
        lines.append("别名 aliases: " + "、".join(data["aliases"]))
    if data.get("docs"):
        lines.append(f"文档 documents: {len(data['docs'])}")
    for sentence in sentences[:3]:
        lines.append("· " + (sentence if len(sentence) <= 120 else sentence[:119] + "…"))
    return "\n".join(lines)


def layout(G: nx.Graph, spacing: float = 60.0) -> dict:
    """Fast static positions for big graphs: each connected component laid out on its own (force-directed
    when small, spectral when large), then the components packed row by row, largest first."""
    U = nx.Graph(G.to_undirected()) if G.is_directed() else nx.Graph(G)
    positions: dict = {}
    x = y = row_height = 0.0
    width = spacing * max(10.0, (U.number_of_nodes() ** 0.5) * 2.5)
    for comp in sorted(nx.connected_components(U), key=lambda c: (-len(c), min(map(str, c)))):
        sub = U.subgraph(comp)
        n = len(comp)
        if n == 1:
            local = {next(iter(comp)): (0.0, 0.0)}
        elif n <= 300:
            local = nx.spring_layout(sub, seed=7, iterations=40)
        else:
            local = nx.spectral_layout(sub)
        radius = spacing * (n ** 0.5)
        if x + 2 * radius > width and x > 0:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (px, py) in local.items():
            positions[node] = (x + radius + px * radius, y + radius + py * radius)
        x += 2 * radius + spacing
        row_height = max(row_height, 2 * radius)
    return positions


def render_html(G: nx.MultiDiGraph, title: str = "kg knowledge graph", max_nodes: int | None = None,
                physics: bool | None = None, total: int | None = None) -> str:
    """Render the projection of :func:`kg.analytics.to_networkx` as one HTML page.

    ``max_nodes`` keeps the most central nodes (PageRank) and says so on the page, as does ``total``
    (the node count of a graph the caller has already cut down); ``physics`` None means: simulate
    small graphs, lay out big ones with networkx and keep them still."""
    from pyvis.network import Network

    from kg.analytics import centrality, most_central

    total = max(total or 0, G.number_of_nodes())
    if max_nodes is not None and total > max_nodes:
        G = most_central(G, max_nodes)
    rank = centrality(G)
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    physics = G.number_of_nodes() <= PHYSICS_LIMIT if physics is None else physics
    positions = {} if physics else layout(G)
    top = max(rank.values(), default=1.0) or 1.0
    sentences: dict[str, list[str]] = {}
    for s, o, data in G.edges(data=True):
        if data.get("sentence"):
            for end in (s, o):
                if data["sentence"] not in sentences.setdefault(end, []):
                    sentences[end].append(data["sentence"])
    for node in sorted(G):
        data = G.nodes[node]
        extra = {"x": float(positions[node][0]), "y": float(positions[node][1])} if positions else {}
        net.add_node(node, label=data["label"], title=_tooltip(data, sentences.get(node, [])), color=TYPE_COLORS.get(data["type"], "#999"),
                     size=10 + 25 * rank.get(node, 0) / top, shape="dot", font={"size": 16}, search=" ".join(data.get("aliases", [])),
                     **extra)
    for s, o, key, data in sorted(G.edges(keys=True, data=True)):
        label = EDGE_LABELS.get(data["predicate"], data["predicate"])
        if data.get("role"):
            label = f"{label}（{data['role']}）"
        tip = f"{data['predicate']} {label}" + (f"\n{data['sentence']}" if data.get("sentence") else "")
        net.add_edge(s, o, label=label, title=tip, arrows="to", font={"size": 10})
    if physics:  # pull the many small components towards the middle so labels stay legible
        net.barnes_hut(gravity=-2500, central_gravity=0.9, spring_length=110, spring_strength=0.04)
    net.toggle_physics(physics)
    net.options.physics.stabilization = {"enabled": True, "iterations": 250, "fit": True}
    page = net.generate_html(notebook=False)
    page = _CDN.sub("", _BOOTSTRAP.sub("", page))
    counts: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        counts[d["type"]] = counts.get(d["type"], 0) + 1
    legend = "".join(
        f'<div><span class="sw" style="background:{color}"></span>{html.escape(TYPE_NAMES_ZH[t])} {t} '
        f'({counts.get(t, 0)})</div>' for t, color in TYPE_COLORS.items())
    shown = f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
    if G.number_of_nodes() < total:
        shown += f" (the {G.number_of_nodes()} most central of {total} nodes)"
    summary = html.escape(shown)
    extra = _EXTRA.format(title=html.escape(title), legend=legend, summary=summary)
    return page.replace("</body>", extra + "\n</body>", 1)
