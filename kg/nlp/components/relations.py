"""``kg_relations``: rule-based relations between the mentions in ``doc.ents``.

Rules (each names itself in the evidence):

* ``post_chain``     「市政府办公厅副主任、市大数据局局长李明」 → two holdsPostIn with roles;
                     a title without an organisation names its implied body (副市长 → 市政府).
* ``issue_verb``     「市政府先后颁布《A》《B》」 → issuedBy; 「我们研究制定了《C》」 → the speaker's body.
* ``component_of``   「A也是…B的重要组成部分」, 「B，包括A1、A2…」 → partOf.
* ``name_prefix``    a zone or project whose name starts with a place → locatedIn that place.
* ``zone_builds``    「<zone>…建设…平台」 in one sentence → locatedIn the zone.
* ``partner_verb``   「A与B…合作」 → partnerOf.
* ``participate_verb`` 「A入选/参与…B」 → participatesIn.

Relations are plain dicts on ``doc._.kg_relations``; mentions are ``(start, end, label, text, id)``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.lexicon import load_lexicon

__all__ = ["Relations", "make_relations", "normalise_title"]

ORGS = {"AGENCY", "ENTERPRISE"}
GOV_TITLES = {"市长": "市政府", "副市长": "市政府", "常务副市长": "市政府", "区长": "区政府", "副区长": "区政府",
              "常务副区长": "区政府", "省长": "省政府", "副省长": "省政府", "常务副省长": "省政府",
              "县长": "县政府", "副县长": "县政府"}
_SENT = re.compile(r"[^。！？\n]+")


def normalise_title(title: str) -> str:
    """Key for matching policy titles and their short references (举措 and 措施 alternate)."""
    return re.sub(r"[“”\"《》\s]", "", title).replace("举措", "措施")


def _m(span: Span) -> tuple:
    return (span.start_char, span.end_char, span.label_, span.text, span.id_)


class Relations:
    def __init__(self, nlp: Language, name: str = "kg_relations", data_dir: str = ""):
        self.name = name
        self.lex = lex = load_lexicon(data_dir)
        r = lex.patterns["relations"]
        self._issue = re.compile(rf"(?:{r['issue_verbs']})了?")
        self._partner = re.compile(rf"(?:{r['partner_verbs']})")
        self._participate = re.compile(rf"(?:{r['participate_verbs']})")
        self._part_of = re.compile(rf"(?:{r['part_of']})")
        self._include = re.compile(rf"(?:{r['include_verbs']})")
        self._build = re.compile(rf"(?:{r['build_verbs']})")
        self._we = re.compile(rf"(?:{r['we']})$")
        self._titles = sorted(lex.titles, key=len, reverse=True)

    def __call__(self, doc: Doc) -> Doc:
        self.text = doc.text
        self.ents = list(doc.ents)
        self.by_end = {e.end_char: e for e in self.ents}
        rels: list[dict] = []
        rels += self._posts(doc)
        speaker_org = self._speaker_orgs(doc, rels)
        for sent in _SENT.finditer(self.text):
            s, e = sent.span()
            ents = [x for x in self.ents if s <= x.start_char and x.end_char <= e]
            rels += self._issued(doc, s, e, ents, speaker_org)
            rels += self._part_of_rules(s, e, ents)
            rels += self._zone_builds(s, e, ents)
            rels += self._pairs(s, e, ents)
        rels += self._name_prefix()
        doc._.kg_relations = tuple(rels)
        return doc

    @staticmethod
    def _rel(s, p, o, rule, ev, role="") -> dict:
        return {"s": s, "p": p, "o": o, "rule": rule, "ev": ev, "role": role}

    # -- holdsPostIn ----------------------------------------------------------
    def _title_before(self, pos: int) -> str:
        for t in self._titles:
            if pos >= len(t) and self.text[pos - len(t):pos] == t:
                return t
        return ""

    def _posts(self, doc: Doc) -> list[dict]:
        out = []
        for person in self.ents:
            if person.label_ != "PERSON" or person.kb_id_ not in ("title_name", "doc_lexicon", "kg_gazetteer", ""):
                continue
            pos = person.start_char
            while True:
                title = self._title_before(pos)
                if not title:
                    break
                t_start = pos - len(title)
                org = self.by_end.get(t_start)
                if org is not None and org.label_ in ORGS:
                    out.append(self._rel(_m(person), "holdsPostIn", _m(org), "post_chain",
                                         (org.start_char, person.end_char), title))
                    pos = org.start_char
                elif org is not None and org.label_ == "DISTRICT" and title in GOV_TITLES:
                    body = (org.start_char, t_start, "AGENCY", org.text + "人民政府", "")
                    out.append(self._rel(_m(person), "holdsPostIn", body, "post_chain",
                                         (org.start_char, person.end_char), title))
                    pos = org.start_char
                elif title in GOV_TITLES:
                    body = (t_start, pos, "AGENCY", GOV_TITLES[title], "")
                    out.append(self._rel(_m(person), "holdsPostIn", body, "implied_body",
                                         (t_start, person.end_char), title))
                    pos = t_start
                else:
                    break
                if pos > 0 and self.text[pos - 1] == "、":
                    pos -= 1
                    continue
                break
        return out

    def _speaker_orgs(self, doc: Doc, posts: list[dict]) -> dict[str, tuple]:
        """speaker name → the first organisation the article gives them a post in."""
        out: dict[str, tuple] = {}
        for rel in posts:
            out.setdefault(rel["s"][3], rel["o"])
        return out

    def _speaker_at(self, doc: Doc, pos: int) -> str:
        for start, end, _kind, speaker, _m_end in doc._.kg_paragraphs:
            if start <= pos < end:
                return speaker
        return ""

    # -- issuedBy -------------------------------------------------------------
    def _issued(self, doc, s, e, ents, speaker_org) -> list[dict]:
        out = []
        sentence = self.text[s:e]
        for vm in self._issue.finditer(sentence):
            v_start, v_end = s + vm.start(), s + vm.end()
            works = []
            pos = v_end
            for ent in ents:
                if ent.start_char < v_end or ent.label_ != "INITIATIVE":
                    continue
                gap = self.text[pos:ent.start_char]
                if re.fullmatch(r"[《》、和及与\s]{0,3}", gap):
                    works.append(ent)
                    pos = ent.end_char + (1 if self.text[ent.end_char:ent.end_char + 1] == "》" else 0)
                else:
                    break
            if not works:
                continue
            clause_start = max(self.text.rfind(c, s, v_start) for c in "，；：") + 1 if any(
                self.text.rfind(c, s, v_start) >= 0 for c in "，；：") else s
            subject = None
            for ent in ents:
                if clause_start <= ent.start_char and ent.end_char <= v_start and v_start - ent.end_char <= 6:
                    subject = ent
            if subject is not None and subject.label_ != "AGENCY":
                continue
            if subject is not None:
                agent, rule = _m(subject), "issue_verb"
            else:
                before = self.text[clause_start:v_start]
                we = re.search(r"(我们|我委|我局|我办|我厅|我部)[^，]{0,6}$", before)
                speaker = self._speaker_at(doc, v_start)
                if not we or speaker not in speaker_org:
                    continue
                agent, rule = speaker_org[speaker], "issue_verb_speaker"
            for work in works:
                out.append(self._rel(_m(work), "issuedBy", agent, rule, (clause_start, work.end_char)))
        return out

    # -- partOf ---------------------------------------------------------------
    def _initiative_index(self) -> dict[str, Span]:
        index = {}
        for ent in self.ents:
            if ent.label_ == "INITIATIVE" and len(ent.text) >= 6:
                index[normalise_title(ent.text)] = ent
        return index

    def _short_ref(self, item: str, start: int, index: dict[str, Span]) -> tuple | None:
        key = normalise_title(item.split("的")[-1])
        if len(key) < 4:
            return None
        for full, ent in index.items():
            if full.endswith(key):
                off = self.text.find(item.split("的")[-1].strip("“”《》"), start)
                return (off, off + len(key), "INITIATIVE", ent.text, ent.id_) if off >= 0 else None
        return None

    def _part_of_rules(self, s, e, ents) -> list[dict]:
        out = []
        sentence = self.text[s:e]
        inits = [x for x in ents if x.label_ == "INITIATIVE"]
        for m in self._part_of.finditer(sentence):
            pos = s + m.start()
            whole = [x for x in inits if x.end_char <= pos and pos - x.end_char <= 2]
            parts = [x for x in inits if x.end_char <= pos and "是" in self.text[x.end_char:pos]
                     and x not in whole]
            if whole and parts:
                out.append(self._rel(_m(parts[0]), "partOf", _m(whole[-1]), "component_of", (parts[0].start_char, pos)))
        index = None
        for m in self._include.finditer(sentence):
            pos = s + m.start()
            whole = [x for x in inits if x.end_char <= pos and pos - x.end_char <= 2]
            if not whole:
                continue
            index = index or self._initiative_index()
            listed = sentence[m.end():]
            listed = re.split(r"等[\u4e00-\u9fff]{0,6}$|等", listed)[0]
            offset = s + m.end()
            for item in re.split(r"、|以及|和|及", listed):
                start = self.text.find(item, offset)
                offset = start + len(item)
                item_clean = item.strip()
                ent = next((x for x in inits if x.start_char >= start and x.end_char <= start + len(item)
                            and x is not whole[-1]), None)
                part = _m(ent) if ent is not None else self._short_ref(item_clean, start, index)
                if part is not None:
                    out.append(self._rel(part, "partOf", _m(whole[-1]), "component_of", (whole[-1].start_char, offset)))
        return out

    # -- locatedIn --------------------------------------------------------------
    def _name_prefix(self) -> list[dict]:
        out = []
        for ent in self.ents:
            if ent.label_ not in ("DISTRICT", "INITIATIVE", "ENTERPRISE") or ent.kb_id_ in ("book_title", "kg_gazetteer"):
                continue
            if ent.label_ == "DISTRICT" and ent.id_ in self.lex.divisions:
                continue
            name = ent.text
            for k in range(min(len(name) - 1, 8), 1, -1):
                keys = self.lex.place_keys(name[:k])
                if keys:
                    div = self.lex.divisions[keys[0]]
                    place = (ent.start_char, ent.start_char + k, "DISTRICT", name[:k], keys[0])
                    out.append(self._rel(_m(ent), "locatedIn", place, "name_prefix",
                                         (ent.start_char, ent.end_char)))
                    break
        return out

    def _zone_builds(self, s, e, ents) -> list[dict]:
        out = []
        if not ents:
            return out
        head = ents[0]
        lead = re.sub(r"^(比如|例如|再比如|其中)[，,]?", "", self.text[s:head.start_char])
        if head.label_ != "DISTRICT" or len(lead) > 2:
            return out
        div = self.lex.divisions.get(head.id_)
        if div is not None and div.level in ("province", "prefecture"):
            return out  # a whole city or province builds everything; too broad to locate a project
        bm = self._build.search(self.text, head.end_char, e)
        if not bm:
            return out
        for ent in ents[1:]:
            if ent.label_ == "INITIATIVE" and ent.start_char > bm.start() and ent.kb_id_ != "book_title":
                out.append(self._rel(_m(ent), "locatedIn", _m(head), "zone_builds", (s, ent.end_char)))
        return out

    # -- partnerOf / participatesIn ----------------------------------------------
    def _pairs(self, s, e, ents) -> list[dict]:
        out = []
        for a, b in zip(ents, ents[1:]):
            if a.label_ in ORGS and b.label_ in ORGS and self.text[a.end_char:b.start_char] in ("与", "和", "同", "及"):
                tail = self.text[b.end_char:e]
                pm = self._partner.search(tail)
                if pm and pm.start() <= 16 and "，" not in tail[:pm.start()].strip("，")[:0]:
                    out.append(self._rel(_m(a), "partnerOf", _m(b), "partner_verb", (a.start_char, b.end_char + pm.end())))
        for a in ents:
            if a.label_ not in ORGS:
                continue
            vm = self._participate.match(self.text, a.end_char)
            if not vm:
                continue
            target = next((x for x in ents if x.start_char >= vm.end() and x.label_ == "INITIATIVE"
                           and "，" not in self.text[vm.end():x.start_char]), None)
            if target is not None:
                out.append(self._rel(_m(a), "participatesIn", _m(target), "participate_verb", (a.start_char, target.end_char)))
        return out


@Language.factory("kg_relations", default_config={"data_dir": ""}, assigns=["doc._.kg_relations"],
                  requires=["doc.ents", "doc._.kg_posts"])
def make_relations(nlp: Language, name: str, data_dir: str) -> Relations:
    return Relations(nlp, name, data_dir)
