"""A title after a unit of the body named earlier in the same chain (「某部总农艺师、某司司长甲」) is held in that body,
the unit in the role; a unit written with a level (「市公安局」) is a body of its own. The names are invented."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(relation_model=""))


def posts(nlp, text):
    doc, _ = process(nlp, text)
    return {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}


def test_a_title_after_a_unit_is_held_in_the_body_named_earlier_in_the_chain(nlp):
    found = posts(nlp, "宁州市农业农村局总农艺师、种植业管理处（农药管理处）处长王青禾介绍，今年将继续提升单产。")
    assert ("王青禾", "宁州市农业农村局", "种植业管理处（农药管理处）处长") in found


def test_a_unit_with_no_body_before_it_in_the_chain_holds_nothing(nlp):
    assert not posts(nlp, "推进降本增效、产业处处长王青禾出席会议。")


def test_a_deputy_chair_of_a_committee_reaches_the_body_named_first_in_the_chain(nlp):
    found = posts(nlp, "宁州市人大常委会委员、宪法和法律委员会副主任委员，宁州大学法学院教授王青禾的笔记本上记满了内容。")
    assert ("王青禾", "宁州市人大常委会", "委员") in found and ("王青禾", "宁州大学", "法学院教授") in found
