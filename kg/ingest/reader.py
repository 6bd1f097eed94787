"""Read files and folders into :class:`Document` records.

Decoding: UTF-8 (with or without BOM) first, then charset detection (GB18030, Big5, UTF-16 ...).
Binary and oversize files are skipped with a reason; nothing else stops a build.
"""
from __future__ import annotations

import re

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
    """UTF-16 by BOM, UTF-8 (BOM or not), else the detected encoding; refuse what decodes to noise."""
    text = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    if text is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            text = str(best) if best is not None else None
    if text is None or not _looks_like_text(text):
        raise InputError(f"{path}: not text in any encoding kg can detect")
    return text


_TEXT_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x206F), (0x2190, 0x27BF), (0x3000, 0x30FF), (0x3400, 0x4DBF),
                (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


_TEXT_CHARS = re.compile("[\\n\\r\\t" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _TEXT_RANGES) + "]")


def _looks_like_text(text: str) -> bool:
    """Mostly characters of the scripts news is written in (CJK, Latin, punctuation, white space), not the
    uniform spread over the code space that random bytes decode to."""
    sample = text[:4000]
    if not sample.strip():
        return True
    return len(_TEXT_CHARS.findall(sample)) / len(sample) >= 0.7


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(_as_text(v) for v in value)
    return str(value).strip()


def document_from_text(raw: str, source: str, file_hash: str = "", body_format: str = "auto") -> Document:
    """Build a Document from decoded file content (front matter + HTML or plain body).

    ``body_format``: ``html``, ``text`` (markup stays text) or ``auto`` (HTML when the body has block structure:
    <p>, <div> ...; a stray <script> or <b> in plain text stays text)."""
    meta, body = split_front_matter(raw)
    is_html = body_format == "html" or body_format == "auto" and looks_like_html(body)
    blocks: list[Block] = html_blocks(body) if is_html else text_blocks(body)
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
    if not isinstance(categories, (list, tuple)):
        categories = (categories,)  # a single category written as a scalar
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
    if data.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8")):
        raise InputError(f"{path}: binary file (image, PDF or archive), not an article")
    body_format = {".html": "html", ".htm": "html"}.get(path.suffix.lower(), "auto")
    doc = document_from_text(_decode(data, path), str(path), hashlib.sha256(data).hexdigest(), body_format)
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
