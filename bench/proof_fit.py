"""Choose the substitution detector's weights and threshold by cross-validation, and say how
well that choice does on text it was not chosen on.

The development set (a path on the command line, format of ../shared/proof-dev/) is split
into five folds of consecutive lines. For each fold, a logistic regression over the suspects'
features (kuaibao.core.proof.substitution.FEATURES; label: the suspect's place is a gold
error) is fitted on the other four, the threshold is the lowest score at which those four
folds' sentence-level detection precision reaches --precision, and the fifth fold is scored
with both. The weights printed at the end are the same procedure on all five folds: paste
them into `Weights` (the figures to believe are the per-fold ones, not a rerun on the file).

Nothing is learnt from the set but these dozen numbers; the language model and the confusion
sets never see it.

    .venv/bin/python bench/proof_fit.py ../shared/proof-dev/textproof.tsv
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kuaibao.core.proof.lexicon import base_lexicon  # noqa: E402
from kuaibao.core.proof.spelling import shared_detector  # noqa: E402
from kuaibao.core.proof.substitution import FEATURES, Weights  # noqa: E402

FOLDS = 5
LOW = -8.0  # score floor for collecting suspects: far below any threshold chosen


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    column: int
    features: tuple[float, ...]
    hit: bool  # the place is a gold error
    fixes: bool  # the candidate is the gold correction


def read(path: Path) -> list[tuple[str, str]]:
    return [tuple(line.split("\t", 1)) for line in path.read_text("utf-8").split("\n") if line]  # type: ignore[misc]


def collect(pairs: list[tuple[str, str]]) -> list[Row]:
    detector = shared_detector()
    assert detector is not None, "the model is not built"
    # Collect with a neutral linear score so that every plausible suspect is kept.
    # Every place with a candidate the model likes at all, its two best candidates by gain, all
    # with word evidence: what the fitted model will see at its threshold.
    loose = Weights(coefficients=dict.fromkeys(FEATURES, 0.0) | {"gain": 1.0, "lexical": 1e-9}, bias=0.0, threshold=0.0)
    collector = type(detector)(detector.model, detector.table, detector.words, loose)
    text = "".join(source + "\n" for source, _ in pairs)
    starts, position = [], 0
    for source, _ in pairs:
        starts.append(position)
        position += len(source) + 1
    rows = []
    for suspect in collector.suspects(text, threshold=LOW, lexicon=base_lexicon(), finalists=2, every=True):
        line = bisect_right(starts, suspect.offset) - 1
        column = suspect.offset - starts[line]
        source, target = pairs[line]
        rows.append(
            Row(line, column, suspect.features, source[column] != target[column], target[column] == suspect.candidate)
        )
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method with a small ridge (the bias unpenalised)."""
    design = np.hstack([np.ones((x.shape[0], 1)), x])
    w = np.zeros(design.shape[1])
    ridge = np.eye(design.shape[1]) * l2
    ridge[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(design @ w)))
        gradient = design.T @ (p - y) + ridge @ w
        hessian = (design.T * (p * (1 - p))) @ design + ridge
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def sentence_scores(
    rows: list[Row], scores: np.ndarray, lines: set[int], pairs: list[tuple[str, str]], threshold: float
):
    """Sentence-level detection P, R, F1 and false-alarm rate over `lines` at `threshold`
    (one suspect a place; the best of neighbours, as the detector does)."""
    flagged: dict[int, bool] = {}
    for row, score in zip(rows, scores, strict=True):
        if row.line in lines and score >= threshold:
            flagged[row.line] = flagged.get(row.line, False) or row.hit
    wrong = sum(1 for n in lines if pairs[n][0] != pairs[n][1])
    clean = len(lines) - wrong
    tp = sum(flagged.values())
    p = tp / len(flagged) if flagged else 0.0
    r = tp / wrong if wrong else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    false_alarms = sum(1 for n in flagged if pairs[n][0] == pairs[n][1]) / clean if clean else 0.0
    return p, r, f, false_alarms


def choose_threshold(rows, scores, lines, pairs, precision: float) -> float:
    """The lowest threshold at which detection precision on `lines` reaches `precision`."""
    for threshold in np.arange(-4.0, 8.0, 0.05):
        p, r, _f, _fa = sentence_scores(rows, scores, lines, pairs, float(threshold))
        if p >= precision and r > 0:
            return float(threshold)
    return 8.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--precision", type=float, default=0.93, help="precision wanted on the training folds")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--model", type=Path, help="another model file (default: the shipped one)")
    args = parser.parse_args()
    if args.model:
        from kuaibao.core.proof import charlm

        charlm.MODEL_PATH = args.model
    pairs = read(args.data)
    rows = collect(pairs)
    x = np.array([row.features for row in rows])
    y = np.array([float(row.hit) for row in rows])
    fold_of = np.array([row.line * FOLDS // len(pairs) for row in rows])
    print(f"{len(rows)} suspects, {int(y.sum())} on gold errors; features: {', '.join(FEATURES)}")
    totals = []
    for fold in range(FOLDS):
        train = fold_of != fold
        w = fit(x[train], y[train], args.l2)
        scores = w[0] + x @ w[1:]
        train_lines = {n for n in range(len(pairs)) if n * FOLDS // len(pairs) != fold}
        test_lines = set(range(len(pairs))) - train_lines
        threshold = choose_threshold(rows, scores, train_lines, pairs, args.precision)
        p, r, f, fa = sentence_scores(rows, scores, test_lines, pairs, threshold)
        totals.append((p, r, f, fa))
        print(
            f"fold {fold + 1}: threshold {threshold:5.2f}  "
            f"detection P {p:.3f} R {r:.3f} F1 {f:.3f}  false alarms {fa:.1%}"
        )
    mean = np.mean(np.array(totals), axis=0)
    print(f"mean of folds: P {mean[0]:.3f} R {mean[1]:.3f} F1 {mean[2]:.3f} false alarms {mean[3]:.1%}")
    w = fit(x, y, args.l2)
    all_lines = set(range(len(pairs)))
    threshold = choose_threshold(rows, w[0] + x @ w[1:], all_lines, pairs, args.precision)
    print("\nWeights(")
    print("    coefficients={")
    for name, value in zip(FEATURES, w[1:], strict=True):
        print(f'        "{name}": {value:.3f},')
    print("    },")
    print(f"    bias={w[0]:.3f},")
    print(f"    threshold={threshold:.2f},")
    print(")")


if __name__ == "__main__":
    main()
