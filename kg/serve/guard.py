"""What a query may do on the endpoint, read from its SPARQL tokens, not from its text.

A query is read the way a SPARQL 1.1 parser reads it: code-point escapes (``\\u0053ERVICE``) are resolved
first, then the text is split into the grammar's terminals (IRIs, prefixed names with their ``\\#``
escapes, the four kinds of string literal, variables, comments, keywords ...). A keyword is a bare
name token, so ``SERVICE`` inside an IRI, a string, a comment, a prefixed name (``service:x``) or a
variable (``?service``) is not one, and a comment cannot hide a keyword that follows it. The endpoint
refuses a query whose tokens hold the ``SERVICE`` keyword (federation: the engine would fetch from
any URL) or an update keyword, one that cannot be tokenised, and one over the bounds of
``data/query_limits.yml`` (:func:`check_limits`, which ``kg query`` applies too): those are counted here,
before the engine parses the text, because the engine's parser is what a huge query knocks over.
Text with no query form and no update keyword (``SELEC …``) is left to the engine, whose syntax error
is the answer (HTTP 400).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["QueryRefused", "QueryLimits", "check_query", "check_limits", "query_limits", "tokens", "query_form",
           "line_and_column", "engine_message"]

LIMITS_FILE = Path(__file__).parent / "data" / "query_limits.yml"
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING"}
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}

_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                  "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = rf"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"

_TOKEN = re.compile("|".join([
    r"(?P<ws>\s+)",
    r"(?P<comment>#[^\n\r]*)",
    r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
    r"(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\")",
    rf"(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)",
    rf"(?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*)",
    rf"(?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)",
    r"(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
    r"(?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))",
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)",
    r"(?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\].,;*=<>!+\-/|^?~])",
]))
_TERM_KINDS = {"iri", "pname", "string", "var", "number", "bnode"}
_OPERATORS = {"||", "&&", "=", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "!", "|", "^"}
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class QueryRefused(Exception):
    """A query the endpoint will not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int = 0  # offset in the query text (after code-point escapes are resolved)


@dataclass(frozen=True)
class QueryLimits:
    """The bounds of ``data/query_limits.yml`` (see there for what each counts and why)."""
    characters: int
    tokens: int
    terms: int
    operators: int
    in_items: int
    nesting: int


@functools.lru_cache(maxsize=1)
def query_limits() -> QueryLimits:
    import yaml

    return QueryLimits(**yaml.safe_load(LIMITS_FILE.read_text(encoding="utf-8")))


_ENGINE_AT = re.compile(r"^error at (\d+):(\d+): ")
_CHAR_CLASS = re.compile(r",?\s*\[[^\]]*\]")


def engine_message(err: SyntaxError) -> tuple[str, tuple[int, int] | None]:
    """Oxigraph's syntax error in one readable line, without its position, and the position (line,
    column) it gave: ``expected one of HAVING, OFFSET, OPTIONAL, VALUES`` (its lists of character
    classes left out, the whole cut at 200 characters)."""
    message = " ".join(str(err).split())
    at = _ENGINE_AT.match(message)
    text = _CHAR_CLASS.sub("", message[at.end():] if at else message).strip(" ,")
    return (text if len(text) <= 200 else text[:200] + " …"), ((int(at.group(1)), int(at.group(2))) if at else None)


def line_and_column(text: str, offset: int) -> str:
    """Where ``offset`` is in ``text``, as people count: ``line 2, column 5``."""
    line_start = text.rfind("\n", 0, offset) + 1
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - line_start + 1}"


def _unescape(sparql: str) -> str:
    """SPARQL 1.1 §19.2: \\uXXXX and \\UXXXXXXXX are replaced before the query is parsed."""
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)


def tokens(sparql: str) -> list[Token]:
    """The query's tokens (white space and comments left out). Raises :class:`QueryRefused` (400) where the
    text is no SPARQL token."""
    text = _unescape(sparql)
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise QueryRefused(400, f"SPARQL syntax error at {line_and_column(text, pos)}: unexpected text "
                                    f"{text[pos:pos + 20]!r}")
        if m.lastgroup not in ("ws", "comment"):
            out.append(Token(m.lastgroup, m.group(), pos))
        pos = m.end()
    return out


def query_form(toks: list[Token]) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword after the prologue ('' if none)."""
    return next((t.text.upper() for t in toks if t.kind == "name" and t.text.upper() in QUERY_FORMS), "")


def check_limits(sparql: str, limits: QueryLimits | None = None) -> list[Token]:
    """The query's tokens, or :class:`QueryRefused` (400, or 413 for the length) naming the first bound of
    ``limits`` (``data/query_limits.yml`` by default) it goes past. Nothing here parses the query."""
    limits = limits or query_limits()
    if len(sparql) > limits.characters:
        raise QueryRefused(413, f"the query is longer than {limits.characters} characters")
    toks = tokens(sparql)
    for what, count in (("terms", sum(t.kind in _TERM_KINDS for t in toks)),
                        ("operators", sum(t.kind == "punct" and t.text in _OPERATORS for t in toks))):
        if count > getattr(limits, what):
            raise QueryRefused(400, f"the query has {count} {what} (at most {getattr(limits, what)}): "
                                    "split it into smaller queries")
    depth = deepest = 0
    for t in toks:
        if t.kind == "punct" and t.text in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif t.kind == "punct" and t.text in "})]":
            depth -= 1
    if deepest > limits.nesting:
        raise QueryRefused(400, f"the query nests groups {deepest} deep (at most {limits.nesting})")
    for i, t in enumerate(toks):  # each list is read to its ")": at most `nesting` lists hold a token
        if t.kind == "name" and t.text.upper() == "IN" and i + 1 < len(toks) and toks[i + 1].text == "(":
            items = _list_items(toks, i + 1)
            if items > limits.in_items:
                raise QueryRefused(400, f"an IN list has {items} items (at most {limits.in_items}): "
                                        "use VALUES or split the query")
    if len(toks) > limits.tokens:  # the catch-all, after the specific reasons
        raise QueryRefused(400, f"the query has {len(toks)} tokens (at most {limits.tokens}): "
                                "split it into smaller queries")
    return toks


def _list_items(toks: list[Token], open_at: int) -> int:
    """The number of items in the parenthesised list whose ``(`` is ``toks[open_at]``."""
    depth, items, empty = 0, 1, True
    for i in range(open_at, len(toks)):
        t = toks[i]
        if t.kind == "punct" and t.text in "{([":
            depth += 1
        elif t.kind == "punct" and t.text in "})]":
            depth -= 1
            if depth == 0:
                break
        elif depth == 1 and t.kind == "punct" and t.text == ",":
            items += 1
        else:
            empty = False
    return 0 if empty else items


def check_query(sparql: str) -> list[Token]:
    """Refuse what the endpoint must not run; return the tokens of what it may. Text that is no query
    and no update (a misspelt keyword) passes: the engine's parser says what is wrong with it."""
    toks = check_limits(sparql)
    keywords = {t.text.upper() for t in toks if t.kind == "name"}
    if "SERVICE" in keywords:
        raise QueryRefused(403, "SERVICE (federated query) is not allowed on this endpoint")
    if keywords & UPDATE_KEYWORDS:
        raise QueryRefused(403, "this endpoint is read-only: updates are refused")
    return toks
