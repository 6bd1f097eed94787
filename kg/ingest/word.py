"""Word (.docx) policy documents → paragraphs and metadata, through python-docx: body paragraphs and
tables in document order (a table row is one paragraph written as the HTML readers write one,
:func:`kg.ingest.html.table_row_text`; the rows of a table nested in a cell follow the row it sits in), headings by
style. The text is the document as Word shows it with its changes accepted: tracked insertions (``w:ins``) and the
contents of content controls (``w:sdt``, around paragraphs, tables or words) are read, deleted text (``w:del``) and
text moved away (``w:moveFrom``) are not.
The zip is checked from its directory before python-docx opens it (which unpacks every part), and the text
is counted and the deadline checked paragraph by paragraph (:mod:`kg.ingest.bounds`)."""
from __future__ import annotations

import io
from typing import Iterator

from kg.ingest.authors import document_author
from kg.ingest.bounds import Reading, check_zip
from kg.ingest.frontmatter import signing_date
from kg.ingest.html import Block, _clean, table_row_text

__all__ = ["docx_blocks"]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# elements whose text is not part of the document as shown: deleted and moved-away runs, a text box's own
# paragraphs (read as python-docx reads a paragraph: without them), the fallback copy of alternate content
_UNSHOWN = {_W + "del", _W + "moveFrom", _W + "txbxContent",
            "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
# a run's content that is text (python-docx's element classes render each: a tab as \t, a line break as \n, a page
# break as nothing)
_RUN_TEXT = {_W + name for name in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen")}
# block containers whose children are the document's paragraphs and tables (a content control, custom XML)
_CONTAINERS = {_W + "sdt": _W + "sdtContent", _W + "customXml": None}


def paragraph_text(p) -> str:
    """A ``w:p`` element's text as shown: its runs, including those inside tracked insertions, hyperlinks, content
    controls, smart tags and fields, without deleted or moved-away runs."""
    parts: list[str] = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif not isinstance(child.tag, str) or child.tag in _UNSHOWN:
            continue
        elif child.tag in _RUN_TEXT:
            parts.append(str(child) if child.tag != _W + "t" else child.text or "")
        elif child.tag != _W + "rPr" and child.tag != _W + "pPr":
            stack.append(iter(child))
    return "".join(parts)


def _block_items(parent) -> Iterator:
    """The ``w:p`` and ``w:tbl`` elements of a body or a cell in document order, those inside block content
    controls (``w:sdt``/``w:sdtContent``) and custom XML included."""
    stack = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _CONTAINERS:
            inner = _CONTAINERS[child.tag]
            stack.append(iter(child) if inner is None else (e for c in child if c.tag == inner for e in c))


def docx_blocks(data: bytes, source: str = "", reading: Reading = Reading()) -> tuple[list[Block], dict]:
    """The paragraphs of a .docx (headings marked) and its core properties (title, author unless a generator's or
    a default account's name, date)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_zip(data, reading.limits)
    document = docx.Document(io.BytesIO(data))
    blocks: list[Block] = []
    chars = 0
    body = document._body
    for element in _block_items(body._body):
        reading.check_time()
        reading.check_chars(chars)
        if element.tag == _W + "p":
            text = _clean(paragraph_text(element))
            if text:
                item = Paragraph(element, body)
                style = (item.style.name if item.style is not None else "").lower()
                blocks.append(Block(text, "heading" if style.startswith(("heading", "title")) else "p"))
                chars += len(text) + 1
        else:
            for text in _table_rows(Table(element, body), reading):
                blocks.append(Block(text))
                chars += len(text) + 1
    reading.check_chars(chars)
    props = document.core_properties
    title = (props.title or "").strip()
    if not title and blocks and blocks[0].kind == "heading":
        title = blocks[0].text
    # the signing date, not the file's creation time (a template's, often)
    meta = {"title": title, "author": document_author(props.author), "date": signing_date([b.text for b in blocks])}
    return blocks, {k: v for k, v in meta.items() if v}


def _table_rows(table, reading: Reading) -> Iterator[str]:
    """A Word table's rows as paragraphs (:func:`kg.ingest.html.table_row_text`), each followed by the rows of the
    tables nested in its cells; iterative, so tables nested without end cost what their rows do."""
    from docx.table import Table

    stack = [iter(table.rows)]
    while stack:
        row = next(stack[-1], None)
        if row is None:
            stack.pop()
            continue
        reading.check_time()
        nested: list = []
        text = table_row_text(_row_cells(row, nested))
        if text:
            yield text
        if nested:
            stack.append(iter([inner_row for inner in nested for inner_row in Table(inner, row.table).rows]))


def _row_cells(row, nested: list | None = None) -> list[str]:
    """A Word table row's cell texts on the table's grid, as :mod:`kg.ingest.html` lays out an HTML table: a
    cell merged across columns is its text then empty cells, one merged down from the row above is empty,
    and the grid columns a row skips are empty too. A cell's text is its paragraphs as shown (with tracked
    insertions and content controls); the tables nested in its cells are added to ``nested``."""
    cells = [""] * row.grid_cols_before
    for tc in row._tr.tc_lst:
        texts = []
        for element in _block_items(tc):
            if element.tag == _W + "p":
                texts.append(paragraph_text(element))
            elif nested is not None and tc.vMerge != "continue":
                nested.append(element)
        text = "" if tc.vMerge == "continue" else "\n".join(texts)
        cells += [text] + [""] * (tc.grid_span - 1)
    return cells + [""] * row.grid_cols_after
