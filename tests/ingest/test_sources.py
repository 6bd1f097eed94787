"""Articles as analysts get them: saved portal pages, PDF and Word policy documents, next to Markdown."""
from pathlib import Path

import pytest

from kg.ingest import read_document

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"

POLICY_PARAGRAPHS = [
    "宁州市人民政府关于加快推进数字政府建设的实施意见",
    "各县（市、区）人民政府，市各委、办、局：",
    "为深入贯彻落实国家和省关于数字政府建设的决策部署，加快推进我市政府数字化转型，提升政务服务效能，"
    "持续优化营商环境，现就加快推进数字政府建设提出如下实施意见，请结合实际认真贯彻执行。",
    "一、总体要求",
    "到2025年，全市政务服务事项网上可办率达到98%以上，“宁政通”平台注册用户突破500万人，"
    "市大数据局会同市政务服务管理办公室统筹推进政务数据共享，宁州高新技术产业开发区先行先试。",
    "二、重点任务",
    "加快建设宁州市一体化政务大数据平台，推动市公安局、市人力资源和社会保障局等部门数据按需共享，"
    "支持远航智能科技股份有限公司等企业参与数字政府项目建设运营，形成可复制可推广的经验做法。",
    "宁州市人民政府",
    "2024年3月5日",
]


def _policy_html(paragraphs) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    style = ("body{font-family:'Noto Sans CJK SC',sans-serif;font-size:16pt;line-height:1.8}"
             "p{margin:0 0 10pt 0;text-indent:2em}")
    return f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><style>{style}</style></head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def policy_pdf(browser, tmp_path_factory) -> Path:
    """A three-page policy document printed to PDF by Chromium, with a running header and page numbers."""
    path = tmp_path_factory.mktemp("pdf") / "policy.pdf"
    page = browser.new_page()
    page.set_content(_policy_html(POLICY_PARAGRAPHS[:4] + POLICY_PARAGRAPHS[4:] * 1), wait_until="load")
    page.pdf(path=str(path), format="A6", display_header_footer=True, margin={"top": "18mm", "bottom": "18mm"},
             header_template="<div style='font-size:8px;width:100%;text-align:center'>宁州市人民政府文件</div>",
             footer_template="<div style='font-size:8px;width:100%;text-align:center'>- <span class='pageNumber'>"
                             "</span> -</div>")
    page.close()
    return path


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "宁州市促进平台经济健康发展若干措施"
    document.core_properties.author = "宁州市发展和改革委员会"
    document.add_heading("宁州市促进平台经济健康发展若干措施", level=1)
    document.add_paragraph("为促进平台经济规范健康持续发展，宁州市发展和改革委员会会同市市场监督管理局制定本措施。")
    document.add_heading("一、支持平台企业做大做强", level=2)
    document.add_paragraph("对年营业收入首次突破10亿元的平台企业，给予一次性奖励500万元。")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("企业", "所在区域", "2023年营业收入"),
                                       ("鼎新软件有限公司", "宁州高新技术产业开发区", "12亿元"),
                                       ("宁州港务集团有限公司", "滨江区", "36亿元")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph("宁州市发展和改革委员会")
    document.add_paragraph("2024年4月1日")
    document.save(path)
    return path


def test_a_portal_page_yields_its_article_and_metadata_without_the_site():
    doc = read_document(PAGES / "portal_gov.html")
    assert doc.title == "宁州市召开数字经济发展推进会"
    assert doc.date is not None and doc.date.date().isoformat() == "2024-03-05"
    assert doc.publisher == "宁州日报" and doc.extra.get("editor") == "李娜"
    paragraphs = [doc.text[p.start:p.end] for p in doc.paragraphs]
    assert paragraphs[0].startswith("3月4日，宁州市召开数字经济发展推进会") and len(paragraphs) == 3
    for chrome in ("首页", "政务公开", "打印", "分享到", "相关阅读", "华东电力集团", "版权所有", "ICP", "浏览次数",
                   "宁州农商银行", "返回列表", "责任编辑"):
        assert chrome not in doc.text, chrome


def test_a_clean_html_body_is_still_read_by_kgs_own_walker(tmp_path):
    page = tmp_path / "body.html"
    page.write_text("<p>宁州市召开推进会。</p><p><strong>陈立平：</strong>我们将加快建设。</p>", encoding="utf-8")
    doc = read_document(page)
    assert doc.text == "宁州市召开推进会。\n陈立平：我们将加快建设。"
    assert doc.paragraphs[1].speaker == "陈立平"


def test_a_pdf_is_read_in_order_without_running_headers_or_page_numbers(policy_pdf):
    from kg.language.fold import fold

    doc = read_document(policy_pdf)
    paragraphs = [doc.text[p.start:p.end] for p in doc.paragraphs]
    # lines joined back into paragraphs, also across page breaks; radical look-alikes (⼈ for 人) repaired. A
    # font may still name a glyph it shares with a traditional twin by the twin (戶 for 户): kg matches
    # names on folded text, so that is compared folded
    assert [fold(p) for p in paragraphs] == [fold(p) for p in POLICY_PARAGRAPHS]
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in doc.text)
    assert "宁州市人民政府文件" not in doc.text and "- 1 -" not in doc.text
    pages = [p.page for p in doc.paragraphs]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] >= 3
    assert doc.title == POLICY_PARAGRAPHS[0] and doc.date.date().isoformat() == "2024-03-05"


def test_a_docx_gives_paragraphs_headings_and_table_rows(tmp_path):
    doc = read_document(_docx(tmp_path / "measures.docx"))
    paragraphs = [(doc.text[p.start:p.end], p.kind) for p in doc.paragraphs]
    assert paragraphs[0] == ("宁州市促进平台经济健康发展若干措施", "heading")
    assert ("一、支持平台企业做大做强", "heading") in paragraphs
    assert ("| 鼎新软件有限公司 | 宁州高新技术产业开发区 | 12亿元 |", "p") in paragraphs
    assert doc.title == "宁州市促进平台经济健康发展若干措施" and doc.author == "宁州市发展和改革委员会"
    assert doc.date.date().isoformat() == "2024-04-01"


def test_a_damaged_pdf_is_one_line_not_a_crash(tmp_path):
    from kg.errors import InputError

    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    with pytest.raises(InputError, match="broken.pdf"):
        read_document(bad)


def test_a_folder_of_page_pdf_docx_and_markdown_builds_one_graph(policy_pdf, tmp_path):
    import shutil

    from rdflib import Literal, URIRef

    from kg.config import Settings
    from kg.pipeline import build

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAGES / "portal_gov.html", folder)
    shutil.copy(policy_pdf, folder)
    _docx(folder / "measures.docx")
    shutil.copy(ARTICLES / "hangzhou_press.md", folder)
    result = build([folder], tmp_path / "out", Settings(), html=False)
    assert len(result.documents) == 4 and not result.skipped
    g = result.graph
    KG = "https://example.org/kg/ontology#"
    labels = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    for navigation in ("华东电力集团", "宁州港务集团一季度", "宁州农商银行", "宁州市民政局", "宁州市大数据中心"):
        assert not any(navigation in label for label in labels), navigation
    assert {"远航智能科技股份有限公司", "鼎新软件有限公司"} <= labels
    bodies = {d: str(t) for d, t in g.subject_objects(URIRef(KG + "bodyText"))}
    checked = 0
    for ev in g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(KG + "Evidence")):
        doc = g.value(ev, URIRef(KG + "inDocument"))
        start, end = int(g.value(ev, URIRef(KG + "startOffset"))), int(g.value(ev, URIRef(KG + "endOffset")))
        assert bodies[doc][start:end] == str(g.value(ev, URIRef(KG + "sentence")))
        checked += 1
    assert checked > 20
    pages = set(g.objects(None, URIRef(KG + "pageNumber")))
    assert {Literal(1), Literal(2), Literal(3)} <= pages  # the PDF's pages, each with its text range
