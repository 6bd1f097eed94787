"""SHACL validation of a graph against ``ontology/shapes.ttl`` (pySHACL)."""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from kg.config import SHAPES_FILE

__all__ = ["Violation", "Report", "validate"]

SH = Namespace("http://www.w3.org/ns/shacl#")


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


def validate(graph: Graph, shapes: Graph | None = None) -> Report:
    """Validate ``graph`` (a plain Graph: pySHACL checks each named graph of a Dataset apart)."""
    from pyshacl import validate as shacl

    shapes = shapes if shapes is not None else Graph().parse(SHAPES_FILE)
    conforms, results, _ = shacl(graph, shacl_graph=shapes, advanced=True, allow_warnings=True)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        def value(p):
            v = results.value(result, p)
            return str(v) if v is not None else ""
        violations.append(Violation(value(SH.focusNode), value(SH.resultPath), value(SH.resultMessage),
                                    value(SH.value), value(SH.resultSeverity).rsplit("#", 1)[-1]))
    return Report(bool(conforms), sorted(violations, key=str))
