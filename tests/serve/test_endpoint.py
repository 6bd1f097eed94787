"""kg serve through real HTTP on 127.0.0.1: SPARQLWrapper and plain requests."""
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from kg.config import Settings
from kg.pipeline import build
from kg.store import KgStore, StoreLocked

POSTS = """PREFIX kg: <https://example.org/kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?org WHERE { ?p kg:holdsPostIn ?o ; rdfs:label ?person . ?o rdfs:label ?org } ORDER BY ?person ?org"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(folder, *options) -> dict:
    """`kg serve --store folder` on a free loopback port, once it answers."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(folder), "--port", str(port),
                             *map(str, options)], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("kg serve did not start: " + proc.stderr.read())
    return {"url": url, "port": port, "store": folder, "proc": proc}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve") / "store"
    build([], None, Settings(), store=folder)
    yield (running := start_serve(folder, "--timeout", 2, "--row-cap", 500))
    proc = running["proc"]
    if proc.poll() is None:
        proc.kill()


def post(url, data: bytes, ctype: str, accept: str = "application/sparql-results+json"):
    req = urllib.request.Request(url, data=data, headers={"Content-Type": ctype, "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), e.headers.get("Content-Type", "")


def test_sparqlwrapper_json_and_csv(server):
    sw = SPARQLWrapper(server["url"] + "/sparql")
    sw.setQuery(POSTS)
    sw.setReturnFormat(JSON)
    rows = [(b["person"]["value"], b["org"]["value"]) for b in sw.query().convert()["results"]["bindings"]]
    assert ("吴金城", "上海市经济和信息化委员会") in rows and len(rows) == 6
    sw.setReturnFormat(CSV)
    text = sw.query().convert().decode("utf-8")
    assert text.splitlines()[0] == "person,org" and "吴金城,上海市经济和信息化委员会" in text


def test_plain_http_get_post_and_formats(server):
    q = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    with urllib.request.urlopen(f"{server['url']}/sparql?{q}", timeout=10) as r:
        assert json.loads(r.read()) == {"head": {}, "boolean": True}
    status, body, ctype = post(server["url"] + "/sparql", POSTS.encode(), "application/sparql-query",
                               "application/sparql-results+xml")
    assert status == 200 and ctype.startswith("application/sparql-results+xml") and "吴金城" in body
    status, body, ctype = post(server["url"] + "/sparql", POSTS.encode(), "application/sparql-query", "text/tab-separated-values")
    assert status == 200 and body.startswith("?person\t?org")
    construct = "CONSTRUCT { ?p <http://x/worksFor> ?o } WHERE { ?p <https://example.org/kg/ontology#holdsPostIn> ?o }"
    status, body, ctype = post(server["url"] + "/sparql", urllib.parse.urlencode({"query": construct}).encode(),
                               "application/x-www-form-urlencoded", "application/n-triples")
    assert status == 200 and ctype.startswith("application/n-triples") and body.count("<http://x/worksFor>") == 6


def test_updates_and_service_are_refused_and_the_store_is_unchanged(server):
    before = _store_quads(server)
    insert = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    assert post(server["url"] + "/sparql", insert.encode(), "application/sparql-update")[0] == 403
    assert post(server["url"] + "/sparql", urllib.parse.urlencode({"update": insert}).encode(),
                "application/x-www-form-urlencoded")[0] == 403
    assert post(server["url"] + "/sparql", insert.encode(), "application/sparql-query")[0] == 403
    status, body, _ = post(server["url"] + "/sparql", b"SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                           "application/sparql-query")
    assert status == 403 and "SERVICE" in body
    assert _store_quads(server) == before


def test_runaway_query_is_stopped_with_an_error(server):
    t0 = time.monotonic()
    status, body, _ = post(server["url"] + "/sparql", b"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                           "application/sparql-query")
    assert status == 503 and "time limit" in body
    assert time.monotonic() - t0 < 10
    # the endpoint still answers afterwards
    assert post(server["url"] + "/sparql", b"ASK { ?s ?p ?o }", "application/sparql-query")[0] == 200


def test_row_cap(server):
    status, body, _ = post(server["url"] + "/sparql", b"SELECT * WHERE { ?s ?p ?o }", "application/sparql-query")
    assert status == 413 and "500 rows" in body


def test_query_page_is_self_contained(server):
    with urllib.request.urlopen(server["url"] + "/", timeout=10) as r:
        page = r.read().decode()
    assert "<textarea" in page and "who_holds_posts" in page
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=[\"']?https?://", page)  # no CDN, nothing remote


def test_the_query_page_takes_a_parameter(server, browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server["url"] + "/")
    page.select_option("#examples", "facts_about")
    box = page.locator("#params input[name=name]")
    assert box.count() == 1 and "alias" in box.get_attribute("placeholder")
    box.fill("市经济信息化委")  # an alias: the page binds it as kg query --bind does
    page.click("#run")
    page.wait_for_selector("#results table")
    rows = page.locator("#results table tr").all_inner_texts()
    assert len(rows) == 2 and "吴金城" in rows[1] and "holdsPostIn" in rows[1], rows
    box.fill("")
    page.click("#run")
    page.wait_for_function("document.querySelectorAll('#results table tr').length > 10")  # unbound: every fact
    assert errors == []
    page.close()


def test_a_writer_is_kept_away_while_serving(server):
    with pytest.raises(StoreLocked):
        KgStore(server["store"], write=True)


def test_sigterm_shuts_down_cleanly(server):
    proc = server["proc"]
    proc.send_signal(signal.SIGTERM)
    # uvicorn shuts down gracefully, then re-raises the signal so supervisors see why it stopped
    assert proc.wait(timeout=20) in (0, -signal.SIGTERM)
    assert "Traceback" not in proc.stderr.read()
    with KgStore(server["store"], write=True):  # the lock is released
        pass


def _store_quads(server) -> int:
    status, body, _ = post(server["url"] + "/sparql", b"SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                           "application/sparql-query")
    return json.loads(body)["results"]["bindings"][0]["n"]["value"]
