"""The prefixes every kg SPARQL query may use without declaring them (``kg query``, ``kg serve``, the
shipped ``.rq`` files), and that kg writes its files with. Plain strings, so ``kg query --help`` lists them
without importing rdflib; ``tests/rdf/test_namespace.py`` holds them equal to rdflib's namespaces."""
from __future__ import annotations

__all__ = ["KG_NS", "QUERY_PREFIXES", "prefix_lines"]

KG_NS = "https://example.org/kg/ontology#"

QUERY_PREFIXES: dict[str, str] = {
    "kg": KG_NS,
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def prefix_lines() -> list[str]:
    """The table, one ``PREFIX kg: <https://example.org/kg/ontology#>`` line per prefix (the help of
    ``kg query`` shows these)."""
    return [f"PREFIX {name}: <{iri}>" for name, iri in QUERY_PREFIXES.items()]
