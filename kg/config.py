"""Settings: every default in one place."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

__all__ = ["Settings", "DATA_DIR", "NLP_DATA_DIR", "SAMPLE_ARTICLE", "ONTOLOGY_FILE", "SHAPES_FILE", "QUERY_DIR",
           "DEFAULT_MODEL"]

PACKAGE_DIR = Path(str(resources.files("kg")))
DATA_DIR = PACKAGE_DIR / "data"
NLP_DATA_DIR = PACKAGE_DIR / "language" / "data"
SAMPLE_ARTICLE = DATA_DIR / "000_2d9d571b375b7b5b.txt"
ONTOLOGY_FILE = DATA_DIR / "ontology" / "kg.ttl"
SHAPES_FILE = DATA_DIR / "ontology" / "shapes.ttl"
QUERY_DIR = PACKAGE_DIR / "queries"
DEFAULT_MODEL = PACKAGE_DIR / "models" / "default"  # the trained model shipped in the package (see `kg train`)

DEFAULT_BASE_IRI = "https://example.org/kg/"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")


@dataclass(frozen=True)
class Settings:
    """Build settings. ``base_iri`` prefixes every instance IRI kg mints."""

    base_iri: str = DEFAULT_BASE_IRI
    max_bytes: int = DEFAULT_MAX_BYTES
    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    nlp_data: Path = NLP_DATA_DIR
    segmenter: str = "char"
    article_seconds: float = 300.0  # an article still being extracted after this is reported as failed (0: no limit)
    follow_symlinks: bool = False  # read symbolic links that lead out of an input folder
    ner: str = "lac"  # "lac": the statistical NER proposes names for the rules to type; "rules": rules only (faster)
    extra_components: tuple[str, ...] = field(default_factory=tuple)
    model: Path | None = DEFAULT_MODEL  # a `kg train` model folder (its ner/ joins the pipeline); None: rules + LAC only
    # the trained relation classifier run after the relation rules: "default" (MODEL/relations of ``model``,
    # when it has one), a relation model folder (relations.json, config.json), or "" (the rules alone)
    relation_model: str = "default"
    curation: Path | None = None  # a YAML file of analyst overrides (see kg.resolve.curation)
    infer: bool = False  # add the ontology's RDFS entailments to the output
    workers: int = 1  # extraction processes
    dask: str | None = None  # a Dask scheduler address: extract on that cluster instead
