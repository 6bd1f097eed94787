"""kg's spaCy components. Importing this package registers their factories."""
from kg.nlp.components import (doc_lexicon, enumerations, figures, mention_filter,  # noqa: F401
                               names, people, relations)
