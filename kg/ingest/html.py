"""HTML or plain body → paragraphs of clean text.

Block elements separate paragraphs; inline elements (``<strong>``, ``<a>``) join without
spaces, because a space inside Chinese text is noise. A paragraph that opens with a bold
「名称：」 marks a press-conference turn (a question by an outlet, an answer by an official).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from bs4 import BeautifulSoup, NavigableString, Tag

__all__ = ["Block", "html_blocks", "text_blocks", "looks_like_html", "table_row_text", "is_data_table"]

BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th",
              "section", "article", "header", "footer", "dd", "dt", "figcaption", "tr", "ul", "ol", "table"}
DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "head"}
# block structure says "HTML"; a stray inline tag or <script> in plain text does not
_HTML_HINT = re.compile(r"<(?:p|div|br|h[1-6]|span|strong|blockquote|section|article|table|li|html|body)\b", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\u3000\xa0]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b-\u200f\ufeff]|\x1b\[[0-9;]*[A-Za-z]")
_MARKER = re.compile(r"^([^：:\n。，,！？]{2,24})[：:]")
_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+)")
_MD_BOLD = re.compile(r"\*\*|__")
MAX_SPAN = 100  # a cell's colspan/rowspan above this is a typo or a trap, not a layout


@dataclass(frozen=True)
class Block:
    text: str
    kind: str = "p"  # p | heading | quote
    marker: str = ""  # the speaker label when the block opens with a bold 「X：」
    page: int = 0  # the page it is printed on (PDF), 0 when the source has no pages


def looks_like_html(body: str) -> bool:
    return bool(_HTML_HINT.search(body))


def _clean(text: str) -> str:
    """Collapse white space and drop control characters (terminal escapes, zero-width marks)."""
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def table_row_text(cells: Iterable[str]) -> str:
    """A table row as one paragraph, written the way a saved page's text renders it (trafilatura's table row):
    ``| 地区生产总值 | 3250.6亿元 | 5.8% |``. An empty cell keeps its place (``| |``), so a row's figures stay
    under their columns; a ``|`` inside a cell is escaped and its line breaks become spaces. "" for a row
    with no text."""
    texts = [_clean(cell.replace("\n", " ")).replace("|", "\\|") for cell in cells]
    return _clean("| " + " | ".join(texts) + " |") if any(texts) else ""


def _span(cell: Tag, attribute: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attribute) or "1").strip()), MAX_SPAN))
    except ValueError:
        return 1


def _html_table_rows(table: Tag) -> list[list[str]]:
    """The rows of an HTML table as cell texts, laid out on its grid: a cell spanning columns or rows is
    followed by (or has below it) empty cells, as trafilatura lays a table out."""
    rows: list[list[str]] = []
    below: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    for tr in table.find_all("tr"):
        row: list[str] = []

        def covered() -> None:
            while len(row) in below:
                column = len(row)
                below[column] -= 1
                if not below[column]:
                    del below[column]
                row.append("")

        for cell in tr.find_all(("td", "th"), recursive=False):
            covered()
            columns, spanned_rows = _span(cell, "colspan"), _span(cell, "rowspan")
            if spanned_rows > 1:
                below.update({c: spanned_rows - 1 for c in range(len(row), len(row) + columns)})
            row += [cell.get_text("")] + [""] * (columns - 1)
        covered()
        rows.append(row)
    return rows


def _is_bold_marker(tag: Tag) -> str:
    """The label of a leading <strong>/<b> 「X：」, if the block starts with one."""
    for child in tag.children:
        if isinstance(child, NavigableString):
            if child.strip():
                return ""
            continue
        if isinstance(child, Tag) and child.name in ("strong", "b"):
            m = _MARKER.match(_clean(child.get_text("")))
            return m.group(1).strip() if m else ""
        return ""
    return ""


def post_order(root: Tag, visit=None, leaf=None) -> Iterable[tuple[Tag, Tag | None]]:
    """Every element under ``root`` (``root`` last) with its parent (None for ``root``), each after all of its own
    elements: innermost first, without recursion (a page of 100,000 nested <div>s is no deeper a stack). A child
    ``visit`` refuses is left out with what it holds; one ``leaf`` accepts comes without its descendants."""
    stack = [(root, iter(root.children))]
    while stack:
        tag, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield tag, stack[-1][0] if stack else None
        elif isinstance(child, Tag) and (visit is None or visit(child)):
            stack.append((child, iter(()) if leaf is not None and leaf(child) else iter(child.children)))


def _holders(root: Tag) -> tuple[set[int], set[int]]:
    """The ids of the elements under ``root`` that have a block element (:data:`BLOCK_TAGS`) among their
    descendants, and of those that have a <table>: one pass from the innermost elements outwards, so a page
    of 100,000 nested <div>s costs what a flat one does (a find() per element was quadratic)."""
    holds_block: set[int] = set()
    holds_table: set[int] = set()
    for tag, parent in post_order(root):
        if parent is not None:
            if tag.name in BLOCK_TAGS or id(tag) in holds_block:
                holds_block.add(id(parent))
            if tag.name == "table" or id(tag) in holds_table:
                holds_table.add(id(parent))
    return holds_block, holds_table


def is_data_table(tag: Tag, holds_table: set[int]) -> bool:
    """A <table> laid out as rows of cells (:func:`table_row_text`): one with no table inside and a row of two
    cells or more. A table of one column is page layout (an old portal's frame of title, date line and body),
    read as the blocks in its cells."""
    return tag.name == "table" and id(tag) not in holds_table and any(
        len(tr.find_all(("td", "th"), recursive=False)) > 1 for tr in tag.find_all("tr"))


def html_blocks(body: str) -> list[Block]:
    soup = BeautifulSoup(body, "lxml")
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks: list[Block] = []

    def flush(inline: list[str], kind: str) -> None:
        for piece in "".join(inline).split("\n"):
            text = _clean(piece)
            if text:
                blocks.append(Block(text, kind))
        inline.clear()

    def walk(root: Tag, kind: str) -> None:
        """Block elements become blocks, inline text between them is joined; iterative, so a page nested
        a thousand levels deep is read like any other, and linear: which elements hold a block or a table
        is worked out once (:func:`_holders`), not searched again at every level."""
        holds_block, holds_table = _holders(root)
        stack = [(iter(root.children), kind, [])]
        while stack:
            children, kind, inline = stack[-1]
            child = next(children, None)
            if child is None:
                flush(inline, kind)
                stack.pop()
            elif isinstance(child, Tag) and is_data_table(child, holds_table):
                flush(inline, kind)  # one paragraph a row, its cells in their columns (see table_row_text)
                blocks.extend(Block(text, kind) for row in _html_table_rows(child) if (text := table_row_text(row)))
            elif isinstance(child, Tag) and child.name in BLOCK_TAGS:
                flush(inline, kind)
                child_kind = "heading" if re.fullmatch(r"h[1-6]", child.name) else (
                    "quote" if child.name == "blockquote" else kind)
                if id(child) in holds_block:
                    stack.append((iter(child.children), child_kind, []))
                    continue
                for i, piece in enumerate(child.get_text("").split("\n")):
                    piece = _clean(piece)
                    if piece:
                        marker = _is_bold_marker(child) if i == 0 and child_kind == "p" else ""
                        blocks.append(Block(piece, child_kind, marker))
            elif type(child) is NavigableString:  # not Comment, CData, Doctype
                inline.append(str(child))
            elif isinstance(child, Tag):
                inline.append(child.get_text(""))

    root = soup.body or soup
    walk(root, "p")
    return blocks


def text_blocks(body: str) -> list[Block]:
    """Plain text or light Markdown: one paragraph per non-empty line."""
    blocks = []
    for line in body.splitlines():
        kind = "heading" if line.lstrip().startswith("#") else ("quote" if line.lstrip().startswith(">") else "p")
        had_bold = line.lstrip(" #>").startswith(("**", "__"))
        text = _clean(_MD_BOLD.sub("", _MD_PREFIX.sub("", line)))
        if not text:
            continue
        m = _MARKER.match(text) if kind == "p" else None
        blocks.append(Block(text, kind, m.group(1).strip() if m and (had_bold or len(m.group(1)) <= 12) else ""))
    return blocks
