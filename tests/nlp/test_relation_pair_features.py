"""The relation classifier's candidate pairs and features (kg.nlp.relation_pairs) on mentions the real pipeline
finds (LAC and the rules, no trained model). Invented names."""
import json

import pytest

from kg.config import Settings
from kg.nlp import make_nlp
from kg.nlp.components.relation_classifier import CONFIG_FILE, DEFAULT_MODEL_DIR
from kg.nlp.relation_pairs import PairFeatures, load_pair_config

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
    assert found[("临安区白沙村", "浙江省")] == ["adjacent_place=narrower_after"]


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
    return {(pair.subject.text, pair.object.text): sorted(featurizer.rule_places(
        pair, featurizer.sentence_ents(doc, pair.sentence), rules))
        for pair in featurizer.pairs(doc) if pair.predicate == "locatedIn"}


def test_a_project_the_rules_placed_elsewhere_in_its_sentence(nlp, featurizer):
    found = placed(nlp, featurizer, "宏远公司计划投资10亿元的青禾农业产业园项目将落户青山县，"
                                    "星海集团计划投资6亿元的蓝湾数据中心项目将落户白水县。")
    assert found[("青禾农业产业园项目", "青山县")] == []  # the rules' own pair
    assert found[("青禾农业产业园项目", "白水县")] == ["place_of_mention_between", "subject_placed_elsewhere=other"]
    assert found[("星海集团", "白水县")] == ["place_of_mention_between"]  # its project settles there, not the company
    assert found[("蓝湾数据中心项目", "青山县")] == ["subject_placed_elsewhere=other"]


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
