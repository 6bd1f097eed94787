"""The view's projection of a store, read with SPARQL so that a store of any size gives ``graph.html``
without being loaded whole: entities and relations first (all of them, for PageRank), then documents
and evidence sentences only for the nodes and edges the view keeps."""
from __future__ import annotations

from typing import Callable

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from kg.analytics import most_central, to_networkx
from kg.rdf.namespace import ENTITY_CLASSES, PREDICATES
from kg.rdf.namespace import SPARQL_PROLOGUE
from kg.store.oxigraph import KgStore

__all__ = ["store_view", "store_projection", "add_documents_and_sentences"]

_PREFIXES = SPARQL_PROLOGUE
_CLASSES = " ".join(f"<{c}>" for c in ENTITY_CLASSES.values())
_RELATIONS = " ".join(f"<{p}>" for p in PREDICATES.values())
_NAME_OF = {str(p): name for name, p in PREDICATES.items()}
_PARTS = (  # what kg.analytics.to_networkx reads, except documents and sentences
    f"""CONSTRUCT {{ ?e a ?cls ; rdfs:label ?l ; skos:altLabel ?a }} WHERE {{
          VALUES ?cls {{ {_CLASSES} }} ?e a ?cls ; rdfs:label ?l .
          OPTIONAL {{ ?e skos:altLabel ?a }} }}""",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?p {{ {_RELATIONS} }} ?s ?p ?o }}",
    """CONSTRUCT { ?m a org:Membership ; org:member ?x ; org:organization ?y ; kg:postTitle ?t }
       WHERE { ?m org:member ?x ; org:organization ?y ; kg:postTitle ?t }""",
)


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
    for sparql in _PARTS:
        data = ox.serialize(store.query(_PREFIXES + sparql), format=ox.RdfFormat.N_TRIPLES)
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
        for row in store.query(f"{_PREFIXES} SELECT ?e ?d WHERE {{ VALUES ?e {{ {values} }} ?e kg:mentionedIn ?d }}"):
            docs.setdefault(row["e"].value, []).append(row["d"].value)
        for row in store.query(f"""{_PREFIXES} SELECT ?s ?p ?o (MIN(?x) AS ?sentence) WHERE {{
                VALUES ?s {{ {values} }} ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:evidence ?ev .
                ?ev kg:sentence ?x }} GROUP BY ?s ?p ?o"""):
            sentences[(row["s"].value, _NAME_OF.get(row["p"].value, ""), row["o"].value)] = row["sentence"].value
    for node, data in G.nodes(data=True):
        data["docs"] = sorted(docs.get(node, []))
    for s, o, key, data in G.edges(keys=True, data=True):
        data["sentence"] = sentences.get((s, key, o), "")
    return G
