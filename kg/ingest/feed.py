"""RSS/Atom feeds: telling a feed file from an article, and its items, through feedparser.

A feed saved to disk and given to ``kg build`` is built item by item (title, then content or description),
each item a Document with its link and date as metadata; the links are never fetched (``kg fetch`` does that).
``kg fetch`` reads the links of the feeds it downloads with the same parser (:func:`parse_feed`).

feedparser is handed bytes in a stream (never a string, which it would take for a URL or a file name to open);
it drops a DOCTYPE's entity declarations before its XML parser runs, so an entity bomb or an external entity
(XXE) is an undefined entity, read leniently as the text ``&name;``, and nothing is expanded or opened.
"""
from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass

__all__ = ["FeedItem", "ParsedFeed", "is_feed_file", "parse_feed", "item_count", "FEED_HEAD"]

# where a feed's item (RSS <item>, Atom <entry>, with or without a namespace prefix) starts and ends
_ITEM_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s/>]")
_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")
# what may come before the root element: a BOM, white space, the XML declaration and processing instructions,
# comments, a DOCTYPE (with an internal subset)
_PROLOG = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*", re.S | re.I)
_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s/>]")
FEED_HEAD = 65536  # the prolog of a feed is short; a root not found within this is not a feed's


@dataclass(frozen=True)
class FeedItem:
    title: str
    body: str  # the content (Atom content, content:encoded) when given, else the description or summary; HTML
    link: str
    date: str  # as the feed writes it (RFC 2822 or ISO 8601)
    author: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class ParsedFeed:
    title: str  # the channel's (the site's or outlet's) title
    items: list[FeedItem]
    total: int  # items in the feed, also those past ``max_items``
    problem: str  # why the XML is not well-formed (read leniently then), "" when it is


def is_feed_file(data: bytes) -> bool:
    """Whether ``data`` is XML whose root element is ``rss``, ``feed`` (Atom) or ``rdf:RDF`` (RSS 1.0)."""
    head = data[:FEED_HEAD]
    prolog = _PROLOG.match(head)
    return bool(_FEED_ROOT.match(head, prolog.end() if prolog else 0))


def item_count(data: bytes) -> int:
    """How many items (RSS ``<item>``, Atom ``<entry>``) a feed's bytes hold, told by their start tags."""
    return len(_ITEM_START.findall(data))


def parse_feed(data: bytes, max_items: int | None = None) -> ParsedFeed:
    """The first ``max_items`` items of a feed (all when None), in feed order. Only those items are parsed: the
    feed is cut after the last one and goes on with what follows the feed's last item (the closing tags of
    the channel and the root), so a well-formed feed stays well-formed (feedparser reads the cut feed as well
    as the whole; a feed of 100,000 items would take it minutes)."""
    import feedparser

    total = item_count(data)
    if max_items is not None and total > max_items:
        ends = [m.end() for m in itertools.islice(_ITEM_END.finditer(data), max_items)]
        last = None
        for last in _ITEM_END.finditer(data, ends[-1] if ends else 0):
            pass
        data = data[:ends[-1]] + data[last.end() if last else ends[-1]:] if ends else data
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.entries if max_items is None else parsed.entries[:max_items]
    problem = ""
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0][:200]
    return ParsedFeed((parsed.feed.get("title") or "").strip(), [_item(entry) for entry in entries],
                      max(total, len(parsed.entries)), problem)


_WEB_LINK = re.compile(r"https?://", re.I)
_EMAIL = re.compile(r"[^\s@()<>]+@[^\s@()<>]+")


def _author(entry) -> str:
    """The author's name: RSS writes 「news@example.cn (韩梅)」 (feedparser reads the name out), Atom <name>; an
    e-mail address alone is no name."""
    name = ((entry.get("author_detail") or {}).get("name") or entry.get("author") or "").strip()
    return "" if _EMAIL.fullmatch(name) else name


def _item(entry) -> FeedItem:
    contents = [c.get("value") or "" for c in entry.get("content") or ()]
    body = max(contents, key=len, default="")
    summary = entry.get("summary") or entry.get("description") or ""
    if len(summary) > len(body):
        body = summary  # a feed's content:encoded may be a stub where the description is the text
    link = (entry.get("link") or "").strip()
    if entry.get("guidislink") and not _WEB_LINK.match(link):
        link = ""  # feedparser's stand-in for a missing link, the entry's id (urn:uuid:…), is no address
    return FeedItem(title=(entry.get("title") or "").strip(), body=body, link=link,
                    date=entry.get("published") or entry.get("updated") or entry.get("created") or "",
                    author=_author(entry),
                    categories=tuple(t["term"].strip() for t in entry.get("tags") or () if (t.get("term") or "").strip()))
