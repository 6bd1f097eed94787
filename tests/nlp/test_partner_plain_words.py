"""「A和B…合作」 reads A and B as partners, and an unknown name there becomes an enterprise; LAC's ordinary words
(a verb, adjective or adverb, no name) are no partner's name. Sentences invented for these tests."""
import pytest

from ..conftest import process


@pytest.mark.parametrize("text, words", [
    ("双方在平等和相互尊重的基础上开展合作。", {"平等", "相互尊重"}),
    ("会议提出，加强双边和多边合作，促进经济增长。", {"双边", "多边"}),
    ("两国在平等互利和互不干涉内政的基础上合作。", {"平等互利", "互不干涉内政"}),
    ("宁州商会与远阳公司同舟共济、亲密合作，共同发展。", {"亲密"}),
])
def test_ordinary_words_around_a_partner_verb_are_no_enterprise(nlp, text, words):
    doc, _ = process(nlp, text)
    named = {e.text for e in doc.ents} | {r[side][3] for r in doc._.kg_relations for side in ("s", "o")}
    assert not words & named


def test_an_unknown_name_before_a_partner_verb_is_still_a_partner(nlp):
    doc, _ = process(nlp, "宁州商会与远阳公司同舟共济、亲密合作，共同发展。")
    partners = {(r["s"][3], r["o"][3]) for r in doc._.kg_relations if r["p"] == "partnerOf"}
    assert {("宁州商会", "远阳公司"), ("远阳公司", "宁州商会")} & partners
