"""Bodies named by what they run or what they are (纪念馆, 博物馆, 工作组, 指挥部) and institutions the model cuts at a
joiner inside their names. Every name is invented for these tests."""
from collections import namedtuple
from types import SimpleNamespace

import pytest
import spacy

from kg.language.lexicon import load_lexicon
from kg.nlp.components.ner_typing import NerTyping, type_org

Span = namedtuple("Span", "start_char end_char label_")


@pytest.fixture(scope="module")
def typing():
    return NerTyping(spacy.blank("zh"))


def test_a_venue_read_as_a_place_is_the_body_running_it(rules_nlp):
    doc = rules_nlp("游客参观了宁州起义纪念馆。")
    assert ("宁州起义纪念馆", "AGENCY") in [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("name", ["宁州市援藏工作组", "云溪镇茶园示范项目工作专班", "宁州市防汛抗旱指挥部",
                                  "云岭省人民政府驻宁州办事处", "云溪县博物馆", "云溪街道综合事务中心",
                                  "宁州市产业发展促进中心", "云溪县农业技术推广中心"])
def test_working_groups_command_posts_offices_museums_and_service_centres_are_agencies(name):
    lex = load_lexicon()
    assert type_org(name, lex, NerTyping.endings(lex)) == "AGENCY"


def test_a_province_before_a_venues_city_is_no_part_of_its_name(typing, monkeypatch):
    class Division:
        def __init__(self, level):
            self.level = level

    places = {"云岭省": ("云岭省",), "云岭": ("云岭省",), "宁州市": ("云岭省/宁州市",)}
    monkeypatch.setattr(typing, "lex", SimpleNamespace(
        place_keys=lambda name: places.get(name, ()),
        divisions={"云岭省": Division("province"), "云岭省/宁州市": Division("prefecture")}))
    assert typing._province_before_place("云岭省宁州市博物馆") == 3
    assert typing._province_before_place("云岭宁州市博物馆") == 2
    assert typing._province_before_place("宁州市博物馆") == 0
    assert typing._province_before_place("云岭起义纪念馆") == 0


def test_an_institution_cut_after_a_joiner_inside_its_name_is_one_name(typing):
    text = "宁州大学海洋科学与生态工程实验室主任说，云溪和宁州研究院合作。"
    cut = text.index("与") + 1
    spans = [Span(0, cut, "ORG"), Span(cut, text.index("主任"), "ORG")]
    assert typing._joined(text, spans) == [(0, text.index("主任"), "ORG")]
    # a place and an institution joined by 和 are two names
    other = text.index("宁州研究院")
    spans = [Span(text.index("云溪"), text.index("云溪") + 2, "LOC"), Span(other, other + 5, "ORG")]
    assert typing._joined(text, spans) == [(s.start_char, s.end_char, s.label_) for s in spans]


def test_two_organisations_joined_by_a_joiner_stay_two_names(typing, nlp):
    """「宁州大学与|远航研究院」: a whole organisation's name before the joiner, two bodies (not 「宁州大学与远航研究院」)."""
    text = "宁州大学与远航研究院签署协议。"
    cut = text.index("与") + 1
    spans = [Span(0, cut, "ORG"), Span(cut, text.index("签署"), "ORG")]
    assert typing._joined(text, spans) == [(s.start_char, s.end_char, s.label_) for s in spans]
    assert "宁州大学与远航研究院" not in {e.text for e in nlp(text).ents}


def test_a_province_before_a_hospitals_city_is_dropped_in_typing(typing, monkeypatch):
    from spacy.tokens import Doc

    from kg.nlp.spans import candidates

    class Division:
        def __init__(self, level):
            self.level = level

    places = {"云岭省": ("云岭省",), "宁州市": ("云岭省/宁州市",)}
    real = typing.lex
    monkeypatch.setattr(typing, "lex", SimpleNamespace(
        place_keys=lambda name: places.get(name, ()), is_place=lambda name: name in places,
        is_place_run=lambda name: False, not_entities=real.not_entities, titles=real.titles,
        patterns=real.patterns, agency_cores=real.agency_cores,
        divisions={"云岭省": Division("province"), "云岭省/宁州市": Division("prefecture")}))
    text = "她在云岭省宁州市第一人民医院就诊。"
    doc = Doc(spacy.blank("zh").vocab, words=list(text), spaces=[False] * len(text))
    start = text.index("云岭省")
    typing._organisation_or_place(doc, text, start, text.index("就诊"), "ORG")
    assert [s.text for s in candidates(doc)] == ["宁州市第一人民医院"]
