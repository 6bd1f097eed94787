"""Meetings, events, lines and works named by their kind (names.yml ``meeting_suffix``, ``works_suffix``: candidates
the trained model decides), a body's routine meeting, a place's sector read as a company, and a cut candidate scored
as cut: invented names (real divisions only where the lexicon's places are the point)."""
from __future__ import annotations

import pytest

from kg.nlp.components.trained_ner import Fragments

from ..conftest import process


@pytest.fixture(scope="module")
def fragments():
    return Fragments.load()


def rule_candidates(nlp, text: str, *rules: str) -> list[tuple[str, str]]:
    from kg.nlp.spans import candidates

    doc, _ = process(nlp, text)
    return [(c.text, c.kb_id_) for c in candidates(doc) if c.kb_id_ in rules]


def test_a_meeting_is_proposed_after_the_verb_that_convenes_it(rules_nlp):
    """「举办|某某大会」「召开|某某会议」: the meeting's name starts after the convening verb, with no proper modifier
    needed (the model decides)."""
    found = rule_candidates(rules_nlp, "白沙县举办青岭茶业发展大会，宁州机械集团召开干部大会，县政府召开常务会议。",
                            "meeting_suffix", "event_suffix")
    assert ("青岭茶业发展大会", "meeting_suffix") in found
    assert not any(name.startswith(("举办", "召开")) or "召开" in name for name, _ in found)


@pytest.mark.parametrize("routine", ["县政府常务会议", "干部大会", "常务会议", "全市动员大会", "党组会议"])
def test_a_body_s_routine_meeting_is_no_initiative(fragments, routine):
    assert fragments.is_fragment(routine, "INITIATIVE")


@pytest.mark.parametrize("event", ["青岭茶业发展大会", "白沙数字经济论坛", "宁州经贸合作交流会",
                                   "第三届青岭全体会议", "青岭国际茶文化节"])
def test_a_named_meeting_or_event_is_no_fragment(fragments, event):
    assert not fragments.is_fragment(event, "INITIATIVE")


def test_the_trained_model_keeps_no_routine_meeting(nlp):
    doc, _ = process(nlp, "宁州机械集团召开干部大会，宣布新班子任职决定。县政府召开常务会议，研究青岭新区规划。")
    names = [e.text for e in doc.ents if e.label_ == "INITIATIVE"]
    assert not any(n.endswith(("干部大会", "常务会议")) for n in names)


def test_a_line_is_named_by_both_its_ends_and_a_work_by_its_kind(rules_nlp):
    """「甲至乙高铁」: the line's first end and the joiner are part of its name; 「某某水利枢纽船闸」 is proposed whole;
    「某某光伏电站项目」 is the project, not a power station cut before 项目; a verb ends the clause before a work
    (「县里通|高铁」 names none)."""
    text = "今年，宁州至白沙高铁开通运营，青岭水利枢纽船闸通航，白沙县光伏电站项目并网。县里通高铁后更方便。"
    found = [name for name, _ in rule_candidates(rules_nlp, text, "works_suffix")]
    assert "宁州至白沙高铁" in found and "青岭水利枢纽船闸" in found
    assert not any(name.endswith("光伏电站") for name in found)
    assert not any("通高铁" in name for name in found)


def test_the_model_decides_meetings_and_works(nlp):
    """The kind-named meetings and works are no trusted rule's: the model keeps or drops them by its probability."""
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    doc = nlp.make_doc("宁州至白沙高铁开通，青岭茶业发展大会开幕。")
    assert not ner._trusted(doc.char_span(0, 7, label="INITIATIVE", kb_id="works_suffix"))
    assert not ner._trusted(doc.char_span(10, 18, label="INITIATIVE", kb_id="meeting_suffix"))


def test_a_place_and_a_trade_before_a_sector_s_noun_is_no_company(fragments):
    """「江西能源|资源丰富」「江西文旅|产业」: LAC reads a place and a trade as a company; before a sector's noun they
    name the place's sector. A company's full name, a name not opening with a place, another label: unchanged."""
    text = "江西能源资源丰富，江西文旅产业兴旺，江西能源有限公司扩产，青岭能源资源集团成立。"
    at = text.index
    assert fragments.sector_reading(text, 0, 4, "ENTERPRISE")
    assert fragments.sector_reading(text, at("江西文旅"), at("江西文旅") + 4, "ENTERPRISE")
    assert not fragments.sector_reading(text, at("江西能源有限"), at("江西能源有限") + 4, "ENTERPRISE")
    assert not fragments.sector_reading(text, at("青岭能源"), at("青岭能源") + 4, "ENTERPRISE")
    assert not fragments.sector_reading(text, 0, 4, "AGENCY")


def test_a_cut_candidate_scores_at_least_the_model_s_probability_of_the_cut_span(nlp):
    """A candidate the fragment rules cut (「举办|某某论坛」) is scored by the model's probability of what remains when
    that is higher than the probability of the span the rule proposed."""
    from kg.config import DEFAULT_MODEL
    from kg.nlp.components.trained_ner import TrainedNer

    ner = TrainedNer(nlp, model_dir=str(DEFAULT_MODEL / "ner"))
    doc = nlp.make_doc("白沙县举办青岭数字经济论坛。")
    cut = doc.char_span(5, 13, label="INITIATIVE", kb_id="meeting_suffix")
    entry = (0.1, 10, 3, 0, cut)
    assert ner._rescored(entry, {(5, 13): {"INITIATIVE": 0.9}})[0] == 0.9
    assert ner._rescored(entry, {(5, 13): {"INITIATIVE": 0.05}}) == entry
    assert ner._rescored(entry, {}) == entry


def test_a_joiner_inside_a_programme_s_name_is_part_of_it(rules_nlp):
    """「实施|甲和乙工程」: words that do not end like a name, joined to a programme's name by 和/与/及, are part of it;
    after a name's ending (「甲工程和|乙工程」) the joiner separates two names, and a short second part names a trade."""
    found = rule_candidates(rules_nlp, "青岭县将实施河道清淤点和堤防隐患排查工程、水质监测与应急处置能力提升工程。"
                                       "同时落实白沙乡村强基工程和青岭康养服务扩容工程，发展纺织印染和服装工程。",
                            "initiative_suffix")
    names = {text for text, _rule in found}
    assert {"河道清淤点和堤防隐患排查工程", "水质监测与应急处置能力提升工程"} <= names
    assert {"白沙乡村强基工程", "青岭康养服务扩容工程"} <= names
    assert not any(name.startswith(("实施", "将实施")) or "强基工程和" in name or "印染和" in name for name in names)


@pytest.mark.parametrize("phrase", ["青岭同志新时代治理思想", "中国特色青岭企业制度"])
def test_a_doctrine_or_a_set_phrase_of_chinese_characteristics_is_no_initiative(fragments, phrase):
    """「…思想」「中国特色…」: set phrases (GUIDELINES), no programme's name (the training gold lists them optional)."""
    assert fragments.is_fragment(phrase, "INITIATIVE")


def test_national_slogans_are_no_initiatives(nlp):
    """新基建, 美丽中国 ... (lexicon/not_entities.txt): slogans, no named programme, though a named programme stays."""
    doc, _ = process(nlp, "青岭市加快新基建，建设美丽中国，推进乡村振兴，参与“一带一路”建设。")
    names = {e.text for e in doc.ents if e.label_ == "INITIATIVE"}
    assert not names & {"新基建", "美丽中国", "乡村振兴"}


def test_championships_open_tournaments_and_festive_weeks_are_proposed(rules_nlp):
    """「某某世界锦标赛」「某某公开赛」「某某联赛」「某某文化周」「某某消费月」: events by their kind, for the model to decide."""
    text = "宁州举办青岭台球世界锦标赛，白沙承办云溪斯诺克公开赛，青岭足球联赛开幕，白沙县举办青岭非遗文化周，白沙县启动宁州汽车消费月活动。"
    found = [name for name, _ in rule_candidates(rules_nlp, text, "meeting_suffix")]
    assert any(name.endswith("青岭台球世界锦标赛") for name in found)
    assert any(name.endswith("云溪斯诺克公开赛") for name in found)
    assert any(name.endswith("青岭足球联赛") for name in found)
    assert "青岭非遗文化周" in found and "宁州汽车消费月" in found


def test_databases_gene_banks_and_alliances_are_proposed_as_things(rules_nlp, fragments):
    """「某某基础数据库」「某某种质资源库」「某某产教联合体」: things by their kind (names.yml thing_endings), proposed by
    the suffix rule for the model to decide."""
    text = "宁州银行接入青岭信用信息基础数据库，白沙县共建云溪中药材种质资源库，宁州智能制造产教联合体入选名单。"
    found = [name for name, _ in rule_candidates(rules_nlp, text, "initiative_suffix")]
    assert any(name.endswith("青岭信用信息基础数据库") for name in found)
    assert any(name.endswith("云溪中药材种质资源库") for name in found)
    assert any(name.endswith("宁州智能制造产教联合体") for name in found)
    assert fragments.untrusted_thing(text, text.index("青岭信用"), text.index("，白沙"), "initiative_suffix")


def test_an_event_s_trailing_word_for_sports_events_is_cut_unless_the_name_is_quoted(fragments):
    """「宁州马拉松|赛事」: 赛事 says what the event is; 「“云马”赛事」 is named whole."""
    assert fragments.trail_start("宁州马拉松赛事", "INITIATIVE") == len("宁州马拉松")
    assert fragments.trail_start("“云马”赛事", "INITIATIVE") == len("“云马”赛事")


def test_a_work_or_a_thing_is_not_relabelled_a_place(fragments):
    """「宁州白沙储能电站」「云溪船舶供应链平台」: an initiative that ends like a work or a thing keeps its label where the
    model reads a place; a zone, another label or another reading are left to the model."""
    assert fragments.keeps_label("宁州白沙储能电站", "INITIATIVE", "DISTRICT")
    assert fragments.keeps_label("云溪船舶供应链平台", "INITIATIVE", "DISTRICT")
    assert not fragments.keeps_label("云溪船舶供应链平台", "INITIATIVE", "ENTERPRISE")
    assert not fragments.keeps_label("宁州白沙科创园", "INITIATIVE", "DISTRICT")
    assert not fragments.keeps_label("宁州白沙储能电站", "ENTERPRISE", "DISTRICT")


def test_a_quoted_cup_or_championship_is_a_named_event(rules_nlp, fragments):
    """「“青岭杯”」「“云溪马拉松”」: a quoted competition named by its kind is an event the quoted-name rule is sure of."""
    text = "学生在“青岭杯”等竞赛中获奖，白沙县举办“云溪马拉松”。"
    found = rule_candidates(rules_nlp, text, "quoted_name")
    assert ("青岭杯", "quoted_name") in found and ("云溪马拉松", "quoted_name") in found
    at = text.index("青岭杯")
    assert not fragments.loose_quote(text, at, at + 3, "quoted_name")


def test_a_project_s_name_may_hold_its_site_owner_and_capacity(rules_nlp):
    """「某地某某能源基地某公司610万千瓦新能源项目」: a project's (or a work's) name may run past the 16 characters of other
    programmes when it holds its site or owner (names.yml initiative_suffix max_name_by_ending); a platform or a
    system that long is no name, nor a long project with neither (「将|甲保护传承和乙精品工程项目」)."""
    found = rule_candidates(rules_nlp, "今年，白沙天岭戈壁能源基地远航电力610万千瓦新能源项目并网发电。"
                                       "青岭科技园云溪街道远航智慧产业社区引入智能客控管理服务系统。"
                                       "连续多年将传统手工技艺保护传承和乡村文化精品工程项目列入实事。",
                            "initiative_suffix")
    assert ("白沙天岭戈壁能源基地远航电力610万千瓦新能源项目", "initiative_suffix") in found
    assert not any(name.endswith("系统") and len(name) > 18 for name, _ in found)
    assert not any(name.endswith("精品工程项目") and len(name) > 18 for name, _ in found)


def test_a_joined_programme_s_name_starts_after_the_verb_its_subject_place_opens(rules_nlp):
    """「某省|启动|甲和乙工程」: a place the tagger reads before the verb is the clause's subject, not a name that the joiner
    ends (「日照和|海口…项目」); the programme's name, joiner and all, starts after the verb."""
    found = rule_candidates(rules_nlp, "宁州启动智能农机整机和关键部件攻关工程。", "initiative_suffix")
    names = {text for text, _rule in found}
    assert "智能农机整机和关键部件攻关工程" in names
    assert not any(name.startswith(("宁州", "启动")) for name in names)


def test_an_event_the_tagger_reads_as_one_proper_word_is_a_meeting_candidate(rules_nlp):
    """「云溪县|品梅节/nz」: an event word ending like a festival, with the place before it (names.yml ``nz_event``)."""
    found = rule_candidates(rules_nlp, "云溪县品梅节开幕。", "meeting_suffix")
    assert ("云溪县品梅节", "meeting_suffix") in found, found
