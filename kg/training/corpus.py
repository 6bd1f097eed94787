"""Gold corpora for training: articles read by kg's own reader, their gold entities, relations and
figures (the JSON of ``GUIDELINES.md``), and the character alignment of gold names to the text.

A corpus path is any of

* a gold JSON file;
* a folder: every ``*.json`` below it that is a gold file (has ``"doc"`` and ``"entities"``) — so a
  ``docs/`` + ``gold/`` pair, a corpus root with several such pairs, or a folder of gold files whose
  ``"doc"`` points elsewhere all work.

A gold file's ``"doc"`` is resolved the way ``check_gold.py`` resolves it: ``gold.parent / "../docs" / doc``
first, then ``gold.parent / doc`` and ``gold.parent / "../../samples" / doc``.

Typical use::

    docs = load_corpus(["../shared/eval/train", "training/gold"])
    for doc in docs:
        for span in align_entities(doc):
            doc.text[span.start:span.end]   # == span.surface (up to folding)

Gold names carry no offsets; :func:`align_entities` finds every occurrence of every name and alias in the
body (after kg's length-preserving :func:`~kg.language.fold.fold`, ignoring quotes, 《》, middle dots and
spaces in both, as the scorer does), longest first, keeping the non-overlapping ones. The text is the body kg extracts from (front
matter removed), so offsets index :attr:`GoldDocument.text` and the text kg's pipeline sees.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg.errors import KgError
from kg.ingest.document import Document
from kg.ingest.reader import read_document
from kg.language.fold import fold
from kg.schema import CLASS_NAMES

__all__ = ["CorpusError", "GoldEntity", "GoldRelation", "GoldFigure", "GoldDocument", "EntitySpan",
           "ENTITY_TYPES", "load_corpus", "load_gold", "find_gold_files", "align_entities", "split_folds"]

ENTITY_TYPES = CLASS_NAMES  # the six entity classes (kg.schema)
DOC_DIRS = ("../docs", ".", "../../samples")  # where a gold file's "doc" is looked for, relative to its folder
_NAME_MARKS = re.compile(r"[\"'“”‘’《》〈〉「」『』【】•·・‧∙\s]")  # what score.py ignores in names


class CorpusError(KgError):
    """A corpus path or gold file that cannot be loaded."""


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    optional: bool = False
    alt_types: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The name and its aliases, without duplicates, in gold order."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


@dataclass(frozen=True)
class GoldRelation:
    subject: str  # a gold entity name
    predicate: str  # one of kg.schema.PREDICATE_NAMES
    object: str
    role: str = ""
    optional: bool = False
    alt_predicates: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldFigure:
    indicator: str
    value: float
    percent: bool = False


@dataclass(frozen=True)
class GoldDocument:
    """One annotated article. ``text`` is the body as kg reads it (``document.text``)."""

    doc_id: str  # the gold file's stem (t1_01), unique within a corpus
    path: Path  # the article file
    gold_path: Path
    document: Document
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    figures: tuple[GoldFigure, ...]
    annotates: tuple[str, ...] = ENTITY_TYPES
    gold: dict = field(default_factory=dict, repr=False, compare=False)  # the JSON as loaded (for kg.evaluate)

    @property
    def text(self) -> str:
        return self.document.text


@dataclass(frozen=True)
class EntitySpan:
    """A gold mention: ``text[start:end]`` is a surface form of the gold entity ``name`` of type ``type``."""

    start: int
    end: int
    type: str
    name: str
    optional: bool = False


def find_gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every gold file under ``paths`` (files or folders), resolved, without duplicates: in the order of ``paths``,
    each folder's files sorted by their path inside it (so the order, and a model trained on it, does not depend
    on where the folders sit on disk)."""
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            candidates = [path]
        elif path.is_dir():
            candidates = sorted(path.rglob("*.json"))
        else:
            raise CorpusError(f"{path}: no such file or folder")
        for candidate in candidates:
            if _is_gold(candidate) or candidate == path:
                found[candidate.resolve()] = None
    return list(found)


def _is_gold(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(data, dict) and "doc" in data and "entities" in data


def _find_doc(gold_path: Path, name: str) -> Path | None:
    for folder in DOC_DIRS:
        candidate = (gold_path.parent / folder / name).resolve()
        if candidate.is_file():
            return candidate
    return None


def load_gold(gold_path: str | Path) -> GoldDocument:
    """One gold file and the article it annotates. Raises :class:`CorpusError`."""
    gold_path = Path(gold_path)
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise CorpusError(f"{gold_path}: not a readable gold JSON file ({err})") from err
    if not isinstance(data, dict) or "doc" not in data or "entities" not in data:
        raise CorpusError(f"{gold_path}: not a gold file (needs \"doc\" and \"entities\")")
    doc_path = _find_doc(gold_path, str(data["doc"]))
    if doc_path is None:
        raise CorpusError(f"{gold_path}: its document {data['doc']!r} is not in "
                          + ", ".join(str(gold_path.parent / d) for d in DOC_DIRS))
    try:
        entities = tuple(GoldEntity(str(e["name"]), str(e["type"]), tuple(map(str, e.get("aliases", []))),
                                    bool(e.get("optional")), tuple(e.get("alt_types", [])))
                         for e in data["entities"])
        relations = tuple(GoldRelation(str(r["s"]), str(r["p"]), str(r["o"]), str(r.get("role") or ""),
                                       bool(r.get("optional")), tuple(r.get("alt_p", [])))
                          for r in data.get("relations", []))
        figures = tuple(GoldFigure(str(f["indicator"]), float(f["value"]), bool(f.get("percent")))
                        for f in data.get("figures", []))
    except (KeyError, TypeError, ValueError) as err:
        raise CorpusError(f"{gold_path}: malformed gold item ({type(err).__name__}: {err})") from err
    unknown = {e.type for e in entities} - set(ENTITY_TYPES)
    if unknown:
        raise CorpusError(f"{gold_path}: unknown entity type(s) {', '.join(sorted(unknown))}")
    return GoldDocument(gold_path.stem, doc_path, gold_path.resolve(), read_document(doc_path), entities,
                        relations, figures, tuple(data.get("annotates", ENTITY_TYPES)), data)


def load_corpus(paths: Iterable[str | Path]) -> list[GoldDocument]:
    """Every gold document under ``paths``, in :func:`find_gold_files` order. An article annotated twice (the same
    document file) is kept once, the first gold file in path order. Raises :class:`CorpusError` when a
    gold file is malformed or nothing is found."""
    paths = list(paths)
    docs: list[GoldDocument] = []
    seen: set[Path] = set()
    for gold_path in find_gold_files(paths):
        doc = load_gold(gold_path)
        if doc.path in seen:
            continue
        seen.add(doc.path)
        docs.append(doc)
    if not docs:
        raise CorpusError(f"no gold files under {', '.join(map(str, paths))}")
    return docs


def _pattern(form: str) -> str:
    return fold(_NAME_MARKS.sub("", form))


_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "「": "」", "『": "』", "【": "】"}


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened by one mark on a side where the span holds the other mark of a pair
    alone (「三个示范”行动方案」 → 「“三个示范”行动方案」)."""
    for opener, closer in _PAIRS.items():
        inside = text[start:end]
        opened, closed = inside.count(opener), inside.count(closer)
        if closed > opened and start > 0 and text[start - 1] == opener:
            start -= 1
        elif opened > closed and end < len(text) and text[end] == closer:
            end += 1
    return start, end


def align_entities(doc: GoldDocument, include_optional: bool = True,
                   types: Iterable[str] | None = None) -> list[EntitySpan]:
    """The gold mentions of ``doc``: every occurrence of every gold name/alias in its text, longest form
    first, non-overlapping, sorted by offset. Optional entities are included (flagged) unless
    ``include_optional`` is false; ``types`` restricts the entity types (default: those it annotates)."""
    wanted = set(types) if types is not None else set(doc.annotates)
    folded = fold(doc.text)
    # names are matched in the text without quotes, book-title marks, dots and spaces (as the scorer
    # compares them), and mapped back: a span keeps the marks inside it (上海市“十四五”规划)
    kept = [i for i, ch in enumerate(folded) if not _NAME_MARKS.match(ch)]
    text = "".join(folded[i] for i in kept)
    forms: list[tuple[str, GoldEntity]] = []
    for entity in doc.entities:
        if entity.type not in wanted or (entity.optional and not include_optional):
            continue
        for form in entity.forms:
            pattern = _pattern(form)
            if pattern:
                forms.append((pattern, entity))
    # longest first; for equal forms a required entity wins over an optional one, then gold order
    order = sorted(range(len(forms)), key=lambda i: (-len(forms[i][0]), forms[i][1].optional, i))
    taken = bytearray(len(folded))
    spans: list[EntitySpan] = []
    for i in order:
        pattern, entity = forms[i]
        at = text.find(pattern)
        while at >= 0:
            start, end = _balanced(folded, kept[at], kept[at + len(pattern) - 1] + 1)
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                spans.append(EntitySpan(start, end, entity.type, entity.name, entity.optional))
            at = text.find(pattern, at + 1)
    return sorted(spans, key=lambda s: s.start)


def split_folds(docs: list[GoldDocument], k: int, seed: int = 0) -> list[tuple[list[GoldDocument], list[GoldDocument]]]:
    """``k`` (train, held-out) splits by document: shuffled with ``seed``, dealt round-robin."""
    import random

    if k < 2 or k > len(docs):
        raise CorpusError(f"--folds must be between 2 and the number of documents ({len(docs)}), not {k}")
    order = list(docs)
    random.Random(seed).shuffle(order)
    held = [order[i::k] for i in range(k)]
    return [([d for j, d in enumerate(order) if j % k != i], fold_docs) for i, fold_docs in enumerate(held)]
