"""A name written right after a place, nothing between (kg_relations' place_before_name: 「某县|某某食品有限公司」
「某镇|某某村卫生室」), a named site after a township or village (nested_place: 「某镇|某某坡」), and a name that opens
with a township or village the article names on its own (local_place_prefix: 「某镇某某种植基地」). The relation rules
on names set by hand, and the real pipeline for the last two; the county is a division, the towns, villages, sites,
companies and programmes are invented."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp

from ..conftest import relations_on


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(relation_model=""))


def rules_on(nlp, text, names) -> dict[tuple[str, str], str]:
    """(subject, place) → rule of the locatedIn relations kg_relations finds when ``text``'s entities are ``names``."""
    return {(r["s"][3], r["o"][3]): r["rule"] for r in relations_on(nlp, text, names) if r["p"] == "locatedIn"}


GANSU = ("甘肃", "DISTRICT", "甘肃省", "")
COUNTY = ("武都区", "DISTRICT", "陇南市/武都区", "")
TOWN = ("青禾镇", "DISTRICT", "", "ner")


@pytest.mark.parametrize("text, names, inner, outer", [
    # a company, a hospital, a programme right after the run of places: the run's last
    ("最近，甘肃武都区远航食品有限公司负责人介绍了新产品。",
     [GANSU, COUNTY, ("远航食品有限公司", "ENTERPRISE", "", "ner")], "远航食品有限公司", "武都区"),
    ("甘肃武都区青禾镇石桥村卫生室今年换上了新的诊疗设备。",
     [GANSU, COUNTY, TOWN, ("石桥村卫生室", "AGENCY", "", "ner")], "石桥村卫生室", "青禾镇"),
    ("武都区百果采摘节将于下月开幕。",
     [COUNTY, ("百果采摘节", "INITIATIVE", "", "ner")], "百果采摘节", "武都区"),
    # a named site right after a township
    ("走进武都区青禾镇百果世界，温室里瓜果飘香。",
     [COUNTY, TOWN, ("百果世界", "DISTRICT", "", "ner")], "百果世界", "青禾镇"),
])
def test_a_name_right_after_a_place_lies_in_it(nlp, text, names, inner, outer):
    assert (inner, outer) in rules_on(nlp, text, names)


@pytest.mark.parametrize("text, names, subject", [
    # not after a country; not a body that is no hospital; not a name with a place of its own
    ("越南远航咖啡集团有限公司与多家企业签约。",
     [("越南", "DISTRICT", "", "ner"), ("远航咖啡集团有限公司", "ENTERPRISE", "", "ner")], "远航咖啡集团有限公司"),
    ("甘肃武都区青禾发展研究中心发布报告。",
     [GANSU, COUNTY, ("青禾发展研究中心", "AGENCY", "", "ner")], "青禾发展研究中心"),
    # a gazetteer's company (a national one) written after a place is no company of that place
    ("武都区远航银行营业部今天开业。",
     [COUNTY, ("远航银行", "ENTERPRISE", "", "kg_gazetteer")], "远航银行"),
    ("甘肃武都区人民医院的医生正在问诊。",
     [GANSU, ("武都区人民医院", "AGENCY", "", "ner")], "武都区人民医院"),
    # a quoted programme names no place of its own
    ("武都区“青禾十条”实施以来成效明显。",
     [COUNTY, ("“青禾十条”", "INITIATIVE", "", "quoted")], "“青禾十条”"),
])
def test_no_place_before_name(nlp, text, names, subject):
    assert not any(s == subject and rule == "place_before_name" for (s, _), rule in rules_on(nlp, text, names).items())


def test_a_named_site_after_a_village_lies_in_it(nlp):
    text = "在武都区青禾镇石桥村卧牛坡，村民正在采茶。"
    names = [COUNTY, TOWN, ("石桥村", "DISTRICT", "", "ner"), ("卧牛坡", "DISTRICT", "", "ner")]
    assert rules_on(nlp, text, names)[("卧牛坡", "石桥村")] == "nested_place"


def test_a_name_opening_with_a_township_named_on_its_own_lies_in_it(nlp):
    text = "青禾镇位于武都区东部。青禾镇百果种植专业合作社负责人说，今年收成不错。"
    names = [TOWN, COUNTY, ("青禾镇百果种植专业合作社", "ENTERPRISE", "", "ner")]
    assert rules_on(nlp, text, names)[("青禾镇百果种植专业合作社", "青禾镇")] == "local_place_prefix"


def test_a_township_prefix_named_nowhere_on_its_own_places_nothing(nlp):
    text = "青禾镇百果种植专业合作社负责人说，今年收成不错。"
    names = [("青禾镇百果种植专业合作社", "ENTERPRISE", "", "ner")]
    assert not rules_on(nlp, text, names)
