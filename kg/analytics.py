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

from kg.errors import KgError
from kg.rdf.namespace import ENTITY_CLASSES, KG, PREDICATES

__all__ = ["to_networkx", "centrality", "type_counts", "find_node", "find_nodes", "Ambiguous", "neighbourhood", "keep_types", "most_central",
           "graph_stats"]

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
    sentences: dict[tuple[str, str, str], str] = {}
    for st in graph.subjects(RDF.type, RDF.Statement):
        s_, p_, o_ = graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object)
        sentence = graph.value(graph.value(st, KG.evidence), KG.sentence) if graph.value(st, KG.evidence) else None
        if sentence is not None:
            sentences[(str(s_), _PREDICATE_NAMES.get(p_, ""), str(o_))] = str(sentence)
    roles: dict[tuple[str, str], list[str]] = {}
    for ms in graph.subjects(RDF.type, ORG.Membership):
        member, orgn, title = graph.value(ms, ORG.member), graph.value(ms, ORG.organization), graph.value(ms, KG.postTitle)
        if member is not None and orgn is not None and title is not None:
            roles.setdefault((str(member), str(orgn)), []).append(str(title))
    for p, name in _PREDICATE_NAMES.items():
        for s, o in graph.subject_objects(p):
            if str(s) in G and str(o) in G:
                attrs = {"predicate": name, "sentence": sentences.get((str(s), name, str(o)), "")}
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


def find_nodes(G: nx.Graph, name: str) -> list[str]:
    """The nodes ``name`` may mean, best first: the node whose IRI it is; those whose label is ``name``; else those
    with it as an alias; else those whose label contains it (shortest label first).

    >>> G = nx.Graph(); G.add_node("c", label="长沙市", aliases=["长沙"]); G.add_node("g", label="长沙市人民政府")
    >>> find_nodes(G, "长沙"), find_nodes(G, "长沙市"), find_nodes(G, "长沙市人")
    (['c'], ['c'], ['g'])
    """
    iri = name.strip().removeprefix("<").removesuffix(">")
    if iri in G:
        return [iri]  # a node's IRI: the one entity, whatever its name
    for test in (lambda d: name == d.get("label"), lambda d: name in d.get("aliases", ())):
        found = sorted(n for n, d in G.nodes(data=True) if test(d))
        if found:
            return found
    return sorted((n for n, d in G.nodes(data=True) if name in d.get("label", "")),
                  key=lambda n: (len(G.nodes[n]["label"]), G.nodes[n]["label"], n))


def find_node(G: nx.Graph, name: str) -> str | None:
    """The one node ``name`` means (see :func:`find_nodes`); None if none; :class:`Ambiguous` if several.

    >>> G = nx.Graph(); G.add_node("x", label="上海市经济和信息化委员会", aliases=["市经济信息化委"])
    >>> find_node(G, "市经济信息化委")
    'x'
    """
    found = find_nodes(G, name)
    if len(found) > 1:
        raise Ambiguous(name, [(G.nodes[n]["label"], G.nodes[n].get("type", "")) for n in found], found)
    return found[0] if found else None


class Ambiguous(KgError):
    """A name that several entities carry: never decided silently."""

    def __init__(self, name: str, candidates: list[tuple[str, str]], nodes: list[str] | None = None):
        nodes = nodes or [""] * len(candidates)
        listed = "; ".join(f"{label} ({kind}{', ' + iri if iri else ''})"
                           for (label, kind), iri in zip(candidates[:12], nodes))
        more = f" and {len(candidates) - 12} more" if len(candidates) > 12 else ""
        super().__init__(f"{name!r} names {len(candidates)} entities: {listed}{more}; give one of these names "
                         f"or IRIs")
        self.candidates = candidates
        self.nodes = nodes


def neighbourhood(G: nx.Graph, node: str, depth: int = 1) -> nx.Graph:
    """The subgraph within ``depth`` hops of ``node``, ignoring edge direction."""
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), node, cutoff=depth)
    return G.subgraph(near).copy()


def keep_types(G: nx.Graph, types: set[str]) -> nx.Graph:
    """The subgraph of nodes whose ``type`` is in ``types``."""
    return G.subgraph([n for n, d in G.nodes(data=True) if d.get("type") in types]).copy()


def most_central(G: nx.Graph, n: int) -> nx.Graph:
    """The subgraph of the ``n`` nodes with the highest PageRank (ties broken by node id)."""
    rank = centrality(G)
    return G.subgraph(sorted(G, key=lambda x: (-rank.get(x, 0.0), x))[:n]).copy()


def graph_stats(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Counts, top entities by degree / PageRank / betweenness, Louvain communities, components and
    the entities most documents mention. Betweenness is exact up to 2,000 nodes, then estimated from
    500 seeded sample sources (exact is O(nodes × edges))."""
    U = nx.Graph(G.to_undirected())
    label = lambda n: G.nodes[n]["label"]  # noqa: E731
    rank = centrality(G)
    n = U.number_of_nodes()
    between = nx.betweenness_centrality(U, k=500 if n > 2000 else None, seed=7) if n else {}
    degree = dict(U.degree())
    communities = nx.community.louvain_communities(U, seed=7) if U.number_of_edges() else []
    components = sorted(nx.connected_components(U), key=len, reverse=True) if U.number_of_nodes() else []
    relations: dict[str, int] = {}
    for _, _, d in G.edges(data=True):
        relations[d["predicate"]] = relations.get(d["predicate"], 0) + 1

    def ranked(scores: dict) -> list[dict]:
        order = sorted(scores, key=lambda n: (-scores[n], label(n)))[:top]
        return [{"entity": label(n), "type": G.nodes[n]["type"], "score": round(float(scores[n]), 6)} for n in order]

    return {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "types": type_counts(G), "relations": dict(sorted(relations.items())),
        "top_degree": ranked(degree), "top_pagerank": ranked(rank), "top_betweenness": ranked(between),
        "communities": [sorted(label(n) for n in c)[:top] for c in sorted(communities, key=len, reverse=True)[:top]],
        "community_count": len(communities),
        "components": len(components), "largest_component": len(components[0]) if components else 0,
        "most_mentioned": ranked({n: len(G.nodes[n].get("docs", ())) for n in G}),
    }
