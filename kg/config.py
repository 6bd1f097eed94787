"""Settings: every default in one place."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

__all__ = ["Settings", "ReadLimits", "checked_base_iri", "base_iri_problem", "DATA_DIR", "NLP_DATA_DIR",
           "SAMPLE_ARTICLE", "ONTOLOGY_FILE", "SHAPES_FILE", "QUERY_DIR", "DEFAULT_MODEL"]

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
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")  # read from a folder when the file's root is a feed's (rss, feed, RDF)
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_MAX_UNPACKED_BYTES = 32 * 1024 * 1024
DEFAULT_MAX_PAGES = 1_000
DEFAULT_MAX_RATIO = 100
DEFAULT_MAX_ITEMS = 200  # items kg fetch reads from one feed, and kg build from one feed file
DEFAULT_MAX_REDIRECTS = 5  # redirects kg fetch follows from one URL
DEFAULT_MAX_RETRY_AFTER = 10.0  # seconds kg fetch waits at most when a server says Retry-After
DASK_CONNECT_SECONDS = 10.0  # seconds kg build --dask tries to reach the scheduler (distributed's default: 30)


@dataclass(frozen=True)
class ReadLimits:
    """Bounds that hold while a file is read, beyond its size on disk (``Settings.max_bytes``): a small file
    that unpacks or extracts to gigabytes is refused before or while it is read, never read whole."""

    max_chars: int = DEFAULT_MAX_CHARS  # a text/HTML file as decoded (markup included), or a PDF/.docx's text
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES  # a .docx's zip members together, uncompressed
    max_ratio: int = DEFAULT_MAX_RATIO  # a .docx member (over 1 MiB) unpacking to more than this times its size
    max_pages: int = DEFAULT_MAX_PAGES  # pages of a PDF
    max_items: int = DEFAULT_MAX_ITEMS  # items of a feed file (the rest is not read, and said)


_FORBIDDEN_IN_IRI = {" ": "a space", "<": "<", ">": ">", '"': '"', "{": "{", "}": "}", "|": "|", "\\": "a backslash",
                     "^": "^", "`": "`"}


def base_iri_problem(iri: str) -> str | None:
    """Why kg cannot mint IRIs under ``iri`` (None if it can): it must be an absolute IRI (RFC 3987, checked
    by Oxigraph) ending in ``/`` or ``#``, without spaces, control characters or ``<>"{}|\\^` ``."""
    import pyoxigraph as ox

    found = [name for char, name in _FORBIDDEN_IN_IRI.items() if char in iri]
    if found or any(ord(c) < 0x20 or ord(c) == 0x7F for c in iri):
        return f"it contains {', '.join(found) or 'a control character'}"
    if not iri.endswith(("/", "#")):
        return "it does not end in / or #"
    try:
        ox.NamedNode(iri + "x")
    except ValueError as err:
        return f"it is not an absolute IRI: {err}"
    return None


def checked_base_iri(iri: str) -> str:
    """``iri`` if kg can mint IRIs under it, else :class:`kg.errors.BaseIriError` saying why."""
    from kg.errors import BaseIriError

    problem = base_iri_problem(iri)
    if problem:
        raise BaseIriError(f"base IRI {iri!r} cannot prefix kg's IRIs ({problem}): give an absolute IRI "
                           f"ending in / or #, such as {DEFAULT_BASE_IRI}")
    return iri


ARTICLE_SECONDS_CHARS = 100_000  # the text one --article-timeout is for (see Settings.article_seconds)


@dataclass(frozen=True)
class Settings:
    """Build settings. ``base_iri`` prefixes every instance IRI kg mints."""

    base_iri: str = DEFAULT_BASE_IRI
    max_bytes: int = DEFAULT_MAX_BYTES
    limits: ReadLimits = field(default_factory=ReadLimits)  # while reading; the time is article_seconds
    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    nlp_data: Path = NLP_DATA_DIR
    segmenter: str = "char"
    # reading, or extracting, one article longer fails it (0: no limit); an article over ARTICLE_SECONDS_CHARS
    # characters gets this much per ARTICLE_SECONDS_CHARS to extract (its sections take their time one by one)
    article_seconds: float = 300.0
    follow_symlinks: bool = False  # read symbolic links that lead out of an input folder
    ner: str = "lac"  # "lac": the statistical NER proposes names for the rules to type; "rules": rules only (faster)
    extra_components: tuple[str, ...] = field(default_factory=tuple)
    # a `kg train` model folder (its ner/ joins the pipeline: kg_trained_ner, its relations/ the relation classifier);
    # None: LAC + rules only. The packaged model is the default: better on articles it was not trained on
    # (cross-validation 0.840 vs 0.781 entity F1, benchmarks/ner.md)
    model: Path | None = DEFAULT_MODEL
    # the trained relation classifier run after the relation rules: "default" (MODEL/relations of ``model``,
    # when it has one), a relation model folder (relations.json, config.json), or "" (the rules alone)
    relation_model: str = "default"
    curation: Path | None = None  # a YAML file of analyst overrides (see kg.resolve.curation)
    infer: bool = False  # add the ontology's RDFS entailments to the output
    workers: int = 1  # extraction processes
    dask: str | None = None  # a Dask scheduler address: extract on that cluster instead

    def __post_init__(self) -> None:
        checked_base_iri(self.base_iri)  # before anything is written under it
