"""kg's vocabulary as a closed namespace: a misspelt term raises instead of minting an IRI.
Kept in step with ``ontology/kg.ttl`` by ``tests/rdf/test_namespace.py``."""
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.rdf.prefixes import KG_NS, QUERY_PREFIXES
from kg.schema import ENTITY_TYPES, RELATION_TYPES

__all__ = ["KG", "KG_NS", "TermCache", "bind_prefixes", "ENTITY_CLASSES", "PREDICATES", "ENTITY_CLASS_LIST", "VOCABULARY",
           "SPARQL_PROLOGUE", "prefix_map", "sparql_file"]


class TermCache:
    """A namespace whose terms are each made once: rdflib's namespaces make (and, when closed, check) a new
    URIRef on every ``NS.term``, which the RDF builder does for every triple. ``NS[name]`` is passed through."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)  # an unknown term of a closed namespace raises here, every time
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return self._namespace[name]


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
    Page: URIRef  # a printed page of a PDF document: the character range of the body text it holds
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
    hasPage: URIRef
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
    pageNumber: URIRef
    divisionCode: URIRef  # GB/T 2260 code of an administrative division
    stockCode: URIRef  # 600000.SH: digits and exchange
    creditCode: URIRef  # unified social credit code (GB 32100), check character verified
    isTarget: URIRef  # an observation that is a target or forecast, not an outcome

    _NS = Namespace(KG_NS)
    _fail = True


ENTITY_CLASSES = {t.label: KG[t.cls] for t in ENTITY_TYPES}
PREDICATES = {r.name: KG[r.name] for r in RELATION_TYPES}
# the entity classes as a SPARQL list, for FILTER(?cls IN ...)
ENTITY_CLASS_LIST = "(" + ", ".join(f"kg:{t.cls}" for t in ENTITY_TYPES) + ")"
ENTITY_CLASS_VALUES = " ".join(f"kg:{t.cls}" for t in ENTITY_TYPES)
RELATION_VALUES = " ".join(f"kg:{r.name}" for r in RELATION_TYPES)


# the vocabulary prefixes (no instance prefixes): SPARQL prologues and readable names use these
VOCABULARY = dict(QUERY_PREFIXES)  # kg.rdf.prefixes: the table kg query --help lists
SPARQL_PROLOGUE = "".join(f"PREFIX {k}: <{v}> " for k, v in VOCABULARY.items())


def sparql_file(path) -> str:
    """A query kept in a ``.rq`` file beside the code that runs it, with kg's prologue, ``$ENTITY_CLASSES``
    (the entity classes as a SPARQL list), ``$ENTITY_CLASS_VALUES`` and ``$RELATION_VALUES`` (the classes
    and relation predicates as the body of a VALUES block) filled in."""
    from pathlib import Path

    text = Path(path).read_text(encoding="utf-8")
    for name, value in (("$ENTITY_CLASS_VALUES", ENTITY_CLASS_VALUES), ("$RELATION_VALUES", RELATION_VALUES),
                        ("$ENTITY_CLASSES", ENTITY_CLASS_LIST)):
        text = text.replace(name, value)
    return SPARQL_PROLOGUE + text


def prefix_map(base: str) -> dict[str, str]:
    """The prefixes kg writes its files with."""
    return {"kg": KG_NS, "kgr": base + "id/", "doc": base + "doc/", **VOCABULARY}


def bind_prefixes(graph: Graph, base: str) -> Graph:
    for prefix, ns in prefix_map(base).items():
        graph.bind(prefix, ns, override=True)
    return graph
