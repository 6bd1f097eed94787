"""The RDFS entailments of a store built with ``--infer``, kept in their own graph ``{base}graph/inferred`` (and
in the default graph queries read), recomputed from the asserted triples after each writer session (a build,
a fetch, a remove) in one atomic update, so ``?x a org:Organization`` finds every agency and enterprise.

The closure is the one ``kg build --infer`` writes into graph.ttl (:mod:`kg.rdf.infer`): the superclasses of
asserted types, superproperties, symmetric partners; the graph holds only the triples no article states.
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["inferred_graph_iri", "refresh_update"]


def inferred_graph_iri(base: str) -> str:
    return f"{base}graph/inferred"


@lru_cache(maxsize=1)
def _pattern() -> str:
    from kg.rdf.infer import closure_pattern

    return closure_pattern()


def refresh_update(inferred: str, unshared) -> str:
    """The update that replaces the graph ``inferred`` by the entailments of the asserted triples: first the
    default graph loses what only the old entailments stated (``unshared(pattern, other_than)`` writes that
    deletion, see ``KgStore._unshared``), then the graph is emptied and refilled from the default graph."""
    g = f"<{inferred}>"
    return ";\n".join([
        unshared(f"GRAPH {g} {{ ?s ?p ?o }}", g),
        f"DROP SILENT GRAPH {g}",
        f"INSERT {{ GRAPH {g} {{ ?x ?y ?z }} ?x ?y ?z }} WHERE {{ {_pattern()} FILTER NOT EXISTS {{ ?x ?y ?z }} }}",
    ])
