"""Word files are read as Word shows them with their changes accepted (review finding 12): tracked insertions,
content controls (around paragraphs, tables or words) and nested tables keep their text, in order; deleted and
moved-away text stays out."""
from pathlib import Path

from kg.ingest import read_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _xml(text: str):
    from docx.oxml import parse_xml

    return parse_xml(text)


def _run(text: str) -> str:
    return f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def _tracked_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("青澜市重点项目进展通报", level=1)
    p = document.add_paragraph("青澜市发展和改革委员会通报，")
    p._p.append(_xml(f'<w:ins {W} w:id="1" w:author="x" w:date="2026-11-01T00:00:00Z">{_run("青澜云谷科技有限公司完成投资9.8亿元。")}</w:ins>'))
    p._p.append(_xml(f'<w:del {W} w:id="2" w:author="x" w:date="2026-11-01T00:00:00Z">'
                     f'<w:r><w:delText>中州精工机械股份有限公司完成投资7.7亿元。</w:delText></w:r></w:del>'))
    p._p.append(_xml(f'<w:sdt {W}><w:sdtPr/><w:sdtContent>{_run("市长柯文远")}</w:sdtContent></w:sdt>'))
    p.add_run("要求加快建设。")
    moved = document.add_paragraph("项目清单")
    moved._p.append(_xml(f'<w:moveFrom {W} w:id="3" w:author="x">{_run("（旧位置）")}</w:moveFrom>'))
    moved._p.append(_xml(f'<w:moveTo {W} w:id="4" w:author="x">{_run("见下表")}</w:moveTo>'))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "总投资"
    table.cell(1, 0).text, table.cell(1, 1).text = "青澜算力调度平台", "15亿元"
    inner = table.cell(1, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "子项目", "3.5亿元"
    closing = document.add_paragraph("完")  # a block content control before the closing paragraph
    closing._p.addprevious(_xml(f'<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p>{_run("青澜经济技术开发区管理委员会主任温良玉表示，开发区新签约项目32个。")}'
                                f'</w:p><w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>'
                                f'<w:tc><w:p>{_run("新签约项目")}</w:p></w:tc><w:tc><w:p>{_run("32个")}</w:p></w:tc>'
                                f'</w:tr></w:tbl></w:sdtContent></w:sdt>'))
    document.save(path)
    return path


def test_insertions_content_controls_and_nested_tables_are_read_in_order(tmp_path):
    doc = read_document(_tracked_docx(tmp_path / "tracked.docx"))
    assert doc.text.split("\n") == [
        "青澜市重点项目进展通报",
        "青澜市发展和改革委员会通报，青澜云谷科技有限公司完成投资9.8亿元。市长柯文远要求加快建设。",
        "项目清单见下表",
        "| 项目 | 总投资 |",
        "| 青澜算力调度平台 | 15亿元 |",
        "| 子项目 | 3.5亿元 |",
        "青澜经济技术开发区管理委员会主任温良玉表示，开发区新签约项目32个。",
        "| 新签约项目 | 32个 |",
        "完",
    ]
    assert "中州精工" not in doc.text and "旧位置" not in doc.text


def test_a_content_control_inside_a_cell_is_read(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "地区生产总值"
    cell = table.cell(0, 1)._tc
    cell.remove(cell.p_lst[0])
    cell.append(_xml(f'<w:sdt {W}><w:sdtContent><w:p>{_run("2876.4亿元")}</w:p></w:sdtContent></w:sdt>'))
    document.save(tmp_path / "cell.docx")
    assert read_document(tmp_path / "cell.docx").text == "| 地区生产总值 | 2876.4亿元 |"
