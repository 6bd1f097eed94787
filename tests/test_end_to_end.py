"""Build the bundled sample end to end and hold its score (the shared scorer's reading of the graph)."""
import json
from pathlib import Path

from kg.evaluate import evaluate

GOLD = Path(__file__).parent / "fixtures" / "gold" / "000_2d9d571b375b7b5b.json"


def test_sample_scores_do_not_slide_back(sample_graph):
    score = evaluate(sample_graph, json.loads(GOLD.read_text(encoding="utf-8")))
    assert score.entities["f1"] >= 0.95, score.errors
    assert score.relations["f1"] >= 0.90, score.errors
    assert score.figures["recall"] >= 0.90, score.errors


def test_who_holds_which_post_through_sparql(sample_graph):
    rows = sample_graph.query("""
        PREFIX kg: <https://example.org/kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?org WHERE {
          ?p rdfs:label "吴金城"@zh ; kg:holdsPostIn ?org .
          ?org rdfs:label "上海市经济和信息化委员会"@zh ; skos:altLabel "市经济信息化委"@zh .
        }""")
    assert len(list(rows)) == 1
    count = sample_graph.query("""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
          { ?n rdfs:label ?l } UNION { ?n skos:altLabel ?l }
          FILTER(STR(?l) IN ("市经济信息化委", "上海市经济和信息化委员会")) }""")
    assert int(list(count)[0][0]) == 1
