"""The view's projection of a store, read with SPARQL so that a store of any size gives ``graph.html``
without being loaded whole: entities and relations first (all of them, for PageRank), then documents
and evidence sentences only for the nodes and edges the view keeps."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from kg.analytics import most_central, to_networkx
from kg.rdf.namespace import PREDICATES, sparql_file
from kg.store.oxigraph import KgStore

__all__ = ["store_view", "store_projection", "add_documents_and_sentences"]

_NAME_OF = {str(p): name for name, p in PREDICATES.items()}
_QUERIES = {name: sparql_file(Path(__file__).parent / "sparql" / f"view_{name}.rq")
            for name in ("entities", "relations", "posts", "documents", "sentences")}
_PARTS = ("entities", "relations", "posts")  # what kg.analytics.to_networkx reads, except documents and sentences


def store_view(store: KgStore, max_nodes: int | None = None,
               cut: Callable[[nx.MultiDiGraph], nx.MultiDiGraph] = lambda G: G) -> tuple[nx.MultiDiGraph, int]:
    """The projection ``cut`` keeps, cut down to the ``max_nodes`` most central nodes, with documents and
    sentences; and the node count before that cut-down (for the view to say so)."""
    G = cut(store_projection(store))
    total = G.number_of_nodes()
    if max_nodes is not None and total > max_nodes:
        G = most_central(G, max_nodes)
    return add_documents_and_sentences(store, G), total


def store_projection(store: KgStore) -> nx.MultiDiGraph:
    """Entity nodes and relation edges of the store, as :func:`kg.analytics.to_networkx` projects them,
    without the nodes' documents and the edges' sentences (see :func:`add_documents_and_sentences`)."""
    graph = Graph()
    for part in _PARTS:
        data = ox.serialize(store.query(_QUERIES[part]), format=ox.RdfFormat.N_TRIPLES)
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
    return to_networkx(graph)


def add_documents_and_sentences(store: KgStore, G: nx.MultiDiGraph, batch: int = 500) -> nx.MultiDiGraph:
    """Fill in the documents of ``G``'s nodes and one evidence sentence per edge (in place)."""
    nodes = sorted(G)
    docs: dict[str, list[str]] = {}
    sentences: dict[tuple[str, str, str], str] = {}
    for i in range(0, len(nodes), batch):
        values = " ".join(f"<{n}>" for n in nodes[i:i + batch])
        for row in store.query(_QUERIES["documents"].replace("$NODES", values)):
            docs.setdefault(row["e"].value, []).append(row["d"].value)
        for row in store.query(_QUERIES["sentences"].replace("$NODES", values)):
            sentences[(row["s"].value, _NAME_OF.get(row["p"].value, ""), row["o"].value)] = row["sentence"].value
    for node, data in G.nodes(data=True):
        data["docs"] = sorted(docs.get(node, []))
    for s, o, key, data in G.edges(keys=True, data=True):
        data["sentence"] = sentences.get((s, key, o), "")
    return G
