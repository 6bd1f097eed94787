"""Ablation of kg's entity finding: which of rules, LAC and the trained CRF (``kg_trained_ner``) to run.

    PYTHONPATH=$PWD python benchmarks/ablation.py TRAIN_CORPUS [--dev DEV] [--folds 5] [--seed 13]
        [--configs rules lac trained_rules trained_lac trained_lac_join] [--json OUT]

For each configuration: k-fold cross-validation by document on the training corpus (a model trained on
k-1 folds scores the held-out articles through the whole pipeline) and, with ``--dev``, the scores on the
dev articles of a model trained on the whole training corpus (dev is never trained on). Prints per-type
P/R/F1 tables and a summary line per configuration; the results are recorded in ``benchmarks/ner.md``.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from kg.config import Settings
from kg.training.corpus import load_corpus
from kg.training.crossval import cross_validate, score_documents, table
from kg.training.model import train_model

# name → (pipeline settings, trained?, training options)
CONFIGS = {
    "rules": (Settings(ner="rules", model=None), False, {}),
    "lac": (Settings(ner="lac", model=None), False, {}),
    "trained_rules": (Settings(ner="rules", model=None), True, {}),
    "trained_lac": (Settings(ner="lac", model=None), True, {}),
    "trained_lac_join": (Settings(ner="lac", model=None), True, {"mode": "join"}),
    "trained_lac_optional_O": (Settings(ner="lac", model=None), True, {"optional": "outside"}),
}


def run(name: str, train_docs, dev_docs, folds: int, seed: int) -> dict:
    import dataclasses

    settings, trained, options = CONFIGS[name]
    out = {}
    started = time.perf_counter()
    if trained:
        out["cv"] = cross_validate(train_docs, folds, seed, settings, **options)
    else:
        out["cv"] = score_documents(train_docs, settings).summary()
    out["cv_seconds"] = round(time.perf_counter() - started, 1)
    if dev_docs:
        with tempfile.TemporaryDirectory() as tmp:
            dev_settings = settings
            if trained:
                model = train_model(train_docs, Path(tmp) / "m", seed, settings, relations=False, **options)
                dev_settings = dataclasses.replace(settings, model=model)
            out["dev"] = score_documents(dev_docs, dev_settings).summary()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", nargs="+", type=Path)
    ap.add_argument("--dev", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--configs", nargs="*", default=["rules", "lac", "trained_rules", "trained_lac"])
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args(argv)
    train_docs = load_corpus(a.train)
    dev_docs = load_corpus([a.dev]) if a.dev else []
    results = {}
    for name in a.configs:
        results[name] = r = run(name, train_docs, dev_docs, a.folds, a.seed)
        for part in ("cv", "dev"):
            if part in r:
                print(f"== {name} / {part}", file=sys.stderr)
                print(table(r[part]), file=sys.stderr)
        line = f"{name:<24} cv entity_f1={r['cv']['entities']['f1']:.3f} relation_f1={r['cv']['relations']['f1']:.3f}"
        if "dev" in r:
            line += f"  dev entity_f1={r['dev']['entities']['f1']:.3f} relation_f1={r['dev']['relations']['f1']:.3f}"
        print(line, flush=True)
        if a.json:
            a.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
