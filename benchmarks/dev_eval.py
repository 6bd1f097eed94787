"""Score kg on a folder of real articles with gold annotations (the layout of ``shared/eval/dev``:
``docs/*.md`` and ``gold/*.json``), each article built on its own, as a user would build it.

    python benchmarks/dev_eval.py ../shared/eval/dev [--scorer ../shared/eval/score.py] [--verbose] [--ner lac|rules]

Prints one line per article and the micro totals (entities per type, relations by predicate). The
texts stay where they are: nothing here copies them into the repository.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.config import Settings
from kg.pipeline import build

TYPES = ["Agency", "District", "Enterprise", "Initiative", "Person", "MediaOutlet"]


def load_scorer_module(path: Path):
    """The scoring script at ``path`` (``shared/eval/score.py``) imported as a module."""
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def articles(folder: Path, only=None):
    """(document path, gold annotation) for each article of ``folder`` (``docs/*.md`` + ``gold/*.json``)."""
    for doc_path in sorted((folder / "docs").glob("*.md")):
        if only and doc_path.stem not in only:
            continue
        yield doc_path, json.loads((folder / "gold" / f"{doc_path.stem}.json").read_text(encoding="utf-8"))


def build_alone(doc_path: Path, settings: Settings, score):
    """Build ``doc_path`` on its own (as a user would) into a temporary folder and return ``score(graph, ...)``'s
    result: ``score`` receives the path of the built ``graph.ttl``."""
    with tempfile.TemporaryDirectory() as out:
        build([doc_path], out, settings, html=False)
        return score(f"{out}/graph.ttl")


def _scorer(path: Path | None):
    if path is None:
        from kg.evaluate import evaluate

        def score(graph_file, gold):
            from rdflib import Graph
            s = evaluate(Graph().parse(graph_file), gold)
            return {"types": s.types, "entities": s.entities, "relations": s.relations, "errors": s.errors}
        return score
    return load_scorer_module(path).score


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--scorer", type=Path, default=None, help="score.py to use (default: kg.evaluate)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only", nargs="*", default=None, help="article stems to run (d01 d02 ...)")
    ap.add_argument("--ner", default=None, help="NER mode (default: the pipeline's default)")
    ap.add_argument("--model", default=None, help="a `kg train` model folder, 'default' for the packaged one, or 'none' for LAC + rules alone")
    ap.add_argument("--relation-model", default=None,
                    help='relation classifier folder ("": the rules alone; default: the packaged model)')
    ap.add_argument("--json", type=Path, default=None, help="write the per-article scores here")
    a = ap.parse_args(argv)
    score = _scorer(a.scorer)
    settings = Settings() if a.ner is None else Settings(ner=a.ner)
    if a.model:
        from dataclasses import replace

        from kg.config import DEFAULT_MODEL
        model = {"default": DEFAULT_MODEL, "none": None}.get(a.model, Path(a.model))
        settings = replace(settings, model=model)
    if a.relation_model is not None:
        settings = dataclasses.replace(settings, relation_model=a.relation_model)
    tot = {t: Counter() for t in TYPES + ["ENTITIES", "RELATIONS"]}
    per = {}
    started = time.perf_counter()
    for doc_path, gold in articles(a.folder, a.only):
        res = build_alone(doc_path, settings, lambda graph: score(graph, gold))
        for t in TYPES:
            tot[t].update({k: res["types"][t][k] for k in ("tp", "fp", "fn")})
        tot["ENTITIES"].update({k: res["entities"][k] for k in ("tp", "fp", "fn")})
        tot["RELATIONS"].update({k: res["relations"][k] for k in ("tp", "fp", "fn")})
        per[doc_path.stem] = {"entity_f1": res["entities"]["f1"], "relation_f1": res["relations"]["f1"]}
        print(f"{doc_path.stem}  entity_f1={res['entities']['f1']:.3f}  relation_f1={res['relations']['f1']:.3f}")
        if a.verbose:
            for line in res["errors"]:
                print("    " + line)
    print(f"{'micro':<12}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}")
    for t, c in tot.items():
        p, r, f = _prf(c["tp"], c["fp"], c["fn"])
        print(f"{t:<12}{p:>7.3f}{r:>7.3f}{f:>7.3f}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}")
    print(f"time {time.perf_counter() - started:.1f} s")
    if a.json:
        a.json.write_text(json.dumps({"articles": per, "micro": {t: dict(c) for t, c in tot.items()}}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
