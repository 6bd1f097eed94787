"""Training the figure indicator chooser (``kg_figure_indicators``) from gold figures.

Each training article is run through kg's pipeline (the rules' figures, LAC's words). A figure the rules found
is a training group when a gold figure of the article has its value: its candidates
(:func:`kg.nlp.figure_candidates.candidates`) are right when the indicator they would give (candidate + the
rules' tail) contains that gold figure's key, as the scorer reads it, and wrong otherwise; a group with no right
candidate teaches nothing and is left out. What is learned is when a candidate beats the rules' choice: one
L2-regularised logistic regression over (candidate − rules' choice) feature differences, on the pairs where
one is right and the other wrong (scikit-learn, liblinear: deterministic), exported as plain JSON weights
(:class:`~kg.nlp.components.figure_indicators.IndicatorModel`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from kg.nlp.components.figure_indicators import DEFAULT_MARGIN, FigureIndicators, IndicatorModel, choose_indicators
from kg.nlp.figure_candidates import candidates, features, head_and_tail, joined, rule_tags
from kg.resolve.normalize import norm
from kg.training.corpus import GoldDocument, GoldFigure

__all__ = ["DocFigures", "FigureGroup", "read_figures", "figure_groups", "fit_indicator_model", "figures_found", "choose_for",
           "train_figure_indicators", "DEFAULT_C"]

DEFAULT_C = 0.3


@dataclass(frozen=True)
class DocFigures:
    """One processed article: its text as the rules read it, LAC's words, the rules' figures and the gold ones."""

    doc_id: str
    text: str
    words: tuple
    figures: tuple[dict, ...]
    gold: tuple[GoldFigure, ...]


@dataclass(frozen=True)
class FigureGroup:
    doc_id: str
    features: tuple[dict, ...]
    labels: tuple[int, ...]


def read_figures(docs: Sequence[GoldDocument], nlp=None, progress=None) -> list[DocFigures]:
    """Each document run through ``nlp`` (kg's pipeline without a figure chooser by default) as ``kg build`` runs it."""
    from kg.nlp.components.statistical_ner import lac_words
    from kg.nlp.extract import to_doc
    from kg.nlp.spans import text_of

    nlp = nlp or _candidate_pipeline()
    out = []
    for gdoc in docs:
        doc = nlp(to_doc(nlp, gdoc.document))
        out.append(DocFigures(gdoc.doc_id, text_of(doc), tuple(lac_words(doc)), tuple(doc._.kg_figures or ()),
                              gdoc.figures))
        if progress:
            progress()
    return out


def _candidate_pipeline(model: Path | None | str = "default"):
    import dataclasses

    from kg.config import Settings
    from kg.nlp import make_nlp

    settings = Settings() if model == "default" else dataclasses.replace(Settings(), model=model)
    nlp = make_nlp(settings)
    if "kg_figure_indicators" in nlp.pipe_names:
        nlp.remove_pipe("kg_figure_indicators")
    return nlp


def _same_value(value, gold: GoldFigure) -> bool:
    want = float(gold.value)
    ok = (want, want / 100) if gold.percent else (want,)
    return any(abs(float(value) - w) <= 1e-6 * max(1.0, abs(w)) for w in ok)


def figure_groups(item: DocFigures) -> list[FigureGroup]:
    """The labelled candidate groups of one processed article."""
    out = []
    starts = [w[0] for w in item.words]
    for fig in item.figures:
        keys = [norm(g.indicator) for g in item.gold if _same_value(fig["value"], g)]
        if not keys:
            continue
        head, tail = head_and_tail(fig["indicator"])
        cands = candidates(item.text, item.words, fig, starts)
        labels = tuple(int(any(k in norm(joined(c.text, tail) if c.source != "rule" else fig["indicator"]) for k in keys))
                       for c in cands)
        if len(cands) < 2 or not any(labels):
            continue
        tags = rule_tags(item.text, item.words, fig, head, starts)
        out.append(FigureGroup(item.doc_id, tuple(features(item.text, fig, c, head, tags) for c in cands), labels))
    return out


def _pairs(groups: Iterable[FigureGroup]) -> tuple[list[dict], list[int]]:
    """Each candidate against the rules' choice of its group, where one is right and the other is not: the
    difference of their features, labelled 1 when the candidate is the right one."""
    feats, labels = [], []
    for group in groups:
        rule = group.features[0]
        for f, label in zip(group.features[1:], group.labels[1:]):
            if label != group.labels[0]:
                diff = dict(f)
                for k, v in rule.items():
                    diff[k] = diff.get(k, 0.0) - v
                feats.append(diff)
                labels.append(label)
    return feats, labels


def fit_indicator_model(groups: Iterable[FigureGroup], seed: int = 0, c: float = DEFAULT_C) -> IndicatorModel:
    """A pairwise logistic regression (candidate against the rules' choice); its weights score candidates, so the
    chooser compares a candidate's score with the rules' (the bias cancels out)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats, labels = _pairs(groups)
    meta = {"c": c, "seed": seed, "pairs": len(labels), "candidate_right": sum(labels)}
    if not 0 < sum(labels) < len(labels):
        return IndicatorModel(meta=meta)
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(feats).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear wants 32-bit
    clf = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000)
    clf.fit(x, labels)
    weights = {name: float(w) for name, w in zip(vec.feature_names_, clf.coef_[0]) if abs(w) >= 1e-6}
    return IndicatorModel(float(clf.intercept_[0]), weights, meta)


def figures_found(item: DocFigures, figures: Sequence[dict]) -> int:
    """How many of the article's gold figures ``figures`` match, as the scorer counts (key in indicator, same value)."""
    return sum(any(norm(g.indicator) in norm(f["indicator"]) and _same_value(f["value"], g) for f in figures)
               for g in item.gold)


def choose_for(model: IndicatorModel, item: DocFigures, margin: float = 0.0) -> list[dict]:
    """The article's figures with each indicator chosen by ``model`` (replaced only where a candidate beats the rules' choice by ``margin``)."""
    return choose_indicators(model, item.text, item.words, item.figures, margin)


def train_figure_indicators(corpus: Sequence[GoldDocument], out_dir: str | Path, seed: int = 0, *, nlp=None,
                            c: float = DEFAULT_C, margin: float = DEFAULT_MARGIN) -> dict:
    """Train the chooser on ``corpus``, write it to ``out_dir`` (``MODEL/figures/``) and return what ``meta.json``
    records of it. ``nlp`` is the pipeline the figures come from (kg's, with the NER of ``out_dir``'s model folder
    when ``kg train`` wrote one there)."""
    if nlp is None:
        model = Path(out_dir).parent
        nlp = _candidate_pipeline(model if (model / "ner").is_dir() else "default")
    items = read_figures(corpus, nlp)
    groups = [g for item in items for g in figure_groups(item)]
    component = FigureIndicators(nlp, margin=margin)
    component.model = fit_indicator_model(groups, seed, c)
    component.to_disk(out_dir)
    return {"documents": len(corpus), "groups": len(groups), **component.model.meta}
