"""Input-derived text made safe to print on one terminal line.

A file name, a feed URL or a source path comes from outside: a name holding ``ESC [2J`` would clear the
screen, one holding a newline would forge a second ``failed …`` line on stderr. Every message kg prints
about an input passes it through :func:`printable`, which writes control characters as visible escapes
(``\\x1b``, ``\\n``) and leaves every other character, Chinese included, as it is.
"""
from __future__ import annotations

import re

__all__ = ["printable"]

# C0, DEL and C1 controls (Unicode category Cc), the line/paragraph separators, and the bidirectional
# overrides and isolates that reorder what a terminal shows (the "Trojan Source" characters)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` (any object, as ``str``) with its control characters escaped: one safe line."""
    return _UNSAFE.sub(_escape, str(text))
