"""The gold comparison itself: pairing by span and counting per field set."""

from __future__ import annotations

from kuaibao.core.figures.evaluate import evaluate

TEXTS = {(0, "body"): "完成项目交易15个，交易额达21.4亿。"}
GOLD = [
    {"item": 0, "field": "body", "text": "15个", "value": "15", "unit": "个", "metric": "完成项目交易", "approx": None, "change": None, "basis": None, "time": None},
    {"item": 0, "field": "body", "text": "21.4亿", "value": "2140000000", "unit": "元", "metric": "交易额", "approx": None, "change": None, "basis": None, "time": None},
]


def predicted(**changes: object) -> list[dict[str, object]]:
    out = [dict(g, start=TEXTS[(0, "body")].find(g["text"]), end=0) for g in GOLD]  # type: ignore[arg-type]
    for figure in out:
        figure["end"] = figure["start"] + len(figure["text"])  # type: ignore[operator]
    out[1].update(changes)
    return out


def test_identical_figures_score_one() -> None:
    result = evaluate(predicted(), GOLD, TEXTS)
    assert result.score("all").f1 == 1.0 and result.problems == []


def test_a_wrong_metric_counts_against_metric_sets_only() -> None:
    result = evaluate(predicted(metric="交易"), GOLD, TEXTS)
    assert result.score("value").f1 == 1.0
    assert result.score("value+unit+metric").true_positives == 1
    assert result.problems == ["item 0 body '21.4亿': metric '交易' != '交易额'"]


def test_values_compare_as_decimals() -> None:
    assert evaluate(predicted(value="2140000000.00"), GOLD, TEXTS).score("value").f1 == 1.0


def test_missed_and_extra_figures_lower_recall_and_precision() -> None:
    extra = dict(predicted()[0], text="交易", start=4, end=6)
    result = evaluate([predicted()[0], extra], GOLD, TEXTS)
    score = result.score("span")
    assert (score.true_positives, score.predicted, score.gold) == (1, 2, 2)
    assert "item 0 body: missed '21.4亿'" in result.problems
    assert "item 0 body: extra '交易'" in result.problems
