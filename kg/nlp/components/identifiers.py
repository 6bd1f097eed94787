"""kg_identifiers: stock codes and unified social credit codes the text gives an organisation, attached to
the organisation named just before them in the same sentence (「远航智能科技股份有限公司（股票代码：688001）」,
「统一社会信用代码：91350100M000100Y43」). A credit code counts only with a right check character."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.language.identifiers import stock_code, valid_credit_code
from kg.language.lexicon import load_lexicon
from kg.nlp.spans import text_of

__all__ = ["Identifiers"]


class Identifiers:
    def __init__(self, nlp: Language, name: str = "kg_identifiers", data_dir: str = ""):
        self.name = name
        cfg = load_lexicon(data_dir).patterns["identifiers"]
        self.max_gap = int(cfg["max_gap"])
        self.holders = set(cfg["holders"])
        self._stock = re.compile(rf"(?:{cfg['stock_labels']})\s*[:：]?\s*((?:SH|SZ|BJ|HK)?\d{{4,6}}(?:\.(?:SH|SZ|BJ|HK|SS))?)"
                                 r"|[（(]((?:SH|SZ|BJ)?\d{6}(?:\.(?:SH|SZ|BJ|SS))?|\d{5}\.HK)[)）]|"
                                 r"\b(\d{6}\.(?:SH|SZ|BJ|SS)|\d{5}\.HK)\b", re.I)
        self._credit = re.compile(rf"(?:{cfg['credit_labels']})\s*[:：为是]?\s*([0-9A-Z]{{18}})(?![0-9A-Z])")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        holders = [e for e in doc.ents if e.label_ in self.holders]
        found = []
        for scheme, pattern in (("stockCode", self._stock), ("creditCode", self._credit)):
            for m in pattern.finditer(text):
                raw = next(g for g in m.groups() if g)
                value = stock_code(raw) if scheme == "stockCode" else raw if valid_credit_code(raw) else None
                holder = self._holder(text, holders, m.start())
                if value and holder is not None:
                    found.append({"ent": holder, "scheme": scheme, "value": value, "ev": (m.start(), m.end())})
        doc._.kg_identifiers = found
        return doc

    def _holder(self, text: str, holders, at: int):
        """The organisation named last before ``at``, in the same sentence and at most ``max_gap`` before it."""
        best = None
        for ent in holders:
            if ent.end_char <= at and at - ent.end_char <= self.max_gap \
                    and not re.search(r"[。！？\n]", text[ent.end_char:at]):
                best = ent
        return best


@Language.factory("kg_identifiers", default_config={"data_dir": ""}, assigns=["doc._.kg_identifiers"])
def make_identifiers(nlp: Language, name: str, data_dir: str) -> Identifiers:
    return Identifiers(nlp, name, data_dir)
