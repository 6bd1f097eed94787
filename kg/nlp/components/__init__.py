"""kg's spaCy components. Importing this package registers their factories."""
from kg.nlp.components import (doc_lexicon, enumerations, figure_indicators, figures, identifiers, mention_filter,  # noqa: F401
                               modality, ner_typing, names, people, relation_classifier, relations,
                               sentences, statistical_ner, trained_ner)
