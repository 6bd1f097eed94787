"""``kg_relation_classifier``: a trained linear classifier over candidate mention pairs
(:mod:`kg.nlp.relation_pairs`), run after ``kg_relations``. It adds the relations it is confident of to
``doc._.kg_relations`` (rule ``model:relations``, the pair's sentence as evidence) and may veto the outputs of
rules listed in ``veto_rules`` (``*``: every rule) that it scores below ``veto_threshold``. Without weights (no trained model
loaded) it changes nothing.

The weights are plain JSON (``relations.json``: per predicate a bias and feature weights), written by
:func:`kg.training.relations.train_relations`; reading them needs neither scikit-learn nor pickle.
"""
from __future__ import annotations

import json
from itertools import repeat
from operator import mul
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KgError
from kg.nlp.relation_pairs import REQUIRED_FEATURE_SETTINGS, Pair, PairFeatures, span_key
from kg.nlp.weights_file import dump_weights, load_weights, read_weights_file, rounded, sigmoid

__all__ = ["RelationClassifier", "RelationModel", "RelationModelError", "make_relation_classifier", "RULE",
           "MODEL_FILE", "CONFIG_FILE", "DEFAULT_MODEL_DIR", "relation_model_dir", "add_relation_classifier"]

RULE = "model:relations"
MODEL_FILE = "relations.json"  # the weights
CONFIG_FILE = "config.json"  # the component's settings chosen with the model (threshold, veto_rules, ...)
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "default" / "relations"


class RelationModelError(KgError):
    """A relation model folder that cannot be read."""


@dataclass
class RelationModel:
    """Per predicate a logistic model: ``P(pair) = sigmoid(bias + sum of its features' weights)``."""

    predicates: dict[str, dict] = field(default_factory=dict)  # predicate → {"bias": b, "weights": {f: w}}
    rule_features: bool = True  # trained with the rules' outputs as features (rule=<name>)
    meta: dict = field(default_factory=dict)
    # the feature settings it was trained with (relation_pairs.FEATURE_SETTINGS: candidate pairs, trigger words,
    # distance buckets …); empty for a model written before they were recorded: read with relation_model.yml's
    features: dict = field(default_factory=dict)

    def probability(self, predicate: str, features: dict[str, float]) -> float | None:
        model = self.predicates.get(predicate)
        if model is None:
            return None
        # the same products added in the same order as a generator would, with C-level map
        z = model["bias"] + sum(map(mul, map(model["weights"].get, features, repeat(0.0)), features.values()))
        return sigmoid(z)

    def to_json(self) -> str:
        data = {"rule_features": self.rule_features, "meta": self.meta,
                "predicates": {p: rounded(m["bias"], m["weights"]) for p, m in sorted(self.predicates.items())}}
        if self.features:
            data["features"] = self.features
        return dump_weights(data)

    @classmethod
    def from_json(cls, raw: str) -> "RelationModel":
        data = load_weights(raw, RelationModelError, "relation model")
        rule_features = data.get("rule_features", True)  # its one feature setting: read with the rules' outputs or not
        if not isinstance(rule_features, bool):
            raise RelationModelError(f"relation model: rule_features must be true or false, not {rule_features!r}")
        features = data.get("features", {})
        missing = [key for key in REQUIRED_FEATURE_SETTINGS if key not in features] if features else []
        if not isinstance(features, dict) or missing:
            raise RelationModelError(f"relation model: features must be an object with {', '.join(REQUIRED_FEATURE_SETTINGS)}"
                                     f" (missing {', '.join(missing) or 'all'})")
        return cls({p: {"bias": float(m["bias"]), "weights": dict(m["weights"])} for p, m in data["predicates"].items()},
                   rule_features, data.get("meta", {}), features)

    @classmethod
    def load(cls, folder: str | Path) -> "RelationModel":
        return read_weights_file(Path(folder) / MODEL_FILE, cls.from_json, RelationModelError, "relation model")


def _name(mention: tuple) -> str:
    return mention[4] or mention[3]  # the canonical id when the mention has one, else its text


def rule_index(relations) -> dict[tuple, str]:
    """Pair key → the rule that found it, for the relations already on a Doc (both directions when symmetric)."""
    out: dict[tuple, str] = {}
    for rel in relations:
        s, o = rel["s"], rel["o"]
        out.setdefault((s[0], s[1], rel["p"], o[0], o[1]), rel["rule"])
        if rel["p"] == "partnerOf":
            out.setdefault((o[0], o[1], rel["p"], s[0], s[1]), rel["rule"])
    return out


class RelationClassifier:
    def __init__(self, nlp: Language, name: str = "kg_relation_classifier", data_dir: str = "",
                 threshold: float = 0.5, veto_rules: list[str] | tuple = (), veto_threshold: float = 0.05,
                 thresholds: dict[str, float] | None = None, rule_places_final: bool = False):
        self.name = name
        self.rule_places_final = rule_places_final  # no locatedIn against the places the rules gave (rule_places)
        self.threshold = threshold
        self.thresholds = dict(thresholds or {})  # per predicate, over ``threshold``
        self.veto_rules = set(veto_rules)
        self.veto_threshold = veto_threshold
        self.data_dir = data_dir
        self.featurizer = PairFeatures(data_dir)
        self.model = RelationModel()

    def _use(self, model: RelationModel) -> None:
        """Take ``model``, its features described with the settings it was trained with (when it recorded them)."""
        self.model = model
        if model.features:
            self.featurizer = PairFeatures(self.data_dir, settings=model.features)

    def scored_pairs(self, doc: Doc) -> list[tuple[Pair, float]]:
        """Every candidate pair of ``doc`` with the model's probability."""
        rules = rule_index(doc._.kg_relations or ()) if self.model.rule_features else None
        out = []
        by_sentence: dict[tuple[int, int], list] = {}
        mentions = self.featurizer.mentions(doc)
        for pair in self.featurizer.pairs(doc):
            ents = by_sentence.get(pair.sentence)
            if ents is None:
                ents = by_sentence[pair.sentence] = self.featurizer.sentence_ents(doc, pair.sentence, mentions)
            prob = self.model.probability(pair.predicate, self.featurizer.features(doc, pair, ents, rules))
            if prob is not None:
                out.append((pair, prob))
        return out

    def __call__(self, doc: Doc) -> Doc:
        if not self.model.predicates:
            return doc
        rules = list(doc._.kg_relations or ())
        scored = self.scored_pairs(doc)
        prob = {pair.key: p for pair, p in scored}
        kept = [rel for rel in rules if not self._vetoed(rel, prob)]
        by_rules = rule_index(kept)
        found = dict(by_rules)  # grows with the pairs added here; ``by_rules`` stays the rules' own
        named = {(_name(rel["s"]), rel["p"], _name(rel["o"])) for rel in kept}  # the same entities, other mentions
        mentions = self.featurizer.mentions(doc)
        placed = self._placed_by_name(kept)
        for pair, p in scored:
            if p < self.thresholds.get(pair.predicate, self.threshold) or pair.key in found:
                continue
            if pair.predicate == "locatedIn" and self.featurizer.lex.cannot_lie_in(pair.subject.id_, pair.object.id_):
                continue  # a province is never in one of its cities, whatever the words around say
            if pair.predicate == "locatedIn" and self.rule_places_final and \
                    (self._against_rules(doc, pair, by_rules, mentions) or self._wider_than_name(pair, placed)):
                continue
            by_name = (_name(span_key(pair.subject)), pair.predicate, _name(span_key(pair.object)))
            if by_name in named or by_name[::-1] in named:  # no relation holds both ways; partnerOf is one fact
                continue
            found[pair.key] = RULE
            named.add(by_name)
            role = self.featurizer.role(doc, pair) if pair.predicate == "holdsPostIn" else ""
            ev = (min(pair.subject.start_char, pair.object.start_char), max(pair.subject.end_char, pair.object.end_char))
            kept.append({"s": span_key(pair.subject), "p": pair.predicate, "o": span_key(pair.object),
                         "rule": RULE, "ev": ev, "role": role})
        doc._.kg_relations = tuple(kept)
        return doc

    def _against_rules(self, doc: Doc, pair: Pair, by_rules: dict, mentions: list) -> bool:
        """The rules placed the candidate's subject in its sentence in a place that neither contains nor lies inside
        the candidate place (by the divisions table), or the place is the one of a mention written between."""
        ents = self.featurizer.sentence_ents(doc, pair.sentence, mentions)
        return self.featurizer.rule_places(pair, ents, by_rules).against

    @staticmethod
    def _placed_by_name(rules: list[dict]) -> dict[tuple[int, int], list[str]]:
        """Places the rules placed by the places their own names open with (「某市|某某镇」「某省某市|某某新区」:
        kg_relations' place_run, the place inside the name, a division of the table): each one's span → the keys
        of those places."""
        out: dict[tuple[int, int], list[str]] = {}
        for rel in rules:
            s, o = rel["s"], rel["o"]
            if rel["p"] == "locatedIn" and rel["rule"] == "place_run" and s[2] == "DISTRICT" and o[4] \
                    and s[0] <= o[0] and o[1] <= s[1]:
                out.setdefault((s[0], s[1]), []).append(o[4])
        return out

    def _wider_than_name(self, pair: Pair, placed: dict[tuple[int, int], list[str]]) -> bool:
        """A locatedIn candidate whose subject's own name places it (:meth:`_placed_by_name`) in a place the
        candidate is not inside: the name says where it lies, and a wider place is where that place lies."""
        keys = placed.get((pair.subject.start_char, pair.subject.end_char))
        return bool(keys) and not any(pair.object.id_ == key or self.featurizer.lex.within(pair.object.id_, key)
                                      for key in keys)

    def _vetoed(self, rel: dict, prob: dict[tuple, float]) -> bool:
        if rel["rule"] not in self.veto_rules and "*" not in self.veto_rules:
            return False
        s, o = rel["s"], rel["o"]
        p = prob.get((s[0], s[1], rel["p"], o[0], o[1]))
        if p is None and rel["p"] == "partnerOf":
            p = prob.get((o[0], o[1], rel["p"], s[0], s[1]))
        return p is not None and p < self.veto_threshold

    # -- serialisation ----------------------------------------------------------------------------------
    def to_disk(self, path: str | Path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / MODEL_FILE).write_text(self.model.to_json(), encoding="utf-8")
        config = {"threshold": self.threshold, "thresholds": self.thresholds, "veto_rules": sorted(self.veto_rules),
                  "veto_threshold": self.veto_threshold, "rule_places_final": self.rule_places_final}
        (path / CONFIG_FILE).write_text(json.dumps(config, sort_keys=True, indent=1) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, exclude=()) -> "RelationClassifier":
        """Load the weights and, when the folder has one, the settings chosen with them (``config.json``)."""
        self._use(RelationModel.load(path))
        config = Path(path) / CONFIG_FILE
        if config.is_file():
            try:
                saved = json.loads(config.read_text(encoding="utf-8"))
            except ValueError as err:
                raise RelationModelError(f"{config}: not JSON ({err})") from err
            self.threshold = float(saved.get("threshold", self.threshold))
            self.veto_rules = set(saved.get("veto_rules", self.veto_rules))
            self.veto_threshold = float(saved.get("veto_threshold", self.veto_threshold))
            self.thresholds = {k: float(v) for k, v in saved.get("thresholds", self.thresholds).items()}
            self.rule_places_final = bool(saved.get("rule_places_final", self.rule_places_final))
        return self

    def to_bytes(self, exclude=()) -> bytes:
        return self.model.to_json().encode("utf-8")

    def from_bytes(self, data: bytes, exclude=()) -> "RelationClassifier":
        self._use(RelationModel.from_json(data.decode("utf-8")))
        return self


@Language.factory("kg_relation_classifier",
                  default_config={"data_dir": "", "threshold": 0.5, "thresholds": {}, "veto_rules": [],
                                  "veto_threshold": 0.05, "rule_places_final": False},
                  assigns=["doc._.kg_relations"], requires=["doc.ents", "doc._.kg_relations"])
def make_relation_classifier(nlp: Language, name: str, data_dir: str, threshold: float, thresholds: dict,
                             veto_rules: list[str], veto_threshold: float, rule_places_final: bool) -> RelationClassifier:
    return RelationClassifier(nlp, name, data_dir, threshold, veto_rules, veto_threshold, thresholds, rule_places_final)


def relation_model_dir(settings) -> Path | None:
    """The relation model folder ``settings`` asks for, or None: ``settings.relation_model`` when it names a
    folder ("": none); by default ``MODEL/relations`` of the trained model folder ``settings.model`` (where
    Settings has one; None: no trained model), else the packaged model, when there is one."""
    choice = settings.relation_model
    if not choice:
        return None
    if choice != "default":
        if not (Path(choice) / MODEL_FILE).is_file():
            raise RelationModelError(f"{choice}: no relation model ({MODEL_FILE}) there")
        return Path(choice)
    if hasattr(settings, "model"):
        folder = Path(settings.model) / "relations" if settings.model else None
    else:
        folder = DEFAULT_MODEL_DIR
    return folder if folder is not None and (folder / MODEL_FILE).is_file() else None


def add_relation_classifier(nlp: Language, folder: Path, config: dict | None = None) -> RelationClassifier:
    """Add ``kg_relation_classifier`` after ``kg_relations``, loaded from ``folder`` (weights and settings)."""
    after = "kg_relations" if "kg_relations" in nlp.pipe_names else None
    component = nlp.add_pipe("kg_relation_classifier", config=dict(config or {}), after=after)
    return component.from_disk(folder)
