"""Render the ontology (``ontology/kg.ttl``) as a Markdown page: ``python -m kg.rdf.ontology_doc > docs/ontology.md``."""
from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.config import ONTOLOGY_FILE
from kg.rdf.namespace import KG_NS, VOCABULARY

__all__ = ["render"]

SCHEMA_NS = "https://schema.org/"
_PREFIXES = {ns: f"{prefix}:" for prefix, ns in VOCABULARY.items()}


def _short(term) -> str:
    for ns, prefix in _PREFIXES.items():
        if str(term).startswith(ns):
            return prefix + str(term)[len(ns):]
    return str(term)


def _label(g: Graph, term, lang: str) -> str:
    return next((str(o) for o in g.objects(term, RDFS.label) if getattr(o, "language", None) == lang), "")


def _cell(g: Graph, term, predicate) -> str:
    return ", ".join(sorted(_short(o) for o in g.objects(term, predicate)))


def render(g: Graph | None = None) -> str:
    g = g if g is not None else Graph().parse(ONTOLOGY_FILE)
    onto = URIRef(KG_NS.rstrip("#"))
    lines = ["# kg ontology", "", f"Namespace `{KG_NS}` (prefix `kg:`), version {g.value(onto, OWL.versionInfo)}.",
             "Generated from `ontology/kg.ttl` by `python -m kg.rdf.ontology_doc`; shapes are in `ontology/shapes.ttl`.",
             "", str(g.value(onto, RDFS.comment) or "").replace("\n", " "), ""]
    own = lambda t: str(t).startswith(KG_NS)  # noqa: E731
    lines += ["## Classes", "", "| class | 中文 | subclass of | definition |", "|---|---|---|---|"]
    for cls in sorted(filter(own, g.subjects(RDF.type, OWL.Class)), key=str):
        lines.append(f"| `{_short(cls)}` | {_label(g, cls, 'zh')} | {_cell(g, cls, RDFS.subClassOf)} | "
                     f"{g.value(cls, SKOS.definition) or ''} |")
    for title, kind in (("Object properties", OWL.ObjectProperty), ("Datatype properties", OWL.DatatypeProperty)):
        lines += ["", f"## {title}", "", "| property | 中文 | domain | range | aligned with | definition |",
                  "|---|---|---|---|---|---|"]
        for prop in sorted(filter(own, g.subjects(RDF.type, kind)), key=str):
            domain = _cell(g, prop, RDFS.domain) or _cell(g, prop, URIRef(SCHEMA_NS + "domainIncludes"))
            rng = _cell(g, prop, RDFS.range) or _cell(g, prop, URIRef(SCHEMA_NS + "rangeIncludes"))
            aligned = ", ".join(x for x in (_cell(g, prop, RDFS.subPropertyOf), _cell(g, prop, SKOS.closeMatch)) if x)
            lines.append(f"| `{_short(prop)}` | {_label(g, prop, 'zh')} | {domain} | {rng} | {aligned} | "
                         f"{g.value(prop, SKOS.definition) or ''} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
