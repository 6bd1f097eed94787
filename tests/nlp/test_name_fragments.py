"""What no name looks like (kg.nlp.components.trained_ner.Fragments, names.yml ner:): invented names."""
from __future__ import annotations

import pytest

from kg.nlp.components.trained_ner import Fragments
from kg.training.ner import NerInput

from ..conftest import process


@pytest.fixture(scope="module")
def fragments():
    return Fragments.load()


@pytest.mark.parametrize("piece", ["江北省工业和", "青岭科技集团所属", "白沙港务及", "18家企业", "十一个项目",
                                   "近百项改造项目", "一百二十项试点任务", "7份工作方案",
                                   "青岭)集团有限公司", "远丰（中国", "十四五”青岭数字化转型的三大工程",
                                   "十五五’时期", "青岭』行动"])
def test_pieces_of_text_are_fragments(fragments, piece):
    assert fragments.is_fragment(piece)


@pytest.mark.parametrize("name", ["江北省工业和信息化厅", "太和", "平和县", "一号工程", "远丰（中国）有限公司",
                                  "万家乐", "QX航空航天", "“青岭智造”行动", "《青岭规划》实施方案",
                                  "‘青岭智造’行动"])
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
    # a pilot's own name ends in 试点 (「某某改革试点」): nothing is cut
    assert fragments.trail_start("青岭海岸带碳汇核算改革试点", "INITIATIVE") == len("青岭海岸带碳汇核算改革试点")


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


def test_a_name_starts_after_a_verb_read_across_its_start_or_a_verb_s_complement(fragments):
    # 「用好」 is one verb to LAC: a project the rules read from 好 on starts after it
    text = "用好青岭数字服务平台"
    item = NerInput(text, ((0, 2, "v"), (2, 4, "LOC"), (4, 6, "n"), (6, 8, "vn"), (8, 10, "n")))
    assert fragments.verb_end(item, 1, len(text)) == 2
    # 「开展|好|…行动」: 好 is the verb's complement, not the name's first character
    text = "开展好青岭护航专项行动"
    item = NerInput(text, ((0, 2, "v"), (2, 3, "a"), (3, 5, "LOC"), (5, 7, "v"), (7, 9, "a"), (9, 11, "vn")))
    assert fragments.verb_end(item, 2, len(text)) == 3
    # a name starting where a word starts, a 好 after no verb, or a cut leaving too little: unchanged
    assert fragments.verb_end(item, 3, len(text)) == 3
    item = NerInput("好青岭行动", ((0, 1, "a"), (1, 3, "LOC"), (3, 5, "vn")))
    assert fragments.verb_end(item, 0, 5) == 0
    item = NerInput("用好青岭", ((0, 2, "v"), (2, 4, "LOC")))
    assert fragments.verb_end(item, 1, 4) == 1


@pytest.mark.parametrize("called", ["潘阿姨", "雷大伯", "苗师傅", "钟厂长", "苏老师"])
def test_a_surname_and_a_form_of_address_is_no_person_s_name(fragments, called):
    assert fragments.is_fragment(called, "PERSON")


@pytest.mark.parametrize("name", ["雷青岭", "苗厂", "钟正阳", "苏青岭书记"])
def test_names_of_people_are_not_forms_of_address(fragments, name):
    assert not fragments.is_fragment(name, "PERSON")


def test_two_places_run_together_are_read_as_each_place(fragments):
    text = "在青岭镇白沙村"
    assert fragments.place_pieces(text, 1, len(text)) == [(1, 4), (4, 7)]
    text = "宁州市青岭瑶族乡"
    assert fragments.place_pieces(text, 0, len(text)) == [(0, 3), (3, 8)]
    # three places: the rest is split again, but not at a place of two characters after the first (「新区」)
    text = "在青岭县白沙镇落霞社区"
    assert fragments.place_pieces(text, 1, len(text)) == [(1, 4), (4, 7), (7, 11)]
    text = "宁州市新区白沙村"
    assert fragments.place_pieces(text, 0, len(text)) == [(0, 3), (3, 8)]
    # one place: unchanged (a one-character division word before the ending is no place of its own)
    for one in ("青岭瑶族乡", "新市镇", "白沙村", "宁州市"):
        assert fragments.place_pieces(one, 0, len(one)) == [(0, len(one))]


def test_a_company_s_department_is_named_by_the_company(fragments):
    text = "青岭五金制品有限公司公共事务部"
    assert fragments.company_end(text, 0, len(text), "AGENCY") == len("青岭五金制品有限公司")
    text = "白沙墨厂产品研发部"
    assert fragments.company_end(text, 0, len(text), "ENTERPRISE") == len("白沙墨厂")
    # a body of government, a company alone, a place: no company's department
    for name, label in (("宁州市商务局", "AGENCY"), ("青岭五金制品有限公司", "ENTERPRISE"),
                        ("青岭科技集团", "ENTERPRISE"), ("白沙集团开发部", "DISTRICT")):
        assert fragments.company_end(name, 0, len(name), label) is None


def test_a_person_cut_before_the_adverb_like_end_of_the_given_name_is_named_whole(fragments):
    text = "村民宋青还说，今年好。宋青还介绍，明年更好。"
    assert fragments.name_end(text, 2, 4) == 5
    # a person once followed by another word, or named once: as read
    text = "村民宋青还说，今年好。宋青介绍，明年更好。"
    assert fragments.name_end(text, 2, 4) == 4
    assert fragments.name_end("村民宋青还说，今年好。", 2, 4) == 4
    # a name of three characters, or followed by no adverb: as read
    text = "宋青岭还说。宋青岭还介绍。"
    assert fragments.name_end(text, 0, 3) == 3
    assert fragments.name_end("宋青说。宋青说。", 0, 2) == 2


@pytest.mark.parametrize("kind", ["农民专业合作社", "AI初创公司", "科研院所", "下游", "咖啡店", "专精特新企业", "门店"])
def test_a_kind_of_business_is_no_organisation(fragments, kind):
    assert fragments.is_fragment(kind, "ENTERPRISE") and fragments.is_fragment(kind, "AGENCY")


@pytest.mark.parametrize("name", ["青岭果蔬专业合作社", "白沙咖啡店", "青岭智能工厂", "宁州下游科技有限公司"])
def test_a_named_business_is_an_organisation(fragments, name):
    assert not fragments.is_fragment(name, "ENTERPRISE")


def test_lac_s_companies_need_more_than_its_other_organisations(nlp):
    """LAC reads common nouns of full-length articles as companies (「中德|商业」「高新科技|专业」): its companies need
    0.35, its agencies and outlets 0.2; the packaged model's settings say the same."""
    import json

    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import CONFIG_FILE, DEFAULT_SOURCE_THRESHOLDS, TrainedNer

    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    doc = nlp.make_doc("中德合作推动高新科技专业发展，宁州市商务局参加。")
    company = doc.char_span(6, 10, label="ENTERPRISE", kb_id="ner")  # LAC's 高新科技
    agency = doc.char_span(15, 21, label="AGENCY", kb_id="ner")
    assert ner._needed(company) > 0.3 >= ner._needed(agency)
    packaged = json.loads((DEFAULT_MODEL / "ner" / CONFIG_FILE).read_text(encoding="utf-8"))
    assert packaged["source_thresholds"] == DEFAULT_SOURCE_THRESHOLDS


def test_the_hua_of_in_china_and_a_foreign_country_is_no_place(nlp):
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    assert ner._in_china("在华美国企业增多", 1, 3, "DISTRICT")  # 在华|美国企业, read 华美
    assert ner._in_china("来华德国游客", 1, 4, "DISTRICT")  # 来华|德国游客, read 华德国
    # a region named with 华, 华 after no such verb, another label: as read
    assert not ner._in_china("在华北地区投资", 1, 3, "DISTRICT") and not ner._in_china("在华中地区", 1, 3, "DISTRICT")
    assert not ner._in_china("华美集团", 0, 2, "DISTRICT") and not ner._in_china("在华美国企业", 1, 3, "ENTERPRISE")


def test_a_platform_system_or_project_of_the_suffix_rule_is_not_trusted_a_programme_is(nlp):
    """The suffix rule reads every 「…平台」「…系统」「…项目」 as an initiative (「某某综合服务平台」 is mostly a
    description): the model decides those; a programme (「…行动」「…计划」「…工程」) and a project named right after
    its investment stay trusted, as do other rules' candidates."""
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"))

    def trusted(text: str, name: str, rule: str = "initiative_suffix") -> bool:
        doc = nlp.make_doc(text)
        start = text.index(name)
        return ner._trusted(doc.char_span(start, start + len(name), label="INITIATIVE", kb_id=rule,
                                          alignment_mode="expand"))

    assert not trusted("宁州市搭建青岭智慧物流综合服务平台，服务企业。", "青岭智慧物流综合服务平台")
    assert not trusted("园区引入云桥仓储调度管理系统。", "云桥仓储调度管理系统")
    assert not trusted("白沙县推进青岭厂房屋顶储能示范项目。", "青岭厂房屋顶储能示范项目")
    assert trusted("宁州市深入实施青岭制造业提质扩能行动。", "青岭制造业提质扩能行动")
    assert trusted("当地启动乡村工匠培育计划。", "乡村工匠培育计划")
    assert trusted("总投资8.5亿元的青岭新材料生产基地项目将落户白沙。", "青岭新材料生产基地项目")
    assert trusted("宁州市建设青岭智慧物流综合服务平台。", "青岭智慧物流综合服务平台", rule="quoted_name")


def test_a_plan_s_proposal_and_outline_are_named_whole_after_the_quoted_period(nlp):
    """「“十六五”规划建议」「“十六五”规划纲要」: the quoted-system rule reads the proposal and the outline whole, not
    「“十六五”规划」 cut before 建议/纲要."""
    from ..conftest import process

    doc, _ = process(nlp, "白沙县认真学习“十六五”规划建议，对照“十六五”规划纲要谋划青岭新区发展。")
    names = [e.text for e in doc.ents if e.label_ == "INITIATIVE"]
    assert "“十六五”规划建议" in names and "“十六五”规划纲要" in names
    assert "“十六五”规划" not in names


@pytest.mark.parametrize("kind", ["自由贸易试验区", "国家级经济技术开发区", "自由贸易港", "经济特区", "大城市", "中小城市",
                                  "自贸试验区", "工业园区", "工业集聚区", "城中村", "国家级经开区", "省级高新区"])
def test_a_kind_of_zone_or_city_alone_is_no_place(fragments, kind):
    assert fragments.is_fragment(kind, "DISTRICT")


@pytest.mark.parametrize("name", ["青岭自由贸易试验区", "宁州经济技术开发区", "白沙自由贸易港", "宁州市", "大城县",
                                  "云溪工业园区", "白沙自贸试验区"])
def test_a_named_zone_or_city_is_a_place(fragments, name):
    assert not fragments.is_fragment(name, "DISTRICT")


def test_a_quoted_task_names_the_programme_after_its_verbs(nlp):
    """「“深入实施某某振兴行动”」 quotes a document's task: the programme is 「某某振兴行动」; a quotation that is only
    a verb and a kind (「“启动计划”」) keeps its bounds."""
    from ..conftest import process

    doc, _ = process(nlp, "规划建议提出，“深入实施青岭种苗振兴行动”“实施新一轮白沙产业链高质量发展行动”。")
    names = [e.text for e in doc.ents if e.label_ == "INITIATIVE"]
    assert "青岭种苗振兴行动" in names and "新一轮白沙产业链高质量发展行动" in names
    assert not any(n.startswith(("深入", "实施")) for n in names)


def test_the_model_decides_a_platform_of_the_suffix_rule_by_the_general_threshold(nlp):
    """An untrusted platform of the suffix rule needs the general threshold, not the initiatives' label threshold:
    with a label threshold no span can reach it stays, and a candidate of no trusted rule does not."""
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer
    from kg.nlp.spans import candidates

    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"), threshold=0.0, source_thresholds={},
                     label_thresholds={"INITIATIVE": 1.01})
    doc = nlp.make_doc("青岭智慧物流综合服务平台已服务白沙县企业。")
    for name, proc in nlp.pipeline:
        if name == "kg_trained_ner":
            break
        doc = proc(doc)
    platform = [c for c in candidates(doc) if c.kb_id_ == "initiative_suffix"]
    assert [c.text for c in platform] == ["青岭智慧物流综合服务平台"]
    kept = [c for c in candidates(ner(doc)) if c.kb_id_ == "initiative_suffix"]
    assert [(c.text, c.label_) for c in kept] == [("青岭智慧物流综合服务平台", "INITIATIVE")]


def test_a_quoted_name_without_a_programme_s_ending_is_not_certain(nlp, fragments):
    """The quoted-name rule takes a quotation for a name by its place, 国家/中国, digits or a bracket after it too
    (「“中国青岭之乡”」, a quoted sentence 「“国家青岭是白沙发展的根基”」): such a quotation is neither certain nor
    trusted, the model decides; a quoted programme (「“青岭数字乡村行动”」) stays certain."""
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    text = "白沙县被誉为“中国青岭之乡”，并推进“青岭数字乡村行动”。"
    honour, programme = text.index("中国青岭之乡"), text.index("青岭数字乡村行动")
    assert fragments.loose_quote(text, honour, honour + 6, "quoted_name")
    assert not fragments.loose_quote(text, programme, programme + 8, "quoted_name")
    assert not fragments.loose_quote(text, honour, honour + 6, "initiative_suffix")  # other rules: as before
    described = "白沙县推出“青岭少排队”（共享数据，再造流程）。"
    at = described.index("青岭少排队")
    assert not fragments.loose_quote(described, at, at + 5, "quoted_name")  # described in brackets: certain
    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    doc = nlp.make_doc(text)
    assert not ner._trusted(doc.char_span(honour, honour + 6, label="INITIATIVE", kb_id="quoted_name"))
    assert ner._trusted(doc.char_span(programme, programme + 8, label="INITIATIVE", kb_id="quoted_name"))


def test_a_quoted_sentence_is_no_initiative_and_a_quoted_programme_is(nlp):
    from ..conftest import process

    doc, _ = process(nlp, "陈青岭指出，“国家青岭是白沙发展的根基”。白沙县启动“青岭数字乡村行动”。")
    names = [e.text for e in doc.ents if e.label_ == "INITIATIVE"]
    assert "青岭数字乡村行动" in names
    assert not any("根基" in n for n in names)


@pytest.mark.parametrize("name", ["青岭航天科技集团五院", "白沙重工集团研究院", "青岭电气股份有限公司数字能源研发中心",
                                  "白沙化工集团宁州新材料研究所"])
def test_a_company_s_institute_is_an_enterprise(fragments, name):
    """GUIDELINES: a company's named R&D institutes are Enterprises, though 「…研究院」「…五院」 read like public bodies."""
    assert fragments.institute_label(name, 0, len(name), "AGENCY") == "ENTERPRISE"
    assert fragments.institute_label(name, 0, len(name), "ENTERPRISE") == "ENTERPRISE"


@pytest.mark.parametrize("name", ["白沙县医疗集团青岭镇卫生院", "宁州大学化学研究所", "青岭市农业科学院"])
def test_a_public_institute_keeps_its_label(fragments, name):
    assert fragments.institute_label(name, 0, len(name), "AGENCY") == "AGENCY"
    assert fragments.institute_label(name, 0, len(name), "DISTRICT") == "DISTRICT"


def test_a_company_s_numbered_academy_is_an_enterprise_in_the_pipeline(nlp):
    from ..conftest import process

    doc, _ = process(nlp, "青岭航天科技集团五院专家介绍，这艘飞船已完成测试。")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("青岭航天科技集团五院") == "ENTERPRISE"


def test_a_kind_of_company_before_a_company_s_name_is_cut_off(fragments):
    """「平台企业|某某数字科技（宁州）有限公司」「总公司|某某技术股份有限公司」: the kind of company LAC reads as its own word
    is the sentence's, not the name's; 「企业家…」 (another word) and a too short rest stay."""
    from kg.nlp.components.trained_ner import SortedWords

    text = "平台企业青松数字科技（宁州）有限公司"
    item = NerInput(text, ((0, 2, "n"), (2, 4, "n"), (4, 10, "ORG")))
    assert text[fragments.company_start(item, 2, len(text), "ENTERPRISE", SortedWords.of(item)):] \
        == "青松数字科技（宁州）有限公司"
    text = "总公司白沙智连技术股份有限公司"
    item = NerInput(text, ((0, 3, "n"), (3, 15, "ORG")))
    assert fragments.company_start(item, 0, len(text), "ENTERPRISE", SortedWords.of(item)) == 3
    assert fragments.company_start(item, 0, len(text), "AGENCY", SortedWords.of(item)) == 0
    text = "企业家联合会"
    item = NerInput(text, ((0, 3, "n"), (3, 6, "n")))
    assert fragments.company_start(item, 0, len(text), "ENTERPRISE", SortedWords.of(item)) == 0
    text = "集团公司"
    item = NerInput(text, ((0, 2, "n"), (2, 4, "n")))
    assert fragments.company_start(item, 0, len(text), "ENTERPRISE", SortedWords.of(item)) == 0


def test_a_legal_company_name_introduced_as_a_subsidiary_is_kept(nlp):
    # the model alone doubts this full legal name after 旗下 (it drops it); introduced so, it is a company, part of
    # the parent
    doc, _ = process(nlp, "远川新能源旗下时代长禾动力电池有限公司产能持续释放。")
    assert ("时代长禾动力电池有限公司", "ENTERPRISE") in {(e.text, e.label_) for e in doc.ents}
    assert ("时代长禾动力电池有限公司", "partOf", "远川新能源") in {(r["s"][3], r["p"], r["o"][3]) for r in doc._.kg_relations}


def test_a_purpose_clause_s_verb_starts_no_name(fragments):
    # 「为|规范|青岭湖流域管理，」: the verb right after 为 opens a goal, the name (if any) starts after it
    text = "为规范青岭湖流域治理工程管理"
    item = NerInput(text, ((0, 1, "p"), (1, 3, "v"), (3, 6, "LOC"), (6, 8, "n"), (8, 10, "vn"), (10, 12, "n"),
                           (12, 14, "vn")))
    assert fragments.verb_end(item, 1, 12) == 3
    # the same verb after no purpose mark stays (a name may hold a verb: 「规范化青岭工程」 is cut by other rules)
    item = NerInput("着力规范青岭湖流域治理工程", ((0, 2, "d"), (2, 4, "v"), (4, 7, "LOC"), (7, 9, "n"), (9, 11, "vn"),
                                      (11, 13, "n")))
    assert fragments.verb_end(item, 2, 13) == 2


def test_the_suffix_rule_reads_no_purpose_clause_as_a_project(rules_nlp):
    doc, _ = process(rules_nlp, "为规范青岭湖流域生态治理项目管理，宁州市制定本办法。\n"
                                "为规范白沙镇农村饮水安全工程建设，县水利局印发通知。")
    found = {e.text for e in doc.ents if e.label_ == "INITIATIVE"}
    assert not any(name.startswith("规范") for name in found), found


def test_an_honorific_title_is_no_initiative(rules_nlp):
    # 「“中国某某之乡”」「“某某之都”」: titles a place is given (GUIDELINES: set phrases), whatever the model says
    doc, _ = process(rules_nlp, "白沙县被授予“中国青岭蓝莓之乡”称号，宁州市打造“国际白沙茶之都”，启动“青岭数字乡村行动”。")
    names = [e.text for e in doc.ents if e.label_ == "INITIATIVE"]
    assert "青岭数字乡村行动" in names and not any(n.endswith(("之乡", "之都")) for n in names), names


@pytest.mark.parametrize("label", ["INITIATIVE", "DISTRICT", "ENTERPRISE"])
def test_an_honorific_title_is_a_fragment_of_any_type(fragments, label):
    assert fragments.is_fragment("青岭蓝莓之乡", label) and fragments.is_fragment("白沙茶之都", label)
    assert not fragments.is_fragment("青岭未来之城", label)


def test_an_enumeration_s_initiatives_are_decided_by_the_model_and_its_companies_are_trusted(nlp):
    """「打造了政务服务、城市运行、应急指挥等平台」 lists what the platforms do, not their names: an enumeration's
    initiatives are not trusted (the model scores these low); its companies still are."""
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    from ..conftest import process

    doc, _ = process(nlp, "白沙县打造了政务服务、城市运行、应急指挥等平台。")
    assert [e.text for e in doc.ents if e.label_ == "INITIATIVE"] == []
    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    doc = nlp.make_doc("青岭科技、白沙电气等企业")
    assert ner._trusted(doc.char_span(0, 4, label="ENTERPRISE", kb_id="enumeration"))
    assert not ner._trusted(doc.char_span(0, 4, label="INITIATIVE", kb_id="enumeration"))


@pytest.mark.parametrize("name", ["战略合作框架协议", "全面战略合作协议", "项目投资合作协议", "合作备忘录"])
def test_an_agreement_named_by_its_kinds_alone_is_no_initiative(fragments, name):
    assert fragments.is_fragment(name, "INITIATIVE")


def test_a_named_agreement_is_an_initiative(fragments):
    assert not fragments.is_fragment("青澜白沙数字经济合作协议", "INITIATIVE")


@pytest.mark.parametrize("span, after, body, label", [
    ("江北省人力资源和社会保障厅就业促进处", "处长王明远", "江北省人力资源和社会保障厅", "AGENCY"),
    ("青岭市商务局云溪合作科", "负责人陈明远", "青岭市商务局", "AGENCY"),
    ("远航集团有限公司策划规划中心", "副总监林明远", "远航集团有限公司", "ENTERPRISE"),
    ("宁州大学机电工程学院", "原院长苏明远", "宁州大学", "AGENCY"),
    ("青岭市发展和改革委员会产业协调处", "安全研究室主任代明远", "青岭市发展和改革委员会", "AGENCY"),
    ("宁州数智大学党委", "副书记陈明远", "宁州数智大学", "AGENCY"),  # a university's party committee
])
def test_a_body_and_its_sub_unit_before_a_post_is_cut_to_the_body(fragments, span, after, body, label):
    """GUIDELINES: a sub-unit is folded into the post (数据资源处处长 of the bureau): the organisation is the body."""
    assert fragments.subunit_body(span + after, 0, len(span), "AGENCY") == (len(body), label)


@pytest.mark.parametrize("span, after", [
    ("青岭市委宣传部", "部长王明远"),  # a party committee's department is a body of its own
    ("远航集团有限公司研发中心", "主任林明远"),  # a company's institute: an Enterprise of its own
    ("远航集团有限公司策划规划中心", "举办了开放日"),  # no post after the unit
    ("宁州大学附属医院", "院长苏明远"),
])
def test_a_body_of_its_own_or_a_unit_with_no_post_is_not_cut(fragments, span, after):
    assert fragments.subunit_body(span + after, 0, len(span), "AGENCY") is None


def test_a_post_after_a_sub_unit_of_a_body_is_held_in_the_body():
    from kg.config import Settings
    from kg.nlp import make_nlp

    nlp = make_nlp(Settings())
    for text, person, body, role in [
            ("宁州大学机电工程学院院长苏明远介绍了课程安排。", "苏明远", "宁州大学", "机电工程学院院长"),
            ("国务院发展研究中心云溪研究所原所长王晓云表示，要加快发展。", "王晓云", "国务院发展研究中心",
             "云溪研究所原所长"),
            # a public institution of a body's (a 中心) is a body of its own, the post held in it
            ("中国人民银行云溪数据中心主任张明远介绍，政策实施后成效明显。", "张明远", "中国人民银行云溪数据中心", "主任")]:
        doc, _ = process(nlp, text)
        posts = {(r["s"][3], r["o"][3], r.get("role")) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}
        assert (person, body, role) in posts, text
        assert body in {e.text for e in doc.ents}


def test_a_central_enterprise_by_its_short_form_and_its_institute_whole():
    """Central state-owned enterprises are general knowledge (gazetteers/enterprise_central.tsv); a company's institute
    opened by one stays one Enterprise (TrainedNer._company_institutes). The institutes' names are invented."""
    from kg.config import Settings
    from kg.nlp import make_nlp

    nlp = make_nlp(Settings())
    doc, _ = process(nlp, "中国钢研与宁州市签署战略合作协议。")  # the short form is the registered company's
    assert ("中国钢研", "ENTERPRISE", "中国钢研科技集团有限公司") in {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    doc, _ = process(nlp, "中国一重集团有限公司第九一一研究所位于宁州市。")
    assert ("中国一重集团有限公司第九一一研究所", "ENTERPRISE") in {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize("text, span, first", [
    ("宁州科创中心与金融中心建设相得益彰。", "宁州科创中心与金融中心", "宁州科创中心"),  # one head: two names
    ("宁州市公安局会同检察机关开展行动。", "宁州市公安局会同检察机关", "宁州市公安局"),  # what acts with it
    ("云溪集团和金融中心签约。", "云溪集团和金融中心", None),  # heads differ: the model's reading stands
    ("宁州与云溪合作座谈会召开。", "宁州与云溪合作座谈会", None),  # an event named by both parties is one name
])
def test_a_span_the_model_joins_to_a_name_is_cut_to_that_name(fragments, text, span, first):
    start = text.index(span)
    name = first or span.split("与")[0].split("和")[0]
    end = fragments.joined_end(text, [start + len(name)], start + len(span))
    assert (text[start:end] if end is not None else None) == first


def test_a_count_of_occurrences_is_cut_off_an_event_and_an_edition_is_not(fragments):
    """「举办2次|宁州茶业高端对话」「多届|云溪台球世锦赛」: how often an event was held is no part of its name; 「第8届」 and a
    count in Chinese numerals (「十九届」 of a plenary session) stay."""
    text = "举办2次宁州茶业高端对话，多届云溪台球世锦赛，第8届宁州茶博会，十九届六中全会，连续举办8届该活动"
    at = text.index
    assert fragments.count_start(text, at("2次"), at("，多届"), "INITIATIVE") == at("宁州茶业")
    assert fragments.count_start(text, at("多届"), at("，第8届"), "INITIATIVE") == at("云溪台球")
    assert fragments.count_start(text, at("8届宁州"), at("，十九"), "INITIATIVE") == at("8届宁州")
    assert fragments.count_start(text, at("十九届"), at("，连续"), "INITIATIVE") == at("十九届")
    assert fragments.count_start(text, at("2次"), at("，多届"), "ENTERPRISE") == at("2次")
    # what is left after the count may be a determiner and a generic head: no name
    left = fragments.count_start(text, at("8届该"), len(text), "INITIATIVE")
    assert text[left:] == "该活动" and fragments.is_fragment(text[left:], "INITIATIVE")


@pytest.mark.parametrize("clause", ["宁州农业现代化是系统工程", "带动作用", "云溪统一市场建设的体制机制",
                                    "2030年度重点考察调研", "二〇三〇年度重点考察调研", "青云九号运载火箭",
                                    "宁州酱菜制作技艺", "大粮食观"])
def test_a_clause_a_role_or_a_survey_trip_is_no_initiative(fragments, clause):
    """A span with a copula in it, a role (「…作用」), a generic head after a 的-phrase, a survey or inspection trip,
    a product, a craft or a view (set phrases)."""
    assert fragments.is_fragment(clause, "INITIATIVE")


@pytest.mark.parametrize("name", ["“我是云溪人”行动", "宁州数据共享机制", "云溪乡村振兴示范工程", "宁州台球世界锦标赛",
                                  "云溪夜景观"])
def test_names_with_a_copula_in_quotes_or_a_mechanism_are_initiatives(fragments, name):
    assert not fragments.is_fragment(name, "INITIATIVE")


def test_a_village_or_subdistrict_right_after_its_place_is_a_chained_place(fragments):
    """「某县某镇|某某村」「某县|某某街道」: a village or a subdistrict LAC reads right after a place that holds it is
    trusted as a place (names.yml ner.chained_place_endings); not after other words (「网红|民宿村」), not a common noun
    (「某市|美丽乡村」), not a place's level alone."""
    text = "云溪县青石镇白鹭村，云溪县石门街道，网红民宿村，云溪县美丽乡村"
    words = [(0, 3, "LOC"), (3, 6, "LOC"), (6, 9, "LOC"), (10, 13, "LOC"), (13, 17, "LOC"), (18, 20, "n"),
             (20, 23, "LOC"), (24, 27, "LOC"), (27, 31, "LOC")]
    assert fragments.chained_place(text, 6, 9, words)  # 白鹭村 after 青石镇
    assert fragments.chained_place(text, 13, 17, words)  # 石门街道 after 云溪县
    assert not fragments.chained_place(text, 20, 23, words)  # 民宿村 after 网红
    assert not fragments.chained_place(text, 27, 31, words)  # 美丽乡村
    assert not fragments.chained_place(text, 3, 6, words)  # 青石镇: no village's ending (trusted by its own)


def test_the_course_of_a_programme_is_no_programme(fragments):
    # 「在某某试点推广过程中」: what happens in the course of a pilot; the pilot itself stays a name
    assert fragments.is_fragment("澄江碳票试点推广过程", "INITIATIVE")
    assert fragments.is_fragment("澄江湾区一体化进程", "INITIATIVE")
    assert not fragments.is_fragment("澄江碳票试点", "INITIATIVE")
