import pytest

from kg.errors import InputError
from kg.facts import Extraction, Mention
from kg.resolve import Resolver
from kg.resolve.curation import Curation, load_curation


def test_curation_file_is_validated(tmp_path):
    bad = tmp_path / "c.yml"
    bad.write_text("remove: [x]\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown section"):
        load_curation(bad)
    bad.write_text("types: {某平台: Platform}\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown type"):
        load_curation(bad)


def test_drop_merge_alias_type_rename(tmp_path):
    path = tmp_path / "curation.yml"
    path.write_text("""
drop: [隐私计算平台]
merge:
  - [数字化转型伙伴行动, 数字化转型伙伴计划]
aliases:
  深圳市工业和信息化局: [深圳工信局]
types:
  国家大数据综合试验区: District
rename:
  深圳市数字化办: 深圳市数字化转型工作领导小组办公室
""", encoding="utf-8")
    ex = Extraction("d", [Mention("隐私计算平台", "INITIATIVE", 0, 6), Mention("数字化转型伙伴行动", "INITIATIVE", 7, 16),
                          Mention("数字化转型伙伴计划", "INITIATIVE", 17, 26),
                          Mention("深圳市工业和信息化局", "AGENCY", 27, 37),
                          Mention("国家大数据综合试验区", "INITIATIVE", 38, 48),
                          Mention("市数字化办", "AGENCY", 49, 54)], home="深圳市")
    resolved = Resolver(curation=load_curation(path)).resolve([ex])
    by_name = {e.name: e for e in resolved.entities.values()}
    assert "隐私计算平台" not in by_name
    assert by_name["数字化转型伙伴行动"].aliases == {"数字化转型伙伴计划"}
    assert "深圳工信局" in by_name["深圳市工业和信息化局"].aliases
    assert by_name["国家大数据综合试验区"].label == "DISTRICT"
    assert by_name["深圳市数字化转型工作领导小组办公室"].aliases == {"深圳市数字化办", "市数字化办"}
    links = resolved.links["d"]
    assert links[0] is None and links[1] == links[2]


def test_keep_apart_blocks_a_rule_merge():
    mentions = [Mention("中国中车", "ENTERPRISE", 0, 4), Mention("中车", "ENTERPRISE", 5, 7)]
    merged = Resolver().resolve([Extraction("d", list(mentions))])
    apart = Resolver(curation=Curation(keep_apart=[["中国中车", "中车"]])).resolve([Extraction("d", list(mentions))])
    assert len(merged.entities) == 1 and len(apart.entities) == 2
