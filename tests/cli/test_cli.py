"""The command line through typer's runner (the same app `kg` runs), and once as a real process."""
import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app

ARTICLES = Path(__file__).parent.parent / "fixtures" / "articles"
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("command", ["build", "query", "viz", "eval", "validate", "stats"])
def test_every_command_explains_itself(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_build_a_folder_then_query_it(tmp_path):
    out = tmp_path / "deep" / "out"
    result = invoke("build", ARTICLES, "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / "graph.ttl")
    assert len(graph) > 100
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "vis.DataSet" in html and json.dumps("陈建国")[1:-1] in html  # node data is escaped JSON
    posts = invoke("query", out / "graph.ttl", "who_holds_posts", "--format", "json")
    assert posts.exit_code == 0
    rows = json.loads(posts.stdout)
    assert {"person": "郭子平", "post": "主任", "organisation": "深圳市发展和改革委员会"} in [
        {k: r[k] for k in ("person", "post", "organisation")} for r in rows]
    assert {"person": "陈建国", "post": "局长", "organisation": "杭州市经济和信息化局"} in [
        {k: r[k] for k in ("person", "post", "organisation")} for r in rows]


def test_query_csv_is_clean_on_stdout(sample_build):
    result = invoke("query", sample_build.outputs["turtle"], "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }", "-f", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "n" and int(lines[1]) > 100 and len(lines) == 2


def test_query_from_an_rq_file(sample_build, tmp_path):
    rq = tmp_path / "people.rq"
    rq.write_text("PREFIX kg: <https://example.org/kg/ontology#>\nSELECT ?p WHERE { ?p a kg:Person }", encoding="utf-8")
    result = invoke("query", sample_build.outputs["turtle"], rq, "-f", "csv")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 5


def test_bad_input_gives_exit_1_and_a_readable_message(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "missing.md"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "kg: error:" in result.stderr and "missing.md" in result.stderr
    result = runner.invoke(app, ["query", str(tmp_path / "none.ttl"), "entity_counts"])
    assert result.exit_code == 1 and "no such graph file" in result.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<", encoding="utf-8")
    result = runner.invoke(app, ["query", str(bad), "entity_counts"])
    assert result.exit_code == 1 and "cannot parse" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["build", str(empty), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "nothing to build" in result.stderr


def test_eval_reports_scores(sample_build):
    gold = Path(__file__).parent.parent / "fixtures" / "gold" / "000_2d9d571b375b7b5b.json"
    result = invoke("eval", sample_build.outputs["turtle"], gold)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].startswith("entity_f1=")


def test_installed_console_script_runs_from_any_folder(tmp_path):
    """`kg build` with no input builds the bundled sample, from a folder that is not the repo."""
    exe = Path(sys.executable).with_name("kg")
    proc = subprocess.run([str(exe), "build", "--out", str(tmp_path / "o")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""  # data only on stdout; the summary is on stderr
    assert "documents: 1 built" in proc.stderr
    assert (tmp_path / "o" / "graph.ttl").stat().st_size > 10000


def test_validate_command(sample_build, tmp_path):
    ok = runner.invoke(app, ["validate", str(sample_build.outputs["turtle"])])
    assert ok.exit_code == 0 and "conforms" in ok.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text("""@prefix kg: <https://example.org/kg/ontology#> .
<https://example.org/kg/id/entity/x> a kg:Agency , kg:Enterprise .""", encoding="utf-8")
    bad = runner.invoke(app, ["validate", str(broken)])
    assert bad.exit_code == 1 and "exactly one rdfs:label" in bad.stdout and "violation(s)" in bad.stderr


def test_build_infer_and_validate(tmp_path):
    result = invoke("build", "--out", tmp_path, "--infer", "--validate", "--no-html")
    assert result.exit_code == 0, result.stderr
    assert "SHACL: conforms" in result.stderr
    rows = invoke("query", tmp_path / "graph.ttl",
                  "PREFIX org: <http://www.w3.org/ns/org#> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a org:Organization }",
                  "-f", "csv")
    assert int(rows.stdout.splitlines()[1]) >= 30


def test_query_bind(sample_build):
    result = invoke("query", sample_build.outputs["turtle"], "facts_about", "--bind", "name=吴金城", "-f", "json")
    assert result.exit_code == 0
    assert {"subject": "吴金城", "relation": "holdsPostIn", "object": "上海市经济和信息化委员会"} in [
        {k: r[k] for k in ("subject", "relation", "object")} for r in json.loads(result.stdout)]
    bad = runner.invoke(app, ["query", str(sample_build.outputs["turtle"]), "facts_about", "--bind", "oops"])
    assert bad.exit_code == 1 and "NAME=VALUE" in bad.stderr


def test_build_with_rules_only(tmp_path):
    result = invoke("build", ARTICLES / "shenzhen_plain.txt", "--out", tmp_path, "--ner", "rules", "--no-html", "-q")
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(tmp_path / "graph.ttl")) > 50
    bad = runner.invoke(app, ["build", "--ner", "bert", "--out", str(tmp_path)])
    assert bad.exit_code != 0


def _kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, timeout=120)


def test_every_error_is_one_line_with_a_documented_status(sample_build, tmp_path):
    graph = sample_build.outputs["turtle"]
    cases = [
        (("query", graph, "entity_counts", "--format", "jsn"), 2, "usage error"),
        (("buld",), 2, "No such command"),
        (("query", Path(__file__).parents[2] / "README.md", "entity_counts"), 1, "cannot parse as RDF: line"),
        (("query", graph, "facts_about", "--bind", "nam=上海市"), 1, "no variable ?nam"),
        (("query", "--store", Path(__file__), "entity_counts"), 1, "no kg store here"),
    ]
    for args, status, text in cases:
        proc = _kg(*args)
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == status and len(lines) == 1 and text in lines[0], (args, proc.returncode, proc.stderr)
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen(1)
        proc = _kg("serve", graph, "--port", held.getsockname()[1])
    assert proc.returncode == 1 and proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert "choose another --port" in proc.stderr and "http://" not in proc.stderr


def test_a_report_folder_describes_one_graph(tmp_path):
    two = invoke("build", ARTICLES / "hangzhou_press.md", ARTICLES / "shenzhen_plain.txt", "--out", tmp_path,
                 "--report", "--no-html", "--ner", "rules", "-q")
    assert two.exit_code == 0 and len(list((tmp_path / "report").glob("*.html"))) == 3
    one = invoke("build", ARTICLES / "shenzhen_plain.txt", "--out", tmp_path, "--report", "--no-html", "--ner", "rules", "-q")
    assert one.exit_code == 0 and len(list((tmp_path / "report").glob("*.html"))) == 2  # the other page is gone


def test_without_infer_the_store_and_the_memory_build_write_the_same_bytes(tmp_path):
    articles = [ARTICLES / "hangzhou_press.md", ARTICLES / "shenzhen_plain.txt"]
    memory = _kg("build", *articles, "--out", tmp_path / "memory", "--no-html", "--ner", "rules", "-q")
    stored = _kg("build", *articles, "--store", tmp_path / "s", "--out", tmp_path / "stored", "--no-html", "--ner", "rules", "-q")
    assert memory.returncode == stored.returncode == 0, (memory.stderr, stored.stderr)
    assert (tmp_path / "memory" / "graph.ttl").read_bytes() == (tmp_path / "stored" / "graph.ttl").read_bytes()
    record = json.loads((tmp_path / "stored" / "build.json").read_text(encoding="utf-8"))
    assert record["run"]["added"] == 2 and record["entities"] == json.loads(
        (tmp_path / "memory" / "build.json").read_text(encoding="utf-8"))["entities"]


def test_every_build_flag_means_the_same_with_and_without_a_store(tmp_path):
    articles = [ARTICLES / "hangzhou_press.md", ARTICLES / "shenzhen_plain.txt"]
    flags = ["--infer", "--validate", "--report", "--no-html", "--ner", "rules"]
    memory = _kg("build", *articles, "--out", tmp_path / "memory", *flags)
    stored = _kg("build", *articles, "--store", tmp_path / "store", "--out", tmp_path / "stored", *flags)
    assert memory.returncode == stored.returncode == 0, (memory.stderr, stored.stderr)
    assert "SHACL: conforms" in memory.stderr and "SHACL: conforms" in stored.stderr
    assert (tmp_path / "memory" / "graph.ttl").read_bytes() == (tmp_path / "stored" / "graph.ttl").read_bytes()
    assert len(Graph().parse(tmp_path / "memory" / "graph.ttl")) > 500  # the entailments included, both ways
    assert sorted(p.name for p in (tmp_path / "memory" / "report").iterdir()) == \
        sorted(p.name for p in (tmp_path / "stored" / "report").iterdir())


@pytest.mark.parametrize("command", ["build", "query", "viz", "eval", "validate", "stats", "remove", "export",
                                     "serve", "report", "fetch"])
def test_help_reads_plainly(command):
    """Usage lines and option columns as click writes them: no Python type names, no braces."""
    text = runner.invoke(app, [command, "--help"]).stdout
    usage = text.splitlines()[0]
    assert usage.startswith(f"Usage: kg {command} [OPTIONS]") and "{" not in usage and "<" not in usage, usage
    assert not re.search(r"<(?:bool|str|int|float|path|list\[)", text, re.I), text
    assert "list[" not in text


def test_the_root_help_states_where_files_go():
    text = runner.invoke(app, ["--help"]).stdout
    assert "./output" in text and "output/view.html" in text
