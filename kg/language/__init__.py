"""What kg knows about Chinese names, shared by the pipeline (``kg.nlp``) and resolution (``kg.resolve``):
the language data in ``data/`` (gazetteers, word lists, patterns) and its one loader (``lexicon``), agency
names as jurisdiction + core (``agency``), word segmentation helpers (``segment``), text folding for
matching (``fold``) and how sure each rule is (``priorities``)."""
