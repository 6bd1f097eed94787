"""``kg stats``."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Optional

from kg.cli._app import GRAPH_ARG, STORE_OPT, Opt, app, open_source, reports_errors


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("stats")
@reports_errors
def stats_cli(
    graph: Optional[Path] = GRAPH_ARG,
    store: Optional[Path] = STORE_OPT,
    top: int = Opt(10, "--top", min=1, help="How many entities per ranking."),
    fmt: StatsFormat = Opt(StatsFormat.table, "--format", "-f", help="table, or json (as kg query --format json)."),
    as_json: bool = Opt(False, "--json", hidden=True, help="The same as --format json (kept for old scripts)."),
):
    """Graph analytics on the entity projection: counts, top entities by degree, PageRank and
    betweenness, Louvain communities, connected components, most-mentioned entities.

    Example: kg stats output/graph.ttl --top 10
    """
    from kg.analytics import graph_stats
    from kg.store.view import store_view

    from kg.store.counts import count_graph

    with open_source(graph, store) as st:
        G, _ = store_view(st)
        counts = count_graph(st)  # the same counting as kg build's summary and the review index
        inference = st.infer if store is not None else None  # a graph file does not say
        current = st.metadata().get("inferred") == "current"
    stats = graph_stats(G, top)
    stats.update(types=counts.entities, relations=counts.relations, figures=counts.figures,
                 documents=counts.documents, triples=counts.triples, inference=inference)
    if as_json or fmt is StatsFormat.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1))
        return
    lines = [f"nodes {stats['nodes']}, edges {stats['edges']}, components {stats['components']} "
             f"(largest {stats['largest_component']}), communities {stats['community_count']}", "",
             "types:     " + ", ".join(f"{k} {v}" for k, v in stats["types"].items()),
             "relations: " + ", ".join(f"{k} {v}" for k, v in stats["relations"].items()),
             f"figures:   {stats['figures']}, documents {stats['documents']}, triples {stats['triples']}"]
    if inference is not None:
        lines.append("inference: " + ("off (build with --infer to keep the RDFS entailments in the store)"
                                      if not inference else "on (the RDFS entailments of the ontology are kept "
                                      f"in the store, in {st.inferred_graph.value}; queries see them)" if current
                                      else "on, but not current (a write stopped early; the next build or "
                                      "remove recomputes them)"))
    for key, title in (("top_pagerank", "PageRank"), ("top_degree", "degree"), ("top_betweenness", "betweenness"),
                       ("most_mentioned", "documents mentioning")):
        lines += ["", f"top by {title}:"]
        lines += [f"  {i + 1:>2}. {r['score']:<10g} {r['type']:<12} {r['entity']}" for i, r in enumerate(stats[key])]
    lines += ["", "largest communities:"]
    lines += [f"  {i + 1:>2}. " + "、".join(c) for i, c in enumerate(stats["communities"])]
    print("\n".join(lines))
