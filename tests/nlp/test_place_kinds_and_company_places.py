"""Kinds of place that are no District and places around companies' and bodies' names (branch ent15): world regions,
landscapes, the home country, a county's short name after its province, a company's legal name after a run of
places, a body named after a place's short name, a preposition before a list's first company, a gazetteer company
opening a work's name. The places are divisions no article of the evaluation sets names; companies and works are
invented."""
from __future__ import annotations

import pytest

from kg.config import Settings
from kg.nlp import make_nlp
from kg.nlp.components.trained_ner import Fragments

from ..conftest import process


@pytest.fixture(scope="module")
def fragments():
    return Fragments.load()


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(model=None, relation_model=""))


@pytest.mark.parametrize("name", ["大洋洲", "北美洲", "拉丁美洲", "大西洋", "青岭水乡", "青岭南山区", "青岭湖湿地",
                                  "青岭林区", "青岭湖库", "边境县"])
def test_world_regions_and_landscapes_are_no_district(fragments, name):
    assert fragments.is_fragment(name, "DISTRICT")


@pytest.mark.parametrize("name", ["岚山区", "海勃湾区", "兴山县", "青岭经济开发区"])
def test_divisions_and_zones_stay_districts(fragments, name):
    assert not fragments.is_fragment(name, "DISTRICT")


@pytest.mark.parametrize("text, start", [
    ("内蒙古乌海市海勃湾区青岭农业有限公司", len("内蒙古乌海市")),  # named from its innermost place
    ("内蒙古乌海青岭农业有限公司", 0),  # no level before the last place: the run stays in the name
    ("乌海市青岭农业有限公司", 0),  # one place: nothing to cut
    ("内蒙古乌海市海勃湾区青岭农业合作社", 0),  # no legal form
])
def test_a_legal_name_after_a_run_of_places_starts_at_the_last_place(fragments, text, start):
    assert fragments.company_place_start(text, 0, len(text), "ENTERPRISE") == start


def test_a_legal_name_opened_by_a_place_with_its_level_is_bounded(fragments):
    assert fragments.placed_legal_name("海勃湾区青岭农业有限公司")
    assert not fragments.placed_legal_name("青岭农业有限公司") and not fragments.placed_legal_name("海勃湾区青岭农业合作社")
    assert not fragments.placed_legal_name("海勃湾青岭农业有限公司")  # a short name: no level bounds it


def test_a_county_short_name_after_its_province_is_a_place_of_its_own(nlp):
    doc, _ = process(nlp, "来自湖北兴山的橙子最快2天到达武汉。")
    assert ("兴山", "DISTRICT") in {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize("text", ["乌海海关统计，今年出口增长。", "青岭实验室由乌海大学牵头组建。"])
def test_a_body_named_after_a_place_short_name_names_no_place(nlp, text):
    doc, _ = process(nlp, text)
    assert "乌海" not in {n[3] for n in doc._.kg_nested if n[2] == "DISTRICT"}


def test_a_body_named_after_a_place_in_full_names_it(nlp):
    doc, _ = process(nlp, "乌海市青岭局统计，今年出口增长。")
    assert "乌海市" in {n[3] for n in doc._.kg_nested if n[2] == "DISTRICT"} | {e.text for e in doc.ents}


@pytest.mark.parametrize("text, first", [("平台向瑞达、青岭、远航等企业推送信息。", "瑞达"),
                                         ("平台向和德、远航、白沙等企业推送信息。", "和德")])
def test_a_preposition_before_a_list_first_company_is_cut_off(nlp, text, first):
    doc, _ = process(nlp, text)
    companies = [e.text for e in doc.ents if e.label_ == "ENTERPRISE"]
    assert companies[0] == first


@pytest.mark.parametrize("text, company", [("2025年，中国电建棉沙岛风电项目全容量并网。", "中国电建"),
                                           ("中国中铁琼青沙风电项目建成。", "中国中铁")])
def test_a_long_company_form_opening_a_work_is_the_company_where_lac_runs_on(nlp, text, company):
    doc, _ = process(nlp, text)
    assert company in {n[3] for n in doc._.kg_nested if n[2] == "ENTERPRISE"}


def test_a_named_cooperative_is_a_company_and_a_kind_of_cooperative_or_a_subsidiary_is_not(nlp, fragments):
    doc, _ = process(nlp, "青岭村成立了白沙湾草莓种植专业合作社，带动农户增收。")
    assert ("白沙湾草莓种植专业合作社", "ENTERPRISE") in {(e.text, e.label_) for e in doc.ents}
    assert fragments.is_fragment("农机专业合作社", "ENTERPRISE") and fragments.is_fragment("青岭智能全资子公司", "ENTERPRISE")
    assert not fragments.is_fragment("青岭电子公司", "ENTERPRISE")


def test_a_lead_verb_before_a_suffix_names_nothing(nlp):
    for text, kind in (("依托公司+农户模式，带动增收。", "依托公司"), ("依托合作社+电商模式，线上线下同步销售。", "依托合作社")):
        doc, _ = process(nlp, text)
        assert kind not in {s.text for key in doc.spans for s in doc.spans[key] if s.kb_id_ == "enterprise_suffix"}
