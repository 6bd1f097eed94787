"""``kg build``."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from kg.cli._app import Arg, Opt, app, err, out_folder, reports_errors
from kg.config import (DEFAULT_BASE_IRI, DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_MAX_ITEMS, DEFAULT_MAX_PAGES,
                       DEFAULT_MAX_UNPACKED_BYTES, DEFAULT_MODEL, DEFAULT_SUFFIXES, FEED_SUFFIXES, ReadLimits,
                       Settings)
from kg.errors import NothingBuilt
from kg.printable import printable


class NerMode(str, Enum):
    lac = "lac"
    rules = "rules"


def _default_model_corpus() -> str:
    """What the shipped model was trained on, from its meta.json (read without importing the trainer)."""
    try:
        documents = json.loads((DEFAULT_MODEL / "meta.json").read_text(encoding="utf-8"))["corpus"]["documents"]
    except (OSError, ValueError, KeyError, TypeError):
        return "annotated real articles"
    return f"{documents} annotated real articles"


@app.command("build")
@reports_errors
def build_cli(
    inputs: Optional[List[Path]] = Arg(None, help="Article files or folders (searched recursively for "
                                                  f"{' '.join(DEFAULT_SUFFIXES)}, and for RSS/Atom feeds among "
                                                  f"{' '.join(FEED_SUFFIXES)}). None: the bundled sample article."),
    out: Path = Opt(Path("output"), "--out", "-o", help="Output folder (created with its parents)."),
    base_iri: Optional[str] = Opt(None, "--base-iri", help=f"Prefix of every instance IRI kg mints: an absolute "
                                  f"IRI ending in / or # (default {DEFAULT_BASE_IRI}; a store keeps the one it was "
                                  "built with)."),
    max_bytes: int = Opt(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Skip input files larger than this (on disk)."),
    max_chars: int = Opt(DEFAULT_MAX_CHARS, "--max-chars", min=1, help="Skip an input whose text is longer than this: a "
                         "text or HTML file as decoded (markup included), a PDF's or .docx's text (reading stops "
                         "there)."),
    max_unpacked_bytes: int = Opt(DEFAULT_MAX_UNPACKED_BYTES, "--max-unpacked-bytes", min=1, help="Skip a .docx whose zip "
                                  "members unpack to more than this together (checked before it is opened; a member "
                                  "over 1 MiB packed more than 100:1 is a zip bomb and skipped too)."),
    max_pages: int = Opt(DEFAULT_MAX_PAGES, "--max-pages", min=1, help="Skip a PDF of more pages than this."),
    max_items: int = Opt(DEFAULT_MAX_ITEMS, "--max-items", min=1, help="Read at most this many items of a feed file "
                         "(the rest is one line on stderr)."),
    html: bool = Opt(True, "--html/--no-html", help="Also write the interactive view graph.html."),
    curation: Optional[Path] = Opt(None, "--curation", help="YAML file of overrides: drop, merge, keep_apart, "
                                                            "aliases, types, rename (see README)."),
    infer: bool = Opt(False, "--infer", help="Add the RDFS entailments of the ontology (superclasses such as "
                                              "org:Organization, superproperties, symmetric partners). With --store "
                                              "the store keeps them current from then on, and its queries see them."),
    validate: bool = Opt(False, "--validate", help="Check the result against the SHACL shapes; exit 1 if it "
                                                   "does not conform."),
    report: bool = Opt(False, "--report", help="Also write article review pages into DIR/report."),
    store: Optional[Path] = Opt(None, "--store", "-s", help="Keep the graph in this Oxigraph store folder: add new "
                                                          "articles, replace changed ones, skip unchanged ones."),
    workers: int = Opt(1, "--workers", "-w", min=1, help="Extraction processes (the output is identical for any number)."),
    ner: NerMode = Opt(NerMode.lac, "--ner", help="Name finding: 'lac' (default) runs the pretrained Chinese NER "
                       "(Baidu LAC, shipped with the package) under the rules; 'rules' uses rules and gazetteers "
                       "only (about 3x faster, fewer names found)."),
    dask: Optional[str] = Opt(None, "--dask", help="Run extraction on this Dask scheduler (e.g. tcp://10.0.0.5:8786)."),
    endpoint: Optional[str] = Opt(None, "--endpoint", help="Also load every article's named graph and the entities "
                                  "graph into this SPARQL 1.1 Graph Store endpoint (e.g. http://127.0.0.1:7878/store)."),
    strict: bool = Opt(False, "--strict", help="Exit 1 when any input file was skipped or failed."),
    article_timeout: float = Opt(300.0, "--article-timeout", min=0, help="Seconds one article may take to read, and "
                                 "again to extract (an article over 100,000 characters: this per 100,000); a slower one is reported as skipped or failed and the rest is "
                                 "built (0: no limit)."),
    follow_symlinks: bool = Opt(False, "--follow-symlinks", help="Also read symbolic links that lead out of an "
                                "input folder (by default they are listed as skipped)."),
    model: Optional[str] = Opt(None, "--model", "-m", help="A model folder written by `kg train` (default: the model "
                               f"shipped in the package, trained on {_default_model_corpus()}: a CRF that decides "
                               "which names the rules and LAC proposed are real and where they end, and a relation "
                               "classifier)."),
    no_model: bool = Opt(False, "--no-model", help="No trained model: LAC and the rules only (--ner rules: the rules "
                         "only)."),
    quiet: bool = Opt(False, "--quiet", "-q", help="No summary or progress on stderr (progress is a bar on a "
                      "terminal, else a plain line every 10 articles or 10 s)."),
):
    """Extract a knowledge graph from articles and write DIR/graph.ttl (Turtle) and DIR/graph.html.

    Inputs are Markdown/text files with YAML front matter and an HTML or plain body, HTML pages,
    PDF and Word (.docx) documents, or plain text (the suffixes read in folders: see INPUTS).
    Unreadable files are skipped and listed in the summary on stderr.

    Each article is read, extracted and resolved on its own: one that cannot be read, fails, or runs over
    --article-timeout is one line on stderr and in DIR/build.json, and the rest is built. Reading is bounded
    while it happens, so a small file that unpacks to gigabytes cannot hang a build or eat its memory: by
    --max-bytes on disk, --max-chars of text, --max-unpacked-bytes of a .docx, --max-pages of a PDF, and
    --article-timeout. Exit status: 0
    when something was built (skipped and failed files are listed), 1 with --strict when any file was
    skipped or failed, or when nothing could be built; 2 for a usage error.

    With --store DIR the graph lives in an Oxigraph store (one named graph per article) and
    re-running adds, replaces or skips articles; graph.ttl and graph.html are written from the store.

    Example: kg build articles/ --out output ; kg build articles/ --store kgstore
    """
    from kg.cli._progress import long_article_lines, progress_display
    from kg.pipeline import build

    out_folder(out)  # an --out that is a file, or where kg may not write: one line now, not after the build
    if store is not None and (store / "CURRENT").exists():
        from kg.store import KgStore

        # a conflicting --base-iri is refused here; so is a second writer, at once (wait=0: a reader
        # would wait KG_STORE_WAIT seconds for the first build to finish)
        with KgStore(store, base=base_iri, wait=0.0) as existing:
            base_iri = existing.base
            infer = infer or existing.infer  # a store built with --infer keeps its entailments
    limits = ReadLimits(max_chars=max_chars, max_unpacked_bytes=max_unpacked_bytes, max_pages=max_pages,
                        max_items=max_items)
    from kg.training.model import check_model

    chosen_model = None if no_model else DEFAULT_MODEL if model in (None, "default") else Path(model)
    if chosen_model is not None:
        check_model(chosen_model)  # a missing or broken model is one line, before any article is read
    settings = Settings(base_iri=base_iri or DEFAULT_BASE_IRI, max_bytes=max_bytes, limits=limits, curation=curation,
                        infer=infer, workers=workers,
                        dask=dask, ner=ner.value, article_seconds=article_timeout, follow_symlinks=follow_symlinks,
                        model=chosen_model)

    try:
        with long_article_lines(quiet):
            result = build(inputs or [], out, settings, html=html, progress=progress_display("extracting", quiet),
                           store=store, report=report)
    except NothingBuilt as nothing:
        for s in nothing.skipped if not quiet else ():
            err(s.line())
        raise
    if not quiet:
        err(result.summary())
    if endpoint:
        from kg.pipeline import push

        with result.reading() as st:
            loaded = push(st, endpoint)
        if not quiet:
            err(f"loaded {loaded} graph(s) into {endpoint}")
    if strict and result.skipped:
        err(f"--strict: {len(result.skipped)} file(s) skipped or failed")
        raise typer.Exit(1)
    if validate:
        from kg.rdf.validate import validate as shacl

        with result.reading() as st:  # the entailments live only in result.graph
            report = shacl(result.graph if settings.infer else st)
        for violation in report.violations[:20]:
            err(printable(violation))
        err("SHACL: conforms" if report.conforms else f"SHACL: {len(report.violations)} violation(s)")
        if not report.conforms:
            raise typer.Exit(1)
