"""``kg fetch``."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import List, Optional

import typer

from kg.cli._app import Arg, Opt, app, err, out_folder, reports_errors
from kg.cli.build import NerMode
from kg.config import DEFAULT_MAX_ITEMS


@app.command("fetch")
@reports_errors
def fetch_cli(
    urls: List[str] = Arg(..., help="Article page URLs and RSS/Atom feed URLs (a feed's items are fetched)."),
    store: Path = Opt(..., "--store", "-s", help="The kg store folder the articles are added to (created if absent)."),
    cache: Optional[Path] = Opt(None, "--cache", help="Folder of downloaded pages and their ETag/Last-Modified "
                                "(default: STORE.cache beside the store)."),
    delay: float = Opt(1.0, "--delay", min=0, help="Seconds between two requests to one host (a longer robots.txt "
                       "Crawl-delay wins)."),
    timeout: float = Opt(20.0, "--timeout", help="Seconds one URL may take on the network, all of it: robots.txt, "
                         "redirects, connecting, headers and body (a server that trickles is cut off)."),
    retries: int = Opt(2, "--retries", min=0, help="Retries of a request that failed to connect or got 429/502/503/504."),
    max_bytes: int = Opt(20_000_000, "--max-bytes", min=1, help="Refuse a response larger than this."),
    max_items: int = Opt(DEFAULT_MAX_ITEMS, "--max-items", min=1, help="Fetch at most this many items of one feed (the "
                         "rest is one line on stderr)."),
    allow_private: bool = Opt(False, "--allow-private", help="Also fetch feed items and redirects that lead to "
                              "loopback, private, link-local or other non-public addresses (by default only the "
                              "URLs typed here may)."),
    out: Optional[Path] = Opt(None, "--out", "-o", help="Also write graph.ttl, graph.html and build.json of the "
                              "whole store here."),
    ner: NerMode = Opt(NerMode.lac, "--ner", help="Name finding, as for `kg build`."),
    workers: int = Opt(1, "--workers", "-w", min=1, help="Extraction processes."),
    quiet: bool = Opt(False, "--quiet", "-q", help="No summary on stderr."),
):
    """Fetch articles from the web into a store: pages and feeds, politely and incrementally.

    Conditional GET (ETag, Last-Modified) against a cache folder, so a rerun downloads nothing unchanged and
    the store adds only new articles; robots.txt honoured; a delay between requests to one host; retries
    with backoff; a total time limit per URL and a size cap. A URL that fails is one line on stderr; the rest
    is built. The URLs typed here are trusted; a feed's items and every redirect are fetched only from public
    addresses (each hop checked, the connection made to the checked address) unless --allow-private.
    Exit status 0 when the run finished (failed URLs listed), 1 when no URL could be fetched.

    Example: kg fetch https://www.example.gov.cn/rss.xml --store kgstore ; kg query --store kgstore figures
    """
    from kg.cli._progress import progress_display
    from kg.config import Settings
    from kg.errors import KgError, NothingBuilt
    from kg.ingest.fetch import Fetcher, FetchReport, fetch_documents
    from kg.pipeline import build
    from kg.store import KgStore

    if out is not None:
        out_folder(out)
    base_iri = None
    made = [(folder, _first_missing(folder)) for folder in (store, cache or store.with_name(store.name + ".cache"))
            if not folder.exists()]
    if (store / "CURRENT").exists():
        with KgStore(store) as existing:
            base_iri = existing.base
    settings = Settings(ner=ner.value, workers=workers, max_bytes=max_bytes,
                        **({"base_iri": base_iri} if base_iri else {}))
    cache = cache or store.with_name(store.name + ".cache")
    fetcher = Fetcher(cache, delay=delay, timeout=timeout, max_bytes=max_bytes, retries=retries,
                      allow_private=allow_private)
    report = FetchReport()

    documents = fetch_documents(urls, fetcher, report, max_bytes, progress_display("fetching", quiet), max_items,
                                settings.limits, settings.article_seconds)
    try:
        result = build([], out, settings, html=out is not None, store=store, documents=documents)
    except NothingBuilt as nothing:
        for line in [s.line() for s in report.failed + nothing.skipped] + report.capped:
            err(line)
        for folder, outermost in made:  # the store and cache folders this run created hold nothing worth keeping
            shutil.rmtree(folder, ignore_errors=True)
            _remove_empty_parents(folder, outermost)
        raise KgError(f"nothing fetched into {store} ({report.line()})") from None
    if not quiet:
        err(f"{report.line()} (cache {cache})")
        err(result.summary())
        for s in report.failed:
            err(s.line())
        for line in report.capped:
            err(line)
    if report.failed and not (report.downloaded or report.unchanged):
        raise typer.Exit(1)


def _remove_empty_parents(folder: Path, outermost: Path) -> None:
    """Remove the parents of ``folder`` up to ``outermost`` (the folders creating it created) while they are empty:
    another run may have written into them since."""
    folder = folder.absolute()
    while folder != outermost and outermost in folder.parents:
        folder = folder.parent
        try:
            folder.rmdir()
        except OSError:
            return


def _first_missing(folder: Path) -> Path:
    """The outermost of ``folder`` and its parents that does not exist yet (what creating it creates)."""
    folder = folder.absolute()
    while not folder.parent.exists():
        folder = folder.parent
    return folder
