"""Typed records that flow from the NLP stage to the RDF builder.

Offsets are character offsets into :attr:`kg.ingest.document.Document.text`
(the cleaned body text), never into a normalised copy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kg.schema import LABELS

__all__ = ["Evidence", "Mention", "Relation", "Figure", "Turn", "Extraction", "Entity"]

ENTITY_LABELS = LABELS


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: a span of a sentence of a document, and the rule that read it."""

    doc_id: str
    sentence: str
    start: int  # the sentence's bounds
    end: int
    rule: str
    span_start: int = -1  # the exact span the fact was read from (inside the sentence)
    span_end: int = -1


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity name in a document."""

    text: str
    label: str  # one of ENTITY_LABELS
    start: int
    end: int
    kb_id: str = ""  # canonical name from a gazetteer or an expansion rule, if known
    rule: str = ""
    surface: str = ""  # the text as written, when it differs from ``text`` (traditional or full-width forms)


@dataclass(frozen=True)
class Relation:
    """A relation between two mentions (by their index in Extraction.mentions)."""

    subject: int
    predicate: str  # one of kg.schema.PREDICATE_NAMES
    object: int
    evidence: Evidence
    role: str = ""  # the post title for holdsPostIn


@dataclass(frozen=True)
class Figure:
    """A quantity the text states."""

    text: str
    indicator: str
    value: Decimal  # exact, as the text gives it
    unit: str
    evidence: Evidence
    period: str = ""
    about: int | None = None  # index of a mention
    target: bool = False  # a target or forecast (到2025年…, 力争, 预计), not an outcome


@dataclass(frozen=True)
class Turn:
    """A press-conference turn: a question asked by an outlet or an answer given by an official."""

    kind: str  # question | answer
    speaker: int  # index of the speaker's mention
    start: int
    end: int


@dataclass
class Extraction:
    """Everything the NLP stage read from one document."""

    doc_id: str
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    home: str = ""  # the article's home jurisdiction (e.g. 上海市), used to complete short agency names
    home_county: str = ""  # the county-level division it is most about (县委 → 中共某县委员会)
    home_zone: str = ""  # the zone it is most about (管委会 → 某开发区管理委员会)


@dataclass(frozen=True)
class Identifier:
    """A code the text gives an organisation (by its mention's index in Extraction.mentions)."""

    mention: int
    scheme: str  # stockCode | creditCode
    value: str  # normalised: 600000.SH, the 18-character credit code
    evidence: Evidence


@dataclass
class Entity:
    """One real-world entity after resolution."""

    key: str
    label: str  # entity label (AGENCY ...)
    name: str  # canonical name
    aliases: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    parent: str = ""  # gazetteer parent division, if any
    fine: str = ""  # local name of a finer ontology class (Policy, Zone ...), if any
    code: str = ""  # an administrative division's code (GB/T 2260), if any
