"""``kg fetch`` against a real HTTP server on 127.0.0.1 started by the test (never the internet)."""
import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import KgStore

runner = CliRunner()

ARTICLES = {
    "/a1.html": "<p>3月4日，宁州市召开数字经济发展推进会。副市长赵明主持会议。</p>",
    "/a2.html": "<p>宁州高新技术产业开发区管委会与远航智能科技股份有限公司签署合作协议。</p>",
    "/a3.html": "<p>这篇文章的服务器出错。</p>",
    "/a4.html": "<p>这篇文章的服务器太慢。</p>",
    "/a5.html": "<p>2023年，宁州市数字经济核心产业增加值达到860亿元，同比增长12.5%。</p>",
}


def _feed(port: int) -> str:
    items = "".join(f"<item><title>{path}</title><link>http://127.0.0.1:{port}{path}</link></item>" for path in ARTICLES)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>宁州要闻</title>{items}</channel></rss>'


@pytest.fixture
def site():
    """The site, and the log of (path, status) it answered."""
    log = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            port = self.server.server_address[1]
            if self.path == "/robots.txt":
                body, kind = "User-agent: *\nDisallow: /private/\n", "text/plain"
            elif self.path == "/feed.xml":
                body, kind = _feed(port), "application/rss+xml"
            elif self.path == "/a3.html":
                log.append((self.path, 500))
                self.send_response(500)
                self.end_headers()
                return
            elif self.path == "/a4.html":
                time.sleep(3)  # longer than the client's --timeout
                body, kind = ARTICLES[self.path], "text/html"
            elif self.path in ARTICLES or self.path == "/private/secret.html":
                body, kind = ARTICLES.get(self.path, "<p>不该抓取。</p>"), "text/html; charset=utf-8"
            else:
                log.append((self.path, 404))
                self.send_response(404)
                self.end_headers()
                return
            data = body.encode("utf-8")
            etag = '"' + hashlib.sha1(data).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                log.append((self.path, 304))
                self.send_response(304)
                self.end_headers()
                return
            log.append((self.path, 200 if self.path != "/a4.html" else "late"))  # a4: after the client gave up
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the slow page)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", log
    server.shutdown()
    server.server_close()


def _fetch(*args, allow_private=True):
    """kg fetch against the test site (whose feed items are on 127.0.0.1: private, so allowed here)."""
    return runner.invoke(app, ["fetch", *map(str, args), "--delay", "0", "--timeout", "1", "--retries", "0",
                               "--ner", "rules", *(["--allow-private"] if allow_private else [])])


def test_a_feed_fetched_twice_downloads_and_adds_nothing_the_second_time(site, tmp_path):
    url, log = site
    store = tmp_path / "store"
    first = _fetch(f"{url}/feed.xml", "--store", store)
    assert first.exit_code == 0, first.stderr
    failed = [line for line in first.stderr.splitlines() if line.startswith("failed ")]
    assert len(failed) == 2 and any("a3.html" in f and "HTTP 500" in f for f in failed) \
        and any("a4.html" in f and "no answer within 1 s" in f for f in failed), first.stderr
    with KgStore(store) as st:
        sources = sorted(s for srcs in st.documents().values() for s in srcs)
    assert sources == [f"{url}/a1.html", f"{url}/a2.html", f"{url}/a5.html"]  # the other three, by URL
    downloads = [p for p, status in log if status == 200]
    log.clear()
    second = _fetch(f"{url}/feed.xml", "--store", store)
    assert second.exit_code == 0, second.stderr
    assert [p for p, status in log if status == 200] == [], log  # every page answered 304
    assert "0 added" in second.stderr and "3 unchanged" in second.stderr, second.stderr
    assert len(downloads) == 5  # robots.txt, the feed and three articles the first time


def test_robots_txt_is_honoured_and_a_bad_url_is_one_line(site, tmp_path):
    url, log = site
    result = _fetch(f"{url}/private/secret.html", f"{url}/missing.html", f"{url}/a1.html", "--store", tmp_path / "s")
    assert result.exit_code == 0, result.stderr
    assert f"failed {url}/private/secret.html (fetch): disallowed by robots.txt" in result.stderr
    assert f"failed {url}/missing.html (fetch): HTTP 404" in result.stderr
    assert ("/private/secret.html", 200) not in log
    nothing = _fetch(f"{url}/missing.html", "--store", tmp_path / "t")
    assert nothing.exit_code == 1 and "nothing fetched" in nothing.stderr


def _refused_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then closed)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_failed_fetch_is_one_plain_line_and_leaves_no_folder_behind(tmp_path):
    port = _refused_port()
    expected = {
        "file:///etc/passwd": "refused file:///etc/passwd: a file URL: kg fetch fetches web pages (kg build reads files)",
        "file://etc/passwd": "refused file://etc/passwd: a file URL: kg fetch fetches web pages (kg build reads files)",
        "www.example.org/a.html": "refused www.example.org/a.html: no http:// or https:// in front "
                                  "(https://www.example.org/a.html?)",
        "ftp://127.0.0.1/a.txt": "refused ftp://127.0.0.1/a.txt: a URL of scheme ftp: kg fetch fetches http:// and "
                                 "https:// only",
        "http://[::1/a.html": "refused http://[::1/a.html: not a valid URL (Invalid IPv6 URL)",
        f"http://127.0.0.1:{port}/a.html": f"failed http://127.0.0.1:{port}/a.html (fetch): connection refused",
    }
    for url, line in expected.items():
        store = tmp_path / "new" / "store"
        result = _fetch(url, "--store", store)
        assert result.exit_code == 1, result.stderr
        lines = result.stderr.splitlines()
        assert lines[0] == line and len(lines) == 2 and lines[1].startswith("kg: error: nothing fetched"), lines
        assert "Schema" not in result.stderr and "Error" not in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "new").exists()  # neither the store, the cache, nor their parent folder
    kept = tmp_path / "kept"
    kept.mkdir()
    assert _fetch(f"http://127.0.0.1:{port}/a.html", "--store", kept / "store").exit_code == 1
    assert kept.exists() and not any(kept.iterdir())  # a folder that was there stays, nothing is added to it


def test_cleanup_after_a_failed_fetch_keeps_a_parent_another_run_wrote_into(tmp_path):
    from kg.cli.fetch import _remove_empty_parents

    store = tmp_path / "new" / "runs" / "store"
    store.mkdir(parents=True)
    (tmp_path / "new" / "other.txt").write_text("another run's file", encoding="utf-8")
    store.rmdir()
    _remove_empty_parents(store, tmp_path / "new")
    assert not (tmp_path / "new" / "runs").exists()  # empty: what this run made
    assert (tmp_path / "new" / "other.txt").read_text(encoding="utf-8") == "another run's file"
