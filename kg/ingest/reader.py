"""Read files and folders into :class:`Document` records.

Decoding: UTF-8 (with or without BOM) first, then charset detection (GB18030, Big5, UTF-16 ...).
Binary and oversize files are skipped with a reason; nothing else stops a build. Reading is bounded while it
happens (:mod:`kg.ingest.bounds`): by the text it gives, a .docx's unpacked size, a PDF's pages, and time.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from charset_normalizer import from_bytes

from kg.config import DEFAULT_MAX_BYTES, DEFAULT_SUFFIXES, FEED_SUFFIXES, ReadLimits
from kg.deadline import time_limit
from kg.errors import InputError
from kg.ingest.byline import TOP_LINES, byline_author, page_author
from kg.ingest.bounds import Reading, ReadTimeout, timeout_reason
from kg.ingest.document import Document, Paragraph
from kg.ingest.frontmatter import date_problem, parse_date, read_front_matter
from kg.ingest.feed import FEED_HEAD, is_feed_file
from kg.ingest.html import Block, html_blocks, looks_like_html, text_blocks
from kg.ingest.webpage import NO_ARTICLE, is_portal_page, is_web_page, page_article, web_page_blocks
from kg.printable import printable

__all__ = ["Skipped", "read_document", "read_documents", "iter_documents", "iter_paths", "document_from_text", "document_from_blocks",
           "describe_error"]

_KNOWN_KEYS = {"title", "date", "author", "categories", "source", "publisher"}


@dataclass(frozen=True)
class Skipped:
    """An input that is not in the graph: ``stage`` is where it stopped (read, extract, resolve) and
    ``reason`` says why in one line; ``limit``: a file read in part (a feed's items past --max-items)."""

    path: str
    reason: str
    stage: str = "read"

    def line(self) -> str:
        """One line for stderr: the path and the reason with their control characters escaped."""
        path, reason = printable(self.path), printable(self.reason)
        if self.stage == "limit":  # read in part: the rest is over a limit
            return f"partly read {path}: {reason}"
        if self.stage in ("read", "refused"):
            return f"{'skipped' if self.stage == 'read' else 'refused'} {path}: {reason}"
        return f"failed {path} ({self.stage}): {reason}"


def _read_pdf(data: bytes, source: str, file_hash: str, reading: Reading) -> Document:
    from kg.ingest.pdf import pdf_blocks

    blocks, meta, repairs = pdf_blocks(data, source, reading)
    doc = document_from_blocks(blocks, meta, source, file_hash)
    return _warned(doc, f"the PDF is damaged ({'; '.join(repairs)}): read as far as pypdf could repair it") \
        if repairs else doc


def _read_docx(data: bytes, source: str, file_hash: str, reading: Reading) -> Document:
    from kg.ingest.word import docx_blocks

    blocks, meta = docx_blocks(data, source, reading)
    return document_from_blocks(blocks, meta, source, file_hash)


# suffix → reader of a format that is not text (the bytes, the source, the file hash, the bounds → Document)
BINARY_READERS = {".pdf": _read_pdf, ".docx": _read_docx}

# a file whose share of invalid UTF-8 bytes (or NULs) is at most this is read with them repaired and a warning
REPAIRABLE = 0.01


def _decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """UTF-16 by BOM, UTF-8 (BOM or not; a few invalid bytes replaced and reported), else the detected
    encoding; refuse what decodes to noise. Returns the text and what had to be repaired."""
    text, warnings = None, []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    if text is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            repaired = data.decode("utf-8-sig", errors="replace")
            bad = repaired.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
            if bad <= max(8, REPAIRABLE * len(data)):
                text = repaired
                warnings.append(f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD")
            else:
                best = from_bytes(data).best()
                text = str(best) if best is not None else None
    if text is None or not _looks_like_text(text):
        raise InputError(f"{path}: not text in any encoding kg can detect")
    return text, warnings


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


def _as_text(value, depth: int = 0) -> str:
    if value is None or depth > 8:
        return ""  # nested too deep, or a list that contains itself (title: &a [*a])
    if isinstance(value, (list, tuple)):
        return "、".join(_as_text(v, depth + 1) for v in value[:100])
    if isinstance(value, dict):
        return "、".join(f"{k}: {_as_text(v, depth + 1)}" for k, v in list(value.items())[:100])
    return str(value).strip()


def document_from_text(raw: str, source: str, file_hash: str = "", body_format: str = "auto") -> Document:
    """Build a Document from decoded file content (front matter + HTML or plain body).

    ``body_format``: ``html``, ``text`` (markup stays text) or ``auto`` (HTML when the body has block structure:
    <p>, <div> ...; a stray <script> or <b> in plain text stays text). Front matter that had to be read line by
    line is said in the Document's warnings."""
    front = read_front_matter(raw)
    body = front.body
    is_html = body_format == "html" or body_format == "auto" and looks_like_html(body)
    blocks = html_blocks(body) if is_html else text_blocks(body)
    meta = front.meta
    if not _as_text(meta.get("author")):  # no author in front matter: the page's <meta>, else a byline on top
        author = (page_author(body) if is_html else "") or byline_author(b.text for b in blocks[:TOP_LINES])
        meta = {**meta, "author": author} if author else meta
    doc = document_from_blocks(blocks, meta, source, file_hash)
    return _warned(doc, front.repair) if front.repair else doc


def _warned(doc: Document, *lines: str) -> Document:
    """``doc`` with ``lines`` said before the warnings it has already (none: ``doc`` itself)."""
    return dataclasses.replace(doc, warnings=lines + doc.warnings) if lines else doc


def document_from_blocks(blocks: Iterable[Block], meta: dict, source: str, file_hash: str = "") -> Document:
    """A Document from body blocks (one paragraph each, joined by newlines) and front-matter-like metadata
    (title, date, author, publisher or source, categories or tags; other keys are kept as extras)."""
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
        paragraphs.append(Paragraph(offset, offset + len(block.text), block.kind, speaker, marker_end, block.page))
        parts.append(block.text)
        offset += len(block.text) + 1
    text = "\n".join(parts)
    categories = meta.get("categories") or meta.get("tags") or ()
    if not isinstance(categories, (list, tuple)):
        categories = (categories,)  # a single category written as a scalar
    extra = {str(k): _as_text(v) for k, v in meta.items() if str(k) not in _KNOWN_KEYS and k != "tags"}
    problem = date_problem(meta.get("date"))  # an impossible day or an unknown format: said, never dropped silently
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
        warnings=(problem,) if problem else (),
    )


def describe_error(err: BaseException) -> str:
    """One line for an unexpected error: its type and the first line of its message, shortened."""
    message = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {message[:200]}" if message else type(err).__name__


def _read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, read up to ``max_bytes`` (+1 to tell that it is over): a size that changes or lies
    (/dev/zero, a growing log) cannot make kg read without end."""
    with open(path, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise InputError(f"{path}: not a regular file")
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{path}: more than {max_bytes:,} bytes, over the limit (--max-bytes)")
    return data


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, limits: ReadLimits = ReadLimits(),
                  seconds: float = 0.0) -> Document:
    """Read one file: a PDF or Word document by its format's reader, anything else as text (a saved web
    page through :mod:`kg.ingest.webpage`), within ``limits`` and ``seconds`` (0: no time limit). Raises
    :class:`InputError` with the path and the reason; a feed file, which holds many articles, is one (see
    :func:`read_documents`)."""
    documents = read_documents(path, max_bytes, limits, seconds)
    if len(documents) != 1 or documents[0].source != str(path):
        raise InputError(f"{path}: an RSS/Atom feed of {len(documents)} item(s): each is an article (kg build reads "
                         f"them, kg fetch fetches their pages)")
    return documents[0]


def read_documents(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, limits: ReadLimits = ReadLimits(),
                   seconds: float = 0.0) -> list[Document]:
    """The articles of one file: the file itself (:func:`read_document`), or each item of an RSS/Atom feed file
    (:func:`_read_feed`), whose source is the file's path and ``#`` and the item's number."""
    return _read_file(Path(path), max_bytes, limits, seconds)[0]


def _read_file(path: Path, max_bytes: int, limits: ReadLimits, seconds: float) -> tuple[list[Document], str]:
    """:func:`read_documents`, and what was left unread over a limit ("" when nothing was)."""
    try:
        with time_limit(seconds, lambda: ReadTimeout(timeout_reason(seconds))) as deadline:
            reading = Reading(limits, deadline, seconds)
            return _read(path, max_bytes, reading), "; ".join(reading.unread)
    except InputError as err:
        # a timeout raised inside a codec comes back re-worded by Python ("decoding with … failed (…)"): say it plainly
        message = timeout_reason(seconds) if isinstance(err, ReadTimeout) else str(err)
        raise InputError(message if message.startswith(f"{path}: ") else f"{path}: {message}") from err


def _read_feed(data: bytes, source: str, file_hash: str, reading: Reading) -> list[Document]:
    """Each item of a feed file as a Document: its title (a heading), then its content or description; its link
    (never fetched), date, author and categories as metadata, the channel's title as ``site``."""
    from kg.ingest.feed import parse_feed

    feed = parse_feed(data, reading.limits.max_items)
    reading.check_time()
    if feed.total > len(feed.items):
        reading.unread.append(f"{feed.total - len(feed.items):,} more items not read (--max-items {reading.limits.max_items:,})")
    documents, chars, empty = [], 0, []
    for number, item in enumerate(feed.items, 1):
        reading.check_time()
        body = html_blocks(item.body) if looks_like_html(item.body) else text_blocks(item.body)
        title = " ".join(item.title.split())
        blocks = ([Block(title, "heading")] if title else []) + body
        chars += sum(len(b.text) + 1 for b in blocks)
        reading.check_chars(chars)
        if not blocks:  # a link alone: said, never dropped silently (the link is never fetched)
            empty.append(f"#{number}" + (f" ({item.link})" if item.link else ""))
            continue
        meta = {"title": title, "date": item.date, "author": item.author, "categories": list(item.categories),
                "url": item.link, "site": feed.title}
        doc = document_from_blocks(blocks, {k: v for k, v in meta.items() if v}, f"{source}#{number}", file_hash)
        if feed.problem:
            doc = _warned(doc, f"the feed is not well-formed XML ({feed.problem}): its items read leniently")
        documents.append(doc)
    if not documents:
        raise InputError(f"an RSS/Atom feed with no item text ({feed.total} item(s))")
    if empty:
        shown = ", ".join(empty[:5]) + (f" and {len(empty) - 5:,} more" if len(empty) > 5 else "")
        reading.unread.insert(0, f"{'item' if len(empty) == 1 else f'{len(empty):,} items'} with no title or text, not "
                                 f"built: {shown} (kg fetch fetches a feed's pages)")
    return documents


def _read(path: Path, max_bytes: int, reading: Reading) -> list[Document]:
    try:
        data = _read_capped(path, max_bytes)
    except OSError as err:
        raise InputError(f"{path}: {err.strerror or err}") from err
    file_hash = hashlib.sha256(data).hexdigest()
    reader = BINARY_READERS.get(path.suffix.lower())
    if reader is not None:
        try:
            doc = reader(data, str(path), file_hash, reading)
        except InputError:
            raise
        except Exception as err:  # noqa: BLE001 - a damaged file is one line, like any unreadable input
            raise InputError(f"{path}: cannot read as {path.suffix.lower()[1:].upper()} ({describe_error(err)})") from err
        if not doc.text.strip():
            raise InputError(f"{path}: no body text (a scanned {path.suffix.lower()[1:].upper()} needs OCR first)")
        return [doc]
    warnings = []
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" in data:
        nuls = data.count(b"\x00")
        if nuls > max(8, REPAIRABLE * len(data)):
            raise InputError(f"{path}: binary file, not an article")
        data = data.replace(b"\x00", b"")
        warnings.append(f"{nuls} NUL byte(s) removed")
    if data.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8")):
        raise InputError(f"{path}: binary file (image, PDF or archive), not an article")
    if is_feed_file(data):
        reading.check_chars(len(data) // 4, "feed XML")
        return [_warned(doc, *warnings) for doc in _read_feed(data, str(path), file_hash, reading)]
    body_format = {".html": "html", ".htm": "html"}.get(path.suffix.lower(), "auto")
    what = "markup and text" if body_format == "html" or looks_like_html(data[:65536].decode("latin-1")) else "text"
    reading.check_chars(len(data) // 4, what)  # no encoding takes more than 4 bytes a character: over, not decoded
    text, repaired = _decode(data, path)
    reading.check_chars(len(text), what)
    reading.check_time()
    doc = None
    page = body_format == "html" and not text.lstrip().startswith("---")
    web_page = page and is_web_page(text)
    if web_page or page and is_portal_page(text):
        # a saved page: its main text, without the site around it (trafilatura's, else the article kg finds in it)
        found = web_page_blocks(text) if web_page else None
        reading.check_time()  # the timer's exception may have been caught inside trafilatura
        found = found or page_article(text)
        if found is None:  # a list of headlines, a home page, a page JavaScript fills in: no article to build
            raise InputError(f"{path}: {NO_ARTICLE}")
        doc = document_from_blocks(found[0], found[1], str(path), file_hash)
    if doc is None:
        doc = document_from_text(text, str(path), file_hash, body_format)
    if not doc.text.strip():
        raise InputError(f"{path}: no body text")
    warnings += repaired
    return [_warned(doc, *warnings)]


def _resolved(path: Path) -> Path | None:
    """``path`` with its links followed, or None for a symbolic link that leads back to itself (a loop)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop, 3.13 OSError (ELOOP)
        return None


def _skip_reason(path: Path, root: Path | None, follow_symlinks: bool) -> str:
    """Why ``path`` (found under ``root``) is not read, or ""."""
    if path.is_symlink():
        target = _resolved(path)
        if target is None:
            return "symbolic link loop (the link leads back to itself)"
        if not target.exists():
            return "dangling symbolic link"
        if not follow_symlinks and root is not None and not target.is_relative_to(root.resolve()):
            return f"symbolic link to {target}, outside the input folder (--follow-symlinks to read it)"
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return err.strerror or str(err)
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "not a regular file"
    if not os.access(path, os.R_OK):
        return "permission denied"
    return ""


def _is_feed_in_folder(file: Path, root: Path, follow_symlinks: bool) -> bool:
    """An XML file (``FEED_SUFFIXES``) of a folder whose root element is a feed's: its first bytes tell."""
    if file.suffix.lower() not in FEED_SUFFIXES or _skip_reason(file, root, follow_symlinks):
        return False
    try:
        with open(file, "rb") as fh:
            return is_feed_file(fh.read(FEED_HEAD))
    except OSError:
        return False


def iter_paths(inputs: Iterable[str | Path], suffixes=DEFAULT_SUFFIXES, skipped: list[Skipped] | None = None,
               follow_symlinks: bool = False, seen: set[Path] | None = None) -> Iterator[Path]:
    """Files named directly, and files with a known suffix under folders (recursive, sorted), and the XML files
    there that are RSS/Atom feeds (:func:`_is_feed_in_folder`). What cannot
    be read (a dangling link, a link out of the folder, a FIFO or device, an unreadable folder) is added
    to ``skipped`` with its reason. A file reached twice (the same folder given twice, as ``in`` and ``./in``,
    or a link to a file read already) is given once: ``seen`` holds the resolved paths given so far (pass one
    set to several calls to keep it across them)."""
    given = set() if seen is None else seen

    def skip(path, reason):
        if skipped is not None:
            skipped.append(Skipped(str(path), reason))

    def first_time(file: Path) -> bool:
        real = _resolved(file) or file.absolute()
        if real in given:
            return False
        given.add(real)
        return True

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            folders = {path.resolve()}
            for dirpath, dirnames, filenames in os.walk(path, followlinks=follow_symlinks,
                                                        onerror=lambda e: skip(e.filename, e.strerror or str(e))):
                here = Path(dirpath)
                for name in list(dirnames):
                    sub = here / name
                    reason = _skip_reason(sub, path, follow_symlinks) if sub.is_symlink() else ""
                    if sub.is_symlink() and not follow_symlinks and not reason:
                        reason = "symbolic link to a folder (not followed; --follow-symlinks to read it)"
                    if reason or sub.resolve() in folders:
                        dirnames.remove(name)
                        if reason:
                            skip(sub, reason)
                    else:
                        folders.add(sub.resolve())
                dirnames.sort()
                for name in sorted(filenames):
                    file = here / name
                    if file.suffix.lower() not in suffixes and not _is_feed_in_folder(file, path, follow_symlinks):
                        continue
                    reason = _skip_reason(file, path, follow_symlinks)
                    if reason:
                        skip(file, reason)
                    elif first_time(file):
                        yield file
        elif path.exists() or path.is_symlink():
            reason = _skip_reason(path, None, True)
            if reason:
                skip(path, reason)
                if skipped is None:
                    raise InputError(f"{path}: {reason}")
            elif first_time(path):
                yield path
        else:
            raise InputError(f"{path}: no such file or folder")


def _reason(err: InputError, path: Path) -> str:
    """The reason of ``err`` without the path it starts with (a path may hold ': ' itself)."""
    message, prefix = str(err), f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message.split(": ", 1)[-1]


def iter_documents(inputs: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
                   suffixes=DEFAULT_SUFFIXES, skipped: list[Skipped] | None = None,
                   follow_symlinks: bool = False, limits: ReadLimits = ReadLimits(),
                   seconds: float = 0.0, seen: set[Path] | None = None) -> Iterator[Document]:
    """Yield the documents that can be read (each within ``limits`` and ``seconds``); append the others to
    ``skipped``. Each file is read once (``seen``: see :func:`iter_paths`)."""
    for path in iter_paths(inputs, suffixes, skipped, follow_symlinks, seen):
        try:
            documents, unread = _read_file(path, max_bytes, limits, seconds)
            if unread and skipped is not None:
                skipped.append(Skipped(str(path), unread, stage="limit"))
            yield from documents
        except InputError as err:
            if skipped is None:
                raise
            skipped.append(Skipped(str(path), _reason(err, path)))
        except (Exception, RecursionError, MemoryError) as err:  # noqa: BLE001 - one bad file never stops a build
            if skipped is None:
                raise
            skipped.append(Skipped(str(path), describe_error(err)))
