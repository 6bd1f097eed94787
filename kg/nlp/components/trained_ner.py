"""``kg_trained_ner``: a CRF trained on annotated articles (``kg train``, :mod:`kg.training.ner`) decides
which names the article has and where they begin and end.

It runs after the rule components and before the mention filter, and reads what they found (their
candidates and, with ``lac_words``, LAC's words are features of the model; a model trained without LAC's
words runs without LAC, which is most of the extraction time). How its spans meet the rules' candidates is the
``mode``:

* ``arbitrate`` (default): every rule candidate and every span of the model's best labelling is scored
  by the model's probability that it is an entity of its label (a candidate may be relabelled when the
  model is surer of another label); the most probable ones, at least ``threshold``, not overlapping,
  are the candidates the mention filter sees (``label_thresholds`` may ask more of some labels). A rule
  candidate keeps its canonical name (a short agency name completed with the article's jurisdiction); candidates of ``keep_rules`` (exact rules: speaker
  markers, bylines, alias definitions, quoted and 《》 names) count as certain. A span no rule proposed needs
  ``new_threshold`` (per label ``new_thresholds``) and may not be a whole quotation, join two names of its label
  or overlap a trusted name; ``model_labels`` can leave some labels to the rules and LAC. Trusted too: places
  with a division ending, foreign countries, states' formal names and transliterated places (``trusted_countries``;
  the home country only in an article naming a foreign one), dotted full names (``trusted_dotted_names``), a
  company's full legal name right after 子公司/旗下 (SUBSIDIARY_LEGAL_NAME) and a company right before 旗下 (its
  parent, PARENT_BEFORE).
  ``source_thresholds`` sets what one source's candidates need instead of ``threshold`` (LAC's organisations: 0.2);
  with ``fragment_filter`` (:class:`Fragments`) no candidate of an inexact rule and no new span that is a piece
  of text (「…和」「18家企业」) is kept, a new span's lead verb and an initiative's trailing 建设 are cut off,
  and a named place's 人民政府 is trusted;
* ``viterbi``: the model's best labelling's spans are the mentions; a rule candidate with the same bounds
  stays (with its canonical name) and takes the model's label; a candidate the model has no span over
  stays only when its rule is in ``keep_rules``;
* ``join``: the model's spans are added as candidates with rule ``trained_ner`` (the filter ranks them
  with the others).

Serialisable: ``to_disk``/``from_disk`` write/read ``model.crfsuite`` and ``cfg.json``; the factory's
``model_dir`` loads a saved component's folder directly.
"""
from __future__ import annotations

import json
import re
import shutil
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KgError
from kg.language.segment import words as segment_words
from kg.nlp.components.statistical_ner import lac_words
from kg.nlp.spans import CANDIDATES, ORGS, add_candidate, candidates, span_text, text_of

__all__ = ["TrainedNer", "make_trained_ner", "ModelError", "ner_input", "MODEL_FILE", "MODES", "TRAINED_RULE",
           "saved_feature_groups"]

MODEL_FILE = "model.crfsuite"
CONFIG_FILE = "cfg.json"
MODES = ("arbitrate", "viterbi", "join")
TRAINED_RULE = "trained_ner"
# certain candidates: exact rules, and quoted and 《》 names (the model never vetoes them; benchmarks/ner.md)
# 「远丰（中国）公司」「X（宁州）有限公司」: a company named with its country or place in brackets, a naming pattern the
# rules read exactly (a model trained on few such names scores them low)
BRACKETED_PLACE_COMPANY = re.compile(r"^[^（）()]{2,}[（(][^（）()]{1,8}[）)][^（）()]*(?:公司|集团)$")
# 「约翰·史密斯」「买买提·艾力」: a transliterated full name, given name and family name joined by a middle dot
DOTTED_NAME = re.compile(r"^[\u4e00-\u9fff]{2,8}[·•・][\u4e00-\u9fff]{2,10}(?:[·•・][\u4e00-\u9fff]{2,10})?$")
# 「某公司全资子公司|某某科技有限公司」: a company's full legal name right after the words introducing it as a subsidiary
SUBSIDIARY_LEGAL_NAME = re.compile(r"(?:子公司|旗下)$")
# 「某某新能源|旗下…」: what has something 旗下 (under its banner) is an organisation, the subsidiary's parent
PARENT_BEFORE = re.compile(r"旗下")
LEGAL_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司)$")
BARE_LEGAL_FORM = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|公司|集团)$")
DASHES = "—－-–"  # 「老挝—中国友好协会」: two countries' names joined in one organisation's name
DOTS = "·•・"  # the middle dots of a transliterated full name (DOTTED_NAME)
# (the route rule, a line or work named by its two ends 「甲至乙高速公路」, kg_name_patterns: the CRF saw one such name in
# the training gold and reads a person or a place in an end it does not know, 「某某(PER)至某桥一级公路」; kept or not,
# held-out and the cross-validations score the same, benchmarks/ner.md; the bracketed_zone rule, 「中国（某省）自贸试验区
# 某某片区」, a free trade zone's official name the CRF reads as a country, a place and a zone kind)
DEFAULT_KEEP_RULES = ("speaker_marker", "byline", "source_line", "alias_definition", "quoted_name", "book_title",
                      "quoted_programme", "route", "bracketed_zone")
DEFAULT_THRESHOLD = 0.5
# rules that read a name exactly: their candidates are never taken for fragments (Fragments)
EXACT_RULES = ("kg_gazetteer", "book_title", "quoted_name", "quoted_system", "quoted_programme")
# rules whose candidates keep their label and count at least DEFAULT_TRUSTED_FLOOR probable; spans no rule
# proposed need DEFAULT_NEW_THRESHOLD (chosen by cross-validation and the sample, benchmarks/ner.md)
# (an enumeration's companies, places and outlets, not its initiatives: 「具有图像生成和编辑能力」「A、B等功能平台」
# list abilities and functions as often as platforms, so the model decides those; benchmarks/ner.md); the body before a
# post title (post_employer: 文远知行|副总裁, a brand the model reads as a person; cross-validation full-length 0.806 /
# relations 0.623 trusted, 0.806 / 0.622 untrusted, short 0.884 / 0.754 and 0.883 / 0.752)
DEFAULT_TRUSTED_RULES = ("kg_gazetteer", "book_title", "branch", "quoted_name", "quoted_system", "enumeration:ENTERPRISE",
                         "enumeration:DISTRICT", "enumeration:MEDIA", "initiative_suffix", "agency_core",
                         "post_employer")
DEFAULT_TRUSTED_FLOOR = 0.5
DEFAULT_NEW_THRESHOLD = 0.8
DEFAULT_LABEL_THRESHOLDS = {"INITIATIVE": 0.6}  # chosen by cross-validation (benchmarks/ner.md)
# the labels the model decides (empty: all); other labels' candidates are left to the rules and LAC ("pass": the
# mention filter sees them as without the model; "keep": they are certain in the arbitration)
DEFAULT_MODEL_LABELS: tuple[str, ...] = ()
DEFAULT_OTHER_LABELS = "pass"
# a span no rule proposed needs this much per label (else DEFAULT_NEW_THRESHOLD), and is never a whole “…”
# (the quoted-name rules decide those): chosen by cross-validation and the sample (benchmarks/ner.md)
DEFAULT_NEW_THRESHOLDS = {"INITIATIVE": 0.85}
# what a span no rule proposed needs instead when it reads as a programme named by its content (names.yml
# ``ner.programme_name``: 「某某改革综合试点」「某某提升三年行动」「某某攻关工程」, four characters or more before
# the kind, in one clause; above 1: no such relief). Cross-validation with the fold CRFs: full-length (t6) 0.821 / 0.699
# at 1.01, 0.822 / 0.699 at 0.7 and 0.6 (Initiative 0.660, 0.667, 0.665); short 0.895 / 0.763 at 1.01 and 0.7, 0.894 /
# 0.762 at 0.6 (a place and its park read as one 「某县某某产业园项目」); the sample 0.951 / 0.941 at each
DEFAULT_PROGRAMME_THRESHOLD = 0.7
DEFAULT_QUOTES_TO_RULES = True
# a place (LAC's or a rule's) of three or more characters with a division ending is trusted (figures' places)
DEFAULT_TRUSTED_PLACE_ENDINGS = ("省", "市", "县", "区", "州", "镇", "乡")
# foreign countries and world regions (lexicon/countries.txt, a state's formal name: patterns ``ner.state_forms``) read
# as a place by LAC or a rule are trusted places; the home country's own names (``ner.own_country``: 中国) only in an
# article that names a foreign one (elsewhere 中国 is mostly in slogans and titles, not annotated; benchmarks/ner.md)
DEFAULT_TRUSTED_COUNTRIES = True
# LAC's person named in full with a middle dot (DOTTED_NAME) is a trusted person
DEFAULT_TRUSTED_DOTTED_NAMES = True
# what a candidate of one source needs instead of ``threshold``: ``rule/LABEL`` or ``rule`` (``ner`` is LAC's reading;
# not ``rule:LABEL``, a key spaCy's config file cannot hold);
# LAC's organisations are kept from 0.2 when nothing surer overlaps them (cross-validation and MSRA, benchmarks/ner.md);
# its companies from 0.35 (full-length articles: LAC reads many common nouns as companies, 中德|商业, 高新科技|专业;
# cross-validation on them and on the short articles, benchmarks/ner.md); the suffix rule's platforms, systems and
# projects the model decides (Fragments.untrusted_thing) from 0.2 (the same cross-validation is flat from 0.5 to 0.15:
# short 0.871 at 0.5/0.4/0.3, 0.873 at 0.3/0.25/0.2, 0.874 at 0.25/0.2/0.15 after later rules, full-length 0.783 /
# 0.782 at 0.3 / 0.25, 0.785 at 0.25 / 0.2; the choice within that flat region is the bundled sample's: its platform
# listed after 「其中」 scored 0.28 with one 262-article model and under 0.25 with the next, benchmarks/ner.md); the
# quoted names without a programme's ending (Fragments.loose_quote) from 0.15 (cross-validation, benchmarks/ner.md)
DEFAULT_SOURCE_THRESHOLDS: dict[str, float] = {"ner/AGENCY": 0.2, "ner/ENTERPRISE": 0.35, "ner/MEDIA": 0.2,
                                               "initiative_suffix": 0.2, "quoted_name": 0.15}
# an organisation LAC reads around a trusted place scores at least as the place (TrainedNer._org_around_place)
DEFAULT_ORG_AROUND_PLACE = True
# a trusted name scores at least as a shorter reading of its label inside it (TrainedNer._trusted_outer)
DEFAULT_TRUSTED_OUTER = True
OTHER_LABEL_MODES = ("pass", "keep")


class ModelError(KgError):
    """A trained model folder that is missing, incomplete or unreadable."""


@dataclass(frozen=True)
class Fragments:
    """What no name looks like, and one naming pattern that is sure (``names.yml`` ``ner:``): a span ending in a
    connective (「某某省工业和」), starting with a count or a determiner (「18家企业」「上述项目」) or with an
    unclosed bracket or quotation mark is a piece of text, not a name; so is an organisation or project of one
    character or ending in a post title, and a project named by its category (「…重大项目」). A span starting
    with a lead word LAC tags as a verb, adverb, conjunction or preposition (「推进某某工程」) starts after it; an
    initiative's trailing 建设/布局/试点 is not part of it. 「某某市人民政府」 is an agency whatever the model says
    (``trusted_government``). Chosen by cross-validation: ``benchmarks/ner.md``."""

    tails: re.Pattern
    min_length: int
    count_head: re.Pattern
    lead_words: frozenset[str]
    lead_tags: frozenset[str]
    title_tail: re.Pattern  # 「某某书记」: a person with the post, not an organisation or a project
    generic_initiative: re.Pattern
    initiative_trailing: re.Pattern
    trusted_government: re.Pattern  # 「某某市人民政府」: an agency by its naming pattern alone
    verb_tags: frozenset[str] = frozenset()  # LAC's tags of a verb (verb_bounds)
    verb_labels: frozenset[str] = frozenset()  # the labels verb_bounds applies to
    verb_rest: int = 4  # verb_bounds cuts no name shorter than this
    level_chars: frozenset[str] = frozenset()  # 「区地县」「地州市」: division levels, no place's name
    status_bracket: re.Pattern | None = None  # 「（试行）」: a document's status, in no organisation's name
    subunit: re.Pattern | None = None  # a sub-unit of a body (relations' post_subunit: 「研究局」「某某司」)
    title_head: re.Pattern | None = None  # a post title opening the text after a span
    complements: frozenset[str] = frozenset()  # 「用好|开展好」: a verb's complement, never a name's first character
    address: re.Pattern | None = None  # 「陈阿姨」「赵厂长」: a surname and a form of address or a post, no person's name
    place_chain: re.Pattern | None = None  # 「某某镇某某村」: two places run together, each named on its own
    company_unit: re.Pattern | None = None  # 「某某有限公司|公共事务部」: a company's department, named by the company
    given_adverbs: frozenset[str] = frozenset()  # 「张有|才」: adverbs that are also given names' last characters
    generic_company: re.Pattern | None = None  # 「专业合作社」「初创公司」「下游」: a kind of business, no organisation
    in_china: re.Pattern | None = None  # 「在华」「来华」: 华 is China, after these verbs (TrainedNer._in_china)
    country_letters: frozenset[str] = frozenset()  # 「美」「德」: a country by one character
    generic_place: re.Pattern | None = None  # 「自由贸易试验区」「国家级经济技术开发区」「大城市」: a kind of place
    thing_rule: str = ""  # the suffix rule whose things (thing_ending) are not trusted (TrainedNer._trusted)
    thing_ending: re.Pattern | None = None  # 「…平台」「…系统」「…项目」: a thing, not a programme (「…行动」「…计划」)
    invested_before: re.Pattern | None = None  # 「投资8亿元的|…项目」: a project named after its investment
    quote_rule: str = ""  # the quoted-name rule whose names without a programme ending are not certain (loose_quote)
    quote_ending: re.Pattern | None = None  # 「…行动」「…平台」「…大会」: a quoted name that ends like a programme
    company_institute: re.Pattern | None = None  # 「某某集团研究院」「某某集团五院」: a company's institute, an Enterprise
    company_lead: re.Pattern | None = None  # 「企业|某某科技有限公司」: a kind of company before the company's name
    sector_after: re.Pattern | None = None  # 「产业」「资源」: what follows a place and a trade naming a sector
    sector_trades: frozenset[str] = frozenset()  # 「能源」「文旅」: trades a place's sector is named by
    place_prefixes: frozenset[str] = frozenset()  # every division's name and short name (the lexicon's)
    peoples_organisation: re.Pattern | None = None  # 「某市妇联」「某省科协」: people's organisations, no entity
    purpose_marks: frozenset[str] = frozenset()  # 「为」「为了」: a verb right after one opens a purpose clause
    honorific: re.Pattern | None = None  # 「某某之乡」「某某之都」: a title a place is given, no name
    body_unit: re.Pattern | None = None  # 「某部|某某司」「某公司|某某中心」: a body and a sub-unit of it
    post_head: re.Pattern | None = None  # 「所长」「负责人」: a post title or job role
    post_lead: re.Pattern | None = None  # 「原」「时任」: what may open a post title (「原所长」)
    institution: re.Pattern | None = None  # 「某银行|某某中心」: a public institution of a body's, no sub-unit of it
    coordination_joiners: frozenset[str] = frozenset()  # 「甲中心|与|乙中心」: joiners of two names with one head
    accompanying: tuple[str, ...] = ()  # 「甲局|会同|乙机关」: words that join a name to what acts with it
    occurrences: re.Pattern | None = None  # 「举办2次|某某对话」「多届|某某锦标赛」: how often an event was held
    thing_place: re.Pattern | None = None  # 「某某储能电站」「某某供应链平台」: a work or a thing, never a place
    chained_endings: tuple[str, ...] = ()  # 「某县某镇|某某村」: a village's or a subdistrict's ending (chained_place)
    place_levels: tuple[str, ...] = ()  # the level endings of a place a chained place may follow
    chained_not: tuple[str, ...] = ()  # 「某市美丽|乡村」: common nouns with a village's ending, no chained place
    programme_name: re.Pattern | None = None  # 「某某综合试点」「某某三年行动」: a programme named by its content
    world_regions: frozenset[str] = frozenset()  # 「大洋洲」「大西洋」: continents, oceans, world regions (no District)
    landscape: re.Pattern | None = None  # 「某某水乡」「某南山区」「某某湿地」: a landscape, no place's name
    place_run: Callable[[str], tuple[str, ...]] | None = None  # the lexicon's places of a run (江苏南京 → 江苏, 南京)
    company_place_levels: str = ""  # 「省市县区旗」: the level a place opening a company's legal name is written with
    issue_before: re.Pattern | None = None  # 「出台|」「印发|」: an issuing verb, the document's title starts after it
    document_ending: re.Pattern | None = None  # 「…若干措施」「…清单」「…实施方案」: what ends a document's title
    event_verbs: frozenset[str] = frozenset()  # 「对话」「磋商」: verbs that end an event's name (「某某高层对话」)
    countries: frozenset[str] = frozenset()  # countries and world regions (lexicon/countries.txt, world_regions.txt)
    # the divisions table's names (no county's short name left out of it: 长安, 东风, 光明 are also trade names)
    division_names: frozenset[str] = frozenset()

    @classmethod
    def load(cls, data_dir: str = "") -> "Fragments":
        from kg.language.lexicon import load_lexicon

        lex = load_lexicon(data_dir)
        ner = lex.patterns["ner"]
        titles = "|".join(map(re.escape, sorted(lex.titles, key=len, reverse=True)))
        return cls(re.compile(f"(?:{ner['fragment_tails']})$"), int(ner["fragment_min"]), re.compile(ner["count_head"]),
                   lex.lead_words, frozenset(ner["lead_tags"].split()), re.compile(f".(?:{titles})$"),
                   re.compile(ner["generic_initiative"]), re.compile(f"(?:{ner['initiative_trailing']})$"),
                   re.compile(ner["trusted_government"]), frozenset(ner.get("verb_tags", "").split()),
                   frozenset(ner.get("verb_labels", "").split()), int(ner.get("verb_rest", 4)),
                   frozenset(ner.get("level_chars", "")), re.compile(ner["status_bracket"]),
                   re.compile(lex.patterns["relations"]["post_subunit"]), re.compile(f"(?:{titles})"),
                   frozenset(ner.get("verb_complements", "").split()),
                   re.compile(f"^.(?:{ner['address_terms']}|{titles})$") if ner.get("address_terms") else None,
                   re.compile(ner["place_chain"]) if ner.get("place_chain") else None,
                   re.compile(ner["company_unit"]) if ner.get("company_unit") else None,
                   frozenset(ner.get("given_adverbs", "")),
                   re.compile(ner["generic_company"]) if ner.get("generic_company") else None,
                   re.compile(ner["in_china"]) if ner.get("in_china") else None,
                   frozenset(ner.get("country_letters", "")) - frozenset("中"),
                   re.compile(ner["generic_place"]) if ner.get("generic_place") else None,
                   ner.get("thing_rule", ""),
                   re.compile(f"(?:{ner['thing_endings']})$") if ner.get("thing_endings") else None,
                   re.compile(f"(?:{ner['invested_before']})$") if ner.get("invested_before") else None,
                   ner.get("quote_rule", ""), re.compile(f"(?:{lex.patterns['quoted']['accept_suffix']})$"),
                   re.compile(f"(?:{ner['company_institute']})$") if ner.get("company_institute") else None,
                   re.compile(ner["company_lead"]) if ner.get("company_lead") else None,
                   re.compile(ner["sector_after"]) if ner.get("sector_after") else None,
                   lex.industry_words | frozenset(ner.get("sector_trades", "").split()), lex.place_prefixes,
                   re.compile(f"(?:{ner['peoples_organisations']})$") if ner.get("peoples_organisations") else None,
                   frozenset(lex.patterns.get("purpose_marks", "").split()),
                   re.compile(ner["honorific_title"]) if ner.get("honorific_title") else None,
                   re.compile(ner["subunit_body"]) if ner.get("subunit_body") else None,
                   re.compile(f"(?:{titles}|{lex.patterns['relations']['post_roles']})"),
                   re.compile(f"(?:{ner['post_lead']})") if ner.get("post_lead") else None,
                   re.compile(f"(?:{ner['subunit_institution']})$") if ner.get("subunit_institution") else None,
                   frozenset(ner.get("coordination_joiners", "")), tuple(ner.get("accompanying_words", "").split()),
                   re.compile(ner["occurrence_count"]) if ner.get("occurrence_count") else None,
                   re.compile(f"(?:{ner['thing_not_place']})$") if ner.get("thing_not_place") else None,
                   tuple(ner.get("chained_place_endings", "").split()), tuple(lex.patterns.get("place_levels", ())),
                   tuple(ner.get("chained_place_not", "").split()),
                   re.compile(ner["programme_name"]) if ner.get("programme_name") else None, lex.regions,
                   re.compile(f"(?:{ner['landscape_place']})$") if ner.get("landscape_place") else None,
                   lex.place_run, ner.get("company_place_levels", ""),
                   re.compile(f"(?:{lex.patterns['relations']['issue_verbs']})了?$")
                   if ner.get("issued_title_endings") else None,
                   re.compile(f"(?:{ner['issued_title_endings']})$") if ner.get("issued_title_endings") else None,
                   frozenset(ner.get("event_verbs", "").split()), lex.countries,
                   frozenset(lex.division_names))

    def bare_legal(self, name: str) -> bool:
        """``name`` is a place and a company's legal form and nothing else (「某省有限公司」「某市集团有限公司」): no
        company's name, which holds a trade name between the two. The place is a name of the divisions table or a
        country: a county's short name the table leaves out is often a trade name too (「东风公司」「光明集团」)."""
        m = BARE_LEGAL_FORM.search(name)
        return m is not None and 0 < m.start() <= 8 and (name[:m.start()] in self.division_names
                                                         or name[:m.start()] in self.countries)

    def issued_title(self, text: str, start: int, end: int, label: str) -> bool:
        """``text[start:end]``, an initiative, is a document's title written right after the verb that issues it
        (「出台|支持某某企业稳定发展的若干措施」「印发|建设某某先导区实施方案」): the verbs opening it are the title's own
        (「关于支持…的若干措施」), not the sentence's, so no lead word is trimmed off it."""
        return label == "INITIATIVE" and self.issue_before is not None and self.document_ending is not None \
            and self.document_ending.search(text, start, end) is not None \
            and self.issue_before.search(text, max(0, start - 8), start) is not None

    def joined_end(self, text: str, name_ends: Iterable[int], end: int) -> int | None:
        """Where the name ends that a span no rule proposed opens with (``name_ends``: the ends of the candidates
        starting where it starts) when it is that name, a joiner and a second name with the same last two characters
        (「某某科创中心|与|金融中心」), or the name and what acts with it (「某市公安局|会同|检察机关」); None when neither."""
        return next((e for e in name_ends if e < end - 2 and (
            text[e] in self.coordination_joiners and text[end - 2:end] == text[e - 2:e]
            or text.startswith(self.accompanying, e))), None)

    def company_start(self, item, start: int, end: int, label: str, words: "SortedWords") -> int:
        """``start`` moved past a kind of company, a word of LAC's, that opens the company ``start:end``
        (「平台企业|某某科技有限公司」, 「总公司|某某股份有限公司」; not 「企业家…」), as long as ``verb_rest`` characters
        remain."""
        m = self.company_lead.match(item.text, start, end) \
            if label == "ENTERPRISE" and self.company_lead is not None else None
        if m is None or end - m.end() < self.verb_rest:
            return start
        word = words.starting_at(start)
        return m.end() if word is not None and word[1] == m.end() else start

    def company_place_start(self, text: str, start: int, end: int, label: str) -> int:
        """``start`` moved to the last place of the run of places that opens a company's legal name when a place
        before it is written with its level (「某省|某某市|某县某某农业有限公司」 → 「某县某某农业有限公司」): the training
        gold names such a company from its innermost place (6 of 6), the places before it are places of their own
        (a run with no level before its last place, 「某地某某市某某股份有限公司」 with its province written short, stays
        whole, as the gold names it; 「某省某某市某某股份有限公司」 is named from 某某市)."""
        if label != "ENTERPRISE" or not self.company_place_levels or self.place_run is None \
                or LEGAL_FORM.search(text, start, end) is None:
            return start
        name = text[start:end]
        for k in range(min(len(name) - 4, 12), 3, -1):
            run = self.place_run(name[:k])
            if len(run) >= 2 and end - start - k >= 4 and any(p[-1] in self.company_place_levels for p in run[:-1]):
                return start + k - len(run[-1])
        return start

    def placed_legal_name(self, name: str) -> bool:
        """``name`` is a company's legal name opened by a place written with its level (「某某县|某某农业有限公司」):
        the place and the legal form bound the name (the training gold requires all 22 such forms it lists)."""
        if not self.company_place_levels or LEGAL_FORM.search(name) is None:
            return False
        return any(len(name) - k >= 6 and name[k - 1] in self.company_place_levels and name[:k] in self.place_prefixes
                   for k in range(3, min(len(name), 8)))

    def sector_reading(self, text: str, start: int, end: int, label: str) -> bool:
        """``text[start:end]``, a company, is a place and a trade followed by a sector's noun (「某地能源|资源富集」
        「某地文旅|产业」「某省科技|服务」): a place's sector, no company (LAC reads such pairs as companies)."""
        if label != "ENTERPRISE" or self.sector_after is None or self.sector_after.match(text, end) is None:
            return False
        name = text[start:end]
        return any(name[:k] in self.place_prefixes and name[k:] in self.sector_trades for k in range(2, len(name) - 1))

    def institute_label(self, text: str, start: int, end: int, label: str) -> str:
        """ENTERPRISE for an organisation ``start:end`` that is a company's institute (「某某集团研究院」, 「某某集团五院」:
        a company's R&D institute is an Enterprise by GUIDELINES, though it reads like a public body), else ``label``."""
        if label in ORGS and self.company_institute is not None \
                and self.company_institute.search(text, start, end) is not None:
            return "ENTERPRISE"
        return label

    def loose_quote(self, text: str, start: int, end: int, rule: str) -> bool:
        """``text[start:end]``, a candidate of ``rule``, is a quoted name that does not end like a programme and is
        not described in brackets right after (「“某某少等待”（…）」): the quoted-name rule took it for its place,
        国家/中国 or digits (「“中国某某之乡”」, a quoted sentence 「“某某是某某的根基”」), so the model decides."""
        return bool(self.quote_rule) and rule == self.quote_rule and self.quote_ending is not None \
            and self.quote_ending.search(text, start, end) is None and text[end + 1:end + 2] not in ("（", "(")

    def untrusted_thing(self, text: str, start: int, end: int, rule: str) -> bool:
        """``text[start:end]``, a candidate of ``rule``, names a thing by its kind (「某某综合服务平台」「某某管理系统」):
        the suffix rule reads every platform, system and project described so as a name, so the model decides;
        a project right after its investment (「投资8亿元的|某某项目」) is named, as is a programme (「某某行动」)."""
        if rule != self.thing_rule or self.thing_ending is None or self.thing_ending.search(text, start, end) is None:
            return False
        return self.invested_before is None or self.invested_before.search(text, max(0, start - 16), start) is None

    def name_end(self, text: str, start: int, end: int) -> int:
        """``end`` moved past the adverb-like character (还, 才 ...) that follows a two-character person ``start:end``
        at every one of its two or more occurrences in ``text``: 「宋青还说」「宋青还介绍」 name 宋青还, whom LAC cuts
        before an adverb (a person called 宋青 is not followed by the same adverb every time)."""
        after = text[end:end + 1]
        if end - start != 2 or after not in self.given_adverbs:
            return end
        name, at, seen = text[start:end], text.find(text[start:end]), 0
        while at >= 0:
            if text[at + 2:at + 3] != after:
                return end
            seen += 1
            at = text.find(name, at + 1)
        return end + 1 if seen >= 2 else end

    def company_end(self, text: str, start: int, end: int, label: str) -> int | None:
        """Where the company ends in an organisation ``start:end`` that is a department of it (「某某集团|开发部」:
        the company is the entity, the department is no body of government), or None."""
        m = self.company_unit.fullmatch(text, start, end) \
            if self.company_unit is not None and label in ORGS else None
        return m.end(1) if m is not None else None

    def subunit_body(self, text: str, start: int, end: int, label: str) -> tuple[int, str] | None:
        """Where the body ends in an organisation ``start:end`` that is a body and a sub-unit of it with a post after
        it (「某部|就业促进司|负责人某某」, ``subunit_body``), and the body's label (a company's is an ENTERPRISE); or
        None. GUIDELINES folds the sub-unit into the post: the organisation named is the body."""
        if self.body_unit is None or label in ("PERSON", "DISTRICT") or not self.post_follows(text, end):
            return None
        m = self.body_unit.fullmatch(text, start, end)
        if m is None:
            return None
        group = next(g for g, v in m.groupdict().items() if v is not None)
        if label not in ORGS and group != "company":
            return None  # 「某公司|某某中心|主任」 read as a project is still the company's unit
        return m.end(group), "ENTERPRISE" if group == "company" else label

    def _past_lead(self, text: str, end: int) -> int:
        """``end`` moved past what may open a post title there (「原|所长」), if anything does."""
        m = self.post_lead.match(text, end) if self.post_lead is not None else None
        return m.end() if m is not None else end

    def post_follows(self, text: str, end: int) -> bool:
        """A post title or job role opens the text at ``end`` (「原所长」「负责人」), or follows a sub-unit there
        (「某某研究室|主任」)."""
        if self.post_head is None:
            return False
        if self.post_head.match(text, self._past_lead(text, end)) is not None:
            return True
        return self.subunit is not None and any(
            self.subunit.fullmatch(text, end, unit_end) is not None and self.post_head.match(text, unit_end) is not None
            for unit_end in range(end + 2, min(len(text), end + 13) + 1))

    def place_pieces(self, text: str, start: int, end: int, first: bool = True) -> list[tuple[int, int]]:
        """``start:end`` (a place) as the places it runs together (「某某镇|某某村」: the town and the village;
        「某县|某某镇|某某社区」: each of three), or itself. After the first place, a place of two characters (「新区」
        of 「某市新区某某村」) is no place of its own: the rest stays whole."""
        m = self.place_chain.fullmatch(text, start, end) if self.place_chain is not None else None
        if m is None or not first and m.end(1) - start < 3:
            return [(start, end)]
        return [(start, m.end(1)), *self.place_pieces(text, m.end(1), end, first=False)]

    def is_fragment(self, name: str, label: str = "") -> bool:
        """``name`` is a piece of text, not a name (of ``label``: a one-character organisation or project,
        an organisation or project ending in a post title)."""
        if label and label != "PERSON" and label != "DISTRICT" and (
                len(name) < 2 or self.title_tail.search(name) is not None):
            return True
        if label == "INITIATIVE" and self.generic_initiative.search(name) is not None:
            return True
        if self.honorific is not None and self.honorific.search(name) is not None:
            return True  # 「某某之乡」: a title a place is given (GUIDELINES: set phrases)
        if label == "PERSON" and self.address is not None and self.address.match(name) is not None:
            return True
        if label in ORGS and self.generic_company is not None and self.generic_company.fullmatch(name) is not None:
            return True
        if label == "ENTERPRISE" and self.bare_legal(name):
            return True  # 「一家芬兰公司」「某省有限公司」: a place or a country and a legal form, no company's name
        if label in ORGS and self.peoples_organisation is not None and self.peoples_organisation.search(name):
            return True  # GUIDELINES: people's organisations such as 工商联 are no entities, whoever proposes them
        if label == "DISTRICT" and len(name) >= 2 and self.level_chars and set(name) <= self.level_chars:
            return True
        if label == "DISTRICT" and self.generic_place is not None and self.generic_place.fullmatch(name) is not None:
            return True
        if label == "DISTRICT" and name in self.world_regions:
            return True  # a continent, an ocean, a world region: the training gold has 35 optional, 1 required
        if label == "DISTRICT" and self.landscape is not None and name not in self.place_prefixes \
                and self.landscape.search(name) is not None:
            return True  # 「某某水乡」「某南山区」: a kind of landscape, no division (岚山区 is one: place_prefixes)
        if label in ORGS and self.status_bracket is not None \
                and self.status_bracket.search(name) is not None:
            return True
        return (len(name) >= self.min_length and self.tails.search(name) is not None) \
            or self.count_head.match(name) is not None or not _balanced(name)

    def subunit_of(self, text: str, start: int, end: int, bodies) -> bool:
        """``text[start:end]`` is a body of ``bodies`` (``(start, end)`` pairs) and a sub-unit of it, with a post title
        after it (「某银行研究局|局长」): GUIDELINES folds the sub-unit into the post, so the span names no body. A public
        institution of the body's (``subunit_institution``: 「某银行|某某中心|主任」) is a body of its own."""
        if self.subunit is None or self.title_head is None or (
                self.institution is not None and self.institution.search(text, start, end) is not None) \
                or self.title_head.match(text, self._past_lead(text, end)) is None:
            return False
        return any(b_start == start and b_end < end and self.subunit.fullmatch(text, b_end, end) is not None
                   for b_start, b_end in bodies)

    def chained_place(self, text: str, start: int, end: int, words) -> bool:
        """``text[start:end]``, a place, is a village or a subdistrict (``chained_place_endings``: 「某某村」「某某街道」)
        written right after a place that holds it (「某县某某镇|某某村」「某市|某某街道」): a known division's name, or a
        place LAC reads (``words``) that ends in a level (「某某乡」): named as a place (GUIDELINES: a place named on its
        own is required), whatever the model reads of a name it never saw."""
        if not self.chained_endings or end - start < 3 or not text.endswith(self.chained_endings, start, end) \
                or self.chained_not and text.endswith(self.chained_not, start, end):
            return False
        if any(text[start - k:start] in self.place_prefixes for k in range(2, min(start, 8) + 1)):
            return True
        return any(e == start and tag == "LOC" and e - s >= 2 and text.endswith(self.place_levels, s, e)
                   for s, e, tag in words)

    def keeps_label(self, name: str, label: str, best: str) -> bool:
        """An initiative ``name`` that ends like a work or a thing (「某某储能电站」「某某供应链平台」) keeps its label
        where the model reads it as a place (``best``): no division or zone is named so."""
        return label == "INITIATIVE" and best == "DISTRICT" and self.thing_place is not None \
            and self.thing_place.search(name) is not None

    def count_start(self, text: str, start: int, end: int, label: str) -> int:
        """``start`` moved past the count of occurrences that opens an initiative ``start:end`` (「2次|某某对话」
        「8届|该活动」「多届|某某锦标赛」: how often it was held, no part of its name; an edition, 「第8届」, is), as long
        as two characters remain."""
        m = self.occurrences.match(text, start, end) \
            if label == "INITIATIVE" and self.occurrences is not None else None
        if m is None or text[start - 1:start] == "第" or end - m.end() < 2:
            return start
        return m.end()

    def trail_start(self, name: str, label: str) -> int:
        """Where an initiative's trailing action word (「建设」 of 「某某走廊建设」) starts, or ``len(name)``."""
        m = self.initiative_trailing.search(name) if label == "INITIATIVE" else None
        return m.start() if m is not None and m.start() >= 4 else len(name)

    def verb_bounds(self, item, start: int, end: int, label: str,
                    words: "SortedWords | None" = None) -> tuple[int, int] | None:
        """``start:end`` of ``label`` (a project) moved past the last lead verb (the lead word list) LAC reads
        inside it (「某某共同打造|某某科创平台」: the name starts after the verb; not past a verb of the name itself,
        「城市运行数字体征系统」), or None when it ends in a verb that another verb follows (「某某集团有限公司|计划|投资」
        is a company and its predicate; a strategy may end in a verb: 「某某协同发展」). Only verbs of two characters or
        more count (LAC splits 「改扩建」 into 改|扩建); unchanged when fewer than ``verb_rest`` characters would
        remain."""
        if label not in self.verb_labels:
            return start, end
        words = words or SortedWords.of(item)
        for w_start, w_end, tag in words.ending_by(end):
            if w_end <= start:
                break
            if w_end > end or tag not in self.verb_tags or w_end - w_start < 2:
                continue
            if w_end == end:
                if item.text[w_start:w_end] in self.event_verbs:
                    return start, end  # 「某某经济高层对话|时隔…」: the event's kind, no predicate
                after = words.starting_at(end)
                return None if w_start > start and after is not None and after[2] in self.verb_tags else (start, end)
            if w_start >= start and end - w_end >= self.verb_rest and item.text[w_start:w_end] in self.lead_words:
                return w_end, end
        return start, end

    def verb_end(self, item, start: int, end: int, words: "SortedWords | None" = None) -> int:
        """``start`` moved past the verb it falls inside (「用好|某某平台」: LAC's verb 用好 ends inside the span), past
        a verb's complement right after a verb (「开展|好|某某行动」) or past a purpose clause's verb (「为|规范|某某项目」),
        as long as ``verb_rest`` characters remain;
        unchanged for a span that starts where a word starts and opens with no complement."""
        words = words or SortedWords.of(item)
        i = bisect_right(words.starts, start) - 1
        if i < 0:
            return start
        w_start, w_end, tag = words.words[i]
        if w_start < start < w_end and tag in self.verb_tags and end - w_end >= self.verb_rest:
            return w_end  # a verb LAC reads across the span's start
        if w_start == start and tag in self.verb_tags and i > 0 and words.words[i - 1][1] == start \
                and item.text[words.words[i - 1][0]:start] in self.purpose_marks and end - w_end >= self.verb_rest:
            return w_end  # 「为|规范|某某管理」: a purpose clause's verb
        if w_start == start and item.text[w_start:w_end] in self.complements and i > 0 \
                and words.words[i - 1][1] == start and words.words[i - 1][2] in self.verb_tags \
                and end - w_end >= self.verb_rest:
            return w_end
        return start

    def repaired(self, item, start: int, end: int, label: str, words: "SortedWords",
                 model_span: bool = False, keep_verbs: bool = False) -> tuple[int, int, str, bool] | None:
        """``start:end`` of ``label`` through the repair chain, as ``(start, end, label, counted)``: past a verb it
        opens inside (:meth:`verb_end`), cut to a company it opens with (:meth:`company_end`) or to a body before its
        sub-unit (:meth:`subunit_body`), past what opens a company's name (:meth:`company_start`,
        :meth:`company_place_start`), past a count of occurrences (:meth:`count_start`; ``counted``: one was cut)
        and without an initiative's trailing action word (:meth:`trail_start`). A ``model_span`` (the CRF's own; a
        rule candidate's lead verbs are cut before, by :meth:`verb_bounds`) is also retyped as an institute's
        (:meth:`institute_label`) and cut at its lead verbs here: None when they end it in a verb. ``keep_verbs``: a
        title that keeps the verbs it opens with (:meth:`issued_title`) is cut at no verb."""
        if label not in ("PERSON", "DISTRICT") and not keep_verbs:
            start = self.verb_end(item, start, end, words)
        company = self.company_end(item.text, start, end, label)
        if company is not None:
            end, label = company, "ENTERPRISE"
        body = self.subunit_body(item.text, start, end, label)
        if body is not None:
            end, label = body
        if model_span:
            label = self.institute_label(item.text, start, end, label)
        start = self.company_start(item, start, end, label, words)
        start = self.company_place_start(item.text, start, end, label)
        if model_span and not keep_verbs:
            cut = self.verb_bounds(item, start, end, label, words)
            if cut is None:
                return None
            start, end = cut
        after_count = self.count_start(item.text, start, end, label)
        end = after_count + self.trail_start(item.text[after_count:end], label)
        return after_count, end, label, after_count != start

    def lead_end(self, item, start: int, end: int, words: "SortedWords | None" = None) -> int:
        """``start`` moved past the lead words (LAC's words of ``lead_tags`` in the lead word list) that open
        ``start:end``, as long as two characters or more remain."""
        words = words or SortedWords.of(item)
        for w_start, w_end, tag in words.from_start(start):
            if w_start < start:
                continue
            if w_start > start or w_end > end - 2 or tag not in self.lead_tags \
                    or item.text[w_start:w_end] not in self.lead_words:
                break
            start = w_end
        return start


@dataclass(frozen=True)
class SortedWords:
    """LAC's words of one text sorted by position (they do not overlap), sorted once per article: the words
    ending at or before a position, right to left, are found by bisection."""

    words: tuple[tuple[int, int, str], ...]
    ends: tuple[int, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, item) -> "SortedWords":
        words = tuple(sorted(item.words))
        return cls(words, tuple(w[1] for w in words), tuple(w[0] for w in words))

    def starting_at(self, start: int) -> tuple[int, int, str] | None:
        """The word that starts at ``start``, if any."""
        i = bisect_left(self.starts, start)
        return self.words[i] if i < len(self.words) and self.starts[i] == start else None

    def from_start(self, start: int):
        """The words starting at or after ``start``, the first first."""
        for i in range(bisect_left(self.starts, start), len(self.words)):
            yield self.words[i]

    def ending_by(self, end: int):
        """The words ending at or before ``end``, the last first."""
        for i in range(bisect_right(self.ends, end) - 1, -1, -1):
            yield self.words[i]


_PAIRS = {"（": "（", "(": "（", "）": "（", ")": "（", "“": "“", "”": "“", "‘": "‘", "’": "‘", "《": "《", "》": "《",
          "「": "「", "」": "「", "『": "『", "』": "『"}
_OPENING = "（(“‘《「『"


def _balanced(name: str) -> bool:
    """Every bracket and quotation mark of ``name`` is closed in it (「十四五”某某」「十五五’时期」 are cut inside a
    quotation)."""
    depth: dict[str, int] = {}
    for ch in name:
        kind = _PAIRS.get(ch)
        if kind is None:
            continue
        depth[kind] = depth.get(kind, 0) + (1 if ch in _OPENING else -1)
        if depth[kind] < 0:
            return False
    return not any(depth.values())


def ner_input(doc: Doc, use_words: bool = True, lac_model_dir: str = ""):
    """The model's view of ``doc``: folded text, LAC's words (tagged here when LAC did not run; none
    when not ``use_words``) and the rule candidates found so far."""
    from kg.training.ner import NerInput

    text = text_of(doc)
    words = lac_words(doc) if use_words else ()
    if use_words and not words and text.strip():
        from kg.nlp.lac import load_lac

        words = doc.user_data["kg_words"] = load_lac(lac_model_dir, 1).text_words(text)
    cands = tuple((s.start_char, s.end_char, s.label_, s.kb_id_ or "kg_gazetteer") for s in candidates(doc))
    return NerInput(text, tuple(words), cands)


class TrainedNer:
    def __init__(self, nlp: Language, name: str = "kg_trained_ner", model_dir: str = "", mode: str = "arbitrate",
                 keep_rules: list[str] | tuple[str, ...] = DEFAULT_KEEP_RULES, data_dir: str = "",
                 threshold: float = DEFAULT_THRESHOLD, label_thresholds: dict[str, float] | None = None,
                 lac_words: bool = True, trusted_rules: list[str] | tuple[str, ...] = DEFAULT_TRUSTED_RULES,
                 trusted_floor: float = DEFAULT_TRUSTED_FLOOR, order: str = "probability",
                 new_threshold: float = DEFAULT_NEW_THRESHOLD,
                 model_labels: list[str] | tuple[str, ...] = DEFAULT_MODEL_LABELS,
                 other_labels: str = DEFAULT_OTHER_LABELS, new_thresholds: dict[str, float] | None = None,
                 quotes_to_rules: bool = DEFAULT_QUOTES_TO_RULES, respect_trusted: bool = True,
                 nested_places: bool = True,
                 trusted_place_endings: list[str] | tuple[str, ...] = DEFAULT_TRUSTED_PLACE_ENDINGS,
                 trusted_countries: bool = DEFAULT_TRUSTED_COUNTRIES,
                 source_thresholds: dict[str, float] | None = None,
                 trusted_dotted_names: bool = DEFAULT_TRUSTED_DOTTED_NAMES,
                 org_around_place: bool = DEFAULT_ORG_AROUND_PLACE,
                 trusted_outer: bool = DEFAULT_TRUSTED_OUTER,
                 fragment_filter: bool = True, programme_threshold: float = DEFAULT_PROGRAMME_THRESHOLD):
        if mode not in MODES:
            raise ModelError(f"unknown trained NER mode {mode!r} (use one of: {', '.join(MODES)})")
        self.name = name
        self.mode = mode
        self.keep_rules = tuple(keep_rules)
        self.threshold = threshold
        self.label_thresholds = dict(label_thresholds or {})
        self.lac_words = lac_words
        self.trusted_rules = tuple(trusted_rules)
        self.trusted_floor = trusted_floor
        self.order = order
        self.new_threshold = new_threshold  # what a span no rule proposed needs (besides ``threshold``)
        if other_labels not in OTHER_LABEL_MODES:
            raise ModelError(f"unknown other_labels {other_labels!r} (use one of: {', '.join(OTHER_LABEL_MODES)})")
        self.model_labels = tuple(model_labels)
        # per label, overrides new_threshold (above 1: the model adds no span of that label)
        self.new_thresholds = dict(DEFAULT_NEW_THRESHOLDS if new_thresholds is None else new_thresholds)
        self.other_labels = other_labels
        self.nested_places = nested_places
        self.trusted_place_endings = tuple(trusted_place_endings)  # a place with such an ending is trusted
        self.trusted_countries = trusted_countries
        self.country_names, self.own_country, self.state_form, self.transliterated = _countries(data_dir) \
            if trusted_countries else (frozenset(), frozenset(), None, frozenset())
        self._abroad = False  # the article being arbitrated names a foreign country (see _trusted)
        self._trust: dict[tuple, bool] = {}  # the article's candidates judged by _trusted so far
        self.trusted_dotted_names = trusted_dotted_names
        # what a dotted full name's parts are written in, and the words (jieba's tags) that follow it
        self.name_chars, self.name_end_tags, self.name_end_verbs = _dotted_names(data_dir)
        self.org_around_place = org_around_place
        self.trusted_outer = trusted_outer
        self.source_thresholds = dict(DEFAULT_SOURCE_THRESHOLDS if source_thresholds is None else source_thresholds)
        self.respect_trusted = respect_trusted  # a span no rule proposed overlaps no trusted non-place candidate
        self.quotes_to_rules = quotes_to_rules  # a whole “…” is a name only when a quoted-name rule says so
        self.programme_threshold = programme_threshold  # a new span named like a programme (_new_needed)
        self.data_dir = data_dir
        self.fragments = Fragments.load(data_dir) if fragment_filter else None
        self.model = None
        if model_dir:
            self.from_disk(model_dir)

    # -- inference -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.model is None:
            raise ModelError("kg_trained_ner has no model (give model_dir or load it with from_disk)")
        item = ner_input(doc, self.lac_words)
        if self.mode == "arbitrate":
            return self._arbitrate(doc, item)
        spans = self.model.spans(item)
        if self.mode == "join":
            for start, end, label in spans:
                add_candidate(doc, start, end, label, TRAINED_RULE)
            return doc
        return self._viterbi(doc, spans)

    def _arbitrate(self, doc: Doc, item) -> Doc:
        from kg.language.priorities import RULE_PRIORITY

        cands = candidates(doc)
        if self.fragments is not None:
            cands = self._split_places(doc, cands, item.text)
            cands = self._whole_people(doc, cands, item.text)
        self._abroad = any(c.label_ == "DISTRICT" and self._foreign(span_text(c)) for c in cands)
        self._trust = {}
        words = SortedWords.of(item) if self.fragments is not None else None
        asked = [(c.start_char, c.end_char) for c in cands]
        if self.fragments is not None:  # the bounds the fragment rules will cut candidates to are scored too
            asked += [(t.start_char, t.end_char) for c, t in ((c, self._trimmed(doc, c, item, words)) for c in cands)
                      if t is not None and t is not c]
        found, probs = self.model.analyse(item, asked)
        passed = []  # candidates of labels the model does not decide, left to the mention filter
        if self.model_labels:
            found = [f for f in found if f[2] in self.model_labels]
            if self.other_labels == "pass":
                passed = [c for c in cands if not self._decides(c.label_)]
                cands = [c for c in cands if self._decides(c.label_)]
        scored = []  # (probability, length, rule priority, order, span or (start, end, label)): best first
        fixed = {(c.start_char, c.end_char) for c in cands if self._trusted(c)}
        sure: set[int] = set()  # trusted candidates: no per-label threshold
        for order, cand in enumerate(cands):
            rule = cand.kb_id_ or "kg_gazetteer"
            if (cand.start_char, cand.end_char) in fixed and not self._trusted(cand) and rule not in self.keep_rules:
                continue  # a trusted rule's label stands for these bounds (a kept rule's reading, e.g. a speaker, too)
            p = probs.get((cand.start_char, cand.end_char), {})
            own = p.get(cand.label_, 0.0)
            best = max(p, key=p.get) if p else cand.label_
            loose = self._loose_quote(cand)
            if (rule in self.keep_rules and not loose) or not self._decides(cand.label_):
                own, best = 1.0, cand.label_
            elif self._trusted(cand):
                own, best = max(own, self.trusted_floor), cand.label_
                sure.add(order)
            elif loose or self._thing(cand):
                sure.add(order)  # the model decides a trusted rule's thing: ``threshold``, no per-label threshold
            if best != cand.label_ and p[best] > own and self._decides(best) \
                    and not (self.fragments is not None and self.fragments.keeps_label(cand.text, cand.label_, best)):
                relabelled = doc.char_span(cand.start_char, cand.end_char, label=best, kb_id=cand.kb_id_,
                                           span_id=cand.id_, alignment_mode="contract")
                cand, own = (relabelled, p[best]) if relabelled is not None else (cand, own)
            if self.fragments is not None and self._inexact(cand) \
                    and self.fragments.institute_label(item.text, cand.start_char, cand.end_char, cand.label_) \
                    != cand.label_:
                relabelled = doc.char_span(cand.start_char, cand.end_char, label="ENTERPRISE", kb_id=cand.kb_id_,
                                           span_id=cand.id_, alignment_mode="contract")
                cand, own = (relabelled, max([own, *p.values()])) if relabelled is not None else (cand, own)
            scored.append((own, cand.end_char - cand.start_char, RULE_PRIORITY.get(rule, 0), -order, cand))
        if self.fragments is not None:
            bodies = [(c.start_char, c.end_char) for c in cands if self._trusted(c) and c.label_ in ORGS]
            scored = [(*x[:4], self._trimmed(doc, x[4], item, words)) for x in scored
                      if not self._no_name(item.text, x[4].start_char, x[4].end_char, x[4].label_, bodies,
                                           self._fragment(x[4], item.text), self._trusted(x[4]))]
            scored = [self._rescored(x, probs) for x in scored if x[4] is not None]
        if self.org_around_place:
            scored = self._org_around_place(scored)
        if self.trusted_outer:
            scored = self._trusted_outer(scored)
        if self.fragments is not None and self.fragments.company_institute is not None:
            scored = self._company_institutes(doc, scored, item.text)
        bounds = {(c.start_char, c.end_char, c.label_) for *_, c in scored}
        trusted = [c for c in cands if self._trusted(c) and c.label_ != "DISTRICT"]
        if self.fragments is not None:
            found = [(s, e, label, p) for start, end, label, p in found
                     for s, e in (self.fragments.place_pieces(item.text, start, end) if label == "DISTRICT"
                                  else [(start, end)])]
        name_ends: dict[int, list[int]] = {}  # start → ends of the candidates starting there
        for c in cands:
            name_ends.setdefault(c.start_char, []).append(c.end_char)
        for order, (start, end, label, p) in enumerate(found):
            joined = None
            if self.fragments is not None:
                joined = self.fragments.joined_end(item.text, name_ends.get(start, ()), end)
                end = joined or end  # the model's span cut to the name it opens with, scored as the span was
                titled = self.fragments.issued_title(item.text, start, end, label)
                if not titled:
                    start = self.fragments.lead_end(item, start, end, words)
                repaired = self.fragments.repaired(item, start, end, label, words, model_span=True, keep_verbs=titled)
                if repaired is None:
                    continue
                start, end, label, _ = repaired
                if self._no_name(item.text, start, end, label, bodies,
                                 self.fragments.is_fragment(item.text[start:end], label), (start, end) in fixed):
                    continue
            if ((start, end, label) not in bounds or joined) and (start, end) not in fixed \
                    and p >= self._new_needed(item.text[start:end], label) \
                    and not (self.quotes_to_rules and _fills_quotes(item.text, start, end)) \
                    and not _joins_names(cands, start, end, label, self.fragments) \
                    and not (self.respect_trusted and label != "INITIATIVE"
                             and _overlaps_trusted(trusted, start, end)):
                scored.append((p, end - start, 0, -len(cands) - order, (start, end, label)))
        if self.order == "length":
            scored = [x for x in scored if x[0] >= self.threshold]
            scored.sort(key=lambda x: (x[1], x[0], x[2], x[3]), reverse=True)
        else:
            scored.sort(key=lambda x: x[:4], reverse=True)
        taken = bytearray(len(item.text) + 1)
        chosen = []
        lowest = min([self.threshold, *self.source_thresholds.values()])
        for p, _len, _prio, order, span in scored:
            if p < lowest:
                break
            if p < self._needed(span):
                continue
            start, end, label = (span.start_char, span.end_char, span.label_) if not isinstance(span, tuple) else span
            if -order not in sure and p < self.label_thresholds.get(label, 0.0):
                continue
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(span)
        if self.fragments is not None:
            chosen = self._joined_by_dash(chosen, item.text)
        kept = [s for s in chosen if not isinstance(s, tuple)]
        if self.nested_places:  # known places inside kept names still tell the mention filter the article's home
            kept += _nested_places(cands, [s[:2] if isinstance(s, tuple) else (s.start_char, s.end_char)
                                          for s in chosen],
                                   kept)
        doc.spans[CANDIDATES] = kept + passed
        for span in chosen:
            if isinstance(span, tuple):
                add_candidate(doc, *span, TRAINED_RULE)
        return doc

    def _split_places(self, doc: Doc, cands: list, text: str) -> list:
        """Places of inexact rules that run two places together (「某某镇某某村」) as the two places
        (:meth:`Fragments.place_pieces`): the gold names each on its own."""
        out = []
        for cand in cands:
            pieces = self.fragments.place_pieces(text, cand.start_char, cand.end_char) \
                if cand.label_ == "DISTRICT" and self._inexact(cand) else ()
            spans = [doc.char_span(s, e, label=cand.label_, kb_id=cand.kb_id_) for s, e in pieces]
            out.extend(spans if len(spans) > 1 and all(spans) else [cand])
        return out

    def _whole_people(self, doc: Doc, cands: list, text: str) -> list:
        """People of inexact rules cut before an adverb-like last character of the given name
        (:meth:`Fragments.name_end`) with that character."""
        out = []
        for cand in cands:
            start, end = cand.start_char, cand.end_char
            if cand.label_ == "PERSON" and self._inexact(cand):
                end = self.fragments.name_end(text, start, end)
                start, end = self._dotted_whole(text, start, end)
            whole = doc.char_span(start, end, label="PERSON", kb_id=cand.kb_id_) \
                if (start, end) != (cand.start_char, cand.end_char) else None
            out.append(whole or cand)
        return out

    def _dotted_whole(self, text: str, start: int, end: int) -> tuple[int, int]:
        """A person next to or across a middle dot (帕巴拉|·格列朗杰, 爱德华|多·扬·莫达, 某某|某某·某某) taken over every
        dotted part: runs of the characters of transliterated names joined by middle dots (a transliterated full name
        is one name; ``dotted_name_chars``), the last part ending before a word that follows it
        (:meth:`_word_after_name`)."""
        chars = self.name_chars
        if not chars or not (any(c in DOTS for c in text[max(0, start - 1):end + 1])):
            return start, end
        across = any(c in DOTS for c in text[start:end])
        if across or (end < len(text) and text[end] in DOTS):
            while end < len(text) and (text[end] in chars or (text[end] in DOTS and end + 1 < len(text)
                                                              and text[end + 1] in chars)):
                if text[end] not in DOTS and self._word_after_name(text, start, end):
                    break
                end += 1
        if across or (start > 0 and text[start - 1] in DOTS):
            while start > 0 and (text[start - 1] in chars or (text[start - 1] in DOTS and start > 1
                                                              and text[start - 2] in chars)):
                start -= 1
        return start, end

    def _word_after_name(self, text: str, start: int, end: int) -> bool:
        """Whether the word at ``end``, after a dotted name's last part of two characters or more, is no more of the
        name (「某某·某某|都表示」「某某·某某|再次」「某某·某某|合作」): jieba, reading the part with what follows, starts
        there a function word or a verb (``dotted_name_end_tags``: a word of any length, ``dotted_name_end_verbs``: of
        two characters or more)."""
        part = max(start, max(text.rfind(d, start, end) for d in DOTS) + 1)
        if end - part < 2 or not (self.name_end_tags or self.name_end_verbs):
            return False
        at = part  # the word jieba reads at ``end`` with the part before it (none: ``end`` is inside a word, 买买|提)
        for word, tag in segment_words(text[part:end + 6]):
            if at == end:
                return tag in self.name_end_tags or (len(word) >= 2 and tag in self.name_end_verbs)
            at += len(word)
            if at > end:
                break
        return False

    def _inexact(self, cand) -> bool:
        """A candidate of an inexact rule (LAC's names, suffix rules, enumerations): one the fragment rules repair."""
        rule = cand.kb_id_ or "kg_gazetteer"
        return rule not in self.keep_rules and rule not in EXACT_RULES

    def _fragment(self, cand, text: str) -> bool:
        """A candidate of an inexact rule that is a piece of text."""
        return self._inexact(cand) and self.fragments.is_fragment(text[cand.start_char:cand.end_char], cand.label_)

    def _trimmed(self, doc: Doc, cand, item, words: SortedWords):
        """``cand`` without an initiative's trailing action word and the lead verb LAC reads in it (inexact rules
        only, :meth:`Fragments.verb_bounds`); None when it ends in a verb another verb follows, or when what the
        verb leaves is a fragment."""
        if not self._inexact(cand):
            return cand
        bounds = self.fragments.verb_bounds(item, cand.start_char, cand.end_char, cand.label_, words)
        if bounds is None:
            return None
        # a count cut off may leave a determiner (「8届|该活动」): ``counted``
        start, end, label, counted = self.fragments.repaired(item, *bounds, cand.label_, words)
        if (start, end, label) == (cand.start_char, cand.end_char, cand.label_):
            return cand
        if (bounds != (cand.start_char, cand.end_char) or counted) \
                and self.fragments.is_fragment(item.text[start:end], cand.label_):
            return None
        return doc.char_span(start, end, label=label, kb_id=cand.kb_id_,
                             span_id=cand.id_, alignment_mode="contract") or cand

    def _rescored(self, entry: tuple, probs: dict) -> tuple:
        """A candidate the fragment rules cut (:meth:`_trimmed`: 「举办|某某论坛」) scores at least the model's
        probability of the cut span, not only that of the span the rule proposed."""
        own, length, prio, order, cand = entry
        cut = probs.get((cand.start_char, cand.end_char), {}).get(cand.label_, 0.0)
        return (max(own, cut), length, prio, order, cand) if cut > own else entry

    def _joined_by_dash(self, chosen: list, text: str) -> list:
        """An organisation right after 「某国—」 (老挝—中国友好协会, 中国—某国商务理事会: a body of two countries)
        begins at that country: the country read as a place and the rest read as a name are pieces of one name."""
        bounds = [(s.start_char, s.end_char, s.label_) if not isinstance(s, tuple) else s for s in chosen]
        places = {end: i for i, (start, end, label) in enumerate(bounds)
                  if label == "DISTRICT" and (self._foreign(text[start:end]) or text[start:end] in self.own_country)}
        joined, gone = {}, set()
        for i, (start, end, label) in enumerate(bounds):
            place = places.get(start - 1)
            if label in ("AGENCY", "ENTERPRISE") and place is not None and text[start - 1] in DASHES:
                joined[i] = (bounds[place][0], end, label)
                gone.add(place)
        return [joined.get(i, span) for i, span in enumerate(chosen) if i not in gone] if joined else chosen

    def _decides(self, label: str) -> bool:
        return not self.model_labels or label in self.model_labels

    def _org_around_place(self, scored: list) -> list:
        """An organisation LAC reads around a trusted place (墨西哥|参议院, 四川|有线电视台) scores at least as the
        place, so the longer name wins the tie (the place stays a nested candidate)."""
        places = [(c.start_char, c.end_char, own) for own, _l, _p, _o, c in scored
                  if c.label_ == "DISTRICT" and self._trusted(c)]
        out = []
        for own, length, prio, order, cand in scored:
            if cand.kb_id_ == "ner" and cand.label_ in ("AGENCY", "ENTERPRISE", "MEDIA") and own >= self._needed(cand):
                inside = [p for s, e, p in places if cand.start_char <= s and e <= cand.end_char
                          and e - s < cand.end_char - cand.start_char]
                own = max([own, *inside])
            out.append((own, length, prio, order, cand))
        return out

    def _company_institutes(self, doc: Doc, scored: list, text: str) -> list:
        """A company's institute opened by a trusted company (a gazetteer's: 「某某集团有限公司|第九一一研究所」,
        :meth:`Fragments.institute_label`) is an ENTERPRISE scoring at least as the company, so the institute, an
        Enterprise of its own, is named whole."""
        companies = [(c.start_char, c.end_char, own) for own, _l, _p, _o, c in scored
                     if self._trusted(c) and c.label_ == "ENTERPRISE"]
        if not companies:
            return scored
        out = []
        for own, length, prio, order, cand in scored:
            opened = [p for s, e, p in companies if s == cand.start_char and e < cand.end_char]
            if opened and not self._trusted(cand) and cand.label_ not in ("PERSON", "DISTRICT") \
                    and self.fragments.company_institute.search(text, cand.start_char, cand.end_char) is not None:
                relabelled = cand if cand.label_ == "ENTERPRISE" else doc.char_span(
                    cand.start_char, cand.end_char, label="ENTERPRISE", kb_id=cand.kb_id_, span_id=cand.id_,
                    alignment_mode="contract")
                if relabelled is not None:
                    own, cand = max([own, *opened]), relabelled
            out.append((own, length, prio, order, cand))
        return out

    def _trusted_outer(self, scored: list) -> list:
        """A trusted name (an agency core's 中共某市委) scores at least as a shorter reading of the same label inside
        it (LAC's 某市委), so the exact rule's whole name wins."""
        inner = [(c.start_char, c.end_char, c.label_, own) for own, _l, _p, _o, c in scored if not self._trusted(c)]
        out = []
        for own, length, prio, order, cand in scored:
            if self._trusted(cand) and cand.label_ != "DISTRICT":
                own = max([own, *(p for s, e, label, p in inner if label == cand.label_
                                  and cand.start_char <= s and e <= cand.end_char and e - s < length)])
            out.append((own, length, prio, order, cand))
        return out

    def _new_needed(self, name: str, label: str) -> float:
        """The probability a span no rule proposed, ``name`` read as ``label``, needs to be added: the label's
        ``new_thresholds``, or ``programme_threshold`` when lower for an initiative named like a programme by its
        content (``Fragments.programme_name``: 「某某改革综合试点」; the model's boundaries, no rule proposes these)."""
        needed = self.new_thresholds.get(label, self.new_threshold)
        if label == "INITIATIVE" and self.fragments is not None and self.fragments.programme_name is not None \
                and self.fragments.programme_name.search(name) is not None:
            return min(needed, self.programme_threshold)
        return needed

    def _needed(self, span) -> float:
        """The probability ``span`` (a rule candidate, or a tuple: a span no rule proposed) needs to be kept."""
        if isinstance(span, tuple):
            return self.threshold
        rule = span.kb_id_ or "kg_gazetteer"
        return self.source_thresholds.get(f"{rule}/{span.label_}", self.source_thresholds.get(rule, self.threshold))

    def _foreign(self, name: str) -> bool:
        """A foreign country or world region, by its common name or a state's formal name (波兰共和国)."""
        return name in self.country_names or (self.state_form is not None and name not in self.own_country
                                              and self.state_form.match(name) is not None)

    def _no_name(self, text: str, start: int, end: int, label: str, bodies, fragment: bool, trusted: bool) -> bool:
        """``text[start:end]`` read as ``label`` names nothing: a ``fragment``, the home country at home, a place read
        from the 华 of 在华/来华, or (unless ``trusted``) a body of ``bodies`` with its sub-unit before a title or a
        place's sector read as a company (:meth:`Fragments.sector_reading`)."""
        return fragment or self._home_country(text[start:end], label) or self._in_china(text, start, end, label) or (
            not trusted and (self.fragments.subunit_of(text, start, end, bodies)
                             or self.fragments.sector_reading(text, start, end, label)))

    def _home_country(self, name: str, label: str) -> bool:
        """The home country's own name as a place in an article that names no foreign country: mostly in slogans
        and titles there (「中国经济」「中国制造」), not annotated (see ``trusted_countries``)."""
        return label == "DISTRICT" and not self._abroad and name in self.own_country

    def _in_china(self, text: str, start: int, end: int, label: str) -> bool:
        """A place read from the 华 of 「在华|来华|访华」 (China) on (「在华|美国企业」「来华|德国游客」 read 华美, 华德国):
        华 and a foreign country or one country's letter, no place."""
        if label != "DISTRICT" or self.fragments is None or self.fragments.in_china is None \
                or self.fragments.in_china.match(text, max(0, start - 1)) is None or text[start] != "华":
            return False
        rest = text[start + 1:end]
        return self._foreign(rest) or (len(rest) == 1 and rest in self.fragments.country_letters)

    def _transliterated(self, cand) -> bool:
        """LAC's place of three or more transliteration characters (约翰内斯堡): a foreign place."""
        return cand.kb_id_ == "ner" and len(cand.text) >= 3 and all(c in self.transliterated for c in cand.text)

    def _of_trusted_rule(self, cand) -> bool:
        """``cand`` comes from a trusted rule (``rule``, or ``rule:LABEL`` for one label of it)."""
        rule = cand.kb_id_ or "kg_gazetteer"
        return rule in self.trusted_rules or f"{rule}:{cand.label_}" in self.trusted_rules

    def _thing(self, cand) -> bool:
        """A trusted rule's platform, system or project that is not trusted (:meth:`Fragments.untrusted_thing`)."""
        return self.fragments is not None and self._of_trusted_rule(cand) and self.fragments.untrusted_thing(
            text_of(cand.doc), cand.start_char, cand.end_char, cand.kb_id_ or "kg_gazetteer")

    def _loose_quote(self, cand) -> bool:
        """A quoted name without a programme's ending (:meth:`Fragments.loose_quote`): neither certain nor trusted."""
        return self.fragments is not None and self.fragments.loose_quote(
            text_of(cand.doc), cand.start_char, cand.end_char, cand.kb_id_ or "kg_gazetteer")

    def _trusted(self, cand) -> bool:
        """A candidate of a trusted rule (but not its thing, :meth:`_thing`, nor a loose quote, :meth:`_loose_quote`),
        or a name trusted by its form (:meth:`_trusted_now`; judged once per article, arbitration asks often)."""
        key = (cand.start_char, cand.end_char, cand.label_, cand.kb_id_)
        trusted = self._trust.get(key)
        if trusted is None:
            trusted = self._trust[key] = self._trusted_now(cand)
        return trusted

    def _trusted_now(self, cand) -> bool:
        """What :meth:`_trusted` says of ``cand`` in the article being arbitrated."""
        name = span_text(cand)
        return (self._of_trusted_rule(cand) and not self._thing(cand) and not self._loose_quote(cand)) or (
            cand.label_ == "DISTRICT" and len(name) > 2 and name.endswith(self.trusted_place_endings)) or (
            cand.label_ == "DISTRICT" and self.fragments is not None and self.fragments.chained_place(
                text_of(cand.doc), cand.start_char, cand.end_char, lac_words(cand.doc))) or (
            cand.label_ == "DISTRICT" and (self._foreign(name) or self._transliterated(cand))) or (
            cand.label_ == "DISTRICT" and self._abroad and name in self.own_country) or (
            self.trusted_dotted_names and cand.label_ == "PERSON" and DOTTED_NAME.match(name) is not None) or (
            cand.label_ == "ENTERPRISE" and BRACKETED_PLACE_COMPANY.match(name) is not None) or (
            cand.label_ == "ENTERPRISE" and LEGAL_FORM.search(name) is not None
            and SUBSIDIARY_LEGAL_NAME.search(text_of(cand.doc), 0, cand.start_char) is not None) or (
            cand.label_ == "ENTERPRISE" and PARENT_BEFORE.match(text_of(cand.doc), cand.end_char) is not None) or (
            cand.label_ == "ENTERPRISE" and self.fragments is not None and self.fragments.placed_legal_name(name)) or (
            cand.label_ == "AGENCY" and self.fragments is not None
            and self.fragments.trusted_government.match(name) is not None)

    def _viterbi(self, doc: Doc, spans: list[tuple[int, int, str]]) -> Doc:
        by_bounds = {(s, e): label for s, e, label in spans}
        covered = bytearray(len(text_of(doc)) + 1)
        for s, e, _ in spans:
            covered[s:e] = b"\x01" * (e - s)
        kept, matched = [], set()
        for cand in candidates(doc):
            bounds = (cand.start_char, cand.end_char)
            if bounds in by_bounds:
                if cand.label_ != by_bounds[bounds]:
                    cand = doc.char_span(*bounds, label=by_bounds[bounds], kb_id=cand.kb_id_, span_id=cand.id_,
                                         alignment_mode="contract") or cand
                kept.append(cand)
                matched.add(bounds)
            elif (cand.kb_id_ or "kg_gazetteer") in self.keep_rules and not any(covered[bounds[0]:bounds[1]]):
                kept.append(cand)
        doc.spans[CANDIDATES] = kept
        for start, end, label in spans:
            if (start, end) not in matched:
                add_candidate(doc, start, end, label, TRAINED_RULE)
        return doc

    # -- serialisation -----------------------------------------------------------
    def to_disk(self, path, exclude=tuple()) -> None:
        if self.model is None:
            raise ModelError("kg_trained_ner has no model to save")
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model.model_file.resolve() != (path / MODEL_FILE).resolve():
            shutil.copyfile(self.model.model_file, path / MODEL_FILE)
        (path / CONFIG_FILE).write_text(json.dumps({"mode": self.mode, "keep_rules": list(self.keep_rules),
                                                    "threshold": self.threshold,
                                                    "label_thresholds": self.label_thresholds,
                                                    "lac_words": self.lac_words,
                                                    "trusted_rules": list(self.trusted_rules),
                                                    "trusted_floor": self.trusted_floor, "order": self.order,
                                                    "new_threshold": self.new_threshold,
                                                    "model_labels": list(self.model_labels),
                                                    "other_labels": self.other_labels,
                                                    "new_thresholds": self.new_thresholds,
                                                    "quotes_to_rules": self.quotes_to_rules,
                                                    "respect_trusted": self.respect_trusted,
                                                    "nested_places": self.nested_places,
                                                    "trusted_place_endings": list(self.trusted_place_endings),
                                                    "trusted_countries": self.trusted_countries,
                                                    "source_thresholds": self.source_thresholds,
                                                    "trusted_dotted_names": self.trusted_dotted_names,
                                                    "org_around_place": self.org_around_place,
                                                    "trusted_outer": self.trusted_outer,
                                                    "fragment_filter": self.fragments is not None,
                                                    "programme_threshold": self.programme_threshold,
                                                    "feature_groups": list(self.model.groups)},
                                                   indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")

    def from_disk(self, path, exclude=tuple()) -> "TrainedNer":
        """Load the CRF of ``path``, read with the feature groups it was trained with (``cfg.json``'s
        ``feature_groups``; a folder without them: :data:`kg.training.ner.FEATURE_GROUPS`)."""
        from kg.training.ner import NerModel

        path = Path(path)
        model_file = path / MODEL_FILE
        if not model_file.is_file():
            raise ModelError(f"{path}: not a trained NER model (no {MODEL_FILE})")
        groups = saved_feature_groups(path / CONFIG_FILE)
        try:
            self.model = NerModel(model_file, self.data_dir, groups)
        except (OSError, ValueError) as err:
            raise ModelError(f"{model_file}: cannot read the CRF model ({err})") from err
        return self


def saved_feature_groups(config: Path) -> list[str] | None:
    """The naming feature groups a model folder's ``cfg.json`` records, None when it records none."""
    if not config.is_file():
        return None
    try:
        groups = json.loads(config.read_text(encoding="utf-8")).get("feature_groups")
    except ValueError as err:
        raise ModelError(f"{config}: not valid JSON ({err})") from err
    if groups is not None and (not isinstance(groups, list) or not all(isinstance(g, str) for g in groups)):
        raise ModelError(f"{config}: feature_groups must be a list of group names, not {groups!r}")
    return groups


def _countries(data_dir: str) -> tuple[frozenset[str], frozenset[str], re.Pattern | None, frozenset[str]]:
    """Foreign countries and world regions, the home country's own names (中国, 中华人民共和国), the endings
    of a state's formal name (波兰共和国) and the characters of transliterated foreign names."""
    from kg.language.lexicon import load_lexicon

    lex = load_lexicon(data_dir)
    ner = lex.patterns["ner"]
    forms, own = ner.get("state_forms"), frozenset(ner.get("own_country", "").split())
    return (lex.countries - own, own,
            re.compile(rf"^[\u4e00-\u9fff·]{{2,}}(?:{forms})$") if forms else None,
            frozenset(ner.get("transliteration_chars", "")))


def _dotted_names(data_dir: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What a dotted full name is read with (the ``ner`` patterns): the characters its parts are written in
    (``transliteration_chars`` and ``dotted_name_chars``), and the jieba tags of the words that follow its last part
    rather than continue it (``dotted_name_end_tags`` of any length, ``dotted_name_end_verbs`` of two characters or
    more)."""
    from kg.language.lexicon import load_lexicon

    ner = load_lexicon(data_dir).patterns["ner"]
    return (frozenset(ner.get("transliteration_chars", "") + ner.get("dotted_name_chars", "")),
            frozenset(ner.get("dotted_name_end_tags", "").split()),
            frozenset(ner.get("dotted_name_end_verbs", "").split()))


def _nested_places(cands, chosen_bounds, kept) -> list:
    """Gazetteer places strictly inside a chosen span (合肥市 in 合肥市委) that were not kept themselves."""
    kept_ids = {id(s) for s in kept}
    return [c for c in cands if c.label_ == "DISTRICT" and (c.kb_id_ or "kg_gazetteer") == "kg_gazetteer"
            and id(c) not in kept_ids
            and any(b[0] <= c.start_char and c.end_char <= b[1] and (b[0], b[1]) != (c.start_char, c.end_char)
                    for b in chosen_bounds)]


def _joins_names(cands, start: int, end: int, label: str, fragments: "Fragments | None" = None) -> bool:
    """``start:end`` spans two or more rule candidates of ``label`` that do not overlap (two names run together:
    “A会同B”), which a span no rule proposed may not merge. A place and a legal form alone (「某某运营|某省有限公司」, the
    tagger's cut of one company's name at a verb inside it) names no company of its own (:meth:`Fragments.bare_legal`)."""
    inside = sorted((c.start_char, c.end_char) for c in cands
                    if c.label_ == label and start <= c.start_char and c.end_char <= end
                    and not (fragments is not None and fragments.bare_legal(span_text(c))))
    return any(b[0] >= a[1] for a, b in zip(inside, inside[1:]))


def _overlaps_trusted(trusted, start: int, end: int) -> bool:
    """``start:end`` overlaps one of the ``trusted`` candidates (a span no rule proposed may not swallow or cut
    a gazetteer name, an agency's full name, a 《》 title ...)."""
    return any(c.start_char < end and start < c.end_char for c in trusted)


def _fills_quotes(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is the whole of a “…” or "…" quotation."""
    return 0 < start and end < len(text) and (text[start - 1], text[end]) in (("“", "”"), ('"', '"'))


# the arbitration settings a model folder's ``ner/cfg.json`` carries: ``kg train`` writes them (with its own mode,
# rules, thresholds and LAC use), :func:`kg.training.model.ner_config` reads them back into the factory's config
DEFAULT_SETTINGS = {"mode": "arbitrate", "keep_rules": list(DEFAULT_KEEP_RULES), "threshold": DEFAULT_THRESHOLD,
                    "label_thresholds": dict(DEFAULT_LABEL_THRESHOLDS), "lac_words": True,
                    "trusted_rules": list(DEFAULT_TRUSTED_RULES), "trusted_floor": DEFAULT_TRUSTED_FLOOR,
                    "order": "probability", "new_threshold": DEFAULT_NEW_THRESHOLD,
                    "model_labels": list(DEFAULT_MODEL_LABELS), "other_labels": DEFAULT_OTHER_LABELS,
                    "new_thresholds": dict(DEFAULT_NEW_THRESHOLDS), "quotes_to_rules": DEFAULT_QUOTES_TO_RULES,
                    "respect_trusted": True, "nested_places": True,
                    "trusted_place_endings": list(DEFAULT_TRUSTED_PLACE_ENDINGS),
                    "trusted_countries": DEFAULT_TRUSTED_COUNTRIES,
                    "source_thresholds": dict(DEFAULT_SOURCE_THRESHOLDS),
                    "trusted_dotted_names": DEFAULT_TRUSTED_DOTTED_NAMES, "org_around_place": DEFAULT_ORG_AROUND_PLACE,
                    "trusted_outer": DEFAULT_TRUSTED_OUTER, "fragment_filter": True,
                    "programme_threshold": DEFAULT_PROGRAMME_THRESHOLD}


@Language.factory("kg_trained_ner",
                  # spaCy merges a config's dict into the default's: source_thresholds' default is empty so that a
                  # model's cfg.json says all
                  default_config={"model_dir": "", "data_dir": "", **DEFAULT_SETTINGS, "source_thresholds": {}},
                  assigns=["doc.spans"], requires=["doc.spans"])
def make_trained_ner(nlp: Language, name: str, model_dir: str, mode: str, keep_rules: list[str],
                     data_dir: str, threshold: float, label_thresholds: dict[str, float],
                     lac_words: bool, trusted_rules: list[str], trusted_floor: float, order: str,
                     new_threshold: float, model_labels: list[str], other_labels: str,
                     new_thresholds: dict[str, float], quotes_to_rules: bool,
                     respect_trusted: bool, nested_places: bool, trusted_place_endings: list[str],
                     trusted_countries: bool, source_thresholds: dict[str, float],
                     trusted_dotted_names: bool, org_around_place: bool, trusted_outer: bool,
                     fragment_filter: bool, programme_threshold: float) -> TrainedNer:
    return TrainedNer(nlp, name, model_dir, mode, keep_rules, data_dir, threshold, label_thresholds, lac_words,
                      trusted_rules, trusted_floor, order, new_threshold, model_labels, other_labels, new_thresholds,
                      quotes_to_rules, respect_trusted, nested_places, trusted_place_endings, trusted_countries,
                      source_thresholds, trusted_dotted_names, org_around_place, trusted_outer,
                      fragment_filter, programme_threshold)
