"""Package data: the ontology and the sample ship with the package."""
from pathlib import Path

from kg.config import ONTOLOGY_FILE, SAMPLE_ARTICLE

REPO = Path(__file__).parent.parent


def test_packaged_ontology_is_identical_to_ontology_folder():
    assert ONTOLOGY_FILE.read_bytes() == (REPO / "ontology" / "kg.ttl").read_bytes()


def test_sample_article_is_bundled():
    assert SAMPLE_ARTICLE.is_file() and "吴金城" in SAMPLE_ARTICLE.read_text(encoding="utf-8")
