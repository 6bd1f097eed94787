"""A trained model folder, as ``kg train`` writes it and ``kg build --model`` reads it::

    MODEL/meta.json        kg version, seed, corpus sizes, training parameters, cross-validation scores
    MODEL/ner/             the kg_trained_ner component (model.crfsuite, cfg.json)
    MODEL/relations/       the relation classifier, when kg.training.relations is available
    MODEL/figures/         the figure indicator chooser, when asked for (``figures=True``; not in the default model)

The same corpus and seed give byte-identical files (no dates, sorted keys, a deterministic optimiser).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

from kg.nlp.components.trained_ner import (CONFIG_FILE, DEFAULT_KEEP_RULES, DEFAULT_LABEL_THRESHOLDS,
                                          DEFAULT_SETTINGS, DEFAULT_THRESHOLD, MODEL_FILE, ModelError,
                                          saved_feature_groups)
from kg.training.corpus import GoldDocument

__all__ = ["ner_dir", "check_model", "ner_config", "read_meta", "train_model", "corpus_sizes", "META_FILE"]

META_FILE = "meta.json"


def ner_dir(model: str | Path) -> Path:
    """``MODEL/ner``, checked. Raises :class:`ModelError` (one line) for a missing or incomplete model."""
    model = Path(model)
    if not model.is_dir():
        raise ModelError(f"{model}: no such model folder (train one with `kg train CORPUS --out {model}`)")
    ner = model / "ner"
    if not (ner / MODEL_FILE).is_file():
        raise ModelError(f"{model}: not a kg model (no ner/{MODEL_FILE}; train one with `kg train`)")
    return ner


def check_model(model: str | Path) -> Path:
    """``model`` if it is a usable model folder (its CRF opens, its feature groups are known); else a one-line
    :class:`ModelError` (or :class:`~kg.training.ner.FeatureGroupError`)."""
    import pycrfsuite

    from kg.training.ner import feature_groups

    model_file = ner_dir(model) / MODEL_FILE
    try:
        pycrfsuite.Tagger().open(str(model_file))
    except (OSError, ValueError) as err:
        raise ModelError(f"{model}: ner/{MODEL_FILE} is not a CRF model ({err})") from err
    ner_config(model)
    feature_groups(saved_feature_groups(ner_dir(model) / CONFIG_FILE))  # ones this kg knows
    return Path(model)


def ner_config(model: str | Path) -> dict:
    """The component settings saved with the model (``mode``, ``keep_rules``)."""
    path = ner_dir(model) / CONFIG_FILE
    if not path.is_file():
        return {}
    try:
        cfg = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise ModelError(f"{path}: not valid JSON ({err})") from err
    return {k: cfg[k] for k in DEFAULT_SETTINGS if k in cfg}


def read_meta(model: str | Path) -> dict:
    path = Path(model) / META_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def corpus_sizes(docs: Sequence[GoldDocument]) -> dict:
    types = Counter(e.type for d in docs for e in d.entities if not e.optional)
    return {"documents": len(docs), "characters": sum(len(d.text) for d in docs),
            "entities": dict(sorted(types.items())), "relations": sum(len(d.relations) for d in docs),
            "figures": sum(len(d.figures) for d in docs)}


def train_model(docs: Sequence[GoldDocument], out: str | Path, seed: int = 13, settings=None,
                params: dict | None = None, optional: str = "label", mode: str = "arbitrate",
                keep_rules: Sequence[str] = DEFAULT_KEEP_RULES, threshold: float = DEFAULT_THRESHOLD,
                label_thresholds: dict | None = None,
                lac_words: bool = True, scores: dict | None = None,
                progress: Callable[[], None] | None = None, relations: bool = True, figures: bool = False,
                feature_groups: Sequence[str] | None = None) -> Path:
    """Train the entity recogniser on ``docs`` and write the model folder ``out``; returns ``out``.
    ``feature_groups``: the CRF's naming feature groups (default :data:`kg.training.ner.FEATURE_GROUPS`), recorded in
    ``ner/cfg.json`` so that the model is read with them.
    ``settings`` is the pipeline whose rule candidates and LAC words the model reads (default
    ``Settings(model=None)``); ``progress`` is called once per document read. ``figures``: also train the figure
    indicator chooser into ``MODEL/figures`` (off by default: in cross-validation it does not beat the rules)."""
    from kg import __version__
    from kg.config import Settings
    from kg.training.ner import DEFAULT_PARAMS, feature_groups as checked_groups, fit, pipeline_inputs, training_sequences

    import dataclasses

    settings = dataclasses.replace(settings or Settings(), model=None)
    groups = checked_groups(feature_groups)
    out = Path(out)
    ner = out / "ner"
    ner.mkdir(parents=True, exist_ok=True)
    inputs = pipeline_inputs(docs, settings, progress, lac_words)
    fit(training_sequences(docs, inputs, optional, groups=groups), ner / MODEL_FILE, params)
    cfg = {**DEFAULT_SETTINGS, "mode": mode, "keep_rules": list(keep_rules), "threshold": threshold,
           "label_thresholds": dict(DEFAULT_LABEL_THRESHOLDS if label_thresholds is None else label_thresholds),
           "lac_words": lac_words, "feature_groups": list(groups)}
    (ner / CONFIG_FILE).write_text(json.dumps(cfg, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    meta = {"kg_version": __version__, "seed": seed, "corpus": corpus_sizes(docs),
            "ner": {"model": "linear-chain CRF over characters (python-crfsuite)",
                    "params": {**DEFAULT_PARAMS, **(params or {})}, "optional_entities": optional, **cfg,
                    "candidates_from": settings.ner}}
    if relations:
        trained = _train_relations(docs, out / "relations", seed)
        if trained:
            meta["relations"] = trained
    if figures:
        from kg.training.figures import train_figure_indicators

        meta["figures"] = train_figure_indicators(list(docs), out / "figures", seed)
    if scores:
        meta["cross_validation"] = scores
    (out / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    return out


def _train_relations(docs, out_dir: Path, seed: int) -> dict:
    """The relation classifier trained into ``MODEL/relations``; what ``meta.json`` records of it."""
    from kg.training.relations import train_relations

    result = train_relations(list(docs), out_dir, seed)
    return result if isinstance(result, dict) else {"folder": "relations"}
