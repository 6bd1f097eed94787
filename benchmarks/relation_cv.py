"""Relation errors in cross-validation, per predicate, with the misses sorted by cause.

    PYTHONPATH=$PWD python benchmarks/relation_cv.py ../shared/eval/train --extra training/gold \
        --folds-dir /tmp/folds [--classifier] [--errors /tmp/relation_errors.txt] [--ner-settings '{...}']

Fold k's CRF is the one of ``benchmarks/arbitration.py`` (trained once into ``FOLDS_DIR/foldK`` on the other
folds plus ``--extra``, which is never held out), with the packaged NER settings (``--ner-settings`` lays a JSON
object over them), so a change to the relation step is measured without retraining the NER. ``--classifier`` also trains each fold's relation classifier on
that fold's training articles (candidates from the fold's own pipeline), as ``kg train`` would, so the figures
are those of the shipped pipeline (rules + classifier); without it, the rules alone.

Every held-out article is built on its own and scored (``kg.evaluate``, the scorer's rules). A missed gold
relation is an *entity* miss when one of its ends is itself a missed (or mistyped) gold entity, else the
relation step owns it. Prints a table of P/R/F1 per predicate and the split of the misses; ``--errors`` writes
every FP and FN relation line with its document.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from arbitration import fold_arguments, fold_feature_groups, fold_models, model_folder  # noqa: E402

from kg.config import DEFAULT_MODEL, Settings  # noqa: E402
from kg.nlp.components.trained_ner import CONFIG_FILE  # noqa: E402
from kg.schema import PREDICATE_NAMES  # noqa: E402
from kg.training.corpus import load_corpus, split_folds  # noqa: E402

PREDICATES = list(PREDICATE_NAMES)


def _relation_parts(line: str) -> tuple[str, str, str]:
    """「FN  relation: S P O」 → (S, P, O); names may hold spaces, predicates do not."""
    body = line.split("relation: ", 1)[1]
    for p in PREDICATES:
        mark = f" {p} "
        if mark in body:
            s, o = body.split(mark, 1)
            return s, p, o
    return body, "?", ""


def score_fold(held, settings, counts, entity_counts, error_lines) -> None:
    from kg.evaluate import evaluate
    from kg.pipeline import build

    for gdoc in held:
        score = evaluate(build([gdoc.path], None, settings, html=False).graph, gdoc.gold)
        entity_counts.update({k: score.entities[k] for k in ("tp", "fp", "fn")})
        missed = {line.split(": ", 1)[1] for line in score.errors if line.startswith("FN  ") and "relation" not in line
                  and "figure" not in line}
        missed |= {line.split(" ", 1)[1].split(": ", 1)[0] for line in score.errors if line.startswith("TYPE ")}
        required = Counter(r["p"] for r in gdoc.gold.get("relations", []) if not r.get("optional"))
        for p, n in required.items():
            counts[p]["gold"] += n
        for line in score.errors:
            if "relation: " not in line:
                continue
            s, p, o = _relation_parts(line)
            if line.startswith("FP"):
                counts[p]["fp"] += 1
                kind = "fp"
            else:
                kind = "fn_entity" if s in missed or o in missed else "fn_relation"
                counts[p][kind] += 1
            error_lines.append(f"{gdoc.doc_id}\t{kind}\t{s}\t{p}\t{o}")


def table(counts: dict[str, Counter], entities: Counter) -> str:
    rows = ["| predicate | P | R | F1 | TP | FP | FN | FN entity | FN relation |", "|---|---|---|---|---|---|---|---|---|"]
    total = Counter()
    for p in [*PREDICATES, "all"]:
        c = total if p == "all" else counts[p]
        if p != "all":
            total.update(c)
        fn = c["fn_entity"] + c["fn_relation"]
        tp = c["gold"] - fn
        prec = tp / (tp + c["fp"]) if tp + c["fp"] else 0.0
        rec = tp / c["gold"] if c["gold"] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append(f"| {p} | {prec:.3f} | {rec:.3f} | {f1:.3f} | {tp} | {c['fp']} | {fn} | {c['fn_entity']} | "
                    f"{c['fn_relation']} |")
    tp, fp, fn = entities["tp"], entities["fp"], entities["fn"]
    ent_f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    rows.append(f"\nentity F1 {ent_f1:.3f} ({tp}/{fp}/{fn})")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = fold_arguments(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    ap.add_argument("--classifier", action="store_true", help="train and use each fold's relation classifier")
    ap.add_argument("--component", nargs="*", default=["{}"],
                    help="JSON objects laid over the classifier's packaged settings: one table each")
    ap.add_argument("--errors", type=Path, default=None, help="write the FP/FN relation lines here")
    ap.add_argument("--ner-settings", default="{}",
                    help="JSON object laid over the packaged NER cfg.json (as benchmarks/arbitration.py --settings)")
    a = ap.parse_args(argv)
    started = time.perf_counter()
    train = load_corpus([a.train])
    extra = load_corpus(a.extra) if a.extra else []
    folds = fold_models(train, extra, a.folds_dir, a.folds, a.seed)
    splits = split_folds(list(train), a.folds, a.seed)
    cfg = {**json.loads((DEFAULT_MODEL / "ner" / CONFIG_FILE).read_text(encoding="utf-8")),
           **fold_feature_groups(a.folds_dir), **json.loads(a.ner_settings)}
    settings_list = [json.loads(c) for c in a.component] if a.classifier else [{}]
    counts = [{p: Counter() for p in PREDICATES} for _ in settings_list]
    entities = [Counter() for _ in settings_list]
    errors: list[list[str]] = [[] for _ in settings_list]
    with tempfile.TemporaryDirectory() as tmp:
        for i, ((crf, held), (rest, _)) in enumerate(zip(folds, splits)):
            root = model_folder(Path(tmp) / f"fold{i}", crf, cfg)
            settings = Settings(model=root, relation_model="")
            if not a.classifier:
                score_fold(held, settings, counts[0], entities[0], errors[0])
                continue
            from kg.nlp import make_nlp
            from kg.training.relations import train_relations

            trained = Path(tmp) / f"relations{i}"
            train_relations([*rest, *extra], trained, a.seed, nlp=make_nlp(settings), folds=0)
            conf = json.loads((trained / "config.json").read_text())
            for j, over in enumerate(settings_list):
                folder = Path(tmp) / f"fold{i}-{j}" / "relations"
                shutil.copytree(trained, folder)
                (folder / "config.json").write_text(json.dumps({**conf, **over}))
                score_fold(held, Settings(model=root, relation_model=str(folder)), counts[j], entities[j], errors[j])
    mode = "rules + fold classifier" if a.classifier else "rules"
    print(f"{a.folds}-fold CV ({len(train)} held out, {len(extra)} always in training), {mode}:")
    for j, over in enumerate(settings_list):
        print(f"\n{json.dumps(over, ensure_ascii=False) if a.classifier else ''}\n")
        print(table(counts[j], entities[j]))
    print(f"({time.perf_counter() - started:.0f} s)")
    if a.errors:
        a.errors.write_text("\n".join(errors[0]) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
