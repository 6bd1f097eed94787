"""One node per real-world entity in a built graph: a place and a company named by their short forms later in the
article (invented names)."""
from rdflib import Graph

from kg.pipeline import build

ARTICLE = ("---\ntitle: 云溪县召开推进会\n---\n"
           "3月5日，云溪县召开优化营商环境推进会。近年来，云溪坚持产业立县，云溪大道沿线新增企业120家。\n"
           "青禾新材料科技股份有限公司董事长李明远表示，青禾科技将在云溪追加投资，宁波市东岭五金有限公司也将扩产，"
           "东岭公司负责人说。\n")


def test_short_forms_of_a_place_and_of_companies_are_aliases_of_one_node(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(ARTICLE, encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "out", html=False)
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    nodes: dict[str, set[str]] = {}
    for node, kind, label in graph.query("""
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX kg: <https://example.org/kg/ontology#>
            SELECT ?n ?t ?l WHERE { VALUES ?t { kg:District kg:Enterprise } ?n a ?t ; rdfs:label|skos:altLabel ?l }"""):
        nodes.setdefault(str(node), set()).add(str(label))
    holding = lambda name: [labels for labels in nodes.values() if name in labels]  # noqa: E731
    assert holding("云溪") == [{"云溪县", "云溪"}]  # not a 云溪区 of its own, nor in 云溪大道's node
    assert holding("青禾科技") == [{"青禾新材料科技股份有限公司", "青禾科技"}]
    assert holding("东岭公司") == [{"宁波市东岭五金有限公司", "东岭公司"}]


def test_a_province_written_by_its_abbreviation_is_the_province(tmp_path):
    """「在沪发展」: 沪 alone is 上海市 (the province's one-character abbreviation), not a place node of its own."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(
        "---\ntitle: 远航科技扩大投资\n---\n宁州远航科技有限公司在沪设立研发中心。公司负责人表示，将继续支持企业在沪发展，"
        "并与上海市有关部门深化合作。\n", encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "out", html=False)
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    places = {}
    for node, label in graph.query("""
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX kg: <https://example.org/kg/ontology#>
            SELECT ?n ?l WHERE { ?n a kg:District ; rdfs:label|skos:altLabel|kg:nameInDocument ?l }"""):
        places.setdefault(str(node), set()).add(str(label))
    assert [labels for labels in places.values() if "沪" in labels] == [{"上海市", "沪"}]
