"""The NER model folder records the naming feature groups its CRF was trained with (``ner/cfg.json``'s
``feature_groups``) and is read with them: a tiny invented corpus, the real pipeline."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.errors import KgError
from kg.training.corpus import load_corpus, load_gold
from kg.training.ner import FEATURE_GROUPS, NerInput, char_features, lexicon_index

CORPUS = Path(__file__).parent.parent / "fixtures" / "training"
HELD_OUT = CORPUS / "heldout" / "h1.json"
GROUPS = ["words", "quote"]  # not the default groups
assert set(GROUPS) != set(FEATURE_GROUPS)


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    from kg.training.model import train_model

    return train_model(load_corpus([CORPUS / "gold"]), tmp_path_factory.mktemp("g") / "model", seed=5,
                       params={"max_iterations": 40}, relations=False, feature_groups=GROUPS)


def _component_and_doc(model_dir: Path):
    """The loaded kg_trained_ner of ``model_dir`` and the held-out article run up to it."""
    from kg.nlp import make_nlp
    from kg.nlp.extract import to_doc

    nlp = make_nlp(Settings(model=model_dir))
    doc = to_doc(nlp, load_gold(HELD_OUT).document)
    for name, component in nlp.pipeline:
        if name == "kg_trained_ner":
            return component, doc
        doc = component(doc)
    raise AssertionError("kg_trained_ner is not in the pipeline")


def test_the_groups_are_recorded_and_read_back(model):
    cfg = json.loads((model / "ner" / "cfg.json").read_text(encoding="utf-8"))
    assert cfg["feature_groups"] == GROUPS
    component, _ = _component_and_doc(model)
    assert component.model.groups == tuple(GROUPS)


def test_the_groups_change_the_features_the_model_reads():
    item = NerInput("他说“青岭振兴”战略已在青岭高新技术产业开发区实施。", ((0, 1, "r"), (11, 22, "ORG")))
    index = lexicon_index()
    assert char_features(item, index, groups=GROUPS) != char_features(item, index)


def test_saved_and_reloaded_with_other_groups_gives_identical_spans(model, tmp_path):
    from kg.nlp import make_nlp
    from kg.nlp.components.trained_ner import TrainedNer, ner_input

    component, doc = _component_and_doc(model)
    spans = sorted(component.model.spans(ner_input(doc)))
    assert spans
    component.to_disk(tmp_path / "ner")
    assert json.loads((tmp_path / "ner" / "cfg.json").read_text(encoding="utf-8"))["feature_groups"] == GROUPS
    reloaded = TrainedNer(make_nlp(Settings(model=None)), data_dir="").from_disk(tmp_path / "ner")
    assert reloaded.model.groups == tuple(GROUPS)
    assert sorted(reloaded.model.spans(ner_input(doc))) == spans


def test_a_folder_without_groups_is_read_with_the_default_groups(model, tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(model, copy)
    cfg_path = copy / "ner" / "cfg.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    del cfg["feature_groups"]
    cfg_path.write_text(json.dumps(cfg), encoding="utf-8")
    component, _ = _component_and_doc(copy)
    assert component.model.groups == FEATURE_GROUPS


def test_the_packaged_model_is_read_with_the_default_groups():
    from kg.config import DEFAULT_MODEL

    cfg = json.loads((DEFAULT_MODEL / "ner" / "cfg.json").read_text(encoding="utf-8"))
    component, _ = _component_and_doc(DEFAULT_MODEL)
    assert component.model.groups == tuple(cfg.get("feature_groups", FEATURE_GROUPS))


def test_an_unknown_group_is_a_clear_error(model, tmp_path):
    from kg.nlp import make_nlp
    from kg.training.model import train_model

    copy = tmp_path / "model"
    shutil.copytree(model, copy)
    cfg_path = copy / "ner" / "cfg.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg_path.write_text(json.dumps({**cfg, "feature_groups": ["ahead", "sideways"]}), encoding="utf-8")
    with pytest.raises(KgError, match="sideways"):
        make_nlp(Settings(model=copy))
    result = CliRunner().invoke(app, ["build", str(CORPUS / "docs"), "--out", str(tmp_path / "o"), "--model", str(copy)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "sideways" in lines[0]
    with pytest.raises(KgError, match="sideways"):
        train_model(load_corpus([CORPUS / "gold"]), tmp_path / "never", feature_groups=["sideways"], relations=False)
    assert not (tmp_path / "never" / "ner" / "model.crfsuite").exists()
