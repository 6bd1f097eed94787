"""``kg_relations``: rule-based relations between the mentions in ``doc.ents``.

Rules (each names itself in the evidence):

* ``post_chain``     「市政府办公厅副主任、市大数据局局长李明」 → two holdsPostIn with roles;
                     a title without an organisation names its implied body (副市长 → 市政府).
* ``issue_verb``     「市政府先后颁布《A》《B》」 → issuedBy; 「我们研究制定了《C》」 → the speaker's body.
* ``body_title``     「国务院《关于…的意见》」: the body written right before a title → issuedBy.
* ``component_of``   「A也是…B的重要组成部分」, 「B，包括A1、A2…」 → partOf.
* ``name_prefix``    a zone, project, company or hospital whose name starts with a place → locatedIn that place;
                     ``zone_named_after``: a zone named after a province or city the article names (某市经济技术开发区);
                     the innermost place of a run that opens a name too (某省|宁州|今日食品有限公司), and the place
                     in an initiative's brackets (中欧班列（宁州）).
* ``zone_builds``    「<zone>…建设…平台」 in one sentence → locatedIn the zone.
* ``partner_verb``   「A与B、C签署…合作协议」 → partnerOf (an unknown name there becomes an enterprise).
* ``subsidiary``     「A旗下子公司B」「A所属B」「A集团B公司」 → B partOf A; ``subsidiary_of`` 「B是A的全资子公司」.
* ``bracket_parts``  「“一节两会”（甲节、乙会、丙会）」 → each partOf the collective name.
* ``participate_verb`` 「A入选/参与…B」 → participatesIn; ``invests_in`` 「A计划投资8亿元的B项目」;
                     ``company_work`` 「某电网|某某联网工程」: a gazetteer company opening a project's name.
* ``post_appointed`` also rosters (「甲 某区人民政府副区长」) and appointments carried over (「；乙同志任总经理」).
* ``organ_post``     「中共中央政治局常委」: a post in the Politburo is a post in the central committee too.
* ``quote_speaker``  「”工艺工程师甲说」: a bare job role after a quotation → holdsPostIn the enterprise named last.
* ``nested_place``   「湖北某市」: a place written right after the larger place that holds it → locatedIn; also
                     places below the divisions table (「某县某镇」「某镇某村」「某镇某某产业园」) and named sites
                     (「某市某某古城」).
* ``local_place_prefix`` 「某镇某某种植基地」: a name opening with a township or village the article names on its own.
* ``place_before_name`` 「某县|某某食品有限公司」「某镇|某某村卫生室」: a company, programme or hospital written right after
                     a place lies in it.
* ``country_prefix`` 「越南某某集团」: a company opening with a foreign country named on its own → locatedIn it.
* ``place_of``       「某县某镇的某某有限公司」: a company, programme or zone right after a place and 的 → locatedIn.
* ``held_at``        「在某市举办的第五届某博览会」 → locatedIn; ``hosted`` 「某县成功举办甲赛、乙赛」「在某市举办某峰会」.
* ``issue_approved`` 「《X》已经省政府同意」 → issuedBy.

Relations are plain dicts on ``doc._.kg_relations``; mentions are ``(start, end, label, text, id)``.
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.language.agency import split_agency
from kg.nlp.components.ner_typing import common_phrase
from kg.language.lexicon import load_lexicon
from kg.language.segment import cut_before_verb, trim_left, words
from kg.nlp.components.statistical_ner import lac_words
from kg.nlp.spans import ORGS, span_text, text_of

__all__ = ["Relations", "make_relations", "normalise_title"]

POST_PERSON_RULES = ("title_name", "doc_lexicon", "kg_gazetteer", "ner", "trained_ner", "")
_SENT = re.compile(r"[^。！？\n]+")
# LAC's tags of a name-like word, and of a verb, adjective or adverb: a piece of text made of the second kind only
# is no partner's name (Relations._plain_words)
NAME_WORD_TAGS = frozenset({"PER", "LOC", "ORG", "nz", "nw"})
PLAIN_WORD_TAGS = frozenset({"v", "vd", "vn", "a", "ad", "an", "d"})


def normalise_title(title: str) -> str:
    """Key for matching policy titles and their short references (举措 and 措施 alternate)."""
    return re.sub(r"[“”\"《》\s]", "", title).replace("举措", "措施")




def _m(span: Span) -> tuple:
    return (span.start_char, span.end_char, span.label_, span_text(span), span.id_)


class Relations:
    def __init__(self, nlp: Language, name: str = "kg_relations", data_dir: str = ""):
        self.name = name
        self.lex = lex = load_lexicon(data_dir)
        r = lex.patterns["relations"]
        self._issue = re.compile(rf"(?:{r['issue_verbs']})了?")
        self._partner = re.compile(rf"(?:{r['partner_verbs']})")
        self._partner_direct = re.compile(rf"(?:{r['partner_direct_verbs']})了?")
        self._partner_filler = re.compile(rf"{r['partner_filler']}$")
        self._approve = re.compile(rf"(?:{r['approve_verbs']})")
        self._participate = re.compile(rf"(?:{r['participate_adverbs']}){{0,3}}(?:{r['participate_verbs']})")
        self._subsidiary = re.compile(rf"(?:{r['subsidiary']})")
        self._subsidiary_named = re.compile(r["subsidiary_named"])
        self._subsidiary_is = re.compile(rf"(?:{r['subsidiary_is']})")
        self._subsidiary_of = re.compile(r["subsidiary_of"])
        self._parent_group = re.compile(r["parent_group"])
        self._named_unit = re.compile(r["named_unit"])
        self._zone_min = int(r["zone_part_min"])
        self._zone_part_labels = frozenset(r["zone_part_labels"].split())
        self._founded = re.compile(rf"(?:{r['founded_verbs']})了?的?")
        self._founded_role = r["founded_role"]
        self._part_of = re.compile(rf"(?:{r['part_of']})")
        self._include = re.compile(rf"(?:{r['include_verbs']})")
        self._build = re.compile(rf"(?:{r['build_verbs']})")
        self._we = re.compile(rf"(?:{r['we']})$")
        self._about = re.compile(r"关于")
        self._held_in = re.compile(r["held_in"])
        self._held_verbs = re.compile(rf"[^，。；]{{0,4}}?(?:{r['held_verbs']})")
        self._sited = re.compile(rf"(?:{r['sited_adverbs']}){{0,3}}(?:{r['sited_verbs']})(?:于|在)?")
        self._held_before = re.compile(rf"(?:{r['held_before']})的")
        self._hosts = re.compile(r["hosts"])
        self._scene_place_lead = re.compile(rf"(?:{r['scene_place_lead']})?")
        self._scene_time = re.compile(r["scene_time"])
        self._scene_subject_lead = re.compile(rf"(?:{r['scene_subject_leads']})?")
        self._sited_before = re.compile(rf"(?:{r['sited_before']})")
        self._township_name = re.compile(r["township_name"])
        self._village_name = re.compile(r["village_name"])
        self._township_opening = re.compile(r["township_opening"])
        self._local_place_not = tuple(lex.patterns["ner"].get("chained_place_not", "").split())  # 「江南水乡」「美丽乡村」
        self._implements = re.compile(rf"[^，。；、\d]{{0,{int(r['place_implements_lead'])}}}?(?:{r['place_implements']})")
        self._national_programme = re.compile(r["place_implements_national"])
        self._implements_lead_stops = frozenset(r["place_implements_lead_stops"])
        self._carried_lead_stops = frozenset(r["place_carried_lead_stops"])
        self._invest_in = re.compile(r["invest_in"])
        self._part_of_place = re.compile(rf"(?:{r['part_of_place']})")
        self._led = re.compile(r["led_by"])
        self._group_noun = re.compile(rf"等[^、，。；]{{0,10}}?(?:{r['group_nouns']})$")
        self._group_after = re.compile(rf"等[^、，。；]{{0,10}}?(?:{r['group_nouns']})")  # 「甲、乙等企业|落户…」
        self._group_place = re.compile(rf"等{r['group_count']}")  # 「甲、乙等9家|某省|企业」
        self._group_noun_at = re.compile(rf"(?:{r['group_nouns']})")
        self._zone_group = re.compile(rf"等[^、，。；]{{0,10}}?(?:{r['zone_group_nouns']})")
        self._sited_within = re.compile(rf"(?:{r['sited_adverbs']}){{0,3}}(?:{r['sited_within']})")
        self._notice_issue = re.compile(r["notice_issue"])
        self._responsible = re.compile(r["responsible_units"])
        self._organised = re.compile(rf"(?:{r['organised_by']})")
        self._subject_date = re.compile(r["subject_date"])
        self._organise = re.compile(rf"(?:{r['organise_verbs']})")
        self._organise_not_after = re.compile(r["organise_not_after"])
        self._organise_lead = re.compile(r["organise_lead"])
        self._organise_joint = re.compile(r["organise_joint"])
        self._spread_in = re.compile(rf"(?:{r['spread_in']})")
        self._same_place = re.compile(rf"(?:{r['same_place_words']})")
        self._sited_agency = re.compile(r["sited_agency"])
        self._placed_statute = re.compile(r["placed_statute"])
        self._bracket_place = re.compile(r["bracket_place"])
        self._group_subsidiary = re.compile(r["group_subsidiary"])
        self._place_levels = r["zone_place_levels"]
        ner = lex.patterns["ner"]
        self._level_chars = frozenset(ner.get("level_chars", ""))
        self._generic_place = re.compile(ner["generic_place"]) if ner.get("generic_place") else None
        self._issued_before = re.compile(rf"(?:{r['issue_verbs']})了?的?[《“]?$")
        self._meeting_of = re.compile(r["meeting_of"])
        self._meeting_passed = re.compile(r["meeting_passed"])
        self._we_place = re.compile(rf"(?:{r['we_place']})")
        self._we_speaker = re.compile(rf"(?:{r['we_speaker']})")
        self._speaker_reach = int(r["speaker_reach"])
        self._carried_subject = re.compile(rf"(?:{r['carried_subject']})")
        self._notice_header = re.compile(r["notice_header"])
        self._zone_words = set(lex.patterns["zone_words"])
        self._committee = re.compile(r"(?:管委会|管理委员会)$")
        self._zone_cores = lex.patterns["zone_cores"]
        self._agency_names = set(lex.surfaces("agency"))
        self._titles = sorted(lex.titles, key=len, reverse=True)
        self._titles_set = set(lex.titles)
        self._implied = r["implied_bodies"]
        self._township_head = re.compile(r["township_heads"])
        self._committee_organ = re.compile(r["committee_organ"])
        self._shared = re.compile(r["shared_titles"])
        self._appointed = re.compile(r["appointed"])
        self._title_prefix = re.compile(rf"(?:{r['title_prefix']})")
        self._prefix_before = re.compile(rf"(?:{r['title_prefix']})$")
        self._post_infix = re.compile(rf"(?:{r['post_infix']})$")
        self._post_subunit = re.compile(r["post_subunit"])
        self._chain_unit = re.compile(r["post_chain_unit"])
        self._chain_unit_not = re.compile(r["post_chain_unit_not"])
        self._role_before = re.compile(rf"(?:{r['post_roles']})$")
        self._occupation_before = re.compile(rf"(?:{r['occupation_roles']})$")
        self._occupation_not = re.compile(rf"(?:{r['occupation_not']})$")
        self._unit_head = re.compile(rf"(?:{r['unit_heads']})")
        self._body_roles = {role: re.compile(body) for role, body in r["body_roles"].items()}
        self._body_role_before = re.compile(rf"(?:{'|'.join(map(re.escape, self._body_roles))})$")
        self._role_modifier_verbs = frozenset(r["role_modifier_verbs"].split("|"))
        self._role_modifier = re.compile(rf"[^{r['role_modifier_stops']}\W\d]{{0,{int(r['role_modifier_chars'])}}}$")
        self._company_anaphor = re.compile(r["company_anaphor"])
        self._anaphor_reach = int(r["company_anaphor_reach"])
        self._scene_site = re.compile(r["scene_org_site"])
        self._field_chars = int(r["post_field_chars"])
        self._field = re.compile(rf"[^{r['role_modifier_stops']}\W\d]+")
        self._quote_lead = re.compile(rf"”([^{r['role_modifier_stops']}\W\d]{{2,{int(r['quote_role_chars'])}}})$")
        self._company_body = re.compile(r["company_body"])
        self._joiners = {"、", "和", "及", "同志、", "同志和", "同志及"}
        zone_suffixes = "|".join(r["suffix"] for r in lex.patterns["suffix_rules"] if r["label"] == "DISTRICT")
        self._zone_suffix = re.compile(rf"(?:{zone_suffixes})")
        strong = "|".join(r["suffix"] for r in lex.patterns["suffix_rules"] if r["rule"] == "zone_suffix_strong")
        self._zone_kind = re.compile(rf"(?:{strong})") if strong else None  # 「经济技术开发区」: a kind of zone
        self._company_work = re.compile(rf"(?:{r['company_work_endings']})$")
        self._company_forms = {s: c for s, c in lex.surfaces("enterprise").items() if len(s) >= 2}
        self._company_form_len = max(map(len, self._company_forms), default=0)
        self._company_form_whole = int(r.get("company_work_whole", 0)) or self._company_form_len + 1
        self._country_length = max(map(len, lex.countries), default=0)

    def __call__(self, doc: Doc) -> Doc:
        self.text = text_of(doc)
        self.words = lac_words(doc)
        self.word_starts = [w[0] for w in self.words]
        self.home = doc._.kg_home
        self.ents = list(doc.ents)
        self.by_end = {e.end_char: e for e in self.ents}
        self.by_span = {(e.start_char, e.end_char): e for e in self.ents}
        self.orgs_at = {}  # start → the organisation or district mention starting there
        for e in self.ents:
            if e.label_ in ORGS | {"DISTRICT"}:
                self.orgs_at.setdefault(e.start_char, e)
        self._committees = None
        rels: list[dict] = []
        rels += self._posts(doc)
        rels += self._organ_posts(rels)
        speaker_org = self._speaker_orgs(rels)
        self._speaker_org = speaker_org
        starts = [x.start_char for x in self.ents]  # doc.ents are sorted: each sentence takes its slice
        for sent in _SENT.finditer(self.text):
            s, e = sent.span()
            ents = [x for x in self.ents[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)] if x.end_char <= e]
            rels += self._issued(doc, s, e, ents, speaker_org)
            rels += self._passive_issued(s, e, ents)
            rels += self._body_title(ents)
            rels += self._part_of_rules(s, e, ents)
            rels += self._zone_builds(s, e, ents)
            rels += self._located(s, e, ents)
            rels += self._led_by(s, e, ents)
            rels += self._organised_by(s, ents)
            rels += self._organise_verb(s, e, ents)
            rels += self._pairs(s, e, ents)
            rels += self._founders(ents)
            rels += self._direct_partners(ents)
        located, nested = self._name_prefix()
        rels += located
        worked, companies = self._company_works()
        rels += worked
        nested += companies
        rels += self._country_prefix()
        rels += self._local_place_prefix()
        rels += self._named_units()
        rels += self._named_zone_parts()
        rels += self._title_issuers()
        rels += self._signed_notice()
        rels += self._responsible_units()
        rels += self._meeting_passed_works()
        rels += self._carried_place_implements()
        rels = [r for r in rels if not (r["p"] == "locatedIn" and self.lex.cannot_lie_in(r["s"][4], r["o"][4]))]
        doc._.kg_relations = tuple(rels)
        doc._.kg_nested = tuple(nested)
        return doc

    def _next_stop(self, start: int, end: int, stops: str) -> int:
        """The position of the first of ``stops`` in ``[start, end)``, else ``end``."""
        found = [i for i in (self.text.find(c, start, end) for c in stops) if i >= 0]
        return min(found, default=end)

    @staticmethod
    def _rel(s, p, o, rule, ev, role="") -> dict:
        return {"s": s, "p": p, "o": o, "rule": rule, "ev": ev, "role": role}

    # -- holdsPostIn ----------------------------------------------------------
    def _title_before(self, pos: int) -> tuple[str, int]:
        """The post title ending at ``pos`` and where it starts (a modifier such as 代理 included): the
        longest one right after a mention (管委会|主任), else the longest."""
        found = [t for t in self._titles if pos >= len(t) and self.text[pos - len(t):pos] == t]
        title = next((t for t in found if self._org_before(pos - len(t)) is not None), found[0] if found else "")
        if not title:
            return "", pos
        start = pos - len(title)
        prefix = self._prefix_before.search(self.text, max(0, start - 4), start)
        if prefix:
            start = prefix.start()
        return self.text[start:pos], start

    def _org_before(self, pos: int) -> Span | None:
        """The organisation (or district) mention ending at ``pos``, across an infix such as 「分管…的」."""
        org = self.by_end.get(pos)
        if org is None:
            infix = self._post_infix.search(self.text, max(0, pos - 30), pos)
            org = self.by_end.get(infix.start()) if infix else None
        return org if org is not None and org.label_ in ORGS | {"DISTRICT"} else None

    def _chain(self, pos: int) -> list[tuple[str, int, Span | None]]:
        """The titles (with their organisations) written right before ``pos``, left to right:
        「市发改委党组书记、主任」, 「副市长、某区委书记、某开发区党工委书记」; a title in brackets right
        before the name restates the one before it (「管委会主任（区长）某某」)."""
        segments = []
        units = []  # the segments whose title follows a unit of a body named further left in the chain
        bare = False  # the rightmost segment is a role with no organisation of its own
        bracket = re.search(r"[（(]([\u4e00-\u9fff]{1,6})[）)]$", self.text[max(0, pos - 8):pos])
        if bracket and bracket.group(1) in self._titles_set:
            pos -= len(bracket.group())
        while pos > 0 and not segments and self.text[pos - 1] in " \u3000":
            pos -= 1  # 「某公司首席执行官 某某」: a heading's name after a space
        while True:
            title, t_start = self._title_before(pos)
            org = None
            if title:
                org = self._org_before(t_start)
                if org is None:
                    org, t_start, title = self._through_subunit(t_start, title)
            if org is None and not segments:
                title, t_start, org = self._role(pos) or (title, t_start, org)
            elif not title:  # 「某院院士、某集团首席科学家甲」: a job role with its organisation further in the chain
                title, t_start, org = self._role(pos) or (title, t_start, org)
            if not title and not segments:  # 「某医院眼科主任、主任医师甲」: a bare role after a title of the chain
                title, t_start = self._bare_role(pos)
                bare = bool(title)
            if not title:
                break
            if org is None and self._core_title(title) in self._implied and self.text[max(0, t_start - 2):t_start] == "政府":
                t_start -= 2  # 「政府旗长」: the government named before the title it implies
            unit_start = self._chain_unit_before(t_start) if org is None and title else None
            if unit_start is not None:  # 「某部总农艺师、某司司长」: a unit of the body named earlier in the chain
                units.append(len(segments))
                title, t_start = self.text[unit_start:t_start] + title, unit_start
            segments.append((title, t_start, org))
            pos = org.start_char if org is not None else t_start
            if pos > 0 and self.text[pos - 1] in "、兼":  # 「某集团董事长兼总裁」: two titles, one body
                pos -= 1
                continue
            break
        if units and not any(org is not None for _, _, org in segments[units[0] + 1:]):
            return []  # a unit's title is held only in a body named further left in the chain
        if bare and len(segments) == 1:
            return []  # a bare role is held only where a title before it in the chain is
        if segments and segments[-1][2] is not None and pos > 1 and self.text[pos - 1] in "，,":
            # 「某委常委、某局局长，某大学法学院教授甲」: a comma between two runs of titles each led by its organisation
            before = self._chain(pos - 1)
            if before and before[0][2] is not None:
                return before + segments[::-1]
        return segments[::-1]

    def _chain_unit_before(self, t_start: int) -> int | None:
        """Where the unit (``post_chain_unit``, no level before it) written between 、 and the title at ``t_start``
        starts (「某部总农艺师、|种植业管理司|司长」); else None."""
        for start in range(t_start - 2, max(0, t_start - 24) - 1, -1):
            if self.text[start - 1:start] == "、" and self._chain_unit.fullmatch(self.text, start, t_start):
                return None if self._chain_unit_not.match(self.text[start:t_start]) else start
        return None

    def _bare_role(self, pos: int) -> tuple[str, int]:
        """A job role (``post_roles``, with the characters of its field) ending at ``pos`` right after 、, with no
        organisation of its own (「…眼科主任、|主任医师|甲」), and where it starts; else ("", pos)."""
        m = self._role_before.search(self.text, max(0, pos - 6), pos)
        if m is None or m.end() != pos:
            return "", pos
        modifier = self._role_modifier.search(self.text, max(0, m.start() - 8), m.start())
        start = modifier.start() if modifier else m.start()
        if start == 0 or self.text[start - 1] != "、" or self._acts(self.text[start:m.start()]):
            return "", pos
        return self.text[start:pos], start

    def _joined_by(self, ents, label: str, verb: re.Pattern):
        """(a, b) for each mention ``a`` labelled ``label`` that ``verb`` follows, with the mention ``b`` right
        after the verb (「甲创办的乙」, 「甲联合乙」)."""
        starts = {x.start_char: x for x in ents}
        for a in ents:
            m = verb.match(self.text, a.end_char) if a.label_ == label else None
            b = starts.get(m.end()) if m else None
            if b is not None:
                yield a, b

    def _founders(self, ents) -> list[dict]:
        """「某某创办的某公司」「某某创立了某公司」: the person founded the enterprise (holdsPostIn, role 创始人)."""
        out = []
        for person, company in self._joined_by(ents, "PERSON", self._founded):
            if company.label_ == "ENTERPRISE":
                out.append(self._rel(_m(person), "holdsPostIn", _m(company), "founded",
                                     (person.start_char, company.end_char), self._founded_role))
        return out

    def _through_subunit(self, t_start: int, title: str) -> tuple[Span | None, int, str]:
        """The body of a title written after a sub-unit of it (「某银行研究局|局长」: the bank, role 研究局局长), or
        after 「公司」 standing for the company the text named last (「公司综合管理部部长」); else no body."""
        for unit_start in range(t_start, max(0, t_start - 12) - 1, -1):
            unit = self.text[unit_start:t_start]
            if unit and not self._post_subunit.fullmatch(unit):
                continue
            org = self._org_before(unit_start) if unit else None
            if org is None:
                org = self._company_named_last(unit_start)
            if org is None and self._core_title(title) not in self._implied:
                org = self._scene_org(unit_start)
            if org is not None:
                return org, unit_start, unit + title
        return self._through_field(t_start, title)

    def _through_field(self, t_start: int, title: str) -> tuple[Span | None, int, str]:
        """「某公司算力网络调度平台|产品经理」「某集团政府事务|总经理」: a title after the words of a unit or field that
        no sub-unit ending closes (``post_field_chars`` at most, no verb, no name: 「某能源南京区域负责人」) is held in the
        organisation right before."""
        if self._core_title(title) in self._implied:
            return None, t_start, title
        for unit_start in range(t_start - 1, max(0, t_start - self._field_chars) - 1, -1):
            unit = self.text[unit_start:t_start]
            if not self._field.fullmatch(unit):
                break
            org = self.by_end.get(unit_start)
            if org is not None and org.label_ in ORGS and not self._acts(unit) and not self._names_in(unit_start, t_start):
                return org, unit_start, unit + title
        return None, t_start, title

    def _scene_org(self, pos: int) -> Span | None:
        """The organisation of a clause ending with the comma right before ``pos`` that is that organisation alone,
        or it and a site (「某公司展厅里，|总经理某某」, ``scene_org_site``), 在 leading it or not."""
        if pos < 2 or self.text[pos - 1] != "，":
            return None
        start = max(self.text.rfind(c, 0, pos - 1) for c in "，。！？；：\n") + 1
        if self.text.startswith("在", start):
            start += 1
        org = self.orgs_at.get(start)
        if org is None or org.label_ not in ORGS or not self._scene_site.fullmatch(self.text, org.end_char, pos - 1):
            return None
        return org

    def _role(self, pos: int) -> tuple[str, int, Span] | None:
        """A job role ending at ``pos`` (``post_roles``) with the organisation written before it: right before,
        before a sub-unit (「某集团研发中心开发部|经理」), or before a few characters of its field (「某公司|运营|总监」)."""
        body_role = self._body_role_before.search(self.text, max(0, pos - 2), pos)
        if body_role is not None:  # 「某省人大|代表|某某」: a role held only in a body of its kind, named right before
            org = self.by_end.get(body_role.start())
            if org is not None and org.label_ == "AGENCY" and self._body_roles[body_role.group()].search(span_text(org)):
                return body_role.group(), body_role.start(), org
        m = self._role_before.search(self.text, max(0, pos - 6), pos)
        if m is None:
            return self._occupation(pos)
        modifier = self._role_modifier.search(self.text, max(0, m.start() - 8), m.start())
        for start in range(m.start(), (modifier.start() if modifier else m.start()) - 1, -1):
            org = self._org_before(start)
            if org is None and start == m.start():
                org, start, _ = self._through_subunit(start, "")
            elif org is None:
                org = self._company_named_last(start)  # 「公司首席设计师某某」: the company named last
            if org is not None and org.label_ in ORGS:
                if self._acts(self.text[start:m.start()]) and not self._unit_name(self.text[start:m.start()]):
                    return None  # 「某公司看望院士某某」: what the organisation did to someone, not a post
                return self.text[start:pos], start, org
        return None

    def _occupation(self, pos: int) -> tuple[str, int, Span] | None:
        """An occupation (``occupation_roles``: 「民警」「果树专家」「网约车司机」) ending at ``pos``, the organisation
        written right before it (no sub-unit, no anaphor), no verb and no name between: the role held there."""
        m = self._occupation_before.search(self.text, max(0, pos - 2), pos)
        if m is None or self._occupation_not.search(self.text, max(0, pos - 2), pos):
            return None
        unit = self._occupation_unit(m.start(), pos)
        if unit is not None:
            return unit
        modifier = self._role_modifier.search(self.text, max(0, m.start() - 8), m.start())
        for start in range(m.start() - (len(m.group()) == 1), (modifier.start() if modifier else m.start()) - 1, -1):
            org = self.by_end.get(start)  # (a one-character ending is no occupation by itself: 某院|员)
            if org is not None and org.label_ in ORGS:
                # a verb in the field, also read with the occupation (演|员 is no verb: 演员 is a noun)
                if self._acts(self.text[start:m.start()]) and self._acts(self.text[start:pos]) or self._names_in(start, pos):
                    return None
                return self.text[start:pos], start, org
        return None

    def _occupation_unit(self, start: int, pos: int) -> tuple[str, int, Span] | None:
        """「某委员会某某标准工作组|组长」「某指挥部某某项目组|副组长」: the head of a unit (``unit_heads``, 副 before it or
        not) written after the unit (``post_subunit``) that follows its organisation: held there, the unit in the role."""
        if not self._unit_head.fullmatch(self.text, start, pos):
            return None
        if self.text[start - 1:start] == "副":
            start -= 1
        for unit_start in range(start - 2, max(0, start - 12) - 1, -1):
            if self._post_subunit.fullmatch(self.text, unit_start, start):
                org = self._org_before(unit_start)
                if org is not None and org.label_ in ORGS:
                    return self.text[unit_start:pos], unit_start, org
        return None

    def _unit_name(self, unit: str) -> bool:
        """A sub-unit's name (``post_subunit``) that opens with no verb, though it may hold one (「耗材招标和集中采购处」,
        not 「看望研究所」)."""
        if not self._post_subunit.fullmatch(unit):
            return False
        first = next(iter(words(unit)), None)
        return first is not None and first[1] != "v"

    def _acts(self, modifier: str) -> bool:
        """Whether the characters between an organisation and a role hold a verb (jieba's tag ``v``)."""
        return any(tag == "v" and word not in self._role_modifier_verbs for word, tag in words(modifier)) \
            if modifier else False

    def _company_named_last(self, pos: int, anaphor: bool = True) -> Span | None:
        """The enterprise 「公司」/「该公司」 ending at ``pos`` stands for (without ``anaphor``: the one the text
        written before ``pos`` is about): the last one named before it, nearby."""
        found = self._company_anaphor.search(self.text, max(0, pos - 3), pos) if anaphor else None
        if anaphor and found is None:
            return None
        at = found.start() if found else pos
        quoted = (-1, -1)  # the quotation closing right before the anaphor: its companies are not the speaker's
        if at > 0 and self.text[at - 1] == "”":
            quoted = (self.text.rfind("“", 0, at - 1), at)
        return next((e for e in reversed(self.ents) if e.end_char <= at and e.label_ == "ENTERPRISE"
                     and at - e.end_char <= self._anaphor_reach
                     and not quoted[0] < e.start_char < quoted[1]), None)

    def _posts(self, doc: Doc) -> list[dict]:
        out = []
        previous = None  # (person, its posts) of the last person given a post in this sentence
        waiting: list[Span] = []  # 「甲同志、乙同志任副总经理」: names listed before the one the titles follow
        self._appointer = None  # the organisation of the last appointment (「甲同志任某集团董事长；乙同志任总经理」)
        for person in self.ents:
            if person.label_ != "PERSON" or person.kb_id_ not in POST_PERSON_RULES:
                continue
            if previous is not None and self._sentence_break(previous[0].end_char, person.start_char):
                previous = None
            if waiting and self.text[waiting[-1].end_char:person.start_char] not in self._joiners:
                waiting = []
            posts = self._chain_posts(person, previous)
            if not posts and previous is not None:
                posts = self._listed_posts(person, previous)
            if not posts:
                posts = self._appointed_posts(person) or self._title_after(person) or self._quote_speaker(person)
            if posts:
                out += posts
                for other in waiting if all(r["rule"] == "post_appointed" for r in posts) else ():
                    out += [self._rel(_m(other), "holdsPostIn", r["o"], "post_list", (other.start_char, r["ev"][1]),
                                      r["role"]) for r in posts]
                waiting = []
                previous = (person, posts)
            elif re.match(r"(?:同志)?[、和及]", self.text[person.end_char:]):
                waiting.append(person)
        return out

    def _organ_posts(self, posts: list[dict]) -> list[dict]:
        """「中共中央政治局常委」: a post in an organ of the party's central committee (``committee_organ``) is held in
        the committee too, the organ in the role (中央政治局常委)."""
        out = []
        for rel in posts:
            o = rel["o"]
            m = self._committee_organ.fullmatch(o[3]) if rel["p"] == "holdsPostIn" else None
            if m is not None:
                body = (o[0], o[0] + m.end("body"), "AGENCY", m["body"], m["body"])
                out.append(self._rel(rel["s"], "holdsPostIn", body, "organ_post", rel["ev"], "中央" + m["organ"] + rel["role"]))
        return out

    def _quote_speaker(self, person: Span) -> list[dict]:
        """「”工艺工程师甲说」: a bare job role (``post_roles``: not a party or government title, 「”某村党总支书记甲说」)
        with the characters of its unit or field, all that stands between a closing quotation and the speaker, is held
        in the enterprise the text named last, nearby and not inside that quotation (the one the reporter visits); a
        name LAC reads in these characters is that company's (「”某猫销售运作总监甲说」 is not)."""
        lead = self._quote_lead.search(self.text, max(0, person.start_char - 14), person.start_char)
        if lead is None or self._acts(lead.group(1)):
            return []
        role = lead.group(1)
        if not self._role_before.search(role):
            return []
        org = self._company_named_last(lead.start() + 1, anaphor=False)
        if org is None or any(name not in span_text(org) for name in self._names_in(lead.start(1), lead.end(1))):
            return []
        return [self._rel(_m(person), "holdsPostIn", _m(org), "quote_speaker", (lead.start(), person.end_char), role)]

    def _names_in(self, start: int, end: int) -> list[str]:
        """The names LAC reads inside ``[start, end)``."""
        lo, hi = bisect.bisect_left(self.word_starts, start), bisect.bisect_left(self.word_starts, end)
        return [self.text[ws:we] for ws, we, tag in self.words[lo:hi] if tag in NAME_WORD_TAGS and we <= end]

    def _sentence_break(self, start: int, end: int) -> bool:
        return any(c in "。！？；\n" for c in self.text[start:end])

    def _chain_posts(self, person: Span, previous) -> list[dict]:
        """Titles before the name; a title with no organisation takes the one written earlier in the
        chain, or that of the post just before in the sentence (「省人大常委会副主任甲主持，副主任乙…」)."""
        out = []
        inherited = None
        segments = self._chain(person.start_char)
        if segments and segments[0][2] is None and previous is not None:
            inherited = next((self._org_of(r) for r in previous[1] if r["rule"] in ("post_chain", "post_list")), None)
        if segments and segments[0][2] is None and inherited is None:
            inherited = self._deputy_of(segments[0][0], segments[0][1])
        for title, t_start, org in segments:
            if org is not None:
                inherited = org
            core = self._core_title(title)
            body, rule = self._body(core, t_start, org or (inherited if core not in self._implied else None))
            if rule == "implied_body" and inherited is not None:
                body = self._implied_in_chain(core, t_start, inherited) or body
            if body is not None:
                ev_start = org.start_char if org is not None else t_start
                out.append(self._rel(_m(person), "holdsPostIn", body, rule, (ev_start, person.end_char), title))
        return out

    def _implied_in_chain(self, title: str, t_start: int, org: Span) -> tuple | None:
        """「黑龙江省委副书记、省长甲」「某市委常委、副市长乙」: the government a title implies is that of the place
        the chain's earlier body is named after when the levels agree (省长: a province), whatever the article's
        home is."""
        juris = self._implied[title][:1]  # 省政府 → 省
        found = self._place_prefix(org) if org.label_ in ORGS else None
        if found is None:
            place = self._unknown_place_of(span_text(org)) if org.label_ in ORGS else ""
            return (t_start, t_start + len(title), "AGENCY", place + "人民政府", "") if place.endswith(juris) else None
        place = self.lex.divisions[found[2]].name
        if not place.endswith(juris) or self.lex.divisions[found[2]].level == "zone":
            return None
        return (t_start, t_start + len(title), "AGENCY", place + "人民政府", "")

    def _deputy_of(self, title: str, t_start: int) -> Span | None:
        """「受某市人大常委会主任委托，副主任甲主持」: a deputy's title with no organisation takes that of the
        same title written with its organisation earlier in the sentence (主任 → 副主任)."""
        core = self._core_title(title)
        if not core.startswith("副") or core in self._implied:
            return None
        s = max(self.text.rfind(c, 0, t_start) for c in "。！？\n") + 1
        for org in sorted((x for x in self.ents if s <= x.start_char and x.end_char <= t_start and x.label_ in ORGS),
                          key=lambda x: -x.start_char):
            if self.text.startswith(core[1:], org.end_char):
                return org
        return None

    def _org_of(self, rel: dict) -> Span | None:
        return self.by_span.get(tuple(rel["o"][:2]))

    def _listed_posts(self, person: Span, previous) -> list[dict]:
        """「副主任甲、乙、丙」: names listed right after one that holds a shared title hold it too."""
        prev_person, posts = previous
        if self.text[prev_person.end_char:person.start_char] not in ("、", "和", "及", "，", ","):
            return []
        out = []
        for rel in posts:
            if self._shared.search(self._core_title(rel["role"])):
                out.append(self._rel(_m(person), "holdsPostIn", rel["o"], "post_list",
                                     (rel["ev"][0], person.end_char), rel["role"]))
        return out

    def _appointed_posts(self, person: Span) -> list[dict]:
        """「任命甲为某省人民政府副省长」「乙，某公司董事长」: the name first, then the organisation and title."""
        m = self._appointed.match(self.text, person.end_char)
        pos = m.end() if m else person.end_char
        org = self.orgs_at.get(pos)
        if org is None:
            return self._carried_appointment(person, m)
        out = []
        prefix = ""
        while org is not None:
            title = next((t for t in self._titles if self.text.startswith(t, org.end_char)), "")
            if not title:
                break
            body, rule = self._body(self._core_title(title), org.end_char, org)
            if body is not None:
                out.append(self._rel(_m(person), "holdsPostIn", body, "post_appointed",
                                     (person.start_char, org.end_char + len(title)), prefix + title))
            nxt = org.end_char + len(title)
            while self.text.startswith("、", nxt) and nxt + 1 not in self.orgs_at:  # 「某集团党委书记、董事长」
                more = next((t for t in self._titles if self.text.startswith(t, nxt + 1)), "")
                body = self._body(self._core_title(more), nxt + 1, org)[0] if more else None
                if body is None:
                    break
                out.append(self._rel(_m(person), "holdsPostIn", body, "post_appointed",
                                     (person.start_char, nxt + 1 + len(more)), more))
                nxt += 1 + len(more)
            again = re.match(rf"、({self._title_prefix.pattern})?", self.text[nxt:])
            org = self.orgs_at.get(nxt + again.end()) if again else None
            prefix = again.group(1) or "" if again else ""  # 「、代理某省人民政府省长」: the role is 代理省长
        if out and m is not None and not m.group().strip("，,:： \u3000") and self._person_at(out[-1]["ev"][1]):
            return []  # 「记者甲，某局局长乙说」: the titles are 乙's
        if out and m is not None and "任" in m.group():
            self._appointer = self.by_span.get(tuple(out[-1]["o"][:2])) or self._appointer
        return out

    def _carried_appointment(self, person: Span, m) -> list[dict]:
        """「甲同志任某集团董事长；乙同志任董事、总经理」: titles with no organisation after an appointment
        verb are held in the organisation of the appointment just before, in the same sentence."""
        org = self._appointer
        if m is None or "任" not in m.group() or org is None \
                or any(c in "。！？\n" for c in self.text[org.end_char:person.start_char]):
            return []
        out, pos = [], m.end()
        while True:
            title = next((t for t in self._titles if self.text.startswith(t, pos)), "")
            body = self._body(self._core_title(title), pos, org)[0] if title else None
            if body is None or (pos + len(title) < len(self.text) and self.text[pos + len(title)] not in "、，,；;。 "):
                break
            out.append(self._rel(_m(person), "holdsPostIn", body, "post_appointed", (person.start_char, pos + len(title)),
                                 title))
            pos += len(title)
            if not self.text.startswith("、", pos):
                break
            pos += 1
        return out

    def _person_at(self, pos: int) -> bool:
        return any(e.label_ == "PERSON" and e.start_char == pos for e in self.ents)

    def _title_after(self, person: Span) -> list[dict]:
        """「某某总书记」: a title after the name counts when it names its body by itself."""
        title = next((t for t in self._titles if self.text.startswith(t, person.end_char)), "")
        if title not in self._implied or self._implied[title] in ("市政府", "区政府", "省政府", "县政府", "州政府"):
            return []
        body = (person.end_char, person.end_char + len(title), "AGENCY", self._implied[title], "")
        return [self._rel(_m(person), "holdsPostIn", body, "implied_body", (person.start_char, body[1]), title)]

    def _core_title(self, title: str) -> str:
        """代理省长 → 省长."""
        m = self._title_prefix.match(title)
        return title[m.end():] if m and title[m.end():] in self._titles_set else title

    def _body(self, title: str, t_start: int, org: Span | None) -> tuple[tuple | None, str]:
        """The organisation a title is held in: the mention before it (a company's own party committee or
        board: the company), or the body a government title implies."""
        company = self._company_body.match(span_text(org)) if org is not None and org.label_ == "AGENCY" else None
        if company is not None:
            name = company.group("company")
            return (org.start_char, org.start_char + len(name), "ENTERPRISE", name, ""), "post_chain"
        if org is not None and org.label_ in ORGS:
            return _m(org), "post_chain"
        if org is not None and org.label_ == "DISTRICT" and (title in self._implied or self._heads_township(title, org)):
            return (org.start_char, t_start, "AGENCY", span_text(org) + "人民政府", ""), "post_chain"
        if org is None and title in self._implied:
            return (t_start, t_start + len(title), "AGENCY", self._implied[title], ""), "implied_body"
        return None, ""

    def _heads_township(self, title: str, org: Span) -> bool:
        """「某镇|镇长」: the head of the township written right before the title."""
        head = self._township_head.fullmatch(title)
        return head is not None and span_text(org).endswith(head.group("level"))

    def _speaker_orgs(self, posts: list[dict]) -> dict[str, tuple]:
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
                if re.fullmatch(r"的?[《》、和及与\s]{0,3}", gap):  # 「印发的《X》」 too
                    works.append(ent)
                    pos = ent.end_char + (1 if self.text[ent.end_char:ent.end_char + 1] == "》" else 0)
                else:
                    break
            if not works:
                continue
            clause_start = max(self.text.rfind(c, s, v_start) for c in "，；：") + 1 if any(
                self.text.rfind(c, s, v_start) >= 0 for c in "，；：") else s
            subjects = self._subjects(ents, clause_start, v_start)
            if subjects and any(x.label_ != "AGENCY" for x in subjects):
                continue
            if subjects:
                agents = [(_m(x), "issue_verb") for x in subjects]
                agents += [(_m(x), "issue_approved_before") for x in self._approved_before(ents, s, clause_start)]
                we = re.search(r"(我们|我委|我局|我办|我厅|我部)(?:会同|联合|与|和)$",
                               self.text[clause_start:subjects[0].start_char])
                speaker = self._speaker_at(doc, v_start)
                if we and speaker in speaker_org:
                    agents.append((speaker_org[speaker], "issue_verb_speaker"))
                for work in works:
                    for agent, rule in agents:
                        out.append(self._rel(_m(work), "issuedBy", agent, rule, (clause_start, work.end_char)))
                continue
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

    def _title_issuers(self) -> list[dict]:
        """《某省人民政府办公厅关于…的实施意见》, 《中共中央 国务院关于…的意见》: the bodies that open
        a document's title issued it."""
        out = []
        for work in self.ents:
            if work.label_ != "INITIATIVE" or work.kb_id_ != "book_title":
                continue
            head = self._about.search(span_text(work))
            if head is None:
                continue
            pos = work.start_char
            for part in re.split(r"([\s、和]+)", span_text(work)[:head.start()]):
                if part.strip(" 、和") and self._is_agency_name(part):
                    body = (pos, pos + len(part), "AGENCY", part, "")
                    out.append(self._rel(_m(work), "issuedBy", body, "title_issuer", (work.start_char, work.end_char)))
                pos += len(part)
        return out

    def _signed_notice(self) -> list[dict]:
        """A notice's bodies, one a line: those signing after 「…《X》…，现印发给你们…」 and the one heading
        「关于印发《X》的通知」 on the line before. Each issued X."""
        out = []
        for work, m in self._notice_works():
            line_end = self.text.find("\n", m.end())
            for body in self._body_lines(line_end, forward=True) if line_end >= 0 else ():
                out.append(self._rel(_m(work), "issuedBy", _m(body), "signed_notice", (work.start_char, body.end_char)))
        pos = 0
        for line in self.text.split("\n"):
            if self._notice_header.match(line):
                work = next((x for x in self.ents if pos <= x.start_char and x.end_char <= pos + len(line)
                             and x.label_ == "INITIATIVE"), None)
                for body in self._body_lines(pos - 1, forward=False) if work is not None and pos else ():
                    out.append(self._rel(_m(work), "issuedBy", _m(body), "notice_header",
                                         (body.start_char, work.end_char)))
            pos += len(line) + 1
        return out

    def _notice_works(self) -> list[tuple[Span, re.Match]]:
        """The document each 「…，现印发给你们」 hands out: the work 「制定了《X》」 names on its line, else the
        line's first (「《X》已经某政府同意，现印发…」)."""
        out = []
        for m in self._notice_issue.finditer(self.text):
            line_start = self.text.rfind("\n", 0, m.start()) + 1
            works = [x for x in self.ents if line_start <= x.start_char and x.end_char <= m.start()
                     and x.label_ == "INITIATIVE"]
            if works:
                out.append((next((x for x in reversed(works) if self._issued_before.search(self.text, 0, x.start_char)),
                                 works[0]), m))
        return out

    def _responsible_units(self) -> list[dict]:
        """「（责任单位：甲、乙）」 in a notice's document (a work plan): 甲 and 乙 take part in it."""
        notices = self._notice_works()
        if not notices:
            return []
        work = _m(notices[0][0])
        out = []
        orgs = [x for x in self.ents if x.label_ in ORGS]
        for m in self._responsible.finditer(self.text):
            stop = self._next_stop(m.end(), len(self.text), "）)。；\n")
            for x in orgs:
                if m.end() <= x.start_char and x.end_char <= stop:
                    out.append(self._rel(_m(x), "participatesIn", work, "responsible_unit", (m.start(), x.end_char)))
        return out

    def _meeting_passed_works(self) -> list[dict]:
        """「县委副书记、县长甲主持召开某县政府常务会议。…会议原则通过了《X》」: the body whose meeting the
        article reports (the last one named before) issued X."""
        out = []
        meetings = [x for x in self.ents if x.label_ == "AGENCY" and self._meeting_of.match(self.text, x.end_char)]
        if not meetings:
            return out
        works = {x.start_char: x for x in self.ents if x.label_ == "INITIATIVE"}
        for m in self._meeting_passed.finditer(self.text):
            work = works.get(m.end())
            body = next((x for x in reversed(meetings) if x.end_char <= m.start()), None)
            if work is not None and body is not None:
                out.append(self._rel(_m(work), "issuedBy", _m(body), "meeting_passed", (m.start(), work.end_char)))
        return out

    def _body_lines(self, newline: int, forward: bool, limit: int = 30) -> list[Span]:
        """The agencies written one a line (blank lines skipped) after (or before) the line break at
        ``newline``, up to the first line that is not one agency's name: a notice's signatories."""
        out: list[Span] = []
        agencies = {(x.start_char, x.end_char): x for x in self.ents if x.label_ == "AGENCY"}
        lines = self.text[newline + 1:].split("\n") if forward else self.text[:newline].split("\n")[::-1]
        pos = newline + 1 if forward else newline
        for line in lines[:limit]:
            start = pos if forward else pos - len(line)
            pos = pos + len(line) + 1 if forward else pos - len(line) - 1
            core = line.strip()
            if not core:
                continue
            begin = start + line.index(core)
            body = agencies.get((begin, begin + len(core)))
            if body is None:
                break
            out.append(body)
            if not forward:
                break  # a header names one body
        return out

    def _unknown_place_of(self, name: str) -> str:
        """The place a body the gazetteer does not know is named after (青澜市委 → 青澜市): a place-like word
        ending in a division's level, then a known agency core; "" otherwise."""
        body = name[2:] if name.startswith("中共") else name
        for core in self.lex.agency_cores:
            if body.endswith(core):
                m = re.fullmatch(r"[\u4e00-\u9fff]{1,6}[省市县区州旗盟]", body[:-len(core)])
                if m:
                    return m.group()
        return ""

    def _is_agency_name(self, name: str) -> bool:
        if name in self._agency_names:
            return True
        parts = split_agency(name, self.lex)
        if parts.core is not None:
            return bool(parts.jurisdiction or name.startswith(("国务院", "中共", "全国")))
        # a place the gazetteer does not know (某某市人民政府办公厅): a place-like word, then a known core
        return any(name.endswith(core) and re.search(r"[\u4e00-\u9fff]{1,6}[省市县区州旗盟]$", name[:-len(core)])
                   for core in self.lex.agency_cores if len(core) >= 2)

    def _body_title(self, ents) -> list[dict]:
        """「国务院《关于…的指导意见》」: a body written right before a document's title issued it."""
        out = []
        for body, work in zip(ents, ents[1:]):
            if body.label_ == "AGENCY" and work.label_ == "INITIATIVE" and work.kb_id_ == "book_title" \
                    and self.text[body.end_char:work.start_char] == "《":
                out.append(self._rel(_m(work), "issuedBy", _m(body), "body_title", (body.start_char, work.end_char + 1)))
        return out

    def _passive_issued(self, s, e, ents) -> list[dict]:
        """「《X》已由A审议通过」, 「《X》由A、B印发」, 「《X》由A会同B、C制定」: X issuedBy A (and B, C)."""
        out = []
        for i, work in enumerate(ents):
            if work.label_ != "INITIATIVE":
                continue
            after = self.text[work.end_char:e]
            m = re.match(r"》?(?:已|正式|先后)?由", after)
            if not m:
                approved = re.match(r"》?(?:已经|已|经)", after)
                out += self._approved(work, work.end_char + approved.end(), ents[i + 1:]) if approved else []
                continue
            start = work.end_char + m.end()
            chain = []
            for x in ents[i + 1:]:
                gap = self.text[(chain[-1].end_char if chain else start):x.start_char]
                if x.label_ == "AGENCY" and gap in ("", "、", "和", "与", "及", "会同", "联合", "以及"):
                    chain.append(x)
                else:
                    break
            if chain and self._issue.match(self.text, chain[-1].end_char) or chain and re.match(
                    rf"(?:{self.lex.patterns['relations']['issue_verbs']})", self.text[chain[-1].end_char:].lstrip("审议")):
                for agent in chain:
                    out.append(self._rel(_m(work), "issuedBy", _m(agent), "issue_passive", (work.start_char, chain[-1].end_char)))
        return out

    def _approved_before(self, ents, s: int, clause_start: int) -> list[Span]:
        """「经国务院同意，某部印发《X》」: the bodies of a clause 「经A(、B)同意」 right before the issuing clause approved
        what it issues (issuedBy them too)."""
        if clause_start <= s or self.text[clause_start - 1] != "，":
            return []
        start = max([self.text.rfind(c, s, clause_start - 1) for c in "，；："] + [s - 1]) + 1
        if not self.text.startswith("经", start):
            return []
        chain, pos = [], start + 1
        for x in ents:
            if x.start_char < pos:
                continue
            if x.label_ != "AGENCY" or self.text[pos:x.start_char] not in (("",) if not chain else ("、", "和", "及")):
                break
            chain.append(x)
            pos = x.end_char
        approve = self._approve.match(self.text, pos) if chain else None
        return chain if approve is not None and approve.end() == clause_start - 1 else []

    def _approved(self, work: Span, start: int, after: list[Span]) -> list[dict]:
        """「《X》已经省政府同意」: the bodies that approved X issued it."""
        chain, pos = [], start
        for x in after:
            if x.label_ != "AGENCY" or self.text[pos:x.start_char] not in (("",) if not chain else ("、", "和", "及")):
                break
            chain.append(x)
            pos = x.end_char
        if not chain or not self._approve.match(self.text, pos):
            return []
        return [self._rel(_m(work), "issuedBy", _m(x), "issue_approved", (work.start_char, pos)) for x in chain]

    def _subjects(self, ents, clause_start: int, verb_start: int) -> list[Span]:
        """The mention right before a verb (adverbs allowed), with any joined to it by 、/和/与."""
        before = [x for x in ents if clause_start <= x.start_char and x.end_char <= verb_start]
        if not before:
            return []
        gap = self._subject_date.sub("", self.text[before[-1].end_char:verb_start])  # 「某部5日对外公布」
        if not re.fullmatch(r"[\u4e00-\u9fff]{0,6}", gap):
            return []
        chain = [before[-1]]
        for x in reversed(before[:-1]):
            if self.text[x.end_char:chain[0].start_char] in ("、", "和", "与", "及", "以及", "会同", "联合"):
                chain.insert(0, x)
            else:
                break
        return chain

    # -- partOf ---------------------------------------------------------------
    def _initiative_index(self) -> dict[str, Span]:
        index = {}
        for ent in self.ents:
            if ent.label_ == "INITIATIVE" and len(span_text(ent)) >= 6:
                index[normalise_title(span_text(ent))] = ent
        return index

    def _short_ref(self, item: str, start: int, index: dict[str, Span]) -> tuple | None:
        key = normalise_title(item.split("的")[-1])
        if len(key) < 4:
            return None
        for full, ent in index.items():
            if full.endswith(key):
                off = self.text.find(item.split("的")[-1].strip("“”《》"), start)
                return (off, off + len(key), "INITIATIVE", span_text(ent), ent.id_) if off >= 0 else None
        return None

    def _bracket_parts(self, ents) -> list[dict]:
        """「“一节两会”（甲节、乙会、丙会）」: the names listed in brackets right after a collective name are its
        parts (each item of the list that is a name, at least two)."""
        out = []
        for whole in ents:
            if whole.label_ != "INITIATIVE":
                continue
            opening = re.match(r"[”\"》]?\s*[（(]", self.text[whole.end_char:whole.end_char + 4])
            closing = re.match(r"[^（()），。；：]{4,150}[）)]", self.text[whole.end_char + opening.end():]) if opening else None
            if closing is None:
                continue
            pos, parts = whole.end_char + opening.end(), []
            for item in re.split(r"(、|和|及)", closing.group()[:-1]):
                bounds = (pos + len(item) - len(item.lstrip()), pos + len(item.rstrip()))
                part = next((x for x in ents if (x.start_char, x.end_char) == bounds and x.label_ == "INITIATIVE"), None)
                if part is not None:
                    parts.append(part)
                pos += len(item)
            if len(parts) >= 2:
                out += [self._rel(_m(x), "partOf", _m(whole), "bracket_parts", (whole.start_char, pos + 1)) for x in parts]
        return out

    def _part_of_rules(self, s, e, ents) -> list[dict]:
        out = self._bracket_parts(ents)
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
    def _name_prefix(self) -> tuple[list[dict], list[tuple]]:
        """A place that begins another name: the jurisdiction of a body is a mention of that place
        (宁安县委 names 宁安县); a zone, project, enterprise or hospital (``sited_agency``) is ``locatedIn`` it
        when the text says so: the place is a county or zone, or the article names it on its own too (江苏|远航集团
        in an article about 江苏). A brand that starts with a city (宁德|时代) says nothing alone."""
        out, nested = [], []
        named = {e.id_ for e in self.ents if e.label_ == "DISTRICT" and e.id_ in self.lex.divisions}
        for ent in self.ents:
            if ent.label_ not in ("DISTRICT", "INITIATIVE", "ENTERPRISE", "AGENCY") or ent.kb_id_ in ("", "kg_gazetteer") \
                    and ent.label_ != "ENTERPRISE":
                continue  # a known company (深圳数据交易所) is placed like any other: by a place the article names
            if ent.label_ == "DISTRICT" and ent.id_ in self.lex.divisions or ent.kb_id_ == "book_title" \
                    and ent.label_ != "INITIATIVE":
                continue
            run = self._run_head(ent) if ent.label_ == "DISTRICT" else None
            if run is not None:  # 「湖北武汉|东湖新技术开发区」: the zone in the last place, each place in the one before
                places, k = run
                nested.append((ent.start_char + k, ent.end_char, "DISTRICT", span_text(ent)[k:], ""))  # its own name too
                ev = (ent.start_char, ent.end_char)
                out.append(self._rel(_m(ent), "locatedIn", places[-1], "place_run", ev))
                out += [self._rel(inner, "locatedIn", outer, "place_run", ev)
                        for outer, inner in zip(places, places[1:])]
                continue
            # 「中欧班列（宁州）」, and a zone's 「中国（宁州）自贸试验区」 (not its area's: 「…某某片区」 lies in 某某)
            bracket = self._bracket_place_of(ent, named) if ent.label_ == "INITIATIVE" or ent.label_ == "DISTRICT" \
                and ent.kb_id_ == "bracketed_zone" and not span_text(ent).endswith("片区") else None
            if bracket is not None:  # 「中欧班列（宁州）」
                out.append(self._rel(_m(ent), "locatedIn", bracket, "name_prefix", (ent.start_char, ent.end_char)))
            found = self._place_prefix(ent)
            if found is None:
                named_zone = self._zone_of_named_place(ent) if ent.label_ == "DISTRICT" else None
                if named_zone is not None:
                    out.append(self._rel(_m(ent), "locatedIn", named_zone, "named_zone", (ent.start_char, ent.end_char)))
                branch = self._branch_place(ent, named) if ent.label_ == "ENTERPRISE" else None
                if branch is not None:
                    out.append(self._rel(_m(ent), "locatedIn", branch, "branch_place", (ent.start_char, ent.end_char)))
                short = self._short_named_place(ent, named) if named_zone is None and branch is None \
                    and ent.label_ != "AGENCY" else None
                if short is not None:
                    out.append(self._rel(_m(ent), "locatedIn", short, "short_place_prefix", (ent.start_char, ent.end_char)))
                continue
            i, k, key = found
            if self._same_place.fullmatch(span_text(ent), k):
                continue  # 某省地区 is the province
            div = self.lex.divisions[key]
            place = (ent.start_char + i, ent.start_char + k, "DISTRICT", span_text(ent)[i:k], key)
            if ent.label_ == "AGENCY":
                sited = self._sited_agency.search(span_text(ent)) is not None
                if sited or span_text(ent)[i:k] == div.name:  # 宁州大学, 宁州海关: a short name opening a body's name
                    nested.append(place)  # a body's jurisdiction is a place the text names
                if not sited or self._place_follows(span_text(ent), k):
                    continue  # a government body: its place is a jurisdiction, not a location (a hospital's is)
            group = self._group_subsidiary.search(span_text(ent), k) if ent.label_ == "ENTERPRISE" else None
            if group is not None:  # 某省远航集团|新能源公司: the group's place, not its company's (宁州分公司: in 宁州)
                branch = self._branch_place(ent, named, group.start() + 2)
                if branch is not None:
                    out.append(self._rel(_m(ent), "locatedIn", branch, "branch_place", (ent.start_char, ent.end_char)))
                continue
            if ent.kb_id_ == "book_title" and not self._placed_statute.search(span_text(ent)) \
                    and not (div.level == "county" and key in named):
                continue  # 《云溪县…振兴计划》 lies in the county the article names; a city's or province's plans stay unplaced
            zone = ent.label_ == "DISTRICT" and re.search(rf"(?:{self._zone_suffix.pattern})$", span_text(ent))
            inner = self._inner_place(ent, k, key) if zone else None  # 黑龙江|呼兰|经济开发区: in 呼兰区
            if inner is not None and (inner[4] in named or self.lex.divisions[inner[4]].level in ("county", "zone")):
                out.append(self._rel(_m(ent), "locatedIn", inner, "name_prefix", (ent.start_char, ent.end_char)))
            inner = self._inner_place(ent, k, key, short=True) if ent.label_ in ("ENTERPRISE", "INITIATIVE") else None
            inner = inner if inner is not None and inner[4] in named else None
            if inner is not None:  # 某省|宁州|今日食品有限公司: in 宁州 too, the run's innermost place
                out.append(self._rel(_m(ent), "locatedIn", inner, "name_prefix", (ent.start_char, ent.end_char)))
            if div.level in ("province", "prefecture") and key not in named:
                branch = self._branch_place(ent, named, k) if ent.label_ == "ENTERPRISE" and inner is None else None
                if branch is not None:  # 远航大学|宁州|研究院: the branch's place, not the parent's
                    out.append(self._rel(_m(ent), "locatedIn", branch, "branch_place", (ent.start_char, ent.end_char)))
                continue  # 上海数据交易所 ⊂ 上海市 is world knowledge, not what the text states
            out.append(self._rel(_m(ent), "locatedIn", place, "name_prefix", (ent.start_char, ent.end_char)))
        placed = {rel["s"][:2] for rel in out}
        for ent in self.ents:  # the zones none of the above placed (the divisions table's, 「杭州|经济技术开发区」)
            wider = self._zone_named_after(ent, named) if ent.label_ == "DISTRICT" and \
                (ent.start_char, ent.end_char) not in placed else None
            if wider is not None:
                out.append(self._rel(_m(ent), "locatedIn", wider, "zone_named_after", (ent.start_char, ent.end_char)))
        return out, nested

    def _country_prefix(self) -> list[dict]:
        """「越南某某集团」「沙特某某医疗集团」: a company whose name opens with a foreign country the article names on its
        own lies in it (training gold 3 of 3, 2 more optional). The country is the longest the name opens with (印度尼西亚,
        not 印度); a world region (东亚) and a pair of China and a country (中非, 中欧) place nothing."""
        named = {}
        for e in self.ents:
            if e.label_ == "DISTRICT" and span_text(e) in self.lex.countries:
                named.setdefault(span_text(e), e)
        out = []
        if not named:
            return out
        for ent in self.ents:
            name = span_text(ent) if ent.label_ == "ENTERPRISE" else ""
            head = next((name[:k] for k in range(min(self._country_length, len(name) - 2), 1, -1)
                         if name[:k] in self.lex.countries), "")
            if head not in named or head in self.lex.regions or head.startswith("中"):
                continue
            out.append(self._rel(_m(ent), "locatedIn", _m(named[head]), "country_prefix", (ent.start_char, ent.end_char)))
        return out

    def _local_place_prefix(self) -> list[dict]:
        """「某镇某某种植基地」「某镇某某专业合作社」「某村某某农场」: a name that opens with a township or a village (below
        the divisions table) the article names on its own lies in it (GUIDELINES: a place prefix on a name whose place
        is annotated on its own). A division's place prefix is ``_name_prefix``'s."""
        local = {}
        for e in self.ents:
            name = span_text(e)
            if e.label_ == "DISTRICT" and e.id_ not in self.lex.divisions and e.kb_id_ != "book_title" \
                    and (self._township_name.fullmatch(name) or self._village_name.fullmatch(name)) \
                    and not name.endswith(self._local_place_not):
                local.setdefault(name, e)
        out = []
        if not local:
            return out
        longest = max(map(len, local))
        for ent in self.ents:
            name = span_text(ent)
            if ent.kb_id_ == "book_title" or not (ent.label_ in ("ENTERPRISE", "INITIATIVE") or ent.label_ == "DISTRICT"
                                                   and ent.id_ not in self.lex.divisions
                                                   or ent.label_ == "AGENCY" and self._sited_agency.search(name)):
                continue
            place = next((local[name[:k]] for k in range(min(longest, len(name) - 2), 2, -1) if name[:k] in local), None)
            if place is not None and place is not ent:
                out.append(self._rel(_m(ent), "locatedIn", _m(place), "local_place_prefix", (ent.start_char, ent.end_char)))
        return out

    def _run_head(self, ent: Span) -> tuple[list[tuple], int] | None:
        """「湖北武汉|东湖新技术开发区」「某县|某某景区」「哈密|某某湖镇」: a place of its own name (no known division)
        written after the known places that hold it (``Lexicon.place_run``, each inside the one before): those
        places (mentions) and where its own name starts, the longest such run first. A kind of place alone after
        the run (「某省某市|经济技术开发区」: ``generic_place``, a zone word) is named after the run's last place, which
        it lies in (own name 「某市经济技术开发区」); None when the name is one place and a kind of place, or no run opens
        it. A zone of that kind with a name of its own after it (「某省某市|经济技术开发区某某产业园」) is named after the
        last place too and lies in the zone named after it (「某市经济技术开发区」, the run's last place then).
        What follows the places is no place, nor a piece of one (「某市|区」), nor shorter than three characters.
        A county's short name alone (「长安|某某街区」) is often the name's own word: a lone place written short is a
        province or a prefecture."""
        name = span_text(ent)
        for k in range(len(name) - 2, 1, -1):
            rest = name[k:]
            if rest[0] in self._level_chars or self.lex.is_place(rest) or self.lex.is_place_run(rest):
                continue
            kind = self._zone_suffix.fullmatch(rest) or rest in self._zone_words \
                or self._generic_place is not None and self._generic_place.fullmatch(rest)
            if len(rest) < 3 and not kind:
                continue
            head = name[:k]
            pieces = (head,) if self.lex.is_place(head) else self.lex.place_run(head)
            keys = self._run_keys(pieces) if pieces else None
            if keys is None:
                continue
            places, at = [], ent.start_char
            for piece, key in zip(pieces, keys):
                places.append((at, at + len(piece), "DISTRICT", piece, key))
                at += len(piece)
            if kind:  # 「某省|某市经济技术开发区」: in the place it is named after
                return (places, places[-1][0] - ent.start_char) if len(places) > 1 else None
            inner = self._zone_kind.match(rest) if self._zone_kind is not None else None
            if inner is not None and len(rest) - inner.end() >= 3:  # 「某省|某市经济技术开发区某某产业园」
                if len(places) < 2:
                    return None
                last = places[-1]  # the zone named after the last place holds the name, which is named after it too
                zone = name[last[0] - ent.start_char:k + inner.end()]
                places.append((last[0], ent.start_char + k + inner.end(), "DISTRICT", zone,
                               next(iter(self.lex.place_keys(zone)), "")))
                return places, last[0] - ent.start_char
            return places, k
        return None

    def _run_keys(self, pieces: tuple[str, ...]) -> list[str] | None:
        """The division key of each place of a run, each inside the one before (the first one plausible in this
        article, the article's own first), or None."""
        keys = [x for x in self.lex.place_keys(pieces[0]) if self.lex.plausible(x, self.text, self.home)]
        if not keys:
            return None
        first = next((x for x in keys if self.lex.divisions[x].parent == self.home), keys[0])
        div = self.lex.divisions[first]
        if len(pieces) == 1 and div.name != pieces[0] and div.level not in ("province", "prefecture"):
            return None
        out = [first]
        for piece in pieces[1:]:
            inner = [x for x in self.lex.place_keys(piece) if self.lex.within(x, out[-1], depth=3)]
            if not inner:
                return None
            out.append(inner[0])
        return out

    def _place_follows(self, name: str, k: int) -> bool:
        """Another place follows the place ``name`` starts with (「湖南省|湘潭市中心医院」: the name read with the
        province before it; the hospital's own name starts at the second place)."""
        return any(self.lex.place_keys(name[k:j]) for j in range(k + 2, min(len(name), k + 8) + 1))

    def _zone_named_after(self, ent: Span, named: set[str]) -> tuple | None:
        """「某市经济技术开发区」「某省某某高新区」: a zone whose name starts with a province or prefecture the article
        names on its own lies in it (GUIDELINES: a place prefix on a name whose place is annotated on its own), the
        divisions table's zones too. Not a county's short name (江北新区 is not in a 江北区)."""
        name = span_text(ent)
        if not re.search(rf"(?:{self._zone_suffix.pattern})$", name):
            return None
        for k in range(min(len(name) - 2, 8), 1, -1):
            keys = [x for x in self.lex.place_keys(name[:k]) if x in named and x != ent.id_
                    and self.lex.divisions[x].level in ("province", "prefecture")]
            if keys:
                return (ent.start_char, ent.start_char + k, "DISTRICT", name[:k], keys[0])
        return None

    def _branch_place(self, ent: Span, named: set[str], start: int = 2) -> tuple | None:
        """「某银行某市分行」, 「某电网某省电力公司」: a company whose name holds, after its parent's, a place the
        article names on its own too is located there (the longest such place, first from the left, from
        ``start``: after the place a parent's name opens with, 「某州大学|宁州|研究院」)."""
        name = span_text(ent)
        for i in range(start, len(name) - 2):
            for k in range(min(len(name) - 2, i + 8), i + 1, -1):
                keys = [x for x in self.lex.place_keys(name[i:k]) if x in named]
                if keys:
                    return (ent.start_char + i, ent.start_char + k, "DISTRICT", name[i:k], keys[0])
        return None

    def _bracket_place_of(self, ent: Span, named: set[str]) -> tuple | None:
        """「中欧班列（宁州）」「某某（某省·宁州）数据中心」: the place written in brackets inside a name (the last of a
        run joined by ·), when the article names it on its own."""
        for m in self._bracket_place.finditer(span_text(ent)):
            at, last = m.start(1), None
            for piece in m.group(1).split("·"):
                keys = [x for x in self.lex.place_keys(piece) if x in named]
                if keys:
                    last = (ent.start_char + at, ent.start_char + at + len(piece), "DISTRICT", piece, keys[0])
                at += len(piece) + 1
            if last is not None:
                return last
        return None

    def _short_named_place(self, ent: Span, named: set[str]) -> tuple | None:
        """「某某兴达旅游用品有限公司」「某某咖啡文化园」 in an article that names 某某县 (旗, 区, 市) on its own: a name that
        starts with the short name of a county or city the article names in full lies in it (the place name's own
        words: the short name alone is in no table, as two characters say too little without the full name)."""
        name = span_text(ent)
        for k in range(min(len(name) - 2, 6), 1, -1):
            if self._zone_suffix.fullmatch(name[k:]):
                continue  # 「某某经济开发区」: _zone_of_named_place's
            for level in self._place_levels:
                if name[:k] + level not in self.text:
                    continue  # the article writes this place out in full (not 云溪区 for an article's 云溪县)
                keys = [x for x in self.lex.place_keys(name[:k] + level) if x in named
                        and self.lex.divisions[x].level in ("county", "prefecture")]
                if keys:
                    return (ent.start_char, ent.start_char + k, "DISTRICT", name[:k] + level, keys[0])
        return None

    def _zone_of_named_place(self, ent: Span) -> tuple | None:
        """「某某经济开发区」 in an article that writes 某某旗 (县, 区, 市) out in full: a zone named as the place
        plus a zone word lies in that place (the article's own words decide which place it is)."""
        name = span_text(ent)
        for k in range(min(len(name) - 1, 8), 1, -1):
            if not self._zone_suffix.fullmatch(name[k:]):
                continue
            for level in self._place_levels:
                full = name[:k] + level
                keys = [x for x in self.lex.place_keys(full) if self.lex.divisions[x].level != "zone"]
                if keys and full in self.text:
                    return (ent.start_char, ent.start_char + k, "DISTRICT", full, keys[0])
        return None

    def _inner_place(self, ent: Span, k: int, outer: str, short: bool = False) -> tuple | None:
        """The division inside ``outer`` whose short name follows it at ``k`` in ``ent``'s name (``short``: a
        county's short name too, 某市|云溪|…: the outer place makes it one)."""
        name = span_text(ent)
        for j in range(min(len(name) - 1, k + 8), k + 1, -1):
            found = self.lex.place_keys(name[k:j]) or (self.lex.short_names.get(name[k:j], ()) if short else ())
            keys = [x for x in found if self.lex.within(x, outer, depth=3)]
            if keys and not self._zone_suffix.fullmatch(name[j:]):
                return (ent.start_char + k, ent.start_char + j, "DISTRICT", name[k:j], keys[0])
        return None

    def _place_prefix(self, ent: Span) -> tuple[int, int, str] | None:
        """(start, end, division key) of the place a name starts with (after 中共), if any."""
        name = span_text(ent)
        skip = 2 if ent.label_ == "AGENCY" and name.startswith("中共") else 0
        for k in range(min(len(name) - 1, 8 + skip), 1 + skip, -1):
            keys = self.lex.place_keys(name[skip:k])
            if not keys:
                continue
            keys = [x for x in keys if self.lex.plausible(x, self.text, self.home)]
            if not keys or self._zone_suffix.fullmatch(name[k:]):
                return None  # 江北新区 is named after 江北, not located in a 江北区 elsewhere
            key = next((x for x in keys if self.lex.divisions[x].parent == self.home), keys[0])
            return skip, k, key
        return None

    def _located(self, s, e, ents) -> list[dict]:
        """「会议在宁州举行」「项目落户某园区」「某中心作为某工业园的核心项目」: X locatedIn the place."""
        out = []
        places = {x.start_char: x for x in ents if x.label_ == "DISTRICT"}
        for x in ents:
            if x.label_ not in ("INITIATIVE", "ENTERPRISE", "DISTRICT"):
                continue
            pos = x.end_char + (1 if self.text[x.end_char:x.end_char + 2] in ("项目", "工程") else 0) * 2
            listed = self._listed_in(x, ents, places, s)
            if listed:
                out += listed
                continue
            group = self._group_after.match(self.text, pos)
            if group is not None and x.label_ == "ENTERPRISE":  # 「甲、乙、丙等企业落户某区」: each of them
                sited = self._sited.match(self.text, group.end())
                place = places.get(sited.end()) if sited else None
                if place is not None:
                    for who in self._joined_before(x, ents) + [x]:
                        out.append(self._rel(_m(who), "locatedIn", _m(place), "sited_in",
                                             (who.start_char, place.end_char)))
                continue
            held = self._held_in.match(self.text, pos)
            place = places.get(held.end()) if held else None
            if place is not None and self._held_verbs.match(self.text, place.end_char):
                out.append(self._rel(_m(x), "locatedIn", _m(place), "held_in", (x.start_char, place.end_char + 2)))
                continue
            sited = self._sited.match(self.text, self._listed_projects_end(x, pos, ents))
            place = places.get(sited.end()) if sited else None
            if place is None:
                role = self._part_of_place.match(self.text, pos)
                place = places.get(role.end()) if role else None
                if place is None or not re.match(r"的[^，。；]{0,6}(?:项目|工程|基地)", self.text[place.end_char:]):
                    continue
            if place is not x:
                out.append(self._rel(_m(x), "locatedIn", _m(place), "sited_in", (x.start_char, place.end_char)))
        out += self._held_at(s, ents, places)
        out += self._scene_opener(s, e, ents, places)
        out += self._sited_before_name(s, e, ents, places)
        out += self._place_implements(s, e, ents)
        out += self._spread_projects(s, e, ents, places)
        out += self._nested_places(ents)
        out += self._place_of_name(s, ents)
        out += self._place_before_name(ents)
        return out

    def _place_before_name(self, ents) -> list[dict]:
        """「某省某市某县|某某食品有限公司」「某市|某某花卉市场」「某县某镇|某某村卫生室」: a company, a programme (no
        policy document, national programme or gazetteer name) or a hospital (``sited_agency``) written right after a
        place, nothing between, lies in that place, the run's last and narrowest. Not after a country (「中国|某某」
        opens many a national name: ``_country_prefix`` places companies of a foreign country the article names), and not
        a name that opens with a place of its own (``_name_prefix``'s)."""
        out = []
        for place, x in zip(ents, ents[1:]):
            if place.label_ != "DISTRICT" or x.start_char != place.end_char or place.kb_id_ == "book_title" \
                    or span_text(place) in self.lex.countries or x.kb_id_ == "kg_gazetteer":
                continue  # (a gazetteer's company is a national one, 「某市|中国某某银行」: not the place's)
            if x.label_ == "ENTERPRISE" or x.label_ == "AGENCY" and self._sited_agency.search(span_text(x)) \
                    or x.label_ == "INITIATIVE" and x.kb_id_ not in ("book_title", "kg_gazetteer") \
                    and not self._national_programme.search(span_text(x)) and not span_text(x).startswith("“"):
                # (a quoted programme, 「某市|“某某五”规划」「某市|“某某一路”」, names no place of its own: one node across
                # articles, it would be placed in every place written before it)
                if self._place_prefix(x) is not None:
                    continue  # 「某省|某市第一人民医院」「某市|某县某某有限公司」: its name's own place places it (name_prefix)
                out.append(self._rel(_m(x), "locatedIn", _m(place), "place_before_name", (place.start_char, x.end_char)))
        return out

    def _place_of_name(self, s: int, ents) -> list[dict]:
        """「在某市某县的某某有限公司」「某区的某某服务区」: a company, programme or zone (not a division, which has its
        own parent; no policy document) written right after a place and 的 lies in that place, the run's last
        (training gold: company 13 of 13, zone 6 of 6, programme 3 of 3). After a siting verb (「位于某县的X」) it is
        ``_sited_before_name``'s."""
        out = []
        for place, x in zip(ents, ents[1:]):
            if place.label_ != "DISTRICT" or x.start_char != place.end_char + 1 or self.text[place.end_char] != "的" \
                    or x.label_ not in ("ENTERPRISE", "INITIATIVE", "DISTRICT") or x.kb_id_ == "book_title" \
                    or x.label_ == "DISTRICT" and (x.id_ in self.lex.divisions or span_text(x) in self.lex.countries):
                continue
            start = place.start_char
            while start in self.by_end and self.by_end[start].label_ == "DISTRICT":  # the run's first place
                start = self.by_end[start].start_char
            if self._sited_before.search(self.text[max(s, start - 4):start]):
                continue
            out.append(self._rel(_m(x), "locatedIn", _m(place), "place_of", (place.start_char, x.end_char)))
        return out

    def _scene_opener(self, s: int, e: int, ents, places: dict[int, Span]) -> list[dict]:
        """「某县某镇，某公司4号棚里」「下午4点，某市某县，某公司的展厅里」「在某园区，某公司…」: a sentence whose
        first clause (after at most one clause telling the time) is places only sets the scene of the name that
        opens the next clause; it lies in the run's last, narrowest place."""
        start, clause_end = s, self._next_stop(s, e, "，")
        if self._scene_time.fullmatch(self.text, s, clause_end):
            start, clause_end = clause_end + 1, self._next_stop(clause_end + 1, e, "，")
        run, pos = [], self._scene_place_lead.match(self.text, start).end()
        while pos in places:
            run.append(places[pos])
            pos = places[pos].end_char
        if not run or pos != clause_end or clause_end >= e:
            return []
        at = self._scene_subject_lead.match(self.text, clause_end + 1).end()
        x = next((y for y in ents if y.start_char == at), None)
        if x is None or x.label_ not in ("ENTERPRISE", "INITIATIVE", "DISTRICT") or x.kb_id_ == "book_title":
            return []
        if x.label_ == "DISTRICT" and (x.id_ not in self.lex.divisions or self.lex.divisions[x.id_].level != "zone"):
            return []  # 「某省，某市…」: a division has its own parent; a place the table does not know may be a mountain
        return [self._rel(_m(x), "locatedIn", _m(run[-1]), "scene_opener", (start, x.end_char))]

    def _sited_before_name(self, s: int, e: int, ents, places: dict[int, Span]) -> list[dict]:
        """「位于某县某镇的X」「总部位于某市的X」: X (the mention right after 的) lies in the last place of the run, the
        narrowest (「位于某省某市的X」: the province is the city's; cross-validation on full-length news)."""
        out = []
        for m in self._sited_before.finditer(self.text, s, e):
            run, pos = [], m.end()
            while pos in places:
                run.append(places[pos])
                pos = places[pos].end_char
            if not run or self.text[pos:pos + 1] != "的":
                continue
            x = next((y for y in ents if y.start_char == pos + 1), None)
            if x is None or x.label_ not in ("ENTERPRISE", "INITIATIVE", "DISTRICT") or x.kb_id_ == "book_title":
                continue
            out.append(self._rel(_m(x), "locatedIn", _m(run[-1]), "sited_before", (m.start(), x.end_char)))
        return out

    def _place_implements(self, s: int, e: int, ents) -> list[dict]:
        """「某省将深入实施X工程」「某市创新实施X」: a place that opens its clause (after at most two characters)
        carries out the programmes its verb is followed by in the clause; they lie in the place."""
        out = []
        for i, place in enumerate(ents):
            if place.label_ not in ("DISTRICT", "ENTERPRISE") or not self._opens_clause(place, s):
                continue
            verb = self._implements.match(self.text, place.end_char)
            if verb is None:
                continue
            found = self._programmes_in(place, verb.end(), self._next_stop(verb.end(), e, "，。；"), ents[i + 1:],
                                        "place_implements")
            if place.label_ == "ENTERPRISE":  # 「某公司启动“甲”计划」: the company's own programme, which it takes part in
                found = [self._rel(r["o"], "participatesIn", r["s"], "company_implements", r["ev"]) for r in found]
            out += found
        return out

    def _opens_clause(self, x: Span, s: int) -> bool:
        """``x`` opens its clause of the sentence starting at ``s`` (after at most two characters, no preposition)."""
        clause_start = max(self.text.rfind(c, s, x.start_char) for c in "，；：") + 1
        lead = self.text[max(clause_start, s):x.start_char]
        return len(lead) <= 2 and not self._implements_lead_stops.intersection(lead)

    def _programmes_in(self, place: Span, start: int, end: int, ents, rule: str) -> list[dict]:
        """The programmes named in ``[start, end)`` carried out by ``place``: locatedIn it (no policy document, no
        national programme, no name of a gazetteer, which are national)."""
        return [self._rel(_m(x), "locatedIn", _m(place), rule, (place.start_char, x.end_char)) for x in ents
                if x.label_ == "INITIATIVE" and start <= x.start_char and x.end_char <= end
                and x.kb_id_ not in ("book_title", "", "kg_gazetteer") and not self._national_programme.search(span_text(x))]

    def _carried_place_implements(self) -> list[dict]:
        """「某省在…中，…，深入实施X工程」「某省将…。实施X行动」: a place opening a clause stays the subject of the
        later clauses of its paragraph until one opens with another name; a clause that opens with the verb
        (``_place_implements``' verbs) carries out the programmes after it, which lie in the place."""
        out, subject = [], None
        starts = {x.start_char: x for x in self.ents}
        for clause in re.finditer(r"[^，；：。！？\n]+", self.text):
            c_start, c_end = clause.span()
            if c_start > 0 and self.text[c_start - 1] == "\n" or self.text[c_start] in self._carried_lead_stops:
                subject = None  # a new paragraph, or a clause opening with a pronoun (「我们还要…」: another subject)
            verb = self._implements.match(self.text, c_start, c_end)
            opener = next((starts[i] for i in range(c_start, min(c_start + 3, c_end)) if i in starts), None)
            if opener is not None and (verb is None or opener.start_char < verb.end()):
                sentence_start = max(self.text.rfind(c, 0, opener.start_char) for c in "。！？\n") + 1
                if self._opens_clause(opener, sentence_start):
                    # the subject: a place that is the clause's first word and no item of a list (「甲、乙两地」)
                    subject = opener if opener.label_ == "DISTRICT" and opener.start_char == c_start \
                        and self.text[opener.end_char:opener.end_char + 1] not in ("、", "和", "与", "及") else None
                    continue
            if subject is None:
                continue
            if verb is None or self._carried_lead_stops.intersection(self.text[c_start:verb.end()]) \
                    or any(c_start <= x.start_char < verb.end() for x in self.ents):
                continue
            out += self._programmes_in(subject, verb.end(), c_end, self.ents, "place_implements_carried")
        return out

    def _listed_in(self, x: Span, ents, places: dict[int, Span], s: int) -> list[dict]:
        """The last item ``x`` of a list and the place the list is said to be in: 「甲、乙等9家某省企业」
        (companies), 「甲、乙、丙等某地区」 (places in a region), 「某区…，甲、乙等功能区坐落其中」 (zones in
        the place that opens the sentence's first clause)."""
        group = self._group_place.match(self.text, x.end_char)
        if group is None:
            return []
        place = places.get(group.end())
        target = None
        if place is not None and place is not x:
            if x.label_ == "ENTERPRISE" and self._group_noun_at.match(self.text, place.end_char):
                target = place  # 「甲、乙等9家某省企业」
            elif x.label_ == "DISTRICT" and group.end() == x.end_char + 1 and \
                    self.text[place.end_char:place.end_char + 1] in "的，。；、" :
                target = place  # 「甲、乙、丙等某地区的…」
        items = self._joined_before(x, ents, ("ENTERPRISE",) if x.label_ == "ENTERPRISE" else ("DISTRICT",)) + [x]
        if target is None and x.label_ == "DISTRICT":
            zones = self._zone_group.match(self.text, x.end_char)
            within = self._sited_within.match(self.text, zones.end()) if zones else None
            if within:
                target = self._clause_opener(s, items[0], places)
        if target is None:
            return []
        items = [y for y in items if y is not target]
        return [self._rel(_m(y), "locatedIn", _m(target), "listed_in", (y.start_char, target.end_char)) for y in items]

    def _spread_projects(self, s: int, e: int, ents, places: dict[int, Span]) -> list[dict]:
        """「…项目分布于某市7个区县…，包括A项目、B风电场…」: what the sentence lists after 包括 lies in the place."""
        spread = self._spread_in.search(self.text, s, e)
        place = places.get(spread.end()) if spread else None
        include = self._include.search(self.text, place.end_char, e) if place is not None else None
        if include is None:
            return []
        return [self._rel(_m(x), "locatedIn", _m(place), "spread_in", (spread.start(), x.end_char))
                for x in ents if x.start_char >= include.end() and x.label_ in ("INITIATIVE", "ENTERPRISE")
                and x.kb_id_ != "book_title"]

    def _listed_projects_end(self, x: Span, pos: int, ents) -> int:
        """Where the list of projects ``x`` opens ends (「A项目与某公司计划投资8亿元的B项目|将落户某县」), else ``pos``."""
        if x.label_ != "INITIATIVE":
            return pos
        starts = {y.start_char: y for y in ents}
        while True:
            joiner = re.match(r"与|和|及|以及|、", self.text[pos:pos + 2])
            if joiner is None:
                return pos
            at = pos + joiner.end()
            org = starts.get(at)
            if org is not None and org.label_ in ORGS:
                invest = self._invest_in.match(self.text, org.end_char)
                at = invest.end() if invest else at
            project = starts.get(at)
            if project is None or project.label_ != "INITIATIVE":
                return pos
            pos = project.end_char

    def _clause_opener(self, s: int, x: Span, places: dict[int, Span]) -> Span | None:
        """The first place before ``x`` in its sentence that opens a clause (「他说，某区位于…」: 某区)."""
        for start in sorted(places):
            place = places[start]
            if place.end_char > x.start_char or place is x:
                continue
            if start == s or self.text[start - 1] in "，；：":
                return place
        return None

    def _held_at(self, s, ents, places) -> list[dict]:
        """「在某市举办的第五届某博览会」: the event named right after is held in (located in) the place."""
        out = []
        events = {x.start_char: x for x in ents if x.label_ == "INITIATIVE" and x.kb_id_ != "book_title"}
        for place in places.values():
            if place.start_char == s or self.text[place.start_char - 1] != "在":
                continue
            verb = self._held_before.match(self.text, place.end_char)
            event = events.get(verb.end()) if verb else None
            if event is not None:
                out.append(self._rel(_m(event), "locatedIn", _m(place), "held_at", (place.start_char - 1, event.end_char)))
        return out + self._hosted(s, events, places)

    def _hosted(self, s, events: dict[int, Span], places) -> list[dict]:
        """「某县成功举办多届甲赛、乙赛」「某会在某市举办某峰会」: the events (``events``: by start) listed right after a
        place that opens its clause (or follows 在) and its hosting verb (``hosts``) are held in it."""
        out = []
        for place in places.values():
            if not (place.start_char > s and self.text[place.start_char - 1] == "在" or self._opens_clause(place, s)):
                continue
            verb = self._hosts.match(self.text, place.end_char)
            event = None
            if verb is not None:
                ends = (verb.start("count"), verb.end()) if verb.group("count") else (verb.end(),)
                event = next((events[i] for at in ends for i in (at, at + 1)
                              if i in events and (i == at or self.text[at] in "“《")), None)
            while event is not None:
                out.append(self._rel(_m(event), "locatedIn", _m(place), "hosted", (place.start_char, event.end_char)))
                joint = self._organise_joint.match(self.text, event.end_char)
                event = events.get(joint.end()) if joint and joint.end() > event.end_char else None
        return out

    def _nested_places(self, ents) -> list[dict]:
        """「湖北某市」「某市某区」: a place written right after the larger place that holds it is located in it;
        so is a zone the divisions table does not know written right after a division (「某市|某某工业园区」), and
        the first place of a name that opens with places (``_run_head``: 「某地区|某县某某景区」)."""
        out = []
        for outer, inner in zip(ents, ents[1:]):
            if outer.label_ != "DISTRICT" or inner.label_ != "DISTRICT" or outer.end_char != inner.start_char:
                continue
            run = self._run_head(inner) if inner.id_ not in self.lex.divisions and inner.kb_id_ not in ("", "kg_gazetteer") \
                else None
            if run is not None:  # 「某地区|某县某某景区」: the run's first place lies in the place before it
                first = run[0][0]
                if first[4] != outer.id_ and self.lex.within(first[4], outer.id_, depth=3):
                    out.append(self._rel(first, "locatedIn", _m(outer), "nested_place", (outer.start_char, first[1])))
                continue
            zone = inner.id_ not in self.lex.divisions and outer.id_ in self.lex.divisions \
                and (self._zone_suffix.search(span_text(inner)[-6:]) is not None or self._named_site(inner))
            if zone or outer.id_ != inner.id_ and self.lex.within(inner.id_, outer.id_, depth=3) \
                    or self._holds_local_place(outer, inner):
                out.append(self._rel(_m(inner), "locatedIn", _m(outer), "nested_place", (outer.start_char, inner.end_char)))
        return out

    def _named_site(self, place: Span) -> bool:
        """A named place the divisions table does not know and no zone word ends (「某市|某某古城」「某市|某某主题街区」):
        a site of the place before it, unless it is a country or opens with a township (「某县|某镇某某基地」: the
        township's). Training gold: placed after a division 17 of 19."""
        name = span_text(place)
        return place.kb_id_ != "book_title" and name not in self.lex.countries \
            and self._township_opening.match(name) is None and not name.endswith(self._local_place_not)

    def _holds_local_place(self, outer: Span, inner: Span) -> bool:
        """「某县某镇」「某新区某镇」「某镇某村」「某镇某某产业园」「某镇某某基地」: ``inner``, a place below the divisions
        table (a township, a village, a zone or a named site after a township or village), lies in ``outer`` written
        right before it: a county or city, a zone, a township, a village."""
        if inner.id_ in self.lex.divisions or outer.kb_id_ == "book_title" or inner.kb_id_ == "book_title" \
                or span_text(inner).endswith(self._local_place_not) or span_text(outer).endswith(self._local_place_not):
            return False
        div = self.lex.divisions.get(outer.id_)
        township = div is None and self._township_name.fullmatch(span_text(outer)) is not None
        wide = div is not None and div.level in ("county", "prefecture", "zone") or div is None and not township \
            and self._zone_suffix.search(span_text(outer)[-6:]) is not None
        if self._township_name.fullmatch(span_text(inner)):
            return wide
        if self._village_name.fullmatch(span_text(inner)):
            return wide or township
        if township and self._zone_suffix.search(span_text(inner)[-6:]) is not None:
            return True
        # 「某镇|某某种植基地」「某镇|某某坡」「某社区|某某巷」: a named site (no division, no township) after a township or
        # a village is that place's
        local = township or div is None and self._village_name.fullmatch(span_text(outer)) is not None
        return local and self._named_site(inner)

    def _led_by(self, s, e, ents) -> list[dict]:
        """「由甲、乙牵头，组织…起草了《X》（或 行动计划）」: the bodies that led issued X."""
        out = []
        sentence = self.text[s:e]
        for m in self._led.finditer(sentence):
            start, end = s + m.start("bodies"), s + m.end("bodies")
            bodies = [x for x in ents if start <= x.start_char and x.end_char <= end and x.label_ == "AGENCY"]
            if not bodies:
                continue
            for vm in self._issue.finditer(self.text, s + m.end(), e):
                work = next((x for x in ents if x.start_char in (vm.end(), vm.end() + 1) and x.label_ == "INITIATIVE"), None)
                target = _m(work) if work is not None else self._short_ref(
                    re.split(r"[，。；、,]", self.text[vm.end():e])[0], vm.end(), self._initiative_index())
                if target is None:
                    continue
                for body in bodies:
                    out.append(self._rel(target, "issuedBy", _m(body), "led_by", (start - 1, target[1])))
        return out

    def _organised_by(self, s: int, ents) -> list[dict]:
        """「由甲主办、乙承办的X」, 「由甲、乙联合主办的X」: the organising bodies issued (led) X."""
        out = []
        for i, first in enumerate(ents):
            if first.label_ != "AGENCY" or first.start_char == s or self.text[first.start_char - 1] != "由":
                continue
            bodies, pos = [], first.start_char
            for x in ents[i:]:
                if x.start_char != pos or x.label_ != "AGENCY":
                    break
                bodies.append(x)
                role = self._organised.match(self.text, x.end_char)
                pos = x.end_char + (role.end() - x.end_char if role else 0)
                if self.text.startswith("、", pos):
                    pos += 1
                elif not role:
                    break
            if not self.text.startswith("的", pos) or not self._organised.search(self.text, first.end_char, pos):
                continue
            work = next((x for x in ents if x.start_char > pos and x.start_char - pos <= 12
                         and x.label_ == "INITIATIVE" and x.kb_id_ != "book_title"), None)
            if work is None or any(c in self.text[pos:work.start_char] for c in "，。；"):
                continue
            for body in bodies:
                out.append(self._rel(_m(work), "issuedBy", _m(body), "organised_by", (first.start_char - 1, work.end_char)))
        return out

    def _organise_verb(self, s: int, e: int, ents) -> list[dict]:
        """「某部将组织开展“甲节”“乙节”等活动」, 「某厅举办了“丙行”活动」: the body (or bodies) right before an organising
        verb, its subject, runs the programmes listed right after the verb (issuedBy)."""
        out = []
        inside = [(x.start_char, x.end_char) for x in ents]
        for vm in self._organise.finditer(self.text, s, e):
            v_start, v_end = vm.span()
            if any(a < v_end and v_start < b for a, b in inside):
                continue  # the verb is part of a name (「某某实施方案」)
            works, pos = [], v_end
            for ent in ents:
                if ent.start_char < v_end:
                    continue
                gap = self._organise_joint if works else self._organise_lead
                if ent.label_ != "INITIATIVE" or ent.kb_id_ == "book_title" or not gap.fullmatch(
                        self.text, pos, ent.start_char):
                    break
                works.append(ent)
                pos = ent.end_char
            if not works:
                continue
            clause_start = max((self.text.rfind(c, s, v_start) for c in "，；："), default=-1)
            clause_start = clause_start + 1 if clause_start >= 0 else s
            subjects = self._subjects(ents, clause_start, v_start)
            if not subjects or any(x.label_ != "AGENCY" for x in subjects):
                continue
            if self._organise_not_after.search(self.text, clause_start, subjects[0].start_char):
                continue
            for work in works:
                for body in subjects:
                    out.append(self._rel(_m(work), "issuedBy", _m(body), "organise_verb",
                                         (subjects[0].start_char, work.end_char)))
        return out

    def _zone_builds(self, s, e, ents) -> list[dict]:
        out = self._zone_verb(s, e, ents)
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

    def _zone_verb(self, s, e, ents) -> list[dict]:
        """「推动<zone>打造X」, 「在<zone>建设X」: X is located in the zone."""
        out = []
        for i, zone in enumerate(ents):
            if zone.label_ != "DISTRICT":
                continue
            div = self.lex.divisions.get(zone.id_)
            if div is not None and div.level in ("province", "prefecture"):
                continue
            bm = self._build.match(self.text, zone.end_char)
            if not bm:
                continue
            clause_end = self._next_stop(bm.end(), e, "，。；")
            for ent in ents[i + 1:]:
                if ent.start_char >= clause_end:
                    break
                if ent.label_ == "INITIATIVE" and ent.kb_id_ != "book_title":
                    out.append(self._rel(_m(ent), "locatedIn", _m(zone), "zone_builds", (zone.start_char, ent.end_char)))
        return out

    # -- partnerOf / participatesIn ----------------------------------------------
    def _pairs(self, s, e, ents) -> list[dict]:
        return self._partners(s, e, ents) + self._participation(ents) + self._subsidiaries(s, e, ents)

    def _name_at(self, start: int, end: int, ents, left: bool) -> tuple | None:
        """The org mention filling ``[start, end)``, or an unknown name there (a new ENTERPRISE mention).
        ``left``: the name ends at ``end`` (trim clause-opening words); else it starts at ``start``."""
        for x in ents:
            if x.label_ in ORGS | {"DISTRICT"} and (x.end_char == end if left else x.start_char == start) \
                    and (x.label_ != "DISTRICT" or (x.start_char, x.end_char) == (start, end)):
                return _m(x)  # a place signs only when it is the whole side (see _partner_side)
        piece = self.text[start:end]
        if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]{2,16}", piece):
            return None
        if any(x.start_char < end and x.end_char > start for x in ents):
            return None  # overlaps a mention of another type
        if left:
            cut = trim_left(piece, self.lex.lead_words)
            start, piece = start + cut, piece[cut:]
        else:
            piece = cut_before_verb(piece)
        if not 2 <= len(piece) <= 10 or piece in self.lex.not_entities or common_phrase(piece) \
                or self._plain_words(start, start + len(piece)) \
                or re.match(r"[\d一二三四五六七八九十百千多数几]+[家个所位]", piece):
            return None  # 「与10家企业签约」: a count of companies, not a name
        return (start, start + len(piece), "ENTERPRISE", piece, "")

    def _plain_words(self, start: int, end: int) -> bool:
        """LAC reads ``[start, end)`` as ordinary words, one of them a verb, adjective or adverb and none a name
        (「在平等和相互尊重的基础上」「加强双边和多边合作」「深化国有企业改革」): no partner's name."""
        first = bisect.bisect_left(self.word_starts, start)
        if first == len(self.words) or self.words[first][0] != start:
            return False
        tags, i = [], first
        while i < len(self.words) and self.words[i][1] <= end:
            tags.append(self.words[i][2])
            i += 1
        if not tags or self.words[i - 1][1] != end:
            return False
        return not any(tag in NAME_WORD_TAGS for tag in tags) and any(tag in PLAIN_WORD_TAGS for tag in tags)

    def _partners(self, s, e, ents) -> list[dict]:
        """「A与B、C签署…合作协议」, 「A与B合作…」: A partnerOf each of B, C."""
        out = []
        sentence = self.text[s:e]
        for pm in self._partner.finditer(sentence):
            verb = s + pm.start()
            clause_start = max([self.text.rfind(c, s, verb) for c in "，；：。"] + [s - 1]) + 1
            if verb - clause_start <= 2 and clause_start > s:  # 「A与B发挥各自优势，合作推进…」
                clause_start = max([self.text.rfind(c, s, clause_start - 1) for c in "，；：。"] + [s - 1]) + 1
            jm = None
            for jm in re.finditer(r"[与和同]", self.text[clause_start:verb]):
                break
            if jm is None:
                continue
            j = clause_start + jm.start()
            we = self._we_side(clause_start, j) or self._quoted_we(clause_start, j)
            carried = self._carried_subject.fullmatch(self.text, clause_start, j) and clause_start > s
            subject = self._clause_subject(s, clause_start, ents) if carried and not we else []
            sides = [we] if we else subject or \
                self._listed_before(clause_start, j, ents) or [self._name_at(clause_start, j, ents, left=True)]
            if sides == [None]:
                sides = self._signatories_before(clause_start, j, ents) or self._signatories_closing(s, clause_start, j, ents)
            sides = [self._partner_side(a, ents) for a in sides if a is not None]
            for a in filter(None, sides):
                out += self._partner_pairs(a, j, verb, pm, ents, carried=bool(subject))
        return out

    def _direct_partners(self, ents) -> list[dict]:
        """「甲集团联合乙公司自主研发…」「甲公司携手乙公司推出…」: an enterprise and the organisation right after the
        verb are partners (the verb right after the first name)."""
        out = []
        for a, b in self._joined_by(ents, "ENTERPRISE", self._partner_direct):
            if b.label_ in ORGS and span_text(b) != span_text(a):
                out.append(self._rel(_m(a), "partnerOf", _m(b), "partner_direct", (a.start_char, b.end_char)))
        return out

    def _quoted_we(self, start: int, end: int) -> tuple | None:
        """「我们」 (the whole side, after clause-opening words) inside a quotation: the organisation of its speaker, the
        person named right after the quotation closes (「…”公司总经理甲说」) or right before it opens (「甲说：“…」)."""
        start += self.text.startswith("“", start)  # the quotation opens the sentence
        lead = self._carried_subject.match(self.text, start, end)
        if not self._we_speaker.fullmatch(self.text, lead.end(), end):
            return None
        opening, closing = self.text.rfind("“", 0, start), self.text.find("”", end)
        if opening < 0 or self.text.rfind("”", opening, start) >= 0 or closing < 0:
            return None
        after = [x for x in self.ents if x.label_ == "PERSON" and closing < x.start_char <= closing + self._speaker_reach
                 and not any(c in "。！？\n“" for c in self.text[closing + 1:x.start_char])]
        before = [x for x in self.ents if x.label_ == "PERSON" and opening - self._speaker_reach <= x.end_char <= opening
                  and not any(c in "。！？\n”" for c in self.text[x.end_char:opening])]
        speaker = after[0] if after else before[-1] if before else None
        org = self._speaker_org.get(span_text(speaker)) if speaker is not None else None
        return (lead.end(), end, *org[2:]) if org is not None else None

    def _we_side(self, start: int, end: int) -> tuple | None:
        """「我区」 (the whole side, after clause-opening words) in an article about a district: its government."""
        lead = self._carried_subject.match(self.text, start, end)
        m = self._we_place.fullmatch(self.text, lead.end(), end)
        div = self._home_of_level(m.group("level")) if m else None
        if div is None:
            return None
        return (m.start(), end, "AGENCY", div.name + "人民政府", "")

    def _home_of_level(self, level: str):
        """The division 「我区」 (level 区) speaks of: the article's home when its name has that ending, else the
        division of that ending the article names most often."""
        home = self.lex.divisions.get(self.home) if self.home else None
        if home is not None and home.name.endswith(level) and home.level != "zone":
            return home
        counts: dict[str, int] = {}
        for x in self.ents:
            div = self.lex.divisions.get(x.id_) if x.label_ == "DISTRICT" else None
            if div is not None and div.name.endswith(level) and div.level != "zone":
                counts[x.id_] = counts.get(x.id_, 0) + 1
        return self.lex.divisions[max(counts, key=counts.get)] if counts else None

    def _clause_subject(self, s: int, clause_start: int, ents) -> list[tuple]:
        """The organisations listed at the head of the nearest earlier clause of the sentence that opens
        with one (「甲、乙等银行，就某事，|与…签约」: 甲, 乙)."""
        pos = clause_start - 1
        while pos > s:
            start = max([self.text.rfind(c, s, pos) for c in "，；："] + [s - 1]) + 1
            head = next((x for x in ents if start <= x.start_char <= start + 2 and x.end_char <= pos), None)
            head = head if head is not None and head.label_ in ORGS else None
            if head is not None:
                items, last = [head], head
                for x in ents:
                    if x.start_char >= last.end_char and x.end_char <= pos and x.label_ in ORGS \
                            and self.text[last.end_char:x.start_char] in ("、", "和", "及", "以及"):
                        items.append(x)
                        last = x
                return [_m(x) for x in items]
            pos = start - 1
        return []

    def _signatories_before(self, start: int, end: int, ents) -> list[tuple]:
        """「代表甲、乙在会上|与…签约」: the organisations listed right before a filler such as 在会上."""
        filler = self._partner_filler.search(self.text, start, end)
        if filler is None or filler.start() == end:
            return []
        last = next((x for x in reversed(ents) if x.end_char == filler.start() and x.start_char >= start), None)
        if last is None or last.label_ not in ORGS:
            return []
        return [_m(x) for x in self._joined_before(last, ents) + [last]]

    def _signatories_closing(self, s: int, start: int, end: int, ents) -> list[tuple]:
        """「甲，自2014年起先后|与…」: a clause before 与 of a time or an adverb only (``partner_filler``) leaves the
        organisations closing the clause before it (in the sentence) as the partners."""
        if start <= s or start == end or self.text[start - 1] != "，" \
                or not self._partner_filler.fullmatch(self.text, start, end):
            return []
        last = next((x for x in reversed(ents) if x.end_char == start - 1 and x.start_char >= s), None)
        if last is None or last.label_ not in ORGS:
            return []
        return [_m(x) for x in self._joined_before(last, ents) + [last]]

    def _listed_before(self, start: int, end: int, ents) -> list[tuple]:
        """「甲、乙、丙等13家企业|与…」: the listed organisations are the partners."""
        m = self._group_noun.search(self.text, start, end)
        if m is None:
            return []
        items = []
        pos = m.start()
        for x in reversed([x for x in ents if start <= x.start_char and x.end_char <= m.start()]):
            if x.end_char != pos or x.label_ not in ORGS:
                break
            items.append(_m(x))
            pos = x.start_char - 1
            if pos < start or self.text[pos] not in "、，":
                break
        return items[::-1]

    def _partner_side(self, b: tuple, ents) -> tuple | None:
        """A zone signs through its administrative committee (「企业与开发区签订合作」 → 某开发区管委会), a
        city, county or province through its government (「某市与某公司签署」 → 某市人民政府)."""
        if b[2] != "DISTRICT" and b[3] not in self._zone_words:
            return b
        div = self.lex.divisions.get(b[4]) if b[2] == "DISTRICT" else None
        if div is not None and div.level != "zone":
            return (b[0], b[1], "AGENCY", div.name + "人民政府", "")
        if self._committees is None:
            self._committees = [x for x in self.ents if x.label_ == "AGENCY" and self._committee.search(span_text(x))]
        committees = [x for x in self._committees if b[3] in self._zone_words or span_text(x).startswith(b[3])]
        named = {span_text(x) for x in committees if not self._generic_committee(span_text(x))}
        if len(named) > 1 or not committees:
            return None
        return _m(max(committees, key=lambda x: len(span_text(x))))

    def _generic_committee(self, name: str) -> bool:
        """管委会, 开发区管委会: the committee of whatever zone the article is about."""
        return any(name == w + c or name == c for w in ("", *self._zone_words) for c in self._zone_cores)

    def _partner_pairs(self, a: tuple, j: int, verb: int, pm, ents, carried: bool = False) -> list[dict]:
        """a partnerOf each name listed between 与 and the verb (「与乙、丙签署」)."""
        out = []
        listed = self.text[j + 1:verb].rstrip("，；：")
        if carried:  # 「…，与甲、乙等在某领域开展合作」: the list ends at 等 or where the clause goes on (在, 就)
            inside = [(x.start_char - j - 1, x.end_char - j - 1) for x in ents if j < x.start_char < verb]
            stop = next((m.start() for m in re.finditer(r"等|在|就|围绕", listed)
                         if not any(a <= m.start() < b for a, b in inside)), len(listed))
            listed = listed[:stop]
        listed = re.sub(r"(?:签署|签订|开展|达成|共同|发挥各自优势|进行|深化)[\u4e00-\u9fff]*$", "", listed)
        pos = j + 1
        for item in re.split(r"、|和|及", listed):
            b = None
            if item in self._zone_words:
                b = (pos, pos + len(item), "DISTRICT", item, "")
            elif self._we_place.fullmatch(item):
                b = self._we_side(pos, pos + len(item))
            elif item:
                b = self._name_at(pos, pos + len(item), ents, left=False)
                if carried and b is not None and (b[0], b[1]) not in self.by_span:
                    b = None  # a carried clause's partners are names the text marks, not words cut from it
            pos += len(item) + 1
            b = self._partner_side(b, ents) if b is not None else None
            if b is not None and b[3] != a[3]:
                out.append(self._rel(a, "partnerOf", b, "partner_verb", (a[0], verb + len(pm.group()))))
        return out

    def _participation(self, ents) -> list[dict]:
        out = []
        starts = {x.start_char: x for x in ents if x.label_ == "INITIATIVE" and x.kb_id_ != "book_title"}
        for a in ents:
            if a.label_ not in ORGS:
                continue
            invest = self._invest_in.match(self.text, a.end_char)  # 「某公司计划投资8亿元的某项目」
            project = starts.get(invest.end()) if invest else None
            if project is not None:
                out.append(self._rel(_m(a), "participatesIn", _m(project), "invests_in", (a.start_char, project.end_char)))
                continue
            group = self._group_after.match(self.text, a.end_char)  # 「甲、乙等企业参加…」
            vm = self._participate.match(self.text, group.end() if group else a.end_char)
            if not vm:
                continue
            target = next((x for x in ents if x.start_char >= vm.end() and x.label_ == "INITIATIVE"
                           and "，" not in self.text[vm.end():x.start_char]), None)
            if target is None:
                continue
            for who in self._joined_before(a, ents) + [a]:  # 「甲、乙参与了…」: each of them
                out.append(self._rel(_m(who), "participatesIn", _m(target), "participate_verb",
                                     (who.start_char, target.end_char)))
        return out

    def _company_works(self) -> tuple[list[dict], list[tuple]]:
        """「某能源集团的简称|某某风光储一体化项目」「某电网|某某联网工程」: a project, plant or base (``company_work_endings``)
        whose name opens with a company the gazetteer knows, as a word of its own, is that company's work: the
        company is a mention of its own (nested in the work's name) and ``participatesIn`` the work. Its longest
        such form counts; a form followed by more of a company's name (「某汽|某某五菱」, LAC's word goes on) does not."""
        out, nested = [], []
        ends = {b for _, b, _ in self.words}
        reads = {a: b for a, b, tag in self.words if tag == "ORG"}
        for ent in self.ents:
            if ent.label_ != "INITIATIVE" or ent.kb_id_ == "book_title" or not self._company_work.search(span_text(ent)):
                continue
            name = span_text(ent)
            k = next((k for k in range(min(self._company_form_len, len(name) - 2), 1, -1)
                      if name[:k] in self._company_forms), 0)
            at = ent.start_char + k
            if not k or k < self._company_form_whole and (at not in ends or reads.get(ent.start_char, at) > at):
                continue  # a form of four characters or more (中国某电, 国家某投) is the company whatever LAC's word
            company = (ent.start_char, at, "ENTERPRISE", name[:k], self._company_forms[name[:k]])
            nested.append(company)
            out.append(self._rel(company, "participatesIn", _m(ent), "company_work", (ent.start_char, ent.end_char)))
        return out, nested

    def _joined_before(self, x: Span, ents, labels=ORGS) -> list[Span]:
        """The organisations (or mentions of ``labels``) listed right before ``x`` (「甲、乙和丙」 for 丙: 甲, 乙)."""
        out, first = [], x
        for y in reversed([y for y in ents if y.end_char <= x.start_char]):
            if y.label_ not in labels or self.text[y.end_char:first.start_char] not in ("、", "和", "与", "及", "以及"):
                break
            out.insert(0, y)
            first = y
        return out

    def _named_units(self) -> list[dict]:
        """「某省人民政府办公厅」「某银行某某分行」: an agency or enterprise whose name opens with the whole name of another
        of its type the article names on its own (the longest such), the rest a unit (``named_unit``), is part of it."""
        named: dict[tuple[str, str], list[Span]] = {}
        for e in self.ents:
            if e.label_ in ("AGENCY", "ENTERPRISE"):
                named.setdefault((e.label_, span_text(e)), []).append(e)

        def whole_of(x: Span, name: str, k: int) -> Span | None:
            # the whole named on its own: a mention not followed by the unit (not the name read in two pieces)
            if not self._named_unit.fullmatch(name, k):
                return None
            return next((y for y in named.get((x.label_, name[:k]), ())
                         if not self.text.startswith(name[k:], y.end_char)), None)
        return self._by_named_opening(("AGENCY", "ENTERPRISE"), 2, whole_of, "partOf", "named_unit")

    def _named_zone_parts(self) -> list[dict]:
        """「某某示范区宁州片区」「中国（某省）自由贸易试验区某某片区」「某新区启动区」: a place whose name opens with the whole
        name of a zone (a place of no level of the divisions table) the article names on its own lies in that zone
        (the longest such)."""
        zones: dict[str, Span] = {}
        for e in self.ents:
            if e.label_ != "DISTRICT":
                continue
            div, name = self.lex.divisions.get(e.id_), span_text(e)
            if (div is None or div.level == "zone") and len(name) >= self._zone_min \
                    and not self._township_name.search(name) and not self._village_name.search(name):
                zones.setdefault(name, e)  # (a township's or village's sites are the local places' rules')
        return self._by_named_opening(self._zone_part_labels, self._zone_min,
                                      lambda x, name, k: zones.get(name[:k]), "locatedIn", "named_zone_part")

    def _by_named_opening(self, labels, shortest: int, whole_of, predicate: str, rule: str) -> list[dict]:
        """``predicate`` from each entity of ``labels`` to what its name opens with: the longest opening (``shortest``
        characters or more, two or more short of the whole) that ``whole_of(entity, name, length)`` finds named; one
        relation per name and opening."""
        out, seen = [], set()
        for x in self.ents:
            if x.label_ not in labels:
                continue
            name = span_text(x)
            whole, k = next(((w, k) for k in range(len(name) - 2, shortest - 1, -1)
                             if (w := whole_of(x, name, k)) is not None), (None, 0))
            if whole is None or (name, name[:k]) in seen:
                continue
            seen.add((name, name[:k]))
            out.append(self._rel(_m(x), predicate, _m(whole), rule, (x.start_char, x.end_char)))
        return out

    def _subsidiaries(self, s, e, ents) -> list[dict]:
        """「A旗下子公司B」: B partOf A; 「A所属B」「A旗下的B」「A集团B公司」 and 「B是A的全资子公司」 when B is a company
        the text names."""
        out = []
        starts = {x.start_char: x for x in ents if x.label_ == "ENTERPRISE"}
        for parent in ents:
            if parent.label_ != "ENTERPRISE":
                continue
            named = self._subsidiary_named.match(self.text, parent.end_char)
            child = starts.get(named.end()) if named else None
            if child is None and self._parent_group.search(span_text(parent)):
                child = starts.get(parent.end_char)  # 「某集团|某公司」
            if child is not None and span_text(child) != span_text(parent):
                out.append(self._rel(_m(child), "partOf", _m(parent), "subsidiary", (parent.start_char, child.end_char)))
                continue
            verb = self._subsidiary_is.match(self.text, parent.end_char)
            group = starts.get(verb.end()) if verb else None
            if group is not None and span_text(group) != span_text(parent) and self._subsidiary_of.match(self.text, group.end_char):
                out.append(self._rel(_m(parent), "partOf", _m(group), "subsidiary_of", (parent.start_char, group.end_char)))
                continue
            m = self._subsidiary.match(self.text, parent.end_char)
            if not m:
                continue
            end = self._next_stop(m.end(), e, "，。；、")
            child = self._name_at(m.end(), min(end, m.end() + 12), ents, left=False)
            if child is not None:
                out.append(self._rel(child, "partOf", _m(parent), "subsidiary", (parent.start_char, child[1])))
        return out


@Language.factory("kg_relations", default_config={"data_dir": ""}, assigns=["doc._.kg_relations", "doc._.kg_nested"],
                  requires=["doc.ents", "doc._.kg_posts"])
def make_relations(nlp: Language, name: str, data_dir: str) -> Relations:
    return Relations(nlp, name, data_dir)
