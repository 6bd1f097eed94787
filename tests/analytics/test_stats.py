import json
import re

from typer.testing import CliRunner

from kg.analytics import find_node, graph_stats, keep_types, most_central, neighbourhood, to_networkx
from kg.cli import app


def test_stats_on_the_sample(sample_graph):
    G = to_networkx(sample_graph)
    stats = graph_stats(G)
    assert "上海市人民政府" in [r["entity"] for r in stats["top_pagerank"]]
    assert stats["types"]["Person"] == 4 and stats["relations"]["holdsPostIn"] == 6
    assert stats["components"] >= 1 and stats["community_count"] >= 1
    assert stats["nodes"] == G.number_of_nodes()


def test_stats_command_json_is_clean(sample_build):
    result = CliRunner().invoke(app, ["stats", str(sample_build.outputs["turtle"]), "--json"])
    assert result.exit_code == 0
    assert "上海市人民政府" in [r["entity"] for r in json.loads(result.stdout)["top_pagerank"]]


def test_focus_types_and_max_nodes(sample_graph):
    G = to_networkx(sample_graph)
    node = find_node(G, "市经济信息化委")
    assert G.nodes[node]["label"] == "上海市经济和信息化委员会"
    near = neighbourhood(G, node, 1)
    assert sorted(d["label"] for _, d in near.nodes(data=True)) == ["上海市经济和信息化委员会", "吴金城"]
    assert {d["type"] for _, d in keep_types(G, {"Agency", "Person"}).nodes(data=True)} == {"Agency", "Person"}
    assert most_central(G, 5).number_of_nodes() == 5


def test_viz_command_options(sample_build, tmp_path):
    out = tmp_path / "focus.html"
    runner = CliRunner()
    result = runner.invoke(app, ["viz", str(sample_build.outputs["turtle"]), "--focus", "市经济信息化委", "--depth", "2",
                                 "--out", str(out), "--no-physics"])
    assert result.exit_code == 0 and "2 nodes" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert '"physics": {"enabled": false' in page.replace("'", '"') or '"enabled": false' in page
    small = runner.invoke(app, ["viz", str(sample_build.outputs["turtle"]), "--max-nodes", "10", "--out", str(out)])
    assert small.exit_code == 0 and re.search(r"the 10 most central of \d+ nodes", out.read_text(encoding="utf-8"))
    bad = runner.invoke(app, ["viz", str(sample_build.outputs["turtle"]), "--types", "Planet"])
    assert bad.exit_code == 1 and "unknown type" in bad.stderr
    missing = runner.invoke(app, ["viz", str(sample_build.outputs["turtle"]), "--focus", "不存在的机构"])
    assert missing.exit_code == 1 and "no entity named" in missing.stderr


def test_focus_prefers_an_exact_name_and_lists_an_ambiguity_with_types(sample_graph, tmp_path):
    from typer.testing import CliRunner

    from kg.analytics import Ambiguous, find_nodes
    from kg.cli import app

    G = to_networkx(sample_graph)
    assert [G.nodes[n]["label"] for n in find_nodes(G, "上海")] == ["上海市"]  # an alias, not a longer name
    assert [G.nodes[n]["label"] for n in find_nodes(G, "上海市")] == ["上海市"]  # the exact label first
    try:
        find_node(G, "数字化")
        raise AssertionError("an ambiguous name was decided")
    except Ambiguous as many:
        assert len(many.candidates) > 2 and all(kind for _, kind in many.candidates)
    ttl = tmp_path / "g.ttl"
    sample_graph.serialize(ttl, format="turtle")
    result = CliRunner().invoke(app, ["viz", str(ttl), "--focus", "数字化", "--out", str(tmp_path / "f.html")])
    assert result.exit_code == 1 and "entities:" in result.stderr and "(Initiative, https:" in result.stderr
    assert not (tmp_path / "f.html").exists()


def test_facts_about_says_which_entity_each_row_is_about(sample_graph):
    from kg.rdf.query import resolve_query, run_query

    result = run_query(sample_graph, resolve_query("facts_about"), {"name": "上海市"})
    about = {tuple(r[:2]) for r in result.rows}
    assert about == {("上海市", "District")}


def test_the_build_summary_stats_and_review_index_count_the_same_things(sample_build, tmp_path):
    import json
    import re

    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    graph = str(sample_build.outputs["turtle"])
    stats = json.loads(runner.invoke(app, ["stats", graph, "--json"]).stdout)
    built = json.loads(sample_build.outputs["build"].read_text(encoding="utf-8"))
    assert stats["types"] == built["entities"] and stats["relations"] == built["relations"]
    assert stats["figures"] == built["figures"]
    assert runner.invoke(app, ["report", graph, "--out", str(tmp_path)]).exit_code == 0
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    totals = [int(n) for n in re.findall(r"<b>(\d+)</b>", index.split('id="totals"')[1].split("</p>")[0])]
    assert totals == [sum(built["entities"].values()), sum(built["relations"].values()), built["figures"]]
