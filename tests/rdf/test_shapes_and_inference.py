"""SHACL shapes, the lean RDFS closure, and the ontology page."""
from pathlib import Path

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, RDFS, SDO

from kg.config import SHAPES_FILE
from kg.rdf.infer import closure, infer
from kg.rdf.namespace import KG
from kg.rdf.validate import validate

REPO = Path(__file__).parent.parent.parent


def test_sample_build_conforms(sample_graph):
    report = validate(sample_graph)
    assert report.conforms, [str(v) for v in report.violations]


def test_broken_graph_reports_the_right_violations(sample_graph):
    g = Graph()
    for triple in sample_graph:
        g.add(triple)
    (agency,) = g.subjects(RDFS.label, Literal("上海市经济和信息化委员会", lang="zh"))
    (person,) = g.subjects(RDFS.label, Literal("吴金城", lang="zh"))
    (district,) = g.subjects(RDFS.label, Literal("浦东新区", lang="zh"))
    g.remove((agency, RDFS.label, None))  # no label
    g.add((agency, RDF.type, KG.Enterprise))  # two core types
    g.add((person, KG.holdsPostIn, district))  # a post in a district, and without evidence
    evidence = next(g.subjects(RDF.type, KG.Evidence))
    g.set((evidence, KG.startOffset, Literal(int(g.value(evidence, KG.startOffset)) + 1)))  # offsets off by one
    report = validate(g)
    assert not report.conforms
    messages = {v.message for v in report.violations}
    assert "an entity has exactly one rdfs:label (its canonical name)" in messages
    assert any("exactly one core type" in m for m in messages)
    assert "holdsPostIn goes from a Person to an Agency or Enterprise" in messages
    assert any("statement node with evidence" in m for m in messages)
    assert "the evidence sentence is the exact text of its document at its offsets" in messages


def test_inference_finds_every_organisation_and_loads_into_oxigraph(sample_graph, tmp_path):
    g = Graph()
    for triple in sample_graph:
        g.add(triple)
    added = infer(g)
    assert added > 0
    orgs = {s for s in g.subjects(RDF.type, ORG.Organization)}
    expected = {s for c in (KG.Agency, KG.Enterprise, KG.MediaOutlet) for s in sample_graph.subjects(RDF.type, c)}
    assert orgs == expected
    assert set(g.subjects(RDF.type, SDO.GovernmentOrganization)) == set(sample_graph.subjects(RDF.type, KG.Agency))
    assert not closure(g)  # a fixpoint
    assert all(isinstance(s, URIRef) for s, _, _ in g)  # no literal subjects
    path = tmp_path / "inferred.nt"
    path.write_text(g.serialize(format="nt"), encoding="utf-8")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(store) == len(g)
    assert validate(g).conforms


def test_finer_classes_keep_the_core_type(sample_graph):
    for fine, core in ((KG.Regulation, KG.Initiative), (KG.Plan, KG.Initiative), (KG.Platform, KG.Initiative),
                       (KG.PartyCommittee, KG.Agency), (KG.Zone, KG.District), (KG.AdministrativeDivision, KG.District)):
        nodes = set(sample_graph.subjects(RDF.type, fine))
        assert nodes and all((n, RDF.type, core) in sample_graph for n in nodes), fine
    (plan,) = sample_graph.subjects(RDFS.label, Literal("上海市数据条例", lang="zh"))
    assert (plan, RDF.type, KG.Regulation) in sample_graph


def test_shapes_file_is_packaged_identically():
    assert SHAPES_FILE.read_bytes() == (REPO / "ontology" / "shapes.ttl").read_bytes()


def test_ontology_page_is_up_to_date():
    from kg.rdf.ontology_doc import render

    assert (REPO / "docs" / "ontology.md").read_text(encoding="utf-8") == render()
