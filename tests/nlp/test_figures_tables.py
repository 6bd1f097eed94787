"""Figures in tables (one line a row, as kg.ingest.html.table_row_text writes them): each cell named by its column's
header and its row's name, a unit in the header given to the bare numbers under it, a change column read as a
change, an empty cell keeping its column; with no header, the row's name alone. Invented tables."""
from decimal import Decimal

from ..conftest import process


def _figures(nlp, text: str) -> dict[str, tuple]:
    doc, _ = process(nlp, text)
    return {f["indicator"]: (f["value"], f["unit"], f["period"], f["target"]) for f in doc._.kg_figures}


def test_a_statistics_table_with_units_in_its_header_gives_its_figures(nlp):
    got = _figures(nlp, "宁州市统计局发布前三季度主要经济指标。\n"
                        "| 指标 | 绝对值 | 同比增长（%） |\n"
                        "| 地区生产总值（亿元） | 2876.4 | 5.4 |\n"
                        "| 一般公共预算收入（亿元） | 312.6 | -1.8 |\n"
                        "| 城镇居民人均可支配收入（元） | 58,621 | 4.6 |")
    assert got == {
        "地区生产总值": (Decimal("287640000000.0"), "CNY", "", False),
        "地区生产总值 同比增长": (Decimal("5.4"), "percent", "", False),
        "一般公共预算收入": (Decimal("31260000000.0"), "CNY", "", False),
        "一般公共预算收入 同比增长": (Decimal("-1.8"), "percent", "", False),
        "城镇居民人均可支配收入": (Decimal("58621"), "CNY", "", False),
        "城镇居民人均可支配收入 同比增长": (Decimal("4.6"), "percent", "", False)}


def test_a_column_header_names_what_each_cell_measures_and_a_rate_column_a_change(nlp):
    got = _figures(nlp, "宁州市各区工业运行情况如下。\n"
                        "| 区县 | 规上工业增加值 | 增速 |\n"
                        "| 云溪区 | 412.3亿元 | 7.2% |\n"
                        "| 云岭县 | 298.7亿元 | -0.4% |")
    assert got == {"云溪区规上工业增加值": (Decimal("41230000000.0"), "CNY", "", False),
                   "云溪区规上工业增加值 增速": (Decimal("7.2"), "percent", "", False),
                   "云岭县规上工业增加值": (Decimal("29870000000.0"), "CNY", "", False),
                   "云岭县规上工业增加值 增速": (Decimal("-0.4"), "percent", "", False)}


def test_a_plan_column_a_total_row_and_an_empty_cell_keep_their_columns(nlp):
    got = _figures(nlp, "宁州市重点项目进展如下。\n"
                        "| 项目 | 总投资 | 年度计划 |\n"
                        "| 宁州算力调度平台 | 15亿元 | 6亿元 |\n"
                        "| 合计 | | 6亿元 |")
    assert got == {"宁州算力调度平台总投资": (Decimal("1500000000"), "CNY", "", False),
                   "宁州算力调度平台年度计划": (Decimal("600000000"), "CNY", "", True),
                   "年度计划合计": (Decimal("600000000"), "CNY", "", True)}
    assert not any("变化" in i for i in got)


def test_a_growth_rate_under_a_growth_column_is_never_a_level(nlp):
    got = _figures(nlp, "| 指标 | 前三季度 | 同比 增长 |\n"  # (a line break in the header cell)
                        "| 社会消费品零售总额 | 1032.8亿元 | 4.1% |\n"
                        "| 固定资产投资 | | -2.3% |")
    assert got == {"社会消费品零售总额": (Decimal("103280000000.0"), "CNY", "前三季度", False),
                   "社会消费品零售总额 同比增长": (Decimal("4.1"), "percent", "", False),
                   "固定资产投资 同比增长": (Decimal("-2.3"), "percent", "", False)}


def test_a_caption_gives_the_units_and_a_period_column_the_period(nlp):
    got = _figures(nlp, "宁州市外贸情况（单位：亿元、%）\n"
                        "| 序号 | 地区 | 出口额 | 增长 | 进口额 | 增长 |\n"
                        "| 1 | 云溪区 | 120.5 | 8.2 | 64 | -3 |\n"
                        "| 2 | 其中：云溪港区 | 80 | 12.5 | 30.5 | 1.5 |")
    assert got["云溪区出口额"][:2] == (Decimal("12050000000.0"), "CNY")
    assert got["云溪区出口额 增长"][:2] == (Decimal("8.2"), "percent")
    assert got["云溪区进口额 增长"][:2] == (Decimal("-3"), "percent")  # the measure column before it
    assert got["云溪港区进口额"][:2] == (Decimal("3050000000.0"), "CNY")
    assert len(got) == 8  # the serial numbers are no figures
    periods = _figures(nlp, "| 指标 | 2025年 | 2024年 |\n| 粮食产量（万吨） | 61.2 | 59.8 |")
    doc, _ = process(nlp, "| 指标 | 2025年 | 2024年 |\n| 粮食产量（万吨） | 61.2 | 59.8 |")
    assert sorted((f["indicator"], f["value"], f["unit"], f["period"]) for f in doc._.kg_figures) == [
        ("粮食产量", Decimal("598000.0"), "吨", "2024年"), ("粮食产量", Decimal("612000.0"), "吨", "2025年")]
    assert len(periods) == 1


def test_with_no_header_a_row_names_its_figures_and_says_no_more(nlp):
    got = _figures(nlp, "宁州港主要数据。\n| 宁州港 | 15亿元 | 6.1% |")
    doc, _ = process(nlp, "宁州港主要数据。\n| 宁州港 | 15亿元 | 6.1% |")
    assert [(f["indicator"], f["value"]) for f in doc._.kg_figures] == [
        ("宁州港", Decimal("1500000000")), ("宁州港", Decimal("6.1"))]
    assert set(got) == {"宁州港"}


def test_a_bare_number_whose_unit_nothing_states_is_no_figure(nlp):
    doc, _ = process(nlp, "| 指标 | 数值 |\n| 宁州市景气指数 | 105.3 |")
    assert doc._.kg_figures == ()



def test_a_two_row_header_a_unit_column_and_year_rows(nlp):
    got = _figures(nlp, "| 地区 | 出口额（亿元） | | 进口额（亿元） | |\n"
                        "| | 绝对值 | 增长（%） | 绝对值 | 增长（%） |\n"
                        "| 云溪区 | 120.5 | 8.2 | 64 | -3 |")
    assert {i: v[:2] for i, v in got.items()} == {
        "云溪区出口额": (Decimal("12050000000.0"), "CNY"), "云溪区出口额 增长": (Decimal("8.2"), "percent"),
        "云溪区进口额": (Decimal("6400000000"), "CNY"), "云溪区进口额 增长": (Decimal("-3"), "percent")}
    assert _figures(nlp, "| 指标 | 单位 | 数值 |\n| 宁州粮食产量 | 万吨 | 61.2 |") == {
        "宁州粮食产量": (Decimal("612000.0"), "吨", "", False)}
    doc, _ = process(nlp, "| 年份 | 地区生产总值（亿元） | 增速（%） |\n| 2023年 | 2650 | 5.1 |\n| 2024 | 2788 | 5.3 |")
    assert [(f["indicator"], f["value"], f["period"]) for f in doc._.kg_figures] == [
        ("地区生产总值", Decimal("265000000000"), "2023年"), ("地区生产总值 增速", Decimal("5.1"), "2023年"),
        ("地区生产总值", Decimal("278800000000"), "2024年"), ("地区生产总值 增速", Decimal("5.3"), "2024年")]


def test_a_cell_of_words_and_figures_is_read_as_a_sentence_of_its_row(nlp):
    got = _figures(nlp, "| 1 | 宁州智算中心 | 完成投资6亿元 |\n| 2 | 云溪物流园 | 新建仓库3万平方米 |")
    assert {i: v[:2] for i, v in got.items()} == {"宁州智算中心完成投资": (Decimal("600000000"), "CNY"),
                                                  "云溪物流园新建仓库": (Decimal("30000"), "平方米")}
    got = _figures(nlp, "| 序号 | 项目 | 总投资（亿元） | 进展 |\n| 1 | 宁州5G基站2期 | 1.5 | 完成投资1亿元 |")  # digits in a name
    assert {i: v[:2] for i, v in got.items()} == {"宁州5G基站2期总投资": (Decimal("150000000.0"), "CNY"),
                                                  "宁州5G基站2期完成投资": (Decimal("100000000"), "CNY")}


def test_two_tables_one_after_the_other_keep_their_own_headers(nlp):
    doc, _ = process(nlp, "| 序号 | 项目单位 | 进展 |\n| 1 | 中州建设集团有限公司 | 完成投资6亿元 |\n"
                          "| 2 | 宁州云谷科技有限公司 | 新建厂房3万平方米 |\n"
                          "| 区县 | 规上工业增加值 | 增速 |\n| 云溪区 | 412.3亿元 | 7.2% |\n"
                          "| 指标 | 数值 |\n| 宁州港吞吐量 | 3亿吨 |")
    assert [(f["indicator"], f["value"]) for f in doc._.kg_figures] == [
        ("中州建设集团有限公司完成投资", Decimal("600000000")), ("宁州云谷科技有限公司新建厂房", Decimal("30000")),
        ("云溪区规上工业增加值", Decimal("41230000000.0")), ("云溪区规上工业增加值 增速", Decimal("7.2")),
        ("宁州港吞吐量", Decimal("300000000"))]


def test_an_indicator_table_with_places_for_columns_and_a_row_of_changes(nlp):
    doc, _ = process(nlp, "| 指标 | 宁州市 | 云溪区 |\n| 地区生产总值（亿元） | 2876.4 | 412.3 |\n| 增长（%） | 5.4 | 6.1 |")
    assert [(f["indicator"], f["value"], f["unit"]) for f in doc._.kg_figures] == [
        ("宁州市地区生产总值", Decimal("287640000000.0"), "CNY"), ("云溪区地区生产总值", Decimal("41230000000.0"), "CNY"),
        ("宁州市地区生产总值 增长", Decimal("5.4"), "percent"), ("云溪区地区生产总值 增长", Decimal("6.1"), "percent")]

def test_the_learned_chooser_leaves_a_table_figure_named_by_its_header(nlp):
    from kg.nlp.components.figure_indicators import IndicatorModel, choose_indicators
    from kg.nlp.components.statistical_ner import lac_words
    from kg.nlp.spans import text_of

    doc, _ = process(nlp, "| 区县 | 规上工业增加值 | 增速 |\n| 云溪区 | 412.3亿元 | 7.2% |\n宁州港口吞吐量达到3亿吨。")
    eager = IndicatorModel(0.0, {"bias_before": 50.0, "bias_after": 50.0})  # any other candidate beats the rules'
    chosen = choose_indicators(eager, text_of(doc), lac_words(doc), doc._.kg_figures)
    assert [f["indicator"] for f in chosen][:2] == ["云溪区规上工业增加值", "云溪区规上工业增加值 增速"]
    assert chosen[2]["indicator"] != doc._.kg_figures[2]["indicator"]  # (the model does choose for a sentence's figure)
