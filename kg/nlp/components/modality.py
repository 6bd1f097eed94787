"""``kg_relation_modality``: the relations of ``doc._.kg_relations`` (the rules' and the classifier's) checked against
what their sentence says of them, run last among the relation components. A relation the text states as not holding
is dropped.

* ``issuedBy`` from a body that only handles the document (转发, 解读, 学习, 贯彻落实 …) while the sentence states
  its issuer after that verb or as the title's opening (「甲转发《乙关于…》」「甲负责人解读了乙出台的《X》」) is dropped:
  only the stated issuer keeps it. 印发 is issuing and no such verb.

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

__all__ = ["Cues", "RelationModality", "make_relation_modality", "load_cues", "handled_not_issued", "PATTERN_FILE"]

PATTERN_FILE = "modality.yml"
_CLAUSE_BREAK = "，。；！？\n,;!?"


@dataclass(frozen=True)
class Cues:
    """The compiled cue patterns of ``modality.yml``."""

    handle: re.Pattern
    title_joiner: str


def load_cues(data_dir: str | Path = "") -> Cues:
    """The cues under ``data_dir`` (the packaged ones when that folder has no ``patterns/modality.yml``)."""
    path = Path(data_dir or NLP_DATA_DIR) / "patterns" / PATTERN_FILE
    if not path.is_file():
        path = NLP_DATA_DIR / "patterns" / PATTERN_FILE
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return Cues(handle=re.compile(rf"(?:{raw['handle_verbs']})"),
                title_joiner=raw["title_joiners"])


def _clause_start(text: str, pos: int, breaks: str = _CLAUSE_BREAK) -> int:
    i = pos
    while i > 0 and text[i - 1] not in breaks:
        i -= 1
    return i


def handled_not_issued(text: str, rels: list[dict], cues: Cues) -> set[int]:
    """Indexes into ``rels`` of the issuedBy relations from a body that only handles the document: the document
    ``W`` is governed by a handling verb of its clause (「转发《W》」「解读了乙出台的《W》」, several titles joined by
    「、和及」 allowed between), and another issuedBy of the same mention of ``W`` names a body written between that
    verb and the end of ``W`` (the issuer the sentence states); every issuedBy of ``W`` to a body outside that
    stretch is dropped."""
    by_work: dict[tuple, list[int]] = {}
    for i, rel in enumerate(rels):
        if rel["p"] == "issuedBy":
            by_work.setdefault(rel["s"], []).append(i)
    drop: set[int] = set()
    joined = re.compile(rf"《[^《》]*》{cues.title_joiner}")
    for work, indexes in by_work.items():
        if len(indexes) < 2:
            continue
        start = _clause_start(text, work[0])
        verb_end = None
        for m in cues.handle.finditer(text, start, work[0]):
            between = joined.sub("", text[m.end():work[0]].removesuffix("《").removesuffix("“"))
            if "《" not in between and "》" not in between and "“" not in between:
                verb_end = m.end()
                break
        if verb_end is None:
            continue
        stated = [i for i in indexes if verb_end <= rels[i]["o"][0] and rels[i]["o"][1] <= work[1]]
        if stated:
            drop.update(i for i in indexes if i not in stated)
    return drop


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
        doc._.kg_relations = tuple(rel for i, rel in enumerate(rels) if i not in drop)
        return doc


@Language.factory("kg_relation_modality", default_config={"data_dir": ""}, assigns=["doc._.kg_relations"],
                  requires=["doc._.kg_relations"])
def make_relation_modality(nlp: Language, name: str, data_dir: str) -> RelationModality:
    return RelationModality(nlp, name, data_dir)
