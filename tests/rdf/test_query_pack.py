"""Each shipped query answers its question on the sample graph."""
from kg.rdf.query import resolve_query, run_query


def rows(graph, query_name, **bindings):
    result = run_query(graph, resolve_query(query_name), bindings)
    return [dict(zip(result.columns, r)) for r in result.rows]


def test_who_holds_posts_with_the_source_sentence(sample_graph):
    posts = rows(sample_graph, "who_holds_posts")
    (post,) = [p for p in posts if p["person"] == "吴金城"]
    assert post["post"] == "主任" and post["organisation"] == "上海市经济和信息化委员会"
    assert post["sentence"].startswith("在今天（10月27日）举行的市政府新闻发布会上") and "市经济信息化委主任吴金城" in post["sentence"]
    assert {(p["person"], p["organisation"]) for p in posts} >= {("吴清", "上海市人民政府"), ("吴清", "中共上海市委员会")}


def test_initiatives_by_agency(sample_graph):
    pairs = {(r["agency"], r["initiative"]) for r in rows(sample_graph, "initiatives_by_agency")}
    assert ("上海市人民政府", "上海市公共数据开放暂行办法") in pairs
    assert {("上海市发展和改革委员会", "上海市促进城市数字化转型的若干政策措施"),
            ("上海市发展和改革委员会", "上海市促进城市数字化转型的若干政策举措")} & pairs  # both titles occur


def test_enterprises_by_district(sample_graph):
    found = {(r["district"], r["name"]) for r in rows(sample_graph, "enterprises_by_district")}
    assert ("张江数字生态园", "生物医药产业大数据平台") in found
    assert ("中国（上海）自由贸易试验区临港新片区", "临港数字孪生城") in found


def test_facts_about_one_entity_by_any_name(sample_graph):
    facts = rows(sample_graph, "facts_about", name="市经济信息化委")
    assert [(f["subject"], f["relation"]) for f in facts] == [("吴金城", "holdsPostIn")]


def test_figures_by_indicator_and_year(sample_graph):
    found = {(r["year"], r["indicator"], float(r["value"])) for r in rows(sample_graph, "figures_by_indicator")}
    assert ("2020", "上海大数据核心产业规模", 230000000000.0) in found


def test_questions_and_answers(sample_graph):
    qa = rows(sample_graph, "questions_and_answers")
    assert ("新华社", "吴清") in {(r["outlet"], r["speaker"]) for r in qa}


def test_shared_entities_across_two_articles(tmp_path):
    from kg.pipeline import build

    for name, body in (("a", "深圳市工业和信息化局印发通知。"), ("b", "深圳市工业和信息化局局长余锡坤出席。")):
        (tmp_path / f"{name}.txt").write_text(body, encoding="utf-8")
    graph = build([tmp_path], None).graph
    shared = rows(graph, "shared_entities")
    assert {"name": "深圳市工业和信息化局", "documents": "2"} in shared
