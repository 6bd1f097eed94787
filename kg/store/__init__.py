"""A persistent, incremental knowledge-graph store on Oxigraph (pyoxigraph).

One named graph per document (its IRI), the merged entities in ``{base}graph/entities`` and the
source registry in ``{base}graph/sources``. Adding, replacing or removing a document is one SPARQL
update (Oxigraph applies each atomically), so a build killed at any point leaves every earlier
document committed and nothing half-written.
"""
from kg.store.lock import StoreLocked
from kg.store.oxigraph import KgStore, store_graph
from kg.store.source import open_source

__all__ = ["KgStore", "StoreLocked", "store_graph", "open_source"]
