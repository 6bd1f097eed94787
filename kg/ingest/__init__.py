"""Ingest: files on disk → :class:`Document` records (metadata + cleaned body text)."""
from kg.ingest.document import Document, Paragraph
from kg.ingest.reader import Skipped, iter_documents, read_document

__all__ = ["Document", "Paragraph", "Skipped", "iter_documents", "read_document"]
