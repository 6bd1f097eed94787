"""KgStore: documents in, one atomic SPARQL update each; queries and exports out.

Layout: one named graph per article, the merged entities in ``{base}graph/entities``, the source paths
in ``{base}graph/sources``, and the default graph holding the set union of the article and entities
graphs, kept in step by every update. Queries read the default graph: Oxigraph's union-of-named-graphs
view repeats a triple once per graph that has it, so a fact stated by k articles would join k^n times."""
from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from kg.config import DEFAULT_BASE_IRI, base_iri_problem, checked_base_iri
from kg.rdf.union import META_GRAPH, reads_union  # noqa: F401  (reads_union re-exported)
from kg.errors import BaseIriError, KgError
from kg.facts import Entity
from kg.language.lexicon import Lexicon, load_lexicon
from kg.rdf.builder import entities_graph_iri, entity_triples, located_in_triples
from kg.rdf.namespace import ENTITY_CLASSES, KG, KG_NS, sparql_file
from kg.rdf.serialize import nt_term as _nt
from kg.resolve import ChangeSet, EntityTally, MergeState, document_iri, entity_iri, merge_entities, plan_merge, stored_entity
from kg.store.inferred import inferred_graph_iri, refresh_update
from kg.store.lock import StoreLock

__all__ = ["KgStore", "store_graph", "reads_union", "FAULT_ENV"]

_SPARQL = Path(__file__).parent / "sparql"
FLUSH_EVERY = 100  # commits between flushes: bounds memory (measured: ~470 MB flat vs +350 MB per 1,000 articles)
FAULT_ENV = "KG_FAULT_AFTER_COMMITS"  # testing: crash (os._exit) right after this many commits
_CLASS_LABEL = {str(cls): label for label, cls in ENTITY_CLASSES.items()}
_SKOS_ALT = str(SKOS.altLabel)


def _data(quads: Iterable[tuple], verb: str = "INSERT") -> str:
    """``INSERT DATA`` (or ``DELETE DATA``) of rdflib ``(s, p, o[, g])`` tuples, one block per graph (written
    as N-Triples lines: a document's commit is mostly this text, so it is kept short and quick to parse)."""
    by_graph: dict = defaultdict(list)
    for q in quads:
        s, p, o = q[:3]
        by_graph[q[3] if len(q) > 3 else None].append(f"{_nt(s)} {_nt(p)} {_nt(o)} .")
    blocks = ["\n".join(lines) if g is None else f"GRAPH {_nt(g)} {{\n" + "\n".join(lines) + "\n}"
              for g, lines in by_graph.items()]
    return f"{verb} DATA {{\n" + "\n".join(blocks) + "\n}" if blocks else ""


META_NODE = META_GRAPH  # the store's description of itself: urn:kg:store in urn:kg:store
FORMAT_VERSION = 2  # 1: no metadata graph (read as the default base, upgraded when written)


class KgStore:
    """A kg store in ``folder``, or in memory when ``folder`` is None (what a build without ``--store``
    writes into). Use as a context manager; writers of a folder hold an exclusive lock."""

    def __init__(self, folder: str | Path | None = None, write: bool = False, base: str | None = None,
                 lexicon: Lexicon | None = None, wait: float | None = None, infer: bool = False):
        self.folder = Path(folder) if folder is not None else None
        self.write = write or folder is None
        self.lex = lexicon or load_lexicon()
        if self.folder is None:
            self._lock = None
            self.store = ox.Store()
        else:
            self._open_folder(wait)
        # entailments refreshed by the last writer and untouched since (the first commit after clears the mark)
        fresh = self.metadata().get("inferred") == "current"
        try:
            base = self._check_metadata(base, infer)
        except KgError:
            del self.store
            if self._lock is not None:
                self._lock.release()
            raise
        self.rebase(base)
        self.infer = self.metadata().get("infer") == "true"
        self._inferred_at: int | None = 0 if fresh else None  # the commit count at the last refresh
        self.commits = 0
        self.default_graph_is_data = False  # True for a graph file read into memory (see quads())
        # what merging needs of the store: read once per writer session (we hold the lock), then replaced
        # by the state after each commit
        self._merge: MergeState | None = None
        self.union = reads_union(self.store)
        if write and self.union:
            self._fill_default_graph()

    def rebase(self, base: str) -> None:
        """Read the graph as minted under ``base`` (a graph file's own base, found in its document IRIs)."""
        self.base = base
        self.entities_graph = ox.NamedNode(str(entities_graph_iri(base)))
        self.sources_graph = ox.NamedNode(f"{base}graph/sources")
        # --infer: the RDFS entailments, refreshed once per writer session (see kg.store.inferred)
        self.inferred_graph = ox.NamedNode(inferred_graph_iri(base))

    # -- what the store says of itself ---------------------------------------------------
    def metadata(self) -> dict[str, str]:
        """What the store records of itself (base IRI, format version, the kg that last wrote it)."""
        return {q.predicate.value.rsplit("#", 1)[-1]: q.object.value
                for q in self.store.quads_for_pattern(META_NODE, None, None, META_GRAPH)}

    def _check_metadata(self, base: str | None, infer: bool = False) -> str:
        """The base IRI to use: the one recorded (a conflicting ``base`` is an error), else ``base`` or the
        default. A writer records it, with the format version and its kg version (and ``infer``: once asked
        for, a store keeps its entailments)."""
        from kg import __version__

        recorded = self.metadata()
        if int(recorded.get("formatVersion", "1")) > FORMAT_VERSION:
            raise KgError(f"{self.name}: the store was written by a newer kg (format {recorded['formatVersion']}, "
                          f"this kg reads up to {FORMAT_VERSION}); upgrade kg to use it")
        if base is not None and recorded.get("baseIri", base) != base:
            raise KgError(f"{self.name}: the store's IRIs start with {recorded['baseIri']}; --base-iri {base} "
                          "would mint other ones (leave --base-iri out, or use another store)")
        problem = recorded.get("baseIri") and base_iri_problem(recorded["baseIri"])
        if problem:
            raise BaseIriError(f"{self.name}: the store's saved base IRI {recorded['baseIri']!r} is unusable "
                               f"({problem}); build a new store with a valid --base-iri")
        base = checked_base_iri(recorded.get("baseIri") or base or DEFAULT_BASE_IRI)  # before it is recorded
        wanted = {"baseIri": base, "formatVersion": str(FORMAT_VERSION), "kgVersion": __version__}
        if infer or recorded.get("infer") == "true":
            wanted["infer"] = "true"
            if "inferred" in recorded:
                wanted["inferred"] = recorded["inferred"]
        if self.write and recorded != wanted:
            if self.store.contains_named_graph(META_GRAPH):
                self.store.remove_graph(META_GRAPH)
            self.store.extend(ox.Quad(META_NODE, ox.NamedNode(KG_NS + k), ox.Literal(v), META_GRAPH)
                              for k, v in wanted.items())
        return base

    def _open_folder(self, wait: float | None) -> None:
        if not self.write and not (self.folder / "CURRENT").exists():
            raise KgError(f"{self.folder}: no kg store here (create one with `kg build ... --store {self.folder}`)")
        # a reader waits for a writer to finish its run (KG_STORE_WAIT seconds, 30 by default); a second
        # writer is refused at once
        if wait is None:
            wait = 0.0 if self.write else float(os.environ.get("KG_STORE_WAIT", "30"))
        self._lock = StoreLock(self.folder, exclusive=self.write).acquire(wait)
        try:
            self.store = ox.Store(str(self.folder)) if self.write else ox.Store.read_only(str(self.folder))
        except OSError as err:
            self._lock.release()
            raise KgError(f"{self.folder}: cannot open the store ({err})") from err

    @property
    def is_open(self) -> bool:
        return hasattr(self, "store")

    @property
    def name(self) -> str:
        """How messages name the store."""
        return str(self.folder) if self.folder is not None else "the in-memory store"

    def __enter__(self) -> "KgStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Flush and unlock a folder store (an in-memory store stays readable until dropped)."""
        if self._lock is None:
            return
        if self.write:
            self.refresh_inferred()
            self.store.flush()
        del self.store
        self._lock.release()

    # -- reading ---------------------------------------------------------------------
    def query(self, sparql: str, prefixes: dict[str, str] | None = None):
        """Run SPARQL over the default graph (the union of the article and entities graphs, each triple once);
        ``prefixes`` are known to the parser without being written in the query."""
        return self.store.query(sparql, use_default_graph_as_union=self.union, prefixes=prefixes)


    def select(self, sparql: str, cell=lambda term: None if term is None else term.value) -> tuple[list[str], list[list]]:
        """A SELECT's column names and rows, each term turned into a cell by ``cell`` (CSV, Parquet, reports)."""
        result = self.query(sparql)
        columns = [v.value for v in result.variables]
        return columns, [[cell(row[c]) for c in columns] for row in result]

    def documents(self) -> dict[str, list[str]]:
        """doc id → source paths (a reprint from another path adds a source, not a document)."""
        out: dict[str, list[str]] = defaultdict(list)
        source_path = ox.NamedNode(KG_NS + "sourcePath")
        quads = list(self.store.quads_for_pattern(None, source_path, None, self.sources_graph))
        if not quads and self.folder is None:  # a graph file loaded for reading: no registry graph
            quads = self.store.quads_for_pattern(None, source_path, None, ox.DefaultGraph() if not self.union else None)
        for q in quads:
            out[q.subject.value.rsplit("/", 1)[-1]].append(q.object.value)
        return {k: sorted(v) for k, v in sorted(out.items())}

    def document_triples(self, doc_id: str) -> Iterator[ox.Triple]:
        """One article as a build of it alone writes it: its graph, and its entities merged from what it
        says alone (so scoring it equals scoring that build). A graph without article graphs (a Turtle
        file) gives the nearest it can: the entities the article mentions with their merged names and
        types, and the relations and figures whose evidence lies in it."""
        d = ox.NamedNode(str(document_iri(self.base, doc_id)))
        if not self.store.contains_named_graph(d):
            query = sparql_file(_SPARQL / "document_view.rq").replace("$DOC", str(d))
            yield from self.query(query)
            return
        yield from (q.triple for q in self.store.quads_for_pattern(None, None, None, d))
        merged = merge_entities([self._contributions_of(doc_id)], self.lex)
        lines = "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in entity_triples(merged, self.base))
        yield from ox.parse(lines.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)

    def doc_for_source(self, source: str) -> str | None:
        for doc_id, sources in self.documents().items():
            if source in sources:
                return doc_id
        return None

    def find_document(self, ref: str) -> str:
        """The document ``ref`` names: its content id, a source path as stored or as a path to the same
        file (named as a build from the current folder names it, see :mod:`kg.ingest.source_name`), or a
        file name only one document's source ends with."""
        docs = self.documents()
        if ref in docs:
            return ref
        if (doc_id := self.doc_for_source(ref)) is not None:
            return doc_id
        if Path(ref).is_file():  # a path to a file names its article as a build from here names it
            from kg.ingest.source_name import source_name

            if (doc_id := self.doc_for_source(source_name(ref))) is not None:
                return doc_id
        wanted = Path(ref).expanduser().resolve()
        named = []
        for doc_id, sources in docs.items():
            for source in sources:
                if "://" not in source and Path(source).expanduser().resolve() == wanted:
                    return doc_id
                if source.replace("\\", "/").rsplit("/", 1)[-1] == Path(ref).name:
                    named.append(doc_id)
        if len(set(named)) == 1:
            return named[0]
        if named:
            raise KgError(f"{ref}: {len(set(named))} documents have a source of that name; give the content id "
                          f"({', '.join(sorted(set(named)))})")
        raise KgError(f"{ref}: no such document in {self.name} (give a content id or a source path; "
                      f"`kg query ... 'SELECT ?d ?p {{ ?d kg:sourcePath ?p }}'` lists them)")

    def quads(self, include_registry: bool = True) -> Iterator[ox.Quad]:
        """The graph as quads: every named graph (the sources registry only if ``include_registry``), never
        the store's description of itself (``urn:kg:store``). The default graph of a store kg keeps only
        repeats the named graphs and is left out; that of a graph file (``default_graph_is_data``: its
        triples, for Turtle) is part of the graph."""
        for q in self.store.quads_for_pattern(None, None, None, None):
            g = q.graph_name
            if isinstance(g, ox.DefaultGraph):
                if self.default_graph_is_data:
                    yield q
            elif g != META_GRAPH and (include_registry or g != self.sources_graph):
                yield q

    def triples(self) -> Iterator[ox.Triple]:
        """The union of the article and entities graphs, each triple once."""
        if self.union:
            merged = ox.Store()
            merged.extend(ox.Quad(q.subject, q.predicate, q.object) for q in self.quads(include_registry=False))
            yield from (q.triple for q in merged)
        else:
            yield from (q.triple for q in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def ntriples(self) -> bytes:
        """:meth:`triples` as N-Triples, in no particular order: written by Oxigraph from its default graph
        (the union, in a store kg keeps), no Python object made per triple."""
        if self.union:
            return ox.serialize(self.triples(), format=ox.RdfFormat.N_TRIPLES)
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())

    def __len__(self) -> int:
        """Triples in the union graph."""
        return int(next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)

    # -- writing ----------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        """True if ``doc_id`` is a stored document's id; False for any other text (a source path with a space
        or a control character is no IRI, and so no id)."""
        try:  # Oxigraph checks the IRI (rdflib's URIRef would log a warning about it)
            graph = ox.NamedNode(f"{self.base}doc/{doc_id}")  # document_iri's form
        except ValueError:
            return False
        return self.store.contains_named_graph(graph)

    def add_source(self, doc_id: str, source: str) -> None:
        """Record another source of an already stored document (a reprint): in the registry, and in the
        document's graph (and the default graph repeating it), so the exported graph names every path."""
        d = URIRef(str(document_iri(self.base, doc_id)))
        fact = (d, KG.sourcePath, Literal(source))
        self._update(_data([fact + (URIRef(self.sources_graph.value),), fact + (d,), fact]))

    def put_document(self, doc_id: str, source: str, quads: list[tuple], contribution: dict[str, Entity],
                     replaces: str | None = None) -> None:
        """Add a document's graph (replacing the document ``replaces``), re-merge the entities it touches,
        record its source; all in one atomic update."""
        drop = replaces if replaces and replaces != doc_id else None
        old = self._contributions_of(drop) if drop else {}
        d = URIRef(str(document_iri(self.base, doc_id)))
        registry = (d, KG.sourcePath, Literal(source), URIRef(self.sources_graph.value))
        if self.folder is None and not drop:
            # in memory, where no crash can leave half a commit: N-Quads through Oxigraph's loader (several
            # times quicker than parsing an update), then the merge
            lines = [f"{_nt(s)} {_nt(p)} {_nt(o)}" for s, p, o, _g in quads]
            graph = f" {_nt(d)} .\n"
            data = graph.join(lines) + graph + " .\n".join(lines) + " .\n" + " ".join(map(_nt, registry)) + " .\n"
            self._commit([], added=contribution, removed=old, load=data.encode("utf-8"))
            return
        parts = [self._drop_document(drop) if drop else "", _data(quads + [registry]), f"ADD {d.n3()} TO DEFAULT"]
        self._commit(parts, added=contribution, removed=old)

    def remove_document(self, doc_id: str) -> None:
        if not self.has_document(doc_id):
            raise KgError(f"no document {doc_id} in {self.name}")
        self._commit([self._drop_document(doc_id)], added={}, removed=self._contributions_of(doc_id))

    def _commit(self, parts: list[str], added: dict[str, Entity], removed: dict[str, Entity],
                load: bytes | None = None) -> None:
        """Run ``parts`` and the change set of the entities ``added``/``removed`` touch (planned by
        :func:`kg.resolve.plan_merge`) as one update; the session's merge state follows only if it commits.
        ``load``: N-Quads loaded just before the update (in-memory stores only)."""
        state = self._merge_state(set(added) | set(removed))
        change, after = plan_merge(state, added, removed, self.lex)
        if load is not None:
            self.store.load(load, format=ox.RdfFormat.N_QUADS)
        if self.infer and self._inferred_at == self.commits:  # the entailments stop being current with it
            parts = parts + [_data([self._inferred_mark()], verb="DELETE")]
        self._update(";\n".join(p for p in parts + [self._apply(change)] if p))
        self._merge = after

    def _inferred_mark(self) -> tuple:
        return URIRef(META_NODE.value), URIRef(KG_NS + "inferred"), Literal("current"), URIRef(META_GRAPH.value)

    def refresh_inferred(self) -> None:
        """Recompute the RDFS entailments from the asserted triples if anything was committed since they were
        (one atomic update; a store with ``infer`` does it when a writer closes, or earlier when asked, e.g.
        before a build writes its outputs), and mark them current in the store's metadata."""
        if self.infer and self._inferred_at != self.commits:
            mark = _data([self._inferred_mark()])
            change = refresh_update(self.store, self.inferred_graph, (self.sources_graph, META_GRAPH))
            self.store.update(";\n".join(part for part in (change, mark) if part))
            self._inferred_at = self.commits

    def _update(self, update: str) -> None:
        self.store.update(update)
        self.commits += 1
        if self.commits % FLUSH_EVERY == 0:
            self.store.flush()  # RocksDB's write buffers otherwise grow the writer's memory with the store
        limit = os.environ.get(FAULT_ENV)
        if limit and self.commits >= int(limit):
            os._exit(137)  # fault injection: die like a SIGKILL right after this commit

    def _drop_document(self, doc_id: str) -> str:
        d = ox.NamedNode(str(document_iri(self.base, doc_id)))
        return (f"{self._unshared(f'GRAPH {d} {{ ?s ?p ?o }}', other_than=d)} ;\n"
                f"DROP SILENT GRAPH {d} ;\n"
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
            if pred not in wanted or not isinstance(q.graph_name, ox.NamedNode) or \
                    q.graph_name in (self.entities_graph, self.inferred_graph):
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
            out[doc_id][key] = stored_entity(key, _CLASS_LABEL[f[KG_NS + "typeInDocument"]], f[KG_NS + "nameInDocument"],
                                             self.lex, aliases=f["aliases"], doc_id=doc_id)
        return out

    def _merge_state(self, keys: set[str]) -> MergeState:
        """The merge state, with the tally of every key in ``keys`` (read from the store the first time a key
        is seen, through the subject index)."""
        if self._merge is None:
            self._merge = MergeState.of_districts(self._stored_districts())
        tallies = self._merge.tallies
        missing = {str(entity_iri(self.base, k)): k for k in keys if k not in tallies}
        for key in missing.values():
            tallies[key] = EntityTally(key)
        if missing:
            for entities in self._read_contributions(entities=missing).values():
                for key, entity in entities.items():
                    if key in missing.values():
                        tallies[key].add(entity)
        return self._merge

    def _apply(self, change: ChangeSet) -> str:
        """The update that writes ``change`` into the entities graph and the default graph."""
        E, g = self.entities_graph, URIRef(self.entities_graph.value)
        parts = []
        values = " ".join(f"<{entity_iri(self.base, k)}>" for k in sorted(change.keys))
        if values:
            parts.append(f"DELETE {{ GRAPH {E} {{ ?e ?p ?o }} }} WHERE {{ VALUES ?e {{ {values} }} GRAPH {E} {{ ?e ?p ?o }} }}")
        removed = [(s, p, o, g) for edge in change.edges_lost for s, p, o in located_in_triples(*edge, self.base)]
        parts.append(_data(removed, verb="DELETE"))
        # the default graph loses what no graph states any more, then gains the new nodes
        subjects = values + "".join(sorted({f" {s.n3()}" for s, _p, _o, _g in removed}))
        if subjects:
            parts.append(self._unshared(f"VALUES ?s {{ {subjects} }} ?s ?p ?o"))
        triples = [*entity_triples(change.merged, self.base, hierarchy=False),
                   *(t for edge in change.edges_gained for t in located_in_triples(*edge, self.base))]
        parts.append(_data([(s, p, o, g) for s, p, o in triples] + triples))
        return ";\n".join(p for p in parts if p)

    def _unshared(self, pattern: str, other_than: ox.NamedNode | None = None) -> str:
        """The update deleting from the default graph the triples ``pattern`` binds (?s ?p ?o) that no
        article or entities graph (other than ``other_than``) states."""
        others = f"?g != {self.sources_graph}" + (f" && ?g != {other_than}" if other_than else "")
        return (f"DELETE {{ ?s ?p ?o }} WHERE {{ {pattern} "
                f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({others}) }} }}")

    def _fill_default_graph(self) -> None:
        """Upgrade a store built before the default graph held the union (one atomic update)."""
        graphs = [g for g in self.store.named_graphs() if g not in (self.sources_graph, META_GRAPH)]
        self._update(" ;\n".join(f"ADD {g} TO DEFAULT" for g in graphs))
        self.union = False

    def _stored_districts(self) -> dict[str, Entity]:
        """The merged districts of the store."""
        districts = {}
        for row in self.query(sparql_file(_SPARQL / "stored_districts.rq").replace("$ENTITIES", self.entities_graph.value)):
            key = row["key"].value
            districts[key] = stored_entity(key, "DISTRICT", row["name"].value, self.lex)
        return districts

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
        if not self.union:
            union = {str(q.triple) for q in self.quads(include_registry=False)}
            default = {str(q.triple) for q in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
            problems += [f"missing from the default graph: {t}" for t in sorted(union - default)[:20]]
            problems += [f"stale in the default graph: {t}" for t in sorted(default - union)[:20]]
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

    triples = (q.triple for q in store.quads(include_registry=True)) if include_registry else store.triples()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    graph = bind_prefixes(new_graph(), store.base)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph
