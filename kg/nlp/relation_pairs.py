"""Candidate relations for the trained classifier: ordered pairs of mentions in one sentence whose labels
fit a predicate (``patterns/relation_model.yml``), and the sparse features that describe each pair (the
characters between, trigger words around, order, distance, list structure, punctuation, other mentions in
between, the ends' labels and sources). Shared by training (:mod:`kg.training.relations`) and the
``kg_relation_classifier`` component, so both see exactly the same pairs and features."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span

from kg.config import NLP_DATA_DIR
from kg.language.lexicon import Lexicon, load_lexicon
from kg.nlp.spans import span_text, text_of

__all__ = ["Pair", "PairFeatures", "RulePlaces", "FEATURE_SETTINGS", "REQUIRED_FEATURE_SETTINGS", "load_pair_config", "span_key"]

_SENT = re.compile(r"[^。！？\n]+")
_PUNCT = "，、；：（）“”《》()"
_LIST_SEP = ("、", "和", "及", "与", "以及", "，")


def span_key(span: Span) -> tuple:
    """A mention as the relation dicts on ``doc._.kg_relations`` write it."""
    return (span.start_char, span.end_char, span.label_, span_text(span), span.id_)


@dataclass(frozen=True)
class Pair:
    """A candidate: ``subject predicate object`` between two mentions of one sentence."""

    subject: Span
    predicate: str
    object: Span
    sentence: tuple[int, int]

    @property
    def key(self) -> tuple:
        return (self.subject.start_char, self.subject.end_char, self.predicate,
                self.object.start_char, self.object.end_char)


# the parts of ``relation_model.yml`` that decide a pair's candidates and features: a trained model records them
# (``relations.json``, ``features``) and is read with its own, whatever the data file says later
FEATURE_SETTINGS = ("pairs", "symmetric", "excluded_sources", "max_gap", "triggers", "place_levels", "gap_buckets")
REQUIRED_FEATURE_SETTINGS = ("pairs", "max_gap", "triggers", "gap_buckets")


@lru_cache(maxsize=4)
def load_pair_config(data_dir: str = "") -> dict:
    path = Path(data_dir or NLP_DATA_DIR) / "patterns" / "relation_model.yml"
    if not path.is_file():  # a custom data folder without the file uses the packaged one
        path = NLP_DATA_DIR / "patterns" / "relation_model.yml"
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class PairFeatures:
    """Candidates and their features for one data folder (lexicon + ``relation_model.yml``), or for the feature
    ``settings`` a trained model recorded (the lexicon's titles still from the data folder)."""

    def __init__(self, data_dir: str = "", lexicon: Lexicon | None = None, settings: dict | None = None):
        cfg = load_pair_config(data_dir) if settings is None else settings
        self.settings = {key: cfg[key] for key in FEATURE_SETTINGS if key in cfg}
        self.lex = lexicon or load_lexicon(data_dir)
        self.pairs_by_labels: dict[tuple[str, str], list[str]] = {}
        for predicate, table in cfg["pairs"].items():
            for s_label, o_labels in table.items():
                for o_label in o_labels:
                    self.pairs_by_labels.setdefault((s_label, o_label), []).append(predicate)
        self.symmetric = set(cfg.get("symmetric", ()))
        self.excluded = {p: {role: set(v) for role, v in table.items()} for p, table in cfg.get("excluded_sources", {}).items()}
        self.max_gap = int(cfg["max_gap"])
        # a place's rank (0: widest) by the divisions table, else by the end of its name; see _rank
        levels = cfg.get("place_levels", {})
        self.division_ranks = dict(levels.get("divisions", {}))
        self.suffix_ranks = sorted(((sfx, int(rank)) for sfx, rank in levels.get("suffixes", {}).items()),
                                   key=lambda item: len(item[0]), reverse=True)
        self.triggers = {name: re.compile(rx) for name, rx in cfg["triggers"].items()}
        self._trigger_cache: dict[str, frozenset[str]] = {}
        self.buckets = list(cfg["gap_buckets"])
        self.titles = sorted(self.lex.titles, key=len, reverse=True)
        self._sentence_index: _SentenceIndex | None = None  # of the last sentence_ents list features() was given

    # -- candidates -------------------------------------------------------------------------------------
    def pairs(self, doc: Doc) -> list[Pair]:
        """Every candidate pair of ``doc``'s mentions, sentence by sentence, in text order."""
        text = text_of(doc)
        ents = self.mentions(doc)
        starts = [e.start_char for e in ents]
        out = []
        for sent in _SENT.finditer(text):
            s, e = sent.span()
            inside = [x for x in ents[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)] if x.end_char <= e]
            for i, a in enumerate(inside):
                for b in inside[i + 1:]:
                    if b.start_char - a.end_char > self.max_gap:
                        break
                    if b.start_char < a.end_char or span_text(a) == span_text(b) or (a.id_ and a.id_ == b.id_):
                        continue  # a name inside a name (kg_relations' name_prefix), or twice the same entity
                    for subj, obj in ((a, b), (b, a)):
                        for predicate in self.pairs_by_labels.get((subj.label_, obj.label_), ()):
                            if predicate in self.symmetric and subj is b and \
                                    predicate in self.pairs_by_labels.get((a.label_, b.label_), ()):
                                continue  # a symmetric pair is considered once, in text order
                            if self._excluded(predicate, subj, obj):
                                continue
                            out.append(Pair(subj, predicate, obj, (s, e)))
        return out

    def _excluded(self, predicate: str, subj: Span, obj: Span) -> bool:
        table = self.excluded.get(predicate)
        return bool(table) and (subj.kb_id_ in table.get("subject", ()) or obj.kb_id_ in table.get("object", ()))

    # -- features ---------------------------------------------------------------------------------------
    def features(self, doc: Doc, pair: Pair, sentence_ents: list[Span], rules: dict | None = None) -> dict[str, float]:
        """Sparse binary features of ``pair``; ``rules`` maps a pair key to the rule that found it (if any)."""
        text = text_of(doc)
        s_ent, o_ent = pair.subject, pair.object
        first, second = (s_ent, o_ent) if s_ent.start_char < o_ent.start_char else (o_ent, s_ent)
        sent_start, sent_end = pair.sentence
        gap = text[first.end_char:second.start_char]
        clause_start = max([text.rfind(c, sent_start, first.start_char) for c in "，；："] + [sent_start - 1]) + 1
        clause_end = min([i for i in (text.find(c, second.end_char, sent_end) for c in "，；：") if i >= 0] + [sent_end])
        before = text[clause_start:first.start_char]
        after = text[second.end_char:clause_end]
        f: dict[str, float] = {"bias": 1.0}

        def on(name: str) -> None:
            f[name] = 1.0

        on(f"types={s_ent.label_}>{o_ent.label_}")
        on("subject_first" if first is s_ent else "object_first")
        on(f"gap<={next((b for b in self.buckets if len(gap) <= b), 'more')}")
        index = self._index_of(text, sentence_ents)
        between = index.between(first.end_char, second.start_char)
        f.update(index.gap_features(first.end_char, second.start_char, between))
        for n in (1, 2):
            on(f"L{n}={text[max(sent_start, first.start_char - n):first.start_char]}")
            on(f"R{n}={text[second.end_char:min(sent_end, second.end_char + n)]}")
        in_gap, in_before, in_after = self._triggers_in(gap), self._triggers_in(before), self._triggers_in(after[:24])
        for name in self.triggers:
            if name in in_gap:
                on(f"trigger_between={name}")
            if name in in_before:
                on(f"trigger_before={name}")
            if name in in_after:
                on(f"trigger_after={name}")
        for c in _PUNCT:
            if c in gap:
                on(f"punct={c}")
        if not any(c in gap for c in "，；："):
            on("same_clause")
        on(f"n_between={min(len(between), 4)}")
        for x in between:
            on(f"between={x.label_}")
            if x.label_ == s_ent.label_:
                on("between_subject_label")
            if x.label_ == o_ent.label_:
                on("between_object_label")
        if between and _only_list(text, first, between, second):
            on("same_list")
        for role, ent in (("subject", s_ent), ("object", o_ent)):
            on(f"{role}_source={ent.kb_id_ or 'gazetteer'}")
            if (ent.start_char, ent.end_char, ent.label_) in index.list_items:
                on(f"{role}_in_list")
            if ent.label_ == "DISTRICT":
                div = self.lex.divisions.get(ent.id_)
                on(f"{role}_level={div.level if div else 'other'}")
            if _same_span(ent, sentence_ents[0]):  # not ``is``: each ``doc.ents`` makes new Span objects
                on(f"{role}_opens_sentence")
        if pair.predicate == "locatedIn":
            if self.suffix_ranks and not gap and s_ent.label_ == o_ent.label_ == "DISTRICT":
                inner, outer = self._rank(s_ent), self._rank(o_ent)  # 「某县|某镇」: a narrower place right after
                if inner is not None and outer is not None:
                    on(f"adjacent_place={'narrower' if inner > outer else 'wider' if inner < outer else 'same'}"
                       f"{'_after' if first is o_ent else '_before'}")
            if self.lex.within(s_ent.id_, o_ent.id_):
                on("object_contains_subject")  # the divisions table says so (浦东新区 in 上海市)
            if o_ent.id_ and o_ent.id_ == doc._.kg_home:
                on("object_is_home")
        if pair.predicate == "holdsPostIn":
            if first is o_ent and self._title_at_end(gap.rstrip("、")):
                on("title_before_person")
            if first is s_ent and self._title_at_start(text[second.end_char:]):
                on("title_after_org")
        if rules is not None:
            rule = rules.get(pair.key)
            on(f"rule={rule}" if rule else "rule=none")
        return f

    def _index_of(self, text: str, sentence_ents: list[Span]) -> "_SentenceIndex":
        """The index of ``sentence_ents``, built once while the pairs of one sentence are described."""
        index = self._sentence_index
        if index is None or index.ents is not sentence_ents or index.text is not text:
            index = self._sentence_index = _SentenceIndex.of(text, sentence_ents)
        return index

    def rule_places(self, pair: Pair, sentence_ents: list[Span], rules: dict) -> "RulePlaces":
        """What the rules already say of the two ends of a locatedIn candidate, in its sentence: the places they gave
        its subject, sorted by the divisions' containment against the candidate place (one inside it, one it lies
        in, or another place), and whether the candidate place is that of a mention written between the two ends
        (「甲项目落户A县，乙公司…的丙项目落户B县」: 甲 is not in B县, nor 乙)."""
        by_subject, by_object = self._rule_places(rules)
        s_ent, o_ent = pair.subject, pair.object
        first, second = (s_ent, o_ent) if s_ent.start_char < o_ent.start_char else (o_ent, s_ent)
        inside, around, other = [], [], []
        for start, end in by_subject.get((s_ent.start_char, s_ent.end_char), ()):
            place = next((x for x in sentence_ents if x.start_char == start and x.end_char == end), None)
            if place is None or start == o_ent.start_char:
                continue
            if place.id_ and o_ent.id_ and self.lex.within(place.id_, o_ent.id_):
                inside.append(place.text)  # 「落户杭州市…浙江省」: the candidate is wider
            elif place.id_ and o_ent.id_ and self.lex.within(o_ent.id_, place.id_):
                around.append(place.text)  # 「落户浙江省，在杭州市建设」: the candidate is narrower
            else:
                other.append(place.text)
        between = any(first.end_char <= start and end <= second.start_char
                      for start, end in by_object.get((o_ent.start_char, o_ent.end_char), ()))
        return RulePlaces(tuple(inside), tuple(around), tuple(other), between)

    @staticmethod
    def _rule_places(rules: dict) -> tuple[dict, dict]:
        """The rules' locatedIn pairs (``rules``: pair key → rule) by subject span and by object span."""
        by_subject: dict[tuple[int, int], list] = {}
        by_object: dict[tuple[int, int], list] = {}
        for s_start, s_end, predicate, o_start, o_end in rules:
            if predicate == "locatedIn":
                by_subject.setdefault((s_start, s_end), []).append((o_start, o_end))
                by_object.setdefault((o_start, o_end), []).append((s_start, s_end))
        return by_subject, by_object

    def _rank(self, place: Span) -> int | None:
        """How narrow ``place`` is (0: a province; larger: narrower): by its level in the divisions table, else
        by the end of its name (「…镇」「…村」), else None."""
        div = self.lex.divisions.get(place.id_)
        if div is not None and div.level in self.division_ranks:
            return int(self.division_ranks[div.level])
        name = place.text
        return next((rank for sfx, rank in self.suffix_ranks if name.endswith(sfx)), None)

    def _triggers_in(self, text: str) -> frozenset[str]:
        """The trigger groups found in ``text``; cached, as the pairs of one mention share the text around it."""
        found = self._trigger_cache.get(text)
        if found is None:
            if len(self._trigger_cache) > 4096:
                self._trigger_cache.clear()
            found = self._trigger_cache[text] = frozenset(
                name for name, rx in self.triggers.items() if rx.search(text))
        return found

    @staticmethod
    def mentions(doc: Doc) -> list[Span]:
        """``doc``'s mentions, each span once, in text order: read once per document for :meth:`sentence_ents`
        (``doc.ents`` makes every Span anew, so reading it per sentence is quadratic in a long article)."""
        return _distinct(doc.ents)

    def sentence_ents(self, doc: Doc, sentence: tuple[int, int], mentions: list[Span] | None = None) -> list[Span]:
        """The mentions inside ``sentence`` (from ``mentions``, :meth:`mentions` of ``doc``, when given)."""
        s, e = sentence
        ents = self.mentions(doc) if mentions is None else mentions
        lo = bisect.bisect_left(ents, s, key=_start)
        hi = bisect.bisect_left(ents, e, lo, key=_start)
        return [x for x in ents[lo:hi] if x.end_char <= e]

    # -- post titles ------------------------------------------------------------------------------------
    def _title_at_end(self, gap: str) -> str:
        return next((t for t in self.titles if gap.endswith(t)), "")

    def _title_at_start(self, rest: str) -> str:
        return next((t for t in self.titles if rest.startswith(t)), "")

    def role(self, doc: Doc, pair: Pair) -> str:
        """The post title of a holdsPostIn pair: the titles written between organisation and person
        (「某局党组书记、局长|李明」), else the title right after the organisation (「李明，某公司董事长」)."""
        text = text_of(doc)
        s_ent, o_ent = pair.subject, pair.object
        if o_ent.end_char <= s_ent.start_char:
            gap = text[o_ent.end_char:s_ent.start_char]
            if gap and self._title_at_end(gap) and not any(c in gap for c in "，；：。"):
                return gap.strip("、")
        return self._title_at_start(text[o_ent.end_char:])


@dataclass(frozen=True)
class RulePlaces:
    """The rules' places for the subject of a locatedIn candidate, in the candidate's sentence (by the divisions'
    containment: the candidate place contains them, lies inside them, or neither), and whether the candidate place
    is the rules' place of a mention written between the two ends."""

    inside: tuple[str, ...] = ()
    around: tuple[str, ...] = ()
    other: tuple[str, ...] = ()
    of_mention_between: bool = False

    @property
    def against(self) -> bool:
        """The candidate contradicts the rules: they put the subject in an unrelated place, or the place is
        another mention's."""
        return bool(self.other) or self.of_mention_between


def _same_span(a: Span, b: Span) -> bool:
    return a.start_char == b.start_char and a.end_char == b.end_char


def _start(span: Span) -> int:
    return span.start_char


def _distinct(ents) -> list[Span]:
    seen, out = set(), []
    for e in ents:
        if (e.start_char, e.end_char) not in seen:
            seen.add((e.start_char, e.end_char))
            out.append(e)
    return out


@dataclass(frozen=True)
class _SentenceIndex:
    """One sentence's mentions indexed for the pair features, so a sentence of n mentions costs O(n log n)
    however many pairs it has (a 、-list line of hundreds of names)."""

    text: str
    ents: list[Span]
    starts: list[int] | None  # the mentions' start offsets, None when ``ents`` is not in text order
    list_items: frozenset[tuple[int, int, str]]  # (start, end, label) of every item of a list (_list_items)
    gaps: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)  # see gap_features

    @classmethod
    def of(cls, text: str, ents: list[Span]) -> "_SentenceIndex":
        starts = [x.start_char for x in ents]
        ordered = all(a <= b for a, b in zip(starts, starts[1:]))
        return cls(text, ents, starts if ordered else None, _list_items(text, ents))

    def between(self, start: int, end: int) -> list[Span]:
        """The mentions lying within ``[start, end)``, in the order of ``ents``."""
        if self.starts is None:
            return [x for x in self.ents if start <= x.start_char and x.end_char <= end]
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [x for x in self.ents[lo:hi] if x.end_char <= end]

    def gap_features(self, start: int, end: int, between: list[Span]) -> dict[str, float]:
        """The features of the gap ``[start, end)`` between two mentions, ``between`` (the mentions in it) each
        masked as one mark, its label: the whole gap when six marks or fewer, its unigrams and its bigrams. Kept for
        the sentence: a pair's two directions and its predicates have the same gap."""
        found = self.gaps.get((start, end))
        if found is None:
            masked = _masked(self.text, start, end, between)
            names = [f"gap={'|'.join(masked)}"] if len(masked) <= 6 else []
            names += ["g1=" + x for x in masked]
            names += [f"g2={a}|{b}" for a, b in zip(masked, masked[1:])]
            found = self.gaps[(start, end)] = dict.fromkeys(names, 1.0)
        return found


_ITEM_SEP = _LIST_SEP[:5]  # what joins two items of a list (the comma does not)
_ITEM_SEP_LENGTHS = sorted({len(sep) for sep in _ITEM_SEP})


def _list_items(text: str, ents: list[Span]) -> frozenset[tuple[int, int, str]]:
    """The mentions that are items of a list (「甲、乙、丙」): a neighbour of the same label is joined to them by
    、/和/及/与/以及. One pass over the mentions, each looking up the mentions ending just before it."""
    by_end: dict[int, list[Span]] = {}
    for x in ents:
        by_end.setdefault(x.end_char, []).append(x)
    items: set[tuple[int, int, str]] = set()
    for ent in ents:
        for n in _ITEM_SEP_LENGTHS:
            if text[ent.start_char - n:ent.start_char] not in _ITEM_SEP or ent.start_char - n < 0:
                continue
            for x in by_end.get(ent.start_char - n, ()):
                if x.label_ == ent.label_:
                    items.add((x.start_char, x.end_char, x.label_))
                    items.add((ent.start_char, ent.end_char, ent.label_))
    return frozenset(items)


def _only_list(text: str, first: Span, between: list[Span], second: Span) -> bool:
    """Between ``first`` and ``second`` there are only mentions joined by list separators."""
    pos = first.end_char
    for x in [*between, second]:
        if text[pos:x.start_char] not in _LIST_SEP:
            return False
        pos = x.end_char
    return True


def _masked(text: str, start: int, end: int, between: list[Span]) -> list[str]:
    """The characters of ``text[start:end]``, each mention in it one token: its label (「、|ENTERPRISE|、」)."""
    out, pos = [], start
    for x in between:
        out.extend(text[pos:x.start_char])
        out.append(x.label_)
        pos = x.end_char
    out.extend(text[pos:end])
    return out
