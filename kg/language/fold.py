"""Length-preserving folding of text for matching: traditional → simplified characters (OpenCC's table,
one character for one), full-width letters and digits → ASCII, and ASCII punctuation in Chinese text →
its Chinese form (pages stored NFKC-folded write 「,」 and 「(」 where the article had 「，」 and 「（」; a comma
or colon between digits stays: 1,000 and 09:30). The original text stays what offsets, evidence and
labels refer to."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.config import NLP_DATA_DIR

__all__ = ["fold", "punctuation_as_written", "Visible", "visible", "mixed_scripts"]

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


@lru_cache(maxsize=2)
def _homoglyphs(data_dir: str = "") -> tuple[dict[str, str], re.Pattern]:
    path = Path(data_dir or NLP_DATA_DIR) / "lexicon" / "homoglyphs.tsv"
    table = dict(line.split("\t")[:2] for line in path.read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#"))
    letters = "".join(table)
    # a look-alike next to a Latin letter or another look-alike that is (АBC, ВАС)
    return table, re.compile(rf"[{letters}](?=[{letters}]*[A-Za-z])|(?<=[A-Za-z])[{letters}]+")


def fold(text: str, data_dir: str = "") -> str:
    """Fold ``text`` for matching; the result has the same length.

    >>> fold("上海市經濟和信息化委員會 ＡＢＣ１２３")
    '上海市经济和信息化委员会 ABC123'
    >>> fold("新区(北部),增长1,000亿元;09:30")
    '新区（北部），增长1,000亿元；09:30'
    """
    out = _ASCII_PUNCT.sub(lambda m: _CHINESE_PUNCT[m.group()], text.translate(_table(data_dir)))
    homoglyphs, among_latin = _homoglyphs(data_dir)
    out = among_latin.sub(lambda m: "".join(homoglyphs[c] for c in m.group()), out)
    assert len(out) == len(text)
    return out


def punctuation_as_written(folded: str, original: str) -> str:
    """``folded`` with the ASCII punctuation and the Cyrillic or Greek look-alike letters of ``original`` put
    back (names keep their brackets as the article writes them: 台积电(南京)有限公司 stays with ASCII brackets;
    a name mixing alphabets stays as written and is reported, see :func:`mixed_scripts`).

    >>> punctuation_as_written("甲（乙）", "甲(乙)")
    '甲(乙)'
    """
    if len(folded) != len(original):
        return folded
    homoglyphs = _homoglyphs()[0]
    return "".join(o if f != o and (o in _CHINESE_PUNCT or homoglyphs.get(o) == f) else f
                   for f, o in zip(folded, original))


@lru_cache(maxsize=2)
def _ignorable(data_dir: str = "") -> frozenset[int]:
    """Default-ignorable code points and format characters (category Cf), from the data file."""
    path = Path(data_dir or NLP_DATA_DIR) / "lexicon" / "default_ignorable.txt"
    points: set[int] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            first, _, last = line.partition("..")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)


@lru_cache(maxsize=2)
def _invisible(data_dir: str = "") -> re.Pattern:
    """One character class of the ignorable code points and the line/paragraph separators."""
    points = sorted(_ignorable(data_dir) | {0x2028, 0x2029})
    ranges, start = [], points[0]
    for prev, cur in zip(points, points[1:] + [None]):
        if cur != prev + 1:
            ranges.append(re.escape(chr(start)) + (f"-{re.escape(chr(prev))}" if prev > start else ""))
            start = cur
    return re.compile(f"[{''.join(ranges)}]")


_SEPARATORS = "\u2028\u2029"
_NAME_CHAR = re.compile(r"[\w（）()·•]")


@dataclass(frozen=True)
class Visible:
    """``text`` without its invisible characters, and where each of its characters came from:
    ``origin[i]`` is the offset in the text as read of character ``i`` (``origin[len(text)]`` its end).
    (A separator turned into a line break keeps the length but still counts as a change.)"""

    text: str
    origin: tuple[int, ...] | None  # None: nothing was removed or replaced

    @property
    def changed(self) -> bool:
        return self.origin is not None

    def at(self, offset: int) -> int:
        """The offset in the text as read of ``offset`` (a start or an end) in :attr:`text`."""
        return offset if self.origin is None else self.origin[offset]

    def inside(self, offset: int) -> int:
        """The offset in :attr:`text` of ``offset`` in the text as read (the next visible character)."""
        import bisect

        return offset if self.origin is None else bisect.bisect_left(self.origin, offset)


def visible(text: str, data_dir: str = "") -> Visible:
    r"""``text`` without format characters (Cf) and default-ignorable code points (soft hyphen, zero-width
    spaces and joiners, bidi controls, variation selectors, tags, U+3164 …), which would make a name look
    the same and match as another; a line or paragraph separator (U+2028/2029) inside a run of name characters
    is removed too, elsewhere it becomes a line break. Offsets map back to ``text`` (evidence stays as read).

    >>> v = visible("宁州\u00ad远航\u2028机械。\u2028下段")
    >>> v.text, v.at(2), v.at(len(v.text))
    ('宁州远航机械。\n下段', 3, 12)
    """
    if not _invisible(data_dir).search(text):
        return Visible(text, None)
    ignorable = _ignorable(data_dir)
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch in _SEPARATORS:
            before = next((c for c in reversed(out) if c), "")
            after = next((c for c in text[i + 1:] if ord(c) not in ignorable), "")
            if before and after and _NAME_CHAR.match(before) and _NAME_CHAR.match(after):
                continue
            ch = "\n"
        elif ord(ch) in ignorable:
            continue
        out.append(ch)
        origin.append(i)
    origin.append(len(text))
    return Visible("".join(out), tuple(origin))


_SCRIPTS = (("Latin", re.compile(r"[A-Za-z\u00c0-\u024f]")), ("Greek", re.compile(r"[\u0370-\u03ff]")),
            ("Cyrillic", re.compile(r"[\u0400-\u04ff]")))


def mixed_scripts(name: str) -> tuple[str, ...]:
    r"""The alphabets a name mixes (a Cyrillic А among Latin letters: ``('Cyrillic', 'Latin')``), or ``()``.

    >>> mixed_scripts("\u0410BC科技有限公司"), mixed_scripts("ABC科技有限公司")
    (('Cyrillic', 'Latin'), ())
    """
    found = tuple(sorted(script for script, letters in _SCRIPTS if letters.search(name)))
    return found if len(found) > 1 else ()
