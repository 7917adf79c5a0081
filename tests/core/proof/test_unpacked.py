"""The unpacked copy of the model and lexicon in the cache: the same numbers as the packed
file, mapped rather than read, and no error when the cache is corrupt or cannot be written."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from kuaibao.core.proof import lexicon, unpacked
from kuaibao.core.proof.charlm import CharLM
from kuaibao.core.proof.lmbuild import count, estimate
from kuaibao.core.proof.tokens import vocabulary_from_counts

TEXT = "\n".join(
    ["县政府召开常务会议研究部署秋季秸秆禁烧工作", "东屯镇召开秸秆禁烧工作推进会", "县政府研究部署消费工作"] * 4
)


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KUAIBAO_CACHE_DIR", str(tmp_path / "cache"))
    counts: dict[str, int] = {}
    for char in TEXT.replace("\n", ""):
        counts[char] = counts.get(char, 0) + 1
    vocabulary = vocabulary_from_counts(counts)
    ids, _ = vocabulary.encode(TEXT)
    model = CharLM(vocabulary, estimate(count(ids, len(vocabulary)), len(vocabulary), min_trigram=1))
    model.extras["candidate_ids"] = np.arange(5, dtype=np.uint16)
    path = tmp_path / "model.npz"
    model.save(path)
    return path


def _scores(model: CharLM) -> np.ndarray:
    rng = np.random.default_rng(7)
    a, b, c = (rng.integers(0, len(model.vocabulary), 2000).astype(np.int32) for _ in range(3))
    ids, _ = model.vocabulary.encode("县政府召开常务会议")
    return np.concatenate([model.logprob(a, b, c), model.sentence_terms(ids), model.seen(a, b).astype(float)])


def test_second_load_maps_the_cached_copy_with_the_same_numbers(saved: Path) -> None:
    first = CharLM.load(saved)
    copies = list(unpacked.cache_dir().glob("proof-model-*.bin"))
    assert len(copies) == 1
    second = CharLM.load(saved)
    assert not second.tables.trigram_logp.flags.writeable  # a read-only mapping of the file
    np.testing.assert_array_equal(_scores(first), _scores(second))
    np.testing.assert_array_equal(second.extras["candidate_ids"], np.arange(5))
    assert second.vocabulary.chars == first.vocabulary.chars and second.meta == first.meta


def test_corrupt_copy_falls_back_to_the_packed_file(saved: Path) -> None:
    expected = _scores(CharLM.load(saved))
    (copy,) = unpacked.cache_dir().glob("proof-model-*.bin")
    copy.write_bytes(copy.read_bytes()[:100])
    np.testing.assert_array_equal(_scores(CharLM.load(saved)), expected)
    copy.write_bytes(b"not a model")
    np.testing.assert_array_equal(_scores(CharLM.load(saved)), expected)


def test_unwritable_cache_is_no_error(saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("KUAIBAO_CACHE_DIR", str(blocker / "cache"))
    expected = _scores(CharLM.load(saved))
    np.testing.assert_array_equal(_scores(CharLM.load(saved)), expected)


def test_a_new_model_file_gets_a_new_copy(saved: Path) -> None:
    CharLM.load(saved)
    saved.write_bytes(saved.read_bytes())  # same bytes, new time: rebuilt, not trusted
    CharLM.load(saved)
    assert len(list(unpacked.cache_dir().glob("proof-model-*.bin"))) == 2


def test_cached_lexicon_is_the_built_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUAIBAO_CACHE_DIR", str(tmp_path))
    dictionary = lexicon.jieba_dictionary()
    assert dictionary is not None
    built = lexicon._load(dictionary)
    assert list(tmp_path.glob("proof-lexicon-*.bin"))
    cached = lexicon._load(dictionary)
    assert cached == built


def test_old_copies_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUAIBAO_CACHE_DIR", str(tmp_path))
    arrays = {"x": np.arange(3)}
    for n in range(unpacked.KEEP + 2):
        time.sleep(0.02)  # distinct modification times
        assert unpacked.write_arrays(tmp_path / f"proof-model-{n}.bin", arrays, {})
    left = sorted(p.name for p in tmp_path.glob("proof-model-*.bin"))
    assert len(left) == unpacked.KEEP and f"proof-model-{unpacked.KEEP + 1}.bin" in left
    found = unpacked.read_arrays(tmp_path / f"proof-model-{unpacked.KEEP + 1}.bin")
    assert found is not None and found[0]["x"].tolist() == [0, 1, 2]
