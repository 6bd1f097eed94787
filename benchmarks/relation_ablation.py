"""Ablation of the relation classifier: rules only, rules + classifier (union), union with the classifier
vetoing rule outputs it scores low, and the classifier gating every rule output. Scored end to end (each
article built on its own by ``kg.pipeline.build`` and scored by ``score.py``), per predicate, by k-fold
cross-validation by document on the training corpus and on a held-out folder (dev: never trained on).

    PYTHONPATH=$PWD python benchmarks/relation_ablation.py --train ../shared/eval/train --dev ../shared/eval/dev \\
        --scorer ../shared/eval/score.py [--folds 5] [--seed 0] [--thresholds 0.5]

The texts stay where they are: nothing here copies them into the repository.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

import spacy

from kg.config import Settings
from kg.nlp import make_nlp
from kg.nlp.components.relation_classifier import RelationClassifier
from kg.nlp.relation_pairs import PairFeatures, load_pair_config
from kg.pipeline import build
from kg.schema import PREDICATE_NAMES
from kg.training.corpus import load_corpus, split_folds
from kg.training.relations import fit_model, pair_examples, process

PREDICATES = list(PREDICATE_NAMES)
UNCERTAIN = ["zone_builds", "held_in", "sited_in", "partner_verb", "participate_verb", "subsidiary", "post_list",
             "component_of"]


def modes(thresholds: list[float]) -> dict[str, dict | None]:
    """Mode name → the component's settings (None: rules only): the union at each threshold, and at the
    first one the classifier vetoing the uncertain rules' outputs, or every rule's, that it scores below 0.1."""
    out: dict[str, dict | None] = {"rules": None}
    for t in thresholds:
        out[f"union@{t}"] = {"threshold": t, "veto_rules": [], "veto_threshold": 0.0}
    out["shipped"] = dict(load_pair_config()["component"])  # patterns/relation_model.yml
    t = thresholds[0]
    out[f"union+veto@{t}"] = {"threshold": t, "veto_rules": UNCERTAIN, "veto_threshold": 0.1}
    out[f"gate@{t}"] = {"threshold": t, "veto_rules": ["*"], "veto_threshold": 0.1}
    return out


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.score


def _save(model, folder: Path, config: dict) -> None:
    component = RelationClassifier(spacy.blank("zh"), **config)
    component.model = model
    component.to_disk(folder)


def score_docs(docs, settings: Settings, score) -> dict[str, Counter]:
    """Build each document alone with ``settings``; relation TP/FP/FN per predicate."""
    out = {p: Counter() for p in PREDICATES + ["all"]}
    for gdoc in docs:
        with tempfile.TemporaryDirectory() as tmp:
            build([gdoc.path], tmp, settings, html=False)
            res = score(f"{tmp}/graph.ttl", gdoc.gold)
        fn = Counter(line.split()[3] for line in res["errors"] if line.startswith("FN  relation:"))
        fp = Counter(line.split()[3] for line in res["errors"] if line.startswith("FP  relation:"))
        required = Counter(r["p"] for r in gdoc.gold.get("relations", []) if not r.get("optional"))
        for p in PREDICATES:
            out[p].update({"tp": required[p] - fn[p], "fp": fp[p], "fn": fn[p]})
        out["all"].update({k: res["relations"][k] for k in ("tp", "fp", "fn")})
    return out


def f1(c: Counter) -> str:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return f"{(2 * p * r / (p + r) if p + r else 0.0):.3f} ({c['tp']}/{c['fp']}/{c['fn']})"


def table(title: str, results: dict[str, dict[str, Counter]]) -> str:
    head = f"| {title} | " + " | ".join(PREDICATES + ["all"]) + " |"
    rule = "|" + "---|" * (len(PREDICATES) + 2)
    rows = [f"| {mode} | " + " | ".join(f1(res[p]) for p in PREDICATES + ["all"]) + " |" for mode, res in results.items()]
    return "\n".join([head, rule, *rows])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, nargs="+", required=True, help="gold corpora (folders or files)")
    ap.add_argument("--dev", type=Path, default=None)
    ap.add_argument("--scorer", type=Path, required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.5])
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--modes", nargs="*", default=None, help="only these modes (rules, union@0.5, shipped, ...)")
    ap.add_argument("--extra", nargs="*", default=[], metavar="NAME=JSON",
                    help='more modes: a name and the component settings, e.g. low=\'{"threshold": 0.3}\'')
    a = ap.parse_args(argv)
    score = _scorer(a.scorer)
    started = time.perf_counter()
    train = load_corpus(a.train)
    nlp = make_nlp(Settings(relation_model=""))  # the candidates as kg build meets them (its NER included)
    featurizer = PairFeatures()
    examples = {g.doc_id: pair_examples(g, d, featurizer) for g, d in zip(train, process(nlp, train))}
    all_modes = {k: v for k, v in modes(a.thresholds).items() if a.modes is None or k in a.modes}
    for extra in a.extra:
        name, _, config = extra.partition("=")
        all_modes[name] = json.loads(config)
    with tempfile.TemporaryDirectory() as models:
        def run(train_docs, held_docs, tag) -> dict[str, dict[str, Counter]]:
            model = fit_model([ex for d in train_docs for ex in examples[d.doc_id]], a.seed)
            results = {}
            for mode, config in all_modes.items():
                if config is None:
                    settings = Settings(relation_model="")
                else:
                    folder = Path(models) / tag / mode
                    _save(model, folder, config)
                    settings = Settings(relation_model=str(folder))
                results[mode] = score_docs(held_docs, settings, score)
            return results

        if not a.no_cv:
            cv: dict[str, dict[str, Counter]] = {}
            for i, (tr, held) in enumerate(split_folds(train, a.folds, a.seed)):
                for mode, res in run(tr, held, f"fold{i}").items():
                    acc = cv.setdefault(mode, {p: Counter() for p in PREDICATES + ["all"]})
                    for p, c in res.items():
                        acc[p].update(c)
            print(f"### {a.folds}-fold cross-validation by document, {len(train)} training articles "
                  "(F1, TP/FP/FN)\n")
            print(table("mode", cv) + "\n")
        if a.dev is not None:
            dev = load_corpus([a.dev])
            print(f"### Dev ({len(dev)} articles, model trained on all {len(train)} training articles)\n")
            print(table("mode", run(train, dev, "dev")) + "\n")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
