"""Load named graphs into any triple store that speaks the SPARQL 1.1 Graph Store HTTP Protocol
(Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso ...)."""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable

from kg.errors import KgError

__all__ = ["put_graph", "put_graphs"]


def put_graph(endpoint: str, graph_iri: str, ntriples: bytes, timeout: float = 60) -> int:
    """``PUT endpoint?graph=IRI`` with an N-Triples body (replaces that graph). Returns the HTTP status."""
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}graph={urllib.parse.quote(graph_iri, safe='')}"
    req = urllib.request.Request(url, data=ntriples, method="PUT", headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        raise KgError(f"{endpoint}: PUT of graph {graph_iri} failed with HTTP {err.code}: "
                      f"{err.read()[:200].decode('utf-8', 'replace')}") from err
    except OSError as err:
        raise KgError(f"{endpoint}: cannot reach the graph store ({err})") from err


def put_graphs(endpoint: str, graphs: Iterable[tuple[str, bytes]]) -> int:
    """PUT every ``(graph IRI, N-Triples)``; returns how many graphs were loaded."""
    count = 0
    for iri, data in graphs:
        put_graph(endpoint, iri, data)
        count += 1
    return count
