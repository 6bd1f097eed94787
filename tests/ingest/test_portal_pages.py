"""Pages with no article are not built from the portal around it (review finding 9): a list of headlines, a home page
of sections and a page JavaScript fills in are skipped with one line, listed in build.json; an old table-layout portal
page gives its article, without the site's name, menu, sidebar and footer. Invented pages."""
import json
import subprocess
import sys

import pytest

from kg.errors import InputError
from kg.ingest import read_document
from kg.ingest.webpage import has_article

HEAD = '<html><head><meta charset="utf-8"><title>{}</title></head><body>'
NAV = ('<div class="header">青澜市人民政府门户网站</div><div class="nav"><a href="/">首页</a><a href="/zw">政务公开</a>'
       '<a href="/hd">互动交流</a></div>')
FOOT = ('<div class="footer">主办：青澜市人民政府办公室 承办：青澜市大数据发展管理局<br>地址：青澜市滨江路1号 网站标识码3301000001'
        '<br>建议使用1280×800以上分辨率浏览本站。</div></body></html>')
HEADLINES = [("市长柯文远调研青澜云谷科技有限公司", "2026-11-20"), ("青澜海岳物流有限公司与青澜澜江智能装备有限公司签约", "2026-11-19"),
             ("青澜市经济和信息化局局长邵静接受专访", "2026-11-18"), ("《青澜市数字经济促进条例》新闻发布会举行", "2026-11-17"),
             ("青澜市举行重大项目集中开工活动，总投资316亿元", "2026-11-14")] * 2
ARTICLE = ["11月17日，青澜市召开优化营商环境大会。市委书记陶立群出席会议并讲话，市长柯文远主持会议。",
           "会上，青澜市营商环境建设局局长甘露介绍，今年以来全市新设经营主体4.6万户，同比增长12.4%。"]

MORE = "青澜云谷科技有限公司等10家企业获评“营商环境体验官”单位。"  # (the layout page is no reprint of article.html)

PAGES = {
    "list.html": HEAD.format("青澜要闻_青澜市人民政府门户网站") + NAV + '<ul class="list">' + "".join(
        f'<li><a href="/a{i}.html">{t}</a><span>{d}</span></li>' for i, (t, d) in enumerate(HEADLINES))
    + '</ul><div class="page">共10条 1/1页</div>' + FOOT,
    "list_table.html": HEAD.format("通知公告") + '<table><tr><td>青澜市人民政府门户网站</td></tr></table><table>' + "".join(
        f'<tr><td>·<a href="/b{i}.html">{t}</a></td><td>{d}</td></tr>' for i, (t, d) in enumerate(HEADLINES))
    + '</table><table><tr><td>主办：青澜市人民政府办公室</td></tr></table></body></html>',
    "spa.html": HEAD.format("青澜市人民政府门户网站") + NAV + '<div id="app"></div><script src="/app.js"></script>' + FOOT,
    "home.html": HEAD.format("青澜市人民政府门户网站") + NAV + "".join(
        f'<div class="section"><h3>{s}</h3><ul>' + "".join(f'<li><a href="/{i}.html">{t}</a></li>' for i, (t, _) in
                                                            enumerate(HEADLINES[:5])) + "</ul></div>" for s in ("青澜要闻", "部门动态")) + FOOT,
    "layout.html": HEAD.format("青澜市召开优化营商环境大会") + '<table width="1000"><tr><td>青澜市人民政府门户网站</td></tr>'
    '<tr><td><a href="/">首页</a> | <a href="/zw">政务</a></td></tr></table><table width="1000"><tr><td width="200"><ul>'
    '<li><a href="/1">通知公告</a></li><li><a href="/2">人事任免</a></li></ul></td><td width="800"><table width="100%">'
    '<tr><td class="title">青澜市召开优化营商环境大会</td></tr><tr><td>2026-11-18 来源：青澜日报 作者：何雨晴</td></tr>'
    '<tr><td class="content">' + "".join(f"<p>{a}</p>" for a in ARTICLE + [MORE]) + '</td></tr></table></td></tr></table>'
    '<table width="1000"><tr><td>主办：青澜市人民政府办公室 联系电话：0000-12345678</td></tr></table></body></html>',
    "article.html": HEAD.format("青澜市召开优化营商环境大会_青澜市人民政府") + NAV + '<div class="article"><h1>青澜市召开优化营商环境大会</h1>'
    '<div class="info">发布时间：2026-11-18 来源：青澜日报</div>' + "".join(f"<p>{a}</p>" for a in ARTICLE) + "</div>" + FOOT,
    "stats.html": HEAD.format("青澜市主要经济指标") + NAV + '<div class="article"><h1>青澜市主要经济指标</h1><table><tr><th>指标</th>'
    '<th>1-10月</th><th>增长%</th></tr><tr><td>地区生产总值（亿元）</td><td>2876.4</td><td>5.4</td></tr></table></div>' + FOOT,
    "summaries.html": HEAD.format("青澜要闻") + NAV + '<ul class="list">' + "".join(
        f'<li><h3><a href="/c{i}.html">{t}</a></h3><p>{a}</p><span>2026-11-{20 - i}</span></li>' for i, (t, a) in enumerate(
            [(t, f"{t}，会议要求进一步优化营商环境，加快重点项目建设进度。") for t, _ in HEADLINES[:6]])) + "</ul>" + FOOT,
}
NO_ARTICLE = ("list.html", "list_table.html", "spa.html", "home.html", "summaries.html")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    for name, page in PAGES.items():
        (folder / name).write_text(page, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", NO_ARTICLE)
def test_a_page_with_no_article_is_refused(pages, name):
    with pytest.raises(InputError, match="no article found \\(a list/portal page\\)"):
        read_document(pages / name)


def test_a_table_layout_page_gives_its_article_without_the_portal(pages):
    doc = read_document(pages / "layout.html")
    assert doc.text.split("\n") == ARTICLE + [MORE]
    assert (doc.title, doc.date.date().isoformat(), doc.publisher, doc.author) == (
        "青澜市召开优化营商环境大会", "2026-11-18", "青澜日报", "何雨晴")


def test_article_and_table_pages_still_read(pages):
    assert read_document(pages / "article.html").text.split("\n") == ARTICLE
    assert read_document(pages / "stats.html").text == "| 指标 | 1-10月 | 增长% |\n| 地区生产总值（亿元） | 2876.4 | 5.4 |"


def test_what_counts_as_article_text():
    assert not has_article(["首页", "市长柯文远调研青澜云谷科技有限公司", "2026-11-20", "建议使用IE8以上浏览器浏览本站。"])
    assert not has_article(["| ·青澜市商务局召开外贸企业座谈会 | 2026-11-16 |"])  # a list's date is no figure
    assert has_article(["| 地区生产总值（亿元） | 2876.4 | 5.4 |"])
    assert has_article(["青澜市人民政府召开常务会议，市长柯文远主持会议。"])
    # a table with a date column is a table of figures, and a notice's few dates do not make it a list
    assert has_article([f"| 青澜算力调度平台{i}期 | 15亿元 | 2026-11-{10 + i} |" for i in range(8)])
    assert has_article(["青澜市关于举办2026年民营企业座谈会的通知，请各单位按时报名参会。", "报名截止：2026年11月20日",
                        "会议时间：2026年11月25日", "缴费截止：2026年11月30日"])


def test_kg_build_skips_them_with_one_line_each_and_lists_them(pages, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(pages), "--ner", "rules", "--no-model", "--no-html",
                           "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    for name in NO_ARTICLE:
        assert sum(line.startswith("skipped ") and line.endswith(f"{name}: no article found (a list/portal page)")
                   for line in lines) == 1, lines
    record = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert sorted(s["path"].rsplit("/", 1)[-1] for s in record["skipped"]) == sorted(NO_ARTICLE)
    assert sorted(d["source"].rsplit("/", 1)[-1] for d in record["documents"]) == ["article.html", "layout.html", "stats.html"]
    assert "主办" not in (out / "graph.ttl").read_text(encoding="utf-8")
