"""Properties of the engine: it never crashes, and every finding points at its own text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuaibao.core.proof import IssueRecord, Leader, ProofConfig, Proofreader
from kuaibao.core.render.plain import render_markdown, render_text
from tests.golden import CORPUS, CORPUS_NAMES
from tests.strategies import bulletin_lines, bulletins

READER = Proofreader(ProofConfig(units=("县商务局", "东屯镇"), leaders=(Leader("张伟", ("县长",)),)))
ARCHIVE = [
    IssueRecord("第12期", "延津政务快报", 12, dt.date(2023, 9, 1), "延津县人民政府办公室", "县委常委。", ("商务局",))
]
# Characters that the rules look at, mixed with anything else.
TRICKY = '县人大大正副主任数据管理局约余多左右截至月底日年第期（）()“”"《》【】，。、；：,.;:!?-－~～—至到 \n０１2万亿%平方等常的一十张伟'
READER.lexicon  # noqa: B018 - load the dictionary before the first example is timed
CORPUS_TEXTS = [(CORPUS / f"{name}.txt").read_text("utf-8") for name in CORPUS_NAMES]


def points_at_its_text(text: str) -> None:
    lines = text.split("\n")
    for finding in READER.check(text, archive=ARCHIVE):
        assert finding.text and text[finding.offset : finding.end] == finding.text
        assert lines[finding.line - 1][finding.column - 1 :].startswith(finding.text.split("\n")[0])
        assert finding.message


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=200) | st.text(max_size=300))
def test_arbitrary_text_never_crashes(text: str) -> None:
    points_at_its_text(text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(bulletin_lines, max_size=40), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_bulletin_like_lines_never_crash(lines: list[str], newline: str) -> None:
    points_at_its_text(newline.join(lines))


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(bulletins(), st.booleans())
def test_rendered_bulletins_never_crash(bulletin: object, markdown: bool) -> None:
    render = render_markdown if markdown else render_text
    points_at_its_text(render(bulletin))  # type: ignore[arg-type]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(CORPUS_TEXTS), st.integers(0, 10_000), st.text(alphabet=st.sampled_from(TRICKY), max_size=6))
def test_corpus_with_an_edit_never_crashes(text: str, at: int, insert: str) -> None:
    at %= len(text)
    points_at_its_text(text[:at] + insert + text[at:])
