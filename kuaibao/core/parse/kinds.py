"""What a document that is no bulletin is: a 公文, a report, an invoice, a certificate, ….

When the recogniser finds no masthead, the user should read what the file is, not "no 期号".
The signs are the documents' own (GB/T 9704 for 公文): a 发文字号 such as 东政办〔2021〕38号, a
red head "…文件", the 主送 line ending in a colon, the 印发 line at the foot; a title ending in
报告, 请示, 通知 …; an invoice's 发票代码.
"""

from __future__ import annotations

import re

from kuaibao.core.parse.blocks import Block

__all__ = ["describe"]

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,5}\s*号")
_RED_HEAD = re.compile(r"^\S{2,30}(?:文件|函)$")
_RECIPIENTS = re.compile(r"^[^，。；]{2,80}[:：]$")
_PRINTED = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发\s*$")
# 关于… at the start, or after the issuing office (太湖县人民政府关于印发…的通知)
_DOC_TITLE = re.compile(r"^(?:[\u4e00-\u9fff（）()]{2,30}?)?关于\S")
_REPORT_TITLE = re.compile(r"^[^，。；：！？,;:]{4,60}(?:报告|情况汇报)$")
_TITLE_KINDS = (
    ("报告", "报告"),
    ("情况汇报", "报告"),
    ("汇报", "报告"),
    ("请示", "公文（请示）"),
    ("通知", "公文（通知）"),
    ("通报", "公文（通报）"),
    ("批复", "公文（批复）"),
    ("意见", "公文（意见）"),
    ("决定", "公文（决定）"),
    ("函", "公文（函）"),
    ("方案", "工作方案"),
    ("总结", "工作总结"),
    ("讲话", "讲话稿"),
    ("纪要", "会议纪要"),
)
_OTHERS = (
    (re.compile(r"发票代码|发票号码|电子发票|增值税.{0,6}发票"), "发票"),
    (re.compile(r"许可证|不动产权|证书号|证明第"), "证照"),
    (re.compile(r"收文日期|来文单位|来文文号|收文登记"), "收文处理单"),
)


def _lines(blocks: list[Block], limit: int) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if block.rule:
            continue
        out.extend(line.strip() for line in block.text.split("\n") if line.strip())
        if len(out) >= limit:
            break
    return out[:limit]


def describe(blocks: list[Block]) -> str | None:
    """ "这是…，不是快报" for a document of a known other kind, or None."""
    head = _lines(blocks, 20)
    text = "\n".join(head)
    number = _DOC_NUMBER.search(text)
    for pattern, kind in _OTHERS:
        if pattern.search(text):
            return f"这是{kind}，不是快报"
    title = next((line for line in head if _DOC_TITLE.match(line) and len(line) <= 80), None)
    if title is None:  # a report's title names no matter with 关于: 某局2018年度整体支出绩效评价报告
        title = next((line for line in head if _REPORT_TITLE.match(line)), None)
    if number:
        what = "文号“" + re.sub(r"\s+", "", number.group(0)) + "”"
        if title:
            what += f"，《{title}》"
        return f"这是公文（{what}），不是快报"
    all_lines = _lines(blocks, 10_000)
    gongwen_signs = sum(
        (
            any(_RED_HEAD.match(line) for line in head[:4]),
            any(_RECIPIENTS.match(line) for line in head),
            any(_PRINTED.search(line) for line in all_lines[-6:]),
            any(line.startswith(("抄送：", "抄送:", "主送：", "主送:")) for line in all_lines),
        )
    )
    if title:
        for ending, kind in _TITLE_KINDS:
            if title.endswith(ending):
                if kind == "报告" and gongwen_signs < 2:
                    return f"这是报告（《{title}》），不是快报"
                return f"这是{kind if kind.startswith('公文') else '公文'}（《{title}》），不是快报"
    if gongwen_signs >= 2:
        return "这是公文（有红头、主送或印发等公文要素），不是快报"
    return None
