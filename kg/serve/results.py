"""SPARQL result serialisations (JSON, XML, CSV, TSV) written from pyoxigraph terms, so a row cap can
be applied before anything is sent."""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

__all__ = ["FORMATS", "serialize_select", "select_chunks", "serialize_ask", "negotiate"]

FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {"turtle": ("text/turtle", ox.RdfFormat.TURTLE), "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES)}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def negotiate(accept: str, graph: bool) -> str:
    """The result format for an Accept header (first match in the client's order; JSON/Turtle by default)."""
    accept = (accept or "").lower()
    table = {mime: name for name, (mime, _) in GRAPH_FORMATS.items()} if graph else {v: k for k, v in FORMATS.items()}
    if graph:
        table.update({"text/plain": "ntriples", "application/x-turtle": "turtle"})
    else:
        table.update({"application/json": "json", "application/xml": "xml", "text/xml": "xml"})
    for part in accept.split(","):
        mime = part.split(";")[0].strip()
        if mime in table:
            return table[mime]
    return "turtle" if graph else "json"


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    attrs = f" xml:lang={quoteattr(term.language)}" if term.language else (
        f" datatype={quoteattr(term.datatype.value)}" if term.datatype.value != _XSD_STRING else "")
    return f"<literal{attrs}>{escape(term.value)}</literal>"


def serialize_select(variables: list[str], rows: list[list], fmt: str) -> bytes:
    """``rows``: lists of pyoxigraph terms (or None for unbound), in ``variables`` order."""
    return b"".join(select_chunks(variables, rows, fmt))


def select_chunks(variables: list[str], rows: Iterable[list], fmt: str) -> Iterator[bytes]:
    """The serialisation of a SELECT result, a piece per row, so a writer can stop at a byte cap without
    holding the whole answer."""
    if fmt == "json":
        yield json.dumps({"head": {"vars": variables}}, ensure_ascii=False)[:-1].encode() + b', "results": {"bindings": ['
        for i, row in enumerate(rows):
            binding = {v: _json_term(t) for v, t in zip(variables, row) if t is not None}
            yield (b", " if i else b"") + json.dumps(binding, ensure_ascii=False).encode()
        yield b"]}}"
    elif fmt == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        yield (f'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>{head}</head>'
               "<results>").encode()
        for row in rows:
            yield ("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                        for v, t in zip(variables, row) if t is not None) + "</result>").encode()
        yield b"</results></sparql>"
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if t is None else t.value for t in row])
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue().encode()
    else:
        yield ("\t".join("?" + v for v in variables) + "\n").encode()
        for row in rows:
            yield ("\t".join("" if t is None else str(t) for t in row) + "\n").encode()


def serialize_ask(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (f'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{str(value).lower()}</boolean></sparql>").encode()
    if fmt in ("csv", "tsv"):
        return f"{'_askResult' if fmt == 'csv' else '?_askResult'}\n{str(value).lower()}\n".encode()
    return json.dumps({"head": {}, "boolean": value}).encode()
