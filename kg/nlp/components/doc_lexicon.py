"""``kg_doc_lexicon``: a name found once is found everywhere in the article.

After the filter, every person, title, zone and enterprise name becomes a phrase the
rest of the text is scanned for; a surname plus a post title (吴市长) becomes a mention
of the one person of that surname the article names.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.language.lexicon import load_lexicon
from kg.nlp.components.statistical_ner import lac_words
from kg.nlp.spans import text_of
from kg.schema import LABELS

__all__ = ["DocLexicon", "make_doc_lexicon"]

_NAME_TAGS = {"PER", "LOC", "ORG", "nz", "n", "nw", "s"}
# a two-character place spreads only where LAC reads a place word (世界|和平 is a common noun, not 和平县)
_PLACE_TAGS = {"LOC", "s", "ns"}
_PROPER_TAGS = {"ORG", "nz", "nw"}
PROPAGATED = set(LABELS)
# a person the article names this often is the name where it is read once with one more character (「某某|笑着说」:
# LAC reads the next word's first character into the name; DocLexicon._named_often)
_NAMED_OFTEN = 3


class DocLexicon:
    def __init__(self, nlp: Language, name: str = "kg_doc_lexicon", data_dir: str = "", min_length: int = 2):
        self.name = name
        self.lex = load_lexicon(data_dir)
        self.min_length = min_length
        self._titles = re.compile("|".join(map(re.escape, self.lex.titles)))  # compiled once, matched after a surname
        self._enders = self.lex.pattern("people", "name_enders")

    def _person_overreads(self, doc: Doc, ents: list[Span], text: str) -> list[Span]:
        """``ents`` with a person read with more characters than the name cut back to the name: a surname (or a
        person the article names) read with a post title (「某某某|总书记」), or a person the article names twice
        elsewhere read once with a word that ends a name (``people.name_enders``: 「某某|表示」). A longer given name
        (李明|华) stays."""
        # names sliced from the text: Span.text would make a Token per character
        counts = Counter(text[e.start_char:e.end_char] for e in ents if e.label_ == "PERSON")
        if not counts:
            return ents
        out = []
        for e in ents:
            name = text[e.start_char:e.end_char] if e.label_ == "PERSON" else ""
            titled = next((name[:k] for k in (3, 2) if len(name) > k and self._titles.fullmatch(name, k)
                           and name[:k] not in self.lex.surnames  # 「欧阳|书记」: a surname and a title, no name
                           and (name[0] in self.lex.surnames or counts.get(name[:k], 0))), "")
            short = titled or next((name[:k] for k in (3, 2) if len(name) - k in (1, 2, 3)
                                    and counts.get(name[:k], 0) >= 2), "")
            at = e.start_char + len(short)
            if titled or short and counts[name] == 1 and (self._titles.match(text, at) or self._enders.match(text, at)
                                                          or self._named_often(name, short, counts)):
                cut = doc.char_span(e.start_char, e.start_char + len(short), label="PERSON", kb_id=e.kb_id_,
                                    span_id=short)
                out.append(cut if cut is not None else e)
                continue
            out.append(e)
        return out

    def _named_often(self, name: str, short: str, counts: Counter) -> bool:
        """``name`` is a Han name the article names often (``_NAMED_OFTEN``) read once with the next character
        (「某某|笑着说」); not a longer transliterated given name (尼玛|扎西), not two characters more."""
        return counts[short] >= _NAMED_OFTEN and len(name) == len(short) + 1 and short[0] in self.lex.surnames

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        read = list(doc.ents)
        ents = self._person_overreads(doc, read, text)
        taken = [False] * len(text)
        for e in ents:
            for i in range(e.start_char, e.end_char):
                taken[i] = True
        known: dict[str, Span] = {}
        for e in ents:
            surface = text[e.start_char:e.end_char]
            if e.label_ in PROPAGATED and len(surface) >= self.min_length and surface not in known:
                known[surface] = e
        new = []
        # with the statistical tagger, a two-character name (和平, 双方 are words too) spreads only where it
        # reads a name-like word of exactly those characters
        tagged = {(w[0], w[1]) for w in lac_words(doc) if w[2] in _NAME_TAGS}
        placed = {(w[0], w[1]) for w in lac_words(doc) if w[2] in _PLACE_TAGS}
        # a gazetteer short form that is also a common word (理想, 平安: ``Lexicon.guarded``) spreads only where the
        # tagger reads an organisation or proper noun of exactly those characters (not 理想|信念)
        proper = {(w[0], w[1]) for w in lac_words(doc) if w[2] in _PROPER_TAGS}
        guarded = self.lex.guarded
        for surface in sorted(known, key=len, reverse=True):
            ref = known[surface]
            for start, end in _occurrences(surface, text):
                if any(taken[start:end]):
                    continue
                if len(surface) <= 2 and lac_words(doc) and (start, end) not in (
                        placed if ref.label_ == "DISTRICT" else tagged):
                    continue
                if surface in guarded and guarded[surface][1] == ref.id_ and (start, end) not in proper:
                    continue
                span = doc.char_span(start, end, label=ref.label_, kb_id="doc_lexicon", span_id=ref.id_)
                if span is not None:
                    new.append(span)
                    for i in range(start, end):
                        taken[i] = True
        by_surname: dict[str, list[str]] = {}
        for surface, ref in known.items():
            if ref.label_ == "PERSON" and len(surface) in (2, 3):
                by_surname.setdefault(surface[0], []).append(surface)
        titles_of: dict[str, set[str]] = {}
        for _s, _e, title, name in doc._.kg_posts or ():
            titles_of.setdefault(name, set()).add(title)
        for surname, names in by_surname.items():
            for start, end in self._surname_titles(surname, text):
                if any(taken[start:end]):
                    continue
                title = text[start + 1:end]
                fits = [n for n in names if any(t.endswith(title) for t in titles_of.get(n, ()))]
                fits = fits or (names if len(names) == 1 else [])
                if len(fits) != 1:
                    continue
                span = doc.char_span(start, end, label="PERSON", kb_id="surname_title", span_id=fits[0])
                if span is not None:
                    new.append(span)
                    for i in range(start, end):
                        taken[i] = True
        if new or ents != read:
            doc.ents = sorted(ents + new, key=lambda s: s.start)
        return doc

    def _surname_titles(self, surname: str, text: str):
        """``(start, end)`` of each ``surname`` + post title (吴市长), left to right, not overlapping (as
        ``re.finditer`` of ``surname(title|title…)`` finds them)."""
        at = text.find(surname)
        while at >= 0:
            m = self._titles.match(text, at + 1)
            if m:
                yield at, m.end()
                at = text.find(surname, m.end())
            else:
                at = text.find(surname, at + 1)


def _occurrences(word: str, text: str):
    """``(start, end)`` of each occurrence of ``word`` in ``text``, left to right, not overlapping."""
    at = text.find(word)
    while at >= 0:
        yield at, at + len(word)
        at = text.find(word, at + len(word))


@Language.factory("kg_doc_lexicon", default_config={"data_dir": "", "min_length": 2}, assigns=["doc.ents"],
                  requires=["doc.ents", "doc._.kg_posts"])
def make_doc_lexicon(nlp: Language, name: str, data_dir: str, min_length: int) -> DocLexicon:
    return DocLexicon(nlp, name, data_dir, min_length)
