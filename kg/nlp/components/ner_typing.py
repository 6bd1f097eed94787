"""``kg_ner_typing``: the statistical NER's proposals → typed candidates.

LAC says PER, LOC or ORG; kg needs Agency, District, Enterprise, MediaOutlet or Person. The rules
here decide, from data in ``patterns/names.yml`` (``ner``) and the lexicon:

* boundaries: a byline separator (文丨某某) or stray punctuation is cut off, a post title glued to a
  name (某某县委书记) is cut off, a place word right before a name joins it (宁州|滨江经济开发区), a
  trade word right after a company's short name joins it (宁州远航|玻璃), and a name cut short where
  the article writes it in full elsewhere is completed;
* one name gets one label in an article (the model's majority);
* ORG is typed by how the name ends (报社 → MEDIA, 委员会 → AGENCY, 有限公司 → ENTERPRISE, 工业园 →
  DISTRICT; an agency core with its jurisdiction → AGENCY; no telling ending → ENTERPRISE);
* LOC already in the division gazetteer is left to it; a county's short name (慈溪) becomes that
  county; other LOC are districts, zones and regions, except the country as such (中国, 全国);
* PER must look like a name (2–4 Chinese characters, or a transliteration with a middle dot).

Categories (城商行, 各州市财政局) and a document number's issuer code (某政办〔2020〕3号) are dropped.
Every candidate carries the rule ``ner``: the mention filter ranks it below gazetteer hits and the
agency rules, which are surer.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.language.agency import split_agency
from kg.nlp.components.statistical_ner import NER_SPANS, lac_words
from kg.language.lexicon import Lexicon, load_lexicon
from kg.language.segment import jieba_frequency, words
from kg.nlp.spans import CANDIDATES, add_candidate, candidates, span_text, text_of

__all__ = ["NerTyping", "make_ner_typing", "type_org"]

_EDGE = re.compile(r"^[^\u4e00-\u9fffA-Za-z0-9（(]+|[^\u4e00-\u9fffA-Za-z0-9）)]+$")
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}")
_COMMON_TAGS = {"n", "v", "vn", "a", "ad", "an", "d", "f", "m", "q", "l", "i", "p", "c", "u", "uj", "ul", "b", "z"}
_NOUN_TAGS = {"n", "nz", "vn", "an", "ORG", "LOC", "PER", "nw", "s", "f"}
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,3}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d")


def common_phrase(name: str, min_freq: int = 20, single_freq: int = 5000) -> bool:
    """Whether ``name`` is common words (nouns, verbs, adjectives, adverbs, locatives, each frequent in
    jieba's dictionary), not a proper name: two or more of them, or one very frequent one (农民, 地区).
    A single word of middling frequency may be a brand (首钢 and 光明 are dictionary nouns).

    >>> common_phrase("核心竞争力"), common_phrase("远阳玻璃"), common_phrase("首钢"), common_phrase("地区")
    (True, False, False, True)
    """
    found = words(name)
    if len(found) == 1:
        word, flag = found[0]
        return flag in _COMMON_TAGS and (jieba_frequency(word) or 0) >= single_freq
    for word, flag in found:
        if flag not in _COMMON_TAGS or (jieba_frequency(word) or 0) < min_freq:
            return False
    return True


def type_org(name: str, lex: Lexicon, endings: list[tuple[str, re.Pattern]]) -> str | None:
    """kg's label for a name the NER calls an organisation (None: not an entity).

    >>> from kg.language.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> rows = NerTyping.endings(lex)
    >>> [type_org(n, lex, rows) for n in ("江城日报社", "宁州市工业和信息化局", "远航机械股份有限公司", "鼎新科技")]
    ['MEDIA', 'AGENCY', 'ENTERPRISE', 'ENTERPRISE']
    """
    if lex.is_place(name):
        return "DISTRICT"
    for label, rx in endings:
        if rx.search(name):
            return None if label == "NONE" else label
    if split_agency(name, lex).core is not None:
        return "AGENCY"
    return "ENTERPRISE"


_PLACE_JOINERS = ("、", "和", "与", "及")  # 「甲、乙和丙」: places listed together


class NerTyping:
    def __init__(self, nlp: Language, name: str = "kg_ner_typing", data_dir: str = ""):
        self.name = name
        self.lex = lex = load_lexicon(data_dir)
        self.org_endings = self.endings(lex)
        ner = lex.patterns["ner"]
        self._generic = re.compile(ner["generic"])
        self._not_district = set(ner["not_district"].split())
        self._place_ending = re.compile(rf"(?:{ner['place_endings']})$")
        self._venue = re.compile(rf"(?:{ner['venue_endings']})$") if ner.get("venue_endings") else None
        self._city_institution = re.compile(rf"(?:{ner['city_institution_endings']})$") \
            if ner.get("city_institution_endings") else None
        self._chained_endings = tuple(ner.get("chained_place_endings", "").split())  # 「某市|某某村」: two places
        self._adjectival = re.compile(ner["adjectival"])
        self._country_letters = set(ner["country_letters"])
        self._outlet = re.compile(rf"(?:{ner['outlet_endings']})$")
        self._tails = set(ner["institution_tails"].split())
        self._tail_tuple = tuple(self._tails)
        self._inner_joiners = set(ner.get("inner_joiners", "").split())
        self._not_person = set(ner["not_person"].split())
        self._titles = re.compile(rf"(?:{'|'.join(map(re.escape, lex.titles))})$")
        self._subsidiary = re.compile(lex.patterns["relations"]["subsidiary"])
        guard = ner.get("guarded_context") or {}
        self._guard_after = re.compile(f"(?:{guard['after']})") if guard.get("after") else None
        self._guard_joiners = sorted(guard.get("list_joiners", "").split(), key=len, reverse=True)
        self._company_ending = next((rx for label, rx in self.org_endings if label == "ENTERPRISE"), None)

    @staticmethod
    def endings(lex: Lexicon) -> list[tuple[str, re.Pattern]]:
        return [(label, re.compile(rf"(?:{rx})$")) for label, rx in lex.patterns["ner"]["org_endings"]]

    def __call__(self, doc: Doc) -> Doc:
        self._drop_unconfirmed_names(doc, text_of(doc), lac_words(doc))
        if NER_SPANS not in doc.spans:
            return doc
        text = text_of(doc)
        words = lac_words(doc)
        self._drop_unconfirmed_places(doc, text, words)
        places = self._place_words(text, words)
        trades = self._trade_words(text, words)
        tails = self._tail_words(text, words)
        proposals = []
        for start, end, span_label in self._joined(text, doc.spans[NER_SPANS]):
            start, end = self._trim(text, start, end)
            opened = self._bracketed_start(text, words, start, end)
            if opened is not None:  # 阿斯利康|（|中国）投资有限公司: the name reaches back over its bracket
                proposals.append((opened, end, "ORG"))
                continue
            if span_label in ("ORG", "LOC"):
                start = places.get(start, start)  # 大连|远航 → 大连远航
                end = self._cut_title(text, start, end)
                if span_label == "ORG" and type_org(text[start:end], self.lex, self.org_endings) == "ENTERPRISE" \
                        and not self._telling(text[start:end]):
                    end = trades.get(end, end)  # 宁州远航|玻璃
                end = tails.get(end, end) if span_label == "ORG" else end  # 某某生态|创新中心
            if span_label == "ORG":
                proposals += self._split_parent(text, start, end)
            elif end - start >= 2:
                proposals.append((start, end, span_label))
        for start, end, label in self._agree(text, proposals):
            if _DOC_NUMBER.match(text, end):
                continue  # 某政办〔2020〕3号: the issuer code of a document number
            if text[start:end] in self.lex.countries:
                label = "LOC"  # 马拉维 is a country, whatever the model says in this sentence
            if label == "PER":
                self._person(doc, text, start, end)
            elif label == "nz" and self._outlet.search(text[start:end]):
                add_candidate(doc, start, end, "MEDIA", "ner")  # 某某新闻网/nz: a news site
            elif label in ("ORG", "LOC"):
                self._organisation_or_place(doc, text, start, end, label)
        return doc

    def _drop_unconfirmed_places(self, doc: Doc, text: str, words) -> None:
        """A district's or a city's short name (和平 for 天津市和平区, 朝阳, 南岸; 日照 of 日照时数) is also a common
        word: the gazetteer's hit stands only where the model reads a place or a name starting there, or a run of
        places holding it (「湖北宜昌」 read as one name)."""
        starts = {w[0] for w in words if w[2] in ("LOC", "ORG", "nz")}
        runs = [(w[0], w[1]) for w in words if w[2] in ("LOC", "ORG", "nz") and self.lex.is_place_run(text[w[0]:w[1]])]
        spans = candidates(doc)
        place_starts = {s.start_char for s in spans if s.label_ == "DISTRICT"}
        place_ends = {s.end_char for s in spans if s.label_ == "DISTRICT"}
        kept = []
        for span in spans:
            div = self.lex.divisions.get(span.id_) if span.label_ == "DISTRICT" and not span.kb_id_ else None
            if div is not None and div.level in ("county", "prefecture") and span.text != div.name \
                    and span.start_char not in starts \
                    and not (div.level == "prefecture" and self._city_confirmed(text, span, runs, place_starts,
                                                                             place_ends)):
                continue
            kept.append(span)
        doc.spans[CANDIDATES] = kept

    @staticmethod
    def _city_confirmed(text: str, span, runs, place_starts, place_ends) -> bool:
        """A city's short name LAC reads as no place of its own is one inside a run of places LAC reads as one name
        (「湖北宜昌」) or listed next to another place (「白银、某市和某市」)."""
        a, b = span.start_char, span.end_char
        return any(x <= a and b <= y for x, y in runs) \
            or text[b:b + 1] in _PLACE_JOINERS and b + 1 in place_starts \
            or a >= 1 and text[a - 1] in _PLACE_JOINERS and a - 1 in place_ends

    def _drop_unconfirmed_names(self, doc: Doc, text: str, words) -> None:
        """Gazetteer hits the text around them does not bear out: a Latin name glued to more letters
        (:meth:`_glued_latin`), a company's short form opening a longer company name (:meth:`_opens_company`),
        a guarded short form its context does not confirm (:meth:`_confirmed_guarded`)."""
        spans = candidates(doc)
        if not spans:
            return
        kept = self._opens_company(self._glued_latin(spans, text), text, words)
        guarded = [s for s in kept if self._is_guarded(s)]
        if guarded:
            confirmed = self._confirmed_guarded(guarded, kept, text, words)
            kept = [s for s in kept if not self._is_guarded(s) or (s.start_char, s.end_char) in confirmed]
        doc.spans[CANDIDATES] = kept

    @staticmethod
    def _glued_latin(spans, text: str) -> list:
        """Without the Latin names glued to more letters or digits (3M of 3MW, HP of HPC): pieces of a longer word."""
        glued = lambda i: 0 <= i < len(text) and text[i].isascii() and text[i].isalnum()  # noqa: E731
        return [s for s in spans if s.kb_id_ or s.label_ == "DISTRICT"
                or not ((glued(s.start_char) and glued(s.start_char - 1)) or (glued(s.end_char - 1) and glued(s.end_char)))]

    def _opens_company(self, spans, text: str, words) -> list:
        """Without a company's short form that opens a longer company name the NER reads (奥迪|一汽新能源公司,
        远航|汽车销售有限公司): it is that name's first word, not the company of the gazetteer."""
        if self._company_ending is None:
            return spans
        opening = {a: b for a, b, tag in words if tag == "ORG" and self._company_ending.search(text, a, b)}
        return [s for s in spans if s.kb_id_ or s.label_ != "ENTERPRISE" or opening.get(s.start_char, 0) <= s.end_char]

    def _is_guarded(self, span) -> bool:
        """A gazetteer hit on a guarded short form (``Lexicon.guarded``: 理想, 平安, 美的, 三星)."""
        text = span_text(span)
        return not span.kb_id_ and text in self.lex.guarded and self.lex.guarded[text][1] == span.id_

    def _confirmed_guarded(self, pending, kept, text: str, words) -> set[tuple[int, int]]:
        """The offsets of the guarded short forms the context makes the company: a company word follows (美的旗下:
        ``guarded_context.after``), alone or in an organisation the NER reads (理想汽车); it stands in a list next
        to another company (「华为、小米等」); or the NER reads an organisation or proper noun exactly there in an
        article that names the company by an unguarded form or reads this short form surely elsewhere. A common
        word is not confirmed by another place of the article alone (理想信念 beside 理想、蔚来等车企)."""
        named = {s.id_ for s in kept if not s.kb_id_ and not self._is_guarded(s)}
        tags = {(a, b): tag for a, b, tag in words}
        organisations = [(a, b) for a, b, tag in words if tag == "ORG"]
        after = self._guard_after
        confirmed: set[tuple[int, int]] = set()
        for s in pending:  # the sure readings: a company word after it, or in the organisation the NER reads
            a, b = s.start_char, s.end_char
            if after is not None and (after.match(text, b) or any(x == a and y > b and after.match(text[:y], b)
                                                                  for x, y in organisations)):
                confirmed.add((a, b))
        companies = set(organisations) | {(s.start_char, s.end_char) for s in kept
                                          if s.label_ == "ENTERPRISE" and not s.kb_id_ and not self._is_guarded(s)}
        for _ in range(3):  # a list confirms its members one after the other
            ends = {e for _, e in companies | confirmed}
            starts = {a for a, _ in companies | confirmed}
            grown = False
            for s in pending:
                a, b = s.start_char, s.end_char
                if (a, b) in confirmed:
                    continue
                if any(text.startswith(j, a - len(j)) and a - len(j) in ends for j in self._guard_joiners) \
                        or any(text.startswith(j, b) and b + len(j) in starts for j in self._guard_joiners):
                    confirmed.add((a, b))
                    grown = True
            if not grown:
                break
        # the NER's reading of the short form alone (LAC reads 平安 of 平安中国 and a fruit 苹果 as ORG too) counts only
        # in an article that names the company or reads this short form surely somewhere
        sure = {s.text for s in pending if (s.start_char, s.end_char) in confirmed}
        for s in pending:
            read = tags.get((s.start_char, s.end_char))
            if s.id_ in named and (not words or read in ("ORG", "nz", "nw", "PER", "LOC")) \
                    or s.text in sure and read in ("ORG", "nz"):
                confirmed.add((s.start_char, s.end_char))
        return confirmed

    # -- boundaries --------------------------------------------------------------
    @staticmethod
    def _trim(text: str, start: int, end: int) -> tuple[int, int]:
        bar = text.rfind("丨", start, end)  # a byline's separator (文丨某某, 来源丨某社) is never inside a name
        if bar >= 0:
            start = bar + 1
        lead = _EDGE.match(text[start:end])
        if lead:
            start += lead.end()
        tail = _EDGE.search(text[start:end])
        if tail:
            end = start + tail.start()
        return start, end

    def _joined(self, text: str, spans) -> list[tuple[int, int, str]]:
        """「某某大学海洋科学与|生态工程实验室」: an organisation the model cut after a joiner (与 和 及) inside it, the
        rest an organisation ending with an institution word, is one name (the training gold names such bodies whole);
        not where what comes before the joiner is a whole organisation's name (「宁州大学与|远航研究院」: two bodies)."""
        out: list[tuple[int, int, str]] = []
        for span in spans:
            start, end, label = span.start_char, span.end_char, span.label_
            if out and label == "ORG" and out[-1][2] == "ORG" and out[-1][1] == start \
                    and out[-1][1] - out[-1][0] >= 3 and text[start - 1] in self._inner_joiners \
                    and text.endswith(self._tail_tuple, start, end) \
                    and not any(rx.search(text, out[-1][0], start - 1) for _label, rx in self.org_endings):
                out[-1] = (out[-1][0], end, "ORG")
                continue
            out.append((start, end, label))
        return out

    def _split_parent(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """某集团控股子公司某某有限公司 is two names: the parent and the subsidiary."""
        m = self._subsidiary.search(text, start, end)
        if m is None or m.start() - start < 2 or end - m.end() < 2:
            m = self._verb_inside(text, start, end)
        if m is None or m.start() - start < 2 or end - m.end() < 2:
            return [(start, end, "ORG")] if end - start >= 2 else []
        return [(start, m.start(), "ORG"), (m.end(), end, "ORG")]

    def _verb_inside(self, text: str, start: int, end: int):
        """某区建设某某中心: a clause the model read as one name; the verb splits it."""
        pos = start
        for word, flag in words(text[start:end]):
            if pos > start and flag.startswith("v") and word in self.lex.lead_words:
                return re.compile(re.escape(word)).search(text, pos, end)
            pos += len(word)
        return None

    @staticmethod
    def _bracketed_start(text: str, words, start: int, end: int) -> int | None:
        """Where a name starts that the model cut inside a bracket: 「X（中国）投资有限公司」 read as 「中国）…」."""
        close = text.find("）", start, end)
        if close < 0 or "（" in text[start:close] or start == 0 or text[start - 1] != "（":
            return None
        before = next((w for w in words if w[1] == start - 1 and w[2] in ("ORG", "LOC", "nz", "n", "PER")), None)
        return before[0] if before is not None else None

    def _cut_title(self, text: str, start: int, end: int) -> int:
        """某某县委书记 → 某某县委: a post title is not part of the body's name."""
        m = self._titles.search(text, start, end)
        return m.start() if m and m.start() - start >= 2 else end

    def _trade_words(self, text: str, words) -> dict[int, int]:
        """start → end of each trade word that closes its phrase (followed by punctuation, a function
        word or a verb, not by another noun)."""
        out = {}
        for word, nxt in zip(words, [*words[1:], None]):
            if text[word[0]:word[1]] in self.lex.industry_words and (nxt is None or nxt[2] not in _NOUN_TAGS):
                out[word[0]] = word[1]
        return out

    def _tail_words(self, text: str, words) -> dict[int, int]:
        """start → end of an institution word right after a name (创新中心, 研究院, 实验室)."""
        return {w[0]: w[1] for w in words if text[w[0]:w[1]] in self._tails} | {
            a[0]: b[1] for a, b in zip(words, words[1:]) if a[1] == b[0] and text[a[0]:b[1]] in self._tails}

    def _zone_like(self, name: str) -> bool:
        return type_org(name, self.lex, self.org_endings) == "DISTRICT" and not self.lex.is_place(name)

    def _telling(self, name: str) -> bool:
        """Whether the name ends with a word that types it (有限公司, 委员会, 日报 ...)."""
        return any(rx.search(name) for _label, rx in self.org_endings)

    def _place_words(self, text: str, words) -> dict[int, int]:
        """start of a name → start of the division name(s) right before it (大连|远航, 宁州|滨江经济开发区);
        a country or region before a name is a word of its own (中国|东盟, 中国|驻美)."""
        out: dict[int, int] = {}
        for prev, word in zip(words, words[1:]):
            if prev[1] != word[0]:
                continue
            if prev[2] == "LOC" and word[2] == "LOC" and self._zone_like(text[word[0]:word[1]]) \
                    and text[prev[0]:prev[1]] not in self.lex.countries:
                out[word[0]] = out.get(prev[0], prev[0])  # 东湖|云谷科技园: a place word names the zone
                continue
            if not self.lex.is_place(text[prev[0]:prev[1]]):
                continue
            if word[2] == "LOC" and self._chained_endings and word[1] - word[0] >= 3 \
                    and text.endswith(self._chained_endings, word[0], word[1]):
                continue  # 某市|某某村: a village or a subdistrict after its place is a place of its own
            if word[2] == "LOC" and self._county_in(text[word[0]:word[1]], text[prev[0]:prev[1]]):
                continue  # 某省|某某 (a county's short name after its province or city): a place of its own
            if word[2] == "ORG" or word[2] == "LOC" and not self.lex.is_place(text[word[0]:word[1]]):
                out[word[0]] = out.get(prev[0], prev[0])
        return out

    def _county_in(self, short: str, place: str) -> bool:
        """``short`` is the short name of a county that lies in the division ``place`` names (湖北|兴山, 甘肃|临洮)."""
        counties = self.lex.short_names.get(short, ())
        return any(self.lex.within(key, outer) for key in counties for outer in self.lex.place_keys(place))

    @staticmethod
    def _agree(text: str, proposals: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Make the article's proposals agree: a name cut short where the full name stands elsewhere
        is extended (远航新能源全球|研发中心), and one name gets one label, the one the model
        gives it most often (a brand read as ORG six times and PER once)."""
        names: dict[str, dict[str, int]] = {}
        for start, end, label in proposals:
            votes = names.setdefault(text[start:end], {})
            votes[label] = votes.get(label, 0) + 1
        longer = sorted((n for n, v in names.items() if set(v) & {"ORG", "LOC"}), key=len, reverse=True)
        out = []
        for start, end, label in proposals:
            name = text[start:end]
            if label in ("ORG", "LOC"):
                full = next((n for n in longer if len(n) > len(name) and n.startswith(name)
                             and text.startswith(n, start)), None)
                if full:
                    end = start + len(full)
                    name = full
            votes = names.get(name, {label: 1})
            best = max(votes.items(), key=lambda kv: (kv[1], kv[0] == label))[0]
            out.append((start, end, best))
        return out

    # -- typing ------------------------------------------------------------------
    def _organisation_or_place(self, doc: Doc, text: str, start: int, end: int, label: str) -> None:
        name = text[start:end]
        if name in self.lex.not_entities or name in self._not_district or self._generic.search(name) \
                or name in self.lex.titles:
            return
        if self.lex.is_place(name) or self.lex.is_place_run(name):
            return  # the gazetteer has it (or each of its parts), with the division
        if self._venue is not None and len(name) > 3 and self._venue.search(name):
            label = "ORG"  # 某某起义纪念馆 (LAC: a place): the body that runs the venue, typed by its ending
        if label == "ORG" and self._city_institution is not None and self._city_institution.search(name):
            start += self._province_before_place(name)  # 某省宁州市博物馆 → 宁州市博物馆: named by its own city
            name = text[start:end]
        if label == "LOC":
            short = self.lex.short_names.get(name)
            if short:
                add_candidate(doc, start, end, "DISTRICT", "ner", self._pick(short, text))
                return
            if self._adjectival.match(text, end) or common_phrase(name) or self._cut_place(name) \
                    or all(c in self._country_letters for c in name):
                return  # 中国|式现代化, 美丽乡村, 宁州市|科技: not a place named here
            add_candidate(doc, start, end, "DISTRICT", "ner")
            return
        typed = type_org(name, self.lex, self.org_endings)
        if typed == "ENTERPRISE" and not self._telling(name) and common_phrase(name):
            return  # 核心竞争力, 规模以上工业企业: common words, not a name
        if typed:
            add_candidate(doc, start, end, typed, "ner")

    def _province_before_place(self, name: str) -> int:
        """The length of a province opening ``name`` right before a division of its own (某省|宁州市博物馆), else 0."""
        for k in range(min(len(name) - 4, 8), 1, -1):  # the longest reading first (某省, not 某)
            keys = self.lex.place_keys(name[:k])
            if keys and all(self.lex.divisions[key].level == "province" for key in keys):
                rest = name[k:]
                if any(self.lex.place_keys(rest[:j]) for j in range(2, min(len(rest) - 2, 9))):
                    return k
                return 0
        return 0

    def _cut_place(self, name: str) -> bool:
        """宁州市科技 (of 宁州市科技局): a known place followed by what is no place name."""
        for k in range(len(name) - 2, 1, -1):
            if self.lex.is_place(name[:k]):
                rest = name[k:]
                return jieba_frequency(rest) is not None and not self._place_ending.search(rest) \
                    and type_org(rest, self.lex, self.org_endings) != "DISTRICT"
        return False

    def _pick(self, keys: tuple[str, ...], text: str) -> str:
        """The county a short name means: the one whose city or province the article names."""
        for key in keys:
            parent = self.lex.divisions[key].parent
            province = self.lex.province_of(parent)
            names = [parent, province, *(self.lex.divisions[k].alias for k in self.lex.place_keys(parent))]
            if any(n and n in text for n in names):
                return key
        return keys[0]

    def _person(self, doc: Doc, text: str, start: int, end: int) -> None:
        name = text[start:end]
        if not _PERSON.fullmatch(name) or name in self._not_person or name in self.lex.not_entities:
            return
        if self._titles.search(name):
            return
        add_candidate(doc, start, end, "PERSON", "ner")


@Language.factory("kg_ner_typing", default_config={"data_dir": ""}, assigns=["doc.spans"], requires=["doc.spans"])
def make_ner_typing(nlp: Language, name: str, data_dir: str) -> NerTyping:
    return NerTyping(nlp, name, data_dir)
