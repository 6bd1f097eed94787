"""kg's numpy decoder of jieba's POS HMM gives jieba's own routes, and segmentation uses it."""
import random

import jieba.posseg as posseg
import pytest
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from kg.language import segment
from kg.language.pos_hmm import PosHmm


@pytest.fixture(scope="module")
def hmm():
    return PosHmm(posseg.start_P, posseg.trans_P, posseg.emit_P, posseg.char_state_tab_P)


def _runs(seed: int, count: int) -> list[str]:
    """Han runs of 1–12 characters: common characters of the HMM's table mixed with rare ones it lists nowhere."""
    rng = random.Random(seed)
    common = sorted(posseg.char_state_tab_P)
    runs = []
    for _ in range(count):
        size = rng.randint(1, 12)
        runs.append("".join(rng.choice(common) if rng.random() < 0.85 else chr(0x4E00 + rng.randrange(0x5000))
                            for _ in range(size)))
    return runs


def test_same_route_and_probability_as_jieba(hmm):
    runs = _runs(7, 1500) + ["宁州", "远航科技", "沣澜湾示范区", "囧", "䶮䶮"]
    for run in runs:
        want = jieba_viterbi(run, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
        assert hmm.decode(run) == want, run


def test_segmentation_decodes_with_it(monkeypatch):
    segment._posseg()
    assert getattr(posseg.viterbi, "kg_pos_hmm", False)
    # names jieba's dictionary does not hold are read by the HMM: the same words as with jieba's own decoder
    texts = ["沣澜湾远航科技园今年建成", "宁州市澄岭区推进蓝鲸湾数字港建设", "据悉，禾丰澜集团与宁州港务签约"]
    ours = [tuple((w.word, w.flag) for w in posseg.dt.cut(t)) for t in texts]
    monkeypatch.setattr(posseg, "viterbi", jieba_viterbi)
    assert ours == [tuple((w.word, w.flag) for w in posseg.dt.cut(t)) for t in texts]
    assert all("".join(w for w, _ in words) == t for words, t in zip(ours, texts))
