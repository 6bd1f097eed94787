"""Scores of kg's real pipeline on gold documents, and k-fold cross-validation by document.

:func:`score_documents` builds each article on its own (as ``kg build`` would, with the given settings)
and scores the graph with :func:`kg.evaluate.evaluate`; :func:`cross_validate` trains a model on k-1
folds and scores the held-out fold with it, for every fold, and sums the counts.
"""
from __future__ import annotations

import dataclasses
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from kg.training.corpus import ENTITY_TYPES, GoldDocument, split_folds

__all__ = ["Tally", "score_documents", "cross_validate"]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "fp": fp, "fn": fn}


@dataclass
class Tally:
    """Summed true/false positives and negatives over documents."""

    types: dict[str, Counter] = field(default_factory=lambda: {t: Counter() for t in ENTITY_TYPES})
    relations: Counter = field(default_factory=Counter)
    figures: Counter = field(default_factory=Counter)
    documents: int = 0

    def add(self, score) -> None:
        self.documents += 1
        for t, d in score.types.items():
            self.types.setdefault(t, Counter()).update({k: d[k] for k in ("tp", "fp", "fn")})
        self.relations.update({k: score.relations[k] for k in ("tp", "fp", "fn")})
        if score.figures:
            self.figures.update({"found": score.figures["found"], "gold": score.figures["gold"]})

    def summary(self) -> dict:
        entities = Counter()
        for c in self.types.values():
            entities.update(c)
        out = {"documents": self.documents,
               "types": {t: _prf(c["tp"], c["fp"], c["fn"]) for t, c in self.types.items()},
               "entities": _prf(entities["tp"], entities["fp"], entities["fn"]),
               "relations": _prf(self.relations["tp"], self.relations["fp"], self.relations["fn"])}
        if self.figures["gold"]:
            out["figure_recall"] = round(self.figures["found"] / self.figures["gold"], 4)
        return out


def table(summary: dict) -> str:
    """The summary as a fixed-width table (per type P/R/F1, entities, relations, figure recall)."""
    rows = [f"{'type':<12}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
    for name, d in [*summary["types"].items(), ("ENTITIES", summary["entities"]), ("RELATIONS", summary["relations"])]:
        rows.append(f"{name:<12}{d['p']:>7.3f}{d['r']:>7.3f}{d['f1']:>7.3f}{d['tp']:>5}{d['fp']:>5}{d['fn']:>5}")
    if "figure_recall" in summary:
        rows.append(f"FIGURES     recall {summary['figure_recall']:.3f}")
    return "\n".join(rows)


def score_documents(docs: Sequence[GoldDocument], settings, tally: Tally | None = None,
                    progress: Callable[[], None] | None = None) -> Tally:
    """Build each article alone with ``settings`` (kg's real pipeline) and add its score to ``tally``."""
    from kg.evaluate import evaluate
    from kg.pipeline import build

    tally = tally or Tally()
    for gold in docs:
        result = build([gold.path], None, settings, html=False)
        tally.add(evaluate(result.graph, gold.gold))
        if progress is not None:
            progress()
    return tally


def cross_validate(docs: Sequence[GoldDocument], k: int, seed: int = 13, settings=None,
                   progress: Callable[[], None] | None = None, **train_options) -> dict:
    """k-fold cross-validation by document: per fold, a model trained on the other folds scores the held-out
    articles through the whole pipeline, relation classifier included unless ``relations=False`` is passed on to
    :func:`~kg.training.model.train_model`. Returns :meth:`Tally.summary` of all held-out articles (plus
    ``folds``)."""
    from kg.config import Settings
    from kg.training.model import train_model

    settings = settings or Settings()
    tally = Tally()
    train_options.setdefault("relations", True)
    with tempfile.TemporaryDirectory(prefix="kg-cv-") as tmp:
        for i, (train, held) in enumerate(split_folds(list(docs), k, seed)):
            model = train_model(train, Path(tmp) / f"fold{i}", seed, settings, progress=progress,
                                **train_options)
            score_documents(held, dataclasses.replace(settings, model=model), tally, progress)
    return {**tally.summary(), "folds": k, "seed": seed}
