"""kg:sourcePath is named relative to what was given, so the same articles give the same bytes anywhere."""
import shutil
from pathlib import Path

from kg.config import SAMPLE_ARTICLE, Settings
from kg.ingest.source_name import source_name
from kg.pipeline import build

ARTICLES = Path(__file__).parent.parent / "fixtures" / "articles"


def test_names_follow_what_was_given(tmp_path):
    folder = tmp_path / "news"
    (folder / "2024").mkdir(parents=True)
    article = folder / "2024" / "a.md"
    article.write_text("x", encoding="utf-8")
    assert source_name(article, folder, cwd="/") == "news/2024/a.md"  # a folder: its name, then the path inside
    assert source_name("2024/a.md", ".", cwd=folder) == "news/2024/a.md"  # "." is named as the folder it is
    assert source_name("news/2024/a.md", "news/2024/a.md", cwd=tmp_path) == "news/2024/a.md"  # a file inside the cwd
    assert source_name(article, article, cwd=folder / "2024" / "elsewhere") == "a.md"  # outside it: its name
    assert source_name(SAMPLE_ARTICLE, SAMPLE_ARTICLE, cwd=tmp_path) == f"kg/data/{SAMPLE_ARTICLE.name}"


def test_two_copies_in_different_folders_write_the_same_graph(tmp_path):
    outputs = []
    for where in ("first/place", "second"):
        copy = shutil.copytree(ARTICLES, tmp_path / where / "articles")
        result = build([copy], tmp_path / where / "out", Settings(ner="rules"), html=False)
        outputs.append(result.outputs["turtle"].read_bytes())
    assert outputs[0] == outputs[1]
    assert b'kg:sourcePath "articles/hangzhou_press.md"' in outputs[0]
    assert str(tmp_path).encode() not in outputs[0]


def test_two_files_of_one_name_from_outside_the_cwd_stay_apart(tmp_path):
    from kg.ingest import iter_documents
    from kg.ingest.source_name import named_documents

    for year in ("2023", "2024"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "report.md").write_text(f"{year}年报告。\n", encoding="utf-8")
    given = [tmp_path / "2023" / "report.md", tmp_path / "2024" / "report.md"]
    names = [d.source for d in named_documents(given, lambda items: iter_documents(items))]
    assert names == ["report.md", "2024/report.md"]


def test_a_store_finds_an_article_by_the_path_it_was_built_from(tmp_path, monkeypatch):
    from kg.store import KgStore

    copy = shutil.copytree(ARTICLES, tmp_path / "work" / "articles")
    monkeypatch.chdir(tmp_path / "work")
    build(["articles"], None, Settings(ner="rules"), store=tmp_path / "store")
    with KgStore(tmp_path / "store") as st:
        (doc_id,) = [d for d, sources in st.documents().items() if sources == ["articles/hangzhou_press.md"]]
        assert st.find_document("articles/hangzhou_press.md") == doc_id  # as stored
        assert st.find_document(str(copy / "hangzhou_press.md")) == doc_id  # an absolute path to it
        monkeypatch.chdir(copy)
        assert st.find_document("hangzhou_press.md") == doc_id  # from inside the folder
        # unchanged articles are recognised when the same command runs again from the same place
    monkeypatch.chdir(tmp_path / "work")
    assert build(["articles"], None, Settings(ner="rules"), store=tmp_path / "store").counts["unchanged"] == 3
