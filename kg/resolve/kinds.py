"""Finer ontology classes from canonical names: 《…条例》 is a Regulation, 中共…委员会 a PartyCommittee,
a gazetteer division an AdministrativeDivision. The tables live in ``patterns/names.yml`` (``fine_types``)."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.facts import Entity
from kg.language.lexicon import Lexicon

__all__ = ["fine_class", "division_by_key"]


@lru_cache(maxsize=4)
def _rules(lex: Lexicon) -> dict[str, list[tuple[str, re.Pattern]]]:
    return {label: [(name, re.compile(rx)) for name, rx in rows] for label, rows in lex.patterns["fine_types"].items()}


@lru_cache(maxsize=4)
def _divisions(lex: Lexicon) -> dict:
    from kg.resolve.normalize import norm

    return {norm(d.key): d for d in lex.divisions.values()}


def division_by_key(key: str, lex: Lexicon):
    """The gazetteer division an entity key names (``named:上海市/普陀区``), or None."""
    return _divisions(lex).get(key.split(":", 1)[1]) if key.startswith("named:") else None


def fine_class(entity: Entity, lex: Lexicon) -> str | None:
    """The local name of a finer class for ``entity`` (``Policy``, ``Zone`` ...), or None."""
    if entity.label == "DISTRICT":
        div = division_by_key(entity.key, lex)
        return "AdministrativeDivision" if div is not None and div.level != "zone" else "Zone"
    for name, rx in _rules(lex).get(entity.label, ()):
        if rx.search(entity.name):
            return name
    return None
