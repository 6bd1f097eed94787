"""Read files and folders into :class:`Document` records.

Decoding: UTF-8 (with or without BOM) first, then charset detection (GB18030, Big5, UTF-16 ...).
Binary and oversize files are skipped with a reason; nothing else stops a build.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from charset_normalizer import from_bytes

from kg.config import DEFAULT_MAX_BYTES, DEFAULT_SUFFIXES
from kg.errors import InputError
from kg.ingest.document import Document, Paragraph
from kg.ingest.frontmatter import parse_date, split_front_matter
from kg.ingest.html import Block, html_blocks, looks_like_html, text_blocks

__all__ = ["Skipped", "read_document", "iter_documents", "iter_paths", "document_from_text"]

_KNOWN_KEYS = {"title", "date", "author", "categories", "source", "publisher"}


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{path}: cannot detect the text encoding")
    return str(best)


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(_as_text(v) for v in value)
    return str(value).strip()


def document_from_text(raw: str, source: str, file_hash: str = "") -> Document:
    """Build a Document from decoded file content (front matter + HTML or plain body)."""
    meta, body = split_front_matter(raw)
    blocks: list[Block] = html_blocks(body) if looks_like_html(body) else text_blocks(body)
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    speaker = ""
    for block in blocks:
        if block.kind != "p":
            speaker = ""
        marker_end = None
        if block.marker:
            speaker = block.marker
            marker_end = offset + len(block.marker) + 1
        paragraphs.append(Paragraph(offset, offset + len(block.text), block.kind, speaker, marker_end))
        parts.append(block.text)
        offset += len(block.text) + 1
    text = "\n".join(parts)
    categories = meta.get("categories") or meta.get("tags") or ()
    if isinstance(categories, str):
        categories = (categories,)
    extra = {str(k): _as_text(v) for k, v in meta.items() if str(k) not in _KNOWN_KEYS and k != "tags"}
    return Document(
        doc_id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        source=source,
        text=text,
        paragraphs=tuple(paragraphs),
        title=_as_text(meta.get("title")),
        date=parse_date(meta.get("date")),
        author=_as_text(meta.get("author")),
        publisher=_as_text(meta.get("publisher") or meta.get("source")),
        categories=tuple(_as_text(c) for c in categories if _as_text(c)),
        extra=extra,
        file_hash=file_hash,
    )


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file. Raises :class:`InputError` with the path and the reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is over the limit of {max_bytes} (--max-bytes)")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: {err.strerror or err}") from err
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: binary file, not an article")
    doc = document_from_text(_decode(data, path), str(path), hashlib.sha256(data).hexdigest())
    if not doc.text.strip():
        raise InputError(f"{path}: no body text")
    return doc


def iter_paths(inputs: Iterable[str | Path], suffixes=DEFAULT_SUFFIXES) -> Iterator[Path]:
    """Files named directly, and files with a known suffix under folders (recursive, sorted)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        elif path.exists():
            yield path
        else:
            raise InputError(f"{path}: no such file or folder")


def iter_documents(inputs: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
                   suffixes=DEFAULT_SUFFIXES, skipped: list[Skipped] | None = None) -> Iterator[Document]:
    """Yield the documents that can be read; append the others to ``skipped``."""
    for path in iter_paths(inputs, suffixes):
        try:
            yield read_document(path, max_bytes)
        except InputError as err:
            if skipped is None:
                raise
            skipped.append(Skipped(str(path), str(err).split(": ", 1)[-1]))
