"""The trained entity recogniser: a linear-chain CRF over characters (python-crfsuite).

Each character of the folded text is described by (:func:`char_features`):

* the character, its neighbours (±3), bigrams and trigrams around it, its class (Han, digit, Latin, punct.);
* LAC's word containing it: its position in the word (B/I/E/S), the word's tag, the neighbouring words'
  tags, the word itself when short;
* kg's general lexicon (:class:`LexiconIndex`): the character begins / continues / ends a title, an
  agency core, a division name, a zone or company ending, a country, a trade word; a surname;
* the rule components' candidates covering it (label and rule, with the position in the candidate), so
  the model learns when each rule is right;
* the bracket it is in (《》, “”, （）).

Labels are BIOES over kg's six entity labels. The model sees one sentence (or clause, for long
sentences) at a time. :func:`fit` trains and writes the model file; :class:`NerModel` tags.
"""
from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import add, itemgetter
from pathlib import Path
from typing import Iterable, Sequence

from kg.errors import KgError
from kg.language.lexicon import Lexicon
from kg.training.crfsuite_file import model_attributes
from kg.schema import ENTITY_TYPES

__all__ = ["LABELS", "TYPE_LABELS", "NerInput", "LexiconIndex", "KnownFeatures", "char_features", "sentence_pieces",
           "bioes", "decode", "fit", "NerModel", "DEFAULT_PARAMS", "pipeline_inputs", "training_sequences",
           "FEATURE_GROUPS", "NAMING_GROUPS", "FeatureGroupError", "feature_groups"]

TYPE_LABELS = {t.cls: t.label for t in ENTITY_TYPES}  # gold type (Agency) → span label (AGENCY)
LABELS = tuple(TYPE_LABELS.values())
DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.02, "max_iterations": 150, "feature.possible_transitions": True}
MAX_PIECE = 200  # characters in one CRF sequence
_SENTENCE_END = "。！？!?；\n"
_CLAUSE_END = "，、：,"
_OPEN = {"《": "book", "“": "quote", "（": "paren", "「": "quote", "(": "paren", "\"": "quote"}
_CLOSE = {"》": "book", "”": "quote", "）": "paren", "」": "quote", ")": "paren"}


@dataclass(frozen=True)
class NerInput:
    """What the model reads of one text: the folded text, LAC's words ``(start, end, tag)`` and the rule
    candidates ``(start, end, label, rule)`` (offsets into ``text``)."""

    text: str
    words: tuple[tuple[int, int, str], ...] = ()
    candidates: tuple[tuple[int, int, str, str], ...] = ()


def _char_class(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    return "P"


class LexiconIndex:
    """kg's general word lists as one table: surface → classes, matched at every position."""

    def __init__(self, lex: Lexicon):
        table: dict[str, set[str]] = {}

        def add(words: Iterable[str], cls: str) -> None:
            for w in words:
                if w and len(w) <= 12:
                    table.setdefault(w, set()).add(cls)

        add(lex.titles, "title")
        add(lex.agency_cores, "agcore")
        add(lex.division_names, "div")
        add(lex.short_names, "div")
        add(lex.countries, "country")
        add(lex.industry_words, "trade")
        add(lex.lead_words, "lead")
        add(lex.not_entities, "notent")
        add(lex.patterns.get("zone_words", []), "zone")
        add(lex.patterns.get("zone_cores", []), "agcore")
        for rule in lex.patterns.get("suffix_rules", []):
            plain = [s for s in rule["suffix"].split("|") if re.fullmatch(r"[\u4e00-\u9fff（）]+", s)]
            add(plain, "sfx_" + rule["rule"])
        for kind, entries in lex.gazetteer.items():
            for canonical, aliases in entries:
                add([canonical, *aliases], "gaz_" + kind)
        self.table = {w: tuple(sorted(c)) for w, c in table.items()}
        self.max_len = max(map(len, self.table), default=1)
        self.surnames = lex.surnames
        # every beginning of a word: matching at a position stops at the first piece no word begins with
        self.prefixes = frozenset(w[:k] for w in self.table for k in range(1, len(w) + 1))
        self._features = {w: _WordFeatures.of(classes) for w, classes in self.table.items()}

    def matches(self, text: str, out: list[list[str]] | None = None) -> list[list[str]]:
        """Per character, the features of the lexicon words covering it (added to ``out``'s lists when given)."""
        if out is None:
            out = [[] for _ in text]
        n = len(text)
        prefixes, features = self.prefixes, self._features
        for i in range(n):
            if text[i] not in prefixes:
                continue
            for j in range(i + 1, min(n, i + self.max_len) + 1):
                piece = text[i:j]
                if piece not in prefixes:
                    break
                word = features.get(piece)
                if word is None:
                    continue
                if j - i == 1:
                    out[i] += word.single
                else:
                    out[i] += word.begin
                    out[j - 1] += word.end
                    for k in range(i + 1, j - 1):
                        out[k] += word.inside
                if j < n:
                    out[j] += word.after
                if i > 0:
                    out[i - 1] += word.before
        for i, ch in enumerate(text):
            if ch in self.surnames:
                out[i].append("surname")
        return out


@dataclass(frozen=True)
class _WordFeatures:
    """The feature strings a lexicon word gives the characters it covers and its neighbours (one per class)."""

    single: tuple[str, ...]
    begin: tuple[str, ...]
    inside: tuple[str, ...]
    end: tuple[str, ...]
    after: tuple[str, ...]
    before: tuple[str, ...]

    @classmethod
    def of(cls, classes: tuple[str, ...]) -> "_WordFeatures":
        return cls(*(tuple(f"lx:{role}:{c}" for c in classes) for role in ("S", "B", "I", "E", "after", "before")))


@lru_cache(maxsize=4)
def lexicon_index(data_dir: str = "") -> LexiconIndex:
    from kg.language.lexicon import load_lexicon

    return LexiconIndex(load_lexicon(data_dir))


def _position(i: int, start: int, end: int) -> str:
    if end - start == 1:
        return "S"
    return "B" if i == start else "E" if i == end - 1 else "I"


class _ClassTable(dict):
    """character → :func:`_char_class`, filled as characters are met."""

    def __missing__(self, ch: str) -> str:
        k = self[ch] = _char_class(ch)
        return k


_CLASS_CACHE = _ClassTable()


def _classes(text: str) -> str:
    """The class letter of each character of ``text``."""
    return "".join(map(_CLASS_CACHE.__getitem__, text))


# the character columns, in the features' order: (template, what follows it, where that starts from the character)
CHAR_COLUMNS = (("c0=", "char", 0), ("c-1=", "char", -1), ("c+1=", "char", 1), ("c-2=", "char", -2),
                ("c+2=", "char", 2), ("c-3=", "char", -3), ("c+3=", "char", 3),
                ("b-1=", "bigram", -1), ("b+1=", "bigram", 0), ("b-2=", "bigram", -2), ("b+2=", "bigram", 1),
                ("t0=", "trigram", -1), ("t-1=", "trigram", -2), ("t+1=", "trigram", 0),
                ("k=", "kind", 0), ("k-1=", "kind_pair", -1), ("k+1=", "kind_pair", 0))
CHAR_TEMPLATES = tuple(template for template, _, _ in CHAR_COLUMNS)


class KnownFeatures:
    """The character-column features a trained model has weights for. CRFsuite ignores the features its model
    does not know, so leaving them out tags the same; they are most of the character n-grams of a new text.

    Kept per source of values (:data:`CHAR_COLUMNS`: characters, bigrams, …): value → the feature of each column
    of that source (None where the model does not know it), so a character costs one lookup per source, not one
    per column. The names are UTF-8 encoded, as CRFsuite reads them: the tagger takes bytes as they are, where it
    would encode a string again each time it is given."""

    def __init__(self, attributes: Iterable[str]):
        by_template: dict[str, dict[str, bytes]] = {t: {} for t in CHAR_TEMPLATES}
        for name in attributes:
            template = name[:name.find("=") + 1]
            if template in by_template:
                by_template[template][name[len(template):]] = name.encode("utf-8")
        self.by_source: dict[str, dict[str, tuple[bytes | None, ...]]] = {}
        self.unknown: dict[str, tuple[None, ...]] = {}  # per source: a value no column of it knows
        self.slot: dict[str, int] = {}  # template → its place in its source's tuples
        for source in dict.fromkeys(source for _, source, _ in CHAR_COLUMNS):
            templates = [t for t, s, _ in CHAR_COLUMNS if s == source]
            values = set().union(*(by_template[t] for t in templates))
            self.by_source[source] = {v: tuple(by_template[t].get(v) for t in templates) for v in values}
            self.unknown[source] = (None,) * len(templates)
            self.slot.update((t, i) for i, t in enumerate(templates))

    def columns(self, sources: dict[str, Sequence[str]], n: int) -> list[list[bytes | None]]:
        """The character columns (:data:`CHAR_COLUMNS`) of a text of ``n`` characters, from its ``sources``
        (the values starting at each position of the padded text, as :func:`char_features` builds them)."""
        looked = {source: list(map(self.by_source[source].get, values, repeat(self.unknown[source])))
                  for source, values in sources.items()}
        return [list(map(itemgetter(self.slot[template]), looked[source][3 + k:3 + k + n]))
                for template, source, k in CHAR_COLUMNS]


def char_features(item: NerInput, index: LexiconIndex, known: KnownFeatures | None = None,
                  groups: Sequence[str] | None = None) -> list[list[str | bytes]]:
    """The feature strings of every character of ``item.text``, in a fixed order (the CRF adds its weights up in
    this order); with ``known``, the character columns' features a model does not know are left out; ``groups``: the
    naming feature groups (:func:`naming_features`, default :data:`FEATURE_GROUPS`); the character columns'
    features are then UTF-8 bytes (:class:`KnownFeatures`), the others strings. Built
    column by column, each column with C-level ``map``: it is the trained NER's main cost at extraction time
    (``tests/training/test_ner_features.py`` holds it to a plain per-character reference)."""
    text = item.text
    n = len(text)
    pad = "\x02\x02\x02" + text + "\x03\x03\x03"
    kinds = _classes(pad)
    bigrams = list(map(add, pad, pad[1:]))  # bigrams[p] == pad[p:p + 2]
    trigrams = list(map(add, bigrams, pad[2:]))
    kind_pairs = list(map(add, kinds, kinds[1:]))
    sources = {"char": pad, "bigram": bigrams, "trigram": trigrams, "kind": kinds, "kind_pair": kind_pairs}
    if known is None:  # the value starting k characters from each character, after the template
        columns = [list(map(template.__add__, sources[source][3 + k:3 + k + n]))
                   for template, source, k in CHAR_COLUMNS]
    else:
        columns = known.columns(sources, n)
    word_columns, extra = _word_features(item, text, n)
    columns += word_columns
    index.matches(text, extra)  # lexicon
    # rule candidates
    for start, end, label, rule in item.candidates:
        for i in range(max(start, 0), min(end, n)):
            pos = _position(i, start, end)
            extra[i] += [f"cd:{pos}:{label}", f"cr:{pos}:{rule}", f"cd:{label}"]
        if 0 < start <= n:
            extra[start - 1].append(f"cd:before:{label}")
        if end < n:
            extra[end].append(f"cd:after:{label}")
    _bracket_features(text, extra)
    naming_features(item, index, groups, out=extra)
    rows = zip(repeat("bias", n), *columns)
    if known is not None:  # None where the model does not know the feature
        return [[*filter(None, row), *more] for row, more in zip(rows, extra)]
    return [[*row, *more] for row, more in zip(rows, extra)]


def _word_features(item: NerInput, text: str, n: int) -> tuple[list[list[str]], list[list[str]]]:
    """LAC's words as features: six columns (per character the position in its word (B/I/E/S), with the word's
    tag, the tag, the neighbouring words' tags, the word's length up to 6) and per character the extra features
    (the short word containing it, up to 4 characters; at a word's last character, the word's last two)."""
    wpos, wpos_tag, wtag = ["w:-"] * n, ["w:-:-"] * n, ["wt=-"] * n
    wprev, wnext, wlen = ["wt-1=-"] * n, ["wt+1=-"] * n, ["wl=0"] * n
    extra: list[list[str]] = [[] for _ in range(n)]
    words = sorted(item.words)
    tags = [tag for _, _, tag in words]
    for (start, end, tag), prev_tag, next_tag in zip(words, ["^", *tags[:-1]], [*tags[1:], "$"]):
        start, end = max(start, 0), min(end, n)
        size = end - start
        if size <= 0:
            continue
        wpos[start:end], wpos_tag[start:end], wtag[start:end], wprev[start:end], wnext[start:end], \
            wlen[start:end] = _word_chunk(tag, prev_tag, next_tag, size)
        if size <= 4:
            word = "w=" + text[start:end]
            for i in range(start, end):
                extra[i].append(word)
        extra[end - 1].append("w_end=" + text[max(start, end - 2):end])
    return [wpos, wpos_tag, wtag, wprev, wnext, wlen], extra


@lru_cache(maxsize=1 << 15)
def _word_chunk(tag: str, prev_tag: str, next_tag: str, size: int) -> tuple[list[str], ...]:
    """The six word columns' values over one word (read only: they are copied into the columns)."""
    positions = ("S",) if size == 1 else ("B", *["I"] * (size - 2), "E")
    return (["w:" + x for x in positions], ["w:" + x + ":" + tag for x in positions], ["wt=" + tag] * size,
            ["wt-1=" + prev_tag] * size, ["wt+1=" + next_tag] * size, ["wl=" + str(min(size, 6))] * size)


_BRACKETS = re.compile("[" + re.escape("".join({**_OPEN, **_CLOSE})) + "]")


def _bracket_features(text: str, extra: list[list[str]]) -> None:
    """``in:book`` / ``in:quote`` / ``in:paren`` on each character inside such brackets (a closing bracket is
    outside, an opening one not yet inside), in the order the kinds were first opened."""
    depth: dict[str, int] = {}
    inside: list[str] = []  # the features of the characters since the last bracket
    last = 0
    for m in _BRACKETS.finditer(text):
        i, ch = m.start(), m.group()
        if inside:
            for k in range(last, i):
                extra[k] += inside
        if ch in _CLOSE:
            depth[_CLOSE[ch]] = max(depth.get(_CLOSE[ch], 0) - 1, 0)
            inside = [f"in:{k}" for k, d in depth.items() if d > 0]
        extra[i] += inside
        if ch in _OPEN:
            depth[_OPEN[ch]] = depth.get(_OPEN[ch], 0) + 1
            inside = [f"in:{k}" for k, d in depth.items() if d > 0]
        last = i + 1
    if inside:
        for k in range(last, len(text)):
            extra[k] += inside


# the groups of :func:`naming_features` that are on (the packaged model is trained with these). ``kg train`` records
# the groups a model is trained with in its ``ner/cfg.json`` (``feature_groups``); a model folder without them was
# trained with these
FEATURE_GROUPS: tuple[str, ...] = ("ahead", "verb", "shape", "listhead")
NAMING_GROUPS: tuple[str, ...] = ("ahead", "verb", "shape", "words", "quote", "list", "listhead")  # every group


class FeatureGroupError(KgError):
    """A naming feature group this version of kg does not know (a model trained by another version)."""


def feature_groups(groups: Iterable[str] | None = None) -> tuple[str, ...]:
    """``groups`` (default :data:`FEATURE_GROUPS`) checked against :data:`NAMING_GROUPS`, as a tuple."""
    groups = tuple(FEATURE_GROUPS if groups is None else groups)
    unknown = [g for g in groups if g not in NAMING_GROUPS]
    if unknown:
        raise FeatureGroupError(f"unknown NER feature group(s) {', '.join(map(repr, unknown))} "
                                f"(known: {', '.join(NAMING_GROUPS)})")
    return groups


_CLAUSE_BREAK = re.compile(r"[。！？!?；;，,、：:\n]")
_AHEAD_BUCKETS = ((1, "1"), (2, "2"), (4, "4"), (7, "7"), (11, "11"), (16, "16"))  # characters before an ending


@lru_cache(maxsize=4)
def name_endings(data_dir: str = "") -> dict[str, re.Pattern]:
    """kind → a pattern of its name endings (``lexicon/name_endings.tsv``), longest first."""
    from kg.config import NLP_DATA_DIR

    path = Path(data_dir or NLP_DATA_DIR) / "lexicon" / "name_endings.tsv"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, words = line.partition("\t")
        alternatives = sorted(set(words.split()), key=len, reverse=True)
        out[kind.strip()] = re.compile("|".join(map(re.escape, alternatives)))
    return out


def _bucket(distance: int, buckets: tuple[tuple[int, str], ...] = _AHEAD_BUCKETS) -> str:
    """The name of the first of ``buckets`` (limit, name) that ``distance`` is within; "" past the last."""
    return next((name for limit, name in buckets if distance <= limit), "")


_AHEAD_REACH = _AHEAD_BUCKETS[-1][0]  # no ``nx:KIND:D`` feature farther than this from the ending


@lru_cache(maxsize=64)
def _ahead_features(kind: str) -> tuple[tuple[str | None, ...], str]:
    """The ``ahead`` features of one kind of ending: by distance to it (index D: ``nx:KIND:bucket``, None at 0)
    and inside it (``nx:KIND:in``)."""
    return (None, *(f"nx:{kind}:{_bucket(d)}" for d in range(1, _AHEAD_REACH + 1))), f"nx:{kind}:in"


def naming_features(item: NerInput, index: LexiconIndex | None = None, groups: Sequence[str] | None = None,
                    out: list[list[str]] | None = None) -> list[list[str]]:
    """Per character, what tells where a long name begins and ends, beyond the ±3 characters the other
    features see (``groups``, default :data:`FEATURE_GROUPS`):

    * ``ahead``: for each kind of name ending (project, event, line, plan, enterprise, agency; the
      ``name_endings.tsv`` data) the nearest one that follows in the same clause: ``nx:KIND:in`` inside it,
      ``nx:KIND:D`` when it begins D characters ahead (bucketed), so 「推进某某至某某一级公路改扩建工程」 is
      seen as one name from its first character;
    * ``verb``: the first character after a word LAC tags as a verb (``av``, and ``av=VERB`` for short verbs):
      a name starts after 推进/举办/建设, not before;
    * ``shape``: the class pattern of a LAC word that mixes Latin letters or digits with Han characters
      (``ws=LH`` for brand-and-word forms like ``AB航空``), and a Han character right after Latin letters;
    * ``words``: LAC's wider context (:func:`word_context_features`): the tags of the words two before and two
      after, and at a word's first (last) character the previous (next) word when short;
    * ``quote``: inside a short 《》/“”/「」/（） pair, how far its closing mark is, how long its content is and
      the two characters after it (:func:`quote_features`): 「“某某”战略」 vs 「“某某”」 alone;
    * ``list``: in a clause listing items with 、, the kinds of name ending found in any item or its head noun
      (:func:`list_features`); ``listhead``: only those of the head noun after 等 (:func:`list_head_features`).

    With ``out`` (a list per character), the features are added to its lists, which are returned.
    """
    groups = FEATURE_GROUPS if groups is None else groups
    text = item.text
    n = len(text)
    if out is None:
        out = [[] for _ in range(n)]
    if "ahead" in groups:
        bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), n]
        for kind, pattern in name_endings().items():
            ahead, inside = _ahead_features(kind)
            for a, b in zip(bounds, bounds[1:]):
                prev = a  # characters before the next ending, from ``prev`` on
                for m in pattern.finditer(text, a, b):
                    s, e = m.span()
                    for i in range(max(prev, s - _AHEAD_REACH), s):  # the ones farther have no feature
                        out[i].append(ahead[s - i])
                    for i in range(max(s, prev), e):
                        out[i].append(inside)
                    prev = max(prev, e)
    classes = _classes(text)
    if "verb" in groups or "shape" in groups:
        words = sorted(item.words)
        for w, (start, end, tag) in enumerate(words):
            if not 0 <= start < end <= n:
                continue
            if "verb" in groups and tag.startswith("v") and w + 1 < len(words):
                nxt = words[w + 1][0]
                if nxt == end and nxt < n:
                    out[nxt].append("av")
                    if end - start <= 3:
                        out[nxt].append("av=" + text[start:end])
            if "shape" in groups:
                kinds = classes[start:end]
                if kinds.strip("H") and "H" in kinds:
                    shape = "ws=" + re.sub(r"(.)\1+", r"\1", kinds)
                    for i in range(start, end):
                        out[i].append(shape)
    if "shape" in groups:
        for m in _LATIN_THEN_HAN.finditer(classes):
            out[m.end() - 1].append("after_latin")
    if "words" in groups:
        word_context_features(item, out)
    if "quote" in groups:
        quote_features(text, out)
    if "list" in groups:
        list_features(text, out)
    if "listhead" in groups:
        list_head_features(text, out)
    return out


WORD_CONTEXT_LENGTH = 4  # the longest neighbouring word given as such (``wp=`` / ``wn=``)


def word_context_features(item: NerInput, out: list[list[str]]) -> None:
    """LAC's context wider than the neighbouring words' tags: on every character of a word, the tags of the words
    two before and two after (``wt-2=``, ``wt+2=``); on its first character the previous word (``wp=``), on its last
    the next one (``wn=``), when at most ``WORD_CONTEXT_LENGTH`` long. Added to ``out`` in place."""
    text, n = item.text, len(item.text)
    words = [(s, e, t) for s, e, t in sorted(item.words) if 0 <= s < e <= n]
    for w, (start, end, _tag) in enumerate(words):
        before = "wt-2=" + (words[w - 2][2] if w >= 2 else "^")
        after = "wt+2=" + (words[w + 2][2] if w + 2 < len(words) else "$")
        for i in range(start, end):
            out[i] += (before, after)
        if w > 0 and words[w - 1][1] - words[w - 1][0] <= WORD_CONTEXT_LENGTH:
            out[start].append("wp=" + text[words[w - 1][0]:words[w - 1][1]])
        if w + 1 < len(words) and words[w + 1][1] - words[w + 1][0] <= WORD_CONTEXT_LENGTH:
            out[end - 1].append("wn=" + text[words[w + 1][0]:words[w + 1][1]])


_QUOTE_PAIRS = {"《": "》", "“": "”", "「": "」", "（": "）", "(": ")"}
_QUOTE_KIND = {"《": "book", "“": "quote", "「": "quote", "（": "paren", "(": "paren"}
QUOTE_REACH = 40  # the longest bracket content the ``quote`` features describe
_QUOTE_BUCKETS = ((1, "1"), (2, "2"), (3, "3"), (5, "5"), (8, "8"), (12, "12"), (20, "20"), (QUOTE_REACH, "40"))


def quote_features(text: str, out: list[list[str]]) -> None:
    """For the content of a bracket pair of at most ``QUOTE_REACH`` characters with no other bracket of its kind
    inside: on each character, the distance to the closing mark (``qd:KIND:bucket``), the content's length
    (``ql:KIND:bucket``) and the two characters after the closing mark (``qa:KIND=XX``). Added in place."""
    n = len(text)
    for i, ch in enumerate(text):
        close = _QUOTE_PAIRS.get(ch)
        if close is None:
            continue
        j = text.find(close, i + 1, min(n, i + 2 + QUOTE_REACH))
        if j <= i + 1 or ch in text[i + 1:j]:
            continue
        kind = _QUOTE_KIND[ch]
        size = f"ql:{kind}:{_bucket(j - i - 1, _QUOTE_BUCKETS)}"
        tail = f"qa:{kind}=" + text[j + 1:j + 3]
        for k in range(i + 1, j):
            out[k] += (f"qd:{kind}:{_bucket(j - k, _QUOTE_BUCKETS)}", size, tail)


_LATIN_THEN_HAN = re.compile("LH")  # in a text's character classes (:func:`_classes`)
# a clause (between sentence and clause marks other than 、) that lists items: 「A、B和C等项目」
_LIST_CLAUSE = re.compile(r"[^。！？!?；;，,：:\n]*、[^。！？!?；;，,：:\n]*")


_LIST_HEAD = re.compile(r"等{1,2}(.{1,8})")
LIST_HEAD_REACH = 8  # characters after 等 where the list's head noun is looked for


def list_head_features(text: str, out: list[list[str]]) -> None:
    """``lh:KIND`` on the items of a 、-list closed by 等 and a head noun with a name ending of KIND within
    ``LIST_HEAD_REACH`` characters (「A高铁、B大道、C供水等重大项目」: every item is a project). Added in place."""
    endings = name_endings()
    for m in _LIST_CLAUSE.finditer(text):
        clause = m.group()
        close = clause.rfind("等")
        if close < 0 or "、" not in clause[:close]:
            continue
        head = clause[close + 1:close + 1 + LIST_HEAD_REACH]
        found = [f"lh:{kind}" for kind, pattern in endings.items() if pattern.search(head) is not None]
        if found:
            for i in range(m.start(), m.start() + close):
                out[i] += found


def list_features(text: str, out: list[list[str]]) -> None:
    """``ls:KIND`` on every character of a clause that lists items (「推动A高铁、B大道、C供水等项目」), for each
    kind of name ending (``name_endings.tsv``) found anywhere in it: an item without an ending of its own
    (「C供水」) learns from its siblings and the list's head noun what it names. Added to ``out`` in place."""
    endings = name_endings()
    for m in _LIST_CLAUSE.finditer(text):
        clause = m.group()
        found = [f"ls:{kind}" for kind, pattern in endings.items() if pattern.search(clause) is not None]
        if found:
            for i in range(m.start(), m.end()):
                out[i] += found


def sentence_pieces(text: str, max_piece: int = MAX_PIECE) -> list[tuple[int, int]]:
    """``text`` cut after sentence ends, long sentences after clause marks, at most ``max_piece`` long."""
    pieces, start = [], 0
    n = len(text)
    while start < n:
        end = start
        cut = -1
        while end < n and end - start < max_piece:
            ch = text[end]
            end += 1
            if ch in _SENTENCE_END:
                cut = end
                break
            if ch in _CLAUSE_END and end - start > max_piece // 2:
                cut = end
        if cut < 0 or (end - start >= max_piece and cut <= start):
            cut = end
        pieces.append((start, cut))
        start = cut
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def bioes(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n
    for start, end, label in spans:
        if end - start == 1:
            tags[start] = f"S-{label}"
            continue
        tags[start] = f"B-{label}"
        for i in range(start + 1, end - 1):
            tags[i] = f"I-{label}"
        tags[end - 1] = f"E-{label}"
    return tags


def decode(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans of a BIOES sequence; an I/E without its B starts a span, a B/I without its E ends where the
    next span or O begins.

    >>> decode(["B-PERSON", "E-PERSON", "O", "S-DISTRICT", "I-AGENCY", "B-AGENCY"])
    [(0, 2, 'PERSON'), (3, 4, 'DISTRICT'), (4, 5, 'AGENCY'), (5, 6, 'AGENCY')]
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" and start < 0:
            continue  # outside any span, as most characters are: nothing to close or open
        kind, _, lab = tag.partition("-")
        if start >= 0 and (kind in ("O", "B", "S") or lab != label):
            spans.append((start, i, label))
            start = -1
        if kind == "S":
            spans.append((i, i + 1, lab))
        elif kind in ("B", "I", "E"):
            if start < 0:
                start, label = i, lab
            if kind == "E":
                spans.append((start, i + 1, label))
                start = -1
    return spans


def fit(sequences: Iterable[tuple[list[list[str]], list[str]]], model_file: str | Path,
        params: dict | None = None) -> Path:
    """Train the CRF on ``(features, tags)`` sequences and write it to ``model_file``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
    trainer.set_params({**DEFAULT_PARAMS, **(params or {})})
    model_file = Path(model_file)
    model_file.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_file))
    return model_file


def _span_tags(start: int, end: int, label: str) -> list[str]:
    if end - start == 1:
        return [f"S-{label}"]
    return [f"B-{label}", *[f"I-{label}"] * (end - start - 2), f"E-{label}"]


class NerModel:
    """A trained CRF. :meth:`spans` gives its best labelling's spans; :meth:`analyse` also gives, for each
    span and for any other spans asked about, the model's probability that the span is that entity
    (the smallest marginal probability of its BIOES tags)."""

    def __init__(self, model_file: str | Path, data_dir: str = "", groups: Iterable[str] | None = None):
        import pycrfsuite

        self.groups = feature_groups(groups)  # the naming feature groups it was trained with
        self.model_file = Path(model_file)
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.model_file))
        self.known_tags = set(self.tagger.labels())
        self._tags: dict[tuple[int, str], tuple[str, ...] | None] = {}  # (length, label) → BIOES tags, None: unknown
        self.index = lexicon_index(data_dir)
        try:
            self.known: KnownFeatures | None = KnownFeatures(model_attributes(self.model_file))
        except ValueError:  # a file this reader does not follow: every feature is built (same tags, slower)
            self.known = None

    def spans(self, item: NerInput) -> list[tuple[int, int, str]]:
        return [(s, e, label) for s, e, label, _ in self.analyse(item)[0]]

    def _probability(self, start: int, end: int, label: str, offset: int) -> float:
        tags = self._tags.get((end - start, label), False)
        if tags is False:
            tags = _span_tags(start, end, label)
            tags = self._tags[(end - start, label)] = tuple(tags) if self.known_tags.issuperset(tags) else None
        if tags is None:
            return 0.0
        return min(map(self.tagger.marginal, tags, range(start - offset, end - offset)))

    def analyse(self, item: NerInput, asked: Iterable[tuple[int, int]] = ()
                ) -> tuple[list[tuple[int, int, str, float]], dict[tuple[int, int], dict[str, float]]]:
        """``(spans, probabilities)``: the best labelling's spans with their probability, and for each
        ``(start, end)`` in ``asked`` (within one sentence piece) the probability of each label."""
        with _collector_paused():
            feats = char_features(item, self.index, self.known, self.groups)
            asked = sorted(set(asked))
            found: list[tuple[int, int, str, float]] = []
            probs: dict[tuple[int, int], dict[str, float]] = {}
            k = 0
            for start, end in sentence_pieces(item.text):
                self.tagger.set(feats[start:end])
                tags = self.tagger.tag()
                for s, e, label in decode(tags):
                    found.append((start + s, start + e, label, self._probability(start + s, start + e, label, start)))
                while k < len(asked) and asked[k][0] < end:
                    a, b = asked[k]
                    if a >= start and b <= end:
                        probs[(a, b)] = {label: self._probability(a, b, label, start) for label in LABELS}
                    k += 1
            del feats  # freed now, not walked by the collector's first pass once it is back on
        return found, probs


@contextmanager
def _collector_paused():
    """Python's cycle collector off for a while: the features are millions of short lists of strings (no
    cycles), which would set it off again and again, each time walking the pipeline's objects (a tenth of
    the tagging time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- training from gold documents ------------------------------------------------------------------

def pipeline_inputs(docs, settings=None, progress=None, lac_words: bool = True) -> list[NerInput]:
    """Run kg's pipeline (``settings``; no trained NER) over each gold document up to the slot of the
    trained NER, and return what the model reads there (:func:`kg.nlp.components.trained_ner.ner_input`)."""
    from kg.config import Settings
    from kg.nlp import make_nlp
    from kg.nlp.components.trained_ner import ner_input
    from kg.nlp.extract import to_doc

    settings = settings or Settings()
    nlp = make_nlp(settings)
    before = []
    for name, component in nlp.pipeline:
        if name == "kg_mention_filter":
            break
        before.append(component)
    out = []
    for gold in docs:
        doc = to_doc(nlp, gold.document)
        for component in before:
            doc = component(doc)
        out.append(ner_input(doc, lac_words))
        if progress is not None:
            progress()
    return out


def training_sequences(docs, inputs: Sequence[NerInput], optional: str = "label", data_dir: str = "",
                       groups: Sequence[str] | None = None) -> list[tuple[list[list[str]], list[str]]]:
    """CRF training sequences (one per sentence piece) of gold documents and their pipeline inputs.
    ``optional``: ``label`` (optional gold entities are labelled like the others) or ``outside`` (O); ``groups``:
    the naming feature groups (default :data:`FEATURE_GROUPS`)."""
    from kg.training.corpus import align_entities

    index = lexicon_index(data_dir)
    out = []
    for gold, item in zip(docs, inputs):
        spans = [(s.start, s.end, TYPE_LABELS[s.type]) for s in align_entities(gold)
                 if optional == "label" or not s.optional]
        tags = bioes(len(item.text), spans)
        feats = char_features(item, index, groups=feature_groups(groups))
        for start, end in sentence_pieces(item.text):
            out.append((feats[start:end], tags[start:end]))
    return out
