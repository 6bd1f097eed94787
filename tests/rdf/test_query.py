import pytest

from kg.errors import QueryError
from kg.rdf.query import format_result, named_queries, resolve_query, run_query


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
