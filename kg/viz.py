"""An interactive, self-contained HTML view of the graph (pyvis / vis-network).

Self-contained: vis-network is inlined (``cdn_resources="in_line"``) and the Bootstrap links
pyvis always adds are removed, so the page works offline. Labels are untrusted text:
vis-network shows string tooltips as text, pyvis embeds data through Jinja's ``tojson``
(which escapes ``<``/``>``), and the legend is built with :func:`html.escape`.
"""
from __future__ import annotations

import html
import re

import networkx as nx

__all__ = ["render_html", "TYPE_COLORS", "EDGE_LABELS"]

TYPE_COLORS = {"Agency": "#1f77b4", "District": "#2ca02c", "Enterprise": "#ff7f0e", "Initiative": "#9467bd",
               "Person": "#d62728", "MediaOutlet": "#8c564b"}
TYPE_NAMES_ZH = {"Agency": "机构", "District": "地区/园区", "Enterprise": "企业", "Initiative": "政策/项目",
                 "Person": "人物", "MediaOutlet": "媒体"}
EDGE_LABELS = {"holdsPostIn": "任职于", "locatedIn": "位于", "issuedBy": "发布", "participatesIn": "参与",
               "partOf": "隶属", "partnerOf": "合作"}
PHYSICS_LIMIT = 400  # above this many nodes, lay out with networkx and switch physics off

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
document.getElementById("kg-search").addEventListener("keydown", function (ev) {{
  if (ev.key !== "Enter" || typeof network === "undefined") return;
  var q = this.value.trim(); if (!q) return;
  var hit = nodes.get({{ filter: function (n) {{ return (n.label || "").indexOf(q) >= 0 || (n.search || "").indexOf(q) >= 0; }} }});
  if (hit.length) {{ network.selectNodes([hit[0].id]); network.focus(hit[0].id, {{ scale: 1.4, animation: true }}); }}
}});
</script>
"""


def _tooltip(data: dict) -> str:
    lines = [data["label"], f"类型 type: {TYPE_NAMES_ZH.get(data['type'], '')} {data['type']}"]
    if data.get("aliases"):
        lines.append("别名 aliases: " + "、".join(data["aliases"]))
    if data.get("docs"):
        lines.append(f"文档 documents: {len(data['docs'])}")
    return "\n".join(lines)


def render_html(G: nx.MultiDiGraph, title: str = "kg knowledge graph", max_nodes: int | None = None) -> str:
    """Render the projection of :func:`kg.analytics.to_networkx` as one HTML page."""
    from pyvis.network import Network

    from kg.analytics import centrality

    rank = centrality(G)
    if max_nodes is not None and G.number_of_nodes() > max_nodes:
        keep = sorted(G, key=lambda n: (-rank.get(n, 0), n))[:max_nodes]
        G = G.subgraph(keep).copy()
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    physics = G.number_of_nodes() <= PHYSICS_LIMIT
    positions = {} if physics else nx.spring_layout(nx.Graph(G), seed=7, scale=80 * G.number_of_nodes() ** 0.5)
    top = max(rank.values(), default=1.0) or 1.0
    for node in sorted(G):
        data = G.nodes[node]
        extra = {"x": float(positions[node][0]), "y": float(positions[node][1])} if positions else {}
        net.add_node(node, label=data["label"], title=_tooltip(data), color=TYPE_COLORS.get(data["type"], "#999"),
                     size=10 + 25 * rank.get(node, 0) / top, shape="dot", font={"size": 16}, search=" ".join(data.get("aliases", [])),
                     **extra)
    for s, o, key, data in sorted(G.edges(keys=True, data=True)):
        label = EDGE_LABELS.get(data["predicate"], data["predicate"])
        if data.get("role"):
            label = f"{label}（{data['role']}）"
        net.add_edge(s, o, label=label, title=f"{data['predicate']} {label}", arrows="to", font={"size": 10})
    net.toggle_physics(physics)
    page = net.generate_html(notebook=False)
    page = _CDN.sub("", _BOOTSTRAP.sub("", page))
    counts: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        counts[d["type"]] = counts.get(d["type"], 0) + 1
    legend = "".join(
        f'<div><span class="sw" style="background:{color}"></span>{html.escape(TYPE_NAMES_ZH[t])} {t} '
        f'({counts.get(t, 0)})</div>' for t, color in TYPE_COLORS.items())
    summary = html.escape(f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    extra = _EXTRA.format(title=html.escape(title), legend=legend, summary=summary)
    return page.replace("</body>", extra + "\n</body>", 1)
