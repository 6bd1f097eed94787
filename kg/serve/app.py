"""The Starlette application: ``/sparql`` (SPARQL 1.1 Protocol, read-only) and ``/`` (a query page).

What a request may do is bounded: its Host must be an allowed name (loopback by default: a page from
another site cannot reach the endpoint through DNS rebinding), its body must arrive within
``BODY_SECONDS`` and be at most ``MAX_BODY_BYTES`` of UTF-8, its query must pass :mod:`kg.serve.guard`,
and a client that leaves cancels its query.
"""
from __future__ import annotations

import asyncio
import contextlib
import html
import json
import threading
import urllib.parse
from importlib import resources

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.serve.guard import QueryRefused, check_query, query_form
from kg.serve.results import negotiate
from kg.serve.workers import QueryPool

__all__ = ["make_app", "LOOPBACK_HOSTS"]

_GRAPH_QUERY = ("CONSTRUCT", "DESCRIBE")
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
MAX_BODY_BYTES = 1_000_000
BODY_SECONDS = 10.0  # a client that takes longer to send its query is cut off (slow-body attacks)


def _page() -> str:
    from kg.rdf.query import named_queries

    examples = {name: path.read_text(encoding="utf-8") for name, path in named_queries().items()}
    template = resources.files("kg.serve").joinpath("page.html").read_text(encoding="utf-8")
    # JSON inside <script>: escape "<" so no query text can close the element
    return template.replace("__EXAMPLES__", json.dumps(examples, ensure_ascii=False).replace("<", "\\u003c"))


def _refused(status: int, message: str) -> Response:
    return PlainTextResponse(message, status)


def make_app(pool: QueryPool, title: str = "kg SPARQL endpoint", allowed_hosts: list[str] | None = None,
             cors_origins: tuple[str, ...] = ()) -> Starlette:
    """The endpoint over ``pool``. Requests whose Host header is not in ``allowed_hosts`` (loopback names by
    default) are refused with 400; CORS headers are sent only for ``cors_origins``."""
    page = _page().replace("__TITLE__", html.escape(title))

    async def index(request: Request) -> Response:
        return HTMLResponse(page)

    async def read_query(request: Request) -> str | Response:
        """The query text of a SPARQL Protocol request, or the error response."""
        if request.method == "GET":
            if "update" in request.query_params:
                return _refused(403, "this endpoint is read-only: updates are refused")
            return request.query_params.get("query") or ""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return _refused(403, "this endpoint is read-only: updates are refused")
        if ctype not in ("application/sparql-query", "application/x-www-form-urlencoded"):
            return _refused(415, f"unsupported content type {ctype!r}: use application/sparql-query "
                                 "or a form with query=")
        try:
            body = await asyncio.wait_for(_capped_body(request), BODY_SECONDS)
        except asyncio.TimeoutError:
            return _refused(408, f"the request body did not arrive within {BODY_SECONDS:g} s")
        except ValueError as err:
            return _refused(413, str(err))
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as err:
            return _refused(400, f"the request is not UTF-8 (invalid byte at {err.start})")
        if ctype == "application/sparql-query":
            return text
        form = urllib.parse.parse_qs(text, keep_blank_values=True)
        if "update" in form:
            return _refused(403, "this endpoint is read-only: updates are refused")
        return (form.get("query") or [""])[0]

    async def sparql(request: Request) -> Response:
        query = await read_query(request)
        if isinstance(query, Response):
            return query
        if not query:
            return _refused(400, "missing query: send query=... (GET or form POST) or an "
                                 "application/sparql-query body")
        try:
            graph = query_form(check_query(query)) in _GRAPH_QUERY
        except QueryRefused as refused:
            return _refused(refused.status, str(refused))
        accept = request.headers.get("accept", "")
        fmt = negotiate(accept, graph=False) if not graph else "json"
        graph_fmt = negotiate(accept, graph=True) if graph else "turtle"
        cancelled = threading.Event()
        job = asyncio.ensure_future(run_in_threadpool(pool.run, query, fmt, graph_fmt, cancelled))
        while not job.done():  # a client that leaves cancels its query (its worker is replaced at once)
            await asyncio.wait({job}, timeout=0.2)
            if not job.done() and await request.is_disconnected():
                cancelled.set()
        try:
            answer = job.result()
        except QueryRefused as refused:
            return _refused(refused.status, str(refused))
        if answer is None:
            return Response(status_code=499)  # the client has gone: nobody reads this
        return Response(answer.body, answer.status, media_type=answer.media_type)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        pool.close()  # stop the query workers on shutdown (SIGTERM, Ctrl-C)

    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)]
    if cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"]))
    return Starlette(routes=[Route("/", index), Route("/sparql", sparql, methods=["GET", "POST"])],
                     middleware=middleware, lifespan=lifespan)


async def _capped_body(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ValueError(f"the request body is larger than {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
