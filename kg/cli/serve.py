"""``kg serve``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from kg.cli._app import GRAPH_ARG, STORE_OPT, Opt, app, err, reports_errors


@app.command("serve")
@reports_errors
def serve_cli(
    graph: Optional[Path] = GRAPH_ARG,
    store: Optional[Path] = STORE_OPT,
    host: str = Opt("127.0.0.1", "--host", help="Interface to bind (loopback unless you say otherwise)."),
    port: int = Opt(7878, "--port", help="TCP port."),
    timeout: float = Opt(10.0, "--timeout", help="Seconds a query may run before it is stopped (HTTP 503)."),
    row_cap: int = Opt(10000, "--row-cap", help="Largest result a query may return (larger: HTTP 413)."),
    workers: int = Opt(2, "--workers", help="Query worker processes."),
):
    """Serve a store or graph over the SPARQL 1.1 Protocol at /sparql (read-only), with a query page at /.

    Updates and SERVICE are refused, queries are stopped at --timeout, results are capped at --row-cap.
    Stop with Ctrl-C or SIGTERM.

    Example: kg serve --store kgstore --port 7878
    """
    import uvicorn

    from kg.errors import KgError
    from kg.serve import make_app
    from kg.serve.workers import QueryPool

    if (graph is None) == (store is None):
        raise KgError("give a GRAPH file or --store DIR (one of them)")
    lock = None
    if store is not None:
        from kg.store.lock import StoreLock

        if not (store / "CURRENT").exists():
            raise KgError(f"{store}: no kg store here (create one with `kg build ... --store {store}`)")
        lock = StoreLock(store, exclusive=False).acquire()  # keeps writers away while we serve
        source = ("store", str(store))
    else:
        if not graph.is_file():
            raise KgError(f"{graph}: no such graph file")
        source = ("file", str(graph))
    pool = QueryPool(source, size=workers, timeout=timeout, row_cap=row_cap)
    err(f"kg serve: http://{host}:{port}/ (SPARQL at /sparql, read-only, timeout {timeout:g} s, cap {row_cap} rows)")
    try:
        uvicorn.run(make_app(pool, title=f"kg · {(graph or store).name}"), host=host, port=port, log_level="warning")
    finally:
        pool.close()
        if lock is not None:
            lock.release()
