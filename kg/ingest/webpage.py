"""Saved web pages → article body and metadata, through trafilatura (main-text extraction) and htmldate
(publication date). Navigation, share buttons, related-article lists, footers and ads stay out.

kg's own block walker (:mod:`kg.ingest.html`) still reads bodies that are already clean (the Hexo/Markdown
case: front matter, then the article's HTML); :func:`is_web_page` tells the two apart.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from kg.ingest.authors import document_author
from kg.ingest.byline import TOP_LINES, byline_author, page_author
from kg.ingest.html import (BLOCK_TAGS, DROP_TAGS, Block, _holders, _html_table_rows, html_blocks, is_data_table,
                             post_order, text_blocks)

__all__ = ["is_web_page", "is_portal_page", "web_page_blocks", "page_article", "has_article", "stated_date", "NO_ARTICLE"]

NO_ARTICLE = "no article found (a list/portal page)"

_PAGE = re.compile(r"<html\b|<body\b", re.I)
_CHROME = re.compile(r"<(?:nav|header|footer|aside|form)\b|class=[\"'][^\"']*(?:breadcrumb|crumb|nav|menu|footer|share)",
                     re.I)
_LINK = re.compile(r"<a\s", re.I)
# lines a portal prints around the body: 「来源：」「发布时间：」「责任编辑：」, print/share/back buttons
_META_LINE = re.compile(r"^(?:来源|发布时间|发布日期|时间|作者|编辑|责任编辑|字号|浏览次数|点击数|分享到|【?打印】?|【?关闭】?|返回列表)"
                        r"[：:\s]|^(?:打印|关闭|返回列表|返回顶部|分享)$")
# the line trafilatura draws under a table's header row (|---|---|): no text, not a paragraph
_TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
_SOURCE = re.compile(r"来源[：:]\s*([^\s|｜　]{2,30})")
_EDITOR = re.compile(r"责任编辑[：:]\s*([^\s|｜　]{2,12})")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^<>]*>|([^<]+|<)")  # a tag (closing?, name), or text between tags
_HIDDEN = {"script", "style", "noscript", "template"}
_BLOCK_NAMES = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article",
                "header", "footer", "dd", "dt", "ul", "ol", "table"}
HEADER_LINES = 8  # the page lines above the body's first paragraph a byline is looked for in


def is_web_page(body: str) -> bool:
    """A whole saved page (an <html>/<body> with site chrome or many links), not a clean article body."""
    return bool(_PAGE.search(body)) and (bool(_CHROME.search(body)) or len(_LINK.findall(body)) >= 15)


def is_portal_page(body: str) -> bool:
    """A whole page (<html>/<body>) with links: a site's page, perhaps an old table-layout one without the chrome
    :func:`is_web_page` looks for, in which the article (if any) is found by :func:`page_article`."""
    return bool(_PAGE.search(body)) and len(_LINK.findall(body)) >= _page_data().portal_links


def web_page_blocks(page: str, url: str | None = None) -> tuple[list[Block], dict] | None:
    """The article's paragraphs and metadata (title, date, author, publisher, site) of a saved page; None
    when trafilatura finds no main text, or only text with no article in it (:func:`has_article`: a list of
    headlines, a menu and a footer); the caller then looks for the article itself (:func:`page_article`)."""
    import trafilatura

    found = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                        include_tables=True, include_images=False, favor_precision=True,
                                        deduplicate=False, date_extraction_params=_markup_date_params())
    found = found.as_dict() if hasattr(found, "as_dict") else found  # trafilatura ≥ 2 returns a Document
    if not found or not (found.get("text") or "").strip():
        return None
    meta_lines = [line.strip() for line in found["text"].splitlines() if _META_LINE.match(line.strip())]
    lines = [line for line in found["text"].splitlines()
             if not _META_LINE.match(line.strip()) and not _TABLE_RULE.match(line.strip())]
    if not has_article(lines):
        return None
    blocks = text_blocks("\n".join(lines))
    title = (found.get("title") or "").strip()
    if blocks and title and blocks[0].text == title:
        blocks = blocks[1:]  # the title is metadata, and the first line again
    raw_text = re.sub(r"<[^>]+>", " ", page)
    author = (page_author(page) or byline_author(_lines_above(page, blocks) + found["text"].splitlines()[:TOP_LINES])
              or document_author(found.get("author")))
    source = _SOURCE.search(raw_text)
    editor = _EDITOR.search(raw_text)
    # the date the page's markup gives (htmldate without its guessing), else the full date its header prints, else
    # htmldate's wider search unless that is a year read as its 1 January
    date = (found.get("date") or stated_date(meta_lines + _lines_above(page, blocks), found["text"].splitlines()[:TOP_LINES])
            or _searched_date(page))
    meta = {"title": title, "date": date,
            "author": author,
            "publisher": source.group(1) if source else (found.get("sitename") or "").strip(),
            "site": (found.get("sitename") or found.get("hostname") or "").strip(),
            "editor": editor.group(1) if editor else "",
            "url": found.get("url") or url or ""}
    return blocks, {k: v for k, v in meta.items() if v}


def _page_lines(page: str) -> list[str]:
    """The text lines of a page: a block tag ends a line, an inline one joins (「作者：<a>韩梅</a>」 is one line), and
    script and style contents are left out. One pass over the tags (a page of unclosed <script>s stays linear)."""
    lines, line, hidden = [], [], ""
    for tag in _TAG.finditer(page):
        closing, name, text = tag.group(1), (tag.group(2) or "").lower(), tag.group(3)
        if text is not None:
            if not hidden:
                line.append(text)
        elif hidden:
            hidden = "" if closing and name == hidden else hidden
        elif name in _HIDDEN and not closing:
            hidden = name
        elif name in _BLOCK_NAMES:
            lines.append("".join(line))
            line = []
    lines.append("".join(line))
    return [text for text in (" ".join(html.unescape(raw).split()) for raw in lines) if text]


def _lines_above(page: str, blocks: list[Block]) -> list[str]:
    """The page's text lines just above the body's first paragraph (where a portal prints 「来源：… 作者：…」),
    nearest first."""
    if not blocks:
        return []
    lines = _page_lines(page)
    opening = blocks[0].text[:20]
    first = next((i for i, line in enumerate(lines) if opening in line), None)
    return [] if first is None else lines[max(0, first - HEADER_LINES):first][::-1]


@dataclass(frozen=True)
class _PageData:
    """What ``data/web_page.yml`` says about a page's header and its article."""

    full_date: re.Pattern  # a year, month and day
    header_line_chars: int
    date_line: re.Pattern  # a line that is only a date (and a time)
    prose_min_chars: int  # a sentence line of article text has at least this many Chinese characters
    sentence_end: re.Pattern
    figure_cell: re.Pattern  # a table cell that is a figure
    article_share: float  # the share of the article text the element found as the article holds
    portal_links: int  # links that make an <html> page a site's page
    list_dated_lines: int  # lines ending with a date that make text a list of headlines
    list_dated_share: float
    dated_end: re.Pattern  # how a line ending with a date ends
    title_site: re.Pattern  # the site's name after a <title>


@lru_cache(maxsize=1)
def _page_data() -> _PageData:
    data = yaml.safe_load((Path(__file__).parent / "data" / "web_page.yml").read_text(encoding="utf-8"))
    return _PageData(re.compile(data["full_date"]), int(data["header_line_chars"]), re.compile(data["date_line"]),
                     int(data["prose_min_chars"]), re.compile(data["sentence_end"]), re.compile(data["figure_cell"]),
                     float(data["article_share"]), int(data["portal_links"]), int(data["list_dated_lines"]),
                     float(data["list_dated_share"]), re.compile(data["dated_end"]), re.compile(data["title_site"]))


_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")  # a page in English: its words count as a Chinese page's characters


def _line_weight(line: str) -> int:
    """How much article text a line is: its Chinese characters if it is a sentence line (long enough, with a
    sentence end) or a table row of figures, else 0."""
    data = _page_data()
    line = line.strip()
    if line.startswith("|") and line.endswith("|"):
        return _row_weight([cell.strip() for cell in re.split(r"(?<!\\)\|", line[1:-1])])
    chars = len(_CJK.findall(line)) + len(_LATIN_WORD.findall(line))
    return chars if chars >= data.prose_min_chars and data.sentence_end.search(line) else 0


def _row_weight(cells: list[str]) -> int:
    """A table row's Chinese characters (and figures) if it is a row of figures: a figure cell beside a text cell."""
    data = _page_data()
    cells = [" ".join(cell.split()) for cell in cells]
    figures = [cell for cell in cells if data.figure_cell.match(cell)]
    texts = [cell for cell in cells if cell not in figures and _CJK.search(cell)]
    return sum(len(_CJK.findall(cell)) for cell in texts) + 2 * len(figures) if figures and texts else 0


def has_article(lines) -> bool:
    """Whether text lines hold article text (:func:`_line_weight`): a list of headlines, a menu and a footer hold none,
    and neither does a list of headlines with summaries (many lines end with their item's date).

    >>> has_article(["首页", "市长柯文远调研青澜云谷科技有限公司", "2026-11-20", "建议使用IE8以上浏览器浏览本站。"])
    False
    >>> has_article(["| 地区生产总值（亿元） | 2876.4 | 5.4 |"])
    True
    """
    lines = [line.strip() for line in lines if line.strip()]
    data = _page_data()
    dated = sum(bool(data.dated_end.search(line)) and bool(data.full_date.search(line[-16:])) for line in lines)
    if dated >= data.list_dated_lines and dated >= data.list_dated_share * len(lines):
        return False
    return any(_line_weight(line) for line in lines)


def page_article(page: str) -> tuple[list[Block], dict] | None:
    """The article of a whole page kg reads itself (trafilatura found none: an old table-layout portal page) and its
    metadata (title, date, publisher, author from the lines above it), or None when the page holds no article text.
    The article is the innermost element holding ``article_share`` of the page's article text, read by
    :func:`kg.ingest.html.html_blocks`, so the site's name, menu, sidebar and footer around it stay out."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(page, "lxml")
    title_tag = soup.find("title")
    title = _page_data().title_site.sub("", " ".join(title_tag.get_text(" ").split())) if title_tag is not None else ""
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    body = soup.body or soup
    weights = _article_weights(body)
    total = weights.get(id(body), 0)
    if not total:
        return None
    root, share = body, _page_data().article_share * total
    while (inner := next((child for child in root.children
                          if isinstance(child, Tag) and weights.get(id(child), 0) >= share), None)) is not None:
        root = inner
    if root.name in ("tr", "tbody", "thead", "tfoot"):
        markup = f"<table>{root}</table>"
    elif root.name in ("td", "th"):
        markup = f"<div>{root.decode_contents()}</div>"
    else:
        markup = str(root)
    lines_all = [block.text for block in html_blocks(markup)]
    meta_lines = [line for line in lines_all if _META_LINE.match(line)]
    blocks = text_blocks("\n".join(line for line in lines_all if not _META_LINE.match(line)))
    if blocks and title and blocks[0].text == title:
        blocks = blocks[1:]
    header = meta_lines + _lines_above(page, blocks)
    source = _SOURCE.search("\n".join(header))
    author = page_author(page) or byline_author(header + [b.text for b in blocks[:TOP_LINES]])
    meta = {"title": title, "date": stated_date(header, [b.text for b in blocks[:TOP_LINES]]), "author": author,
            "publisher": source.group(1) if source else ""}
    return (blocks, {k: v for k, v in meta.items() if v}) if has_article(b.text for b in blocks) else None


def _article_weights(body) -> dict[int, int]:
    """The article text (:func:`_line_weight`, by Chinese characters) under each element of ``body``, by id: the
    innermost blocks (a <p>, a cell, a table without tables in it) are weighed by their lines, and each element
    holds what its children hold plus its own text between them. One pass, from the innermost elements out."""
    from bs4 import NavigableString, Tag

    holds_block, holds_table = _holders(body)
    weights: dict[int, int] = {}

    def own(tag) -> int:
        if is_data_table(tag, holds_table):
            return sum(_row_weight(row) for row in _html_table_rows(tag))
        if id(tag) not in holds_block:
            return sum(_line_weight(line) for line in tag.get_text("").split("\n"))
        loose = "".join(str(c) if type(c) is NavigableString else c.get_text("") for c in tag.children
                        if type(c) is NavigableString or isinstance(c, Tag) and id(c) not in holds_block
                        and c.name not in BLOCK_TAGS)
        return sum(_line_weight(line) for line in loose.split("\n"))

    # a data table is weighed by its rows, as a whole; an inline element holding no block with its parent's own text
    for tag, parent in post_order(body, visit=lambda c: is_data_table(c, holds_table) or id(c) in holds_block
                                  or c.name in BLOCK_TAGS, leaf=lambda c: is_data_table(c, holds_table)):
        weights[id(tag)] = weights.get(id(tag), 0) + own(tag)
        if parent is not None:
            weights[id(parent)] = weights.get(id(parent), 0) + weights[id(tag)]
    return weights


def _markup_date_params() -> dict:
    """htmldate's options for the date of a page's markup (meta tags, <time>, the URL, a dated line it is sure of):
    the original date, and no extensive search, which reads a lone 「2026」 as 2026-01-01."""
    return {"original_date": True, "extensive_search": False, "max_date": date.today().isoformat()}


def stated_date(header: list[str], body: list[str] = ()) -> str | None:
    """The first full date a page prints in its header (「发布日期：2026年11月15日」「来源：青澜日报 2026年11月15日 10:30」
    「2026-11-18 来源：溪北日报」), as ISO: in a header line that is labelled (发布日期, 来源, …) or opens with the date, or in
    a body line that is only a date (「2026年11月19日 10:00」). A line longer than a header's, or a sentence with a date
    inside, is not read.

    >>> stated_date(["来源：青澜日报 2026年11月15日 10:30"])
    '2026-11-15'
    >>> stated_date([], ["2027年1月1日起，新政对新引进的顶尖人才给予最高500万元安家补贴。"]) is None
    True
    """
    data = _page_data()
    lines = [(line.strip(), True) for line in header] + [(line.strip(), False) for line in body]
    for line, in_header in lines:
        if len(line) > data.header_line_chars:
            continue
        labelled = in_header and bool(_META_LINE.match(line))
        if not (labelled or data.date_line.match(line) or in_header and data.full_date.match(line)):
            continue
        for m in data.full_date.finditer(line):
            year, month, day = int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                continue
    return None


def _searched_date(page: str) -> str | None:
    """htmldate's extensive search, which reads dates anywhere in the page, but not when all it found is a year it
    dates 1 January: a day the page does not state is not kept."""
    from htmldate import find_date

    try:
        found = find_date(page, extensive_search=True, original_date=True, max_date=date.today().isoformat())
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    if found.endswith("-01-01") and not re.search(rf"{found[:4]}\s*(?:年\s*0?1\s*月\s*0?1\s*日|[-/.]0?1[-/.]0?1(?!\d))", page):
        return None
    return found
