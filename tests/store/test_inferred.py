"""A store built with --infer answers queries with the RDFS entailments, kept current as articles come and go."""
import json
from pathlib import Path

from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.pipeline import build
from kg.store import KgStore

FIXTURES = Path(__file__).parent.parent / "fixtures"
ARTICLES = [*sorted((FIXTURES / "eval").glob("*.md")), *sorted((FIXTURES / "heldout").glob("*.[mt]*"))][:5]
INFER = Settings(ner="rules", infer=True)
KG = "https://example.org/kg/ontology#"
ORGANIZATIONS = "PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?x WHERE { ?x a org:Organization }"
runner = CliRunner()


def query(*where: str, sparql: str) -> set[str]:
    result = runner.invoke(app, ["query", *where, sparql, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return {next(iter(row.values())) for row in json.loads(result.stdout)}


def typed(store: Path, *classes: str) -> set[str]:
    values = " ".join(f"<{KG}{c}>" for c in classes)
    return query("--store", str(store), sparql=f"SELECT DISTINCT ?x WHERE {{ VALUES ?c {{ {values} }} ?x a ?c }}")


def quads(folder: Path) -> set[str]:
    with KgStore(folder) as st:
        assert st.verify() == []
        return {str(q) for q in st.store}


def test_a_store_built_with_infer_answers_with_the_entailments(tmp_path):
    store = tmp_path / "store"
    result = build(ARTICLES, tmp_path / "out", INFER, html=False, store=store)
    assert json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))["infer"] is True
    agencies, enterprises = typed(store, "Agency"), typed(store, "Enterprise")
    assert agencies and enterprises
    organizations = query("--store", str(store), sparql=ORGANIZATIONS)
    assert agencies | enterprises | typed(store, "MediaOutlet") <= organizations
    assert organizations == query(str(result.outputs["turtle"]), sparql=ORGANIZATIONS)  # as the graph file says
    in_memory = build(ARTICLES, tmp_path / "memory", INFER, html=False)  # the closure of kg.rdf.infer, by rdflib
    assert set(Graph().parse(result.outputs["turtle"])) == set(Graph().parse(in_memory.outputs["turtle"]))
    plain = build(ARTICLES, None, Settings(ner="rules"), store=tmp_path / "plain")
    assert not query("--store", str(tmp_path / "plain"), sparql=ORGANIZATIONS) and plain.counts["added"] == 5

    stats = runner.invoke(app, ["stats", "--store", str(store)])
    assert stats.exit_code == 0 and "inference: on" in stats.stdout
    assert json.loads(runner.invoke(app, ["stats", "--store", str(store), "--json"]).stdout)["inference"] is True
    assert "inference: off" in runner.invoke(app, ["stats", "--store", str(tmp_path / "plain")]).stdout


def test_removing_and_adding_articles_keeps_the_entailments_current(tmp_path):
    store = tmp_path / "store"
    build(ARTICLES[:4], None, INFER, store=store)
    removed = runner.invoke(app, ["remove", "--store", str(store), str(ARTICLES[0])])
    assert removed.exit_code == 0, removed.stderr
    build(ARTICLES[1:4], None, INFER, store=tmp_path / "rest")
    assert quads(store) == quads(tmp_path / "rest")  # its entailments went with it, and only those
    # a later build without --infer keeps the store's entailments on and current
    again = runner.invoke(app, ["build", str(ARTICLES[0]), str(ARTICLES[4]), "--store", str(store), "--ner", "rules",
                                "--no-html", "--out", str(tmp_path / "out"), "-q"])
    assert again.exit_code == 0, again.stderr
    assert json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))["infer"] is True
    build([*ARTICLES[1:4], ARTICLES[0], ARTICLES[4]], None, INFER, store=tmp_path / "clean")
    assert quads(store) == quads(tmp_path / "clean")
    assert typed(store, "Agency", "Enterprise", "MediaOutlet") <= query("--store", str(store), sparql=ORGANIZATIONS)


def test_a_killed_build_leaves_the_entailments_stale_until_the_next_write(tmp_path):
    import os
    import subprocess
    import sys

    from kg.store.oxigraph import FAULT_ENV

    store = tmp_path / "store"
    build(ARTICLES[:1], None, INFER, store=store)
    killed = subprocess.run([sys.executable, "-m", "kg", "build", *map(str, ARTICLES[:3]), "--store", str(store),
                             "--ner", "rules", "--no-html", "--out", str(tmp_path / "out"), "-q"],
                            env={**os.environ, FAULT_ENV: "1"}, capture_output=True, timeout=300)
    assert killed.returncode == 137  # died right after its first commit: the entailments were not recomputed
    assert "on, but not current" in runner.invoke(app, ["stats", "--store", str(store)]).stdout
    build(ARTICLES[:3], None, INFER, store=store)
    assert "inference: on (" in runner.invoke(app, ["stats", "--store", str(store)]).stdout
    assert build(ARTICLES[:3], None, INFER, store=store).counts["unchanged"] == 3  # a run that changes nothing ...
    assert "inference: on (" in runner.invoke(app, ["stats", "--store", str(store)]).stdout  # ... leaves them current
    build(ARTICLES[:3], None, INFER, store=tmp_path / "clean")
    assert quads(store) == quads(tmp_path / "clean")
