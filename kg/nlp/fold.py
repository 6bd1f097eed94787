"""Length-preserving folding of text for matching: traditional → simplified characters (OpenCC's table,
one character for one) and full-width letters and digits → ASCII. Chinese punctuation is kept, and the
original text stays what offsets, evidence and labels refer to."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.config import NLP_DATA_DIR

__all__ = ["fold"]

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
    """
    out = text.translate(_table(data_dir))
    assert len(out) == len(text)
    return out
