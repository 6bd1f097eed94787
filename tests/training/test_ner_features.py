"""The CRF's features as built for speed (columns with ``map``, a prefix set in the lexicon match, bracket runs)
are exactly those of a plain per-character reference, in the same order (the CRF sums its weights in that order,
so the packaged model tags the same and training gives the same model)."""
from __future__ import annotations

import random

import pytest

from kg.training.ner import NerInput, _char_class, char_features, lexicon_index, naming_features

OPEN = {"《": "book", "“": "quote", "（": "paren", "「": "quote", "(": "paren", "\"": "quote"}
CLOSE = {"》": "book", "”": "quote", "）": "paren", "」": "quote", ")": "paren"}


def reference_matches(index, text: str) -> list[list[str]]:
    """Every piece of up to ``max_len`` characters at every position looked up in the table."""
    out: list[list[str]] = [[] for _ in text]
    n = len(text)
    for i in range(n):
        for j in range(i + 1, min(n, i + index.max_len) + 1):
            classes = index.table.get(text[i:j])
            if not classes:
                continue
            for cls in classes:
                if j - i == 1:
                    out[i].append(f"lx:S:{cls}")
                    continue
                out[i].append(f"lx:B:{cls}")
                out[j - 1].append(f"lx:E:{cls}")
                for k in range(i + 1, j - 1):
                    out[k].append(f"lx:I:{cls}")
            if j < n:
                out[j].extend(f"lx:after:{cls}" for cls in classes)
            if i > 0:
                out[i - 1].extend(f"lx:before:{cls}" for cls in classes)
    for i, ch in enumerate(text):
        if ch in index.surnames:
            out[i].append("surname")
    return out


def reference_features(item: NerInput, index) -> list[list[str]]:
    """One character at a time, the features in the model's order."""
    text, n = item.text, len(item.text)

    def ch(i: int) -> str:
        return "\x02" if i < 0 else "\x03" if i >= n else text[i]

    rows = []
    for i in range(n):
        c = {k: ch(i + k) for k in range(-3, 4)}
        kinds = {k: _char_class(c[k]) if 0 <= i + k < n else "P" for k in (-1, 0, 1)}
        rows.append(["bias", *(f"c{k if k <= 0 else '+' + str(k)}={c[k]}" for k in (0, -1, 1, -2, 2, -3, 3)),
                     f"b-1={c[-1]}{c[0]}", f"b+1={c[0]}{c[1]}", f"b-2={c[-2]}{c[-1]}", f"b+2={c[1]}{c[2]}",
                     f"t0={c[-1]}{c[0]}{c[1]}", f"t-1={c[-2]}{c[-1]}{c[0]}", f"t+1={c[0]}{c[1]}{c[2]}",
                     f"k={kinds[0]}", f"k-1={kinds[-1]}{kinds[0]}", f"k+1={kinds[0]}{kinds[1]}"])
    wpos, wtag, wprev, wnext, wlen = ["-"] * n, ["-"] * n, ["-"] * n, ["-"] * n, ["0"] * n
    extra: list[list[str]] = [[] for _ in range(n)]
    words = sorted(item.words)
    for w, (start, end, tag) in enumerate(words):
        start, end = max(start, 0), min(end, n)
        if end <= start:
            continue
        for i in range(start, end):
            wtag[i], wlen[i] = tag, str(min(end - start, 6))
            wprev[i] = words[w - 1][2] if w > 0 else "^"
            wnext[i] = words[w + 1][2] if w + 1 < len(words) else "$"
            wpos[i] = "S" if end - start == 1 else "B" if i == start else "E" if i == end - 1 else "I"
            if end - start <= 4:
                extra[i].append("w=" + text[start:end])
        extra[end - 1].append("w_end=" + text[max(start, end - 2):end])
    for i in range(n):
        rows[i] += [f"w:{wpos[i]}", f"w:{wpos[i]}:{wtag[i]}", f"wt={wtag[i]}", f"wt-1={wprev[i]}",
                    f"wt+1={wnext[i]}", f"wl={wlen[i]}"]
    for i, found in enumerate(reference_matches(index, text)):
        extra[i] += found
    for start, end, label, rule in item.candidates:
        for i in range(max(start, 0), min(end, n)):
            pos = "S" if end - start == 1 else "B" if i == start else "E" if i == end - 1 else "I"
            extra[i] += [f"cd:{pos}:{label}", f"cr:{pos}:{rule}", f"cd:{label}"]
        if 0 < start <= n:
            extra[start - 1].append(f"cd:before:{label}")
        if end < n:
            extra[end].append(f"cd:after:{label}")
    depth: dict[str, int] = {}
    for i, ch_ in enumerate(text):
        if ch_ in CLOSE:
            depth[CLOSE[ch_]] = max(depth.get(CLOSE[ch_], 0) - 1, 0)
        extra[i] += [f"in:{k}" for k, d in depth.items() if d > 0]
        if ch_ in OPEN:
            depth[OPEN[ch_]] = depth.get(OPEN[ch_], 0) + 1
    for i, more in enumerate(naming_features(item, index)):  # the naming features, as they are
        extra[i] += more
    return [row + more for row, more in zip(rows, extra)]


@pytest.fixture(scope="module")
def index():
    return lexicon_index()


def _random_text(rnd: random.Random, words: list[str], size: int) -> str:
    filler = "的了在和与是年月日一二三１２3ab，。、；：\n " + "".join(OPEN) + "".join(CLOSE)
    parts = []
    while sum(map(len, parts)) < size:
        parts.append(rnd.choice(words) if rnd.random() < 0.5 else "".join(rnd.choices(filler, k=rnd.randint(1, 3))))
    return "".join(parts)


def _random_input(rnd: random.Random, words: list[str]) -> NerInput:
    text = _random_text(rnd, words, rnd.randint(0, 120))
    n = len(text)
    cuts = sorted({0, n, *rnd.sample(range(n + 1), min(n + 1, n // 2))})
    tags = ["n", "v", "PER", "LOC", "ORG", "nz", "w"]
    lac = [(a, b, rnd.choice(tags)) for a, b in zip(cuts, cuts[1:])]
    lac += [(rnd.randint(-2, n), rnd.randint(0, n + 2), rnd.choice(tags)) for _ in range(rnd.randint(0, 3))]  # odd ones
    cands = [(a, a + rnd.randint(1, 6), rnd.choice(["AGENCY", "PERSON"]), rnd.choice(["kg_gazetteer", "suffix"]))
             for a in rnd.sample(range(n + 1), min(n + 1, rnd.randint(0, 4)))]
    return NerInput(text, tuple(lac), tuple(cands))


def test_lexicon_match_equals_looking_up_every_piece(index):
    rnd = random.Random(5)
    words = sorted(index.table)
    for _ in range(300):
        text = _random_text(rnd, words, rnd.randint(0, 80))
        assert index.matches(text) == reference_matches(index, text)


def test_features_equal_the_per_character_reference(index):
    rnd = random.Random(11)
    words = sorted(index.table)
    for _ in range(200):
        item = _random_input(rnd, words)
        assert char_features(item, index) == reference_features(item, index)


def test_features_of_a_plain_sentence_read_as_expected(index):
    item = NerInput("“宁州市商务局”（试点）", ((0, 1, "w"), (1, 7, "ORG"), (7, 8, "w")), ((1, 7, "AGENCY", "agency_core"),))
    rows = char_features(item, index)
    assert rows == reference_features(item, index)
    first = rows[1]  # 宁, inside the quotes, the ORG word's first character
    assert first[:4] == ["bias", "c0=宁", "c-1=“", "c+1=州"]
    assert {"w:B:ORG", "wt-1=w", "cd:B:AGENCY", "cr:B:agency_core", "in:quote"} <= set(first)
    assert "in:paren" in rows[9] and "in:quote" not in rows[9]  # 试, after the closed quote


def test_a_model_tags_the_same_without_the_features_it_does_not_know(tmp_path, index):
    """The attribute table read from the model file, and tagging with only the known character features."""
    import pycrfsuite

    from kg.training.crfsuite_file import model_attributes
    from kg.training.ner import CHAR_TEMPLATES, KnownFeatures, bioes, fit

    rnd = random.Random(3)
    words = sorted(index.table)
    items = [_random_input(rnd, words) for _ in range(40)]
    items = [i for i in items if i.text]
    sequences = [(char_features(i, index), bioes(len(i.text), [(c[0], min(c[1], len(i.text)), c[2])
                                                               for c in i.candidates[:1] if c[0] < len(i.text)]))
                 for i in items]
    model_file = fit(sequences, tmp_path / "m.crfsuite", {"max_iterations": 20})
    names = model_attributes(model_file)
    seen = {f for xseq, _ in sequences for row in xseq for f in row}
    assert "bias" in names and set(names) <= seen and len(set(names)) == len(names)
    assert any("\n" in name for name in names)  # the newline's features, which the text dump cannot carry
    known = KnownFeatures(names)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    for item in items[:20]:
        full = char_features(item, index)
        lean = char_features(item, index, known)
        # the character columns' features as CRFsuite reads them (UTF-8), the others as strings
        as_text = [[f.decode("utf-8") if isinstance(f, bytes) else f for f in row] for row in lean]
        assert [[isinstance(f, bytes) for f in row] for row in lean] == \
            [[f.startswith(CHAR_TEMPLATES) for f in row] for row in as_text]
        assert as_text == [[f for f in row if f in names or not f.startswith(CHAR_TEMPLATES)] for row in full]
        tagger.set(full)
        tags, marginals = tagger.tag(), [tagger.marginal(t, i) for i in range(len(full)) for t in tagger.labels()]
        tagger.set(lean)
        assert tagger.tag() == tags
        assert [tagger.marginal(t, i) for i in range(len(full)) for t in tagger.labels()] == marginals


def test_a_file_that_is_no_crfsuite_model_is_refused(tmp_path):
    from kg.training.crfsuite_file import model_attributes

    (tmp_path / "x.crfsuite").write_bytes(b"lCRF" + b"\x00" * 10)
    with pytest.raises(ValueError):
        model_attributes(tmp_path / "x.crfsuite")
