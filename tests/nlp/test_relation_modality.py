"""Relations the text does not state as facts (kg_relation_modality), in the real pipeline as shipped (LAC, the
trained NER, the relation rules and the packaged relation classifier): a body that forwards or explains a document
someone else issued. Invented names and sentences."""
import pytest

from kg.nlp import make_nlp
from kg.nlp.components.modality import handled_not_issued, load_cues

from ..conftest import process


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


@pytest.fixture(scope="module")
def cues():
    return load_cues()


def rels(doc, predicate):
    return {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == predicate}


def posts(doc):
    return {(r["s"][3], r["o"][3], r["role"]) for r in doc._.kg_relations if r["p"] == "holdsPostIn"}


def test_it_runs_after_the_relation_classifier(nlp):
    names = nlp.pipe_names
    assert names.index("kg_relation_modality") == names.index("kg_relation_classifier") + 1


# -- issuedBy: forwarded, explained, carried out ---------------------------------------------------------------
def test_a_forwarding_office_does_not_issue_the_document_whose_title_names_its_issuer(nlp):
    doc, _ = process(nlp, "青澜市人民政府办公室近日转发《国务院关于促进民营经济发展壮大的意见》，要求各区县认真贯彻落实。")
    assert rels(doc, "issuedBy") == {("国务院关于促进民营经济发展壮大的意见", "国务院")}


def test_a_bureau_explaining_a_document_another_body_issued_is_not_its_issuer(nlp):
    doc, _ = process(nlp, "青澜市商务局负责人解读了溪北省人民政府出台的《溪北省促进外贸高质量发展若干措施》。")
    assert rels(doc, "issuedBy") == {("溪北省促进外贸高质量发展若干措施", "溪北省人民政府")}


def test_a_body_carrying_out_a_document_does_not_issue_it_but_issues_its_own(nlp):
    doc, _ = process(nlp, "为贯彻落实《国务院关于促进民营经济发展壮大的意见》，青澜市发展和改革委员会制定了"
                          "《青澜市民营经济发展三年行动方案》。")
    assert rels(doc, "issuedBy") == {("国务院关于促进民营经济发展壮大的意见", "国务院"),
                                     ("青澜市民营经济发展三年行动方案", "青澜市发展和改革委员会")}


def test_yinfa_is_issuing(nlp):
    """「印发」 is how a government office issues a document: it stays."""
    doc, _ = process(nlp, "青澜市人民政府办公室印发《青澜市促进数字经济发展若干措施》。")
    assert rels(doc, "issuedBy") == {("青澜市促进数字经济发展若干措施", "青澜市人民政府办公室")}


def test_forwarding_without_a_stated_issuer_is_left_to_the_other_rules(cues):
    """Only a sentence that states the issuer (a relation to a body after the verb or opening the title) drops the
    others: 「甲转发《若干措施》」 alone says nothing of who issued it."""
    text = "青澜市商务局转发《若干措施》。"
    work = (7, 11, "INITIATIVE", "若干措施", "")
    rel = {"s": work, "p": "issuedBy", "o": (0, 5, "AGENCY", "青澜市商务局", ""), "rule": "model:relations",
           "ev": (0, 11), "role": ""}
    assert handled_not_issued(text, [rel], cues) == set()
    other = {**rel, "o": (0, 3, "DISTRICT", "青澜市", "")}
    assert handled_not_issued(text, [rel, other], cues) == set()  # neither lies after the verb
