"""News outlets: a paper and its website are two outlets (人民日报 and 人民网, 中新社 and 中新网)."""
from rdflib import Graph

from kg.pipeline import build


def test_a_paper_and_its_news_website_are_two_outlets(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text("---\ntitle: 宁州新闻\n---\n据人民网报道，《人民日报》刊发评论文章。"
                                          "中新网消息，中新社记者从宁州获悉。\n", encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "out", html=False)
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    outlets = {str(label) for (label,) in graph.query("""
        PREFIX kg: <https://example.org/kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { ?o a kg:MediaOutlet ; rdfs:label ?label }""")}
    assert outlets == {"人民日报", "人民网", "中国新闻社", "中国新闻网"}
