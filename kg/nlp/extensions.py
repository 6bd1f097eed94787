"""Every ``Doc._`` extension kg uses, registered in one place. Values are plain data
(tuples, dicts), so Docs stay picklable for multi-process pipes."""
from spacy.tokens import Doc

__all__ = ["register_extensions"]


def register_extensions() -> None:
    # (start, end, kind, speaker, marker_end) per paragraph, set from the ingested Document
    Doc.set_extension("kg_paragraphs", default=(), force=True)
    # the article's home jurisdiction (上海市), decided by kg_mention_filter
    Doc.set_extension("kg_home", default="", force=True)
    # the county-level division the article is most about (某县), for 县委/县政府/区政府
    Doc.set_extension("kg_home_county", default="", force=True)
    # the zone (development area, park) the article is most about, for 管委会/党工委/开发区管委会
    Doc.set_extension("kg_home_zone", default="", force=True)
    # (start, end, title, name) for each post title found right before a person's name, by kg_people
    Doc.set_extension("kg_posts", default=None, force=True)
    # relation dicts: {"s": (start, end), "p": str, "o": (start, end), "role": str, "rule": str, "span": (start, end)}
    Doc.set_extension("kg_relations", default=None, force=True)
    # mentions inside other names (the place 宁安县 inside 宁安县委): (start, end, label, text, id)
    Doc.set_extension("kg_nested", default=None, force=True)
    # figure dicts: {"text", "indicator", "value", "unit", "period", "start", "end", "about": (start, end) | None}
    Doc.set_extension("kg_figures", default=None, force=True)
    # [{"ent": Span, "scheme": "stockCode" | "creditCode", "value": str, "ev": (start, end)}]
    Doc.set_extension("kg_identifiers", default=None, force=True)


register_extensions()
