"""Which graph a store's queries read (kept light: query worker processes import only this and pyoxigraph)."""
from __future__ import annotations

import pyoxigraph as ox

__all__ = ["reads_union"]


def reads_union(store: ox.Store) -> bool:
    """True for a store with named graphs but an empty default graph (built before kg kept the union
    there): read the union of its named graphs instead."""
    return (next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
            and next(iter(store.named_graphs()), None) is not None)
