"""The six entity types and six relations, declared once: the label the pipeline uses, the ontology class or
property, the Chinese name the views show, the colour, and how a tie between readings is broken.

Every module that needs one of these facts reads it from here (``tests/test_package.py`` checks that no
other module restates the list).
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EntityType", "RelationType", "ENTITY_TYPES", "RELATION_TYPES", "BY_LABEL", "BY_CLASS",
           "LABELS", "CLASS_NAMES", "PREDICATE_NAMES", "label_of_class"]


@dataclass(frozen=True)
class EntityType:
    label: str  # what spaCy spans and mentions carry (AGENCY ...)
    cls: str  # the ontology class's local name (kg:Agency ...)
    zh: str  # the name the views and review pages show
    color: str  # the view's and review pages' colour
    rank: int  # a tie between two readings goes to the higher rank (the more specific reading)


@dataclass(frozen=True)
class RelationType:
    name: str  # the ontology property's local name
    zh: str  # the edge label in the view
    symmetric: bool = False


ENTITY_TYPES = (
    EntityType("AGENCY", "Agency", "机构", "#1f77b4", 4),
    EntityType("DISTRICT", "District", "地区/园区", "#2ca02c", 2),
    EntityType("ENTERPRISE", "Enterprise", "企业", "#ff7f0e", 3),
    EntityType("INITIATIVE", "Initiative", "政策/项目", "#9467bd", 1),
    EntityType("PERSON", "Person", "人物", "#d62728", 6),
    EntityType("MEDIA", "MediaOutlet", "媒体", "#8c564b", 5),
)
RELATION_TYPES = (
    RelationType("holdsPostIn", "任职于"),
    RelationType("locatedIn", "位于"),
    RelationType("issuedBy", "发布"),
    RelationType("participatesIn", "参与"),
    RelationType("partOf", "隶属"),
    RelationType("partnerOf", "合作", symmetric=True),
)

BY_LABEL = {t.label: t for t in ENTITY_TYPES}
BY_CLASS = {t.cls: t for t in ENTITY_TYPES}
LABELS = tuple(t.label for t in ENTITY_TYPES)
CLASS_NAMES = tuple(t.cls for t in ENTITY_TYPES)
PREDICATE_NAMES = tuple(r.name for r in RELATION_TYPES)


def label_of_class(cls: str) -> str:
    """AGENCY for ``Agency`` (a class's local name).

    >>> label_of_class("MediaOutlet")
    'MEDIA'
    """
    return BY_CLASS[cls].label
