"""The divisions table as the lexicon reads it: parents, containment, a fixed order of titles."""
from kg.language.lexicon import load_lexicon


def test_within_follows_a_parent_the_table_names_by_name():
    lex = load_lexicon()
    county = lex.divisions["黄石市/大冶市"]
    assert county.parent == "黄石市" and "黄石市" not in lex.divisions  # stored by name, keyed 湖北省/黄石市
    assert lex.within("黄石市/大冶市", "湖北省/黄石市")
    assert lex.within("黄石市/大冶市", "湖北省")  # two levels up, through the prefecture's key
    assert lex.within("湖北省/黄石市", "湖北省")
    assert not lex.within("黄石市/大冶市", "湖南省")
    assert not lex.within("黄石市/大冶市", "湖北省", depth=1)
    assert not lex.within("湖北省", "湖北省/黄石市")


def test_a_parent_name_several_provinces_use_is_told_apart_by_the_code():
    lex = load_lexicon()
    counties = [d for d in lex.divisions.values() if d.parent == "省直辖行政区划"]
    assert counties
    for county in counties:
        parent = lex.divisions[lex.parent_keys[county.key]]
        assert parent.name == "省直辖行政区划" and parent.code[:2] == county.code[:2]
    assert all(d.key in lex.parent_keys for d in lex.divisions.values() if d.parent)


def test_titles_are_longest_first_in_a_fixed_order():
    titles = load_lexicon().titles
    assert list(titles) == sorted(titles, key=lambda t: (-len(t), t))


def test_a_division_cannot_lie_in_one_of_its_level_or_below():
    from kg.language.lexicon import load_lexicon

    lex = load_lexicon()
    hubei = next(iter(lex.place_keys("湖北省")))
    yichang = next(iter(lex.place_keys("宜昌市")))
    assert lex.cannot_lie_in(hubei, yichang) and lex.cannot_lie_in(yichang, yichang)
    assert not lex.cannot_lie_in(yichang, hubei) and not lex.cannot_lie_in(yichang, "no such key")


def test_the_lexicon_is_loaded_once_however_its_folder_is_named():
    from kg.config import NLP_DATA_DIR

    lex = load_lexicon()
    assert load_lexicon("") is lex and load_lexicon(NLP_DATA_DIR) is lex and load_lexicon(str(NLP_DATA_DIR)) is lex


def test_the_patterns_files_have_only_configuration_keys_at_its_top_level():
    """A comment line that lost its ``#`` (a merge) reads as a stray top-level key: every key is an identifier."""
    import re
    from pathlib import Path

    import yaml

    import kg.language

    for path in (Path(kg.language.__file__).parent / "data" / "patterns").glob("*.yml"):
        keys = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [k for k in keys if not re.fullmatch(r"[a-z_][a-z0-9_]*", str(k))] == [], path.name
