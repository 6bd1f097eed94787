"""kg fetch cannot be made to hang, to fetch without end, or to read the analyst's own network: against real
HTTP servers on 127.0.0.1 started here (bounded loops, they stop by themselves)."""
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.address import RefusedAddress, address_kind
from kg.ingest.transport import WatchedAdapter
from kg.store import KgStore

runner = CliRunner()

SECRET = "<p>宁州市内部通讯录：财务处电话。</p>"
PUBLIC_LOOKING = "<p>宁州市人民政府发布数字经济发展规划。</p>"


def _items(port: int, paths) -> str:
    items = "".join(f"<item><title>{p}</title><link>http://127.0.0.1:{port}{p}</link></item>" for p in paths)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>宁州</title>{items}</channel></rss>'


@pytest.fixture
def server():
    """A site on 127.0.0.1: a feed of a secret page and of a page that redirects to it, a feed of 10 pages,
    pages that trickle their headers or body one byte each 0.5 s, a page that is always busy (503); and the log
    of the paths it was asked for."""
    log = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _send(self, body: str, kind: str = "text/html; charset=utf-8", status: int = 200, headers=()):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _trickle(self, data: bytes) -> None:
            for byte in data[:60]:  # at most 30 s, and less: the client hangs up
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    return
                time.sleep(0.5)

        def do_GET(self):
            port = self.server.server_address[1]
            log.append(self.path)
            if self.path == "/feed.xml":
                self._send(_items(port, ["/secret", "/hop"]), "application/rss+xml")
            elif self.path == "/many.xml":
                self._send(_items(port, [f"/page{i}" for i in range(10)]), "application/rss+xml")
            elif self.path == "/huge.xml":
                self._send(_items(port, [f"/page{i}" for i in range(100_000)]), "application/rss+xml")
            elif self.path == "/secret":
                self._send(SECRET)
            elif self.path in ("/hop", "/go"):
                self._send("", status=302, headers=[("Location", f"http://127.0.0.1:{port}/secret")])
            elif self.path.startswith("/page"):
                self._send(f"<p>宁州市第{self.path[5:]}号通知：市发展和改革委员会发布数字经济发展规划。</p>")
            elif self.path == "/slow-body":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", "60")
                self.end_headers()
                self.wfile.flush()
                self._trickle(b"<p>" + "宁州".encode("utf-8") * 20)
            elif self.path == "/busy":
                self._send("", status=503, headers=[("Retry-After", "3600")])
            elif self.path == "/slow-headers":
                self._trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 60)
            else:
                self._send("", status=404)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", log
    httpd.shutdown()
    httpd.server_close()


def _fetch(*args):
    return runner.invoke(app, ["fetch", *map(str, args), "--delay", "0", "--retries", "0", "--ner", "rules"])


def _sources(store) -> set[str]:
    with KgStore(store) as st:
        return {s for sources in st.documents().values() for s in sources}


@pytest.mark.parametrize("path", ["/slow-body", "/slow-headers"])
def test_a_trickling_server_is_cut_off_at_the_total_timeout(server, tmp_path, path):
    url, _log = server
    started = time.perf_counter()
    result = _fetch(f"{url}{path}", "--store", tmp_path / "s", "--timeout", "2")
    seconds = time.perf_counter() - started
    assert result.exit_code == 1
    assert seconds < 4, f"{seconds:.1f} s"
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    assert failures == [f"failed {url}{path} (fetch): no answer within 2 s"], result.stderr


def test_retries_wait_no_longer_than_the_urls_time(server, tmp_path):
    """A server that answers 503 and asks to be retried in an hour: the retries share the URL's --timeout."""
    url, log = server
    started = time.perf_counter()
    result = runner.invoke(app, ["fetch", f"{url}/busy", "--store", tmp_path / "s", "--delay", "0", "--retries", "3",
                                 "--timeout", "2"])
    assert time.perf_counter() - started < 4
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    assert failures in ([f"failed {url}/busy (fetch): no answer within 2 s"],  # out of time waiting to retry
                        [f"failed {url}/busy (fetch): HTTP 503"]), result.stderr  # the last retry came in time
    assert 1 <= log.count("/busy") <= 4


def test_a_feed_gives_at_most_max_items_and_says_how_many_it_left(server, tmp_path):
    url, log = server
    result = _fetch(f"{url}/many.xml", "--store", tmp_path / "s", "--max-items", "3", "--allow-private")
    assert result.exit_code == 0, result.stderr
    assert f"{url}/many.xml: 7 more items not fetched (--max-items)" in result.stderr.splitlines()
    assert _sources(tmp_path / "s") == {f"{url}/page{i}" for i in range(3)}
    assert [p for p in log if p.startswith("/page")] == ["/page0", "/page1", "/page2"]


def test_a_feed_of_100000_items_is_read_only_as_far_as_max_items(server, tmp_path):
    url, log = server
    started = time.perf_counter()
    result = _fetch(f"{url}/huge.xml", "--store", tmp_path / "s", "--max-items", "2", "--allow-private")
    assert result.exit_code == 0, result.stderr
    assert time.perf_counter() - started < 30  # feedparser over the whole feed: about a minute
    assert f"{url}/huge.xml: 99998 more items not fetched (--max-items)" in result.stderr.splitlines()
    assert _sources(tmp_path / "s") == {f"{url}/page0", f"{url}/page1"}


def test_feed_items_and_redirects_to_private_addresses_are_refused(server, tmp_path):
    url, log = server
    result = _fetch(f"{url}/feed.xml", f"{url}/go", "--store", tmp_path / "s", "--timeout", "5")
    assert result.exit_code == 1, result.stderr  # nothing could be fetched
    refused = [line for line in result.stderr.splitlines() if line.startswith("refused ")]
    reason = "resolves to 127.0.0.1, a loopback address, not a public one (use --allow-private)"
    assert refused == [f"refused {url}/secret: {reason}", f"refused {url}/hop: {reason}",
                       f"refused {url}/go: redirects to {url}/secret, which {reason}"], result.stderr
    assert "/secret" not in log and "/hop" not in log  # never asked: the typed /go was, its redirect not followed
    assert not (tmp_path / "s").exists() and not (tmp_path / "s.cache").exists()  # nothing fetched: nothing kept


def test_with_allow_private_they_are_fetched(server, tmp_path):
    url, _log = server
    result = _fetch(f"{url}/feed.xml", f"{url}/go", "--store", tmp_path / "s", "--allow-private")
    assert result.exit_code == 0, result.stderr
    assert "refused" not in result.stderr
    assert _sources(tmp_path / "s") == {f"{url}/secret", f"{url}/hop", f"{url}/go"}  # one text, three sources


def test_a_guarded_connection_checks_the_address_it_connects_to(server):
    """The check is in the connection itself (resolve, check every address, connect to the checked one), so a
    name that passed an earlier check and resolves elsewhere now is still refused."""
    url, _log = server
    session = requests.Session()
    session.trust_env = False
    session.mount("http://", WatchedAdapter(guarded=True))
    with pytest.raises(RefusedAddress, match="resolves to 127.0.0.1, a loopback address"):
        session.get(url.replace("127.0.0.1", "localhost") + "/secret", timeout=5)
    session.mount("http://", WatchedAdapter(guarded=False))
    assert session.get(url + "/secret", timeout=5).text == SECRET


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"),
    ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("fe80::1%eth0", "link-local"),
    ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("240.0.0.1", "reserved"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:192.168.0.1", "private"), ("2002:7f00:1::", "loopback"),
    ("64:ff9b::a00:1", "private"), ("100.64.0.1", "not globally routable"), ("fd00::1", "private"),
    ("8.8.8.8", ""), ("2606:4700::1111", ""), ("::ffff:8.8.8.8", ""),
])
def test_the_kind_of_an_address(address, kind):
    assert address_kind(address) == kind
