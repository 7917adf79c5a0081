"""Wrong words that are never right, whatever the office's lists say: 截止 for 截至 before a
point in time, 累积 for 累计 before a count, and common misspellings (布署, 再接再励).

截止 means "stop at" (申报截止日期; 截止到 9 月 30 日 is accepted), 截至 "up to" a time:
截至目前, 截至 8 月底. 累计 sums counts (累计发放 45 万张); 累积 is to accumulate (积累经验).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding

RULE = "wording.confusion"

_TIME_POINT = r"(?:目前|当前|今年|去年|本月|上月|本周|年底|年末|\d|[一二三四五六七八九十]{1,3}月)"
_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(rf"截止(?=\s*{_TIME_POINT})"), "截至", "表示“到某时为止”应写“截至”；“截止”是到期停止"),
    (re.compile(r"截至(?:到|至|于)"), "截至", "“截至”已含“到”，不再加“到”“至”“于”"),
    (re.compile(r"累积(?=[\u4e00-\u9fff]{0,10}\s*\d)"), "累计", "合计数量用“累计”；“累积”是逐渐积聚"),
)

# Misspellings that are never a word: (written, right).
MISSPELLINGS = (
    ("布署", "部署"), ("按排", "安排"), ("既使", "即使"), ("一如继往", "一如既往"), ("再接再励", "再接再厉"),
    ("迫不急待", "迫不及待"), ("不径而走", "不胫而走"), ("甘败下风", "甘拜下风"), ("默守成规", "墨守成规"),
    ("走头无路", "走投无路"), ("声名雀起", "声名鹊起"), ("谈笑风声", "谈笑风生"), ("入场卷", "入场券"),
    ("精兵减政", "精兵简政"), ("出奇不意", "出其不意"), ("美仑美奂", "美轮美奂"), ("金榜提名", "金榜题名"),
    ("食不裹腹", "食不果腹"), ("直接了当", "直截了当"), ("相辅相承", "相辅相成"), ("一愁莫展", "一筹莫展"),
    ("坐阵", "坐镇"), ("震憾", "震撼"), ("松驰", "松弛"), ("幅射", "辐射"), ("气慨", "气概"), ("寒喧", "寒暄"),
)  # fmt: skip
_MISSPELLING = re.compile("|".join(re.escape(wrong) for wrong, _ in MISSPELLINGS))
_RIGHT = dict(MISSPELLINGS)


def check(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for pattern, fixed, message in _PATTERNS:
        for match in pattern.finditer(text):
            yield ctx.finding(RULE, match.start(), match.end(), message, fixed)
    for match in _MISSPELLING.finditer(text):
        right = _RIGHT[match.group(0)]
        yield ctx.finding(RULE, match.start(), match.end(), f"“{match.group(0)}”是错别字，应为“{right}”", right)
