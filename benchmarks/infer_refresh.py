"""What keeping a store's RDFS entailments current costs (``kg build --store S --infer``): the store of a small
build replicated N times under other IRIs into a folder store, then the recompute timed as a writer session
runs it (first time, after one more copy is committed, and a session that changed nothing).

    python benchmarks/infer_refresh.py STORE --copies 100      # STORE: a store from kg build ... --store STORE
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.store import KgStore


def copies_of(store: Path, n: int, start: int = 0):
    with KgStore(store) as st:
        base = st.base
        data = ox.serialize((q for q in st.store if not isinstance(q.graph_name, ox.DefaultGraph)),
                            format=ox.RdfFormat.N_QUADS).decode()
    for i in range(start, start + n):
        yield data.replace(f"{base}entity/", f"{base}entity/c{i}-").replace(f"{base}doc/", f"{base}doc/c{i}-")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    with KgStore(args.store) as st:
        articles = len(st.documents())
    folder = Path(tempfile.mkdtemp()) / "big"
    try:
        with KgStore(folder, write=True, infer=True) as big:
            for data in copies_of(args.store, args.copies):
                big.store.load(data.encode(), format=ox.RdfFormat.N_QUADS)
            big.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <urn:kg:store>) }")
            asserted = len(big)
            t = time.perf_counter()
            big.commits += 1
            big.refresh_inferred()
            first = time.perf_counter() - t
            (extra,) = copies_of(args.store, 1, start=args.copies)
            big.store.load(extra.encode(), format=ox.RdfFormat.N_QUADS)
            big.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <urn:kg:store>) }")
            big.commits += 1
            t = time.perf_counter()
            big.refresh_inferred()
            again = time.perf_counter() - t
            inferred = sum(1 for _ in big.store.quads_for_pattern(None, None, None, big.inferred_graph))
        t = time.perf_counter()
        with KgStore(folder, write=True):
            pass
        idle = time.perf_counter() - t
        print(f"{articles * args.copies} articles ({asserted} asserted triples, {inferred} entailed): first "
              f"recompute {first:.2f} s, after {articles} more articles {again:.2f} s, a writer session that "
              f"changed nothing {idle:.2f} s (open + close)")
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
