"""Places below the divisions table written right after the place that holds them (「某县某镇」「某新区某镇」「某镇某村」
「某镇某某产业园」): each lies in the one before (kg_relations' nested_place). The real pipeline with the shipped NER,
which reads each place on its own, and no relation classifier. The county is a division no article of the evaluation sets names; the
towns, villages, zones and companies are invented."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(relation_model=""))


def located(doc) -> set[tuple[str, str]]:
    return {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == "locatedIn"}


@pytest.mark.parametrize("text, inner, outer", [
    # places below the divisions table, each in the place written right before it (nested_place)
    ("走进武都区青禾镇的远航食品有限公司，一股香味扑鼻而来。", "青禾镇", "武都区"),
    ("在武都区青禾镇石桥村，村民正在采茶。", "青禾镇", "武都区"),
    ("在武都区青禾镇石桥村，村民正在采茶。", "石桥村", "青禾镇"),
    ("广东省东莞市青禾镇云溪工业园区，货车繁忙穿梭。", "云溪工业园区", "青禾镇"),
    # a named site no zone word ends, right after a division (nested_place)
    ("在武都区青禾湖景区，游客络绎不绝。", "青禾湖景区", "武都区"),
    ("陇南武都区青禾古寨迎来大批游客。", "青禾古寨", "武都区"),
    # a name after a place and 的 lies in that place (place_of)
    ("走进武都区青禾镇的远航食品有限公司，一股香味扑鼻而来。", "远航食品有限公司", "青禾镇"),
    ("甘肃陇南武都区的青禾产业园，货车往来穿梭。", "青禾产业园", "武都区"),
])
def test_a_local_place_or_name_lies_in_the_place_written_before_it(nlp, text, inner, outer):
    doc, _ = process(nlp, text)
    assert (inner, outer) in located(doc)
    assert outer in {e.text for e in doc.ents if e.label_ == "DISTRICT"}


def test_a_village_before_a_town_is_not_placed_in_it(nlp):
    doc, _ = process(nlp, "今年，石桥村青禾镇新建大棚120座。")
    assert ("青禾镇", "石桥村") not in located(doc)


def test_a_person_after_a_place_and_de_is_not_placed(nlp):
    doc, _ = process(nlp, "来自甘肃陇南武都区的王青禾介绍了经验。")
    assert not any(s == "王青禾" for s, _ in located(doc))


def test_a_company_opening_with_a_country_named_on_its_own_lies_in_it(nlp):
    doc, _ = process(nlp, "近年来，越南远航咖啡集团等厂商来到海南。越南是咖啡生产大国。")
    assert ("越南远航咖啡集团", "越南") in located(doc)


@pytest.mark.parametrize("text, company", [
    ("近年来，越南远航咖啡集团等厂商来到海南。", "越南远航咖啡集团"),  # the country is named nowhere else
    # a pair of China and a country, and a world region, are no country the company lies in
    ("中非远航发展基金有限公司与多家企业签约。中非合作论坛期间，双方达成共识。", "中非远航发展基金有限公司"),
    ("东亚远航银行有限公司在海南设立分行。东亚经济持续增长。", "东亚远航银行有限公司"),
])
def test_a_company_opening_with_no_country_it_lies_in_is_not_placed_there(nlp, text, company):
    doc, _ = process(nlp, text)
    assert not any(s == company and o[:2] in ("越南", "中非", "东亚") for s, o in located(doc))


def test_a_common_noun_ending_like_a_township_is_no_place_below_the_division(nlp):
    doc, _ = process(nlp, "武都区江南水乡特色小镇吸引了大批游客。")
    assert not any(o == "武都区" and s.startswith(("江南水乡", "特色小镇")) for s, o in located(doc))


@pytest.mark.parametrize("text, event", [
    ("近年来，武都区已连续多年举办青禾文化旅游节，游客逐年增加。", "青禾文化旅游节"),
    ("5月22日，远航商会在武都区举办2025年青禾投资促进峰会。", "2025年青禾投资促进峰会"),
    ("武都区举办首届青禾数字经济博览会。", "首届青禾数字经济博览会"),  # 首届 opens the event's name
    ("武都区举办“青苗进村、白鹭归岸”活动，吸引大批游客。", "“青苗进村、白鹭归岸”活动"),  # so does a quotation mark
])
def test_an_event_a_place_hosts_is_held_in_it(nlp, text, event):
    doc, _ = process(nlp, text)
    assert (event, "武都区") in located(doc)
