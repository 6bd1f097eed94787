"""Names with invisible characters inside (soft hyphen, joiners, bidi isolates, tags, U+2028 …) make one entity
with a clean label, evidence offsets stay exact in the text as read, and mixed-script names are kept and reported
(real pipeline and build, an invented hostile article)."""
import json

from kg.config import Settings
from kg.ingest.reader import read_document
from kg.language.fold import visible
from kg.nlp import make_nlp
from kg.nlp.extract import extract_document
from kg.pipeline import build

INVISIBLE = ["\u00ad", "\u034f", "\u180e", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\u2066", "\u2067",
             "\u2068", "\u2069", "\u3164", "\U0001D173", "\U000E0041", "\u2028", "\u2029", "\u200b", "\ufeff"]
NAME = "宁州远航机械股份有限公司"


def _article(tmp_path):
    body = "".join(f"<p>{NAME[:4]}{c}{NAME[4:]}与宁州市人民政府签署合作协议，投资20亿元建设新工厂。</p>\n" for c in INVISIBLE)
    body += "<p>\u0410BC科技有限公司在宁州市设立研发中心。</p>\n"
    path = tmp_path / "hostile.md"
    path.write_text(f"---\ntitle: 宁州远航机械签约\ndate: 2024-05-01\n---\n{body}", encoding="utf-8")
    return path


def test_one_node_with_a_clean_label_and_mixed_scripts_reported(tmp_path):
    path = _article(tmp_path)
    result = build([path], tmp_path / "out", Settings(), html=False)
    with result.reading() as st:
        rows = st.query('SELECT ?l WHERE { ?e a <https://example.org/kg/ontology#Enterprise> ; '
                        '<http://www.w3.org/2000/01/rdf-schema#label> ?l }')
        labels = [str(r[0].value) for r in rows]
    assert labels.count(NAME) == 1
    assert not any(NAME[:4] in label and label != NAME for label in labels)  # no look-alike second node
    assert "\u0410BC科技有限公司" in labels  # the Cyrillic А kept, the name not cut to BC科技有限公司
    from rdflib import Graph

    turtle = Graph().parse(tmp_path / "out" / "graph.ttl")  # a U+2028 inside a literal does not cut its line
    assert any("\u2028" in str(o) for o in turtle.objects())  # the evidence sentence as read
    record = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert {(m["name"], tuple(m["scripts"])) for m in record["mixed_scripts"]} == {
        ("\u0410BC科技有限公司", ("Cyrillic", "Latin"))}


def test_every_offset_is_in_the_text_as_read(tmp_path):
    document = read_document(_article(tmp_path))
    ex = extract_document(make_nlp(), document)
    text = document.text
    assert any(c in text for c in INVISIBLE)  # the document keeps what it read
    names = [m for m in ex.mentions if m.text == NAME]
    assert len(names) == len(INVISIBLE)
    for m in names:
        assert visible(text[m.start:m.end]).text == NAME  # the name as written, invisible characters and all
    assert sum(text[m.start:m.end] != NAME for m in names) >= len(INVISIBLE) - 2  # (the reader drops U+200B, U+FEFF)
    evidence = [r.evidence for r in ex.relations] + [f.evidence for f in ex.figures]
    assert evidence
    for ev in evidence:
        assert text[ev.start:ev.end] == ev.sentence
        assert ev.start <= ev.span_start < ev.span_end <= ev.end
    for fig in ex.figures:
        assert text[fig.evidence.span_start:fig.evidence.span_end] == fig.text
