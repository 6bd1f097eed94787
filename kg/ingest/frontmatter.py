"""Split YAML front matter from a Markdown/text file and type its values.

Front matter that is not valid YAML (an unquoted 「: 」 in a title, an unclosed ``[``) is read again line by line,
``key: value`` split at the first 「: 」, and the repair is said (:attr:`FrontMatter.repair`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

import yaml

__all__ = ["FrontMatter", "read_front_matter", "split_front_matter", "parse_date", "date_problem"]

MAX_ALIASES = 20  # a YAML "billion laughs" needs many; front matter needs none


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader with bounds: few aliases (no exponential expansion), and scalars that stay
    text when they cannot be what they look like (date 2021-13-45, a 5,000-digit number)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases")
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def construct_yaml_int(self, node):
        value = self.construct_scalar(node)
        return value if len(value) > 30 else super().construct_yaml_int(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)
_FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", _FrontMatterLoader.construct_yaml_int)

_FRONT = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class FrontMatter:
    meta: dict = field(default_factory=dict)
    body: str = ""
    repair: str = ""  # what was done to read malformed front matter, "" when nothing was


def read_front_matter(raw: str) -> FrontMatter:
    """The front matter's keys and the body after it. Front matter YAML cannot read is read again line by line
    (:func:`_line_by_line`), and ``repair`` says so; absent front matter gives ``({}, raw)``."""
    m = _FRONT.match(raw)
    if not m:
        return FrontMatter({}, raw)
    body = raw[m.end():]
    try:
        meta = yaml.load(m.group(1), Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader with bounds
    except (yaml.YAMLError, RecursionError, ValueError) as err:
        meta = _line_by_line(m.group(1))
        keys = ", ".join(list(meta)[:8]) + (" …" if len(meta) > 8 else "")
        return FrontMatter(meta, body, f"front matter is not valid YAML ({_yaml_problem(err, raw[:m.start(1)].count(chr(10)))}): read line by line, "
                                       + (f"kept {keys}" if meta else "no key: value line in it"))
    return FrontMatter(meta if isinstance(meta, dict) else {}, body)


def split_front_matter(raw: str) -> tuple[dict, str]:
    """Return ``(metadata, body)`` (see :func:`read_front_matter`)."""
    front = read_front_matter(raw)
    return front.meta, front.body


def _yaml_problem(err: BaseException, first_line: int) -> str:
    """YAML's complaint and the line of the file it is about (the block starts after ``first_line`` lines)."""
    problem = getattr(err, "problem", None) or (str(err).splitlines() or [type(err).__name__])[0]
    mark = getattr(err, "problem_mark", None)
    return f"line {first_line + mark.line + 1}: {problem}" if mark is not None else str(problem)


_KEY_LINE = re.compile(r"^([^\s#:\-][^:]*?):(?:[ \t]+(.*))?$")
_LIST_ITEM = re.compile(r"^\s*-[ \t]+(.*)$")


def _line_by_line(block: str) -> dict:
    """``key: value`` lines of malformed front matter, split at the first 「: 」; a value YAML reads alone as a
    scalar (a date, a quoted string) is typed, any other is kept as written; ``- item`` lines under a key with no
    value are its list. Indented lines (a nested mapping) and comments are left out."""
    meta: dict = {}
    open_key = ""
    for line in block.splitlines()[:1000]:
        item = _LIST_ITEM.match(line)
        if item and open_key:
            meta[open_key].append(_scalar(item.group(1)))
            continue
        m = _KEY_LINE.match(line.rstrip())
        if not m:
            open_key = ""
            continue
        key, value = m.group(1).strip(), (m.group(2) or "").strip()
        meta[key] = _scalar(value) if value else []
        open_key = "" if value else key
    return {k: v for k, v in meta.items() if v not in ([], "", None)}


def _scalar(value: str):
    """``value`` as YAML reads it when that is a scalar (a date, a number, a quoted string), else as written."""
    try:
        parsed = yaml.load(value, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader with bounds
    except (yaml.YAMLError, RecursionError, ValueError):
        return value
    return parsed if isinstance(parsed, (str, int, float, date)) and not isinstance(parsed, bool) else value


# a date written with 年月日, slashes or dots, and maybe a time: 「2026年11月3日」「2026/11/03 10:30」「2026.11.3」
_WRITTEN_DATE = re.compile(r"^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?"
                           r"(?:\s*[T ]?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?\s*分?)?$")


def _written_date(text: str) -> datetime | None:
    """「2026年11月3日」「2026/11/03 10:30」 as a datetime (UTC); None when it is no such date or time."""
    m = _WRITTEN_DATE.match(text)
    if not m:
        return None
    try:
        return datetime(*(int(g) for g in m.groups() if g is not None), tzinfo=timezone.utc)
    except ValueError:
        return None


def date_problem(value) -> str:
    """Why a front matter ``date`` gives no date (「no such day」, 「a format kg does not read」), "" when it gives one
    or there is none."""
    if value is None or value == "" or parse_date(value) is not None:
        return ""
    text = " ".join(str(value).split())[:80]
    if _WRITTEN_DATE.match(text) or re.match(r"^\d{4}-\d{1,2}-\d{1,2}(?:[T ]|$)", text):
        return f"the date {text!r} is no such day or time: the article is kept without a date"
    return f"the date {text!r} is in a format kg does not read: the article is kept without a date"


def parse_date(value) -> datetime | None:
    """RFC 2822 (``Wed, 27 Oct 2021 07:27:23 GMT``), ISO 8601, YAML dates, dates written with 年月日, slashes
    or dots (「2026年11月3日」「2026/11/03 10:30」); else None (an impossible day 2026-02-30 too)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    except ValueError:
        pass
    if (written := _written_date(text)) is not None:
        return written
    try:
        return parsed_rfc if (parsed_rfc := parsedate_to_datetime(text)) else None
    except (TypeError, ValueError, IndexError):
        return None


_SIGNING_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


def signing_date(lines: list[str]) -> str | None:
    """The date a policy document closes with (「2024年3月5日」 alone on one of its last lines), as ISO.

    >>> signing_date(["……特此通知。", "宁州市人民政府", "2024年3月5日"])
    '2024-03-05'
    """
    for line in reversed(lines[-6:]):
        m = _SIGNING_DATE.match(line.strip())
        if m:
            return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return None
