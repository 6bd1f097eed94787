"""Graphs out to the tools analysts use (GraphML for Gephi and Cytoscape, Neo4j's import files, Parquet), and
the same export from a graph file as from a store, in every format."""
import csv

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import KgStore
from tests.conftest import ARTICLES

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
    import re

    ids = re.findall(r'<edge [^>]*\bid="([^"]*)"', out.read_text(encoding="utf-8"))
    assert len(ids) == G.number_of_edges() == len(set(ids))  # GraphML: an edge id names one edge of the file


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
    joined = con.execute(f"""
        SELECT count(*), count(s.iri), count(o.iri), count(*) FILTER (r.subject = s.name AND r.object = o.name)
        FROM '{tmp_path}/relations.parquet' r LEFT JOIN '{tmp_path}/entities.parquet' s ON r.subject_iri = s.iri
        LEFT JOIN '{tmp_path}/entities.parquet' o ON r.object_iri = o.iri""").fetchone()
    assert joined[0] > 10 and len(set(joined)) == 1, joined  # every relation's ends join back to their entities
    value_type = con.execute(f"SELECT typeof(value) FROM '{tmp_path}/figures.parquet' LIMIT 1").fetchone()[0]
    assert value_type == "DOUBLE"  # figures are numbers, ready to chart
    starts = con.execute(f"SELECT min(start), max(\"end\") FROM '{tmp_path}/mentions.parquet'").fetchone()
    assert isinstance(starts[0], int) and starts[1] > starts[0]


# -- a graph file exports what a store of the same graph exports, in every format ----------------------------


_OX = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG,
       "nquads": ox.RdfFormat.N_QUADS}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The fixture articles built twice: into a graph file (no store) and into a store folder."""
    from kg.config import Settings
    from kg.pipeline import build

    root = tmp_path_factory.mktemp("two_builds")
    articles = sorted(ARTICLES.iterdir())
    build(articles, root / "file", Settings(ner="rules"), html=False)
    build(articles, None, Settings(ner="rules"), store=root / "store")
    return root / "file" / "graph.ttl", root / "store", root


def _export(source: list[str], fmt: str, out) -> None:
    result = runner.invoke(app, ["export", *source, "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.stderr


def _quads(path, fmt) -> set:
    return set(ox.parse(path=str(path), format=_OX[fmt]))


def _csv_rows(folder, encoding="utf-8-sig") -> dict[str, list]:
    rows = {}
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding=encoding, newline="") as fh:
            table = list(csv.reader(fh))
        rows[path.name] = [table[0], sorted(table[1:])]
    return rows


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld", "csv", "parquet", "graphml", "neo4j"])
def test_a_graph_file_exports_what_the_store_of_the_same_graph_exports(two_builds, fmt):
    graph_file, store, root = two_builds
    from_file, from_store = root / f"file_{fmt}", root / f"store_{fmt}"
    _export([str(graph_file)], fmt, from_file)
    _export(["--store", str(store)], fmt, from_store)
    if fmt in ("turtle", "jsonld"):
        assert _quads(from_file, fmt) == _quads(from_store, fmt) and len(_quads(from_file, fmt)) > 500
    elif fmt in ("trig", "nquads"):
        # a graph file has no named graphs: its quads are its triples, in the default graph; the store's are
        # the same triples in the graphs that state them (one per document, the entities, the sources)
        file_quads, store_quads = _quads(from_file, fmt), _quads(from_store, fmt)
        with KgStore(store) as st:
            union = set(st.triples())
        assert {q.graph_name for q in file_quads} == {ox.DefaultGraph()}
        assert {q.triple for q in file_quads} == union == {q.triple for q in store_quads}
        assert len(union) > 500 and len({q.graph_name for q in store_quads}) == len(list(ARTICLES.iterdir())) + 2
        assert not any(q.graph_name == ox.NamedNode("urn:kg:store") for q in store_quads)  # the store's bookkeeping
        # and the store's export, read back as a graph file, exports the very same quads
        again = root / f"again.{ 'nq' if fmt == 'nquads' else 'trig'}"
        _export([str(from_store.rename(from_store.with_suffix(again.suffix)))], fmt, again)
        assert _quads(again, fmt) == store_quads
    elif fmt == "csv":
        assert _csv_rows(from_file) == _csv_rows(from_store)
        assert len(_csv_rows(from_file)["entities.csv"][1]) > 10
    elif fmt == "neo4j":
        assert _csv_rows(from_file, "utf-8") == _csv_rows(from_store, "utf-8")
        assert (from_file / "load.cypher").read_text() == (from_store / "load.cypher").read_text()
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        for name in ("entities", "relations", "figures", "mentions"):
            a, b = (pq.read_table(folder / f"{name}.parquet") for folder in (from_file, from_store))
            assert a.schema == b.schema
            rows = [sorted(repr(sorted(row.items())) for row in t.to_pylist()) for t in (a, b)]
            assert rows[0] == rows[1] and rows[0]
    else:
        G, H = nx.read_graphml(from_file), nx.read_graphml(from_store)
        assert sorted(G.nodes(data=True)) == sorted(H.nodes(data=True)) and G.number_of_nodes() > 10
        edges = [sorted((s, o, sorted(d.items())) for s, o, d in X.edges(data=True)) for X in (G, H)]
        assert edges[0] == edges[1]


def test_a_turtle_file_exported_as_nquads_loses_nothing(sample_build, tmp_path):
    """The finding: ``kg export graph.ttl --format nquads`` wrote the 3 quads of the store's bookkeeping and
    none of the graph."""
    graph_file = sample_build.outputs["turtle"]
    result = runner.invoke(app, ["export", str(graph_file), "--format", "nquads"])
    assert result.exit_code == 0, result.stderr
    exported = set(ox.parse(result.stdout.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert exported == set(ox.parse(path=str(graph_file), format=ox.RdfFormat.TURTLE))  # all in the default graph
    assert "urn:kg:store" not in result.stdout


# -- files safe to open: no CSV cell a spreadsheet would run as a formula ------------------------------------

_HOSTILE_TTL = """
@prefix kg: <https://example.org/kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/kg/id/entity/evil> a kg:Enterprise ; rdfs:label "=HYPERLINK(\\"http://x\\",\\"点击\\")" ;
    skos:altLabel "@SUM(A1)", "\\tcmd", "\\rcmd" ; kg:mentionedIn <https://example.org/kg/doc/evil> .
<https://example.org/kg/observation/evil> a kg:Observation ; kg:indicator "=1+2产值"@zh ;
    kg:value "-0.7"^^xsd:decimal ; kg:quantityText "-0.7%"@zh ; kg:unit "percent" ; kg:evidence <https://example.org/kg/evidence/evil> .
<https://example.org/kg/observation/evil2> a kg:Observation ; kg:indicator "净利润"@zh ;
    kg:value "=1"^^xsd:decimal ; kg:quantityText "+5"@zh ; kg:evidence <https://example.org/kg/evidence/evil> .
<https://example.org/kg/evidence/evil> kg:sentence "@净利润同比下降0.7%。"@zh ; kg:inDocument <https://example.org/kg/doc/evil> .
"""
_NUMERIC_COLUMNS = {"value", "documents", "documents:int", "start", "end"}


def _number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def _cells(folder, encoding) -> list[tuple[str, str, str]]:
    """(file, column, cell) of every CSV in ``folder``."""
    out = []
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding=encoding, newline="") as fh:
            rows = list(csv.reader(fh))
        out += [(path.name, column, cell) for row in rows[1:] for column, cell in zip(rows[0], row)]
    return out


def test_no_csv_cell_starts_a_formula_and_numbers_stay_numbers(tmp_path):
    from kg.config import Settings
    from kg.pipeline import build
    from kg.store.export import FORMULA_STARTS

    article = tmp_path / "evil.txt"
    article.write_text("宁州市人民政府印发《+cmd|' /C calc'!A0》。\n-2+3营业收入达到100亿元。\n", encoding="utf-8")
    built = build([article], tmp_path / "out", Settings(ner="rules"), html=False)
    graph_file = tmp_path / "evil.ttl"
    graph_file.write_text(built.outputs["turtle"].read_text(encoding="utf-8") + _HOSTILE_TTL, encoding="utf-8")
    for fmt, encoding in (("csv", "utf-8-sig"), ("neo4j", "utf-8")):
        _export([str(graph_file)], fmt, tmp_path / fmt)
        cells = _cells(tmp_path / fmt, encoding)
        formulas = [c for c in cells if c[2].startswith(FORMULA_STARTS) and not _number(c[2])]
        assert formulas == [], fmt
        texts = {cell for _f, _c, cell in cells}
        assert "'+cmd|' /C calc'!A0" in texts, fmt  # the policy title, shown as written
        assert "'=HYPERLINK(\"http://x\",\"点击\")" in texts, fmt
    figures = {row[0]: row for row in csv.reader(open(tmp_path / "csv" / "figures.csv", encoding="utf-8-sig", newline=""))}
    assert figures["'=1+2产值"][1:3] == ["-0.7", "percent"] and figures["'=1+2产值"][4] == "'-0.7%"
    # the indicator is read without the stray "-2+3"; the sentence keeps it, neutralised
    assert figures["营业收入"][1] == "10000000000" and figures["营业收入"][6] == "'-2+3营业收入达到100亿元。"
    assert figures["净利润"][1] == "'=1" and figures["净利润"][6] == "'@净利润同比下降0.7%。"  # ill-typed: text
    entities = {row[2]: row for row in csv.reader(open(tmp_path / "csv" / "entities.csv", encoding="utf-8-sig", newline=""))}
    assert entities["'=HYPERLINK(\"http://x\",\"点击\")"][3] == "'\tcmd|\rcmd|@SUM(A1)"  # sorted, then made safe
