"""The HTTP transport of ``kg fetch``: a requests adapter whose connections

- belong to the request being made, and a watchdog shuts them down when the request's total time (connect,
  headers and body, across retries) runs out: a socket timeout alone is per read, so a server that trickles a
  byte a second would never time out;
- when guarded, connect only to public addresses (:mod:`kg.ingest.address`): the name is resolved, every address
  it resolves to checked, and the connection made to a checked address itself, so a name that resolves to a
  public address when checked and to a private one a moment later (DNS rebinding) cannot slip through.

A guarded session ignores proxy settings from the environment (HTTP_PROXY, ...): through a proxy the proxy would
choose the address, and kg could not check it.
"""
from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from typing import Iterator

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import connection

from kg.ingest.address import public_addresses

__all__ = ["Budget", "WatchedAdapter", "time_left"]

_current = threading.local()  # the watch of the request this thread is making


class _Watch:
    """The sockets of one request, shut down together when its time is up."""

    def __init__(self, seconds: float):
        self.sockets: list[socket.socket] = []
        self.expired = seconds <= 0
        self.ends = time.monotonic() + seconds
        self._lock = threading.Lock()

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Wake whatever waits on ``sock`` (a blocked recv returns): shutdown acts on the socket, so a duplicate of
    its descriptor does it without touching the socket object another thread is using (an SSL socket's state)."""
    try:
        duplicate = socket.socket(fileno=os.dup(sock.fileno()))
        try:
            duplicate.shutdown(socket.SHUT_RDWR)
        finally:
            duplicate.close()
    except OSError:
        pass  # closed already


class Budget:
    """The seconds a URL may take on the network, over all its requests (robots.txt, redirects, the body);
    the time between requests (the politeness delay) does not count."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.left = seconds

    @contextlib.contextmanager
    def running(self) -> Iterator[_Watch]:
        """A request's time: its sockets are shut down when the budget runs out (``watch.expired`` tells)."""
        watch = _Watch(self.left)
        timer = threading.Timer(max(self.left, 0), watch.expire)
        timer.daemon = True
        started = time.monotonic()
        _current.watch = watch
        timer.start()
        try:
            yield watch
        finally:
            timer.cancel()
            _current.watch = None
            self.left -= time.monotonic() - started


def time_left() -> float | None:
    """Seconds left to the request this thread is making (None outside one): a retry waits no longer."""
    watch = getattr(_current, "watch", None)
    return None if watch is None else max(watch.ends - time.monotonic(), 0.0)


def _register(sock: socket.socket) -> None:
    watch = getattr(_current, "watch", None)
    if watch is not None:
        watch.add(sock)


class _Watched:
    """Mixed into urllib3's connections: each socket joins the current request's watch; a guarded one connects
    only to the checked public addresses of its host."""

    guarded = False

    def _new_conn(self) -> socket.socket:
        sock = self._connect_public() if self.guarded else super()._new_conn()
        _register(sock)
        return sock

    def request(self, *args, **kwargs):
        if self.sock is not None:  # a kept-alive connection, reused by this request
            _register(self.sock)
        return super().request(*args, **kwargs)

    def _connect_public(self) -> socket.socket:
        failure = None
        for family, _type, _proto, _name, address in public_addresses(self._dns_host, self.port):
            try:  # the literal address just checked: nothing is resolved again
                return connection.create_connection((address[0], self.port), self.timeout,
                                                    source_address=self.source_address,
                                                    socket_options=self.socket_options)
            except TimeoutError as err:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from err
            except OSError as err:
                failure = err
        raise NewConnectionError(self, f"Failed to establish a new connection: {failure}")


def _pools(guarded: bool) -> dict[str, type]:
    http = type("WatchedHTTPConnection", (_Watched, HTTPConnection), {"guarded": guarded})
    https = type("WatchedHTTPSConnection", (_Watched, HTTPSConnection), {"guarded": guarded})
    return {"http": type("WatchedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("WatchedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https})}


class WatchedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections are watched (and guarded when ``guarded``)."""

    def __init__(self, guarded: bool = False, **kwargs):
        self.guarded = guarded
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pools(self.guarded)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        """Through an HTTP proxy (a trusted session's, from the environment) the connections are watched too;
        they go to the proxy, which the user chose, so they are never guarded."""
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _pools(False)
        return manager
