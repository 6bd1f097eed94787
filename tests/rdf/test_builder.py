"""The sample's graph, checked through its triples and SPARQL (the real engine)."""
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.rdf.namespace import KG


def node(graph, label):
    nodes = list(graph.subjects(RDFS.label, Literal(label, lang="zh")))
    assert len(nodes) == 1, (label, nodes)
    return nodes[0]


def test_post_is_a_direct_triple_and_a_membership(sample_graph):
    rows = list(sample_graph.query("""
        PREFIX kg: <https://example.org/kg/ontology#>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?title ?asof WHERE {
          ?p rdfs:label "吴金城"@zh ; kg:holdsPostIn ?o .
          ?o rdfs:label "上海市经济和信息化委员会"@zh .
          ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role/rdfs:label ?title ; kg:asOf ?asof .
        }"""))
    assert [(str(t), str(d)) for t, d in rows] == [("主任", "2021-10-27")]


def test_short_name_is_an_alias_not_a_second_node(sample_graph):
    agency = node(sample_graph, "上海市经济和信息化委员会")
    assert (agency, RDF.type, KG.Agency) in sample_graph
    assert (agency, SKOS.altLabel, Literal("市经济信息化委", lang="zh")) in sample_graph
    assert not list(sample_graph.subjects(RDFS.label, Literal("市经济信息化委", lang="zh")))


def test_every_entity_links_to_its_document(sample_graph):
    docs = set(sample_graph.subjects(RDF.type, KG.Document))
    assert len(docs) == 1
    for cls in (KG.Agency, KG.District, KG.Enterprise, KG.Initiative, KG.Person, KG.MediaOutlet):
        for entity in sample_graph.subjects(RDF.type, cls):
            assert set(sample_graph.objects(entity, KG.mentionedIn)) == docs


def test_evidence_offsets_index_the_body_text(sample_graph):
    (doc,) = sample_graph.subjects(RDF.type, KG.Document)
    body = str(sample_graph.value(doc, KG.bodyText))
    evidence = list(sample_graph.subjects(RDF.type, KG.Evidence))
    assert len(evidence) > 50
    for ev in evidence:
        start, end = int(sample_graph.value(ev, KG.startOffset)), int(sample_graph.value(ev, KG.endOffset))
        assert body[start:end] == str(sample_graph.value(ev, KG.sentence))


def test_every_relation_has_a_statement_with_evidence(sample_graph):
    from kg.rdf.namespace import PREDICATES

    for p in PREDICATES.values():
        for s, o in sample_graph.subject_objects(p):
            stmts = set(sample_graph.subjects(RDF.subject, s)) & set(sample_graph.subjects(RDF.object, o)) \
                & set(sample_graph.subjects(RDF.predicate, p))
            assert len(stmts) == 1
            (stmt,) = stmts
            assert list(sample_graph.objects(stmt, KG.evidence)) or sample_graph.value(stmt, KG.extractedBy)


def test_figures_are_observations(sample_graph):
    rows = {(str(i), float(v), str(u)) for i, v, u in sample_graph.query("""
        PREFIX kg: <https://example.org/kg/ontology#>
        SELECT ?i ?v ?u WHERE { ?o a kg:Observation ; kg:indicator ?i ; kg:value ?v ; kg:unit ?u }""")}
    assert ("上海大数据核心产业规模", 230000000000.0, "CNY") in rows


def test_no_blank_nodes_and_stable_iris(sample_graph, sample_build, tmp_path):
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for triple in sample_graph for t in triple)
    from kg.pipeline import build

    again = build([], tmp_path)
    assert again.outputs["turtle"].read_bytes() == sample_build.outputs["turtle"].read_bytes()


def test_document_metadata(sample_graph):
    from rdflib.namespace import DCTERMS, XSD

    (doc,) = sample_graph.subjects(RDF.type, KG.Document)
    assert sample_graph.value(doc, DCTERMS.date) == Literal("2021-10-27T07:27:23+00:00", datatype=XSD.dateTime)
    assert str(sample_graph.value(doc, DCTERMS.creator)) == "财联社"
    assert {str(c) for c in sample_graph.objects(doc, DCTERMS.subject)} == {"金融", "财联社", "深度"}
    assert isinstance(doc, URIRef) and str(doc).startswith("https://example.org/kg/doc/")
