"""Mention → entity. One node per real-world entity, within and across documents.

* A mention's canonical name comes from its gazetteer id, from the agency expansion
  (市经信委 → 上海市经济和信息化委员会, using the article's home jurisdiction), or from its text.
* Keys are ``person:`` or ``named:`` + the normalised canonical name (districts: their division
  path, so 普陀区 of 上海市 and of 舟山市 stay apart, and so do their bodies, 鼓楼区人民政府 keyed by its 鼓楼区).
  Identity is decided per article (a store adds articles one by one and must give the full build's graph):
  a name that names nothing without its article is also keyed by its document: a body named by a level alone
  (市政府 in an article whose city is unknown, unless it names one city's own government: 义乌市人民政府), a
  title with no proper part (《若干措施》“十四五”规划) and a zone word alone (高新区). A person is keyed by the
  name and the place or body of their posts in the article (``person:刘建华@湖州市``), the name alone with none.
  The entity type is voted by its mentions, so one noisy type decision neither renames nor splits a node.
* Within a document, short references join their full form: 《若干政策措施》 → the full title,
  “十四五”规划 → 《…“十四五”规划》, 商飞 → 中国商飞, “1+1+3+1+1”制度体系 → “1+1+3+1+1”政策框架体系,
  云溪 → 云溪县 (a place by its proper part, when the article names one full place with it), 远航公司 → 宁州远航机械有限公司
  (a company by its trade name, also when the NER read it as a person), 宁工集团 → 宁州工程机械集团有限公司.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.schema import ENTITY_TYPES
from kg.facts import Entity, Extraction, Mention
from kg.language.agency import canonical_agency, split_agency
from kg.language.priorities import RULE_PRIORITY
from kg.language.lexicon import Lexicon, load_lexicon
from kg.language.segment import words
from kg.resolve.curation import Curation
from kg.resolve.merge import merge_entities
from kg.resolve.normalize import norm, strip_marks, title_key, zone_key

__all__ = ["Resolver", "Resolved", "LABEL_RANK"]

CORPORATE_SUFFIX = re.compile(r"^(?:（集团）)?(?:集团|公司|股份有限公司|有限公司|有限责任公司|集团有限公司|集团股份有限公司|"
                              r"科技股份有限公司|科技有限公司|科技集团股份有限公司|（集团）有限公司|（集团）有限责任公司)$")
_QUOTED_CODE = re.compile(r"^“([^”]+)”")
DROPPED = ""  # alias target of a mention that names no entity
_PROJECT_WORD = re.compile(r"(?:项目|工程)$")
# an initiative named with its kind after the name the article also gives it alone (「某某换新活动」「某某换新政策」 of
# 某某换新, 「“某某”工程」 of 某某, 「某某发展战略」 of 某某发展): the same initiative (in the training gold every pair of
# Initiative names differing by one of these kinds, 49, names one entity)
_INITIATIVE_KIND = re.compile(r"(?:专项行动|系列活动|活动|政策|行动|工程|项目|计划|平台|系统|任务|战略|试点|品牌|建设|机制|模式|"
                              r"体系|倡议)$")
_CORPORATE_TAIL = re.compile(r"(?:（集团）|\(集团\))?(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司)$")
# a full company or group name's ending (_enterprise_cores), and the bare ending of a short form (远航公司)
_NAME_TAIL = re.compile(r"(?:(?:（集团）|\(集团\))?(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司)|集团)$")
# (not 集团: 某某集团 is also the group of a 某某物流集团 or of a local 某地某某有限公司)
_SHORT_FORM_TAIL = re.compile(r"(?<!有限)(?<!股份)(?<!集团)公司$")
_GUESSED_PERSON_RULES = ("ner", "trained_ner", "")  # a person read by a statistical model alone, with no mark
_BRACKETED = re.compile(r"[（(][^（）()]{1,8}[）)]")  # 远航（中国）医疗科技: a place or country in brackets


# ties between entity types go to the more specific reading
LABEL_RANK = {t.label: t.rank for t in ENTITY_TYPES}


@dataclass
class Resolved:
    entities: dict[str, Entity] = field(default_factory=dict)  # merged across documents
    # per document: mention index → entity key
    links: dict[str, list[str | None]] = field(default_factory=dict)
    # per document: what it says about each entity (type, name, surface forms)
    contributions: dict[str, dict[str, Entity]] = field(default_factory=dict)


def _reversed(text: str) -> tuple[int, ...]:
    """A key that orders texts in reverse code-point order (max() on it picks the first text)."""
    return tuple(-ord(c) for c in text) + (1,)


def _body_kind(written) -> str:
    """"party" for a party committee, "gov" for a people's government, else "" (of a :func:`split_agency` reading)."""
    return "party" if written.core.kind == "party" else "gov" if written.core.canonical == "人民政府" else ""


def _in_order(letters: str, text: str) -> bool:
    """Every character of ``letters`` occurs in ``text``, in that order."""
    at = 0
    for ch in letters:
        at = text.find(ch, at) + 1
        if not at:
            return False
    return True


class Resolver:
    def __init__(self, lexicon: Lexicon | None = None, curation: Curation | None = None):
        self.lex = lexicon or load_lexicon()
        self.curation = curation or Curation()
        # every gazetteer surface of an agency → its canonical name (an implied body 党中央 is the
        # gazetteer's 中共中央)
        self._known = self.lex.surfaces("agency")
        self._gazetteer_aliases = {c: set(aliases) for rows in self.lex.gazetteer.values() for c, aliases in rows}
        for surface, (_, c) in self.lex.guarded.items():  # 理想 of 理想汽车: a short form that needs context
            self._gazetteer_aliases.setdefault(c, set()).add(surface)
        quoted_heads = self.lex.patterns.get("quoted_heads", "")
        self._quoted_head = re.compile(f"“([^“”]{{2,}})”(?:{quoted_heads})") if quoted_heads else None
        generic = self.lex.patterns["generic_titles"]
        self._generic_title = re.compile("(?:{}|{})+".format(
            generic["periods"], "|".join(map(re.escape, sorted(generic["words"], key=lambda w: (-len(w), w))))))
        self._zone_words = {zone_key(w) for w in self.lex.patterns["zone_words"]}
        self._seat_rx = re.compile(self.lex.patterns["named_seat"])
        self._national_rx = re.compile(self.lex.patterns["national_body"])
        self._abbreviated = self._abbreviated_provinces()
        # the longest trade word a name ends with is cut first (某某房地产 → 某某, not 某某房)
        self._trade_words = sorted(self.lex.industry_words, key=lambda w: (-len(w), w))

    # -- canonical names --------------------------------------------------------
    def canonical(self, m: Mention, home: str, county: str = "", zone: str = "", city: str = "") -> tuple[str, str, str]:
        """(key, canonical name, parent division) of one mention."""
        if m.label == "PERSON":
            name = m.kb_id or m.text
            return f"person:{norm(name)}", name, ""
        division = m.kb_id if m.kb_id in self.lex.divisions else \
            self._abbreviated.get(m.text, "") if m.label == "DISTRICT" else ""
        if m.label == "DISTRICT" and division:
            div = self.lex.divisions[division]
            return f"named:{norm(div.key)}", div.name, div.parent
        if m.label == "AGENCY" and not m.kb_id:
            name = self._known.get(m.text) or canonical_agency(
                m.text, home, self.lex, county, "" if m.text in self.lex.patterns["zone_cores"] else zone, city)
        else:
            name = m.kb_id or strip_marks(m.text)
        return f"named:{norm(name)}", name, ""

    def _abbreviated_provinces(self) -> dict[str, str]:
        """A province's one-character abbreviation (沪, 粤: ``province_abbreviations``) → its division key, for a
        place written so alone (「在沪发展」); not the letters that also abbreviate a country (新, 蒙: ``country_letters``)."""
        countries = self.lex.patterns["ner"].get("country_letters", "")
        out = {}
        for province, short in self.lex.patterns.get("province_abbreviations", {}).items():
            keys = [k for k in self.lex.place_keys(province) if self.lex.divisions[k].level == "province"]
            if len(keys) == 1 and short not in countries:
                out[short] = keys[0]
        return out

    def _city_written_forms(self, name: str) -> set[str]:
        """「宁州市某某区人民政府」 of 某某区人民政府, 「中共宁州市某某区委员会」 of 中共某某区委员会: a city's district (its
        name is not unique across the country) has its bodies' full names written with the city first. The district's
        name must be one county-level division's, with a parent."""
        party = "中共" if name.startswith("中共") else ""
        body = name[len(party):]
        for k in range(min(len(body) - 2, 10), 1, -1):
            if body[k - 1] != "区":
                continue
            divs = [d for d in (self.lex.divisions[key] for key in self.lex.division_names.get(body[:k], ()))
                    if d.name == body[:k] and d.level == "county"]
            if len(divs) == 1 and divs[0].parent:
                return {party + divs[0].parent + body}
        return set()

    def _bare_jurisdiction(self, name: str) -> bool:
        """A body named by a level alone (市政府, 县委, 区发展改革委) once the article's home could not complete
        it: the same words in two articles are two bodies."""
        return split_agency(name, self.lex).jurisdiction in self.lex.patterns["bare_jurisdictions"]

    def _anchored_people(self, ex: Extraction, keys: list[str], names: dict[str, str],
                         alias_of: dict[str, str]) -> dict[str, str]:
        """Person key → the key of the person this article means: the name plus the anchor of their posts
        (``person:刘建华@湖州市``), so that one name in two articles is one person only when the posts are in one place
        or body. The anchor of a post is the place of the body (湖州市 for 湖州市人民政府, 中共湖州市委员会 and
        湖州市商务局 alike; the division of a shared district name, 南京市/鼓楼区; 中国 for a central body, ``national_body``
        in names.yml), else the body itself (a company, an unnamed city's 市政府: this article's); a person with posts
        in several takes the one most of them are in (ties: a place, then the first in code-point order). A person
        with no post keeps the name alone."""
        final = lambda i: alias_of.get(keys[i], keys[i])  # noqa: E731
        anchors: dict[str, Counter] = defaultdict(Counter)
        for rel in ex.relations:
            person, body = final(rel.subject), final(rel.object)
            if rel.predicate != "holdsPostIn" or not person.startswith("person:") or body in (DROPPED, None) \
                    or body.startswith("person:"):
                continue
            anchors[person][self._post_anchor(body, names.get(body, ""), ex.mentions[rel.object].label)] += 1
        return {person: f"{person}@{max(found.items(), key=lambda kv: (kv[1], kv[0][0], _reversed(kv[0][1])))[0][1]}"
                for person, found in anchors.items()}

    def _post_anchor(self, key: str, name: str, label: str) -> tuple[bool, str]:
        """(is a place, anchor) of a post in the body ``key`` named ``name`` (see :meth:`_anchored_people`)."""
        if "@" in key:
            return True, key.split("@", 1)[1]  # a shared district name's division, or this article's own body
        if label == "AGENCY":
            written = split_agency(name, self.lex)
            place = written.jurisdiction if written.jurisdiction not in ("", "国家") else ""
            if not place and (seat := self._seat_rx.match(name)):
                place = seat.group(1)  # 青澜市委
            if place:
                found = self.lex.place_keys(place)
                return True, norm(self.lex.divisions[found[0]].key if found else place)
            if written.jurisdiction == "国家" or self._national_rx.match(name):
                return True, "中国"
        return False, key

    def _posts_in_sentence_seats(self, ex: Extraction, canonical: list[tuple[str, str, str]]) -> dict:
        """Mention index → (key, name) for the body of a post written by its level alone (市长's implied 市政府, 市委,
        市政府) in a sentence that names one seat of that level's own body of that kind (「义乌市人民政府召开常务会议，
        市长柯某主持」: 义乌市人民政府, not the home city's 金华市人民政府 nor an anonymous 市政府)."""
        bare = self.lex.patterns["bare_jurisdictions"]
        written = [split_agency(m.kb_id or strip_marks(m.text), self.lex) if m.label == "AGENCY" else None
                   for m in ex.mentions]
        out = {}
        for rel in ex.relations:
            body = written[rel.object]
            if rel.predicate != "holdsPostIn" or body is None or body.core is None or body.jurisdiction not in bare:
                continue
            kind = _body_kind(body)
            found = set()
            for j, other in enumerate(ex.mentions):  # the seats the sentence names as written (not completed)
                hit = self._seat_rx.match(canonical[j][1]) if written[j] is not None and j != rel.object \
                    and written[j].jurisdiction not in bare and rel.evidence.start <= other.start < rel.evidence.end \
                    else None
                if hit and hit.group(1).endswith(body.jurisdiction):
                    found.add((hit.group(1), "gov" if canonical[j][1].endswith("政府") else "party", canonical[j][:2]))
            if len({seat for seat, _kind, _body in found}) == 1:
                named = next((b for _seat, k, b in found if k == kind), None)
                if named is not None:
                    out[rel.object] = named
        return out

    def _named_seats(self, mentions: list[Mention], canonical: list[tuple[str, str, str]]) -> dict:
        """The seats (义乌市, 青澜市) whose own government or party committee the article names (``named_seat``),
        by their level ending, only for a level with one seat: level → (seat, {kind: (key, name) of the body})."""
        found: dict[str, dict[str, dict[str, tuple[str, str]]]] = defaultdict(lambda: defaultdict(dict))
        for m, (key, name, _parent) in zip(mentions, canonical):
            hit = self._seat_rx.match(name) if m.label == "AGENCY" else None
            if hit:
                kind = "gov" if name.endswith("政府") else "party"
                found[hit.group(1)[-1]][hit.group(1)].setdefault(kind, (key, name))
        return {level: next(iter(by_seat.items())) for level, by_seat in found.items() if len(by_seat) == 1}

    def _seat_body(self, name: str, seats: dict, ex: Extraction, city: str) -> tuple[str, str] | None:
        """(key, name) of a body named by a level alone (市政府, 市委, 市发改委, a 市长's implied 市政府) in an article
        whose home does not complete it but which names one seat of that level (义乌市人民政府 → 义乌市): the body the
        article names (青澜市委 for 市委), else the seat's (中共义乌市委员会); None when there is no such seat."""
        written = split_agency(name, self.lex)
        seat = seats.get(written.jurisdiction)
        if seat is None or written.core is None:
            return None
        place, bodies = seat
        kind = _body_kind(written)
        if kind in bodies:
            return bodies[kind]
        full = canonical_agency(name, place if written.jurisdiction in "市州" else ex.home, self.lex,
                                place if written.jurisdiction in "县区" else ex.home_county, "", city)
        return None if self._bare_jurisdiction(full) else (f"named:{norm(full)}", full)

    def names_nothing_alone(self, name: str) -> bool:
        """Whether ``name`` names nothing without its article, so that the same words in two articles are two
        entities: a title with no proper part (no place, no body, no topic: only periods, document kinds and
        their generic modifiers of ``generic_titles`` in ``patterns/names.yml``: 《若干措施》《实施方案》“十四五”规划),
        a zone word alone (高新区, 经济技术开发区) or a body of one (高新区管委会)."""
        if self._generic_title.fullmatch(title_key(name)) or zone_key(name) in self._zone_words:
            return True
        return zone_key(split_agency(name, self.lex).jurisdiction) in self._zone_words

    def _shared_name_seat(self, name: str, places: set[str], home: str) -> str | None:
        """The division an agency of a district name several divisions share (鼓楼区人民政府: 南京市's, 福州市's …)
        belongs to, as the article's own mentions of that district pick it (else its home's one); "" when the
        article does not say which (the agency is this article's own); None when its jurisdiction is no shared
        name (the name alone is the agency)."""
        juris = split_agency(name, self.lex).jurisdiction
        keys = self.lex.place_keys(juris) if juris else ()
        if len(keys) < 2:
            return None
        named = places & set(keys)  # the divisions the article's own mentions of places are
        if len(named) == 1:
            return next(iter(named))
        near = [k for k in keys if self.lex.divisions[k].parent == home] if not named else []
        return near[0] if len(near) == 1 else ""

    def home_city(self, ex: Extraction) -> str:
        """The city an article about a province is about (what its 市政府, 市委 are): the city of that province
        it names most, ties going to the one named first; "" when the home is no province or names none."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in ex.mentions:
            div = self.lex.divisions.get(m.kb_id) if m.label == "DISTRICT" else None
            if div is not None and div.level == "prefecture" and div.parent == ex.home:
                counts[div.name] += 1
                first[div.name] = min(first.get(div.name, m.start), m.start)
        return min(counts, key=lambda name: (-counts[name], first[name]), default="")

    # -- resolution ----------------------------------------------------------------
    def resolve(self, extractions: list[Extraction], on_error=None) -> Resolved:
        """Resolve each document on its own, then merge: the result depends only on the set of documents.
        ``on_error(extraction, exception)``, when given, is told of a document that fails, which is left out."""
        out = Resolved()
        for ex in extractions:
            try:
                out.contributions[ex.doc_id], out.links[ex.doc_id] = self.resolve_document(ex)
            except (Exception, RecursionError) as err:  # noqa: BLE001 - one document never stops the others
                if on_error is None:
                    raise
                on_error(ex, err)
        out.entities = merge_entities(out.contributions.values(), self.lex)
        return out

    def resolve_document(self, ex: Extraction) -> tuple[dict[str, Entity], list[str | None]]:
        """What one document says about its entities (keyed), and each mention's key."""
        keys: list[str | None] = []
        names: dict[str, str] = {}
        parents: dict[str, str] = {}
        city = self.home_city(ex)
        places = {m.kb_id for m in ex.mentions if m.label == "DISTRICT" and m.kb_id in self.lex.divisions}
        canonical = [self.canonical(m, ex.home, ex.home_county, ex.home_zone, city) for m in ex.mentions]
        for i, (key, name) in self._posts_in_sentence_seats(ex, canonical).items():
            canonical[i] = (key, name, canonical[i][2])
        seats = self._named_seats(ex.mentions, canonical)
        for m, (key, name, parent) in zip(ex.mentions, canonical):
            if m.label == "AGENCY" and self._bare_jurisdiction(name):
                # 市政府 of a city the article does not name: this article's own
                key, name = self._seat_body(name, seats, ex, city) or (f"{key}@{ex.doc_id}", name)
            if "@" not in key:
                if m.label == "AGENCY" and (seat := self._shared_name_seat(name, places, ex.home)) is not None:
                    key = f"{key}@{norm(seat) if seat else ex.doc_id}"  # 鼓楼区人民政府 of 南京市/鼓楼区, not of 福州市/鼓楼区
                elif m.label != "PERSON" and self.names_nothing_alone(name):
                    key = f"{key}@{ex.doc_id}"  # 《若干措施》, 高新区: this article's own
            keys.append(key)
            names.setdefault(key, name)
            if parent:
                parents[key] = parent
        alias_of = self._doc_aliases(ex.mentions, keys, names, ex.home_zone)
        self._keep_related_apart(ex, keys, alias_of)
        anchored = self._anchored_people(ex, keys, names, alias_of)
        entities: dict[str, Entity] = {}
        votes: dict[str, Counter] = defaultdict(Counter)
        keys_before = [alias_of.get(k, k) for k in keys]
        for i, m in enumerate(ex.mentions):
            key = alias_of.get(keys[i], keys[i])
            keys[i] = key = anchored.get(key, key) if key != DROPPED else None
            if key is None:
                continue
            names.setdefault(key, names[keys_before[i]])
            entity = entities.get(key)
            if entity is None:
                entity = entities[key] = Entity(key, m.label, names[key], parent=parents.get(key, ""))
            entity.docs.add(ex.doc_id)
            if m.rule not in ("implied_body",):
                for form in {strip_marks(m.text), strip_marks(m.surface)} - {"", entity.name}:
                    entity.aliases.add(form)  # the folded form and the form as written
            if m.label != "PERSON" or key.startswith("person:"):  # a company's short form read as a person: no vote
                votes[key][m.label] += 1 + RULE_PRIORITY.get(m.rule, 5) / 10
        for key, entity in entities.items():
            entity.label = max(votes[key].items(), key=lambda kv: (kv[1], LABEL_RANK[kv[0]]))[0]
            entity.aliases |= self._gazetteer_aliases.get(entity.name, set()) - {entity.name}  # general knowledge
            if entity.label == "AGENCY":
                entity.aliases |= self._city_written_forms(entity.name)
            if entity.label == "INITIATIVE" and self._quoted_head is not None:
                entity.aliases |= {m.group(1) for form in (entity.name, *entity.aliases)
                                   if (m := self._quoted_head.fullmatch(form)) is not None} - {entity.name}
        self.curation.apply(entities, keys)
        return entities, keys

    @staticmethod
    def _keep_related_apart(ex: Extraction, keys: list[str], alias_of: dict[str, str]) -> None:
        """Two companies the text relates (「中州建设集团有限公司与中建集团签署…」) are two, whatever a short-form reading
        of one says: the alias joining them is undone."""
        for rel in ex.relations:
            a, b = keys[rel.subject], keys[rel.object]
            if a == b or "ENTERPRISE" not in (ex.mentions[rel.subject].label, ex.mentions[rel.object].label):
                continue
            if alias_of.get(a, a) == alias_of.get(b, b) != DROPPED:
                for key in (a, b):
                    if alias_of.get(key, key) != key:
                        del alias_of[key]

    def _enterprise_cores(self, name: str) -> set[str]:
        """The short names a full company name is called by: 宁州远航机械股份有限公司 → 远航机械, 远航,
        宁州远航 (the place, the trade words and the corporate form dropped in turn; 远航新材料科技 → 远航科技, its
        trade name and its last trade word), and its first words (中国电子信息产业集团有限公司 → 中国电子). A place or country
        in brackets (远航（中国）医疗科技有限公司) is left out, and a group (远航实业集团) is named like a company."""
        found = self._company_body(name)
        if found is None:
            return set()
        body, place = found
        out = set()
        pos = 0
        for word, _tag in words(body)[:-1]:  # 中国电子信息产业集团有限公司 → 中国电子, 中国电子信息
            pos += len(word)
            if pos >= 4:
                out.add(body[:pos])
        for head in {0, place}:
            core = body[head:]
            while len(core) >= 2:
                out.add(core)
                if head:
                    out.add(body[:head] + core)
                trade = next((w for w in self._trade_words if core.endswith(w) and len(core) > len(w) + 1), None)
                if trade is None:
                    break
                core = core[:-len(trade)]
        last = next((w for w in self._trade_words if body.endswith(w) and len(body) > len(w) + 1), None)
        if last is not None:  # 青禾新材料科技 → 青禾科技: its trade name (2 to 4 characters after a place) and last trade word
            out |= {body[place:place + k] + last for k in range(2, 5) if place + k < len(body) - len(last)}
        return out - {name}

    def _company_body(self, name: str) -> tuple[str, int] | None:
        """A full company or group name without its corporate form and a bracketed place (远航（中国）医疗科技有限公司
        → 远航医疗科技), and how many characters of places open it; None for no such name."""
        m = _NAME_TAIL.search(name)
        if m is None:
            return None
        body = name[:m.start()]
        if len(unbracketed := _BRACKETED.sub("", body)) >= 2:
            body = unbracketed
        return (body, self._place_head(body)) if len(body) >= 2 else None  # 公司, 某集团: no name before the form

    def _placed_or_formed(self, name: str, other: str) -> bool:
        """``other`` is ``name`` with a place, a country or 中国 before it (中国远航, 宁州远航) or a corporate form after it
        (远航有限公司)."""
        if len(other) <= len(name):
            return False
        head, tail = other[:len(other) - len(name)], other[len(other) - len(name):]
        return tail == name and (head == "中国" or self.lex.is_place(head) or head in self.lex.countries) or \
            other.startswith(name) and bool(CORPORATE_SUFFIX.match(other[len(name):]))

    def _opens_trade_name(self, short: str, full: str) -> bool:
        """``short`` (two to five characters) opens the trade name of the full company name ``full`` after its places:
        宁州青岭远航五金有限公司 is called 远航 (远航公司)."""
        found = self._company_body(full) if 2 <= len(short) <= 5 else None
        return found is not None and found[0][found[1]:].startswith(short) and len(found[0]) - found[1] > len(short)

    def _place_head(self, body: str) -> int:
        """How many characters of places (divisions, their short names, countries, a name of two or three characters
        with 省, 市 or 县 after it) open ``body`` (宁州市青岭远航 → 宁州市青岭), leaving two or more."""
        head = 0
        while True:
            k = next((k for k in range(min(len(body) - head - 2, 8), 1, -1)
                      if self.lex.is_place(body[head:head + k]) or body[head:head + k] in self.lex.short_names
                      or body[head:head + k] in self.lex.countries or k in (3, 4) and body[head + k - 1] in "省市县"), 0)
            if not k:
                return head
            head += k

    def _abbreviates(self, short: str, full: str) -> bool:
        """``short`` abbreviates the full company name ``full`` by characters of its words, in order (宁州工程机械集团有限公司
        → 宁工集团, 青岭农业高科技股份有限公司 → 岭农高科; a province by its one-character abbreviation: 安徽省青岭能源集团 →
        皖岭能集团): not a piece of it written out (the other readings), not its first and last words alone (中国某某银行
        is no 中国银行), and a 集团 only of a group."""
        head = _NAME_TAIL.search(short)
        if short.endswith("集团") and "集团" not in full or head is not None and head.group() not in ("集团", "公司"):
            return False
        letters = short[:head.start()] if head is not None else short
        found = self._company_body(full) if len(letters) >= 2 and full != short else None
        if found is None or letters in found[0]:
            return False
        body, place = found
        if letters[0] not in (body[0], body[place], self._province_abbreviated(body)[0]) and letters[:2] not in body:
            return False
        if any(body.startswith(letters[:k]) and body.endswith(letters[k:]) for k in range(1, len(letters))):
            return False
        return any(_in_order(letters, text) for text in (body, self._province_abbreviated(body)))

    def _province_abbreviated(self, body: str) -> str:
        """``body`` with the province it opens with (安徽省, 安徽) written by its one-character abbreviation (皖)."""
        for province, short in self.lex.patterns.get("province_abbreviations", {}).items():
            for written in (province + "省", province + "市", province):
                if body.startswith(written) and len(body) > len(written):
                    return short + body[len(written):]
        return body

    def _unit_of(self, short: str, full: str) -> bool:
        """Whether ``full`` names a unit of the company called ``short`` rather than its full name: it goes on
        after a group (远航集团宁州造船有限公司, 远航通信集团青州有限公司), with a place (远航电网青州省电力公司),
        or ends in a bare 公司 after more than trade words (远航重工土方机械公司, 远航网约车公司; not 远航科技公司)."""
        tail = _CORPORATE_TAIL.search(full)
        if tail is None or not full.startswith(short):
            return False
        rest = full[len(short):tail.start()]
        if not rest or rest.startswith(("（", "(")):
            return False
        return (short.endswith("集团") or "集团" in rest or self.lex.starts_with_place(rest)
                or tail.group() == "公司" and bool(self._strip_trade_words(rest)))

    def _strip_trade_words(self, text: str) -> str:
        """``text`` without the trade words it ends in: 科技 → "", 土方机械 → 土方 (远航科技公司 is 远航's own name)."""
        while text:
            trade = next((w for w in self._trade_words if text.endswith(w)), None)
            if trade is None:
                break
            text = text[:-len(trade)]
        return text

    def _proper_part(self, name: str) -> str:
        """A place's name without its level ending (云溪县 → 云溪, 临江新区 → 临江); "" when none or under two
        characters would remain."""
        level = next((e for e in self.lex.patterns["place_levels"] if name.endswith(e)), "")
        return name[:-len(level)] if level and len(name) - len(level) >= 2 else ""

    def _bare_place(self, name: str) -> bool:
        """``name`` has no level ending of its own (云溪, not 云溪市: 宁州市区 is no 宁州市's full form)."""
        return not any(name.endswith(e) for e in self.lex.patterns["place_levels"])

    def _place_short_forms(self, mentions: list[Mention], keys: list[str]) -> dict[str, str]:
        """Keys of places named by their proper part alone (云溪) → the full place the article names with it
        (云溪县), when it names exactly one. The article's own reading wins over the gazetteer's one for the bare
        part (a 云溪区 elsewhere), unless the full place is a gazetteer division too: two known places stay apart.
        A longer name holding the part (云溪大道, 云溪公司) is another mention and is not touched."""
        full_places: dict[str, set[str]] = defaultdict(set)
        known: set[str] = set()
        for i, m in enumerate(mentions):
            if m.label == "DISTRICT" and (part := self._proper_part(strip_marks(m.text))) and self._bare_place(part):
                full_places[part].add(keys[i])
                if m.kb_id in self.lex.divisions:
                    known.add(keys[i])
        out: dict[str, str] = {}
        for i, m in enumerate(mentions):
            bare = strip_marks(m.text)
            fulls = full_places.get(bare, set()) if m.label == "DISTRICT" and self._bare_place(bare) else set()
            if len(fulls) != 1 or keys[i] in fulls:
                continue
            full = next(iter(fulls))
            if m.kb_id in self.lex.divisions and full in known:
                continue
            out[keys[i]] = full
        return out

    def _doc_aliases(self, mentions: list[Mention], keys: list[str], names: dict[str, str],
                     zone: str = "") -> dict[str, str]:
        """Short references → their full form within one document."""
        alias_of: dict[str, str] = {}
        inits = {keys[i]: names[keys[i]] for i, m in enumerate(mentions) if m.label == "INITIATIVE"}
        by_title: dict[str, str] = {}
        for key, name in sorted(inits.items(), key=lambda kv: -len(kv[1])):
            by_title.setdefault(title_key(name), key)
        codes: dict[str, str] = {}
        booked = {keys[i] for i, m in enumerate(mentions) if m.rule == "book_title"}  # written as 《意见》
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
            if len(tk) >= 4 or key in booked and len(tk) >= 2:
                longer = [k for t, k in by_title.items() if len(t) > len(tk) and t.endswith(tk)]
                if len(longer) == 1:
                    alias_of[key] = longer[0]
        named = {keys[i]: names[keys[i]] for i, m in enumerate(mentions) if m.label != "PERSON"}
        by_name = {name: key for key, name in named.items()}
        for key, name in inits.items():
            base = _PROJECT_WORD.sub("", name)
            if base != name and by_name.get(base, key) != key:
                alias_of.setdefault(key, by_name[base])  # 某某创新中心项目 → 某某创新中心
        init_by_name = {norm(name): key for key, name in sorted(inits.items(), key=lambda kv: (len(kv[1]), kv[1]))}
        for key, name in inits.items():
            base = _INITIATIVE_KIND.sub("", norm(name))
            if base != norm(name) and len(base) >= 2 and init_by_name.get(base, key) != key:
                alias_of.setdefault(key, init_by_name[base])  # 某某换新活动 → 某某换新
        orgs = {keys[i]: names[keys[i]] for i, m in enumerate(mentions) if m.label == "ENTERPRISE"}
        cores: dict[str, set[str]] = {}
        for key, name in orgs.items():
            for core in self._enterprise_cores(name):
                cores.setdefault(core, set()).add(key)
        for key, name in orgs.items():
            bare = _SHORT_FORM_TAIL.sub("", name)  # 远航公司 → 远航: the trade name of a full name
            found = cores.get(name, set()) | (cores.get(bare, set()) if len(bare) >= 2 else set())
            fits = {k for k in found - {key} if not self._unit_of(name, orgs[k])} or \
                {k for k, full in orgs.items() if k != key and self._opens_trade_name(bare, full)
                 and not self._unit_of(name, full)} or \
                {k for k, full in orgs.items() if k != key and self._abbreviates(name, full)}
            # (each only when no reading before it fits)
            if len(fits) == 1 and len(orgs[next(iter(fits))]) > len(name):
                alias_of[key] = fits.pop()  # 远航 → 宁州远航机械股份有限公司
        for key, name in orgs.items():
            for other_key, other in orgs.items():
                if other_key != key and self._placed_or_formed(name, other):
                    alias_of[key] = other_key
                    break
        # a gazetteer company written only by its short form (远航 of 远航集团有限公司) in an article that names a full
        # company of its own opening with it (宁州远航机械股份有限公司, no gazetteer name): the article's company, as an
        # unknown short form would be
        own = {keys[i] for i, m in enumerate(mentions) if m.label == "ENTERPRISE" and not m.kb_id}
        written: dict[str, set[str]] = {}
        for i, m in enumerate(mentions):
            if m.label == "ENTERPRISE" and m.kb_id:
                written.setdefault(keys[i], set()).add(m.text)
        for key, forms in written.items():
            if key in alias_of or key in own or names[key] in forms:
                continue
            fits = {k for k in own if k != key and len(orgs[k]) > max(map(len, forms))
                    and any((k in cores.get(f, set()) or self._opens_trade_name(f, orgs[k])
                             or self._placed_or_formed(f, orgs[k])) and not self._unit_of(f, orgs[k]) for f in forms)}
            if len(fits) == 1:
                alias_of[key] = fits.pop()  # 柳工 → the article's 广西柳工机械股份有限公司
        # 米禾香 read as a person by the NER alone in an article on 某地米禾香食品有限公司: the company; not a person a
        # title, a post or a speaker marks anywhere in the article (董事长方远 of 方远食品有限公司, its founder)
        marked = {m.text for m in mentions if m.label == "PERSON" and m.rule not in _GUESSED_PERSON_RULES}
        for i, m in enumerate(mentions):
            if m.label == "PERSON" and 2 <= len(m.text) <= 4 and keys[i] not in alias_of \
                    and m.rule in _GUESSED_PERSON_RULES and m.text not in marked:
                fits = cores.get(m.text, set()) or {k for k, full in orgs.items() if self._opens_trade_name(m.text, full)}
                fits = {alias_of.get(k, k) for k in fits}
                if len(fits) == 1:
                    alias_of[keys[i]] = fits.pop()
        zones = {keys[i]: zone_key(names[keys[i]]) for i, m in enumerate(mentions)
                 if m.label == "DISTRICT" and m.kb_id not in self.lex.divisions}
        for key, zk in zones.items():
            for other_key, other in zones.items():
                if other_key != key and len(other) > len(zk) and other.endswith(zk) \
                        and self.lex.starts_with_place(other[:len(other) - len(zk)] + "x") \
                        or other_key != key and other == zk and len(names[other_key]) > len(names[key]):
                    alias_of[key] = other_key
                    break
        for key, full in self._place_short_forms(mentions, keys).items():
            alias_of.setdefault(key, full)
        agencies = {keys[i]: names[keys[i]] for i, m in enumerate(mentions) if m.label == "AGENCY"}
        for i, m in enumerate(mentions):
            core = self.lex.agency_cores.get(m.text)
            if m.label != "AGENCY" or core is None or names[keys[i]] not in (m.text, core.canonical):
                continue  # only a bare core (管委会) not completed from the article is resolved against its agencies
            fits = {k for k, n in agencies.items() if k != keys[i] and (n.endswith(core.canonical) or n.endswith(m.text))}
            if len(fits) == 1:
                alias_of[keys[i]] = fits.pop()
            elif keys[i] not in alias_of and not fits and zone and m.text in self.lex.patterns["zone_cores"]:
                full = canonical_agency(m.text, "", self.lex, zone=zone)  # 管委会 of the zone the article is about
                names.setdefault(f"named:{norm(full)}", full)
                alias_of[keys[i]] = f"named:{norm(full)}"
            elif keys[i] not in alias_of:
                alias_of[keys[i]] = DROPPED  # 「各州市财政局、科技局」: a body of nobody in particular
        for key in [k for k, v in alias_of.items() if v != DROPPED and self.curation.apart(names[k], names[v])]:
            del alias_of[key]
        # follow chains (a → b → c)
        for key in list(alias_of):
            seen = {key}
            while alias_of[key] in alias_of and alias_of[key] not in seen:
                seen.add(alias_of[key])
                alias_of[key] = alias_of[alias_of[key]]
        return alias_of
