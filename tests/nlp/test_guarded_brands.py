"""A gazetteer's short forms that are also common words (the third column: ``Lexicon.guarded``) count only where the
context makes them the company, a Latin name glued to more letters is no hit, a company's short form opening a longer
company name is not taken for it, and a guarded short form is an alias of its company. The companies and every
sentence are invented for these tests (a test copy of the data with one more gazetteer file)."""
import shutil

import pytest

from kg.language.lexicon import gazetteer_patterns, load_lexicon

from ..conftest import process

ROWS = """# invented companies for the tests
远航汽车集团有限公司	远航汽车|远航集团	远航
云溪钢铁集团有限公司	云溪钢铁
星澜科技有限公司	QXK
佳源电器有限公司	佳源
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    from kg.config import NLP_DATA_DIR

    out = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(NLP_DATA_DIR, out)
    (out / "gazetteers" / "enterprise_zz_test.tsv").write_text(ROWS, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def brand_nlp(data_dir):
    from kg.config import Settings
    from kg.nlp import make_nlp

    return make_nlp(Settings(nlp_data=data_dir))


def ents(nlp, text):
    doc, _ = process(nlp, text)
    return [(e.text, e.label_, e.id_) for e in doc.ents]


def test_the_third_column_is_guarded_not_a_plain_alias(data_dir):
    lex = load_lexicon(data_dir)
    rows = dict(lex.gazetteer["enterprise"])
    assert rows["远航汽车集团有限公司"] == ["远航汽车", "远航集团"]
    assert lex.guarded["远航"] == ("enterprise", "远航汽车集团有限公司")
    assert {"label": "ENTERPRISE", "pattern": "远航", "id": "远航汽车集团有限公司"} in gazetteer_patterns(lex)


def test_a_guarded_short_form_as_a_common_word_is_no_company(brand_nlp):
    found = ents(brand_nlp, "宁州港的货轮扬帆远航，驶向远方。")
    assert not any(text == "远航" for text, *_ in found)


def test_a_guarded_short_form_before_a_company_word_is_the_company(brand_nlp):
    found = ents(brand_nlp, "远航旗下的新工厂在宁州市投产。")
    assert ("远航", "ENTERPRISE", "远航汽车集团有限公司") in found


def test_a_guarded_short_form_in_a_list_of_companies_is_the_company(brand_nlp):
    found = ents(brand_nlp, "云溪钢铁、远航等企业参加了宁州市的签约仪式。")
    assert ("远航", "ENTERPRISE", "远航汽车集团有限公司") in found
    assert ("云溪钢铁", "ENTERPRISE", "云溪钢铁集团有限公司") in found


def test_a_confirmed_short_form_does_not_confirm_a_common_word_elsewhere(brand_nlp):
    found = ents(brand_nlp, "远航旗下的新工厂投产。宁州港的货轮扬帆远航。")
    assert [text for text, *_ in found].count("远航") == 1


def test_a_longer_name_holding_a_short_form_is_not_split(brand_nlp):
    found = ents(brand_nlp, "宁州远航汽车销售有限公司与云溪钢铁签署合作协议。")
    assert ("宁州远航汽车销售有限公司", "ENTERPRISE", "") in found
    assert not any(text in ("远航", "远航汽车") for text, *_ in found)


def test_a_latin_name_glued_to_more_letters_is_no_hit(brand_nlp):
    assert not any(text == "QXK" for text, *_ in ents(brand_nlp, "宁州市的宽带达到20QXKW。"))
    assert ("QXK", "ENTERPRISE", "星澜科技有限公司") in ents(brand_nlp, "QXK与云溪钢铁签署合作协议。")


def test_a_guarded_short_form_is_an_alias_of_its_company(data_dir):
    from kg.resolve.linker import Resolver

    assert "远航" in Resolver(load_lexicon(data_dir))._gazetteer_aliases["远航汽车集团有限公司"]


def test_a_gazetteer_short_form_joins_the_articles_own_full_company(data_dir):
    """远航 is the gazetteer's 远航汽车集团有限公司, but an article that names 宁州市远航机械股份有限公司 and never the
    gazetteer's full name means its own company by 远航 (as kg reads an unknown short form)."""
    from kg.facts import Extraction, Mention
    from kg.resolve.linker import Resolver

    resolver = Resolver(load_lexicon(data_dir))
    own = Extraction("d", [Mention("宁州市远航机械股份有限公司", "ENTERPRISE", 0, 13),
                           Mention("远航", "ENTERPRISE", 20, 22, kb_id="远航汽车集团有限公司")])
    names = {e.name for e in resolver.resolve([own]).entities.values()}
    assert names == {"宁州市远航机械股份有限公司"}
    both = Extraction("e", [Mention("宁州市远航机械股份有限公司", "ENTERPRISE", 0, 13),
                            Mention("远航汽车集团有限公司", "ENTERPRISE", 13, 23, kb_id="远航汽车集团有限公司"),
                            Mention("远航", "ENTERPRISE", 30, 32, kb_id="远航汽车集团有限公司")])
    assert {e.name for e in resolver.resolve([both]).entities.values()} == {"宁州市远航机械股份有限公司", "远航汽车集团有限公司"}


def test_a_company_s_short_form_across_the_words_around_it_is_no_company(data_dir, brand_nlp):
    # 佳源 of 最佳|源头, as 北汽 of 湖北|汽车: the words, not the company; in a list it is the company
    assert not [e for e in ents(brand_nlp, "坚持最佳源头治理，推进工作。") if e[1] == "ENTERPRISE"]
    assert ("佳源", "ENTERPRISE", "佳源电器有限公司") in ents(brand_nlp, "佳源、远航汽车等企业参加了展会。")
