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


def test_parquet_tables_of_the_sample_join_in_duckdb(sample_build, tmp_path):
    duckdb = __import__("pytest").importorskip("duckdb")
    result = runner.invoke(app, ["export", str(sample_build.outputs["turtle"]), "--format", "parquet", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.parquet")) == \
        ["entities.parquet", "figures.parquet", "mentions.parquet", "relations.parquet"]
    con = duckdb.connect()
    n_entities = con.execute(f"SELECT count(*) FROM '{tmp_path}/entities.parquet'").fetchone()[0]
    assert n_entities == sum(sample_build.tally.entities.values())
    rows = con.execute(f"""
        SELECT e.name, e.type, count(*) AS mentions
        FROM '{tmp_path}/mentions.parquet' m JOIN '{tmp_path}/entities.parquet' e ON m.entity = e.iri
        GROUP BY e.name, e.type ORDER BY mentions DESC, e.name LIMIT 5""").fetchall()
    assert rows and rows[0][2] > 1 and all(isinstance(r[2], int) for r in rows)
    value_type = con.execute(f"SELECT typeof(value) FROM '{tmp_path}/figures.parquet' LIMIT 1").fetchone()[0]
    assert value_type == "DOUBLE"  # figures are numbers, ready to chart
    starts = con.execute(f"SELECT min(start), max(\"end\") FROM '{tmp_path}/mentions.parquet'").fetchone()
    assert isinstance(starts[0], int) and starts[1] > starts[0]
