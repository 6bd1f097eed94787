"""Programmes named by their content (「某某流通改革试点」「某某高质量发展三年行动」): the suffix rule proposes a pilot whose
name 试点 ends, and a span the model reads as such a programme needs ``programme_threshold``, not the initiatives'
new-span threshold: invented names."""
from __future__ import annotations

import pytest

from kg.nlp.components.trained_ner import DEFAULT_NEW_THRESHOLDS, DEFAULT_PROGRAMME_THRESHOLD, Fragments

from ..conftest import process


@pytest.fixture(scope="module")
def fragments():
    return Fragments.load()


def rule_candidates(nlp, text: str, rule: str) -> list[str]:
    from kg.nlp.spans import candidates

    doc, _ = process(nlp, text)
    return [c.text for c in candidates(doc) if c.kb_id_ == rule]


def test_a_pilot_is_proposed_where_试点_ends_its_name(rules_nlp):
    """「开展|青岭茶叶流通改革试点，」: a pilot named by its content; 「某某试点|工作」「某某试点|批复」「某某试点、示范项目」
    (试点 modifies what follows) and 「企业中|试点推行」 (试点 a verb) name none."""
    text = ("白沙县开展青岭茶叶流通改革试点，宁州推进云溪数据要素综合试点工作，宁州局向远航集团发放白沙茶园认证试点批复，"
            "宁州机械集团在下属生产企业中试点推行新制度，宁州将在云溪智能农机新业务试点、示范项目中给予支持。")
    found = rule_candidates(rules_nlp, text, "initiative_suffix")
    assert any(name.endswith("青岭茶叶流通改革试点") for name in found)
    assert not any(name.endswith("试点") and name != "青岭茶叶流通改革试点" for name in found), found


def test_a_place_that_becomes_or_is_granted_a_pilot_is_no_part_of_its_name(rules_nlp):
    """「宁州市获批|某某试点」「云溪县作为|某某试点」「白沙县成为|某某项目」: the verb ends the clause before the name."""
    text = "宁州市获批青岭综合改革试点，云溪县作为全省数字乡村试点，率先探索。白沙县成为全国茶叶流通改革项目，进展顺利。"
    found = rule_candidates(rules_nlp, text, "initiative_suffix")
    assert "全省数字乡村试点" in found and "全国茶叶流通改革项目" in found, found
    assert not any(verb in name for name in found for verb in ("获批", "作为", "成为")), found


@pytest.mark.parametrize("name", ["青岭茶叶流通改革试点", "白沙县山区康养服务试点", "宁州茶产业提质增效三年行动",
                                  "云溪农机核心部件突破工程", "支持白沙茶企上市15条措施",
                                  "远航集团二期扩建项目"])
def test_a_programme_named_by_its_content_needs_the_programme_threshold(fragments, name):
    assert fragments.programme_name.search(name) is not None


@pytest.mark.parametrize("name", ["三年行动", "青岭试点", "居住区“青岭”模式试点", "白沙老街改造、云溪河修复工程",
                                  "青岭茶叶流通改革试点方案", "宁州智慧物流平台"])
def test_a_kind_alone_a_quotation_or_a_list_is_no_programme_named_by_its_content(fragments, name):
    assert fragments.programme_name.search(name) is None


def test_the_model_s_programme_needs_less_than_its_other_new_initiatives(nlp):
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    assert DEFAULT_PROGRAMME_THRESHOLD < DEFAULT_NEW_THRESHOLDS["INITIATIVE"]
    assert ner._new_needed("青岭茶叶流通改革试点", "INITIATIVE") == DEFAULT_PROGRAMME_THRESHOLD
    assert ner._new_needed("青岭茶叶流通", "INITIATIVE") == DEFAULT_NEW_THRESHOLDS["INITIATIVE"]
    assert ner._new_needed("青岭茶叶流通改革试点", "ENTERPRISE") == ner.new_threshold
    off = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"), programme_threshold=1.01)
    assert off._new_needed("青岭茶叶流通改革试点", "INITIATIVE") == DEFAULT_NEW_THRESHOLDS["INITIATIVE"]


def test_a_programme_whose_name_opens_with_a_verb_keeps_it_when_trimming_leaves_too_little(rules_nlp):
    """「启动|防止撂荒攻坚行动」: dropping every verb before the ending leaves 「攻坚」, too short for a name, so only the
    clause's lead word goes; 「实施|茶农增收能力保障支持行动」: a lead word after another verb right before the ending
    belongs to the name; 「研发团队开展|工程设计」 (a lead word after a noun) and 「启动|白沙茶叶品牌提升行动」 stay as they were."""
    text = ("云溪县启动防止撂荒攻坚行动，宁州市实施茶农增收能力保障支持行动，宁州研发团队开展工程设计，"
            "云溪县启动白沙茶叶品牌提升行动。")
    found = rule_candidates(rules_nlp, text, "initiative_suffix")
    assert "防止撂荒攻坚行动" in found and "茶农增收能力保障支持行动" in found, found
    assert "白沙茶叶品牌提升行动" in found, found
    assert not any("启动" in name or "实施" in name or "开展" in name for name in found), found


def test_trim_left_keeps_a_name_s_opening_verbs_only_when_asked():
    from kg.language.segment import trim_left

    lead = frozenset({"启动", "支持", "开展"})
    assert trim_left("云溪县启动防止撂荒攻坚", lead) == len("云溪县启动防止撂荒")
    assert trim_left("云溪县启动防止撂荒攻坚", lead, 6) == len("云溪县启动")
    assert trim_left("研发团队开展", lead, 6) == len("研发团队开展")
    # 「放大|青岭茶园建设」: keeping the lead word that ends the name is enough, the verb before it still goes
    assert trim_left("放大青岭茶园建设", frozenset({"建设"}), 6) == len("放大")


def test_only_verbs_come_back_when_trimming_leaves_too_little():
    """「的推行|交通重大」 keeps its verb, 「的不少|交通重大」 drops its adverb; 「借助|智慧导览」: 借助 (by means of, like
    依托) is a lead word."""
    from kg.language.segment import trim_left

    assert trim_left("的推行交通重大", frozenset(), 6) == len("的")
    assert trim_left("的不少交通重大", frozenset(), 6) == len("的不少")
    assert trim_left("的不少推行交通重大", frozenset(), 6) == len("的不少")
    lead = frozenset(line.strip() for line in open("kg/language/data/lexicon/lead_words.txt", encoding="utf-8"))
    assert "借助" in lead


def test_a_programme_name_starts_at_an_organisation_not_inside_it(rules_nlp):
    """「推进|远航集团新能源基地建设工程」: jieba's verb 远航 inside the tagger's organisation starts no name (not
    「集团新能源基地建设工程」)."""
    doc = rules_nlp("宁州市推进远航集团新能源基地建设工程。")
    names = {s.text for key in doc.spans for s in doc.spans[key] if s.kb_id_ == "initiative_suffix"}
    assert "集团新能源基地建设工程" not in names and "远航集团新能源基地建设工程" in names
