"""``kg_name_patterns``: candidate names from naming patterns.

Agencies (<jurisdiction><core>), suffix rules for zones, enterprises and initiatives
(trimmed on the left by :func:`kg.language.segment.trim_left`), 《policy titles》 and
“quoted” programme names. Every regex and word list comes from ``data/patterns/names.yml``.
"""
from __future__ import annotations

import bisect
import heapq
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.language.agency import INFIX, split_agency
from kg.language.lexicon import Lexicon, load_lexicon
from kg.language.segment import trim_left, words
from kg.nlp.components.ner_typing import common_phrase
from kg.nlp.components.statistical_ner import lac_words
from kg.nlp.spans import add_candidate, candidates, text_of

__all__ = ["NamePatterns", "make_name_patterns", "has_proper_prefix"]

# the tagger's word classes that never stand inside a name: particles, prepositions, conjunctions,
# pronouns, numbers, measure words, punctuation and person names (verbs and adverbs: see _tagged_cut)
_FUNCTION_TAGS = {"u", "p", "c", "r", "m", "q", "w", "xc", "PER"}
_ADVERB_TAGS = {"vd", "d", "ad"}
_VERB_TAGS = {"v", "vd", "vn", "d", "ad"}  # what comes before a phase of no named project (「甲|穿过|二期工程」)
_NAME_TAGS = {"LOC", "ORG", "PER", "ns", "nt", "nr"}  # the tagger's names (「日照和|海口…项目」: two places)
_SITE_TAGS = {"LOC", "ORG", "ns", "nt"}  # the tagger's places and organisations
_EDITION = re.compile(r"第[一二三四五六七八九十百0-9]+届")


def has_proper_prefix(name: str, lex: Lexicon) -> bool:
    """A zone or event name needs something proper: a place prefix, Latin letters or digits, an edition
    number (第三届), or 国家/中国."""
    if re.search(r"[A-Za-z0-9]", name) or name.startswith(("国家", "中国")) or _EDITION.match(name):
        return True
    return lex.starts_with_place(name)


class NamePatterns:
    def __init__(self, nlp: Language, name: str = "kg_name_patterns", data_dir: str = ""):
        self.name = name
        self.lex = lex = load_lexicon(data_dir)
        pat = lex.patterns
        chars = pat["name_chars"]
        cores = sorted(lex.agency_cores, key=len, reverse=True)
        self._core_re = re.compile("|".join(map(re.escape, cores)))
        self._generic_agency = re.compile(
            rf"([{''.join(pat['bare_jurisdictions'])}])([\u4e00-\u9fff]{{2,8}}?)({pat['agency_suffix']})(?![员会])")
        self._suffix_rules = []
        self._joined = {rule["rule"]: (frozenset(rule["joiners"].split("|")), re.compile(f"(?:{rule['joined_not_after']})$"),
                                       int(rule["joined_min"])) for rule in pat["suffix_rules"] if rule.get("joiners")}
        # rule → (what after its ending makes the ending a discipline in an institution's name, the endings that
        # name a discipline or None: every ending)
        self._institution_after = {
            rule["rule"]: (re.compile(rule["institution_after"]),
                           re.compile(rule["institution_endings"]) if rule.get("institution_endings") else None)
            for rule in pat["suffix_rules"] if rule.get("institution_after")}
        for rule in pat["suffix_rules"]:
            nf = f"(?![{rule['not_followed_by']}])" if rule["not_followed_by"] else ""
            rx = re.compile(rf"(?:{rule['suffix']}){nf}")
            clause = re.compile(rule["clause_verbs"]) if rule.get("clause_verbs") else None
            self._suffix_rules.append((rule, rx, clause))
        self._branch = re.compile(r"中心支行|分行|支行|分公司|分局|营业管理部")
        self._zone_words = set(pat["zone_words"])
        self._purpose_marks = frozenset(pat.get("purpose_marks", "").split())
        self._capacity = re.compile(pat["project_capacity"]) if pat.get("project_capacity") else None
        self._capacity_times = frozenset(pat.get("project_capacity_times", "").split())
        self._zone_cores = set(pat["zone_cores"])
        self._agency_surfaces = set(lex.surfaces("agency"))
        self._org_surfaces = sorted(self._agency_surfaces | set(lex.surfaces("enterprise")),
                                    key=lambda o: (-len(o), o))  # longest first, then a fixed order
        self._title_at = re.compile("|".join(map(re.escape, lex.titles)))
        self._name_char_re = re.compile(rf"[{chars}（）]")
        self._book = re.compile(r"《([^《》\n]{2,60})》")
        self._quote = re.compile(r"“([^“”\n]{1,40})”")
        q = pat["quoted"]
        self._q_accept = re.compile(rf"(?:{q['accept_suffix']})$")
        leads = sorted({*self.lex.lead_words, *q.get("task_leads", "").split()}, key=len, reverse=True)
        self._q_task_lead = re.compile("|".join(map(re.escape, leads)))
        self._q_reject = [re.compile(p) for p in q["reject_patterns"]]
        self._q_programme_verb = re.compile(f"(?:{q['programme_verbs']})$") if q.get("programme_verbs") else None
        self._q_honorific = re.compile(f"(?:{q['honorific_before']})$") if q.get("honorific_before") else None
        self._q_programme_not_before = re.compile(f"(?:{q.get('programme_not_before') or '(?!)'})")
        self._q_programme_after = re.compile(f"(?:{q.get('programme_after') or '(?!)'})")
        # 「‘某某’品牌」 inside a quotation: single marks quote a programme too (quoted.programme_inner_quotes)
        self._q_inner = re.compile(r"‘([^‘’“”\n]{1,40})’") if q.get("programme_inner_quotes") else None
        qs = pat["quoted_system"]
        system_end = f"(?![{qs['not_followed_by']}])" if qs.get("not_followed_by") else ""
        self._q_system = re.compile(rf"“([^“”\n]{{1,20}})”([{chars}]{{0,8}}?)({qs['suffix']}){system_end}")
        self._q_code_gap = re.compile(qs["code_gap"]) if qs.get("code_gap") else None
        self._q_system_kind = re.compile(f"(?:{qs['suffix']})")  # 「‘某某’工程」: a system's kind after single marks
        # 「“甲、乙”行动」: a quoted list of slogans that names a campaign by its kind (quoted_system.list_suffix)
        self._q_list = re.compile(rf"“([^“”\n]{{3,30}})”([{chars}]{{0,8}}?)({qs['list_suffix']}){system_end}") \
            if qs.get("list_suffix") else None
        self._q_list_mark = qs.get("list_mark", "、")
        self._q_reject_gap = re.compile(qs["reject_gap"]) if qs.get("reject_gap") else None
        self._q_code_named = re.compile(f"(?:{qs['code_named']})$") if qs.get("code_named") else None
        self._known = {surface: canonical for rows in lex.gazetteer.values() for canonical, aliases in rows
                       for surface in [canonical, *aliases]}
        derived = pat["derived"]
        self._alias_def = re.compile(derived["alias_definition"])
        self._phase = re.compile(derived["project_phase"])
        self._meeting = re.compile(derived["meeting"])
        self._meeting_term = re.compile(f"(?:{derived['meeting_term']})$") if derived.get("meeting_term") else None
        self._meeting_short = re.compile(derived["meeting_short"]) if derived.get("meeting_short") else None
        self._bracketed_zone = re.compile(pat["bracketed_zone"]) if pat.get("bracketed_zone") else None
        nz_event = pat.get("nz_event") or {}
        self._nz_event = (re.compile(nz_event["ending"]), nz_event["rule"]) if nz_event else None
        bracketed = pat["bracketed_company"]
        self._bracketed_company = re.compile(
            rf"[（(]([\u4e00-\u9fff]{{2,8}})[）)]([{chars}]{{0,{bracketed['max_trade']}}}?)(?:{bracketed['forms']})")
        self._bracketed_max_name = int(bracketed["max_name"])
        self._media_title = re.compile(rf"(?:{pat['book_title']['media_suffix']})$")
        self._media_surfaces = frozenset(lex.surfaces("media"))
        self._phase_word = re.compile(pat["phase_word"]) if pat.get("phase_word") else None
        rt = pat.get("routes")
        self._route_joiners = frozenset(rt["joiners"]) if rt else frozenset()
        if rt:
            nf = f"(?![{rt['not_followed_by']}])" if rt.get("not_followed_by") else ""
            self._route_rest = re.compile(rf"([\u4e00-\u9fff]{{1,{int(rt['end_max'])}}}?)(?:{rt['capacity']})?"
                                          rf"(?:{rt['kinds']})(?:{rt['after']})?{nf}")
            self._route_not_after = frozenset(rt["not_after"].split("|"))
            self._route_end_words = int(rt["end_words"])
            self._route_end_max = int(rt["end_max"])
            self._route_place_tags = frozenset(rt["place_tags"].split())
            self._route_end_tags = frozenset(rt["end_tags"].split())

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        # where the statistical NER says a name ending at ``end`` starts (kg_ner_typing ran before)
        found = {s.end_char: (s.start_char, s.label_) for s in candidates(doc) if s.kb_id_ == "ner" and s.label_ != "PERSON"}
        for start, end, label, rule, *canonical in self.find(text, found, lac_words(doc)):
            add_candidate(doc, start, end, label, rule, *canonical)
        for start, end, label, rule, *canonical in self.derived(text, candidates(doc)):
            add_candidate(doc, start, end, label, rule, *canonical)
        return doc

    def derived(self, text: str, found: list):
        """Names built on names already found: an alias defined in brackets, a project phase, a
        numbered session of a body."""
        by_end: dict[int, object] = {}
        for span in found:
            if span.label_ != "PERSON" and (span.end_char not in by_end
                                            or span.start_char < by_end[span.end_char].start_char):
                by_end[span.end_char] = span
        for m in self._alias_def.finditer(text):
            full = by_end.get(m.start())
            joint = full is not None and full.start_char > 0 and text[full.start_char - 1] in "和与及、"
            if full is not None and not joint and m.group(1) not in self.lex.not_entities \
                    and not re.fullmatch(r"[双各三四多甲乙丙丁]方", m.group(1)):
                yield m.start(1), m.end(1), full.label_, "alias_definition", full.id_ or full.text
        for m in self._phase.finditer(text):
            base = by_end.get(m.start())
            if base is not None and base.label_ in ("DISTRICT", "INITIATIVE"):
                yield base.start_char, m.end(), "INITIATIVE", "project_phase"
        for m in self._meeting.finditer(text):
            body = by_end.get(m.start())
            if body is not None and body.label_ == "AGENCY":
                term = self._meeting_term.search(text, 0, body.start_char) if self._meeting_term else None
                yield term.start() if term else body.start_char, m.end(), "INITIATIVE", "meeting"
        if self._meeting_short is not None and self._meeting_term is not None:
            # 「十四届|全国人大|三次会议」: a body's term before it, its session numbered with no 第
            for m in self._meeting_short.finditer(text):
                body = by_end.get(m.start())
                term = self._meeting_term.search(text, 0, body.start_char) if body is not None else None
                if body is not None and body.label_ == "AGENCY" and term is not None:
                    yield term.start(), m.end(), "INITIATIVE", "meeting"

    # -- rules ---------------------------------------------------------------
    def find(self, text: str, ner_found: dict[int, tuple[int, str]] | None = None, tagged=()):
        """Candidates ``(start, end, label, rule[, canonical])``. ``ner_found`` maps the end of a name
        the NER found to its start and label: a suffix rule ending there takes that left edge instead of
        guessing it (「网点数量超过|宁州银行」), and a zone it found can head an agency name.
        ``tagged`` are the statistical tagger's words ``(start, end, tag)``, which place a suffix rule's
        left edge where they are given (else jieba's words do)."""
        ner_found = ner_found or {}
        self._current_text = text
        self._tagged = tagged
        self._tagged_set = set(tagged)
        self._tag_ends = [w[1] for w in tagged]
        yield from self._branches(text)
        yield from self._bracketed_companies(text)
        yield from self._bracketed_zones(text)
        suffixed = list(self._suffixed(text, {end: start for end, (start, _l) in ner_found.items()}))
        routes = list(self._routes(text)) if self._tagged and self._route_joiners else []
        if routes:  # 「甲至|乙高速公路改扩建工程」: a project's name starting at a route's second end starts at its first
            suffixed = [(next((r[0] for r in routes if r[1] < start <= r[2] and end > r[2]), start), end, label, rule)
                        if label == "INITIATIVE" else (start, end, label, rule) for start, end, label, rule in suffixed]
        zones = {end: start for end, (start, label) in ner_found.items() if label == "DISTRICT"}
        zones.update({end: start for start, end, label, rule in suffixed if label == "DISTRICT"})
        yield from self._agencies(text, zones)
        yield from self._generic_agencies(text)
        yield from suffixed
        yield from self._nz_events(text)
        for start, _joiner, _kind, end in routes:
            yield start, end, "INITIATIVE", "route"
        yield from self._titles(text)
        yield from self._quoted(text)

    def _nz_events(self, text: str):
        """「云溪县|赛桃会/nz」: an event the tagger reads as one proper word ending like a gathering or a festival
        (names.yml ``nz_event``), with the place the tagger reads right before it."""
        if self._nz_event is None:
            return
        ending, rule = self._nz_event
        for k, (start, end, tag) in enumerate(self._tagged):
            word = text[start:end]
            if tag != "nz" or len(word) < 3 or not ending.search(word) or word in self.lex.not_entities:
                continue
            if k and self._tagged[k - 1][1] == start and self._tagged[k - 1][2] == "LOC":
                start = self._tagged[k - 1][0]
            yield start, end, "INITIATIVE", rule

    def _branches(self, text: str):
        """「中国人民银行南京分行」: a known organisation, a place and a branch word make one name."""
        for m in self._branch.finditer(text):
            place = next((k for k in (4, 3, 2) if self.lex.is_place(text[max(0, m.start() - k):m.start()])), 0)
            if not place:
                continue
            before = text[:m.start() - place]
            parent = next((o for o in self._org_surfaces if before.endswith(o)), None)
            if parent:
                label = "AGENCY" if parent in self._agency_surfaces else "ENTERPRISE"
                yield m.start() - place - len(parent), m.end(), label, "branch"

    def _bracketed_zones(self, text: str):
        """「中国（宁州）自由贸易试验区」「中国（宁州）自贸试验区云溪片区」: a zone named by the country, its province in
        brackets and its kind (names.yml ``bracketed_zone``), with the area (片区) written after it, is one name."""
        if self._bracketed_zone is None:
            return
        for m in self._bracketed_zone.finditer(text):
            if self.lex.is_place(m.group(1)) or (m.start(1), m.end(1), "LOC") in self._tagged_set:
                yield m.start(), m.end(), "DISTRICT", "bracketed_zone"

    def _bracketed_companies(self, text: str):
        """「某某（宁州）投资建设有限公司」: a company's registered name with its place in brackets after the trade name
        (the place known, or read as a place by the tagger); the name starts where the tagger's words say (after the
        last verb or function word), as for the suffix rules. LAC reads such names in pieces."""
        for m in self._bracketed_company.finditer(text):
            place = m.group(1)
            if not (self.lex.is_place(place) or place in self.lex.countries or place == "中国"
                    or (m.start(1), m.end(1), "LOC") in self._tagged_set):
                continue
            left = m.start()
            while left > 0 and m.start() - left < self._bracketed_max_name and self._name_char(text[left - 1]) \
                    and text[left - 1] not in "（）":
                left -= 1
            cut = self._tagged_cut(left, m.start(), "ENTERPRISE") if self._tagged else 0
            if m.start() - (left + cut) >= 2:
                yield left + cut, m.end(), "ENTERPRISE", "bracketed_company"

    def _name_char(self, ch: str) -> bool:
        return bool(self._name_char_re.match(ch))

    def _bare_ok(self, text: str, pos: int) -> bool:
        if pos == 0:
            return True
        prev = text[pos - 1]
        return not ("\u4e00" <= prev <= "\u9fff") or prev in self.lex.patterns["bare_jurisdiction_after"]

    def _agencies(self, text: str, zones: dict[int, int]):
        """<jurisdiction><core>; the jurisdiction is a place, a zone found by the suffix rules
        (东湖高新区党工委), or a bare 市/区/县/省; a core alone counts right before a post title
        (「党工委副书记、管委会主任王某」)."""
        lex = self.lex
        for m in self._core_re.finditer(text):
            s, e = m.span()
            core = lex.agency_cores[m.group()]
            if core.kind == "party" and text[e:e + 1] in ("员", "会") and m.group() == "委":
                continue
            if s in zones:
                yield zones[s], e, "AGENCY", "agency_core"
                continue
            if len(m.group()) >= 3 and self._title_at.match(text, e) and (s == 0 or text[s - 1] in "、，。；：（ \n"):
                yield s, e, "AGENCY", "agency_core"
                continue
            best = None
            infix = INFIX.search(text, max(0, s - 16), s)
            if infix and infix.start() > 0:
                if infix.start() in zones:  # 某某工业新区(某某生态新区)|党工委
                    yield zones[infix.start()], e, "AGENCY", "agency_core"
                    continue
                s = infix.start()  # look for the jurisdiction before the session or bracket
            for k in range(min(s, 12), 0, -1):
                juris = text[s - k:s]
                start = s - k
                if juris.startswith("中共"):
                    juris = juris[2:]
                if lex.is_place(juris) or juris == "国家":
                    best = start
                    break
                if juris in lex.patterns["bare_jurisdictions"] and self._bare_ok(text, start if not text[start:s].startswith("中共") else start):
                    best = start
                    break
                if juris in self._zone_words and m.group() in self._zone_cores and self._bare_ok(text, start):
                    best = start  # 开发区管委会: the article's zone's committee
                    break
            if best is None:
                continue
            if best >= 2 and text[best - 2:best] == "中共":
                best -= 2
            yield best, e, "AGENCY", "agency_core"

    def _generic_agencies(self, text: str):
        stop = set(self.lex.patterns["agency_stop_chars"])
        for m in self._generic_agency.finditer(text):
            s = m.start()
            if not self._bare_ok(text, s) or stop & set(m.group(2)):
                continue
            name = m.group()
            if split_agency(name, self.lex).core is not None:
                continue  # the core table already covers it
            if any(t in name[1:] for t in self.lex.titles):
                continue  # 市委常委 is a body and a post, not one name
            yield s, m.end(), "AGENCY", "agency_suffix"

    def _suffixed(self, text: str, ner_starts: dict[int, int]):
        lex = self.lex
        # where the tagger's names run on past a character (长城|科技股份有限公司: 城 is no zone's end there)
        inside = {i for s, e, tag in self._tagged if tag in ("ORG", "LOC", "PER") for i in range(s + 1, e)}
        for rule, rx, clause in self._suffix_rules:
            institution, discipline = self._institution_after.get(rule["rule"], (None, None))
            for m in rx.finditer(text):
                if m.end() in inside:
                    continue
                if institution is not None and (discipline is None or discipline.fullmatch(m.group())) \
                        and institution.match(text, m.end()):
                    continue  # 「某某大学生物医学工程|与某某学院」: a discipline in an institution's name
                known = ner_starts.get(m.end())
                if known is not None and known < m.start():
                    if m.start() - known <= rule["max_name"] and text[known:m.end()] not in lex.not_entities \
                            and text[known:m.start()] not in lex.lead_words:
                        yield known, m.end(), rule["label"], rule["rule"]
                    continue
                max_name = rule.get("max_name_by_ending", {}).get(m.group(), rule["max_name"])
                left = m.start()
                while left > 0 and m.start() - left < max_name + 4 and (
                        self._name_char(text[left - 1]) or text[left - 1] in self._capacity_times
                        and left > 1 and text[left - 2].isdigit() and text[left].isdigit()):
                    left -= 1
                window = text[left:m.start()]
                if self._tagged and window:
                    cut = self._tagged_cut(left, m.start(), rule["label"], rule.get("verbs_break", False),
                                           self._joined.get(rule["rule"]), rule["min_name"])
                else:
                    if left > 0 and self._name_char(text[left - 1]):
                        window = window[len(words(window)[0][0]):] if window else window  # drop a cut word
                    cut = trim_left(window, lex.lead_words, rule["min_name"]) if window else 0
                name_part = window[cut:]
                if clause is not None:  # 「某某集团召开|某某大会」: the name starts after the clause's verb
                    # (read in the whole window: the cut may fall inside the verb, 「用|好某某平台」)
                    after = max([0, *(v.end() for v in clause.finditer(text, left, m.start()))])
                    if after > m.start() - len(name_part):
                        name_part = text[after:m.start()]
                if rule.get("route_joiners"):  # 「甲至|乙高铁」: a line named by both its ends
                    name_part = self._route_start(text, m.start() - len(name_part), rule["route_joiners"]) \
                        + name_part
                first_end = self._zone_first_end(text, m.start() - len(name_part), rule.get("ends_joiners", ""))
                if not (rule["min_name"] <= len(name_part) <= max_name):
                    continue
                if len(name_part) > rule["max_name"] and not any(
                        w[2] in _SITE_TAGS and w[0] >= m.start() - len(name_part) and w[1] <= m.start()
                        for w in self._tagged):
                    continue  # a name longer than the rule's max_name holds its site or owner (max_name_by_ending)
                name_part = first_end + name_part  # 「环甲山—|乙山某某引领区」: a zone named by two places
                start = m.start() - len(name_part)
                surface = text[start:m.end()]
                if surface in lex.not_entities or name_part in lex.not_entities or name_part in lex.lead_words:
                    continue  # 「依托|合作社」: a verb before a kind of body names nothing
                if rule["label"] == "DISTRICT" and (lex.is_place(surface) or lex.is_place_run(surface)):
                    continue  # 江苏盐城 is two places, not a zone named 江苏盐-城
                if name_part.endswith(tuple(rule.get("generic_endings", ()))) \
                        or rule.get("generic_names") and re.search(rule["generic_names"], surface):
                    continue
                if rule["require_proper"] and not first_end and not has_proper_prefix(name_part, lex):
                    # 「我县|龙华…产业园」: the name may start one or two characters later
                    k = next((k for k in (1, 2) if len(name_part) - k >= rule["min_name"]
                              and has_proper_prefix(name_part[k:], lex)
                              and not lex.is_place(name_part[:k])), 0)
                    if not k:
                        continue
                    name_part, start = name_part[k:], start + k
                if rule["label"] == "INITIATIVE" and self._phase_word is not None and self._tagged \
                        and self._no_phase_owner(start, start + len(name_part)):
                    continue  # 「甲|穿过|一期工程」「二期项目配套工程」: a phase of no named project
                if rule["label"] == "ENTERPRISE" and self._tagged and common_phrase(name_part):
                    continue  # 高风险中小|银行: common words the model does not read as a name
                if len(name_part) < rule.get("weak_min_name", {}).get(m.group(), 0):
                    continue  # 从江|城: a place and 城 is no zone
                if rule.get("year_before"):  # 「2025年|某地某某公开赛」: an event's year opens its name
                    year = re.search(f"(?<![0-9])(?:{rule['year_before']})$", text[max(0, start - 8):start])
                    start -= len(year.group()) if year else 0
                yield start, m.end(), rule["label"], rule["rule"]

    def _no_phase_owner(self, start: int, end: int) -> bool:
        """Whether a name part ``[start, end)`` holds a project's phase (「一期」) right after a verb or an adverb (or
        at its start): the phase of no named project (「甲|穿过|二期工程」; a named one's phase follows its name)."""
        m = self._phase_word.search(self._current_text, start, end)
        if m is None:
            return False
        before = [w for w in self._tagged if w[1] > start and w[0] < m.start()]
        return not before or before[-1][2] in _VERB_TAGS

    def _routes(self, text: str):
        """Lines and works named by their two ends (names.yml ``routes``): ``(start, joiner, kind start, end)`` of
        「甲至乙高速公路」「甲省乙—丙省丁±800千伏特高压工程」, read on the tagger's words."""
        tagged = self._tagged
        for k, (js, je, _tag) in enumerate(tagged):
            if je - js != 1 or text[js] not in self._route_joiners or k == 0:
                continue
            m = self._route_rest.match(text, je)
            if m is None:
                continue
            second = [w for w in tagged[k + 1:] if w[0] < m.end(1)]
            if not second or any(w[2] not in self._route_end_tags for w in second):
                continue
            # the first end: the word at the joiner, and the places written before it
            first = [tagged[k - 1]]
            if first[0][1] != js or first[0][2] not in self._route_end_tags \
                    or text[first[0][0]:js] in self.lex.lead_words:
                continue
            for w in reversed(tagged[max(0, k - self._route_end_words):k - 1]):
                if w[1] != first[0][0] or not (w[2] in self._route_place_tags or self.lex.is_place(text[w[0]:w[1]])):
                    break
                first.insert(0, w)
            # 「湖北|甲至乙高铁」: a province or city written before the first end alone is where the line lies, not
            # part of its name; before each end (「甲省乙至丙省丁高速公路」) it is
            pieces = sum(len(self.lex.place_run(text[w[0]:min(w[1], m.end(1))])) or 1 for w in second)
            first = first[-pieces:]
            start = first[0][0]
            if js - start > self._route_end_max or start > 0 and any(text[:start].endswith(x) for x in self._route_not_after):
                continue
            places = [w for w in first + second if w[2] in self._route_place_tags or self.lex.is_place(text[w[0]:w[1]])]
            if not places and not self.lex.is_place(text[je:m.end(1)]):
                continue
            yield start, js, m.end(1), m.end()

    def _route_start(self, text: str, start: int, joiners: str) -> str:
        """The first end of a line named by both its ends (「甲至|乙高铁」「甲—|乙铁路」), written right before
        ``start`` as a place (a word LAC tags as a place, or one the lexicon knows) and a joiner; else ""."""
        if start < 3 or text[start - 1] not in joiners:
            return ""
        i = bisect.bisect_left(self._tag_ends, start - 1)
        word = self._tagged[i] if i < len(self._tagged) and self._tag_ends[i] == start - 1 else None
        if word is not None and (word[2] in ("LOC", "ns") or self.lex.is_place(text[word[0]:word[1]])):
            return text[word[0]:start]
        return ""

    def _zone_first_end(self, text: str, start: int, joiners: str) -> str:
        """The first of two places a zone is named by (「环甲山—|乙山某某引领区」「甲—|乙合作区」), written right before
        ``start`` as the tagger's places (up to the routes' ``end_words`` words and ``end_max`` characters) and a
        joiner, when the name after the joiner starts with a place too; else ""."""
        if not joiners or not self._tagged or start < 2 or text[start - 1] not in joiners:
            return ""
        i = bisect.bisect_left(self._tag_ends, start)
        if i == 0 or i >= len(self._tagged) or self._tagged[i][:2] != (start - 1, start):
            return ""
        places = self._route_place_tags
        after = self._tagged[i + 1] if i + 1 < len(self._tagged) else None
        if after is None or after[0] != start or after[2] not in places:
            return ""  # 「某某—|新型工业化示范区」: no place after the joiner
        first = start - 1
        for w in reversed(self._tagged[max(0, i - self._route_end_words):i]):
            if w[1] != first or w[2] not in places:
                break
            first = w[0]
        if first == start - 1 or start - 1 - first > self._route_end_max \
                or any(text[:first].endswith(x) for x in self._route_not_after):
            return ""
        return text[first:start]

    def _tagged_cut(self, left: int, right: int, label: str, verbs_break: bool = False,
                    joined: tuple[frozenset[str], re.Pattern, int] | None = None, min_keep: int = 0) -> int:
        """Where a name ending at ``right`` starts (as an offset from ``left``), by the tagger's words:
        after the last function word, number, dated time or person name before ``right`` (and, for
        organisations and zones, the last verb or adverb; initiative names hold verbs: 数据应用平台, so
        their clause-opening verbs are dropped with jieba's words as in rules-only mode; a verb right after a
        purpose mark, 「为|规范|某某项目」, is dropped too); a word cut by ``left`` is dropped whole. With ``joined``
        (joiners, a name's ending), a joiner after words that neither end like a name nor hold one the tagger reads
        joins them to the name (「实施|甲和乙工程」; 「甲工程和|乙工程」, 「日照和|海口…项目」 are two names)."""
        text = self._current_text
        bracket = re.search(r"[（(]([\u4e00-\u9fff]{2,8})[）)]$", text[left:right])
        inner = bracket.group(1) if bracket else ""
        if bracket and (self.lex.is_place(inner) or inner in self.lex.countries or inner == "中国"
                        or (left + bracket.start(1), left + bracket.end(1), "LOC") in self._tagged_set):
            right = left + bracket.start()  # 台积电（南京）有限公司: the bracketed place belongs to the name
        i = bisect.bisect_right(self._tag_ends, left)
        cut = left
        breaks = _FUNCTION_TAGS | _ADVERB_TAGS if label == "INITIATIVE" and not verbs_break \
            else _FUNCTION_TAGS | _ADVERB_TAGS | {"v"}
        capacities = set()  # where a capacity inside a project's name ends, by its start (project_capacity)
        kept_joiner = None  # the first joiner inside the name (lead words are trimmed before it only)
        times = 0  # where a unit count's capacity 「2×|100万千瓦」 ends
        for k, (start, end, tag) in enumerate(self._tagged[i:], i):
            if start >= right:
                break
            if start < times:
                continue
            word = text[start:end]
            if label == "INITIATIVE" and tag == "m" and start >= left and end < right and self._capacity is not None \
                    and self._capacity.match(word):
                capacities.add((start, end))
                continue  # 「某县|10万千瓦|风电项目」: the capacity is part of the name
            if label == "INITIATIVE" and tag == "m" and word.isdigit() and start >= left and self._capacity is not None \
                    and k + 2 < len(self._tagged) and text[end:self._tagged[k + 1][1]] in self._capacity_times \
                    and self._tagged[k + 2][1] < right and self._tagged[k + 1][1] == self._tagged[k + 2][0] \
                    and self._capacity.match(text[self._tagged[k + 2][0]:self._tagged[k + 2][1]]):
                times = self._tagged[k + 2][1]
                capacities.add((start, times))
                continue  # 「某电厂|2×100万千瓦|煤电机组」: so many units of a capacity
            if joined is not None and word in joined[0] and right - end >= joined[2] and start >= left:
                # 「某省|启动|甲和乙工程」: a name the tagger reads before a verb is the clause's subject, the
                # programme's name starts after the verb
                last_name = max((w[1] for w in self._tagged[i:k] if w[0] >= cut and w[2] in _NAME_TAGS), default=None)
                verb = next((w[1] for w in self._tagged[i:k] if last_name is not None and w[0] >= last_name
                             and w[2] == "v"), None)
                opens = cut if last_name is None else verb
                if opens is not None and start - opens >= 2 and joined[1].search(text, opens, start) is None:
                    cut = opens
                    kept_joiner = start if kept_joiner is None or kept_joiner < cut else kept_joiner
                    continue  # 「甲和乙工程」: 甲 is no name of its own
            if tag == "v" and k > 0 and self._tagged[k - 1][1] == start \
                    and text[self._tagged[k - 1][0]:start] in self._purpose_marks:
                cut = max(cut, min(end, right))  # 「为|规范|某某项目」: a purpose clause's verb, no name's start
            elif start < left or tag in breaks and not (tag == "m" and re.search(r"[A-Za-z]|[期号代]$|^第.+届$", word)) \
                    or tag in ("TIME", "t") and re.search(r"[0-9年月日时]", word):
                cut = max(cut, min(end, right))
        if label == "INITIATIVE" and cut < right and not _EDITION.match(text, cut):
            # the lead words before the name's capacity, if any (jieba's numbers are no lead words)
            until = min([right, *(start for start, _end in capacities if start >= cut)])
            if kept_joiner is not None and kept_joiner > cut:  # 「实施|甲和乙工程」: the tagger's lead words only
                for start, end, _tag in self._tagged[i:]:
                    if start == cut and end < kept_joiner and text[start:end] in self.lex.lead_words:
                        cut = end
            else:
                # (a name the trimming would leave shorter than ``min_keep`` keeps the verbs that open it,
                # 「启动|防止某某攻坚行动」, and the lead word that ends it, 「某某保障支持行动」)
                trimmed = cut + (trim_left(text[cut:until], self.lex.lead_words, min_keep) if until > cut else 0)
                # (a place the tagger reads is no lead word jieba takes for a time, 「中日|科技创新高层对话」)
                site = next((w for w in self._tagged[i:] if w[0] == cut), None)
                if not (site is not None and site[1] == trimmed and site[2] in _SITE_TAGS
                        and text[cut:trimmed] not in self.lex.lead_words):
                    cut = trimmed
                # (jieba's verb inside a place or an organisation the tagger reads, 「推进|远航|集团…工程」, starts
                # no name: the name starts with the tagger's word, unless the tagger reads a verb after it, 「某区|主攻|…」)
                inside = next((w for w in self._tagged[i:] if w[0] < cut < w[1] and w[2] in _SITE_TAGS and w[0] >= left),
                              None)
                if inside is not None and not any(w[2] == "v" and inside[1] <= w[0] < until for w in self._tagged[i:]):
                    cut = inside[0]
        cut = next((end for start, end in capacities if start == cut), cut)  # no name starts with a capacity
        return cut - left



    def _titles(self, text: str):
        for m in self._book.finditer(text):
            inner = m.group(1)
            label = "MEDIA" if self._media_title.search(inner) and len(inner) <= 8 else "INITIATIVE"
            yield m.start(1), m.end(1), label, "book_title"

    def _quoted(self, text: str):
        q = self.lex.patterns["quoted"]
        systems = set()  # where a quoted system's quotation starts
        lists = self._q_list.finditer(text) if self._q_list is not None else ()
        for m in heapq.merge(self._q_system.finditer(text), lists, key=lambda m: m.start()):
            if m.start() in systems:
                continue  # read already (a system's and a list's suffix both match)
            listed = m.re is self._q_list
            if listed and (self._q_list_mark not in m.group(1) or m.group(2) and not (
                    self._q_code_gap is not None and self._q_code_gap.match(m.group(2)))):
                continue  # 「“甲、乙”活动」: only a list of slogans right before the kind (or 等…) names a campaign
            marks = "+" + (self._q_list_mark if listed else "")
            if any(c in m.group(1) for c in q["reject_chars"] if c not in marks) or "的" in m.group(2):
                continue
            if any(w in m.group(2) for w in self.lex.lead_words):
                continue  # “一省一策”制定个性化改革: a verb between the code and the noun
            if self._q_reject_gap is not None and self._q_reject_gap.search(m.group(2)):
                continue  # “某某”各项目, “某某”转化为某某战略: a determiner or a verb between them
            code = (self._q_code_gap is not None and self._q_code_gap.match(m.group(2))) or (
                not m.group(2) and self._q_code_named is not None and self._q_code_named.match(m.group(3)))
            systems.add(m.start())
            if code and not m.group(2) and (m.group(1) in self._media_surfaces or self._media_title.search(m.group(1))):
                continue  # 「据“某某新闻”客户端消息」「“某某日报”APP」: a media outlet's app, the outlet's name, no app's
            if code:  # “某某”等重点工程, “某某”项目: the code is the name
                yield m.start(1), m.end(1), "INITIATIVE", "quoted_system", self._known.get(m.group(1), "")
                continue
            # “浙里办”平台 is the platform 浙里办 when the gazetteer knows it
            yield m.start(), m.end(), "INITIATIVE", "quoted_system", self._known.get(m.group(1), "")
        for m in self._quote.finditer(text):
            inner = m.group(1)
            if not (q["min_len"] <= len(inner) <= q["max_len"]) or any(c in inner for c in q["reject_chars"]):
                continue
            if inner in self.lex.not_entities or any(r.search(inner) for r in self._q_reject):
                continue
            if self._q_honorific is not None and self._q_honorific.search(text, max(0, m.start() - 4), m.start()):
                continue  # 「被誉为“某某第一街”」: a title the place is given, no name
            after = text[m.end():m.end() + 1]
            if self._q_accept.search(inner) or has_proper_prefix(inner, self.lex) and len(inner) >= 5 \
                    or after in ("（", "(") and len(inner) >= 4:
                yield m.start(1) + self._task_lead(inner), m.end(1), "INITIATIVE", "quoted_name"
        yield from self._quoted_programmes(text, systems)

    def _quoted_programmes(self, text: str, systems: set[int]):
        """「实施“某某焕新”」「推行“甲”“乙”等」: quotations right after a verb that carries a programme out (names.yml
        ``quoted.programme_verbs``), or in the run of quotations that follows one, name programmes (rule
        ``quoted_programme``) when the quoted-name rule does not accept them already, no quoted system starts at them
        (「推进“某某”行动」 is the 行动, read whole by ``quoted_system``) and what follows the run does not make them a
        manner, a sector or a period (``programme_not_before``: 「推行“某某+某某”模式」)."""
        q = self.lex.patterns["quoted"]
        if self._q_programme_verb is None:
            return
        low, high = int(q.get("programme_min_len", 2)), int(q.get("programme_max_len", 16))
        run = []  # the quotations of the current run: (start, end, inner)
        inner_quotes = self._q_inner.finditer(text) if self._q_inner is not None else ()
        for m in heapq.merge(self._quote.finditer(text), inner_quotes, key=lambda m: m.start()):
            if run and m.start() == run[-1][1]:
                run.append((m.start(), m.end(), m.group(1), False))
                continue
            yield from self._programme_run(text, run, systems, low, high)
            led = self._q_programme_verb.search(text, max(0, m.start() - 4), m.start()) is not None
            run = [(m.start(), m.end(), m.group(1), led)]
        yield from self._programme_run(text, run, systems, low, high)

    def _programme_run(self, text: str, run: list, systems: set[int], low: int, high: int):
        """The quotations of ``run`` (after a programme verb when its first is led by one) that name programmes."""
        if not run or self._q_programme_not_before.match(text, run[-1][1]) is not None:
            return
        if not run[0][3] and self._q_programme_after.match(text, run[-1][1]) is None:
            return
        q = self.lex.patterns["quoted"]
        for start, end, inner, _led in run:
            if not (low <= len(inner) <= high) or any(c in inner for c in q["reject_chars"]) or start in systems:
                continue
            if inner in self.lex.not_entities or any(r.search(inner) for r in self._q_reject):
                continue
            if text[start] == "‘" and self._q_system_kind.match(text, end) is not None:
                continue  # 「‘某某’工程」: the system 「“某某”工程」 of another sentence, whose code is its alias
            if text[start] != "‘" and (self._q_accept.search(inner) or has_proper_prefix(inner, self.lex)
                                        and len(inner) >= 5 or text[end:end + 1] in ("（", "(") and len(inner) >= 4):
                continue  # the quoted-name rule's already (it reads no single marks)
            yield start + 1, end - 1, "INITIATIVE", "quoted_programme", self._known.get(inner, "")

    def _task_lead(self, inner: str) -> int:
        """How many characters of a quoted programme are the task's verbs before its name (「“深入实施|某某振兴行动”」
        quotes a document's task: the programme is named after the verbs), as long as a programme's name remains."""
        cut = 0
        while True:
            m = self._q_task_lead.match(inner, cut)
            if m is None or len(inner) - m.end() < 4 or not self._q_accept.search(inner, m.end()):
                return cut
            cut = m.end()


@Language.factory("kg_name_patterns", default_config={"data_dir": ""},
                  assigns=["doc.spans"])
def make_name_patterns(nlp: Language, name: str, data_dir: str) -> NamePatterns:
    return NamePatterns(nlp, name, data_dir)
