"""SPARQL over a graph: named queries from ``kg/queries/*.rq``, results as rows or text tables."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal

from kg.config import DEFAULT_BASE_IRI, QUERY_DIR
from kg.errors import QueryError
from kg.printable import printable
from kg.rdf.namespace import VOCABULARY, bind_prefixes

__all__ = ["QueryResult", "resolve_query", "run_query", "run_store_query", "with_values", "named_queries", "format_result"]

PREFIXES = VOCABULARY


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[str]]
    kind: str = "select"  # select | ask | graph
    boolean: bool | None = None
    graph: Graph | None = None


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq"))}


def resolve_query(query: str) -> str:
    """QUERY may be a path to a .rq file, the name of a shipped query, or SPARQL text."""
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 256 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise QueryError(f"{query}: no such query file")
        text = path.read_text(encoding="utf-8")
        refuse_update(text)
        return text
    shipped = named_queries()
    if query in shipped:
        return shipped[query].read_text(encoding="utf-8")
    refuse_update(query)
    if not looks_like_sparql(query):
        names = ", ".join(shipped)
        raise QueryError(f"{query!r} is neither SPARQL, a .rq file, nor a shipped query ({names})")
    return query  # SPARQL, or meant to be: a syntax error is reported where it is, by the engine


_SPARQL_WORDS = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|WHERE|PREFIX|BASE|FILTER|OPTIONAL|LIMIT)\b",
                           re.IGNORECASE)


def looks_like_sparql(text: str) -> bool:
    """True for text meant as a query (a group ``{`` or a SPARQL keyword as a word), however misspelt
    the rest is; False for a word such as a mistyped query name."""
    return "{" in text or _SPARQL_WORDS.search(text) is not None


UPDATE_OPERATIONS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")


def refuse_update(sparql: str) -> None:
    """A :class:`QueryError` in one line if ``sparql`` is a SPARQL update: its first keyword after the
    prologue (a bare name token, not a word in a string, an IRI or a comment: see
    :func:`kg.serve.guard.tokens`) is an update operation, or ``WITH`` before one."""
    from kg.serve.guard import _unescape, line_and_column, tokens

    toks = tokens(sparql, leading=True)  # `DELETE WHERE {…}`: the tokens before the text that is none
    words = [t for t in toks if t.kind == "name" and t.text.upper() not in ("PREFIX", "BASE")]
    if words and words[0].text.upper() == "WITH":
        words = [t for t in words if t.text.upper() in UPDATE_OPERATIONS]
    update = words[0] if words and words[0].text.upper() in UPDATE_OPERATIONS else None
    if update is not None:
        where = line_and_column(_unescape(sparql), update.start)
        raise QueryError(f"kg query runs read-only queries; SPARQL updates are not supported ({update.text.upper()} "
                         f"at {where}; a graph changes by `kg build`, or `kg remove` for a store)")


def _cell(value) -> str:
    return "" if value is None else str(value)


def run_query(graph: Graph, sparql: str, bindings: dict[str, str] | None = None) -> QueryResult:
    """Run SPARQL; ``bindings`` pre-bind variables (``{"name": "市经信委"}``, see :func:`with_values`)."""
    try:
        result = graph.query(with_values(sparql, bindings or {}), initNs=PREFIXES)
    except Exception as err:  # pyparsing and rdflib evaluation errors
        raise QueryError(f"SPARQL error: {err}") from err
    if result.type == "ASK":
        return QueryResult(["ask"], [[str(bool(result.askAnswer)).lower()]], "ask", bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        base = next((str(ns)[:-3] for prefix, ns in graph.namespaces() if prefix == "kgr"), DEFAULT_BASE_IRI)
        return QueryResult([], [], "graph", graph=bind_prefixes(result.graph, base))
    columns = [str(v) for v in result.vars]
    return QueryResult(columns, [[_cell(row[i]) for i in range(len(columns))] for row in result])


def run_store_query(store, sparql: str, bindings: dict[str, str] | None = None) -> QueryResult:
    """Run SPARQL on a :class:`kg.store.KgStore` (Oxigraph; the default graph is the union of all graphs).

    The query is first held to :mod:`kg.serve.guard`'s limits (a huge query is refused before the engine
    parses it: its parser is what a 10,000-term expression crashes), and a syntax error names the line
    and column of ``sparql`` as given (kg's prefixes are passed to the parser, not prepended)."""
    import pyoxigraph as ox

    from kg.serve.guard import QueryRefused, check_limits

    try:
        check_limits(sparql)
    except QueryRefused as refused:
        raise QueryError(f"query refused: {refused}") from None
    try:
        result = store.query(with_values(sparql, bindings or {}), prefixes=PREFIXES)
    except SyntaxError as err:
        raise QueryError(syntax_error(sparql, err)) from None
    except (OSError, ValueError) as err:
        raise QueryError(f"SPARQL error: {err}") from err
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(["ask"], [[str(bool(result)).lower()]], "ask", bool(result))
    if isinstance(result, ox.QueryTriples):
        from rdflib import Graph

        data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        graph = Graph().parse(data=data.decode("utf-8"), format="nt")
        # kg's prefixes (kg:, kgr:, doc: of the store's base, the vocabularies), not rdflib's ns1:, ns2:
        return QueryResult([], [], "graph", graph=bind_prefixes(graph, getattr(store, "base", DEFAULT_BASE_IRI)))
    columns = [v.value for v in result.variables]
    rows = [[_ox_cell(sol[c]) for c in columns] for sol in result]
    return QueryResult(columns, rows)


def syntax_error(sparql: str, err: SyntaxError) -> str:
    """One line for the engine's ``err`` on the user's ``sparql``: where in that text (line, column and the
    text there, from rdflib's parser, which stops at the token it cannot take) and what the engine expected
    (its list of grammar symbols without the character classes)."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    from kg.serve.guard import engine_message, line_and_column

    expected, engine_at = engine_message(err)
    offset = _undeclared_prefix(sparql)  # the engine says "expected OPTIONAL" or "Prefix not found", at the end
    form = _misspelt_form(sparql) if offset is None else None  # the engine says "expected CONSTRUCT" for SELEC
    if form is not None:
        offset, word = form
        expected = f"expected a query form (SELECT, CONSTRUCT, ASK or DESCRIBE), got {word!r}"
    elif offset is not None:
        expected = f"the prefix {sparql[offset:].split(':')[0] + ':'!r} is not declared (add PREFIX …: <…>)"
    else:
        try:
            parseQuery(sparql)
        except ParseBaseException as parsed:
            offset = parsed.loc
        except Exception:  # rdflib's parser has its own failures; the engine's position is then used
            pass
    if offset is None and engine_at:  # the engine's line:column (its column counts from 1)
        line, column = engine_at
        lines = sparql.split("\n")
        if 0 < line <= len(lines):
            offset = sum(len(x) + 1 for x in lines[:line - 1]) + min(column - 1, len(lines[line - 1]))
    if offset is None:
        return f"SPARQL syntax error: {expected}"
    near = " ".join(sparql[offset:offset + 30].split())
    return f"SPARQL syntax error at {line_and_column(sparql, offset)}" + (f", near {near!r}" if near else
                                                                          " (the end of the query)") + f": {expected}"


def _misspelt_form(sparql: str) -> tuple[int, str] | None:
    """Where the query's first keyword after the prologue is, and the word, when it is no query form
    (``SELEC``); None otherwise (offsets in the text with code-point escapes resolved, as the parser reads it)."""
    from kg.serve.guard import QUERY_FORMS, QueryRefused, tokens

    try:
        toks = tokens(sparql, leading=True)
    except QueryRefused:
        return None
    words = [t for t in toks if t.kind == "name" and t.text.upper() not in ("PREFIX", "BASE")]
    if not words or words[0].text.upper() in QUERY_FORMS:
        return None
    return words[0].start, words[0].text


def _undeclared_prefix(sparql: str) -> int | None:
    """The offset of the first prefixed name whose prefix neither the query nor kg declares."""
    from kg.serve.guard import QueryRefused, tokens

    try:
        toks = tokens(sparql)
    except QueryRefused:
        return None
    declared = set(PREFIXES) | {toks[i + 1].text[:-1] for i, t in enumerate(toks[:-1])
                                if t.kind == "name" and t.text.upper() == "PREFIX" and toks[i + 1].kind == "pname"}
    return next((t.start for t in toks if t.kind == "pname" and t.text.split(":")[0] not in declared), None)


def with_values(sparql: str, bindings: dict[str, str]) -> str:
    """``sparql`` with ``VALUES ?var { "value" "value"@zh }`` opening its WHERE group. A bound variable
    matches the value as a plain or a Chinese-tagged string (kg's names are ``@zh``), and a store looks
    it up in its indexes: Oxigraph does not propagate a ``BIND``-computed value into triple patterns
    (a scan at 10^6 triples) and its own substitutions only reach projected variables.

    The group is found among the query's SPARQL tokens (:func:`kg.serve.guard.tokens`, see
    :func:`_where_group`), so a ``WHERE {`` inside a comment, a string or an IRI is not taken for it. The
    values go on the same line (line numbers stay)."""
    if not bindings:
        return sparql
    from kg.serve.guard import QueryRefused, _unescape, tokens

    text = _unescape(sparql)  # token offsets are in this text (SPARQL resolves \u escapes first)
    try:
        toks = tokens(text)
    except QueryRefused as refused:
        raise QueryError(str(refused)) from None
    mentioned = {t.text[1:] for t in toks if t.kind == "var"}
    unknown = sorted(set(bindings) - mentioned)
    if unknown:
        raise QueryError(f"--bind {unknown[0]}: the query has no variable ?{unknown[0]} "
                         f"(it has: {', '.join('?' + v for v in sorted(mentioned)) or 'none'})")
    group = _where_group(toks)
    if group is None:
        raise QueryError("SPARQL error: no WHERE group to bind variables in")
    end = group.start + 1
    values = " ".join(f"VALUES ?{k} {{ {Literal(v).n3()} {Literal(v, lang='zh').n3()} }}" for k, v in bindings.items())
    return f"{text[:end]} {values} {text[end:]}"


def _where_group(toks):
    """The ``{`` token opening the query's WHERE group (None if there is none): the first ``{`` after the
    query form (``WHERE`` is optional, a projection or FROM has no brace), after the template of a
    CONSTRUCT; so a subquery's WHERE is never taken for the query's own."""
    from kg.serve.guard import QUERY_FORMS

    form = next((i for i, t in enumerate(toks) if t.kind == "name" and t.text.upper() in QUERY_FORMS), None)
    if form is None:
        return None
    start = form + 1
    if toks[form].text.upper() == "CONSTRUCT" and start < len(toks) and toks[start].text == "{":
        depth = 0
        for start in range(form + 1, len(toks)):
            depth += {"{": 1, "}": -1}.get(toks[start].text, 0) if toks[start].kind == "punct" else 0
            if depth == 0:
                break
    return next((t for t in toks[start:] if t.kind == "punct" and t.text == "{"), None)


def _ox_cell(term) -> str:
    return "" if term is None else term.value


def format_result(result: QueryResult, fmt: str = "table") -> str:
    if result.kind == "graph":
        return result.graph.serialize(format="turtle")
    if fmt == "json":
        return json.dumps([dict(zip(result.columns, row)) for row in result.rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return buf.getvalue().rstrip("\n")
    return _table(result.columns, result.rows)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_CELL_CONTROLS = str.maketrans({"\n": "⏎", "\r": "⏎", "\t": "→", "\v": "⏎", "\f": "⏎", "\x85": "⏎",
                                "\u2028": "⏎", "\u2029": "⏎"})


def _one_line(cell: str) -> str:
    """A cell on one table line: a line break shows as ⏎ (CR LF as one), a tab as →, any other control
    character as an escape (``\\x1b``: a source path cannot drive the terminal)."""
    return printable(cell.replace("\r\n", "\n").translate(_CELL_CONTROLS))


def _table(columns: list[str], rows: list[list[str]]) -> str:
    """A text table, one line per row whatever the cells hold; a long cell widens its column (the table is
    never wrapped: pipe it to ``less -S`` to scroll sideways)."""
    columns = [_one_line(c) for c in columns]
    rows = [[_one_line(v) for v in row] for row in rows]
    widths = [_width(c) for c in columns]
    for row in rows:
        widths = [max(w, _width(v)) for w, v in zip(widths, row)]

    def line(cells):
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
