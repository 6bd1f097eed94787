"""RDF: resolved facts → an rdflib Graph (builder), Turtle (serialize), SPARQL (query)."""
