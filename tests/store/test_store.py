"""The Oxigraph store: incremental and exact, safe under kills and concurrent writers, readable and exportable."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from kg.config import Settings
from kg.ingest.source_name import source_name
from kg.pipeline import build
from kg.store import KgStore, StoreLocked, store_graph
from kg.store.export import export_csv, export_rdf
from kg.store.oxigraph import FAULT_ENV

FIXTURES = Path(__file__).parent.parent / "fixtures"
ARTICLES = sorted((FIXTURES / "eval").glob("*.md")) + sorted((FIXTURES / "heldout").glob("*.*"))
ARTICLES = [a for a in ARTICLES if a.suffix != ".json"]


def quads(folder) -> set[str]:
    """Every quad of the store, the default (union) graph's included."""
    with KgStore(folder) as st:
        return {str(q) for q in st.store}


def copy(articles, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for a in articles:
        (folder / a.name).write_bytes(a.read_bytes())
        out.append(folder / a.name)
    return out


def test_a_then_b_equals_a_and_b_at_once(tmp_path):
    a, b = ARTICLES[:3], ARTICLES[3:6]
    build(a, None, Settings(), store=tmp_path / "step")
    counts = build(a + b, None, Settings(), store=tmp_path / "step").counts
    assert counts["added"] == 3 and counts["unchanged"] == 3
    build(a + b, None, Settings(), store=tmp_path / "once")
    assert quads(tmp_path / "step") == quads(tmp_path / "once")
    with KgStore(tmp_path / "step") as st:
        assert st.verify() == []
        union = set(store_graph(st))
    assert union == set(build(a + b, None, html=False).graph)  # the store and the in-memory build agree


def test_changing_one_article_changes_only_its_facts(tmp_path):
    docs = copy(ARTICLES[:3], tmp_path / "articles")
    build(docs, None, Settings(), store=tmp_path / "store")
    with KgStore(tmp_path / "store") as st:
        before = {str(q) for q in st.quads() if q.graph_name.value.endswith(tuple(st.documents()))}
        old_ids = set(st.documents())
    docs[0].write_text(docs[0].read_text(encoding="utf-8") + "\n\n市政府印发《某市数据条例》。\n", encoding="utf-8")
    counts = build(docs, None, Settings(), store=tmp_path / "store").counts
    assert counts["replaced"] == 1 and counts["unchanged"] == 2
    with KgStore(tmp_path / "store") as st:
        assert len(st.documents()) == 3 and st.verify() == []
        kept = old_ids & set(st.documents())
        after = {str(q) for q in st.quads() if q.graph_name.value.rsplit("/", 1)[-1] in kept}
    assert len(kept) == 2 and after == {q for q in before if any(q.endswith(f"doc/{k}>") for k in kept)}


def test_remove_leaves_exactly_the_store_of_the_rest(tmp_path):
    build(ARTICLES[:4], None, Settings(), store=tmp_path / "all")
    with KgStore(tmp_path / "all", write=True) as st:
        st.remove_document(st.find_document(str(ARTICLES[1])))
    build([ARTICLES[0], *ARTICLES[2:4]], None, Settings(), store=tmp_path / "rest")
    assert quads(tmp_path / "all") == quads(tmp_path / "rest")


def test_reprint_is_recognised(tmp_path):
    reprint = copy(ARTICLES[:1], tmp_path / "elsewhere")[0]
    build(ARTICLES[:1], None, Settings(), store=tmp_path / "store")
    counts = build([reprint], None, Settings(), store=tmp_path / "store").counts
    assert counts["reprints"] == 1 and counts["added"] == 0
    with KgStore(tmp_path / "store") as st:
        (sources,) = st.documents().values()
        assert sources == sorted([source_name(ARTICLES[0]), reprint.name])  # as given: a file outside the cwd is its name
        # the exported graph names both paths of the one document, and removing it removes both
        paths = {str(t.object.value) for t in st.triples() if t.predicate.value.endswith("#sourcePath")}
        assert paths == set(sources)
    with KgStore(tmp_path / "store", write=True) as st:
        st.remove_document(next(iter(st.documents())))
        assert not [t for t in st.triples() if t.predicate.value.endswith("#sourcePath")] and not st.documents()


def test_a_reprint_in_one_build_is_said_and_exported(tmp_path):
    both = copy(ARTICLES[:1], tmp_path / "a") + copy(ARTICLES[:1], tmp_path / "b")
    result = build(both, tmp_path / "out", Settings())
    assert result.counts["reprints"] == 1 and "1 reprints" in result.summary().splitlines()[0]
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    paths = {str(o) for o in graph.objects(None, URIRef("https://example.org/kg/ontology#sourcePath"))}
    assert len(paths) == 2 and all(p.endswith(both[0].name) for p in paths)


@pytest.mark.parametrize("kill_after", [1, 2, 4])
def test_a_killed_build_leaves_a_consistent_store(tmp_path, kill_after):
    args = [sys.executable, "-m", "kg", "build", *map(str, ARTICLES[:5]), "--store", str(tmp_path / "store"),
            "--out", str(tmp_path / "out"), "-q"]
    proc = subprocess.run(args, env={**os.environ, FAULT_ENV: str(kill_after)}, capture_output=True, timeout=300)
    assert proc.returncode == 137
    with KgStore(tmp_path / "store") as st:
        assert len(st.documents()) == kill_after
        assert st.verify() == []
    # the next run completes the store, equal to one clean build
    build(ARTICLES[:5], None, Settings(), store=tmp_path / "store")
    build(ARTICLES[:5], None, Settings(), store=tmp_path / "clean")
    assert quads(tmp_path / "store") == quads(tmp_path / "clean")


def test_two_writers_are_kept_apart(tmp_path):
    build(ARTICLES[:1], None, Settings(), store=tmp_path / "store")
    with KgStore(tmp_path / "store", write=True):
        with pytest.raises(StoreLocked):
            KgStore(tmp_path / "store", write=True)
        with pytest.raises(StoreLocked, match="retry"):
            KgStore(tmp_path / "store", wait=0.5)  # a reader waits for the writer, then says to retry


def test_a_reader_waits_for_the_writer_and_sees_what_it_committed(tmp_path):
    import threading
    import time

    build(ARTICLES[:1], None, Settings(), store=tmp_path / "store")
    writer = KgStore(tmp_path / "store", write=True)
    done = threading.Event()

    def finish():
        time.sleep(1.0)
        writer.close()
        done.set()

    threading.Thread(target=finish).start()
    with KgStore(tmp_path / "store", wait=20) as reader:  # blocks until the writer has closed
        assert done.is_set() and len(reader.documents()) == 1


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_every_export_format_round_trips(tmp_path, fmt):
    build(ARTICLES[:3], None, Settings(), store=tmp_path / "store")
    with KgStore(tmp_path / "store") as st:
        text = export_rdf(st, fmt)
        everything = {(q.subject, q.predicate, q.object, q.graph_name) for q in st.quads()}
        union = {(q.subject, q.predicate, q.object) for q in st.quads(include_registry=False)}
    fresh = ox.Store()
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
                 "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    fresh.load(text.encode("utf-8"), format=ox_format)
    if fmt in ("trig", "nquads"):
        assert {(q.subject, q.predicate, q.object, q.graph_name) for q in fresh} == everything
    else:
        assert {(q.subject, q.predicate, q.object) for q in fresh} == union


def test_csv_tables(tmp_path):
    import csv

    build(ARTICLES[:3], None, Settings(), store=tmp_path / "store")
    with KgStore(tmp_path / "store") as st:
        paths = export_csv(st, tmp_path / "csv")
    assert [p.name for p in paths] == ["entities.csv", "relations.csv", "figures.csv"]
    with open(tmp_path / "csv" / "relations.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert any(r["relation"] == "holdsPostIn" and r["sentence"] for r in rows)
    with open(tmp_path / "csv" / "entities.csv", encoding="utf-8-sig") as fh:
        names = {r["iri"]: r["name"] for r in csv.DictReader(fh)}
    assert all(names[r["subject_iri"]] == r["subject"] and names[r["object_iri"]] == r["object"] for r in rows)


def test_cli_store_round(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    store, out = tmp_path / "store", tmp_path / "out"
    r = runner.invoke(app, ["build", *map(str, ARTICLES[:2]), "--store", str(store), "--out", str(out), "-q"])
    assert r.exit_code == 0, r.stderr
    assert len(Graph().parse(out / "graph.ttl")) > 100
    q = runner.invoke(app, ["query", "--store", str(store), "entity_counts", "-f", "csv"])
    assert q.exit_code == 0 and q.stdout.startswith("type,entities")
    # a bound query gives the same facts from the store as from the file
    person = json.loads(runner.invoke(app, ["query", str(out / "graph.ttl"), "who_holds_posts", "-f", "json"]).stdout)[0]
    facts = [runner.invoke(app, ["query", *where, "facts_about", "--bind", f"name={person['person']}", "-f", "json"])
             for where in (["--store", str(store)], [str(out / "graph.ttl")])]
    assert all(f.exit_code == 0 for f in facts), facts[0].stderr
    from_store, from_file = (json.loads(f.stdout) for f in facts)
    assert from_store == from_file
    assert {"about": person["person"], "type": "Person", "subject": person["person"], "relation": "holdsPostIn",
            "object": person["organisation"], "sentence": person["sentence"]} in [
        {k: v for k, v in row.items() if k != "entity"} for row in from_store]
    exported = runner.invoke(app, ["export", "--store", str(store), "--format", "trig", "--out", str(tmp_path / "kg.trig")])
    assert exported.exit_code == 0, exported.stderr
    with KgStore(store) as st:
        named = set(st.quads())
    reloaded = ox.Store()
    reloaded.load(path=str(tmp_path / "kg.trig"), format=ox.RdfFormat.TRIG)
    assert set(reloaded) == named
    turtle = runner.invoke(app, ["export", "--store", str(store), "--format", "turtle"])
    assert turtle.exit_code == 0 and len(Graph().parse(data=turtle.stdout, format="turtle")) == len(Graph().parse(out / "graph.ttl"))
    stats = runner.invoke(app, ["stats", "--store", str(store), "--json"])
    assert stats.exit_code == 0 and '"nodes"' in stats.stdout
    view = runner.invoke(app, ["viz", "--store", str(store), "--out", str(tmp_path / "v.html")])
    assert view.exit_code == 0 and (tmp_path / "v.html").stat().st_size > 10000
    removed = runner.invoke(app, ["remove", "--store", str(store), str(ARTICLES[0])])
    assert removed.exit_code == 0
    with KgStore(store) as st:
        assert len(st.documents()) == 1
    missing = runner.invoke(app, ["remove", "--store", str(store), "nope.md"])
    assert missing.exit_code == 1 and "no such document" in missing.stderr
    no_store = runner.invoke(app, ["query", "--store", str(tmp_path / "nostore"), "entity_counts"])
    assert no_store.exit_code == 1 and "no kg store here" in no_store.stderr


def test_queries_see_each_fact_once(tmp_path):
    """Two articles stating the same facts: the store answers like the merged graph, not once per article."""
    from kg.rdf.query import resolve_query, run_query, run_store_query

    docs = copy(ARTICLES[:1], tmp_path / "a") + copy(ARTICLES[:1], tmp_path / "b")
    docs[1].write_text(docs[1].read_text(encoding="utf-8") + "\n\n（转载）\n", encoding="utf-8")
    build(docs, None, Settings(), store=tmp_path / "store")
    graph = build(docs, None, html=False).graph
    with KgStore(tmp_path / "store") as st:
        assert len(st.documents()) == 2 and len(st) == len(graph)
        for name in ("who_holds_posts", "relations", "figures"):
            rows = run_store_query(st, resolve_query(name)).rows
            assert rows and sorted(rows) == sorted(run_query(graph, resolve_query(name)).rows), name


def test_a_store_without_the_union_graph_is_read_and_upgraded(tmp_path):
    build(ARTICLES[:2], None, Settings(), store=tmp_path / "store")
    before = quads(tmp_path / "store")
    with KgStore(tmp_path / "store", write=True) as st:
        st.store.update("CLEAR DEFAULT")  # as kg wrote stores before the default graph held the union
    with KgStore(tmp_path / "store") as st:
        assert st.union and len(store_graph(st)) > 100
    with KgStore(tmp_path / "store", write=True) as st:
        assert not st.union and st.verify() == []
    assert quads(tmp_path / "store") == before


def test_the_view_of_a_store_is_read_piecewise_and_matches_the_graph(tmp_path):
    from kg.analytics import to_networkx
    from kg.pipeline import write_outputs
    from kg.store.view import add_documents_and_sentences, store_projection

    build(ARTICLES[:3], None, Settings(), store=tmp_path / "store")
    whole = to_networkx(build(ARTICLES[:3], None, html=False).graph)
    with KgStore(tmp_path / "store") as st:
        G = add_documents_and_sentences(st, store_projection(st))
    assert dict(G.nodes(data=True)) == dict(whole.nodes(data=True))
    assert {(s, o, k, d["role"] if "role" in d else None) for s, o, k, d in G.edges(keys=True, data=True)} == \
           {(s, o, k, d["role"] if "role" in d else None) for s, o, k, d in whole.edges(keys=True, data=True)}
    assert {(s, o, k) for s, o, k, d in G.edges(keys=True, data=True) if d["sentence"]} == \
           {(s, o, k) for s, o, k, d in whole.edges(keys=True, data=True) if d["sentence"]}
    with KgStore(tmp_path / "store") as st:
        outputs = write_outputs(st, tmp_path / "out", Settings(), max_nodes=10)
    page = outputs["html"].read_text(encoding="utf-8")
    assert f"(the 10 most central of {G.number_of_nodes()} nodes)" in page
    assert set(Graph().parse(outputs["turtle"])) == set(build(ARTICLES[:3], None, html=False).graph)


def test_a_store_remembers_its_base_iri(tmp_path):
    import subprocess
    import sys

    def kg(*args):
        return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, timeout=300)

    store, base = tmp_path / "store", "http://data.example.test/kg/"
    first = kg("build", *ARTICLES[:2], "--store", store, "--base-iri", base, "--ner", "rules", "--no-html",
               "--out", tmp_path / "out")
    assert first.returncode == 0, first.stderr
    import json

    record = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert record["base_iri"] == base and record["run"]["added"] == 2 and len(record["documents"]) == 2
    again = kg("build", *ARTICLES[:2], "--store", store, "--ner", "rules", "--no-html", "--out", tmp_path / "out")
    assert again.returncode == 0 and "0 added" in again.stderr and "2 unchanged" in again.stderr, again.stderr
    rows = kg("query", "--store", store, "SELECT ?d WHERE { ?d a <https://example.org/kg/ontology#Document> }",
              "--format", "csv")
    assert rows.stdout.count(base + "doc/") == 2, rows.stdout
    removed = kg("remove", "--store", store, ARTICLES[0])
    assert removed.returncode == 0, removed.stderr
    with KgStore(store) as st:
        assert st.base == base and len(st.documents()) == 1
        assert st.metadata()["baseIri"] == base and st.metadata()["formatVersion"] == "2"
    clash = kg("build", ARTICLES[2], "--store", store, "--base-iri", "http://other.test/", "--no-html")
    assert clash.returncode == 1 and len(clash.stderr.strip().splitlines()) == 1 and base in clash.stderr


def test_a_graph_file_and_its_store_read_the_same(tmp_path):
    from kg.rdf.query import resolve_query, run_store_query
    from kg.store import open_source

    result = build(ARTICLES[:2], tmp_path / "out", Settings(ner="rules"), html=False, store=tmp_path / "store")
    for name in ("entity_counts", "who_holds_posts", "relations"):
        with open_source(result.outputs["turtle"]) as a, open_source(store=tmp_path / "store") as b:
            rows_a, rows_b = run_store_query(a, resolve_query(name)).rows, run_store_query(b, resolve_query(name)).rows
        assert sorted(rows_a) == sorted(rows_b) and rows_a, name
