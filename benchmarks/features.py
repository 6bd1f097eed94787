"""Compare feature groups of the trained NER (``kg.training.ner.naming_features``) by 5-fold cross-validation.

    PYTHONPATH=$PWD python benchmarks/features.py ../shared/eval/train --extra training/gold --work /tmp/feat \
        --groups base ahead+verb+shape [--settings '{"new_thresholds": {"INITIATIVE": 0.8}}'] [--jobs 2]

The pipeline's inputs of every article (LAC's words, the rules' candidates) are computed once and cached in WORK;
per feature-group set (``base``: none) the fold CRFs are trained on the other folds plus ``--extra`` (never held
out) into ``WORK/GROUPS/foldK`` when missing, and the held-out articles are built with kg's whole pipeline (the
packaged ``cfg.json`` with ``--settings`` laid over it; no relation classifier) and scored by kg.evaluate.
Prints one line per set: entity F1 and per type F1 (FP, FN); writes the entity error lines (article, kg.evaluate's
line) to ``WORK/errors_GROUPS.txt``. Results: ``benchmarks/ner.md``.
"""
from __future__ import annotations

import argparse
import json
import pickle
import shutil
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

from kg.config import DEFAULT_MODEL, Settings
from kg.nlp.components.trained_ner import CONFIG_FILE, MODEL_FILE
from kg.training import ner
from kg.training.corpus import load_corpus, split_folds

K, SEED = 5, 13


def _inputs(a) -> dict:
    cache = a.work / "inputs.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    docs = load_corpus([a.train]) + (load_corpus(a.extra) if a.extra else [])
    found = {str(d.path): i for d, i in zip(docs, ner.pipeline_inputs(docs, Settings(model=None)))}
    cache.write_bytes(pickle.dumps(found))
    return found


def _fold(job) -> tuple[Counter, list[str]]:
    from kg.evaluate import evaluate
    from kg.pipeline import build

    a, groups, i = job
    ner.FEATURE_GROUPS = () if groups == "base" else tuple(groups.split("+"))
    train, extra, inputs = load_corpus([a.train]), load_corpus(a.extra) if a.extra else [], _inputs(a)
    rest, held = split_folds(train, K, SEED)[i]
    folder = a.work / groups / f"fold{i}"
    crf = folder / "ner" / MODEL_FILE
    if not crf.exists():
        docs = rest + extra
        ner.fit(ner.training_sequences(docs, [inputs[str(d.path)] for d in docs]), crf)
    cfg = {**json.loads((DEFAULT_MODEL / "ner" / CONFIG_FILE).read_text(encoding="utf-8")), **json.loads(a.settings)}
    run = a.work / "runs" / groups / f"fold{i}"
    (run / "ner").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(crf, run / "ner" / MODEL_FILE)
    (run / "ner" / CONFIG_FILE).write_text(json.dumps(cfg), encoding="utf-8")
    counts, errors = Counter(), []
    for gold in held:
        score = evaluate(build([gold.path], None, Settings(model=run, relation_model=""), html=False).graph,
                         gold.gold)
        for t, d in score.types.items():
            counts.update({(t, k): d[k] for k in ("tp", "fp", "fn")})
        errors += [f"{gold.doc_id}\t{e}" for e in score.errors if "relation" not in e and "figure" not in e]
    return counts, errors


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("--extra", nargs="*", type=Path, default=[])
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--groups", nargs="+", default=["base", "+".join(ner.FEATURE_GROUPS)])
    ap.add_argument("--settings", default="{}", help="JSON object laid over the packaged cfg.json")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    _inputs(a)
    for groups in a.groups:
        with Pool(a.jobs) as pool:
            results = pool.map(_fold, [(a, groups, i) for i in range(K)])
        total, errors = Counter(), []
        for counts, errs in results:
            total.update(counts)
            errors += errs
        (a.work / f"errors_{groups}.txt").write_text("\n".join(errors) + "\n", encoding="utf-8")
        types = sorted({t for t, _ in total})
        all_ = [sum(total[(t, k)] for t in types) for k in ("tp", "fp", "fn")]
        print(f"{groups}\tentities {_f1(*all_):.4f}\t" + " ".join(
            f"{t}={_f1(*(total[(t, k)] for k in ('tp', 'fp', 'fn'))):.3f} (fp {total[(t, 'fp')]} fn {total[(t, 'fn')]})"
            for t in types), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
