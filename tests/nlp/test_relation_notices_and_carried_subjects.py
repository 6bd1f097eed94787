"""Relations the rules read from a list's place, a notice's layout, a meeting's report and a clause that
carries the previous one's subject, in the real pipeline (LAC and the rules for the names, the relation
rules alone). Invented names."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(model=None, relation_model=""))


def rels(doc, predicate):
    return {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == predicate}


def test_companies_listed_as_a_places_companies_are_located_there(nlp):
    doc, _ = process(nlp, "星河科技、蓝海智能、华锐新材等9家江苏企业集体挂牌。")
    assert rels(doc, "locatedIn") >= {("星河科技", "江苏"), ("蓝海智能", "江苏"), ("华锐新材", "江苏")}


def test_places_listed_before_their_region_lie_in_it(nlp):
    doc, _ = process(nlp, "主要来自上海、浙江、江苏等长三角地区的100余家企业参会。")
    assert rels(doc, "locatedIn") >= {("上海", "长三角地区"), ("浙江", "长三角地区"), ("江苏", "长三角地区")}


def test_zones_said_to_lie_within_lie_in_the_clauses_opening_place(nlp):
    doc, _ = process(nlp, "他说，滨江区位于宁州市东部，星河物流园区、蓝湾产业园等重要功能区均坐落其中。")
    located = rels(doc, "locatedIn")
    assert {("星河物流园区", "滨江区"), ("蓝湾产业园", "滨江区")} <= located
    assert ("蓝湾产业园", "星河物流园区") not in located  # another item of the list is no place for it


def test_an_event_held_on_a_date_in_a_place(nlp):
    doc, _ = process(nlp, "第二届世界青商大会将于11月5日-7日在赣州市举办。")
    assert ("第二届世界青商大会", "赣州市") in rels(doc, "locatedIn")


NOTICE = ("宁州市数据局\n关于印发《宁州市数字经济三年行动计划》的通知\n各区人民政府：\n"
          "《宁州市数字经济三年行动计划》已经市政府同意，现印发给你们，请认真组织实施。\n"
          "宁州市数据局\n宁州市发展和改革委员会\n\n宁州市财政局\n2024年3月1日\n"
          "宁州市数字经济三年行动计划\n宁州市商务局负责推进平台建设。\n")


def test_a_notices_signatories_one_a_line_issued_its_document(nlp):
    doc, _ = process(nlp, NOTICE)
    issued = rels(doc, "issuedBy")
    work = "宁州市数字经济三年行动计划"
    assert {(work, "宁州市数据局"), (work, "宁州市发展和改革委员会"), (work, "宁州市财政局")} <= issued
    assert (work, "宁州市商务局") not in issued  # after the date line: the document's body, no signatory


def test_a_notices_header_body_issued_the_document(nlp):
    doc, _ = process(nlp, NOTICE)
    header = [r for r in doc._.kg_relations if r["p"] == "issuedBy" and r["rule"] == "notice_header"]
    assert [(r["s"][3], r["o"][3]) for r in header] == [("宁州市数字经济三年行动计划", "宁州市数据局")]


def test_what_a_meeting_passed_is_issued_by_the_body_whose_meeting_it_was(nlp):
    doc, _ = process(nlp, "4月18日，县长张明主持召开宁安县人民政府常务会议。会议原则通过了《宁安县农村人居环境整治实施方案》。")
    assert ("宁安县农村人居环境整治实施方案", "宁安县人民政府") in rels(doc, "issuedBy")


def test_we_the_district_signing_is_the_districts_government(nlp):
    doc, _ = process(nlp, "青浦区召开金融合作大会。同时，我区与星河银行上海分行、蓝海证券股份有限公司达成战略合作。")
    partners = {frozenset(p) for p in rels(doc, "partnerOf")}
    assert {frozenset({"青浦区人民政府", "星河银行上海分行"}), frozenset({"青浦区人民政府", "蓝海证券股份有限公司"})} <= partners


def test_a_clause_opening_with_yu_carries_the_subject_listed_before(nlp):
    doc, _ = process(nlp, "青浦区召开金融合作大会。签约仪式上，星河银行上海分行、蓝海证券股份有限公司等金融机构，"
                          "就青浦区生态修复提升，与我区签订项目合作协议。")
    partners = {frozenset(p) for p in rels(doc, "partnerOf")}
    assert {frozenset({"青浦区人民政府", "星河银行上海分行"}), frozenset({"青浦区人民政府", "蓝海证券股份有限公司"})} <= partners


def test_we_without_a_district_in_the_article_is_no_partner(nlp):
    doc, _ = process(nlp, "同时，我区与星河银行上海分行达成战略合作。")
    assert not any("人民政府" in s + o for s, o in rels(doc, "partnerOf"))


def test_a_signed_notice_issues_the_work_it_says_was_drawn_up_not_one_it_cites(nlp):
    doc, _ = process(nlp, "为落实《宁州市数据条例》，宁州市数据局制定了《宁州市数据要素三年行动计划》，现印发给你们，请认真组织实施。\n"
                          "宁州市数据局\n宁州市财政局\n2024年3月1日\n")
    issued = rels(doc, "issuedBy")
    assert ("宁州市数据要素三年行动计划", "宁州市财政局") in issued
    assert ("宁州市数据条例", "宁州市财政局") not in issued


def test_a_carried_subject_is_the_earlier_clauses_head_and_the_list_ends_at_deng(nlp):
    doc, _ = process(nlp, "在签约仪式上，星河控股有限公司与蓝海置业集团签署战略合作协议，"
                          "与华锐科技有限公司、东方智能集团有限公司等在农产品加工、新能源新材料开发等领域开展合作。")
    partners = {frozenset(p) for p in rels(doc, "partnerOf")}
    assert {frozenset({"星河控股有限公司", "华锐科技有限公司"}), frozenset({"星河控股有限公司", "东方智能集团有限公司"})} <= partners
    assert frozenset({"蓝海置业集团", "华锐科技有限公司"}) not in partners  # 与 joins partners, not a list
    assert not any("新能源" in s or "新能源" in o for s, o in rels(doc, "partnerOf"))


def test_the_responsible_units_of_a_notices_work_plan_take_part_in_it(nlp):
    doc, _ = process(nlp, "《宁州市数字经济工作要点》已经市政府同意，现印发给你们，请认真抓好贯彻落实。\n"
                          "1.发展算力产业。加快培育算力硬件制造产业。（责任单位：宁州市数据局、宁州市财政局）\n")
    taking_part = rels(doc, "participatesIn")
    assert {("宁州市数据局", "宁州市数字经济工作要点"), ("宁州市财政局", "宁州市数字经济工作要点")} <= taking_part


def test_responsible_units_without_a_notice_relate_nothing(nlp):
    doc, _ = process(nlp, "加快培育算力硬件制造产业。（责任单位：宁州市数据局、宁州市财政局）")
    assert not rels(doc, "participatesIn")


@pytest.fixture(scope="module")
def trained_nlp():
    """The packaged trained NER (LAC reads 「某公司计划」 as one name), the relation rules alone."""
    return make_nlp(Settings(relation_model=""))


def test_each_project_of_a_list_is_located_where_the_list_settles(trained_nlp):
    doc, _ = process(trained_nlp, "星河投资公司计划投资30亿元的星河新材料产业园项目与蓝海集团有限公司计划投资8.6亿元的"
                          "蓝海智慧冷链物流园项目将陆续落户青浦区。")
    located = rels(doc, "locatedIn")
    assert {("星河新材料产业园项目", "青浦区"), ("蓝海智慧冷链物流园项目", "青浦区")} <= located


def test_a_zone_named_after_a_place_the_article_names_lies_in_it(trained_nlp):
    doc, _ = process(trained_nlp, "3月15日，准格尔旗重大项目集中开工动员大会在准格尔经济开发区举行。")
    assert ("准格尔经济开发区", "准格尔旗") in rels(doc, "locatedIn")


def test_a_zone_named_after_a_place_the_article_does_not_name_is_not_placed(trained_nlp):
    doc, _ = process(trained_nlp, "3月15日，重大项目集中开工动员大会在准格尔经济开发区举行。")
    assert not any(o.startswith("准格尔") and o != "准格尔经济开发区" for _, o in rels(doc, "locatedIn"))


def test_the_bodies_organising_an_event_led_it(trained_nlp):
    doc, _ = process(trained_nlp, "由宁州市人民政府、宁州市商务局联合主办的第三届宁州数字经济博览会开幕。")
    assert {("第三届宁州数字经济博览会", "宁州市人民政府"), ("第三届宁州数字经济博览会", "宁州市商务局")} <= rels(doc, "issuedBy")


def test_a_body_named_after_you_without_organising_leads_nothing(trained_nlp):
    doc, _ = process(trained_nlp, "由宁州市商务局推荐的第三届宁州数字经济博览会开幕。")
    assert not rels(doc, "issuedBy")


def test_a_branch_named_after_a_place_the_article_names_lies_there(trained_nlp):
    doc, _ = process(trained_nlp, "青浦区召开金融工作会议。星河银行青浦支行负责人介绍了情况。")
    places = {r["o"][4] for r in doc._.kg_relations if r["p"] == "locatedIn" and r["s"][3] == "星河银行青浦支行"}
    assert places == {"上海市/青浦区"}  # the division the article's 青浦区 is


def test_a_place_inside_a_name_the_article_does_not_name_places_nothing(trained_nlp):
    doc, _ = process(trained_nlp, "星河银行青浦支行负责人介绍了情况。")
    assert not rels(doc, "locatedIn")


def test_a_zone_written_right_after_a_division_lies_in_it(nlp):
    """The NERs mostly read 「某市某某工业园区」 as one name; when one cuts it in two, the rules place the zone."""
    doc, _ = process(nlp, "项目落户嘉兴市星河湾工业园区，总投资5亿元。")
    text = doc.text
    city = doc.char_span(text.index("嘉兴市"), text.index("嘉兴市") + 3, label="DISTRICT")
    zone = doc.char_span(text.index("星河湾"), text.index("工业园区") + 4, label="DISTRICT")
    city.id_ = "浙江省/嘉兴市"
    doc.ents = [city, zone]
    doc = nlp.get_pipe("kg_relations")(doc)
    assert ("星河湾工业园区", "嘉兴市") in rels(doc, "locatedIn")


def test_projects_listed_after_baokuo_lie_where_the_sentence_spreads_them(trained_nlp):
    doc, _ = process(trained_nlp, "此次集中开工的12个重大项目分布于嘉兴市5个区县，涵盖化工、机械等产业，"
                                  "包括投资50亿元的星河新材料产业园项目、投资20亿元的蓝海智慧冷链物流园项目。")
    located = rels(doc, "locatedIn")
    assert {("星河新材料产业园项目", "嘉兴市"), ("蓝海智慧冷链物流园项目", "嘉兴市")} <= located


def test_a_places_region_word_names_the_place_itself(trained_nlp):
    doc, _ = process(trained_nlp, "浙江地区的企业纷纷参会。浙江是制造业大省。")
    assert "浙江地区" in {e.text for e in doc.ents}
    assert not any(s == "浙江地区" for s, _ in rels(doc, "locatedIn"))


def test_a_local_statute_lies_in_the_place_its_title_starts_with_other_policies_do_not(nlp):
    doc, _ = process(nlp, "衡阳市人大常委会审议通过《衡阳市湿地保护条例》，衡阳市将加强湿地保护。"
                          "市政府印发了《衡阳市数据开放办法》。")
    located = rels(doc, "locatedIn")
    assert ("衡阳市湿地保护条例", "衡阳市") in located
    assert ("衡阳市数据开放办法", "衡阳市") not in located  # the sample's gold places no issued policy


def test_a_body_that_approved_what_the_next_clause_issues_issued_it_too(nlp):
    """「经A同意，B印发《X》」: X is issued by B and by A, which approved it; A written without 经 approves nothing."""
    doc, _ = process(nlp, "2024年，经宁州市人民政府同意，宁州市商务局印发《宁州市支持滨江园区开放创新的若干措施》，提出14项举措。")
    assert rels(doc, "issuedBy") >= {("宁州市支持滨江园区开放创新的若干措施", "宁州市商务局"),
                                     ("宁州市支持滨江园区开放创新的若干措施", "宁州市人民政府")}
    doc, _ = process(nlp, "宁州市人民政府同意后，宁州市商务局印发《宁州市支持滨江园区开放创新的若干措施》。")
    assert ("宁州市支持滨江园区开放创新的若干措施", "宁州市人民政府") not in rels(doc, "issuedBy")
