"""Who wrote an article, when its file has no author property: a saved page's metadata (``<meta name="author">``,
``article:author``, JSON-LD ``author``), else a byline near the top of its body (「作者：韩梅」「记者 韩梅 林涛」
「文/韩梅」「本报讯（记者 韩梅）」; the patterns are ``data/bylines.yml``). Generator and default-account names are
dropped as in :func:`kg.ingest.authors.document_author`."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from kg.ingest.authors import document_author

__all__ = ["byline_author", "page_author", "join_authors"]

# <meta> names and properties that carry the author (Dublin Core as well as Open Graph)
_META_AUTHOR = {"author", "article:author", "og:article:author", "og:author", "dc.creator", "dcterms.creator",
                "citation_author", "byl"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_URL = re.compile(r"^(?:https?:)?//|^www\.", re.I)
_SPLIT = re.compile(r"[、，,；;]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_OPENING_BRACKETS = re.compile(r"^[^（(\n]{0,24}[（(]([^）)\n]{2,60})[）)]")  # 本报讯（记者 韩梅）, 新华社北京3月4日电（…）
TOP_LINES = 3  # the body lines a byline is looked for in


@dataclass(frozen=True)
class _Label:
    pattern: re.Pattern
    any_name: bool


@dataclass(frozen=True)
class _Bylines:
    labels: tuple[_Label, ...]
    label: re.Pattern  # any label
    ends: re.Pattern
    trailing: re.Pattern
    dateline_end: re.Pattern  # 报道: a place right before it is a dateline
    place: re.Pattern  # a name ending in a division's suffix
    person: re.Pattern
    max_any: int
    max_line: int
    common_word_tags: frozenset[str]  # jieba tags of one word that is no name after a label (了解 v, 企业 n)


@lru_cache(maxsize=1)
def _bylines() -> _Bylines:
    data = yaml.safe_load((Path(__file__).parent / "data" / "bylines.yml").read_text(encoding="utf-8"))
    labels = tuple(_Label(re.compile(row["pattern"]), row["names"] == "any") for row in data["labels"])
    return _Bylines(labels, re.compile("|".join(f"(?:{label.pattern.pattern})" for label in labels)),
                    re.compile("|".join(f"(?:{p})" for p in data["ends"])),
                    re.compile(r"\s*(?:" + "|".join(data["trailing"]) + r")\s*$"),
                    re.compile(r"(?:" + data["dateline_end"] + r")\s*$"), re.compile(data["place"]),
                    re.compile(data["person"]), int(data["max_any"]), int(data["max_line"]),
                    frozenset(data["common_word_tags"]))


def join_authors(names: Iterable[str]) -> str:
    """Names kept in order, each once, joined with 「、」 (as a front matter's list of authors is)."""
    kept: list[str] = []
    for name in names:
        name = document_author(name)
        if name and name not in kept:
            kept.append(name)
    return "、".join(kept)


def page_author(page: str) -> str:
    """The author a saved page's metadata names: ``<meta>`` author properties, then JSON-LD ``author``; ""
    when none does (a profile URL is no name)."""
    import lxml.html

    try:  # lxml refuses text that declares its encoding (an XHTML page's <?xml … encoding="utf-8"?>): left out
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", page, count=1))
    except (ValueError, lxml.etree.ParserError):
        return ""
    names = []
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if key in _META_AUTHOR and content and not _URL.match(content):
            names.append(content)
    if not names:
        for script in tree.iter("script"):
            if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
                try:
                    names.extend(_json_ld_authors(json.loads(script.text, strict=False)))
                except (ValueError, RecursionError):
                    continue
    return join_authors(names)


def _json_ld_authors(node, depth: int = 0) -> Iterator[str]:
    """``author`` values of a JSON-LD tree (a name, a Person/Organization object, or a list of them)."""
    if depth > 12:
        return
    if isinstance(node, list):
        for item in node[:100]:
            yield from _json_ld_authors(item, depth + 1)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("author", "creator"):
                yield from _names_in(value)
            elif isinstance(value, (dict, list)):
                yield from _json_ld_authors(value, depth + 1)


def _names_in(value) -> Iterator[str]:
    if isinstance(value, str) and value.strip() and not _URL.match(value.strip()):
        yield value.strip()
    elif isinstance(value, dict):
        yield from _names_in(value.get("name"))
    elif isinstance(value, list):
        for item in value[:20]:
            yield from _names_in(item)


def byline_author(lines: Iterable[str]) -> str:
    """The names the first byline among ``lines`` gives, joined with 「、」; "" when no line is one.

    >>> byline_author(["宁州市召开推进会", "来源：宁州日报 作者：韩梅 发布时间：2024-03-05"])
    '韩梅'
    >>> byline_author(["本报讯（记者 韩梅 通讯员 林涛）3月4日，宁州市召开推进会。"])
    '韩梅、林涛'
    """
    for line in lines:
        names = _line_names(" ".join(line.split()))
        if names:
            return join_authors(names)
    return ""


def _line_names(line: str) -> list[str]:
    rules = _bylines()
    opening = _OPENING_BRACKETS.match(line)
    if opening and rules.label.match(opening.group(1).strip()):
        return _segment_names(opening.group(1).strip())
    if len(line) <= rules.max_line and (rules.label.match(line) or rules.ends.match(line)):
        return _segment_names(line)
    return []


def _segment_names(segment: str) -> list[str]:
    """The names after each label of a byline segment; [] when a label is followed by something that is no name
    (a sentence that happens to start with 「记者」)."""
    rules = _bylines()
    names: list[str] = []
    position = 0
    while (found := rules.label.search(segment, position)) is not None:
        label = next(label for label in rules.labels if label.pattern.match(segment, found.start()))
        start = found.end()
        stop = min((m.start() for m in (rules.label.search(segment, start), rules.ends.search(segment, start)) if m),
                   default=len(segment))
        value = rules.trailing.sub("", segment[start:stop]).strip(" \u3000：:/／｜|")
        if rules.dateline_end.search(segment[start:stop].rstrip(" \u3000：:/／｜|")):
            value = _without_dateline(value)
        position = max(stop, start + 1)
        if not value:
            continue
        if label.any_name and _one_name(value):
            names.append(value)
            continue
        people = _people(value)
        if people is None:
            return []
        names += people
    return names


def _without_dateline(value: str) -> str:
    """``value`` (what came before 报道) without the place it ends with: 「湖州」 → 「」, 「韩梅 湖州」 → 「韩梅」,
    「韩梅青澜市」 → 「韩梅」 (a name of at least two characters left before the place)."""
    head, _, last = value.rpartition(" ")
    if _known_place(last):
        return head.strip()
    for cut in range(2, len(last) - 1):
        tail = last[cut:]
        if _known_place(tail, whole=False) or len(tail) >= 3 and _bylines().place.fullmatch(tail):
            return (head + " " + last[:cut]).strip()
    return head.strip() if _bylines().place.fullmatch(last) else value


def _known_place(word: str, whole: bool = True) -> bool:
    """A division the lexicon knows (湖州); for a ``whole`` word also a county's short name (义乌) or one word jieba
    tags as a place (neither is asked of the end of a longer word: 新区 of 云杉新区)."""
    from kg.language.lexicon import load_lexicon
    from kg.language.segment import words

    if len(word) < 2:
        return False
    lexicon = load_lexicon()
    if lexicon.is_place(word):
        return True
    if not whole:
        return False
    if word in lexicon.short_names:
        return True
    read = words(word)
    return len(read) == 1 and read[0][1] == "ns"


def _one_name(value: str) -> bool:
    """``value`` is one name of any kind (「本报评论员」「宁州市发展和改革委员会」), not a list of people: Chinese,
    short, no separator or field label in it."""
    rules = _bylines()
    return (len(value) <= rules.max_any and _CJK.search(value) is not None and not _SPLIT.search(value)
            and not re.search(r"[：:\s]", value) and not rules.person.fullmatch(value))


def _people(value: str) -> list[str] | None:
    """The person names of ``value`` (separated by 、，; or spaces), None when a part is no name."""
    person = _bylines().person
    people = []
    for part in filter(None, (p.strip() for p in _SPLIT.split(value))):
        if person.fullmatch(part) and not _common_word(part):
            people.append(part)
            continue
        words = part.split()
        if not all(person.fullmatch(word) and not _common_word(word) for word in words):
            return None
        people += words
    return people


def _common_word(text: str) -> bool:
    """``text`` is one common word (a verb, adverb, noun…: 「记者了解」「记者 走访 企业」), no person's name."""
    from kg.language.segment import words

    read = words(text)
    return len(read) == 1 and read[0][1] in _bylines().common_word_tags
