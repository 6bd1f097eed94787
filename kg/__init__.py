"""kg: knowledge graphs from Chinese policy and financial news.

Data flows ingest → nlp (spaCy pipeline) → resolve → rdf → store / export / view.
The public entry points are :func:`kg.pipeline.build` and :func:`kg.nlp.make_nlp`.
"""
__version__ = "0.1.0"

__all__ = ["__version__", "build", "make_nlp"]


def __getattr__(name):  # lazy, so `import kg` and `kg --help` stay fast
    if name == "build":
        from kg.pipeline import build

        return build
    if name == "make_nlp":
        from kg.nlp import make_nlp

        return make_nlp
    raise AttributeError(name)
