"""A person read with more characters than the name (a post title or a verb glued to it) is cut back to the name
(``DocLexicon._person_overreads``). Invented names."""
import spacy

from kg.nlp.components.doc_lexicon import DocLexicon


def _people(component, text, spans):
    doc = spacy.blank("zh")(text)
    doc.ents = [doc.char_span(s, e, label=label) for s, e, label in spans]
    return [(e.text, e.start_char) for e in component._person_overreads(doc, list(doc.ents), text)
            if e.label_ == "PERSON"]


def test_a_person_read_with_a_title_or_a_verb_after_the_name_is_cut_back():
    component = DocLexicon(spacy.blank("zh"))
    text = "陆正阳总书记在宁州考察时强调，要加快发展。陆正阳指出，要加强创新。"
    assert _people(component, text, [(0, 6, "PERSON"), (21, 24, "PERSON")]) == [("陆正阳", 0), ("陆正阳", 21)]
    text = "孙宁说，很方便。孙宁认为，很好。会上，孙宁表示：要加快。"
    assert _people(component, text, [(0, 2, "PERSON"), (8, 10, "PERSON"), (19, 23, "PERSON")]) == \
        [("孙宁", 0), ("孙宁", 8), ("孙宁", 19)]


def test_a_person_named_often_read_once_with_the_next_character_is_cut_back():
    component = DocLexicon(spacy.blank("zh"))
    text = "孙宁说，很方便。孙宁认为，很好。孙宁回忆起往事。散会后，孙宁笑着点了点头。"
    spans = [(0, 2, "PERSON"), (8, 10, "PERSON"), (16, 18, "PERSON"), (28, 31, "PERSON")]
    assert _people(component, text, spans) == [("孙宁", 0), ("孙宁", 8), ("孙宁", 16), ("孙宁", 28)]
    text = "尼玛说，很方便。尼玛认为，很好。尼玛回忆起往事。尼玛扎西也来了。"  # not a Han surname: the longer name stays
    spans = [(0, 2, "PERSON"), (8, 10, "PERSON"), (16, 18, "PERSON"), (24, 28, "PERSON")]
    assert _people(component, text, spans)[-1] == ("尼玛扎西", 24)


def test_a_longer_given_name_and_a_compound_surname_with_a_title_stay():
    component = DocLexicon(spacy.blank("zh"))
    text = "李明说，很方便。李明认为，很好。会上，李明华介绍了情况。"
    assert _people(component, text, [(0, 2, "PERSON"), (8, 10, "PERSON"), (19, 22, "PERSON")]) == \
        [("李明", 0), ("李明", 8), ("李明华", 19)]
    assert _people(component, "欧阳书记主持会议。", [(0, 4, "PERSON")]) == [("欧阳书记", 0)]  # no surname alone
