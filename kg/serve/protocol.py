"""uvicorn's HTTP/1.1 protocol (h11) with a header-read timeout, so idle and slow connections cost nothing.

uvicorn 0.55 arms its only connection timer, ``timeout_keep_alive``, after a response, and cancels it on
any byte received (``H11Protocol.data_received``): a connection that sends nothing after connecting is
kept for ever, and one that sends a byte every few seconds is kept too. Its ``limit_concurrency`` counts
open connections, so 256 such sockets turned every real query into a 503. This protocol arms a timer
when a connection opens and again when it waits for its next request, and closes the connection if the
request's head (request line and headers) has not all arrived when it fires. The body has its own limit
in :mod:`kg.serve.app` (``BODY_SECONDS``), the query its own in the worker pool; the server runs
without ``limit_concurrency`` (see ``kg/cli/serve.py``).

Why this and not another server (read in their source, Dec 2026): hypercorn 0.18 has the same
behaviour built in (its ``keep_alive_timeout`` idle task starts when a connection opens and stops only
at ``h11.Request``) but brings h2, priority, wsproto, hpack and hyperframe; granian (Rust) has an HTTP/1
header-read timeout but runs the app in worker processes it starts itself from an import path, while
kg's app holds the query pool made by ``kg serve``. Measured with ``benchmarks/server_choice.py`` (same
app and pool, sample store, 2 shared cores, two runs each): under 1,000 idle connections both answer
200 queries with 0 errors (uvicorn + this protocol p99 0.26-0.29 s, hypercorn 0.42-0.46 s) and close
all 1,000 within 5.5-5.8 s; without them 32 clients get 135-173 q/s (uvicorn) and 143-219 q/s
(hypercorn), within this machine's noise; peak RSS 60 MB against 68-70 MB. As good, so the server kg
already runs, with no new dependency. The subclass rests on ``H11Protocol``'s ``conn``, ``transport``,
``loop`` and ``on_response_complete``, which a uvicorn upgrade could change (tests/serve/test_hardening.py
exercises it).
"""
from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["HeaderTimeoutProtocol", "HEADER_SECONDS"]

HEADER_SECONDS = 5.0


class HeaderTimeoutProtocol(H11Protocol):
    """An :class:`H11Protocol` that closes a connection whose request head takes over ``header_seconds``
    (counted from the connection's opening, or from the end of its previous response)."""

    header_seconds: float = HEADER_SECONDS
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head has arrived (h11 moves on only then)
            self._cancel_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm_header_timer()  # keep-alive: the next head must come in time too

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self._header_timer = self.loop.call_later(self.header_seconds, self._head_too_late)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _head_too_late(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()
