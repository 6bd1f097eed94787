"""Load kg's language data (gazetteers, word lists, agency cores) from ``language/data``.

Everything the rules know about names lives in data files; this module is the one place
that reads them, so components and tests see the same tables.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from kg.config import NLP_DATA_DIR

__all__ = ["Lexicon", "Division", "AgencyCore", "load_lexicon", "gazetteer_patterns"]

MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}  # administrative levels, the widest first
_GAZETTEER_LABELS = {"agency": "AGENCY", "media": "MEDIA", "enterprise": "ENTERPRISE",
                     "initiative": "INITIATIVE", "zone": "DISTRICT"}


@dataclass(frozen=True)
class Division:
    """An administrative division: ``key`` is ``parent/name`` (or ``name`` for a province)."""

    key: str
    name: str
    alias: str
    level: str  # province | prefecture | county | zone
    parent: str
    code: str = ""  # GB/T 2260 code (zones have none)


@dataclass(frozen=True)
class AgencyCore:
    surface: str
    canonical: str
    kind: str  # gov | party | dept | inst


def _lines(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _words(path: Path) -> list[str]:
    return [w for line in _lines(path) for w in line.split()]


def _tsv(path: Path) -> list[list[str]]:
    return [[c.strip() for c in line.split("\t")] for line in _lines(path)]


@dataclass(frozen=True, eq=False)
class Lexicon:
    titles: tuple[str, ...]
    surnames: frozenset[str]
    agency_cores: dict[str, AgencyCore]
    not_entities: frozenset[str]
    lead_words: frozenset[str]
    divisions: dict[str, Division]  # key → division
    division_names: dict[str, tuple[str, ...]]  # surface → division keys
    gazetteer: dict[str, list[tuple[str, list[str]]]]  # kind → [(canonical, aliases)]
    patterns: dict
    place_prefixes: frozenset[str]  # every division name and short name, for "starts with a place" tests
    short_names: dict[str, tuple[str, ...]]  # county short names left out of division_names (慈溪 → 宁波市/慈溪市)
    industry_words: frozenset[str]  # trade words ending a company's short name (玻璃, 果业)
    countries: frozenset[str]  # countries and world regions (美国, 东南亚)
    regions: frozenset[str]  # the world regions among them (东南亚, 亚太: lexicon/world_regions.txt)
    parent_keys: dict[str, str]  # division key → its parent's key (the table names a parent by name: 黄石市)
    # short forms that are also common words (理想, 平安, 美的), the third column of a gazetteer: surface → (kind,
    # canonical). Kept out of ``gazetteer`` (no user word, no lexicon feature): the ruler proposes them and
    # ``kg_ner_typing`` keeps them only where the context makes them the name (``guarded_context`` in names.yml).
    guarded: dict[str, tuple[str, str]] = field(default_factory=dict)
    _surfaces: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)  # surfaces(), made once
    _compiled: dict[tuple[str, str], re.Pattern] = field(default_factory=dict, repr=False, compare=False)  # pattern()

    def pattern(self, section: str, key: str) -> re.Pattern:
        """The regular expression ``patterns[section][key]`` (names.yml), compiled once for every component."""
        found = self._compiled.get((section, key))
        if found is None:
            found = self._compiled[(section, key)] = re.compile(rf"(?:{self.patterns[section][key]})")
        return found

    def surfaces(self, kind: str) -> dict[str, str]:
        """Every form of the ``kind`` gazetteer (``agency``, ``media``, ``enterprise``, ``initiative``; canonical
        names and aliases) → its canonical name (a form two rows share: the later row's)."""
        found = self._surfaces.get(kind)
        if found is None:
            found = self._surfaces[kind] = {s: c for c, aliases in self.gazetteer.get(kind, ()) for s in (c, *aliases)}
        return found

    def place_keys(self, surface: str) -> tuple[str, ...]:
        return self.division_names.get(surface, ())

    def is_place(self, surface: str) -> bool:
        return surface in self.division_names

    def within(self, inner: str, outer: str, depth: int = 4) -> bool:
        """Whether the division keyed ``inner`` lies inside the division keyed ``outer`` (up to ``depth`` levels)."""
        key = inner
        for _ in range(depth):
            key = self.parent_keys.get(key, "")
            if not key:
                return False
            if key == outer:
                return True
        return False

    def cannot_lie_in(self, inner: str, outer: str) -> bool:
        """「湖北省在宜昌市召开…」: the division keyed ``inner`` cannot lie in the one keyed ``outer``, an
        administrative division of its own level or below (zones, which may lie anywhere, are not ranked)."""
        a, b = self.divisions.get(inner), self.divisions.get(outer)
        if a is None or b is None or a.level not in _LEVEL_RANK or b.level not in _LEVEL_RANK:
            return False
        return _LEVEL_RANK[a.level] <= _LEVEL_RANK[b.level]

    def province_of(self, place: str) -> str:
        """The province a named place lies in (itself when it is one); "" when unknown."""
        for key in self.place_keys(place):
            div = self.divisions[key]
            if div.level == "province":
                return div.name
            if div.parent:
                return div.parent
        return ""

    def plausible(self, key: str, text: str, home: str) -> bool:
        """A county of another province counts only when the text also names its city or province
        (海城市 inside 上海城市, 江北 of 重庆 inside 南京江北新区 do not)."""
        div = self.divisions[key]
        if div.level != "county" or not home:
            return True
        if div.parent == home or self.province_of(div.parent) == self.province_of(home):
            return True
        parent_keys = self.place_keys(div.parent)
        parent = self.divisions.get(parent_keys[0]) if parent_keys else None
        names = [div.parent] + ([a for a in parent.alias.split("|") if a] if parent else [])
        return any(n and n in text for n in names)

    def is_place_run(self, name: str) -> bool:
        """江苏南京: two or more known places written together (each a mention of its own)."""
        return bool(self.place_run(name))

    def place_run(self, name: str) -> tuple[str, ...]:
        """The places of a run written together (江苏南京 → 江苏, 南京), shortest first place first; () when ``name``
        is no such run."""
        for k in range(2, len(name) - 1):
            if self.is_place(name[:k]):
                rest = (name[k:],) if self.is_place(name[k:]) else self.place_run(name[k:])
                if rest:
                    return (name[:k], *rest)
        return ()

    def starts_with_place(self, name: str) -> bool:
        return any(name[:k] in self.place_prefixes for k in range(2, min(len(name), 8) + 1))


def _divisions(data: Path) -> tuple[dict[str, Division], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    divisions: dict[str, Division] = {}
    with open(data / "gazetteers" / "divisions.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            parent = row["parent"]
            key = f"{parent}/{row['name']}" if parent else row["name"]
            divisions[key] = Division(key, row["name"], row["alias"], row["level"], parent, row["code"])
    for row in _tsv(data / "gazetteers" / "zone.tsv"):
        name, aliases, parent = (row + ["", ""])[:3]
        aliases = "|".join(a for a in aliases.split("|") if a)
        divisions[name] = Division(name, name, aliases, "zone", parent)
    parents = _parent_keys(divisions)
    names: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}
    for div in divisions.values():
        names.setdefault(div.name, []).append(div.key)
        for alias in div.alias.split("|"):
            if len(alias) < 2 or alias == div.name:
                continue
            if div.level == "county" and div.parent not in MUNICIPALITIES:
                short.setdefault(alias, []).append(div.key)  # mostly common words: only when the NER says LOC
                continue
            names.setdefault(alias, []).append(div.key)
    return (divisions, {k: tuple(v) for k, v in names.items()},
            {k: tuple(v) for k, v in short.items() if k not in names}, parents)


def _parent_keys(divisions: dict[str, Division]) -> dict[str, str]:
    """Each division's parent key. The table names a parent by its name (大冶市's parent is 黄石市, keyed
    湖北省/黄石市); a name several divisions share (省直辖行政区划) is told apart by the GB/T 2260 code's
    province digits."""
    by_name: dict[str, list[Division]] = {}
    for div in divisions.values():
        if div.level != "county":
            by_name.setdefault(div.name, []).append(div)
    out = {}
    for key, div in divisions.items():
        if not div.parent:
            continue
        if div.parent in divisions:  # a province (or a zone) is keyed by its name
            out[key] = div.parent
            continue
        found = by_name.get(div.parent, [])
        if len(found) > 1 and div.code:
            found = [p for p in found if p.code[:2] == div.code[:2]]
        if len(found) == 1:
            out[key] = found[0].key
    return out


def load_lexicon(data_dir: str | Path = "") -> Lexicon:
    """The lexicon under ``data_dir`` (default: the packaged ``kg/language/data``), loaded once per folder:
    ``load_lexicon()``, ``load_lexicon("")`` and ``load_lexicon(NLP_DATA_DIR)`` are the same object (the store,
    the gazetteer ruler and the components ask in these three ways)."""
    return _load_lexicon(Path(data_dir or NLP_DATA_DIR).resolve())


@lru_cache(maxsize=4)
def _load_lexicon(data: Path) -> Lexicon:
    lex = data / "lexicon"
    titles = sorted(set(_words(lex / "titles.txt")), key=lambda t: (-len(t), t))  # longest first, then a fixed order
    cores = {}
    for surface, canonical, kind in _tsv(lex / "agency_cores.tsv"):
        cores[surface] = AgencyCore(surface, canonical, kind)
    divisions, division_names, short_names, parent_keys = _divisions(data)
    gazetteer = {}
    guarded: dict[str, tuple[str, str]] = {}
    for kind in ("agency", "media", "enterprise", "initiative"):
        rows = []  # KIND.tsv, then any KIND_*.tsv (agency_international.tsv: more bodies of the same kind)
        for row in (r for path in [data / "gazetteers" / f"{kind}.tsv",
                                   *sorted((data / "gazetteers").glob(f"{kind}_*.tsv"))] for r in _tsv(path)):
            aliases = [a for a in (row[1].split("|") if len(row) > 1 else []) if a]
            rows.append((row[0], aliases))
            for surface in (row[2].split("|") if len(row) > 2 else []):
                if surface:
                    guarded.setdefault(surface, (kind, row[0]))
        gazetteer[kind] = rows
    with open(data / "patterns" / "names.yml", encoding="utf-8") as fh:
        patterns = yaml.safe_load(fh)
    _register_user_words(division_names, gazetteer)
    return Lexicon(
        titles=tuple(titles),
        surnames=frozenset(_words(lex / "surnames.txt")),
        agency_cores=cores,
        not_entities=frozenset(_words(lex / "not_entities.txt")),
        lead_words=frozenset(_words(lex / "lead_words.txt")),
        divisions=divisions,
        division_names=division_names,
        gazetteer=gazetteer,
        patterns=patterns,
        place_prefixes=frozenset(
            [d.name for d in divisions.values()]
            + [a for d in divisions.values() for a in d.alias.split("|") if len(a) >= 2]),
        short_names=short_names,
        industry_words=frozenset(_words(lex / "industry_words.txt")),
        countries=frozenset(_words(lex / "countries.txt")) | frozenset(_words(lex / "world_regions.txt")),
        regions=frozenset(_words(lex / "world_regions.txt")),
        parent_keys=parent_keys,
        guarded=guarded,
    )


def _register_user_words(division_names: dict, gazetteer: dict) -> None:
    from kg.language.segment import add_user_words

    tags = {"agency": "nt", "media": "nt", "enterprise": "nt", "initiative": "nz"}
    entries = {name: "ns" for name in division_names if len(name) >= 2}
    for kind, rows in gazetteer.items():
        entries.update({s: tags[kind] for c, a in rows for s in [c, *a] if len(s) >= 2})
    add_user_words(entries)


def gazetteer_patterns(lexicon: Lexicon) -> list[dict]:
    """spaCy ``span_ruler`` patterns: ``{"label", "pattern", "id"}``; the id is the canonical name or division key."""
    patterns = []
    for kind, rows in lexicon.gazetteer.items():
        label = _GAZETTEER_LABELS[kind]
        for canonical, aliases in rows:
            for surface in [canonical, *aliases]:
                patterns.append({"label": label, "pattern": surface, "id": canonical})
    for surface, (kind, canonical) in lexicon.guarded.items():
        patterns.append({"label": _GAZETTEER_LABELS[kind], "pattern": surface, "id": canonical})
    for surface, keys in lexicon.division_names.items():
        for key in keys:
            patterns.append({"label": "DISTRICT", "pattern": surface, "id": key})
    return patterns
