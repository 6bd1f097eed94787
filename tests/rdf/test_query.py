import pytest

from kg.errors import QueryError
from kg.rdf.query import format_result, named_queries, resolve_query, run_query, run_store_query


def test_shipped_queries_run_on_the_sample(sample_graph):
    assert set(named_queries()) >= {"who_holds_posts", "initiatives_by_agency", "enterprises_by_district",
                                    "entity_counts", "figures", "aliases", "relations"}
    needs_more = {"shared_entities": "two or more articles"}  # facts_about unbound: every fact
    for name in named_queries():
        result = run_query(sample_graph, resolve_query(name))
        assert bool(result.rows) != (name in needs_more), name


def test_formats(sample_graph):
    result = run_query(sample_graph, resolve_query("entity_counts"))
    csv_text = format_result(result, "csv")
    assert csv_text.splitlines()[0] == "type,entities"
    assert "Person,4" in csv_text.splitlines()
    import json

    assert {"type": "Person", "entities": "4"} in json.loads(format_result(result, "json"))
    assert format_result(result, "table").endswith("(6 rows)")


def test_bad_queries_raise_query_error(sample_graph):
    with pytest.raises(QueryError, match="neither SPARQL"):
        resolve_query("no_such_query")
    with pytest.raises(QueryError, match="SPARQL error"):
        run_query(sample_graph, "SELECT ?x WHERE { ?x ")


@pytest.fixture
def small_graph(tmp_path):
    """A graph file of two invented entities."""
    path = tmp_path / "small.ttl"
    path.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<http://x/a> rdfs:label "甲乙科技有限公司"@zh .\n<http://x/b> rdfs:label "丙丁集团"@zh .\n',
                    encoding="utf-8")
    return path


def _kg_query(*args) -> "subprocess.CompletedProcess":
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "kg", "query", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_kg_query_refuses_a_10000_term_filter_in_one_line(small_graph):
    proc = _kg_query(small_graph, "ASK { FILTER(" + "||".join(["1"] * 10_000) + ") }")
    assert proc.returncode == 1  # not -11 (SIGSEGV in the engine's parser)
    assert proc.stderr.splitlines() == ["kg: error: query refused: the query has 10000 terms (at most 2000): "
                                        "split it into smaller queries"]
    in_list = ",".join(f'"{i}"' for i in range(1500))
    proc = _kg_query(small_graph, f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(?o IN ({in_list})) }}")
    assert proc.returncode == 1 and "an IN list has 1500 items (at most 1000)" in proc.stderr


def test_a_syntax_error_says_where_in_the_users_text(small_graph):
    from kg.store.source import load_file

    with load_file(small_graph) as st:
        with pytest.raises(QueryError) as err:
            run_store_query(st, "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?x = ) }")
        assert str(err.value).startswith("SPARQL syntax error at line 3, column 3, near 'FILTER(?x = ) }': expected")
        with pytest.raises(QueryError) as err:
            run_store_query(st, "SELECT * WHERE { ?s ?p ?o } LIMT 5")
        assert str(err.value).startswith("SPARQL syntax error at line 1, column 29, near 'LIMT 5': expected")
        with pytest.raises(QueryError) as err:  # with a bound value inserted, positions stay the user's
            run_store_query(st, "PREFIX ex: <http://x/>\nSELECT ?s WHERE { ?s rdfs:label ?n ; foo:p ?o }", {"n": "丙丁集团"})
        assert str(err.value) == ("SPARQL syntax error at line 2, column 38, near 'foo:p ?o }': the prefix 'foo:' "
                                  "is not declared (add PREFIX …: <…>)")
    proc = _kg_query(small_graph, "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?x = ) }")
    assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 1 and "line 3, column 3" in proc.stderr


def test_bind_goes_into_the_real_where_group_not_a_comment_or_a_string(small_graph):
    from kg.rdf.query import with_values
    from kg.store.source import load_file

    query = ('SELECT ?s ?n WHERE { # not here: WHERE { ?n }\n'
             '  ?s rdfs:label ?n . FILTER(?n != "WHERE { ?n }") }')
    bound = with_values(query, {"n": "丙丁集团"})
    assert bound.splitlines()[0] == 'SELECT ?s ?n WHERE { VALUES ?n { "丙丁集团" "丙丁集团"@zh }  # not here: WHERE { ?n }'
    assert bound.splitlines()[1] == query.splitlines()[1]
    with load_file(small_graph) as st:
        assert run_store_query(st, query, {"n": "丙丁集团"}).rows == [["http://x/b", "丙丁集团"]]
    assert with_values("ASK { ?s ?p ?n }", {"n": "x"}) == 'ASK { VALUES ?n { "x" "x"@zh }  ?s ?p ?n }'
    assert with_values("SELECT * { { SELECT ?n WHERE { ?s ?p ?n } } }", {"n": "x"}) == \
        'SELECT * { VALUES ?n { "x" "x"@zh }  { SELECT ?n WHERE { ?s ?p ?n } } }'  # the query's group, not the subquery's
    assert with_values("CONSTRUCT { ?s ?p ?n } WHERE { ?s ?p ?n }", {"n": "x"}) == \
        'CONSTRUCT { ?s ?p ?n } WHERE { VALUES ?n { "x" "x"@zh }  ?s ?p ?n }'
    with pytest.raises(QueryError, match="no variable [?]m"):
        with_values("SELECT ?s WHERE { ?s ?p ?o } # ?m", {"m": "x"})  # a variable in a comment is none
