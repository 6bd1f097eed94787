"""A policy document's title printed over two lines is one title, ended by the salutation, document number or date
that follows it, never joined to them (invented documents printed to PDF by Chromium)."""
import pytest

from kg.ingest import read_document
from kg.ingest.pdf import title_lines

TITLE = "宁州市人民政府关于印发宁州市加快推进数字经济高质量发展若干措施的通知"
# as wide as almost two of the body's lines: its second line alone looks like a paragraph going on
LONG_TITLE = "宁州市人民政府办公室关于印发宁州市加快推进数字经济和实体经济深度融合促进制造业高质量发展若干政策措施的通知"
SALUTATION = "各区人民政府，市政府各部门："
BODY = ("现将《宁州市加快推进数字经济高质量发展若干措施》印发给你们，请结合实际认真贯彻执行。到2026年，全市数字经济核心"
        "产业增加值突破1000亿元，宁州高新技术产业开发区集聚数字经济企业1500家。")


def _html(title: str, title_style: str, number: bool) -> str:
    style = ("body{font-family:'Noto Sans CJK SC',sans-serif;font-size:14pt;line-height:1.8}"
             f"h1{{{title_style};font-weight:normal;margin:0 0 10pt 0}} p{{margin:0 0 6pt 0;text-indent:2em}}")
    head = "<p style='text-align:center;text-indent:0'>宁政发〔2026〕3号</p>" if number else ""
    return (f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><style>{style}</style></head><body>{head}"
            f"<h1>{title}</h1><p style='text-indent:0'>{SALUTATION}</p><p>{BODY}</p><p>宁州市人民政府</p>"
            f"<p>2026年1月5日</p></body></html>")


@pytest.mark.parametrize("title, title_style, number", [
    (TITLE, "font-size:20pt;text-align:center", True),  # a large centred title under its document number
    (TITLE, "font-size:20pt;text-align:center", False),
    (LONG_TITLE, "font-size:14pt;text-align:justify", False),  # as wide as the body's lines, the salutation under it
])
def test_a_title_over_two_lines_ends_at_the_salutation(browser, tmp_path, title, title_style, number):
    path = tmp_path / "notice.pdf"
    page = browser.new_page()
    page.set_content(_html(title, title_style, number), wait_until="load")
    page.pdf(path=str(path), format="A5")
    page.close()
    doc = read_document(path)
    paragraphs = [(doc.text[p.start:p.end], p.kind) for p in doc.paragraphs]
    assert doc.title == title
    expected = [(title, "heading"), (SALUTATION, "p"), (BODY, "p"), ("宁州市人民政府", "p"), ("2026年1月5日", "p")]
    assert paragraphs == ([("宁政发〔2026〕3号", "p")] if number else []) + expected
    assert doc.date.date().isoformat() == "2026-01-05"


@pytest.mark.parametrize("lines, span", [
    (["宁政发〔2026〕3号", "宁州市人民政府关于印发", "若干措施的通知", "各区人民政府：", "现将……"], (1, 3)),
    (["宁州市发展和改革委员会关于开展", "专项检查的通知", "2026年1月5日", "为……"], (0, 2)),
    (["宁州市人民政府关于印发若干措施的通知", "宁政办发〔2026〕12号", "各有关单位："], (0, 1)),
    (["宁州市人民政府文件", "宁政发〔2026〕3号", "宁州市人民政府关于印发", "若干措施的通知", "各区人民政府："], (2, 4)),
    (["宁州市人民政府关于加快推进数字", "政府建设的实施意见", "各县（市、区）人民政府，市各", "委、办、局：", "为……"], (0, 2)),
    (["3月4日，宁州市召开推进会。", "会议指出，", "各区人民政府："], None),  # no title: a sentence first
    (["一", "二", "三", "四", "五", "六", "各区人民政府："], None),  # too many lines for a title
])
def test_title_lines(lines, span):
    assert title_lines(lines) == span


def test_a_letterhead_or_an_attachment_label_at_the_top_is_no_part_of_the_title():
    from kg.ingest.pdf import title_lines

    assert title_lines(["宁州市人民政府办公室文件", "关于印发某某方案的通知", "各区人民政府："]) == (1, 2)
    assert title_lines(["附件1", "宁州市数字经济发展规划", "2025年3月"]) == (1, 2)


def test_the_issuer_on_a_line_of_its_own_is_no_part_of_the_title_unless_the_title_goes_on_from_it():
    assert title_lines(["宁州市统计局", "宁州市2025年国民经济和社会发展统计公报", "（2026年3月1日）", "一、综合"]) == (1, 2)
    assert title_lines(["宁州市人民政府办公厅", "关于印发某某方案的通知", "各区人民政府："]) == (0, 2)
    assert title_lines(["宁州市统计局", "2026年3月1日", "一、综合"]) == (0, 1)
