"""The substitution rule: a character that a confusable one would make much likelier
(还代款 → 还贷款, 下请上传 → 下情上传, 打羸 → 打赢), found by the statistical detector
(kuaibao.core.proof.substitution) with the shipped model, and explained: which candidate, by
which relation, how much the language model and the words gain, and how sure it is."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

from kuaibao.core.proof import adapt, charlm
from kuaibao.core.proof.adapt import ArchiveCounts
from kuaibao.core.proof.confusion import CandidateTable, Relation
from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding, Severity
from kuaibao.core.proof.substitution import Detector, Suspect
from kuaibao.core.proof.wordtable import WordTable

RULE_SOUND = "spell.sound"
RULE_SHAPE = "spell.shape"
# Findings this sure are errors; below, warnings.
SURE = 0.9

_lock = threading.Lock()
_detector: Detector | None = None


def shared_detector() -> Detector | None:
    """The detector with the shipped model (None when the model files are missing)."""
    global _detector
    if _detector is None:
        model = charlm.shared_model()
        if model is None or "candidate_ids" not in model.extras or "word_keys" not in model.extras:
            return None
        with _lock:
            if _detector is None:
                words = WordTable.from_arrays(model.extras)
                _detector = Detector(model, CandidateTable.from_arrays(model.extras), words)
    return _detector


def check(ctx: Context) -> Iterator[Finding]:
    detector = shared_detector()
    if detector is None:
        return
    adaptation = ctx.config.adaptation
    for suspect in detector.suspects(ctx.text, lexicon=ctx.lexicon):
        if adaptation is not None and len(adaptation):
            suspect = adapted(detector, adaptation, ctx.text, suspect)
            if suspect.score < detector.weights.threshold:
                continue  # the office writes it this way
        yield finding(ctx, suspect)


def adapted(detector: Detector, counts: ArchiveCounts, text: str, suspect: Suspect) -> Suspect:
    """The suspect rescored with the archive's counts mixed into the language model."""
    gain = adapt.adapted_gain(detector.model, counts, text, suspect.offset, suspect.candidate)
    weight = detector.weights.coefficients.get("gain", 0.0)
    return replace(
        suspect,
        features=(gain, *suspect.features[1:]),
        score=suspect.score + weight * (gain - suspect.gain),
    )


def finding(ctx: Context, suspect: Suspect) -> Finding:
    rule = RULE_SHAPE if suspect.relation == Relation.SHAPE else RULE_SOUND
    severity = Severity.error if suspect.confidence >= SURE else Severity.warning
    return ctx.finding(
        rule, suspect.offset, suspect.offset + 1, explain(ctx.text, suspect), suspect.candidate, severity
    )


def explain(text: str, suspect: Suspect) -> str:
    """One sentence: the candidate, the relation, the evidence and the confidence."""
    start, end = max(0, suspect.offset - 2), min(len(text), suspect.offset + 3)
    shown = text[start:end].replace("\n", "")
    k = suspect.offset - start
    fixed = shown[:k] + suspect.candidate + shown[k + 1 :]
    words = "，且能组成常见词语" if suspect.words > 0 or suspect.features[-1] > 0 else ""
    return (
        f"“{suspect.written}”疑为{suspect.relation.label}字“{suspect.candidate}”之误：“{shown}”→“{fixed}”"
        f"（换字后语言模型得分高 {suspect.gain:.1f}{words}；把握 {suspect.confidence:.0%}）"
    )
