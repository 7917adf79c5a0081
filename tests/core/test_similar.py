"""Similar items: resemblance by character 4-grams, the shared passages mapped back to the
original text, the probes used to find candidates."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kuaibao.core import similar

ITEM = "东屯镇狠抓项目建设促进经济发展 定期召开重点指标、重点项目、重点工作任务落实情况汇报会，实时掌握项目建设进度。"
OTHER = "县商务局依托特色产业引领电商行业促消费助振兴 开展直播带货活动，带动农产品销售。"


def test_a_re_report_resembles_and_an_unrelated_item_does_not() -> None:
    shorter = ITEM[:40]
    assert similar.resemblance(similar.grams(ITEM), similar.grams(shorter)) == 1.0
    assert similar.resemblance(similar.grams(ITEM), similar.grams(OTHER)) < similar.THRESHOLD


def test_spacing_punctuation_and_width_do_not_matter() -> None:
    spaced = ITEM.replace("，", ", ").replace("项目", "项 目")
    assert similar.resemblance(similar.grams(ITEM), similar.grams(spaced)) > 0.9


def test_passages_point_into_both_original_texts() -> None:
    other = "据悉，东屯镇定期召开重点指标、重点项目、重点工作任务落实情况汇报会。"
    found = similar.passages(other, ITEM)
    assert found
    passage = found[0]
    assert other[passage.start : passage.end] in ITEM
    assert "重点指标" in ITEM[passage.other_start : passage.other_end]


def test_marked_cuts_the_text_around_the_spans() -> None:
    assert similar.marked("甲乙丙丁", [(1, 3)]) == [("甲", False), ("乙丙", True), ("丁", False)]


def test_probes_are_phrases_of_the_text() -> None:
    probes = similar.probes(ITEM)
    assert probes and all(len(p) == 8 and p in similar.fold(ITEM) for p in probes)


@given(st.text(max_size=60), st.text(max_size=60))
def test_resemblance_is_between_zero_and_one_and_symmetric(a: str, b: str) -> None:
    ga, gb = similar.grams(a), similar.grams(b)
    score = similar.resemblance(ga, gb)
    assert 0.0 <= score <= 1.0 and score == similar.resemblance(gb, ga)
