"""National party organs and intergovernmental organisations (``gazetteers/agency_international.tsv``) are
agencies by their full names, and ``benchmarks/msra.py`` translates kg's mentions to MSRA's conventions only
where the two name the same thing differently. Every sentence is invented for these tests."""
import importlib.util
import sys
from pathlib import Path

import pytest

from kg.language.lexicon import load_lexicon

from ..conftest import process


def ents(doc):
    return [(e.text, e.label_, e.id_) for e in doc.ents]  # id_: the canonical name


def test_the_extra_agency_file_is_read_with_agency_tsv():
    agencies = dict(load_lexicon().gazetteer["agency"])
    assert "国务院" in agencies  # agency.tsv
    assert "世贸组织" in agencies["世界贸易组织"] and "联合国" in agencies  # agency_international.tsv


def test_an_organ_of_the_central_committee_is_named_whole(nlp):
    doc, _ = process(nlp, "中共中央政治局常委、宁州市委书记王建华出席会议。中共中央统战部负责同志介绍了有关情况。")
    found = ents(doc)
    assert ("中共中央政治局", "AGENCY", "中共中央政治局") in found
    assert ("中共中央统战部", "AGENCY", "中共中央统一战线工作部") in found
    assert not any(text == "中共中央" for text, *_ in found)


def test_intergovernmental_organisations_are_agencies(nlp):
    doc, _ = process(nlp, "宁州市代表团出席了联合国大会，并与世贸组织、亚太经合组织和世界银行的官员座谈。")
    found = {(text, label) for text, label, _ in ents(doc)}
    assert {("联合国大会", "AGENCY"), ("世贸组织", "AGENCY"), ("亚太经合组织", "AGENCY"),
            ("世界银行", "AGENCY")} <= found


@pytest.fixture(scope="module")
def msra():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "msra.py"
    spec = importlib.util.spec_from_file_location("msra_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module, module.Conventions.load()


@pytest.mark.parametrize("text, start, end, label, expected", [
    ("王主席会见了来宾", 0, 3, "PERSON", (0, 1, "PER")),  # surname + title: the surname
    ("欧阳教授说", 0, 4, "PERSON", (0, 2, "PER")),  # a compound surname
    ("李老笑着说", 0, 2, "PERSON", (0, 1, "PER")),  # surname + honorific
    ("王建华说", 0, 3, "PERSON", (0, 3, "PER")),  # a full name: as it is
    ("法国政府表示", 0, 4, "AGENCY", (0, 2, "LOC")),  # a government named by its country: the country
    ("宁州市人民政府表示", 0, 7, "AGENCY", (0, 3, "LOC")),  # ... by a place kg found in the article
    ("省政府表示", 0, 3, "AGENCY", None),  # ... by no place: nothing
    ("宁州市商务局表示", 0, 6, "AGENCY", (0, 6, "ORG")),  # another body: as it is
    ("亚太地区经济", 0, 4, "DISTRICT", (0, 2, "LOC")),  # the generic 地区 left out
    ("东盟各国", 0, 2, "DISTRICT", (0, 2, "ORG")),  # a bloc of states
    ("东盟地区论坛", 0, 4, "DISTRICT", (0, 2, "ORG")),
    ("党的十五大召开", 0, 5, "INITIATIVE", (2, 5, "ORG")),  # a party congress, without 党的
    ("宁州党第三次全国代表大会", 0, 12, "INITIATIVE", (0, 12, "ORG")),
    ("《宁州市数据条例》", 1, 8, "INITIATIVE", None),  # other initiatives are not scored
])
def test_msra_translation_of_kg_s_mentions(msra, text, start, end, label, expected):
    module, conventions = msra
    assert module.msra_mention(text, start, end, label, conventions, places={"宁州市"}) == expected


def test_a_two_character_place_spreads_only_where_it_is_read_as_a_place(nlp):
    """和平 is a county's short name and a common noun: read once as a place, it is not a place in 世界和平."""
    text = "他在和平工作多年，后来调到宁州。他说，我们要维护世界和平。"
    doc, _ = process(nlp, text)
    places = [e.start_char for e in doc.ents if e.label_ == "DISTRICT" and e.text == "和平"]
    assert places == [2]


def test_msra_translation_of_a_government_implied_by_a_post(msra):
    module, conventions = msra
    # 「宁州市市长」: kg's Agency at 宁州市 is 宁州市人民政府; MSRA writes the place
    assert module.msra_mention("宁州市市长王建华", 0, 3, "AGENCY", conventions, {"宁州市"}, "宁州市人民政府") \
        == (0, 3, "LOC")


def test_msra_translation_of_a_body_after_its_term(msra):
    module, conventions = msra
    assert module.msra_mention("宁州市第九届人民代表大会代表", 6, 12, "AGENCY", conventions, set()) == (3, 12, "ORG")


def test_an_organisation_of_two_countries_joined_by_a_dash_is_named_whole(nlp):
    doc, _ = process(nlp, "老挝—中国友好协会主席会见了宁州代表团。")
    found = {(text, label) for text, label, _ in ents(doc)}
    assert ("老挝—中国友好协会", "AGENCY") in found
    assert not {text for text, _ in found} & {"中国友好协会", "老挝"}


def test_people_s_organisations_are_no_entities(nlp):
    """GUIDELINES: people's organisations such as 工商联 are not entities; so are 妇联, 侨联, 文联, 科协, 总工会."""
    doc, _ = process(nlp, "宁州市妇联主席王芳出席会议，全国妇联和宁州市总工会也派人参加。")
    assert [(text, label) for text, label, _ in ents(doc)] == [("王芳", "PERSON")]


def test_a_person_cut_at_a_middle_dot_is_named_whole(nlp):
    """LAC reads only the first part of a transliterated full name (巴桑|·格列朗达): the person runs over the dot."""
    doc, _ = process(nlp, "出席会议的有巴桑·格列朗达（藏族）等代表。")
    assert [(text, label) for text, label, _ in ents(doc)] == [("巴桑·格列朗达", "PERSON")]


def test_dotted_whole_keeps_to_the_transliterated_parts(nlp):
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    text = "主席爱德华多·扬·莫达，"
    assert ner._dotted_whole(text, 2, 6) == (2, 11)  # 爱德华多|·扬·莫达
    assert ner._dotted_whole(text, 9, 11) == (2, 11)  # 莫达 after the dots
    assert ner._dotted_whole("宁州市长王建华说", 4, 7) == (4, 7)  # no dot: as it is


def test_a_person_cut_inside_a_dotted_name_is_named_whole(nlp):
    """LAC reads a dotted name of a Uygur or Tibetan citizen from inside its first part (某某|某某·某某) or cuts it
    in two at a character of no foreign table (合, 都): the person runs over every part, and stops at the words
    around it (村民, 的)."""
    doc, _ = process(nlp, "云溪县某村，村民萨合依木·吐尔都底气十足。返乡创业的吐都麦孜尔·阿吾江开了一家网店。"
                          "宁州市某乡，牧民热合曼·努尔别克说，今年收成好。")
    people = [text for text, label, _ in ents(doc) if label == "PERSON"]
    assert people == ["萨合依木·吐尔都", "吐都麦孜尔·阿吾江", "热合曼·努尔别克"]


def test_a_dotted_name_stops_before_a_function_word_or_a_verb_after_it(nlp):
    """The characters of a dotted name's parts also open words after it (都, 则, 再次, 合作): its last part ends where
    jieba reads a function word or a verb of two characters there, not inside a part (买买|提)."""
    doc, _ = process(nlp, "牧民艾合塔尔·木汗都表示支持，宁州市某乡的热依娜·吐尔洪再次来到合作社。"
                          "与扎西·多吉合作的企业有三家，古丽米拉·艾力则表示满意。")
    people = [text for text, label, _ in ents(doc) if label == "PERSON"]
    assert people == ["艾合塔尔·木汗", "热依娜·吐尔洪", "扎西·多吉", "古丽米拉·艾力"]
