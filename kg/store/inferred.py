"""The RDFS entailments of a store built with ``--infer``, kept in their own graph ``{base}graph/inferred`` (and
in the default graph queries read), brought up to date after each writer session that changed the store (a
build, a fetch, a remove) in one atomic update, so ``?x a org:Organization`` finds every agency and enterprise.

The closure is the one ``kg build --infer`` writes into graph.ttl (:mod:`kg.rdf.infer`): the superclasses of
asserted types, superproperties, symmetric partners; the graph holds only the triples no article states. It is
computed from the asserted graphs (never from the old entailments, which would keep stale ones alive) and only
the difference is written: a session that added or removed a few articles rewrites a few hundred triples.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import pyoxigraph as ox

__all__ = ["inferred_graph_iri", "refresh_update"]


def inferred_graph_iri(base: str) -> str:
    return f"{base}graph/inferred"


@lru_cache(maxsize=4)
def _closure_query(outside: str) -> str:
    from kg.rdf.infer import closure_pattern

    asserted = f"GRAPH ?g {{ {{}} }} FILTER(?g NOT IN ({outside}))"
    where = closure_pattern(source=lambda triple: asserted.replace("{}", triple, 1))
    return (f"SELECT DISTINCT ?x ?y ?z WHERE {{ {where} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?x ?y ?z }} FILTER(?h NOT IN ({outside})) }} }}")


def _asserted(store: ox.Store, triple: ox.Triple, outside: set) -> bool:
    """Whether an article or the entities graph states ``triple``."""
    return any(q.graph_name not in outside and not isinstance(q.graph_name, ox.DefaultGraph)
               for q in store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None))


def _data(verb: str, triples: Iterable[ox.Triple], graph: ox.NamedNode | None) -> str:
    lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in sorted(triples, key=str))
    if not lines:
        return ""
    return f"{verb} DATA {{ GRAPH {graph} {{\n{lines}\n}} }}" if graph is not None else f"{verb} DATA {{\n{lines}\n}}"


def refresh_update(store: ox.Store, inferred: ox.NamedNode, registry: Iterable[ox.NamedNode]) -> str:
    """The update that brings the graph ``inferred`` (and the default graph) to the entailments of the triples
    the store's other graphs (but the ``registry`` graphs) state; empty when nothing changed."""
    outside = {inferred, *registry}
    names = ", ".join(str(g) for g in sorted(outside, key=str))
    new = {ox.Triple(row["x"], row["y"], row["z"]) for row in store.query(_closure_query(names))}
    old = {q.triple for q in store.quads_for_pattern(None, None, None, inferred)}
    gone = old - new  # no longer entailed, or now stated by an article: the default graph keeps the latter
    return ";\n".join(part for part in (
        _data("DELETE", gone, inferred),
        _data("DELETE", (t for t in gone if not _asserted(store, t, outside)), None),
        _data("INSERT", new - old, inferred),
        _data("INSERT", new - old, None),
    ) if part)
