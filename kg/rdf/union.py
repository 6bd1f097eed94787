"""Which graph a store's queries read (kept light: query worker processes import only this and pyoxigraph)."""
from __future__ import annotations

import pyoxigraph as ox

__all__ = ["reads_union", "META_GRAPH"]

# a store's description of itself (base IRI, format version), at an IRI that does not depend on its base
META_GRAPH = ox.NamedNode("urn:kg:store")


def reads_union(store: ox.Store) -> bool:
    """True for a store with article graphs but an empty default graph (built before kg kept the union
    there): read the union of its named graphs instead."""
    return (next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
            and any(g != META_GRAPH for g in store.named_graphs()))
