"""Roles held only in a body of their kind (names.yml ``body_roles``: 人大代表, 政府参事) and a township head's post in
its people's government (``township_heads``), in the real pipeline. Invented names."""
import pytest

from ..conftest import process
from .test_relation_lists_and_posts import posts_of as posts


@pytest.mark.parametrize("text, held", [
    # a deputy of the national congress
    ("在云溪区，90后全国人大代表张小芬就是这样一名新农人。", {("张小芬", "全国人大", "代表")}),
    # a deputy before another post in a chain
    ("全国人大代表、宁州大学光华学院院长田明表示，要加快建设。",
     {("田明", "全国人大", "代表"), ("田明", "宁州大学", "光华学院院长")}),
    # a counsellor of the State Council
    ("国务院参事、宁州大学经济学院教授刘明说：“很受启发。”", {("刘明", "国务院", "参事")}),
    # a township head holds a post in its government
    ("宁州市冷溪镇副镇长蒲小霞说，游客多了。", {("蒲小霞", "冷溪镇人民政府", "副镇长")}),
    # an occupation right after its organisation
    ("“巡逻更方便了。”宁州市公安局民警于小亮说。", {("于小亮", "宁州市公安局", "民警")}),
    # an occupation whose first character jieba reads as a verb (演|员: the word 演员 is a noun)
    ("“观众多了。”宁州市歌剧院演员王小涛说。", {("王小涛", "宁州市歌剧院", "演员")}),
    # two runs of titles split by a comma, each led by its organisation, are the one name's
    ("在对接会上，宁州市发改委党组书记、主任，远航集团党委书记、董事长王小坚介绍了情况。",
     {("王小坚", "宁州市发改委", "主任"), ("王小坚", "远航集团", "董事长")}),
    # the head of a group right after it (jieba reads 组长 as a verb)
    ("“进度很快。”宁州市驻县督查组组长王小刚说。", {("王小刚", "宁州市驻县督查组", "组长")}),
])
def test_a_role_of_its_kind_of_body_is_a_post_there(nlp, text, held):
    doc, _ = process(nlp, text)
    assert held <= posts(doc)


@pytest.mark.parametrize("text, person", [
    ("宁州集团代表王小明说，订单很多。", "王小明"),  # a representative of a company is no such post
    ("“课程很实用。”宁州大学学员马明明说。", "马明明"),  # a student is no occupation
])
def test_a_role_of_another_kind_is_no_post(nlp, text, person):
    doc, _ = process(nlp, text)
    assert not any(p[0] == person for p in posts(doc))


def test_a_person_the_trained_model_alone_reads_holds_posts_too(nlp):
    """A name the CRF proposes (rule ``trained_ner``) is a person like one LAC proposes: the titles before it are its."""
    from spacy.tokens import Span

    doc, _ = process(nlp, "“订单很多。”云帆汽车服务有限公司营运总监李大旺说。")
    doc.ents = [Span(doc, e.start, e.end, label=e.label_, kb_id="trained_ner") if e.label_ == "PERSON" else e
                for e in doc.ents]
    doc = nlp.get_pipe("kg_relations")(doc)
    assert ("李大旺", "云帆汽车服务有限公司", "营运总监") in posts(doc)


def test_a_byline_after_a_comma_takes_no_titles(nlp):
    doc, _ = process(nlp, "受访者为全国人大代表、远航控股集团董事长，本报记者刘小国。")
    assert not any(p[0] == "刘小国" and p[1] != "人民日报" for p in posts(doc))
