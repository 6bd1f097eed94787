"""Resolved facts → RDF triples. Pure: yields triples, mints IRIs only through :mod:`kg.resolve.ids`.

Modelling (see README, "Graph model"):

* entity: ``rdf:type kg:<Class>``, ``rdfs:label`` canonical name, ``skos:altLabel`` other surfaces
  (in the entities graph, merged); in each document's graph what that document says of it
  (``kg:mentionedIn``, ``kg:entityKey``, ``kg:typeInDocument``, ``kg:nameInDocument``, its surfaces);
* relation: the direct triple plus an ``rdf:Statement`` node (IRI from s, p, o) with ``kg:evidence``;
* post: ``kg:holdsPostIn`` plus an ``org:Membership`` (member, organization, ``org:role``, ``kg:asOf``);
* evidence: ``kg:Evidence`` with document, sentence, offsets into the cleaned body, rule;
* figure: ``kg:Observation`` with indicator, value, unit, period, about, evidence;
* press conference: ``kg:Question`` ``kg:askedBy`` an outlet, ``kg:Answer`` ``kg:spokenBy`` an official
  and ``kg:answers`` the question before it.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from datetime import datetime
from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.facts import Entity, Evidence, Extraction
from kg.ingest.document import Document
from kg.rdf.namespace import ENTITY_CLASSES, KG, PREDICATES, TermCache
from kg.resolve import Resolved, hierarchy_edges
from kg.resolve.ids import document_iri, entity_iri, node_iri

# rdflib's namespaces make a term anew at each use, and the builder uses them a triple at a time: made once here
DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, KG = map(TermCache, (DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, KG))

__all__ = ["document_triples", "contribution_triples", "entity_triples", "fact_triples", "hierarchy_triples",
           "located_in_triples",
           "turn_triples", "document_quads", "entities_graph_iri"]

Triple = tuple[URIRef, URIRef, object]
Quad = tuple[URIRef, URIRef, object, URIRef]



def decimal_text(value) -> str:
    """An xsd:decimal lexical form, exact: 412060000000, 16.1 (never 412060000000.00006 or 4.1206E+11)."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text

def entities_graph_iri(base: str) -> URIRef:
    return URIRef(f"{base}graph/entities")


# rdflib's Literal constructor is slow (it checks and casts its value) and a document's triples repeat the same
# offsets, rule names, keys, names and sentences: the builder makes each literal once (literals are immutable).
# Bounded: the recurring values are few, and a long build must not keep every sentence it met.
LITERAL_CACHE = 8192


@lru_cache(maxsize=LITERAL_CACHE, typed=True)  # typed: Literal(True) is not Literal(1)
def _literal(value, datatype: URIRef | None = None) -> Literal:
    """``Literal(value, datatype=datatype)``, made once per value."""
    return Literal(value, datatype=datatype)


@lru_cache(maxsize=LITERAL_CACHE)
def _zh(text: str) -> Literal:
    """A Chinese text literal (``"text"@zh``), made once per text."""
    return Literal(text, lang="zh")


DIVISION_IRI = "urn:gb2260:"  # + the six-digit code: the same IRI for a division whatever the base


def _canonical_time(iso: str) -> str:
    """xsd:dateTime in its canonical form (UTC as Z), as Oxigraph stores it: the same bytes either way."""
    return iso[:-6] + "Z" if iso.endswith("+00:00") else iso


def document_triples(doc: Document, base: str) -> Iterator[Triple]:
    d = document_iri(base, doc.doc_id)
    yield d, RDF.type, KG.Document
    if doc.title:
        yield d, DCTERMS.title, _zh(doc.title)
    if doc.date:
        yield d, DCTERMS.date, Literal(_canonical_time(doc.date.isoformat()), datatype=XSD.dateTime)
    if doc.author:
        yield d, DCTERMS.creator, Literal(doc.author)
    if doc.publisher:
        yield d, DCTERMS.publisher, Literal(doc.publisher)
    for cat in doc.categories:
        yield d, DCTERMS.subject, Literal(cat)
    for key, value in sorted(doc.extra.items()):
        yield d, KG.frontMatter, Literal(f"{key}: {value}")
    yield d, KG.sourcePath, Literal(doc.source)
    yield d, KG.contentHash, Literal(doc.doc_id)
    if doc.file_hash:
        yield d, KG.fileHash, Literal(doc.file_hash)
    yield d, KG.bodyText, Literal(doc.text, lang="zh")  # made once anyway: not kept in _zh's cache
    yield from page_triples(doc, d, base)


def page_triples(doc: Document, d: URIRef, base: str) -> Iterator[Triple]:
    """The printed pages of a PDF: each page's number and the range of the body text it holds."""
    ranges: dict[int, list[int]] = {}
    for para in doc.paragraphs:
        if para.page:
            r = ranges.setdefault(para.page, [para.start, para.end])
            r[0], r[1] = min(r[0], para.start), max(r[1], para.end)
    for number, (start, end) in sorted(ranges.items()):
        page = node_iri(base, "page", d, number)
        yield d, KG.hasPage, page
        yield page, RDF.type, KG.Page
        yield page, KG.pageNumber, _literal(number)
        yield page, KG.startOffset, _literal(start)
        yield page, KG.endOffset, _literal(end)


def contribution_triples(doc_id: str, entities: dict[str, Entity], base: str) -> Iterator[Triple]:
    """What one document says about its entities; :func:`kg.resolve.merge_entities` reads it back."""
    d = document_iri(base, doc_id)
    for key in sorted(entities):
        entity = entities[key]
        e = entity_iri(base, key)
        yield e, KG.mentionedIn, d
        yield e, KG.entityKey, _literal(key)
        yield e, KG.typeInDocument, ENTITY_CLASSES[entity.label]
        yield e, KG.nameInDocument, _zh(entity.name)
        for alias in sorted(entity.aliases - {entity.name}):
            yield e, SKOS.altLabel, _zh(alias)


def entity_triples(entities: dict[str, Entity], base: str, hierarchy: bool = True) -> Iterator[Triple]:
    """The merged entity nodes: core and finer type, canonical label, every other name."""
    for key in sorted(entities):
        entity = entities[key]
        e = entity_iri(base, key)
        yield e, RDF.type, ENTITY_CLASSES[entity.label]
        if entity.fine:
            yield e, RDF.type, getattr(KG, entity.fine)
        yield e, RDFS.label, _zh(entity.name)
        yield e, KG.entityKey, _literal(key)
        for alias in sorted(entity.aliases - {entity.name}):
            yield e, SKOS.altLabel, _zh(alias)
        if entity.code:  # an administrative division's GB/T 2260 code, and an IRI any dataset can mint from it
            yield e, KG.divisionCode, _literal(entity.code)
            yield e, SKOS.exactMatch, URIRef(f"{DIVISION_IRI}{entity.code}")
    if hierarchy:
        yield from hierarchy_triples(entities, base)


def _statement(s, p, o, base: str):
    """The reified statement of ``s p o`` (its node is returned: ``stmt = yield from _statement(...)``)."""
    stmt = node_iri(base, "statement", s, p, o)
    yield stmt, RDF.type, RDF.Statement
    yield stmt, RDF.subject, s
    yield stmt, RDF.predicate, p
    yield stmt, RDF.object, o
    return stmt


def _evidence(ev: Evidence, base: str, owner: URIRef) -> Iterator[Triple]:
    node = node_iri(base, "evidence", owner, ev.doc_id, ev.start, ev.end, ev.rule)
    yield owner, KG.evidence, node
    yield node, RDF.type, KG.Evidence
    yield node, KG.inDocument, document_iri(base, ev.doc_id)
    yield node, KG.sentence, _zh(ev.sentence)
    yield node, KG.startOffset, _literal(ev.start)
    yield node, KG.endOffset, _literal(ev.end)
    if ev.span_start >= 0:
        yield node, KG.spanStart, _literal(ev.span_start)
        yield node, KG.spanEnd, _literal(ev.span_end)
    yield node, KG.extractedBy, _literal(ev.rule)


def fact_triples(ex: Extraction, resolved: Resolved, base: str, date: datetime | None = None,
                 body: str = "") -> Iterator[Triple]:
    links = resolved.links[ex.doc_id]
    for ident in ex.identifiers:
        key = links[ident.mention]
        if not key:
            continue
        e, p, value = entity_iri(base, key), KG[ident.scheme], _literal(ident.value)
        yield e, p, value
        yield from _evidence(ident.evidence, base, (yield from _statement(e, p, value, base)))
    for rel in ex.relations:
        s_key, o_key = links[rel.subject], links[rel.object]
        if not s_key or not o_key or s_key == o_key:
            continue
        s, o, p = entity_iri(base, s_key), entity_iri(base, o_key), PREDICATES[rel.predicate]
        yield s, p, o
        yield from _evidence(rel.evidence, base, (yield from _statement(s, p, o, base)))
        if rel.predicate == "holdsPostIn" and rel.role:
            role = node_iri(base, "role", rel.role)
            yield role, RDF.type, ORG.Role
            yield role, RDFS.label, _zh(rel.role)
            ms = node_iri(base, "membership", s, o, rel.role)
            yield ms, RDF.type, ORG.Membership
            yield ms, ORG.member, s
            yield ms, ORG.organization, o
            yield ms, ORG.role, role
            yield ms, KG.postTitle, _zh(rel.role)
            if date:
                yield ms, KG.asOf, _literal(date.date().isoformat(), datatype=XSD.date)
            yield from _evidence(rel.evidence, base, ms)
    for fig in ex.figures:
        obs = node_iri(base, "observation", ex.doc_id, fig.evidence.start, fig.text, fig.indicator)
        yield obs, RDF.type, KG.Observation
        yield obs, KG.indicator, _zh(fig.indicator)
        yield obs, KG.value, _literal(decimal_text(fig.value), datatype=XSD.decimal)
        yield obs, KG.quantityText, _zh(fig.text)
        if fig.unit:
            yield obs, KG.unit, _literal(fig.unit)
        if fig.period:
            yield obs, KG.period, _zh(fig.period)
        if fig.target:
            yield obs, KG.isTarget, _literal(True)
        if fig.about is not None and links[fig.about]:
            yield obs, KG.about, entity_iri(base, links[fig.about])
        yield obs, PROV.wasDerivedFrom, document_iri(base, ex.doc_id)
        yield from _evidence(fig.evidence, base, obs)
    yield from turn_triples(ex, resolved, base, body)
    yield from mention_triples(ex, resolved, base)


# mentions that are not highlighted on their own: implied (副市长 → 市政府) or inside another name
NESTED_RULES = ("implied_body", "name_prefix", "place_run", "title_issuer")

def mention_triples(ex: Extraction, resolved: Resolved, base: str) -> Iterator[Triple]:
    """Where each entity name occurs: what the article review page highlights."""
    links = resolved.links[ex.doc_id]
    d = document_iri(base, ex.doc_id)
    seen = set()
    for m, key in zip(ex.mentions, links):
        if not key or m.rule in NESTED_RULES or (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        node = node_iri(base, "mention", ex.doc_id, m.start, m.end)
        yield node, RDF.type, KG.Mention
        yield node, KG.inDocument, d
        yield node, KG.startOffset, _literal(m.start)
        yield node, KG.endOffset, _literal(m.end)
        yield node, KG.mentionOf, entity_iri(base, key)
        yield node, KG.extractedBy, _literal(m.rule or "kg_gazetteer")


def turn_triples(ex: Extraction, resolved: Resolved, base: str, body: str) -> Iterator[Triple]:
    """Question and answer nodes of a press conference, linked to outlet, speaker and each other."""
    links = resolved.links[ex.doc_id]
    question = None
    for turn in ex.turns:
        node = node_iri(base, "turn", ex.doc_id, turn.start)
        speaker = links[turn.speaker]
        yield node, RDF.type, KG.Question if turn.kind == "question" else KG.Answer
        yield node, RDF.type, KG.Turn
        yield node, KG.inDocument, document_iri(base, ex.doc_id)
        yield node, KG.startOffset, _literal(turn.start)
        yield node, KG.endOffset, _literal(turn.end)
        yield node, KG.turnText, _zh(body[turn.start:turn.end])
        if speaker:
            yield node, KG.askedBy if turn.kind == "question" else KG.spokenBy, entity_iri(base, speaker)
        if turn.kind == "question":
            question = node
        elif question is not None:
            yield node, KG.answers, question


def located_in_triples(child: str, parent: str, base: str) -> Iterator[Triple]:
    """One gazetteer edge: the direct triple and its statement node."""
    s, o = entity_iri(base, child), entity_iri(base, parent)
    yield s, KG.locatedIn, o
    stmt = yield from _statement(s, KG.locatedIn, o, base)
    yield stmt, KG.extractedBy, _literal("gazetteer")


def hierarchy_triples(entities: dict[str, Entity], base: str) -> Iterator[Triple]:
    """Gazetteer parents, only between districts the graph already has."""
    for child, parent in hierarchy_edges(entities):
        yield from located_in_triples(child, parent, base)


def document_quads(doc: Document, ex: Extraction, resolved: Resolved, base: str) -> Iterator[Quad]:
    """Everything one document contributes, in its own named graph (the document's IRI)."""
    g = document_iri(base, doc.doc_id)
    for s, p, o in document_triples(doc, base):
        yield s, p, o, g
    for s, p, o in fact_triples(ex, resolved, base, doc.date, doc.text):
        yield s, p, o, g
    for s, p, o in contribution_triples(doc.doc_id, resolved.contributions[doc.doc_id], base):
        yield s, p, o, g
