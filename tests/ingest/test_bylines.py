"""Who wrote a saved page or a plain article: the page's metadata (meta author, article:author, JSON-LD), else a
Chinese byline near the top of the body (invented pages and names)."""
import pytest
from rdflib import DCTERMS, Literal

from kg.ingest import read_document
from kg.ingest.byline import byline_author

NAV = "".join(f"<li><a href='/c{i}.html'>栏目{i}</a></li>" for i in range(16))
BODY = ("<p>3月4日，宁州市召开数字经济发展推进会，会议总结了2023年全市数字经济发展情况，部署了2024年重点工作任务。</p>"
        "<p>会议指出，全市数字经济核心产业增加值达到860亿元，同比增长12.5%，宁州高新技术产业开发区集聚企业1200家。</p>"
        "<p>会议要求，各县区、各部门要认真落实数字经济发展三年行动计划，加快建设宁州数据交易中心。</p>")


def _page(head: str = "", above: str = "", body: str = BODY) -> str:
    return (f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>宁州市召开数字经济发展推进会</title>"
            f"{head}</head><body><header><nav><ul>{NAV}</ul></nav></header><div class='main'><div class='article'>"
            f"<h1>宁州市召开数字经济发展推进会</h1>{above}<div class='content'>{body}</div></div></div>"
            f"<footer><p>版权所有：宁州市人民政府</p></footer></body></html>")


PAGES = {
    "meta_author": (_page("<meta name='author' content='张晓明'>"), "张晓明"),
    "article_author": (_page("<meta property='article:author' content='陈立平'>"), "陈立平"),
    "json_ld": (_page("<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
                      "\"author\":[{\"@type\":\"Person\",\"name\":\"刘芳\"},{\"@type\":\"Person\",\"name\":\"王强\"}]}"
                      "</script>"), "刘芳、王强"),
    "info_line": (_page(above="<div class='info'>发布时间：2024-03-05 10:20　来源：宁州日报　作者：<a href='/z'>赵云</a>"
                              "　字号：[大 中 小]</div>"), "赵云"),
    "reporters": (_page(above="<p class='byline'>记者 孙丽 周航</p>"), "孙丽、周航"),
    "wen_slash": (_page(above="<div class='byline'>文/吴桐</div>"), "吴桐"),
    "opening_brackets": (_page(body=BODY.replace("<p>3月4日", "<p>本报讯（记者 钱多多 通讯员 郑好）3月4日", 1)),
                         "钱多多、郑好"),
    "generator_only": (_page("<meta name='author' content='Administrator'><meta name='generator' content='WordPress'>"),
                       ""),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_saved_page_gives_its_author(tmp_path, name):
    page, author = PAGES[name]
    path = tmp_path / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.startswith(("3月4日", "本报讯")) and "栏目3" not in doc.text  # read as a saved page
    assert doc.author == author


@pytest.mark.parametrize("lines, author", [
    (["作者：韩梅"], "韩梅"),
    (["来源：某某日报 作者：韩梅"], "韩梅"),
    (["记者 韩梅 林涛"], "韩梅、林涛"),
    (["新华社北京3月4日电（记者韩梅、林涛）宁州市今天召开推进会。"], "韩梅、林涛"),
    (["本报记者 王小明 发自宁州 摄影：林涛"], "王小明"),
    (["作者：本报评论员"], "本报评论员"),
    (["记者从市发展改革委获悉，今年一季度全市投资增长。"], ""),  # a sentence, no byline
    (["记者 韩梅 从市发展改革委获悉，今年一季度全市投资增长较快。"], ""),
    (["宁州市召开推进会", "文｜John Smith"], "John Smith"),
    (["时间：2024年03月05日 作者： 稿源：宁州市政府新闻办"], ""),  # an empty author field, then the next field
    (["来源：宁州发布 | 作者：ance | 发布时间：2024-03-05"], ""),  # a fragment, no name
    (["2024-03-05 09:56 来源：宁州日报 作者：孙丽 周航 编辑：吴桐"], "孙丽、周航"),
    (["文/图 蓝嘉禾"], "蓝嘉禾"),  # the writer who also took the photographs
    (["图/文 蓝嘉禾"], "蓝嘉禾"),
    (["文/摄影 蓝嘉禾 林知远"], "蓝嘉禾、林知远"),
    (["记者 湖州报道"], ""),  # a place + 报道 is a dateline, no author
    (["记者 青澜市报道"], ""),
    (["记者 韩梅 湖州报道"], "韩梅"),
    (["记者韩梅青澜市报道"], "韩梅"),
    (["记者韩梅报道"], "韩梅"),
    (["记者 云杉新区报道"], ""),
    (["记者 王嘉兴报道"], "王嘉兴"),  # a name that ends in a place's name stays a name
])
def test_byline_lines(lines, author):
    assert byline_author(lines) == author


def test_a_plain_article_without_front_matter_author_takes_its_byline(tmp_path):
    text = tmp_path / "article.txt"
    text.write_text("宁州市召开数字经济发展推进会\n记者 孙丽 周航\n3月4日，宁州市召开数字经济发展推进会。\n", encoding="utf-8")
    assert read_document(text).author == "孙丽、周航"
    md = tmp_path / "article.md"
    md.write_text("---\ntitle: 推进会\nauthor: 宁州日报\n---\n记者 孙丽 周航\n3月4日，宁州市召开推进会。\n", encoding="utf-8")
    assert read_document(md).author == "宁州日报"  # the front matter's author comes first


def test_the_author_reaches_the_graph_as_dcterms_creator(tmp_path):
    from kg.config import Settings
    from kg.pipeline import build

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("meta_author", "opening_brackets"):
        (folder / f"{name}.html").write_text(PAGES[name][0], encoding="utf-8")
    result = build([folder], tmp_path / "out", Settings(), html=False)
    creators = {str(o) for o in result.graph.objects(None, DCTERMS.creator)}
    assert creators == {"张晓明", "钱多多、郑好"}
    assert len(result.documents) == 2 and not result.skipped


def test_a_common_word_after_a_reporter_label_is_no_author():
    from kg.ingest.byline import byline_author

    for line in ("据新华社记者了解", "记者 走访 企业", "记者发现 企业 订单", "会议指出（记者 注意）要求"):
        assert byline_author([line]) == "", line
    assert byline_author(["记者 高峰 李娜"]) == "高峰、李娜"


def test_the_meta_author_of_a_page_declaring_its_encoding_is_read():
    from kg.ingest.byline import page_author

    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html><head><meta name="author" content="韩梅"/></head>'
            '<body><p>宁州市召开推进会。</p></body></html>')
    assert page_author(page) == "韩梅"
