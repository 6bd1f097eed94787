"""Saved web pages → article body and metadata, through trafilatura (main-text extraction) and htmldate
(publication date). Navigation, share buttons, related-article lists, footers and ads stay out.

kg's own block walker (:mod:`kg.ingest.html`) still reads bodies that are already clean (the Hexo/Markdown
case: front matter, then the article's HTML); :func:`is_web_page` tells the two apart.
"""
from __future__ import annotations

import html
import re

from kg.ingest.authors import document_author
from kg.ingest.byline import TOP_LINES, byline_author, page_author
from kg.ingest.html import Block, text_blocks

__all__ = ["is_web_page", "web_page_blocks"]

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


def web_page_blocks(page: str, url: str | None = None) -> tuple[list[Block], dict] | None:
    """The article's paragraphs and metadata (title, date, author, publisher, site) of a saved page; None
    when trafilatura finds no main text (the caller then reads the page as a clean body)."""
    import trafilatura

    found = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                        include_tables=True, include_images=False, favor_precision=True,
                                        deduplicate=False)
    found = found.as_dict() if hasattr(found, "as_dict") else found  # trafilatura ≥ 2 returns a Document
    if not found or not (found.get("text") or "").strip():
        return None
    lines = [line for line in found["text"].splitlines()
             if not _META_LINE.match(line.strip()) and not _TABLE_RULE.match(line.strip())]
    blocks = text_blocks("\n".join(lines))
    title = (found.get("title") or "").strip()
    if blocks and title and blocks[0].text == title:
        blocks = blocks[1:]  # the title is metadata, and the first line again
    raw_text = re.sub(r"<[^>]+>", " ", page)
    author = (page_author(page) or byline_author(_lines_above(page, blocks) + found["text"].splitlines()[:TOP_LINES])
              or document_author(found.get("author")))
    source = _SOURCE.search(raw_text)
    editor = _EDITOR.search(raw_text)
    meta = {"title": title, "date": found.get("date") or None,
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
