"""kg's one-pass Doc for the character segmenter has spaCy's tokens and spaces exactly (spaCy's own alignment
is quadratic in the text's length)."""
from __future__ import annotations

import random

import spacy

from kg.nlp.extract import char_words_and_spaces, make_doc


def test_tokens_and_spaces_are_spacy_s_on_random_text():
    nlp = spacy.blank("zh")
    rnd = random.Random(4)
    alphabet = ["中", "国", "a", "1", "，", " ", " ", "\n", "\t", "\u3000", "\u2028", "\x1c", "\xa0", "\r\n"]
    for _ in range(500):
        text = "".join(rnd.choices(alphabet, k=rnd.randint(0, 30)))
        expected = nlp.make_doc(text)
        doc = make_doc(nlp, text)
        assert [(t.text, t.whitespace_) for t in doc] == [(t.text, t.whitespace_) for t in expected]
        assert doc.text == text


def test_a_long_text_is_built_in_one_pass():
    words, spaces = char_words_and_spaces("甲 乙" * 50_000)
    assert len(words) == 100_000 and spaces[:3] == [True, False, True]


def test_span_text_is_spacy_s_span_text():
    """:func:`kg.nlp.spans.span_text` (a slice of the Doc's text) gives what ``Span.text`` joins from the tokens,
    over spaces, line breaks and other white space."""
    from kg.nlp.spans import span_text

    nlp = spacy.blank("zh")
    rnd = random.Random(5)
    alphabet = ["宁", "州", "a", "1", "，", " ", " ", "\n", "\t", "\u3000", "\xa0"]
    for _ in range(300):
        text = "".join(rnd.choices(alphabet, k=rnd.randint(1, 20)))
        doc = make_doc(nlp, text)
        for start in range(len(doc)):
            for end in range(start + 1, len(doc) + 1):
                span = doc[start:end]
                assert span_text(span) == span.text
