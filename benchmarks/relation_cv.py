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
every FP and FN relation line with its document. ``--diagnose`` (with ``--classifier``) runs each held-out article a
second time, without the classifier, and adds to every FN the relation step owns where its ends stand and what the
classifier made of them: ``below=P`` (a candidate pair of the two ends, its best probability P under the threshold),
``kept=P`` (over it, but the pair was not added: another rule or constraint), ``no_pair`` (both ends in one sentence,
no candidate: a type pair the table does not allow, or further apart than ``max_gap``), ``sentences=N`` (the nearest
mentions of the two ends N sentences apart), ``no_mention=S|O|SO`` (no mention resolves to that end).
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


def diagnoses(nlp, gdoc) -> dict[tuple[str, str, str], str]:
    """(gold subject, predicate, gold object) → where the two ends stand and the classifier's best probability for
    them (see the module's docstring), for every gold relation of ``gdoc`` (``nlp``: the fold's pipeline)."""
    import re

    from kg.nlp.spans import text_of
    from kg.training.relations import _gold_of, gold_name_index, process, resolved_gold

    classifier = nlp.get_pipe("kg_relation_classifier")
    with nlp.select_pipes(disable=["kg_relation_classifier"]):
        doc = process(nlp, [gdoc])[0]
    index = gold_name_index(gdoc)
    resolved = resolved_gold(gdoc, doc, index)
    sentences = [m.span() for m in re.finditer(r"[^。！？\n]+", text_of(doc))]
    starts = [a for a, _ in sentences]

    def sentence_of(pos: int) -> int:
        import bisect
        return bisect.bisect_right(starts, pos) - 1

    where: dict[str, set[int]] = {}
    for ent in doc.ents:
        g = _gold_of(ent, index, resolved)
        if g is not None:
            where.setdefault(g.name, set()).add(sentence_of(ent.start_char))
    best: dict[tuple[str, str, str], float] = {}
    for pair, prob in classifier.scored_pairs(doc):
        gs, go = _gold_of(pair.subject, index, resolved), _gold_of(pair.object, index, resolved)
        if gs is None or go is None:
            continue
        for key in ((gs.name, pair.predicate, go.name), (go.name, pair.predicate, gs.name)) \
                if pair.predicate == "partnerOf" else ((gs.name, pair.predicate, go.name),):
            best[key] = max(best.get(key, 0.0), prob)
    out = {}
    for rel in gdoc.relations:
        key = (rel.subject, rel.predicate, rel.object)
        if key in best:
            threshold = classifier.thresholds.get(rel.predicate, classifier.threshold)
            out[key] = f"{'below' if best[key] < threshold else 'kept'}={best[key]:.2f}"
            continue
        s_at, o_at = where.get(rel.subject, set()), where.get(rel.object, set())
        if not s_at or not o_at:
            out[key] = "no_mention=" + ("S" if not s_at else "") + ("O" if not o_at else "")
            continue
        apart = min(abs(a - b) for a in s_at for b in o_at)
        out[key] = "no_pair" if apart == 0 else f"sentences={apart}"
    return out


def score_fold(held, settings, counts, entity_counts, error_lines, nlp=None) -> None:
    from kg.evaluate import evaluate
    from kg.pipeline import build

    for gdoc in held:
        score = evaluate(build([gdoc.path], None, settings, html=False).graph, gdoc.gold)
        diagnosed = diagnoses(nlp, gdoc) if nlp is not None else {}
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
            note = diagnosed.get((s, p, o), "") if kind == "fn_relation" else ""
            error_lines.append(f"{gdoc.doc_id}\t{kind}\t{s}\t{p}\t{o}" + (f"\t{note}" if note else ""))


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
    ap.add_argument("--diagnose", action="store_true",
                    help="with --classifier: say for each FN the relation step owns where its ends stand (slower)")
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
                fold_settings = Settings(model=root, relation_model=str(folder))
                nlp = make_nlp(fold_settings) if a.diagnose and j == 0 else None
                score_fold(held, fold_settings, counts[j], entities[j], errors[j], nlp)
    mode = "rules + fold classifier" if a.classifier else "rules"
    print(f"{a.folds}-fold CV ({len(train)} held out, {len(extra)} always in training), {mode}:")
    for j, over in enumerate(settings_list):
        print(f"\n{json.dumps(over, ensure_ascii=False) if a.classifier else ''}\n")
        print(table(counts[j], entities[j]))
    print(f"({time.perf_counter() - started:.0f} s)")
    if a.errors:
        a.errors.write_text("\n".join(errors[0]) + "\n", encoding="utf-8")
    if a.diagnose:
        notes = Counter((line.split("\t")[3], line.split("\t")[5].split("=")[0]) for line in errors[0]
                        if line.split("\t")[1] == "fn_relation" and len(line.split("\t")) > 5)
        print("\nFN the relation step owns, by where the ends stand:")
        for (p, note), n in sorted(notes.items()):
            print(f"  {p:15s} {note:12s} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
