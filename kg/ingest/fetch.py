"""Articles from the web: page URLs and RSS/Atom feeds (feedparser), fetched politely into a cache folder.

Each URL is fetched at most once per run with a conditional GET (the ETag and Last-Modified the server gave
last time), so a rerun downloads nothing that did not change; robots.txt is honoured (protego), requests to
one host are spaced by a delay (or the host's Crawl-delay), transient failures are retried with backoff,
and every URL has a total time limit and a size cap. A URL that fails is one line; the others go on.

Feeds are not trusted: an item (or a redirect) is fetched only from a public address, checked on every hop
and pinned for the connection (:mod:`kg.ingest.address`, :mod:`kg.ingest.transport`), and a feed gives at most
``max_items`` items.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from urllib3.exceptions import HTTPError
from urllib3.util.retry import Retry

from kg.config import DEFAULT_MAX_ITEMS, DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_RETRY_AFTER, ReadLimits
from kg.errors import InputError
from kg.ingest.address import RefusedAddress, url_refusal
from kg.ingest.document import Document
from kg.ingest.feed import parse_feed
from kg.ingest.reader import Skipped, read_document
from kg.ingest.transport import Budget, WatchedAdapter, time_left
from kg.printable import printable

__all__ = ["Fetcher", "FetchReport", "fetch_documents", "url_problem", "USER_AGENT"]

USER_AGENT = "kg-fetch/1.0 (+https://example.org/kg; knowledge graphs of policy news)"
_FEED_TYPES = ("rss", "atom", "xml")


@dataclass
class FetchReport:
    """What a run did: URLs downloaded, answered 304 (unchanged), served from the cache, and failed."""
    downloaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)  # failed to fetch or read, or refused
    capped: list[str] = field(default_factory=list)  # one line per feed with more items than --max-items

    def line(self) -> str:
        return (f"fetched {len(self.downloaded)}, unchanged {len(self.unchanged)}, failed {len(self.failed)}")


def url_problem(url: str) -> str:
    """Why ``url`` is no web address kg fetch can fetch ("" when it is one): another scheme (a local file is
    given to kg build), no scheme, no host, or a malformed one.

    >>> url_problem("https://www.example.gov.cn/a.html"), url_problem("www.example.gov.cn/a.html")
    ('', 'no http:// or https:// in front (https://www.example.gov.cn/a.html?)')
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is no number raises here
    except ValueError as err:
        return f"not a valid URL ({err})"
    scheme = parts.scheme.lower()
    if scheme == "file":
        return "a file URL: kg fetch fetches web pages (kg build reads files)"
    if scheme in ("http", "https"):
        return "" if parts.hostname else "no host name in it"
    if not parts.netloc and "." in url.split("/")[0]:  # www.example.gov.cn/a.html (or with :8080)
        return f"no http:// or https:// in front (https://{url}?)"
    if scheme:
        return f"a URL of scheme {scheme}: kg fetch fetches http:// and https:// only"
    return "not a web address (http:// or https://)"


def _network_reason(err: BaseException) -> str:
    """What went wrong on the network, in words (not the exception's class): refused, host not found, a TLS
    failure, a reset ..."""
    import socket
    import ssl

    seen, causes, pending = set(), [], [err]
    while pending:  # the error, what it wraps (urllib3 keeps it in .reason) and what caused it
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        causes.append(current)
        pending += [getattr(current, "reason", None) if isinstance(getattr(current, "reason", None), BaseException)
                    else None, current.__cause__, current.__context__]
        pending += [a for a in getattr(current, "args", ()) if isinstance(a, BaseException)]
    for cause in causes:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, socket.gaierror) or type(cause).__name__ == "NameResolutionError":
            return "host name not found"
        if isinstance(cause, ssl.SSLError):
            return f"TLS failed ({cause.reason or 'handshake'})".replace("_", " ").lower()
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if type(cause).__name__ in ("InvalidSchema", "MissingSchema", "InvalidURL"):
            return "not a valid web address"
    return "network error"


class Fetcher:
    """A polite HTTP client with a cache folder (``index.json`` + one file per URL).

    A URL the user typed is trusted; one found in a feed, and every redirect's target, is fetched only from a
    public address (:mod:`kg.ingest.address`) unless ``allow_private``. Redirects are followed here, each hop
    checked, at most ``max_redirects``. ``timeout`` bounds a URL's whole time on the network (robots.txt, its
    redirects, connecting, headers and body), not one read."""

    def __init__(self, cache: str | Path, delay: float = 1.0, timeout: float = 20.0,
                 max_bytes: int = 20_000_000, retries: int = 2, user_agent: str = USER_AGENT,
                 allow_private: bool = False, max_redirects: int = DEFAULT_MAX_REDIRECTS):
        self.cache = Path(cache)  # made when the first answer is kept
        self.delay, self.timeout, self.max_bytes = delay, timeout, max_bytes
        self.allow_private, self.max_redirects = allow_private, max_redirects
        self.user_agent = user_agent
        # typed URLs: any address; the others: public addresses only, connected to directly (no proxy)
        self._sessions = {True: _session(user_agent, retries, guarded=False),
                          False: _session(user_agent, retries, guarded=not allow_private)}
        self._index_file = self.cache / "index.json"
        self.index: dict[str, dict] = json.loads(self._index_file.read_text(encoding="utf-8")) \
            if self._index_file.exists() else {}
        self._robots: dict[str, object] = {}
        self._last: dict[str, float] = {}

    # -- politeness ---------------------------------------------------------------------
    def _robots_for(self, url: str, trusted: bool, budget: Budget):
        from protego import Protego

        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            try:  # cached and revalidated like any page
                path, _fresh = self._follow(root + "/robots.txt", trusted, budget, robots=False)
                text = path.read_bytes().decode("utf-8", "replace")
            except InputError:  # no robots.txt is permission
                text = ""
            self._robots[root] = Protego.parse(text)
        return self._robots[root]

    def _wait(self, host: str) -> None:
        delay = self.delay
        rules = next((r for root, r in self._robots.items() if urlsplit(root).netloc == host), None)
        if rules is not None and rules.crawl_delay(self.user_agent):
            delay = max(delay, float(rules.crawl_delay(self.user_agent)))
        wait = self._last.get(host, 0.0) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    # -- fetching -------------------------------------------------------------------------
    def get(self, url: str, trusted: bool = True) -> tuple[Path, bool]:
        """The cached file of ``url`` and whether it was downloaded now (False: the server said 304).
        ``trusted``: the user typed it (else it came from a feed). Raises :class:`InputError` with the reason
        (:class:`RefusedAddress` for an address that is not public)."""
        problem = url_problem(url)
        if problem:
            raise RefusedAddress(f"{url}: {problem}")
        return self._follow(url, trusted, Budget(self.timeout))

    def _follow(self, url: str, trusted: bool, budget: Budget, robots: bool = True) -> tuple[Path, bool]:
        hop = url
        for _ in range(self.max_redirects + 1):
            refusal = "" if trusted or self.allow_private else url_refusal(hop)
            if refusal:
                raise RefusedAddress(f"{url}: {refusal}" if hop == url else f"{url}: redirects to {hop}, which "
                                                                             f"{refusal}")
            if robots and not self._robots_for(hop, trusted, budget).can_fetch(hop, self.user_agent):
                raise InputError(f"{url}: disallowed by robots.txt" if hop == url else
                                 f"{url}: redirects to {hop}, disallowed by robots.txt")
            got = self._request(hop, trusted, budget, url)
            if isinstance(got, tuple):
                return got
            hop, trusted = got, False  # a redirect's target is checked like a feed's item
        raise InputError(f"{url}: more than {self.max_redirects} redirects")

    def _request(self, url: str, trusted: bool, budget: Budget, key: str) -> tuple[Path, bool] | str:
        """One GET of ``url`` within ``budget``: the cached file (stored under ``key``, the URL first asked
        for) and whether it is new, or the URL a redirect leads to."""
        import requests

        cached = self.index.get(key, {})
        headers = {}
        if cached and (self.cache / cached["file"]).exists():
            if cached.get("etag"):
                headers["If-None-Match"] = cached["etag"]
            if cached.get("last_modified"):
                headers["If-Modified-Since"] = cached["last_modified"]
        self._wait(urlsplit(url).netloc)
        out_of_time = InputError(f"{key}: no answer within {self.timeout:g} s")
        watch = None
        try:
            with budget.running() as watch:
                if watch.expired:
                    raise out_of_time
                seconds = max(budget.left, 0.01)  # per read; the watch ends the whole request
                with self._sessions[trusted].get(url, headers=headers, timeout=seconds, stream=True,
                                                 allow_redirects=False) as response:
                    if response.is_redirect:
                        return urljoin(url, response.headers["Location"])
                    if response.status_code == 304 and cached:
                        return self.cache / cached["file"], False
                    if response.status_code != 200:
                        raise InputError(f"{key}: HTTP {response.status_code}")
                    body = bytearray()
                    while not watch.expired:  # read1: whatever has arrived, not a full chunk (a trickle)
                        chunk = response.raw.read1(65536, decode_content=True)
                        if not chunk:
                            break
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise InputError(f"{key}: more than {self.max_bytes:,} bytes, over the limit")
                    kind = response.headers.get("Content-Type", "")
                    etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
            if watch.expired:  # the watchdog shut the connection: what came is not the whole body
                raise out_of_time
        except InputError as err:  # the guarded connection's refusal (a name that resolves elsewhere now) has no URL
            if str(err).startswith(f"{key}: "):
                raise
            raise type(err)(f"{key}: {err}") from err
        except (requests.RequestException, OSError, HTTPError) as err:
            # a read timeout comes back wrapped in a ConnectionError once the retries are spent
            if watch is not None and watch.expired or isinstance(err, requests.Timeout) or "timed out" in str(err):
                raise out_of_time from err
            raise InputError(f"{key}: {_network_reason(err)}") from err
        name = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20] + _suffix(url, kind, bytes(body))
        self.cache.mkdir(parents=True, exist_ok=True)
        path = self.cache / name
        path.write_bytes(bytes(body))
        self.index[key] = {"file": name, "etag": etag, "last_modified": modified, "type": kind}
        self._save()
        return path, True

    def _save(self) -> None:
        from kg.rdf.serialize import write_text

        write_text(self._index_file, json.dumps(self.index, ensure_ascii=False, indent=1, sort_keys=True))


def _session(user_agent: str, retries: int, guarded: bool):
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.trust_env = not guarded  # a proxy would pick the address kg cannot then check
    retry = _CappedRetry(total=retries, backoff_factor=0.5, status_forcelist=(429, 502, 503, 504),
                         allowed_methods=("GET",), raise_on_status=False, respect_retry_after_header=True)
    for scheme in ("http://", "https://"):
        session.mount(scheme, WatchedAdapter(guarded=guarded, max_retries=retry))
    return session


class _CappedRetry(Retry):
    """Waits before a retry no longer than the URL's time left (nor a server's Retry-After over
    :data:`kg.config.DEFAULT_MAX_RETRY_AFTER` seconds: it could ask for hours)."""

    def get_retry_after(self, response):
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, DEFAULT_MAX_RETRY_AFTER, _left())

    def get_backoff_time(self) -> float:
        return min(super().get_backoff_time(), _left())


def _left() -> float:
    left = time_left()
    return DEFAULT_MAX_RETRY_AFTER if left is None else left


def _suffix(url: str, content_type: str, body: bytes) -> str:
    path = urlsplit(url).path.lower()
    for suffix in (".pdf", ".docx"):
        if path.endswith(suffix) or suffix[1:] in content_type:
            return suffix
    if is_feed(content_type, body):
        return ".xml"
    return ".html"


def is_feed(content_type: str, body: bytes) -> bool:
    head = body[:500].lstrip().lower()
    return any(t in content_type.lower() for t in _FEED_TYPES) and b"<html" not in head \
        or head.startswith((b"<?xml", b"<rss", b"<feed")) and b"<html" not in head


def feed_links(path: Path, base: str, max_items: int = DEFAULT_MAX_ITEMS) -> tuple[list[str], int]:
    """The article links of the first ``max_items`` items of an RSS/Atom feed, in feed order, and how many items
    the feed has (only those items are parsed: :func:`kg.ingest.feed.parse_feed`)."""
    feed = parse_feed(path.read_bytes(), max_items)
    return [urljoin(base, item.link) for item in feed.items if item.link], feed.total


def fetch_documents(urls: Iterable[str], fetcher: Fetcher, report: FetchReport,
                    max_bytes: int = 20_000_000, progress: Callable[[Iterable], Iterable] = lambda it: it,
                    max_items: int = DEFAULT_MAX_ITEMS, limits: ReadLimits = ReadLimits(), seconds: float = 0.0
                    ) -> Iterator[Document]:
    """The articles behind ``urls`` (pages, or feeds whose first ``max_items`` items are fetched), each read as a
    Document (within ``limits`` and ``seconds``) whose source is its URL. ``urls`` are the user's (trusted); a
    feed's items are fetched from public addresses only (see :class:`Fetcher`). A page the server says is
    unchanged is read from the cache: the store's content hash then skips it, or builds it if an earlier run
    failed to."""
    def fetched(url: str, trusted: bool) -> tuple[Path, bool] | None:
        try:
            return fetcher.get(url, trusted)
        except RefusedAddress as err:
            report.failed.append(Skipped(url, str(err).split(": ", 1)[-1], stage="refused"))
        except InputError as err:
            report.failed.append(Skipped(url, str(err).split(": ", 1)[-1], stage="fetch"))
        return None

    def pages():
        for url in urls:
            got = fetched(url, trusted=True)
            if got is not None and got[0].suffix == ".xml":
                (report.downloaded if got[1] else report.unchanged).append(url)
                links, items = feed_links(got[0], url, max_items)
                if items > max_items:
                    report.capped.append(f"{printable(url)}: {items - max_items} more items not fetched (--max-items)")
                yield from ((link, None) for link in links)
            elif got is not None:
                yield url, got

    for url, got in progress(pages()):
        got = got or fetched(url, trusted=False)
        if got is None:
            continue
        path, fresh = got
        (report.downloaded if fresh else report.unchanged).append(url)
        try:
            document = read_document(path, max_bytes, limits, seconds)
        except InputError as err:
            report.failed.append(Skipped(url, str(err).split(": ", 1)[-1], stage="read"))
            continue
        yield dataclasses.replace(document, source=url)
