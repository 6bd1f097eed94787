"""Changes said against a base (增速比上年提高, 比去年同期增长, 较2020年增长), a clause that only says how the
sentence's measure changed (其中2月同比大增), ratios read across a period (倍差“…”时期从A缩小至B, 之比从2021年的A
提高到2025年的B), listed measures that each name their own head, and a month naming a figure (5月份增长)."""
from .figure_indicators import indicators_by_value, named

ARTICLE = """---
title: 宁州经济简报
date: 2025-03-20
---
<p>2024年，宁州市货运总额42.6万亿元，同比增长5.3%，增速比上年提高0.7个百分点。</p>
<p>经过一年运行，远航光伏电站年发电量比固定支架提升约7.4%。</p>
<p>春节期间，云溪县网点投递量超5.1万件，比去年同期增长3倍多。</p>
<p>宁州居民人均文化消费近2300元，较2020年增长了41%。</p>
<p>2024年宁州农村居民人均可支配收入达到21876元、比上年实际增长6.1%。</p>
<p>1至2月，宁州市二手车交易量同比增长36.2%，其中2月同比大增143.6%。</p>
<p>宁州城乡居民收入倍差“十四五”时期从2.07缩小至1.93左右。</p>
<p>云溪县居民人均可支配收入与全市平均之比从2021年的0.684提高到2025年的0.719。</p>
<p>前三季度，云溪县接待游客总人数、旅游总收入分别增长13%、17.2%。</p>
<p>宁州工业稳步恢复，4月份增长3.4%，5月份增长4.8%。</p>
"""


def test_changes_against_a_base_and_ratios_are_named(tmp_path):
    got = indicators_by_value(tmp_path, ARTICLE)
    # the base after the change: what is measured and how it changed read together
    assert named(got, "0.7", "增速提高") and named(got, "0.7", "比上年")
    assert named(got, "7.4", "年发电量提升")
    assert named(got, "3", "网点投递量增长")
    assert named(got, "41", "人均文化消费增长") and not named(got, "41", "较增长")
    assert named(got, "6.1", "实际增长")  # (比上年实际增长: the adverb stays with the change)
    # a clause of a change alone: the sentence's measure's change
    assert named(got, "143.6", "二手车交易量同比大增")
    # ratios with a period between the name and the number
    assert named(got, "2.07", "城乡居民收入倍差") and named(got, "1.93", "城乡居民收入倍差")
    assert not named(got, "2.07", "时期")
    assert named(got, "0.684", "人均可支配收入与全市平均之比") and named(got, "0.719", "人均可支配收入与全市平均之比")
    # listed measures with their own heads: not 「总人数收入」
    assert named(got, "13", "接待游客总人数增长") and not named(got, "13", "总人数收入")
    assert named(got, "17.2", "旅游总收入增长")
    # a month alone names the figure whole
    assert named(got, "3.4", "4月份增长") and named(got, "4.8", "5月份增长")


MORE = """---
title: 云溪简报
date: 2025-03-20
---
<p>云溪县海洋经济总量2024年首次突破2万亿元，10年间增长61.4%。</p>
<p>截至目前，云溪县已有3吉瓦并网，5200公顷荒漠得到有效治理。</p>
<p>2025年以来，云溪县便民车队出车超7.6万车次。</p>
<p>远航集团年销售额从最初的300万元快速增长至2024年的9亿元。</p>
<p>码头上，总长近110米、最大载重量1.218万吨的散货船“宁远”号正在舾装。</p>
<p>此后，该项目被列入宁州攻关计划，800万元项目支持资金撬动企业加大研发投入。</p>
<p>过去几年，远航公司在每届展会都能增加15%以上的新客户。</p>
"""


def test_years_of_a_change_and_what_measured_things_did(tmp_path):
    got = indicators_by_value(tmp_path, MORE)
    # the years a change took are when, not what is measured: the sentence's measure grew
    assert named(got, "61.4", "海洋经济总量增长") and not named(got, "61.4", "年间")
    # a measured thing keeps what the clause says it did, as counted things do
    assert named(got, "5200", "荒漠得到有效治理")
    # trips counted are named by the lone verb before them
    assert named(got, "76000", "出车")
    # a level reached from an earlier one is the same measure's (not 「快速增长」 alone, nor 「从最初」)
    assert named(got, "900000000", "年销售额") and named(got, "3000000", "年销售额")
    assert not named(got, "3000000", "从最初")
    # a measure of the thing after 的 keeps its whole name (最大载重量, not 重量)
    assert named(got, "12180", "最大载重量")
    # a verb inside the name of a fund (项目支持资金, not 项目)
    assert named(got, "8000000", "项目支持资金")
    # a change of a share of what follows 的 names it (增加15%以上的新客户)
    assert named(got, "15", "增加新客户")
