"""Indicators where the words around a number frame it rather than name it: a change said after a percentage
(实现了9.8%的增长), a share past its bound doing something (30%以上使用…), an amount of what follows 的 (…的款项,
…/股的价格), 目标 framing a level, a count closing a list a verb opens (覆盖甲、乙等八个市), the measure of the thing
after 的 (常住人口仅3万多的…镇), 经开区 one word."""
from .figure_indicators import indicators_by_value, named

ARTICLE = """---
title: 青川经济简报
date: 2024-05-20
---
<p>去年，青川市数字产业营收达到512.6亿元，连续4年保持23%以上增长。</p>
<p>今年前两个月，南屿省更是实现了9.7%的高速增长。</p>
<p>受行业调整影响，北坪镇木材加工业实现了6.4%的下降。</p>
<p>全市规上企业37%以上使用工业互联网平台，其中41%以上使用智能排产系统。</p>
<p>三家经销商合计约8317万元的款项至今未结清。</p>
<p>青禾股份拟以不低于13.40元/股的价格，向特定对象发行股票。</p>
<p>公司计划建成并运营的储能电站规模达到7GW的目标。</p>
<p>青川农商行网点覆盖东岭、西坝、南塘、北湾等九个乡镇（街道）。</p>
<p>各部门围绕算力、数据、场景三个重点开展工作。</p>
<p>常住人口仅4万多的溪口镇，有300多家民宿。</p>
<p>其中高新区31个项目，经开区17个项目。</p>
"""


def test_framed_numbers_are_named_by_what_they_measure(tmp_path):
    got = indicators_by_value(tmp_path, ARTICLE)
    # a change said after the percentage: of the sentence's measure, or of the subject, not of 保持/实现
    assert named(got, "23", "数字产业营收增长") and not named(got, "23", "保持")
    assert named(got, "9.7", "南屿省增长") and not named(got, "9.7", "实现")
    assert named(got, "-6.4", "木材加工业下降")  # a fall said after it is negative
    # a share past its bound does what the clause says (the second one of the sentence's subject too)
    assert named(got, "37", "规上企业使用工业互联网平台")
    assert named(got, "41", "使用智能排产系统")
    # an amount of what follows 的, when the words before name no amount
    assert named(got, "83170000", "款项")
    assert any("价格" in i and "拟以" not in i for i in got["13.4"])
    # 目标 frames the level, it is not what is measured
    assert named(got, "7", "储能电站规模") and not named(got, "7", "目标")
    # a count closing a list a verb opens: named by the verb, not by the list
    assert named(got, "9", "覆盖乡镇（街道）") and not named(got, "9", "东岭")
    assert not named(got, "3", "围绕重点") and named(got, "3", "场景重点")  # 围绕 only frames topics: kept as written
    # the measure named before the number is of the thing after 的
    assert named(got, "40000", "溪口镇常住人口")
    assert named(got, "17", "经开区项目") and named(got, "31", "高新区项目")


LEVELS = """---
title: 东坪产业简报
date: 2024-06-03
---
<p>巅峰时每年出口70万件，后来一度回落至每年30多万件，冲击不小。</p>
<p>全区工业增加值一季度增长4.1%，二季度增长5.3%，分别较上季度提高1.8个、1.2个百分点。</p>
<p>全县今年新开工项目540个，比去年增加130个项目。</p>
<p>健康养护中心经两期建设，已入住6200余人，服务一体化。</p>
<p>东坪公司押注全年利润的六成建设新材料车间，历时两年突破瓶颈。</p>
<p>检测数据显示，一次合格率可提升至98.7%。</p>
<p>当前全镇茶馆已超过600家，平均每万人拥有约7家。</p>
<p>这是480千瓦的超充桩，从插上电到充满不到半小时。</p>
"""


def test_levels_comparisons_and_counts_say_what_they_are_of(tmp_path):
    got = indicators_by_value(tmp_path, LEVELS)
    # a level reached after another is of the sentence's indicator, with the verb (not 「后来一度回落」)
    assert named(got, "300000", "出口回落") and not any(i.startswith("后来") for i in got["300000"])
    # a comparison opening with 分别 is said of the sentence's indicator
    assert named(got, "1.8", "工业增加值") and named(got, "1.8", "提高") and named(got, "1.2", "提高")
    assert named(got, "130", "增加项目")  # the change of a count stays with what is counted
    assert named(got, "6200", "已入住")  # what was done so far counts them when nothing else is named
    assert got["60"] == {"全年利润"}  # a share of what 的 closes before it, not of what it went to
    assert named(got, "98.7", "一次合格率")
    assert named(got, "7", "每万人拥有")
    assert named(got, "480", "超充桩")  # one word, the thing measured


RESPECTIVE = """---
title: 西岭文旅简报
date: 2025-01-10
---
<p>2024年西岭县接待游客412.36万人次，游客花费58.27亿元，同比分别增长27.45%和63.18%。</p>
<p>今年前8个月，行业共销售起重机7.3万台，同比增长12.6%；销售压路机2.9万台，同比增长8.8%。</p>
<p>园区聚集农机生产企业86家。</p>
<p>目前，这里的茶苗共14个品种。</p>
<p>基地南美白对虾年产量达9万斤，其他特色水产品3万余斤。</p>
<p>检测显示：电路板含金量0.27克、锡18.6克、钯0.021克。</p>
"""


def test_changes_listed_after_the_figures_they_are_of(tmp_path):
    got = indicators_by_value(tmp_path, RESPECTIVE)
    assert named(got, "27.45", "接待游客同比增长") and named(got, "63.18", "游客花费同比增长")
    # a verb of trade before the things counted names their volume, and the change said after it is of it
    assert named(got, "73000", "起重机销量") and named(got, "12.6", "起重机销量同比增长")
    assert named(got, "29000", "压路机销量") and named(got, "8.8", "压路机销量同比增长")
    assert named(got, "86", "农机生产企业")  # 生产 inside a noun names no output
    assert named(got, "14", "茶苗品种")  # kinds counted of the thing named before them
    assert named(got, "30000", "其他特色水产品")  # 其他 singles out part of what was named
    assert got["18.6"] == {"锡"} and got["0.021"] == {"钯"}  # listed names of one character, not the first's 变化


def test_changes_said_respectively_of_fewer_figures_than_stated_name_none_of_them(nlp):
    # three figures, two changes: which two the text does not say
    from ..conftest import process

    doc, _ = process(nlp, "接待游客573.52万人次，旅游收入75.13亿元，工业增加值30亿元，同比分别增长39.16%和101.58%。")
    changes = [f["indicator"] for f in doc._.kg_figures if str(f["value"]) in ("39.16", "101.58")]
    assert len(changes) == 2 and not any(name in i for i in changes for name in ("接待游客", "旅游收入", "工业增加值"))
