"""``kg_sentencizer``: spaCy's rule-based sentencizer, its rule run over the Doc's token arrays.

spaCy's :class:`~spacy.pipeline.Sentencizer` walks the Doc's Token objects; kg's Docs have one token per
character, so that walk made a fifth of all the Token objects a build creates. The same rule read from
``Doc.to_array`` gives the same sentence starts (``tests/nlp/test_sentences.py`` compares the two); the rest
(configuration, annotation, scoring, serialisation) is spaCy's own.
"""
from __future__ import annotations

from typing import Callable, Optional

import numpy as np

from spacy.attrs import IS_PUNCT, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["ArraySentencizer"]


class ArraySentencizer(Sentencizer):
    """:class:`~spacy.pipeline.Sentencizer` with :meth:`predict` computed from token attribute arrays."""

    def predict(self, docs) -> list[list[bool]]:
        return [self.sentence_starts(doc) for doc in docs]

    def sentence_starts(self, doc: Doc) -> list[bool]:
        """The sentencizer's rule on one Doc: the first token starts a sentence, and so does the first token after
        one of ``punct_chars`` that is neither punctuation nor one of them (a token that can start one: when one of
        ``punct_chars`` comes between it and the previous such token)."""
        if not len(doc):
            return []
        orth, is_punct = doc.to_array([ORTH, IS_PUNCT]).T
        ends = np.isin(orth, [get_string_id(ch) for ch in self.punct_chars])
        can_start = np.flatnonzero(~ends & (is_punct == 0))
        ends_before = np.cumsum(ends)[can_start]  # how many ends come up to each token that can start a sentence
        starts = np.zeros(len(doc), dtype=bool)
        starts[0] = True
        starts[can_start[np.diff(ends_before, prepend=0) > 0]] = True
        return starts.tolist()

@Language.factory("kg_sentencizer", assigns=["token.is_sent_start", "doc.sents"],
                  default_config={"punct_chars": None, "overwrite": False,
                                  "scorer": {"@scorers": "spacy.senter_scorer.v1"}},
                  default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0})
def make_array_sentencizer(nlp: Language, name: str, punct_chars: Optional[list[str]], overwrite: bool,
                           scorer: Optional[Callable]) -> ArraySentencizer:
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite, scorer=scorer)
