"""Training the relation classifier (``kg_relation_classifier``) from gold relations.

Each training article is run through kg's own pipeline (the rules included), so the candidate pairs are
those the classifier meets at inference: pipeline mentions, with the NER's cuts and misses. A mention is
tied to a gold entity when its text (or canonical id) is one of the entity's names after the scorer's
folding, or when the node kg's resolver makes of it has such a name (市政府 → its city's 人民政府); a pair is positive when its ends' gold entities are a gold relation's ends (either way for
``partnerOf``), neutral (left out) when the relation or an end is optional, negative otherwise.

One L2-regularised logistic regression per predicate (scikit-learn, liblinear: deterministic), exported as
plain JSON weights (:class:`~kg.nlp.components.relation_classifier.RelationModel`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.relation_classifier import RelationModel, rule_index
from kg.nlp.relation_pairs import PairFeatures, load_pair_config
from kg.resolve.normalize import norm as _norm
from kg.training.corpus import GoldDocument, split_folds

__all__ = ["PairExample", "train_relations", "fit_model", "pair_examples", "process", "gold_name_index",
           "cross_validate_pairs", "DEFAULT_C"]

DEFAULT_C = 0.5
SYMMETRIC = {"partnerOf"}


@dataclass(frozen=True)
class PairExample:
    doc_id: str
    predicate: str
    features: dict
    label: int
    pair: tuple  # (subject text, predicate, object text), for reading errors


def process(nlp: Language, docs: Sequence[GoldDocument]) -> list[Doc]:
    """Each document run through ``nlp`` as ``kg build`` runs it (folded text, paragraphs)."""
    from kg.nlp.extract import to_doc

    return [nlp(to_doc(nlp, gdoc.document)) for gdoc in docs]


def gold_name_index(gdoc: GoldDocument) -> dict[str, object]:
    """Folded name or alias → gold entity."""
    index = {}
    for entity in gdoc.entities:
        for form in entity.forms:
            index.setdefault(_norm(form), entity)
    return index


def resolved_gold(gdoc: GoldDocument, doc: Doc, index: dict[str, object]) -> dict[tuple[int, int, str], object]:
    """(start, end, label) of each pipeline mention → the gold entity its resolved node matches, read the
    way the scorer reads a graph: by any of the node's names (canonical name and surface forms)."""
    from kg.nlp.extract import extract
    from kg.resolve import Resolver

    ex = extract(doc, gdoc.document)
    entities, keys = Resolver().resolve_document(ex)
    out = {}
    for mention, key in zip(ex.mentions, keys):
        entity = entities.get(key) if key is not None else None
        names = [entity.name, *sorted(entity.aliases)] if entity is not None else [mention.text]
        hits = [index[_norm(n)] for n in names if _norm(n) in index]
        if hits:
            out[(mention.start, mention.end, mention.label)] = max(hits, key=lambda g: sum(h is g for h in hits))
    return out


def _gold_of(span, index, resolved):
    found = resolved.get((span.start_char, span.end_char, span.label_))
    if found is not None:
        return found
    for form in (span.text, span.id_, span.id_.rsplit("/", 1)[-1] if span.id_ else ""):
        if form and _norm(form) in index:
            return index[_norm(form)]
    return None


def pair_examples(gdoc: GoldDocument, doc: Doc, featurizer: PairFeatures, rule_features: bool = True) -> list[PairExample]:
    """The labelled candidate pairs of one processed gold document."""
    index = gold_name_index(gdoc)
    gold: dict[tuple[str, str, str], bool] = {}  # (s, p, o) → optional
    for rel in gdoc.relations:
        for p in (rel.predicate, *rel.alt_predicates):
            gold[(rel.subject, p, rel.object)] = rel.optional
            if p in SYMMETRIC:
                gold[(rel.object, p, rel.subject)] = rel.optional
    rules = rule_index(doc._.kg_relations or ()) if rule_features else None
    resolved = resolved_gold(gdoc, doc, index)
    out = []
    by_sentence: dict[tuple[int, int], list] = {}
    mentions = featurizer.mentions(doc)
    for pair in featurizer.pairs(doc):
        gs, go = _gold_of(pair.subject, index, resolved), _gold_of(pair.object, index, resolved)
        key = (gs.name if gs else None, pair.predicate, go.name if go else None)
        if key in gold:
            if gold[key]:
                continue
            label = 1
        elif (gs is not None and gs.optional) or (go is not None and go.optional):
            continue  # neutral for the scorer
        else:
            label = 0
        ents = by_sentence.get(pair.sentence)
        if ents is None:
            ents = by_sentence[pair.sentence] = featurizer.sentence_ents(doc, pair.sentence, mentions)
        out.append(PairExample(gdoc.doc_id, pair.predicate, featurizer.features(doc, pair, ents, rules), label,
                               (pair.subject.text, pair.predicate, pair.object.text)))
    return out


def fit_model(examples: Iterable[PairExample], seed: int = 0, c: float = DEFAULT_C,
              rule_features: bool = True, features: dict | None = None) -> RelationModel:
    """One logistic regression per predicate that has positive examples; ``features``: the feature settings the
    examples were described with (``PairFeatures.settings``), recorded with the weights."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    by_predicate: dict[str, list[PairExample]] = {}
    for ex in examples:
        by_predicate.setdefault(ex.predicate, []).append(ex)
    predicates = {}
    counts = {}
    for predicate, exs in sorted(by_predicate.items()):
        labels = [ex.label for ex in exs]
        counts[predicate] = {"pairs": len(exs), "positive": sum(labels)}
        if not 0 < sum(labels) < len(labels):
            continue
        vec = DictVectorizer(sort=True)
        x = vec.fit_transform([ex.features for ex in exs]).tocsr()
        x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear wants 32-bit
        clf = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000)
        clf.fit(x, labels)
        weights = {name: float(w) for name, w in zip(vec.feature_names_, clf.coef_[0]) if abs(w) >= 1e-6}
        predicates[predicate] = {"bias": float(clf.intercept_[0]), "weights": weights}
    return RelationModel(predicates, rule_features, {"c": c, "seed": seed, "examples": counts}, dict(features or {}))


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "fp": fp, "fn": fn}


def cross_validate_pairs(docs: Sequence[GoldDocument], examples: dict[str, list[PairExample]], k: int = 5,
                         seed: int = 0, threshold: float = 0.5, c: float = DEFAULT_C,
                         rule_features: bool = True) -> dict:
    """k-fold by document over candidate pairs: per predicate P/R/F1 of the pairs the model accepts (a
    gold relation whose ends the pipeline missed is not a pair, so this is the classifier's own score)."""
    counts = {}
    for train, held in split_folds(list(docs), k, seed):
        model = fit_model([ex for d in train for ex in examples[d.doc_id]], seed, c, rule_features)
        for d in held:
            for ex in examples[d.doc_id]:
                prob = model.probability(ex.predicate, ex.features)
                guess = prob is not None and prob >= threshold
                c_ = counts.setdefault(ex.predicate, Counter())
                c_["tp" if guess and ex.label else "fp" if guess else "fn" if ex.label else "tn"] += 1
    total = sum(counts.values(), Counter())
    out = {p: _prf(c_["tp"], c_["fp"], c_["fn"]) for p, c_ in sorted(counts.items())}
    out["all"] = _prf(total["tp"], total["fp"], total["fn"])
    return out


def train_relations(corpus: Sequence[GoldDocument], out_dir: str | Path, seed: int = 0, *, nlp: Language | None = None,
                    folds: int = 5, c: float = DEFAULT_C, rule_features: bool = True) -> dict:
    """Train the relation classifier on ``corpus`` (from :func:`kg.training.corpus.load_corpus`), write it to
    ``out_dir`` (``MODEL/relations/``) and return its scores: the examples per predicate and the k-fold
    (by document) pair scores. ``nlp`` is the pipeline the candidates come from (kg's rules by default)."""
    from kg.nlp import make_nlp
    from kg.nlp.components.relation_classifier import RelationClassifier

    nlp = nlp or make_nlp(_candidate_settings(Path(out_dir)))
    featurizer = PairFeatures()
    docs = process(nlp, corpus)
    examples = {gdoc.doc_id: pair_examples(gdoc, doc, featurizer, rule_features) for gdoc, doc in zip(corpus, docs)}
    model = fit_model([ex for exs in examples.values() for ex in exs], seed, c, rule_features, featurizer.settings)
    component = RelationClassifier(nlp, **load_pair_config()["component"])
    component.model = model
    component.to_disk(out_dir)
    scores = {"examples": model.meta["examples"], "documents": len(corpus)}
    if 2 <= folds <= len(corpus):
        scores["cv_pairs"] = cross_validate_pairs(corpus, examples, folds, seed, c=c, rule_features=rule_features)
    return scores


def _candidate_settings(out_dir: Path):
    """The pipeline the candidates come from: kg's, without a relation classifier, with the NER trained
    into the same model folder (``MODEL/ner``, written by ``kg train`` before the relations) when there is one."""
    import dataclasses

    from kg.config import Settings

    if "model" in {f.name for f in dataclasses.fields(Settings)}:
        model = out_dir.parent
        return Settings(relation_model="", model=model if (model / "ner").is_dir() else None)
    return Settings(relation_model="")
