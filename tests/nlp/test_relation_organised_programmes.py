"""issuedBy for the programmes, campaigns, events and funds a body runs: the body right before an organising verb
(开展, 举办, 实施, 启动, 设立 …) is its subject and runs what is listed right after the verb. Invented names."""
import pytest

from kg.config import Settings
from kg.nlp import make_nlp
from kg.nlp.components.relation_classifier import DEFAULT_MODEL_DIR

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp(Settings(model=None, relation_model=str(DEFAULT_MODEL_DIR)))


def by_rule(doc, predicate):
    return {(r["s"][3], r["o"][3], r["rule"]) for r in doc._.kg_relations if r["p"] == predicate}


def test_every_listed_campaign_a_body_organises_is_issued_by_it(nlp):
    doc, _ = process(nlp, "宁州市商务局将组织开展“宁购节”“云品节”等活动。")
    assert by_rule(doc, "issuedBy") >= {("宁购节", "宁州市商务局", "organise_verb"),
                                        ("云品节", "宁州市商务局", "organise_verb")}


def test_a_programme_a_body_launches_after_a_date_is_issued_by_it(nlp):
    doc, _ = process(nlp, "宁州市商务局2027年启动“乐购宁州”活动。")
    assert ("乐购宁州", "宁州市商务局", "organise_verb") in by_rule(doc, "issuedBy")


def test_a_body_another_assists_is_not_the_organiser(nlp):
    doc, _ = process(nlp, "宁州市人民政府配合宁州市商务局举办“云品节”。")
    assert not {r for r in by_rule(doc, "issuedBy") if r[2] == "organise_verb"}


def test_a_date_between_a_body_and_its_issue_verb_is_passed_over(nlp):
    doc, _ = process(nlp, "宁州市商务局于4月25日发布了《宁州市消费提振方案》。")
    assert ("宁州市消费提振方案", "宁州市商务局", "issue_verb") in by_rule(doc, "issuedBy")
