"""``kg_figures``: quantities the text states (2300亿元, 16.1%, 26个, 百亿条, −0.7%).

Each figure gets a signed, normalised value (亿/万 multipliers and Chinese numerals resolved), a unit (CNY,
percent, a unit of measure or the counter word), the indicator naming what is measured, and a period (2020年,
上半年) when the sentence states one. The tables come from ``data/patterns/names.yml`` (``figures``).

What is measured: after a counter or a unit of measure, the noun phrase that follows (26个重点工业项目,
7.33平方公里的土地整理); else the noun phrase before the number, without the verb, the clause-opening words
and the conjunctions around it (全省技术合同成交额 in 「会议提出，到2025年全省技术合同成交额达到5000亿元」).
Money and percentages name the noun that follows only when the words before give none (设立100亿元产业投资基金);
a percentage before 的 is a share of the noun after it (全国约40%的石油). Counted things keep what the clause says
they did (6家企业|在证监局辅导备案). A number listed right after another shares its indicator (分别增长A、B); a
clause with no name of its own (「，占47.9%」「，高于全国2.1个百分点」) is named after the sentence's indicator.
A counter character that opens a word (365万人民, 5项目) counts nothing, unless jieba splits the counter off a longer
word (61个|人工智能项目); a share opening its clause names what it is said to be (，90%以上是非常规钢种).

Signs: the value is the signed change the text states. 「-0.7%」「−0.7%」「增长-0.7%」 → −0.7; 「下降0.7%」
「减少12亿元」 → −0.7 and −1200000000; 「下降-0.7%」 stays −0.7 (the sign repeats the verb, it does not
cancel it); 「下降到0.7%」「降至」 state the level reached, so the value stays positive; in 「分别下降0.7%和3.1%」
both are falls; 「平均降价60%」「降幅在60%」 → −60. An amount saved is an amount (「节省了2000元」 → 2000, named 节省
and what was saved), a saved share a fall (「节省60%的用车成本」 → −60). The indicator keeps the verb as written
(「同比下降」), so −3.1 with 同比下降 reads "a change of −3.1". An amount per unit (「1万元/个」) is a price.

Never figures: ordinals and sessions (第3届, 第三十九次会议, 五届三次会议, 党的N大), plan names (十四五), size
classes (千亿级产业集群).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

import cn2an
from spacy.language import Language
from spacy.tokens import Doc

from kg.language.lexicon import load_lexicon
from kg.language.segment import words
from kg.nlp.spans import text_of
from kg.nlp.table_figures import TableReader

__all__ = ["Figures", "make_figures", "parse_number", "resolve_period"]



def _word_class(kind: str) -> frozenset[str]:
    """A closed word class of ``figures.function_words`` in names.yml (commented there)."""
    return frozenset(load_lexicon().patterns["figures"]["function_words"][kind].split("|"))


_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_SIGNS = r"\-−－﹣"  # in character classes: the hyphen escaped
_CLAUSE_BREAK = "，。；：！？（）()\n、,;|"  # (|: a table's cells)
_SENTENCE_BREAK = "。！？\n"
_PERIOD = re.compile(r"(?:(?:19|20)\d{2}年(?:上半年|下半年|前三季度|第[一二三四]季度|\d{1,2}月|底|末|全年)?|上半年|下半年|前三季度|今年|去年)")
# a month of the sentence's period singled out (其中2月|同比大增), or the years a change took opening the clause
# (10年间|增长75.9%, 近5年来): when, not what is measured (a month alone, 5月份增长5.2%, names the figure and stays)
_MONTH = re.compile(r"(?<=其中)\d{1,2}(?:[至到—-]\d{1,2})?月份?(?![\d日])"
                    r"|^(?:近|过去)?(?:\d{1,2}|[一二三四五六七八九十两]{1,3})年(?:间|来|里)")
_PREDICATE_CHARS = 16  # the longest predicate after counted things kept with them (企业|通过证监会的首发上市审核)
_LIST_JOIN = re.compile(r"[ \u00a0]?[、和及与至到][ \u00a0]?")
_LEAD = re.compile(r"^(?:截至目前|截至|目前|其中|此外|同时|累计|共|已|已经|另外|比如|例如|全年|以来|进一步|持续|不断|仍|依然)+")
_MARKS = "“”\"'‘’《》「」『』【】()（）[] \u3000"
# jieba tags that cannot open or close what is measured: conjunctions, prepositions, particles, adverbs,
# pronouns, numerals, measure words, punctuation
_EDGE_TAGS = {"c", "p", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "r", "m", "q", "mq", "x", "y", "e", "o", "w", "f"}
# tags a noun phrase after a count is made of (nouns, names, distinguishing words, nominal verbs)
_NOUN_TAGS = {"n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "vn", "an", "b", "j", "s", "eng", "g", "k", "zg"}
_JOINERS = _word_class("joiners")
_FUNDS = _word_class("funds")
_VOLUME_LEADS = _word_class("volume_leads")
_QUOTED = re.compile(r"[“「\"‘]([^“”「」\"‘’，。；！？、\n]{1,12})[”」\"’]|(（[^（），。；！？\n]{1,8}）)")
# an opening quote before a number with no closing quote between them
_QUOTED_AROUND = re.compile(r"[“「][^“”「」，。\n]*$")
# a bracket inside a name (职业（工种）, 县（区）): short, no number, no aside (（含2家外资企业）)
_NAME_BRACKET = re.compile(r"（(?!含|包括|其中|即|下同|简称|以下)[^（），。；！？\n\d]{1,8}）")
# a verb bringing a number to another right after it (2条|发展到15条, 30户|增加至210户), not to a date (12家企业|到2027年)
_CHANGE_TO_LEVEL = re.compile(rf"[^\d{_CN_DIGITS}{_CLAUSE_BREAK}的]{{1,3}}[到至][ \u00a0]?[\d{_CN_DIGITS}]"
                              rf"(?![\d{_CN_DIGITS}.]*[年月日])")
# between the two ends of a range (降低25%到30%): the upper end is a fall as its lower end is
_RANGE_JOIN = re.compile(r"[ \u00a0]?[到至~～—－-][ \u00a0]?")
_COMPARATIVES = _word_class("comparatives")
# a change said against a base (增速比上年|提高, 投递量 比去年同期增长, 较增长: 较2020年 read as the period), not 同比, 占比,
# 比重, nor an adverb (较快增长)
_COMPARED_CHANGE = re.compile(r"^(?P<head>[^ ]*?) ?(?<![同环占相对之])(?P<base>(?:较|比(?=[^ ]))(?![重例率值较快慢大小高低为多少好])"
                              r"[^ 比较]{0,8}?) ?(?P<change>(?:实际|名义|分别|均|都|累计)?(?:增长|提高|提升|下降|减少|增加|回落|上升|降低|扩大|缩小|缩短)[^ ]*)$")
# a clause that says only how something changed (其中2月|同比大增, 快速增长至…): the change of the sentence's indicator
_CHANGE_ONLY = re.compile(r"(?:同比|环比)?(?:大幅|小幅|大|快速|迅速|稳步|持续|明显)?(?:增长|增|下降|降|提高|提升|减少|回落|上升)")
# the wholes a share is of (占全国, 占全球)
_WHOLE = "全[国省市区县球]|世界"
_VERB_LEADS = _word_class("verb_leads")
_PLACE_BOUNDS = _word_class("place_bounds")
# characters jieba tags as numerals that are numbers, never the end of a noun (梅花|点 is a noun)
_NUMERAL_CHARS = set(_CN_DIGITS + "万亿多余几半数")
_NOW = _word_class("now")
_BOUNDS = _word_class("bounds")
_MODALS = _word_class("modals")
_PREDICATES = _word_class("predicates")
_OTHERS = _word_class("others")


def parse_number(num: str) -> Decimal:
    """The exact value: ``2.6`` → 2.6, ``百`` → 100, ``二千三百`` → 2300 (a Decimal, so 4120.6亿 stays
    412060000000 and never becomes 412060000000.00006).

    >>> parse_number("4120.6") * 100000000, parse_number("二千三百")
    (Decimal('412060000000.0'), Decimal('2300'))
    """
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        return Decimal(num)
    if num[0] in "十百千":
        num = "一" + num
    value = cn2an.cn2an(num.replace("〇", "零"), "normal")
    return Decimal(str(value)) if isinstance(value, float) else Decimal(int(value))


def resolve_period(period: str, date) -> str:
    """Anchor a period without a year on the article date: 上半年 → 2021年上半年, 去年 → 2020年."""
    if not period or date is None or re.match(r"(?:19|20)\d{2}年", period):
        return period
    if period == "今年":
        return f"{date.year}年"
    if period == "去年":
        return f"{date.year - 1}年"
    return f"{date.year}年{period}"


class Figures:
    def __init__(self, nlp: Language, name: str = "kg_figures", data_dir: str = ""):
        self.name = name
        self.lex = lex = load_lexicon(data_dir)
        fg = lex.patterns["figures"]
        self.multipliers = fg["multipliers"]
        self.currency = fg["currency"]
        self.measures = set(fg["measures"].split("|"))
        self.counters = set(fg["counters"].split("|"))
        self.tenths = fg["tenths"]
        self._event_counters = set(fg["event_counters"].split("|"))
        self._trip_counters = set(fg["trip_counters"].split("|"))
        self._earning = set(fg["earning_verbs"].split("|"))
        self._property = re.compile(rf"(?:{fg['property_before']})$")
        self._kept_lead = re.compile(fg["kept_leads"])
        mult = "|".join(sorted(self.multipliers, key=len, reverse=True))
        cur = "|".join(sorted(self.currency, key=len, reverse=True))
        units = "|".join(sorted(self.measures | self.counters, key=len, reverse=True))
        ordinal = fg["ordinal_before"]
        space = r"[ \u00a0]?"
        self._number = re.compile(
            rf"(?:(?<![\d.{_SIGNS}])(?<!{ordinal})(?P<sign>[{_SIGNS}](?=\d))?(?P<arabic>\d+(?:\.\d+)?)"
            rf"|(?<![另{_CN_DIGITS}])(?P<half>一半)(?![一二三四五六七八九十])"
            rf"|(?<![\d.{_CN_DIGITS}])(?<!{ordinal})(?P<chinese>[{_CN_DIGITS}]+)"
            rf"|(?<![\d.{_CN_DIGITS}])(?P<bare>(?<={fg['bare_scale_after']})(?=万|亿)|(?=[万亿][余多]))"
            rf")"
            rf"(?P<more1>多|余)?{space}(?P<mult>(?:{mult})(?!{fg['multiplier_not_before']}))?(?P<more2>多|余)?{space}"
            rf"(?P<unit>%|％|{cur}|{units}|(?<=[{_CN_DIGITS}]){fg['tenths']})?")
        # the same number read without its unit (14亿多|人口: 人 opens a word, it counts nothing)
        self._number_unitless = re.compile(self._number.pattern.replace("(?P<unit>", "(?P<unit>(?!)(?:") + ")?")
        self._range_upper = re.compile(
            rf"{space}[至到]{space}(?:\d+(?:\.\d+)?|[{_CN_DIGITS}]+){space}(?P<mult>{mult})?{space}(?P<unit>%|％|{cur}|{units})")
        self._listed = re.compile(
            rf"(?:{space}[、和及与或]{space}[{_SIGNS}]?(?:\d+(?:\.\d+)?|[{_CN_DIGITS}]+)(?:多|余)?{space}(?:{mult})?"
            rf"{space}(?:%|％|{cur}|{units}))+")
        self._session = re.compile(fg["session_after"])
        self._threshold = re.compile(rf"{space}(?:以上|以下)")
        self._range_start = re.compile(rf"{space}[—~～－-]{space}\d")
        self._range_end = re.compile(rf"\d[万亿千百]*元?{space}[—~～－-]{space}$")
        self._approx = re.compile(rf"(?:{fg['approximately']})+$")
        self._scale_lead = re.compile(rf"^{space}{fg['scale_lead']}")
        self._money = re.compile(fg["money_words"])
        self._trailing = re.compile(rf"(?:{fg['trailing_verbs']}|从)+$")
        self._said_tail = re.compile(rf"(?:的|{fg['trailing_verbs']}|{fg['approximately']}|提升至|提高至)+$")
        self._growth = re.compile(rf"{fg['growth']}")
        self._growth_after = re.compile(fg["growth_after"])
        self._carrying = re.compile(rf"(?:{fg['carrying_verbs']})")
        self._decrease = re.compile(fg["decrease"])
        self._decrease_object = re.compile(fg["decrease_object"])
        self._saving = re.compile(fg["saving"])
        self._per_unit_price = re.compile(fg["per_unit_price"])
        self._ratio = re.compile(fg["ratio_before"])
        self._frame_nouns = set(fg["frame_nouns"].split("|"))
        self._count_changes = set(fg["count_changes"].split("|"))
        self._class_nouns = set(fg["class_nouns"].split("|"))
        self._volume_verbs = dict(fg["volume_verbs"])
        self._respectively_changed = re.compile(fg["respectively_changed"])
        self._level_adverbs = set(fg["level_adverbs"].split("|"))
        self._measure_ending = re.compile(rf"(?:{fg['measure_endings']})$")
        self._list_framing = re.compile(rf"(?:{fg['list_framing_verbs']})")
        self._lead_words = re.compile(rf"(?:{fg['indicator_lead']})+")
        self._target = re.compile(fg["target"])
        self._respectively = re.compile(fg["respectively"])
        self._duration = re.compile(fg["duration_nouns"])
        self._compared = re.compile(rf"(?:{fg['comparison_before']})$")
        self._not_counter = fg["counter_not_before"]
        self._demonstrative = re.compile(rf"(?:{fg['demonstratives']})")
        self._share_is_verb = re.compile(rf"(?:{fg['share_is']})")
        self._survey_verb = re.compile(rf"(?:{fg['survey_verbs']})")
        self._existential = set(fg["existential"].split("|"))
        self._whole_words = re.compile(fg["whole_words"])
        self._so_far = set(fg["so_far"].split("|"))
        self._generic_heads = set(fg["generic_heads"].split("|"))
        self._bare_measures = set(fg["bare_measures"].split("|"))
        heads = sorted(self._generic_heads | self._bare_measures, key=len, reverse=True)
        self._measure_at_end = re.compile(rf"(?:{'|'.join(heads)})$")
        self._measure_inside = re.compile(rf"(?:{'|'.join(heads)})")
        self._directed = re.compile(fg["directed_measures"])
        self._people = set(fg["reporting_people"].split("|"))
        self._saying = re.compile(rf"(?:{fg['saying_verbs']})")
        self._shared_head = re.compile(rf"(?:{fg['shared_heads']})$")
        self._tables = TableReader(fg["tables"], self._quantity, self._target, self._holds_quantity)
        self._reached = re.compile(fg["reached_level"])
        self._change_base = re.compile(rf"(?:{fg['change_bases']})$")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        out = []
        last_by_sentence: dict[int, str] = {}
        floor = 0  # where the words of the next figure may start: after the previous figure of its clause
        paired: dict[int, str] = {}  # 甲、乙分别为1%、2%: the indicator of each listed number, by its start
        falling_until = -1  # 分别下降0.7%和3.1%: where a list of falls ends (each number in it is a fall)
        previous: dict | None = None  # the figure found last, whose indicator a number listed after it shares
        tables = self._tables.figures(text) if "|" in text else None
        read = tables.read if tables else []
        read_starts = [start for start, _ in read]
        for m in self._number.finditer(text):
            at = bisect_right(read_starts, m.start()) - 1
            if at >= 0 and m.start() < read[at][1]:
                continue  # a table's figure cell: named by its row and column (kg.nlp.table_figures)
            sent_start = max(text.rfind(c, 0, m.start()) for c in _SENTENCE_BREAK) + 1
            fig = self._figure(text, m, sent_start, floor)
            if fig is None:
                continue
            floor = m.end()
            if fig.pop("_fall"):
                listed = self._listed.match(text, m.end())
                falling_until = listed.end() if listed else -1
            elif m.start() < falling_until and fig["value"] > 0:
                fig["value"] = -fig["value"]
            elif previous and previous["value"] < 0 < fig["value"] and previous["unit"] == fig["unit"] \
                    and text[previous["start"]] not in "-−－﹣" \
                    and _RANGE_JOIN.fullmatch(text, previous["end"], m.start()):
                fig["value"] = -fig["value"]  # 降低25%到30%: both ends of the range are falls
            paired.update(self._respective(text, m, fig))
            if m.start() not in paired:
                paired.update(self._respective_to_figures(text, m, [f for f in out if f["start"] >= sent_start]))
            if m.start() in paired:
                fig["indicator"] = paired.pop(m.start())
            if not fig["indicator"] and previous and _LIST_JOIN.fullmatch(text, previous["end"], m.start()):
                fig["indicator"] = previous["indicator"]  # 分别增长2.55%、5.51%: the second one grew too
            clause = text[fig["clause"][0]:m.start()].strip(_MARKS)
            shared = re.fullmatch(rf"(.+占)(?:{_WHOLE})", previous["indicator"]) if previous and previous["start"] >= sent_start else None
            if shared and re.fullmatch(_WHOLE, fig["indicator"]) and text[previous["end"]:fig["clause"][0]].strip() == "、":
                fig["indicator"] = shared.group(1) + fig["indicator"]  # 出货量占全国15%、全球11%: 出货量占全球
            elif fig["indicator"] and last_by_sentence.get(sent_start) and fig["indicator"].replace(" ", "") in clause and (
                    clause.startswith(tuple(_COMPARATIVES)) or re.match(r"(?:分别|均|都)?[比较](?:全国|全省|全市|上年|去年|同期)", clause)
                    or re.match(r"(?:分别|均|都)[比较]", clause)
                    or re.match(r"(?:约|仅)?占", clause)):
                # 增长8.1%，高于全国2.1个百分点: what is compared is the sentence's indicator (not 「高于全国」);
                # 储量4028亿立方米，占全省三成以上: the share is that 储量's (not 「占全省」's)
                said = clause if len(clause) <= 8 else fig["indicator"]  # 比全国高, as written
                if re.match(r"(?:约|仅)?占", said):
                    said = self._said_tail.sub("", said) or said  # (占国内市场份额近, 占比提升至: without 近, 提升至)
                fig["indicator"] = f"{last_by_sentence[sent_start]} {said}"
            elif fig["indicator"] in self._generic_heads and last_by_sentence.get(sent_start):
                prev = last_by_sentence[sent_start]  # 新增上市公司12家，总数达到66家 (not 「…占比占比」)
                fig["indicator"] = prev if prev.endswith(fig["indicator"]) else prev + fig["indicator"]
            elif fig["indicator"] in self._bare_measures and previous and previous["start"] >= sent_start and text[
                    previous["end"]:fig["clause"][0]].strip() in ("，", "；") and (
                    self._measure_at_end.search(previous["indicator"].split(" ")[0]) or self._nouns_only(previous["indicator"])):
                # 全县葡萄种植面积达2.7万亩，年产量4.7万吨: the 葡萄's (not after a count of what was done: 建成81家企业)
                thing = self._thing_measured(previous["indicator"].split(" ")[0])
                if thing not in self._bare_measures:  # (亩产超过4000斤，亩产值…: not 「亩产亩产值」)
                    fig["indicator"] = thing + fig["indicator"]
            elif (fig["indicator"] in self._bare_measures or self._property.fullmatch(fig["indicator"])) and (
                    subject := self._sentence_subject(text, sent_start, fig["clause"][0])):
                # 林下经济蓬勃发展，…，2024年产值达52.3亿元: the 产值 of what the sentence opens with
                fig["indicator"] = subject + fig["indicator"]
            elif fig["indicator"] and self._only_verb(fig["indicator"]) and last_by_sentence.get(sent_start):
                fig["_verb"], fig["indicator"] = fig["indicator"], ""  # 产值从24.5亿元提升到2.13万亿元: 产值 提升
            elif fig["indicator"] and (to_level := self._verb_to_level(fig["indicator"])) and last_by_sentence.get(sent_start):
                fig["_verb"], fig["indicator"] = to_level, ""  # 每年出口60万根，后来一度回落至每年20多万根: 出口 回落至
            lone = _lone_verb(clause) if not fig["indicator"] and fig["unit"] not in ("percent", "number", "CNY") else ""
            if not last_by_sentence.get(sent_start) and (len(lone) >= 3 and lone.startswith(("已", "累计")) or len(lone) >= 2 and (
                    fig["unit"] in self._trip_counters)) and not re.match(
                    rf"[\d{_CN_DIGITS}]", text[fig["end"]:fig["end"] + 1]):  # (累计开放3批58个应用场景: the 58 are counted)
                fig["indicator"] = lone  # 已入住7000余人: no measure named, what was done so far counts them; 出车|9.3万车次:
                # trips or showings counted are named by the verb that makes them
            if not fig["indicator"]:
                prev = last_by_sentence.get(sent_start)
                if not prev:
                    continue
                compared = clause if len(clause) <= 8 and re.fullmatch(r"[比较][^\d]+", clause) else ""
                # 占比83.6%、比常年高1.6个百分点: the sentence's indicator compared as written (not a 变化)
                if not fig.get("_verb") and self._reached.fullmatch(clause):
                    fig["indicator"] = self._change_base.sub("", prev) or prev  # 较年初下降0.15个百分点，至1.28%: the level
                else:
                    fig["indicator"] = f"{prev} {compared or fig.pop('_verb', '') or '变化'}".strip()
            fig.pop("_verb", None)
            if fig.pop("_price") and "价" not in fig["indicator"]:
                head, _, said = fig["indicator"].partition(" ")  # 晶体从1万元/个降至1100余元/个: 晶体价格
                fig["indicator"] = f"{head}价格 {said}".strip()
            fig["indicator"] = self._base_after_change(fig["indicator"], last_by_sentence.get(sent_start, ""))
            last_by_sentence[sent_start] = fig["indicator"].split(" ")[0]
            previous = fig
            out.append(fig)
        if tables:
            named_starts = [cell[0] for cell in tables.named]
            for fig in out:
                at = bisect_right(named_starts, fig["start"]) - 1
                row = tables.named[at] if at >= 0 and fig["start"] < tables.named[at][1] else None
                if row and row[2] not in fig["indicator"]:
                    fig["indicator"] = row[2] + fig["indicator"]  # | 宁州智算中心 | 完成投资6亿元 |: 宁州智算中心完成投资
                if row:
                    fig["clause"] = (row[3], fig["clause"][1])  # (what it is about: the row's name too)
            out = sorted(out + tables.figures, key=lambda f: f["start"])
        doc._.kg_figures = tuple(out)
        return doc

    def _base_after_change(self, indicator: str, sentence_indicator: str) -> str:
        """A change said against a base (增速比上年提高, 投递量比去年同期增长) with the base after the change, so what
        is measured and how it changed read together: 增速 提高（比上年）; a base whose year was read as the period
        (较2020年增长) leaves 增长 alone, named after the sentence's indicator when the clause names nothing else."""
        if sentence_indicator and _CHANGE_ONLY.fullmatch(indicator):
            return f"{sentence_indicator} {indicator}"
        m = _COMPARED_CHANGE.match(indicator)
        if not m:
            return indicator
        head = m.group("head") or sentence_indicator
        if not head:
            return indicator
        base = m.group("base")
        return f"{head} {m.group('change')}" + (f"（{base}）" if len(base) > 1 else "")

    def _holds_quantity(self, text: str) -> bool:
        """Whether ``text`` states a number with its unit or multiplier (完成投资6亿元; not 宁州项目1, 5G基站)."""
        return any(m.group("unit") or m.group("mult") for m in self._number.finditer(text))

    def _quantity(self, text: str) -> tuple[Decimal, str] | None:
        """``text`` read as one quantity and nothing else (2876.4亿元 → 287640000000, CNY; -1.8% → −1.8, percent; a
        bare 2876.4 → 2876.4, ""): the value and unit a table cell holds; None when it is no such quantity."""
        m = self._number.fullmatch(text)
        if not m or m.group("half") or m.group("bare") is not None or not m.group("arabic") and not m.group("unit"):
            return None
        mult, unit = m.group("mult"), m.group("unit")
        try:
            value = parse_number(m.group("arabic") or m.group("chinese"))
        except (ValueError, KeyError):
            return None
        if mult:
            value *= Decimal(self.multipliers[mult])
        if m.group("sign"):
            value = -value
        if unit in ("%", "％"):
            return value, "percent"
        if unit == self.tenths:
            return value * 10, "percent"
        if unit in self.currency:
            return value, self.currency[unit]
        if unit == "大":
            return None
        return value, unit or ""

    def _figure(self, text: str, m: re.Match, sent_start: int = 0, floor: int = 0) -> dict | None:
        num = m.group("arabic") or m.group("chinese") or "1"  # bare 万, 亿: one of them
        mult, unit = m.group("mult"), m.group("unit")
        if m.group("half"):
            num, mult, unit = "50", None, "%"  # 一半以上的新能源汽车: half, a share of 50%
        if m.group("bare") is not None and not mult:
            return None
        after = text[m.end():m.end() + 1]
        if unit in self._not_counter and after and after in self._not_counter[unit] and not self._counter_split_off(text, m):
            if not m.group("mult"):
                return None  # 365万人民, 5项目…: the counter character opens a word
            m = self._number_unitless.match(text, m.start())  # 14亿多人口: a number of 人口
            mult, unit = m.group("mult"), None
            after = text[m.end():m.end() + 1]
        opening = text[max(0, m.start() - 1):m.start()]
        if opening in ("“", '"', "「", "‘") and re.match(r"[^“”\"「」‘’，。\n]{0,6}[”\"」’]", text[m.end():]):
            return None  # “三个示范”, “八个100”: a slogan's name, not a figure
        if _QUOTED_AROUND.search(text, max(0, m.start() - 12), m.start()) and re.match(
                r"[^“”「」，。\n]{0,12}[”」]", text[m.end():]):
            return None  # “政银企对接暨百名行长联千企”推进会: inside a quoted name
        follow_at = m.end()  # where the noun phrase after the number starts
        ratio = False
        if not (mult or unit):
            upper = self._range_upper.match(text, m.end())
            if upper:
                mult, unit = upper.group("mult"), upper.group("unit")  # 600至700千瓦时: the range's unit is the first's too
                follow_at = upper.end()
            elif m.group("arabic") and self._ratio.search(text, max(sent_start, m.start() - 30), m.start()):
                ratio = True  # 收入比值为1.93: a ratio, a plain number (never money, whatever it compares)
            else:
                return None
        if m.group("chinese") and (num == "一" and not mult or num in ("零", "〇")):
            return None  # 一 alone, 零部件, 零售: no figure
        if m.group("chinese") and re.fullmatch(r"[一二两三四五六七八九]{2,}", num):
            return None  # 一二类苗, 七八个小时: two numbers side by side, a range or a list, no value
        if unit is None and after in "年月日号时分届期代":
            return None
        if after == "级" or text[m.end():m.end() + 2] in ("量级", "能级"):
            return None  # 千亿级产业集群, 百亿级项目: a size class, not a figure
        if unit in ("次", "大") and self._session.match(text, m.end() - 1):
            return None
        try:
            value = parse_number(num)
        except (ValueError, KeyError):
            return None
        if mult:
            value *= Decimal(self.multipliers[mult])
        clause_start = max(max(text.rfind(c, 0, m.start()) for c in _CLAUSE_BREAK) + 1, floor)
        lead = re.search(rf"[{_CN_DIGITS}]+大$", text[max(0, floor - 4):floor]) if clause_start == floor > 0 else None
        if lead:  # 四大主导产业增加值占…达67.2%: the class count before opens what is measured
            clause_start -= len(lead.group())
        listed_start = max(text.rfind(c, 0, m.start()) for c in _CLAUSE_BREAK if c != "、") + 1
        if clause_start > listed_start >= floor and not re.search(rf"[\d{_CN_DIGITS}]", text[listed_start:m.start()]):
            clause_start = listed_start  # 参观、研学的人数达20万人次: what is measured is the whole list
        prefix = text[clause_start:m.start()]
        share = unit in ("%", "％", self.tenths)
        saving = None if share else self._saving.search(prefix)  # 节省了2000元: the amount saved (节省60%: a fall)
        fall = bool(self._decrease.search(prefix)) and not prefix.endswith(("到", "至")) and not saving
        if share and not fall and self._decrease_object.search(prefix):
            fall = True  # 降低运营成本至少50%: a fall of what is named between the verb and the share
        if m.group("sign") or fall:
            value = -value
        if unit == self.tenths:
            value *= 10  # 六成 → 60%
        if share:
            unit_name, kind = "percent", "percent"
        elif unit in self.currency:
            unit_name, kind = self.currency[unit], "money"
        elif unit in self.measures:
            unit_name, kind = unit, "measure"
        elif unit:
            unit_name, kind = ("个" if unit == "大" else unit), "count"
        else:
            unit_name, kind = "", "number"
        per_unit = self._per_unit_price.match(text, m.end()) if kind == "money" else None
        if per_unit:
            follow_at = per_unit.end()  # 11.80元/股|的价格
        following = self._following(text, follow_at, nominal_only=kind == "percent",
                                    counted=kind == "money" or kind == "count" and unit not in self._event_counters)
        if kind == "money" and following and m.group("bare") is not None and re.match(
                rf"[^{_CLAUSE_BREAK}]*[\d{_CN_DIGITS}]", text[m.end():]):
            return None  # 超亿元项目11个: a size class of what is counted after it, not a figure
        if kind == "money" and unit == "元" and num in "一二两三四五六七八九" and not mult and following and \
                text[m.end():].startswith(following):
            return None  # 三元锂电池, 二元结构: a class named by a numeral and 元, no amount of money
        if kind == "count" and not following and (unit == "大" or m.group("chinese") and len(num) == 1 and not mult):
            return None  # 三大, 九台 without a noun after them are no count (扩大, 党的N大, 九台市)
        if kind in ("money", "number", "measure") and (self._range_start.match(text, m.end()) or following and (
                self._threshold.match(text, m.end()) or self._range_end.search(text, max(0, m.start() - 12), m.start()))):
            return None  # 10亿元以上项目, 5亿—10亿元项目: a size class, not a figure
        period_m = None  # the sentence's last period before the number that is not a comparison base (比2020年)
        for pm in _PERIOD.finditer(text, sent_start, m.start()):
            if not self._compared.search(text, max(sent_start, pm.start() - 4), pm.start()):
                period_m = pm
        indicator, verb, ending = self._indicator(prefix, allow_verb=kind != "count")
        if ratio:  # 收入倍差“十四五”时期从1.96…, 之比从2021年的0.73: the ratio named, not the period nor 从
            indicator = re.sub(r"(?:“[^”]{1,8}”)?(?:时期|期间)?[从由]?$", "", indicator)
        if not indicator and kind == "measure" and text[clause_start - 1:clause_start] == "、" and len(
                prefix.strip()) == 1 and words(prefix.strip())[0][1] in _NOUN_TAGS | {"g"}:
            indicator = prefix.strip()  # 含银量0.19克、铜25.8克、钯0.015克: a listed name of one character
        if verb in ("拥有", "有") and re.search(r"每[百千万]*[人户]$", indicator):
            indicator += verb  # 平均每万人拥有约4家: a rate per head, said with its verb
        among = ""  # 引进项目中|90%都是战略性新兴产业: the share of those named before 中 that are what follows
        if kind == "percent" and not following and (not indicator or prefix.rstrip().endswith("中")) and not verb:
            following = self._share_is(text, m.end())  # ，90%以上是非常规钢种: a share of 非常规钢种 (且80%为老人)
            among = indicator + "中" if following and indicator and not indicator.endswith("中") else indicator
        qualifier = self._qualifier(prefix, verb) if unit_name in ("percent", "个百分点", "倍") else ""
        grown = self._growth_after.match(text, m.end()) if kind == "percent" and not qualifier else None
        if grown:  # 浙江实现了9.8%的高速增长 → 浙江 增长; 连续3年保持30%以上增长 → the sentence's indicator 增长
            qualifier, following = grown.group("growth"), ""
            if qualifier == "下降" and value > 0:
                value = -value  # 实现了3%的下降: a fall
            indicator = self._without_carrying_verb(indicator)
            if not indicator:
                verb = qualifier
        if kind == "count" and following and following.endswith(("级", "类", "型")):
            shared = re.match(rf"[^{_CLAUSE_BREAK}]*(?:、[^，。；！？\n、]*)+?{following[-1]}([^{_CLAUSE_BREAK}]+)",
                              text[follow_at + len(following):])
            head = _noun_phrase(shared.group(1), self._words) if shared else ""
            following += head  # 3.5万余家基础级、8200余家先进级、500余家卓越级智能工厂: each one's 智能工厂
        if following and self._duration.fullmatch(following):
            following = ""  # 压缩至0.5个工作日: a unit of time, what is measured is named before it
        of_after = re.match(" ?的", text[m.end():]) and self._property.search(self._approx.sub("", prefix.strip(_MARKS)))
        if saving and following:
            indicator = saving.group()[:2] + following  # 每年节省近75万元的电费: 节省电费, what was saved
        elif kind in ("measure", "money") and following and of_after:
            measure = indicator if indicator.endswith(of_after.group()) and len(indicator) <= 6 else of_after.group()
            # (最大载重量1.374万吨的散货船, 平均厚度3毫米的钢板: its 最大载重量, its 平均厚度)
            indicator = following + measure  # 长度147米的叶片: 叶片长度
        elif kind in ("measure", "money", "number") and following and re.match(" ?的", text[follow_at:]) and indicator \
                and self._nouns_only(indicator) and self._measure_ending.search(indicator) and not indicator.endswith(following):
            indicator = following + indicator  # 常住人口仅3万多的兴隆镇 → 兴隆镇常住人口: the measure of what follows 的
        elif kind in ("count", "measure") and following:
            # 引进了38家企业 → 引进企业; 高新区23个项目 → 高新区项目; else what follows (26个重点工业项目)
            listed_by = self._verb_before_list(prefix) if kind == "count" and unit != "大" and not re.fullmatch(
                r"[\d一二三四五六七八九十]+大", text[m.start():m.end()]) else ""
            # 覆盖成都、自贡…等八个市（州） → 覆盖市（州）: a count of the things a verb lists, named by the verb
            indicator = listed_by + following if listed_by else (indicator if ending == "noun" or (
                following in self._class_nouns and self._nouns_only(indicator)) else ending or (
                verb if kind == "count" and verb in self._count_changes else "")) + following  # (种苗共10余个类型: 种苗类型)
            if kind == "count":
                indicator = f"{indicator} {self._predicate(text, m.end(), following)}".strip()
            elif kind == "measure" and text.startswith(following, follow_at) and (
                    did := self._predicate(text, m.end(), following)) and self._words(did)[-1][1] not in _NOUN_TAGS | {"f"}:
                indicator = f"{indicator} {did}"  # 4000公顷|沙漠|得到有效治理: what the measured thing did, as for counts
                # (not a name read on: 混动矿卡及井下|防爆无轨胶轮车等成果)
        elif kind == "count":
            # 带动500多人|就业, 其中30个|已明确运营主体, 共有726人|获奖: no noun after the count, what they did
            indicator = f"{indicator} {self._predicate(text, m.end(), '')}".strip()
        elif kind == "percent" and following and not qualifier and indicator and ending == "" and \
                prefix.rstrip(" ").endswith("的") and len(self._thing_of(indicator)) >= 2:
            indicator = self._thing_of(indicator)  # 押注全年利润的七成|建设…: a share of 全年利润, not of what it went to
        elif kind == "percent" and following and not qualifier:
            done_to = ending == "noun" and not among and self._words(following)[0][1] in ("v", "vn", "l", "i")
            # 27.27%股权; 煤矸石100%综合利用: what is done to the thing named right before the share
            indicator = (indicator if done_to else among) + following
            if self._scale_lead.match(text[m.end():m.end() + 24]):  # 四成以上产品产量|位居全球第一: the share that did it
                indicator = f"{indicator} {self._predicate(text, m.end(), following)}".strip()
        elif kind == "percent" and not qualifier and re.match(" ?(?:多|余|以上|左右)?的", text[m.end():]):
            # 全国约40%的石油、30%的木材: a share of what follows 的 (有58%的回答表示…: of a survey's answers)
            share_of = self._following(text, m.end()) or self._answers(text, m.end())
            if share_of:  # (为市场供应了约70%的风电装备: of the 风电装备 supplied there)
                indicator = indicator + share_of if ending in ("noun", "") and not verb else share_of
                # 75%的产品|销往新疆以外的市场: the share of them that did it, as for counted things
                indicator = f"{indicator} {self._predicate(text, m.end(), share_of)}".strip()
        elif kind == "percent" and not qualifier and not following and 0 < len(
                said := self._share_does(text, m.end())) <= (12 if self._scale_lead.match(text[m.end():m.end() + 4]) else 8):
            # 其中87%|与AI相关, 大型企业30%以上|使用计算机辅助制造技术: the share of them that does what the clause says
            # after it (a short predicate, longer after a bound; not 「一半能做生意就不错了」)
            if indicator:
                indicator = f"{indicator} {said}"
            else:
                verb = said  # (named after the sentence's indicator)
        elif kind in ("money", "number") and following and not qualifier and (
                ending not in ("", "noun") or self._only_verb(indicator) or self._ends_in_verb(indicator)
                or len(verb) > 1 and verb.endswith("到") and not self._money.search(indicator)
                or kind == "number" and not self._money.search(indicator) and text[m.end():m.end() + 1] != " "):
            # 设立100亿元产业投资基金, 提供不低于300亿元融资支持, 获得超2300万元扶持资金; a number with no unit
            # counts what follows it (300万就诊人群), as a count does with the verb whose object it is (带动10万农民:
            # 带动农民, like 引进了38家企业 → 引进企业)
            indicator = (ending if kind == "number" and ending not in ("", "noun") and not self._money.search(following)
                         else "") + following
        elif kind == "money" and following and not qualifier and ending == "noun" and self._money.search(following):
            indicator += following  # 甲银行3万亿元资产规模: the bank's 资产规模
        elif kind == "money" and following and not qualifier and re.match(" ?的", text[follow_at:]) and not (
                self._money.search(indicator) or self._measure_inside.search(indicator)):
            # 四家公司合计约6319万元的款项 → 公司款项; 公司拟以不低于11.80元/股的价格 → 价格: an amount of what follows
            # 的 when the words before name no amount
            indicator = (indicator if self._nouns_only(indicator) else "") + (self._leading_nouns(following) or following)
        if kind == "money" and ending in self._earning and not following:
            period = re.match(r"(?:每|一个?)(?:年|月|天|日)", indicator.split(ending)[0][-4:] if ending in indicator else "")
            indicator = (period.group() if period else "") + "收入"  # 一年能挣3万多元, 每月能挣6000多元: an income
        if not indicator and (not verb or verb in _BOUNDS):
            verb = _lone_verb(prefix) or verb  # 规模达3090亿元，占47.9%: the share of that 规模 (not its 变化)
        if indicator and qualifier and indicator.endswith(qualifier):
            qualifier = ""  # 对东盟进出口增幅达22.1%: the indicator names the change already (not 「增幅 增幅」)
        if indicator and qualifier:
            of = self._following(text, m.end()) if kind == "percent" and re.match(" ?(?:多|余|以上|左右)*的", text[m.end():]) else ""
            indicator = f"{re.sub(r'(?:年均|同比|环比)$', '', indicator)} {qualifier}{of}"  # (增加10%以上的新客户: 增加新客户)
        if kind in ("count", "measure") and indicator and " " not in indicator:
            indicator = self._as_volume(indicator)  # 行业共销售挖掘机19.2万台 → 行业挖掘机销量
        if not unit_name:
            unit_name = "CNY" if not ratio and self._money.search(indicator or prefix) else "number"
        written = text[m.start():m.end()].rstrip()
        return {"text": written, "start": m.start(), "end": m.start() + len(written),
                "value": value, "unit": unit_name, "indicator": indicator,
                "period": period_m.group() if period_m else "",
                "clause": (clause_start, m.end()), "_verb": verb, "_fall": fall,
                "_price": bool(per_unit),
                "target": self._is_target(text, sent_start, clause_start, m.start())}

    def _sentence_subject(self, text: str, sent_start: int, clause_start: int) -> str:
        """The thing the sentence's first clause opens with (past a clause that only says when), when the figure's
        clause comes after it and that clause writes no digits (林下经济|蓬勃发展，…; 今年他种植的|玉米|产量喜人，亩产
        2100斤 → 玉米; 一片|钢板，厚度… → 钢板): nouns only, its measure dropped; empty when the clause opens with
        anything else (在…指导下) or names who speaks (某某|介绍, 记者了解到)."""
        first = ""
        for clause in re.split("[，；：]", text[sent_start:clause_start])[:-1]:
            first = _PERIOD.sub("", clause).strip(_MARKS)
            if first and not _LEAD.fullmatch(first) and self._words(first)[0][1] != "t" or len(self._words(first)) > 1:
                break  # (如今，一条…硬化路正在修建: a clause that only says when opens nothing)
        if not first or re.search(r"\d", first):
            return ""
        first = first.rsplit("的", 1)[-1]  # (他种植的|玉米产量喜人: the thing after what was done to it)
        toks = self._words(first)
        while toks and toks[0][1] == "m" and toks[0][0][0] in _CN_DIGITS:
            first, toks = first[len(toks[0][0]):], toks[1:]  # 一片|钢板: the thing, not how many
        if not toks or toks[0][1] not in _NOUN_TAGS - {"vn"} or toks[0][1].startswith("nr") and (
                len(toks) < 2 or toks[1][1] not in _NOUN_TAGS):
            return ""  # (玉米|产量: jieba reads 玉米 a name; a name alone is a person's)
        subject = _noun_phrase(first, self._words)
        rest = self._words(first[len(subject):]) if first.startswith(subject) and len(first) > len(subject) else ()
        measure = self._measure_inside.search(subject)  # (玉米产量|喜人: the clause is about the thing's measure)
        if not (measure and measure.start() >= 2) and rest and (rest[0][1][:1] not in ("v", "a", "i", "l", "d", "t")
                                                                or self._saying.match(rest[0][0])):
            return ""  # (仪式|上: no clause about the thing; 公司总经理某某|介绍: who speaks, not what is measured;
            # 一片钢板，厚度…: a clause that is the noun phrase alone names it)
        if not self._nouns_only(subject) or any(t.startswith("nr") for _, t in self._words(subject)[1:]):
            return ""
        subject = subject[:measure.start()] if measure else subject  # 玉米产量喜人 → 玉米
        return subject if len(subject) >= 2 and subject not in self._people else ""

    def _is_target(self, text: str, sent_start: int, clause_start: int, at: int) -> bool:
        """A plan or forecast: a target word (到2025年, 力争, 预计 …) in the figure's own clause or in the clause
        that opens its sentence (「到2025年，…达到X，…增长Y」); not one said elsewhere in a long sentence
        (「“十四五”规划实施以来，…分别下降0.7%和3.1%」 states outcomes)."""
        opening_end = min((i for i in (text.find(c, sent_start, at) for c in _CLAUSE_BREAK) if i >= 0), default=at)
        return bool(self._target.search(text, clause_start, at) or self._target.search(text, sent_start, opening_end))

    def _respective(self, text: str, m: re.Match, fig: dict) -> dict[int, str]:
        """「飞机、船舶和海工平台租赁业务分别占全国的90%、80%和100%」: as many numbers as names listed before
        分别, the first number the first name's (飞机 占全国), and so on. Empty when the counts differ."""
        start = max(text.rfind(c, 0, m.start()) for c in "，。；：！？\n") + 1
        found = self._respectively.search(text, start, m.start())
        if not found:
            return {}
        names = [n for n in re.split(r"[、和及与]", found.group("items")) if n]
        listed = self._listed.match(text, m.end())
        starts = [m.start()] + ([n.start() for n in self._number.finditer(text, m.end(), listed.end())] if listed else [])
        tail = found.group("tail").strip("的")
        if len(names) == 1 and len(starts) > 1 and text[start - 1:start] == "，":
            # 冷柜、空调等产品产量较快增长，增速分别为13.3%、9.7%: the names listed (before 等) in the clause before
            before = max(text.rfind(c, 0, start - 1) for c in "，。；：！？\n") + 1
            listed_names = re.match(r"([^，。；：！？\n等]+)等", text[before:start - 1])
            others = [n for n in re.split(r"[、和及与]", listed_names.group(1)) if n] if listed_names else []
            if len(others) == len(starts):
                names, tail = others, f"{names[0]} {tail}".strip()
        if len(names) < 2 or len(names) != len(starts) or self._following(text, m.end()):
            return {}  # 甲和乙拟分别将所持17.93%和0.72%股份…: the numbers are shares of what follows
        head = self._shared_head.search(names[-1])
        if head and head.start() > 0 and not any(self._shared_head.search(n) or self._measure_ending.search(n)
                                                 or self._measure_at_end.search(n) for n in names[:-1]):
            # (接待总人数、旅游总收入: each names its own measure, not 「总人数收入」)
            names = [n + head.group() for n in names[:-1]] + names[-1:]  # 智能手机、集成电路产量: 智能手机产量
        out = {}
        for name, at in zip(names, starts):
            name = self._indicator(name.split("的")[-1], allow_verb=True)[0]
            if not name:
                return {}
            out[at] = f"{name} {tail}".strip()
        return out

    def _respective_to_figures(self, text: str, m: re.Match, before: list[dict]) -> dict[int, str]:
        """「接待游客573.52万人次，游客花费75.13亿元，同比分别增长39.16%和101.58%」: a clause that is only 分别 and a
        change, with as many numbers as the figures stated before it in the sentence: the first number the change of
        the first of them (接待游客 同比增长), and so on. Empty otherwise."""
        start = max(text.rfind(c, 0, m.start()) for c in "，。；：！？\n") + 1
        said = self._respectively_changed.fullmatch(text[start:m.start()].strip())
        listed = self._listed.match(text, m.end())
        if not said or not listed:
            return {}
        starts = [m.start()] + [n.start() for n in self._number.finditer(text, m.end(), listed.end())]
        names = [f["indicator"].split(" ")[0] for f in before]
        if len(names) != len(starts) or not all(names):  # three figures, two changes: which two, the text does not say
            return {}
        change = (said.group("base") or "") + said.group("change")
        return {at: f"{name} {change}" for name, at in zip(names, starts)}

    def _predicate(self, text: str, pos: int, counted: str) -> str:
        """What the counted things did, when the clause says it after them (6家企业|在证监局辅导备案, 5个项目|已开工
        建设): the count is of things that did it. Empty when the clause goes on with no predicate or a number."""
        at = text.find(counted, pos)
        end = at + len(counted)
        stop = min((i for i in (text.find(c, end) for c in _CLAUSE_BREAK) if i >= 0), default=len(text))
        rest = text[end:stop].split("…")[0].strip()  # (参会……各类开放平台扩容提质: the ellipsis ends what they did)
        if not 2 <= len(rest) <= _PREDICATE_CHARS or re.search(r"[\d" + _CN_DIGITS + "]", rest) or rest.startswith(
                tuple(_COMPARATIVES)):
            return ""  # (营收增速|低于同业: a comparison, not what they did)
        first = words(rest)[0][1]
        return rest if first.startswith("v") and first != "vn" or first in ("d", "p") else ""

    def _verb_before_list(self, prefix: str) -> str:
        """The verbs opening a 、 list that a count closes (机构|覆盖|成都、自贡…等八个 → 覆盖; 检查观摩了甲、乙和丙四个
        → 检查观摩), when the words before the first item hold one; else empty."""
        if "、" not in prefix:
            return ""
        toks = self._words(prefix[:prefix.index("、")])
        first = next((i for i, (_, tag) in enumerate(toks) if tag == "v"), None)
        if first is None:
            return ""
        last = first
        while last + 1 < len(toks) and toks[last + 1][1] == "v":
            last += 1
        rest = toks[last + 1:]
        if rest and rest[0][0] == "了":
            rest = rest[1:]
        if not rest or rest[0][1] not in _NOUN_TAGS or len(rest[0][0]) < 2:
            return ""  # (the first item must follow the verb; not 研发|出泡|藕|带: a verb jieba cut inside a word)
        verb = "".join(w for w, _ in toks[first:last + 1])
        return verb if len(verb) >= 2 and not self._list_framing.match(verb) else ""

    def _share_does(self, text: str, pos: int) -> str:
        """What the clause says a share does right after it, past its bound (30%以上|使用…技术)."""
        lead = self._scale_lead.match(text[pos:pos + 4])
        return self._predicate(text, pos + (lead.end() if lead else 0), "")

    def _qualifier(self, prefix: str, verb: str) -> str:
        """同比增长, 年均增长, 下降 …: what makes a percentage a change rather than a level (「提高到9.8%」 is a level)."""
        if not verb or verb.endswith(("到", "至")):
            return ""
        m = self._growth.search(prefix[-(len(verb) + 2):])
        return m.group() if m else ""

    def _without_carrying_verb(self, indicator: str) -> str:
        """``indicator`` without the verb that only carries a change said after the number and the adverbs and
        times before that verb (浙江更是实现 → 浙江; 连续3年保持 → nothing)."""
        toks = self._words(indicator) if indicator else []
        if not any(self._carrying.fullmatch(w) for w, _ in toks):
            return indicator
        while toks and not self._carrying.fullmatch(toks[-1][0]):
            toks.pop()
        toks.pop()
        while toks and toks[-1][1] in _EDGE_TAGS | {"v", "t", "a"}:
            toks.pop()
        core = "".join(w for w, _ in toks)
        return core if len(core) >= 2 else ""

    def _thing_measured(self, indicator: str) -> str:
        """``indicator`` without the measure closing it (全县葡萄种植面积 → 全县葡萄), whole when nothing is left."""
        m = self._measure_at_end.search(indicator)
        return indicator[:m.start()] if m and m.start() >= 2 else indicator

    @staticmethod
    def _nouns_only(indicator: str) -> bool:
        """Nothing but nouns (制造业项目): the thing a clause names, not what was done (建成加工企业)."""
        toks = words(indicator) if indicator else ()
        return bool(toks) and all(tag in _NOUN_TAGS for _, tag in toks) and toks[-1][1] != "vn"

    @staticmethod
    def _ends_in_verb(indicator: str) -> bool:
        """The words before the number end in a verb whose object it is (企业获得|超2300万元)."""
        toks = words(indicator) if indicator else ()
        return bool(toks) and toks[-1][1] == "v"

    @staticmethod
    def _only_verb(indicator: str) -> bool:
        """No indicator, or one verb (设立, 签订): the number is its object, named by what follows."""
        toks = [t for t in words(indicator) if t[1] != "d"] if indicator else ()  # 快速增长: 增长
        if len(toks) == 2 and toks[1][0] in ("至", "到") and toks[0][1].startswith("v"):
            toks = toks[:1]  # 降至, 涨到: the verb bringing what the sentence named to the level stated
        return not toks or (len(toks) == 1 and toks[0][1].startswith("v") and toks[0][1] != "vn")

    def _thing_of(self, indicator: str) -> str:
        """The nouns closing ``indicator`` after the verb before them (兴达公司押注全年利润 → 全年利润)."""
        toks = self._words(indicator)
        at = max((i for i, (_, tag) in enumerate(toks) if tag == "v"), default=-1)
        thing = toks[at + 1:]
        ok = thing and thing[-1][1] in _NOUN_TAGS - {"vn"} and all(tag in _NOUN_TAGS | {"m", "t"} for _, tag in thing)
        return "".join(w for w, _ in thing) if ok else ""

    def _as_volume(self, indicator: str) -> str:
        """A verb of trade or output and the nouns it takes (共销售|挖掘机) as the volume measured (挖掘机销量), the
        words before it kept (行业); ``indicator`` unchanged otherwise."""
        toks = self._words(indicator)
        for i, (w, tag) in enumerate(toks):
            volume = self._volume_verbs.get(w)
            if volume and tag in ("v", "vn") and i + 1 < len(toks) and (i == 0 or toks[i - 1][1] == "d" or toks[i - 1][0] in _VOLUME_LEADS):
                thing = "".join(t for t, _ in toks[i + 1:])
                head = "".join(t for t, tg in toks[:i] if t not in _VOLUME_LEADS and tg != "d")
                if len(thing) >= 2 and self._nouns_only(thing):
                    return head + thing + volume
                break
        return indicator

    def _verb_to_level(self, indicator: str) -> str:
        """The verb of an indicator that is only when and how a level was reached (后来|一度|回落, 随后|降到): the verb,
        else empty."""
        toks = [t for t in words(indicator) if t[1] not in ("d", "t") and t[0] not in self._level_adverbs]
        return toks[0][0] if len(toks) == 1 and toks[0][1] == "v" and len(toks[0][0]) > 1 else ""

    def _indicator(self, prefix: str, allow_verb: bool = False) -> tuple[str, str, str]:
        """What the words before the number name, the verb closing them (达到, 增长) and how they end: the verb
        whose object the number is (设立, 签订), ``"noun"`` (高新区23个: nothing between) or ``""``."""
        raw = prefix.strip(_MARKS)
        approx = self._approx.search(raw)  # 提供不低于300亿元: the bound is not the verb
        if approx and approx.start() > 0 and self._word_starts_at(raw, approx.start()):
            raw = raw[:approx.start()]  # (签约, 接近: 约 and 近 inside a word are no bound)
        trail = self._trailing.search(raw)
        while trail and not self._word_starts_at(raw, trail.start()):
            trail = self._trailing.search(raw, trail.start() + 1)
        verb = trail.group() if trail else ""
        core = raw[:trail.start()] if trail else raw
        core = _MONTH.sub("", _PERIOD.sub("", core))
        toks = _glue_classes(self._words(core.strip(_MARKS)))  # 千亿元|级|产业链: 千亿元级 names the 产业链
        toks = _glue_months(toks)  # 5月份|增长5.2%: the month names the figure (not 「月份」)
        after = [i for i, (w, tag) in enumerate(toks[:-1]) if w == "后" and tag == "f"]
        if after:
            toks = toks[after[-1] + 1:]  # 达产后年产值: what is measured comes after (not 科创板后备企业)
        adjacent = True  # nothing between the words and the number
        while toks and toks[-1][0] in ("了", "的", "共", "约", "近"):
            toks.pop()
            adjacent = False
        if len(toks) > 2 and toks[-1][0] in ("至", "到") and toks[-2][1] == "v":
            verb = verb or toks[-2][0] + toks[-1][0]  # (争取到150万元资金: 争取到 with the noun after it)
            toks = toks[:-2]  # 企业开办时间压缩至0.5个工作日: the level X is brought to, named by X
            while len(toks) > 1 and toks[-1][0] in _MODALS:
                toks.pop()  # 合格率可|提升至99.5%: the modal says nothing of what is measured
        elif toks and toks[-1][0] in ("至", "到"):
            toks.pop()
        toks = [t for i, t in enumerate(toks) if not (
            t[0] in ("约", "大约") and i + 1 < len(toks) and toks[i + 1][0].startswith("占"))]  # 数量约占全国: 数量占全国
        ending = ""
        if toks and toks[-1][1].startswith("v") and toks[-1][1] != "vn" and not verb and toks[-1][0] not in self._existential:
            ending = toks[-1][0]
        elif toks and toks[-1][1] in _NOUN_TAGS and not verb and core == raw and adjacent and prefix[-1:] not in _MARKS:
            ending = "noun"
        # clause openers (会议提出，到2025年…; 其中; 并) and the words that close a clause before the number
        # (以, 和, 等, 了, 的) are not what is measured; a lead word only as a whole word (使 is not 使用), and a
        # noun among them only when no noun follows (计划投资额 keeps 计划)
        changed = True
        while toks and changed:
            changed = False
            while toks and (self._opener(toks) or toks[0][0].strip(_MARKS) == ""):
                toks.pop(0)
                changed = True
            while toks and (toks[-1][1] in _EDGE_TAGS or toks[-1][0].strip(_MARKS) == "" or toks[-1][1] == "t" and len(toks) > 1
                            and (toks[-2][0] in ("到", "至", "从") or toks[-1][0] in _NOW)):
                # (涨到|现在|的4000多元, 全国|现在|有2199个县: the time of the level reached, or now, names nothing measured;
                # 销售额从|最初|的500万元: the time a change started from)
                toks.pop()
                changed = True
        core = _balanced("".join(w for w, _ in toks).strip(_MARKS))
        if len(core) < 2:
            return "", verb, ending
        if len(toks) == 1 and toks[0][1] in ("v", "p", "d", "vn") and not (allow_verb and toks[0][1] in ("v", "vn")):
            return "", verb, ending
        return core, verb, ending

    def _words(self, text: str) -> list[tuple[str, str]]:
        """jieba's words and tags, a measure word it would split (占比 → 占/比) kept whole as a noun."""
        out: list[tuple[str, str]] = []
        pos = 0
        for m in self._whole_words.finditer(text):
            out += words(text[pos:m.start()]) if m.start() > pos else ()
            out.append((m.group(), "n"))
            pos = m.end()
        return out + list(words(text[pos:]) if pos < len(text) else ())

    def _word_starts_at(self, text: str, at: int) -> bool:
        """Whether a word starts at ``at`` (约 in 总额约 does, in 签约 it does not)."""
        pos = 0
        for w, _ in self._words(text):
            if pos >= at:
                return pos == at
            pos += len(w)
        return pos == at

    def _opener(self, toks: list[tuple[str, str]]) -> bool:
        w, tag = toks[0]
        if w in _OTHERS and len(toks) > 1 and toks[1][1] in _NOUN_TAGS | {"a"}:
            return False  # 其他高价值水产品: the others of what was named, part of what is measured
        if w == "对" and len(toks) > 1 and self._directed.search("".join(t[0] for t in toks)):
            return False  # 对东盟进出口增幅, 对共建国家直接投资: trade or investment with whom is part of the measure
        if len(toks) > 1 and toks[1][1] in _NOUN_TAGS | {"v"} and self._kept_lead.fullmatch(w):
            return False  # 一级能效产品, 万元产值能耗, 每天工资, 月销售额: part of what is measured
        if w in self._so_far and len(toks) > 1 and toks[-1][1] in ("n", "vn") and (
                toks[1][1] in ("n", "vn") or len(toks) > 2 and toks[1][1] == "v"):
            return False  # 已完成投资, 已落地项目: what was done so far is what is measured
        if tag == "d" and len(w) > 1 and len(toks) > 1 and toks[1][1] in _NOUN_TAGS | {"v"}:
            return False  # 首发募集资金: a longer word tagged as an adverb before what it names (已, 将 still open)
        if tag in _EDGE_TAGS - {"m", "f"}:
            return True
        if tag == "m" and not (len(toks) > 1 and toks[1][0] in ("以上", "以下")) and not (len(toks) > 2 and toks[2][0] in ("以上", "以下")):
            return True
        if self._lead_words.fullmatch(w) or _LEAD.fullmatch(w):
            return not (tag.startswith("n") and w not in _VERB_LEADS and len(toks) > 1 and toks[1][1] in _NOUN_TAGS)
        return tag == "v" and len(toks) > 1 and w in ("有", "是", "为", "共有", "拥有")

    def _counter_split_off(self, text: str, m: re.Match) -> bool:
        """Whether jieba reads the counter as a word of its own before a longer word that starts with the character
        after it (61个|人工智能项目, not 20个人|参加 or 365万人民)."""
        end = m.end("unit")
        stop = re.search(rf"[{_CLAUSE_BREAK}]", text[end:end + 12])
        toks = self._words(text[m.start("unit"):end + (stop.start() if stop else 12)])
        return len(toks) > 1 and toks[0][0] == m.group("unit") and len(toks[1][0]) > 1 and toks[1][0][0] == text[end]

    def _share_is(self, text: str, pos: int) -> str:
        """The noun a share opening its clause is said to be (，90%以上是|非常规钢种), after its bound."""
        rest = re.split(rf"[{_CLAUSE_BREAK}]", text[pos:pos + 32])[0]
        lead = self._scale_lead.match(rest)  # (anchored with ^: matched on the slice, not at a pos)
        verb = self._share_is_verb.match(rest, lead.end() if lead else 0)
        return _noun_phrase(rest[verb.end():], self._words) if verb else ""

    def _answers(self, text: str, pos: int) -> str:
        """A survey's answers after a share of 的 (有58%的回答|表示…): the verb (jieba tags 回答 a verb) that a verb
        of saying follows."""
        rest = re.match(rf" ?的([^{_CLAUSE_BREAK}]{{2,12}})", text[pos:])
        toks = self._words(rest.group(1)) if rest else ()
        return toks[0][0] if len(toks) > 1 and toks[0][1][:1] == "v" and self._survey_verb.fullmatch(toks[1][0]) else ""

    def _following(self, text: str, pos: int, nominal_only: bool = False, counted: bool = False) -> str:
        """The noun phrase right after a number (26个|重点工业项目, 100亿元|的产业投资基金; a list shares the
        noun after its last number: 17.93%和0.72%|股份); after a count, one nominal verb too (10项|服务)."""
        listed = self._listed.match(text, pos)
        if listed:
            pos = listed.end()
        end = pos
        while end < len(text) and end - pos < 24:
            if text[end] == "（" and end > pos and _NAME_BRACKET.match(text, end):
                end = text.index("）", end) + 1  # 职业（工种）: a bracket inside the name
                continue
            if text[end] in _CLAUSE_BREAK:
                break
            end += 1
        phrase = text[pos:end]
        lead = self._scale_lead.match(phrase)
        if lead:
            phrase = phrase[lead.end():]
            if nominal_only and self._words(phrase.lstrip(" 的") or "。")[0][1] not in (_NOUN_TAGS - {"vn"}) | {"l"}:
                return ""  # 30%以上使用…: what follows says what the share does (八成以上产品: a share of them)
            if nominal_only:
                phrase = phrase.lstrip(" 的")  # 70%以上的业务场景
        phrase = phrase.lstrip(" ")
        demonstrative = self._demonstrative.match(phrase)
        if demonstrative:
            phrase = phrase[demonstrative.end():]  # 9部这类电影短片: the 电影短片
        if _CHANGE_TO_LEVEL.match(phrase):
            return ""  # 生产线从2条|发展到15条: a verb bringing the count to another, not what was counted
        if phrase.startswith("的"):
            if nominal_only:
                return ""
            phrase = phrase[1:]
        head = _noun_phrase(phrase, self._words, counted=counted, kept_lead=self._kept_lead)
        if head in self._frame_nouns:
            return ""  # 达到3GW的目标: the 目标 frames the number, what is measured is named before it
        return head

    def _leading_nouns(self, phrase: str) -> str:
        """The nouns proper (no nominal verb) that open ``phrase`` (款项|仍|未清偿 → 款项); empty when they make
        under two characters."""
        out = []
        for w, tag in self._words(phrase):
            if tag not in _NOUN_TAGS - {"vn", "zg", "g"}:
                break
            out.append(w)
        found = "".join(out)
        return found if len(found) >= 2 else ""


def _noun_phrase(phrase: str, segment=words, counted: bool = False, kept_lead: re.Pattern | None = None) -> str:
    """The noun phrase that opens ``phrase``: nouns, names, distinguishing and nominal words; a verb, an adjective
    or 以上 between nouns (国家级制造业创新中心, 行业大模型应用标杆, 规模以上工业企业); 和/及 between nouns; a
    nominal verb closing the clause (融资支持), but no predicate (支柱产业|稳步增长). A modifier ending in 的 is skipped (具有竞争力的|大数据龙头企业)."""
    head, sep, tail = phrase.partition("的")
    head_words = words(head) if sep and head else ()
    if head_words and head_words[0][1][:1] in ("v", "a", "d", "p", "l") and not re.search(r"\d", head) and len(head) <= 8 and not (
            head_words[0][1] == "l" and len(head_words) > 1 and head_words[1][1] in _NOUN_TAGS):
        phrase = tail  # (公路运输|线路的运力网: a set phrase before a noun is a name, not a modifier)
    toks = [(w, "n" if re.fullmatch(r"\d+强|\d+[A-Za-z]+", w) else tag)
            for w, tag in _glue_classes(_glue_codes(_quoted_as_names(phrase, segment)))]
    # a set phrase jieba does not tag (公路运输|线路, 自贸协定, 以旧换新|补贴) is a noun when it opens the phrase
    # or a noun follows it; not one closing it (支柱产业|稳步增长: what they did)
    toks = [(w, "n" if tag in ("l", "i") and (i == 0 or i + 1 < len(toks) and toks[i + 1][1] in _NOUN_TAGS or (
                i > 0 and toks[i - 1][1] in _NOUN_TAGS and i + 2 == len(toks) and toks[i + 1][1] == "v"
                and toks[i + 1][0] not in _PREDICATES)) else tag)
            for i, (w, tag) in enumerate(toks)]  # (国家|发明专利|授权: a set phrase between a noun and the nominal verb closing the clause)
    if len(toks) > 1 and kept_lead and len(toks[0][0]) > 1 and kept_lead.fullmatch(toks[0][0]) and toks[1][1] in _NOUN_TAGS:
        toks[0] = (toks[0][0], "b")  # 31个|亿元项目, 99个|首批典型应用场景: a class word opening the name
    if len(toks) > 1 and toks[0][1] == "q" and len(toks[0][0]) > 1 and toks[1][1] in _NOUN_TAGS:
        toks = toks[1:]  # 8个|系列|新款水泵产品: a second measure word before what is counted
    taken: list[tuple[str, str]] = []
    for i, (w, tag) in enumerate(toks):
        nxt = toks[i + 1][1] if i + 1 < len(toks) else None
        noun_next = nxt in _NOUN_TAGS
        if not taken and tag in ("a", "v", "t") and _modifiers_then_noun(toks[i:]):
            taken += toks[i:]  # 重大|创新|创业|项目: modifiers and verbs naming the noun that closes the clause
            break
        if tag in _NOUN_TAGS:
            taken.append((w, tag))
        elif tag == "a" and taken and _modifiers_then_noun(toks[i:]):
            taken += toks[i:]  # 儿童|友好|实践|基地: modifiers inside a name running to the clause end
            break
        elif tag in ("a", "f", "mq", "d", "t", "h") and noun_next and (taken or tag != "f" or _placed(w)) and (
                not taken or tag in ("f", "mq", "t") or tag == "a" and (
                    _nouns_to_end(toks[i + 1:]) or _modifiers_then_noun([(w, tag)] + toks[i + 1:]))):
            taken.append((w, tag))
        elif w == "等" and taken and taken[-1][1] in _NOUN_TAGS and noun_next:
            taken.append((w, "c"))  # 5100万件手机等数码产品: examples of the noun after them
        elif w in _JOINERS and taken and noun_next:
            taken.append((w, "c"))
        elif tag.startswith("v") and taken and taken[-1][1] in _NOUN_TAGS and i + 1 < len(toks) and toks[i + 1][0] in _FUNDS:
            taken.append((w, tag))  # 1000万元|项目支持资金: the verb naming the fund (not 项目 alone)
        elif tag.startswith("v") and w not in _COMPARATIVES and (not taken and (noun_next or nxt == "v") or taken and _nouns_to_end(toks[i + 1:])):
            taken.append((w, tag))  # 应用示范工程, 制造业创新中心: a verb inside a name that runs to the clause end
            # (人大代表|来到现场与记者… is a predicate: its nouns stop before the end)
        elif tag.startswith("v") and taken and taken[-1][1] in _NOUN_TAGS and nxt is None and w not in _PREDICATES:
            taken.append((w, tag))  # 融资支持: a nominal verb closing the clause (not 增长, 签约: what happened)
            break
        else:
            break
    while taken and (taken[-1][1] in ("c", "a", "f") or (taken[-1][1].startswith("v") and len(taken) == 1
                                                          and not (counted and taken[-1][1] == "vn"))):
        taken.pop()  # a lone nominal verb is what was counted (10余项服务, 7场直播), never a lone verb
    out = "".join(w for w, _ in taken)
    return out if len(out) >= 2 else ""


def _quoted_as_names(phrase: str, segment=words) -> list[tuple[str, str]]:
    """The words of ``phrase``, a short quoted name (20个“游在宁州”专题活动, 90个“货车之家”) one noun with its
    quotes dropped (what jieba makes of 司机/之/家 is no noun phrase), a short bracket kept with the noun before it."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _QUOTED.finditer(phrase):
        out += segment(phrase[pos:m.start()]) if m.start() > pos else ()
        if m.group(1):
            out.append((m.group(1), "nz"))
        elif out and out[-1][1] in _NOUN_TAGS | {"l"} and _NAME_BRACKET.fullmatch(m.group(2)):
            out[-1] = (out[-1][0] + m.group(2), "n")  # 职业（工种）, 技能大师（名师）工作室: the bracket stays with its noun
        else:
            out.append((m.group(2), "x"))
        pos = m.end()
    return out + list(segment(phrase[pos:]) if pos < len(phrase) else ())


def _placed(word: str) -> bool:
    """A place word that can open a name (沿边|行政村, 境外|机构): two characters or more, not a bound (以上)."""
    return len(word) > 1 and word not in _PLACE_BOUNDS


def _lone_verb(clause: str) -> str:
    """The clause before a number when it is one verb and nothing else (占 in 「，占47.9%」), with its period, the
    bound after it and 累计/已 before it read past (「2025年开行6037列、累计开行超过3.4万列」: 开行, 累计开行)."""
    clause = _PERIOD.sub("", clause).strip(_MARKS)
    toks = list(words(clause)) if clause else []
    while len(toks) > 1 and toks[-1][0] in _BOUNDS and toks[-2][0] not in ("到", "至"):
        toks.pop()  # (到2018年突破: 到 opens a period, it is no verb)
    if len(toks) == 2 and toks[0][0] in ("累计", "已") and toks[1][1] == "v":
        return toks[0][0] + toks[1][0]
    return toks[0][0] if len(toks) == 1 and toks[0][1] == "v" else ""


def _modifiers_then_noun(toks) -> bool:
    """An adjective or verb, then verbs or nouns, a noun proper closing the clause (重大创新创业项目)."""
    return len(toks) > 1 and toks[-1][1] in _NOUN_TAGS - {"vn"} and toks[1][1][:1] in ("v", "n") and all(
        tag[:1] in ("v", "n") or tag in _NOUN_TAGS for _, tag in toks[1:]) and not any(
        w in _PREDICATES | _COMPARATIVES for w, _ in toks)


def _nouns_to_end(toks) -> bool:
    """Nothing but nouns (or more modifying verbs before nouns) up to the end of the clause, the last a noun
    proper (集团总部|调研 ends in a nominal verb: what someone did there)."""
    while len(toks) > 1 and toks[-1][1] == "f" and len(toks[-1][0]) == 1:
        toks = toks[:-1]  # 新赛道|上: a place word closing the clause is not part of the name
    return bool(toks) and toks[0][1] in _NOUN_TAGS and toks[-1][1] != "vn" and all(
        tag in _NOUN_TAGS or (tag.startswith("v") or tag == "t") and i + 1 < len(toks) for i, (_, tag) in enumerate(toks))
    # (人工晶体|植入|日间|手术: a time word inside the name)


def _glue_months(toks) -> list[tuple[str, str]]:
    """A month's number and 月/月份 (5|月份): one time word."""
    out: list[tuple[str, str]] = []
    for w, tag in toks:
        if out and w in ("月", "月份") and re.fullmatch(r"\d{1,2}", out[-1][0]):
            out[-1] = (out[-1][0] + w, "t")
        else:
            out.append((w, tag))
    return out


def _glue_codes(toks) -> list[tuple[str, str]]:
    """Digits glued to the letters or 强 after them (5G, 500强): one word."""
    out: list[tuple[str, str]] = []
    for w, tag in toks:
        if out and out[-1][0].isdigit() and (w == "强" or re.fullmatch(r"[A-Za-z]+", w)):
            out[-1] = (out[-1][0] + w, "n")
        else:
            out.append((w, tag))
    return out


def _glue_classes(toks) -> list[tuple[str, str]]:
    """A class word stays with what it classes (生物医药|类|项目 → 生物医药类|项目, 行业|大|类 → 行业大类,
    千亿|级 → 千亿级): one noun."""
    out: list[tuple[str, str]] = []
    for i, (w, tag) in enumerate(toks):
        if out and w == "类" and (out[-1][1] in _NOUN_TAGS or out[-1][1].startswith("v") or out[-1][0] == "大" and len(out) > 1):
            if out[-1][0] == "大" and out[-2][1] in _NOUN_TAGS:
                out[-2:] = [(out[-2][0] + "大类", "n")]
            else:
                out[-1] = (out[-1][0] + w, "n")
        elif out and w in ("级", "亿级", "万级") and out[-1][1] in {"m", "mq", "a"} | _NOUN_TAGS:
            out[-1] = (out[-1][0] + w, "n")
        elif out and tag == "m" and len(w) == 1 and w not in _NUMERAL_CHARS and not w.isdigit() and out[-1][1] in _NOUN_TAGS \
                and i + 1 < len(toks) and (toks[i + 1][1] in _NOUN_TAGS or toks[i + 1][0] == "的"):
            out[-1] = (out[-1][0] + w, "n")  # 梅花|点, 数据|点: a measure word jieba splits off the noun it ends
            # (a noun or 的 after it; not 心态|种|了|40多亩)
        else:
            out.append((w, tag))
    return out


def _balanced(text: str) -> str:
    """``text`` without a quote or bracket whose partner it does not hold (「“数字浙江」 → 数字浙江)."""
    for left, right in ("“”", "（）", "()", "《》", "「」", "【】", "‘’"):
        if text.count(left) != text.count(right):
            text = text.replace(left, "").replace(right, "")
    return text.replace('"', "") if text.count('"') % 2 else text


@Language.factory("kg_figures", default_config={"data_dir": ""}, assigns=["doc._.kg_figures"])
def make_figures(nlp: Language, name: str, data_dir: str) -> Figures:
    return Figures(nlp, name, data_dir)
