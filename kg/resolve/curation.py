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

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.schema import ENTITY_TYPES
from kg.errors import InputError
from kg.resolve.normalize import norm

__all__ = ["Curation", "load_curation"]

_TYPE_LABELS = {t.cls: t.label for t in ENTITY_TYPES}


@dataclass
class Curation:
    drop: list[str] = field(default_factory=list)
    merge: list[list[str]] = field(default_factory=list)
    keep_apart: list[list[str]] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)

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
                entity = entities[key]
                entity.aliases = (entity.aliases | {entity.name}) - {new}
                entity.name = new
        links[:] = [remap.get(k, k) if k in remap else k for k in links]


def load_curation(path: str | Path) -> Curation:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise InputError(f"{path}: cannot read curation file ({err})") from err
    if not isinstance(data, dict):
        raise InputError(f"{path}: a curation file is a YAML mapping (drop, merge, keep_apart, aliases, types, rename)")
    unknown = set(data) - {"drop", "merge", "keep_apart", "aliases", "types", "rename"}
    if unknown:
        raise InputError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    bad_types = {t for t in (data.get("types") or {}).values() if t not in _TYPE_LABELS}
    if bad_types:
        raise InputError(f"{path}: unknown type(s) {', '.join(sorted(bad_types))}; use {', '.join(_TYPE_LABELS)}")
    return Curation(drop=list(data.get("drop") or []), merge=[list(g) for g in data.get("merge") or []],
                    keep_apart=[list(g) for g in data.get("keep_apart") or []],
                    aliases={k: list(v) for k, v in (data.get("aliases") or {}).items()},
                    types=dict(data.get("types") or {}), rename=dict(data.get("rename") or {}))
