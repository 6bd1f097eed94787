"""``kg_mention_filter``: candidates → ``doc.ents``.

Decides the article's home jurisdiction (the most named province or city), picks one
division for ambiguous place names (普陀区 of 上海市 or of 舟山市) by that home, drops
non-entities, and keeps non-overlapping mentions: longer first, then by rule priority.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.language.lexicon import load_lexicon
from kg.language.priorities import RULE_PRIORITY
from kg.language.segment import is_user_word, words
from kg.nlp.components.statistical_ner import lac_words
from kg.nlp.spans import candidates, span_text, text_of

__all__ = ["MentionFilter", "make_mention_filter", "RULE_PRIORITY"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_WINDOW = 8  # characters on each side of a short place name that jieba cuts (_inside_word)
_SHORT_COMPANY = 4  # a gazetteer company's form this short is checked against the words around it (_inside_word)



class MentionFilter:
    def __init__(self, nlp: Language, name: str = "kg_mention_filter", data_dir: str = ""):
        self.name = name
        self.lex = load_lexicon(data_dir)
        self._place_endings = ("省", "市", "县", "州", "镇", "乡", "村", "街道")
        self._division_endings = ("省", "市", "县", "区", "州", "盟", "旗", "地区")
        self._list_marks = "、等和与及"
        self._zone_suffix = re.compile(rf"(?:{'|'.join(self.lex.patterns['zone_words'])})$")
        self._companies = {canonical for canonical, _ in self.lex.gazetteer["enterprise"]}

    def __call__(self, doc: Doc) -> Doc:
        spans = [s for s in candidates(doc) if span_text(s) not in self.lex.not_entities]
        home = self.home(spans)
        doc._.kg_home = home
        doc._.kg_home_county = self.home_county(spans, home)
        doc._.kg_home_zone = self.home_zone(spans)
        chosen = []
        text = text_of(doc)  # rebuilt on every access: read once
        read_as_place = {(w[0], w[1]) for w in lac_words(doc) if w[2] == "LOC"}
        for span in spans:
            if self._inside_word(span):
                continue
            if span.label_ == "DISTRICT" and span.id_ in self.lex.divisions:
                span = self._pick_division(doc, span, spans, home)
                if not self.lex.plausible(span.id_, text, home) and (span.start_char, span.end_char) not in read_as_place:
                    continue  # a county of elsewhere counts when its city is named or the model reads a place
            chosen.append(span)
        chosen.sort(key=lambda s: (-(s.end - s.start), -RULE_PRIORITY.get(s.kb_id_ or "kg_gazetteer", 0), s.start))
        doc.ents = sorted(filter_spans_ordered(chosen), key=lambda s: s.start)
        return doc

    def home(self, spans: list[Span]) -> str:
        """The province or city the article is about: the most frequent one named."""
        counts: Counter[str] = Counter()
        for span in spans:
            if span.label_ != "DISTRICT":
                continue
            keys = self.lex.place_keys(span_text(span))
            levels = {self.lex.divisions[k].level for k in keys}
            if len(keys) == 1 and levels & {"province", "prefecture"}:
                counts[self.lex.divisions[keys[0]].name] += 1
        return counts.most_common(1)[0][0] if counts else ""

    def home_county(self, spans: list[Span], home: str) -> str:
        """The county-level division the article names most (in its home city or province, if known)."""
        counts: Counter[str] = Counter()
        for span in spans:
            if span.label_ != "DISTRICT":
                continue
            keys = self.lex.place_keys(span_text(span)) or ((span.id_,) if span.id_ in self.lex.divisions else ())
            divs = [self.lex.divisions[k] for k in keys if self.lex.divisions[k].level == "county"]
            if home:
                divs = [d for d in divs if home in (d.parent, self.lex.province_of(d.parent))]
            if len(divs) == 1:
                counts[divs[0].name] += 1
        return counts.most_common(1)[0][0] if counts else ""

    def home_zone(self, spans: list[Span]) -> str:
        """The zone the article names most (the longest form of it), if any."""
        counts: Counter[str] = Counter()
        for span in spans:
            if span.label_ != "DISTRICT" or span.id_ in self.lex.divisions:
                continue
            name = span_text(span)
            if name not in self.lex.division_names and not name.endswith(self._place_endings):
                counts[name] += 1
        if not counts:
            return ""
        # a name that says it is a zone (东湖高新区) before a nickname (光谷), then the most named, the longest
        return max(counts, key=lambda z: (bool(self._zone_suffix.search(z)), counts[z], len(z)))

    def _inside_word(self, span: Span) -> bool:
        """A place's short name the gazetteer found inside a longer word of its sentence (白银 of 真金白银, 海口
        of 入海口, 日照 of 日照时数): the word, not the place. The sentence is cut by jieba (which knows every
        division's names); a short name is any form of a division but its full name (白银市 → 白银). A word that
        is a name itself (a proper noun, an organisation, one of kg's gazetteer names, the place with a division
        ending: 海西州) or places written together (山西太原) leaves the place a mention, and so does a list mark
        after it (「太原、大同等地」: jieba reads 大|同等). A gazetteer company's short form (up to
        ``_SHORT_COMPANY`` characters) across words is no company, whatever the words (北汽 of 湖北|汽车, 空客 of
        航空|客运, 苏宁 of 江苏|宁波, 日立 of 当日|立即)."""
        if span.kb_id_:
            return False
        company = span.label_ == "ENTERPRISE" and len(span_text(span)) <= _SHORT_COMPANY and span.id_ in self._companies
        division = self.lex.divisions.get(span.id_) if span.label_ == "DISTRICT" else None
        if not company and (division is None or span_text(span) == division.name):
            return False
        sent, whole = span.sent, text_of(span.doc)
        # jieba cuts the words around the name within its sentence, not the whole sentence
        left, right = max(sent.start_char, span.start_char - _WINDOW), min(sent.end_char, span.end_char + _WINDOW)
        text, start, end = whole[left:right], span.start_char - left, span.end_char - left
        if text[end:end + 1] in self._list_marks or not (start and _CJK.match(text, start - 1)) \
                and not _CJK.match(text, end):
            return False  # no word runs across a bound that punctuation or the sentence's edge makes
        at = 0
        for word, flag in words(text):
            w_start, at = at, at + len(word)
            if at <= start:
                continue
            if w_start >= end:
                return False
            if company:
                if w_start < start or at > end and w_start > start:
                    return True  # the form begins inside a word, or a word begins inside it and runs past it
                continue
            if (w_start < start or at > end) and not self._names_something(word, flag, span_text(span)):
                return True
        return False

    def _names_something(self, word: str, flag: str, place: str) -> bool:
        return flag in ("nz", "nt") or is_user_word(word) or self.lex.is_place(word) or self.lex.is_place_run(word) \
            or word.startswith(place) and word[len(place):] in self._division_endings

    def _pick_division(self, doc: Doc, span: Span, spans: list[Span], home: str) -> Span:
        """One division for a name several share (西湖区 of 杭州市 or of 南昌市): the one inside the place written
        right before it (「浙江杭州西湖区」), else the one of the home, else the one whose city or province the
        article names most, else the table's first."""
        keys = self.lex.place_keys(span_text(span))
        if len(keys) <= 1:
            return span
        before = {k for s in spans if s.label_ == "DISTRICT" and s.end_char == span.start_char
                  for k in self.lex.place_keys(span_text(s))}
        best = next((k for k in keys if any(self.lex.within(k, b, depth=2) for b in before)), None) \
            or next((k for k in keys if self.lex.divisions[k].parent == home or k == home), None)
        if best is None:
            name = span_text(span)
            named = Counter(k for s in spans if s.label_ == "DISTRICT" and span_text(s) != name
                            for k in self.lex.place_keys(span_text(s)))
            score = {k: sum(n for b, n in named.items() if self.lex.within(k, b, depth=2)) for k in keys}
            best = max(keys, key=lambda k: score[k]) if any(score.values()) else keys[0]
        return Span(doc, span.start, span.end, label=span.label_, kb_id=span.kb_id_, span_id=best)


def filter_spans_ordered(spans: list[Span]) -> list[Span]:
    """Keep spans in the given priority order, dropping any that overlaps one already kept.
    (``spacy.util.filter_spans`` ranks by length only; the order here also encodes rule priority.)"""
    taken: set[int] = set()
    kept = []
    seen = set()
    for span in spans:
        if (span.start, span.end) in seen:
            continue
        if any(i in taken for i in range(span.start, span.end)):
            continue
        kept.append(span)
        seen.add((span.start, span.end))
        taken.update(range(span.start, span.end))
    return kept


@Language.factory("kg_mention_filter", default_config={"data_dir": ""}, assigns=["doc.ents", "doc._.kg_home", "doc._.kg_home_county", "doc._.kg_home_zone"],
                  requires=["doc.spans"])
def make_mention_filter(nlp: Language, name: str, data_dir: str) -> MentionFilter:
    return MentionFilter(nlp, name, data_dir)
