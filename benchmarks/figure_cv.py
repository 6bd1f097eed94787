"""Figure recall of the learned indicator chooser (``kg_figure_indicators``) against the rules alone,
cross-validated by document.

    python benchmarks/figure_cv.py training/gold/t6_peopledaily \\
        --extra ../shared/eval/train training/gold/t1_press training/gold/t2_finance training/gold/t3_zones \\
                training/gold/t4_people training/gold/t5_policy training/gold/t7_peopledaily [--folds 5 --seed 13]

Every article is run once through kg's pipeline as shipped (the packaged NER, no chooser): the rules' figures
and LAC's words. The target corpus is split into ``--folds`` folds by document; for each fold the chooser is
trained on the ``--extra`` corpora and the other folds, and applied to the held-out articles. Prints the
target's recall with the rules alone and with the chooser at each margin (score.py's rule: the indicator
contains the gold key, the value is equal), how many indicators the chooser changed, and then, for each
corpus, its recall with a chooser trained on everything (seen articles: a no-regression check only).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.training.corpus import load_corpus, split_folds
from kg.training.figures import DEFAULT_C, choose_for, figure_groups, figures_found, fit_indicator_model, read_figures

MARGINS = (0.0, 0.5, 1.0, 2.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target", type=Path, help="corpus cross-validated (gold files)")
    ap.add_argument("--extra", type=Path, nargs="*", default=[], help="corpora always in training")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--c", type=float, default=DEFAULT_C, help="inverse L2 strength of the logistic regression")
    a = ap.parse_args(argv)
    started = time.perf_counter()
    target = load_corpus([a.target])
    extra = {str(p): load_corpus([p]) for p in a.extra}
    items = {d.doc_id: it for d, it in zip(target, read_figures(target))}
    extra_items = {name: read_figures(docs) for name, docs in extra.items()}
    print(f"pipeline over {len(items) + sum(map(len, extra_items.values()))} articles: "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    groups = {doc_id: figure_groups(it) for doc_id, it in items.items()}
    always = [g for its in extra_items.values() for it in its for g in figure_groups(it)]
    gold = sum(len(it.gold) for it in items.values())
    rules = sum(figures_found(it, it.figures) for it in items.values())
    found = dict.fromkeys(MARGINS, 0)
    changed = dict.fromkeys(MARGINS, 0)
    for train, held in split_folds(target, a.folds, a.seed):
        model = fit_indicator_model(always + [g for d in train for g in groups[d.doc_id]], a.seed, a.c)
        for margin in MARGINS:
            for d in held:
                chosen = choose_for(model, items[d.doc_id], margin)
                found[margin] += figures_found(items[d.doc_id], chosen)
                changed[margin] += sum(x["indicator"] != y["indicator"] for x, y in zip(chosen, items[d.doc_id].figures))
    print(f"{a.target}: {len(items)} articles, {gold} gold figures, {a.folds}-fold CV (seed {a.seed}, C {a.c})")
    print(f"  rules alone          recall {rules / gold:.3f} ({rules})")
    for margin in MARGINS:
        print(f"  chooser margin {margin:<4}  recall {found[margin] / gold:.3f} ({found[margin]}), "
              f"{changed[margin]} indicators changed")
    everything = fit_indicator_model(always + [g for gs in groups.values() for g in gs], a.seed, a.c)
    print("trained on everything (optimistic), margin 1.0:")
    for name, its in [(str(a.target), list(items.values())), *extra_items.items()]:
        n = sum(len(it.gold) for it in its)
        before = sum(figures_found(it, it.figures) for it in its)
        after = sum(figures_found(it, choose_for(everything, it, 1.0)) for it in its)
        print(f"  {name:<40} rules {before / n:.3f}  chooser {after / n:.3f}  ({n} gold)")
    print(f"time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
