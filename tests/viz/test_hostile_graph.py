"""A graph file made to attack whoever opens its pages: entity and document IRIs carrying ``'onfocus='...'``
and ``javascript:`` URLs, labels carrying ``"><script>``. ``kg report`` and ``kg viz`` of it, every page loaded
in headless Chromium: no dialog opens, no element carries an injected attribute or script, no link runs
JavaScript, and no file is written outside the output folder."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.pipeline import build
from tests.conftest import ARTICLES

runner = CliRunner()
ATTRIBUTE = "x'onfocus='alert(1)'autofocus='"
SCRIPT_LABEL = '"><script>alert(2)</script><img src=x onerror=alert(3)>\'><svg onload=alert(4)>'
# what a page may do with the hostile text: show it; never run it
INJECTED = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on|^autofocus$|^formaction$/i.test(a.name)) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
      if (/^(href|src|action|xlink:href)$/i.test(a.name) && /^\\s*(javascript|data|vbscript):/i.test(a.value))
        bad.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
    if (el.tagName === 'SCRIPT' && /^alert\\(\\d\\)$/.test(el.textContent.trim())) bad.push('script ' + el.textContent);
    if (['IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase()) && !el.closest('figure'))
      bad.push(el.tagName);
  }
  return bad;
}"""


def hostile_graph(tmp_path):
    """Two fixture articles built, their graph rewritten: an entity's IRI ends in ATTRIBUTE, another entity's
    IRI is a javascript: URL, a document's IRI and content id are javascript: URLs with ATTRIBUTE (and ../),
    and labels, an alias and the title carry SCRIPT_LABEL or ATTRIBUTE."""
    articles = [ARTICLES / "shenzhen_plain.txt", ARTICLES / "hangzhou_press.md"]
    store = build(articles, None, Settings(ner="rules")).store
    nt = ox.serialize(store.triples(), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    # the entities named by the most articles (their cards link to the other article), then by name
    rows = store.select("""SELECT ?e ?label WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label ;
                             <https://example.org/kg/ontology#mentionedIn> ?d } GROUP BY ?e ?label
                           ORDER BY DESC(COUNT(?d)) ?label""")[1]
    first, second = rows[0], rows[1]
    doc = sorted(r[0] for r in store.select("SELECT ?d WHERE { ?d a <https://example.org/kg/ontology#Document> }")[1])[0]
    doc_id = doc.rsplit("/", 1)[-1]
    script = SCRIPT_LABEL.replace("\\", "\\\\").replace('"', '\\"')
    nt = (nt.replace(f"<{first[0]}>", f"<{first[0]}{ATTRIBUTE}>")
            .replace(f"<{second[0]}>", "<javascript:alert(5)//>")
            .replace(f'"{first[1]}"', f'"{first[1]}{script}"')
            .replace(f'"{second[1]}"', f'"{second[1]}{ATTRIBUTE}"')
            .replace(f"<{doc}>", f"<javascript:alert(6)//doc/{ATTRIBUTE}>")
            .replace(f'"{doc_id}"', f'"javascript:alert(7)//../../{ATTRIBUTE}"'))
    nt += f'<javascript:alert(6)//doc/{ATTRIBUTE}> <http://purl.org/dc/terms/title> "{script}"@zh .\n'
    nt += f'<{first[0]}{ATTRIBUTE}> <http://www.w3.org/2004/02/skos/core#altLabel> "{ATTRIBUTE}{script}" .\n'
    path = tmp_path / "hostile.nt"
    path.write_text(nt, encoding="utf-8")
    return path


def _open(browser, path):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_timeout(300)
    return page, dialogs


def test_report_of_a_hostile_graph_file_runs_nothing(browser, tmp_path):
    graph = hostile_graph(tmp_path)
    out = tmp_path / "deep" / "report"
    result = runner.invoke(app, ["report", str(graph), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file() and p != graph)
    assert written and all(str(p).startswith("deep/report/") and p.suffix == ".html" for p in written), written
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 3  # two articles and the index
    shown = ""
    for path in pages:
        page, dialogs = _open(browser, path)
        for link in page.locator("a").all()[:200]:  # follow focus and clicks as a reader would
            link.focus()
        assert page.evaluate(INJECTED) == [], path.name
        assert dialogs == [], path.name
        shown += page.inner_text("body")
        page.close()
    assert "<script>alert(2)</script>" in shown and ATTRIBUTE in shown  # the hostile labels are shown, as text


def test_view_of_a_hostile_graph_file_runs_nothing(browser, tmp_path):
    from .test_browser import open_page

    graph = hostile_graph(tmp_path)
    out = tmp_path / "view.html"
    result = runner.invoke(app, ["viz", str(graph), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    page, log = open_page(browser, out)
    labels = page.evaluate("nodes.get().map(n => n.label)")
    assert any("<script>alert(2)</script>" in (label or "") for label in labels)
    page.hover("canvas")
    page.fill("#kg-search", "<script>")
    page.press("#kg-search", "Enter")
    page.wait_for_timeout(300)
    assert page.evaluate(INJECTED) == []
    assert log["dialogs"] == [] and log["requests"] == [], log
    page.close()


def test_serve_page_shows_a_hostile_graph_as_text(browser, tmp_path):
    """The query page of ``kg serve`` over the hostile graph file: results are shown, never run."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    graph = hostile_graph(tmp_path)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--port", str(port)],
                            stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(150):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("kg serve did not start")
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        page.fill("#query", "SELECT ?e ?label ?d WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label "
                            "OPTIONAL { ?e <https://example.org/kg/ontology#mentionedIn> ?d } } ORDER BY ?label")
        page.click("#run")
        page.wait_for_selector("#results table")
        page.wait_for_timeout(300)
        shown = page.inner_text("#results")
        assert "<script>alert(2)</script>" in shown and ATTRIBUTE in shown and "javascript:alert(5)//" in shown
        assert page.evaluate(INJECTED) == [] and dialogs == []
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
