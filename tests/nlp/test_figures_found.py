"""Values kg used to drop on full-length news (invented sentences), through the real pipeline and store: a counter
jieba splits off a longer word that starts with the counter's character, a pronoun between a count and its noun,
a survey's share of its answers, a share opening its clause that says what it is; and the words that still stop a
counter where jieba keeps the word whole (个人, 人民)."""
from .figure_indicators import indicators_by_value, named as _named

ARTICLE = """---
title: 宁州数字经济见闻
date: 2025-05-20
---
<p>宁州今年新签约47个人工智能项目，另有12家庭院经济示范户获得奖励。</p>
<p>影展期间，共有8部这些纪录短片在宁州首映。</p>
<p>本期问卷调查结果显示，有63%的回答表示明年将扩大在宁州的投资。</p>
<p>这条产线生产的型材，85%以上是高强度特种型材，主要用在轨道交通。</p>
<p>本次活动有30个人参加，全市365万人民共享成果，5项目标全部完成。</p>
"""


def _indicators(tmp_path) -> dict[str, set[str]]:
    return indicators_by_value(tmp_path, ARTICLE)



def test_a_counter_split_off_a_longer_word_still_counts(tmp_path):
    got = _indicators(tmp_path)
    assert _named(got, "47", "人工智能项目")  # 47个|人工智能项目, not the word 个人
    assert _named(got, "12", "庭院经济示范户")  # 12家|庭院经济, not the word 家庭


def test_a_pronoun_after_a_count_is_skipped(tmp_path):
    assert _named(_indicators(tmp_path), "8", "纪录短片")  # 8部这些纪录短片


def test_shares_of_a_survey_and_shares_that_say_what_they_are(tmp_path):
    got = _indicators(tmp_path)
    assert _named(got, "63", "回答")  # 有63%的回答表示…: a share of the answers
    assert _named(got, "85", "高强度特种型材")  # ，85%以上是高强度特种型材


def test_the_counter_character_opening_a_word_jieba_keeps_whole(tmp_path):
    got = _indicators(tmp_path)
    assert "30" not in got  # 30个人参加: jieba reads the word 个人, no count of 个
    assert _named(got, "5", "目标")  # 5项|目标: jieba splits 项 off 目标, five targets (not 项目)
    assert not any(i.startswith("人") and "万人" in i for i in got.get("3650000", ()))  # 365万人民: no count of 人
