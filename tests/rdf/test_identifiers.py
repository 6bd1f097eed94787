"""Identifiers that join kg's graph with other data: division codes, stock codes, credit codes."""
from kg.config import Settings
from kg.pipeline import build
from kg.rdf.query import resolve_query, run_store_query

ARTICLE = """---
title: 宁州两家企业上市
date: 2024-05-06
---
<p>5月6日，远航智能科技股份有限公司（股票代码：688001）在上海证券交易所科创板上市。宁州港务集团有限公司（统一社会信用代码：91350100M000100Y43）同日发布公告。鼎新软件有限公司(300999.SZ)发布年报。华海物流有限公司（统一社会信用代码：91350100M000100Y44）也发布公告。</p>
<p>浦东新区与嘉定区签署合作协议。</p>
"""


def test_stated_codes_and_division_codes_are_in_the_graph_and_conform(tmp_path):
    from kg.rdf.validate import validate

    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = build([tmp_path / "a.md"], None, Settings(), html=False)
    with result.reading() as st:
        rows = run_store_query(st, resolve_query("identifiers")).rows
    found = {(r[0], r[2], r[3]) for r in rows}
    assert found == {("远航智能科技股份有限公司", "stockCode", "688001.SH"),
                     ("鼎新软件有限公司", "stockCode", "300999.SZ"),
                     ("宁州港务集团有限公司", "creditCode", "91350100M000100Y43"),  # the check character is right
                     ("浦东新区", "divisionCode", "310115"), ("嘉定区", "divisionCode", "310114")}
    assert all(r[4] for r in rows if r[2] != "divisionCode")  # a stated code has its sentence
    graph = result.graph
    assert (None, None, __import__("rdflib").URIRef("urn:gb2260:310115")) in graph  # an IRI other data can mint
    assert validate(graph).conforms
