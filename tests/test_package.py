"""Package data: the ontology and the sample ship with the package."""
from pathlib import Path

from kg.config import ONTOLOGY_FILE, SAMPLE_ARTICLE

REPO = Path(__file__).parent.parent


def test_packaged_ontology_is_identical_to_ontology_folder():
    assert ONTOLOGY_FILE.read_bytes() == (REPO / "ontology" / "kg.ttl").read_bytes()


def test_sample_article_is_bundled():
    assert SAMPLE_ARTICLE.is_file() and "吴金城" in SAMPLE_ARTICLE.read_text(encoding="utf-8")


def test_entity_types_relations_and_prefixes_are_declared_once():
    """kg/schema.py declares the six types and relations, kg/rdf/prefixes.py the prefixes (as plain strings, so
    that `kg query --help` need not import rdflib; kg/rdf/namespace.py binds them); no other module
    restates them (all six type names or relation names on one line, or a vocabulary IRI written out)."""
    import re

    from kg.schema import CLASS_NAMES, LABELS, PREDICATE_NAMES

    allowed = {REPO / "kg" / "schema.py", REPO / "kg" / "rdf" / "namespace.py", REPO / "kg" / "rdf" / "prefixes.py"}
    lists = [CLASS_NAMES, LABELS, PREDICATE_NAMES]
    stray = []
    for path in (REPO / "kg").rglob("*.py"):
        if path in allowed:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(all(re.search(rf"\b{n}\b", line) for n in names) for names in lists) \
                    or re.search(r"http://www\.w3\.org/(2000/01/rdf-schema|2004/02/skos/core|1999/02/22-rdf-syntax-ns)#", line):
                stray.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:80]}")
    assert stray == []


def test_layers_import_downwards():
    """resolve/ does not reach into nlp/; store/ reaches into neither nlp/ nor resolve/'s modules (it applies
    the change sets ``kg.resolve`` plans); the language layer depends on none of them."""
    import re

    for layer, banned in (("resolve", r"kg\.nlp"), ("store", r"kg\.(nlp|resolve\.\w+|pipeline)"),
                          ("language", r"kg\.(nlp|resolve|store)")):
        for path in (REPO / "kg" / layer).rglob("*.py"):
            assert not re.search(rf"^\s*(from|import) {banned}\b", path.read_text(encoding="utf-8"), re.M), path


def test_read_commands_open_their_source_one_way():
    """query, viz, stats, report, validate, export and eval read through open_source, never a store or a
    graph file of their own."""
    for path in (REPO / "kg" / "cli").glob("*.py"):
        if path.stem in ("build", "fetch", "remove", "serve", "_app"):  # writers, and the server's own workers
            continue
        text = path.read_text(encoding="utf-8")
        assert "KgStore(" not in text and "load_graph" not in text, path
