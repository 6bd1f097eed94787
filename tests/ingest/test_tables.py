"""Tables in Word documents and HTML bodies read like a saved page's tables (invented figures): one paragraph a row,
each cell in its column, so the figures in them are found."""
from pathlib import Path

import pytest

from kg.config import Settings
from kg.ingest import read_document
from kg.pipeline import build
from kg.rdf.query import resolve_query, run_store_query

INTRO = "2024年上半年，宁州市经济运行总体平稳，主要指标保持较快增长，高质量发展扎实推进。"
ROWS = [("指标", "数值", "同比增长"),
        ("地区生产总值", "3250.6亿元", "5.8%"),
        ("规模以上工业增加值", "", "6.2%"),
        ("社会消费品零售总额", "1280.4亿元", "4.9%")]
EXPECTED_ROWS = ["| 指标 | 数值 | 同比增长 |", "| 地区生产总值 | 3250.6亿元 | 5.8% |", "| 规模以上工业增加值 | | 6.2% |",
                 "| 社会消费品零售总额 | 1280.4亿元 | 4.9% |"]


def _docx(path: Path, rows=ROWS) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(INTRO)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.save(path)
    return path


def _table_html(rows=ROWS, header: bool = False) -> str:
    """The table in HTML; with ``header``, its first row in <th> cells (trafilatura then draws |---| under it)."""
    cell = ["th" if header and i == 0 else "td" for i in range(len(rows))]
    return "<table>" + "".join("<tr>" + "".join(f"<{cell[i]}>{c}</{cell[i]}>" for c in r) + "</tr>"
                               for i, r in enumerate(rows)) + "</table>"


def _saved_page(path: Path, header: bool = False) -> Path:
    """A portal page around the same table: trafilatura takes its main text."""
    menu = "".join(f"<li><a href='/c{i}'>栏目{i}</a></li>" for i in range(4))
    path.write_text(f"<html><head><title>宁州市经济运行情况</title></head><body><nav><ul>{menu}</ul></nav><article>"
                    f"<h1>宁州市经济运行情况</h1><p>{INTRO}</p>{_table_html(header=header)}</article><footer>版权所有</footer>"
                    f"</body></html>", encoding="utf-8")
    return path


def _paragraphs(doc) -> list[str]:
    return [doc.text[p.start:p.end] for p in doc.paragraphs]


def _figures(path: Path) -> set[tuple[str, float, str]]:
    result = build([path], None, Settings(), html=False)
    with result.reading() as store:
        out = run_store_query(store, resolve_query("figures_by_indicator"))
    rows = [dict(zip(out.columns, row)) for row in out.rows]
    return {(str(r["indicator"]), float(str(r["value"])), str(r["unit"])) for r in rows}


def test_a_word_table_row_keeps_its_empty_cell_in_place(tmp_path):
    assert _paragraphs(read_document(_docx(tmp_path / "t.docx"))) == [INTRO] + EXPECTED_ROWS


@pytest.mark.parametrize("header", [False, True])
def test_a_word_table_reads_as_the_same_table_in_a_saved_page_and_a_clean_body(tmp_path, header):
    page = read_document(_saved_page(tmp_path / "page.html", header))
    body = tmp_path / "body.html"
    body.write_text(f"<p>{INTRO}</p>{_table_html(header=header)}", encoding="utf-8")
    word = read_document(_docx(tmp_path / "t.docx"))
    assert _paragraphs(page)[1:] == _paragraphs(read_document(body))[1:] == _paragraphs(word)[1:] == EXPECTED_ROWS


def test_the_figures_of_a_word_table_are_found_with_their_values(tmp_path):
    word = _figures(_docx(tmp_path / "t.docx"))
    assert {("地区生产总值", 325060000000.0, "CNY"), ("社会消费品零售总额", 128040000000.0, "CNY"),
            ("规模以上工业增加值 同比增长", 6.2, "percent")} <= word  # the empty cell keeps the row's rate under 同比增长
    assert {(indicator, value) for indicator, value, unit in word if unit == "percent"} == {
        ("地区生产总值 同比增长", 5.8), ("社会消费品零售总额 同比增长", 4.9), ("规模以上工业增加值 同比增长", 6.2)}
    assert word == _figures(_saved_page(tmp_path / "page.html"))  # what the same table on a web page gives


def test_merged_word_cells_leave_empty_cells_under_the_columns_they_cover(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("地区", "指标", "数值"), ("宁州市", "出口额", "12亿元"), ("", "进口额", "8亿元")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    table.cell(0, 1).merge(table.cell(0, 2))  # a heading over two columns
    table.cell(1, 0).merge(table.cell(2, 0))  # 宁州市 for both rows
    document.save(tmp_path / "merged.docx")
    rows = _paragraphs(read_document(tmp_path / "merged.docx"))
    assert rows == ["| 地区 | 指标 数值 | |", "| 宁州市 | 出口额 | 12亿元 |", "| | 进口额 | 8亿元 |"]


def test_spanning_html_cells_leave_empty_cells_as_a_saved_page_does(tmp_path):
    body = tmp_path / "spans.html"
    body.write_text("<p>宁州市外贸情况如下。</p><table><tr><th>地区</th><th colspan='2'>指标</th></tr>"
                    "<tr><td rowspan='2'>宁州市</td><td>出口额</td><td>12亿元</td></tr>"
                    "<tr><td>进口额</td><td>8<b>亿元</b></td></tr><tr><td colspan='9999'>合计</td></tr></table>",
                    encoding="utf-8")
    rows = _paragraphs(read_document(body))[1:]
    assert rows[:3] == ["| 地区 | 指标 | |", "| 宁州市 | 出口额 | 12亿元 |", "| | 进口额 | 8亿元 |"]
    assert rows[3].startswith("| 合计 | |") and rows[3].count("|") <= 102  # a span is capped


@pytest.mark.parametrize("cells, text", [(["a|b", "x\ny"], "| a\\|b | x y |"), (["", " "], "")])
def test_a_row_is_one_line_and_a_row_without_text_is_nothing(cells, text):
    from kg.ingest.html import table_row_text

    assert table_row_text(cells) == text


def test_a_statistics_table_with_units_in_its_header_gives_its_figures_end_to_end(tmp_path):
    page = tmp_path / "stats.html"
    page.write_text("<html><head><meta charset='utf-8'><title>宁州市前三季度主要经济指标</title></head><body><article>"
                    "<h1>宁州市前三季度主要经济指标</h1><p>宁州市统计局发布前三季度主要经济指标，全市经济运行总体平稳。</p>"
                    "<table><thead><tr><th>指标</th><th>绝对值</th><th>同比增长（%）</th></tr></thead><tbody>"
                    "<tr><td>地区生产总值（亿元）</td><td>2876.4</td><td>5.4</td></tr>"
                    "<tr><td>一般公共预算收入（亿元）</td><td>312.6</td><td>-1.8</td></tr></tbody></table>"
                    "</article></body></html>", encoding="utf-8")
    assert _figures(page) == {("地区生产总值", 287640000000.0, "CNY"), ("地区生产总值 同比增长", 5.4, "percent"),
                              ("一般公共预算收入", 31260000000.0, "CNY"), ("一般公共预算收入 同比增长", -1.8, "percent")}
