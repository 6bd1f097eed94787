"""Lines and works named by their two ends (names.yml ``routes``, kg_name_patterns' rule ``route``, kept by the
trained model's arbitration), a project's phase with no named project before it (names.yml ``phase_word``) and a
count of units of one capacity (``project_capacity_times``): invented names (real provinces only where the lexicon's
places are the point)."""
from __future__ import annotations

import pytest

from ..conftest import process


def rule_candidates(nlp, text: str, *rules: str) -> list[str]:
    from kg.nlp.spans import candidates

    doc, _ = process(nlp, text)
    return [c.text for c in candidates(doc) if c.kb_id_ in rules]


@pytest.mark.parametrize("text, name", [
    ("据悉，江西青岭至湖南白沙高速公路建设用地已获批复。", "江西青岭至湖南白沙高速公路"),
    ("云溪—宁州±800千伏特高压工程年内投运，可输送清洁电力。", "云溪—宁州±800千伏特高压工程"),
    ("省里今年将加快宁州至白沙高速公路改扩建工程。", "宁州至白沙高速公路改扩建工程"),
    ("目前，云溪到青岭城际铁路已完成招标。", "云溪到青岭城际铁路"),
    ("宁州至白沙天然气管道本月投产。", "宁州至白沙天然气管道"),
])
def test_a_route_is_named_by_both_its_ends(rules_nlp, text, name):
    """「甲至乙<kind>」「甲省乙至丙省丁<kind>」: both ends (with a province before each), a capacity before the kind and
    a work after it (改扩建工程) are one name."""
    assert name in rule_candidates(rules_nlp, text, "route")


def test_a_province_before_the_first_end_alone_lies_outside_the_route_s_name(rules_nlp):
    """「湖北|宁州至白沙高铁」: the province is where the line lies, not part of its name."""
    assert rule_candidates(rules_nlp, "经省政府批准，湖北宁州至白沙高铁年底建成。", "route") == ["宁州至白沙高铁"]


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
    doc, _ = process(nlp, "阿尔善至白沙一级公路通车。经省政府批准，湖北宁州至白沙高铁年底建成。")
    names = [(e.text, e.label_) for e in doc.ents]
    assert ("阿尔善至白沙一级公路", "INITIATIVE") in names and ("宁州至白沙高铁", "INITIATIVE") in names
    assert ("阿尔善", "PERSON") not in names


@pytest.mark.parametrize("text", ["目前，二期项目配套工程进展顺利。", "车辆穿过二期工程的中心，来到远处的厂房。"])
def test_a_phase_of_no_named_project_is_no_name(rules_nlp, text):
    assert rule_candidates(rules_nlp, text, "initiative_suffix") == []


def test_a_named_project_s_phase_is_part_of_its_name(rules_nlp):
    assert "宁州智慧养殖基地一期工程" in rule_candidates(rules_nlp, "村民开始建设宁州智慧养殖基地一期工程。",
                                                    "initiative_suffix")


def test_a_count_of_units_of_a_capacity_is_part_of_a_project_s_name(rules_nlp):
    """「某电厂|2×66万千瓦|煤电项目」: the count, × and the capacity are one capacity inside the name, not a number that
    ends the clause before it."""
    assert "宁州电厂2×66万千瓦煤电项目" in rule_candidates(rules_nlp, "今年，宁州电厂2×66万千瓦煤电项目开工。",
                                                   "initiative_suffix")


@pytest.mark.parametrize("text, name", [
    ("省里提出建设环云溪山—青岭山县镇村高质量发展引领区，推动城乡融合。", "环云溪山—青岭山县镇村高质量发展引领区"),
])
def test_a_zone_named_by_two_places_joined_by_a_dash_is_one_name(nlp, text, name):
    """「环甲山—乙山…引领区」: the first place and the dash belong to the zone's name (``ends_joiners``)."""
    doc, _ = process(nlp, text)
    assert (name, "DISTRICT") in [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("text, kind", [
    ("宁州市把数字经济作为“头号工程”，持续推进。", "头号工程"),
    ("宁州市把数字经济作为头号工程，积极参与国际大科学计划，将国家计划落到实处。", "国际大科学计划"),
])
def test_a_rank_or_level_and_a_programme_s_kind_is_no_name(nlp, text, kind):
    """「头号工程」「国家计划」: a kind of programme, no Initiative (ner.generic_initiative, quoted reject_patterns)."""
    doc, _ = process(nlp, text)
    assert kind not in [e.text for e in doc.ents]


@pytest.mark.parametrize("text, name", [
    ("宁州市代表团在十五届全国人大二次会议期间提出建议。", "十五届全国人大二次会议"),
    ("十五届全国人大常委会第八次会议表决通过了该法。", "十五届全国人大常委会第八次会议"),
])
def test_a_body_s_term_before_it_belongs_to_its_session_s_name(nlp, text, name):
    """「十五届|全国人大|二次会议」: the term before the body is part of the session's name, and with it the session's
    number needs no 第 (names.yml derived ``meeting_term``, ``meeting_short``)."""
    doc, _ = process(nlp, text)
    assert (name, "INITIATIVE") in [(e.text, e.label_) for e in doc.ents]


def test_an_event_s_year_written_before_it_opens_its_name(rules_nlp):
    """「2026年|宁州赛艇公开赛」: the year before an event belongs to its name (names.yml ``year_before``)."""
    assert rule_candidates(rules_nlp, "在云溪县，2026年宁州赛艇公开赛举行，吸引众多游客。", "meeting_suffix") \
        == ["2026年宁州赛艇公开赛"]


@pytest.mark.parametrize("text, name", [
    ("中国（宁州）自由贸易试验区云溪片区今年新设企业3000家。", "中国（宁州）自由贸易试验区云溪片区"),
    ("以中国（宁州）自贸试验区生物医药全产业链开放创新为重点。", "中国（宁州）自贸试验区"),
])
def test_a_free_trade_zone_named_with_its_province_in_brackets_is_one_district(nlp, text, name):
    """「中国（某省）自由贸易试验区[某某片区]」: one zone (names.yml ``bracketed_zone``, kept by the model)."""
    doc, _ = process(nlp, text)
    assert (name, "DISTRICT") in [(e.text, e.label_) for e in doc.ents]


def test_a_free_trade_zone_lies_in_the_province_in_its_brackets(nlp):
    """「中国（江西）自由贸易试验区」 in an article naming 江西 on its own: in 江西省 (relations' bracket place)."""
    doc, _ = process(nlp, "江西省将推进中国（江西）自由贸易试验区建设，重点推介各地资源禀赋。")
    assert ("中国（江西）自由贸易试验区", "locatedIn", "江西") in \
        [(r["s"][3], r["p"], r["o"][3]) for r in doc._.kg_relations]
