"""Units of measure and counter words from the figures table (names.yml ``figures``) that full-length news uses:
volumes (立方米), temperatures (摄氏度), energy (吉瓦时), containers (标箱, 箱), trains (列), orders (单), long
things (根), books (册), courses (门), seats (席); ratios named before a plain number; a count brought to another
(从2条发展到15条). Invented sentences, through the real pipeline and store."""
from .figure_indicators import indicators_by_value, named as _named
from ..conftest import process

ARTICLE = """---
title: 宁州港口与园区见闻
date: 2025-04-02
---
<p>新型货舱的容积从16立方米扩至24立方米，库区年均气温21.5摄氏度。</p>
<p>园区建有90吉瓦时储能电池生产基地，宁州港年吞吐量超260万标箱。</p>
<p>仓库里码放着12箱电路板，工人借来8根钢管。</p>
<p>宁州中欧班列今年开行3120列，网店一天发出了2600单。</p>
<p>书房配备了4200册图书，学院开设26门选修课，本市企业在榜单中占3席。</p>
<p>宁州菜单上新增了9道菜，门店根据订单备货。</p>
"""



def test_measures_and_counters_of_full_length_news(tmp_path):
    got = indicators_by_value(tmp_path, ARTICLE)
    assert _named(got, "16", "容积") and _named(got, "24", "容积")
    assert _named(got, "21.5", "年均气温")
    assert _named(got, "90", "储能电池生产基地")
    assert _named(got, "2600000", "年吞吐量")  # 万标箱: not 「标箱」 named after 260万
    assert _named(got, "12", "电路板") and _named(got, "8", "钢管")
    assert _named(got, "3120", "开行") and _named(got, "2600", "发出")
    assert _named(got, "4200", "图书") and _named(got, "26", "选修课") and "3" in got


RATIOS = """---
title: 宁州城乡发展
date: 2025-04-02
---
<p>宁州城乡居民收入比缩小至2.31∶1，城乡收入倍差由1.82降至1.52。两地居民消费支出比值为1.87。</p>
<p>该指数为105.3，市场向好。</p>
"""


def test_a_ratio_named_before_a_number_with_no_unit_is_a_figure(tmp_path):
    got = indicators_by_value(tmp_path, RATIOS)
    assert _named(got, "2.31", "城乡居民收入比") and _named(got, "1.87", "居民消费支出比值")
    assert _named(got, "1.82", "城乡收入倍差") and _named(got, "1.52", "城乡收入倍差")
    assert "105.3" not in got  # a number with no unit and no ratio before it stays no figure


def test_a_ratio_is_a_plain_number_even_of_incomes(nlp):
    doc, _ = process(nlp, "宁州城乡居民收入比缩小至2.31∶1，城乡收入倍差由1.82降至1.52。两地居民消费支出比值为1.87。")
    units = {str(f["value"]): f["unit"] for f in doc._.kg_figures}
    assert {units.get(v) for v in ("2.31", "1.82", "1.52", "1.87")} == {"number"}, units


CHANGES = """---
title: 宁州园区
date: 2025-04-02
---
<p>园区生产线从2条发展到15条，合作社社员从30户增加到210户。</p>
<p>宁州计划新增12家企业到2027年实现全覆盖。</p>
"""


def test_a_count_brought_to_another_is_named_by_what_was_counted_before(tmp_path):
    got = indicators_by_value(tmp_path, CHANGES)
    assert _named(got, "2", "园区生产线") and _named(got, "15", "园区生产线")  # not 「发展」, the verb after 2条
    assert _named(got, "30", "合作社社员") and _named(got, "210", "合作社社员")
    assert _named(got, "12", "新增企业")  # brought to a date, not to another count
