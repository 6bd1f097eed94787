"""Cross-validate CRF feature groups and training settings of the trained NER with cached pipeline inputs.

    PYTHONPATH=$PWD python benchmarks/crf_cv.py TRAIN --extra CORPORA... --folds-dir /tmp/crf_X --inputs /tmp/crf/in.pkl \
        [--groups ahead+verb+shape+listhead+words+quote] [--params '{"max_iterations": 300}'] [--jobs 2] \
        [--score-folds 0,1]

The pipeline's inputs of every article (LAC's words, the rules' candidates) are computed once and cached in
``--inputs`` (they do not depend on the CRF's features). The fold CRFs (the split of ``benchmarks/arbitration.py``:
the other folds of TRAIN plus ``--extra``) are trained into ``FOLDS_DIR/foldK/model.crfsuite`` when missing, with
``kg.training.ner.FEATURE_GROUPS`` set to ``--groups``; then ``benchmarks/arbitration.py`` scores them with the same
groups (packaged ``cfg.json``). Prints arbitration.py's line and each fold's training time. ``--score-folds`` trains
and scores only some folds (a paired comparison when the machine is too busy for all). Results: ``benchmarks/ner.md``.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import arbitration  # noqa: E402
from kg.config import Settings  # noqa: E402
from kg.nlp.components.trained_ner import MODEL_FILE  # noqa: E402
from kg.training import ner  # noqa: E402
from kg.training.corpus import load_corpus, split_folds  # noqa: E402


def _key(doc) -> str:
    return str(Path(doc.path).resolve())


def cached_inputs(cache: Path, docs) -> dict:
    found = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    missing = [d for d in docs if _key(d) not in found]
    if missing:
        found.update({_key(d): i for d, i in zip(missing, ner.pipeline_inputs(missing, Settings(model=None)))})
        cache.write_bytes(pickle.dumps(found))
    return found


_STATE: dict = {}


def _train(job) -> str:
    i, crf = job
    rest, extra, inputs, params = _STATE["folds"][i][0], _STATE["extra"], _STATE["inputs"], _STATE["params"]
    docs = [*rest, *extra]
    t0 = time.process_time()
    ner.fit(ner.training_sequences(docs, [inputs[_key(d)] for d in docs]), crf, params)
    return f"fold{i} {time.process_time() - t0:.0f}s CPU, {crf.stat().st_size / 1e6:.1f} MB"


def score_folds(a, only: list[int]) -> int:
    """arbitration.py's line for some folds only (their held-out articles; the packaged cfg.json)."""
    import tempfile

    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import CONFIG_FILE
    from kg.training.crossval import Tally, score_documents

    cfg = {**json.loads((DEFAULT_MODEL / "ner" / CONFIG_FILE).read_text(encoding="utf-8")),
           "feature_groups": list(ner.FEATURE_GROUPS)}  # the groups the fold CRFs were trained with
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        for i in only:
            model = arbitration.model_folder(Path(tmp) / f"fold{i}", a.folds_dir / f"fold{i}" / MODEL_FILE, cfg)
            score_documents(_STATE["folds"][i][1], Settings(model=model), tally)
    s = tally.summary()
    print(f"folds {only} ({s['documents']} articles) | CV entities {s['entities']['f1']:.3f} " + " ".join(
        f"{t}={v['f1']:.3f}" for t, v in s["types"].items()) + f" relations {s['relations']['f1']:.3f}", flush=True)
    return 0


def main(argv=None) -> int:
    ap = arbitration.fold_arguments(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    ap.add_argument("--inputs", type=Path, required=True, help="pickle cache of the pipeline inputs")
    ap.add_argument("--groups", default="+".join(ner.FEATURE_GROUPS), help="naming feature groups, + separated")
    ap.add_argument("--params", default="{}", help="JSON CRFsuite parameters laid over ner.DEFAULT_PARAMS")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--train-only", action="store_true")
    ap.add_argument("--score-folds", default="", help="score only these folds (comma separated; default all, by "
                                                      "arbitration.py) and train only them")
    a = ap.parse_args(argv)
    ner.FEATURE_GROUPS = tuple(g for g in a.groups.split("+") if g and g != "base")
    train = load_corpus([a.train])
    extra = load_corpus(a.extra) if a.extra else []
    _STATE.update(folds=split_folds(list(train), a.folds, a.seed), extra=extra, params=json.loads(a.params),
                  inputs=cached_inputs(a.inputs, [*train, *extra]))
    only = [int(i) for i in a.score_folds.split(",") if i]
    jobs = [(i, a.folds_dir / f"fold{i}" / MODEL_FILE) for i in (only or range(a.folds))]
    jobs = [(i, crf) for i, crf in jobs if not crf.is_file()]
    if jobs:
        with Pool(a.jobs) as pool:
            for line in pool.imap_unordered(_train, jobs):
                print(line, flush=True)
    (a.folds_dir / "config.json").write_text(json.dumps({"groups": ner.FEATURE_GROUPS, "params": a.params}))
    if a.train_only:
        return 0
    if only:
        return score_folds(a, only)
    return arbitration.main([str(a.train), "--extra", *map(str, a.extra), "--folds-dir", str(a.folds_dir),
                             "--folds", str(a.folds), "--seed", str(a.seed)])


if __name__ == "__main__":
    sys.exit(main())
