"""SHACL validation of a graph against ``ontology/shapes.ttl``.

Two engines give the same report: ``"sparql"`` (default) compiles the shapes to SPARQL and runs
them in Oxigraph (:mod:`kg.rdf.shacl_sparql`, seconds on 10^5 triples); ``"pyshacl"`` is the
reference implementation (minutes on the same graph).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Namespace
from rdflib.namespace import RDF

from kg.config import SHAPES_FILE

__all__ = ["Violation", "Report", "validate", "ENGINES"]

SH = Namespace("http://www.w3.org/ns/shacl#")
ENGINES = ("sparql", "pyshacl")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return f"{self.severity}: <{self.focus}>{where}{value}: {self.message}"


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


def validate(data, shapes: Graph | None = None, engine: str = "sparql") -> Report:
    """Validate ``data``: an rdflib Graph (a plain Graph: pySHACL checks each named graph of a Dataset
    apart) or a :class:`kg.store.KgStore` (its union graph)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r} (use one of: {', '.join(ENGINES)})")
    shapes = shapes if shapes is not None else Graph().parse(SHAPES_FILE)
    violations = _sparql(data, shapes) if engine == "sparql" else _pyshacl(_as_graph(data), shapes)
    violations = sorted(set(violations), key=str)
    return Report(not any(v.severity == "Violation" for v in violations), violations)


def _sparql(data, shapes: Graph) -> list[Violation]:
    import pyoxigraph as ox

    from kg.rdf.shacl_sparql import compile_shapes, run_checks

    checks = compile_shapes(shapes)
    if isinstance(data, Graph):
        store = ox.Store()
        store.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        rows = run_checks(store, checks)
    else:
        rows = run_checks(data.store, checks, union=data.union)
    return [Violation(focus, path, message, value, severity) for focus, path, value, message, severity in rows]


def _as_graph(data) -> Graph:
    if isinstance(data, Graph):
        return data
    from kg.store import store_graph

    return store_graph(data)


def _pyshacl(graph: Graph, shapes: Graph) -> list[Violation]:
    from pyshacl import validate as shacl

    _, results, _ = shacl(graph, shacl_graph=shapes, advanced=True, allow_warnings=True)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        def value(p):
            v = results.value(result, p)
            return "" if v is None else f"_:{v}" if isinstance(v, BNode) else str(v)
        violations.append(Violation(value(SH.focusNode), value(SH.resultPath), value(SH.resultMessage),
                                    value(SH.value), value(SH.resultSeverity).rsplit("#", 1)[-1]))
    return violations
