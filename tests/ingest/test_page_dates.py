"""A saved page's date is the full date it prints, never htmldate's guess of 1 January from a lone year (review
finding 7: 「发布日期：2026年11月15日」 gave 2026-01-01)."""
import pytest

from kg.ingest import read_document
from kg.ingest.webpage import stated_date

BODY = "<p>11月14日，青澜市副市长陈喆主持召开民营企业座谈会，澜江智能装备有限公司董事长王玥参加座谈。会议指出，要进一步优化营商环境。</p>"


def _page(tmp_path, header: str, body: str = BODY, encoding: str = "utf-8"):
    charset = "gb2312" if encoding == "gb18030" else encoding
    page = (f'<html><head><meta charset="{charset}"><title>青澜市召开座谈会</title></head><body>'
            '<div class="nav"><a href="/">首页</a></div><div class="article"><h1>青澜市召开座谈会</h1>'
            f"{header}{body}</div><div class=\"footer\">版权所有：青澜市人民政府 2026</div></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    return read_document(path)


@pytest.mark.parametrize("header", [
    "<p>发布日期：2026年11月15日</p>",
    "<p>发布时间：2026年11月15日 10:20</p>",
    "<p>来源：青澜日报 2026年11月15日</p>",
    "<p>来源：青澜日报 2026年11月15日 10:30</p>",
    "<p>发布日期：2026年11月15日 来源：青澜市工商业联合会</p>",
    "<p>2026年11月15日 10:00</p>",
    "<div>2026-11-15 来源：青澜日报 作者：何雨晴</div>",
])
def test_the_date_the_page_prints_wins_over_a_guessed_first_of_january(tmp_path, header):
    assert _page(tmp_path, header).date.date().isoformat() == "2026-11-15"


def test_a_gb2312_page_gets_its_day(tmp_path):
    doc = _page(tmp_path, "<p>发布日期：2026年11月15日 来源：青澜市工商业联合会</p>", encoding="gb18030")
    assert doc.date.date().isoformat() == "2026-11-15" and doc.publisher == "青澜市工商业联合会"


def test_a_page_that_states_only_a_year_gets_no_invented_day(tmp_path):
    assert _page(tmp_path, "<p>青澜市2026年民营企业座谈会</p>").date is None


def test_the_markup_date_still_counts(tmp_path):
    assert _page(tmp_path, "<p>发布时间：2026-11-15 10:20</p>").date.date().isoformat() == "2026-11-15"
    assert _page(tmp_path, "<time datetime=\"2026-11-12\">11月12日</time>").date.date().isoformat() == "2026-11-12"


def test_a_date_inside_a_sentence_is_no_publication_date():
    assert stated_date([], ["2027年1月1日起，新政对新引进的顶尖人才给予最高500万元安家补贴。"]) is None
    assert stated_date(["相关链接：青澜市2027年1月1日起施行新政的解读文章与图表汇编"]) is None
    assert stated_date(["发布日期：2026年2月30日"]) is None  # no such day
    assert stated_date(["时间：2026年3月5日"], ["2026年11月19日"]) == "2026-03-05"
