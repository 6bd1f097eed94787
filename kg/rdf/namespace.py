"""kg's vocabulary as a closed namespace: a misspelt term raises instead of minting an IRI.
Kept in step with ``ontology/kg.ttl`` by ``tests/rdf/test_namespace.py``."""
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

__all__ = ["KG", "KG_NS", "bind_prefixes", "ENTITY_CLASSES", "PREDICATES"]

KG_NS = "https://example.org/kg/ontology#"


class KG(DefinedNamespace):
    # classes: entities
    Agency: URIRef  # government and party bodies, public institutions
    District: URIRef  # administrative divisions, named zones and regions
    Enterprise: URIRef  # companies, groups, banks, exchanges
    Initiative: URIRef  # policies, plans, programmes, platforms, projects
    Person: URIRef
    MediaOutlet: URIRef
    # finer classes (a node keeps its core class too)
    PartyCommittee: URIRef
    Government: URIRef
    Department: URIRef
    PublicInstitution: URIRef
    AdministrativeDivision: URIRef
    Zone: URIRef
    Policy: URIRef
    Regulation: URIRef
    Plan: URIRef
    Programme: URIRef
    Platform: URIRef
    Project: URIRef
    # classes: documents and facts
    Document: URIRef
    Evidence: URIRef
    Observation: URIRef
    Mention: URIRef  # one occurrence of an entity name in a document
    Turn: URIRef  # a press-conference turn
    Question: URIRef
    Answer: URIRef
    # object properties between entities
    holdsPostIn: URIRef
    locatedIn: URIRef
    issuedBy: URIRef
    participatesIn: URIRef
    partOf: URIRef
    partnerOf: URIRef
    # provenance and structure
    mentionedIn: URIRef
    typeInDocument: URIRef  # the entity type one document gives
    nameInDocument: URIRef  # the canonical name one document gives
    entityKey: URIRef  # the resolution key the entity IRI is minted from
    evidence: URIRef
    inDocument: URIRef
    about: URIRef
    mentionOf: URIRef
    askedBy: URIRef
    spokenBy: URIRef
    answers: URIRef
    # datatype properties
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    spanStart: URIRef
    spanEnd: URIRef
    extractedBy: URIRef
    postTitle: URIRef
    asOf: URIRef
    indicator: URIRef
    value: URIRef
    unit: URIRef
    period: URIRef
    quantityText: URIRef
    contentHash: URIRef
    fileHash: URIRef
    sourcePath: URIRef
    bodyText: URIRef
    frontMatter: URIRef
    turnText: URIRef

    _NS = Namespace(KG_NS)
    _fail = True


ENTITY_CLASSES = {"AGENCY": KG.Agency, "DISTRICT": KG.District, "ENTERPRISE": KG.Enterprise,
                  "INITIATIVE": KG.Initiative, "PERSON": KG.Person, "MEDIA": KG.MediaOutlet}
PREDICATES = {"holdsPostIn": KG.holdsPostIn, "locatedIn": KG.locatedIn, "issuedBy": KG.issuedBy,
              "participatesIn": KG.participatesIn, "partOf": KG.partOf, "partnerOf": KG.partnerOf}


def prefix_map(base: str) -> dict[str, str]:
    """The prefixes kg writes its files with."""
    out = {"kg": KG_NS, "kgr": base + "id/", "doc": base + "doc/"}
    for prefix, ns in (("org", ORG), ("prov", PROV), ("skos", SKOS), ("dcterms", DCTERMS), ("schema", SDO),
                       ("owl", OWL), ("rdfs", RDFS), ("rdf", RDF), ("xsd", XSD)):
        out[prefix] = str(ns)
    return out


def bind_prefixes(graph: Graph, base: str) -> Graph:
    for prefix, ns in prefix_map(base).items():
        graph.bind(prefix, ns, override=True)
    return graph
