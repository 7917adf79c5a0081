"""Words that are never right: 截止 for 截至, 累积 for 累计, common misspellings."""

from __future__ import annotations

import pytest

from tests.core.proof.helpers import found


@pytest.mark.parametrize(
    ("text", "shown", "fixed"),
    [
        ("截止目前，共排查隐患12处。", "截止", "截至"),
        ("截止2023年底，", "截止", "截至"),
        ("截至到目前，", "截至到", "截至"),
        ("累积更换破损垃圾桶350个。", "累积", "累计"),
        ("认真布署下一步工作。", "布署", "部署"),
        ("再接再励，", "再接再励", "再接再厉"),
    ],
)
def test_reports_wrong_word(text: str, shown: str, fixed: str) -> None:
    assert ("wording.confusion", shown, fixed) in found(text)


@pytest.mark.parametrize(
    "text", ["申报截止日期为9月30日。", "截止到9月30日。", "累积了宝贵经验。", "累计发放45.19万张。"]
)
def test_leaves_right_words_alone(text: str) -> None:
    assert found(text) == []
