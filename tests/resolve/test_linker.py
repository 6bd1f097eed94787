from kg.facts import Extraction, Mention
from kg.resolve import Resolver
from kg.resolve.normalize import norm, strip_marks


def resolve(*docs):
    """docs: (home, [mentions]) per document."""
    exs = [Extraction(f"d{i}", list(ms), home=home) for i, (home, ms) in enumerate(docs)]
    return Resolver().resolve(exs)


def names(resolved):
    return sorted((e.label, e.name, tuple(sorted(e.aliases))) for e in resolved.entities.values())


def test_agency_short_forms_join_the_full_name():
    r = resolve(("上海市", [Mention("市经信委", "AGENCY", 0, 4), Mention("市经济信息化委", "AGENCY", 5, 12),
                            Mention("上海市经济和信息化委员会", "AGENCY", 13, 25)]))
    assert names(r) == [("AGENCY", "上海市经济和信息化委员会", ("市经信委", "市经济信息化委"))]


def test_jurisdiction_comes_from_the_article():
    r = resolve(("上海市", [Mention("市政府", "AGENCY", 0, 3)]), ("深圳市", [Mention("市政府", "AGENCY", 0, 3)]))
    assert sorted(e.name for e in r.entities.values()) == ["上海市人民政府", "深圳市人民政府"]


def test_same_district_name_in_two_cities_stays_apart():
    r = resolve(("上海市", [Mention("普陀区", "DISTRICT", 0, 3, kb_id="上海市/普陀区")]),
                ("舟山市", [Mention("普陀区", "DISTRICT", 0, 3, kb_id="舟山市/普陀区")]))
    assert len(r.entities) == 2
    assert sorted(e.parent for e in r.entities.values()) == ["上海市", "舟山市"]


def test_short_policy_references_and_variants_join_the_full_title():
    r = resolve(("", [Mention("杭州市促进数字经济高质量发展的若干政策举措", "INITIATIVE", 0, 20, rule="book_title"),
                      Mention("杭州市促进数字经济高质量发展的若干政策措施", "INITIATIVE", 30, 50, rule="book_title"),
                      Mention("若干政策措施", "INITIATIVE", 60, 66, rule="book_title")]))
    assert len(r.entities) == 1
    (entity,) = r.entities.values()
    assert {"若干政策措施"} <= entity.aliases


def test_enterprise_short_form_joins_place_prefixed_name():
    r = resolve(("", [Mention("中国中车", "ENTERPRISE", 0, 4), Mention("中车", "ENTERPRISE", 5, 7)]))
    assert names(r) == [("ENTERPRISE", "中国中车", ("中车",))]


def test_entity_type_is_voted_and_does_not_split_the_node():
    r = resolve(("", [Mention("钱塘智慧物流产业园", "DISTRICT", 0, 9, rule="zone_suffix")]),
                ("", [Mention("钱塘智慧物流产业园", "INITIATIVE", 0, 9, rule="quoted_name"),
                      Mention("钱塘智慧物流产业园", "DISTRICT", 10, 19, rule="enumeration")]))
    assert [(e.label, sorted(e.docs)) for e in r.entities.values()] == [("DISTRICT", ["d0", "d1"])]


def test_normalisation():
    assert norm("“一网通办”") == "一网通办" and norm("嘉定未来•智慧出行示范区") == "嘉定未来智慧出行示范区"
    assert strip_marks("《上海市数据条例》") == "上海市数据条例"
    assert strip_marks("“1+1+3+1+1”政策框架体系") == "“1+1+3+1+1”政策框架体系"


def test_tally_takes_documents_out_exactly():
    """The store re-merges by counting documents in and out: that must equal merging what is left."""
    from kg.facts import Entity
    from kg.language.lexicon import load_lexicon
    from kg.resolve import EntityTally, merge_entities

    lex = load_lexicon()
    docs = {"d1": Entity("named:x", "AGENCY", "市经信委", aliases={"经信委"}, docs={"d1"}),
            "d2": Entity("named:x", "AGENCY", "上海市经济和信息化委员会", docs={"d2"}),
            "d3": Entity("named:x", "ENTERPRISE", "上海市经济和信息化委员会", aliases={"市经济信息化委"}, docs={"d3"})}
    tally = EntityTally("named:x")
    for e in docs.values():
        tally.add(e)
    assert tally.entity(lex) == merge_entities([{"named:x": e} for e in docs.values()], lex)["named:x"]
    tally.add(docs["d2"], sign=-1)
    rest = merge_entities([{"named:x": docs["d1"]}, {"named:x": docs["d3"]}], lex)["named:x"]
    assert tally.entity(lex) == rest and "经信委" in rest.aliases and rest.docs == {"d1", "d3"}
    for doc in ("d1", "d3"):
        tally.add(docs[doc], sign=-1)
    assert not tally and tally.merged() is None


def test_city_bodies_in_an_article_about_a_province_are_its_most_named_city():
    # 市政府 in an article about 湖北省 is no province's: the city of 湖北省 the article names most
    r = resolve(("湖北省", [Mention("宜昌市", "DISTRICT", 0, 3, kb_id="湖北省/宜昌市"),
                            Mention("黄石市", "DISTRICT", 10, 13, kb_id="湖北省/黄石市"),
                            Mention("黄石市", "DISTRICT", 20, 23, kb_id="湖北省/黄石市"),
                            Mention("长沙市", "DISTRICT", 30, 33, kb_id="湖南省/长沙市"),
                            Mention("长沙市", "DISTRICT", 40, 43, kb_id="湖南省/长沙市"),
                            Mention("长沙市", "DISTRICT", 50, 53, kb_id="湖南省/长沙市"),
                            Mention("市政府", "AGENCY", 60, 63), Mention("省政府", "AGENCY", 70, 73)]))
    assert {"黄石市人民政府", "湖北省人民政府"} <= {e.name for e in r.entities.values()}


def test_a_tie_between_cities_goes_to_the_one_named_first():
    mentions = [Mention("宜昌市", "DISTRICT", 0, 3, kb_id="湖北省/宜昌市"),
                Mention("黄石市", "DISTRICT", 10, 13, kb_id="湖北省/黄石市"), Mention("市委", "AGENCY", 20, 22)]
    assert "中共宜昌市委员会" in {e.name for e in resolve(("湖北省", mentions)).entities.values()}
    mentions[0], mentions[1] = (Mention("黄石市", "DISTRICT", 0, 3, kb_id="湖北省/黄石市"),
                                Mention("宜昌市", "DISTRICT", 10, 13, kb_id="湖北省/宜昌市"))
    assert "中共黄石市委员会" in {e.name for e in resolve(("湖北省", mentions)).entities.values()}


def test_a_city_body_in_an_article_about_a_province_naming_no_city_stays_as_written():
    r = resolve(("广东省", [Mention("市政府", "AGENCY", 0, 3)]), ("上海市", [Mention("市政府", "AGENCY", 0, 3)]))
    assert sorted(e.name for e in r.entities.values()) == ["上海市人民政府", "市政府"]  # never 广东省人民政府


def test_the_longest_trade_word_is_cut_from_a_company_name():
    # 房地产 and 地产 both end the name: the short name is 远川, never 远川房 (whichever a set yields first)
    cores = Resolver()._enterprise_cores("远川房地产有限公司")
    assert "远川" in cores and "远川房" not in cores


def test_a_company_unit_stays_apart_from_the_company_while_its_full_legal_name_joins_it():
    unit = resolve(("", [Mention("远航重工", "ENTERPRISE", 0, 4), Mention("远航重工土方机械公司", "ENTERPRISE", 5, 15)]))
    assert sorted(n for _t, n, _a in names(unit)) == ["远航重工", "远航重工土方机械公司"]
    group_unit = resolve(("", [Mention("远航集团", "ENTERPRISE", 0, 4), Mention("远航集团青岛造船有限公司", "ENTERPRISE", 5, 17)]))
    assert len(names(group_unit)) == 2
    full = resolve(("", [Mention("远航重工", "ENTERPRISE", 0, 4), Mention("远航重工机械股份有限公司", "ENTERPRISE", 5, 17)]))
    assert names(full) == [("ENTERPRISE", "远航重工机械股份有限公司", ("远航重工",))]
    informal = resolve(("", [Mention("远航", "ENTERPRISE", 0, 2), Mention("远航科技公司", "ENTERPRISE", 3, 9)]))
    assert names(informal) == [("ENTERPRISE", "远航科技公司", ("远航",))]  # trade words alone before 公司: its own name



def test_a_body_named_by_its_level_alone_is_each_articles_own_when_no_home_completes_it():
    # two articles about cities kg cannot place: their 市政府 are two bodies, never one node holding both mayors
    r = resolve(("", [Mention("市政府", "AGENCY", 0, 3)]), ("", [Mention("市政府", "AGENCY", 0, 3)]),
                ("上海市", [Mention("市政府", "AGENCY", 0, 3)]), ("上海市", [Mention("市政府", "AGENCY", 0, 3)]))
    assert sorted(e.name for e in r.entities.values()) == ["上海市人民政府", "市政府", "市政府"]


def test_place_by_its_proper_part_joins_the_full_place_the_article_names():
    # 「云溪」 alone is a gazetteer county elsewhere (岳阳市/云溪区): in an article on 云溪县 it is that county
    r = resolve(("", [Mention("云溪县", "DISTRICT", 0, 3), Mention("云溪", "DISTRICT", 20, 22, kb_id="岳阳市/云溪区"),
                      Mention("云溪大道", "DISTRICT", 30, 34), Mention("云溪", "DISTRICT", 40, 42)]))
    assert names(r) == [("DISTRICT", "云溪县", ("云溪",)), ("DISTRICT", "云溪大道", ())]


def test_place_by_its_proper_part_stays_apart_when_two_full_places_have_it():
    r = resolve(("", [Mention("青岭县", "DISTRICT", 0, 3), Mention("青岭镇", "DISTRICT", 10, 13),
                      Mention("青岭", "DISTRICT", 20, 22)]))
    assert sorted(e.name for e in r.entities.values()) == ["青岭", "青岭县", "青岭镇"]


def test_two_gazetteer_places_stay_apart():
    # 吉林 read as the province and 吉林市 the city: the gazetteer tells them apart
    r = resolve(("", [Mention("吉林市", "DISTRICT", 0, 3, kb_id="吉林省/吉林市"),
                      Mention("吉林", "DISTRICT", 10, 12, kb_id="吉林省")]))
    assert sorted(e.name for e in r.entities.values()) == ["吉林市", "吉林省"]


def test_company_short_form_of_trade_name_and_last_trade_word_joins_the_full_name():
    r = resolve(("", [Mention("青禾新材料科技股份有限公司", "ENTERPRISE", 0, 13), Mention("青禾科技", "ENTERPRISE", 20, 24)]))
    assert names(r) == [("ENTERPRISE", "青禾新材料科技股份有限公司", ("青禾科技",))]


def test_company_abbreviation_by_characters_of_its_words_joins_the_full_name():
    r = resolve(("", [Mention("宁州工程机械集团有限公司", "ENTERPRISE", 0, 12), Mention("宁工集团", "ENTERPRISE", 20, 24),
                      Mention("青岭农业高科技股份有限公司", "ENTERPRISE", 30, 43), Mention("岭农高科", "ENTERPRISE", 50, 54)]))
    assert names(r) == [("ENTERPRISE", "宁州工程机械集团有限公司", ("宁工集团",)),
                        ("ENTERPRISE", "青岭农业高科技股份有限公司", ("岭农高科",))]


def test_a_company_named_by_another_s_first_and_last_words_stays_apart():
    # 中国青岭银行 is no 中国银行 (its first and last words), and 宁工集团 is no group's short form of a mere company
    r = resolve(("", [Mention("中国青岭银行股份有限公司", "ENTERPRISE", 0, 12), Mention("中国银行", "ENTERPRISE", 20, 24),
                      Mention("宁州工程机械有限公司", "ENTERPRISE", 30, 40), Mention("宁工集团", "ENTERPRISE", 50, 54)]))
    assert len(r.entities) == 4


def test_a_short_form_with_公司_joins_the_company_whose_trade_name_it_keeps():
    r = resolve(("", [Mention("宁州市东岭五金有限公司", "ENTERPRISE", 0, 11), Mention("东岭公司", "ENTERPRISE", 20, 24),
                      Mention("远帆（宁州）医疗科技股份有限公司", "ENTERPRISE", 30, 46), Mention("远帆", "ENTERPRISE", 50, 52),
                      Mention("婴乐宝公司", "ENTERPRISE", 60, 65), Mention("美国婴乐宝公司", "ENTERPRISE", 70, 77)]))
    assert names(r) == [("ENTERPRISE", "宁州市东岭五金有限公司", ("东岭公司",)),
                        ("ENTERPRISE", "美国婴乐宝公司", ("婴乐宝公司",)),
                        ("ENTERPRISE", "远帆（宁州）医疗科技股份有限公司", ("远帆",))]


def test_a_group_s_short_form_does_not_join_a_local_company_of_its_brand():
    # 远帆集团 is the group, 青岭远帆有限公司 its local company: two nodes
    r = resolve(("", [Mention("青岭远帆有限公司", "ENTERPRISE", 0, 8), Mention("远帆集团", "ENTERPRISE", 20, 24)]))
    assert len(r.entities) == 2


def test_a_company_s_trade_name_read_as_a_person_joins_the_company():
    r = resolve(("", [Mention("宁波市米禾香食品有限公司", "ENTERPRISE", 0, 12), Mention("米禾香", "PERSON", 20, 23),
                      Mention("米禾香", "PERSON", 30, 33), Mention("陈青岭", "PERSON", 40, 43)]))
    assert names(r) == [("ENTERPRISE", "宁波市米禾香食品有限公司", ("米禾香",)), ("PERSON", "陈青岭", ())]


def test_a_full_place_is_no_short_form_of_its_urban_area():
    # 「宁州市区」 (the city's urban area) does not take 宁州市 as its short form
    r = resolve(("", [Mention("宁州市", "DISTRICT", 0, 3), Mention("宁州市区", "DISTRICT", 10, 14)]))
    assert sorted(e.name for e in r.entities.values()) == ["宁州市", "宁州市区"]


def test_a_company_abbreviated_with_its_province_s_one_character_name_joins_the_full_name():
    r = resolve(("", [Mention("安徽省青岭能源集团有限公司", "ENTERPRISE", 0, 13), Mention("皖岭能集团", "ENTERPRISE", 20, 25)]))
    assert names(r) == [("ENTERPRISE", "安徽省青岭能源集团有限公司", ("皖岭能集团",))]


def test_a_bare_corporate_form_beside_companies_is_resolved_without_error():
    # a mention that is only a corporate form or a one-character name before it (公司, 甲集团) has no name to abbreviate
    r = resolve(("", [Mention("宁州工程机械集团有限公司", "ENTERPRISE", 0, 12), Mention("宁工集团", "ENTERPRISE", 20, 24),
                      Mention("集团", "ENTERPRISE", 30, 32), Mention("甲集团", "ENTERPRISE", 40, 43),
                      Mention("有限公司", "ENTERPRISE", 50, 54)]))
    assert ("ENTERPRISE", "宁州工程机械集团有限公司", ("宁工集团",)) in names(r)


def test_a_person_a_title_marks_stays_apart_from_the_company_named_after_them():
    # 董事长方远 of 宁州市方远食品有限公司: the founder is a person, not the company's short form
    r = resolve(("", [Mention("宁州市方远食品有限公司", "ENTERPRISE", 0, 11), Mention("方远", "PERSON", 14, 16, rule="title_name"),
                      Mention("方远", "PERSON", 30, 32, rule="ner")]))
    assert ("PERSON", "方远", ()) in names(r) and len(r.entities) == 2


def test_two_companies_the_text_relates_stay_apart_whatever_a_short_form_reading_says():
    # 中州建设集团 signs with 中建集团: the characters of one abbreviate the other, the text makes them partners
    from kg.facts import Evidence, Relation

    text = "中州建设集团有限公司与中建集团签署战略合作协议。"
    mentions = [Mention("中州建设集团有限公司", "ENTERPRISE", 0, 10), Mention("中建集团", "ENTERPRISE", 11, 15)]
    related = Extraction("d0", mentions, [Relation(0, "partnerOf", 1, Evidence("d0", text, 0, len(text), "partner"))])
    assert len(Resolver().resolve([related]).entities) == 2
    assert len(Resolver().resolve([Extraction("d0", list(mentions))]).entities) == 1  # unrelated: one company


def test_a_quoted_programme_and_its_kind_is_also_named_by_the_quoted_words():
    """「“云溪共富”计划」: the quoted words alone name the programme too (an alias); a plan's document (「“某某”规划」)
    and another label keep their forms."""
    r = resolve(("", [Mention("“云溪共富”计划", "INITIATIVE", 0, 8, rule="quoted_system"),
                      Mention("“宁州四好”规划", "INITIATIVE", 10, 18, rule="quoted_system"),
                      Mention("“远航”集团", "ENTERPRISE", 20, 26)]))
    assert ("INITIATIVE", "“云溪共富”计划", ("云溪共富",)) in names(r)
    assert ("INITIATIVE", "“宁州四好”规划", ()) in names(r)
    assert ("ENTERPRISE", "“远航”集团", ()) in names(r)


def test_a_city_district_s_body_is_also_named_with_the_city_first():
    r = resolve(("北京市", [Mention("海淀区政府", "AGENCY", 0, 5), Mention("海淀区委", "AGENCY", 6, 10)]),
                ("天津市", [Mention("滨海新区人民政府", "AGENCY", 0, 8)]),  # a district that is also a zone of the table
                ("", [Mention("鼓楼区人民政府", "AGENCY", 0, 7)]))  # 鼓楼区 of several cities: no city to write first
    by_name = {e.name: e.aliases for e in r.entities.values()}
    assert "北京市海淀区人民政府" in by_name["海淀区人民政府"]
    assert "中共北京市海淀区委员会" in by_name["中共海淀区委员会"]
    assert "天津市滨海新区人民政府" in by_name["滨海新区人民政府"]
    assert not {a for a in by_name["鼓楼区人民政府"] if a.endswith("鼓楼区人民政府") and a != "鼓楼区人民政府"}


def test_an_initiative_named_with_its_kind_joins_the_name_given_alone():
    """「某某焕新活动」「某某焕新政策」「“某某”工程」 in an article that also names 某某焕新 / 某某 alone: one initiative;
    a place named like a project's base (某某园区 and 某某园区项目 of another type) is no initiative to join."""
    r = resolve(("", [Mention("家电焕新", "INITIATIVE", 0, 4, rule="quoted_name"),
                      Mention("家电焕新活动", "INITIATIVE", 10, 16, rule="trained_ner"),
                      Mention("家电焕新政策", "INITIATIVE", 20, 26, rule="trained_ner"),
                      Mention("青禾共富", "INITIATIVE", 30, 34, rule="quoted_programme"),
                      Mention("“青禾共富”工程", "INITIATIVE", 40, 48, rule="quoted_system"),
                      Mention("云溪数字乡村行动", "INITIATIVE", 50, 58, rule="initiative_suffix")]))
    got = {e.name: set(e.aliases) for e in r.entities.values()}
    assert len(got) == 3, got
    assert any({"家电焕新", "家电焕新活动", "家电焕新政策"} <= {name, *aliases} for name, aliases in got.items()), got
    assert any({"青禾共富", "“青禾共富”工程"} <= {name, *aliases} for name, aliases in got.items()), got
