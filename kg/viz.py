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

__all__ = ["render_html", "layout", "TYPE_COLORS", "EDGE_LABELS", "ISOLATED"]

TYPE_COLORS = {t.cls: t.color for t in ENTITY_TYPES}
TYPE_NAMES_ZH = {t.cls: t.zh for t in ENTITY_TYPES}
EDGE_LABELS = {r.name: r.zh for r in RELATION_TYPES}
ISOLATED = ("gather", "hide", "scatter")  # what the view does with nodes that have no edge
LABEL_RANK = 40  # at the default zoom only the labels of this many most central nodes are drawn

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
 #kg-matches {{ margin-top: 4px; max-height: 180px; overflow-y: auto; }}
 #kg-matches div {{ cursor: pointer; padding: 1px 2px; }} #kg-matches div:hover {{ background: #eef; }}
 #kg-nomatch {{ color: #a00; }}
</style>
<div id="kg-bar"><h2>{title}</h2>{legend}<div>{summary}</div>
<input id="kg-search" type="search" placeholder="查找实体 / find a node"><div id="kg-matches"></div></div>
<script>
if (typeof network !== "undefined") {{
  // the layout is computed by kg (seeded): the same graph opens with the same positions every time
  network.setOptions({{ interaction: {{ hover: true }} }});
  network.on("hoverEdge", function (p) {{ edges.update({{ id: p.edge, font: {{ size: 14, background: "white" }} }}); }});
  network.on("blurEdge", function (p) {{ edges.update({{ id: p.edge, font: {{ size: 0 }} }}); }});
  // a label left out so that labels do not overlap shows while its node is hovered or selected
  function kgLabel(id, on) {{ var n = nodes.get(id); if (n && (n.kgHidden || (n.font && n.font.size === 0)))
    nodes.update({{ id: id, kgHidden: true, font: {{ size: on ? {font} : 0 }} }}); }}
  network.on("hoverNode", function (p) {{ kgLabel(p.node, true); }});
  network.on("blurNode", function (p) {{ if (network.getSelectedNodes().indexOf(p.node) < 0) kgLabel(p.node, false); }});
  network.on("selectNode", function (p) {{ p.nodes.forEach(function (id) {{ kgLabel(id, true); }}); }});
  network.on("deselectNode", function (p) {{ p.previousSelection.nodes.forEach(function (n) {{ kgLabel(n.id || n, false); }}); }});
}}
function kgShow(id) {{ network.selectNodes([id]); network.focus(id, {{ scale: 1.4, animation: true }}); }}
document.getElementById("kg-search").addEventListener("keydown", function (ev) {{
  if (ev.key !== "Enter" || typeof network === "undefined") return;
  var q = this.value.trim(), box = document.getElementById("kg-matches");
  box.textContent = ""; if (!q) return;
  var hit = nodes.get({{ filter: function (n) {{ return n.kgType && ((n.label || "").indexOf(q) >= 0 || (n.search || "").indexOf(q) >= 0); }} }});
  hit.sort(function (a, b) {{ return (b.label === q) - (a.label === q) || (a.label || "").length - (b.label || "").length; }});
  if (!hit.length) {{
    var none = document.createElement("div"); none.id = "kg-nomatch";
    none.textContent = "没有匹配 / no match: " + q; box.appendChild(none); return;
  }}
  hit.slice(0, 20).forEach(function (n) {{
    var row = document.createElement("div"); row.className = "kg-match";
    row.textContent = n.label + " · " + n.kgType; row.onclick = function () {{ kgShow(n.id); }}; box.appendChild(row);
  }});
  kgShow(hit[0].id);
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
    if isolated == "gather" and alone:
        top = y + row_height + 3 * spacing if positions else 0.0
        columns = max(4, int(width // (2.5 * spacing)))
        for i, node in enumerate(alone):
            positions[node] = ((i % columns) * 2.5 * spacing, top + (i // columns) * 1.2 * spacing)
    return positions


LABEL_FONT = 16


def _labels_that_fit(G: nx.Graph, positions: dict, sizes: dict, rank: dict) -> set:
    """The nodes whose labels are drawn: in order of centrality, each label that overlaps none drawn so far
    (boxes in the canvas's units, so what does not overlap at one zoom does not at any). The others show
    their label when hovered or selected."""
    kept: set = set()
    boxes: dict[tuple[int, int], list] = {}
    cell = 200.0
    for node in sorted(G, key=lambda n: (-rank.get(n, 0), str(n))):
        x, y = positions[node]
        width = LABEL_FONT * max(1, len(G.nodes[node]["label"])) * 1.05 + 6  # a CJK glyph is about 1 em wide
        box = (x - width / 2, y + sizes[node], x + width / 2, y + sizes[node] + LABEL_FONT * 1.2)
        cells = [(i, j) for i in range(int(box[0] // cell), int(box[2] // cell) + 1)
                 for j in range(int(box[1] // cell), int(box[3] // cell) + 1)]
        if any(b[0] < box[2] and box[0] < b[2] and b[1] < box[3] and box[1] < b[3]
               for c in cells for b in boxes.get(c, ())):
            continue
        kept.add(node)
        for c in cells:
            boxes.setdefault(c, []).append(box)
    return kept


def render_html(G: nx.MultiDiGraph, title: str = "kg knowledge graph", max_nodes: int | None = None,
                physics: bool = False, total: int | None = None, isolated: str = "gather") -> str:
    """Render the projection of :func:`kg.analytics.to_networkx` as one HTML page.

    ``max_nodes`` keeps the most central nodes (PageRank) and says so on the page, as does ``total``
    (the node count of a graph the caller has already cut down). Positions come from :func:`layout` (seeded:
    the same graph opens the same way every time) and stay still unless ``physics``; ``isolated``: see
    :func:`layout`. Labels that would overlap are drawn only on hover (:func:`_labels_that_fit`)."""
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
    labelled = _labels_that_fit(G, positions, sizes, rank)
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
                     font={"size": LABEL_FONT if node in labelled else 0}, search=" ".join(data.get("aliases", [])),
                     kgType=data["type"], x=float(x), y=float(y))
    if isolated == "gather" and alone:
        left = min(positions[n][0] for n in alone)
        top_y = min(positions[n][1] for n in alone)
        net.add_node("kg:isolated", label=f"孤立节点 isolated nodes ({len(alone)})", shape="text",
                     x=float(left), y=float(top_y - 70), font={"size": 18, "color": "#555"}, physics=False)
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
    extra = _EXTRA.format(title=html.escape(title), legend=legend, summary=summary, font=LABEL_FONT)
    return page.replace("</body>", extra + "\n</body>", 1)
