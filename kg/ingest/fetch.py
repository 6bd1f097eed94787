"""Articles from the web: page URLs and RSS/Atom feeds (feedparser), fetched politely into a cache folder.

Each URL is fetched at most once per run with a conditional GET (the ETag and Last-Modified the server gave
last time), so a rerun downloads nothing that did not change; robots.txt is honoured (protego), requests to
one host are spaced by a delay (or the host's Crawl-delay), transient failures are retried with backoff,
and every response has a timeout and a size cap. A URL that fails is one line; the others go on.
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

from kg.errors import InputError
from kg.ingest.document import Document
from kg.ingest.reader import Skipped, read_document

__all__ = ["Fetcher", "FetchReport", "fetch_documents", "USER_AGENT"]

USER_AGENT = "kg-fetch/1.0 (+https://example.org/kg; knowledge graphs of policy news)"
_FEED_TYPES = ("rss", "atom", "xml")


@dataclass
class FetchReport:
    """What a run did: URLs downloaded, answered 304 (unchanged), served from the cache, and failed."""
    downloaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)

    def line(self) -> str:
        return (f"fetched {len(self.downloaded)}, unchanged {len(self.unchanged)}, failed {len(self.failed)}")


class Fetcher:
    """A polite HTTP client with a cache folder (``index.json`` + one file per URL)."""

    def __init__(self, cache: str | Path, delay: float = 1.0, timeout: float = 20.0,
                 max_bytes: int = 20_000_000, retries: int = 2, user_agent: str = USER_AGENT):
        import requests
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

        self.cache = Path(cache)
        self.cache.mkdir(parents=True, exist_ok=True)
        self.delay, self.timeout, self.max_bytes = delay, timeout, max_bytes
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        retry = Retry(total=retries, backoff_factor=0.5, status_forcelist=(429, 502, 503, 504),
                      allowed_methods=("GET",), raise_on_status=False, respect_retry_after_header=True)
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))
        self._index_file = self.cache / "index.json"
        self.index: dict[str, dict] = json.loads(self._index_file.read_text(encoding="utf-8")) \
            if self._index_file.exists() else {}
        self._robots: dict[str, object] = {}
        self._last: dict[str, float] = {}
        self.user_agent = user_agent

    # -- politeness ---------------------------------------------------------------------
    def _robots_for(self, url: str):
        from protego import Protego

        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            try:  # cached and revalidated like any page
                path, _fresh = self._download(root + "/robots.txt")
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
    def get(self, url: str) -> tuple[Path, bool]:
        """The cached file of ``url`` and whether it was downloaded now (False: the server said 304).
        Raises :class:`InputError` with the reason."""
        if not self._robots_for(url).can_fetch(url, self.user_agent):
            raise InputError(f"{url}: disallowed by robots.txt")
        return self._download(url)

    def _download(self, url: str) -> tuple[Path, bool]:
        import requests

        cached = self.index.get(url, {})
        headers = {}
        if cached and (self.cache / cached["file"]).exists():
            if cached.get("etag"):
                headers["If-None-Match"] = cached["etag"]
            if cached.get("last_modified"):
                headers["If-Modified-Since"] = cached["last_modified"]
        self._wait(urlsplit(url).netloc)
        try:
            with self.session.get(url, headers=headers, timeout=self.timeout, stream=True) as response:
                if response.status_code == 304 and cached:
                    return self.cache / cached["file"], False
                if response.status_code != 200:
                    raise InputError(f"{url}: HTTP {response.status_code}")
                body = bytearray()
                for chunk in response.iter_content(65536):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise InputError(f"{url}: more than {self.max_bytes} bytes, over the limit")
                kind = response.headers.get("Content-Type", "")
                etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        except requests.RequestException as err:
            # a read timeout comes back wrapped in a ConnectionError once the retries are spent
            if isinstance(err, requests.Timeout) or "timed out" in str(err):
                raise InputError(f"{url}: no answer within {self.timeout:g} s") from err
            raise InputError(f"{url}: {type(err).__name__}") from err
        name = hashlib.sha1(url.encode("utf-8")).hexdigest()[:20] + _suffix(url, kind, bytes(body))
        path = self.cache / name
        path.write_bytes(bytes(body))
        self.index[url] = {"file": name, "etag": etag, "last_modified": modified, "type": kind}
        self._save()
        return path, True

    def _save(self) -> None:
        from kg.rdf.serialize import write_text

        write_text(self._index_file, json.dumps(self.index, ensure_ascii=False, indent=1, sort_keys=True))


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


def feed_links(path: Path, base: str) -> list[str]:
    """The article links of an RSS/Atom feed, in feed order."""
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    return [urljoin(base, entry.link) for entry in parsed.entries if entry.get("link")]


def fetch_documents(urls: Iterable[str], fetcher: Fetcher, report: FetchReport,
                    max_bytes: int = 20_000_000, progress: Callable[[Iterable], Iterable] = lambda it: it
                    ) -> Iterator[Document]:
    """The articles behind ``urls`` (pages, or feeds whose items are fetched), each read as a Document whose
    source is its URL. A page the server says is unchanged is read from the cache: the store's content hash
    then skips it, or builds it if an earlier run failed to."""
    def fetched(url: str) -> tuple[Path, bool] | None:
        try:
            return fetcher.get(url)
        except InputError as err:
            report.failed.append(Skipped(url, str(err).split(": ", 1)[-1], stage="fetch"))
            return None

    def pages():
        for url in urls:
            got = fetched(url)
            if got is not None and got[0].suffix == ".xml":
                (report.downloaded if got[1] else report.unchanged).append(url)
                yield from ((link, None) for link in feed_links(got[0], url))
            elif got is not None:
                yield url, got

    for url, got in progress(pages()):
        got = got or fetched(url)
        if got is None:
            continue
        path, fresh = got
        (report.downloaded if fresh else report.unchanged).append(url)
        try:
            document = read_document(path, max_bytes)
        except InputError as err:
            report.failed.append(Skipped(url, str(err).split(": ", 1)[-1], stage="read"))
            continue
        yield dataclasses.replace(document, source=url)
