"""Length-preserving folding of text for matching: traditional → simplified characters (OpenCC's table,
one character for one), full-width letters and digits → ASCII, and ASCII punctuation in Chinese text →
its Chinese form (pages stored NFKC-folded write 「,」 and 「(」 where the article had 「，」 and 「（」; a comma
or colon between digits stays: 1,000 and 09:30). The original text stays what offsets, evidence and
labels refer to."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.config import NLP_DATA_DIR

__all__ = ["fold", "punctuation_as_written"]

_CHINESE_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_ASCII_PUNCT = re.compile(r"[;!?()]|(?<![0-9])[,:]|[,:](?![0-9])")
_FULLWIDTH = {c: c - 0xFEE0 for c in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))}


@lru_cache(maxsize=2)
def _table(data_dir: str = "") -> dict[int, int]:
    table = dict(_FULLWIDTH)
    path = Path(data_dir or NLP_DATA_DIR) / "lexicon" / "t2s.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, simp = line.split("\t")
        table[ord(trad)] = ord(simp)
    return table


def fold(text: str, data_dir: str = "") -> str:
    """Fold ``text`` for matching; the result has the same length.

    >>> fold("上海市經濟和信息化委員會 ＡＢＣ１２３")
    '上海市经济和信息化委员会 ABC123'
    >>> fold("新区(北部),增长1,000亿元;09:30")
    '新区（北部），增长1,000亿元；09:30'
    """
    out = _ASCII_PUNCT.sub(lambda m: _CHINESE_PUNCT[m.group()], text.translate(_table(data_dir)))
    assert len(out) == len(text)
    return out


def punctuation_as_written(folded: str, original: str) -> str:
    """``folded`` with the ASCII punctuation of ``original`` put back (names keep their brackets as the
    article writes them: 台积电(南京)有限公司 stays with ASCII brackets).

    >>> punctuation_as_written("甲（乙）", "甲(乙)")
    '甲(乙)'
    """
    if len(folded) != len(original):
        return folded
    return "".join(o if o in _CHINESE_PUNCT and f != o else f for f, o in zip(folded, original))
