"""``kg_doc_lexicon`` finds names and surname + title pairs with ``str.find`` and one title pattern compiled at
start-up; what it finds is what ``re.finditer`` of the per-document patterns found (left to right, not
overlapping, the first title of the list that matches)."""
from __future__ import annotations

import random
import re

import spacy

from kg.nlp.components.doc_lexicon import DocLexicon, _occurrences


def test_occurrences_are_those_of_finditer():
    rnd = random.Random(2)
    for _ in range(500):
        text = "".join(rnd.choices("张王李市长副aa", k=rnd.randint(0, 30)))
        word = "".join(rnd.choices("张王aa市", k=rnd.randint(1, 3)))
        assert list(_occurrences(word, text)) == [m.span() for m in re.finditer(re.escape(word), text)]


def test_surname_title_pairs_are_those_of_the_per_surname_pattern():
    component = DocLexicon(spacy.blank("zh"))
    titles = "|".join(map(re.escape, component.lex.titles))
    some = sorted(component.lex.titles)[:40] + ["市长", "副市长", "局长", "书记"]
    rnd = random.Random(7)
    for _ in range(300):
        text = "".join(rnd.choice(["张", "王", "张张", "，", "的", *some]) for _ in range(rnd.randint(0, 25)))
        for surname in "张王":
            expected = [m.span() for m in re.finditer(rf"{re.escape(surname)}({titles})", text)]
            assert list(component._surname_titles(surname, text)) == expected
