"""Split YAML front matter from a Markdown/text file and type its values."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

import yaml

__all__ = ["split_front_matter", "parse_date"]

_FRONT = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(raw: str) -> tuple[dict, str]:
    """Return ``(metadata, body)``. Malformed or absent front matter gives ``({}, raw)``."""
    m = _FRONT.match(raw)
    if not m:
        return {}, raw
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
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
