"""Signed figures and figures as full articles state them, through the real pipeline, store, query and CSV export
(invented sentences): the stored value is the signed change the text states."""
import csv
from decimal import Decimal

from kg.config import Settings
from kg.pipeline import build
from kg.rdf.query import resolve_query, run_store_query
from kg.store.export import export_csv, export_parquet

from ..conftest import process

ARTICLE = """---
title: 宁州经济运行情况
date: 2024-07-20
---
<p>上半年，宁州市出口额同比增长-0.7%，进口额同比增长−3.1%。</p>
<p>全市工业用电量同比下降2.4%，财政赤字减少12亿元，外贸依存度同比下降3.1个百分点。</p>
<p>宁州港集装箱吞吐量增速下降到5%。宁州电子公司净利润为-12亿元。</p>
<p>截至2023年底，全市共有高新技术企业590家，比2020年多120家。</p>
<p>“十四五”规划实施以来，全市粮食、棉花产量分别下降1.5%和2.5%。</p>
<p>力争明年回升。2023年，全市钢材产量、水泥产量分别增长−4.2%和−6.5%。</p>
<p>宁州市委常委会第三十九次会议指出，全市在“十四五”期间、在党的二十大精神指引下，三大支柱产业稳步增长。</p>
<p>宁州市引进了38家企业，其中高新区23个项目，设立100亿元产业投资基金，建成4万个5G基站。</p>
"""


def _rows(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = build([tmp_path / "a.md"], None, Settings(), html=False)
    with result.reading() as st:
        out = run_store_query(st, resolve_query("figures_by_indicator"))
        paths = export_csv(st, tmp_path / "csv")
        parquet = export_parquet(st, tmp_path / "parquet")
    import pyarrow.parquet as pq

    numbers = pq.read_table(next(p for p in parquet if p.name == "figures.parquet")).column("value").to_pylist()
    assert {-0.7, -3.1, -2.4, -1200000000.0} <= set(numbers)  # negative numbers in Parquet too
    rows = [dict(zip(out.columns, row)) for row in out.rows]
    with open(next(p for p in paths if p.name == "figures.csv"), encoding="utf-8-sig") as fh:
        return rows, list(csv.DictReader(fh))


def test_negative_changes_are_negative_in_graph_query_and_csv(tmp_path):
    rows, table = _rows(tmp_path)
    got = {(r["indicator"], r["value"]) for r in rows}
    assert ("宁州市出口额 同比增长", "-0.7") in got  # 增长-0.7%: the sign as written, not negated twice
    assert ("进口额 同比增长", "-3.1") in got  # U+2212 MINUS SIGN
    assert ("全市工业用电量 同比下降", "-2.4") in got  # 下降2.4%: a fall is a negative change
    assert ("财政赤字", "-1200000000") in got  # 减少12亿元
    assert ("外贸依存度 同比下降", "-3.1") in got  # 下降3.1个百分点
    assert ("宁州港集装箱吞吐量增速", "5") in got  # 下降到5%: the level reached, positive
    assert ("宁州电子公司净利润", "-1200000000") in got  # -12亿元
    assert ("全市钢材产量 增长", "-4.2") in got and ("水泥产量 增长", "-6.5") in got  # 分别: each its own
    assert ("全市粮食产量 下降", "-1.5") in got and ("棉花产量 下降", "-2.5") in got  # a list of falls: all negative
    assert all(r["kind"] == "outcome" for r in rows if r["value"].startswith("-"))  # listed negatives: no targets
    values = {r.get("value") for r in table}
    assert {"-0.7", "-3.1", "-2.4", "-1200000000"} <= values


def test_sessions_and_ordinals_are_no_figures_and_counts_name_what_they_count(tmp_path):
    rows, _ = _rows(tmp_path)
    got = {(r["indicator"], r["value"]) for r in rows}
    assert not any(v in ("39", "14", "20") for _, v in got)  # 第三十九次会议, 十四五, 二十大
    assert ("支柱产业", "3") in got  # 三大支柱产业
    assert ("引进企业", "38") in got  # 引进了38家企业: the verb and what follows, no 了
    assert ("高新区项目", "23") in got
    assert ("产业投资基金", "10000000000") in got  # 设立100亿元产业投资基金
    assert ("建成5G基站", "40000") in got
    more = next(r for r in rows if r["value"] == "120")
    assert more["year"] == "2023"  # 比2020年: the base of the comparison is not the figure's period
    assert all(not r["indicator"].endswith(("和", "以", "等", "了", "”", "（")) for r in rows)


def test_a_level_reached_after_a_change_is_the_level(nlp):
    """「较年初下降0.15个百分点，至1.28%」: the change is −0.15 个百分点, the level 1.28% (not a 变化 of 1.28)."""
    doc, _ = process(nlp, "宁州银行不良贷款率较年初下降0.15个百分点，至1.28%。")
    got = {f["indicator"]: (f["value"], f["unit"]) for f in doc._.kg_figures}
    assert got == {"宁州银行不良贷款率 下降（较年初）": (Decimal("-0.15"), "个百分点"),
                   "宁州银行不良贷款率": (Decimal("1.28"), "percent")}


def test_a_fall_of_what_is_named_before_the_share_and_both_ends_of_a_falling_range(nlp):
    """「降低运营成本至少40%」 is a fall of 40% (the object between the verb and the share); in 「降低15%到20%」
    the upper end falls as the lower one does; an explicit sign on the lower end stays its own; a saving stays
    positive."""
    doc, _ = process(nlp, "远航集团帮助云溪县降低运营成本至少40%。宁州纺织厂能耗降低15%到20%。"
                          "宁州港增速从-2%到3%。云溪县节省油墨10%。")
    got = sorted(float(f["value"]) for f in doc._.kg_figures)
    assert got == [-40.0, -20.0, -15.0, -2.0, 3.0, 10.0]


def test_a_share_after_a_fall_and_a_rise_or_what_follows_the_fall_is_no_fall(nlp):
    """「降低能耗带动产值上涨15%」「减少用工使利润率上涨12%」「降低门槛后报名人数达30%」: the share is what rose or what
    was reached after the fall, positive; 「降低售后成本20%」 stays a fall."""
    doc, _ = process(nlp, "远航集团降低能耗带动产值上涨15%。云溪纺织厂减少用工使利润率上涨12%。"
                          "宁州驾校降低门槛后报名人数达30%。云溪物流降低售后成本20%。")
    got = sorted(float(f["value"]) for f in doc._.kg_figures)
    assert got == [-20.0, 12.0, 15.0, 30.0]


def test_a_milestone_passed_is_the_number_itself(nlp):
    """「突破千亿大关」: 大关 is a milestone, not a counter of 关; the figure after it in the sentence stays."""
    doc, _ = process(nlp, "今年以来，宁州技术合同成交额突破千亿大关，达1095.28亿元。")
    got = sorted(float(f["value"]) for f in doc._.kg_figures)
    assert got == [100000000000.0, 109528000000.0]
