"""The body written right before a post title after a clause boundary (rule ``post_employer`` of kg_people): a
company the NER does not know, its sub-unit folded into the role, in the real pipeline. Invented names."""
from ..conftest import process
from .test_relation_lists_and_posts import posts_of as posts


def test_a_brand_like_company_before_a_corporate_title(nlp):
    doc, _ = process(nlp, "“无人小巴已经上路。”云岫知行副总裁周立群说，“明年还要扩大。”")
    assert ("云岫知行", "ENTERPRISE") in {(e.text, e.label_) for e in doc.ents}
    assert ("周立群", "云岫知行", "副总裁") in posts(doc)


def test_a_sub_unit_is_folded_into_the_role(nlp):
    doc, _ = process(nlp, "“吊装难度降低了。”澜汐科技海上业务单元总经理宋志远说。")
    assert ("宋志远", "澜汐科技", "海上业务单元总经理") in posts(doc)


def test_the_body_before_a_chain_of_titles(nlp):
    doc, _ = process(nlp, "“设备更可靠了。”穹岭能源高级副总裁、首席产品官钱振华介绍，订单很多。")
    assert {("钱振华", "穹岭能源", "高级副总裁"), ("钱振华", "穹岭能源", "首席产品官")} <= posts(doc)


def test_no_body_from_a_generic_head(nlp):
    doc, _ = process(nlp, "“今年订单很多。”公司副总经理宋志远说。")
    assert not any(e.label_ in ("ENTERPRISE", "AGENCY") for e in doc.ents)
