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
    assert rels(doc, "participatesIn") >= {("星河科技有限公司", "中国国际数字产品博览会"),
                                           ("蓝海智能股份有限公司", "中国国际数字产品博览会")}


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
