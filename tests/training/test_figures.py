"""The learned figure indicator chooser: trained on a tiny invented corpus (tests/fixtures/figures), run in the
real pipeline right after kg_figures, saved and reloaded."""
from pathlib import Path

import pytest

from kg.config import DEFAULT_MODEL, Settings
from kg.ingest.reader import document_from_text
from kg.nlp import make_nlp
from kg.nlp.components.figure_indicators import FigureIndicators, IndicatorModelError, add_figure_indicators
from kg.nlp.extract import to_doc
from kg.nlp.figure_candidates import joined
from kg.training.corpus import load_corpus
from kg.training.figures import train_figure_indicators

CORPUS = Path(__file__).parents[1] / "fixtures" / "figures"
HELD_OUT = "退休职工领到了50元钱的洗车券，连声道谢。南浦园区年产值突破25亿元。"


def indicators(nlp, text: str) -> dict[str, str]:
    doc = nlp(to_doc(nlp, document_from_text(text, "t.txt")))
    return {f["text"]: f["indicator"] for f in doc._.kg_figures}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "figures"
    meta = train_figure_indicators(load_corpus([CORPUS]), out, seed=0)
    return out, meta


@pytest.fixture(scope="module")
def model_folder(trained, tmp_path_factory):
    """A model folder with the packaged NER and relations and the trained chooser in figures/."""
    folder = tmp_path_factory.mktemp("with_figures")
    for part in ("ner", "relations"):
        (folder / part).symlink_to(DEFAULT_MODEL / part, target_is_directory=True)
    (folder / "figures").symlink_to(trained[0], target_is_directory=True)
    return folder


def test_training_writes_weights_and_counts(trained):
    out, meta = trained
    assert (out / "figures.json").is_file() and (out / "config.json").is_file()
    assert meta["documents"] == 6 and meta["groups"] == 12
    assert 0 < meta["candidate_right"] < meta["pairs"]


def test_the_chooser_names_the_measured_noun_in_a_held_out_sentence(nlp, model_folder):
    assert indicators(nlp, HELD_OUT)["50元"] == "退休职工领到"  # the rules alone: who and the verb
    with_model = make_nlp(Settings(model=model_folder))
    assert with_model.pipe_names.index("kg_figure_indicators") == with_model.pipe_names.index("kg_figures") + 1
    chosen = indicators(with_model, HELD_OUT)
    assert chosen["50元"] == "洗车券"
    assert chosen["25亿元"] == indicators(nlp, HELD_OUT)["25亿元"]  # what the rules named right stays


def test_save_and_reload_give_the_same_indicators_and_bytes(trained, model_folder, tmp_path):
    out, _ = trained
    nlp = make_nlp(Settings(model=model_folder))
    nlp.get_pipe("kg_figure_indicators").to_disk(tmp_path / "copy")
    assert (tmp_path / "copy" / "figures.json").read_bytes() == (out / "figures.json").read_bytes()
    reloaded = make_nlp()
    add_figure_indicators(reloaded, tmp_path / "copy")
    assert indicators(reloaded, HELD_OUT) == indicators(nlp, HELD_OUT)
    assert indicators(reloaded, HELD_OUT)["50元"] == "洗车券"
    train_figure_indicators(load_corpus([CORPUS]), tmp_path / "again", seed=0)
    assert (tmp_path / "again" / "figures.json").read_bytes() == (out / "figures.json").read_bytes()


def test_without_weights_nothing_changes(nlp):
    before = indicators(nlp, HELD_OUT)
    doc = nlp(to_doc(nlp, document_from_text(HELD_OUT, "t.txt")))
    figures = doc._.kg_figures
    assert FigureIndicators(nlp)(doc)._.kg_figures == figures
    assert {f["text"]: f["indicator"] for f in figures} == before


def test_an_unreadable_model_is_an_error(tmp_path):
    (tmp_path / "figures.json").write_text("{\"format\": 7}", encoding="utf-8")
    with pytest.raises(IndicatorModelError):
        FigureIndicators(None).from_disk(tmp_path)


def test_a_chosen_noun_and_the_rules_tail_do_not_repeat_words():
    assert joined("专用输电线路", "输电线路从电站延伸而出") == "专用输电线路 从电站延伸而出"
    assert joined("展台", "展台") == "展台"
    assert joined("年吞吐量", "同比增长") == "年吞吐量 同比增长"


def test_kg_train_with_figure_chooser_writes_it_and_build_runs_it(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["train", str(CORPUS), "--out", str(tmp_path / "m"), "--figure-chooser", "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m" / "figures" / "figures.json").is_file()
    meta = (tmp_path / "m" / "meta.json").read_text(encoding="utf-8")
    assert '"figures": {' in meta  # what was trained: documents, groups, pairs
    assert "kg_figure_indicators" in make_nlp(Settings(model=tmp_path / "m")).pipe_names
    assert "kg_figure_indicators" not in make_nlp().pipe_names  # the packaged model has no chooser
