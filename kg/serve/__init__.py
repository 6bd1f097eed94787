"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint (Starlette on uvicorn) over a kg store or graph file.

The package imports nothing on its own, so a query worker process starts with only what it needs."""

__all__ = ["make_app"]


def __getattr__(name):
    if name == "make_app":
        from kg.serve.app import make_app

        return make_app
    raise AttributeError(name)
