"""A post in the Politburo (「中共中央政治局常委、…某某」) is a post in the party's central committee too, the organ in
the role (kg_relations' organ_post). The person is invented."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(relation_model=""))


def test_a_politburo_post_is_a_post_in_the_central_committee(nlp):
    doc, _ = process(nlp, "中共中央政治局常委、国务院副总理王青禾出席会议。")
    posts = {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}
    assert ("王青禾", "中共中央", "中央政治局常委") in posts
    assert ("王青禾", "中共中央政治局", "常委") in posts and ("王青禾", "国务院", "副总理") in posts
