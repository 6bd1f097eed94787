"""Compare arbitration settings of ``kg_trained_ner`` without retraining: k-fold cross-validation with fold CRFs
trained once, and the bundled sample with the packaged CRF.

    PYTHONPATH=$PWD python benchmarks/arbitration.py TRAIN_CORPUS --extra training/gold --folds-dir /tmp/folds \
        --settings '[{}, {"new_thresholds": {"INITIATIVE": 1.01}}]' [--sample-gold GOLD.json]

Each setting is a JSON object laid over the packaged model's ``ner/cfg.json`` (keys of
:class:`kg.nlp.components.trained_ner.TrainedNer`). Fold k's CRF is trained on the other folds of TRAIN_CORPUS
plus ``--extra`` (never held out) into ``FOLDS_DIR/foldK/model.crfsuite`` when missing, so later runs only score.
Prints one line per setting: the sample's entity and relation F1 (with ``--sample-gold``), cross-validated
entity F1, per type, and relation F1 (the rules' relations: the fold models have no relation classifier).
With ``--errors FILE`` the first setting's errors (``FP``/``FN``/``DUP``/``TYPE`` lines of :func:`kg.evaluate.evaluate`)
are written to FILE, one per line after the held-out article's id, to read them by kind.
The results of the tuning are in ``benchmarks/ner.md``.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from kg.config import DEFAULT_MODEL, Settings
from kg.nlp.components.trained_ner import CONFIG_FILE, MODEL_FILE
from kg.training.corpus import load_corpus, split_folds
from kg.training.crossval import Tally
from kg.training.model import train_model


def fold_models(train, extra, folds_dir: Path, k: int, seed: int) -> list[tuple[Path, list]]:
    """(CRF file, held-out documents) per fold, training the CRFs that are not in ``folds_dir`` yet."""
    out = []
    for i, (rest, held) in enumerate(split_folds(list(train), k, seed)):
        crf = folds_dir / f"fold{i}" / MODEL_FILE
        if not crf.is_file():
            with tempfile.TemporaryDirectory() as tmp:
                train_model([*rest, *extra], Path(tmp) / "m", seed, Settings(model=None), relations=False)
                crf.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(tmp) / "m" / "ner" / MODEL_FILE, crf)
        out.append((crf, held))
    return out


def fold_arguments(ap: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The corpus and fold options of the benchmarks that reuse fold CRFs (this one, relation_cv.py)."""
    ap.add_argument("train", type=Path, help="the corpus held out fold by fold")
    ap.add_argument("--extra", nargs="*", type=Path, default=[], help="corpora always in training")
    ap.add_argument("--folds-dir", type=Path, required=True, help="where the fold CRFs are (trained when missing)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    return ap


def fold_feature_groups(folds_dir: Path) -> dict:
    """``{"feature_groups": [...]}`` when ``folds_dir``'s CRFs were trained with other naming feature groups
    (``benchmarks/crf_cv.py`` writes them to ``FOLDS_DIR/config.json``), to lay over a ``cfg.json``; else ``{}``."""
    path = folds_dir / "config.json"
    groups = json.loads(path.read_text(encoding="utf-8")).get("groups") if path.is_file() else None
    return {} if groups is None else {"feature_groups": list(groups)}


def model_folder(root: Path, crf: Path, cfg: dict, relations: Path | None = None) -> Path:
    """A model folder with ``crf``, the settings ``cfg`` and, when given, a relation classifier folder."""
    (root / "ner").mkdir(parents=True, exist_ok=True)
    if relations is not None and relations.is_dir():
        shutil.copytree(relations, root / "relations")
    shutil.copyfile(crf, root / "ner" / MODEL_FILE)
    (root / "ner" / CONFIG_FILE).write_text(json.dumps(cfg), encoding="utf-8")
    return root


def sample_scores(model: Path, gold: Path) -> tuple[float, float]:
    from kg.evaluate import evaluate
    from kg.pipeline import build

    score = evaluate(build([], None, Settings(model=model), html=False).graph,
                     json.loads(gold.read_text(encoding="utf-8")))
    return score.entities["f1"], score.relations["f1"]


def main(argv=None) -> int:
    from kg.evaluate import evaluate
    from kg.pipeline import build

    ap = fold_arguments(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    ap.add_argument("--settings", default="[{}]", help="JSON list of objects laid over the packaged cfg.json")
    ap.add_argument("--sample-gold", type=Path, default=None, help="the bundled sample's gold JSON")
    ap.add_argument("--errors", type=Path, default=None,
                    help="write the first setting's errors here (article id, then the scorer's error line)")
    a = ap.parse_args(argv)
    base = json.loads((DEFAULT_MODEL / "ner" / CONFIG_FILE).read_text(encoding="utf-8"))
    fold_groups = fold_feature_groups(a.folds_dir)
    folds = fold_models(load_corpus([a.train]), load_corpus(a.extra) if a.extra else [], a.folds_dir, a.folds, a.seed)
    for n, over in enumerate(json.loads(a.settings)):
        cfg = {**base, **over}
        line = json.dumps(over, ensure_ascii=False)
        with tempfile.TemporaryDirectory() as tmp:
            if a.sample_gold:
                ent, rel = sample_scores(model_folder(Path(tmp) / "full", DEFAULT_MODEL / "ner" / MODEL_FILE, cfg,
                                                      DEFAULT_MODEL / "relations"),
                                         a.sample_gold)
                line += f" | sample entities {ent:.3f} relations {rel:.3f}"
            tally = Tally()
            errors: list[str] = []
            for i, (crf, held) in enumerate(folds):
                settings = Settings(model=model_folder(Path(tmp) / f"fold{i}", crf, {**cfg, **fold_groups}))
                for gold in held:
                    score = evaluate(build([gold.path], None, settings, html=False).graph, gold.gold)
                    tally.add(score)
                    errors += [f"{gold.doc_id}\t{e}" for e in score.errors]
            if a.errors is not None and n == 0:
                a.errors.write_text("\n".join(errors) + "\n", encoding="utf-8")
        s = tally.summary()
        line += f" | CV entities {s['entities']['f1']:.3f} " + " ".join(
            f"{t}={v['f1']:.3f}" for t, v in s["types"].items()) + f" relations {s['relations']['f1']:.3f}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
