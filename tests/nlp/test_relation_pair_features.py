"""The relation classifier's candidate pairs and features (kg.nlp.relation_pairs) on mentions the real pipeline
finds (LAC and the rules, no trained model). Invented names."""
import json

import pytest

from kg.config import Settings
from kg.nlp import make_nlp
from kg.nlp.components.relation_classifier import CONFIG_FILE, DEFAULT_MODEL_DIR
from kg.nlp.relation_pairs import PairFeatures, RulePlaces, load_pair_config

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(model=None, relation_model=""))


@pytest.fixture(scope="module")
def featurizer():
    return PairFeatures()


def adjacency(nlp, featurizer, text):
    """(subject, object) → the adjacent_place feature of each locatedIn candidate of ``text``."""
    doc, _ = process(nlp, text)
    out = {}
    for pair in featurizer.pairs(doc):
        if pair.predicate == "locatedIn":
            feats = featurizer.features(doc, pair, featurizer.sentence_ents(doc, pair.sentence))
            out[(pair.subject.text, pair.object.text)] = sorted(k for k in feats if k.startswith("adjacent_place"))
    return out


def test_a_narrower_place_written_right_after_a_wider_one(nlp, featurizer):
    found = adjacency(nlp, featurizer, "记者来到青山县白石镇红星村，村民正在采摘茶叶。")
    assert found[("白石镇", "青山县")] == ["adjacent_place=narrower_after"]
    assert found[("红星村", "白石镇")] == ["adjacent_place=narrower_after"]
    assert found[("青山县", "白石镇")] == ["adjacent_place=wider_before"]
    assert found[("红星村", "青山县")] == []  # not written next to each other


def test_the_divisions_table_ranks_a_known_province(nlp, featurizer):
    found = adjacency(nlp, featurizer, "在浙江省临安区白沙村，游客络绎不绝。")
    # the village after its district is a place of its own (names.yml ner.chained_place_endings)
    assert found[("临安区", "浙江省")] == ["adjacent_place=narrower_after"]
    assert found[("白沙村", "临安区")] == ["adjacent_place=narrower_after"]


def test_places_apart_have_no_adjacency_feature(nlp, featurizer):
    found = adjacency(nlp, featurizer, "白石镇的茶叶销往青山县。")
    assert found[("白石镇", "青山县")] == []


def test_the_packaged_model_uses_the_thresholds_chosen_with_the_pairs():
    chosen = load_pair_config()["component"]
    packaged = json.loads((DEFAULT_MODEL_DIR / CONFIG_FILE).read_text(encoding="utf-8"))
    assert packaged["thresholds"] == chosen["thresholds"]
    assert packaged["threshold"] == chosen["threshold"]


def placed(nlp, featurizer, text):
    """(subject, object) → what the rules' places say of each locatedIn candidate of ``text`` (rule_places)."""
    from kg.nlp.components.relation_classifier import rule_index

    doc, _ = process(nlp, text)
    rules = rule_index(doc._.kg_relations or ())
    return {(pair.subject.text, pair.object.text): featurizer.rule_places(
        pair, featurizer.sentence_ents(doc, pair.sentence), rules)
        for pair in featurizer.pairs(doc) if pair.predicate == "locatedIn"}


def test_a_project_the_rules_placed_elsewhere_in_its_sentence(nlp, featurizer):
    found = placed(nlp, featurizer, "宏远公司计划投资10亿元的青禾农业产业园项目将落户青山县，"
                                    "星海集团计划投资6亿元的蓝湾数据中心项目将落户白水县。")
    assert found[("青禾农业产业园项目", "青山县")] == RulePlaces()  # the rules' own pair
    assert found[("青禾农业产业园项目", "白水县")] == RulePlaces(other=("青山县",), of_mention_between=True)
    assert found[("星海集团", "白水县")] == RulePlaces(of_mention_between=True)  # its project settles there, not the company
    assert found[("蓝湾数据中心项目", "青山县")] == RulePlaces(other=("白水县",))
    assert all(found[key].against for key in [("青禾农业产业园项目", "白水县"), ("星海集团", "白水县"),
                                               ("蓝湾数据中心项目", "青山县")])


def test_a_place_inside_or_around_the_rules_place_is_no_other_place(nlp, featurizer):
    """By the divisions table: 杭州市 lies in the 浙江省 the rules gave, so it is no place elsewhere."""
    found = placed(nlp, featurizer, "宏远新材料有限公司落户浙江省，将在杭州市建设研发中心。")
    assert found[("宏远新材料有限公司", "杭州市")] == RulePlaces(around=("浙江省",))
    assert not found[("宏远新材料有限公司", "杭州市")].against
    found = placed(nlp, featurizer, "宏远新材料有限公司落户杭州市，成为浙江省新材料产业的龙头。")
    assert found[("宏远新材料有限公司", "浙江省")] == RulePlaces(inside=("杭州市",))
    assert not found[("宏远新材料有限公司", "浙江省")].against


def test_the_classifier_adds_no_place_against_the_rules_places(nlp, tmp_path):
    """A model sure of every locatedIn pair (bias only) adds the other clause's county to each project, unless
    ``rule_places_final`` keeps the places the rules gave; the setting is saved beside the weights."""
    from kg.nlp.components.relation_classifier import RelationClassifier, RelationModel

    text = "宏远公司计划投资10亿元的青禾农业产业园项目将落户青山县，星海集团计划投资6亿元的蓝湾数据中心项目将落户白水县。"
    found = {}
    for final in (False, True):
        component = RelationClassifier(nlp, rule_places_final=final, thresholds={"locatedIn": 0.5})
        component.model = RelationModel({"locatedIn": {"bias": 10.0, "weights": {}}})
        doc = component(process(nlp, text)[0])
        found[final] = {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == "locatedIn"}
    assert ("青禾农业产业园项目", "白水县") in found[False]
    assert ("青禾农业产业园项目", "白水县") not in found[True] and ("星海集团", "白水县") not in found[True]
    assert ("青禾农业产业园项目", "青山县") in found[True]  # the rules' own
    component.to_disk(tmp_path)
    assert RelationClassifier(nlp).from_disk(tmp_path).rule_places_final is True


def test_a_narrower_place_inside_the_rules_place_is_added(nlp):
    """「落户浙江省，在杭州市建设」: the rules' 浙江省 does not keep the classifier from 杭州市, which lies in it; an
    unrelated county would be kept out (the test above)."""
    from kg.nlp.components.relation_classifier import RelationClassifier, RelationModel

    component = RelationClassifier(nlp, rule_places_final=True, thresholds={"locatedIn": 0.5})
    component.model = RelationModel({"locatedIn": {"bias": 10.0, "weights": {}}})
    doc = component(process(nlp, "宏远新材料有限公司落户浙江省，将在杭州市建设研发中心。")[0])
    found = {(r["s"][3], r["o"][3]): r["rule"] for r in doc._.kg_relations if r["p"] == "locatedIn"}
    assert found[("宏远新材料有限公司", "浙江省")] != "model:relations"  # the rules' own
    assert found[("宏远新材料有限公司", "杭州市")] == "model:relations"


def _company_list(n: int) -> str:
    """An invented line listing ``n`` companies 「甲公司、乙集团、…」."""
    syllables = "华宏远星海蓝湾青禾金石泰丰瑞安鼎盛恒通嘉和永利博达天元"
    names = [f"{syllables[i % 24]}{syllables[(i * 7 + 3) % 24]}{syllables[(i * 13 + 5) % 24]}"
             f"{'科技有限公司' if i % 2 else '集团'}" for i in range(n)]
    return "参加本次展会的企业有" + "、".join(names) + "等。"


def _seconds_per_pair(nlp, featurizer, text: str, pairs: int) -> tuple[float, int]:
    import time

    from kg.nlp.components.relation_classifier import rule_index

    doc, _ = process(nlp, text)
    found = featurizer.pairs(doc)[-pairs:]  # the last: an early item of a list was found quickly before
    ents = featurizer.sentence_ents(doc, found[0].sentence)
    rules = rule_index(doc._.kg_relations or ())
    started = time.perf_counter()
    for pair in found:
        featurizer.features(doc, pair, ents, rules)
    return (time.perf_counter() - started) / len(found), len(ents)


def test_a_long_list_line_costs_no_more_per_pair(nlp, featurizer):
    """The pairs of a line of 320 names cost about what those of a line of 80 do (the list test used to scan the
    whole sentence for every pair: a 1,661-character line took half a minute)."""
    short, n_short = _seconds_per_pair(nlp, featurizer, _company_list(80), 600)
    long, n_long = _seconds_per_pair(nlp, featurizer, _company_list(320), 600)
    assert n_long >= 4 * n_short - 8
    assert long < 2 * short


def test_list_items_and_mentions_between_on_a_normal_sentence(nlp, featurizer):
    doc, _ = process(nlp, "宏远公司、星海集团和蓝湾科技有限公司与青山县签署合作协议。")
    ents = featurizer.sentence_ents(doc, (0, len(doc.text)))
    found = {}
    for pair in featurizer.pairs(doc):
        feats = featurizer.features(doc, pair, ents)
        found[(pair.subject.text, pair.predicate, pair.object.text)] = sorted(
            k for k in feats if k.endswith("_in_list") or k.startswith(("n_between", "same_list")))
    assert found[("宏远公司", "partnerOf", "星海集团")] == ["n_between=0", "object_in_list", "subject_in_list"]
    assert found[("宏远公司", "partnerOf", "蓝湾科技有限公司")] == [
        "n_between=1", "object_in_list", "same_list", "subject_in_list"]
    assert found[("蓝湾科技有限公司", "locatedIn", "青山县")] == ["n_between=0", "subject_in_list"]


def test_the_first_mention_of_a_sentence_opens_it(nlp, featurizer):
    """``*_opens_sentence`` fires for the sentence's first mention (compared by offsets: each ``doc.ents`` gives
    new Span objects, so the sentence's list never holds the pair's own ends)."""
    doc, _ = process(nlp, "青山县人民政府印发《青山县乡村振兴实施方案》。白石镇位于青山县。")
    opens = {}
    for pair in featurizer.pairs(doc):
        feats = featurizer.features(doc, pair, featurizer.sentence_ents(doc, pair.sentence))
        opens[(pair.subject.text, pair.predicate, pair.object.text)] = sorted(k for k in feats if "opens" in k)
    assert opens[("青山县乡村振兴实施方案", "issuedBy", "青山县人民政府")] == ["object_opens_sentence"]
    assert opens[("青山县人民政府", "participatesIn", "青山县乡村振兴实施方案")] == ["subject_opens_sentence"]
    assert opens[("白石镇", "locatedIn", "青山县")] == ["subject_opens_sentence"]
    assert opens[("青山县", "locatedIn", "白石镇")] == ["object_opens_sentence"]
