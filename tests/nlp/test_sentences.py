"""``kg_sentencizer`` starts sentences exactly where spaCy's sentencizer does, reading token arrays."""
from __future__ import annotations

import random

import spacy

import kg.nlp.components  # noqa: F401  (registers the factory)
from kg.nlp import SENTENCE_PUNCT


def _starts(nlp, text: str) -> list[int]:
    return [token.i for token in nlp(text) if token.is_sent_start]


def test_sentence_starts_are_spacy_s_on_random_text():
    spacy_nlp, kg_nlp = spacy.blank("zh"), spacy.blank("zh")
    spacy_nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_PUNCT})
    kg_nlp.add_pipe("kg_sentencizer", config={"punct_chars": SENTENCE_PUNCT})
    rnd = random.Random(11)
    alphabet = ["中", "国", "a", "1", "。", "！", "？", "!", "?", "；", "\n", "，", "”", "“", "）", "…", " ", "\n\n", "."]
    for _ in range(1000):
        text = "".join(rnd.choices(alphabet, k=rnd.randint(0, 40)))
        assert _starts(kg_nlp, text) == _starts(spacy_nlp, text), text


def test_the_pipeline_splits_after_a_closing_quote():
    nlp = spacy.blank("zh")
    nlp.add_pipe("kg_sentencizer", config={"punct_chars": SENTENCE_PUNCT})
    doc = nlp("他说：“好。”然后走了。\n第二段")
    assert [s.text for s in doc.sents] == ["他说：“好。”", "然后走了。\n", "第二段"]
