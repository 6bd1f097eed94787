"""``kg_enumerations``: the items of a list take the type of its head noun.

「上汽、电气、华谊、华虹、光明等上海国企」, 「比如大众MEB、特斯拉、凯迪拉克、ABB等」 (in a
sentence about 企业), 「7个市级示范区（A、B、C）」 (an open list is the companies of its sentence after 比如/例如 …, not after 包括); a list closed by 「等领域」「等行业」 names sectors (no type). The last item of an open list is cut
before its verb with jieba (「比如腾讯与华为发挥各自优势」 → 华为).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.language.lexicon import load_lexicon
from kg.language.segment import cut_before_verb, trim_left
from kg.nlp.components.statistical_ner import lac_words
from kg.nlp.spans import add_candidate, text_of

__all__ = ["Enumerations", "make_enumerations"]

MAX_ITEMS = 60
_COUNT = re.compile(r"^[0-9一二三四五六七八九十百千余多]+[家个所名位批项]")
_SENTENCE = re.compile(r"[^。！？\n]+")
_ITEM_CHARS = r"(?:(?!等)[\u4e00-\u9fffA-Za-z0-9•·（）])"


class Enumerations:
    def __init__(self, nlp: Language, name: str = "kg_enumerations", data_dir: str = ""):
        self.name = name
        self.lex = lex = load_lexicon(data_dir)
        en = lex.patterns["enumeration"]
        self.item_max = en["item_max"]
        item = rf"{_ITEM_CHARS}{{1,{self.item_max}}}"
        sep = en["separators"]
        self._heads = {label: re.compile(rf"(?:{rx})") for label, rx in en["heads"].items()}
        self._sectors = re.compile(rf"(?:{en['sector_heads']})(?!{en.get('sector_not_before') or '$^'})") \
            if en.get("sector_heads") else None
        # 比如A、B、C等 / 包括A与B...
        # lists are read up to MAX_ITEMS items a match: each match attempt is bounded, so a page-long
        # list with no end is read in linear time (a longer real list keeps its last MAX_ITEMS items)
        self._triggered = re.compile(rf"(?:{en['triggers']})[，,]?((?:{item})(?:(?:{sep})(?:{item})){{1,{MAX_ITEMS}}})(等)?")
        # A、B、C等<head>
        self._headed = re.compile(rf"((?:{item})(?:、(?:{item})){{1,{MAX_ITEMS}}})等")
        # <head>（A、B、C）
        self._bracketed = re.compile(
            rf"([\u4e00-\u9fff]{{1,6}})（((?:{item}[^、（）]{{0,6}})(?:、[^、（）]{{2,16}}){{1,{MAX_ITEMS}}})）")
        self._split = re.compile(rf"(?:{sep})")
        # 比如X作为…提供商 / X作为…企业
        heads = "|".join(en["heads"]["ENTERPRISE"].split("|"))
        self._role = re.compile(rf"(?:(?:{en['triggers']})[，,]?)?({item})作为[^，。；]{{0,24}}?(?:{heads})")
        self._trigger = re.compile(en["triggers"])
        self._example = re.compile(rf"(?:{en.get('example_triggers', en['triggers'])})")
        # 「甲大学城、乙科技城等教育科研平台」: an item ending like a zone is a place, whatever the head noun
        self._zone_item = re.compile(rf".{{2,}}(?:{en['zone_items']})$") if en.get("zone_items") else None
        # 「中新、中德、中荷等平台」: countries by one character each name two countries' relations, no item
        self._country_letters = frozenset(lex.patterns["ner"].get("country_letters", ""))
        # 「向|甲、乙等企业」: LAC's preposition in a list's first item ends what is no part of it (jieba reads 向甲 as a name)
        self._lead_tags = frozenset(en.get("first_item_lead_tags", "").split())
        self._leads: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        self._leads = {a: b for a, b, tag in lac_words(doc) if tag in self._lead_tags} if self._lead_tags else {}
        for sent in _SENTENCE.finditer(text):
            s0, sentence = sent.start(), sent.group()
            # each pattern backtracks at every position: run it only where its fixed part occurs
            listed = "、" in sentence
            for m in self._headed.finditer(sentence) if listed and "等" in sentence else ():
                if self._of_sectors(sentence, m.end()):
                    continue
                label = self._head_label(sentence[m.end():m.end() + 12], prefix=True)
                if label:
                    self._add_items(doc, s0 + m.start(1), m.group(1), label, closed=True, trim_first=True)
            for m in self._triggered.finditer(sentence) if self._trigger.search(sentence) else ():
                if m.group(2) and self._of_sectors(sentence, m.end()):
                    continue
                label = self._head_label(sentence[m.end():m.end() + 8], prefix=True) if m.group(2) else None
                if not label:
                    label = self._head_label(sentence[:m.start()])
                    if label == "ENTERPRISE" and not self._example.match(sentence, m.start()):
                        continue  # 「包括A系统、B技术」 in a sentence on companies: their parts or fields
                if label:
                    self._add_items(doc, s0 + m.start(1), m.group(1), label, closed=bool(m.group(2)),
                                    split=self._split)
            for m in self._role.finditer(sentence) if "作为" in sentence else ():
                name = cut_before_verb(m.group(1))
                if name:
                    add_candidate(doc, s0 + m.start(1), s0 + m.start(1) + len(name), "ENTERPRISE", "enumeration")
            for m in self._bracketed.finditer(sentence) if listed and "（" in sentence else ():
                label = self._head_label(m.group(1), prefix=False, suffix=True)
                if label:
                    self._add_items(doc, s0 + m.start(2), m.group(2), label, closed=True)
        return doc

    def _of_sectors(self, sentence: str, after: int) -> bool:
        """The list closed by 等 at ``after`` names sectors (「汽车、医药等|领域企业」「等|13个行业」), not names."""
        return self._sectors is not None and self._sectors.match(_COUNT.sub("", sentence[after:after + 8], count=1)) \
            is not None

    def _head_label(self, context: str, prefix: bool = False, suffix: bool = False) -> str | None:
        if prefix:  # 「等13家省内外企业」: the count does not push the head noun away
            context = _COUNT.sub("", context, count=1)
        for label, rx in self._heads.items():
            if prefix:
                m = rx.search(context[:8])
                if m and m.start() <= 4:
                    return label
            elif suffix:
                if rx.search(context) and rx.search(context).end() == len(context):
                    return label
            elif rx.search(context):
                return label
        return None

    def _add_items(self, doc: Doc, start: int, listed: str, label: str, closed: bool,
                   split: re.Pattern = re.compile("、"), trim_first: bool = False) -> None:
        pos = 0
        items = []
        for m in split.finditer(listed):
            items.append((pos, listed[pos:m.start()]))
            pos = m.end()
        items.append((pos, listed[pos:]))
        for i, (offset, item) in enumerate(items):
            if i == 0 and trim_first:
                cut = trim_left(item, self.lex.lead_words)
                at = start + offset
                cut = max([cut, *(b - at for a, b in self._leads.items()
                                  if at + cut <= a and b - at <= len(item) - 2)])  # 「平台向|甲」: after the last one
                offset, item = offset + cut, item[cut:]
            if i == len(items) - 1 and not closed:
                item = cut_before_verb(item)
            if not item or len(item) > self.item_max + 8 or item in self.lex.not_entities:
                continue
            if len(item) <= 3 and set(item) <= self._country_letters and not self.lex.is_place(item):
                continue  # 「中新、中荷等平台」: two countries' cooperation, named by their letters (巴中, 英德 are places)
            own = "DISTRICT" if self._zone_item is not None and self._zone_item.match(item) else label
            add_candidate(doc, start + offset, start + offset + len(item), own, "enumeration")



@Language.factory("kg_enumerations", default_config={"data_dir": ""}, assigns=["doc.spans"])
def make_enumerations(nlp: Language, name: str, data_dir: str) -> Enumerations:
    return Enumerations(nlp, name, data_dir)
