"""SHACL shapes compiled to SPARQL and run in Oxigraph: kg's fast validator.

pySHACL walks the data graph in Python (40 s for a 6.5k-triple graph). Here every constraint of
a shape becomes one SPARQL ``SELECT ?this ?value`` whose rows are the violations, run by
Oxigraph over the whole graph at once. The compiler covers the SHACL Core subset kg's shapes use
(listed in :data:`SUPPORTED`) plus SPARQL-based constraints; a shape using anything else raises
:class:`UnsupportedShape` rather than being skipped. pySHACL stays the reference: the tests run
both over graphs that violate each shape and require identical reports.

Class membership is SHACL's: ``rdf:type/rdfs:subClassOf*`` in the data graph.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from kg.errors import KgError

__all__ = ["Check", "UnsupportedShape", "compile_shapes", "run_checks", "SUPPORTED"]

INSTANCE = f"<{RDF.type}>/<{RDFS.subClassOf}>*"  # SHACL instances: rdf:type/rdfs:subClassOf*
TYPE_ONLY = f"<{RDF.type}>"  # the same where the data has no rdfs:subClassOf
_HAS_SUBCLASSES = f"ASK {{ ?a <{RDFS.subClassOf}> ?b }}"

#: What a node shape or property shape may say (anything else is refused).
SUPPORTED = {
    "node": {SH.targetClass, SH.targetSubjectsOf, SH.nodeKind, SH["class"], SH["or"], SH.property, SH.sparql,
             SH.message, SH.severity, SH.deactivated, RDF.type},
    "property": {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["or"], SH.pattern, SH.flags,
                 SH.minInclusive, SH.message, SH.severity, SH.name, SH.description},
    "member": {SH["class"], SH.path, SH.minCount},  # shapes inside sh:or
}
_NODE_KINDS = {SH.IRI: "isIRI(?this)", SH.BlankNode: "isBlank(?this)", SH.Literal: "isLiteral(?this)",
               SH.BlankNodeOrIRI: "(isBlank(?this) || isIRI(?this))",
               SH.BlankNodeOrLiteral: "(isBlank(?this) || isLiteral(?this))",
               SH.IRIOrLiteral: "(isIRI(?this) || isLiteral(?this))"}


class UnsupportedShape(KgError):
    """A shape uses SHACL features the compiler does not translate (validate it with pySHACL)."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: each row (?this, ?value) is a violation at ``path``."""
    query: str
    path: str
    message: str
    severity: str


def _term(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise UnsupportedShape(f"a blank node where a term is needed: {node}")


def _message(shapes: Graph, shape, default: str) -> str:
    msg = shapes.value(shape, SH.message)
    return str(msg) if msg is not None else default


def _severity(shapes: Graph, shape) -> str:
    sev = shapes.value(shape, SH.severity)
    return str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"


def _refuse_unknown(shapes: Graph, shape, kind: str) -> None:
    unknown = {p for p in shapes.predicates(shape) if p not in SUPPORTED[kind]}
    if unknown:
        raise UnsupportedShape(f"shape {shape}: {', '.join(sorted(map(str, unknown)))} not supported")


def _focus(shapes: Graph, shape) -> str:
    parts = [f"{{ ?this {INSTANCE} {_term(c)} }}" for c in sorted(shapes.objects(shape, SH.targetClass))]
    parts += [f"{{ ?this {_term(p)} ?_target }}" for p in sorted(shapes.objects(shape, SH.targetSubjectsOf))]
    return f"SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }}" if parts else ""


def _conforms(shapes: Graph, member, var: str) -> str:
    """A SPARQL boolean expression: ``var`` conforms to the sh:or member shape ``member``."""
    _refuse_unknown(shapes, member, "member")
    tests = [f"EXISTS {{ {var} {INSTANCE} {_term(c)} }}" for c in shapes.objects(member, SH["class"])]
    path = shapes.value(member, SH.path)
    if path is not None:
        count = shapes.value(member, SH.minCount)
        if count is None or int(count) != 1:
            raise UnsupportedShape(f"sh:or member {member}: only sh:minCount 1 is supported with sh:path")
        tests.append(f"EXISTS {{ {var} {_term(path)} ?_m }}")
    if not tests:
        raise UnsupportedShape(f"sh:or member {member} states no constraint")
    return " && ".join(tests)


def _none_conforms(shapes: Graph, or_list, var: str) -> str:
    members = list(Collection(shapes, or_list))
    return "!(" + " || ".join(f"({_conforms(shapes, m, var)})" for m in members) + ")"


def _select(focus: str, body: str, value: str = "?value") -> str:
    projection = "?value" if value == "?value" else f"({value} AS ?value)"
    return f"SELECT DISTINCT ?this {projection} WHERE {{ {{ {focus} }} {body} }}"


def _property_checks(shapes: Graph, prop, focus: str, default_severity: str) -> list[Check]:
    _refuse_unknown(shapes, prop, "property")
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShape(f"property shape {prop}: only a single IRI sh:path is supported")
    p = _term(path)
    severity = _severity(shapes, prop) if shapes.value(prop, SH.severity) is not None else default_severity
    checks = []

    def add(body: str, default: str, value: str = "?value"):
        checks.append(Check(_select(focus, body, value), str(path), _message(shapes, prop, default), severity))

    def count(test: str) -> str:
        return (f"{{ SELECT ?this (COUNT(DISTINCT ?_v) AS ?_n) WHERE {{ {{ {focus} }} OPTIONAL {{ ?this {p} ?_v }} }}"
                f" GROUP BY ?this }} FILTER({test})")

    low, high = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
    if low is not None or high is not None:  # one count for both bounds (a node breaks at most one of them)
        tests, wanted = [], []
        if low is not None:
            tests.append(f"?_n < {int(low)}")
            wanted.append(f"at least {int(low)}")
        if high is not None:
            tests.append(f"?_n > {int(high)}")
            wanted.append(f"at most {int(high)}")
        add(count(" || ".join(tests)), f"{' and '.join(wanted)} values expected", value="?_none")
    if (dt := shapes.value(prop, SH.datatype)) is not None:
        add(f"?this {p} ?value FILTER(!isLiteral(?value) || DATATYPE(?value) != {_term(dt)})",
            f"Value is not Literal with datatype {dt}")
    for cls in shapes.objects(prop, SH["class"]):
        add(f"?this {p} ?value FILTER NOT EXISTS {{ ?value {INSTANCE} {_term(cls)} }}", f"Value does not have class {cls}")
    if (or_list := shapes.value(prop, SH["or"])) is not None:
        add(f"?this {p} ?value FILTER({_none_conforms(shapes, or_list, '?value')})",
            "Value does not conform to any shape of sh:or")
    if (pattern := shapes.value(prop, SH.pattern)) is not None:
        flags = shapes.value(prop, SH.flags)
        regex = f"REGEX(STR(?value), {Literal(str(pattern)).n3()}" + (f", {Literal(str(flags)).n3()})" if flags else ")")
        add(f"?this {p} ?value FILTER(isBlank(?value) || !{regex})", f"Value does not match pattern '{pattern}'")
    if (low := shapes.value(prop, SH.minInclusive)) is not None:
        add(f"?this {p} ?value FILTER(!COALESCE(?value >= {_term(low)}, false))", f"Value is not >= {low}")
    return checks


def _prefixes(shapes: Graph, sparql) -> str:
    lines = []
    for source in shapes.objects(sparql, SH.prefixes):
        for decl in shapes.objects(source, SH.declare):
            lines.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
    return "\n".join(sorted(set(lines)))


def _sparql_checks(shapes: Graph, shape, focus: str, severity: str) -> list[Check]:
    checks = []
    for constraint in shapes.objects(shape, SH.sparql):
        select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        if "WHERE" not in select:
            raise UnsupportedShape(f"sh:sparql of {shape}: a SELECT ... WHERE {{ }} is expected")
        head, where = select.split("WHERE", 1)
        value = "?value" if "?value" in head else "?this"
        query = f"{_prefixes(shapes, constraint)}\n{_select(focus, where, value)}"
        checks.append(Check(query, "", _message(shapes, constraint, "SPARQL constraint violated"), severity))
    return checks


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of every active node shape in ``shapes`` as a :class:`Check`."""
    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        _refuse_unknown(shapes, shape, "node")
        focus = _focus(shapes, shape)
        if not focus:
            continue  # a shape without targets validates nothing on its own
        severity = _severity(shapes, shape)

        def node_check(body: str, default: str):
            checks.append(Check(_select(focus, body, "?this"), "", _message(shapes, shape, default), severity))

        if (kind := shapes.value(shape, SH.nodeKind)) is not None:
            node_check(f"FILTER(!{_NODE_KINDS[kind]})", f"Value is not of Node Kind {kind}")
        for cls in shapes.objects(shape, SH["class"]):
            node_check(f"FILTER NOT EXISTS {{ ?this {INSTANCE} {_term(cls)} }}", f"Value does not have class {cls}")
        if (or_list := shapes.value(shape, SH["or"])) is not None:
            node_check(f"FILTER({_none_conforms(shapes, or_list, '?this')})",
                       "Value does not conform to any shape of sh:or")
        for prop in shapes.objects(shape, SH.property):
            if isinstance(prop, (BNode, URIRef)):
                checks += _property_checks(shapes, prop, focus, severity)
        checks += _sparql_checks(shapes, shape, focus, severity)
    return checks


def run_checks(store: ox.Store, checks: list[Check], union: bool = False) -> list[tuple[str, str, str, str, str]]:
    """Run ``checks`` over ``store``'s default graph (or the union of its graphs): one
    ``(focus, path, value, message, severity)`` per violation."""
    rows = []
    plain = not store.query(_HAS_SUBCLASSES, use_default_graph_as_union=union)
    for check in checks:
        query = check.query.replace(INSTANCE, TYPE_ONLY) if plain else check.query
        for row in store.query(query, use_default_graph_as_union=union):
            value = row["value"]
            rows.append((_text(row["this"]), check.path, "" if value is None else _text(value),
                         check.message, check.severity))
    return rows


def _text(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value

