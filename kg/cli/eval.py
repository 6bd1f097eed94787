"""``kg eval``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from kg.cli._app import Arg, Opt, STORE_OPT, app, err, open_source, reports_errors
from kg.errors import InputError
from kg.printable import printable

FORMATS = ("table", "json")


@app.command("eval")
@reports_errors
def eval_cli(
    graph: Optional[Path] = Arg(None, help="A built graph (graph.ttl ...); or use --store."),
    gold: Optional[Path] = Arg(None, help="A gold annotation JSON file (see README, 'Gold format'); "
                               "not with --corpus."),
    store: Optional[Path] = STORE_OPT,
    doc: Optional[str] = Opt(None, "--doc", help="Score only this article of a multi-article graph or store "
                             "(its content id or source path), as if it had been built alone."),
    corpus: Optional[Path] = Opt(None, "--corpus", help="A folder of gold files (searched recursively; each "
                                 "names its article in \"doc\"): per-article lines and micro totals."),
    verbose: bool = Opt(False, "--verbose", "-v", help="List every miss and false hit."),
    fmt: str = Opt("table", "--format", "-f", metavar="table|json", help="Output format."),
    as_json: bool = Opt(False, "--json", hidden=True, help="The same as --format json."),
):
    """Score a graph against a gold annotation: per-type P/R/F1, relation F1, figure recall.

    Example: kg eval output/graph.ttl tests/fixtures/gold/000_2d9d571b375b7b5b.json --verbose

    Example: kg eval --store S --corpus ../shared/eval/dev/gold
    """
    from dataclasses import asdict

    from kg.evaluate import evaluate, evaluate_corpus, evaluate_document, has_gold_article
    from kg.store import store_graph

    fmt = "json" if as_json else fmt
    if store is not None and gold is None and graph is not None and corpus is None:
        graph, gold = None, graph  # `kg eval --store S GOLD`: the one argument is the gold file
    if fmt not in FORMATS:
        raise InputError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if corpus is not None:
        if gold is not None:
            raise InputError("--corpus takes the gold files from its folder: give no GOLD argument")
        if not corpus.is_dir():
            raise InputError(f"{corpus}: no such folder of gold files")
        with open_source(graph, store) as st:
            rows, score = evaluate_corpus(st, corpus)
        if fmt == "json":
            print(json.dumps({"documents": {path: asdict(s) if s else None for path, s in rows},
                              "micro": asdict(score)}, ensure_ascii=False, indent=1))
            return
        for path, s in rows:
            print(f"{printable(path)}: {s.headline() if s else 'not in the graph (every gold item counted as missed)'}")
        if verbose:
            print("\n".join(score.errors))
        print(score.table())
        print(f"micro over {len(rows)} article(s): {score.headline()}")
        return
    if gold is None:
        raise InputError("give GRAPH and GOLD (or --store and GOLD, or --corpus GOLD_DIR)")
    try:
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{gold}: cannot read gold JSON ({error})") from error
    with open_source(graph, store) as st:
        score = evaluate_document(st, gold_data, doc) if doc else evaluate(store_graph(st), gold_data)
        missing = not doc and has_gold_article(st, gold_data) is False
    if fmt == "json":
        print(json.dumps(asdict(score), ensure_ascii=False, indent=1))
    else:
        if verbose:
            print("\n".join(score.errors))
        print(score.table())
        print(score.headline())
    if missing:  # scores of other articles against this gold: said, and exit 1
        err(f"kg: warning: no document of {printable(graph or store)} is the gold's article "
            f"{printable(gold_data.get('doc'))} (no source of that file name): the scores compare other articles "
            "with its annotation")
        raise typer.Exit(1)
