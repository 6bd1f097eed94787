"""Resolve: mentions → one :class:`kg.facts.Entity` per real-world entity, within and across documents;
and the merging of what stored documents say of each entity (what a store applies)."""
from kg.resolve.ids import document_iri, entity_iri, node_iri
from kg.resolve.linker import Resolved, Resolver
from kg.resolve.merge import ChangeSet, EntityTally, MergeState, hierarchy_edges, merge_entities, plan_merge, stored_entity

__all__ = ["Resolver", "Resolved", "ChangeSet", "EntityTally", "MergeState", "hierarchy_edges", "merge_entities",
           "plan_merge", "stored_entity", "document_iri", "entity_iri", "node_iri"]
