"""The real spaCy pipeline on short texts of other cities (nothing here comes from the sample)."""

from decimal import Decimal

import spacy

from kg.nlp import PIPELINE

from ..conftest import process


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_pipeline_is_blank_zh_with_kg_components(nlp):
    names = tuple(nlp.pipe_names)
    optional = ("kg_trained_ner", "kg_relation_classifier")  # the packaged trained model's components
    assert nlp.lang == "zh" and tuple(n for n in names if n not in optional) == PIPELINE
    if "kg_relation_classifier" in names:  # the packaged relation model, right after the relation rules
        assert names.index("kg_relation_classifier") == names.index("kg_relations") + 1
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "char"
    assert all(name in spacy.registry.factories or name in nlp.factory_names for name in PIPELINE[2:])


def test_agencies_with_jurisdiction(nlp):
    doc, _ = process(nlp, "深圳市工业和信息化局日前发布通知，市发改委、市政府办公厅和中共深圳市委参加。")
    assert ents(doc) == [("深圳市工业和信息化局", "AGENCY"), ("市发改委", "AGENCY"), ("市政府办公厅", "AGENCY"),
                         ("中共深圳市委", "AGENCY")]


def test_posts_chain_and_implied_body(nlp):
    doc, _ = process(nlp, "市委常委、副市长王宏介绍情况，市经信局局长陈建国，市政府办公厅副主任、市大数据局局长李明出席。")
    rels = {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}
    assert rels == {("王宏", "市委", "常委"), ("王宏", "市政府", "副市长"), ("陈建国", "市经信局", "局长"),
                    ("李明", "市政府办公厅", "副主任"), ("李明", "市大数据局", "局长")}


def test_speaker_markers_make_people_and_outlets(nlp):
    doc, _ = process(nlp, "**浙江日报：**请问进展如何？\n**陈建国：**我们研究制定了《杭州市促进数字经济发展若干政策》。")
    assert ("浙江日报", "MEDIA") in ents(doc) and ("陈建国", "PERSON") in ents(doc)


def test_enumeration_takes_the_type_of_its_head(nlp):
    doc, _ = process(nlp, "阿里巴巴、海康威视、网易、新华三等杭州企业加快数字化转型。")
    assert [t for t, label in ents(doc) if label == "ENTERPRISE"] == ["阿里巴巴", "海康威视", "网易", "新华三"]


def test_zone_and_initiative_patterns(rules_nlp):
    nlp = rules_nlp  # the rules' own typing and repairs (the trained model follows the annotators here)
    doc, _ = process(nlp, "滨江区正式上线城市运行智能感知系统，并推动建设钱塘智慧物流产业园。")
    assert ("滨江区", "DISTRICT") in ents(doc)
    assert ("城市运行智能感知系统", "INITIATIVE") in ents(doc)
    assert ("钱塘智慧物流产业园", "DISTRICT") in ents(doc)


def test_quoted_slogans_are_not_entities_but_programmes_are(nlp):
    doc, _ = process(nlp, "坚持“双轮驱动”，打造“浙里办”平台和“城市大脑”数字治理平台，推行“一把手”负责制。")
    names = [t for t, _ in ents(doc)]
    assert "双轮驱动" not in names and "一把手" not in names
    # 「“浙里办”平台」: the platform is named by its quoted code (names.yml quoted_system.code_named)
    assert "浙里办" in names and "“城市大脑”数字治理平台" in names
    assert {e.id_ for e in doc.ents if e.text == "浙里办"} == {"浙里办"}


def test_a_quoted_code_closing_a_list_or_counted_is_the_name_and_one_after_a_verb_is_none():
    """「“青松绿”“白塔红”等民生工程」「“东数西青”两大工程」: the quoted codes are the names; 「“青岭数字”项目」: the
    project is named by its code; 「“五年见成效”各项目」「“量子蓝图”转化为服务国家战略」: no name; 「“十四五”规划」 and
    「“1+2”政策体系」 are named whole as before."""
    import spacy

    from kg.nlp.components.names import NamePatterns

    rules = NamePatterns(spacy.blank("zh"))
    text = ("实施“青松绿”“白塔红”等民生工程和“东数西青”两大工程，推进“青岭数字”项目、“五年见成效”各项目，"
            "“量子蓝图”转化为服务国家战略，落实“十四五”规划和“1+2”政策体系。")
    found = [text[s:e] for s, e, _label, rule, *_ in rules._quoted(text) if rule == "quoted_system"]
    assert found == ["白塔红", "东数西青", "青岭数字", "“十四五”规划", "“1+2”政策体系"]


def test_a_quoted_list_of_slogans_before_a_campaign_kind_names_the_campaign():
    """「“青苗进村、白鹭归岸”行动」「“甲、乙、丙”等品牌活动」: a quoted list right before a campaign's kind (or 等 and a
    modifier) names the campaign (names.yml quoted_system.list_suffix); 「“甲、乙”的工作机制」 and a quotation without
    a list before 活动 name none."""
    import spacy

    from kg.nlp.components.names import NamePatterns

    rules = NamePatterns(spacy.blank("zh"))
    text = ("宁州市深入实施“青苗进村、白鹭归岸”行动，开展“云溪进景区、进街区”等品牌活动，完善“青岭吹哨、白沙报到”的工作"
            "机制，举办“宁州之夏”活动。")
    found = [text[s:e] for s, e, _label, rule, *_ in rules._quoted(text) if rule == "quoted_system"]
    assert found == ["“青苗进村、白鹭归岸”行动", "云溪进景区、进街区"]


def test_a_programme_in_single_marks_or_a_series_of_events_is_named():
    """「“我们将打造‘乐享宁州’品牌，开展‘游在云溪’系列活动”」: single marks inside a quotation quote programmes as
    double marks do; 「举办“青岭赏花”系列活动」 names one (not 「推出“青岭故事”系列报道」); 「实施‘白沙东移’工程」 is
    left to the system 「“白沙东移”工程」 (its code an alias)."""
    import spacy

    from kg.nlp.components.names import NamePatterns

    rules = NamePatterns(spacy.blank("zh"))
    text = ("“我们将继续打造‘乐享宁州’品牌，组织开展‘游在云溪’系列活动，实施‘白沙东移’工程。”宁州市每年举办“青岭赏花”"
            "系列活动，推出“青岭故事”系列报道。")
    found = [text[s:e] for s, e, _label, rule, *_ in rules._quoted(text) if rule == "quoted_programme"]
    assert found == ["乐享宁州", "游在云溪", "青岭赏花"]


def test_a_quoted_code_before_a_period_or_an_adjective_names_no_system():
    """「“十六五”时期计划安排」: a period between the code and the noun (计划 a verb there); 「“一村一策”强化战略性资源」:
    the noun opens an adjective (战略性); 「“一村一策”战略」 is named."""
    import spacy

    from kg.nlp.components.names import NamePatterns

    rules = NamePatterns(spacy.blank("zh"))
    text = "宁州市在“十六五”时期计划安排资金，“一村一策”强化战略性资源保护，并实施“青岭一策”战略。"
    found = [text[s:e] for s, e, _label, rule, *_ in rules._quoted(text) if rule == "quoted_system"]
    assert found == ["“青岭一策”战略"]


def test_a_meeting_named_by_its_kind_alone_is_no_initiative(nlp):
    doc, _ = process(nlp, "宁州市将组织数字化转型项目路演、创新大赛、供需对接会等活动，并举办首届宁州数字经济博览会。")
    names = [t for t, label in ents(doc) if label == "INITIATIVE"]
    assert "供需对接会" not in names
    assert "首届宁州数字经济博览会" in names or "宁州数字经济博览会" in names


def test_an_agreement_or_a_pilot_named_by_its_kind_alone_is_no_initiative(nlp):
    doc, _ = process(nlp, "宏达机械股份有限公司与宁州市人民政府签署战略合作协议，双方还签订了合作备忘录。"
                          "宁州市江北区入选国家级试点，将建设宁州数据交易平台。")
    names = [t for t, label in ents(doc) if label == "INITIATIVE"]
    assert "战略合作协议" not in names and "合作备忘录" not in names and "国家级试点" not in names


def test_a_kind_of_state_body_without_its_jurisdiction_is_no_entity(nlp):
    doc, _ = process(nlp, "宁州市公安局会同检察机关、人民法院和公安机关开展专项行动，民主党派代表列席。")
    names = [t for t, _ in ents(doc)]
    assert "宁州市公安局" in names
    assert not {"检察机关", "人民法院", "公安机关", "民主党派"} & set(names)


def test_figures_are_normalised(nlp):
    doc, _ = process(nlp, "2022年全市数字经济核心产业增加值达5076亿元，同比增长2.3%，累计接入数据超过百亿条，培育12个有影响力的工业互联网平台。")
    figs = [(f["indicator"], f["value"], f["unit"], f["period"]) for f in doc._.kg_figures]
    assert ("全市数字经济核心产业增加值", Decimal("507600000000"), "CNY", "2022年") in figs
    assert ("全市数字经济核心产业增加值 同比增长", Decimal("2.3"), "percent", "2022年") in figs
    assert ("累计接入数据", Decimal("1E10"), "条", "2022年") in figs  # the period the sentence opens with; 累计
    # before a verb and its object says "so far" and stays with what is measured (it still contains 接入数据)
    assert ("工业互联网平台", Decimal("12"), "个", "2022年") in figs


def test_figures_keep_exact_decimals_in_the_graph(tmp_path):
    from kg.pipeline import build

    (tmp_path / "a.md").write_text("<p>2023年全省技术合同成交额达4120.6亿元，增长0.1%。</p>", encoding="utf-8")
    build([tmp_path / "a.md"], tmp_path / "out", html=False)
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "412060000000" in turtle and "412060000000.0000" not in turtle and "E+" not in turtle
    assert "kg:value 0.1" in turtle


def test_issued_by_and_partner_rules(nlp):
    doc, _ = process(nlp, "深圳市工业和信息化局印发《深圳市培育发展未来产业行动计划》。腾讯与华为合作共建联合实验室。")
    rels = {(r["s"][3], r["p"], r["o"][3]) for r in doc._.kg_relations}
    assert ("深圳市培育发展未来产业行动计划", "issuedBy", "深圳市工业和信息化局") in rels
    assert ("腾讯", "partnerOf", "华为") in rels


def test_pipeline_round_trips_through_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = "市经信局局长陈建国出席。"
    doc_a, _ = process(nlp, text)
    doc_b, _ = process(loaded, text)
    assert ents(doc_a) == ents(doc_b) == [("市经信局", "AGENCY"), ("陈建国", "PERSON")]


def test_a_list_closed_by_a_sector_word_names_no_companies():
    """「汽车、医药、纺织等领域民营企业」: the items before 「等领域」「等行业」 are sectors, whatever head noun follows;
    「青松科技、蓝河电气等企业」 are companies."""
    from kg.nlp.components.enumerations import Enumerations
    from kg.nlp.spans import candidates

    blank = spacy.blank("zh")
    lists = Enumerations(blank)
    doc = lists(blank.make_doc("汽车、医药、纺织等领域民营企业集群成势，包括风电、光伏等行业企业加快出海。"))
    assert candidates(doc) == []
    doc = lists(blank.make_doc("青松科技、蓝河电气、白塔化纤等企业签约落户。"))
    assert [(c.text, c.label_) for c in candidates(doc)] == [
        ("青松科技", "ENTERPRISE"), ("蓝河电气", "ENTERPRISE"), ("白塔化纤", "ENTERPRISE")]
    # a sector word that begins a longer head noun names firms and zones: 「等行业龙头企业」「等产业园区」
    doc = lists(blank.make_doc("青松科技、蓝河电气等行业龙头企业加快布局。"))
    assert [(c.text, c.label_) for c in candidates(doc)] == [("青松科技", "ENTERPRISE"), ("蓝河电气", "ENTERPRISE")]
    doc = lists(blank.make_doc("宁州高新区、青山经开区等产业园区加快发展。"))
    assert [(c.text, c.label_) for c in candidates(doc)] == [("宁州高新区", "DISTRICT"), ("青山经开区", "DISTRICT")]


def test_an_open_list_names_its_sentence_s_companies_after_an_example_word_only():
    """「民营企业…，比如青松与蓝河发挥各自优势」: examples of the sentence's companies; 「企业…，包括充电设施建设、电池回收
    技术」: their fields, no companies; a list headed by 等 and a kind of company stays a list of companies."""
    from kg.nlp.components.enumerations import Enumerations
    from kg.nlp.spans import candidates

    blank = spacy.blank("zh")
    lists = Enumerations(blank)
    doc = lists(blank.make_doc("民营企业也是重要参与者，比如青松与蓝河发挥各自优势。"))
    assert [(c.text, c.label_) for c in candidates(doc)] == [("青松", "ENTERPRISE"), ("蓝河", "ENTERPRISE")]
    doc = lists(blank.make_doc("双方企业将加强合作，包括充电设施建设、电池回收技术和循环经济方案开发，实现共赢。"))
    assert candidates(doc) == []
    doc = lists(blank.make_doc("示范区包括青岭、白沙两个片区。"))  # other kinds of name: as before
    assert [c.label_ for c in candidates(doc)] == ["DISTRICT", "DISTRICT"]


def test_a_quotation_after_a_verb_that_carries_a_programme_out_names_the_programme():
    """「创新实施“甲”“乙”等重点工程」「推行“船边即提”等通关模式」: a quotation right after 实施/推行/推进… (or in the run
    of quotations after one) names a programme though it has no programme's ending (rule quoted_programme);
    「推行“支部+农户”模式」 (a manner), 「推进“十二五”时期」 (a period), a quotation after no such verb
    (「坚持“双轮驱动”」) and one the quoted-system rule reads whole (「实施“数字青澜”行动」) are not its."""
    import spacy

    from kg.nlp.components.names import NamePatterns

    rules = NamePatterns(spacy.blank("zh"))
    text = ("青澜市创新实施“枝叶同茂”“山水相映”等重点工程，统筹推进“碧水行”“净滩岸”建设行动，海关推行“船边即提”等通关模式。"
            "合作社推行“支部+农户”模式，深入推进“十二五”时期各项工作，坚持“双轮驱动”，全面实施“数字青澜”行动。")
    found = [(text[s:e], rule) for s, e, _label, rule, *_ in rules._quoted(text)]
    assert [name for name, rule in found if rule == "quoted_programme"] == ["枝叶同茂", "山水相映", "碧水行", "净滩岸",
                                                                           "船边即提"]
    assert ("“数字青澜”行动", "quoted_system") in found


def test_a_quoted_programme_after_its_verb_is_an_initiative_whatever_the_model_says(nlp):
    """The trained model never saw most quoted programme codes (「推行“船边即提”」) and scores them low: the
    quoted_programme rule's names are certain in its arbitration, as the quoted-name rule's are."""
    doc, _ = process(nlp, "青澜海关推行“船边即提”“抵港直装”等通关模式，青澜市统筹推进“碧水行”“净滩岸”建设行动。"
                          "合作社推行“支部+农户”模式。")
    names = [t for t, label in ents(doc) if label == "INITIATIVE"]
    assert {"船边即提", "抵港直装", "碧水行", "净滩岸"} <= set(names)
    assert not any("农户" in n for n in names)


def test_a_programme_ending_that_begins_another_word_ends_no_programme():
    """「总工程师」「工程化部署」「行动方案」: 工程/行动 begin a post, a manner or a document's kind there, so the
    suffix rule reads no programme ending at them; 「青岭山水修复工程」 is one, and the document 「某某行动方案」 is read
    whole (a document by its kind, which the model decides)."""
    import spacy

    from kg.nlp.components.names import NamePatterns

    rules = NamePatterns(spacy.blank("zh"))
    text = ("青澜电力集团青岭新能源项目总工程师陈明说，青澜市将加快全省算力调度平台工程化部署，"
            "制定青澜服务业提质行动方案，实施青岭山水修复工程。")
    found = [text[s:e] for s, e, label, rule, *_ in rules.find(text) if rule == "initiative_suffix"]
    assert found == ["青澜电力集团青岭新能源项目", "全省算力调度平台", "青澜服务业提质行动方案", "青岭山水修复工程"]


def test_a_capacity_inside_a_project_s_name_is_part_of_it(rules_nlp):
    """「青岭县10万千瓦风电项目」「白沙电网青岭乡35千伏联网工程」: the capacity after the place or owner is part of the
    project's name (names.yml project_capacity); a project named from its capacity on (「建设10万千瓦风电项目」)
    is none."""
    doc, _ = process(rules_nlp, "青岭县10万千瓦风电项目并网发电，白沙电网青岭乡35千伏联网工程建成，"
                                "青澜能源年产20万吨电池材料项目开工，白沙县还将建设10万千瓦风电项目。")
    names = [t for t, label in ents(doc) if label == "INITIATIVE"]
    assert names == ["青岭县10万千瓦风电项目", "白沙电网青岭乡35千伏联网工程", "青澜能源年产20万吨电池材料项目"]


def test_a_verb_that_takes_a_programme_as_its_object_ends_the_clause_before_its_name(rules_nlp):
    """「落实|青岭卫生强基工程」「用好|青澜民营经济综合服务平台」「企业参与|白沙揭榜攻关项目」: the suffix rule's
    programme starts after the verb (names.yml initiative_suffix clause_verbs), even where the tagger's cut falls
    inside it (「用|好」); a verbal noun of the name itself stays (「青澜项目申报系统」)."""
    from kg.nlp.spans import candidates

    doc, _ = process(rules_nlp, "提升县域服务能力：落实青岭卫生强基工程，用好青澜民营经济综合服务平台，"
                                "推荐企业参与白沙揭榜攻关项目申报，青澜项目申报系统上线。")
    found = [c.text for c in candidates(doc) if c.kb_id_ == "initiative_suffix"]
    assert found == ["青岭卫生强基工程", "青澜民营经济综合服务平台", "白沙揭榜攻关项目", "青澜项目申报系统"]


def test_a_place_s_short_name_inside_a_longer_word_is_no_place(nlp):
    """白银 of 真金白银 (silver), 日照 of 日照时数 (hours of sunshine), 海口 of 入海口 (an estuary) are words, not the
    cities 白银市, 日照市, 海口市; the same short names standing as words are the cities, and so are places written
    together (山西太原) or listed (「大同等地」, which jieba cuts 大|同等)."""
    doc, _ = process(nlp, "青岭公司拿出真金白银支持研发。当地年日照时数达3000小时。湿地位于青岭河入海口。")
    assert [e.text for e in doc.ents if e.label_ == "DISTRICT"] == []
    doc, _ = process(nlp, "代表团在白银、日照和海口考察新能源项目。")
    assert [e.text for e in doc.ents if e.label_ == "DISTRICT"] == ["白银", "日照", "海口"]
    doc, _ = process(nlp, "随后代表团赴山西太原、大同等地调研。")
    assert [e.text for e in doc.ents if e.label_ == "DISTRICT"] == ["山西", "太原", "大同"]


def test_a_listed_item_ending_like_a_zone_is_a_place_whatever_the_head_noun(nlp):
    """「甲大学城、乙科技城等教育科研平台」: the head noun 平台 types the list, but an item ending like a zone
    (names.yml enumeration.zone_items) is a place."""
    doc, _ = process(nlp, "宁州市云溪区科教资源丰富，拥有青岭大学城、白鹭山科技城等教育科研平台。")
    labels = dict(ents(doc))
    assert labels.get("青岭大学城") == "DISTRICT" and labels.get("白鹭山科技城") == "DISTRICT"


def test_a_quotation_after_a_word_of_reputation_names_nothing():
    """「被誉为“江苏明清第一街”」「素有“江苏云溪水城”」: a title or a reputation (names.yml quoted.honorific_before), no
    name, though it starts with a place; 「打造“江苏明清第一街”」 still names one."""
    import spacy

    from kg.nlp.components.names import NamePatterns

    rules = NamePatterns(spacy.blank("zh"))
    text = "北大街被誉为“江苏明清第一街”，云溪素有“江苏云溪水城”。宁州市打造“江苏明清第一街”。"
    found = [(text[s:e], s) for s, e, *_ in rules._quoted(text)]
    assert found == [("江苏明清第一街", text.rindex("江苏明清第一街"))]


def test_countries_by_their_letters_in_a_list_are_no_items(nlp):
    """「持续提升中新、中德、中荷等平台功能」: pairs of countries' letters name cooperations, no platform of a list
    (names.yml ner.country_letters)."""
    from kg.nlp.spans import candidates

    doc = nlp.make_doc("宁州市持续提升中新、中德、中荷等平台功能，建设青岭数字服务平台。")
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "kg_enumerations":
            break
    listed = {s.text for s in candidates(doc) if s.kb_id_ == "enumeration"}
    assert not {"中新", "中德", "中荷"} & listed
