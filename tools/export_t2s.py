"""Export OpenCC's traditional → simplified character table (Apache-2.0) as kg's one-to-one char map.

    python tools/export_t2s.py /path/to/opencc/dictionary/TSCharacters.txt > kg/language/data/lexicon/t2s.tsv

Only single characters with a single-character first candidate are kept, so folding never changes
the length of a text and every offset stays valid.
"""
import sys

for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 2:
        continue
    trad, simp = parts[0], parts[1].split(" ")[0]
    if len(trad) == 1 and len(simp) == 1 and trad != simp:
        print(f"{trad}\t{simp}")
