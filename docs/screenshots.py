"""Regenerate the README's screenshots in docs/img/: the graph view of the bundled sample, the review index of
the sample and two short composed articles (so that an indicator has points in two years and is charted), and
the query page of ``kg serve`` with facts_about's name box filled in.

    python docs/screenshots.py          # needs Debian's chromium (as the browser tests do)
    python docs/screenshots.py OUT_DIR  # write them elsewhere (the test does, into a tmp dir)
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.config import SAMPLE_ARTICLE, Settings
from kg.pipeline import build

IMG = Path(__file__).parent / "img"
SERIES = [
    ("a.md", "---\ntitle: 宁州市2022年经济运行情况\ndate: 2023-01-18\n---\n<p>2022年，宁州市地区生产总值达到5200亿元，"
             "同比增长4.1%。全市规模以上工业增加值同比增长5.2%。</p>\n"),
    ("b.md", "---\ntitle: 宁州市2023年经济运行情况\ndate: 2024-01-19\n---\n<p>2023年，宁州市地区生产总值达到5600亿元，"
             "同比增长5.3%。力争到2025年，宁州市地区生产总值达到6500亿元。</p>\n"),
]


VIEWPORT = {"width": 1280, "height": 820}  # every screenshot is this wide; view and query page this tall


def main(img: Path = IMG) -> None:
    img.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    articles = work / "articles"
    articles.mkdir()
    for name, text in SERIES:
        (articles / name).write_text(text, encoding="utf-8")
    sample = build([], work / "sample", Settings())
    series = build([articles, SAMPLE_ARTICLE], work / "series", Settings(), html=False, report=True,
                   store=work / "store")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(sample.outputs["html"].as_uri())
        page.wait_for_function("typeof network !== 'undefined' && nodes.length > 0")
        page.type("#kg-search", "数字")  # matches listed as one types, their labels highlighted in the graph
        page.wait_for_selector(".kg-match")
        page.evaluate("network.fit()")
        page.wait_for_timeout(800)
        page.screenshot(path=str(img / "view.png"))
        page.goto((series.outputs["report"]).as_uri())
        page.screenshot(path=str(img / "review_index.png"), full_page=True)
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(work / "store"), "--port", str(port)],
                                  stderr=subprocess.PIPE, text=True)
        try:
            _wait(f"http://127.0.0.1:{port}/")
            page.goto(f"http://127.0.0.1:{port}/")
            page.select_option("#examples", "facts_about")
            page.fill("#params input[name=name]", "市经济信息化委")
            page.click("#run")
            page.wait_for_selector("#results table")
            page.screenshot(path=str(img / "query_page.png"))
        finally:
            server.terminate()
            server.wait(10)
        browser.close()
    shutil.rmtree(work, ignore_errors=True)
    for name in ("view.png", "review_index.png", "query_page.png"):
        print(f"wrote {img / name}", file=sys.stderr)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"kg serve did not answer at {url}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else IMG)
