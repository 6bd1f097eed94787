"""Several documents: one node per entity across articles, stable labels, curation through the CLI."""
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import RDFS

from kg.pipeline import build
from kg.rdf.namespace import KG

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def write(path: Path, body: str) -> Path:
    path.write_text(f"---\ntitle: t\ndate: 2023-05-01\n---\n<p>{body}</p>", encoding="utf-8")
    return path


def test_same_entity_across_articles_is_one_node(tmp_path):
    a = write(tmp_path / "a.md", "深圳市工业和信息化局局长余锡坤介绍，比亚迪、华为等企业加快发展。")
    b = write(tmp_path / "b.md", "市工业和信息化局印发《深圳市培育发展未来产业行动计划》，深圳华为公司参与。")
    result = build([tmp_path], tmp_path / "out", html=False)
    g = result.graph
    (agency,) = g.subjects(RDFS.label, Literal("深圳市工业和信息化局", lang="zh"))
    assert len(set(g.objects(agency, KG.mentionedIn))) == 2
    only_a = build([a], tmp_path / "out_a", html=False).graph
    (agency_a,) = only_a.subjects(RDFS.label, Literal("深圳市工业和信息化局", lang="zh"))
    assert agency_a == agency  # the IRI does not depend on which articles were built
    assert b.exists()


def test_press_conference_turns(sample_graph):
    rows = list(sample_graph.query("""
        PREFIX kg: <https://example.org/kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?outlet WHERE {
          ?a kg:spokenBy/rdfs:label "吴金城"@zh ; kg:answers ?q .
          ?q kg:askedBy/rdfs:label ?outlet }"""))
    assert {str(r[0]) for r in rows} == {"中央广播电视总台", "解放日报", "上海人民广播电台"}


def test_periods_are_anchored_on_the_article_date(sample_graph):
    periods = {str(p) for p in sample_graph.objects(None, KG.period)}
    assert "2021年上半年" in periods and "上半年" not in periods


def test_build_with_curation_file(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    curation = tmp_path / "c.yml"
    curation.write_text("drop: [海康威视]\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(ARTICLES / "hangzhou_press.md"), "-o", str(out), "-q",
                                      "--curation", str(curation)])
    assert result.exit_code == 0, result.output
    from rdflib import Graph

    labels = {str(o) for o in Graph().parse(out / "graph.ttl").objects(None, RDFS.label)}
    assert "海康威视" not in labels and "网易" in labels
