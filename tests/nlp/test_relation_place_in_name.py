"""locatedIn read from the places inside a name (GUIDELINES: a place prefix on a name whose place is annotated on
its own): the innermost place of a run that opens a name, a known company's place, the place of a branch after a
parent named after another place; and a post title with a modifier (执行院长). The real pipeline's relation rules on
names set by hand. Invented names."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp

from ..conftest import process, relations_on


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(model=None, relation_model=""))


def placed(nlp, text, names, subject):
    """The division keys ``subject`` is located in, the entities of ``text`` being ``names``:
    (surface, label, division key or "", kb_id)."""
    return {r["o"][4] for r in relations_on(nlp, text, names) if r["p"] == "locatedIn" and r["s"][3] == subject}


def test_a_company_opened_by_a_run_of_places_lies_in_the_innermost_one_the_article_names(nlp):
    text = "黄冈市浠水县召开座谈会。黄冈浠水远航食品有限公司负责人介绍了情况。"
    names = [("黄冈市", "DISTRICT", "湖北省/黄冈市", ""), ("浠水县", "DISTRICT", "黄冈市/浠水县", ""),
             ("黄冈浠水远航食品有限公司", "ENTERPRISE", "", "ner")]
    assert "黄冈市/浠水县" in placed(nlp, text, names, "黄冈浠水远航食品有限公司")


@pytest.mark.parametrize("text, subject, kb", [
    # the inner place of a run the article does not name places nothing; the outer one still does
    ("黄冈市召开座谈会。黄冈浠水远航食品有限公司负责人介绍了情况。", "黄冈浠水远航食品有限公司", "ner"),
    # a known (gazetteer) company lies in the place its name opens with
    ("黄冈市召开座谈会。黄冈云溪数据交易所负责人介绍了情况。", "黄冈云溪数据交易所", ""),
    # a branch lies in its own place after a parent named after another place
    ("黄冈市召开座谈会。湖北远航大学黄冈研究院负责人介绍了情况。", "湖北远航大学黄冈研究院", "ner"),
])
def test_a_name_lies_in_the_one_place_inside_it_the_article_names(nlp, text, subject, kb):
    names = [("黄冈市", "DISTRICT", "湖北省/黄冈市", ""), (subject, "ENTERPRISE", subject if not kb else "", kb)]
    assert placed(nlp, text, names, subject) == {"湖北省/黄冈市"}


def test_an_initiative_lies_in_the_last_place_of_the_run_in_its_brackets(nlp):
    text = "黄冈市召开座谈会。远航数据（湖北·黄冈）算力中心投入运营，远航班列（黄冈）开行。"
    names = [("黄冈市", "DISTRICT", "湖北省/黄冈市", ""),
             ("远航数据（湖北·黄冈）算力中心", "INITIATIVE", "", "ner"), ("远航班列（黄冈）", "INITIATIVE", "", "ner")]
    assert placed(nlp, text, names, "远航数据（湖北·黄冈）算力中心") == {"湖北省/黄冈市"}
    assert placed(nlp, text, names, "远航班列（黄冈）") == {"湖北省/黄冈市"}


def test_a_countys_plan_lies_in_the_county_a_citys_plan_stays_unplaced(nlp):
    text = "浠水县、黄冈市分别印发了《浠水县远航产业振兴计划》和《黄冈市远航产业发展方案》。"
    names = [("浠水县", "DISTRICT", "黄冈市/浠水县", ""), ("黄冈市", "DISTRICT", "湖北省/黄冈市", ""),
             ("浠水县远航产业振兴计划", "INITIATIVE", "", "book_title"),
             ("黄冈市远航产业发展方案", "INITIATIVE", "", "book_title")]
    assert placed(nlp, text, names, "浠水县远航产业振兴计划") == {"黄冈市/浠水县"}
    assert not placed(nlp, text, names, "黄冈市远航产业发展方案")


def test_an_executive_title_is_held_in_the_body_before_it(nlp):
    text = "”远航产业技术研究院执行院长林一鸣说。"
    names = [("远航产业技术研究院", "ENTERPRISE", "", "ner"), ("林一鸣", "PERSON", "", "title_name")]
    doc, _ = process(nlp, text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=lab, kb_id=kb) for s, lab, _, kb in names]
    doc = nlp.get_pipe("kg_relations")(doc)
    posts = {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}
    assert posts == {("林一鸣", "远航产业技术研究院", "执行院长")}


def test_a_groups_company_is_not_placed_by_the_groups_place_its_branch_is_by_its_own(nlp):
    text = "湖北省、黄冈市召开座谈会。湖北远航集团新能源公司、湖北远航集团黄冈分公司负责人介绍了情况。"
    names = [("湖北省", "DISTRICT", "湖北省", ""), ("黄冈市", "DISTRICT", "湖北省/黄冈市", ""),
             ("湖北远航集团新能源公司", "ENTERPRISE", "", "ner"), ("湖北远航集团黄冈分公司", "ENTERPRISE", "", "ner")]
    assert not placed(nlp, text, names, "湖北远航集团新能源公司")
    assert placed(nlp, text, names, "湖北远航集团黄冈分公司") == {"湖北省/黄冈市"}


def test_a_place_named_after_a_zone_the_article_names_lies_in_it(nlp):
    """「中国（某省）自由贸易试验区某某片区」「某新区启动区」: a place whose name opens with the whole name of a zone the
    article names on its own lies in that zone."""
    doc, _ = process(nlp, "中国（青州）自由贸易试验区云溪片区今年新增企业500家。中国（青州）自由贸易试验区将扩大开放。")
    found = {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == "locatedIn"}
    assert ("中国（青州）自由贸易试验区云溪片区", "中国（青州）自由贸易试验区") in found
