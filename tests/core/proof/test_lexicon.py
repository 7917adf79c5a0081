"""The lexicon: jieba's dictionary plus government words, loaded once."""

from __future__ import annotations

from kuaibao.core.proof.lexicon import base_lexicon, jieba_dictionary, load_lexicon


def test_uses_jiebas_dictionary_without_importing_jieba() -> None:
    import sys

    assert jieba_dictionary() is not None
    assert base_lexicon().source == "jieba"
    assert "jieba" not in sys.modules


def test_segments_government_words_whole() -> None:
    lexicon = base_lexicon().with_words(["县政务服务和大数据管理局"])
    assert lexicon.segment("县政务服务和大数据管理局开展好差评")[1] == ["县政务服务和大数据管理局", "开展", "好差评"]


def test_keeps_reduplications_of_prose_and_drops_names_and_noise() -> None:
    lexicon = base_lexicon()
    assert lexicon.is_word("大大") and lexicon.is_word("常常") and lexicon.is_word("户户")
    assert lexicon.is_word("哥哥") and lexicon.is_word("徐徐")  # kinship words, descriptive AA words
    assert not lexicon.is_word("团团") and not lexicon.is_word("花花") and not lexicon.is_word("乡乡")


def test_words_added_to_a_copy_leave_the_shared_lexicon_alone() -> None:
    extended = base_lexicon().with_words(["胙城乡"])
    assert extended.is_word("胙城乡") and not base_lexicon().is_word("胙城乡")


def test_vocabulary_alone_still_segments() -> None:
    lexicon = load_lexicon(None)
    assert lexicon.source == "builtin"
    assert lexicon.segment("大数据管理局")[1][0] == "大数据"
