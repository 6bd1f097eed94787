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


@pytest.mark.parametrize("text, message", [
    ("aliases: {聊城市: 聊城市府}", "aliases.聊城市: expected a list of names, got a string ('聊城市府')"),
    ("drop: 某某平台", "drop: expected a list of names, got a string ('某某平台')"),
    ("rename: {某某办: }", "rename.某某办: expected a name (text), got nothing (null)"),
    ("types: [District]", "types: expected a mapping of name to entity type, got a list"),
    ("types: {某平台: Platform}", "types.某平台: unknown type 'Platform'; use Agency, District, Enterprise, Initiative, "
                                  "Person, MediaOutlet"),
    ("merge: [[甲公司]]", "merge[0]: expected a list of two or more names, got 1 name(s)"),
    ("keep_apart: [[甲公司, 360]]", "keep_apart[0][1]: expected a name (text), got a number (360: put a name made of "
                                   "digits in quotes)"),
    ("remove: [x]", "unknown section(s) remove; the sections are drop, merge, keep_apart, aliases, types, rename"),
    ("- 甲公司", "the file: expected a mapping of sections (drop, merge, keep_apart, aliases, types, rename), got a list"),
])
def test_a_curation_mistake_is_one_line_naming_the_key(tmp_path, text, message):
    path = tmp_path / "c.yml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_curation(path)
    assert str(refused.value) == f"{path}: {message}"


def test_empty_sections_are_no_entries(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text("drop:\nrename: null\naliases: {甲公司: [甲]}\n", encoding="utf-8")
    assert load_curation(path) == Curation(aliases={"甲公司": ["甲"]})


def test_a_rename_onto_an_existing_name_merges_the_two(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text("rename:\n  宁州市数据办: 宁州市大数据管理局\n", encoding="utf-8")
    one = Extraction("d1", [Mention("宁州市数据办", "AGENCY", 0, 6), Mention("宁州市大数据管理局", "AGENCY", 7, 16),
                            Mention("宁州大数据局", "AGENCY", 17, 23)])
    other = Extraction("d2", [Mention("宁州市数据办", "AGENCY", 0, 6)])
    resolved = Resolver(curation=load_curation(path)).resolve([one, other])
    named = [e for e in resolved.entities.values() if e.name == "宁州市大数据管理局"]
    assert len(named) == 1 and not any(e.name == "宁州市数据办" for e in resolved.entities.values())
    assert {"宁州市数据办"} <= named[0].aliases
    assert named[0].docs == {"d1", "d2"}  # the other document's renamed entity is the same one
    assert resolved.links["d1"][0] == resolved.links["d1"][1] == resolved.links["d2"][0] == named[0].key


def test_a_merge_then_a_drop_unlinks_every_mention():
    mentions = [Mention("甲乙科技有限公司", "ENTERPRISE", 0, 8), Mention("丙丁集团有限公司", "ENTERPRISE", 9, 17)]
    curation = Curation(merge=[["甲乙科技有限公司", "丙丁集团有限公司"]], drop=["甲乙科技有限公司"])
    resolved = Resolver(curation=curation).resolve([Extraction("d", mentions)])
    assert resolved.entities == {} and resolved.links["d"] == [None, None]
