"""What no name looks like (kg.nlp.components.trained_ner.Fragments, names.yml ner:): invented names."""
from __future__ import annotations

import pytest

from kg.nlp.components.trained_ner import Fragments
from kg.training.ner import NerInput


@pytest.fixture(scope="module")
def fragments():
    return Fragments.load()


@pytest.mark.parametrize("piece", ["江北省工业和", "青岭科技集团所属", "白沙港务及", "18家企业", "十一个项目",
                                   "青岭)集团有限公司", "远丰（中国", "十四五”青岭数字化转型的三大工程"])
def test_pieces_of_text_are_fragments(fragments, piece):
    assert fragments.is_fragment(piece)


@pytest.mark.parametrize("name", ["江北省工业和信息化厅", "太和", "平和县", "一号工程", "远丰（中国）有限公司",
                                  "万家乐", "QX航空航天", "“青岭智造”行动", "《青岭规划》实施方案"])
def test_names_are_not_fragments(fragments, name):
    assert not fragments.is_fragment(name)


def test_a_lead_verb_is_cut_off_a_span_and_a_name_word_is_not(fragments):
    text = "加快推进青岭综合管廊工程"
    words = ((0, 2, "v"), (2, 4, "v"), (4, 6, "LOC"), (6, 10, "n"), (10, 12, "n"))
    assert fragments.lead_end(NerInput(text, words), 0, len(text)) == 4
    assert fragments.lead_end(NerInput(text, words), 4, len(text)) == 4
    # a lead word LAC reads as part of a name (a place) stays
    text = "将乐县文旅项目"
    assert fragments.lead_end(NerInput(text, ((0, 3, "LOC"), (3, 5, "n"), (5, 7, "n"))), 0, len(text)) == 0
    # never cut down to less than two characters
    assert fragments.lead_end(NerInput("推进园区", ((0, 2, "v"), (2, 4, "n"))), 0, 4) == 2
    assert fragments.lead_end(NerInput("推进园", ((0, 2, "v"), (2, 3, "n"))), 0, 3) == 0


def test_an_organisation_or_project_is_not_a_post_or_a_single_character(fragments):
    assert fragments.is_fragment("陈青岭书记", "ENTERPRISE") and fragments.is_fragment("城", "ENTERPRISE")
    assert fragments.is_fragment("上述重点项目", "INITIATIVE")
    assert not fragments.is_fragment("陈青岭", "PERSON") and not fragments.is_fragment("青岭市", "DISTRICT")
    assert not fragments.is_fragment("青岭市人民政府", "AGENCY") and not fragments.is_fragment("沪", "DISTRICT")


def test_a_category_of_projects_is_not_a_project_and_a_trailing_action_word_is_cut(fragments):
    assert fragments.is_fragment("数字文旅重大项目", "INITIATIVE") and fragments.is_fragment("新材料领域项目", "INITIATIVE")
    assert not fragments.is_fragment("青岭精细化工产业园项目", "INITIATIVE")
    assert fragments.trail_start("青岭白沙科创走廊建设", "INITIATIVE") == len("青岭白沙科创走廊")
    assert fragments.trail_start("智慧城市建设", "INITIATIVE") == 4
    assert fragments.trail_start("园区建设", "INITIATIVE") == 4  # too short to cut: left whole
    assert fragments.trail_start("青岭白沙科创走廊建设", "DISTRICT") == len("青岭白沙科创走廊建设")


def test_a_place_s_government_is_trusted_by_its_pattern_and_a_kind_of_place_s_is_not(fragments):
    assert fragments.trusted_government.match("青岭镇人民政府") and fragments.trusted_government.match("宁州市人民政府")
    assert not fragments.trusted_government.match("自治县人民政府")
    assert not fragments.trusted_government.match("各区人民政府") and not fragments.trusted_government.match("市人民政府")


def test_a_project_starts_after_the_verb_inside_it_and_is_none_when_it_ends_in_one(fragments):
    text = "宁州还要和安平共同打造青岭数字科创平台"
    words = ((0, 2, "LOC"), (2, 4, "v"), (4, 5, "p"), (5, 7, "LOC"), (7, 9, "ad"), (9, 11, "v"), (11, 19, "nz"))
    item = NerInput(text, words)
    assert fragments.verb_bounds(item, 5, len(text), "INITIATIVE") == (11, len(text))
    # no verb inside: unchanged; another label: unchanged
    assert fragments.verb_bounds(item, 11, len(text), "INITIATIVE") == (11, len(text))
    assert fragments.verb_bounds(item, 5, len(text), "DISTRICT") == (5, len(text))
    # a company followed by the verbs 计划投资 is no project; a strategy ending in a verb is one
    text = "青岭科技集团有限公司计划投资"
    item = NerInput(text, ((0, 10, "ORG"), (10, 12, "v"), (12, 14, "v")))
    assert fragments.verb_bounds(item, 0, 12, "INITIATIVE") is None
    text = "推动青白协同发展，"
    item = NerInput(text, ((0, 2, "v"), (2, 4, "LOC"), (4, 6, "vd"), (6, 8, "v"), (8, 9, "w")))
    assert fragments.verb_bounds(item, 2, 8, "INITIATIVE") == (2, 8)
    # a one-character verb (改 of 改扩建) and a cut leaving too little are not cuts
    text = "白沙冶炼厂改扩建项目"
    item = NerInput(text, ((0, 5, "nz"), (5, 6, "v"), (6, 8, "v"), (8, 10, "n")))
    assert fragments.verb_bounds(item, 0, len(text), "INITIATIVE") == (0, len(text))
    text = "青岭实验室为主平台"
    item = NerInput(text, ((0, 5, "nz"), (5, 7, "v"), (7, 9, "n")))
    assert fragments.verb_bounds(item, 0, len(text), "INITIATIVE") == (0, len(text))
    # a verb of the name itself (not a lead verb: 运行, 流动) stays inside it
    text = "青岭城市运行数字体征系统"
    item = NerInput(text, ((0, 2, "LOC"), (2, 4, "n"), (4, 6, "v"), (6, 12, "n")))
    assert fragments.verb_bounds(item, 0, len(text), "INITIATIVE") == (0, len(text))


def test_division_levels_a_subsidiary_marker_and_其中_make_no_name(fragments):
    assert fragments.is_fragment("区地县", "DISTRICT") and fragments.is_fragment("地州市", "DISTRICT")
    assert not fragments.is_fragment("青岭县", "DISTRICT") and not fragments.is_fragment("市", "DISTRICT")
    assert fragments.is_fragment("其中高新区", "DISTRICT")
    assert fragments.is_fragment("青岭科技下属", "ENTERPRISE") and fragments.is_fragment("白沙集团旗下", "ENTERPRISE")
