"""Surface-form normalisation used for matching keys (never for labels)."""
from __future__ import annotations

import re
import unicodedata

__all__ = ["norm", "strip_marks", "title_key", "zone_key"]

_MARKS = re.compile(r"[\s\"'“”‘’《》〈〉「」『』【】•·・‧∙]")


_PAIRS = {"“": "”", "《": "》", "「": "」", "『": "」", "‘": "’", '"': '"'}


def strip_marks(text: str) -> str:
    """Drop a quote or book-title pair around the whole text: “一网通办” → 一网通办,
    but “1+1+3+1+1”政策框架体系 stays as it is."""
    text = text.strip()
    while len(text) >= 2 and _PAIRS.get(text[0]) == text[-1] and text[0] not in text[1:-1] and text[-1] not in text[1:-1]:
        text = text[1:-1].strip()
    return text


def norm(text: str) -> str:
    """Matching key: NFKC, no quotes/book marks/middle dots/white space, lower case."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", text)).lower()


_YEARS = re.compile(r"[（(]\d{4}\s*[-—–~至]+\s*\d{4}年?[）)]$")


def title_key(text: str) -> str:
    """Key for policy titles: 举措 and 措施 alternate in references to one document, and a
    trailing year range （2023—2027年） is dropped, so 《行动计划》 finds its full title."""
    return _YEARS.sub("", norm(text)).replace("举措", "措施")


_ZONE_FORMS = (("高新技术产业开发区", "高新区"), ("新技术产业开发区", "高新区"), ("新技术开发区", "高新区"),
               ("经济技术开发区", "经开区"), ("自由贸易试验区", "自贸区"), ("自贸试验区", "自贸区"))


def zone_key(text: str) -> str:
    """Key for zone names: 东湖新技术开发区 and 东湖高新区 are one zone."""
    key = norm(text)
    for long, short in _ZONE_FORMS:
        if key.endswith(long):
            return key[: -len(long)] + short
    return key
