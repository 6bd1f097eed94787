"""Why gold figures are missed: each miss of a corpus counted by kind, from ``kg_figures`` alone (fast).

    python benchmarks/figure_misses.py training/gold/t6_peopledaily [--scorer ../shared/eval/score.py]
                                       [--list reachable,paraphrase]

Each article's text is folded as ``kg build`` folds it and run through the figure rules only (no NER: figures read
the text alone), so the recall and precision printed equal ``figure_recall.py``'s on a full build, in seconds. A
gold figure kg misses is of one kind:

* ``no value``: no figure of kg has its value;
* ``reachable``: a figure has its value and the gold key (as the scorer normalises it) is written in that figure's
  clause, its sentence or the sentence before: an indicator naming more of the text would contain it;
* ``paraphrase``: a figure has its value but the key is nowhere near it as written (欧洲订单占比 for 「欧洲从30%
  增长到55%」): the annotator's own words, which no choice of the text's words can contain.

``--list`` prints the misses of the kinds named, with kg's indicator and the sentence.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from dev_eval import load_scorer_module

import kg.nlp.extensions  # noqa: F401  (doc._.kg_figures)
from kg.language.fold import fold
from kg.nlp.components.figures import Figures
from kg.training.corpus import load_corpus

DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
KINDS = ("no value", "reachable", "paraphrase")
_SENTENCE_BREAK = "。！？\n"


def _same_value(value: float, want: float, percent: bool) -> bool:
    return any(abs(value - w) <= 1e-6 * max(1.0, abs(w)) for w in ((want, want / 100) if percent else (want,)))


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in _SENTENCE_BREAK) + 1
    ends = [i for i in (text.find(c, pos) for c in _SENTENCE_BREAK) if i >= 0]
    return start, min(ends) if ends else len(text)


def classify(mod, text: str, figures, key: str, want: float, percent: bool) -> tuple[str, dict | None]:
    """The kind of a missed gold figure and the figure of kg it is judged on (None when no value matches)."""
    with_value = [f for f in figures if _same_value(float(f["value"]), want, percent)]
    if not with_value:
        return "no value", None
    normed = mod.norm(key)
    for fig in with_value:
        start, end = _sentence(text, fig["start"])
        before, _ = _sentence(text, start - 2) if start > 1 else (start, end)
        if normed in mod.norm(text[before:end]):
            return "reachable", fig
    return "paraphrase", with_value[0]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, nargs="+", help="gold files or folders of them (training/gold/t6_peopledaily)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="score.py whose matching rule is used")
    ap.add_argument("--list", default="", help="kinds to list, comma-separated (reachable,paraphrase,'no value')")
    a = ap.parse_args(argv)
    mod = load_scorer_module(a.scorer)
    listed = {k.strip() for k in a.list.split(",") if k.strip()}
    figures_of = Figures(None)
    vocab = Vocab()
    gold_n = found = observations = matching = 0
    counts = dict.fromkeys(KINDS, 0)
    for gdoc in load_corpus(a.corpus):
        text = fold(gdoc.document.text)
        doc = Doc(vocab, words=[text], spaces=[False]) if text else Doc(vocab)
        doc.user_data["kg_text"] = text  # what kg.nlp.spans.text_of reads
        figures = figures_of(doc)._.kg_figures or ()

        def hit(fig, g):
            return mod.norm(g.indicator) in mod.norm(fig["indicator"]) and _same_value(float(fig["value"]), float(g.value), g.percent)

        observations += len(figures)
        matching += sum(any(hit(f, g) for g in gdoc.figures) for f in figures)
        for g in gdoc.figures:
            gold_n += 1
            if any(hit(f, g) for f in figures):
                found += 1
                continue
            kind, fig = classify(mod, text, figures, g.indicator, float(g.value), g.percent)
            counts[kind] += 1
            if kind in listed:
                start, end = _sentence(text, fig["start"]) if fig else (0, 0)
                shown = f"kg {fig['indicator']!r} = {fig['text']}" if fig else "no figure"
                print(f"{kind:<10} {gdoc.doc_id}  {g.indicator} = {g.value}  | {shown}  | {text[start:end][:160]}")
    print(f"recall {found / max(gold_n, 1):.3f} ({found}/{gold_n})  precision {matching / max(observations, 1):.3f} "
          f"({matching}/{observations})")
    print("misses: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
