"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint (Starlette on uvicorn) over a kg store or graph file."""
from kg.serve.app import make_app

__all__ = ["make_app"]
