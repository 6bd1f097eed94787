"""What the figure tests share: an invented article built by kg, its figures' indicators by value."""
from kg.config import Settings
from kg.pipeline import build
from kg.rdf.query import resolve_query, run_store_query


def indicators_by_value(folder, article: str) -> dict[str, set[str]]:
    """Build ``article`` (Markdown) in ``folder`` and return each figure value's indicators."""
    (folder / "a.md").write_text(article, encoding="utf-8")
    result = build([folder / "a.md"], None, Settings(), html=False)
    with result.reading() as st:
        out = run_store_query(st, resolve_query("figures_by_indicator"))
    by_value: dict[str, set[str]] = {}
    for row in out.rows:
        r = dict(zip(out.columns, row))
        by_value.setdefault(str(r["value"]), set()).add(str(r["indicator"]))
    return by_value


def named(got: dict[str, set[str]], value: str, key: str) -> bool:
    """Whether some figure of ``value`` has an indicator containing ``key`` (the scorer's rule)."""
    return any(key in i.replace(" ", "") for i in got.get(value, ()))
