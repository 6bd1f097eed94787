"""The trained relation classifier: trained on a tiny invented corpus (tests/fixtures/relations), run in the real
pipeline, saved and reloaded."""
from pathlib import Path

import pytest

from kg.config import Settings
from kg.ingest.reader import document_from_text
from kg.nlp import make_nlp
from kg.nlp.components.relation_classifier import RULE, RelationModelError
from kg.nlp.extract import to_doc
from kg.training.corpus import load_corpus
from kg.training.relations import train_relations

CORPUS = Path(__file__).parents[1] / "fixtures" / "relations"
HELD_OUT = "据悉，远景航空有限公司总部设在海淀区。长风光电有限公司的产品销往朝阳区。"


def relations(nlp, text):
    doc = nlp(to_doc(nlp, document_from_text(text, "t.txt")))
    return sorted((r["s"][3], r["p"], r["o"][3], r["rule"]) for r in doc._.kg_relations)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("relations")
    scores = train_relations(load_corpus([CORPUS]), out, seed=0, folds=3)
    return out, scores


def test_training_writes_a_model_and_scores(trained):
    out, scores = trained
    assert (out / "relations.json").is_file() and (out / "config.json").is_file()
    assert scores["documents"] == 6
    assert scores["examples"]["locatedIn"] == {"pairs": 24, "positive": 12}
    assert scores["cv_pairs"]["locatedIn"]["f1"] == 1.0


def test_model_finds_a_held_out_pair_of_the_learned_pattern(trained):
    out, _ = trained
    rules_only = relations(make_nlp(Settings(relation_model="")), HELD_OUT)
    with_model = relations(make_nlp(Settings(relation_model=str(out))), HELD_OUT)
    assert rules_only == []
    assert with_model == [("远景航空有限公司", "locatedIn", "海淀区", RULE)]


def test_save_and_reload_give_identical_relations_and_bytes(trained, tmp_path):
    out, _ = trained
    nlp = make_nlp(Settings(relation_model=str(out)))
    component = nlp.get_pipe("kg_relation_classifier")
    assert nlp.pipe_names.index("kg_relation_classifier") == nlp.pipe_names.index("kg_relations") + 1
    component.to_disk(tmp_path / "copy")
    reloaded = make_nlp(Settings(relation_model=str(tmp_path / "copy")))
    assert relations(reloaded, HELD_OUT) == relations(nlp, HELD_OUT)
    assert (tmp_path / "copy" / "relations.json").read_bytes() == (out / "relations.json").read_bytes()
    train_relations(load_corpus([CORPUS]), tmp_path / "again", seed=0, folds=0)
    assert (tmp_path / "again" / "relations.json").read_bytes() == (out / "relations.json").read_bytes()


def test_a_missing_model_folder_is_an_error(tmp_path):
    with pytest.raises(RelationModelError):
        make_nlp(Settings(relation_model=str(tmp_path)))


def test_a_model_with_an_unreadable_feature_setting_is_an_error(trained, tmp_path):
    import json
    import shutil

    out, _ = trained
    shutil.copytree(out, tmp_path / "bad")
    data = json.loads((out / "relations.json").read_text(encoding="utf-8"))
    (tmp_path / "bad" / "relations.json").write_text(json.dumps({**data, "rule_features": "sometimes"}), encoding="utf-8")
    with pytest.raises(RelationModelError, match="rule_features"):
        make_nlp(Settings(relation_model=str(tmp_path / "bad")))


def test_a_model_records_its_feature_settings_and_is_read_with_them(trained, tmp_path):
    """relations.json carries the trigger words, distance buckets and pair table it was trained with; a model is
    read with its own, not with what relation_model.yml says later (and a model without them, with the file's)."""
    import json
    import shutil

    from kg.nlp.relation_pairs import FEATURE_SETTINGS, load_pair_config

    out, _ = trained
    data = json.loads((out / "relations.json").read_text(encoding="utf-8"))
    assert data["features"] == {key: load_pair_config()[key] for key in FEATURE_SETTINGS}

    def features_of(folder):
        nlp = make_nlp(Settings(relation_model=str(folder)))
        component = nlp.get_pipe("kg_relation_classifier")
        doc = nlp(to_doc(nlp, document_from_text(HELD_OUT, "t.txt")))
        pair = next(p for p in component.featurizer.pairs(doc)
                    if (p.subject.text, p.predicate, p.object.text) == ("远景航空有限公司", "locatedIn", "海淀区"))
        return component.featurizer.features(doc, pair, component.featurizer.sentence_ents(doc, pair.sentence))

    shipped = features_of(out)
    assert "trigger_between=located" not in shipped and "gap<=4" in shipped  # 「总部设在」: no trigger word there

    shutil.copytree(out, tmp_path / "own")
    own = {**data["features"], "triggers": {"seat": "总部设在"}, "gap_buckets": [0, 2]}
    (tmp_path / "own" / "relations.json").write_text(json.dumps({**data, "features": own}, ensure_ascii=False),
                                                     encoding="utf-8")
    recorded = features_of(tmp_path / "own")
    assert "trigger_between=seat" in recorded and "gap<=more" in recorded and "gap<=4" not in recorded

    shutil.copytree(out, tmp_path / "old")
    old = {k: v for k, v in data.items() if k != "features"}
    (tmp_path / "old" / "relations.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    assert features_of(tmp_path / "old") == shipped

    (tmp_path / "own" / "relations.json").write_text(
        json.dumps({**data, "features": {"triggers": {}}}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(RelationModelError, match="features"):
        make_nlp(Settings(relation_model=str(tmp_path / "own")))
