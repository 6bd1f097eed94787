"""Mention → entity. One node per real-world entity, within and across documents.

* A mention's canonical name comes from its gazetteer id, from the agency expansion
  (市经信委 → 上海市经济和信息化委员会, using the article's home jurisdiction), or from its text.
* Keys are ``person:`` or ``named:`` + the normalised canonical name (districts: their division
  path, so 普陀区 of 上海市 and of 舟山市 stay apart). The entity type is voted by its mentions,
  so one noisy type decision neither renames nor splits a node.
* Within a document, short references join their full form: 《若干政策措施》 → the full title,
  “十四五”规划 → 《…“十四五”规划》, 商飞 → 中国商飞, “1+1+3+1+1”制度体系 → “1+1+3+1+1”政策框架体系.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.facts import Entity, Extraction, Mention
from kg.nlp.agency import canonical_agency
from kg.nlp.components.mention_filter import RULE_PRIORITY
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.resolve.curation import Curation
from kg.resolve.kinds import fine_class
from kg.resolve.normalize import norm, strip_marks, title_key, zone_key

__all__ = ["Resolver", "Resolved"]

CORPORATE_SUFFIX = re.compile(r"^(?:（集团）)?(?:集团|公司|股份有限公司|有限公司|有限责任公司|集团有限公司|集团股份有限公司|"
                              r"科技股份有限公司|科技有限公司|科技集团股份有限公司|（集团）有限公司|（集团）有限责任公司)$")
_QUOTED_CODE = re.compile(r"^“([^”]+)”")


@dataclass
class Resolved:
    entities: dict[str, Entity] = field(default_factory=dict)
    # per document: mention index → entity key
    links: dict[str, list[str | None]] = field(default_factory=dict)


class Resolver:
    def __init__(self, lexicon: Lexicon | None = None, curation: Curation | None = None):
        self.lex = lexicon or load_lexicon()
        self.curation = curation or Curation()
        self._votes: dict[str, Counter] = defaultdict(Counter)

    # -- canonical names --------------------------------------------------------
    def canonical(self, m: Mention, home: str) -> tuple[str, str, str]:
        """(key, canonical name, parent division) of one mention."""
        if m.label == "PERSON":
            name = m.kb_id or m.text
            return f"person:{norm(name)}", name, ""
        if m.label == "DISTRICT" and m.kb_id in self.lex.divisions:
            div = self.lex.divisions[m.kb_id]
            return f"named:{norm(div.key)}", div.name, div.parent
        if m.label == "AGENCY" and not m.kb_id:
            name = canonical_agency(m.text, home, self.lex)
        else:
            name = m.kb_id or strip_marks(m.text)
        return f"named:{norm(name)}", name, ""

    # -- resolution ----------------------------------------------------------------
    def resolve(self, extractions: list[Extraction], resolved: Resolved | None = None) -> Resolved:
        out = resolved or Resolved()
        for ex in extractions:
            out.links[ex.doc_id] = self._resolve_doc(ex, out)
        for key, entity in out.entities.items():
            entity.label = self._decide_label(key)
        self.curation.apply(out)
        for entity in out.entities.values():
            entity.fine = fine_class(entity, self.lex) or ""
        return out

    def _resolve_doc(self, ex: Extraction, out: Resolved) -> list[str | None]:
        keys: list[str | None] = []
        names: dict[str, str] = {}
        for m in ex.mentions:
            key, name, parent = self.canonical(m, ex.home)
            keys.append(key)
            names.setdefault(key, name)
            if parent:
                names[key + "\x00parent"] = parent
        alias_of = self._doc_aliases(ex.mentions, keys, names)
        for i, m in enumerate(ex.mentions):
            key = alias_of.get(keys[i], keys[i])
            keys[i] = key
            entity = out.entities.get(key)
            if entity is None:
                entity = out.entities[key] = Entity(key, m.label, names.get(key) or names[keys[i]],
                                                    parent=names.get(key + "\x00parent", ""))
            entity.docs.add(ex.doc_id)
            surface = strip_marks(m.text)
            if surface and surface != entity.name and m.rule not in ("implied_body",):
                entity.aliases.add(surface)
            self._votes[key][m.label] += 1 + RULE_PRIORITY.get(m.rule, 5) / 10
        return keys

    def _doc_aliases(self, mentions: list[Mention], keys: list[str], names: dict[str, str]) -> dict[str, str]:
        """Short references → their full form within one document."""
        alias_of: dict[str, str] = {}
        inits = {keys[i]: names[keys[i]] for i, m in enumerate(mentions) if m.label == "INITIATIVE"}
        by_title: dict[str, str] = {}
        for key, name in sorted(inits.items(), key=lambda kv: -len(kv[1])):
            by_title.setdefault(title_key(name), key)
        codes: dict[str, str] = {}
        for key, name in sorted(inits.items(), key=lambda kv: (-len(kv[1]), kv[1])):
            tk = title_key(name)
            if by_title.get(tk) != key:
                alias_of[key] = by_title[tk]
                continue
            code = _QUOTED_CODE.match(name)
            if code:
                if code.group(1) in codes:
                    alias_of[key] = codes[code.group(1)]
                    continue
                codes[code.group(1)] = key
            if len(tk) >= 4:
                longer = [k for t, k in by_title.items() if len(t) > len(tk) and t.endswith(tk)]
                if len(longer) == 1:
                    alias_of[key] = longer[0]
        orgs = {keys[i]: names[keys[i]] for i, m in enumerate(mentions) if m.label == "ENTERPRISE"}
        for key, name in orgs.items():
            for other_key, other in orgs.items():
                if other_key == key or len(other) <= len(name):
                    continue
                head, tail = other[:len(other) - len(name)], other[len(other) - len(name):]
                if tail == name and (head == "中国" or self.lex.is_place(head)) or \
                        other.startswith(name) and CORPORATE_SUFFIX.match(other[len(name):]):
                    alias_of[key] = other_key
                    break
        zones = {keys[i]: zone_key(names[keys[i]]) for i, m in enumerate(mentions)
                 if m.label == "DISTRICT" and m.kb_id not in self.lex.divisions}
        for key, zk in zones.items():
            for other_key, other in zones.items():
                if other_key != key and len(other) > len(zk) and other.endswith(zk) \
                        and self.lex.starts_with_place(other[:len(other) - len(zk)] + "x") \
                        or other_key != key and other == zk and len(names[other_key]) > len(names[key]):
                    alias_of[key] = other_key
                    break
        agencies = {keys[i]: names[keys[i]] for i, m in enumerate(mentions) if m.label == "AGENCY"}
        for i, m in enumerate(mentions):
            core = self.lex.agency_cores.get(m.text)
            if m.label != "AGENCY" or core is None:
                continue  # only a bare core (管委会) is resolved against the article's agencies
            fits = {k for k, n in agencies.items() if k != keys[i] and (n.endswith(core.canonical) or n.endswith(m.text))}
            if len(fits) == 1:
                alias_of[keys[i]] = fits.pop()
        for key in [k for k, v in alias_of.items() if self.curation.apart(names[k], names[v])]:
            del alias_of[key]
        # follow chains (a → b → c)
        for key in list(alias_of):
            seen = {key}
            while alias_of[key] in alias_of and alias_of[key] not in seen:
                seen.add(alias_of[key])
                alias_of[key] = alias_of[alias_of[key]]
        return alias_of

    def _decide_label(self, key: str) -> str:
        return self._votes[key].most_common(1)[0][0]
