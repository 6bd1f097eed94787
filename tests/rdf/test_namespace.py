from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.config import ONTOLOGY_FILE
from kg.rdf.namespace import KG, KG_NS

ONTOLOGY = Graph().parse(ONTOLOGY_FILE)
DECLARED = {str(s)[len(KG_NS):] for s in ONTOLOGY.subjects(RDF.type, None) if str(s).startswith(KG_NS)}
TERMS = {str(term)[len(KG_NS):] for term in dir(KG)}


def test_every_kg_term_is_declared_in_the_ontology():
    assert TERMS - DECLARED == set()


def test_every_ontology_term_is_in_kg():
    assert DECLARED - TERMS == set()


def test_required_classes_and_properties():
    for name in ("Agency", "District", "Enterprise", "Initiative", "Person", "MediaOutlet"):
        assert (URIRef(KG_NS + name), RDF.type, OWL.Class) in ONTOLOGY
    for name in ("holdsPostIn", "locatedIn", "issuedBy", "participatesIn", "partOf", "partnerOf"):
        assert (URIRef(KG_NS + name), RDF.type, OWL.ObjectProperty) in ONTOLOGY


def test_misspelt_term_raises():
    import pytest

    with pytest.raises(AttributeError):
        KG.holdsPostAt  # noqa: B018


def test_a_term_cache_gives_the_namespaces_terms_and_still_refuses_a_misspelt_one():
    import pytest

    from kg.rdf.namespace import TermCache

    kg, rdf = TermCache(KG), TermCache(RDF)
    assert kg.Agency == KG.Agency and rdf.type == RDF.type and rdf.type is rdf.type
    assert kg["holdsPostIn"] == KG.holdsPostIn
    for _ in range(2):  # not remembered as a term
        with pytest.raises(AttributeError):
            kg.holdsPostAt  # noqa: B018


def test_the_query_prefix_table_names_rdflibs_namespaces():
    """kg.rdf.prefixes is plain strings (kg query --help lists it without importing rdflib): the same
    IRIs as rdflib's namespaces."""
    from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

    from kg.rdf.prefixes import QUERY_PREFIXES

    assert QUERY_PREFIXES == {"kg": KG_NS, "org": str(ORG), "prov": str(PROV), "skos": str(SKOS),
                              "dcterms": str(DCTERMS), "schema": str(SDO), "owl": str(OWL), "rdfs": str(RDFS),
                              "rdf": str(RDF), "xsd": str(XSD)}
