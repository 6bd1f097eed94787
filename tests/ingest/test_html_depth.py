"""Deeply nested HTML is read in linear time: the block walker works out once which elements hold a block or a
table, instead of searching each element's subtree again (review finding 19: 20,000 unclosed <div>s took 30 s)."""
import time

from kg.ingest import read_document
from kg.ingest.html import html_blocks

SENTENCE = "青澜市人民政府召开常务会议，市长柯文远主持会议。"


def _timed(body: str):
    start = time.perf_counter()
    blocks = html_blocks(body)
    return blocks, time.perf_counter() - start


def test_twenty_thousand_unclosed_divs_are_read_in_linear_time():
    blocks, seconds = _timed("<html><body>" + "<div>" * 20_000 + f"<p>{SENTENCE}</p></body></html>")
    assert [b.text for b in blocks] == [SENTENCE]
    assert seconds < 4.0  # about 1 s; a find() per element took a minute on this machine


def test_nesting_costs_no_more_than_length():
    """Ten times deeper costs about ten times more, not a hundred (the quadratic walk went from 0.04 s to 3.7 s)."""
    _, shallow = _timed("<html><body>" + "<div>" * 1_000 + f"<p>{SENTENCE}</p></body></html>")
    _, deep = _timed("<html><body>" + "<div>" * 10_000 + f"<p>{SENTENCE}</p></body></html>")
    assert deep < 30 * shallow + 0.5


def test_nested_tables_and_lists_keep_their_text(tmp_path):
    tables = "<table><tr><td>" * 3_000 + f"<p>{SENTENCE}</p>"
    assert [b.text for b in html_blocks("<html><body>" + tables + "</body></html>")] == [SENTENCE]  # one column: layout
    lists = "<ul><li>" * 3_000 + "青澜市人民政府召开常务会议。"
    assert [b.text for b in html_blocks("<html><body>" + lists + "</body></html>")] == ["青澜市人民政府召开常务会议。"]
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 20_000 + f"<p>{SENTENCE}</p></body></html>", encoding="utf-8")
    assert read_document(page).text == SENTENCE


def test_same_blocks_as_before_on_a_mixed_page():
    body = ("<div><h2>标题</h2><div>导语<strong>加粗</strong><p>第一段</p>尾巴</div>"
            "<table><tr><td>甲</td><td><table><tr><td>乙</td></tr></table></td></tr></table>"
            "<span><div>内联里的块</div></span><blockquote><p>引文</p></blockquote></div>")
    assert [(b.text, b.kind) for b in html_blocks(body)] == [
        ("标题", "heading"), ("导语加粗", "p"), ("第一段", "p"), ("尾巴", "p"), ("甲", "p"), ("乙", "p"),
        ("内联里的块", "p"), ("引文", "quote")]
