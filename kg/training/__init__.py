"""Training kg's statistical components from gold annotations: the corpus loader (:mod:`.corpus`), the
entity recogniser (:mod:`.ner`) and k-fold cross-validation by document (:mod:`.crossval`)."""
