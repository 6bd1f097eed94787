"""Exports of a store: RDF in several formats, and CSV tables for pandas and Excel."""
from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.namespace import KG_NS
from kg.store.oxigraph import KgStore

__all__ = ["export_rdf", "export_csv", "CSV_QUERIES"]

_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG,
               "nquads": ox.RdfFormat.N_QUADS}

CSV_QUERIES = {
    "entities": f"""PREFIX kg: <{KG_NS}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?iri ?type ?name (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
               (COUNT(DISTINCT ?doc) AS ?documents) WHERE {{
          GRAPH ?eg {{ ?iri a ?cls ; rdfs:label ?name . }}
          FILTER(?cls IN (kg:Agency, kg:District, kg:Enterprise, kg:Initiative, kg:Person, kg:MediaOutlet))
          OPTIONAL {{ ?iri skos:altLabel ?alias }}
          OPTIONAL {{ ?iri kg:mentionedIn ?doc }}
          BIND(STRAFTER(STR(?cls), "#") AS ?type)
        }} GROUP BY ?iri ?type ?name ORDER BY ?type ?name""",
    "relations": f"""PREFIX kg: <{KG_NS}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?subject ?relation ?object ?rule ?sentence ?document ?start ?end WHERE {{
          ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
          ?s rdfs:label ?subject . ?o rdfs:label ?object .
          OPTIONAL {{ ?st kg:evidence ?ev . ?ev kg:extractedBy ?rule ; kg:sentence ?sentence ; kg:inDocument ?document ;
                      kg:startOffset ?start ; kg:endOffset ?end }}
          OPTIONAL {{ ?st kg:extractedBy ?rule }}
          BIND(STRAFTER(STR(?p), "#") AS ?relation)
        }} ORDER BY ?relation ?subject ?object ?document ?start""",
    "figures": f"""PREFIX kg: <{KG_NS}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?indicator ?value ?unit ?period ?text ?about ?sentence ?document WHERE {{
          ?o a kg:Observation ; kg:indicator ?indicator ; kg:value ?value ; kg:quantityText ?text ;
             kg:evidence ?ev . ?ev kg:sentence ?sentence ; kg:inDocument ?document .
          OPTIONAL {{ ?o kg:unit ?unit }} OPTIONAL {{ ?o kg:period ?period }}
          OPTIONAL {{ ?o kg:about/rdfs:label ?about }}
        }} ORDER BY ?document ?indicator ?value""",
}


def export_rdf(store: KgStore, fmt: str, output: str | Path | None = None) -> str | Path:
    """``turtle``/``jsonld`` of the union graph, ``trig``/``nquads`` with one graph per article; streamed by
    Oxigraph (the store is never loaded whole). Written atomically to ``output`` if given, else returned."""
    from kg.rdf.namespace import prefix_map
    from kg.rdf.serialize import write_atomic

    data = store.quads() if fmt in ("trig", "nquads") else store.triples()
    options = {"format": _OX_FORMATS[fmt]}
    if fmt != "nquads":
        options["prefixes"] = prefix_map(store.base)
    if output is None:
        return ox.serialize(data, **options).decode("utf-8")
    return write_atomic(output, lambda fh: ox.serialize(data, fh, **options))


def export_csv(store: KgStore, folder: str | Path) -> list[Path]:
    """``entities.csv``, ``relations.csv``, ``figures.csv`` (UTF-8 with BOM, so Excel reads the Chinese)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, sparql in CSV_QUERIES.items():
        result = store.query(sparql)
        columns = [v.value for v in result.variables]
        path = folder / f"{name}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            for row in result:
                writer.writerow(["" if row[c] is None else row[c].value for c in columns])
        paths.append(path)
    return paths
