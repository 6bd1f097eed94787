"""What a graph holds, counted one way for every place that reports it (the build summary and
build.json, ``kg stats`` and the review index): entities per class, relations per predicate,
documents, figures and triples. The queries are ``sparql/count_*.rq``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.rdf.namespace import sparql_file
from kg.schema import CLASS_NAMES, PREDICATE_NAMES

__all__ = ["GraphCounts", "count_graph"]

_QUERIES = {name: sparql_file(Path(__file__).parent / "sparql" / f"count_{name}.rq")
            for name in ("entities", "relations", "totals")}


@dataclass
class GraphCounts:
    entities: dict[str, int]  # class local name → merged entity nodes, in schema order
    relations: dict[str, int]  # predicate local name → distinct statements, in schema order (zeros left out)
    documents: int
    figures: int
    triples: int

    def lines(self) -> list[str]:
        ents = ", ".join(f"{k} {v}" for k, v in self.entities.items()) or "none"
        rels = ", ".join(f"{k} {v}" for k, v in self.relations.items()) or "none"
        return [f"entities:  {sum(self.entities.values())} ({ents})",
                f"relations: {sum(self.relations.values())} ({rels})",
                f"figures:   {self.figures}",
                f"triples:   {self.triples}"]

    def record(self) -> dict:
        return {"entities": self.entities, "relations": self.relations, "figures": self.figures,
                "triples": self.triples}


def count_graph(store) -> GraphCounts:
    """The counts of a store's union graph (``store`` is anything with kg's ``query(sparql)``)."""
    def local(term) -> str:
        return term.value.rsplit("#", 1)[-1]

    entities = {local(r["cls"]): int(r["n"].value) for r in store.query(_QUERIES["entities"])}
    relations = {local(r["p"]): int(r["n"].value) for r in store.query(_QUERIES["relations"])}
    totals = next(iter(store.query(_QUERIES["totals"])))

    def total(name: str) -> int:
        return int(totals[name].value) if totals[name] is not None else 0

    return GraphCounts({c: entities[c] for c in CLASS_NAMES if entities.get(c)},
                       {p: relations[p] for p in PREDICATE_NAMES if relations.get(p)},
                       total("documents"), total("figures"), len(store))
