"""One node per real-world entity, never two entities in one node, across articles (invented articles built
together with the real pipeline): agencies of a district name several cities share, titles and zones that name
nothing without their article, people of one name, and a county-level city's mayor."""
import pytest
from rdflib import Graph

from kg.pipeline import build

ARTICLES = {
    # two cities' 鼓楼区 (a name the divisions gazetteer gives to several districts)
    "gulou_a.md": "---\ntitle: 南京市鼓楼区推进老旧小区改造\ndate: 2026-11-02\n---\n"
                  "南京市鼓楼区今年计划改造老旧小区42个。鼓楼区区长沈青川介绍，鼓楼区已完成投资3.2亿元。\n\n"
                  "鼓楼区住房和城乡建设局副局长柏安宁说，改造工作将于年底完成。此外，高新区今年引进企业63家。\n",
    "gulou_b.md": "---\ntitle: 福州市鼓楼区举办招商推介会\ndate: 2026-11-03\n---\n"
                  "福州市鼓楼区举办招商推介会，现场签约项目16个。鼓楼区区长钱牧远表示，鼓楼区将重点发展数字经济。\n\n"
                  "鼓楼区住房和城乡建设局局长祝明泉说，全区保障性住房建设进展顺利。高新区今年引进企业85家。\n",
    # generic titles in two articles; a full title in both
    "init_a.md": "---\ntitle: 湖州市出台促消费措施\ndate: 2026-11-01\n---\n"
                 "湖州市商务局日前印发《若干措施》，提出12条举措促进消费。市商务局局长邵文静表示，《实施方案》将于12月起实施，"
                 "“十四五”规划目标有望提前完成。《青澜湾区数字贸易促进条例》同日公布。\n",
    "init_b.md": "---\ntitle: 嘉兴市出台稳外贸措施\ndate: 2026-11-02\n---\n"
                 "嘉兴市商务局日前印发《若干措施》，提出10条举措稳外贸。市商务局局长范立言表示，《实施方案》将于明年起实施，"
                 "“十四五”规划目标有望提前完成。《青澜湾区数字贸易促进条例》同日公布。\n",
    # a county-level city's and an unlisted city's own government named by the article, then 市长, 市委
    "county.md": "---\ntitle: 义乌市召开常务会议\ndate: 2026-11-01\n---\n"
                 "义乌市人民政府召开常务会议，市长柯远舟主持会议，副市长邵静怡出席。市委书记何立群要求市政府各部门抓好落实。\n",
    "unlisted.md": "---\ntitle: 青澜市召开常务会议\ndate: 2026-11-05\n---\n"
                   "青澜市人民政府召开常务会议，市长罗启航主持会议。市委书记贺云舒要求市政府各部门抓好落实。\n",
    # an article about 金华市 (its home) whose sentence names 义乌市's government before 市长
    "home_city.md": "---\ntitle: 金华市推进县域经济发展\ndate: 2026-11-01\n---\n"
                    "金华市今年县域经济增长较快。金华市各县市区加快项目建设。\n\n"
                    "义乌市人民政府召开常务会议，市长钟远航主持会议。金华市市长蒋方圆在调研时表示，要抓好落实。\n",
    # one name, one person with posts in one place (湖州市's government and party committee) in two articles, and
    # two people (a vice-mayor of 湖州市, a company's chairman)
    "person_a.md": "---\ntitle: 湖州市召开全市经济工作会议\ndate: 2026-11-10\n---\n"
                   "湖州市委副书记、市长柯望舒主持会议。副市长刘建华通报了全市重大项目推进情况。\n",
    "person_b.md": "---\ntitle: 湖州市召开民营企业座谈会\ndate: 2026-11-12\n---\n"
                   "湖州市市长柯望舒出席座谈会并讲话。嘉兴华通电子科技有限公司董事长刘建华在座谈会上发言。\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("identity")
    (root / "in").mkdir()
    for name, text in ARTICLES.items():
        (root / "in" / name).write_text(text, encoding="utf-8")
    build([root / "in"], root / "out", html=False)
    return root / "out" / "graph.ttl"


@pytest.fixture(scope="module")
def graph(built):
    return Graph().parse(built)


PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX kg: <https://example.org/kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def nodes(graph, label):
    """node → the documents that mention it, for every entity labelled ``label``."""
    out: dict[str, set[str]] = {}
    for node, doc in graph.query(PREFIXES + "SELECT ?n ?d WHERE { ?n rdfs:label ?l ; kg:mentionedIn ?d "
                                 "FILTER(STR(?l) = ?want) }", initBindings={"want": _lit(label)}):
        out.setdefault(str(node), set()).add(str(doc))
    return out


def _lit(text):
    from rdflib import Literal
    return Literal(text)


def holders(graph, node):
    """The labels of the people holding a post in ``node``."""
    return {str(p) for (p,) in graph.query(PREFIXES + "SELECT ?l WHERE { ?st rdf:subject ?p ; rdf:predicate kg:holdsPostIn ;"
                                           " rdf:object ?o . ?p rdfs:label ?l }", initBindings={"o": _iri(node)})}


def _iri(text):
    from rdflib import URIRef
    return URIRef(text)


def test_agencies_of_a_shared_district_name_are_one_per_district(graph):
    for label in ("鼓楼区", "鼓楼区人民政府", "鼓楼区住房和城乡建设局"):
        found = nodes(graph, label)
        assert len(found) == 2 and all(len(docs) == 1 for docs in found.values()), (label, found)
    governments = nodes(graph, "鼓楼区人民政府")
    assert sorted(sorted(holders(graph, n)) for n in governments) == [["沈青川"], ["钱牧远"]]


@pytest.mark.parametrize("label", ["若干措施", "实施方案", "“十四五”规划", "高新区"])
def test_generic_titles_and_zones_are_one_node_per_article(graph, label):
    found = nodes(graph, label)
    assert len(found) == 2 and all(len(docs) == 1 for docs in found.values()), found


def test_a_full_title_is_one_node_across_articles(graph):
    found = nodes(graph, "青澜湾区数字贸易促进条例")
    assert len(found) == 1 and len(next(iter(found.values()))) == 2, found


def posts(graph):
    """(person, post title, body) of every post."""
    return {(str(p), str(t), str(o)) for p, t, o in graph.query(PREFIXES + """SELECT ?p ?t ?o WHERE {
        ?m org:member/rdfs:label ?p ; org:organization/rdfs:label ?o ; kg:postTitle ?t }""")}


def test_a_mayor_holds_his_post_in_the_government_the_article_names(graph):
    found = posts(graph)
    assert ("柯远舟", "市长", "义乌市人民政府") in found and ("邵静怡", "副市长", "义乌市人民政府") in found
    assert ("何立群", "书记", "中共义乌市委员会") in found
    assert ("罗启航", "市长", "青澜市人民政府") in found and ("贺云舒", "书记", "中共青澜市委员会") in found
    assert not nodes(graph, "市政府") and not nodes(graph, "市委")
    assert ("钟远航", "市长", "义乌市人民政府") in found and ("蒋方圆", "市长", "金华市人民政府") in found


def test_one_name_is_one_person_only_with_posts_in_one_place_or_body(graph):
    same = nodes(graph, "柯望舒")
    assert len(same) == 1 and len(next(iter(same.values()))) == 2, same  # 市长 and 市委副书记 of 湖州市 in two articles
    two = nodes(graph, "刘建华")
    assert len(two) == 2 and all(len(docs) == 1 for docs in two.values()), two
    assert {("刘建华", "副市长", "湖州市人民政府"), ("刘建华", "董事长", "嘉兴华通电子科技有限公司")} <= posts(graph)


def test_query_and_viz_tell_two_people_of_one_name_apart_by_iri(built, graph, tmp_path):
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    facts = runner.invoke(app, ["query", str(built), "facts_about", "--bind", "name=刘建华", "-f", "json"])
    assert facts.exit_code == 0, facts.stderr
    by_entity = {}
    for row in json.loads(facts.stdout):
        by_entity.setdefault(row["entity"], set()).add(row["object"])
    assert sorted(by_entity.values(), key=sorted) == [{"嘉兴华通电子科技有限公司"}, {"湖州市人民政府"}]
    assert set(by_entity) == set(nodes(graph, "刘建华"))
    out = tmp_path / "f.html"
    named = runner.invoke(app, ["viz", str(built), "--focus", "刘建华", "--out", str(out)])
    assert named.exit_code == 1 and not out.exists()
    assert all(iri in named.stderr for iri in by_entity) and "IRI" in named.stderr, named.stderr
    for iri in by_entity:
        picked = runner.invoke(app, ["viz", str(built), "--focus", iri, "--out", str(out)])
        assert picked.exit_code == 0 and out.exists(), picked.stderr
