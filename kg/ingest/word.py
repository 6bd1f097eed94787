"""Word (.docx) policy documents → paragraphs and metadata, through python-docx: body paragraphs and
tables in document order (a table row is one paragraph written as the HTML readers write one,
:func:`kg.ingest.html.table_row_text`), headings by style.
The zip is checked from its directory before python-docx opens it (which unpacks every part), and the text
is counted and the deadline checked paragraph by paragraph (:mod:`kg.ingest.bounds`)."""
from __future__ import annotations

import io

from kg.ingest.authors import document_author
from kg.ingest.bounds import Reading, check_zip
from kg.ingest.frontmatter import signing_date
from kg.ingest.html import Block, _clean, table_row_text

__all__ = ["docx_blocks"]


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
    for item in document.iter_inner_content():
        reading.check_time()
        reading.check_chars(chars)
        if isinstance(item, Paragraph):
            text = _clean(item.text)
            if text:
                style = (item.style.name if item.style is not None else "").lower()
                blocks.append(Block(text, "heading" if style.startswith(("heading", "title")) else "p"))
                chars += len(text) + 1
        elif isinstance(item, Table):
            for row in item.rows:
                reading.check_time()
                text = table_row_text(_row_cells(row))
                if text:
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


def _row_cells(row) -> list[str]:
    """A Word table row's cell texts on the table's grid, as :mod:`kg.ingest.html` lays out an HTML table: a
    cell merged across columns is its text then empty cells, one merged down from the row above is empty,
    and the grid columns a row skips are empty too."""
    from docx.table import _Cell

    cells = [""] * row.grid_cols_before
    for tc in row._tr.tc_lst:
        text = "" if tc.vMerge == "continue" else _Cell(tc, row.table).text
        cells += [text] + [""] * (tc.grid_span - 1)
    return cells + [""] * row.grid_cols_after
