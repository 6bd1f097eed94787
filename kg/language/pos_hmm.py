"""jieba's part-of-speech HMM decoded with numpy: the same routes as ``jieba.posseg.viterbi``, several times faster.

``jieba.posseg`` reads a run of characters its dictionary does not cover with a Viterbi decoder over 256 states
(word position × tag) written as nested Python generators: it was about a fifth of the main thread's time in ``kg build``
(:func:`kg.language.segment.words` segments many short pieces of text). :meth:`PosHmm.decode` computes the same
recurrence a step at a time over arrays, in the same order of float additions, and breaks ties as jieba does
(``max`` over ``(probability, state)`` pairs: the greatest state), so it returns the same route
(``tests/language/test_pos_hmm.py`` compares the two). :func:`install` puts it in place of jieba's in
``jieba.posseg``, whose tokenizer calls it by that module-level name.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from jieba.posseg.viterbi import MIN_FLOAT

__all__ = ["PosHmm", "install", "forget_runs"]

_installed: "PosHmm | None" = None  # the decoder install() put in place


class PosHmm:
    """jieba's POS HMM tables (``start_P``, ``trans_P``, ``emit_P``, ``char_state_tab_P``) as arrays, states in
    their sorted order (so the greatest state of a tie is the last index)."""

    def __init__(self, start_p: dict, trans_p: dict, emit_p: dict, char_states: dict):
        self.states = sorted(trans_p)
        self.index = {s: i for i, s in enumerate(self.states)}
        n = len(self.states)
        self.start = np.array([start_p.get(s, float("-inf")) for s in self.states])
        self.trans = np.full((n, n), float("-inf"))
        self.follows = np.zeros((n, n), dtype=bool)  # b may follow a: trans_p[a] has b
        for a, nexts in trans_p.items():
            followers = [self.index[b] for b in nexts]
            self.trans[self.index[a], followers] = list(nexts.values())
            self.follows[self.index[a], followers] = True
        self.has_next = self.follows.any(axis=1)
        self.char_states = char_states
        self.tables = (char_states, start_p, trans_p, emit_p)  # what it was made from, in jieba's argument order
        # emission log-probabilities, a row per character the tables know and a last row for any other character
        chars = sorted({ch for table in emit_p.values() for ch in table})
        self.row = {ch: i for i, ch in enumerate(chars)}
        self.emissions = np.full((len(chars) + 1, n), MIN_FLOAT)
        for state, table in emit_p.items():
            column = self.emissions[:, self.index[state]]
            column[[self.row[ch] for ch in table]] = list(table.values())
        self.allowed = lru_cache(maxsize=None)(self._allowed)
        # the same run of characters recurs in the many overlapping pieces of a sentence that are segmented
        self.decode = lru_cache(maxsize=1 << 16)(self._decode)

    def emission(self, ch: str) -> np.ndarray:
        """``emit_p[state].get(ch, MIN_FLOAT)`` of every state."""
        return self.emissions[self.row.get(ch, -1)]

    def _allowed(self, ch: str) -> np.ndarray:
        """The states ``ch`` may take (every state for a character the table does not list)."""
        listed = self.char_states.get(ch)
        mask = np.zeros(len(self.states), dtype=bool)
        if listed is None:
            mask[:] = True
        else:
            mask[[self.index[s] for s in listed if s in self.index]] = True
        return mask

    def _decode(self, obs: str) -> tuple[float, list] | None:
        """jieba's ``viterbi(obs, …)`` result (:meth:`decode`, cached: the route is not to be changed), or None for
        a case its code would fail on (left to it)."""
        if any(s not in self.index for s in self.char_states.get(obs[0], ())):
            return None
        alive = self.allowed(obs[0])
        scores = self.start + self.emission(obs[0])
        back: list[np.ndarray] = []
        for ch in obs[1:]:
            prev = np.flatnonzero(alive & self.has_next)
            if not len(prev):
                return None  # jieba's max() of nothing
            expect = self.follows[prev].any(axis=0)
            allowed = self.allowed(ch) & expect
            if not allowed.any():
                allowed = expect if expect.any() else np.ones(len(self.states), dtype=bool)
            cols = np.flatnonzero(allowed)
            total = scores[prev][:, None] + self.trans[np.ix_(prev, cols)]
            total = total + self.emission(ch)[cols][None, :]
            best = len(prev) - 1 - np.argmax(total[::-1], axis=0)  # the greatest state among equal scores
            scores = np.full(len(self.states), float("-inf"))
            scores[cols] = total[best, np.arange(len(cols))]
            came = np.full(len(self.states), -1)
            came[cols] = prev[best]
            back.append(came)
            alive = allowed
        last = np.flatnonzero(alive)
        state = int(last[len(last) - 1 - np.argmax(scores[last][::-1])])
        prob = float(scores[state])
        route = [state]
        for came in reversed(back):
            state = int(came[state])
            route.append(state)
        return prob, [self.states[i] for i in reversed(route)]


def install() -> None:
    """Make ``jieba.posseg`` decode with :class:`PosHmm` (once; jieba's own decoder stays for what it declines)."""
    import jieba.posseg as posseg

    if getattr(posseg.viterbi, "kg_pos_hmm", False):
        return
    original = posseg.viterbi
    hmm = PosHmm(posseg.start_P, posseg.trans_P, posseg.emit_P, posseg.char_state_tab_P)

    def viterbi(obs, states, start_p, trans_p, emit_p):
        if obs and all(a is b for a, b in zip((states, start_p, trans_p, emit_p), hmm.tables)):
            found = hmm.decode(obs)
            if found is not None:
                return found
        return original(obs, states, start_p, trans_p, emit_p)

    viterbi.kg_pos_hmm = True
    posseg.viterbi = viterbi
    global _installed
    _installed = hmm


def forget_runs() -> None:
    """Empty the installed decoder's cache of routes (a benchmark's rows each read the texts for the first time)."""
    if _installed is not None:
        _installed.decode.cache_clear()
