"""``kg_relation_modality``: the relations of ``doc._.kg_relations`` (the rules' and the classifier's) checked against
what their sentence says of them, run last among the relation components. A relation the text states as not holding
is dropped; a post the text states as past is kept with its title saying so.

* ``issuedBy`` from a body that only handles the document (转发, 解读, 学习, 贯彻落实 …: 「甲转发《X》」
  「甲负责人解读了…《X》」) is dropped, and when the sentence states the issuer after that verb or as the title's
  opening (「乙出台的《X》」, 《乙关于…》), only the stated issuer keeps it. 印发 is issuing and no such verb.
* ``holdsPostIn`` proposed, not held (「拟推荐甲为…副局长人选」「拟任」「提名甲为…候选人」) is dropped.
* ``holdsPostIn`` former (「原…局长甲」「…原局长甲」「曾任」「时任」) is kept, as the judges annotate it, with the word
  in its title (原局长; a word opening a chain of titles holds for all of them), so that no query reads it as the
  post held on the article's date.
* ``partnerOf`` whose clause says the cooperation failed, ended or is denied (「合作谈判已经终止」「未能达成协议」
  「终止与乙的合作」「否认与乙存在合作」) is dropped.

The cue words are data (``patterns/modality.yml``). The checks are module-level functions over the text and one
relation, so they can be tested and reused on their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from kg.config import NLP_DATA_DIR
from kg.nlp.spans import text_of

__all__ = ["Cues", "RelationModality", "make_relation_modality", "load_cues", "handled_not_issued",
           "proposed_post", "former_word", "former_posts", "failed_partnership", "PATTERN_FILE"]

PATTERN_FILE = "modality.yml"
_CLAUSE_BREAK = "，。；！？\n,;!?"
_SENTENCE_BREAK = "。；！？\n;!?"


@dataclass(frozen=True)
class Cues:
    """The compiled cue patterns of ``modality.yml``."""

    handle: re.Pattern
    title_joiner: str
    proposed_or_appointed: re.Pattern  # group "proposed" when a proposing word
    candidacy: str
    former: re.Pattern
    chain_reset: re.Pattern  # what ends a former word's reach over a chain of titles
    failed_partner: re.Pattern
    both_sides: re.Pattern


def load_cues(data_dir: str | Path = "") -> Cues:
    """The cues under ``data_dir`` (the packaged ones when that folder has no ``patterns/modality.yml``)."""
    path = Path(data_dir or NLP_DATA_DIR) / "patterns" / PATTERN_FILE
    if not path.is_file():
        path = NLP_DATA_DIR / "patterns" / PATTERN_FILE
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return Cues(handle=re.compile(rf"(?:{raw['handle_verbs']})"),
                title_joiner=raw["title_joiners"],
                proposed_or_appointed=re.compile(rf"(?P<proposed>{raw['proposed_words']})|(?:{raw['appointed_words']})"),
                candidacy=raw["candidacy_after"],
                former=re.compile(rf"(?:{raw['former_words']})$"),
                chain_reset=re.compile(rf"[{_CLAUSE_BREAK}]|{raw['chain_reset']}"),
                failed_partner=re.compile(raw["failed_partner"]),
                both_sides=re.compile(rf"(?:{raw['both_sides']})"))


def _clause_start(text: str, pos: int, breaks: str = _CLAUSE_BREAK) -> int:
    i = pos
    while i > 0 and text[i - 1] not in breaks:
        i -= 1
    return i


def _clause_end(text: str, pos: int, breaks: str = _CLAUSE_BREAK) -> int:
    i = pos
    while i < len(text) and text[i] not in breaks:
        i += 1
    return i


def handled_not_issued(text: str, rels: list[dict], cues: Cues) -> set[int]:
    """Indexes into ``rels`` of the issuedBy relations from a body that only handles the document. The document
    ``W`` is governed by a handling verb of its clause (「转发《W》」「解读了乙出台的《W》」「贯彻落实《W》」, several
    titles joined by 「、和及」 allowed between). A body written before that verb in the clause is the one handling
    ``W`` (「甲转发《W》」「甲负责人解读了…《W》」), not its issuer; and when another issuedBy of the same mention of
    ``W`` names a body written between the verb and the end of ``W`` (the issuer the sentence states: 「乙出台的《W》」,
    《乙关于…》), no body outside that stretch issued ``W`` either (「为贯彻落实《乙关于…》，甲…」)."""
    by_work: dict[tuple, list[int]] = {}
    for i, rel in enumerate(rels):
        if rel["p"] == "issuedBy":
            by_work.setdefault(rel["s"], []).append(i)
    drop: set[int] = set()
    joined = re.compile(rf"《[^《》]*》{cues.title_joiner}")
    for work, indexes in by_work.items():
        start = _clause_start(text, work[0])
        verb = None
        for m in cues.handle.finditer(text, start, work[0]):
            between = joined.sub("", text[m.end():work[0]].removesuffix("《").removesuffix("“"))
            if "《" not in between and "》" not in between and "“" not in between:
                verb = m
                break
        if verb is None:
            continue
        drop.update(i for i in indexes if start <= rels[i]["o"][0] and rels[i]["o"][1] <= verb.start())
        stated = [i for i in indexes if verb.end() <= rels[i]["o"][0] and rels[i]["o"][1] <= work[1]]
        if stated:
            drop.update(i for i in indexes if i not in stated)
    return drop


def proposed_post(text: str, rel: dict, cues: Cues) -> bool:
    """A holdsPostIn the text proposes and does not state as held: the last appointment word in the clause up to
    the post (the person and the organisation) proposes (拟推荐, 拟任, 提名), or the post is written as a candidacy
    (「…局副局长人选」「…候选人」 right after it)."""
    person, org = rel["s"], rel["o"]
    last = max(person[1], org[1])
    start = _clause_start(text, max(person[0], org[0]))  # the clause of the later end, not of a carried body
    words = list(cues.proposed_or_appointed.finditer(text, start, last))
    if words and words[-1].group("proposed"):
        return True
    role = re.escape(rel.get("role") or "")
    return re.compile(rf"(?:{role})?(?:{cues.candidacy})").match(text, last) is not None


def former_word(text: str, rel: dict, cues: Cues) -> str:
    """The word (原, 前任, 曾任, 时任) that makes a holdsPostIn a past post: written right before its organisation,
    or between the organisation and its title (「某局原局长」), else ""."""
    m = _former_match(text, rel, cues)
    return m.group() if m else ""


def _former_match(text: str, rel: dict, cues: Cues) -> re.Match | None:
    person, org = rel["s"], rel["o"]
    for end in (org[0], _title_start(text, rel)):
        if end is None:
            continue
        m = cues.former.search(text, max(0, end - 3), end)
        if m is None:
            continue
        if m.group() == "原" and m.start() > 0 and not _bounded(text, m.start(), person):
            continue  # 高原, 草原: part of a word
        return m
    return None


def former_posts(text: str, rels: list[dict], cues: Cues) -> dict[int, str]:
    """Index into ``rels`` → the former word of each past post. The word opening a chain of titles before a name
    holds for the chain's later posts too (「时任某省委副书记、省长甲」: both), up to a 现/现任 or a clause break."""
    out: dict[int, str] = {}
    marks: dict[tuple, list[re.Match]] = {}  # person mention → the former words of its posts
    for i, rel in enumerate(rels):
        if rel["p"] == "holdsPostIn":
            m = _former_match(text, rel, cues)
            if m is not None:
                out[i] = m.group()
                marks.setdefault(rel["s"], []).append(m)
    for i, rel in enumerate(rels):
        if i in out or rel["p"] != "holdsPostIn" or rel["s"] not in marks:
            continue
        person, org = rel["s"], rel["o"]
        for m in marks[person]:
            between = text[m.end():org[0]]
            if m.end() <= org[0] and org[1] <= person[0] and cues.chain_reset.search(between) is None:
                out[i] = m.group()
                break
    return out


def _title_start(text: str, rel: dict) -> int | None:
    """Where the relation's title is written next to its organisation (「某局|局长」), when it is."""
    org, role = rel["o"], rel.get("role") or ""
    if not role:
        return None
    at = text.find(role, org[1], org[1] + len(role) + 3)
    return at if at >= 0 else None


def _bounded(text: str, pos: int, person: tuple) -> bool:
    """``pos`` opens a word: after a clause start, a punctuation mark, a list mark, 的/为/任, or the person's name."""
    before = text[pos - 1]
    return pos == person[1] or not ("\u4e00" <= before <= "\u9fff") or before in "的为任系是及和"


def failed_partnership(text: str, rel: dict, cues: Cues) -> bool:
    """A partnerOf whose clause says the cooperation failed, ended or is denied: a cue from the pair's first
    mention to the end of the clause holding its second, or in the next clause when that opens with 双方."""
    a, b = rel["s"], rel["o"]
    first, last = min(a[0], b[0]), max(a[1], b[1])
    end = _clause_end(text, last)
    start = max(_clause_start(text, first), _clause_start(text, max(a[0], b[0]), _SENTENCE_BREAK))
    window = text[start:end]
    if end < len(text) and text[end] not in _SENTENCE_BREAK:
        nxt = text[end + 1:_clause_end(text, end + 1)]
        if cues.both_sides.match(nxt):
            window += "，" + nxt
    return cues.failed_partner.search(window) is not None


class RelationModality:
    def __init__(self, nlp: Language, name: str = "kg_relation_modality", data_dir: str = ""):
        self.name = name
        self.cues = load_cues(data_dir)

    def __call__(self, doc: Doc) -> Doc:
        rels = list(doc._.kg_relations or ())
        if not rels:
            return doc
        text = text_of(doc)
        drop = handled_not_issued(text, rels, self.cues)
        former = former_posts(text, rels, self.cues)
        out = []
        for i, rel in enumerate(rels):
            if i in drop:
                continue
            if rel["p"] == "holdsPostIn":
                if proposed_post(text, rel, self.cues):
                    continue
                word = former.get(i, "")
                role = rel.get("role") or ""
                if word and role and not role.startswith(word):
                    rel = {**rel, "role": word + role}
            elif rel["p"] == "partnerOf" and failed_partnership(text, rel, self.cues):
                continue
            out.append(rel)
        doc._.kg_relations = tuple(out)
        return doc


@Language.factory("kg_relation_modality", default_config={"data_dir": ""}, assigns=["doc._.kg_relations"],
                  requires=["doc._.kg_relations"])
def make_relation_modality(nlp: Language, name: str, data_dir: str) -> RelationModality:
    return RelationModality(nlp, name, data_dir)
