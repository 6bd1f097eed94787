"""PDF policy documents → paragraphs (with the page each starts on) and metadata, through pypdf.

pypdf gives each page's text in reading order, one printed line per line. Lines a page repeats at its top
or bottom (running headers, footers) and page numbers (「- 3 -」「第3页 共9页」「3/9」) are dropped; the lines
of a paragraph are joined back (no space between Chinese characters), also across a page break; a
paragraph ends where a line ends a sentence or stops short of the page's usual line length.
Pages are read one at a time within the page count, text and time bounds (:mod:`kg.ingest.bounds`); pypdf
bounds each stream's decompression and parsing itself (``pypdf.Configuration``).
"""
from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

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


def pdf_blocks(data: bytes, source: str = "", reading: Reading = Reading()) -> tuple[list[Block], dict]:
    """The paragraphs of a PDF (each with the page it starts on) and its metadata (title, author, date)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = _page_lines(reader, reading)
    running = _running_lines(pages)
    widths = sorted(len(line) for lines in pages for line in lines)
    full = widths[int(len(widths) * 0.9)] if widths else 0  # a full printed line, in characters
    blocks: list[Block] = []
    text, page_of, open_ = "", 0, False
    for number, lines in enumerate(pages, 1):
        kept = [line for i, line in enumerate(lines)
                if not _PAGE_NUMBER.match(line)
                and not ((i < 2 or i >= len(lines) - 2) and _shape(line) in running)]
        for line in kept:
            if open_ and not _STARTS_PARAGRAPH.match(line):
                text = join_lines(text, line)
            else:
                if text:
                    blocks.append(Block(text, "heading" if _HEADING.match(text) else "p", page=page_of))
                text, page_of = line, number
            # a paragraph goes on unless the line ends a sentence or stops well short of a full line
            open_ = not _ENDS_PARAGRAPH.search(line) and len(line) >= 0.8 * full
    if text:
        blocks.append(Block(text, "heading" if _HEADING.match(text) else "p", page=page_of))
    return blocks, _metadata(reader, blocks)


def _metadata(reader, blocks: list[Block]) -> dict:
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip()
    generated = title.lower().startswith(("microsoft word", "untitled", "about:", "http", "wps")) \
        or title.lower().endswith((".doc", ".docx", ".pdf", ".wps")) or not _CJK.search(title)
    if (not title or generated) and blocks \
            and len(blocks[0].text) <= 60 and not _ENDS_PARAGRAPH.search(blocks[0].text):
        title = blocks[0].text  # a policy document prints its title first
    meta = {"title": title, "author": document_author(str(info.get("/Author") or ""))}
    meta["date"] = signing_date([b.text for b in blocks])
    meta["pages"] = str(len(reader.pages))
    return {k: v for k, v in meta.items() if v}
