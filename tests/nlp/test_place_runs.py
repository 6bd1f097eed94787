"""A named place written after the known places that hold it (「某省某市|某某产业园」, 「某市|某某镇」): one node carrying
both names, located in the run's last place, each place of the run in the one before (kg_relations' place_run); the
relation classifier adds no wider place to it. The real pipeline with the rules alone (no trained NER, no relation
classifier). The places are divisions no article of the evaluation sets names; the zones and towns are invented."""
from types import SimpleNamespace

import pytest

from kg.config import Settings
from kg.ingest.reader import document_from_text
from kg.nlp import make_nlp
from kg.nlp.components.relation_classifier import RelationClassifier
from kg.nlp.extract import extract_document
from kg.resolve import Resolver

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(model=None, relation_model=""))


def located(doc) -> set[tuple[str, str, str]]:
    return {(r["s"][3], r["o"][3], r["rule"]) for r in doc._.kg_relations if r["p"] == "locatedIn"}


def nested(doc) -> set[str]:
    return {n[3] for n in doc._.kg_nested if n[2] == "DISTRICT"}


@pytest.mark.parametrize("text, whole, own, places", [
    ("内蒙古乌海青岭数智产业园今年新引进企业12家。", "内蒙古乌海青岭数智产业园", "青岭数智产业园", ["内蒙古", "乌海"]),
    ("乌海青岭湖镇今年新建风机12台。", "乌海青岭湖镇", "青岭湖镇", ["乌海"]),
])
def test_a_named_place_after_a_run_of_places_lies_in_the_last_one(nlp, text, whole, own, places):
    doc, _ = process(nlp, text)
    found = located(doc)
    assert (whole, places[-1], "place_run") in found
    assert {(inner, outer, "place_run") for outer, inner in zip(places, places[1:])} <= found
    assert own in nested(doc)  # its own name, without the places, is a mention of it too


def test_a_kind_of_place_after_a_run_is_named_after_the_run_s_last_place(nlp):
    doc, _ = process(nlp, "甘肃陇南经济技术开发区今年新引进企业12家。")
    assert ("甘肃陇南经济技术开发区", "陇南", "place_run") in located(doc)
    assert "陇南经济技术开发区" in nested(doc) and "经济技术开发区" not in nested(doc)


def test_the_named_place_is_one_node_with_both_names(nlp):
    text = "内蒙古乌海青岭数智产业园今年新引进企业12家。"
    ex = extract_document(nlp, document_from_text(text, "t.txt"))
    entities = Resolver().resolve([ex]).entities.values()
    zone = [e for e in entities if "青岭数智产业园" in {e.name, *e.aliases}]
    assert len(zone) == 1 and {"内蒙古乌海青岭数智产业园", "青岭数智产业园"} <= {zone[0].name, *zone[0].aliases}


@pytest.mark.parametrize("name, run, own", [
    ("武都区青岭湖景区", ["武都区"], "青岭湖景区"),  # a county written in full
    ("内蒙古乌海青岭湖景区", ["内蒙古", "乌海"], "青岭湖景区"),
    ("内蒙古乌海经济技术开发区", ["内蒙古", "乌海"], "乌海经济技术开发区"),  # a kind of zone: named after the place
    # a zone of its own in the zone named after the place: it lies in that zone, which lies in the place
    ("内蒙古乌海经济技术开发区青岭数智产业园", ["内蒙古", "乌海", "乌海经济技术开发区"], "乌海经济技术开发区青岭数智产业园"),
    ("乌海武都青岭湖景区", ["乌海"], "武都青岭湖景区"),  # 武都 does not lie in 乌海: the name starts after 乌海
    ("武都青岭湖景区", None, None),  # a county's short name alone may be the name's own word
    ("陇南经济技术开发区", None, None),  # one place and a kind of place: the name is the place's zone
    ("陇南经济技术开发区青岭数智产业园", None, None),
    ("陇南馆镇", None, None),  # two characters after the place are no name of their own
])
def test_the_run_a_name_opens_with(nlp, name, run, own):
    rules = nlp.get_pipe("kg_relations")
    rules.text, rules.home = name, ""
    found = rules._run_head(nlp.make_doc(name).char_span(0, len(name)))
    assert (None if found is None else [p[3] for p in found[0]]) == run
    assert (None if found is None else name[found[1]:]) == own


def test_the_classifier_adds_no_wider_place_to_a_place_its_name_places(nlp):
    classifier = RelationClassifier(nlp)
    placed = classifier._placed_by_name([{"s": (0, 11, "DISTRICT", "内蒙古乌海青岭湖景区", ""), "p": "locatedIn",
                                          "o": (3, 5, "DISTRICT", "乌海", "内蒙古自治区/乌海市"), "rule": "place_run"}])
    assert placed == {(0, 11): ["内蒙古自治区/乌海市"]}

    def pair(place_id):
        return SimpleNamespace(subject=SimpleNamespace(start_char=0, end_char=11),
                               object=SimpleNamespace(id_=place_id))
    assert classifier._wider_than_name(pair("内蒙古自治区"), placed)  # wider than the name says
    assert classifier._wider_than_name(pair(""), placed)  # a place of no division
    assert not classifier._wider_than_name(pair("内蒙古自治区/乌海市"), placed)
    assert not classifier._wider_than_name(pair("乌海市/海勃湾区"), placed)  # narrower: the text may say so
