"""Resolve: mentions → one :class:`kg.facts.Entity` per real-world entity, within and across documents."""
from kg.resolve.linker import Resolved, Resolver

__all__ = ["Resolver", "Resolved"]
