"""kg at scale, measured in one run on this machine (run by hand; never a timed unit test).

    python benchmarks/scale.py --articles 1000 --store-articles 10000 --out benchmarks/results.md

1. generates a seeded corpus by recombining the sample's paragraphs with names from kg's gazetteers;
2. extraction throughput with 1 and 2 worker processes, and bare ``jieba.cut`` (1 process) on the same text;
3. the corpus built into an Oxigraph store with 2 workers: time, peak RSS, store size;
4. query-pack latency (p50/p95) on Oxigraph and on rdflib's in-memory engine over the same triples, at
   about 10^5 and 10^6 triples (the union graph of stores built from the first articles of the corpus);
   the entity-centred ``facts_about`` is bound in turn to names drawn (seeded) from the graph's entities.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.config import SAMPLE_ARTICLE, Settings
from kg.ingest import read_document
from kg.language.lexicon import load_lexicon


def generate(n: int, folder: Path, seed: int = 7) -> list[Path]:
    """Recombine the sample's paragraphs; swap its city and enterprises for others from the gazetteers."""
    rnd = random.Random(seed)
    lex = load_lexicon()
    sample = read_document(SAMPLE_ARTICLE)
    paragraphs = [sample.text[p.start:p.end] for p in sample.paragraphs if p.end - p.start > 40]
    cities = sorted({d.name for d in lex.divisions.values() if d.level == "prefecture"})
    firms = [c for c, _ in lex.gazetteer["enterprise"]]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        city = rnd.choice(cities)
        short = city[:-1] if city.endswith("市") and len(city) > 2 else city
        body = [re.sub("上海", short, p) for p in rnd.sample(paragraphs, k=min(len(paragraphs), rnd.randint(8, 20)))]
        body = [re.sub("中国商飞|宝武|上汽|华为", lambda m: rnd.choice(firms), p) for p in body]
        path = folder / f"a{i:05d}.md"
        path.write_text(f"---\ntitle: 生成文章{i}\ndate: 2023-{1 + i % 12:02d}-{1 + i % 28:02d}\n---\n" +
                        "".join(f"<p>{p}</p>\n" for p in body), encoding="utf-8")
        paths.append(path)
    return paths


def extraction(paths: list[Path], workers: int) -> tuple[float, float, int]:
    """(seconds to extract ``paths``, seconds to the first result, characters). With 1 worker the pipeline
    is loaded first (as jieba's dictionary is below); with more, starting the pool and loading a pipeline
    per worker are part of the time (until the first result)."""
    from kg.parallel import extract_documents, extract_one

    docs = [read_document(p) for p in paths]
    chars = sum(len(d.text) for d in docs)
    settings = Settings(workers=workers, ner=NER)
    if workers == 1:
        extract_one(docs[0], settings)
    t0, first = time.perf_counter(), None
    for _ in extract_documents(docs, settings, workers):
        first = first or time.perf_counter() - t0
    return time.perf_counter() - t0, first, chars


def jieba_speed(paths: list[Path]) -> tuple[float, int]:
    import jieba

    jieba.setLogLevel(60)
    texts = [read_document(p).text for p in paths]
    jieba.initialize()
    t0 = time.perf_counter()
    for t in texts:
        for _ in jieba.cut(t):
            pass
    return time.perf_counter() - t0, sum(map(len, texts))


def store_build(paths: list[Path], folder: Path) -> dict:
    code = ("import sys,time,resource; from kg.config import Settings; from kg.pipeline import build;"
            "t=time.perf_counter(); r=build(sys.argv[3:], None, Settings(workers=2, ner=sys.argv[2]), store=sys.argv[1]);"
            "print(time.perf_counter()-t, r.tally.triples, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(folder), NER, *map(str, paths)], capture_output=True, text=True,
                         check=True).stdout.split()
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return {"seconds": float(out[0]), "quads": int(out[1]), "rss_main_mb": int(out[2]) / 1024,
            "rss_worker_mb": int(out[3]) / 1024, "size_mb": size / 1e6}


ENTITY_CENTRED = {"facts_about"}  # bound to an entity's name; the others list the whole graph


def union_triples(folder: Path) -> bytes:
    """The store's union graph (its default graph: a fact several articles state counts once), as N-Triples."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder))
    return ox.serialize((q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                        format=ox.RdfFormat.N_TRIPLES)


def entity_names(store, n: int = 20, seed: int = 7) -> tuple[list[str], str]:
    """``n`` entity names drawn at random (seeded), and the name of the entity in the most statements."""
    rows = store.query("SELECT DISTINCT ?name WHERE { ?e <https://example.org/kg/ontology#entityKey> ?k ; "
                       "<http://www.w3.org/2000/01/rdf-schema#label> ?name }")
    names = sorted(r["name"].value for r in rows)
    busiest = next(iter(store.query(
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> SELECT ?name WHERE { "
        "{ SELECT ?e (COUNT(?st) AS ?n) WHERE { ?st rdf:subject|rdf:object ?e } GROUP BY ?e ORDER BY DESC(?n) LIMIT 1 } "
        "?e <http://www.w3.org/2000/01/rdf-schema#label> ?name }")))["name"].value
    return random.Random(seed).sample(names, min(n, len(names))), busiest


def query_latency(nt: bytes, reps: int = 5) -> dict[str, dict[str, float]]:
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.rdf.query import PREFIXES, named_queries, with_values

    pack = {n: p.read_text(encoding="utf-8") for n, p in named_queries().items()}
    store = ox.Store()
    store.load(nt, format=ox.RdfFormat.N_TRIPLES)
    t0 = time.perf_counter()
    graph = Graph()
    graph.parse(data=nt.decode("utf-8"), format="nt")
    rdflib_load = time.perf_counter() - t0
    names, busiest = entity_names(store)
    out = {}
    jobs = [(name, q, [q] * reps) for name, q in pack.items() if name not in ENTITY_CENTRED]
    for name in ENTITY_CENTRED:
        jobs.append((f"{name} (entity-centred, random entities)", pack[name],
                     [with_values(pack[name], {"name": n}) for n in names]))
        jobs.append((f"{name} (entity-centred, the entity in most statements)", pack[name],
                     [with_values(pack[name], {"name": busiest})] * reps))
    for name, q, runs in sorted(jobs):
        ox_times, rl_times, rows = [], [], 0
        for bound in runs:
            t = time.perf_counter()
            rows += len(list(store.query(bound)))
            ox_times.append(time.perf_counter() - t)
        for bound in runs[:max(2, len(runs) // 4)]:
            t = time.perf_counter()
            list(graph.query(bound, initNs=PREFIXES))
            rl_times.append(time.perf_counter() - t)
        ox_times.sort()
        out[name] = {"ox_p50": statistics.median(ox_times) * 1000, "ox_p95": ox_times[int(0.95 * (len(ox_times) - 1))] * 1000,
                     "rdflib_p50": statistics.median(rl_times) * 1000, "runs": len(runs),
                     "rows": rows / len(runs)}
    out["_load"] = {"triples": len(store), "rdflib_load_s": rdflib_load}
    return out


NER = "rules"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="articles for the extraction runs")
    ap.add_argument("--store-articles", type=int, default=10_000, help="articles built into a store")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--skip-million", action="store_true", help="stop at 10^5 triples")
    ap.add_argument("--ner", choices=("rules", "lac"), default="rules",
                    help="name finding (results.md: rules, the mode its figures were first measured in)")
    args = ap.parse_args()
    global NER
    NER = args.ner
    work = Path(tempfile.mkdtemp())
    targets = [100_000] if args.skip_million else [100_000, 1_000_000]
    query_stores = {t: max(1, -(-t // 620)) for t in targets}  # ≥ the target: ~620-670 triples per article
    paths = generate(max(args.articles, args.store_articles, *query_stores.values()), work / "corpus")
    lines = ["# kg scale benchmark", "", f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
             f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, Python "
             f"{platform.python_version()}; generated articles (seed 7). Run: `python benchmarks/scale.py "
             f"--articles {args.articles} --store-articles {args.store_articles} --ner {args.ner}`.", ""]
    n = args.articles
    t1, _, chars = extraction(paths[:n], 1)
    t2, start2, _ = extraction(paths[:n], 2)
    tj, _ = jieba_speed(paths[:n])
    steady2 = (t2 - start2) * n / (n - 1)  # the pool's time once every worker has its pipeline
    lines += [f"## Extraction ({n} articles)", "", "| run | articles/s | chars/s | vs bare jieba.cut |", "|---|---|---|---|",
              f"| kg, 1 worker | {n / t1:.1f} | {chars / t1:,.0f} | {tj / t1:.0%} |",
              f"| kg, 2 workers (incl. {start2:.1f} s to start the pool and load 2 pipelines) | {n / t2:.1f} | "
              f"{chars / t2:,.0f} | {tj / t2:.0%} |",
              f"| kg, 2 workers, once started | {n / steady2:.1f} | {chars / steady2:,.0f} | {tj / steady2:.0%} |",
              f"| bare `jieba.cut` (default mode, 1 process) | {n / tj:.1f} | {chars / tj:,.0f} | 100% |", ""]
    lines += ["## Store build (2 workers)", "", "| articles | time | triples (union graph) | store size | peak RSS main | peak RSS worker |",
              "|---|---|---|---|---|---|"]
    for k in sorted({*query_stores.values(), args.store_articles}):
        st = store_build(paths[:k], work / f"store{k}")
        lines.append(f"| {k:,} | {st['seconds']:.1f} s | {st['quads']:,} | {st['size_mb']:,.0f} MB | "
                     f"{st['rss_main_mb']:,.0f} MB | {st['rss_worker_mb']:,.0f} MB |")
        print(lines[-1], flush=True)
    lines.append("")
    for target, k in query_stores.items():
        res = query_latency(union_triples(work / f"store{k}"))
        load = res.pop("_load")
        ratios = [r["rdflib_p50"] / max(r["ox_p50"], 1e-6) for r in res.values()]
        lines += [f"## Query pack at {load['triples']:,} triples (union graph of {k:,} articles)", "",
                  f"rdflib parse time {load['rdflib_load_s']:.1f} s. Median ratio rdflib/Oxigraph over the pack: "
                  f"{statistics.median(ratios):.1f}x.", "",
                  "| query | runs | rows (mean) | Oxigraph p50 | Oxigraph p95 | rdflib p50 | ratio |", "|---|---|---|---|---|---|---|"]
        lines += [f"| {n} | {r['runs']} | {r['rows']:,.0f} | {r['ox_p50']:.1f} ms | "
                  f"{r['ox_p95']:.1f} ms | {r['rdflib_p50']:.1f} ms | {r['rdflib_p50'] / max(r['ox_p50'], 1e-6):.1f}x |"
                  for n, r in res.items()]
        lines.append("")
        print("\n".join(lines[-len(res) - 6:]), flush=True)
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
