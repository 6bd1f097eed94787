"""kg at scale, measured in one run on this machine (run by hand; never a timed unit test).

    python benchmarks/scale.py --articles 1000 --out benchmarks/results.md

1. generates a seeded corpus by recombining the sample's paragraphs with names from kg's gazetteers;
2. extraction throughput with 1 and 2 worker processes, and bare ``jieba.cut`` (1 process) on the same text;
3. the corpus built into an Oxigraph store with 2 workers: time, peak RSS, store size;
4. query-pack latency (p50/p95) on Oxigraph and on rdflib's in-memory engine over the same triples,
   at about 10^5 and 10^6 triples (the store's graph replicated under fresh IRIs to reach the size).
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
from kg.nlp.lexicon import load_lexicon


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


def extraction(paths: list[Path], workers: int) -> tuple[float, int]:
    from kg.parallel import extract_documents

    docs = [read_document(p) for p in paths]
    chars = sum(len(d.text) for d in docs)
    t0 = time.perf_counter()
    for _ in extract_documents(docs, Settings(workers=workers)):
        pass
    return time.perf_counter() - t0, chars


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
    code = ("import sys,time,resource; from kg.config import Settings; from kg.pipeline import build_into_store;"
            "t=time.perf_counter(); c=build_into_store(sys.argv[2:], sys.argv[1], Settings(workers=2));"
            "print(time.perf_counter()-t, c['triples'], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(folder), *map(str, paths)], capture_output=True, text=True,
                         check=True).stdout.split()
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return {"seconds": float(out[0]), "quads": int(out[1]), "rss_main_mb": int(out[2]) / 1024,
            "rss_worker_mb": int(out[3]) / 1024, "size_mb": size / 1e6}


def replicate(nt: bytes, copies: int) -> bytes:
    """The same triples under fresh IRIs per copy (so joins stay realistic and the size grows)."""
    text = nt.decode("utf-8")
    return "".join(text.replace("https://example.org/kg/", f"https://example.org/kg/c{i}/") for i in range(copies)).encode()


def query_latency(nt: bytes, reps: int = 5) -> dict[str, dict[str, float]]:
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.rdf.query import PREFIXES, named_queries

    pack = {n: p.read_text(encoding="utf-8") for n, p in named_queries().items()}
    store = ox.Store()
    store.load(nt, format=ox.RdfFormat.N_TRIPLES)
    t0 = time.perf_counter()
    graph = Graph()
    graph.parse(data=nt.decode("utf-8"), format="nt")
    rdflib_load = time.perf_counter() - t0
    out = {}
    for name, q in pack.items():
        bound = q.replace("STR(?name)", '"市经济信息化委"') if name == "facts_about" else q
        ox_times, rl_times = [], []
        for _ in range(reps):
            t = time.perf_counter()
            list(store.query(bound))
            ox_times.append(time.perf_counter() - t)
        if name == "facts_about" and len(store) > 300_000:
            rl_times = [float("nan")]  # rdflib needs minutes for this FILTER-heavy query at this size; not run
        else:
            for _ in range(max(1, reps // 2)):
                t = time.perf_counter()
                list(graph.query(bound, initNs=PREFIXES))
                rl_times.append(time.perf_counter() - t)
        out[name] = {"ox_p50": statistics.median(ox_times) * 1000, "ox_p95": max(ox_times) * 1000,
                     "rdflib_p50": statistics.median(rl_times) * 1000}
    out["_load"] = {"triples": len(store), "rdflib_load_s": rdflib_load}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--skip-million", action="store_true", help="stop at 10^5 triples")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp())
    paths = generate(args.articles, work / "corpus")
    lines = ["# kg scale benchmark", "", f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}; {args.articles} generated articles (seed 7).", ""]
    t1, chars = extraction(paths, 1)
    t2, _ = extraction(paths, 2)
    tj, _ = jieba_speed(paths)
    lines += ["## Extraction", "", "| run | articles/s | chars/s | vs bare jieba.cut |", "|---|---|---|---|",
              f"| kg, 1 worker | {len(paths) / t1:.1f} | {chars / t1:,.0f} | {tj / t1:.0%} |",
              f"| kg, 2 workers | {len(paths) / t2:.1f} | {chars / t2:,.0f} | {tj / t2:.0%} |",
              f"| bare `jieba.cut` (default mode, 1 process) | {len(paths) / tj:.1f} | {chars / tj:,.0f} | 100% |", ""]
    st = store_build(paths, work / "store")
    lines += ["## Store build (2 workers)", "", "| articles | time | quads | store size | peak RSS main | peak RSS worker |",
              "|---|---|---|---|---|---|",
              f"| {len(paths)} | {st['seconds']:.1f} s | {st['quads']:,} | {st['size_mb']:.1f} MB | "
              f"{st['rss_main_mb']:.0f} MB | {st['rss_worker_mb']:.0f} MB |", ""]
    import pyoxigraph as ox

    store = ox.Store.read_only(str(work / "store"))
    nt = ox.serialize((q.triple for q in store), format=ox.RdfFormat.N_TRIPLES)
    base = len(store)
    del store
    for target in ([100_000] if args.skip_million else [100_000, 1_000_000]):
        copies = max(1, -(-target // base))  # ceil: at least the target size
        res = query_latency(replicate(nt, copies))
        load = res.pop("_load")
        ratios = [r["rdflib_p50"] / max(r["ox_p50"], 1e-6) for r in res.values() if r["rdflib_p50"] == r["rdflib_p50"]]
        lines += [f"## Query pack at {load['triples']:,} triples", "",
                  f"rdflib parse time {load['rdflib_load_s']:.1f} s. Median ratio rdflib/Oxigraph: "
                  f"{statistics.median(ratios):.1f}x.", "",
                  "| query | Oxigraph p50 | Oxigraph p95 | rdflib p50 | ratio |", "|---|---|---|---|---|"]
        lines += [f"| {n} | {r['ox_p50']:.1f} ms | {r['ox_p95']:.1f} ms | "
                  + (f"{r['rdflib_p50']:.1f} ms | {r['rdflib_p50'] / max(r['ox_p50'], 1e-6):.1f}x |"
                     if r["rdflib_p50"] == r["rdflib_p50"] else "not run (minutes) | — |") for n, r in res.items()]
        lines.append("")
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
