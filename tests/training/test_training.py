"""kg train: the gold corpus loader, a CRF trained on a tiny invented corpus, its model folder and the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.training.corpus import CorpusError, align_entities, load_corpus, load_gold, split_folds

CORPUS = Path(__file__).parent.parent / "fixtures" / "training"
HELD_OUT = CORPUS / "heldout" / "h1.json"
FAST = {"max_iterations": 40}
runner = CliRunner()


def test_corpus_loads_gold_and_aligns_names_to_the_body():
    docs = load_corpus([CORPUS / "gold"])
    assert [d.doc_id for d in docs] == ["a1", "a2", "a3", "a4", "a5", "a6"]
    first = docs[0]
    assert first.text.startswith("宁州市商务局局长")  # front matter removed, as kg reads it
    spans = align_entities(first)
    found = [(first.text[s.start:s.end], s.type) for s in spans]
    # longest first: the agency takes 宁州市 inside it; the company's short form is found too
    assert found[:4] == [("宁州市商务局", "Agency"), ("陈明远", "Person"), ("星河科技有限公司", "Enterprise"),
                         ("滨江产业园", "District")]
    assert ("星河科技", "Enterprise") in found and ("宁州市", "District") in found
    assert all(s.name for s in spans)


def test_corpus_accepts_a_gold_file_beside_its_document_and_rejects_bad_ones(tmp_path):
    assert load_gold(HELD_OUT).text.startswith("岚州市商务局")
    with pytest.raises(CorpusError):
        load_corpus([tmp_path / "missing"])
    (tmp_path / "x.json").write_text(json.dumps({"doc": "nowhere.md", "entities": []}), encoding="utf-8")
    with pytest.raises(CorpusError, match="nowhere.md"):
        load_corpus([tmp_path])


def test_folds_split_by_document():
    docs = load_corpus([CORPUS])
    folds = split_folds(docs, 3, seed=1)
    held = [d.doc_id for _, h in folds for d in h]
    assert sorted(held) == sorted(d.doc_id for d in docs)
    assert all(not {d.doc_id for d in t} & {d.doc_id for d in h} for t, h in folds)


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    from kg.training.model import train_model

    return train_model(load_corpus([CORPUS / "gold"]), tmp_path_factory.mktemp("m") / "model", seed=5,
                       params=FAST, relations=False)


def _trained_spans(model_dir: Path, document):
    """The trained component's spans over ``document`` (after the rule components it reads)."""
    from kg.nlp import make_nlp
    from kg.nlp.extract import to_doc

    nlp = make_nlp(Settings(model=model_dir))
    doc = to_doc(nlp, document)
    for name, component in nlp.pipeline:
        if name == "kg_trained_ner":
            from kg.nlp.components.trained_ner import ner_input
            return component, sorted(component.model.spans(ner_input(doc)))
        doc = component(doc)
    raise AssertionError("kg_trained_ner is not in the pipeline")


def test_trained_model_finds_a_held_out_name(model):
    document = load_gold(HELD_OUT).document
    _, spans = _trained_spans(model, document)
    found = {(document.text[s:e], label) for s, e, label in spans}
    assert ("郑怀瑾", "PERSON") in found  # names never seen in training
    assert ("长庚航天有限公司", "ENTERPRISE") in found
    assert ("石门产业园", "DISTRICT") in found


def test_held_out_article_built_with_the_model(model, tmp_path):
    from kg.evaluate import evaluate
    from kg.pipeline import build

    gold = load_gold(HELD_OUT)
    score = evaluate(build([gold.path], None, Settings(model=model), html=False).graph, gold.gold)
    assert score.entities["f1"] >= 0.8, score.table()


def test_saved_and_reloaded_component_gives_identical_spans(model, tmp_path):
    from kg.nlp.components.trained_ner import TrainedNer, ner_input
    from kg.nlp import make_nlp
    from kg.nlp.extract import to_doc

    component, spans = _trained_spans(model, load_gold(HELD_OUT).document)
    component.to_disk(tmp_path / "ner")
    reloaded = TrainedNer(make_nlp(Settings(model=None)), data_dir="").from_disk(tmp_path / "ner")
    nlp = make_nlp(Settings(model=model))
    doc = to_doc(nlp, load_gold(HELD_OUT).document)
    for name, step in nlp.pipeline:
        if name == "kg_trained_ner":
            break
        doc = step(doc)
    assert sorted(reloaded.model.spans(ner_input(doc))) == spans


def test_same_seed_gives_byte_identical_model(model, tmp_path):
    from kg.training.model import train_model

    again = train_model(load_corpus([CORPUS / "gold"]), tmp_path / "again", seed=5, params=FAST, relations=False)
    for rel in ("meta.json", "ner/model.crfsuite", "ner/cfg.json"):
        assert (again / rel).read_bytes() == (model / rel).read_bytes(), rel
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    assert meta["seed"] == 5 and meta["corpus"]["documents"] == 6


def test_train_help_explains():
    result = runner.invoke(app, ["train", "--help"])
    assert result.exit_code == 0
    assert "--folds" in result.output and "--seed" in result.output and "Example:" in result.output


@pytest.mark.parametrize("broken", ["missing", "empty", "garbage"])
def test_build_with_a_missing_or_bad_model_is_one_error_line(tmp_path, broken):
    model = tmp_path / "model"
    if broken != "missing":
        (model / "ner").mkdir(parents=True)
    if broken == "garbage":
        (model / "ner" / "model.crfsuite").write_bytes(b"not a model")
    result = runner.invoke(app, ["build", str(CORPUS / "docs"), "--out", str(tmp_path / "o"), "--model", str(model)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:") and str(model) in lines[0]


def test_the_packaged_model_loads_offline_and_is_small(tmp_path):
    from kg.config import DEFAULT_MODEL
    from kg.training.model import check_model, read_meta

    check_model(DEFAULT_MODEL)
    size = sum(f.stat().st_size for f in DEFAULT_MODEL.rglob("*") if f.is_file())
    assert size < 50 * 1024 * 1024
    meta = read_meta(DEFAULT_MODEL)
    assert meta["seed"] == 13 and meta["corpus"]["documents"] >= 58
    result = runner.invoke(app, ["build", str(CORPUS / "heldout" / "h1.md"), "--model", "default", "--no-html",
                                 "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "郑怀瑾" in (tmp_path / "o" / "graph.ttl").read_text(encoding="utf-8")


def test_train_with_folds_prints_cross_validation_and_writes_the_model(tmp_path):
    result = runner.invoke(app, ["train", str(CORPUS / "gold"), "--out", str(tmp_path / "m"), "--folds", "2",
                                 "--seed", "3"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.strip().splitlines()[-1])
    assert scores["folds"] == 2 and scores["documents"] == 6 and scores["entities"]["tp"] > 0
    assert "Person" in result.stderr and "RELATIONS" in result.stderr
    meta = json.loads((tmp_path / "m" / "meta.json").read_text(encoding="utf-8"))
    assert meta["cross_validation"]["folds"] == 2 and (tmp_path / "m" / "ner" / "model.crfsuite").is_file()


# -- the packaged model's arbitration policy (benchmarks/ner.md): invented sentences ------------------------------
@pytest.fixture(scope="module")
def packaged_nlp():
    from kg.config import DEFAULT_MODEL
    from kg.nlp import make_nlp

    return make_nlp(Settings(model=DEFAULT_MODEL))


def _ents(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_packaged_model_does_not_join_two_agencies_into_one_name(packaged_nlp):
    doc = packaged_nlp("《暂行办法》由省工业和信息化厅会同省发展改革委、省财政厅制定。")
    agencies = {e.text for e in doc.ents if e.label_ == "AGENCY"}
    assert agencies == {"省工业和信息化厅", "省发展改革委", "省财政厅"}


def test_packaged_model_keeps_a_gazetteer_company_whole(packaged_nlp):
    doc = packaged_nlp("深圳市工业和信息化局印发《深圳市培育发展未来产业行动计划》。腾讯与华为合作共建联合实验室。")
    rels = {(r["s"][3], r["p"], r["o"][3]) for r in doc._.kg_relations}
    assert ("腾讯", "partnerOf", "华为") in rels
    assert ("深圳市培育发展未来产业行动计划", "issuedBy", "深圳市工业和信息化局") in rels


def test_packaged_model_keeps_a_city_with_its_division_ending(packaged_nlp):
    assert ("宁州市", "DISTRICT") in _ents(packaged_nlp, "2022年，宁州市地区生产总值达到5200亿元。")


def test_packaged_model_keeps_the_home_city_named_inside_a_body(packaged_nlp):
    doc = packaged_nlp("芜湖高新区管委会与远航科技签署协议。芜湖市委副书记、市长李平出席签约仪式。")
    assert ("芜湖市委", "AGENCY") in [(e.text, e.label_) for e in doc.ents]
    assert doc._.kg_home == "芜湖市"  # the city inside 芜湖市委 still names the article's home


def test_packaged_model_leaves_a_whole_quotation_to_the_quoted_name_rules(packaged_nlp):
    names = [t for t, _ in _ents(packaged_nlp, "“十四五”期间，宁州市将推进“城市大脑”建设。")]
    assert "十四五" not in names


def test_packaged_model_keeps_countries_and_a_states_formal_name_as_places(packaged_nlp):
    # invented sentences: a foreign state by its common and formal names, and the home country on its own
    ents = _ents(packaged_nlp, "新华社北京3月5日电 塔尔维亚共和国总统访问中国。中国同墨西哥、塔尔维亚共和国签署了合作协议。")
    assert ("墨西哥", "DISTRICT") in ents
    assert ("塔尔维亚共和国", "DISTRICT") in ents
    assert ("中国", "DISTRICT") in ents


def test_trusted_countries_can_be_switched_off(packaged_nlp):
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    on = TrainedNer(packaged_nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    off = TrainedNer(packaged_nlp, model_dir=str(DEFAULT_MODEL / "ner"), trusted_countries=False)
    place = packaged_nlp.make_doc("塔尔维亚共和国")
    span = place.char_span(0, len(place.text), label="DISTRICT", kb_id="ner")
    assert on._trusted(span) and not off._trusted(span)


def test_packaged_model_keeps_transliterated_foreign_places_and_dotted_names(packaged_nlp):
    # invented sentences: foreign cities written in transliteration, a foreign full name with a middle dot
    ents = _ents(packaged_nlp, "新华社北京3月5日电 代表团抵达约翰内斯堡，随后前往蒙特利尔。约翰·拉森会见了代表团。")
    assert ("约翰内斯堡", "DISTRICT") in ents and ("蒙特利尔", "DISTRICT") in ents
    assert ("约翰·拉森", "PERSON") in ents


def test_home_country_is_a_place_only_beside_a_foreign_one(packaged_nlp):
    abroad = _ents(packaged_nlp, "新华社北京3月5日电 中国同墨西哥签署了合作协议，中国代表团随后访问智利。")
    at_home = _ents(packaged_nlp, "宁州市推进宽带建设。中国经济持续增长，中国制造走向世界。")
    assert ("中国", "DISTRICT") in abroad and ("墨西哥", "DISTRICT") in abroad
    assert ("中国", "DISTRICT") not in at_home


def test_source_thresholds_set_what_lac_candidates_need(tmp_path):
    import shutil

    from kg.config import DEFAULT_MODEL
    from kg.nlp import make_nlp

    model = tmp_path / "m"
    shutil.copytree(DEFAULT_MODEL, model)
    cfg_file = model / "ner" / "cfg.json"
    cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
    text = "新华社北京3月5日电 代表团抵达约翰内斯堡，约翰·拉森会见了代表团。"
    names = {e.text: e.kb_id_ for e in make_nlp(Settings(model=model))(text).ents}
    assert names.get("约翰内斯堡") == "ner"  # LAC's reading, kept by the default thresholds
    cfg_file.write_text(json.dumps({**cfg, "source_thresholds": {"ner": 1.01}}), encoding="utf-8")
    names = {e.text: e.kb_id_ for e in make_nlp(Settings(model=model))(text).ents}
    assert "ner" not in names.values() and "新华社" in names  # no LAC reading is sure enough; the gazetteer's stays


def test_an_organisation_lac_reads_around_a_trusted_place_scores_as_the_place(packaged_nlp):
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    ner = TrainedNer(packaged_nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    doc = packaged_nlp.make_doc("节目由四川星光有线电视台播出。")
    place = doc.char_span(3, 5, label="DISTRICT", kb_id="")  # 四川, a gazetteer place (trusted)
    outlet = doc.char_span(3, 12, label="MEDIA", kb_id="ner")  # LAC's 四川星光有线电视台
    rescored = {c.text: p for p, *_, c in ner._org_around_place([(0.9, 2, 0, 0, place), (0.3, 9, 0, -1, outlet)])}
    assert rescored == {"四川": 0.9, "四川星光有线电视台": 0.9}  # equal: the longer name wins the tie
    too_weak = {c.text: p for p, *_, c in ner._org_around_place([(0.9, 2, 0, 0, place), (0.1, 9, 0, -1, outlet)])}
    assert too_weak["四川星光有线电视台"] == 0.1  # below what LAC's organisations need (0.2): not raised
