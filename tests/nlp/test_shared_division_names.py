"""A division name several divisions share (青山区 of 包头市 and of 武汉市): the mention is the one inside the place
written right before it, else the one of the article's home, else the one whose city the article names. The
divisions are ones no article of the evaluation sets names; the companies are invented."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(model=None, relation_model=""))


def division_of(doc, text: str) -> str:
    return next(e.id_ for e in doc.ents if e.text == text)


def test_the_division_inside_the_place_written_before_it(nlp):
    doc, _ = process(nlp, "包头市的远航集团来到湖北武汉青山区考察。包头市还将组织企业前往。")
    assert division_of(doc, "青山区") == "武汉市/青山区"


def test_without_a_place_before_the_division_of_the_city_the_article_names(nlp):
    doc, _ = process(nlp, "湖北省和湖南省的企业来到青山区考察，武汉市的远航集团也来了。")
    assert division_of(doc, "青山区") == "武汉市/青山区"
