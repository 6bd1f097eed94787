"""Lines and works named by their two ends (names.yml ``routes``, kg_name_patterns' rule ``route``, kept by the
trained model's arbitration) and a project's phase with no named project before it (names.yml ``phase_word``):
invented names (real provinces only where the lexicon's places are the point)."""
from __future__ import annotations

import pytest

from ..conftest import process


def rule_candidates(nlp, text: str, *rules: str) -> list[str]:
    from kg.nlp.spans import candidates

    doc, _ = process(nlp, text)
    return [c.text for c in candidates(doc) if c.kb_id_ in rules]


@pytest.mark.parametrize("text, name", [
    ("闻讯而动，江西青岭至湖南白沙高速公路受制于用地瓶颈。", "江西青岭至湖南白沙高速公路"),
    ("每年有百亿千瓦时绿电通过宁州—云溪±800千伏特高压工程送出。", "宁州—云溪±800千伏特高压工程"),
    ("我们将推进宁州至白沙高速公路改扩建工程。", "宁州至白沙高速公路改扩建工程"),
    ("今年，云溪到青岭城际铁路开工建设。", "云溪到青岭城际铁路"),
    ("宁州至白沙天然气管道全线贯通。", "宁州至白沙天然气管道"),
])
def test_a_route_is_named_by_both_its_ends(rules_nlp, text, name):
    """「甲至乙<kind>」「甲省乙至丙省丁<kind>」: both ends (with a province before each), a capacity before the kind and
    a work after it (改扩建工程) are one name."""
    assert name in rule_candidates(rules_nlp, text, "route")


def test_a_province_before_the_first_end_alone_lies_outside_the_route_s_name(rules_nlp):
    """「湖北|宁州至白沙高铁」: the province is where the line lies, not part of its name."""
    assert rule_candidates(rules_nlp, "假期前夕，湖北宁州至白沙高铁开通运营。", "route") == ["宁州至白沙高铁"]


@pytest.mark.parametrize("text", [
    "2021年至2025年，全县新建铁路100公里。",
    "从宁州至白沙高速公路全线封闭。",
    "截至目前铁路里程已超百公里。",
    "从宁州至白沙的铁路全长百公里。",
])
def test_no_route_across_a_range_or_a_date(rules_nlp, text):
    assert rule_candidates(rules_nlp, text, "route") == []


def test_the_model_keeps_a_route_whose_end_it_reads_as_a_person(nlp):
    """The CRF reads an end it does not know as a person (「某某(PER)至白沙一级公路」) and takes a province before the
    first end into the name; the route's candidate stands (``keep_rules``)."""
    doc, _ = process(nlp, "阿尔善至白沙一级公路通车。假期前夕，湖北宁州至白沙高铁开通运营。")
    names = [(e.text, e.label_) for e in doc.ents]
    assert ("阿尔善至白沙一级公路", "INITIATIVE") in names and ("宁州至白沙高铁", "INITIATIVE") in names
    assert ("阿尔善", "PERSON") not in names


@pytest.mark.parametrize("text", ["现在二期项目主体工程施工完毕，进入收尾阶段。",
                                  "如今，驱车驶过一期工程的核心，一排排光伏板整齐排列。"])
def test_a_phase_of_no_named_project_is_no_name(rules_nlp, text):
    assert rule_candidates(rules_nlp, text, "initiative_suffix") == []


def test_a_named_project_s_phase_is_part_of_its_name(rules_nlp):
    assert "宁州智慧养殖基地一期工程" in rule_candidates(rules_nlp, "村民开始建设宁州智慧养殖基地一期工程。",
                                                    "initiative_suffix")


def test_a_count_of_units_of_a_capacity_is_part_of_a_project_s_name(rules_nlp):
    """「某电|2×100万千瓦|煤电项目」: the count, × and the capacity are one capacity inside the name, not a number that
    ends the clause before it."""
    assert "宁电2×100万千瓦煤电项目" in rule_candidates(rules_nlp, "为新能源基地配套的宁电2×100万千瓦煤电项目忙碌不停。",
                                                  "initiative_suffix")
