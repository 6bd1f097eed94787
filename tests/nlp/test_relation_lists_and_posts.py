"""Relations stated by lists, and one person with two posts, in the real pipeline: LAC and the rules for the
names (so these check the relation components, whatever a trained NER does), the relation rules and the
packaged relation classifier. Invented names."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp
from kg.nlp.components.relation_classifier import DEFAULT_MODEL_DIR

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(model=None, relation_model=str(DEFAULT_MODEL_DIR)))


def test_the_packaged_relation_model_runs_after_the_rules(nlp):
    names = nlp.pipe_names
    assert names.index("kg_relation_classifier") == names.index("kg_relations") + 1


def rels(doc, predicate):
    return {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == predicate}


def test_every_listed_enterprise_is_located_where_the_list_settles(nlp):
    doc, _ = process(nlp, "星河科技有限公司、蓝海智能股份有限公司、华锐新材料集团等企业落户青浦区。")
    assert rels(doc, "locatedIn") >= {("星河科技有限公司", "青浦区"), ("蓝海智能股份有限公司", "青浦区"),
                                      ("华锐新材料集团", "青浦区")}


def test_every_listed_exhibitor_participates(nlp):
    doc, _ = process(nlp, "星河科技有限公司、蓝海智能股份有限公司等企业参加了2024中国国际数字产品博览会。")
    # the year written before the event opens its name (the training gold: 「2025数字经济论坛」)
    assert rels(doc, "participatesIn") >= {("星河科技有限公司", "2024中国国际数字产品博览会"),
                                           ("蓝海智能股份有限公司", "2024中国国际数字产品博览会")}


def test_one_person_two_posts_after_the_name(nlp):
    doc, _ = process(nlp, "会议由王建国主持。王建国，苏州市工业和信息化局局长、苏州工业园区管理委员会主任。")
    posts = {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}
    assert posts == {("王建国", "苏州市工业和信息化局", "局长"), ("王建国", "苏州工业园区管理委员会", "主任")}


def test_one_person_two_posts_before_the_name(nlp):
    doc, _ = process(nlp, "苏州市发展和改革委员会主任、苏州工业园区管理委员会主任王建国出席。")
    posts = {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}
    assert posts == {("王建国", "苏州市发展和改革委员会", "主任"), ("王建国", "苏州工业园区管理委员会", "主任")}


def test_titles_before_another_name_are_not_the_first_persons(nlp):
    doc, _ = process(nlp, "记者张晓明，苏州市工业和信息化局局长李建华介绍了情况。")
    posts = {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}
    assert ("张晓明", "苏州市工业和信息化局") not in posts
    assert ("李建华", "苏州市工业和信息化局") in posts


def test_appointment_with_two_titles_in_one_body(nlp):
    doc, _ = process(nlp, "会议宣布了任职决定：赵明远同志任华光集团党委书记、董事长，钱立新同志担任华光集团副总经理。")
    posts = {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}
    assert posts == {("赵明远", "华光集团", "党委书记"), ("赵明远", "华光集团", "董事长"), ("钱立新", "华光集团", "副总经理")}


def test_a_body_right_before_a_title_issued_it(nlp):
    doc, _ = process(nlp, "为贯彻落实国务院《关于促进智慧农业发展的指导意见》和国家发展改革委、工业和信息化部联合下发的"
                          "《数字乡村三年行动方案》，制定本方案。")
    assert rels(doc, "issuedBy") >= {("关于促进智慧农业发展的指导意见", "国务院"), ("数字乡村三年行动方案", "国家发展改革委"),
                                     ("数字乡村三年行动方案", "工业和信息化部")}


def test_deputies_take_the_body_of_the_title_written_earlier(nlp):
    doc, _ = process(nlp, "受宁州市人大常委会主任委托，副主任许文明主持会议，副主任张建伟、朱海东出席会议。")
    posts = {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}
    assert posts == {("许文明", "宁州市人大常委会", "副主任"), ("张建伟", "宁州市人大常委会", "副主任"),
                     ("朱海东", "宁州市人大常委会", "副主任")}


def posts_of(doc):
    return {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}


def by_rule(doc, predicate):
    """(subject, object, rule) of ``predicate``: which rule found each."""
    return {(r["s"][3], r["o"][3], r["rule"]) for r in doc._.kg_relations if r["p"] == predicate}


def test_three_listed_companies_settle_in_a_district_after_adverbs(nlp):
    doc, _ = process(nlp, "星河科技有限公司、蓝海智能股份有限公司、华锐新材料集团等企业将陆续落户青溪区。")
    assert rels(doc, "locatedIn") >= {("星河科技有限公司", "青溪区"), ("蓝海智能股份有限公司", "青溪区"),
                                      ("华锐新材料集团", "青溪区")}


def test_one_person_posts_in_a_city_and_a_district_committee(nlp):
    doc, _ = process(nlp, "宁州市委常委、青溪区委书记陈立华出席活动。")
    assert posts_of(doc) >= {("陈立华", "宁州市委", "常委"), ("陈立华", "青溪区委", "书记")}


def test_a_roster_gives_each_name_the_post_written_after_it(nlp):
    doc, _ = process(nlp, "新闻发布人：张立新 青溪区人民政府副区长；王海波 宁州市商务局局长。")
    assert posts_of(doc) >= {("张立新", "青溪区人民政府", "副区长"), ("王海波", "宁州市商务局", "局长")}


def test_a_bracketed_title_before_the_name_keeps_the_chain(nlp):
    doc, _ = process(nlp, "宁州经开区党工委副书记、管委会主任（区长）刘建明出席仪式。")
    assert ("刘建明", "副书记") in {(s, role) for s, _, role in posts_of(doc)}
    assert ("刘建明", "主任") in {(s, role) for s, _, role in posts_of(doc)}


def test_a_banner_head_holds_a_post_in_the_banner_government(nlp):
    doc, _ = process(nlp, "旗政府副旗长孙立平参加调研。")
    assert ("孙立平", "副旗长") in {(s, role) for s, _, role in posts_of(doc)}


def test_a_title_after_a_list_of_deputies_takes_their_body(nlp):
    doc, _ = process(nlp, "受宁州市人大常委会主任委托，副主任许文明主持会议，副主任张建伟、朱海东、李国平，"
                          "秘书长孙红梅出席会议。")
    assert ("孙红梅", "宁州市人大常委会", "秘书长") in posts_of(doc)
    assert ("李国平", "宁州市人大常委会", "副主任") in posts_of(doc)


def test_appointments_carry_their_company_over_to_the_next_clause(nlp):
    doc, _ = process(nlp, "会议宣布：张道明同志任华光集团有限公司董事长；钱立平同志任董事、总经理；"
                          "周晓东同志、顾文杰同志任副总经理。")
    assert posts_of(doc) >= {("张道明", "华光集团有限公司", "董事长"), ("钱立平", "华光集团有限公司", "董事"),
                             ("钱立平", "华光集团有限公司", "总经理"), ("顾文杰", "华光集团有限公司", "副总经理"),
                             ("周晓东", "华光集团有限公司", "副总经理")}


def test_appointments_do_not_carry_over_a_sentence_end(nlp):
    doc, _ = process(nlp, "张道明同志任华光集团有限公司董事长。钱立平同志任总经理。")
    assert not {p for p in posts_of(doc) if p[0] == "钱立平"}


def test_an_assistant_title_is_a_post(nlp):
    doc, _ = process(nlp, "王立新与星河银行行长助理李红分别代表双方签约。")
    assert ("李红", "星河银行", "行长助理") in posts_of(doc)


def test_a_place_written_inside_its_province_is_located_in_it(nlp):
    doc, _ = process(nlp, "国开行先后在湖北大冶市、吉林镇赉县发起组建村镇银行。")
    assert {("大冶市", "湖北", "nested_place"), ("镇赉县", "吉林", "nested_place")} <= by_rule(doc, "locatedIn")


def test_an_event_held_in_a_place_is_located_there(nlp):
    doc, _ = process(nlp, "在青溪区召开的第三届青溪数字经济大会吸引了众多企业。")
    assert ("第三届青溪数字经济大会", "青溪区", "held_at") in by_rule(doc, "locatedIn")


def test_a_company_investing_in_a_project_takes_part_in_it(nlp):
    doc, _ = process(nlp, "星河科技有限公司投资建设的青溪智能装备产业园项目将落户青溪县。")
    assert ("星河科技有限公司", "青溪智能装备产业园项目", "invests_in") in by_rule(doc, "participatesIn")
    assert ("青溪智能装备产业园项目", "青溪县") in rels(doc, "locatedIn")
    doc, _ = process(nlp, "蓝海智能股份有限公司投资8亿元的智能装备产业园项目开工。")
    assert ("蓝海智能股份有限公司", "智能装备产业园项目", "invests_in") in by_rule(doc, "participatesIn")


def test_a_known_company_opening_a_project_name_takes_part_in_it(nlp):
    doc, _ = process(nlp, "今年，南方电网云溪乡35千伏联网工程建成通电。")
    assert ("南方电网", "南方电网云溪乡35千伏联网工程", "company_work") in by_rule(doc, "participatesIn")
    assert ("南方电网", "中国南方电网有限责任公司") in {(m[3], m[4]) for m in doc._.kg_nested}
    doc, _ = process(nlp, "上汽通用五菱宁州智能制造工厂正式投产。")  # the company is 上汽通用五菱, not 上汽
    assert not by_rule(doc, "participatesIn")


def test_bodies_listed_before_in_the_meeting_sign_with_each_company(nlp):
    doc, _ = process(nlp, "市级领导张立新、王海波代表宁州市人民政府、青溪高新区管委会在会上与星河科技有限公司、"
                          "蓝海智能股份有限公司等10家企业签约。")
    found = {frozenset(pair) for pair in rels(doc, "partnerOf")}
    for body in ("宁州市人民政府", "青溪高新区管委会"):
        for company in ("星河科技有限公司", "蓝海智能股份有限公司"):
            assert frozenset((body, company)) in found


def test_a_document_approved_by_a_body_is_issued_by_it(nlp):
    doc, _ = process(nlp, "《宁州市数字经济发展规划》已经市政府同意，现印发给你们。")
    assert ("宁州市数字经济发展规划", "市政府", "issue_approved") in by_rule(doc, "issuedBy")


def test_names_in_brackets_after_a_collective_name_are_its_parts(nlp):
    doc, _ = process(nlp, "宁州市将举办“一节两会”（第三届宁州茶文化节、第五届青溪投资贸易洽谈会、第二届宁州花卉博览会）。")
    parts = {(s, o) for s, o, rule in by_rule(doc, "partOf") if rule == "bracket_parts"}
    assert {("第五届青溪投资贸易洽谈会", "一节两会"), ("第二届宁州花卉博览会", "一节两会")} <= parts
    doc, _ = process(nlp, "在青溪区召开的第三届青溪数字经济大会（2025年）吸引了众多企业。")
    assert not by_rule(doc, "partOf")


def test_a_title_after_a_body_of_another_place_implies_that_place_s_government(nlp):
    # the article is about 广东省 (named most), yet 江西省委副书记、省长 is 江西's governor
    doc, _ = process(nlp, "广东省代表团在广州市考察。广东省副省长甄立远陪同。江西省委副书记、省长柯明澜，"
                          "宜春市委书记、市长葛望川出席。广东省有关部门参加。")
    posts = rels(doc, "holdsPostIn")
    assert ("柯明澜", "江西省人民政府") in posts and ("葛望川", "宜春市人民政府") in posts
    assert not {p for p in posts if p[0] in ("柯明澜", "葛望川") and p[1] in ("省政府", "市政府")}


def test_a_province_holding_a_meeting_in_a_city_is_not_located_there(nlp):
    doc, _ = process(nlp, "湖南省与江西省在长沙市举行经贸合作座谈会。")
    located = rels(doc, "locatedIn")
    assert ("江西省", "长沙市") not in located and ("湖南省", "长沙市") not in located


def test_a_post_in_a_sub_unit_is_held_in_the_body_with_the_unit_in_the_role():
    # the trained NER reads the bank alone (LAC and the rules read 「中国人民银行研究局」 as one body)
    doc, _ = process(make_nlp(Settings()), "在金融服务领域，中国人民银行研究局局长王明介绍，将提升便利化程度。")
    assert ("王明", "中国人民银行", "研究局局长") in posts_of(doc)


def test_company_standing_for_the_company_named_last_holds_the_post(nlp):
    doc, _ = process(nlp, "宁州远航机械股份有限公司成立于2008年。“订单排到了明年。”公司综合管理部部长李建华说。")
    assert ("李建华", "宁州远航机械股份有限公司", "综合管理部部长") in posts_of(doc)


def test_company_with_no_company_named_before_it_holds_nothing(nlp):
    doc, _ = process(nlp, "宁州市人民政府召开会议。“订单排到了明年。”公司总经理李建华说。")
    assert not {r for r in posts_of(doc) if r[0] == "李建华"}


def test_a_professor_holds_a_post_in_the_university(nlp):
    doc, _ = process(nlp, "宁州大学教授王立新表示，这一成果意义重大。")
    assert ("王立新", "宁州大学", "教授") in posts_of(doc)


@pytest.mark.parametrize("text, pair", [
    ("宏远集团携手青山市人民政府推出新品。", ("宏远集团", "青山市人民政府")),
    ("宏远集团携手星海科技有限公司推出新品。", ("宏远集团", "星海科技有限公司")),
    ("青山港集团联合华星公司自主研发的系统投入使用。", ("青山港集团", "华星公司")),
])
def test_organisations_either_side_of_a_joining_verb_are_partners(text, pair):
    from kg.config import Settings
    from kg.nlp import make_nlp

    doc, _ = process(make_nlp(Settings(relation_model="")), text)
    found = {(r["s"][3], r["o"][3], r["rule"]) for r in doc._.kg_relations if r["p"] == "partnerOf"}
    assert pair + ("partner_direct",) in found


def test_a_mayor_after_the_committee_of_a_city_the_gazetteer_lacks_holds_that_citys_government(nlp):
    # 青澜 is no division: the place is read from the committee's name, never left as a bare 市政府
    doc, _ = process(nlp, "青澜市委副书记、市长吴振邦出席会议并讲话。")
    assert posts_of(doc) >= {("吴振邦", "青澜市委", "副书记"), ("吴振邦", "青澜市人民政府", "市长")}
    assert ("吴振邦", "市政府") not in rels(doc, "holdsPostIn")
    doc, _ = process(nlp, "青澜县委副书记、市长吴振邦出席会议。")  # a county's committee names no city
    assert ("吴振邦", "青澜县人民政府") not in rels(doc, "holdsPostIn")
