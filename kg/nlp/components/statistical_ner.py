"""``kg_lac_ner``: a pretrained Chinese NER (Baidu LAC, see :mod:`kg.nlp.lac`) proposes names.

Each sentence with a Chinese character is tagged once; the PER, LOC and ORG words (and ``nw``,
titles of works) go to ``doc.spans["kg_ner"]`` with LAC's own labels, and LAC's word boundaries
to ``doc.user_data["kg_words"]`` as ``(start, end, tag)`` tuples. Typing them into kg's six
entity types is the rules' job (``kg_ner_typing``), not the model's.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lac import load_lac
from kg.nlp.spans import text_of

__all__ = ["LacNer", "make_lac_ner", "NER_SPANS", "PROPOSED_TAGS", "lac_words"]

NER_SPANS = "kg_ner"
PROPOSED_TAGS = ("PER", "LOC", "ORG", "nw", "nz")


def lac_words(doc: Doc) -> tuple[tuple[int, int, str], ...]:
    """LAC's words of the whole text as ``(start, end, tag)``; empty when the NER did not run."""
    return doc.user_data.get("kg_words", ())


class LacNer:
    """Runs the model over the Doc's sentences and records its proposals (no typing, no filtering)."""

    def __init__(self, nlp: Language, name: str = "kg_lac_ner", model_dir: str = "", threads: int = 1,
                 max_chunk: int = 160):
        self.name = name
        self.model_dir = model_dir
        self.threads = threads
        self.max_chunk = max_chunk

    @property
    def model(self):
        return load_lac(self.model_dir, self.threads)

    def read_ahead(self, text: str) -> None:
        """Start encoding the sentences of ``text`` (a Doc's folded text, see :func:`kg.nlp.extract.read_ahead`)
        in the background, so that tagging it later mostly collects results."""
        self.model.read_ahead_text(text, self.max_chunk)

    def __call__(self, doc: Doc) -> Doc:
        found = self.model.text_words(text_of(doc), self.max_chunk)
        doc.user_data["kg_words"] = found
        spans = []
        for start, end, tag in found:
            if tag in PROPOSED_TAGS:
                span = doc.char_span(start, end, label=tag, kb_id="lac")
                if span is not None:
                    spans.append(span)
        doc.spans[NER_SPANS] = spans
        return doc


@Language.factory("kg_lac_ner", default_config={"model_dir": "", "threads": 1, "max_chunk": 160},
                  assigns=["doc.spans"])
def make_lac_ner(nlp: Language, name: str, model_dir: str, threads: int, max_chunk: int) -> LacNer:
    return LacNer(nlp, name, model_dir, threads, max_chunk)
