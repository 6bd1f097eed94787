"""The SPARQL-compiled SHACL engine reports exactly what pySHACL (the reference) reports."""
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg.config import SHAPES_FILE
from kg.rdf.shacl_sparql import UnsupportedShape, compile_shapes
from kg.rdf.validate import validate

VIOLATIONS = Path(__file__).parent / "data" / "violations.ttl"


def _report(graph, engine):
    # blank node labels differ between the two engines' copies of the graph
    return sorted(re.sub(r"_:\w+", "_:b", str(v)) for v in validate(graph, engine=engine).violations)


def test_both_engines_give_the_same_report_on_a_graph_breaking_every_shape():
    graph = Graph().parse(VIOLATIONS)
    fast, reference = _report(graph, "sparql"), _report(graph, "pyshacl")
    assert fast == reference
    assert len(fast) == 51
    shapes = Graph().parse(SHAPES_FILE)
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):  # every shape is broken at least once
        messages = {str(m) for m in shapes.objects(shape, SH.message)}
        messages |= {str(shapes.value(c, SH.message)) for p in (SH.property, SH.sparql) for c in shapes.objects(shape, p)}
        assert any(m in line for m in messages for line in fast), shape


def test_both_engines_accept_a_real_build_and_see_one_broken_label(sample_graph):
    graph = Graph()
    for t in sample_graph:
        graph.add(t)
    assert validate(graph).conforms and validate(graph, engine="pyshacl").conforms
    entity = next(graph.subjects(RDF.type, URIRef("https://example.org/kg/ontology#Agency")))
    graph.add((entity, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("第二个名字", lang="zh")))
    fast, reference = _report(graph, "sparql"), _report(graph, "pyshacl")
    assert fast == reference and len(fast) == 1 and "exactly one rdfs:label" in fast[0]


def test_a_shape_the_compiler_cannot_translate_is_refused_not_skipped():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxLength 3 ] .""", format="turtle")
    with pytest.raises(UnsupportedShape, match="maxLength"):
        compile_shapes(shapes)
