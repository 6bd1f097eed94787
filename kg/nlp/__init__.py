"""The spaCy pipeline: ``spacy.blank("zh")`` (char segmenter, no model download) plus kg's
rule components. A trained NER can be slotted in with ``Settings.extra_components``
(e.g. a ``ner`` sourced from a trained pipeline), placed before the mention filter,
whose candidates it then joins through ``doc.ents``."""
from __future__ import annotations

import spacy
from spacy.language import Language

from kg.config import NLP_DATA_DIR, Settings
from kg.nlp import components  # noqa: F401  (registers the factories)
from kg.nlp.extensions import register_extensions
from kg.nlp.lexicon import gazetteer_patterns, load_lexicon
from kg.nlp.spans import CANDIDATES

__all__ = ["make_nlp", "PIPELINE"]

SENTENCE_PUNCT = ["。", "！", "？", "!", "?", "\n", "；"]
PIPELINE = ("sentencizer", "kg_gazetteer", "kg_name_patterns", "kg_people", "kg_enumerations",
            "kg_mention_filter", "kg_doc_lexicon", "kg_figures", "kg_relations")


def make_nlp(settings: Settings | None = None) -> Language:
    """Build kg's pipeline. Data comes from ``settings.nlp_data`` (the packaged data by default)."""
    settings = settings or Settings()
    register_extensions()
    data_dir = str(settings.nlp_data)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": settings.segmenter}}})
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_PUNCT})
    ruler = nlp.add_pipe("span_ruler", name="kg_gazetteer", config={"spans_key": CANDIDATES, "overwrite": False})
    ruler.add_patterns(gazetteer_patterns(load_lexicon(data_dir)))
    for name in PIPELINE[2:]:
        if name == "kg_mention_filter":
            for extra in settings.extra_components:
                nlp.add_pipe(extra)
        nlp.add_pipe(name, config={"data_dir": "" if settings.nlp_data == NLP_DATA_DIR else data_dir})
    return nlp
