"""Score a graph against a gold annotation (the format of ``tests/fixtures/gold/*.json``).

The graph is read the way a SPARQL user would read it: an entity is a node typed with one
of the six entity classes (by local name), named by its ``rdfs:label``/``skos:prefLabel``/
``skos:altLabel``; a relation is a triple whose predicate's local name is one of the six
relations, between two entities; a figure is an ``Observation`` with ``value`` and
``indicator``. Names match after NFKC without quotes, book-title marks, middle dots and
spaces. Optional gold items are neither rewarded nor penalised.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from pathlib import Path

from kg.schema import CLASS_NAMES, PREDICATE_NAMES, RELATION_TYPES
from kg.resolve.normalize import norm

__all__ = ["Score", "evaluate", "micro", "evaluate_document", "evaluate_corpus", "has_gold_article", "TYPES", "RELATIONS"]

TYPES = list(CLASS_NAMES)
RELATIONS = list(PREDICATE_NAMES)
SYMMETRIC = {r.name for r in RELATION_TYPES if r.symmetric}


def _local(iri) -> str:
    return re.split(r"[#/:]", str(iri))[-1]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


@dataclass
class Score:
    types: dict[str, dict]
    entities: dict
    relations: dict
    figures: dict | None
    errors: list[str] = field(default_factory=list)

    def headline(self) -> str:
        line = f"entity_f1={self.entities['f1']:.3f} relation_f1={self.relations['f1']:.3f}"
        if self.figures:
            line += f" figure_recall={self.figures['recall']:.3f}"
        return line

    def table(self) -> str:
        rows = [f"{'type':<12}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
        for name, d in [*self.types.items(), ("ENTITIES", self.entities), ("RELATIONS", self.relations)]:
            rows.append(f"{name:<12}{d['p']:>7.3f}{d['r']:>7.3f}{d['f1']:>7.3f}{d['tp']:>5}{d['fp']:>5}{d['fn']:>5}")
        if self.figures:
            f = self.figures
            rows.append(f"FIGURES     found {f['found']} of {f['gold']} gold figures among {f['observations']} observations")
        return "\n".join(rows)


def _read(graph: Graph):
    types: dict = defaultdict(set)
    for s, o in graph.subject_objects(RDF.type):
        if _local(o) in TYPES:
            types[s].add(_local(o))
    labels = {s: _labels(graph, s) for s in types}
    rels = {(s, _local(p), o) for s, p, o in graph
            if isinstance(p, URIRef) and _local(p) in RELATIONS and s in types and o in types}
    figures = []
    for obs in {s for s, o in graph.subject_objects(RDF.type) if _local(o) == "Observation"}:
        props = defaultdict(list)
        for p, o in graph.predicate_objects(obs):
            props[_local(p)].append(o)
        figures.append((props["value"], " ".join(str(i) for i in props["indicator"])))
    return types, labels, rels, figures


def _labels(graph: Graph, node) -> list[str]:
    """A node's names in a fixed order: its preferred names (``rdfs:label``, ``skos:prefLabel``) first, then its
    other names (``skos:altLabel``), each group in code-point order. Where two names point at different gold
    entities the preferred name wins; the order never depends on set iteration (``PYTHONHASHSEED``)."""
    preferred = sorted({str(o) for p in (RDFS.label, SKOS.prefLabel) for o in graph.objects(node, p)})
    other = sorted({str(o) for o in graph.objects(node, SKOS.altLabel)} - set(preferred))
    return preferred + other


def _number(v) -> float | None:
    try:
        return float(v.toPython() if hasattr(v, "toPython") else v)
    except (TypeError, ValueError):
        return None


def evaluate(graph: Graph, gold: dict) -> Score:
    types, labels, rels, figures = _read(graph)
    annotated = set(gold.get("annotates", TYPES))
    index = {}
    for ge in gold["entities"]:
        for form in [ge["name"], *ge.get("aliases", [])]:
            index.setdefault(norm(form), ge)
    node_gold = {}
    for node in types:
        hits = [index[norm(label)] for label in labels[node] if norm(label) in index]
        if hits:  # the gold entity most of its names point at; ties: the one its preferred name points at
            node_gold[node] = max(hits, key=lambda ge: sum(h is ge for h in hits))
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    errors, credited = [], set()
    for node in sorted(types, key=str):
        ts = types[node] & annotated
        if not ts:
            continue
        ge = node_gold.get(node)
        name = max(labels[node], key=len) if labels[node] else str(node)
        if ge is None:
            for t in ts:
                fp[t] += 1
            errors.append(f"FP  {'/'.join(sorted(ts))}: {name}")
            continue
        if ge.get("optional"):
            continue
        ok = {ge["type"], *ge.get("alt_types", [])}
        if ts & ok:
            if ge["name"] in credited:
                fp[ge["type"]] += 1
                errors.append(f"DUP {ge['type']}: {name} (same entity as another node)")
            else:
                credited.add(ge["name"])
                tp[ge["type"]] += 1
            for t in sorted(ts - ok):
                fp[t] += 1
                errors.append(f"TYPE {name}: also typed {t}, gold {ge['type']}")
        else:
            for t in ts:
                fp[t] += 1
            errors.append(f"TYPE {name}: got {'/'.join(sorted(ts))}, gold {ge['type']}")
    for ge in gold["entities"]:
        if not ge.get("optional") and ge["type"] in annotated and ge["name"] not in credited:
            fn[ge["type"]] += 1
            errors.append(f"FN  {ge['type']}: {ge['name']}")
    gold_rels = {}
    for gr in gold.get("relations", []):
        for p in [gr["p"], *gr.get("alt_p", [])]:
            gold_rels[(gr["s"], p, gr["o"])] = gr
            if p in SYMMETRIC:
                gold_rels[(gr["o"], p, gr["s"])] = gr
    rtp = rfp = 0
    rel_credited = set()
    for s, p, o in sorted(rels, key=str):
        gs, go = node_gold.get(s), node_gold.get(o)
        gr = gold_rels.get((gs["name"], p, go["name"])) if gs and go else None
        if gr is None and ((gs and gs.get("optional")) or (go and go.get("optional"))):
            continue
        if gr is None:
            rfp += 1
            sn = gs["name"] if gs else max(labels[s], key=len)
            on = go["name"] if go else max(labels[o], key=len)
            errors.append(f"FP  relation: {sn} {p} {on}")
        elif not gr.get("optional") and id(gr) not in rel_credited:
            rel_credited.add(id(gr))
            rtp += 1
    rfn = 0
    for gr in gold.get("relations", []):
        if not gr.get("optional") and id(gr) not in rel_credited:
            rfn += 1
            errors.append(f"FN  relation: {gr['s']} {gr['p']} {gr['o']}")
    fig = None
    if gold.get("figures"):
        hit = 0
        for gf in gold["figures"]:
            want = float(gf["value"])
            ok_values = {want, want / 100} if gf.get("percent") else {want}
            found = any(norm(gf["indicator"]) in norm(ind) and any(
                n is not None and any(abs(n - w) <= 1e-6 * max(1.0, abs(w)) for w in ok_values)
                for n in map(_number, values)) for values, ind in figures)
            hit += found
            if not found:
                errors.append(f"FN  figure: {gf['indicator']} = {gf['value']}")
        fig = {"recall": hit / len(gold["figures"]), "found": hit, "gold": len(gold["figures"]),
               "observations": len(figures)}
    per_type = {t: _prf(tp[t], fp[t], fn[t]) for t in TYPES}
    totals = [sum(d[t] for t in annotated) for d in (tp, fp, fn)]
    return Score(per_type, _prf(*totals), _prf(rtp, rfp, rfn), fig, errors)


def micro(scores) -> Score:
    """The micro totals of several articles' scores (counts added up, then P/R/F1)."""
    scores = list(scores)
    total = lambda ds, k: sum(d[k] for d in ds)  # noqa: E731
    types = {t: _prf(*(total([s.types[t] for s in scores], k) for k in ("tp", "fp", "fn"))) for t in TYPES}
    entities = _prf(*(total([s.entities for s in scores], k) for k in ("tp", "fp", "fn")))
    relations = _prf(*(total([s.relations for s in scores], k) for k in ("tp", "fp", "fn")))
    figs = [s.figures for s in scores if s.figures]
    figures = None
    if figs:
        found, gold = total(figs, "found"), total(figs, "gold")
        figures = {"recall": found / gold if gold else 0.0, "found": found, "gold": gold,
                   "observations": total(figs, "observations")}
    return Score(types, entities, relations, figures, [e for s in scores for e in s.errors])


def evaluate_document(store, gold: dict, ref: str) -> Score:
    """Score one article of a multi-article store or graph file (``ref``: its content id or source path)
    as if it had been built alone (see :meth:`kg.store.KgStore.document_triples`)."""
    import pyoxigraph as ox

    doc_id = store.find_document(ref)
    data = ox.serialize(store.document_triples(doc_id), format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return evaluate(graph, gold)


def has_gold_article(store, gold: dict) -> bool | None:
    """Whether ``store`` holds a document whose source has the file name of the gold's article (``"doc"``);
    None when the gold names none."""
    name = Path(str(gold.get("doc") or "")).name if isinstance(gold, dict) else ""
    if not name:
        return None
    return any(source.replace("\\", "/").rsplit("/", 1)[-1].split("#", 1)[0] == name
               for sources in store.documents().values() for source in sources)


def evaluate_corpus(store, gold_dir: str | Path) -> tuple[list[tuple[str, Score | None]], Score]:
    """Score every article of ``gold_dir`` (gold JSON files, searched recursively, each naming its
    document in ``"doc"``) against the store: one ``(gold file, score)`` per file (``None``: the article
    is not in the store, its gold counted as missed), and the micro totals."""
    import json

    from kg.errors import KgError

    rows, scores = [], []
    for path in sorted(Path(gold_dir).rglob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(gold, dict) or "entities" not in gold:
            continue
        try:
            score = evaluate_document(store, gold, Path(gold.get("doc", path.stem + ".md")).name)
        except KgError:
            score = None
        rows.append((str(path), score))
        scores.append(score if score is not None else evaluate(Graph(), gold))
    return rows, micro(scores)
