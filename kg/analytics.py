"""The knowledge graph as a networkx graph, and small analytics over it.

Only entities and the relations between them are projected; documents, evidence and
observations stay in RDF.

Examples
--------
>>> from rdflib import Graph, Literal, Namespace, RDF, RDFS
>>> from kg.rdf.namespace import KG
>>> ex = Namespace("https://example.org/kg/id/")
>>> g = Graph()
>>> _ = g.add((ex.a, RDF.type, KG.Person)).add((ex.a, RDFS.label, Literal("吴清")))
>>> _ = g.add((ex.b, RDF.type, KG.Agency)).add((ex.b, RDFS.label, Literal("上海市人民政府")))
>>> _ = g.add((ex.a, KG.holdsPostIn, ex.b))
>>> G = to_networkx(g)
>>> sorted(G.nodes[n]["label"] for n in G)
['上海市人民政府', '吴清']
>>> [G.edges[e]["predicate"] for e in G.edges]
['holdsPostIn']
"""
from __future__ import annotations

import networkx as nx
from rdflib import Graph
from rdflib.namespace import ORG, RDF, RDFS, SKOS

from kg.rdf.namespace import ENTITY_CLASSES, KG, PREDICATES

__all__ = ["to_networkx", "centrality", "type_counts"]

_CLASS_NAMES = {cls: str(cls).split("#")[-1] for cls in ENTITY_CLASSES.values()}
_PREDICATE_NAMES = {p: name for name, p in PREDICATES.items()}


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Project entity nodes (with ``type``, ``label``, ``aliases``, ``docs``) and relation edges
    (with ``predicate`` and, for posts, ``role``)."""
    G = nx.MultiDiGraph()
    for cls, name in _CLASS_NAMES.items():
        for node in graph.subjects(RDF.type, cls):
            label = graph.value(node, RDFS.label)
            G.add_node(str(node), type=name, label=str(label) if label is not None else str(node),
                       aliases=sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
                       docs=sorted(str(d) for d in graph.objects(node, KG.mentionedIn)))
    roles: dict[tuple[str, str], list[str]] = {}
    for ms in graph.subjects(RDF.type, ORG.Membership):
        member, orgn, title = graph.value(ms, ORG.member), graph.value(ms, ORG.organization), graph.value(ms, KG.postTitle)
        if member is not None and orgn is not None and title is not None:
            roles.setdefault((str(member), str(orgn)), []).append(str(title))
    for p, name in _PREDICATE_NAMES.items():
        for s, o in graph.subject_objects(p):
            if str(s) in G and str(o) in G:
                attrs = {"predicate": name}
                if name == "holdsPostIn":
                    attrs["role"] = "、".join(sorted(roles.get((str(s), str(o)), [])))
                G.add_edge(str(s), str(o), key=name, **attrs)
    return G


def centrality(G: nx.Graph) -> dict[str, float]:
    """PageRank over the undirected projection (isolated nodes get the teleport share).

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b")])
    >>> pr = centrality(G)
    >>> max(pr, key=pr.get)
    'b'
    """
    if G.number_of_nodes() == 0:
        return {}
    return nx.pagerank(nx.Graph(G.to_undirected()))


def type_counts(G: nx.Graph) -> dict[str, int]:
    """Number of nodes of each entity type.

    >>> G = nx.Graph(); G.add_node("a", type="Person"); G.add_node("b", type="Person")
    >>> type_counts(G)
    {'Person': 2}
    """
    counts: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        counts[data.get("type", "?")] = counts.get(data.get("type", "?"), 0) + 1
    return dict(sorted(counts.items()))
