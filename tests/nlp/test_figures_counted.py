"""What a figure measures on full-length news text (invented sentences), through the real pipeline and store: a
count names the noun after its counter (even when jieba tags it as a set phrase, quotes it or brackets part of
it), an amount after a verb names the noun after it, a count with no noun names what the counted did; more units
(克, 株, 公斤), 六成 as 60%, a bare 万/亿 after a bound, a saving as a fall, no figure inside a quoted name, a
range of numerals or a size class."""
from .figure_indicators import indicators_by_value, named as _named

ARTICLE = """---
title: 宁州物流与农业发展见闻
date: 2025-03-18
---
<p>宁州智运已形成一张覆盖3万条公路运输线路的运力网，与14个国家和地区签署9个自贸协定。</p>
<p>园区今年将组织开展17场“购在宁州”专题活动，沿线配备41个标准化“货车之家”，涵盖163个职业（工种）。</p>
<p>团队现有7名主播，提供11余项服务；全市已建成230余家卓越级智能工厂。</p>
<p>该平台可覆盖区内医院270万就诊人群，已有90多家印刷企业获得超1900万元扶持资金。</p>
<p>检测显示，主板含银量0.17克；果园共有超43万株樱桃树，去年共有6300多万公斤认证种子上市。</p>
<p>合作社社员中年轻人占比超过六成，上万家丝网企业开足马力，车辆电池容量是70千瓦时。</p>
<p>已新签约项目23个，其中超亿元项目13个。</p>
<p>新能源货车可帮司机节省至少55%的用车成本，集中供墨一项就可以节省油墨8%左右。</p>
<p>一级能效产品销售额占比超过85%，该矿万元产值能耗0.07吨标煤，工地上每天工资380元。</p>
<p>合作社通过与周边农户联营合作，带动460多人就业。</p>
<p>随着长度133米的叶片缓缓升起，占地15320平方米的厂房三期已经开工。</p>
<p>油菜一二类苗占比81.5%。市里召开“政企对接暨百名行长联千企”推进会。</p>
<p>“我在这里浇花、除草，一年能挣4万多元，离家也很近。”</p>
<p>全省已建成2.7万余家基础级、6300余家先进级智能工厂；全国一半以上的电动船舶产自本省。</p>
<p>换电站日均放电量可达520至640千瓦时。据调度，早稻壮秧占比78.4%、比常年高2.3个百分点。</p>
<p>县里对共计47处房产进行摸底，设置充电桩近930台。</p>
"""


def _indicators(tmp_path) -> dict[str, set[str]]:
    return indicators_by_value(tmp_path, ARTICLE)



def test_a_count_names_the_noun_after_its_counter(tmp_path):
    got = _indicators(tmp_path)
    assert _named(got, "30000", "公路运输线路")  # not 「宁州智运已形成一张覆盖」: jieba's set phrase is a noun
    assert _named(got, "9", "自贸协定") and not _named(got, "9", "国家和地区签署")
    assert _named(got, "17", "专题活动") and _named(got, "41", "货车之家")  # through the quoted name
    assert _named(got, "163", "职业（工种）")  # the bracket stays inside the name
    assert _named(got, "7", "主播") and _named(got, "11", "服务")  # one nominal verb is what was counted
    assert _named(got, "230", "卓越级智能工厂")  # a class word stays with its noun


def test_a_bare_number_or_an_amount_after_a_verb_names_what_follows(tmp_path):
    got = _indicators(tmp_path)
    assert got["2700000"] == {"就诊人群"}
    assert got["19000000"] == {"扶持资金"}  # not 「印刷企业获得」


def test_more_units_tenths_and_bare_scales(tmp_path):
    got = _indicators(tmp_path)
    assert _named(got, "0.17", "主板含银量") and _named(got, "430000", "樱桃树")
    assert _named(got, "63000000", "认证种子")
    assert _named(got, "60", "年轻人占比")  # 六成
    assert _named(got, "10000", "丝网企业")  # 上万家
    assert _named(got, "70", "电池容量")  # 70千瓦时, not 70 thousand and no 是 left in the name
    assert "100000000" not in got  # 超亿元项目13个: a size class of the projects counted after it


def test_a_saving_right_before_the_number_is_a_fall(tmp_path):
    got = _indicators(tmp_path)
    assert _named(got, "-55", "用车成本")
    assert _named(got, "8", "节省油墨")  # the saving is named: it stays positive


def test_sizes_rate_bases_and_periods_open_the_indicator(tmp_path):
    got = _indicators(tmp_path)
    assert _named(got, "85", "一级能效产品销售额占比")
    assert _named(got, "0.07", "万元产值能耗") and _named(got, "380", "每天工资")


def test_a_count_with_no_noun_names_what_they_did(tmp_path):
    got = _indicators(tmp_path)
    assert _named(got, "460", "就业")


def test_a_dimension_before_an_amount_of_the_thing_after_de(tmp_path):
    got = _indicators(tmp_path)
    assert _named(got, "133", "叶片长度") and _named(got, "15320", "厂房占地")


def test_ranges_quoted_names_and_incomes(tmp_path):
    got = _indicators(tmp_path)
    assert "12" not in got and _named(got, "81.5", "一二类苗占比")  # 一二类: a range, no number twelve
    assert "100" not in got  # 百名行长 inside a quoted name is no figure
    assert _named(got, "40000", "收入")  # 一年能挣4万多元


def test_halves_ranges_listed_classes_and_comparisons(tmp_path):
    got = _indicators(tmp_path)
    assert _named(got, "27000", "基础级智能工厂") and _named(got, "6300", "先进级智能工厂")  # the shared head
    assert _named(got, "50", "电动船舶")  # 一半以上的: a share of 50%
    assert _named(got, "520", "日均放电量") and _named(got, "640", "日均放电量")  # the range's unit and name
    assert _named(got, "2.3", "壮秧占比比常年高")  # the comparison as written, not 变化
    assert _named(got, "47", "房产") and _named(got, "930", "充电桩")  # 处 counts; 充电桩 kept whole
