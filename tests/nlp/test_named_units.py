"""A body or company whose name opens with the whole name of another of its type that the article names on its own,
the rest a unit of it, is part of it (「某省人民政府办公厅」「某银行某某分行」). The names are invented."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(relation_model=""))


def parts(nlp, text):
    doc, _ = process(nlp, text)
    return {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == "partOf"}


def test_an_office_named_after_a_government_the_article_names_is_part_of_it(nlp):
    found = parts(nlp, "宁州市人民政府办公厅发布通知。宁州市人民政府将加强管理。")
    assert ("宁州市人民政府办公厅", "宁州市人民政府") in found


def test_a_branch_named_after_a_bank_the_article_names_is_part_of_it(nlp):
    assert ("远航银行宁州分行", "远航银行") in parts(nlp, "远航银行宁州分行今年放贷增长。远航银行将继续支持实体经济。")


def test_a_unit_whose_whole_is_not_named_on_its_own_is_part_of_nothing(nlp):
    assert not parts(nlp, "宁州市人民政府办公厅发布通知。")


def test_a_company_whose_name_goes_on_past_a_shorter_name_is_no_unit_of_it(nlp):
    found = parts(nlp, "远航动力全资子公司完成新一轮融资。远航动力科技有限公司今年营收增长。远航动力将扩大产能。")  # (公司, not a unit)
    assert not any(whole == "远航动力" for _, whole in found)
