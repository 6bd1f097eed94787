"""Agency names as <jurisdiction><core> (kg.language.agency): the official full name of what the text writes."""
import pytest

from kg.language.agency import canonical_agency
from kg.language.lexicon import load_lexicon


@pytest.mark.parametrize("written, full", [
    ("福田区政府", "福田区人民政府"),
    ("杭州市发改委", "杭州市发展和改革委员会"),
    # places written together before the body: each in full from the city down, a province left out
    ("深圳福田区政府", "深圳市福田区人民政府"),
    ("广东省深圳市南山区发改局", "深圳市南山区发展和改革局"),
    ("浙江省杭州市人民政府", "杭州市人民政府"),
    ("江苏南京市政府", "南京市人民政府"),
    ("中共温州市鹿城区委", "中共温州市鹿城区委员会"),
    ("浙江杭州市委", "中共杭州市委员会"),
])
def test_a_body_is_named_by_its_jurisdiction_in_full_and_its_core(written, full):
    assert canonical_agency(written, "", load_lexicon()) == full
