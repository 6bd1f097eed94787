"""A document's author property, unless it names the program that wrote the file or a computer's default account
(``python-docx``, ``Microsoft Office User``, ``Administrator``: ``data/default_authors.yml``)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

__all__ = ["document_author"]


@lru_cache(maxsize=1)
def _defaults() -> tuple[frozenset[str], re.Pattern]:
    data = yaml.safe_load((Path(__file__).parent / "data" / "default_authors.yml").read_text(encoding="utf-8"))
    names = frozenset(_key(name) for name in data["names"])
    return names, re.compile("|".join(f"(?:{p})" for p in data["patterns"]), re.I)


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def document_author(name: str | None) -> str:
    """``name`` stripped, or "" when it is a generator's or a default account's name.

    >>> document_author(" Microsoft Office User "), document_author("宁州市发展和改革委员会")
    ('', '宁州市发展和改革委员会')
    """
    name = " ".join((name or "").split())
    names, patterns = _defaults()
    return "" if _key(name) in names or patterns.fullmatch(_key(name)) else name
