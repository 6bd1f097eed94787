"""``kg_figure_indicators``: a learned chooser of what each figure measures, run right after ``kg_figures``.

For each figure the rules found, the candidates of :mod:`kg.nlp.figure_candidates` (the rules' indicator and
the noun phrases of the figure's clause) are scored by a linear model trained on the gold figures
(:mod:`kg.training.figures`); the best one replaces the head of the rules' indicator when it scores above
the rules' own choice by ``margin``. The rest of the rules' indicator (同比增长, what counted things did) is
kept. Without weights, or without LAC's words on the Doc (``--ner rules``), it changes nothing.

The weights are plain JSON (``figures.json``: a bias and feature weights), read without scikit-learn or pickle.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KgError
from kg.nlp.components.statistical_ner import lac_words
from kg.nlp.figure_candidates import candidates, features, head_and_tail, joined, rule_tags
from kg.nlp.spans import text_of
from kg.nlp.weights_file import dump_weights, load_weights, read_weights_file, rounded, sigmoid

__all__ = ["DEFAULT_MARGIN", "FigureIndicators", "IndicatorModel", "IndicatorModelError", "make_figure_indicators", "MODEL_FILE",
           "CONFIG_FILE", "figure_model_dir", "add_figure_indicators", "choose_indicators"]

MODEL_FILE = "figures.json"
CONFIG_FILE = "config.json"
DEFAULT_MARGIN = 1.0  # how far above the rules' choice a candidate must score to replace it


class IndicatorModelError(KgError):
    """A figure indicator model folder that cannot be read."""


@dataclass
class IndicatorModel:
    """``score(candidate) = bias + sum of its features' weights``; trained on feature differences, so the
    difference of two candidates' scores is the log-odds that the first is right where the other is not."""

    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    def score(self, feats: dict[str, float]) -> float:
        get = self.weights.get
        return self.bias + sum(get(k, 0.0) * v for k, v in feats.items())

    def probability(self, feats: dict[str, float]) -> float:
        return sigmoid(self.score(feats))

    def to_json(self) -> str:
        return dump_weights({"meta": self.meta, **rounded(self.bias, self.weights)})

    @classmethod
    def from_json(cls, raw: str) -> "IndicatorModel":
        data = load_weights(raw, IndicatorModelError, "figure indicator model")
        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}, data.get("meta", {}))

    @classmethod
    def load(cls, folder: str | Path) -> "IndicatorModel":
        return read_weights_file(Path(folder) / MODEL_FILE, cls.from_json, IndicatorModelError, "figure indicator model")


def choose_indicators(model: IndicatorModel, text: str, words, figures, margin: float = DEFAULT_MARGIN) -> list[dict]:
    """``figures`` (kg_figures' dicts) with the head of each indicator replaced by the model's choice when it
    beats the rules' choice by ``margin`` (a table's figures keep theirs)."""
    starts = [w[0] for w in words]
    out = []
    for fig in figures:
        if fig.get("table"):
            out.append(fig)  # named by its table's header and row (kg.nlp.table_figures), not by the words around it
            continue
        head, tail = head_and_tail(fig["indicator"])
        cands = candidates(text, words, fig, starts)
        if len(cands) > 1:
            tags = rule_tags(text, words, fig, head, starts)
            scores = [model.score(features(text, fig, c, head, tags)) for c in cands]
            best = max(range(len(cands)), key=scores.__getitem__)
            if best and scores[best] > scores[0] + margin:
                fig = {**fig, "indicator": joined(cands[best].text, tail)}
        out.append(fig)
    return out


class FigureIndicators:
    def __init__(self, nlp: Language, name: str = "kg_figure_indicators", margin: float = DEFAULT_MARGIN):
        self.name = name
        self.margin = margin
        self.model = IndicatorModel()

    def __call__(self, doc: Doc) -> Doc:
        words = lac_words(doc)
        if not self.model.weights or not words or not doc._.kg_figures:
            return doc
        doc._.kg_figures = tuple(choose_indicators(self.model, text_of(doc), words, doc._.kg_figures, self.margin))
        return doc

    def to_disk(self, path: str | Path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / MODEL_FILE).write_text(self.model.to_json(), encoding="utf-8")
        (path / CONFIG_FILE).write_text(json.dumps({"margin": self.margin}, indent=1) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, exclude=()) -> "FigureIndicators":
        self.model = IndicatorModel.load(path)
        config = Path(path) / CONFIG_FILE
        if config.is_file():
            try:
                self.margin = float(json.loads(config.read_text(encoding="utf-8")).get("margin", self.margin))
            except ValueError as err:
                raise IndicatorModelError(f"{config}: not JSON ({err})") from err
        return self


@Language.factory("kg_figure_indicators", default_config={"margin": DEFAULT_MARGIN},
                  assigns=["doc._.kg_figures"], requires=["doc._.kg_figures"])
def make_figure_indicators(nlp: Language, name: str, margin: float) -> FigureIndicators:
    return FigureIndicators(nlp, name, margin)


def figure_model_dir(settings) -> Path | None:
    """``MODEL/figures`` of the trained model ``settings.model`` when it holds weights, else None."""
    model = getattr(settings, "model", None)
    folder = Path(model) / "figures" if model else None
    return folder if folder is not None and (folder / MODEL_FILE).is_file() else None


def add_figure_indicators(nlp: Language, folder: Path) -> FigureIndicators:
    """Add ``kg_figure_indicators`` right after ``kg_figures``, loaded from ``folder``."""
    component = nlp.add_pipe("kg_figure_indicators", after="kg_figures")
    return component.from_disk(folder)
