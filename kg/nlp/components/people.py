"""``kg_people``: people, press-conference speakers, bylines and sources.

* a name right after a post title (副市长吴清); its length is the statistical NER's PER span when
  there is one, else a surname-led 2–3 character name; the body written before the title from a clause
  boundary (「”某某科技副总裁甲说」) is an organisation candidate when no rule found one there;
* the label of a speaker marker (「吴清：」); an outlet's marker (「新华社：」) is a MEDIA candidate;
* metadata lines are not speakers: a byline (「文丨张三」「记者 李四 王五」「（记者 赵六）」, a
  bracketed name closing the article) names people, a source line (「来源：某某日报」) an outlet.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.ner_typing import NerTyping, common_phrase
from kg.nlp.components.statistical_ner import NER_SPANS
from kg.language.lexicon import Lexicon, load_lexicon
from kg.language.segment import words
from kg.nlp.spans import CANDIDATES, add_candidate, candidates, text_of

__all__ = ["People", "make_people", "is_person_name"]

_SEP = r"[ \t\u3000]*[丨|｜:：/／][ \t\u3000]*|[ \t\u3000]+"
_NAME = r"[\u4e00-\u9fff]{2,3}"
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


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
        self._enders = lex.pattern("people", "name_enders")
        self._media_suffix = re.compile(rf"(?:{pp['speaker_media_suffix']})$")
        self._media_names = set(lex.surfaces("media"))
        self._field = re.compile(rf"(?:^|\s)(?:{pp['field_labels']})$")
        self._byline = re.compile(
            rf"(?<![\u4e00-\u9fff])(?:{pp['byline_labels']})(?:{_SEP})({_NAME}(?:[ \t\u3000、，,]+{_NAME})*)(?![\u4e00-\u9fff])")
        # 「（记者 甲 乙）」 anywhere (a dateline's 「新华社北京5月10日电（记者 甲、乙）」 too); 「（甲）」 closing a paragraph
        names = rf"({_NAME}(?:[ \t\u3000、，,]+{_NAME})*)"
        self._bracket_byline = re.compile(
            rf"[（(](?:(?:{pp['byline_labels']})[ \t\u3000]*{names}[)）]|{names}[)）][ \t\u3000]*$)", re.M)
        self._title_end = re.compile(rf"(?:{'|'.join(map(re.escape, lex.titles))})$")
        self._employer_max = int(pp["employer_max"])
        self._employer_lead = re.compile(rf"(?:{pp['employer_leads']})")
        self._employer_modifier = re.compile(rf"(?:{pp['employer_title_modifiers']})$")
        self._employer_corporate = re.compile(pp["employer_corporate"])
        self._employer_unit = re.compile(pp["employer_unit"])
        self._employer_not = re.compile(pp["employer_not"])
        self._org_endings = NerTyping.endings(lex)
        self._source = re.compile(
            rf"(?<![\u4e00-\u9fff])(?:{pp['source_labels']})(?:\s*[丨|｜:：]\s*)([^\s(（)）,，。;；:：|丨]{{2,24}})")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        ner_people = {s.start_char: s.end_char for s in doc.spans[NER_SPANS] if s.label_ == "PER"} \
            if NER_SPANS in doc.spans else {}
        speakers = set()
        self._orgs = {(s.start_char, s.end_char) for s in candidates(doc) if s.label_ == "MEDIA"}
        for start, _end, _kind, _speaker, marker_end in doc._.kg_paragraphs:
            if marker_end is None:
                continue
            label = text[start:marker_end - 1]
            field = self._field.search(label)
            if field:  # 「时间：」「来源丨」: a metadata line, read below; 「某某新闻网 时间：」 names the outlet
                outlet = label[:field.start()].strip()
                if outlet and self._media_suffix.search(outlet) and len(outlet) <= 16:
                    add_candidate(doc, start, start + len(outlet), "MEDIA", "source_line")
                continue
            speakers.update(self._speaker(doc, start, label))
        self._bylines(doc, text, ner_people)
        posts = []
        for m in self._title_name.finditer(text):
            n = self._name_length(text, m.end(), speakers, ner_people)
            if n:
                add_candidate(doc, m.end(), m.end() + n, "PERSON", "title_name")
                posts.append((m.start(), m.end(), m.group(1), text[m.end():m.end() + n]))
        doc._.kg_posts = tuple(posts)
        self._employers(doc, text, posts)
        return doc

    def _employers(self, doc: Doc, text: str, posts: list) -> None:
        """The body named right before a post title, from a clause boundary on (names.yml ``people.employer_*``):
        an organisation candidate (rule ``post_employer``), unless it overlaps an organisation some rule or the NER
        found or ends with a person's name of two or three characters (「某某总书记」)."""
        found = [(s.start_char, s.end_char, s.label_) for s in candidates(doc) if s.label_ != "DISTRICT"]
        inside = set()  # the characters of the candidates added
        for title_start, _end, title, _name in posts:
            end = title_start
            while True:  # 「某某能源高级副总裁、首席产品官甲」: the body before the chain's first title
                modifier = self._employer_modifier.search(text, max(0, end - 2), end)
                end = modifier.start() if modifier else end
                before = self._title_end.search(text, max(0, end - 9), end - 1) if text[end - 1:end] == "、" else None
                if before is None:
                    break
                end, title = before.start(), before.group()
            start = end
            while start > 0 and end - start <= self._employer_max and _NAME_CHAR.match(text[start - 1]):
                start -= 1
            if end - start > self._employer_max:
                continue  # no clause boundary near
            lead = self._employer_lead.match(text, start, end)
            start = lead.end() if lead else start
            body = text[start:end]
            unit = self._employer_unit.match(body)
            body = unit.group("body") if unit else body
            end = start + len(body)
            if len(body) < 2 or body in self.lex.not_entities or self._employer_not.search(body) \
                    or self._title_name.search(body) \
                    or any(s < end and start < e and label != "PERSON" or e == end and label == "PERSON" and e - s <= 3
                           for s, e, label in found):
                continue
            label = next((label for label, rx in self._org_endings if rx.search(body)), None)
            if label in ("AGENCY", "ENTERPRISE") and len(words(body)) > 1 and not common_phrase(body) \
                    or label is None and self._employer_corporate.search(title):
                add_candidate(doc, start, end, label or "ENTERPRISE", "post_employer")
                inside.update(range(start, end))
        if inside:  # the NER's person read in a company's name (文远|知行副总裁) is no person
            doc.spans[CANDIDATES] = [s for s in candidates(doc) if not (
                s.label_ == "PERSON" and s.kb_id_ == "ner" and s.start_char in inside and s.end_char - 1 in inside)]

    def _bylines(self, doc: Doc, text: str, ner_people: dict[int, int]) -> None:
        for rx in (self._byline, self._bracket_byline):
            for m in rx.finditer(text):
                group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
                for nm in re.finditer(_NAME, m.group(group)):
                    start = m.start(group) + nm.start()
                    end = ner_people.get(start, m.start(group) + nm.end())
                    if ner_people.get(start) or is_person_name(text[start:end], self.lex):
                        add_candidate(doc, start, end, "PERSON", "byline")
        for m in self._source.finditer(text):
            name = m.group(1)
            if re.search(r"[A-Za-z0-9.]{4,}", name) or name in self.lex.not_entities:
                continue  # a URL or a file name
            add_candidate(doc, m.start(1), m.end(1), "MEDIA", "source_line")

    def _speaker(self, doc: Doc, start: int, label: str) -> set[str]:
        main = re.sub(r"[（(][^）)]*[）)]$", "", label)
        main = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:首席)?(?:记者|编辑|主持人)$", "", main)  # 某某报记者 → 某某报
        outlet = label in self._media_names or main in self._media_names or self._media_suffix.search(main)
        if outlet or not is_person_name(main, self.lex):
            if re.search(r"[（(][^）)]*$", main) or not outlet and (start, start + len(main)) not in self._orgs:
                return set()  # an unclosed bracket, or 「主持人：」「同志们：」: not an outlet's name
            add_candidate(doc, start, start + len(main), "MEDIA", "speaker_marker")
            inner = re.search(r"[（(]([^）)]+)[）)]$", label)
            if inner:
                add_candidate(doc, start + inner.start(1), start + inner.end(1), "MEDIA", "speaker_marker",
                              canonical=main)
            return set()
        add_candidate(doc, start, start + len(main), "PERSON", "speaker_marker")
        return {main}

    def _name_length(self, text: str, pos: int, known: set[str], ner_people: dict[int, int]) -> int:
        window = text[pos:pos + 4]
        for name in sorted(known, key=len, reverse=True):
            if window.startswith(name):
                return len(name)
        if pos in ner_people and 2 <= ner_people[pos] - pos <= 4:
            return ner_people[pos] - pos  # the model read a name here
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
