"""``kg serve``."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from kg.cli._app import GRAPH_ARG, STORE_OPT, Opt, app, err, reports_errors


@app.command("serve")
@reports_errors
def serve_cli(
    graph: Optional[Path] = GRAPH_ARG,
    store: Optional[Path] = STORE_OPT,
    host: str = Opt("127.0.0.1", "--host", help="Interface to bind (loopback unless you say otherwise)."),
    port: int = Opt(7878, "--port", min=0, max=65535, help="TCP port."),
    timeout: float = Opt(10.0, "--timeout", help="Seconds a query may run before it is stopped (HTTP 503)."),
    row_cap: int = Opt(10000, "--row-cap", min=1, help="Largest result a query may return (larger: HTTP 413)."),
    answer_mb: float = Opt(64, "--answer-mb", help="Largest answer in megabytes (larger: HTTP 413); the "
                           "server never holds more of one."),
    workers: int = Opt(2, "--workers", min=1, help="Query worker processes."),
    memory_mb: int = Opt(2048, "--memory-mb", min=0, help="Address space each query worker may use; a query past it "
                         "fails (HTTP 500) and its worker is replaced (0: no limit)."),
    allow_host: Optional[List[str]] = Opt(None, "--allow-host", help="A Host name clients may use besides the "
                                          "loopback names and --host (repeat it; '*' allows any)."),
    cors: Optional[List[str]] = Opt(None, "--cors", help="An origin whose pages may call the endpoint from a "
                                    "browser (repeat it); none by default."),
):
    """Serve a store or graph over the SPARQL 1.1 Protocol at /sparql (read-only), with a query page at /.

    Updates, LOAD and SERVICE are refused (read from the query's SPARQL tokens), so are queries past the
    limits of kg/serve/data/query_limits.yml (HTTP 400, before the engine parses them); a syntax error is
    HTTP 400 with the parser's message. Queries are stopped at --timeout or when their client leaves,
    results are capped at --row-cap rows and --answer-mb, each worker is held to --memory-mb, a
    connection whose request headers have not arrived 5 s after it opened is closed (idle and slow
    clients cannot crowd out the others), requests naming another Host are refused (DNS rebinding), and
    no CORS header is sent unless --cors names an origin. Stop with Ctrl-C or SIGTERM.

    Example: kg serve --store kgstore --port 7878
    """
    import uvicorn

    from kg.errors import KgError
    from kg.serve import make_app
    from kg.serve.protocol import HeaderTimeoutProtocol
    from kg.serve.workers import QueryPool

    if (graph is None) == (store is None):
        raise KgError("give a GRAPH file or --store DIR (one of them)")
    _check_port(host, port)
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
    pool = QueryPool(source, size=workers, timeout=timeout, row_cap=row_cap, memory_mb=memory_mb,
                     answer_bytes=int(answer_mb * 1024 * 1024))
    from kg.serve.app import LOOPBACK_HOSTS

    hosts = LOOPBACK_HOSTS + ([host] if host not in ("0.0.0.0", "::") else []) + list(allow_host or [])
    err(f"kg serve: http://{host}:{port}/ (SPARQL at /sparql, read-only, timeout {timeout:g} s, cap {row_cap} rows)")
    try:
        app_ = make_app(pool, title=f"kg · {(graph or store).name}", allowed_hosts=hosts, cors_origins=tuple(cors or ()))
        # a connection must send its request head within 5 s of opening (or of its previous answer), so
        # idle sockets do not pile up; no limit_concurrency (uvicorn counts idle sockets in it and answers
        # 503 past it): the query pool bounds the work. uvicorn logs errors only (a client that
        # disconnects is not an error)
        _raise_open_files_limit()
        uvicorn.run(app_, host=host, port=port, log_level="critical", http=HeaderTimeoutProtocol,
                    timeout_keep_alive=5, backlog=4096)
    finally:
        pool.close()
        if lock is not None:
            lock.release()


def _raise_open_files_limit() -> None:
    """Let the server hold as many connections as the system allows this process (the soft limit on open
    files up to the hard one): an idle connection costs a descriptor until its header timer closes it."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = hard if hard != resource.RLIM_INFINITY else 65536
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ImportError, ValueError, OSError):
        pass  # a platform without the limit, or one that refuses: the default stays


def _check_port(host: str, port: int) -> None:
    """Refuse, in one line and before anything starts, a port another program holds."""
    import socket

    from kg.errors import KgError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise KgError(f"--host {host}: {e.strerror}") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as e:
            raise KgError(f"{host}:{port}: {e.strerror.lower() if e.strerror else e} (choose another --port)") from None
