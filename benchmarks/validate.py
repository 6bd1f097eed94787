"""SHACL validation time: the SPARQL-compiled shapes in Oxigraph against pySHACL, on one graph.

    python benchmarks/validate.py GRAPH.ttl [--skip-pyshacl]

Prints the graph's size, each engine's time (graph already loaded; the SPARQL engine includes
loading the graph into Oxigraph) and whether the two reports are identical. Build a ~10^5-triple
graph first, e.g. ``kg build ../shared/corpus/peopledaily --out /tmp/pd --no-html --ner rules``.
"""
from __future__ import annotations

import argparse
import re
import time

from rdflib import Graph

from kg.rdf.validate import validate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph")
    parser.add_argument("--skip-pyshacl", action="store_true")
    args = parser.parse_args()
    t = time.perf_counter()
    graph = Graph().parse(args.graph)
    print(f"{len(graph):,} triples, parsed in {time.perf_counter() - t:.1f} s")
    reports = {}
    for engine in ("sparql",) + (() if args.skip_pyshacl else ("pyshacl",)):
        t = time.perf_counter()
        report = validate(graph, engine=engine)
        seconds = time.perf_counter() - t
        reports[engine] = sorted(re.sub(r"_:\w+", "_:b", str(v)) for v in report.violations)
        print(f"{engine:8} {seconds:8.2f} s  conforms={report.conforms} violations={len(report.violations)}")
    if len(reports) == 2:
        print("identical reports:", reports["sparql"] == reports["pyshacl"])


if __name__ == "__main__":
    main()
