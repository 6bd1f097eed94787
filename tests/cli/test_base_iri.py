"""--base-iri: checked before anything is written (one error line, exit 1), and a store saved with an unusable
base IRI (by a kg that did not check) is one error line for every command, not a traceback."""
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.config import base_iri_problem, checked_base_iri
from kg.errors import BaseIriError
from kg.rdf.namespace import KG_NS
from kg.rdf.union import META_GRAPH
from tests.conftest import ARTICLES

runner = CliRunner()
BAD = ["https://ex.org/a b/", ">", '"', "{", "https://ex.org/kg", "https://ex.org/<x>/", "https://ex.org/|/",
       "https://ex.org/\\/", "https://ex.org/^/", "https://ex.org/`/", "kg/", "https://ex.org/%zz/", "https://ex.org/\n/"]


def _one_error_line(result) -> str:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "Traceback" not in result.stderr, lines
    return lines[0]


@pytest.mark.parametrize("iri", ["https://example.org/kg/", "http://data.example.cn/政策#", "urn:kg:test/"])
def test_usable_base_iris_pass(iri):
    assert base_iri_problem(iri) is None and checked_base_iri(iri) == iri


@pytest.mark.parametrize("iri", BAD)
def test_unusable_base_iris_are_refused_with_the_reason(iri):
    with pytest.raises(BaseIriError, match="cannot prefix kg's IRIs"):
        checked_base_iri(iri)


@pytest.mark.parametrize("iri", BAD[:5])
def test_build_with_a_bad_base_iri_writes_nothing(tmp_path, iri):
    out, store = tmp_path / "out", tmp_path / "store"
    result = runner.invoke(app, ["build", str(ARTICLES / "shenzhen_plain.txt"), "--out", str(out), "--store", str(store),
                                 "--base-iri", iri, "--ner", "rules", "-q"])
    assert "base IRI" in _one_error_line(result)
    assert not out.exists() and not store.exists()


def test_a_store_saved_with_a_bad_base_iri_is_one_error_line_for_every_command(tmp_path):
    store = tmp_path / "store"
    built = runner.invoke(app, ["build", str(ARTICLES / "shenzhen_plain.txt"), "--store", str(store), "--out",
                                str(tmp_path / "out"), "--ner", "rules", "-q", "--no-html"])
    assert built.exit_code == 0, built.stderr
    raw = ox.Store(str(store))  # what an older kg, which did not check --base-iri, could have saved
    base_iri = ox.NamedNode(KG_NS + "baseIri")
    raw.remove_graph(META_GRAPH)
    raw.add(ox.Quad(META_GRAPH, base_iri, ox.Literal("https://ex.org/a b/"), META_GRAPH))
    raw.flush()
    del raw
    for command in (["stats"], ["query", "entity_counts"], ["export", "--format", "nquads"],
                    ["report", "--out", str(tmp_path / "report")], ["viz", "--out", str(tmp_path / "v.html")],
                    ["validate"], ["build", str(ARTICLES / "hangzhou_press.md"), "--out", str(tmp_path / "again")]):
        result = runner.invoke(app, [*command, "--store", str(store)])
        line = _one_error_line(result)
        assert "saved base IRI 'https://ex.org/a b/' is unusable (it contains a space)" in line, command
