"""Parallel and distributed extraction give the same graph; any Graph Store endpoint can be the target."""
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.config import Settings
from kg.pipeline import build
from kg.store import KgStore

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [p for d in ("eval", "heldout") for p in sorted((FIXTURES / d).iterdir()) if p.suffix != ".json"]


def test_workers_give_byte_identical_turtle(tmp_path):
    one = build(ARTICLES, tmp_path / "one", Settings(workers=1), html=False)
    two = build(ARTICLES, tmp_path / "two", Settings(workers=2), html=False)
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()
    assert len(one.documents) == len(two.documents) == len(ARTICLES)


def test_store_build_with_workers_equals_serial(tmp_path):
    build(ARTICLES, None, Settings(), store=tmp_path / "serial")
    build(ARTICLES, None, Settings(workers=2), store=tmp_path / "parallel")
    with KgStore(tmp_path / "serial") as a, KgStore(tmp_path / "parallel") as b:
        assert {str(q) for q in a.quads()} == {str(q) for q in b.quads()}


def test_dask_local_cluster_gives_the_same_graph(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        build(ARTICLES[:4], tmp_path / "dask", Settings(dask=cluster.scheduler_address), html=False)
    build(ARTICLES[:4], tmp_path / "local", Settings(), html=False)
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    exe = Path(sys.executable).with_name("oxigraph")
    if not exe.exists():
        pytest.fail("the oxigraph server (PyPI `oxigraph`) is required for the endpoint test")
    port = _free_port()
    proc = subprocess.Popen([str(exe), "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/query?query=" + urllib.parse.quote("ASK {}"), timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(10)


def _count(url: str) -> tuple[int, int]:
    q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }")
    req = urllib.request.Request(f"{url}/query?query={q}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        b = json.loads(r.read())["results"]["bindings"][0]
    return int(b["n"]["value"]), int(b["graphs"]["value"])


def test_endpoint_target_receives_every_named_graph(tmp_path, oxigraph_server):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["build", *map(str, ARTICLES[:3]), "--store", str(tmp_path / "store"), "-q",
                                      "--out", str(tmp_path / "out"), "--endpoint", oxigraph_server + "/store"])
    assert result.exit_code == 0, result.stderr
    with KgStore(tmp_path / "store") as st:
        local = len([q for g in st.store.named_graphs() for q in st.store.quads_for_pattern(None, None, None, g)]), \
            len(list(st.store.named_graphs()))  # every named graph, the store's own record (urn:kg:store) too
    assert _count(oxigraph_server) == local
    # the in-memory build can target an endpoint too; PUT replaces graphs, so loading again changes nothing
    again = CliRunner().invoke(app, ["build", *map(str, ARTICLES[:3]), "--out", str(tmp_path / "out"), "-q", "--no-html",
                                     "--endpoint", oxigraph_server + "/store"])
    assert again.exit_code == 0, again.stderr
    assert _count(oxigraph_server)[1] == local[1]


def test_unreachable_endpoint_is_a_clear_error(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["build", str(ARTICLES[0]), "--out", str(tmp_path), "-q", "--no-html",
                                      "--endpoint", f"http://127.0.0.1:{_free_port()}/store"])
    assert result.exit_code == 1 and "cannot reach the graph store" in result.stderr
