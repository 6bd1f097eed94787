"""``kg_figures``: quantities the text states (2300亿元, 16.1%, 26个, 百亿条).

Each figure gets a normalised value (亿/万 multipliers and Chinese numerals resolved), a
unit (CNY, percent, or the counter word), the indicator the clause names before the
number (or the noun phrase after a counter), and a period (2020年, 上半年) when the clause
states one. The tables come from ``data/patterns/names.yml`` (``figures``).
"""
from __future__ import annotations

import re
from decimal import Decimal

import cn2an
from spacy.language import Language
from spacy.tokens import Doc

from kg.language.lexicon import load_lexicon
from kg.language.segment import words
from kg.nlp.spans import text_of

__all__ = ["Figures", "make_figures", "parse_number", "resolve_period"]

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_CLAUSE_BREAK = "，。；：！？（）()\n、,;"
_PERIOD = re.compile(r"(?:(?:19|20)\d{2}年(?:上半年|下半年|前三季度|第[一二三四]季度|\d{1,2}月|底|末|全年)?|上半年|下半年|前三季度|今年|去年)")
_LEAD = re.compile(r"^(?:截至目前|截至|目前|其中|此外|同时|累计|共|已|已经|另外|比如|例如|全年)+")


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
        mult = "|".join(sorted(self.multipliers, key=len, reverse=True))
        cur = "|".join(sorted(self.currency, key=len, reverse=True))
        self._number = re.compile(
            rf"(?<![\d.第])(?P<num>\d+(?:\.\d+)?|[{_CN_DIGITS}]+)(?P<more1>多|余)?(?P<mult>{mult})?(?P<more2>多|余)?"
            rf"(?P<unit>%|％|{cur}|{fg['counters']})?")
        self._money = re.compile(fg["money_words"])
        self._trailing = re.compile(rf"(?:{fg['trailing_verbs']}|从)+$")
        self._growth = re.compile(rf"{fg['growth']}")
        self._lead = re.compile(rf"^(?:{fg['indicator_lead']})+")
        self._target = re.compile(fg["target"])

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        out = []
        last_by_sentence: dict[int, str] = {}
        for m in self._number.finditer(text):
            sent_start = max(text.rfind(c, 0, m.start()) for c in "。！？\n") + 1
            fig = self._figure(text, m, sent_start)
            if fig is None:
                continue
            if not fig["indicator"]:
                prev = last_by_sentence.get(sent_start)
                if not prev:
                    continue
                fig["indicator"] = f"{prev} {fig.pop('_verb', '') or '变化'}".strip()
            fig.pop("_verb", None)
            last_by_sentence[sent_start] = fig["indicator"].split(" ")[0]
            out.append(fig)
        doc._.kg_figures = tuple(out)
        return doc

    def _figure(self, text: str, m: re.Match, sent_start: int = 0) -> dict | None:
        num, mult, unit = m.group("num"), m.group("mult"), m.group("unit")
        after = text[m.end():m.end() + 1]
        chinese = not num[0].isdigit()
        if not (mult or unit):
            return None
        if chinese and (not mult and len(num) < 2 or num in ("一", "两")):
            return None
        if unit is None and after in "年月日号时分届期代":
            return None
        if unit in (None,) and not mult:
            return None
        try:
            value = parse_number(num)
        except (ValueError, KeyError):
            return None
        if mult:
            value *= Decimal(self.multipliers[mult])
        if unit in ("%", "％"):
            unit_name = "percent"
        elif unit in self.currency:
            unit_name = self.currency[unit]
        else:
            unit_name = unit or ""
        clause_start = max(text.rfind(c, 0, m.start()) for c in _CLAUSE_BREAK) + 1
        prefix = text[clause_start:m.start()]
        period_m = None
        for pm in _PERIOD.finditer(text[sent_start:m.start()]):  # the sentence's last period before the number
            period_m = pm
        indicator, verb = self._indicator(prefix, allow_verb=unit_name in ("percent", "CNY", "USD", "EUR", "HKD", ""))
        qualifier = self._qualifier(prefix, verb) if unit_name in ("percent", "个百分点", "倍") else ""
        if indicator and qualifier:
            indicator = f"{re.sub(r'(?:年均|同比|环比)$', '', indicator)} {qualifier}"
        if not indicator and unit_name not in ("percent", "CNY", "USD", "EUR", "HKD"):
            indicator = self._following(text, m.end())
        if not unit_name:
            unit_name = "CNY" if self._money.search(indicator or prefix) else "number"
        return {"text": m.group(), "start": m.start(), "end": m.end(), "value": value, "unit": unit_name,
                "indicator": indicator, "period": period_m.group() if period_m else "",
                "clause": (clause_start, m.end()), "_verb": verb,
                "target": bool(self._target.search(text[sent_start:m.start()]))}

    def _qualifier(self, prefix: str, verb: str) -> str:
        """同比增长, 年均增长, 下降 …: what makes a percentage a change rather than a level (「提高到9.8%」 is a level)."""
        if not verb or verb.endswith(("到", "至")):
            return ""
        m = self._growth.search(prefix[-(len(verb) + 2):])
        return m.group() if m else ""

    def _indicator(self, prefix: str, allow_verb: bool = False) -> tuple[str, str]:
        raw = prefix.strip("“”\"' ")
        trail = self._trailing.search(raw)
        verb = trail.group() if trail else ""
        core = raw[:trail.start()] if trail else raw
        core = _PERIOD.sub("", core)
        for _ in range(3):  # 会议提出，到2025年全省… ; 该项目预计达产后年产值
            core = self._lead.sub("", _LEAD.sub("", core)).strip("“”\"' ")
        if "后" in core[:-2]:
            core = core[core.rindex("后", 0, len(core) - 2) + 1:]  # 达产后年产值: what is measured comes after
        core = core.strip("“”\"' ")
        if len(core) < 2:
            return "", verb
        toks = words(core)
        if len(toks) == 1 and toks[0][1] in ("v", "p", "d", "vn") and not (allow_verb and toks[0][1] in ("v", "vn")):
            return "", verb
        return core, verb

    def _following(self, text: str, pos: int) -> str:
        end = pos
        while end < len(text) and text[end] not in _CLAUSE_BREAK and end - pos < 20:
            end += 1
        phrase = text[pos:end]
        phrase = phrase.split("的")[-1]
        phrase = re.sub(r"^(?:有|以上|左右|多|余)+", "", phrase)
        return phrase if len(phrase) >= 2 else ""


@Language.factory("kg_figures", default_config={"data_dir": ""}, assigns=["doc._.kg_figures"])
def make_figures(nlp: Language, name: str, data_dir: str) -> Figures:
    return Figures(nlp, name, data_dir)
