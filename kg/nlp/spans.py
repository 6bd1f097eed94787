"""Helpers shared by the rule components: candidate spans and character offsets."""
from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["CANDIDATES", "ORGS", "add_candidate", "candidates", "text_of", "span_text"]

CANDIDATES = "kg_candidates"
ORGS = frozenset({"AGENCY", "ENTERPRISE"})  # the labels of organisations


def add_candidate(doc: Doc, start: int, end: int, label: str, rule: str, canonical: str = "") -> Span | None:
    """Add a candidate mention over characters ``[start, end)``; ``kb_id`` holds the rule, ``id`` the canonical name."""
    if start >= end:
        return None
    span = doc.char_span(start, end, label=label, kb_id=rule, span_id=canonical, alignment_mode="contract")
    if span is None or span.start_char != start or span.end_char != end:
        return None
    group = doc.spans[CANDIDATES] if CANDIDATES in doc.spans else None
    if group is None:
        doc.spans[CANDIDATES] = [span]
    else:
        group.append(span)
    return span


def candidates(doc: Doc) -> list[Span]:
    return list(doc.spans[CANDIDATES]) if CANDIDATES in doc.spans else []


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, cut from its Doc's text (:func:`text_of`): spaCy joins the span's tokens, making a Token
    object for each character of kg's character-level Docs (ten times slower for a name of six characters)."""
    return text_of(span.doc)[span.start_char:span.end_char]
