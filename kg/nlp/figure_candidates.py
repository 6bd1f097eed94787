"""Candidate indicators of a figure ``kg_figures`` found, and their features: what the learned indicator
chooser (``kg_figure_indicators``) scores at run time and :mod:`kg.training.figures` learns from, so both see
the same candidates and features.

The candidates are the rules' indicator (its head, before the first space: the rest says how the value is
read, 同比增长 or what the counted things did, and is kept whatever is chosen) and the noun phrases of the
figure's own clause, read from LAC's words (``doc.user_data["kg_words"]``): every run of up to
``MAX_WORDS`` nominal words before the number (the subject 全省技术合同成交额) or after it (the counted noun in
「374个沿边行政村」, the voucher in 「领取了10元钱的餐券」); an adjective inside a run (高|价值|水产品) and a
measure word right after a noun (梅花|点) belong to it. A candidate never opens with a measure word nor ends in
an adjective, a verb, a particle or a conjunction, so whatever is chosen still names what is measured.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from kg.language.lexicon import load_lexicon

__all__ = ["Candidate", "candidates", "features", "rule_tags", "joined", "head_and_tail", "unit_kind", "MAX_WORDS",
           "CLAUSE_BREAKS"]

MAX_WORDS = 4  # the longest run of words a candidate is made of
CLAUSE_BREAKS = "，。；：！？（）()\n,;!?"
WINDOW = 40  # characters looked at on each side of the number, at most (inside its clause)
# LAC tags of the words a noun phrase is made of: nouns, names, nominal verbs and adjectives, places, works
NOMINAL = {"n", "nz", "nw", "vn", "an", "s", "nr", "ns", "nt", "PER", "LOC", "ORG"}
JOINING = {"a"}  # tags of a word taken inside a run of nominal words, never at its end (高|价值|水产品)
_MARKS = "“”\"'‘’《》「」『』【】 \u3000"


@dataclass(frozen=True)
class Candidate:
    """One possible indicator: its text, where it is (-1 for the rules' own choice) and how it was found."""

    text: str
    start: int
    end: int
    source: str  # "rule", "before" (in the clause before the number) or "after" (after the number)
    tags: tuple[str, ...] = ()


def joined(candidate: str, tail: str) -> str:
    """The indicator a chosen candidate gives: the candidate, then the rules' tail without the words they
    share (专用输电线路 + 输电线路从光伏电站延伸而出 → 专用输电线路 从光伏电站延伸而出)."""
    for n in range(min(len(candidate), len(tail)), 0, -1):
        if candidate.endswith(tail[:n]):
            tail = tail[n:]
            break
    return f"{candidate} {tail}".strip()


def head_and_tail(indicator: str) -> tuple[str, str]:
    """The rules' indicator cut at its first space: what is measured, and how the value reads (同比增长)."""
    head, _, tail = indicator.partition(" ")
    return head, tail


def unit_kind(unit: str) -> str:
    """percent, money (the currencies of ``figures.currency``), number (no unit) or unit (a measure or counter)."""
    if unit == "percent":
        return "percent"
    if unit in set(load_lexicon().patterns["figures"]["currency"].values()):
        return "money"
    if unit == "number":
        return "number"
    return "unit"


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, max(0, start - WINDOW), start) for c in CLAUSE_BREAKS)
    left = left + 1 if left >= 0 else max(0, start - WINDOW)
    rights = [i for i in (text.find(c, end, end + WINDOW) for c in CLAUSE_BREAKS) if i >= 0]
    return left, min(rights, default=min(len(text), end + WINDOW))


def candidates(text: str, words, figure: dict, word_starts: list[int] | None = None) -> list[Candidate]:
    """The rules' indicator head first, then the noun phrases of the figure's clause (no duplicates)."""
    head, _ = head_and_tail(figure["indicator"])
    out = [Candidate(head, -1, -1, "rule")]
    seen = {head}
    left, right = _clause_bounds(text, figure["start"], figure["end"])
    starts = word_starts if word_starts is not None else [w[0] for w in words]
    i = bisect_left(starts, left)
    runs: list[list[tuple[int, int, str]]] = []
    run: list[tuple[int, int, str]] = []
    while i < len(words) and words[i][0] < right:
        start, end, tag = words[i]
        inside = not (start < figure["end"] and end > figure["start"])  # the number's own words are no name
        nxt = words[i + 1][2] if i + 1 < len(words) and words[i + 1][0] < right else ""
        joining = run and tag in JOINING and nxt in NOMINAL
        if inside and (tag in NOMINAL or joining or tag == "q" and run and run[-1][1] == start) \
                and text[start:end].strip(_MARKS):
            if run and (run[-1][1] != start or (run[-1][1] <= figure["start"] < end)):
                runs.append(run)
                run = []
            run.append(words[i])
        elif run:
            runs.append(run)
            run = []
        i += 1
    if run:
        runs.append(run)
    for run in runs:
        for a in range(len(run)):
            for b in range(a + 1, min(len(run), a + MAX_WORDS) + 1):
                if run[b - 1][2] not in NOMINAL | {"q"} or run[a][2] == "q":
                    continue  # a name never opens with a measure word nor closes with an adjective or verb
                start, end = run[a][0], run[b - 1][1]
                phrase = text[start:end].strip(_MARKS)
                if len(phrase) < 2 or phrase in seen:
                    continue
                seen.add(phrase)
                source = "before" if end <= figure["start"] else "after"
                out.append(Candidate(phrase, start, end, source, tuple(w[2] for w in run[a:b])))
    return out


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


def rule_tags(text: str, words, figure: dict, rule_head: str, word_starts: list[int]) -> tuple[str, ...]:
    """How the rules' indicator head reads in LAC's words: whether the clause holds it as written, and the tags
    of its first and last word there (a verb closing it: 「通硬化路」, 「企业推出」)."""
    if not rule_head or not words:
        return ("none",)
    left, _ = _clause_bounds(text, figure["start"], figure["end"])
    at = text.rfind(rule_head, left, figure["start"])
    if at < 0:
        return ("not_written",)
    i = max(0, bisect_left(word_starts, at + 1) - 1)
    j = max(0, bisect_left(word_starts, at + len(rule_head)) - 1)
    return ("written", f"first_tag={words[i][2]}", f"last_tag={words[j][2]}",
            f"adjacent={figure['start'] - at - len(rule_head) == 0}")


def features(text: str, figure: dict, cand: Candidate, rule_head: str,
             rule_tags: tuple[str, ...] = ()) -> dict[str, float]:
    """What the chooser weighs: where the candidate is, what it is made of and ends in, the value's unit, and
    how the rules' choice reads (``rule_tags``)."""
    kind = unit_kind(figure["unit"])
    f: dict[str, float] = {"bias_" + cand.source: 1.0, f"src|kind={cand.source}|{kind}": 1.0,
                           f"len={_bucket(len(cand.text))}": 1.0}
    if cand.text:
        f.update({f"last_char={cand.text[-1]}": 1.0, f"last2={cand.text[-2:]}": 1.0, f"first_char={cand.text[0]}": 1.0})
    if cand.source == "rule":
        f["rule_empty"] = float(not rule_head)
        f.update({f"rule_{k}": 1.0 for k in rule_tags})
        f[f"rule_len|kind={_bucket(len(rule_head))}|{kind}"] = 1.0
        f["rule_has_tail"] = float(" " in figure["indicator"])
        return f
    f[f"unit={figure['unit'][:4]}|{cand.source}"] = 1.0
    gap = figure["start"] - cand.end if cand.source == "before" else cand.start - figure["end"]
    between = text[cand.end:figure["start"]] if cand.source == "before" else text[figure["end"]:cand.start]
    f[f"dist={_bucket(gap)}|{cand.source}"] = 1.0
    f[f"between={between if len(between) <= 2 else 'long'}|{cand.source}"] = 1.0
    f[f"n_words={len(cand.tags)}"] = 1.0
    f[f"last_tag={cand.tags[-1]}|{cand.source}"] = 1.0
    f[f"first_tag={cand.tags[0]}"] = 1.0
    f["tags=" + "_".join(cand.tags)] = 1.0
    after = text[cand.end:cand.end + 1]
    f[f"next_char={after if after in CLAUSE_BREAKS + '的和与及等' else 'other'}|{cand.source}"] = 1.0
    f["in_rule"] = float(bool(rule_head) and cand.text in rule_head)
    f["has_rule"] = float(bool(rule_head) and rule_head in cand.text)
    f["rule_empty"] = float(not rule_head)
    return f
