"""Prices, falls of prices and savings on full-length news text (invented sentences), through the real pipeline and
store: an amount of money per unit (元/个) is a price, of the thing the clause names; a verb bringing it to a level
(降至) is said of that price; 平均降价 N% and 降幅在 N% are falls; an amount saved is positive and named by what
was saved; 约 before 占 is no part of what is measured; a bare measure (年产量, 投资总额) right after a clause that
named a thing is that thing's; a list (参观、研学) or a class count (五大主导产业) opening what is measured stays in it; 「甲、乙等…，增速分别为A、B」 pairs the names before 等 with
the numbers; a number with no counter after a verb is named by the verb and what follows, as a count is."""
import pytest

from .figure_indicators import indicators_by_value, named as _named

ARTICLE = """---
title: 宁州医用耗材集采见闻
date: 2025-02-11
---
<p>宁州医疗器械公司的单焦点镜片为用量最大的产品，价格从2600元/个降至近700元/个；青禾公司的多焦点镜片从1.2万元/个降至1300余元/个。</p>
<p>本轮集采中选产品平均降价58%。“我们的产品价格平均降幅在57%左右。”</p>
<p>“和过去相比，节省了1800元。”新设备每年能节省近64万元的电费，全年节约标准煤3.1万吨。</p>
<p>宁州开发区规模以上工业企业数量约占全省13%。</p>
<p>宁州市财政赤字减少11亿元。</p>
<p>目前，全县蓝莓种植面积达3.4万余亩，年产量5.2万吨。其中加工项目570个，投资总额1390亿元。</p>
<p>山区建成76处示范基地和93家加工企业，去年产值达41.6亿元。</p>
<p>其中，家用烤箱、净水器、吸尘器等产品产量较快增长，增速分别为12.7%、9.4%、7.6%。</p>
<p>合作社带动3万农民增收，平台覆盖区内医院210万就诊人群。</p>
<p>每年前往各茶坊参观、研学的人数已达31万人次。今年前三季度，五大主导产业增加值占地区生产总值比重达63.4%。</p>
"""


@pytest.fixture(scope="module")
def got(tmp_path_factory) -> dict[str, set[str]]:
    return indicators_by_value(tmp_path_factory.mktemp("prices"), ARTICLE)



def test_an_amount_per_unit_is_a_price_and_its_level_too(got):
    assert _named(got, "2600", "价格") and _named(got, "700", "价格")  # 价格从…降至…: the level is the price's
    assert _named(got, "12000", "多焦点镜片价格")  # 1.2万元/个: no 价格 written, a price all the same
    assert _named(got, "1300", "多焦点镜片价格")  # 降至1300余元/个: not 「降至」 alone
    assert not any(i.replace(" ", "") == "降至" for i in got.get("700", ()) | got.get("1300", ()))


def test_a_fall_of_a_price_or_its_rate_of_fall_is_negative(got):
    assert _named(got, "-58", "平均降价")
    assert _named(got, "-57", "价格平均降幅")
    assert "58" not in got and "57" not in got


def test_an_amount_saved_is_positive_and_named_by_what_was_saved(got):
    assert _named(got, "1800", "节省") and "-1800" not in got
    assert _named(got, "640000", "节省电费")
    assert _named(got, "31000", "节约标准煤")
    assert _named(got, "-1100000000", "财政赤字")  # a debt that shrinks stays a fall


def test_about_before_a_share_is_not_in_the_indicator(got):
    assert _named(got, "13", "规模以上工业企业数量占全省")


def test_a_bare_measure_is_of_the_thing_the_clause_before_named(got):
    assert _named(got, "52000", "蓝莓年产量")  # 全县蓝莓种植面积达…，年产量…: the 蓝莓's
    assert _named(got, "139000000000", "加工项目投资总额")  # 其中加工项目570个，投资总额…
    assert not _named(got, "4160000000", "企业产值")  # 建成…93家加工企业，去年产值…: not said of what was built


def test_a_list_or_a_class_count_opening_the_indicator_stays(got):
    assert _named(got, "310000", "参观、研学的人数")  # not 研学的人数 alone
    assert _named(got, "63.4", "五大主导产业增加值占地区生产总值比重")  # not 主导产业… without its 五大
    assert _named(got, "5", "主导产业")  # 五大 is a count of its own still


def test_names_listed_in_the_clause_before_respectively(got):
    assert _named(got, "12.7", "家用烤箱") and _named(got, "9.4", "净水器") and _named(got, "7.6", "吸尘器")
    assert all("增速" in i for i in got["9.4"])  # what the number measures of each, not 「增速 增速」
    assert not any(i.replace(" ", "") == "增速增速" for i in got["9.4"])


def test_a_number_of_things_after_a_verb_keeps_the_verb_as_a_count_does(got):
    assert all(i.startswith("带动农民") for i in got["30000"])  # 带动3万农民, as 引进了38家企业 → 引进企业
    assert _named(got, "2100000", "就诊人群")
