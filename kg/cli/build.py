"""``kg build``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from kg.cli._app import Arg, Opt, app, err, reports_errors
from kg.config import DEFAULT_BASE_IRI, DEFAULT_MAX_BYTES, Settings
from kg.errors import NothingBuilt


class NerMode(str, Enum):
    lac = "lac"
    rules = "rules"


@app.command("build")
@reports_errors
def build_cli(
    inputs: Optional[List[Path]] = Arg(None, help="Article files or folders (searched recursively). "
                                                  "None: the bundled sample article."),
    out: Path = Opt(Path("output"), "--out", "-o", help="Output folder (created with its parents)."),
    base_iri: Optional[str] = Opt(None, "--base-iri", help=f"Prefix of every instance IRI kg mints (default "
                                  f"{DEFAULT_BASE_IRI}; a store keeps the one it was built with)."),
    max_bytes: int = Opt(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip input files larger than this."),
    html: bool = Opt(True, "--html/--no-html", help="Also write the interactive view graph.html."),
    curation: Optional[Path] = Opt(None, "--curation", help="YAML file of overrides: drop, merge, keep_apart, "
                                                            "aliases, types, rename (see README)."),
    infer: bool = Opt(False, "--infer", help="Add the RDFS entailments of the ontology (superclasses such as "
                                              "org:Organization, superproperties, symmetric partners)."),
    validate: bool = Opt(False, "--validate", help="Check the result against the SHACL shapes; exit 1 if it "
                                                   "does not conform."),
    report: bool = Opt(False, "--report", help="Also write article review pages into DIR/report."),
    store: Optional[Path] = Opt(None, "--store", "-s", help="Keep the graph in this Oxigraph store folder: add new "
                                                          "articles, replace changed ones, skip unchanged ones."),
    workers: int = Opt(1, "--workers", "-w", help="Extraction processes (the output is identical for any number)."),
    ner: NerMode = Opt(NerMode.lac, "--ner", help="Name finding: 'lac' (default) runs the pretrained Chinese NER "
                       "(Baidu LAC, shipped with the package) under the rules; 'rules' uses rules and gazetteers "
                       "only (about 3x faster, fewer names found)."),
    dask: Optional[str] = Opt(None, "--dask", help="Run extraction on this Dask scheduler (e.g. tcp://10.0.0.5:8786)."),
    endpoint: Optional[str] = Opt(None, "--endpoint", help="Also load every article's named graph and the entities "
                                  "graph into this SPARQL 1.1 Graph Store endpoint (e.g. http://127.0.0.1:7878/store)."),
    strict: bool = Opt(False, "--strict", help="Exit 1 when any input file was skipped or failed."),
    article_timeout: float = Opt(300.0, "--article-timeout", help="Seconds one article may take to extract; "
                                 "a slower one is reported as failed and the rest is built (0: no limit)."),
    follow_symlinks: bool = Opt(False, "--follow-symlinks", help="Also read symbolic links that lead out of an "
                                "input folder (by default they are listed as skipped)."),
    model: Optional[Path] = Opt(None, "--model", "-m", help="A model folder written by `kg train` (default: the "
                                "model shipped in the package, trained on the team's annotated articles)."),
    no_model: bool = Opt(False, "--no-model", help="No trained entity recogniser: LAC and the rules only."),
    quiet: bool = Opt(False, "--quiet", "-q", help="No summary or progress on stderr."),
):
    """Extract a knowledge graph from articles and write DIR/graph.ttl (Turtle) and DIR/graph.html.

    Inputs are Markdown/text files with YAML front matter and an HTML or plain body, HTML pages,
    or plain text (.md .markdown .txt .html .htm in folders). Unreadable files are skipped and
    listed in the summary on stderr.

    Each article is read, extracted and resolved on its own: one that cannot be read, fails, or runs over
    --article-timeout is one line on stderr and in DIR/build.json, and the rest is built. Exit status: 0
    when something was built (skipped and failed files are listed), 1 with --strict when any file was
    skipped or failed, or when nothing could be built; 2 for a usage error.

    With --store DIR the graph lives in an Oxigraph store (one named graph per article) and
    re-running adds, replaces or skips articles; graph.ttl and graph.html are written from the store.

    Example: kg build articles/ --out output ; kg build articles/ --store kgstore
    """
    from tqdm import tqdm

    from kg.pipeline import build

    if store is not None and (store / "CURRENT").exists():
        from kg.store import KgStore

        with KgStore(store, base=base_iri) as existing:  # a conflicting --base-iri is refused here
            base_iri = existing.base
    from kg.config import DEFAULT_MODEL
    from kg.training.model import check_model

    chosen_model = None if no_model else model or DEFAULT_MODEL
    if chosen_model is not None:
        check_model(chosen_model)  # a missing or broken model is one line, before any article is read
    settings = Settings(base_iri=base_iri or DEFAULT_BASE_IRI, max_bytes=max_bytes, curation=curation, infer=infer, workers=workers,
                        dask=dask, ner=ner.value, article_seconds=article_timeout, follow_symlinks=follow_symlinks,
                        model=chosen_model)

    def progress(it):
        return tqdm(it, desc="extracting", unit="doc", disable=quiet, leave=False, file=__import__("sys").stderr)

    try:
        result = build(inputs or [], out, settings, html=html, progress=progress, store=store, report=report)
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

        report = shacl(result.graph)
        for violation in report.violations[:20]:
            err(str(violation))
        err("SHACL: conforms" if report.conforms else f"SHACL: {len(report.violations)} violation(s)")
        if not report.conforms:
            raise typer.Exit(1)
