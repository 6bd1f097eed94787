"""The head and the empty tables of an article's review page: what an article lacks is left out, an empty
table says so."""
import lxml.html
import pytest

from kg.config import Settings
from kg.pipeline import build
from kg.report import write_reports


def _page(tmp_path, name: str, text: str):
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    store = build([article], None, Settings(ner="rules"), html=False).store
    paths = write_reports(store, tmp_path / "report")
    (page,) = [p for p in paths if p.name != "index.html"]
    return lxml.html.fromstring(page.read_text(encoding="utf-8"))


def _meta(page) -> str:
    return " ".join(page.xpath("//p[@class='meta']")[0].text_content().split())


def test_an_undated_article_without_author_has_no_stray_separator(tmp_path):
    page = _page(tmp_path, "plain.txt", "今天天气很好，大家都出门散步。")
    meta = _meta(page)
    assert meta.startswith(str(tmp_path / "plain.txt")) or meta.startswith("plain.txt"), meta
    assert not meta.startswith(("·", "・")) and "· ·" not in meta, meta
    assert meta.endswith("0 relations, 0 figures"), meta


def test_date_author_and_source_in_that_order_when_known(tmp_path):
    page = _page(tmp_path, "dated.md", "---\ntitle: 一则测试新闻\ndate: 2024-03-05\nauthor: 王小明\n---\n今天天气很好。\n")
    parts = _meta(page).split(" · ")
    assert parts[0] == "2024-03-05" and parts[1] == "王小明" and parts[2].endswith("dated.md"), parts
    assert len(parts) == 4


@pytest.mark.parametrize("heading, columns", [("关系 · relations", 6), ("数据 · figures", 7)])
def test_an_empty_table_says_none(tmp_path, heading, columns):
    page = _page(tmp_path, "plain.txt", "今天天气很好，大家都出门散步。")
    (h2,) = [h for h in page.xpath("//h2") if h.text_content() == heading]
    table = h2.getnext()
    rows = table.xpath(".//tr")
    assert len(rows) == 2  # the header and the one "none" row
    (cell,) = rows[1].xpath("./td")
    assert cell.text_content() == "无 · none" and cell.get("colspan") == str(columns)
