"""What a figure measures, named fully on full-length text: the subject of the clause or of the sentence's first
clause carried into a bare measure (茶叶产业…产值), a share of the sentence's indicator (，占全省四成以上), a share
said to be something (且70%为老人) or to do something (其中65%与芯片设计相关), a count named by its clause's verb
(累计开行), the noun after a count opening with a time or place word (暑期实习岗位, 沿边行政村), a class word and a
split measure word kept (百亿元级产业集群, 检测点), 对 before a trade measure kept; and no fragment: no bound
(不足), modal (可) or verb bringing to a level (增至) closing an indicator, no 「增幅 增幅」."""
import pytest

from .figure_indicators import indicators_by_value, named

ARTICLE = """---
title: 青石县产业发展调研
date: 2025-06-10
---
<p>面积不足20平方公里的青石镇，聚集了100多家服装企业。</p>
<p>远洋渔船“海星号”累计航程2.5万余海里。</p>
<p>力争百亿元级产业集群由5个增加到9个以上。</p>
<p>产品一次合格率可提升至98.6%。</p>
<p>中欧班列线路增至21条，2024年开行3200列、累计开行超过1.5万列。</p>
<p>该镇常住人口只有300多人，且70%为老人。</p>
<p>新签约项目中80%都是先进制造业项目。</p>
<p>今年共开放2000个暑期实习岗位，其中65%与芯片设计相关。</p>
<p>412个沿边行政村通了公交。</p>
<p>每辆车要经过3000多个检测点的扫描。</p>
<p>新型三元锂电池项目投产。</p>
<p>对东盟进出口增幅达18.5%。</p>
<p>煤炭探明储量200亿吨，占全省四成以上。</p>
<p>月薪从3000多元涨到现在的5000多元。</p>
<p>茶叶产业蓬勃发展，种植面积达8.6万亩，2024年产值达12.5亿元，同比增长20.5%。</p>
<p>光伏组件出货量占全国12%、全球8%。</p>
<p>记者了解到，去年产值达8.8亿元。</p>
<p>该医院已开展600余次眼科植入日间手术。</p>
<p>工厂今年推出6个系列新款电机产品。</p>
<p>产能全部释放后，矿渣100%综合利用。</p>
<p>一块玻璃，厚度只有1.2毫米。</p>
<p>其中，新签约项目27个、占比达45%。</p>
<p>村里争取到120万元资金，改造了道路。</p>
<p>居民人均教育支出同比增长5.1%，占居民人均消费支出的比重为12.3%。</p>
<p>目前，青石县建成5个万亩茶叶标准化示范基地。</p>
<p>目前在售产品超过800个。</p>
<p>该项目已获得7件国家发明专利授权。</p>
<p>去年销售额达到900万元，其中有500万元来自线上。</p>
"""


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    return indicators_by_value(tmp_path_factory.mktemp("subjects"), ARTICLE)


def test_bounds_modals_and_levels_close_no_indicator(got):
    assert got["20"] == {"青石镇面积"}  # 面积不足20平方公里的青石镇: the town's area, not 「…不足」
    assert named(got, "25000", "累计航程")  # 海里 is a unit of length
    assert got["98.6"] == {"产品一次合格率"}  # not 「…合格率可」
    assert named(got, "21", "中欧班列线路") and not any(i.endswith("增至") for i in got["21"])
    indicators = [i for values in got.values() for i in values]
    assert not any(i.split(" ")[0].endswith(("不足", "不到", "可", "增至")) for i in indicators)


def test_class_and_measure_words_stay_with_their_noun(got):
    assert named(got, "5", "百亿元级产业集群") and named(got, "9", "百亿元级产业集群")
    assert named(got, "3000", "检测点")  # jieba splits 检测|点
    assert "3" not in got  # 三元锂电池 is no amount of money


def test_a_count_in_a_verb_clause_keeps_its_verb(got):
    assert named(got, "3200", "开行") and named(got, "15000", "累计开行")
    assert not any("变化" in i for i in got["3200"] | got["15000"])


def test_shares_say_of_what(got):
    assert got["70"] == {"老人"}  # 且70%为老人
    assert named(got, "80", "新签约项目中先进制造业项目")
    assert named(got, "2000", "暑期实习岗位") and named(got, "65", "与芯片设计相关")
    assert named(got, "40", "煤炭探明储量占全省")  # ，占全省四成以上: the 储量's share
    assert named(got, "8", "出货量占全球") and named(got, "12", "出货量占全国")
    assert named(got, "100", "矿渣综合利用")  # what is done to the thing named right before the share
    assert named(got, "45", "新签约项目占比")  # 占比 alone: of what the sentence named
    assert named(got, "12.3", "居民人均教育支出占居民人均消费支出的比重")  # ，占…的比重为: the 支出's share


def test_counted_names_open_with_a_place_word_or_hold_a_time_word(got):
    assert named(got, "412", "沿边行政村")
    assert named(got, "600", "眼科植入日间手术")  # 日间 inside the name
    assert named(got, "6", "新款电机产品")  # 6个|系列|新款电机产品
    assert named(got, "5", "万亩茶叶标准化示范基地")  # 万亩 a size opening the name
    assert named(got, "800", "在售产品")  # 在售 one word, not 「售产品」
    assert named(got, "7", "国家发明专利授权")


def test_what_a_verb_with_dao_obtains_is_named_after_it(got):
    assert got["1200000"] == {"资金"}  # 村里争取到120万元资金: not 「村里」
    assert named(got, "5000000", "来自线上") and not any(i.endswith("来自线") for i in got["5000000"])


def test_trade_with_whom_is_part_of_the_measure(got):
    assert got["18.5"] == {"对东盟进出口增幅"}  # and not 「增幅 增幅」


def test_a_level_reached_now_is_the_sentence_indicator(got):
    assert named(got, "5000", "月薪")


def test_a_bare_measure_is_of_what_the_sentence_opens_with(got):
    assert named(got, "1250000000", "茶叶产业产值")
    assert named(got, "20.5", "茶叶产业产值同比增长")
    assert got["880000000"] == {"产值"}  # 记者了解到: who reports is not what is measured
    assert named(got, "1.2", "玻璃厚度")  # 一块玻璃，厚度…: a clause that is the noun alone
