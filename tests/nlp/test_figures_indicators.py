"""What a figure's indicator names on full-length text: measure words kept whole (占比), 约/近 inside a word
(签约) no bound, 后 cutting only as its own word, a listed number sharing the indicator of the one before it,
a class word kept with its noun (生物医药类项目, 千亿级产业集群: 千亿级 is a size class, no figure),
已/累计 kept before what was done so far (已落地项目, 累计完成投资), the predicate after counted things kept with them (8家企业通过首发上市审核), a percentage of the noun after 的 (45%的大豆), and a clause that is one verb (，占47.9%) naming what the number is of the sentence's indicator."""
from .figure_indicators import indicators_by_value

ARTICLE = """---
title: 宁州开放型经济发布会
date: 2024-03-12
---
<p>截至去年底，全市外资融资租赁公司56家，资产规模占比55%。</p>
<p>本次活动集中签约项目21个，其中现场签约12个、网络视频签约9个。</p>
<p>宁州入选上市后备企业名单的有124家，其中科创板后备企业20家。</p>
<p>全市本外币存款余额1.8万亿元，较上年末分别增长2.5%、5.5%。</p>
<p>2023年宁州对东盟国家进出口规模达3090.2亿元，增长12.3%，占47.9%。</p>
<p>该项目预计达产后年产值可达120亿元。</p>
<p>从产业类别看，包括4个生物医药类项目、10个高端装备制造类项目，覆盖13个行业大类。</p>
<p>到2030年，培育形成3个千亿级产业集群和7个五百亿级产业集群。</p>
<p>园区已开工项目14个，其中，已落地项目33个，累计完成投资约41.5亿元。</p>
<p>多年来，全国约45%的大豆、35%的原木出自本省；前三季度6.08%的营收增速低于同业。</p>
<p>双方签订了涉及平台建设、人才培育等23个重大创新创业项目。</p>
<p>全县一般公共预算收入从1978年的3.7亿元提升到2023年的96.2亿元。</p>
<p>从投资产业看，二产项目17个，第二产业增加值318亿元；每万人5G基站21.37个。</p>
<p>本省已建立友好城市87对，已探明储量的矿产64种，城域网出口带宽扩展到720Gbps，数据存储量超过1800EB。</p>
<p>双方对接会上，5对企业对口合作。</p>
<p>全省地区生产总值增长7.4%，高于全国2.3个百分点；规上工业增加值增长6.9%，比全国高1.7个百分点。</p>
<p>该行全年累计罚款远超2600万元，企业家代表共计130多人出席。</p>
<p>去年全市上市公司增加19家，总数达到71家。</p>
<p>今年已有6家省级农商行和2家县市级农商行开业，汽车零部件产业发展较好。</p>
<p>甲城银行2.6万亿元资产规模，居同类银行前列。</p>
<p>去年，工业机器人、光伏组件和锂电池产量分别增长37%、28%和15%。</p>
<p>目前，全市有8家企业通过首发上市审核；16家企业在证监局辅导备案，其中，11个项目已开工建设。</p>
"""


def _indicators(tmp_path) -> dict[str, set[str]]:
    return indicators_by_value(tmp_path, ARTICLE)


def test_indicators_on_full_sentences(tmp_path):
    got = _indicators(tmp_path)
    assert got["55"] == {"资产规模占比"}  # not 资产规模占: 占比 is one word
    assert got["12"] == {"现场签约"} and got["9"] == {"网络视频签约"}  # 约 of 签约 is no bound
    assert got["20"] == {"科创板后备企业"}  # 后备 is no 「…后」 clause
    assert got["12000000000"] == {"年产值"}  # 达产后年产值: what is measured still comes after 后
    first, second = got["2.5"], got["5.5"]
    assert first == second and all("增长" in i for i in second)  # the listed number grew as well
    assert any(i.endswith(" 占") and "进出口规模" in i for i in got["47.9"])  # its share, not a 变化
    assert not any("变化" in i for values in got.values() for i in values)


def test_class_words_stay_with_what_they_class(tmp_path):
    got = _indicators(tmp_path)
    assert any(i.endswith("生物医药类项目") for i in got["4"])
    assert any(i.endswith("高端装备制造类项目") for i in got["10"])
    assert any(i.endswith("行业大类") for i in got["13"])
    assert any(i.endswith("千亿级产业集群") for i in got["3"]) and got["7"] == {"五百亿级产业集群"}
    assert "100000000000" not in got and "50000000000" not in got  # 千亿级, 五百亿级: no amount of money


def test_counted_things_keep_what_they_did(tmp_path):
    got = _indicators(tmp_path)
    assert got["8"] == {"企业 通过首发上市审核"}
    assert got["16"] == {"企业 在证监局辅导备案"}
    assert got["11"] == {"项目 已开工建设"}


def test_what_was_done_so_far(tmp_path):
    got = _indicators(tmp_path)
    assert got["33"] == {"已落地项目"} and got["4150000000"] == {"累计完成投资"}


def test_a_share_of_what_follows(tmp_path):
    got = _indicators(tmp_path)
    assert any(i.endswith("大豆") for i in got["45"]) and got["35"] == {"原木 出自本省"}  # the share that did it
    assert got["6.08"] == {"营收增速"}  # 低于同业 compares it, it is not part of its name


def test_counted_noun_with_its_modifiers(tmp_path):
    got = _indicators(tmp_path)
    assert got["23"] == {"重大创新创业项目"}  # not 人才培育: the items before 等 are examples of it


def test_a_lone_verb_names_the_sentence_indicator(tmp_path):
    got = _indicators(tmp_path)
    assert got["370000000"] == {"全县一般公共预算收入"}
    assert got["9620000000"] == {"全县一般公共预算收入 提升"}  # not 提升 alone


def test_terms_jieba_splits_stay_whole(tmp_path):
    got = _indicators(tmp_path)
    assert got["17"] == {"二产项目"} and got["31800000000"] == {"第二产业增加值"}
    assert got["21.37"] == {"每万人5G基站"}


def test_pairs_kinds_and_data_units(tmp_path):
    got = _indicators(tmp_path)
    assert any(i.endswith("友好城市") for i in got["87"]) and got["64"] == {"已探明储量的矿产"}
    assert got["720"] == {"城域网出口带宽"} and got["1800"] == {"数据存储量"}
    assert "5" in got  # 5对企业: a count of pairs; 对接会, 对口 are words, never a counter


def test_a_comparison_names_what_it_compares(tmp_path):
    got = _indicators(tmp_path)
    assert got["2.3"] == {"全省地区生产总值 高于全国"}  # not the fragment 高于全国
    assert got["1.7"] == {"规上工业增加值 比全国高"}


def test_no_bound_or_total_word_left_at_the_end(tmp_path):
    got = _indicators(tmp_path)
    assert got["26000000"] == {"累计罚款"}  # not 罚款远: 远超 is the bound
    assert got["130"] == {"企业家代表 出席"}  # not …共计; the count keeps what they did


def test_a_generic_measure_is_of_the_thing_named_before(tmp_path):
    got = _indicators(tmp_path)
    assert got["71"] == {"全市上市公司总数"}  # not 总数 alone


def test_bank_kinds_and_no_zero(tmp_path):
    got = _indicators(tmp_path)
    assert got["6"] == {"省级农商行"} and all(i.startswith("县市级农商行") for i in got["2"])
    assert "0" not in got  # 零部件 is no count of zero


def test_an_amount_before_what_it_measures(tmp_path):
    got = _indicators(tmp_path)
    assert got["2600000000000"] == {"甲城银行资产规模"}  # the bank's 资产规模, not the bank


def test_a_measure_said_once_after_listed_names(tmp_path):
    got = _indicators(tmp_path)
    assert got["37"] == {"工业机器人产量 增长"} and got["28"] == {"光伏组件产量 增长"}
    assert got["15"] == {"锂电池产量 增长"}
