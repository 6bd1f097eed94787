"""Figure recall and precision on the training corpus (``shared/eval/train/t*/``), each article built on its own.

    python benchmarks/figure_recall.py ../shared/eval/train [--scorer ../shared/eval/score.py] [--verbose]
                                       [--only t1_01 t2_03] [--json out.json]
    python benchmarks/figure_recall.py training/gold [...]

The corpus is a folder of genre folders, each either ``docs/*.md`` + ``gold/*.json`` (the shared layout) or
gold files ``*.json`` whose ``doc`` names the text, relative to the gold file (``training/gold``).

A gold figure is found, as ``score.py`` counts it, when an observation's indicator contains the gold key
(after its normalisation) and its value equals the gold value (a percentage also as a fraction). Precision
is the share of observations that match some gold figure: the gold lists the figures an annotator judged
worth a fact, so an unmatched observation is not always wrong (read the ``--verbose`` list). Prints one line
per article, then the totals per genre folder and overall. The texts stay where they are.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from dev_eval import articles, build_alone, load_scorer_module

from kg.config import Settings

DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def _matches(mod, observation: dict, gold_figure: dict) -> bool:
    """``score.py``'s rule: the indicator contains the key, the value is equal (a percentage: v or v/100)."""
    want = float(gold_figure["value"])
    ok_values = {want, want / 100} if gold_figure.get("percent") else {want}
    return mod.norm(gold_figure["indicator"]) in mod.norm(observation["indicator"]) and any(
        n is not None and any(abs(n - w) <= 1e-6 * max(1.0, abs(w)) for w in ok_values)
        for n in map(mod._number, observation["value"]))


def score_figures(mod, graph: str, gold: dict) -> dict:
    """Found gold figures, matching observations and the lists of misses and unmatched observations."""
    figures = mod.read_graph(graph)[3]
    gold_figures = gold.get("figures", [])
    hit, misses = mod.figure_recall(figures, gold_figures)
    unmatched = [f for f in figures if not any(_matches(mod, f, gf) for gf in gold_figures)]
    return {"gold": len(gold_figures), "found": hit, "observations": len(figures),
            "matching": len(figures) - len(unmatched), "misses": misses,
            "unmatched": [f"FP  {f['indicator']} = {', '.join(str(v) for v in f['value'])}" for f in unmatched]}


def _genre_articles(folder: Path, only=None):
    """(document path, gold) for a genre folder of either layout."""
    if (folder / "docs").is_dir() and (folder / "gold").is_dir():
        yield from articles(folder, only)
        return
    for gold_path in sorted(folder.glob("*.json")):
        if only and gold_path.stem not in only:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "doc" in gold:
            yield (gold_path.parent / gold["doc"]).resolve(), gold


def _line(name: str, c: Counter) -> str:
    r = c["found"] / c["gold"] if c["gold"] else 0.0
    p = c["matching"] / c["observations"] if c["observations"] else 0.0
    return f"{name:<12}{r:>8.3f}{p:>8.3f}{c['found']:>6}{c['gold']:>6}{c['matching']:>6}{c['observations']:>6}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="folder of genre folders (t1_press … t5_policy)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="score.py whose matching rule is used")
    ap.add_argument("--verbose", action="store_true", help="list missed gold figures and unmatched observations")
    ap.add_argument("--only", nargs="*", default=None, help="article stems to run (t1_01 t2_03 ...)")
    ap.add_argument("--ner", default=None, help="NER mode (default: the pipeline's default)")
    ap.add_argument("--json", type=Path, default=None, help="write the per-article counts here")
    a = ap.parse_args(argv)
    mod = load_scorer_module(a.scorer)
    settings = Settings() if a.ner is None else Settings(ner=a.ner)
    genres: dict[str, Counter] = {}
    per = {}
    started = time.perf_counter()
    for folder in sorted(p for p in a.corpus.iterdir() if p.is_dir()):
        for doc_path, gold in _genre_articles(folder, a.only):
            total = genres.setdefault(folder.name, Counter())
            res = build_alone(doc_path, settings, lambda graph: score_figures(mod, graph, gold))
            counts = {k: res[k] for k in ("gold", "found", "observations", "matching")}
            total.update(counts)
            per[doc_path.stem] = counts
            print(_line(doc_path.stem, Counter(counts)), flush=True)
            if a.verbose:
                for line in res["misses"] + res["unmatched"]:
                    print("    " + line)
    print(f"{'':<12}{'recall':>8}{'prec':>8}{'found':>6}{'gold':>6}{'match':>6}{'obs':>6}")
    for name, c in genres.items():
        print(_line(name, c))
    overall = sum(genres.values(), Counter())
    print(_line("overall", overall))
    print(f"time {time.perf_counter() - started:.1f} s")
    if a.json:
        a.json.write_text(json.dumps({"articles": per, "genres": {k: dict(v) for k, v in genres.items()},
                                      "overall": dict(overall)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
