"""A lean RDFS closure over kg's ontology: what a query for ``org:Organization`` or
``schema:GovernmentOrganization`` needs, nothing that is not valid RDF.

Adds, for IRI subjects only: the superclasses of every asserted type (``rdfs:subClassOf*``),
the superproperties of every asserted property (``rdfs:subPropertyOf*``), and the reverse of
symmetric properties. Unlike a full OWL-RL run (owlrl), it adds no literal-subject or reflexive
``owl:sameAs`` triples, so the result loads into Oxigraph and stays small.
"""
from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.config import ONTOLOGY_FILE

__all__ = ["closure", "infer", "closure_pattern"]


def _ancestors(ontology: Graph, predicate: URIRef) -> dict[URIRef, set[URIRef]]:
    parents = defaultdict(set)
    for child, parent in ontology.subject_objects(predicate):
        if isinstance(child, URIRef) and isinstance(parent, URIRef) and child != parent:
            parents[child].add(parent)
    out: dict[URIRef, set[URIRef]] = {}
    for start in list(parents):
        seen, todo = set(), [start]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        out[start] = seen - {start}
    return out


def closure(graph: Graph, ontology: Graph | None = None) -> set[tuple]:
    """The triples the ontology entails for ``graph`` that ``graph`` does not already hold."""
    ontology = ontology if ontology is not None else Graph().parse(ONTOLOGY_FILE)
    supers = _ancestors(ontology, RDFS.subClassOf)
    superprops = _ancestors(ontology, RDFS.subPropertyOf)
    symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    new = set()
    for s, p, o in graph:
        if not isinstance(s, URIRef):
            continue
        if p == RDF.type and o in supers:
            new.update((s, RDF.type, c) for c in supers[o])
        for q in superprops.get(p, ()):
            new.add((s, q, o))
        if p in symmetric and isinstance(o, URIRef):
            new.add((o, p, s))
    return {t for t in new if t not in graph}


def infer(graph: Graph, ontology: Graph | None = None) -> int:
    """Add the closure to ``graph`` in place; return how many triples were added."""
    added = closure(graph, ontology)
    for triple in added:
        graph.add(triple)
    return len(added)


def closure_pattern(ontology: Graph | None = None, source=lambda triple: triple) -> str:
    """A SPARQL group binding ``?x ?y ?z`` to every triple :func:`closure` entails from the triples ``source``
    matches (``source(pattern)`` wraps each triple pattern, e.g. in a ``GRAPH`` clause), asserted or not."""
    ontology = ontology if ontology is not None else Graph().parse(ONTOLOGY_FILE)
    classes = " ".join(f"({c.n3()} {s.n3()})" for c, supers in sorted(_ancestors(ontology, RDFS.subClassOf).items())
                       for s in sorted(supers))
    props = " ".join(f"({p.n3()} {q.n3()})" for p, supers in sorted(_ancestors(ontology, RDFS.subPropertyOf).items())
                     for q in sorted(supers))
    symmetric = " ".join(p.n3() for p in sorted(set(ontology.subjects(RDF.type, OWL.SymmetricProperty))))
    blocks = []
    if classes:
        blocks.append(f"{{ VALUES (?c ?z) {{ {classes} }} {source(f'?x {RDF.type.n3()} ?c .')} "
                      f"BIND({RDF.type.n3()} AS ?y) FILTER(isIRI(?x)) }}")
    if props:
        blocks.append(f"{{ VALUES (?p ?y) {{ {props} }} {source('?x ?p ?z .')} FILTER(isIRI(?x)) }}")
    if symmetric:
        blocks.append(f"{{ VALUES ?y {{ {symmetric} }} {source('?z ?y ?x .')} FILTER(isIRI(?x) && isIRI(?z)) }}")
    return "{ " + " UNION ".join(blocks or ["{ FILTER(false) }"]) + " }"
