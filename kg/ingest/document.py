"""The Document record: metadata, cleaned body text and its paragraphs."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["Document", "Paragraph"]


@dataclass(frozen=True)
class Paragraph:
    """A block of the body. ``start``/``end`` index :attr:`Document.text`.

    ``speaker`` is the label of a press-conference turn marker (「新华社：」, 「吴清：」)
    that opens this paragraph or an earlier one of the same turn; ``marker_end`` is the
    offset just after the marker's colon when this paragraph opens the turn.
    """

    start: int
    end: int
    kind: str = "p"  # p | heading | quote
    speaker: str = ""
    marker_end: int | None = None
    page: int = 0  # the page it is printed on (PDF), 0 when the source has no pages


@dataclass(frozen=True)
class Document:
    doc_id: str  # content hash of the cleaned text (a reprint gets the same id)
    source: str  # path or URL
    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str = ""
    date: datetime | None = None
    author: str = ""
    publisher: str = ""
    categories: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)
    file_hash: str = ""
    warnings: tuple[str, ...] = ()  # what reading had to repair (invalid bytes replaced, NULs removed)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        for para in self.paragraphs:
            if para.start <= offset < para.end:
                return para
        return None
