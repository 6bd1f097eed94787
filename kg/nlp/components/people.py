"""``kg_people``: people and press-conference speakers.

A person is a surname-led name right after a post title (副市长吴清), or the label of a
speaker marker (「吴清：」). Outlet markers (「新华社：」) become MEDIA candidates.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.nlp.segment import words
from kg.nlp.spans import add_candidate, text_of

__all__ = ["People", "make_people", "is_person_name"]


def is_person_name(text: str, lex: Lexicon) -> bool:
    if not 2 <= len(text) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", text):
        return False
    return text[:1] in lex.surnames or text[:2] in lex.surnames


class People:
    def __init__(self, nlp: Language, name: str = "kg_people", data_dir: str = ""):
        self.name = name
        self.lex = lex = load_lexicon(data_dir)
        pp = lex.patterns["people"]
        self._title_name = re.compile(rf"({'|'.join(map(re.escape, lex.titles))})(?=[\u4e00-\u9fff])")
        self._enders = re.compile(rf"(?:{pp['name_enders']})")
        self._media_suffix = re.compile(rf"(?:{pp['speaker_media_suffix']})$")
        self._media_names = {s for c, a in lex.gazetteer["media"] for s in [c, *a]}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        speakers = set()
        for start, _end, _kind, speaker, marker_end in doc._.kg_paragraphs:
            if marker_end is None:
                continue
            label = text[start:marker_end - 1]
            speakers.update(self._speaker(doc, start, label))
        posts = []
        for m in self._title_name.finditer(text):
            n = self._name_length(text, m.end(), speakers)
            if n:
                add_candidate(doc, m.end(), m.end() + n, "PERSON", "title_name")
                posts.append((m.start(), m.end(), m.group(1), text[m.end():m.end() + n]))
        doc._.kg_posts = tuple(posts)
        return doc

    def _speaker(self, doc: Doc, start: int, label: str) -> set[str]:
        main = re.sub(r"[（(][^）)]*[）)]$", "", label)
        if label in self._media_names or main in self._media_names or self._media_suffix.search(main) \
                or not is_person_name(main, self.lex):
            add_candidate(doc, start, start + len(main), "MEDIA", "speaker_marker")
            inner = re.search(r"[（(]([^）)]+)[）)]$", label)
            if inner:
                add_candidate(doc, start + inner.start(1), start + inner.end(1), "MEDIA", "speaker_marker",
                              canonical=main)
            return set()
        add_candidate(doc, start, start + len(main), "PERSON", "speaker_marker")
        return {main}

    def _name_length(self, text: str, pos: int, known: set[str]) -> int:
        window = text[pos:pos + 4]
        for name in sorted(known, key=len, reverse=True):
            if window.startswith(name):
                return len(name)
        if not (window[:1] in self.lex.surnames or window[:2] in self.lex.surnames):
            return 0
        for n in (3, 2):
            cand = window[:n]
            if len(cand) < n or not re.fullmatch(r"[\u4e00-\u9fff]+", cand):
                continue
            after = text[pos + n:pos + n + 3]
            if not after or not re.match(r"[\u4e00-\u9fff]", after) or self._enders.match(after):
                if n == 3 and self._enders.match(text[pos + 2:pos + 5]):
                    continue  # 吴清介绍: 清介 is no name
                return n
        first = words(text[pos:pos + 8])[0]
        if first[1].startswith("nr") and 2 <= len(first[0]) <= 3:
            return len(first[0])
        return 0


@Language.factory("kg_people", default_config={"data_dir": ""}, assigns=["doc.spans", "doc._.kg_posts"],
                  requires=["doc._.kg_paragraphs"])
def make_people(nlp: Language, name: str, data_dir: str) -> People:
    return People(nlp, name, data_dir)
