"""``kg eval``."""
from __future__ import annotations

import json
from pathlib import Path

from kg.cli._app import Arg, Opt, app, reports_errors
from kg.errors import InputError


@app.command("eval")
@reports_errors
def eval_cli(
    graph: Path = Arg(..., help="A built graph (graph.ttl ...)."),
    gold: Path = Arg(..., help="A gold annotation JSON file (see README, 'Gold format')."),
    verbose: bool = Opt(False, "--verbose", "-v", help="List every miss and false hit."),
    as_json: bool = Opt(False, "--json", help="Print the full result as JSON."),
):
    """Score a graph against a gold annotation: per-type P/R/F1, relation F1, figure recall.

    Example: kg eval output/graph.ttl tests/fixtures/gold/000_2d9d571b375b7b5b.json --verbose
    """
    from dataclasses import asdict

    from kg.evaluate import evaluate
    from kg.store import store_graph
    from kg.store.source import open_source

    try:
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"{gold}: cannot read gold JSON ({err})") from err
    with open_source(graph) as st:
        score = evaluate(store_graph(st), gold_data)
    if as_json:
        print(json.dumps(asdict(score), ensure_ascii=False, indent=1))
        return
    if verbose:
        print("\n".join(score.errors))
    print(score.table())
    print(score.headline())
