"""Word segmentation with jieba, used only to find where a pattern match should start.

A suffix pattern such as ``…平台`` matches too far to the left (「正式上线城市运行数字体征系统」);
:func:`trim_left` cuts the match after the last function word and drops clause-opening
verbs and adverbs, using jieba's part-of-speech tags plus ``lexicon/lead_words.txt``.
"""
from __future__ import annotations

import logging
from functools import lru_cache

__all__ = ["trim_left", "cut_before_verb", "words", "add_user_words", "is_user_word", "jieba_frequency", "forget_texts"]

_USER_WORDS: dict[str, str] = {}


def add_user_words(entries: dict[str, str]) -> None:
    """Known names (word → jieba tag) that segmentation must keep whole (前海 is not 前/海)."""
    _USER_WORDS.update(entries)
    if _posseg.cache_info().currsize:
        _load_user_words()
        words.cache_clear()


def is_user_word(word: str) -> bool:
    """``word`` is one of the known names given to :func:`add_user_words`."""
    return word in _USER_WORDS


def _load_user_words() -> None:
    import jieba

    for word, tag in _USER_WORDS.items():
        jieba.add_word(word, freq=None, tag=tag)

# jieba POS tags that never occur inside a name: particles, prepositions, conjunctions,
# pronouns, numerals and measure words, punctuation, adverbs.
BREAK_TAGS = {"uj", "ul", "uz", "ug", "uv", "ud", "u", "p", "c", "r", "m", "q", "mq", "x", "y", "e", "o", "w"}
LEAD_TAGS = {"v", "vd", "d", "ad", "t", "zg"}


@lru_cache(maxsize=1)
def _posseg():
    import jieba
    import jieba.posseg

    from kg.language.pos_hmm import install

    jieba.setLogLevel(logging.WARNING)
    try:
        install()  # the same routes as jieba's own decoder, faster
    except (ImportError, AttributeError):  # a jieba laid out otherwise (0.42 is): its own decoder, the same words
        logging.getLogger(__name__).debug("jieba's POS HMM decoded by jieba itself")
    _load_user_words()
    return jieba.posseg


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((w.word, w.flag) for w in _posseg().cut(text))


def forget_texts() -> None:
    """Empty the caches of what was segmented (:func:`words`, the POS HMM's routes): the next texts are read as
    for the first time (``benchmarks/throughput.py`` times each row so, as one ``kg build`` reads its articles)."""
    from kg.language.pos_hmm import forget_runs

    words.cache_clear()
    forget_runs()


def jieba_frequency(word: str) -> int | None:
    """How often ``word`` occurs in jieba's dictionary (None: not a dictionary word)."""
    _posseg()
    import jieba

    return jieba.dt.FREQ.get(word)


def trim_left(text: str, lead_words: frozenset[str] = frozenset(), min_keep: int = 0) -> int:
    """Return how many characters to drop from the left of ``text``.

    With ``min_keep``, a name that trimming would leave shorter than ``min_keep`` characters keeps first the lead
    word that ends it as a verbal noun (「放大|某某农田建设」) or after another verb (「某某保障支持」; 「某某团队开展|工程技术…」:
    after a noun, it is the clause's), then also the verbs (not the adverbs) that open it (「启动|防止某某攻坚」: only
    the lead word goes)."""
    cut = _trim_left(text, lead_words, False, False)
    if min_keep and len(text) - cut < min_keep:
        for keep_verbs in (False, True):  # the lead word ending it first (「放大|某某建设」), then the opening verbs
            kept = _trim_left(text, lead_words, True, keep_verbs)
            if len(text) - kept >= min_keep:
                return kept
    return cut


def _trim_left(text: str, lead_words: frozenset[str], keep_last: bool, keep_verbs: bool) -> int:
    toks = words(text)
    cut = 0
    pos = 0
    for k, (word, flag) in enumerate(toks):
        pos += len(word)
        if flag in ("m", "mq") and len(word) > 1 and word[0] == "零":
            continue  # jieba reads 零部件, 零售 as numbers (零 is also "zero")
        if flag in BREAK_TAGS or word in lead_words and flag not in ("nz", "ns", "nr", "nt") \
                and not (keep_last and k == len(toks) - 1 and (flag == "vn" or k and toks[k - 1][1] in ("v", "vn"))):
            cut = pos
    opened = text.rfind("（", 0, cut)
    if opened > 0 and text.find("）", opened) >= cut - 1:
        return _trim_left(text[:opened], lead_words, keep_last, keep_verbs)  # 台积电（南京）: keep the bracketed place with its name
    while 0 < cut < len(text) and text[cut - 1].isascii() and text[cut - 1].isalnum() and text[cut].isascii() \
            and text[cut].isalnum():
        cut -= 1  # never split 20GWh
    # drop leading verbs/adverbs after the last break
    pos = 0
    for word, flag in toks:
        end = pos + len(word)
        if end <= cut:
            pos = end
            continue
        if word in lead_words or flag in LEAD_TAGS and not (keep_verbs and flag.startswith("v")):
            cut = end
            pos = end
            continue
        break
    return cut


def cut_before_verb(text: str) -> str:
    """The leading words of ``text`` up to its first verb, preposition, adverb or particle
    (「华为发挥各自优势」 → 华为)."""
    out = ""
    for word, flag in words(text):
        if flag.startswith("v") or flag in ("p", "d", "c", "uj", "x"):
            break
        out += word
    return out
