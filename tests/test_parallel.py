"""Extraction over many documents in this process: the next article's LAC encoding is read ahead in a
background thread, which changes nothing in any result (invented articles)."""
import pytest

from kg.config import Settings
from kg.ingest import read_document
from kg.language.fold import fold
from kg.nlp.extract import extract_document, read_ahead
from kg.nlp.lac import sentence_chunks
from kg.parallel import _pipeline, extract_documents

ARTICLES = [
    "宁州市人民政府与远航机械股份有限公司签署战略合作协议。远航机械股份有限公司董事长李明辉出席。",
    "江城日报讯 宁州市经济和信息化委员会主任王建华表示，今年全市规模以上工业增加值增长6.1%。",
    "（记者 周小川）宁州高新区管委会发布《宁州高新区数字经济三年行动计划》，总投资120亿元。",
]


@pytest.fixture()
def documents(tmp_path):
    for i, text in enumerate(ARTICLES):
        (tmp_path / f"a{i}.md").write_text(f"---\ntitle: 第{i}篇\n---\n{text}\n", encoding="utf-8")
    return [read_document(tmp_path / f"a{i}.md") for i in range(len(ARTICLES))]


def test_one_worker_reads_ahead_and_gives_each_documents_own_extraction(documents):
    settings = Settings()
    nlp = _pipeline(settings)
    alone = [extract_document(nlp, d) for d in documents]
    together = [ex for _d, ex in extract_documents(documents, settings, workers=1)]
    assert together == alone and all(ex.mentions for ex in together)


def test_reading_ahead_starts_the_lac_encoding_of_every_sentence(documents):
    nlp = _pipeline(Settings())
    read_ahead(nlp, documents[2])
    text = fold(documents[2].text)
    assert all(text[s:e] in nlp.get_pipe("kg_lac_ner").model._ahead for s, e in sentence_chunks(text))
