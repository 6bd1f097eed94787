"""Figures an analyst can chart: a clean indicator with its qualifier, targets apart from outcomes, the period
from the sentence (else the article's date), and two articles' points of one indicator as a time series."""
from kg.config import Settings
from kg.pipeline import build
from kg.rdf.query import resolve_query, run_store_query

ARTICLE = """---
title: 宁州科技创新发布会
date: 2024-02-20
---
<p>会议提出，到2025年全省技术合同成交额达到5000亿元。</p>
<p>该项目预计达产后年产值可达120亿元。</p>
<p>2023年，全省规模以上工业增加值同比增长6.8%，高新技术企业达到16300家。</p>
<p>截至2023年底，全市高新技术企业16300家。数字经济核心产业增加值占地区生产总值比重提高到9.8%。</p>
<p>力争到2026年，全市数字经济核心产业增加值年均增长12%。</p>
"""


def _figures(tmp_path, *articles):
    for i, text in enumerate(articles):
        (tmp_path / f"a{i}.md").write_text(text, encoding="utf-8")
    result = build(sorted(tmp_path.glob("a*.md")), None, Settings(), html=False)
    with result.reading() as st:
        out = run_store_query(st, resolve_query("figures_by_indicator"))
    return [dict(zip(out.columns, row)) for row in out.rows]


def test_indicator_qualifier_target_and_period(tmp_path):
    rows = {(r["indicator"], r["value"]): r for r in _figures(tmp_path, ARTICLE)}
    target = rows[("全省技术合同成交额", "500000000000")]  # no 提出/到 left in front
    assert (target["kind"], target["year"]) == ("target", "2025")
    forecast = rows[("年产值", "12000000000")]  # 该项目预计达产后…可: the noun phrase only
    assert forecast["kind"] == "target" and forecast["year"] == "2024"  # no period: the article's year
    growth = rows[("全省规模以上工业增加值 同比增长", "6.8")]  # a growth rate keeps its qualifier
    assert (growth["kind"], growth["unit"], growth["year"]) == ("outcome", "percent", "2023")
    level = rows[("数字经济核心产业增加值占地区生产总值比重", "9.8")]  # 提高到 9.8%: a level, no qualifier
    assert level["kind"] == "outcome" and level["year"] == "2024"  # the period of another sentence is not its
    count = rows[("全市高新技术企业", "16300")]  # 截至2023年底: an outcome, with the sentence's period
    assert (count["kind"], count["year"], count["unit"]) == ("outcome", "2023", "家")
    annual = rows[("全市数字经济核心产业增加值 年均增长", "12")]
    assert (annual["kind"], annual["year"]) == ("target", "2026")


def test_two_articles_give_two_points_of_one_indicator(tmp_path):
    first = "---\ntitle: 一\ndate: 2023-01-10\n---\n<p>2022年，宁州市地区生产总值达到5200亿元。</p>\n"
    second = "---\ntitle: 二\ndate: 2024-01-12\n---\n<p>2023年，宁州市地区生产总值达到5600亿元。</p>\n"
    points = [(r["year"], r["value"], r["kind"], r["about"]) for r in _figures(tmp_path, first, second)
              if r["indicator"] == "宁州市地区生产总值"]
    assert points == [("2022", "520000000000", "outcome", "宁州市"), ("2023", "560000000000", "outcome", "宁州市")]


def test_a_figure_is_about_the_organisation_its_clause_names_before_a_place(tmp_path):
    text = ("---\ntitle: 三\ndate: 2024-03-01\n---\n<p>在浦东新区，远航智能科技股份有限公司投资20亿元建设研发中心。"
            "远航智能科技股份有限公司营业收入达到12亿元。</p>\n")
    about = {r["indicator"]: r["about"] for r in _figures(tmp_path, text)}
    assert set(about.values()) == {"远航智能科技股份有限公司"}


def test_the_review_index_charts_an_indicator_with_two_points(tmp_path):
    from kg.report import write_reports

    first = "---\ntitle: 一\ndate: 2023-01-10\n---\n<p>2022年，宁州市地区生产总值达到5200亿元。</p>\n"
    second = "---\ntitle: 二\ndate: 2024-01-12\n---\n<p>2023年，宁州市地区生产总值达到5600亿元。力争到2025年，宁州市地区生产总值达到6500亿元。</p>\n"
    for i, text in enumerate((first, second)):
        (tmp_path / f"a{i}.md").write_text(text, encoding="utf-8")
    result = build(sorted(tmp_path.glob("a*.md")), None, Settings(), html=False)
    with result.reading() as st:
        index = write_reports(st, tmp_path / "report")[-1].read_text(encoding="utf-8")
    chart = index.split('<figure class="kg-chart">')[1].split("</figure>")[0]
    assert "宁州市地区生产总值 (CNY)" in chart
    assert chart.count('<circle class="outcome"') == 2 and chart.count('<circle class="target"') == 1
