"""Analyst overrides, applied to resolved entities before any IRI is minted.

A curation file is YAML (every section optional); entities are named by canonical name
or by any of their aliases::

    drop: [隐私安全计算平台]                    # false entities (their relations go too)
    merge:                                     # fold the later names into the first
      - [数字化转型伙伴行动, 数字化转型伙伴计划]
    keep_apart:                                # never join these, whatever the rules say
      - [上海电气, 电气]
    aliases:                                   # more surface forms
      上海市经济和信息化委员会: [上海经信委]
    types:                                     # type corrections
      国家大数据示范综合试验区: District
    rename:                                    # canonical name corrections
      上海市数字化办: 上海市城市数字化转型工作领导小组办公室
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.schema import ENTITY_TYPES
from kg.errors import InputError
from kg.resolve.normalize import norm

__all__ = ["Curation", "load_curation", "curation_problem"]

_TYPE_LABELS = {t.cls: t.label for t in ENTITY_TYPES}


@dataclass
class Curation:
    drop: list[str] = field(default_factory=list)
    merge: list[list[str]] = field(default_factory=list)
    keep_apart: list[list[str]] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set, repr=False, compare=False)  # drop names that matched

    def unmatched_drops(self) -> list[str]:
        """The ``drop`` names that matched no entity in any document applied so far (a typo, most likely)."""
        return [name for name in self.drop if name not in self.dropped]

    def apart(self, a: str, b: str) -> bool:
        """True when the names ``a`` and ``b`` must stay separate entities."""
        na, nb = norm(a), norm(b)
        return any(na in group and nb in group for group in ({norm(n) for n in g} for g in self.keep_apart))

    def apply(self, entities: dict, links: list) -> None:
        """Edit one document's ``entities`` (key → :class:`kg.facts.Entity`) and mention ``links`` in place."""

        def find(name: str) -> str | None:
            n = norm(name)
            for key, entity in entities.items():
                if norm(entity.name) == n or any(norm(a) == n for a in entity.aliases):
                    return key
            return None

        remap: dict[str, str | None] = {}
        for group in self.merge:
            keys = [k for k in (find(n) for n in group) if k]
            for key in keys[1:]:
                if key == keys[0] or key not in entities:
                    continue
                target, gone = entities[keys[0]], entities.pop(key)
                target.aliases |= gone.aliases | {gone.name}
                target.docs |= gone.docs
                remap[key] = keys[0]
        for name in self.drop:
            key = find(name)
            if key:
                entities.pop(key)
                remap[key] = None
                self.dropped.add(name)
        for name, extra in self.aliases.items():
            key = find(name)
            if key:
                entities[key].aliases |= set(extra)
        for name, type_name in self.types.items():
            key = find(name)
            if key:
                entities[key].label = _TYPE_LABELS[type_name]
        for old, new in self.rename.items():
            key = find(old)
            if key:
                remap[key] = self._rename(entities, key, new)
        links[:] = [_follow(remap, k) for k in links]

    @staticmethod
    def _rename(entities: dict, key: str, new: str) -> str:
        """Give ``entities[key]`` the canonical name ``new``; the key it now has. An entity already named
        ``new`` takes it in (one entity with both names' aliases); else the entity is keyed by its new name
        (as a mention of ``new`` would be), so the same name in another document is the same entity."""
        entity = entities.pop(key)
        names = (entity.aliases | {entity.name}) - {new}
        new_key = f"{key.split(':', 1)[0] if ':' in key else 'named'}:{norm(new)}"
        target = next((k for k, e in entities.items() if norm(e.name) == norm(new)),
                      new_key if new_key in entities else None)
        if target is not None:
            entities[target].aliases |= names - {entities[target].name}
            entities[target].docs |= entity.docs
            return target
        entity.key, entity.name, entity.aliases = new_key, new, names
        entities[entity.key] = entity
        return entity.key


def _follow(remap: dict, key):
    """Where ``key`` ended up after merges, drops and renames (None: dropped)."""
    seen = set()
    while key in remap and key not in seen:
        seen.add(key)
        key = remap[key]
    return key


SCHEMA_FILE = Path(__file__).parent / "data" / "curation_schema.yml"
SECTIONS = ("drop", "merge", "keep_apart", "aliases", "types", "rename")


def load_curation(path: str | Path) -> Curation:
    """The curation file at ``path``, checked against ``data/curation_schema.yml``: a mistake is an
    :class:`InputError` of one line naming the key and what it must be."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise InputError(f"{path}: cannot read curation file ({' '.join(str(err).split())})") from err
    if isinstance(data, dict):  # an empty section (``drop:``) is no entry; a YAML number as a name is its text
        data = {k: _text_keys(v) for k, v in data.items() if v is not None}
    problem = curation_problem(data)
    if problem:
        raise InputError(f"{path}: {problem}")
    return Curation(drop=list(data.get("drop", [])), merge=[list(g) for g in data.get("merge", [])],
                    keep_apart=[list(g) for g in data.get("keep_apart", [])],
                    aliases={k: list(v) for k, v in data.get("aliases", {}).items()},
                    types=dict(data.get("types", {})), rename=dict(data.get("rename", {})))


def _text_keys(value):
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value


@functools.lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    schema["properties"]["types"]["additionalProperties"]["enum"] = list(_TYPE_LABELS)
    return jsonschema.Draft202012Validator(schema)


def curation_problem(data) -> str | None:
    """What is wrong with a curation file's content, in one line (None when nothing is)."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is None:
        return None
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
    expected = error.schema.get("expected", "") if isinstance(error.schema, dict) else ""
    if error.validator == "additionalProperties" and not where:
        unknown = sorted(set(data) - set(SECTIONS))
        return f"unknown section(s) {', '.join(map(str, unknown))}; the sections are {', '.join(SECTIONS)}"
    if error.validator == "enum":
        return f"{where}: unknown type {error.instance!r}; use {', '.join(_TYPE_LABELS)}"
    if error.validator == "minItems":
        return f"{where}: expected {expected}, got {len(error.instance)} name(s)"
    if error.validator == "minLength":
        return f"{where}: expected {expected}, got an empty text"
    return f"{where or 'the file'}: expected {expected or error.message}, got {_kind(error.instance)}"


def _kind(value) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"a number ({value}: put a name made of digits in quotes)"
    if isinstance(value, str):
        return f"a string ({value!r})"
    return "a list" if isinstance(value, list) else "a mapping"
