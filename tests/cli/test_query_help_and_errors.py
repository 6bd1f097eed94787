"""`kg query` in real processes: an update, a folder given as GRAPH, the predeclared prefixes in its help,
and cells with line breaks in a table."""
import subprocess
import sys

import pytest

KG = [sys.executable, "-m", "kg"]


def kg(*args, timeout=120):
    return subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The bundled sample in a store and in a graph file (rules only: fast)."""
    from kg.config import Settings
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("query")
    build([], folder / "out", Settings(ner="rules"), html=False, store=folder / "store")
    return folder


@pytest.mark.parametrize("update, keyword", [
    ("DELETE WHERE {…}", "DELETE"),  # as typed in the issue: not even SPARQL after the keyword
    ("delete where { ?s ?p ?o }", "DELETE"),
    ("PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }", "INSERT"),
    ("LOAD <http://example.org/x.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP GRAPH <http://example.org/g>", "DROP"),
    ("CREATE GRAPH <http://example.org/g>", "CREATE"),
    ("ADD DEFAULT TO <http://example.org/g>", "ADD"),
    ("MOVE DEFAULT TO <http://example.org/g>", "MOVE"),
    ("COPY DEFAULT TO <http://example.org/g>", "COPY"),
    ("WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE"),
    ("# tidy up\n\\u0044ELETE DATA { <http://e/a> <http://e/b> 1 }", "DELETE"),  # a code-point escape is read
])
def test_an_update_is_one_line_that_says_kg_query_is_read_only(built, update, keyword):
    proc = kg("query", "--store", built / "store", update)
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("kg: error: kg query runs read-only queries; SPARQL updates are not supported ("
                               + keyword + " at line "), lines[0]


def test_an_update_in_a_rq_file_is_refused_too(built, tmp_path):
    rq = tmp_path / "wipe.rq"
    rq.write_text("CLEAR DEFAULT\n", encoding="utf-8")
    proc = kg("query", built / "out" / "graph.ttl", rq)
    assert proc.returncode == 1
    assert "SPARQL updates are not supported (CLEAR at line 1, column 1" in proc.stderr


def test_update_words_inside_strings_iris_comments_and_names_are_no_update(built):
    query = ('# delete nothing\nSELECT ?name WHERE { ?e ?p ?name . FILTER(?name != "DELETE" && '
             '?p != <http://example.org/INSERT>) } LIMIT 1')
    proc = kg("query", "--store", built / "store", query, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "name"


def test_a_store_folder_given_as_graph_points_at_store(built):
    proc = kg("query", built / "store", "entity_counts")
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"kg: error: {built / 'store'} is a kg store folder: use --store {built / 'store'}"
    stats = kg("stats", built / "store")  # every command reading GRAPH says the same
    assert f"is a kg store folder: use --store {built / 'store'}" in stats.stderr


def test_a_folder_that_is_no_store_says_so(built):
    proc = kg("query", built / "out", "entity_counts")
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"kg: error: {built / 'out'} is a folder, neither a graph file nor a kg store")
    assert len(proc.stderr.splitlines()) == 1


def test_the_help_lists_every_predeclared_prefix_and_each_works_undeclared(built):
    from kg.rdf.prefixes import QUERY_PREFIXES

    text = kg("query", "--help").stdout
    for name, iri in QUERY_PREFIXES.items():
        assert f"PREFIX {name}: <{iri}>" in text  # one line each, as click keeps a \b block
    union = " UNION ".join(f"{{ BIND({name}:x AS ?x) }}" for name in QUERY_PREFIXES)
    proc = kg("query", "--store", built / "store", f"SELECT ?x WHERE {{ {union} }}", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert sorted(proc.stdout.splitlines()[1:]) == sorted(iri + "x" for iri in QUERY_PREFIXES.values())


def test_a_table_keeps_one_line_per_row(tmp_path):
    graph = tmp_path / "cells.ttl"
    graph.write_text('<http://example.org/a> <http://example.org/note> "第一行\\n第二行\\tend" .\n'
                     '<http://example.org/b> <http://example.org/note> "windows\\r\\nline" .\n'
                     '<http://example.org/c> <http://example.org/note> "' + "长" * 300 + '" .\n', encoding="utf-8")
    proc = kg("query", graph, "SELECT ?s ?note WHERE { ?s <http://example.org/note> ?note } ORDER BY ?s")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 + 3 + 1  # header, rule, three rows, count
    assert lines[2] == "http://example.org/a  第一行⏎第二行→end"
    assert lines[3] == "http://example.org/b  windows⏎line"
    assert lines[4] == "http://example.org/c  " + "长" * 300  # a long cell is not wrapped
    assert lines[5] == "(3 rows)"
    csv_out = kg("query", graph, "SELECT ?note WHERE { <http://example.org/a> ?p ?note }", "--format", "csv").stdout
    assert "第一行\n第二行\tend" in csv_out  # csv and json keep the text as it is


@pytest.mark.parametrize("where", ["graph", "store"])
def test_construct_output_uses_kg_prefixes(built, where):
    source = ["--store", built / "store"] if where == "store" else [built / "out" / "graph.ttl"]
    proc = kg("query", *source, "CONSTRUCT { ?e kg:mentionedIn ?d } WHERE { ?e kg:mentionedIn ?d } LIMIT 2")
    assert proc.returncode == 0, proc.stderr
    assert "@prefix kg: <" in proc.stdout and " kg:mentionedIn doc:" in proc.stdout, proc.stdout
    assert "ns1:" not in proc.stdout


@pytest.mark.parametrize("text, where", [
    ("SELEC ?x WHERE { ?x ?p ?o }", "line 1, column 1"),
    ("SELECT ?x\nWHERE { ?x ?p }", "line 2, column 9"),
    ("PREFIX ex: <http://example.org/>\nSELECT ?x WHERE ?x ex:p ?o", "line 2, column 17"),
])
def test_a_misspelt_query_reports_where_its_syntax_error_is(built, text, where):
    proc = kg("query", "--store", built / "store", text)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: SPARQL syntax error at {where}"), lines


@pytest.mark.parametrize("text, word", [("SELEC ?x WHERE { ?x ?p ?o }", "SELEC"),
                                        ("PREFIX ex: <http://example.org/>\nSLECT * WHERE { ?s ex:p ?o }", "SLECT")])
def test_a_misspelt_query_form_is_named(built, text, word):
    proc = kg("query", "--store", built / "store", text)
    assert proc.returncode == 1
    assert proc.stderr.rstrip("\n").endswith(
        f"expected a query form (SELECT, CONSTRUCT, ASK or DESCRIBE), got {word!r}"), proc.stderr


def test_a_mistyped_query_name_lists_the_shipped_queries(built):
    proc = kg("query", "--store", built / "store", "aliasez")
    assert proc.returncode == 1
    assert "'aliasez' is neither SPARQL, a .rq file, nor a shipped query (aliases, " in proc.stderr
