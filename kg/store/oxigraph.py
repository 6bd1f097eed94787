"""KgStore: documents in, one atomic SPARQL update each; queries and exports out."""
from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.config import DEFAULT_BASE_IRI
from kg.errors import KgError
from kg.facts import Entity
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.rdf.builder import entities_graph_iri, entity_triples, hierarchy_triples
from kg.rdf.namespace import ENTITY_CLASSES, KG, KG_NS
from kg.resolve.ids import document_iri, entity_iri
from kg.resolve.kinds import division_by_key
from kg.resolve.linker import merge_entities
from kg.store.lock import StoreLock

__all__ = ["KgStore", "store_graph", "FAULT_ENV"]

FAULT_ENV = "KG_FAULT_AFTER_COMMITS"  # testing: crash (os._exit) right after this many commits
_CLASS_LABEL = {str(cls): label for label, cls in ENTITY_CLASSES.items()}
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _nq(s, p, o, g) -> str:
    return f"GRAPH {g.n3()} {{ {s.n3()} {p.n3()} {o.n3()} }}"


def _data(quads: Iterable[tuple]) -> str:
    body = " .\n".join(_nq(*q) for q in quads)
    return f"INSERT DATA {{\n{body}\n}}" if body else ""


class KgStore:
    """A kg store in ``folder``. Use as a context manager; writers hold an exclusive lock."""

    def __init__(self, folder: str | Path, write: bool = False, base: str = DEFAULT_BASE_IRI,
                 lexicon: Lexicon | None = None):
        self.folder = Path(folder)
        self.write = write
        self.base = base
        self.lex = lexicon or load_lexicon()
        if not write and not (self.folder / "CURRENT").exists():
            raise KgError(f"{self.folder}: no kg store here (create one with `kg build ... --store {self.folder}`)")
        self._lock = StoreLock(self.folder, exclusive=write).acquire()
        try:
            self.store = ox.Store(str(self.folder)) if write else ox.Store.read_only(str(self.folder))
        except OSError as err:
            self._lock.release()
            raise KgError(f"{self.folder}: cannot open the store ({err})") from err
        self.entities_graph = ox.NamedNode(str(entities_graph_iri(base)))
        self.sources_graph = ox.NamedNode(f"{base}graph/sources")
        self.commits = 0
        # entity IRI → doc id → what that document says: read once per writer session (we hold the lock)
        self._contrib: dict[str, dict[str, Entity]] = {}

    def __enter__(self) -> "KgStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.write:
            self.store.flush()
        del self.store
        self._lock.release()

    # -- reading ---------------------------------------------------------------------
    def query(self, sparql: str):
        return self.store.query(sparql, use_default_graph_as_union=True)

    def documents(self) -> dict[str, list[str]]:
        """doc id → source paths (a reprint from another path adds a source, not a document)."""
        out: dict[str, list[str]] = defaultdict(list)
        for q in self.store.quads_for_pattern(None, ox.NamedNode(KG_NS + "sourcePath"), None, self.sources_graph):
            out[q.subject.value.rsplit("/", 1)[-1]].append(q.object.value)
        return {k: sorted(v) for k, v in sorted(out.items())}

    def doc_for_source(self, source: str) -> str | None:
        for doc_id, sources in self.documents().items():
            if source in sources:
                return doc_id
        return None

    def quads(self, include_registry: bool = True) -> Iterator[ox.Quad]:
        for q in self.store.quads_for_pattern(None, None, None, None):
            if include_registry or q.graph_name != self.sources_graph:
                yield q

    def __len__(self) -> int:
        return len(self.store)

    # -- writing ----------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.store.contains_named_graph(ox.NamedNode(str(document_iri(self.base, doc_id))))

    def add_source(self, doc_id: str, source: str) -> None:
        """Record another source of an already stored document (a reprint)."""
        d = URIRef(str(document_iri(self.base, doc_id)))
        self._update(_data([(d, KG.sourcePath, Literal(source), URIRef(self.sources_graph.value))]))

    def put_document(self, doc_id: str, source: str, quads: list[tuple], contribution: dict[str, Entity],
                     replaces: str | None = None) -> None:
        """Add a document's graph (replacing the document ``replaces``), re-merge the entities it touches,
        record its source; all in one atomic update."""
        touched = set(contribution)
        parts = []
        if replaces and replaces != doc_id:
            old = self._contributions_of(replaces)
            touched |= set(old)
            parts.append(self._drop_document(replaces))
        d = URIRef(str(document_iri(self.base, doc_id)))
        parts.append(_data(quads + [(d, KG.sourcePath, Literal(source), URIRef(self.sources_graph.value))]))
        without = {replaces} if replaces else set()
        parts.append(self._remerge(touched, extra={doc_id: contribution}, without=without))
        self._update(";\n".join(p for p in parts if p))
        self._remember(touched, extra={doc_id: contribution}, without=without)

    def remove_document(self, doc_id: str) -> None:
        if not self.has_document(doc_id):
            raise KgError(f"no document {doc_id} in {self.folder}")
        touched = set(self._contributions_of(doc_id))
        self._update(";\n".join(p for p in (self._drop_document(doc_id),
                                            self._remerge(touched, extra={}, without={doc_id})) if p))
        self._remember(touched, extra={}, without={doc_id})

    def _update(self, update: str) -> None:
        self.store.update(update)
        self.commits += 1
        limit = os.environ.get(FAULT_ENV)
        if limit and self.commits >= int(limit):
            os._exit(137)  # fault injection: die like a SIGKILL right after this commit

    def _drop_document(self, doc_id: str) -> str:
        d = ox.NamedNode(str(document_iri(self.base, doc_id)))
        return (f"DROP SILENT GRAPH {d} ;\n"
                f"DELETE WHERE {{ GRAPH {self.sources_graph} {{ {d} <{KG_NS}sourcePath> ?source }} }}")

    # -- merging entities --------------------------------------------------------------
    def _contributions_of(self, doc_id: str) -> dict[str, Entity]:
        g = ox.NamedNode(str(document_iri(self.base, doc_id)))
        return self._read_contributions(graphs=[g]).get(doc_id, {})

    def _read_contributions(self, graphs=None, entities: Iterable[str] = ()) -> dict[str, dict[str, Entity]]:
        """doc id → key → what that document says about the entity. Read through the store's indexes:
        by subject for the given entity IRIs, by graph for the given graphs, else everything."""
        wanted = {KG_NS + "entityKey", KG_NS + "typeInDocument", KG_NS + "nameInDocument", _SKOS_ALT}
        if entities:
            quads = (q for e in entities for q in self.store.quads_for_pattern(ox.NamedNode(e), None, None, None))
        elif graphs:
            quads = (q for g in graphs for q in self.store.quads_for_pattern(None, None, None, g))
        else:
            quads = self.store.quads_for_pattern(None, None, None, None)
        facts: dict[tuple[str, str], dict] = defaultdict(lambda: {"aliases": set()})
        for q in quads:
            pred = q.predicate.value
            if pred not in wanted or not isinstance(q.graph_name, ox.NamedNode) or q.graph_name == self.entities_graph:
                continue
            f = facts[(q.graph_name.value, q.subject.value)]
            if pred == _SKOS_ALT:
                f["aliases"].add(q.object.value)
            else:
                f[pred] = q.object.value
        out: dict[str, dict[str, Entity]] = defaultdict(dict)
        for (graph, _subject), f in facts.items():
            key = f.get(KG_NS + "entityKey")
            if key is None:
                continue
            doc_id = graph.rsplit("/", 1)[-1]
            div = division_by_key(key, self.lex)
            out[doc_id][key] = Entity(key, _CLASS_LABEL[f[KG_NS + "typeInDocument"]], f[KG_NS + "nameInDocument"],
                                      aliases=f["aliases"], docs={doc_id}, parent=div.parent if div else "")
        return out

    def _remerge(self, keys: set[str], extra: dict[str, dict[str, Entity]], without: set[str]) -> str:
        """The update that rewrites the merged nodes of ``keys`` and the gazetteer hierarchy."""
        iris = {str(entity_iri(self.base, k)) for k in keys}
        per_doc: dict[str, dict[str, Entity]] = defaultdict(dict)
        for iri, docs in self._known(iris).items():
            for doc_id, entity in docs.items():
                if doc_id not in without and doc_id not in extra:
                    per_doc[doc_id][entity.key] = entity
        contributions = list(per_doc.values()) + list(extra.values())
        merged = {k: e for k, e in merge_entities(contributions, self.lex).items() if k in keys}
        E = self.entities_graph
        values = " ".join(f"<{i}>" for i in sorted(iris))
        parts = []
        if values:
            parts.append(f"DELETE {{ GRAPH {E} {{ ?e ?p ?o }} }} WHERE {{ VALUES ?e {{ {values} }} GRAPH {E} {{ ?e ?p ?o }} }}")
        # the gazetteer hierarchy between districts is rebuilt from all districts after the change
        parts.append(f"""DELETE {{ GRAPH {E} {{ ?s <{KG_NS}locatedIn> ?o . ?st ?p ?x }} }} WHERE {{
              GRAPH {E} {{ ?st <{KG_NS}extractedBy> "gazetteer" ; ?p ?x .
                          ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
                              <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o }} }}""")
        districts = self._stored_districts(exclude=iris)
        districts.update({k: e for k, e in merged.items() if e.label == "DISTRICT"})
        g = URIRef(E.value)
        quads = [(s, p, o, g) for s, p, o in entity_triples(merged, self.base, hierarchy=False)]
        quads += [(s, p, o, g) for s, p, o in hierarchy_triples(districts, self.base)]
        parts.append(_data(quads))
        return ";\n".join(p for p in parts if p)

    def _known(self, iris: set[str]) -> dict[str, dict[str, Entity]]:
        """What every stored document says about these entities (cached for this writer session)."""
        missing = [i for i in iris if i not in self._contrib]
        if missing:
            for i in missing:
                self._contrib[i] = {}
            for doc_id, entities in self._read_contributions(entities=missing).items():
                for key, entity in entities.items():
                    self._contrib[str(entity_iri(self.base, key))][doc_id] = entity
        return {i: self._contrib[i] for i in iris}

    def _remember(self, keys: set[str], extra: dict[str, dict[str, Entity]], without: set[str]) -> None:
        """Bring the cache in line with a committed change."""
        for key in keys:
            docs = self._contrib.get(str(entity_iri(self.base, key)))
            if docs is None:
                continue
            for doc_id in without:
                docs.pop(doc_id, None)
            for doc_id, entities in extra.items():
                if key in entities:
                    docs[doc_id] = entities[key]

    def _stored_districts(self, exclude: set[str]) -> dict[str, Entity]:
        sparql = f"""PREFIX kg: <{KG_NS}>
            SELECT ?e ?key ?name WHERE {{ GRAPH {self.entities_graph} {{
              ?e a kg:District ; kg:entityKey ?key ; <{_RDFS_LABEL}> ?name }} }}"""
        out = {}
        for row in self.store.query(sparql):
            if row["e"].value in exclude:
                continue
            key = row["key"].value
            div = division_by_key(key, self.lex)
            out[key] = Entity(key, "DISTRICT", row["name"].value, parent=div.parent if div else "")
        return out

    # -- checks ------------------------------------------------------------------------
    def verify(self) -> list[str]:
        """Problems found when the merged entities are recomputed from every document (empty: consistent)."""
        contributions = self._read_contributions()
        merged = merge_entities(contributions.values(), self.lex)
        want = {(str(s), str(p), o.n3()) for s, p, o in entity_triples(merged, self.base)}
        have = {(q.subject.value, q.predicate.value, _n3(q.object))
                for q in self.store.quads_for_pattern(None, None, None, self.entities_graph)}
        problems = [f"missing from the entities graph: {t}" for t in sorted(want - have)[:20]]
        problems += [f"stale in the entities graph: {t}" for t in sorted(have - want)[:20]]
        docs = set(self.documents())
        graphs = {g.value.rsplit("/", 1)[-1] for g in self.store.named_graphs()
                  if g.value.startswith(f"{self.base}doc/")}
        if docs != graphs:
            problems.append(f"registry and document graphs differ: {sorted(docs ^ graphs)}")
        return problems


def _n3(term) -> str:
    if isinstance(term, ox.Literal):
        lit = Literal(term.value, lang=term.language) if term.language else Literal(
            term.value, datatype=URIRef(term.datatype.value) if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string" else None)
        return lit.n3()
    return f"<{term.value}>"



def store_graph(store: KgStore, include_registry: bool = False):
    """The union of the store's graphs as an rdflib Graph (for Turtle export, viz, validation, eval)."""
    from kg.rdf.namespace import bind_prefixes
    from kg.rdf.store import new_graph

    data = ox.serialize((q.triple for q in store.quads(include_registry)), format=ox.RdfFormat.N_TRIPLES)
    graph = bind_prefixes(new_graph(), store.base)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph
