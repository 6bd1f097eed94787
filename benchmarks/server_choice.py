"""Why `kg serve` runs uvicorn with kg's header-timeout protocol: the same app and query pool on that server
or on hypercorn (run by hand; bounded; hypercorn is no kg dependency, install it aside first:
``pip install --target /tmp/hc hypercorn`` and put /tmp/hc on PYTHONPATH after the repository).

    python benchmarks/server_choice.py STORE uvicorn|hypercorn

Prints: the query pack from 32 clients (2,000 queries), then the same from 4 clients (200 queries) with
1,000 idle connections open (every other one half a request head), how many of those the server closed
and when, and the peak RSS of the server process.
"""
from __future__ import annotations

import asyncio
import resource
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from _local_server import free_port, wait_until_up  # benchmarks/ is on sys.path when run as a script


def serve(store: str, kind: str, port: int) -> None:
    from kg.serve.app import make_app
    from kg.serve.workers import QueryPool

    app = make_app(QueryPool(("store", store), size=2, timeout=10))
    if kind == "hypercorn":
        from hypercorn.asyncio import serve as hypercorn_serve
        from hypercorn.config import Config

        config = Config()
        config.bind, config.keep_alive_timeout, config.backlog = [f"127.0.0.1:{port}"], 5, 4096
        config.accesslog = config.errorlog = None
        asyncio.run(hypercorn_serve(app, config))
    else:
        import uvicorn

        from kg.serve.protocol import HeaderTimeoutProtocol

        uvicorn.run(app, host="127.0.0.1", port=port, log_level="critical", http=HeaderTimeoutProtocol,
                    timeout_keep_alive=5, backlog=4096)


def load(port: int, pack: list[str], queries: int, clients: int) -> str:
    latencies, errors, numbers, lock = [], [], iter(range(queries)), threading.Lock()

    def client() -> None:
        while True:
            with lock:
                i = next(numbers, None)
            if i is None:
                return
            req = urllib.request.Request(f"http://127.0.0.1:{port}/sparql", data=pack[i % len(pack)].encode(),
                                         headers={"Content-Type": "application/sparql-query"})
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    r.read()
                    ok = r.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                latencies.append(time.perf_counter() - t0)
                errors.extend([] if ok else [1])

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall, lat = time.perf_counter() - t0, sorted(latencies)
    return (f"{queries / wall:.0f} q/s, p50 {lat[len(lat) // 2] * 1000:.0f} ms, p99 "
            f"{lat[int(len(lat) * 0.99)] * 1000:.0f} ms, {len(errors)} errors")


def main() -> None:
    store, kind = sys.argv[1], sys.argv[2]
    from kg.rdf.query import named_queries

    resource.setrlimit(resource.RLIMIT_NOFILE, (8192, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", store, kind, str(port)])
    wait_until_up(port, tries=150)
    pack = [p.read_text(encoding="utf-8") for name, p in named_queries().items() if name != "facts_about"]
    try:
        print(f"{kind}: 32 clients x 2,000 queries: {load(port, pack, 2000, 32)}")
        idle, t0 = [], time.perf_counter()
        for i in range(1000):
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=10))
            if i % 2:
                idle[-1].sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        print(f"{kind}: 4 clients x 200 queries under 1,000 idle connections: {load(port, pack, 200, 4)}")
        closed, deadline = 0, time.perf_counter() + 20
        for s in idle:
            s.settimeout(max(0.01, deadline - time.perf_counter()))
            try:
                while s.recv(4096):
                    pass
                closed += 1
            except ConnectionResetError:
                closed += 1
            except socket.timeout:
                pass
        print(f"{kind}: {closed}/1,000 idle connections closed by the server within "
              f"{time.perf_counter() - t0:.1f} s of opening")
        peak = next(line.split()[1] for line in open(f"/proc/{server.pid}/status") if line.startswith("VmHWM"))
        print(f"{kind}: server process peak RSS {int(peak) / 1024:.0f} MB")
        for s in idle:
            s.close()
    finally:
        server.terminate()
        server.wait(20)


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve(*sys.argv[2:4], int(sys.argv[4]))
    else:
        main()
