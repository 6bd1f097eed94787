"""The Starlette application: ``/sparql`` (SPARQL 1.1 Protocol, read-only) and ``/`` (a query page)."""
from __future__ import annotations

import contextlib
import html
import json
from importlib import resources

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.serve.results import negotiate
from kg.serve.workers import QueryPool, QueryRefused

__all__ = ["make_app"]

_GRAPH_QUERY = ("CONSTRUCT", "DESCRIBE")


def _is_graph_query(sparql: str) -> bool:
    import re

    from kg.serve.workers import _STRINGS

    words = re.findall(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", _STRINGS.sub(" ", sparql), re.I)
    return bool(words) and words[0].upper() in _GRAPH_QUERY


def _page() -> str:
    from kg.rdf.query import named_queries

    examples = {name: path.read_text(encoding="utf-8") for name, path in named_queries().items()}
    template = resources.files("kg.serve").joinpath("page.html").read_text(encoding="utf-8")
    # JSON inside <script>: escape "<" so no query text can close the element
    return template.replace("__EXAMPLES__", json.dumps(examples, ensure_ascii=False).replace("<", "\\u003c"))


def make_app(pool: QueryPool, title: str = "kg SPARQL endpoint") -> Starlette:
    page = _page().replace("__TITLE__", html.escape(title))

    async def index(request: Request) -> Response:
        return HTMLResponse(page)

    async def sparql(request: Request) -> Response:
        if request.method == "GET":
            if "update" in request.query_params:
                return PlainTextResponse("this endpoint is read-only: updates are refused", 403)
            query = request.query_params.get("query")
        else:
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return PlainTextResponse("this endpoint is read-only: updates are refused", 403)
            if ctype == "application/sparql-query":
                query = (await request.body()).decode("utf-8")
            elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.form()
                if "update" in form:
                    return PlainTextResponse("this endpoint is read-only: updates are refused", 403)
                query = form.get("query")
            else:
                return PlainTextResponse(f"unsupported content type {ctype!r}: use application/sparql-query "
                                         "or a form with query=", 415)
        if not query:
            return PlainTextResponse("missing query: send query=... (GET or form POST) or an "
                                     "application/sparql-query body", 400)
        accept = request.headers.get("accept", "")
        graph = _is_graph_query(query)
        fmt = negotiate(accept, graph=False) if not graph else "json"
        graph_fmt = negotiate(accept, graph=True) if graph else "turtle"
        try:
            from starlette.concurrency import run_in_threadpool

            answer = await run_in_threadpool(pool.run, query, fmt, graph_fmt)
        except QueryRefused as refused:
            return PlainTextResponse(str(refused), refused.status)
        return Response(answer.body, answer.status, media_type=answer.media_type)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        pool.close()  # stop the query workers on shutdown (SIGTERM, Ctrl-C)

    return Starlette(routes=[Route("/", index), Route("/sparql", sparql, methods=["GET", "POST"])], lifespan=lifespan)
