"""An interactive, self-contained HTML view of the graph (pyvis / vis-network).

Self-contained: vis-network is inlined (``cdn_resources="in_line"``) and the Bootstrap links
pyvis always adds are removed, so the page works offline. Labels are untrusted text:
vis-network shows string tooltips as text, pyvis embeds data through Jinja's ``tojson``
(which escapes ``<``/``>``), and the legend is built with :func:`html.escape`.
"""
from __future__ import annotations

from kg.schema import ENTITY_TYPES, RELATION_TYPES

import html
import json
import re
from pathlib import Path

import networkx as nx

__all__ = ["render_html", "layout", "TYPE_COLORS", "EDGE_LABELS", "ISOLATED"]

TYPE_COLORS = {t.cls: t.color for t in ENTITY_TYPES}
TYPE_NAMES_ZH = {t.cls: t.zh for t in ENTITY_TYPES}
EDGE_LABELS = {r.name: r.zh for r in RELATION_TYPES}
ISOLATED = ("gather", "hide", "scatter")  # what the view does with nodes that have no edge

_BOOTSTRAP = re.compile(r"\s*<link[^>]*bootstrap[^>]*/>|\s*<script[^>]*bootstrap[^>]*>\s*</script>", re.S)
_CDN = re.compile(r"\s*<(?:link|script)[^>]*(?:cdnjs|jsdelivr|unpkg)[^>]*>(?:\s*</script>)?", re.S)

_ASSETS = Path(__file__).parent / "data" / "view"
# the legend line that says how to see a label left out (labels.js draws only those that do not overlap)
LABEL_HINT = "标签不重叠：未显示的标签可悬停、点选、放大或查找查看 / hidden labels show on hover, select, zoom in or search"
SEARCH_HINT = "查找实体 / type to find a node"  # matches listed as one types, as in the review index
_EXTRA = """
<style>{css}</style>
<div id="kg-bar"><h2>{title}</h2>{legend}<div>{summary}</div><div id="kg-hint">{hint}</div>
<input id="kg-search" type="search" placeholder="{placeholder}"><div id="kg-matches"></div></div>
<script>window.kgViewConfig = {config};</script>
<script>{js}</script>
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


def layout(G: nx.Graph, spacing: float = 60.0, isolated: str = "gather") -> dict:
    """Seeded static positions (the same graph always gets the same ones): each connected component laid out
    on its own (force-directed when small, spectral when large), then the components packed row by row,
    largest first. Isolated nodes are packed in a grid below them (``gather``), left out (``hide``), or
    packed like any component (``scatter``)."""
    U = nx.Graph(G.to_undirected()) if G.is_directed() else nx.Graph(G)
    positions: dict = {}
    x = y = row_height = 0.0
    width = spacing * max(10.0, (U.number_of_nodes() ** 0.5) * 2.5)
    components = sorted(nx.connected_components(U), key=lambda c: (-len(c), min(map(str, c))))
    alone = sorted(next(iter(c)) for c in components if len(c) == 1) if isolated != "scatter" else []
    for comp in (c for c in components if isolated == "scatter" or len(c) > 1):
        sub = nx.Graph()  # nodes and edges in sorted order: a subgraph view iterates a set (order varies by run)
        sub.add_nodes_from(sorted(comp, key=str))
        sub.add_edges_from(sorted((tuple(sorted(e, key=str)) for e in U.subgraph(comp).edges()), key=str))
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
    if isolated == "gather" and alone:
        top = y + row_height + 3 * spacing if positions else 0.0
        columns = max(4, int(width // (2.5 * spacing)))
        for i, node in enumerate(alone):
            positions[node] = ((i % columns) * 2.5 * spacing, top + (i // columns) * 1.2 * spacing)
    return positions


LABEL_PX = 14  # node labels, in screen pixels at every zoom (drawn by labels.js)
HEADER_PX = 18  # the heading over the isolated nodes
HUB_LABELS = 3  # the most central nodes, named even where the name must cover a neighbour's dot


def render_html(G: nx.MultiDiGraph, title: str = "kg knowledge graph", max_nodes: int | None = None,
                physics: bool = False, total: int | None = None, isolated: str = "gather") -> str:
    """Render the projection of :func:`kg.analytics.to_networkx` as one HTML page.

    ``max_nodes`` keeps the most central nodes (PageRank) and says so on the page, as does ``total``
    (the node count of a graph the caller has already cut down). Positions come from :func:`layout` (seeded:
    the same graph opens the same way every time) and stay still unless ``physics``; ``isolated``: see
    :func:`layout`. vis-network draws no node label: the page's labels.js draws those that do not overlap
    (PageRank first), recomputed at every frame; the others show on hover, selection, zoom or search."""
    from pyvis.network import Network

    from kg.analytics import centrality, most_central

    if isolated not in ISOLATED:
        raise ValueError(f"isolated={isolated!r}: use one of {', '.join(ISOLATED)}")
    total = max(total or 0, G.number_of_nodes())
    if max_nodes is not None and total > max_nodes:
        G = most_central(G, max_nodes)
    alone = [n for n in G if G.degree(n) == 0]
    if isolated == "hide" and alone:
        G = G.copy()
        G.remove_nodes_from(alone)
    rank = centrality(G)
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    positions = layout(G, isolated=isolated)
    top = max(rank.values(), default=1.0) or 1.0
    sizes = {node: 10 + 25 * rank.get(node, 0) / top for node in G}
    sentences: dict[str, list[str]] = {}
    for s, o, data in G.edges(data=True):
        if data.get("sentence"):
            for end in (s, o):
                if data["sentence"] not in sentences.setdefault(end, []):
                    sentences[end].append(data["sentence"])
    for node in sorted(G):
        data = G.nodes[node]
        x, y = positions[node]
        net.add_node(node, label=data["label"], title=_tooltip(data, sentences.get(node, [])),
                     color=TYPE_COLORS.get(data["type"], "#999"), size=sizes[node], shape="dot",
                     font={"size": 0}, search=" ".join(data.get("aliases", [])),
                     kgType=data["type"], kgRank=round(rank.get(node, 0.0), 6), x=float(x), y=float(y))
    if isolated == "gather" and alone:
        left = min(positions[n][0] for n in alone)
        top_y = min(positions[n][1] for n in alone)
        net.add_node("kg:isolated", label=f"孤立节点 isolated nodes ({len(alone)})", shape="text",
                     x=float(left), y=float(top_y - 70), font={"size": 0}, kgHeader=True, physics=False)
    for s, o, key, data in sorted(G.edges(keys=True, data=True)):
        label = EDGE_LABELS.get(data["predicate"], data["predicate"])
        if data.get("role"):
            label = f"{label}（{data['role']}）"
        tip = f"{data['predicate']} {label}" + (f"\n{data['sentence']}" if data.get("sentence") else "")
        # the relation's name shows on hover (drawn on every edge it hid the graph); the tooltip has the sentence
        net.add_edge(s, o, label=label, title=tip, arrows="to", font={"size": 0})
    if physics:  # asked for: let the graph move from kg's positions
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
    config = json.dumps({"labelPx": LABEL_PX, "headerPx": HEADER_PX, "hubs": HUB_LABELS})
    extra = _EXTRA.format(title=html.escape(title), legend=legend, summary=summary, hint=html.escape(LABEL_HINT),
                          placeholder=html.escape(SEARCH_HINT), config=config,
                          css=(_ASSETS / "view.css").read_text(encoding="utf-8"),
                          js=(_ASSETS / "labels.js").read_text(encoding="utf-8"))
    return page.replace("</body>", extra + "\n</body>", 1)
