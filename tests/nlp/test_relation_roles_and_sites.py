"""Relation rules for full-length news: job roles held in the organisation named before them, a name sited
「位于…的」 in a run of places, and a place carrying out a programme. The real pipeline (LAC and the rules for
the names, no trained NER, no relation classifier), so these check the rules alone. Invented names."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(model=None, relation_model=""))


def rules(nlp, text, predicate):
    doc, _ = process(nlp, text)
    return {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == predicate}


@pytest.mark.parametrize("text, post", [
    ("“产品很受欢迎。”宏远科技有限公司运营总监王立新介绍。", ("王立新", "宏远科技有限公司", "运营总监")),
    ("青禾生物技术研究院首席科学家赵明远表示，团队已完成试验。", ("赵明远", "青禾生物技术研究院", "首席科学家")),
    ("蓝湾电子有限公司相关负责人孙志刚说。", ("孙志刚", "蓝湾电子有限公司", "相关负责人")),
    ("宏远科技有限公司首席执行官 王立新", ("王立新", "宏远科技有限公司", "首席执行官")),  # a heading: a space before the name
    ("”宁州市医保局耗材招标和集中采购处工作人员王青禾说。", ("王青禾", "宁州市医保局", "耗材招标和集中采购处工作人员")),  # a verb in a unit
    ("”宁州未来产业研究院创始院长王青禾介绍，新品走俏。", ("王青禾", "宁州未来产业研究院", "创始院长")),  # a title's modifier
    # 专工 (a specialist engineer), after the words of its field
    ("”宁川电力有限公司土建专工杨立伟介绍，新线已经投用。", ("杨立伟", "宁川电力有限公司", "土建专工")),
])
def test_a_job_role_is_held_in_the_organisation_before_it(nlp, text, post):
    assert post in rules(nlp, text, "holdsPostIn")


@pytest.mark.parametrize("text, post", [
    ("”宁州市标准化技术委员会绿色建材标准工作组组长王青禾说，标准体系基本完善。",
     ("王青禾", "宁州市标准化技术委员会", "绿色建材标准工作组组长")),
    ("宁州远航集团有限公司质量攻关工作组副组长赵明远介绍，新品已经下线。",
     ("赵明远", "宁州远航集团有限公司", "质量攻关工作组副组长")),
])
def test_the_head_of_a_unit_written_after_the_unit_is_held_in_its_organisation(nlp, text, post):
    assert post in rules(nlp, text, "holdsPostIn")


def test_two_titles_joined_by_jian_are_both_held_in_the_body(nlp):
    found = rules(nlp, "“发展好企业最重要。”宏远集团董事长兼总裁王立新表示。", "holdsPostIn")
    assert {("王立新", "宏远集团", "董事长"), ("王立新", "宏远集团", "总裁")} <= found


@pytest.mark.parametrize("text", ["宏远科技有限公司派出医生王立新前往灾区。", "宏远科技有限公司看望院士王立新，并送上慰问品。",
                                  "宏远科技有限公司感谢医生王立新的付出。"])
def test_a_verb_before_a_role_is_no_post(nlp, text):
    assert rules(nlp, text, "holdsPostIn") == set()


def test_a_name_sited_in_the_last_place_of_a_run(nlp):
    found = rules(nlp, "位于青山县白石镇的宏远科技有限公司，展厅里摆满了新产品。", "locatedIn")
    assert ("宏远科技有限公司", "白石镇", "") in found and ("宏远科技有限公司", "青山县", "") not in found
    assert ("星海集团有限公司", "宁州市", "") in rules(nlp, "总部位于宁州市的星海集团有限公司发布了年报。", "locatedIn")


def test_a_name_put_into_use_in_a_place_lies_in_it(nlp):
    """「X在某区启用」: 启用 (put into use) sites X in the place as 开业 and 揭牌 do."""
    found = rules(nlp, "宁州人工智能产业园在云溪经济开发区正式启用。", "locatedIn")
    assert ("宁州人工智能产业园", "云溪经济开发区", "") in found


def test_a_place_carrying_out_a_programme(nlp):
    found = rules(nlp, "近年来，青州省将深入实施乡村振兴示范工程，推动农业发展。", "locatedIn")
    assert ("乡村振兴示范工程", "青州省", "") in found
    assert ("“百企帮百村”行动", "宁州市", "") in rules(nlp, "宁州市创新实施“百企帮百村”行动。", "locatedIn")


def test_a_company_carrying_out_its_own_programme_takes_part_in_it(nlp):
    """「某公司启动“甲”计划」: an enterprise opening its clause with the verb takes part in the programme after it."""
    doc, _ = process(nlp, "今年，宁州远航科技有限公司启动“青苗助农”计划，面向果农开放线上店铺。")
    found = {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == "participatesIn"}
    assert ("宁州远航科技有限公司", "“青苗助农”计划") in found
    assert not {r for r in doc._.kg_relations if r["p"] == "locatedIn" and r["o"][3] == "宁州远航科技有限公司"}


def test_a_place_putting_a_programme_into_practice(nlp):
    """「某区推行“甲”」: 推行 carries a programme out as 实施 does."""
    found = rules(nlp, "近年来，云溪经济开发区推行“青苗驻企锻炼计划”，选派年轻干部驻企锻炼。", "locatedIn")
    assert ("青苗驻企锻炼计划", "云溪经济开发区", "") in found


@pytest.mark.parametrize("text, place", [("宁州市深入实施乡村振兴战略，加快推进农业现代化。", "宁州市"),
                                         ("青州省推进“一带一路”建设，扩大对外开放。", "青州省"),
                                         ("他向宁州市提出“青松计划”的建议。", "宁州市")])
def test_a_national_strategy_or_a_place_after_a_preposition_places_nothing(nlp, text, place):
    assert not {r for r in rules(nlp, text, "locatedIn") if r[1] == place}


def test_a_place_inside_a_clause_carries_out_nothing(nlp):
    found = rules(nlp, "专家们在宁州市考察后建议实施乡村振兴示范工程。", "locatedIn")
    assert ("乡村振兴示范工程", "宁州市", "") not in found


@pytest.mark.parametrize("text, pair", [
    ("甘肃省青山县白石镇，宏远农业科技有限公司4号棚里，工人正在检查。", ("宏远农业科技有限公司", "白石镇")),
    ("下午4点，青山市白水县，星海汽车销售服务有限公司的展厅里，直播设备已经架好。", ("星海汽车销售服务有限公司", "白水县")),
    ("湖北宜昌，走进宏远化工集团的车间，机器轰鸣。", ("宏远化工集团", "宜昌")),
    ("在青山市高新区，蓝湾科技有限公司的工作人员正在调度生产。", ("蓝湾科技有限公司", "青山市高新区")),
])
def test_a_scene_of_places_opening_the_sentence_places_the_next_name(nlp, text, pair):
    assert pair + ("",) in rules(nlp, text, "locatedIn")


@pytest.mark.parametrize("text", ["近年来，宏远集团在青山市投资建厂。", "青山市白水县的企业，宏远集团最大。",
                                  "青山市，白水县，宏远集团都在这里。"])
def test_no_scene_without_a_clause_of_places_only(nlp, text):
    assert ("宏远集团", "青山市", "") not in rules(nlp, text, "locatedIn")
    assert ("宏远集团", "白水县", "") not in rules(nlp, text, "locatedIn")


def test_a_place_and_de_before_the_name_is_no_scene_but_places_it(nlp):
    doc, _ = process(nlp, "上午，青山市的宏远集团开门营业。")
    found = {(r["s"][3], r["o"][3], r["rule"]) for r in doc._.kg_relations if r["p"] == "locatedIn"}
    assert found == {("宏远集团", "青山市", "place_of")}  # kg_relations' place_of, not a scene


def test_a_place_stays_the_subject_of_the_clauses_after_it():
    """「某省在…中，…，深入实施X工程」 and the next sentences of the paragraph 「实施Y行动」: the programmes lie in the
    place; a new paragraph, another name opening a clause, or a pronoun before the verb ends it. Invented names;
    the packaged model finds the programme names."""
    nlp = make_nlp()
    found = rules(nlp, "李明介绍，青山省在发展的实践中，结合自身资源禀赋，深入实施百县千镇万村高质量发展工程，成效明显。",
                  "locatedIn")
    assert ("百县千镇万村高质量发展工程", "青山省", "") in found
    found = rules(nlp, "扩大优质文化服务供给。青山省将实施文艺精品创作繁荣工程，推动提升艺术原创能力。"
                       "实施公共文化服务提质增效行动，提升服务水平。", "locatedIn")
    assert {("文艺精品创作繁荣工程", "青山省", ""), ("公共文化服务提质增效行动", "青山省", "")} <= found
    for text in ["青山省将完善政策。他们将实施公共文化服务提质增效行动。", "青山省将完善政策。宏远集团将实施公共文化服务提质增效行动。",
                 "青山省将完善政策。\n实施公共文化服务提质增效行动，提升服务水平。",
                 "青山省将完善政策。我们还要共同打造创新平台，加快实施公共文化服务提质增效行动。"]:
        assert ("公共文化服务提质增效行动", "青山省", "") not in rules(nlp, text, "locatedIn"), text


@pytest.mark.parametrize("text, post", [
    ("几年前，李明远创办了青禾新能源有限公司，产品销往各地。", ("李明远", "青禾新能源有限公司", "创始人")),
    ("王立新创办的宏远医疗科技（天津）有限公司，是创新的缩影。", ("王立新", "宏远医疗科技（天津）有限公司", "创始人")),
    ("回国后，赵刚创立了宁海宏远旅游用品有限公司，开始生产登山杖。", ("赵刚", "宁海宏远旅游用品有限公司", "创始人")),
])
def test_the_founder_of_a_company(nlp, text, post):
    assert post in rules(nlp, text, "holdsPostIn")


def test_no_founder_when_the_verb_is_not_right_after_the_person(nlp):
    found = rules(nlp, "赵刚介绍，村里去年成立了宁海宏远旅游用品有限公司。", "holdsPostIn")
    assert not any(s == "赵刚" and o == "宁海宏远旅游用品有限公司" for s, o, _ in found)


def test_places_listed_together_carry_nothing():
    nlp = make_nlp()
    found = rules(nlp, "青山、白水两地聚焦基础设施建设，全力推动公共文化服务提质增效行动。", "locatedIn")
    assert not any(s == "公共文化服务提质增效行动" for s, _, _ in found)


def test_a_hospital_named_after_a_place_the_article_names_lies_in_it(nlp):
    text = "定西市位于甘肃省中部。定西市第一人民医院近日开通远程门诊，临洮县人民医院也加入了协作网。"
    found = rules(nlp, text, "locatedIn")
    assert ("定西市第一人民医院", "定西市", "") in found
    assert ("临洮县人民医院", "临洮县", "") in found  # a county: named in the hospital's name is enough


def test_a_hospital_written_with_the_province_before_its_city_is_named_and_placed_from_its_city(nlp):
    text = "定西市位于甘肃省中部。在甘肃省定西市第一人民医院，医生正在手术。"
    doc, _ = process(nlp, text)
    names = {e.text for e in doc.ents}
    assert "定西市第一人民医院" in names and "甘肃省定西市第一人民医院" not in names  # its own name starts at the city
    assert not any(r["s"][3] == "甘肃省定西市第一人民医院" and r["p"] == "locatedIn" for r in doc._.kg_relations)


def test_a_government_body_or_a_university_is_not_placed_by_its_name(nlp):
    text = "定西市位于甘肃省中部。定西市商务局与定西大学联合举办培训班，甘肃省第二人民医院派员参加。"
    found = {(s, o) for s, o, _ in rules(nlp, text, "locatedIn")}
    assert ("定西市商务局", "定西市") not in found and ("定西大学", "定西市") not in found
    assert ("甘肃省第二人民医院", "甘肃省") in found


@pytest.mark.parametrize("text", [
    "星河科技有限公司自2014年起先后与青禾农业发展有限公司、远帆物流有限公司等企业合作。",
    "其主力企业星河科技有限公司，自2014年起先后与青禾农业发展有限公司、远帆物流有限公司等机构合作，发展迅速。",
])
def test_partners_named_after_a_time_phrase(nlp, text):
    found = {(s, o) for s, o, _ in rules(nlp, text, "partnerOf")}
    assert found == {("星河科技有限公司", "青禾农业发展有限公司"), ("星河科技有限公司", "远帆物流有限公司")}


def test_a_clause_before_the_time_phrase_that_does_not_close_with_a_name_gives_no_partner(nlp):
    text = "星河科技有限公司的订单大增，自2014年起先后与青禾农业发展有限公司合作。"
    assert rules(nlp, text, "partnerOf") == set()


@pytest.mark.parametrize("text", ["星河科技有限公司首次参展第五届青禾国际农业博览会。",
                                  "星河科技有限公司参加第五届青禾国际农业博览会。"])
def test_an_exhibitor_takes_part_in_the_fair(nlp, text):
    found = rules(nlp, text, "participatesIn")  # the rules read the fair with or without its edition (第五届)
    assert any(s == "星河科技有限公司" and o.endswith("青禾国际农业博览会") for s, o, _ in found), found


@pytest.mark.parametrize("text, pair", [
    ("北京市推进建设，北京经济技术开发区引进企业。", ("北京经济技术开发区", "北京")),  # a zone of the divisions table
    ("杭州今年外贸增长。杭州经济技术开发区引进企业12家。", ("杭州经济技术开发区", "杭州")),
])
def test_a_zone_named_after_a_city_the_article_names_lies_in_it(nlp, text, pair):
    assert pair in {(s, o) for s, o, _ in rules(nlp, text, "locatedIn")}


def test_a_zone_named_after_a_city_the_article_does_not_name_is_not_placed(nlp):
    assert rules(nlp, "北京经济技术开发区引进企业12家。", "locatedIn") == set()


@pytest.mark.parametrize("text, post", [
    # the quotation closing right before 「公司」 names another company: the speaker's is the one named before it
    ("宏远科技有限公司的生产线上，工人正在忙碌。“我们与蓝湾电子有限公司合作，效率提升两成。”公司总经理王立新表示。",
     ("王立新", "宏远科技有限公司", "总经理")),
    ("宏远科技有限公司多款产品入选名单。该企业销售经理王立新表示，企业维持了盈利。",
     ("王立新", "宏远科技有限公司", "销售经理")),
    ("宏远科技有限公司推出新款外骨骼。“这款产品很受欢迎。”公司首席设计师王立新介绍。",
     ("王立新", "宏远科技有限公司", "首席设计师")),  # 「公司」 before the role's field
    ("位于宁州市的宏远新能源科技有限公司里，企业技术负责人王立新介绍，新产品已经投产。",
     ("王立新", "宏远新能源科技有限公司", "技术负责人")),  # a bare 「企业」 after punctuation, as a bare 「公司」
])
def test_the_company_of_an_anaphor_is_the_one_named_last_outside_the_quotation(nlp, text, post):
    found = rules(nlp, text, "holdsPostIn")
    assert post in found
    assert not {p for p in found if p[1] == "蓝湾电子有限公司"}


@pytest.mark.parametrize("text, post", [
    ("宏远科技有限公司展厅里，总经理王立新正在介绍新产品。", ("王立新", "宏远科技有限公司", "总经理")),
    ("在宏远科技有限公司4号棚里，副总经理王立新正在检查。", ("王立新", "宏远科技有限公司", "副总经理")),
])
def test_a_clause_of_an_organisation_and_its_site_gives_the_next_title_its_body(nlp, text, post):
    assert post in rules(nlp, text, "holdsPostIn")


@pytest.mark.parametrize("text", ["我们服务了宏远科技有限公司，总经理王立新说，订单增加了。",
                                  "宏远科技有限公司展厅里，副市长王立新察看了新产品。"])
def test_no_scene_body_for_a_clause_that_says_more_or_a_title_of_its_own_body(nlp, text):
    assert not {p for p in rules(nlp, text, "holdsPostIn") if p[1] == "宏远科技有限公司"}


def test_job_roles_in_a_chain_of_titles(nlp):
    found = rules(nlp, "“产品质量过硬。”青禾生物技术研究院院士、宏远科技有限公司首席科学家赵明远表示。", "holdsPostIn")
    assert {("赵明远", "青禾生物技术研究院", "院士"), ("赵明远", "宏远科技有限公司", "首席科学家")} <= found
    found = rules(nlp, "“手术很成功。”宁州市第二人民医院眼科主任、主任医师赵明远介绍。", "holdsPostIn")
    assert ("赵明远", "宁州市第二人民医院", "主任医师") in found
    assert rules(nlp, "会后，主任医师赵明远介绍了病例。", "holdsPostIn") == set()


@pytest.mark.parametrize("text, pair", [
    ("磐安县是登山杖之乡。回到国内后，他创立了磐安兴达旅游用品有限公司，开始生产登山杖。",
     ("磐安兴达旅游用品有限公司", "磐安县", "")),  # real counties (the divisions table's), invented names
    ("泰顺县发展食品产业。泰顺华泰食品有限公司扩大了生产。", ("泰顺华泰食品有限公司", "泰顺县", "")),
])
def test_a_name_starting_with_the_short_name_of_a_place_the_article_names_in_full_lies_in_it(nlp, text, pair):
    assert pair in rules(nlp, text, "locatedIn")


def test_a_short_place_name_the_article_does_not_write_in_full_places_nothing(nlp):
    assert rules(nlp, "回到国内后，他创立了磐安兴达旅游用品有限公司，开始生产登山杖。", "locatedIn") == set()


@pytest.mark.parametrize("text, pair", [
    ("他应聘进入江淮能源集团有限公司（以下简称“江淮能源”）所属新疆江淮发电有限公司。",
     ("新疆江淮发电有限公司", "江淮能源集团有限公司", "")),
    ("他进入中州产投集团旗下的中州创新科技风险投资有限公司，成为一名投资人员。",
     ("中州创新科技风险投资有限公司", "中州产投集团", "")),
    ("澄湖听力技术有限公司是北欧大洋集团的首家全资子公司，1989年成立。", ("澄湖听力技术有限公司", "北欧大洋集团", "")),
])
def test_a_subsidiary_the_text_names_after_its_group_or_says_it_is(nlp, text, pair):
    assert pair in rules(nlp, text, "partOf")


@pytest.mark.parametrize("text", ["澄湖听力技术有限公司是北欧大洋集团的重要客户。", "中州产投集团所属的行业发展很快。"])
def test_no_subsidiary_without_the_word_or_a_named_company(nlp, text):
    assert rules(nlp, text, "partOf") == set()


@pytest.mark.parametrize("text, pairs", [
    ("宏远科技有限公司的生产线上，工人正在忙碌。“我们与蓝湾电子有限公司合作，效率提升两成。”公司总经理王立新表示。",
     {("宏远科技有限公司", "蓝湾电子有限公司", "")}),
    ("宏远集团董事长王立新说：“我们同青禾大学、澄湖大学等高校签订合作协议，加速创新。”",
     {("宏远集团", "青禾大学", ""), ("宏远集团", "澄湖大学", "")}),
])
def test_we_inside_a_quotation_is_the_speakers_organisation(nlp, text, pairs):
    assert pairs <= rules(nlp, text, "partnerOf")


def test_we_of_a_speaker_without_a_post_signs_nothing(nlp):
    assert rules(nlp, "“我们与蓝湾电子有限公司合作，效率提升两成。”一位市民说。", "partnerOf") == set()


@pytest.mark.parametrize("text, post", [
    ("走进宏远科技有限公司的车间，机器人正在忙碌。“换产只要两小时。”总装车间高级经理王立新说。",
     ("王立新", "宏远科技有限公司", "总装车间高级经理")),
    ("宏远科技有限公司的新工厂已经投产。“设备投入减少了。”工艺工程师赵明远说。",
     ("赵明远", "宏远科技有限公司", "工艺工程师")),
])
def test_a_bare_role_after_a_quotation_is_held_in_the_company_named_last(nlp, text, post):
    assert post in rules(nlp, text, "holdsPostIn")


def test_a_quoted_company_or_a_title_of_its_own_body_is_not_the_speakers(nlp):
    found = rules(nlp, "“我们与蓝湾电子有限公司合作。”工艺工程师赵明远说。", "holdsPostIn")
    assert not {r for r in found if r[0] == "赵明远"}
    found = rules(nlp, "宏远科技有限公司的新工厂已经投产。“成效很好。”副市长赵明远说。", "holdsPostIn")
    assert ("赵明远", "宏远科技有限公司") not in {r[:2] for r in found}


@pytest.mark.parametrize("text, post", [
    ("“效果很好。”宏远集团智能客服产品总经理王立新介绍。", ("王立新", "宏远集团", "智能客服产品总经理")),
    ("星海科技有限公司政府事务总经理赵明远是首次参加。", ("赵明远", "星海科技有限公司", "政府事务总经理")),
])
def test_a_title_after_the_words_of_a_unit_is_held_in_the_organisation_before_them(nlp, text, post):
    assert post in rules(nlp, text, "holdsPostIn")


def test_a_verb_between_an_organisation_and_a_title_leaves_no_post(nlp):
    assert rules(nlp, "宏远科技有限公司举办活动邀请总经理王立新。", "holdsPostIn") == set()


def test_a_party_title_after_a_quotation_is_not_held_in_the_company_named_last(nlp):
    found = rules(nlp, "宏远科技有限公司的新工厂已经投产。“葡萄产业做起来了。”青松村党总支原书记赵明远说。", "holdsPostIn")
    assert ("赵明远", "宏远科技有限公司") not in {r[:2] for r in found}


@pytest.mark.parametrize("text", ["宏远科技有限公司的新工厂已经投产。“首发新品已顺利抵达。”吉利猫销售运作总监赵明远说。",
                                  "宏远科技有限公司的新工厂已经投产。“每月收益约为1.2万元。”蔚来能源南京区域负责人赵明远介绍。"])
def test_a_role_after_a_name_the_text_does_not_tag_is_not_the_company_named_last(nlp, text):
    assert ("赵明远", "宏远科技有限公司") not in {r[:2] for r in rules(nlp, text, "holdsPostIn")}
