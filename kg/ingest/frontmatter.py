"""Split YAML front matter from a Markdown/text file and type its values."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

import yaml

__all__ = ["split_front_matter", "parse_date"]

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


def split_front_matter(raw: str) -> tuple[dict, str]:
    """Return ``(metadata, body)``. Malformed or absent front matter gives ``({}, raw)``."""
    m = _FRONT.match(raw)
    if not m:
        return {}, raw
    try:
        meta = yaml.load(m.group(1), Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader with bounds
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}, raw[m.end():]
    return (meta if isinstance(meta, dict) else {}), raw[m.end():]


def parse_date(value) -> datetime | None:
    """RFC 2822 (``Wed, 27 Oct 2021 07:27:23 GMT``), ISO 8601, YAML dates; else None."""
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
