"""Run the pipeline over documents and turn annotated Docs into :class:`kg.facts.Extraction` records."""
from __future__ import annotations

import dataclasses
import time
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from kg.facts import Evidence, Extraction, Figure, Identifier, Mention, Relation, Turn
from kg.ingest.document import Document, Paragraph
from kg.nlp.components.figures import resolve_period
from kg.language.fold import Visible, fold, punctuation_as_written, visible
from kg.nlp.spans import span_text, text_of

__all__ = ["extract", "to_doc", "make_doc", "char_words_and_spaces", "extract_document", "read_ahead", "sections",
           "SECTION_CHARS"]

# longer articles are read in sections of about this size: memory stays bounded, and so does the time of the
# components whose work grows faster than the text (a 100,000-character section took 2.8 times as long as five of
# 20,000: 65 s against 23 s); every article of the evaluation sets is shorter, so it is read whole
SECTION_CHARS = 20_000


def extract_document(nlp: Language, document: Document, deadline: float | None = None,
                     section_chars: int = SECTION_CHARS,
                     on_section: Callable[[int, int], None] | None = None) -> Extraction:
    """Run the pipeline over ``document`` component by component (checking ``deadline``, a
    ``time.monotonic()`` value, between them), a long article section by section, and collect its facts.
    The rules read the text without its invisible characters (:func:`kg.language.fold.visible`: a
    zero-width space or a soft hyphen inside a name neither splits nor doubles it); every offset and
    evidence sentence of the result is in the text as read. ``on_section(done, total)`` is told the characters
    read after each section of a long article."""
    seen = visible(document.text)
    if not seen.changed:
        return _extract_sections(nlp, document, deadline, section_chars, on_section)
    paragraphs = tuple(dataclasses.replace(p, start=seen.inside(p.start), end=seen.inside(p.end),
                                           marker_end=None if p.marker_end is None else seen.inside(p.marker_end))
                       for p in document.paragraphs)
    clean = dataclasses.replace(document, text=seen.text, paragraphs=paragraphs)
    return _as_read(_extract_sections(nlp, clean, deadline, section_chars, on_section), seen, document.text)


def read_ahead(nlp: Language, document: Document) -> None:
    """Let the components that can (those with a ``read_ahead(text)`` method: the LAC tagger) start on
    ``document`` in the background, before :func:`extract_document` runs on it. Changes no result."""
    text = fold(visible(document.text).text)
    for _name, component in nlp.pipeline:
        start = getattr(component, "read_ahead", None)
        if start is not None:
            start(text)


def _extract_sections(nlp: Language, document: Document, deadline: float | None, section_chars: int,
                      on_section: Callable[[int, int], None] | None = None) -> Extraction:
    parts = sections(document, section_chars)
    if len(parts) == 1:
        return extract(_run(nlp, to_doc(nlp, document), deadline), document)
    merged = Extraction(document.doc_id)
    for start, part in parts:
        merged = _append(merged, extract(_run(nlp, to_doc(nlp, part), deadline), part), start)
        if on_section is not None:
            on_section(start + len(part.text), len(document.text))
    return merged


def _run(nlp: Language, doc: Doc, deadline: float | None) -> Doc:
    from kg.parallel import ArticleTimeout

    for name, component in nlp.pipeline:
        if deadline is not None and time.monotonic() > deadline:
            raise ArticleTimeout(f"over the time limit before {name} (--article-timeout)")
        doc = component(doc)
    return doc


def sections(document: Document, size: int) -> list[tuple[int, Document]]:
    """``document`` cut at paragraph (else sentence) ends into pieces of about ``size`` characters, each
    with the offset where it starts; a short article is one piece, itself."""
    text = document.text
    if len(text) <= size:
        return [(0, document)]
    cuts, start = [], 0
    while len(text) - start > size:
        end = max(text.rfind("\n", start + size // 2, start + size), text.rfind("。", start + size // 2, start + size))
        end = end + 1 if end > start else start + size
        cuts.append((start, end))
        start = end
    cuts.append((start, len(text)))
    out = []
    for a, b in cuts:
        paragraphs = tuple(Paragraph(max(p.start, a) - a, min(p.end, b) - a, p.kind, p.speaker,
                                     p.marker_end - a if p.marker_end is not None and a <= p.marker_end <= b else None)
                           for p in document.paragraphs if p.start < b and p.end > a)
        out.append((a, dataclasses.replace(document, text=text[a:b], paragraphs=paragraphs)))
    return out


def _append(merged: Extraction, part: Extraction, offset: int) -> Extraction:
    """``part``'s facts, their offsets moved by ``offset``, added to ``merged``."""
    base = len(merged.mentions)

    def ev(e: Evidence) -> Evidence:
        return dataclasses.replace(e, start=e.start + offset, end=e.end + offset,
                                   span_start=e.span_start + offset if e.span_start >= 0 else -1,
                                   span_end=e.span_end + offset if e.span_end >= 0 else -1)

    merged.mentions += [dataclasses.replace(m, start=m.start + offset, end=m.end + offset) for m in part.mentions]
    merged.relations += [dataclasses.replace(r, subject=r.subject + base, object=r.object + base, evidence=ev(r.evidence))
                         for r in part.relations]
    merged.figures += [dataclasses.replace(f, evidence=ev(f.evidence), about=None if f.about is None else f.about + base)
                       for f in part.figures]
    merged.identifiers += [dataclasses.replace(i, mention=i.mention + base, evidence=ev(i.evidence))
                           for i in part.identifiers]
    merged.turns += [dataclasses.replace(t, speaker=t.speaker + base, start=t.start + offset, end=t.end + offset)
                     for t in part.turns]
    merged.home = merged.home or part.home
    merged.home_county = merged.home_county or part.home_county
    merged.home_zone = merged.home_zone or part.home_zone
    return merged


def _as_read(ex: Extraction, seen: Visible, original: str) -> Extraction:
    """``ex`` (read from ``seen.text``) with its offsets and evidence sentences in ``original``, the text as read;
    names keep their visible form."""
    at = seen.at

    def end(offset: int) -> int:  # just after the last visible character (not after invisible ones)
        return at(offset - 1) + 1 if offset > 0 else 0

    def ev(e: Evidence) -> Evidence:
        s, t = at(e.start), end(e.end)
        return dataclasses.replace(e, sentence=original[s:t], start=s, end=t,
                                   span_start=at(e.span_start) if e.span_start >= 0 else -1,
                                   span_end=end(e.span_end) if e.span_end >= 0 else -1)

    return dataclasses.replace(  # every other field (home, …) as it is
        ex,
        mentions=[dataclasses.replace(m, start=at(m.start), end=end(m.end)) for m in ex.mentions],
        relations=[dataclasses.replace(r, evidence=ev(r.evidence)) for r in ex.relations],
        figures=[dataclasses.replace(f, evidence=ev(f.evidence)) for f in ex.figures],
        identifiers=[dataclasses.replace(i, evidence=ev(i.evidence)) for i in ex.identifiers],
        turns=[dataclasses.replace(t, start=at(t.start), end=end(t.end)) for t in ex.turns])


def to_doc(nlp: Language, document: Document) -> Doc:
    """A Doc over the folded text (simplified, half-width: what the rules match); offsets are the original's."""
    folded = fold(document.text)
    doc = make_doc(nlp, folded)
    doc.user_data["kg_text"] = folded  # see kg.nlp.spans.text_of
    doc._.kg_paragraphs = tuple((p.start, p.end, p.kind, p.speaker, p.marker_end) for p in document.paragraphs)
    return doc


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``; with the character segmenter, the same tokens built in one pass (spaCy aligns
    them with ``get_words_and_spaces``, which searches a copy of the rest of the text for each character:
    quadratic in the text's length)."""
    if getattr(nlp.tokenizer, "segmenter", None) != "char" or len(text) > nlp.max_length:
        return nlp.make_doc(text)
    return Doc(nlp.vocab, *char_words_and_spaces(text))


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The words and spaces spaCy's Chinese character segmenter gives ``text``: each character that is not
    whitespace is a word, followed by a space when one " " comes next; other runs of whitespace are words.

    >>> char_words_and_spaces("中 国  人")
    (['中', '国', ' ', '人'], [True, True, False, False])
    """
    words: list[str] = []
    spaces: list[bool] = []
    n, pos = len(text), 0
    for i, ch in enumerate(text):
        if i < pos or ch.isspace():
            continue
        if i > pos:
            words.append(text[pos:i])
            spaces.append(False)
        words.append(ch)
        pos = i + 1
        spaces.append(pos < n and text[pos] == " ")
        pos += spaces[-1]
    if pos < n:
        words.append(text[pos:])
        spaces.append(False)
    return words, spaces


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence(s) covering ``[start, end)``."""
    s = max(text.rfind(c, 0, start) for c in "。！？\n") + 1
    e = min((i for i in (text.find(c, max(end - 1, 0)) for c in "。！？\n") if i >= 0), default=len(text))
    return s, min(e + 1, len(text)) if e < len(text) and text[e] != "\n" else e


def _evidence(text: str, original: str, doc_id: str, start: int, end: int, rule: str) -> Evidence:
    """The sentence around ``[start, end)`` (bounds found in the folded ``text``), as written in ``original``."""
    s, e = _sentence(text, start, end)
    return Evidence(doc_id, original[s:e], s, e, rule, max(start, s), min(end, e))


def extract(doc: Doc, document: Document) -> Extraction:
    """Collect mentions, relations and figures from a processed Doc."""
    out = Extraction(document.doc_id, home=doc._.kg_home, home_county=doc._.kg_home_county,
                     home_zone=doc._.kg_home_zone)
    index: dict[tuple[int, int, str, str], int] = {}

    original = document.text
    text = text_of(doc)  # Doc.text and Doc.ents are rebuilt on every access: read them once
    ents = list(doc.ents)

    folded = text

    def mention(start: int, end: int, label: str, text: str, kb_id: str, rule: str) -> int:
        key = (start, end, label, text)
        if key not in index:
            index[key] = len(out.mentions)
            written = original[start:end] if folded[start:end] == text else ""
            text = punctuation_as_written(text, written) if written else text
            out.mentions.append(Mention(text, label, start, end, kb_id, rule,
                                        surface=written if written != text else ""))
        return index[key]

    for ent in ents:
        mention(ent.start_char, ent.end_char, ent.label_, span_text(ent), ent.id_, ent.kb_id_ or "kg_gazetteer")
    for nested in doc._.kg_nested or ():
        mention(*nested, "name_prefix")
    for rel in doc._.kg_relations or ():
        s = mention(*rel["s"][:4], rel["s"][4], rel["rule"])
        o = mention(*rel["o"][:4], rel["o"][4], rel["rule"])
        ev = _evidence(folded, original, document.doc_id, *rel["ev"], rel["rule"])
        out.relations.append(Relation(s, rel["p"], o, ev, rel.get("role", "")))
    for fig in doc._.kg_figures or ():
        cs, ce = fig["clause"]
        # what the figure is of: the first organisation, person or initiative the clause names, else the last
        # place it names (宁州市地区生产总值 is the city's); a place is no subject when something else is named
        inside = [ent for ent in ents if cs <= ent.start_char and ent.end_char <= ce]
        subject = next((ent for ent in inside if ent.label_ != "DISTRICT"), None) or \
            next((ent for ent in reversed(inside) if ent.label_ == "DISTRICT"), None)
        about = None if subject is None else \
            index.get((subject.start_char, subject.end_char, subject.label_, span_text(subject)))
        ev = _evidence(folded, original, document.doc_id, fig["start"], fig["end"], "kg_figures")
        out.figures.append(Figure(original[fig["start"]:fig["end"]], fig["indicator"], fig["value"], fig["unit"], ev,
                                  resolve_period(fig["period"], document.date), about, fig.get("target", False)))
    for found in doc._.kg_identifiers or ():
        ent = found["ent"]
        holder = mention(ent.start_char, ent.end_char, ent.label_, span_text(ent), ent.id_,
                         ent.kb_id_ or "kg_gazetteer")
        ev = _evidence(folded, original, document.doc_id, *found["ev"], "kg_identifiers")
        out.identifiers.append(Identifier(holder, found["scheme"], found["value"], ev))
    out.turns = _turns(doc, document, index)
    return out


def _turns(doc: Doc, document: Document, index: dict) -> list[Turn]:
    """Press-conference turns: from a speaker marker to the next marker or heading."""
    turns: list[Turn] = []
    speakers = {e.start_char: e for e in doc.ents if e.kb_id_ == "speaker_marker"}  # once per document
    current = None
    for para in document.paragraphs:
        if para.marker_end is not None:
            ent = speakers.get(para.start)
            if current:
                turns.append(current)
            current = None
            if ent is not None and ent.label_ in ("PERSON", "MEDIA"):
                kind = "answer" if ent.label_ == "PERSON" else "question"
                speaker = index[(ent.start_char, ent.end_char, ent.label_, span_text(ent))]
                current = Turn(kind, speaker, para.start, para.end)
        elif current and para.speaker:
            current = Turn(current.kind, current.speaker, current.start, para.end)
        elif current:
            turns.append(current)
            current = None
    if current:
        turns.append(current)
    return turns
