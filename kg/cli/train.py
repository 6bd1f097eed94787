"""``kg train``."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List

from kg.cli._app import Arg, Opt, app, err, out_folder, reports_errors


@app.command("train")
@reports_errors
def train_cli(
    corpus: List[Path] = Arg(..., help="Gold corpora: gold JSON files, or folders searched for them (docs/ + gold/ "
                                       "pairs, or gold files whose \"doc\" points at the article)."),
    out: Path = Opt(..., "--out", "-o", help="Model folder to write (created): meta.json, ner/ (and relations/)."),
    folds: int = Opt(0, "--folds", "-k", min=0, help="Also run K-fold cross-validation by document first and print "
                                             "per-type P/R/F1, relation F1 and figure recall (0: no)."),
    seed: int = Opt(13, "--seed", help="Seed of the fold split; the same corpus and seed give identical files."),
    figure_chooser: bool = Opt(False, "--figure-chooser", help="Also train the figure indicator chooser "
                                                              "(MODEL/figures; it then runs after kg_figures)."),
    quiet: bool = Opt(False, "--quiet", "-q", help="No progress or summary on stderr."),
):
    """Train kg's entity recogniser on annotated articles and write a model folder for `kg build --model`.

    A gold file is the JSON of the annotation guidelines (entities with names and aliases, relations,
    figures); its "doc" is found in ../docs/ beside the gold folder (or next to the file). The model is a
    character CRF that reads the text, LAC's words, kg's lexicon and the rules' candidates, and learns
    where names begin and end and what they are. With --folds K, each held-out article is built with kg's
    whole pipeline and a model trained without it, and scored (cross-validation by document).

    Example: kg train ../shared/eval/train training/gold --out kg/models/default --seed 13
    """
    from tqdm import tqdm

    from kg.training.corpus import load_corpus
    from kg.training.crossval import cross_validate, table
    from kg.training.model import train_model

    out_folder(out)
    docs = load_corpus(corpus)
    total = len(docs) * (1 + (2 * folds if folds else 0))
    bar = tqdm(total=total, desc="training", unit="doc", file=sys.stderr, leave=False,
               disable=quiet or not sys.stderr.isatty())
    scores = None
    if folds:
        scores = cross_validate(docs, folds, seed, progress=lambda: bar.update(1))
        bar.clear()
        if not quiet:
            err(f"{folds}-fold cross-validation over {len(docs)} documents (seed {seed}):")
            err(table(scores))
    train_model(docs, out, seed, scores=scores, progress=lambda: bar.update(1), figures=figure_chooser)
    bar.close()
    if not quiet:
        err(f"trained on {len(docs)} documents ({sum(len(d.text) for d in docs)} characters): wrote {out}")
    if scores:
        print(json.dumps(scores, ensure_ascii=False, sort_keys=True))
