"""How long a big graph view takes to open and settle in headless Chromium (run by hand).

    python benchmarks/viz_scale.py --nodes 3000

Generates a random entity graph (seeded), renders it with kg.viz.render_html (kg's seeded layout, physics
off), opens it from file:// in Debian's chromium through Playwright and reports: render time (Python), page
load to first drawing, and to a still network; and, at the opening fit, the labels the page drew and the time
its label layer (kg/data/view/labels.js) takes per frame (median of 10 frames).
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.viz import TYPE_COLORS, render_html

SURNAMES = "王李张刘陈杨黄赵吴周"
WORDS = "数字经济科技创新产业发展数据智能金融服务城市平台园区集团中心"


def random_graph(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    types = list(TYPE_COLORS)
    G = nx.MultiDiGraph()
    for i in range(n):
        t = rnd.choice(types)
        label = (rnd.choice(SURNAMES) + "".join(rnd.choice(WORDS) for _ in range(2))) if t == "Person" else \
            "".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 8))) + str(i)
        G.add_node(f"n{i}", type=t, label=label, aliases=[], docs=["d"])
    for i in range(int(n * 1.3)):
        a, b = rnd.randrange(n), rnd.randrange(n)
        if a != b:
            G.add_edge(f"n{a}", f"n{b}", key="locatedIn", predicate=rnd.choice(["locatedIn", "partOf", "issuedBy"]))
    return G


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=3000)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    G = random_graph(args.nodes)
    t0 = time.perf_counter()
    page_html = render_html(G, title=f"{args.nodes} nodes")
    render_s = time.perf_counter() - t0
    path = Path(tempfile.mkdtemp()) / "big.html"
    path.write_text(page_html, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True,
                                    args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"])
        page = browser.new_page(viewport={"width": 1280, "height": 820})
        t1 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("typeof network !== 'undefined'")
        page.evaluate("""() => new Promise(r => { network.once('afterDrawing', () => r()); network.redraw(); })""")
        drawn_s = time.perf_counter() - t1
        stable = page.evaluate("""() => new Promise(r => {
            const t0 = Date.now();
            (function poll() {
              if (!network.physics.options.enabled) r(true);
              else if (Date.now() - t0 > 60000) r(false);
              else setTimeout(poll, 50);
            })(); })""")
        settled_s = time.perf_counter() - t1
        nodes = page.evaluate("nodes.length")
        labels, layer_ms = page.evaluate("""() => new Promise(r => { const ms = [];
            (function frame() { network.once('afterDrawing', () => { ms.push(kgDrawnLabels().ms);
              if (ms.length < 10) setTimeout(frame, 0);
              else { ms.sort((a, b) => a - b); r([kgDrawnLabels().labels.length, ms[5]]); } }); network.redraw(); })(); })""")
        browser.close()
    print("| nodes | edges | render (Python) | load → first drawing | load → still | labels drawn (fit) | label layer per frame |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {nodes} | {G.number_of_edges()} | {render_s:.2f} s | {drawn_s:.2f} s | {settled_s:.2f} s"
          f"{'' if stable else ' (not stable)'} | {labels} | {layer_ms:.0f} ms |")


if __name__ == "__main__":
    main()
