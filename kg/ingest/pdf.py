"""PDF policy documents → paragraphs (with the page each starts on) and metadata, through pypdf.

pypdf gives each page's text in reading order, one printed line per line. Lines a page repeats at its top
or bottom (running headers, footers) and page numbers (「- 3 -」「第3页 共9页」「3/9」) are dropped; the lines
of a paragraph are joined back (no space between Chinese characters), also across a page break; a
paragraph ends where a line ends a sentence or stops short of the page's usual line length.
Pages are read one at a time within the page count, text and time bounds (:mod:`kg.ingest.bounds`); pypdf
bounds each stream's decompression and parsing itself (``pypdf.Configuration``).
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import yaml

from kg.errors import InputError
from kg.ingest.authors import document_author
from kg.ingest.bounds import Reading
from kg.ingest.frontmatter import signing_date
from kg.ingest.html import Block, _clean

__all__ = ["pdf_blocks", "join_lines", "unradical"]

_PAGE_NUMBER = re.compile(r"^[-—–_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–_\s]*$")
_ENDS_PARAGRAPH = re.compile(r"[。！？!?；;：:…”’」』）)】]$")
_STARTS_PARAGRAPH = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条款部分]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|"
                               r"\(\d+\)|\d+[.、．]\s*\S|附件|附表|[一二三四五六七八九十]、)")
_HEADING = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[章节部分]|[一二三四五六七八九十]+、)[^。；]{0,30}$")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class _TitleEnds:
    """What ends a title printed over several lines (``data/pdf_title.yml``)."""

    line: re.Pattern  # a salutation, a document number or a date line
    number: re.Pattern  # a document number (文号) line
    last_line: re.Pattern  # how a title's last line ends (the kind of document)
    max_lines: int
    max_chars: int
    above_title: re.Pattern  # a letterhead or an attachment label above the title
    issuer_line: re.Pattern  # a line naming only the issuer
    issuer_continues: re.Pattern  # how a title goes on after its issuer's name on a line of its own


@lru_cache(maxsize=1)
def _title_ends() -> _TitleEnds:
    data = yaml.safe_load((Path(__file__).parent / "data" / "pdf_title.yml").read_text(encoding="utf-8"))
    line = re.compile("|".join(f"(?:{data[key]})" for key in ("salutation", "document_number", "date")))
    return _TitleEnds(line, re.compile(data["document_number"]), re.compile(data["last_line"]), int(data["max_lines"]),
                      int(data["max_chars"]), re.compile(data["above_title"]), re.compile(data["issuer_line"]),
                      re.compile(data["issuer_continues"]))


def _stands_alone(line: str) -> bool:
    """A salutation, document number or date line: what ends a title printed over several lines."""
    return bool(_title_ends().line.match(line))


def title_lines(lines: list[str]) -> tuple[int, int] | None:
    """Where a policy document's title is among its first page's lines, ``(start, end)``: the first lines after
    any document number or date, up to the salutation, document number or date that follows them; None when no
    such line ends them within a title's length. A line between them ending with the kind of document (「…的通知」)
    is the title's last: the lines after it are a salutation printed over two lines. Lines above a document
    number at the top are the issuer's letterhead (「宁州市人民政府文件」), not the title, and so are a letterhead line,
    an attachment's label (「附件1」) at the top and the issuer's name on a line of its own over a title that does not
    go on from it (「宁州市统计局」 over 「…统计公报」; but 「…办公厅」 over 「关于印发…的通知」 is one title).

    >>> title_lines(["宁政发〔2026〕3号", "宁州市人民政府关于印发加快推进数字", "经济发展若干措施的通知", "各区人民政府：", "现将……"])
    (1, 3)
    """
    ends = _title_ends()
    top = lines[:ends.max_lines + 1]
    numbers = [i for i, line in enumerate(top) if ends.number.match(line)]
    start = numbers[0] + 1 if numbers and not any(ends.last_line.search(line) for line in top[:numbers[0]]) else 0
    while start < len(lines) and (_stands_alone(lines[start]) or ends.above_title.match(lines[start])):
        start += 1
    if (start + 1 < len(lines) and ends.issuer_line.match(lines[start]) and not _stands_alone(lines[start + 1])
            and not ends.issuer_continues.match(lines[start + 1])):
        start += 1  # the issuer's name over a title that does not go on from it
    chars = 0
    for end in range(start, min(len(lines), start + ends.max_lines + 1)):
        if _stands_alone(lines[end]):
            last = next((i for i in range(start, end) if ends.last_line.search(lines[i])), end - 1)
            return (start, last + 1) if end > start else None
        chars += len(lines[end])
        if chars > ends.max_chars or _ENDS_PARAGRAPH.search(lines[end]) and not lines[end].endswith(("）", ")", "”", "》")):
            return None
    return None


@lru_cache(maxsize=1)
def _radicals() -> dict[int, str]:
    """Radical code points → the ideographs a PDF font meant by them (Kangxi radicals by NFKC, the
    supplement's from ``data/cjk_radicals.tsv``)."""
    table = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
    for line in (Path(__file__).parent / "data" / "cjk_radicals.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")
            table[ord(radical)] = ideograph
    return table


def unradical(text: str) -> str:
    """Text with the radical look-alikes some PDF fonts' Unicode maps produce read as ideographs.

    >>> unradical("宁州市⼈⺠政府")
    '宁州市人民政府'
    """
    return text.translate(_radicals())


def _shape(line: str) -> str:
    """A line with its digits blurred: 「某某市人民政府文件 3」 and 「… 4」 are one running header."""
    return re.sub(r"\d+", "#", line.strip())


def _running_lines(pages: list[list[str]], edge: int = 2) -> set[str]:
    """Shapes of lines within ``edge`` lines of a page's top or bottom on at least half of the pages."""
    if len(pages) < 2:
        return set()
    seen = Counter()
    for lines in pages:
        seen.update({_shape(line) for line in lines[:edge] + lines[-edge:]})
    return {shape for shape, n in seen.items() if n >= max(2, len(pages) / 2)}


def join_lines(previous: str, line: str) -> str:
    """Two printed lines of one paragraph: no space between Chinese, one between Latin words.

    >>> join_lines("推进城市数字化", "转型"), join_lines("digital", "economy")
    ('推进城市数字化转型', 'digital economy')
    """
    if _CJK.search(previous[-1:]) or _CJK.search(line[:1]) or previous.endswith("-"):
        return previous + line
    return previous + " " + line


def _page_lines(reader, reading: Reading) -> list[list[str]]:
    """The clean lines of each page, page by page: the time checked and the text counted after each."""
    if len(reader.pages) > reading.limits.max_pages:
        raise InputError(f"{len(reader.pages):,} pages, over the limit of {reading.limits.max_pages:,} (--max-pages)")
    pages, chars = [], 0
    for page in reader.pages:
        reading.check_time()
        text = page.extract_text() or ""
        chars += len(text)
        reading.check_chars(chars)
        pages.append([line for line in (_clean(unradical(line)) for line in text.splitlines()) if line])
    return pages


class _Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if message and message not in self.messages:
            self.messages.append(message)


@contextlib.contextmanager
def _pypdf_messages() -> Iterator[list[str]]:
    """What pypdf logs while a PDF is read (「EOF marker not found」), kept for kg's one-line report instead of
    printed on stderr."""
    log = logging.getLogger("pypdf")
    kept, propagate = _Kept(), log.propagate
    log.addHandler(kept)
    log.propagate = False
    try:
        yield kept.messages
    finally:
        log.removeHandler(kept)
        log.propagate = propagate


def pdf_blocks(data: bytes, source: str = "", reading: Reading = Reading()) -> tuple[list[Block], dict, list[str]]:
    """The paragraphs of a PDF (each with the page it starts on), its metadata (title, author, date) and what
    pypdf had to repair to read it. A PDF pypdf cannot read raises :class:`InputError` saying so in words."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    with _pypdf_messages() as repairs:
        try:
            reader = PdfReader(io.BytesIO(data))
            _open_encrypted(reader)
            blocks, title = _blocks(_page_lines(reader, reading))
            return blocks, _metadata(reader, blocks, title), repairs
        except InputError:
            raise
        except DependencyError as err:  # AES without the cryptography package (a dependency of kg's)
            raise InputError(f"the PDF is encrypted and reading it needs a package that is missing ({err})") from err
        except Exception as err:  # noqa: BLE001 - pypdf's many errors of a damaged file: one line
            problem = (str(err).strip().splitlines() or [""])[0][:200]
            said = "; ".join(repairs + ([problem] if problem and problem not in repairs else []))
            raise InputError(f"cannot read as PDF: damaged or truncated ({said or 'unreadable'})") from err


def _open_encrypted(reader) -> None:
    """An encrypted PDF with only an owner password (restrictions on printing or copying; any viewer opens it) is
    opened with the empty user password; one that needs a password to open is one line saying so."""
    from pypdf import PasswordType

    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise InputError("the PDF is encrypted and needs a password")


def _blocks(pages: list[list[str]]) -> tuple[list[Block], str]:
    """The paragraphs of a PDF's pages (each with the page it starts on), and the title printed over the first
    page's top lines ("" when :func:`title_lines` finds none)."""
    running = _running_lines(pages)
    widths = sorted(len(line) for lines in pages for line in lines)
    full = widths[int(len(widths) * 0.9)] if widths else 0  # a full printed line, in characters
    blocks: list[Block] = []
    text, page_of, open_ = "", 0, False
    title, title_block = "", -1
    for number, lines in enumerate(pages, 1):
        kept = [line for i, line in enumerate(lines)
                if not _PAGE_NUMBER.match(line)
                and not ((i < 2 or i >= len(lines) - 2) and _shape(line) in running)]
        span = title_lines(kept) if number == 1 else None
        if span is not None:  # the title's printed lines are one line, ended by what follows it
            title = _joined(kept[span[0]:span[1]])
            kept = kept[:span[0]] + [title] + kept[span[1]:]
        for index, line in enumerate(kept):
            is_title = span is not None and index == span[0]
            if open_ and not is_title and not _STARTS_PARAGRAPH.match(line):
                text = join_lines(text, line)
            else:
                if text:
                    blocks.append(_block(text, page_of, len(blocks) == title_block))
                text, page_of = line, number
                title_block = len(blocks) if is_title else title_block
            # a paragraph goes on unless the line ends a sentence or stops well short of a full line
            open_ = not is_title and not _ENDS_PARAGRAPH.search(line) and len(line) >= 0.8 * full
    if text:
        blocks.append(_block(text, page_of, len(blocks) == title_block))
    return blocks, title


def _joined(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        joined = join_lines(joined, line)
    return joined


def _block(text: str, page: int, is_title: bool) -> Block:
    return Block(text, "heading" if is_title or _HEADING.match(text) else "p", page=page)


def _metadata(reader, blocks: list[Block], printed_title: str = "") -> dict:
    """Title (the file's, unless a generator wrote it; else the printed title, else the first short line), author
    (unless a generator's or default account's), the signing date and the page count."""
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip()
    generated = title.lower().startswith(("microsoft word", "untitled", "about:", "http", "wps")) \
        or title.lower().endswith((".doc", ".docx", ".pdf", ".wps")) or not _CJK.search(title)
    if (not title or generated) and printed_title:
        title = printed_title
    elif (not title or generated) and blocks \
            and len(blocks[0].text) <= 60 and not _ENDS_PARAGRAPH.search(blocks[0].text):
        title = blocks[0].text  # a policy document prints its title first
    meta = {"title": title, "author": document_author(str(info.get("/Author") or ""))}
    meta["date"] = signing_date([b.text for b in blocks])
    meta["pages"] = str(len(reader.pages))
    return {k: v for k, v in meta.items() if v}
