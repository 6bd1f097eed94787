"""Load test of `kg serve` on loopback (run by hand; bounded in count and time).

    python benchmarks/load_test.py --clients 32 --queries 5000 [--abandon 10]

Builds the bundled sample into a temporary store, starts `kg serve` on 127.0.0.1, then sends the
query pack round-robin from concurrent clients and reports throughput, p50/p99 latency and errors.
``--abandon N`` first sends N slow cross joins whose clients hang up at once (their queries must be
cancelled, not left to run to the time limit while the load waits). ``--idle N`` first opens N
connections that send nothing (every other one half a request head) and keeps them open during the
load (the server closes them after its 5 s header timeout: keep the load short to measure under them).
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from _local_server import free_port, wait_until_up  # benchmarks/ is on sys.path when run as a script

from kg.config import Settings
from kg.pipeline import build
from kg.rdf.query import named_queries


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--queries", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--max-seconds", type=float, default=300, help="stop sending after this long")
    ap.add_argument("--abandon", type=int, default=0, help="slow queries sent and abandoned before the load")
    ap.add_argument("--idle", type=int, default=0, help="idle connections opened before the load")
    ap.add_argument("serve_args", nargs="*", help="more options for kg serve (after --)")
    args = ap.parse_args()
    store = Path(tempfile.mkdtemp()) / "store"
    build([], None, Settings(), store=store)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port),
                               "--workers", str(args.workers), *args.serve_args], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    wait_until_up(port, tries=100)
    pack = [p.read_text(encoding="utf-8") for name, p in named_queries().items() if name != "facts_about"]
    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(args.queries))
    lock = threading.Lock()
    deadline = time.monotonic() + args.max_seconds

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            req = urllib.request.Request(url, data=pack[i % len(pack)].encode(), headers={
                "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    r.read()
                    ok = r.status == 200
            except (urllib.error.URLError, OSError) as e:
                ok, msg = False, str(e)
            else:
                msg = f"HTTP {r.status}"
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                if not ok:
                    errors.append(msg)

    slow = b"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    for _ in range(args.abandon):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                      + f"Content-Length: {len(slow)}\r\n\r\n".encode() + slow)
    if args.idle:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, args.idle + 1024)), hard))
    idle = []
    for i in range(args.idle):
        idle.append(socket.create_connection(("127.0.0.1", port), timeout=10))
        if i % 2:
            idle[-1].sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    t0 = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    for s in idle:
        s.close()
    server.terminate()
    server.wait(20)
    lat = sorted(latencies)
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
    print("| clients | abandoned first | idle connections | queries | wall | throughput | p50 | p99 | errors |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {args.clients} | {args.abandon} | {args.idle} | {len(lat)} | {wall:.1f} s | {len(lat) / wall:.0f} q/s | {p(0.5):.1f} ms | "
          f"{p(0.99):.1f} ms | {len(errors)} |")
    if errors:
        print("first errors:", errors[:3])


if __name__ == "__main__":
    main()
