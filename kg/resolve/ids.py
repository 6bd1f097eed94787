"""The only place instance IRIs are minted. IRIs derive from content (canonical keys, hashes),
so reruns and rebuilds give identical graphs."""
from __future__ import annotations

import hashlib

from rdflib import URIRef

__all__ = ["entity_iri", "document_iri", "node_iri", "digest"]


def digest(*parts: object, length: int = 16) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:length]


def entity_iri(base: str, key: str) -> URIRef:
    kind = "person" if key.startswith("person:") else "entity"
    return URIRef(f"{base}id/{kind}/{digest(key)}")


def document_iri(base: str, doc_id: str) -> URIRef:
    return URIRef(f"{base}doc/{doc_id}")


def node_iri(base: str, kind: str, *parts: object) -> URIRef:
    """Statement, evidence, membership, role and observation nodes: ``{base}{kind}/{hash of parts}``."""
    return URIRef(f"{base}{kind}/{digest(*parts)}")
