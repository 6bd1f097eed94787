"""Merging what the documents say of each entity key into one node, at once (:func:`merge_entities`) or
as documents come and go (:func:`plan_merge`): given what a store holds and one commit's contributions in
and out, it returns the :class:`ChangeSet` (merged nodes to rewrite or drop, gazetteer edges gained or
lost) and the state after it. The store applies a change set in one transaction and keeps the new state
only if that commits; it never merges by itself."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from kg.facts import Entity
from kg.language.lexicon import Lexicon
from kg.resolve.kinds import division_by_key, fine_class
from kg.schema import ENTITY_TYPES

__all__ = ["EntityTally", "merge_entities", "MergeState", "ChangeSet", "plan_merge", "hierarchy_edges",
           "stored_entity"]

_RANK = {t.label: t.rank for t in ENTITY_TYPES}


@dataclass
class EntityTally:
    """What the documents say about one entity key, counted, so that adding or removing a document
    re-merges the entity without rereading the others (the store keeps one per key it touches)."""

    key: str
    labels: Counter = field(default_factory=Counter)  # type → documents giving it
    names: Counter = field(default_factory=Counter)  # name in document → documents using it
    forms: Counter = field(default_factory=Counter)  # every surface form → documents using it
    docs: set[str] = field(default_factory=set)
    parent: str = ""

    def add(self, entity: Entity, sign: int = 1) -> None:
        """Count one document's contribution in (``sign=-1``: take it out again)."""
        self.labels[entity.label] += sign
        self.names[entity.name] += sign
        for form in entity.aliases | {entity.name}:
            self.forms[form] += sign
        if sign > 0:
            self.docs |= entity.docs
            self.parent = self.parent or entity.parent
        else:
            self.docs -= entity.docs
            for counter in (self.labels, self.names, self.forms):
                for k in [k for k, n in counter.items() if n <= 0]:
                    del counter[k]

    def __bool__(self) -> bool:
        return bool(self.names)

    def copy(self) -> "EntityTally":
        return EntityTally(self.key, Counter(self.labels), Counter(self.names), Counter(self.forms), set(self.docs),
                           self.parent)

    def merged(self) -> tuple[str, str, frozenset[str]] | None:
        """(type, name, aliases) as merged: the type most documents give (ties: ``LABEL_RANK``), the name
        most documents use (ties: longest, then first in code-point order), every other surface form."""
        if not self.names:
            return None
        label = max(self.labels.items(), key=lambda kv: (kv[1], _RANK[kv[0]]))[0]
        name = min(self.names, key=lambda n: (-self.names[n], -len(n), n))
        return label, name, frozenset(self.forms.keys() - {name})

    def entity(self, lex: Lexicon) -> Entity:
        """The merged entity (see :meth:`merged`)."""
        label, name, aliases = self.merged()
        entity = Entity(self.key, label, name, aliases=set(aliases), docs=set(self.docs), parent=self.parent)
        entity.fine = fine_class(entity, lex) or ""
        division = division_by_key(self.key, lex)
        entity.code = division.code if division is not None else ""
        return entity


def merge_entities(contributions, lex: Lexicon) -> dict[str, Entity]:
    """One entity per key from what each document says (see :meth:`EntityTally.entity`). Pure and
    order-independent."""
    tallies: dict[str, EntityTally] = {}
    for entities in contributions:
        for key, entity in entities.items():
            tallies.setdefault(key, EntityTally(key)).add(entity)
    return {key: tallies[key].entity(lex) for key in sorted(tallies)}


def stored_entity(key: str, label: str, name: str, lex: Lexicon, aliases=(), doc_id: str | None = None) -> Entity:
    """An entity as a store reads it back (one document's contribution, or a merged district), with its
    gazetteer parent."""
    div = division_by_key(key, lex)
    return Entity(key, label, name, aliases=set(aliases), docs={doc_id} if doc_id else set(),
                  parent=div.parent if div else "")


def hierarchy_edges(entities: dict[str, Entity]) -> Iterator[tuple[str, str]]:
    """(district key, parent district key) for gazetteer parents the entities include (浦东新区 → 上海市)."""
    by_name = {e.name: key for key, e in sorted(entities.items()) if e.label == "DISTRICT"}
    for key, entity in sorted(entities.items()):
        if entity.label == "DISTRICT" and entity.parent in by_name and by_name[entity.parent] != key:
            yield key, by_name[entity.parent]


@dataclass
class MergeState:
    """What a store holds, as far as merging needs it: the tally of each key read so far, the merged
    districts and the gazetteer edges between them."""
    tallies: dict[str, EntityTally] = field(default_factory=dict)
    districts: dict[str, Entity] = field(default_factory=dict)
    edges: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def of_districts(cls, districts: dict[str, Entity]) -> "MergeState":
        return cls(districts=districts, edges=set(hierarchy_edges(districts)))


@dataclass(frozen=True)
class ChangeSet:
    """One commit's change to the merged entities."""
    keys: frozenset[str]  # keys whose stored node goes (all of them rewritten from ``merged`` unless dropped)
    merged: dict[str, Entity]  # key → the node to write
    edges_gained: tuple[tuple[str, str], ...]  # edges to write: new ones and those of rewritten children
    edges_lost: tuple[tuple[str, str], ...]


def plan_merge(state: MergeState, added: dict[str, Entity], removed: dict[str, Entity],
               lex: Lexicon) -> tuple[ChangeSet, MergeState]:
    """The change set of taking ``removed`` out and putting ``added`` in (key → one document's entity),
    and the state after it. ``state.tallies`` must hold every touched key; ``state`` is not changed.
    Most documents only confirm what the store already says of an entity: only the others are rewritten."""
    touched = set(added) | set(removed)
    tallies = dict(state.tallies)
    for key in touched:
        tallies[key] = state.tallies[key].copy()
    before = {k: tallies[k].merged() for k in touched}
    for key, entity in removed.items():
        tallies[key].add(entity, sign=-1)
    for key, entity in added.items():
        tallies[key].add(entity)
    changed = {k for k in touched if tallies[k].merged() != before[k]}
    merged = {k: tallies[k].entity(lex) for k in sorted(changed) if tallies[k]}
    districts = {k: e for k, e in state.districts.items() if k not in changed}
    districts.update({k: e for k, e in merged.items() if e.label == "DISTRICT"})
    edges = set(hierarchy_edges(districts))
    gained = sorted(e for e in edges if e not in state.edges or e[0] in changed)
    for key in touched:
        if not tallies[key]:
            del tallies[key]  # no document mentions it any more
    change = ChangeSet(frozenset(changed), merged, tuple(gained), tuple(sorted(state.edges - edges)))
    return change, MergeState(tallies, districts, edges)
