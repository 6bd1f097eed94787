"""Graphs out to the tools analysts use: GraphML (Gephi, Cytoscape) and Neo4j's import files."""
import csv

import networkx as nx
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def test_graphml_of_the_sample_reads_back_with_networkx(sample_build, tmp_path):
    out = tmp_path / "kg.graphml"
    result = runner.invoke(app, ["export", str(sample_build.outputs["turtle"]), "--format", "graphml", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    G = nx.read_graphml(out)
    counts = sample_build.tally
    assert G.number_of_nodes() == sum(counts.entities.values())
    assert G.number_of_edges() == sum(counts.relations.values())
    labels = {d["label"]: d for _, d in G.nodes(data=True)}
    assert labels["上海市经济和信息化委员会"]["type"] == "Agency"
    assert "市经济信息化委" in labels["上海市经济和信息化委员会"]["aliases"].split("|")
    posts = [d for s, o, d in G.edges(data=True) if d["relation"] == "holdsPostIn"]
    assert posts and all(d.get("role") for d in posts)  # the post title rides on the edge


def test_neo4j_import_files_have_the_admin_headers_and_closed_relationships(sample_build, tmp_path):
    result = runner.invoke(app, ["export", str(sample_build.outputs["turtle"]), "--format", "neo4j", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    with open(tmp_path / "nodes.csv", encoding="utf-8") as fh:
        nodes = list(csv.reader(fh))
    with open(tmp_path / "relationships.csv", encoding="utf-8") as fh:
        rels = list(csv.reader(fh))
    assert nodes[0] == ["id:ID", "name", "aliases:string[]", "documents:int", ":LABEL"]
    assert rels[0] == [":START_ID", ":END_ID", ":TYPE", "role", "sentence"]
    ids = {row[0] for row in nodes[1:]}
    assert len(ids) == len(nodes) - 1 == sum(sample_build.tally.entities.values())
    assert all(row[0] in ids and row[1] in ids for row in rels[1:]) and len(rels) > 10
    assert {row[4].split(";")[0] for row in nodes[1:]} == {"Entity"}
    cypher = (tmp_path / "load.cypher").read_text(encoding="utf-8")
    assert "MERGE (s)-[rel:holdsPostIn]->(o)" in cypher and "apoc" not in cypher
