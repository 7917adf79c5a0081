"""Confusion sets by sound (pypinyin, fuzzy pairs of pinyin input) and by shape
(decompositions, four-corner codes)."""

from __future__ import annotations

from kuaibao.core.proof import confusion
from kuaibao.core.proof.confusion import Reading, Relation
from kuaibao.core.proof.spelling import shared_detector


def test_readings_cover_every_reading_of_a_heteronym() -> None:
    assert {str(r) for r in confusion.readings("还")} >= {"huan2", "hai2"}


def test_fuzzy_pairs_of_pinyin_input() -> None:
    assert set(confusion.fuzzy(Reading("zh", "i", 1))) == {"zi"}
    assert set(confusion.fuzzy(Reading("l", "an", 2))) == {"nan", "ran", "lang"}
    assert "jian" in set(confusion.fuzzy(Reading("j", "iang", 1)))


def test_build_relates_by_sound_and_by_shape() -> None:
    chars = list("代贷待带情请清晴赢羸入人")
    frequency = dict.fromkeys(chars, 1000)
    sets = {char: dict(entries) for char, entries in confusion.build(chars, frequency).items()}
    assert sets["代"]["贷"] == Relation.SAME
    assert sets["情"]["请"] == Relation.TONE
    assert sets["羸"]["赢"] == Relation.SHAPE  # 亡口月羊凡 / 亡口月贝凡
    assert sets["入"]["人"] == Relation.SHAPE  # four-corner 8000


def test_rare_candidates_are_left_out() -> None:
    sets = confusion.build(["代", "贷", "岱"], {"代": 1000, "贷": 1000, "岱": 1})
    assert [c for c, _ in sets["代"]] == ["贷"]


def test_shipped_table_knows_characters_outside_the_vocabulary() -> None:
    detector = shared_detector()
    assert detector is not None
    vocabulary = detector.model.vocabulary
    assert ("贷", Relation.SAME) in detector.table.of("代", vocabulary)
    assert ("赢", Relation.SHAPE) in detector.table.of("羸", vocabulary)
