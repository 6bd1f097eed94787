"""Surface-form normalisation used for matching keys (never for labels)."""
from __future__ import annotations

import re
import unicodedata

__all__ = ["norm", "strip_marks", "title_key"]

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


def title_key(text: str) -> str:
    """Key for policy titles: 举措 and 措施 alternate in references to one document."""
    return norm(text).replace("举措", "措施")
