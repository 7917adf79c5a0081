"""The trigram model's estimation: a proper distribution after smoothing and pruning, and
counts that add up."""

from __future__ import annotations

import numpy as np
import pytest

from kuaibao.core.proof.charlm import CharLM
from kuaibao.core.proof.lmbuild import KeyIndex, count, estimate
from kuaibao.core.proof.tokens import vocabulary_from_counts

TEXT = "\n".join(
    [
        "县政府召开常务会议研究部署秋季秸秆禁烧工作",
        "县商务局召开会议部署消费券发放工作",
        "东屯镇召开秸秆禁烧工作推进会",
        "县政府研究部署消费工作",
    ]
    * 3
)


@pytest.fixture(scope="module")
def model() -> CharLM:
    counts: dict[str, int] = {}
    for char in TEXT.replace("\n", ""):
        counts[char] = counts.get(char, 0) + 1
    vocabulary = vocabulary_from_counts(counts)
    ids, _ = vocabulary.encode(TEXT)
    return CharLM(vocabulary, estimate(count(ids, len(vocabulary)), len(vocabulary), min_trigram=4))


def _all_next(model: CharLM, history: str) -> np.ndarray:
    vocabulary = model.vocabulary
    size = len(vocabulary)
    a, b = (np.full(size, vocabulary.id(c), dtype=np.int32) for c in history)
    return np.exp(model.logprob(a, b, np.arange(size, dtype=np.int32)))


@pytest.mark.parametrize("history", ["召开", "政府", "工作", "县商", "秸禁"])
def test_each_history_gives_a_distribution_after_pruning(model: CharLM, history: str) -> None:
    assert _all_next(model, history).sum() == pytest.approx(1.0, abs=1e-6)


def test_seen_continuations_beat_unseen_ones(model: CharLM) -> None:
    vocabulary = model.vocabulary
    probabilities = _all_next(model, "召开")
    assert probabilities[vocabulary.id("会")] > 3 * probabilities[vocabulary.id("县")]


def test_counts_never_join_sentences() -> None:
    vocabulary = vocabulary_from_counts({"甲": 1, "乙": 1})
    ids, _ = vocabulary.encode("甲\n乙")
    counts = count(ids, len(vocabulary))
    a, b = vocabulary.id("甲"), vocabulary.id("乙")
    assert (a << 16 | b) not in counts.bigram_keys.tolist()
    # Only the one-character sentences themselves: bound, character, bound.
    assert sorted(counts.trigram_keys.tolist()) == sorted([a << 16, b << 16])


def test_weighted_counts_multiply_each_sentence() -> None:
    vocabulary = vocabulary_from_counts({"甲": 1, "乙": 1})
    ids, offsets = vocabulary.encode("甲乙\n乙甲")
    weights = np.where(offsets >= 0, np.where(offsets < 2, 5, 1), 0)
    counts = count(ids, len(vocabulary), weights)
    a, b = vocabulary.id("甲"), vocabulary.id("乙")
    found = dict(zip(counts.bigram_keys.tolist(), counts.bigram_counts.tolist(), strict=True))
    assert found[a << 16 | b] == 5 and found[b << 16 | a] == 1


def test_key_index_finds_every_key_and_nothing_else() -> None:
    rng = np.random.default_rng(7)
    keys = np.unique(rng.integers(0, 2**40, 5000).astype(np.uint64))
    index = KeyIndex(keys)
    assert (index.find(keys) == np.arange(keys.size)).all()
    others = np.setdiff1d(rng.integers(0, 2**40, 5000).astype(np.uint64), keys)
    assert (index.find(others) == -1).all()
    again = KeyIndex(keys, index.slots())
    assert (again.find(keys) == np.arange(keys.size)).all()


def test_saved_model_scores_the_same(model: CharLM, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = CharLM.load(path)
    vocabulary = model.vocabulary
    ids, _ = vocabulary.encode("县政府召开会议部署工作")
    assert np.allclose(loaded.sentence_terms(ids), model.sentence_terms(ids), atol=0.01)  # float16 storage


def test_window_is_the_sum_of_the_terms_a_token_is_in(model: CharLM) -> None:
    rng = np.random.default_rng(3)
    size = len(model.vocabulary)
    a, b, c, r1, r2 = (rng.integers(0, size, 400).astype(np.int32) for _ in range(5))
    r1[::5] = 0  # a sentence bound: the third term does not depend on c
    expected = model.logprob(a, b, c) + model.logprob(b, c, r1) + np.where(r1 != 0, model.logprob(c, r1, r2), 0.0)
    assert np.allclose(model.window(a, b, c, r1, r2), expected)
