"""`kg eval --doc` scores one article of a multi-article store exactly as that article built alone;
`kg eval --corpus` gives per-article lines and their micro totals."""
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

EVAL = Path(__file__).parent.parent / "fixtures" / "eval"
ARTICLES = ["bj_policy", "hf_park", "sh_exchange", "sz_press"]
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("evalcorpus")
    docs, gold = root / "docs", root / "gold"
    docs.mkdir()
    gold.mkdir()
    for name in ARTICLES:
        shutil.copy(EVAL / f"{name}.md", docs)
        shutil.copy(EVAL / f"{name}.json", gold)
    result = invoke("build", docs, "--store", root / "store", "--out", root / "all", "--no-html", "--ner", "rules")
    assert result.exit_code == 0, result.output
    return root


def _score(*args):
    result = invoke("eval", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("name", ARTICLES)
def test_one_article_of_a_store_scores_as_that_article_built_alone(corpus, tmp_path, name):
    article, gold = corpus / "docs" / f"{name}.md", corpus / "gold" / f"{name}.json"
    assert invoke("build", article, "--out", tmp_path, "--no-html", "--ner", "rules").exit_code == 0
    alone = _score(tmp_path / "graph.ttl", gold)
    assert _score("--store", corpus / "store", gold, "--doc", article) == alone
    assert _score("--store", corpus / "store", gold, "--doc", f"{name}.md") == alone
    # a Turtle file has no article graphs: the article's own entities, relations and figures are still found
    from_file = _score(corpus / "all" / "graph.ttl", gold, "--doc", f"{name}.md")
    assert from_file["entities"]["tp"] == alone["entities"]["tp"]
    assert from_file["relations"]["tp"] == alone["relations"]["tp"]
    # without --doc, the other articles' entities count as false hits
    assert _score(corpus / "all" / "graph.ttl", gold)["entities"]["fp"] > alone["entities"]["fp"]


def test_corpus_scores_add_up_to_the_micro_totals(corpus):
    result = _score("--store", corpus / "store", "--corpus", corpus / "gold")
    docs = result["documents"]
    assert len(docs) == len(ARTICLES) and all(d is not None for d in docs.values())
    for key in ("tp", "fp", "fn"):
        assert result["micro"]["entities"][key] == sum(d["entities"][key] for d in docs.values())
        assert result["micro"]["relations"][key] == sum(d["relations"][key] for d in docs.values())
    table = invoke("eval", "--store", corpus / "store", "--corpus", corpus / "gold")
    assert table.exit_code == 0
    assert table.output.count("entity_f1=") == len(ARTICLES) + 1 and "micro over 4 article(s)" in table.output


def test_an_unknown_document_is_one_error_line(corpus):
    result = invoke("eval", "--store", corpus / "store", corpus / "gold" / "sz_press.json", "--doc", "nothing.md")
    assert result.exit_code == 1
    assert "no such document" in result.output and "Traceback" not in result.output
