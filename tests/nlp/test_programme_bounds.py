"""Where a programme's or a company's name begins and ends: a kind that modifies the noun after it (「某某工程|合同」),
a verb that carries out, takes or signs a thing before the kind (「某单位完成|采购计划」), a discipline in an
institution's name (「某某工程|与某某中心」), a document's title right after the verb issuing it (「出台|支持…的若干措施」)
and a company's name the tagger cuts at a verb inside it (「某某运营|某省有限公司」): invented names and sentences."""
from __future__ import annotations

import pytest

from kg.nlp.components.trained_ner import Fragments

from ..conftest import process


@pytest.fixture(scope="module")
def fragments():
    return Fragments.load()


def suffix_candidates(nlp, text: str) -> list[str]:
    from kg.nlp.spans import candidates

    doc, _ = process(nlp, text)
    return [c.text for c in candidates(doc) if c.kb_id_ == "initiative_suffix"]


def test_a_kind_before_a_common_noun_ends_no_programme(rules_nlp):
    """「签署|工程合同」「核对|工程账目」: 工程 modifies the noun after it; 「某某示范工程|项目」 is still read."""
    text = ("按照新规，开工以前须先签署工程合同，审计人员每季度核对工程账目。"
            "白沙县将实施白沙茶乡振兴示范工程项目。")
    found = suffix_candidates(rules_nlp, text)
    assert not any("合同" in name or "账目" in name or name.endswith("签署工程") or name.endswith("核对工程")
                   for name in found), found
    assert any(name.endswith("白沙茶乡振兴示范工程项目") for name in found), found


def test_a_programme_followed_by_its_attribute_is_read(rules_nlp):
    """「某某治理工程|规模」「某某防洪工程|效益」「某某改造工程|质量」: the programme's name and a noun saying what it has."""
    text = ("碧溪综合治理工程规模为全省最大。今年，宁川县澜沧江防洪工程效益逐步显现。"
            "远航大道改造工程质量获得好评。")
    found = suffix_candidates(rules_nlp, text)
    for name in ("碧溪综合治理工程", "澜沧江防洪工程", "远航大道改造工程"):
        assert any(f.endswith(name) for f in found), (name, found)


def test_a_verb_that_carries_out_or_takes_a_thing_ends_the_clause_before_it(rules_nlp):
    """「各乡镇完成|植树计划」「河堤两岸采取|生态工程」: what is carried out or taken is no programme's name."""
    text = ("云溪县要求各乡镇在雨季到来前完成植树计划。"
            "施工队在河堤两岸采取生态工程护坡手段。")
    found = suffix_candidates(rules_nlp, text)
    assert not any("完成" in name or "采取" in name for name in found), found


def test_a_discipline_in_an_institution_s_name_is_no_programme(rules_nlp):
    """「宁州科学院深空探测工程|与技术中心」: 工程 is part of the centre's name, no programme ends there."""
    text = "据宁州科学院深空探测工程与技术中心研究员王青山介绍，白沙县将实施白沙茶乡振兴示范工程。"
    found = suffix_candidates(rules_nlp, text)
    assert not any(name.endswith("深空探测工程") for name in found), found
    assert any(name.endswith("白沙茶乡振兴示范工程") for name in found), found


def test_a_programme_joined_to_an_institution_still_ends_there(rules_nlp):
    """「推进某某物流项目|与某某研究院合作」「建设某某平台|和某某数据中心」: only a discipline (工程) joins an institution's
    name; a project or a platform before 与/和 and an institution is the programme's whole name."""
    text = "青川市将加快建设澜沧工业互联网平台和青川大数据中心，推进云岭冷链物流项目与滇南农业研究院合作。"
    found = suffix_candidates(rules_nlp, text)
    assert any(name.endswith("澜沧工业互联网平台") for name in found), found
    assert any(name.endswith("云岭冷链物流项目") for name in found), found


@pytest.mark.parametrize("text, name", [
    ("去年青岭省出台支持茶叶企业稳定发展的若干措施，", "支持茶叶企业稳定发展的若干措施"),
    ("青岭市近日印发打造山地康养示范带实施方案，", "打造山地康养示范带实施方案"),
    ("云溪县日前出台规范涉企检查行为负面清单，", "规范涉企检查行为负面清单"),
])
def test_a_title_right_after_its_issuing_verb_keeps_its_opening_verbs(fragments, text, name):
    start = text.index(name)
    assert fragments.issued_title(text, start, start + len(name), "INITIATIVE")


@pytest.mark.parametrize("text, name", [
    ("青岭市将推进山地康养示范带实施方案落地，", "山地康养示范带实施方案"),  # no issuing verb before it
    ("去年青岭省出台支持茶叶企业稳定发展的政策，", "支持茶叶企业稳定发展的政策"),  # no document's ending
])
def test_other_initiatives_are_trimmed_as_before(fragments, text, name):
    start = text.index(name)
    assert not fragments.issued_title(text, start, start + len(name), "INITIATIVE")
    assert not fragments.issued_title(text, start, start + len(name), "ENTERPRISE")


@pytest.mark.parametrize("name, bare", [("宁夏有限公司", True), ("青海集团有限公司", True), ("云南省公司", True),
                                        ("芬兰公司", True), ("德国集团", True),
                                        ("宁夏远丰有限公司", False), ("远丰有限公司", False), ("有限公司", False),
                                        # a county's short name the divisions table leaves out is often a trade name
                                        ("永安公司", False), ("白云集团", False), ("中原集团有限公司", False)])
def test_a_place_and_a_legal_form_alone_name_no_company(fragments, name, bare):
    assert fragments.bare_legal(name) is bare


def test_a_company_cut_at_a_verb_inside_its_name_is_read_whole(nlp):
    """「澜湾冷链|运营|青海有限公司」: the tagger's second piece is a place and a legal form, no company of its own,
    so the model's span over the whole name joins no two names."""
    doc, _ = process(nlp, "澜湾冷链运营青海有限公司总经理赵启航说，今年公司新建了三座冷库。")
    assert ("澜湾冷链运营青海有限公司", "ENTERPRISE") in [(e.text, e.label_) for e in doc.ents]


def test_an_app_named_in_quotation_marks_is_the_quoted_code(nlp):
    """「“某某”APP」「“某某”小程序」: the app is named by its code (GUIDELINES: systems and apps are Initiatives)."""
    doc, _ = process(nlp, "闲暇时，司机老王经常打开手机上的“货友驿站”APP查看订单。居民可通过“青溪办事通”小程序预约。")
    found = [(e.text, e.label_) for e in doc.ents]
    assert ("货友驿站", "INITIATIVE") in found and ("青溪办事通", "INITIATIVE") in found, found


def test_a_media_outlet_s_app_is_no_app_named_by_its_code(nlp):
    """「据“某某新闻”客户端消息」「“某某日报”APP」: the quoted code is a media outlet (a media ending or a gazetteer
    outlet), not an app's name; an app of no outlet (「“某某通”APP」) still is one."""
    doc, _ = process(nlp, "据“澜州新闻”客户端消息，记者从“青川日报”APP获悉，市民可通过“爱青川”APP预约挂号。")
    found = [(e.text, e.label_) for e in doc.ents]
    assert not any(label == "INITIATIVE" and ("新闻" in name or "日报" in name) for name, label in found), found
    assert ("爱青川", "INITIATIVE") in found, found


def test_a_run_of_country_letters_opens_a_dialogue_s_name(rules_nlp, nlp):
    """「中日|科技创新高层对话」: jieba reads 中日 as a time word, the tagger as a place: no lead word is trimmed off; and
    the dialogue followed by its predicate's verb (「…对话|吸引…」) is still a name."""
    from kg.nlp.spans import candidates

    text = "会议期间，中日科技创新高层对话吸引了众多企业参加。"
    doc, _ = process(rules_nlp, text)
    assert "中日科技创新高层对话" in [c.text for c in candidates(doc) if c.kb_id_ == "meeting_suffix"]
    doc, _ = process(nlp, text)
    assert ("中日科技创新高层对话", "INITIATIVE") in [(e.text, e.label_) for e in doc.ents]


def test_a_document_named_by_its_kind_without_book_marks_is_a_candidate_the_model_decides(rules_nlp, fragments):
    """「某某数字化转型实施方案」「某某准入负面清单」: the suffix rule proposes documents named without 《》 by their kind (the
    model decides them: thing_endings); 「制定本行动方案」 names none (本 refers to the text itself)."""
    text = "宁州市印发茶产业数字化转型实施方案。各地要落实茶叶市场准入负面清单，并结合实际制定本行动方案。"
    found = suffix_candidates(rules_nlp, text)
    assert any(name.endswith("茶产业数字化转型实施方案") for name in found), found
    assert any(name.endswith("茶叶市场准入负面清单") for name in found), found
    assert not any(name.endswith("本行动方案") or name == "行动方案" for name in found), found
    assert fragments.thing_ending.search("茶叶市场准入负面清单") is not None


def test_an_event_is_named_where_it_is_held_or_during_it(rules_nlp):
    """「在某某论坛上」「某某论坛年会期间」「某某博览会现场」: the place, the time and the scene of an event follow its
    name."""
    from kg.nlp.spans import candidates

    text = ("在2025宁州数字茶业论坛上，专家们展开讨论。青岭论坛年会期间，多家企业签约。"
            "第三届宁州国际茶叶博览会现场人头攒动。")
    doc, _ = process(rules_nlp, text)
    found = [c.text for c in candidates(doc) if c.kb_id_ in ("event_suffix", "meeting_suffix")]
    assert any(name.endswith("宁州数字茶业论坛") for name in found), found
    assert any(name.endswith("青岭论坛年会") for name in found), found
    assert any(name.endswith("宁州国际茶叶博览会") for name in found), found


@pytest.mark.parametrize("name, fragment", [("芬兰公司", True), ("宁夏有限公司", True), ("中央企业集团", True),
                                            ("宁夏远丰有限公司", False), ("芬兰远丰公司", False)])
def test_a_country_or_a_place_and_a_legal_form_is_no_company(fragments, name, fragment):
    """「并购了一家芬兰公司」: a company of that country, no company's name (nor a kind of company, 中央企业集团)."""
    assert fragments.is_fragment(name, "ENTERPRISE") is fragment
